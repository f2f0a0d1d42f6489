package configstore

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

var fullCreds = Credentials{Token: "tok", StackID: 12, StackURL: "https://a.grafana.net", DefaultProjectID: 34, ProjectID: 56}

func TestSaveMerge(t *testing.T) {
	tests := []struct {
		name  string
		input string // "" with missing set means no file
		creds Credentials
		want  string
	}{
		{
			name:  "empty file",
			input: "",
			creds: fullCreds,
			want: `{
  "collectors": {
    "cloud": {
      "token": "tok",
      "stackID": 12,
      "stackURL": "https://a.grafana.net",
      "defaultProjectID": 34,
      "projectID": 56
    }
  }
}
`,
		},
		{
			name: "unknown keys at every level keep their order and text",
			input: `{"zeta":{"b":1,"a":[1e400, 12345678901234567890, 0.1000,-0,"\u00e9\/<&>"]},` +
				`"collectors":{"influxdb":{"db":"k6"},"cloud":{"name":"n","token":"old","extra":{"y":null,"x":true},"hostv6":"h"},"z":[]},` +
				`"alpha":"\"quoted\"","empty":{}}`,
			creds: Credentials{Token: "new&<>", StackID: 9007199254740993},
			want: `{
  "zeta": {
    "b": 1,
    "a": [
      1e400,
      12345678901234567890,
      0.1000,
      -0,
      "\u00e9\/<&>"
    ]
  },
  "collectors": {
    "influxdb": {
      "db": "k6"
    },
    "cloud": {
      "name": "n",
      "token": "new&<>",
      "extra": {
        "y": null,
        "x": true
      },
      "hostv6": "h",
      "stackID": 9007199254740993
    },
    "z": []
  },
  "alpha": "\"quoted\"",
  "empty": {}
}
`,
		},
		{
			name:  "projectID 0 removes the key so k6 follows the stack default",
			input: `{"collectors":{"cloud":{"projectID":7,"token":"a","stackID":1,"stackURL":"u","defaultProjectID":2}}}`,
			creds: Credentials{Token: "b", StackID: 3, StackURL: "v", DefaultProjectID: 4},
			want: `{
  "collectors": {
    "cloud": {
      "token": "b",
      "stackID": 3,
      "stackURL": "v",
      "defaultProjectID": 4
    }
  }
}
`,
		},
		{
			name:  "k6 --reset nulls are replaced in place",
			input: `{"collectors":{"cloud":{"token":null,"a":1,"stackID":null,"stackURL":null,"defaultProjectID":null,"projectID":null}}}`,
			creds: Credentials{Token: "t", StackID: 1, StackURL: "u", DefaultProjectID: 2},
			want: `{
  "collectors": {
    "cloud": {
      "token": "t",
      "a": 1,
      "stackID": 1,
      "stackURL": "u",
      "defaultProjectID": 2
    }
  }
}
`,
		},
		{
			name:  "null collectors and cloud become objects",
			input: `{"a":1,"collectors":null}`,
			creds: Credentials{Token: "t"},
			want: `{
  "a": 1,
  "collectors": {
    "cloud": {
      "token": "t"
    }
  }
}
`,
		},
		{
			name:  "missing cloud is added after other collectors",
			input: `{"collectors":{"csv":{"file":"x"},"cloud":null}}`,
			creds: Credentials{Token: "t"},
			want: `{
  "collectors": {
    "csv": {
      "file": "x"
    },
    "cloud": {
      "token": "t"
    }
  }
}
`,
		},
		{
			name:  "other spellings of a login key are replaced, since k6 would read them",
			input: `{"Collectors":{"cloud":{"Token":"a","x":0,"TOKEN":"b","stackid":5}}}`,
			creds: Credentials{Token: "t"},
			want: `{
  "Collectors": {
    "cloud": {
      "token": "t",
      "x": 0
    }
  }
}
`,
		},
		{
			name:  "top-level null",
			input: "null",
			creds: Credentials{ProjectID: 1},
			want: `{
  "collectors": {
    "cloud": {
      "projectID": 1
    }
  }
}
`,
		},
		{
			name:  "CRLF and tabs are normalised",
			input: "{\r\n\t\"a\" : [ ],\r\n\t\"b\":{ }\r\n}\r\n",
			creds: Credentials{Token: "t"},
			want: `{
  "a": [],
  "b": {},
  "collectors": {
    "cloud": {
      "token": "t"
    }
  }
}
`,
		},
		{
			name:  "saving nothing into an empty object",
			input: `{}`,
			creds: Credentials{},
			want:  "{}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFile(t, path, tt.input, 0o600)
			res, err := New(path).Save(tt.creds)
			if err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != tt.want {
				t.Errorf("file:\n%s\nwant:\n%s", got, tt.want)
			}
			if res.Created || res.TightenedFrom != 0 || res.Path != path {
				t.Errorf("SaveResult = %+v", res)
			}
			snap, err := New(path).Load()
			if err != nil || snap.Credentials != tt.creds {
				t.Errorf("Load after Save = %+v, %v; want %+v", snap.Credentials, err, tt.creds)
			}
			noTempFiles(t, filepath.Dir(path))
		})
	}
}

