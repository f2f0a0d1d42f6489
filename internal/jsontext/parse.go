package jsontext

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds nesting, as encoding/json does, so hostile input cannot
// exhaust the stack.
const maxDepth = 10000

// SyntaxError says where and why a text is not JSON.
type SyntaxError struct {
	// Offset is the byte where the text stops being JSON.
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.Offset, e.Msg)
}

// Parse reads one JSON value that is the whole of data (surrounding
// whitespace aside). It accepts exactly what encoding/json accepts; invalid
// UTF-8 in strings becomes U+FFFD, as there.
func Parse(data []byte) (Value, error) {
	p := parser{data: data}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return Value{}, err
	}
	p.space()
	if p.pos < len(p.data) {
		return Value{}, p.fail("text after the value")
	}
	return v, nil
}

type parser struct {
	data []byte
	pos  int
}

func (p *parser) fail(msg string) error { return &SyntaxError{Offset: p.pos, Msg: msg} }

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (Value, error) {
	v, err := p.valueAt(depth)
	v.End = p.pos
	return v, err
}

func (p *parser) valueAt(depth int) (Value, error) {
	if p.pos >= len(p.data) {
		return Value{}, p.fail("unexpected end of the text")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		if depth >= maxDepth {
			return Value{}, p.fail("nested too deeply")
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= maxDepth {
			return Value{}, p.fail("nested too deeply")
		}
		return p.array(depth + 1)
	case c == '"':
		s, err := p.string()
		return Value{Kind: String, Offset: start, text: s}, err
	case c == '-' || (c >= '0' && c <= '9'):
		lit, err := p.number()
		return Value{Kind: Number, Offset: start, text: lit}, err
	case p.literal("true"):
		return Value{Kind: Bool, Offset: start, boolean: true}, nil
	case p.literal("false"):
		return Value{Kind: Bool, Offset: start}, nil
	case p.literal("null"):
		return Value{Kind: Null, Offset: start}, nil
	}
	return Value{}, p.fail(fmt.Sprintf("unexpected %q where a value should start", p.data[p.pos]))
}

func (p *parser) literal(word string) bool {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *parser) object(depth int) (Value, error) {
	v := Value{Kind: Object, Offset: p.pos}
	p.pos++ // {
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return Value{}, p.fail("expected a member name in quotes")
		}
		name, err := p.string()
		if err != nil {
			return Value{}, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return Value{}, p.fail("expected ':' after a member name")
		}
		p.pos++
		p.space()
		item, err := p.value(depth)
		if err != nil {
			return Value{}, err
		}
		v.members = append(v.members, Member{Name: name, Value: item})
		p.space()
		if p.pos >= len(p.data) {
			return Value{}, p.fail("unexpected end of the text in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.space()
		case '}':
			p.pos++
			return v, nil
		default:
			return Value{}, p.fail("expected ',' or '}' in an object")
		}
	}
}

func (p *parser) array(depth int) (Value, error) {
	v := Value{Kind: Array, Offset: p.pos}
	p.pos++ // [
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		v.items = []Value{}
		return v, nil
	}
	for {
		item, err := p.value(depth)
		if err != nil {
			return Value{}, err
		}
		v.items = append(v.items, item)
		p.space()
		if p.pos >= len(p.data) {
			return Value{}, p.fail("unexpected end of the text in an array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			p.space()
		case ']':
			p.pos++
			return v, nil
		default:
			return Value{}, p.fail("expected ',' or ']' in an array")
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and returns its text.
func (p *parser) number() (string, error) {
	start := p.pos
	d := p.data
	if d[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(d) && d[p.pos] == '0':
		p.pos++
	case p.pos < len(d) && isDigit(d[p.pos]):
		for p.pos < len(d) && isDigit(d[p.pos]) {
			p.pos++
		}
	default:
		return "", p.fail("expected a digit in a number")
	}
	if p.pos < len(d) && d[p.pos] == '.' {
		p.pos++
		if p.pos >= len(d) || !isDigit(d[p.pos]) {
			return "", p.fail("expected a digit after the decimal point")
		}
		for p.pos < len(d) && isDigit(d[p.pos]) {
			p.pos++
		}
	}
	if p.pos < len(d) && (d[p.pos] == 'e' || d[p.pos] == 'E') {
		p.pos++
		if p.pos < len(d) && (d[p.pos] == '+' || d[p.pos] == '-') {
			p.pos++
		}
		if p.pos >= len(d) || !isDigit(d[p.pos]) {
			return "", p.fail("expected a digit in the exponent")
		}
		for p.pos < len(d) && isDigit(d[p.pos]) {
			p.pos++
		}
	}
	return string(d[start:p.pos]), nil
}

// string reads a quoted string at p.pos and returns its text.
func (p *parser) string() (string, error) {
	end, plain, err := scanString(p.data, p.pos)
	if err != nil {
		return "", err
	}
	lit := p.data[p.pos:end]
	p.pos = end
	if plain {
		return string(lit[1 : len(lit)-1]), nil
	}
	s, _ := Unquote(lit)
	return s, nil
}

// scanString finds the end of the string literal starting at data[start]
// (a quote) and reports whether it is plain: no escapes and valid UTF-8, so
// its text is the bytes between the quotes.
func scanString(data []byte, start int) (end int, plain bool, err error) {
	plain = true
	i := start + 1
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			return i + 1, plain, nil
		case c < 0x20:
			return 0, false, &SyntaxError{Offset: i, Msg: "a control character in a string"}
		case c == '\\':
			plain = false
			i++
			if i >= len(data) {
				break
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+5 > len(data) || !isHex4(data[i+1:i+5]) {
					return 0, false, &SyntaxError{Offset: i, Msg: `a \u escape without four hex digits`}
				}
				i += 5
			default:
				return 0, false, &SyntaxError{Offset: i, Msg: fmt.Sprintf("an unknown escape \\%c", data[i])}
			}
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			i += size
		}
	}
	return 0, false, &SyntaxError{Offset: len(data), Msg: "a string without its closing quote"}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
			return false
		}
	}
	return true
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		r <<= 4
		switch {
		case isDigit(c):
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		default:
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

// Unquote decodes a whole string literal, quotes included, as encoding/json
// does: escapes resolved, surrogate pairs joined, a lone surrogate or invalid
// UTF-8 turned into U+FFFD. It reports false for anything else.
func Unquote(lit []byte) (string, bool) {
	if len(lit) < 2 || lit[0] != '"' {
		return "", false
	}
	end, plain, err := scanString(lit, 0)
	if err != nil || end != len(lit) {
		return "", false
	}
	body := lit[1 : len(lit)-1]
	if plain {
		return string(body), true
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			r, size := utf8.DecodeRune(body[i:])
			out = utf8.AppendRune(out, r) // RuneError for an invalid byte
			i += size
			continue
		}
		i++
		switch body[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hex4(body[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) {
				if i+7 <= len(body) && body[i+1] == '\\' && body[i+2] == 'u' && isHex4(body[i+3:i+7]) {
					if pair := utf16.DecodeRune(r, hex4(body[i+3:i+7])); pair != utf8.RuneError {
						r = pair
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, body[i])
		}
		i++
	}
	return string(out), true
}
