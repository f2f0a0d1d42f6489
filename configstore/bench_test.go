package configstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bigConfig builds a config of about size bytes as k6login writes it
// (pretty-printed, so every save rewrites the same size): many unknown keys
// with nested values, and the cloud collector in the middle.
func bigConfig(size int) []byte {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; b.Len() < size*35/100; i++ {
		fmt.Fprintf(&b, "\"extension%d\": {\"enabled\": true, \"ratio\": 0.1000, \"ids\": [%d, 12345678901234567890, -1e-7], \"name\": \"ext \\u00e9 %d\"},", i, i, i)
	}
	b.WriteString("\"collectors\": {\"cloud\": {\"token\": \"old\", \"stackID\": 1, \"name\": \"bench\"}},")
	for i := 0; b.Len() < size*69/100; i++ { // pretty-printing adds about 45%
		fmt.Fprintf(&b, "\"tail%d\": [null, false, {\"k\": \"%s\"}],", i, strings.Repeat("v", 40))
	}
	b.WriteString("\"end\": null}")
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, []byte(b.String()), "", "  "); err != nil {
		panic(err)
	}
	pretty.WriteByte('\n')
	return pretty.Bytes()
}

// measureSyncs times every fsync of the writes in b and reports their mean
// per op as fsync-ns/op: the durability guarantee costs that much of the op
// on this file system, whatever our code does.
func measureSyncs(b *testing.B) {
	var spent time.Duration
	testHookSync = func(sync func() error) error {
		start := time.Now()
		err := sync()
		spent += time.Since(start)
		return err
	}
	b.Cleanup(func() {
		testHookSync = nil
		b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N), "fsync-ns/op")
	})
}

// BenchmarkSaveMerge1MB is a whole save: lock, read, parse, merge, encode,
// write a temporary file, fsync it, rename it, fsync the folder.
func BenchmarkSaveMerge1MB(b *testing.B) {
	path := filepath.Join(b.TempDir(), "config.json")
	data := bigConfig(1 << 20)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.Logf("file size %d bytes", len(data))
	s := New(path)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	measureSyncs(b)
	for i := 0; b.Loop(); i++ {
		if _, err := s.Save(Credentials{Token: fmt.Sprint("tok", i), StackID: 2, StackURL: "https://x.grafana.net", DefaultProjectID: 3}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMerge1MB is the same without the file system: parse, merge, encode.
func BenchmarkMerge1MB(b *testing.B) {
	data := bigConfig(1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := parseDocument("config.json", data)
		if err != nil {
			b.Fatal(err)
		}
		if err := d.setCredentials(fullCreds); err != nil {
			b.Fatal(err)
		}
		_ = d.encode()
	}
}

// BenchmarkWriteAtomic1MB is the file-system part of a save alone: temporary
// file, one write, fsync, rename, fsync of the folder.
func BenchmarkWriteAtomic1MB(b *testing.B) {
	path := filepath.Join(b.TempDir(), "config.json")
	data := bigConfig(1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	measureSyncs(b)
	for b.Loop() {
		if _, err := writeFileAtomic(path, data); err != nil {
			b.Fatal(err)
		}
	}
}
