package configstore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile is subject to umask
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func perm(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// noTempFiles fails when a temporary file of writeFileAtomic is left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestResolvePath(t *testing.T) {
	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	if runtime.GOOS != "linux" {
		t.Skip("XDG_CONFIG_HOME only steers os.UserConfigDir on Linux and BSDs")
	}
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name       string
		flag       string
		env        map[string]string
		wantPath   string
		wantSource PathSource
	}{
		{"flag wins over everything", "/x/flag.json", map[string]string{"K6_CONFIG": "/x/env.json"}, "/x/flag.json", PathFlag},
		{"K6_CONFIG wins over the default", "", map[string]string{"K6_CONFIG": "/x/env.json"}, "/x/env.json", PathEnv},
		{"default under the user config dir", "", nil, filepath.Join(xdg, "k6", "config.json"), PathDefault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, src, err := ResolvePath(tt.flag, env(tt.env))
			if err != nil || got != tt.wantPath || src != tt.wantSource {
				t.Errorf("ResolvePath = %q, %v, %v; want %q, %v", got, src, err, tt.wantPath, tt.wantSource)
			}
		})
	}
	legacy, err := LegacyPath()
	if want := filepath.Join(xdg, "loadimpact", "k6", "config.json"); err != nil || legacy != want {
		t.Errorf("LegacyPath = %q, %v; want %q", legacy, err, want)
	}
}

