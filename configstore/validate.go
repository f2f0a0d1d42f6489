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
}

func (v *validator) skipSpace() {
	for v.i < len(v.data) {
		switch v.data[v.i] {
		case ' ', '\t', '\r', '\n':
			v.i++
		default:
			return
		}
	}
}

func (v *validator) value() bool {
	v.skipSpace()
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
	v.skipSpace()
	if v.i < len(v.data) && v.data[v.i] == '}' {
		v.i++
		v.depth--
		return true
	}
	for {
		v.skipSpace()
		keyStart := v.i
		if v.i >= len(v.data) || v.data[v.i] != '"' || !v.str() {
			return false
		}
		keyEnd := v.i
		v.skipSpace()
		if v.i >= len(v.data) || v.data[v.i] != ':' {
			return false
		}
		v.i++
		v.skipSpace()
		valueStart := v.i
		if !v.value() {
			return false
		}
		if v.collect && v.depth == 1 {
			v.members = append(v.members, member{rawKey: v.data[keyStart:keyEnd], value: v.data[valueStart:v.i]})
		}
		v.skipSpace()
		if v.i >= len(v.data) {
			return false
		}
		switch v.data[v.i] {
		case ',':
			v.i++
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
	v.skipSpace()
	if v.i < len(v.data) && v.data[v.i] == ']' {
		v.i++
		v.depth--
		return true
	}
	for {
		if !v.value() {
			return false
		}
		v.skipSpace()
		if v.i >= len(v.data) {
			return false
		}
		switch v.data[v.i] {
		case ',':
			v.i++
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
