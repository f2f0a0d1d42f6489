package configstore

import (
	"encoding/binary"
	"math/bits"
)

// validateTopLevel reports whether data is one JSON value, accepting exactly
// what encoding/json accepts (k6 reads its config with it): invalid UTF-8
// inside strings is allowed, nesting deeper than 10000 is not. It exists
// because json.Valid is the slowest step of a save; FuzzValidJSON checks that
// the two agree. On the way it splits a top-level object into its members,
// which spares parseDocument a second pass over a large file. members is nil
// unless the top level is a non-empty object.
func validateTopLevel(data []byte) (members []member, ok bool) {
	return appendTopLevel(nil, data)
}

// maxNesting is encoding/json's limit on nested arrays and objects.
const maxNesting = 10000

// appendTopLevel validates data in a single pass and appends the members of a
// top-level object to members (which lets a caller reuse a slice). Each member
// records whether its value is laid out exactly as encode would write it
// (canonical), so encode can copy it without re-indenting, and whether the
// member's whole text, key, ": " and value, can be copied as it stands
// (verbatim). On any error it returns false and members as it was given.
func appendTopLevel(members []member, data []byte) ([]member, bool) {
	given := len(members)
	n := len(data)
	i := skipSpace(data, 0)
	if i >= n || data[i] != '{' {
		end, _, ok := scanValue(data, i, 0)
		return members, ok && skipSpace(data, end) == n
	}
	i = skipSpace(data, i+1)
	if i < n && data[i] == '}' {
		return members, skipSpace(data, i+1) == n
	}
	for {
		keyEnd, valueStart, layout, ok := objectKey(data, i)
		if !ok {
			return members[:given], false
		}
		end, canonical, ok := scanValue(data, valueStart, 1)
		if !ok {
			return members[:given], false
		}
		members = append(members, member{
			rawKey:    data[i:keyEnd],
			value:     data[valueStart:end],
			at:        i,
			canonical: canonical,
			verbatim:  layout && canonical,
		})
		if end+4 < n && string(data[end:end+4]) == ",\n  " && data[end+4] > ' ' {
			i = end + 4 // the separator encode writes
			continue
		}
		j := skipSpace(data, end)
		switch {
		case j < n && data[j] == ',':
			i = skipSpace(data, j+1)
		case j < n && data[j] == '}':
			if skipSpace(data, j+1) != n {
				return members[:given], false
			}
			return members, true
		default:
			return members[:given], false
		}
	}
}

