package configstore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportLegacy(t *testing.T) {
	legacyCreds := Credentials{Token: "legacy-token", ProjectID: 77}
	const legacyFile = `{"collectors":{"cloud":{"token":"legacy-token","projectID":77,"name":"old"}}}`
	tests := []struct {
		name       string
		legacy     string // "-" for no legacy file
		dst        string // "-" for no destination file
		wantCreds  Credentials
		wantErr    func(error) bool
		dstChanged bool
	}{
		{
			name: "imports into a missing file", legacy: legacyFile, dst: "-",
			wantCreds: legacyCreds, dstChanged: true,
		},
		{
			name: "imports into a file without credentials, keeping its keys", legacy: legacyFile,
			dst:       `{"collectors":{"cloud":{"hostv6":"h","token":null}},"x":1}`,
			wantCreds: legacyCreds, dstChanged: true,
		},
		{
			name: "never replaces existing credentials", legacy: legacyFile,
			dst:     `{"collectors":{"cloud":{"token":"current"}}}`,
			wantErr: func(err error) bool { return errors.Is(err, ErrAlreadyHasCredentials) },
		},
		{
			name: "a stack ID alone counts as credentials", legacy: legacyFile,
			dst:     `{"collectors":{"cloud":{"stackID":5}}}`,
			wantErr: func(err error) bool { return errors.Is(err, ErrAlreadyHasCredentials) },
		},
		{
			name: "an invalid destination is not replaced (unlike k6's migration)", legacy: legacyFile,
			dst: "{not json",
			wantErr: func(err error) bool {
				var pe *ParseError
				return errors.As(err, &pe) && strings.HasSuffix(pe.Path, filepath.Join("k6", "config.json"))
			},
		},
		{
			name: "an invalid legacy file is reported", legacy: "[1,",
			dst:     "-",
			wantErr: func(err error) bool { var pe *ParseError; return errors.As(err, &pe) },
		},
		{name: "no legacy file: nothing to do", legacy: "-", dst: "-"},
		{name: "legacy file without a token: nothing to do", legacy: `{"collectors":{"cloud":{"projectID":1}}}`, dst: `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			legacyPath := filepath.Join(dir, "loadimpact", "k6", "config.json")
			dstPath := filepath.Join(dir, "k6", "config.json")
			if tt.legacy != "-" {
				writeFile(t, legacyPath, tt.legacy, 0o644)
			}
			if tt.dst != "-" {
				writeFile(t, dstPath, tt.dst, 0o600)
			}
			creds, res, err := ImportLegacy(legacyPath, New(dstPath))
			switch {
			case tt.wantErr != nil && !tt.wantErr(err):
				t.Fatalf("error = %v", err)
			case tt.wantErr == nil && err != nil:
				t.Fatalf("error = %v", err)
			}
			if creds != tt.wantCreds {
				t.Errorf("creds = %+v, want %+v", creds, tt.wantCreds)
			}
			if res.Path != dstPath {
				t.Errorf("SaveResult.Path = %q", res.Path)
			}
			after, readErr := os.ReadFile(dstPath)
			switch {
			case tt.dstChanged:
				snap, err := New(dstPath).Load()
				if err != nil || snap.Credentials != tt.wantCreds {
					t.Errorf("destination holds %+v, %v", snap.Credentials, err)
				}
				if tt.dst != "-" && !strings.Contains(string(after), `"x": 1`) {
					t.Errorf("destination lost its keys:\n%s", after)
				}
			case tt.dst == "-":
				if readErr == nil {
					t.Errorf("destination was created:\n%s", after)
				}
			case string(after) != tt.dst:
				t.Errorf("destination changed:\n%s", after)
			}
			if legacyAfter, err := os.ReadFile(legacyPath); err == nil && string(legacyAfter) != tt.legacy {
				t.Errorf("legacy file changed")
			}
		})
	}
}

func TestLegacyCredentials(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	if _, ok, err := LegacyCredentials(path); ok || err != nil {
		t.Errorf("missing legacy file: ok=%v err=%v", ok, err)
	}
	writeFile(t, path, `{"collectors":{"cloud":{"token":"t","stackID":"3"}}}`, 0o644)
	c, ok, err := LegacyCredentials(path)
	if !ok || err != nil || c != (Credentials{Token: "t", StackID: 3}) {
		t.Errorf("LegacyCredentials = %+v, %v, %v", c, ok, err)
	}
}

func TestAlreadyHasCredentialsMessage(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, "legacy.json")
	dst := filepath.Join(dir, "config.json")
	writeFile(t, legacy, `{"collectors":{"cloud":{"token":"a"}}}`, 0o600)
	writeFile(t, dst, `{"collectors":{"cloud":{"token":"b"}}}`, 0o600)
	_, _, err := ImportLegacy(legacy, New(dst))
	if err == nil || !strings.Contains(err.Error(), dst) {
		t.Errorf("error %v does not name the destination", err)
	}
}