func TestLoad(t *testing.T) {
	type want struct {
		creds      Credentials
		hostV6     string
		timeout    time.Duration
		timeoutSet bool
	}
	tests := []struct {
		name    string
		content string
		want    want
	}{
		{"minimal file k6 accepts", `{"collectors":{"cloud":{"token":"x"}}}`, want{creds: Credentials{Token: "x"}}},
		{"empty file holds nothing", "", want{}},
		{"blank file holds nothing", " \n\t", want{}},
		{"top-level null holds nothing", "null", want{}},
		{"null collectors", `{"collectors":null}`, want{}},
		{"null cloud", `{"collectors":{"cloud":null}}`, want{}},
		{"nulls are unset (k6 --reset)", `{"collectors":{"cloud":{"token":null,"stackID":null,"stackURL":null,"defaultProjectID":null,"projectID":null,"timeout":null,"hostv6":null}}}`, want{}},
		{
			"all keys",
			`{"collectors":{"cloud":{"token":"t","stackID":12,"stackURL":"https://a.grafana.net","defaultProjectID":34,"projectID":56,"hostv6":"http://127.0.0.1:9","timeout":"30s"}}}`,
			want{Credentials{"t", 12, "https://a.grafana.net", 34, 56}, "http://127.0.0.1:9", 30 * time.Second, true},
		},
		{
			"IDs beyond 2^53 stay exact",
			`{"collectors":{"cloud":{"stackID":9007199254740993,"projectID":9223372036854775807}}}`,
			want{creds: Credentials{StackID: 9007199254740993, ProjectID: 9223372036854775807}},
		},
		{
			"numeric strings and integral numbers are read leniently",
			`{"collectors":{"cloud":{"stackID":"42","defaultProjectID":" 7 ","projectID":12.0}}}`,
			want{creds: Credentials{StackID: 42, DefaultProjectID: 7, ProjectID: 12}},
		},
		{"empty ID string is unset", `{"collectors":{"cloud":{"projectID":""}}}`, want{}},
		{"timeout in milliseconds", `{"collectors":{"cloud":{"timeout":1500}}}`, want{timeout: 1500 * time.Millisecond, timeoutSet: true}},
		{"timeout as a numeric string", `{"collectors":{"cloud":{"timeout":"250"}}}`, want{timeout: 250 * time.Millisecond, timeoutSet: true}},
		{"timeout as a compound duration", `{"collectors":{"cloud":{"timeout":"1m30s"}}}`, want{timeout: 90 * time.Second, timeoutSet: true}},
		{"key case as encoding/json reads it", `{"Collectors":{"cloud":{"TOKEN":"x","StackId":3}}}`, want{creds: Credentials{Token: "x", StackID: 3}}},
		{"last duplicate wins, like encoding/json", `{"collectors":{"cloud":{"token":"a"}},"collectors":{"cloud":{"token":"b","token":"c"}}}`, want{creds: Credentials{Token: "c"}}},
		{"unicode escapes in values", `{"collectors":{"cloud":{"token":"\u0061b"}}}`, want{creds: Credentials{Token: "ab"}}},
		{"other collectors ignored", `{"collectors":{"influxdb":{"token":"no"},"cloud":{}}}`, want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFile(t, path, tt.content, 0o640)
			snap, err := New(path).Load()
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			got := want{snap.Credentials, snap.HostV6, snap.Timeout, snap.TimeoutSet}
			if got != tt.want {
				t.Errorf("Load = %+v, want %+v", got, tt.want)
			}
			if !snap.Exists || snap.Mode != 0o640 || snap.Path != path {
				t.Errorf("Exists, Mode, Path = %v, %v, %q", snap.Exists, snap.Mode, snap.Path)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "config.json")
	snap, err := New(path).Load()
	if err != nil || snap.Exists || !snap.Credentials.Empty() || snap.Path != path {
		t.Errorf("Load of a missing file = %+v, %v", snap, err)
	}
}

func TestLoadK6Fixture(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	fixture := readFile(t, "testdata/k6-v1.8.1-config.json")
	writeFile(t, path, fixture, 0o644)
	snap, err := New(path).Load()
	if err != nil {
		t.Fatal(err)
	}
	want := Credentials{
		Token:            "glc_eyJvIjoiMTIzNDU2NyIsIm4iOiJrNi10ZXN0IiwiayI6IkFCQ0RFRkdISUpLTE1OT1AiLCJtIjp7InIiOiJ1cyJ9fQ==",
		StackID:          1234567,
		StackURL:         "https://mystack.grafana.net",
		DefaultProjectID: 3456789,
	}
	if snap.Credentials != want || snap.TimeoutSet || snap.HostV6 != "" {
		t.Errorf("Load = %+v", snap)
	}

	// A new login replaces the four keys in place and keeps all of k6's nulls.
	s := New(path)
	if _, err := s.Save(Credentials{Token: "new", StackID: 1, StackURL: "https://b.grafana.net", DefaultProjectID: 2, ProjectID: 3}); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	wantFile := strings.NewReplacer(
		`"token": "`+want.Token+`"`, `"token": "new"`,
		`"projectID": null`, `"projectID": 3`,
		`"stackID": 1234567`, `"stackID": 1`,
		`"stackURL": "https://mystack.grafana.net"`, `"stackURL": "https://b.grafana.net"`,
		`"defaultProjectID": 3456789`, `"defaultProjectID": 2`,
	).Replace(fixture)
	if got != wantFile {
		t.Errorf("after Save:\n%s\nwant:\n%s", got, wantFile)
	}

	// Clear removes the five keys, null or not, and nothing else.
	if _, err := s.Clear(); err != nil {
		t.Fatal(err)
	}
	got = readFile(t, path)
	var kept []string
	for _, line := range strings.Split(fixture, "\n") {
		key := strings.TrimSpace(line)
		isLogin := false
		for _, k := range ownedKeys {
			isLogin = isLogin || strings.HasPrefix(key, `"`+k+`"`)
		}
		if !isLogin {
			kept = append(kept, line)
		}
	}
	wantFile = strings.Join(kept, "\n")
	wantFile = strings.Replace(wantFile, `"tracesPushConcurrency": null,`, `"tracesPushConcurrency": null`, 1)
	if got != wantFile {
		t.Errorf("after Clear:\n%s\nwant:\n%s", got, wantFile)
	}
	if snap, err := s.Load(); err != nil || !snap.Credentials.Empty() {
		t.Errorf("Load after Clear = %+v, %v", snap.Credentials, err)
	}
}

func TestLoadAfterK6Reset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	fixture := readFile(t, "testdata/k6-v1.8.1-config.json")
	reset := strings.NewReplacer(
		`"glc_eyJvIjoiMTIzNDU2NyIsIm4iOiJrNi10ZXN0IiwiayI6IkFCQ0RFRkdISUpLTE1OT1AiLCJtIjp7InIiOiJ1cyJ9fQ=="`, "null",
		"1234567", "null", `"https://mystack.grafana.net"`, "null", "3456789", "null").Replace(fixture)
	writeFile(t, path, reset, 0o644)
	snap, err := New(path).Load()
	if err != nil || !snap.Credentials.Empty() {
		t.Errorf("Load after k6 --reset = %+v, %v", snap.Credentials, err)
	}
}

// invalidFiles are files k6login must refuse to rewrite, with the error each gives.
var invalidFiles = []struct {
	name      string
	content   string
	line, col int    // for a *ParseError
	key       string // for a *TypeError ("" is the top level)
}{
	{name: "syntax error", content: "{\n  \"a\": 1,\n  \"b\": x\n}\n", line: 3, col: 8},
	{name: "trailing comma", content: "{\"a\": 1,}", line: 1, col: 9},
	{name: "truncated", content: "{\n  \"collectors\": {", line: 2, col: 18},
	{name: "two values", content: "{} {}", line: 1, col: 4},
	{name: "comment", content: "// k6\n{}", line: 1, col: 1},
	{name: "column counts characters", content: "{\"é€\": x}", line: 1, col: 8},
	{name: "byte order mark", content: "\xef\xbb\xbf{}", line: 1, col: 1},
	{name: "top-level array", content: `[{"collectors":{}}]`, key: ""},
	{name: "top-level string", content: `"x"`, key: ""},
	{name: "collectors is a string", content: `{"collectors":"cloud"}`, key: "collectors"},
	{name: "collectors is an array", content: `{"collectors":[]}`, key: "collectors"},
	{name: "cloud is a number", content: `{"collectors":{"cloud":1}}`, key: "collectors.cloud"},
	{name: "cloud is an array", content: `{"Collectors":{"cloud":[]}}`, key: "Collectors.cloud"},
}

func TestInvalidFileIsNeverOverwritten(t *testing.T) {
	for _, tt := range invalidFiles {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFile(t, path, tt.content, 0o644)
			s := NewWithOptions(path, Options{LockTimeout: time.Second})
			_, loadErr := s.Load()
			_, saveErr := s.Save(Credentials{Token: "t"})
			_, clearErr := s.Clear()
			for op, err := range map[string]error{"Load": loadErr, "Save": saveErr, "Clear": clearErr} {
				if !errors.Is(err, ErrInvalidConfig) {
					t.Errorf("%s error %v does not match ErrInvalidConfig", op, err)
				}
				if err == nil || !strings.Contains(err.Error(), path) {
					t.Errorf("%s error %v does not name the file", op, err)
				}
				var pe *ParseError
				var te *TypeError
				switch {
				case errors.As(err, &pe):
					if pe.Line != tt.line || pe.Col != tt.col || pe.Path != path {
						t.Errorf("%s: ParseError at %d:%d in %q, want %d:%d", op, pe.Line, pe.Col, pe.Path, tt.line, tt.col)
					}
				case errors.As(err, &te):
					if tt.line != 0 || te.Key != tt.key || te.Path != path {
						t.Errorf("%s: TypeError key %q, want %q (%v)", op, te.Key, tt.key, err)
					}
					if tt.key != "" && !strings.Contains(err.Error(), `"`+tt.key+`"`) {
						t.Errorf("%s: message %q does not name the key", op, err)
					}
				default:
					t.Errorf("%s: error %T %v", op, err, err)
				}
			}
			if got := readFile(t, path); got != tt.content {
				t.Errorf("file changed to %q", got)
			}
			if perm(t, path) != 0o644 {
				t.Errorf("mode changed to %v", perm(t, path))
			}
			noTempFiles(t, filepath.Dir(path))
		})
	}
}

