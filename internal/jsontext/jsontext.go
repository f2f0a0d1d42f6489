// Package jsontext reads and writes the JSON that k6login handles (API
// replies, its accounts file, --json output) without reflection.
//
// encoding/json took about 400 KB of the binary, a third more than its size
// budget allowed; the documents here are small and their shapes fixed, so a
// parsed tree with typed accessors, and a tree built by hand for output,
// serve as well. k6's config file keeps its own order-preserving reader in
// configstore, which uses Unquote and AppendQuote from here.
package jsontext

import (
	"strconv"
	"time"
)

// Kind is the JSON type of a value.
type Kind uint8

// The JSON types.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

// Article names the kind in a sentence: "a string", "an object".
func (k Kind) Article() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Array:
		return "an array"
	case Object:
		return "an object"
	}
	return "nothing"
}

// Value is one JSON value: parsed, with where it was in the text, or built
// for output.
type Value struct {
	Kind Kind
	// Offset and End are where the value starts and ends (exclusive) in the
	// parsed text.
	Offset, End int
	// text is a string's decoded text or a number's literal.
	text    string
	boolean bool
	items   []Value
	members []Member
}

// Member is a name and value of an object.
type Member struct {
	Name  string
	Value Value
	// omitEmpty leaves the member out of the output when its value is empty.
	omitEmpty bool
}

// Get finds a member of an object by its exact name; with duplicates, the
// last one counts, as in encoding/json.
func (v Value) Get(name string) (Value, bool) {
	for i := len(v.members) - 1; i >= 0; i-- {
		if v.members[i].Name == name {
			return v.members[i].Value, true
		}
	}
	return Value{}, false
}

// Members are an object's members in the order of the text.
func (v Value) Members() []Member { return v.members }

// Items are an array's elements.
func (v Value) Items() []Value { return v.items }

// Str is a string's text.
func (v Value) Str() (string, bool) { return v.text, v.Kind == String }

// Boolean is a boolean's value.
func (v Value) Boolean() (bool, bool) { return v.boolean, v.Kind == Bool }

// Int64 is a number written as a whole number that fits in an int64; 1.0,
// 1e3 and numbers out of range are not, as with encoding/json.
func (v Value) Int64() (int64, bool) {
	if v.Kind != Number {
		return 0, false
	}
	n, err := strconv.ParseInt(v.text, 10, 64)
	return n, err == nil
}

// StringValue makes a string.
func StringValue(s string) Value { return Value{Kind: String, text: s} }

// IntValue makes a whole number.
func IntValue(n int64) Value { return Value{Kind: Number, text: strconv.FormatInt(n, 10)} }

// BoolValue makes a boolean.
func BoolValue(b bool) Value { return Value{Kind: Bool, boolean: b} }

// NullValue makes null.
func NullValue() Value { return Value{Kind: Null} }

// TimeValue makes a time as encoding/json writes one (RFC 3339, nanoseconds
// when there are any).
func TimeValue(t time.Time) Value { return StringValue(t.Format(time.RFC3339Nano)) }

// ArrayValue makes an array; no items is [], never null.
func ArrayValue(items ...Value) Value { return Value{Kind: Array, items: items} }

// ObjectValue makes an object of members, written in this order.
func ObjectValue(members ...Member) Value { return Value{Kind: Object, members: members} }

// Field is a member that is always written.
func Field(name string, v Value) Member { return Member{Name: name, Value: v} }

// OmitEmpty is a member left out when its value is "", 0, false, null or an
// empty array or object, like encoding/json's omitempty.
func OmitEmpty(name string, v Value) Member { return Member{Name: name, Value: v, omitEmpty: true} }

func (v Value) empty() bool {
	switch v.Kind {
	case Null, Invalid:
		return true
	case Bool:
		return !v.boolean
	case Number:
		return v.text == "0"
	case String:
		return v.text == ""
	case Array:
		return len(v.items) == 0
	case Object:
		return len(v.members) == 0
	}
	return false
}
