package jsontext

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// toAny converts a parsed value to what encoding/json decodes with UseNumber,
// so the two can be compared.
func toAny(v Value) any {
	switch v.Kind {
	case Null:
		return nil
	case Bool:
		return v.boolean
	case Number:
		return json.Number(v.text)
	case String:
		return v.text
	case Array:
		out := make([]any, 0, len(v.items))
		for _, item := range v.items {
			out = append(out, toAny(item))
		}
		return out
	case Object:
		out := map[string]any{}
		for _, m := range v.members {
			out[m.Name] = toAny(m.Value)
		}
		return out
	}
	panic("invalid value")
}

func decodeStd(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// checkAgainstEncodingJSON is the property every input must have: Parse
// accepts what encoding/json accepts and reads the same values from it.
func checkAgainstEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	v, err := Parse(data)
	if (err == nil) != json.Valid(data) {
		t.Fatalf("Parse(%q) error %v, json.Valid %v", data, err, json.Valid(data))
	}
	if err != nil {
		if se, ok := err.(*SyntaxError); !ok || se.Offset < 0 || se.Offset > len(data) {
			t.Fatalf("Parse(%q): error %#v is no SyntaxError within the text", data, err)
		}
		return
	}
	want, err := decodeStd(data)
	if err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	if got := toAny(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse(%q) = %#v, encoding/json %#v", data, got, want)
	}
	// What we write reads back the same.
	for _, indent := range []string{"", "  "} {
		out := AppendIndent(nil, v, indent)
		back, err := decodeStd(out)
		if err != nil || !reflect.DeepEqual(back, want) {
			t.Fatalf("AppendIndent(%q) = %q: reads back as %#v, %v", data, out, back, err)
		}
	}
}

var agreementCases = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e-3`, `-12E+7`, `12345678901234567890`,
	` {"a" : [1, 2, {"b": null}], "c": "d"} `,
	`{"a": 1, "a": 2}`,
	`"\u00e9\ud83d\ude00\n\t\"\\\/\b\f"`,
	`"\ud83d"`, `"\ud83d\u0041"`, `"\ude00\ud83d"`, `"a\ud83dx"`,
	"\"\xff\xfe\"", "\"ok\xc3\"", "\"\xed\xa0\x80\"",
	`"\u2028<&>"`,
	// Not JSON.
	``, ` `, `{`, `}`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `01`, `1.`, `.5`, `-`, `1e`, `1e+`, `+1`,
	`tru`, `nul`, `"abc`, `"\x"`, `"\u12"`, `"\u12g4"`, "\"a\x01b\"", `[1 2]`, `{} {}`, `{}x`, `"\`,
	`NaN`, `Infinity`, `'a'`,
}

func TestParseAgreesWithEncodingJSON(t *testing.T) {
	for _, c := range agreementCases {
		checkAgainstEncodingJSON(t, []byte(c))
	}
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	if _, err := Parse([]byte(deep)); err == nil {
		t.Error("nesting deeper than 10000 was accepted")
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range agreementCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkAgainstEncodingJSON(t, data)
	})
}

func quoteStd(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func FuzzAppendQuote(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c", "\x00\x01\b\f\n\r\t\x1f\x7f", "\u2028\u2029", "\xff\xc3", "https://x.grafana.net/?a=1&b=<2>", "é😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(AppendQuote(nil, s)), quoteStd(s); got != want {
			t.Fatalf("AppendQuote(%q) = %s, encoding/json %s", s, got, want)
		}
		back, ok := Unquote(AppendQuote(nil, s))
		if !ok || string([]rune(s)) != back { // each invalid byte becomes U+FFFD
			t.Fatalf("Unquote(AppendQuote(%q)) = %q, %v", s, back, ok)
		}
	})
}

func TestAppendIndentMatchesMarshalIndent(t *testing.T) {
	type inner struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	stamp := time.Date(2026, 11, 23, 18, 0, 0, 123000000, time.UTC)
	std := struct {
		Path      string    `json:"path"`
		Count     int64     `json:"count"`
		Zero      int64     `json:"zero,omitempty"`
		Gone      string    `json:"gone,omitempty"`
		Kept      bool      `json:"kept"`
		Items     []inner   `json:"items"`
		None      []inner   `json:"none"`
		Empty     struct{}  `json:"empty"`
		When      time.Time `json:"when"`
		NotYet    time.Time `json:"notYet,omitzero"`
		Ampersand string    `json:"amp"`
	}{"/tmp/k6/config.json", 42, 0, "", true, []inner{{1, "a"}, {2, "b"}}, []inner{}, struct{}{}, stamp, time.Time{}, "a&b"}
	want, err := json.MarshalIndent(std, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = bytes.ReplaceAll(want, []byte(`\u0026`), []byte("&")) // we keep & readable, as SetEscapeHTML(false)
	v := ObjectValue(
		Field("path", StringValue("/tmp/k6/config.json")),
		Field("count", IntValue(42)),
		OmitEmpty("zero", IntValue(0)),
		OmitEmpty("gone", StringValue("")),
		Field("kept", BoolValue(true)),
		Field("items", ArrayValue(
			ObjectValue(Field("id", IntValue(1)), Field("name", StringValue("a"))),
			ObjectValue(Field("id", IntValue(2)), Field("name", StringValue("b"))))),
		Field("none", ArrayValue()),
		Field("empty", ObjectValue()),
		Field("when", TimeValue(stamp)),
		OmitEmpty("notYet", NullValue()),
		Field("amp", StringValue("a&b")),
	)
	if got := AppendIndent(nil, v, "  "); string(got) != string(want) {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAccessors(t *testing.T) {
	v, err := Parse([]byte(`{"id": 5000000104, "big": 9223372036854775808, "f": 1.0, "e": 1e3, "s": "x", "b": false, "n": null, "a": [1]}`))
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := mustGet(t, v, "id").Int64(); !ok || n != 5000000104 {
		t.Errorf("id = %d, %v", n, ok)
	}
	for _, name := range []string{"big", "f", "e", "s"} {
		if _, ok := mustGet(t, v, name).Int64(); ok {
			t.Errorf("%s read as a whole number", name)
		}
	}
	if s, ok := mustGet(t, v, "s").Str(); !ok || s != "x" {
		t.Errorf("s = %q, %v", s, ok)
	}
	if b, ok := mustGet(t, v, "b").Boolean(); !ok || b {
		t.Errorf("b = %v, %v", b, ok)
	}
	if k := mustGet(t, v, "n").Kind; k != Null {
		t.Errorf("n is %v", k.Article())
	}
	if a := mustGet(t, v, "a"); a.Kind != Array || len(a.Items()) != 1 || a.Offset != strings.Index(`{"id": 5000000104, "big": 9223372036854775808, "f": 1.0, "e": 1e3, "s": "x", "b": false, "n": null, "a": [1]}`, "[") {
		t.Errorf("a = %#v", a)
	}
	if a := mustGet(t, v, "a"); a.End != a.Offset+3 {
		t.Errorf("the array [1] ends at %d, starts at %d", a.End, a.Offset)
	}
	if _, ok := v.Get("missing"); ok {
		t.Error("a missing member was found")
	}
}

func mustGet(t *testing.T, v Value, name string) Value {
	t.Helper()
	m, ok := v.Get(name)
	if !ok {
		t.Fatalf("no member %q", name)
	}
	return m
}
