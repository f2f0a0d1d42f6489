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
// what they meant before, with the new credentials readable.
func FuzzMerge(f *testing.F) {
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
	})
}

// FuzzValidJSON checks the hand-written validator and pretty-printer against
// encoding/json, which is what k6 reads the file with.
func FuzzValidJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"a":[1,-0.5e+3,"\u00e9\"",true,false,null,{}]}`, `{"a":1,}`,
		`[01]`, `1.`, `"\x"`, "\"\x01\"", `{"a" 1}`, "\"\xff\"", ` 1 `, `{"a":{"b":[[]]}}`,
		"{\n  \"a\": {\n    \"b\": [\n      1,\n      {}\n    ]\n  },\n  \"c\": [ ]\n}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkValidJSON)
}

// checkValidJSON is FuzzValidJSON's check of one input.
func checkValidJSON(t *testing.T, data []byte) {
	t.Helper()
	{
		valid := json.Valid(data)
		members, ok := validateTopLevel(data)
		if ok != valid {
			t.Fatalf("validateTopLevel = %v, json.Valid = %v for %q", ok, valid, data)
		}
		if !valid {
			return
		}
		trimmed := bytes.TrimSpace(data)
		var want bytes.Buffer
		if err := json.Indent(&want, trimmed, "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, trimmed); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("appendIndented differs from json.Indent\n got: %s\nwant: %s", got, want.Bytes())
		}
		if trimmed[0] == '{' {
			parsed, err := parseObject(trimmed)
			if err != nil {
				t.Fatal(err)
			}
			if len(parsed.members) != len(members) {
				t.Fatalf("validator found %d members, parseObject %d", len(members), len(parsed.members))
			}
			for i, m := range members {
				if !bytes.Equal(m.rawKey, parsed.members[i].rawKey) || !bytes.Equal(m.value, parsed.members[i].value) {
					t.Fatalf("member %d differs: %q=%q vs %q=%q", i, m.rawKey, m.value, parsed.members[i].rawKey, parsed.members[i].value)
				}
				// encode copies a canonical member as is: it must be exactly
				// what indenting would produce, and should be whenever it can.
				if indented := appendIndentedAt(nil, m.value, 1); m.canonical != bytes.Equal(indented, m.value) {
					t.Fatalf("member %d: canonical = %v for %q (indented: %q)", i, m.canonical, m.value, indented)
				}
				// encode copies a verbatim member's source text as is: it must
				// be the key, ": " and the canonical value.
				afterKey, valueStart := m.at+len(m.rawKey), cap(data)-cap(m.value)
				verbatim := m.canonical && bytes.Equal(data[m.at:afterKey], m.rawKey) &&
					valueStart == afterKey+2 && string(data[afterKey:valueStart]) == ": "
				if m.verbatim != verbatim {
					t.Fatalf("member %d: verbatim = %v for %q", i, m.verbatim, data[m.at:valueStart+len(m.value)])
				}
			}
			// An untouched document encodes as json.Indent would write it.
			if d, err := parseDocument("config.json", data); err == nil && len(members) > 0 {
				if got, want := d.encode(), append(want.Bytes(), '\n'); !bytes.Equal(got, want) {
					t.Fatalf("encode differs from json.Indent\n got: %s\nwant: %s", got, want)
				}
				if segs, _ := d.segments(nil, nil); !bytes.Equal(bytes.Join(segs, nil), d.encode()) {
					t.Fatalf("segments differ from encode: %q", segs)
				}
			}
		}
	}
}

// TestValidJSONEdges runs checkValidJSON on inputs aimed at the validator's
// shortcuts, which read the data a word at a time and take the layout encode
// writes for granted: a file k6login wrote, every prefix of it (so that
// values, keys and separators end at every distance from the end of the
// data) and every change of one byte to it, or insertion of one, from a set of
// troublesome bytes.
func TestValidJSONEdges(t *testing.T) {
	doc := appendIndented(nil, []byte(`{"a":{"k":"v","key7chr":"1234567","key8char":"12345678",`+
		`"fifteen-bytes-k":"\u00e9\"","sixteen-bytes-ke":-0.5e+3,"n":[1234567,12345678,0,0.1000,1E7,-1e-7,`+
		`12345678901234567890],"t":true,"f":false,"z":null,"e":{},"l":[],"d":[[{"x":[[1]]}]]},`+
		`"tail0":[null,false,{"k":"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"}],"end":null}`))
	doc = append(doc, '\n')
	for n := range len(doc) + 1 {
		checkValidJSON(t, doc[:n])
	}
	var mutated []byte
	for i := range doc {
		for _, c := range []byte("\"\\ \n\t\r\x00\x01\x1f\x7f\xff,:{}[]0159.eE-+tu") {
			mutated = append(append(mutated[:0], doc...), 0)
			mutated[i] = c // replaced
			checkValidJSON(t, mutated[:len(doc)])
			copy(mutated[i+1:], doc[i:])
			checkValidJSON(t, mutated) // inserted
		}
	}
	for _, s := range []string{
		`{"a": 1}`, `{"a":  1}`, `{"a" : 1}`, "{\"a\":\n1}", `{"a\"b": 1}`, `{"a\\": 1}`, "{\"a\x01\": 1}",
		"[\n  1,\n  2\n]", "[\n  1 ,\n  2\n]", "[\n  1,\n   2\n]", "[\n  1,\n  2 \n]", "[\n 1\n]",
		"{\n  \"a\": [\n    1\n  ]\n}", "{\n  \"a\": [\n    1\n  }\n}", "{\n  \"a\": {\n    \"b\": 1\n  ]\n}",
		`[1234567.]`, `[1234567e]`, `[12345678.5]`, `[01234567]`, `[-01]`, `[1e+]`, `[1.e5]`,
		`["1234567"]`, `["12345678"]`, `["1234567\"]`, "[\"1234567\x00\"]", `["\u12G4"]`, `["\q"]`,
	} {
		checkValidJSON(t, []byte(s))
	}
}
