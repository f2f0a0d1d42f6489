package configstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzMerge saves credentials into arbitrary file contents. Save must never
// panic; a file it cannot read must be left byte for byte; a file that is a
// JSON object must come out as valid JSON whose non-login keys mean exactly
// what they meant before, with the new credentials readable, by k6 too.
func FuzzMerge(f *testing.F) {
	for _, d := range duplicateLogins {
		f.Add([]byte(d.content))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		path := filepath.Join(t.TempDir(), "config.json")
		if err := os.WriteFile(path, input, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := New(path).Save(fullCreds)
		output, readErr := os.ReadFile(path)
		if readErr != nil {
			t.Fatal(readErr)
		}

		trimmed := bytes.TrimSpace(input)
		objectLike := len(trimmed) == 0 || string(trimmed) == "null" || (json.Valid(trimmed) && trimmed[0] == '{')
		if err != nil {
			if !bytes.Equal(output, input) {
				t.Fatalf("Save failed (%v) but changed the file", err)
			}
			var te *TypeError
			if objectLike && !errors.As(err, &te) {
				t.Fatalf("Save of a JSON object failed: %v", err)
			}
			if !objectLike && !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("Save of a non-object failed with %v, want ErrInvalidConfig", err)
			}
			return
		}
		if !objectLike {
			t.Fatalf("Save accepted %q", input)
		}
		if !json.Valid(output) {
			t.Fatalf("output is not valid JSON:\n%s", output)
		}
		if got, want := withoutLoginKeys(t, output), withoutLoginKeys(t, input); !reflect.DeepEqual(got, want) {
			t.Fatalf("non-login keys changed\ninput:  %s\noutput: %s", input, output)
		}
		snap, err := New(path).Load()
		if err != nil || snap.Credentials != fullCreds {
			t.Fatalf("Load after Save = %+v, %v", snap.Credentials, err)
		}
		if tok := k6Token(t, string(output)); tok != fullCreds.Token {
			t.Fatalf("k6 would read the token %q:\n%s", tok, output)
		}
	})
}
