package configstore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	pretty := appendIndented(nil, []byte(b.String()))
	return append(pretty, '\n')
}

func BenchmarkSaveMerge1MB(b *testing.B) {
	path := filepath.Join(b.TempDir(), "config.json")
	data := bigConfig(1 << 20)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.Logf("file size %d bytes", len(data))
	s := New(path)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
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
