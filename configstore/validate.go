package configstore

// validJSON reports whether data is one JSON value, accepting exactly what
// encoding/json accepts (k6 reads its config with it): invalid UTF-8 inside
// strings is allowed, nesting deeper than 10000 is not. It exists because
// json.Valid is the slowest step of a save; FuzzValidJSON checks that the two
// agree.
func validJSON(data []byte) bool {
	_, ok := validateTopLevel(data)
	return ok
}

// validateTopLevel is validJSON that also splits a top-level object into its
// members on the way, which spares parseDocument a second pass over a large
// file. members is nil unless the top level is a non-empty object.
func validateTopLevel(data []byte) (members []member, ok bool) {
	v := validator{data: data, collect: true}
	v.skipSpace()
	if !v.value() {
		return nil, false
	}
	v.skipSpace()
	return v.members, v.i == len(v.data)
}

// maxNesting is encoding/json's limit on nested arrays and objects.
const maxNesting = 10000

type validator struct {
	data    []byte
	i       int
	depth   int
	collect bool     // record the members of the top-level object
	members []member // filled when collect is set
	// canonical stays true while the top-level member being read is laid
	// out exactly as encode would write it, so encode can copy it as is.
	canonical bool
}

// What the whitespace at a point must be for the text to be canonical:
// nothing, one space (after a colon), or a newline and two spaces per level.
const (
	wantNoSpace  = -2
	wantOneSpace = -1
)

// space skips whitespace and notes whether it is the canonical want.
func (v *validator) space(want int) {
	start := v.i
	v.skipSpace()
	if v.canonical && !isCanonicalSpace(v.data[start:v.i], want) {
		v.canonical = false
	}
}

func isCanonicalSpace(ws []byte, want int) bool {
	switch want {
	case wantNoSpace:
		return len(ws) == 0
	case wantOneSpace:
		return len(ws) == 1 && ws[0] == ' '
	}
	if len(ws) != 1+2*want || ws[0] != '\n' {
		return false
	}
	for _, c := range ws[1:] {
		if c != ' ' {
			return false
		}
	}
	return true
}

// closingSpace checks the whitespace before ',' or a closing bracket.
func (v *validator) closingSpace(closer byte) {
	start := v.i
	v.skipSpace()
	if !v.canonical {
		return
	}
	want := wantNoSpace
	if v.i < len(v.data) && v.data[v.i] == closer {
		want = v.depth - 1
	}
	if !isCanonicalSpace(v.data[start:v.i], want) {
		v.canonical = false
	}
}

// openingSpace checks the whitespace after an opening bracket: none when
// the container is empty, else a new line one level deeper.
func (v *validator) openingSpace(closer byte) {
	start := v.i
	v.skipSpace()
	if !v.canonical {
		return
	}
	want := v.depth
	if v.i < len(v.data) && v.data[v.i] == closer {
		want = wantNoSpace
	}
	if !isCanonicalSpace(v.data[start:v.i], want) {
		v.canonical = false
	}
}

func (v *validator) skipSpace() { v.i = skipSpace(v.data, v.i) }

// value reads one value starting at v.i; the caller has skipped the space
// before it.
func (v *validator) value() bool {
	if v.i >= len(v.data) {
		return false
	}
	switch v.data[v.i] {
	case '{':
		return v.object()
	case '[':
		return v.array()
	case '"':
		return v.str()
	case 't':
		return v.literal("true")
	case 'f':
		return v.literal("false")
	case 'n':
		return v.literal("null")
	}
	return v.number()
}

func (v *validator) object() bool {
	if v.depth++; v.depth > maxNesting {
		return false
	}
	v.i++ // '{'
	v.openingSpace('}')
	if v.i < len(v.data) && v.data[v.i] == '}' {
		v.i++
		v.depth--
		return true
	}
	for {
		keyStart := v.i
		if v.i >= len(v.data) || v.data[v.i] != '"' || !v.str() {
			return false
		}
		keyEnd := v.i
		v.space(wantNoSpace)
		if v.i >= len(v.data) || v.data[v.i] != ':' {
			return false
		}
		v.i++
		v.space(wantOneSpace)
		top := v.collect && v.depth == 1
		if top {
			v.canonical = true
		}
		valueStart := v.i
		if !v.value() {
			return false
		}
		if top {
			v.members = append(v.members, member{rawKey: v.data[keyStart:keyEnd], value: v.data[valueStart:v.i], canonical: v.canonical})
		}
		v.closingSpace('}')
		if v.i >= len(v.data) {
			return false
		}
		switch v.data[v.i] {
		case ',':
			v.i++
			v.space(v.depth)
		case '}':
			v.i++
			v.depth--
			return true
		default:
			return false
		}
	}
}

func (v *validator) array() bool {
	if v.depth++; v.depth > maxNesting {
		return false
	}
	v.i++ // '['
	v.openingSpace(']')
	if v.i < len(v.data) && v.data[v.i] == ']' {
		v.i++
		v.depth--
		return true
	}
	for {
		if !v.value() {
			return false
		}
		v.closingSpace(']')
		if v.i >= len(v.data) {
			return false
		}
		switch v.data[v.i] {
		case ',':
			v.i++
			v.space(v.depth)
		case ']':
			v.i++
			v.depth--
			return true
		default:
			return false
		}
	}
}

func (v *validator) str() bool {
	data := v.data
	i := v.i + 1 // '"'
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			v.i = i + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			i++
			if i >= len(data) {
				return false
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+4 >= len(data) {
					return false
				}
				for _, h := range data[i+1 : i+5] {
					if !isHex(h) {
						return false
					}
				}
				i += 5
			default:
				return false
			}
		default:
			i++
		}
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func (v *validator) literal(word string) bool {
	if len(v.data)-v.i < len(word) || string(v.data[v.i:v.i+len(word)]) != word {
		return false
	}
	v.i += len(word)
	return true
}

// number checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (v *validator) number() bool {
	data, i := v.data, v.i
	digits := func() bool {
		start := i
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		digits()
	default:
		return false
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	v.i = i
	return true
}