// scanValue checks the value at data[i], nested in base arrays or objects,
// and returns the index just past it and whether it is laid out exactly as
// appendIndentedAt(…, base) would write it.
//
// It is one loop over the bytes rather than recursive descent, so that the
// index and the flags stay in registers; a stack of one bool per open array
// or object (true for an object) replaces the call stack.
func scanValue(data []byte, i, base int) (end int, canonical, ok bool) {
	n := len(data)
	var openBuf [32]bool
	open := openBuf[:0]
	canonical = true
	key := false // a member's key comes before the value at data[i]
	for {
		// Short strings (closed within the 8 bytes after the opening
		// quote, without escapes), short integers and the layout encode
		// writes are checked inline and the rest by calls: Go keeps no
		// register across a call, so each one reloads this loop's state.
		if key {
			key = false
			_, next, layout, ok := objectKey(data, i)
			if !ok {
				return i, false, false
			}
			i, canonical = next, canonical && layout
		}

		// A value starts at data[i].
		if i >= n {
			return i, false, false
		}
		switch c := data[i]; c {
		case '{', '[':
			depth := base + len(open) + 1
			if depth > maxNesting {
				return i, false, false
			}
			open = append(open, c == '{')
			i++
			var j int
			wasCanonical := canonical
			if !canonical {
				j = skipSpace(data, i)
			} else if w := indentWords[min(depth, len(indentWords)-1)]; depth < len(indentWords) && i+8 <= n &&
				binary.LittleEndian.Uint64(data[i:])&w.mask == w.text && data[i+1+2*depth] > ' ' {
				j = i + 1 + 2*depth // a newline and the indent, as encode writes them
			} else {
				j, canonical = skipIndentSlow(data, i, depth)
			}
			if j >= n || data[j] != c+2 { // '}' is '{'+2, ']' is '['+2
				i, key = j, c == '{'
				continue
			}
			canonical = wasCanonical && j == i // empty: {} or []
			i = j + 1
			open = open[:len(open)-1]
		case '"':
			if i+10 <= n {
				w := (*[10]byte)(data[i:])
				t := stringSpecials(binary.LittleEndian.Uint64(w[1:]))
				if k := bits.TrailingZeros64(t) >> 3; t != 0 && w[1+k] == '"' {
					i += k + 2 // a short string
					break
				}
			}
			end, ok := scanString(data, i)
			if !ok {
				return i, false, false
			}
			i = end
		case 't':
			if n-i < 4 || string(data[i:i+4]) != "true" {
				return i, false, false
			}
			i += 4
		case 'f':
			if n-i < 5 || string(data[i:i+5]) != "false" {
				return i, false, false
			}
			i += 5
		case 'n':
			if n-i < 4 || string(data[i:i+4]) != "null" {
				return i, false, false
			}
			i += 4
		default:
			if end, ok := quickNumber(data, i); ok {
				i = end
				break
			}
			end, ok := scanNumber(data, i)
			if !ok {
				return i, false, false
			}
			i = end
		}

		// A value ends at data[i]: close arrays and objects until a comma
		// starts the next value.
		for {
			if len(open) == 0 {
				return i, canonical, true
			}
			depth := base + len(open)
			isObject := open[len(open)-1]
			// The layout encode writes, checked with one load of 8 bytes:
			// a comma, a newline and the indent, or a newline, the parent's
			// indent and the bracket. Anything else takes the general path.
			if canonical && depth < len(sepWords) && i+8 < n {
				w, s := binary.LittleEndian.Uint64(data[i:]), &sepWords[depth]
				if w&s.nextMask == s.next && data[i+s.nextLen] > ' ' {
					i, key = i+s.nextLen, isObject
					break
				}
				closer := s.closeArray
				if isObject {
					closer = s.closeObject
				}
				if w&s.closeMask == closer {
					i += s.closeLen
					open = open[:len(open)-1]
					continue
				}
			}
			j := i
			if j < n && data[j] != ',' {
				j = skipSpace(data, i)
			}
			if j >= n {
				return j, false, false
			}
			c := data[j]
			if c == ',' {
				canonical = canonical && j == i
				if canonical {
					i, canonical = skipIndent(data, j+1, depth)
				} else {
					i = skipSpace(data, j+1)
				}
				key = isObject
				break
			}
			if c != '}' && c != ']' || (c == '}') != isObject {
				return j, false, false
			}
			if canonical {
				canonical = isIndent(data[i:j], depth-1)
			}
			i = j + 1
			open = open[:len(open)-1]
		}
	}
}

// quickNumber returns the end of the number at data[i] when it is an integer
// of 1 to 7 digits without sign, cheaply enough to be inlined. Otherwise it
// returns false and scanNumber must be used.
func quickNumber(data []byte, i int) (end int, ok bool) {
	if i+8 > len(data) || data[i]-'1' > 8 {
		return i, false
	}
	m := nonDigits(binary.LittleEndian.Uint64(data[i:]))
	j := i + bits.TrailingZeros64(m)>>3
	if m == 0 || data[j] == '.' || data[j]|0x20 == 'e' {
		return i, false
	}
	return j, true
}