func TestLoadRejectsBadLoginValues(t *testing.T) {
	tests := []struct{ content, key string }{
		{`{"collectors":{"cloud":{"token":5}}}`, "collectors.cloud.token"},
		{`{"collectors":{"cloud":{"stackID":"abc"}}}`, "collectors.cloud.stackID"},
		{`{"collectors":{"cloud":{"projectID":1.5}}}`, "collectors.cloud.projectID"},
		{`{"collectors":{"cloud":{"defaultProjectID":99999999999999999999}}}`, "collectors.cloud.defaultProjectID"},
		{`{"collectors":{"cloud":{"stackURL":{}}}}`, "collectors.cloud.stackURL"},
		{`{"collectors":{"cloud":{"timeout":"soon"}}}`, "collectors.cloud.timeout"},
		{`{"collectors":{"cloud":{"timeout":true}}}`, "collectors.cloud.timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFile(t, path, tt.content, 0o600)
			_, err := New(path).Load()
			var te *TypeError
			if !errors.As(err, &te) || te.Key != tt.key {
				t.Fatalf("Load error = %v, want a TypeError for %s", err, tt.key)
			}
			// A login key of the wrong type is ours to replace: Save fixes it.
			if tt.key != "collectors.cloud.timeout" {
				if _, err := New(path).Save(Credentials{Token: "t", StackID: 1, StackURL: "u", DefaultProjectID: 2, ProjectID: 3}); err != nil {
					t.Errorf("Save over a bad login value: %v", err)
				}
			}
		})
	}
}

func TestLoadTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxConfigSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s := New(path)
	_, loadErr := s.Load()
	_, saveErr := s.Save(Credentials{Token: "t"})
	for _, err := range []error{loadErr, saveErr} {
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), "16 MiB") {
			t.Errorf("error = %v, want a FileError about the size", err)
		}
	}
	if info, _ := os.Stat(path); info.Size() != maxConfigSize+1 {
		t.Errorf("file was rewritten")
	}
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := New(dir).Load()
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "folder") {
		t.Errorf("Load of a folder = %v", err)
	}
	if _, err := New(dir).Save(Credentials{Token: "t"}); !errors.As(err, &fe) {
		t.Errorf("Save to a folder = %v", err)
	}
}

func TestDeviceIsNeverReplaced(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/null")
	}
	for _, op := range []func(*Store) error{
		func(s *Store) error { _, err := s.Load(); return err },
		func(s *Store) error { _, err := s.Save(Credentials{Token: "t"}); return err },
		func(s *Store) error { _, err := s.Clear(); return err },
	} {
		err := op(New(os.DevNull))
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), "regular file") {
			t.Errorf("error = %v, want a FileError about a non-regular file", err)
		}
	}
	if info, err := os.Stat(os.DevNull); err != nil || info.Mode()&fs.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device: %v", os.DevNull, err)
	}
	if _, err := os.Lstat(lockPath(os.DevNull)); err == nil {
		t.Errorf("a lock file was created next to %s", os.DevNull)
	}
}