func TestClear(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{
			name:  "removes the five keys, null or not, and keeps the rest",
			input: `{"collectors":{"cloud":{"token":"a","name":"n","stackID":null,"stackURL":"u","defaultProjectID":2,"projectID":null,"timeout":"5s"}},"x":1}`,
			want:  "{\n  \"collectors\": {\n    \"cloud\": {\n      \"name\": \"n\",\n      \"timeout\": \"5s\"\n    }\n  },\n  \"x\": 1\n}\n",
		},
		{
			name:  "other spellings go too",
			input: `{"collectors":{"cloud":{"Token":"a","TOKEN":"b"}}}`,
			want:  "{\n  \"collectors\": {\n    \"cloud\": {}\n  }\n}\n",
		},
		{
			name:  "nothing to remove: the file is not rewritten",
			input: `{"collectors":{"cloud":{"name":"n"}},   "x" : 1}`,
			want:  `{"collectors":{"cloud":{"name":"n"}},   "x" : 1}`,
		},
		{
			name:  "no collectors: not rewritten",
			input: `{"a":[1,2]}`,
			want:  `{"a":[1,2]}`,
		},
		{
			name:  "keys in an earlier duplicate of collectors go too, though k6 does not read them",
			input: `{"collectors":{"cloud":{"token":"a"}},"collectors":{"cloud":{}}}`,
			want:  "{\n  \"collectors\": {\n    \"cloud\": {}\n  },\n  \"collectors\": {\n    \"cloud\": {}\n  }\n}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFile(t, path, tt.input, 0o600)
			if _, err := New(path).Clear(); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != tt.want {
				t.Errorf("file:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestClearMissingFileCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "k6")
	res, err := New(filepath.Join(dir, "config.json")).Clear()
	if err != nil || res.Created {
		t.Fatalf("Clear = %+v, %v", res, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Clear created %s: %v", dir, err)
	}
}

// withoutLoginKeys decodes a config and drops what Save and Clear may change:
// the login keys in collectors.cloud, and collectors/cloud themselves when
// that leaves them empty (Save creates them).
func withoutLoginKeys(t testing.TB, data []byte) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if len(strings.TrimSpace(string(data))) > 0 {
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("invalid JSON %q: %v", data, err)
		}
	}
	root, _ := v.(map[string]any)
	if root == nil {
		root = map[string]any{}
	}
	for key, coll := range root {
		if !strings.EqualFold(key, "collectors") {
			continue
		}
		collMap, ok := coll.(map[string]any)
		if !ok {
			if coll == nil {
				delete(root, key)
			}
			continue
		}
		if cloud, ok := collMap["cloud"].(map[string]any); ok {
			for k := range cloud {
				for _, owned := range ownedKeys {
					if strings.EqualFold(k, owned) {
						delete(cloud, k)
					}
				}
			}
			if len(cloud) == 0 {
				delete(collMap, "cloud")
			}
		} else if collMap["cloud"] == nil {
			delete(collMap, "cloud")
		}
		if len(collMap) == 0 {
			delete(root, key)
		}
	}
	return root
}

func TestSaveThenClearKeepsEverythingElse(t *testing.T) {
	inputs := []string{
		readFile(t, "testdata/k6-v1.8.1-config.json"),
		`{"b":{"x":[{"k":"v"}]},"collectors":{"cloud":{"name":"n","token":"t0","q":0.1000},"other":{}},"a":12345678901234567890}`,
		`{}`,
		`{"collectors":{}}`,
	}
	for i, input := range inputs {
		path := filepath.Join(t.TempDir(), "config.json")
		writeFile(t, path, input, 0o600)
		s := New(path)
		if _, err := s.Save(fullCreds); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Clear(); err != nil {
			t.Fatal(err)
		}
		got := []byte(readFile(t, path))
		if !reflect.DeepEqual(withoutLoginKeys(t, got), withoutLoginKeys(t, []byte(input))) {
			t.Errorf("input %d: after Save and Clear:\n%s", i, got)
		}
		// The text of untouched values survives, not only their meaning.
		for _, lit := range []string{"0.1000", "12345678901234567890"} {
			if strings.Contains(input, lit) && !strings.Contains(string(got), lit) {
				t.Errorf("input %d: %s was rewritten", i, lit)
			}
		}
	}
}

func TestFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permission bits")
	}
	t.Run("new file at a new -c path: parents 0700, file 0600", func(t *testing.T) {
		base := t.TempDir()
		path := filepath.Join(base, "a", "b", "config.json")
		res, err := New(path).Save(fullCreds)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Created || res.TightenedFrom != 0 {
			t.Errorf("SaveResult = %+v", res)
		}
		for _, dir := range []string{filepath.Join(base, "a"), filepath.Join(base, "a", "b")} {
			if got := perm(t, dir); got != 0o700 {
				t.Errorf("%s mode %v, want 0700", dir, got)
			}
		}
		if got := perm(t, path); got != 0o600 {
			t.Errorf("file mode %v", got)
		}
	})
	for _, mode := range []fs.FileMode{0o644, 0o666, 0o640, 0o604, 0o755} {
		t.Run("looser "+mode.String()+" is tightened and reported", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFile(t, path, `{"x":1}`, mode)
			res, err := New(path).Save(fullCreds)
			if err != nil {
				t.Fatal(err)
			}
			if res.TightenedFrom != mode || res.Created {
				t.Errorf("SaveResult = %+v, want TightenedFrom %v", res, mode)
			}
			if got := perm(t, path); got != 0o600 {
				t.Errorf("mode %v", got)
			}
		})
	}
	for _, mode := range []fs.FileMode{0o600, 0o400} {
		t.Run("already strict "+mode.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			writeFile(t, path, `{}`, mode)
			res, err := New(path).Save(fullCreds)
			if err != nil || res.TightenedFrom != 0 {
				t.Errorf("Save = %+v, %v", res, err)
			}
			if got := perm(t, path); got != 0o600 {
				t.Errorf("mode %v", got)
			}
		})
	}
}

func TestSymlinkedConfigStaysASymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string) (link, target string)
		exists bool
	}{
		{"relative link", func(t *testing.T, dir string) (string, string) {
			target := filepath.Join(dir, "dotfiles", "k6.json")
			writeFile(t, target, `{"keep":true}`, 0o644)
			link := filepath.Join(dir, "k6", "config.json")
			os.MkdirAll(filepath.Dir(link), 0o700)
			if err := os.Symlink("../dotfiles/k6.json", link); err != nil {
				t.Fatal(err)
			}
			return link, target
		}, true},
		{"chain of links", func(t *testing.T, dir string) (string, string) {
			target := filepath.Join(dir, "real.json")
			writeFile(t, target, `{"keep":true}`, 0o600)
			mid := filepath.Join(dir, "mid.json")
			link := filepath.Join(dir, "config.json")
			if err := os.Symlink(target, mid); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("mid.json", link); err != nil {
				t.Fatal(err)
			}
			return link, target
		}, true},
		{"dangling link creates its target", func(t *testing.T, dir string) (string, string) {
			target := filepath.Join(dir, "store", "sub", "k6.json")
			link := filepath.Join(dir, "config.json")
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			return link, target
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			link, target := tt.setup(t, dir)
			before, _ := os.Readlink(link)
			res, err := New(link).Save(fullCreds)
			if err != nil {
				t.Fatal(err)
			}
			if res.Created == tt.exists || res.Path != link {
				t.Errorf("SaveResult = %+v", res)
			}
			info, err := os.Lstat(link)
			if err != nil || info.Mode()&fs.ModeSymlink == 0 {
				t.Fatalf("%s is no longer a symlink", link)
			}
			if after, _ := os.Readlink(link); after != before {
				t.Errorf("link now points to %q, was %q", after, before)
			}
			got := readFile(t, target)
			if !strings.Contains(got, `"token": "tok"`) || (tt.exists && !strings.Contains(got, `"keep": true`)) {
				t.Errorf("target:\n%s", got)
			}
			if perm(t, target) != 0o600 {
				t.Errorf("target mode %v", perm(t, target))
			}
			snap, err := New(link).Load()
			if err != nil || snap.Credentials != fullCreds {
				t.Errorf("Load through the link = %+v, %v", snap.Credentials, err)
			}
			noTempFiles(t, filepath.Dir(target))
			noTempFiles(t, filepath.Dir(link))
		})
	}
}

// makeUnwritable makes dir refuse new files, even for root (via the immutable
// attribute), and returns the undo.
func makeUnwritable(t *testing.T, dir string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no read-only folders to test with on Windows")
	}
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return
	}
	// Root ignores permission bits; an immutable folder still refuses it.
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("running as root and cannot make a folder immutable: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

func TestReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	const content = `{"collectors":{"cloud":{"token":"old"}}}`
	writeFile(t, path, content, 0o600)
	makeUnwritable(t, dir)
	s := New(path)
	for name, op := range map[string]func() (SaveResult, error){
		"Save":  func() (SaveResult, error) { return s.Save(fullCreds) },
		"Clear": s.Clear,
	} {
		_, err := op()
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, fs.ErrPermission) {
			t.Fatalf("%s error = %T %v, want a permission FileError", name, err, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, dir) || !strings.Contains(msg, "-c or K6_CONFIG") {
			t.Errorf("%s message does not name the folder and the next step: %s", name, msg)
		}
	}
	if got := readFile(t, path); got != content {
		t.Errorf("file changed: %s", got)
	}
	if snap, err := s.Load(); err != nil || snap.Credentials.Token != "old" {
		t.Errorf("Load = %+v, %v", snap, err)
	}
}

func TestStaleTempFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	stale := filepath.Join(dir, ".config.json.tmp-12345")
	other := filepath.Join(dir, ".other.json.tmp-1")
	writeFile(t, stale, `{"collectors":{"cloud":{"token":"leaked"}}}`, 0o600)
	writeFile(t, other, `x`, 0o600)
	if _, err := New(path).Save(fullCreds); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale temp file kept: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file's temp file was removed: %v", err)
	}
}