// objectKey reads `"key" :` and the space after it, from data[i] == '"'. It
// returns the end of the key, the index of the value and whether the layout
// is canonical: no space before the colon and exactly one after it.
func objectKey(data []byte, i int) (keyEnd, next int, canonical, ok bool) {
	if i+20 <= len(data) {
		// A key of at most 15 bytes without escapes, then `: ` and a value,
		// as encode writes it, is checked in a window of the data, which
		// spares bounds checks.
		w := (*[20]byte)(data[i:])
		k := 16 // w[1+k] is the first byte that ends a string
		if t := stringSpecials(binary.LittleEndian.Uint64(w[1:])); t != 0 {
			k = bits.TrailingZeros64(t) >> 3
		} else if t := stringSpecials(binary.LittleEndian.Uint64(w[9:])); t != 0 {
			k = 8 + bits.TrailingZeros64(t)>>3
		}
		if k < 16 && w[0] == '"' && string(w[1+k:4+k]) == `": ` && w[4+k] > ' ' {
			return i + k + 2, i + k + 4, true, true
		}
	}
	if i >= len(data) || data[i] != '"' {
		return 0, 0, false, false
	}
	keyEnd, ok = scanString(data, i)
	if !ok {
		return 0, 0, false, false
	}
	// The layout encode writes: `": "` and the value.
	if keyEnd+2 < len(data) && data[keyEnd] == ':' && data[keyEnd+1] == ' ' && data[keyEnd+2] > ' ' {
		return keyEnd, keyEnd + 2, true, true
	}
	j := skipSpace(data, keyEnd)
	if j >= len(data) || data[j] != ':' {
		return 0, 0, false, false
	}
	j++
	next = skipSpace(data, j)
	return keyEnd, next, j == keyEnd+1 && next == j+1 && data[j] == ' ', true
}

// skipIndent skips the whitespace at data[i] and reports whether it is a
// newline and two spaces per level of depth. That is the layout of a file
// k6login wrote, so the first levels are checked with one load of 8 bytes.
func skipIndent(data []byte, i, depth int) (int, bool) {
	if depth < len(indentWords) && i+8 <= len(data) {
		if w := &indentWords[depth]; binary.LittleEndian.Uint64(data[i:])&w.mask == w.text && data[i+1+2*depth] > ' ' {
			return i + 1 + 2*depth, true
		}
	}
	return skipIndentSlow(data, i, depth)
}

// indentWords[d] is "\n" and 2*d spaces as a little-endian word, and the mask
// that keeps those bytes of a word.
var indentWords = func() (t [4]struct{ text, mask uint64 }) {
	for d := range t {
		for b := range 1 + 2*d {
			c := uint64(' ')
			if b == 0 {
				c = '\n'
			}
			t[d].text |= c << (8 * b)
			t[d].mask |= 0xff << (8 * b)
		}
	}
	return t
}()

// sepWords[d] holds, as little-endian words with the masks that keep their
// bytes, what encode writes after an element at depth d: ",\n" and the
// element indent before the next one, or "\n", the parent's indent and the
// closing bracket.
var sepWords = func() (t [4]struct {
	next, nextMask                     uint64
	closeArray, closeObject, closeMask uint64
	nextLen, closeLen                  int
}) {
	word := func(s string) (w, mask uint64) {
		for b := range len(s) {
			w |= uint64(s[b]) << (8 * b)
			mask |= 0xff << (8 * b)
		}
		return w, mask
	}
	for d := 1; d < len(t); d++ {
		next := ",\n" + indentSpaces[:2*d]
		closeIndent := "\n" + indentSpaces[:2*(d-1)]
		t[d].next, t[d].nextMask = word(next)
		t[d].closeArray, t[d].closeMask = word(closeIndent + "]")
		t[d].closeObject, _ = word(closeIndent + "}")
		t[d].nextLen, t[d].closeLen = len(next), len(closeIndent)+1
	}
	return t
}()

func skipIndentSlow(data []byte, i, depth int) (int, bool) {
	w := 2 * depth
	if e := i + 1 + w; e < len(data) && data[i] == '\n' && data[e] > ' ' && allSpaces(data[i+1:e]) {
		return e, true
	}
	j := skipSpace(data, i)
	return j, isIndent(data[i:j], depth)
}

// allSpaces reports whether b holds only ' ', a word at a time.
func allSpaces(b []byte) bool {
	const spaces = 0x2020202020202020
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b) != spaces {
			return false
		}
		b = b[8:]
	}
	if len(b) >= 4 {
		if binary.LittleEndian.Uint32(b) != spaces&0xffffffff {
			return false
		}
		b = b[4:]
	}
	if len(b) >= 2 {
		if binary.LittleEndian.Uint16(b) != spaces&0xffff {
			return false
		}
		b = b[2:]
	}
	return len(b) == 0 || b[0] == ' '
}

// isIndent reports whether ws is a newline and two spaces per level of depth,
// the whitespace encode writes before an element or a closing bracket.
func isIndent(ws []byte, depth int) bool {
	if len(ws) != 1+2*depth || ws[0] != '\n' {
		return false
	}
	if len(ws)-1 <= len(indentSpaces) {
		return string(ws[1:]) == indentSpaces[:len(ws)-1]
	}
	for _, c := range ws[1:] {
		if c != ' ' {
			return false
		}
	}
	return true
}

// strSpecial marks the bytes a string scan must stop at: the closing quote,
// a backslash and the control characters JSON forbids in strings.
var strSpecial = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// stringSpecials flags the bytes of the little-endian word x that end a
// string scan, '"', '\\' and those below 0x20, by their high bit (the
// classic has-less-than-n test, (x-n)&^x, on bytes). The test can flag a byte
// above a special one, never below, so the lowest flag is the first special
// byte.
func stringSpecials(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// x^2 turns '"' into 0x20 and keeps the bytes below 0x20 below it, so
	// one test for bytes below 0x21 finds both.
	q, b := x^(ones*2), x^(ones*'\\')
	return ((q-ones*0x21)&^q | (b-ones)&^b) & highs
}

// nonDigits flags the bytes of the little-endian word x that are not ASCII
// digits, by a nonzero byte: a digit is 0x30 to 0x39, whose high half is 3
// and stays 3 when 6 is added. As in stringSpecials the lowest flag is
// exact; a carry out of a byte >= 0xfa can disturb the flags above it.
func nonDigits(x uint64) uint64 {
	const highHalves, threes, sixes = 0xf0f0f0f0f0f0f0f0, 0x3030303030303030, 0x0606060606060606
	return (x&highHalves ^ threes) | ((x+sixes)&highHalves ^ threes)
}

// scanString checks the string starting at data[i] == '"' and returns the
// index just past its closing quote. Invalid UTF-8 is accepted, as
// encoding/json does.
func scanString(data []byte, i int) (int, bool) {
	i++
	for {
		for i+8 <= len(data) {
			if t := stringSpecials(binary.LittleEndian.Uint64(data[i:])); t != 0 {
				i += bits.TrailingZeros64(t) >> 3
				break
			}
			i += 8
		}
		for i < len(data) && !strSpecial[data[i]] {
			i++
		}
		if i >= len(data) {
			return i, false
		}
		switch data[i] {
		case '"':
			return i + 1, true
		case '\\':
			var ok bool
			if i, ok = scanEscape(data, i); !ok {
				return i, false
			}
		default: // a control character
			return i, false
		}
	}
}

// scanEscape checks the escape at data[i] == '\\' and returns the index
// just past it.
func scanEscape(data []byte, i int) (int, bool) {
	i++
	if i >= len(data) {
		return i, false
	}
	switch data[i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 1, true
	case 'u':
		if i+4 >= len(data) || !isHex(data[i+1]) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) {
			return i, false
		}
		return i + 5, true
	}
	return i, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// scanNumber checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? from
// data[i] and returns the index just past it.
func scanNumber(data []byte, i int) (int, bool) {
	n := len(data)
	if i < n && data[i] == '-' {
		i++
	}
	switch {
	case i < n && data[i] == '0':
		i++
	case i < n && '1' <= data[i] && data[i] <= '9':
		i = skipDigits(data, i+1)
	default:
		return i, false
	}
	if i < n && data[i] == '.' {
		i++
		start := i
		i = skipDigits(data, i)
		if i == start {
			return i, false
		}
	}
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < n && (data[i] == '+' || data[i] == '-') {
			i++
		}
		start := i
		i = skipDigits(data, i)
		if i == start {
			return i, false
		}
	}
	return i, true
}

// skipDigits returns the index of the first byte from data[i] that is not an
// ASCII digit, a word at a time.
func skipDigits(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		if m := nonDigits(binary.LittleEndian.Uint64(data[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(data) && isDigit(data[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
