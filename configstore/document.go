package configstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The login keys k6login owns under collectors.cloud, spelt as k6 writes them.
const (
	keyToken            = "token"
	keyStackID          = "stackID"
	keyStackURL         = "stackURL"
	keyDefaultProjectID = "defaultProjectID"
	keyProjectID        = "projectID"
)

var ownedKeys = []string{keyToken, keyStackID, keyStackURL, keyDefaultProjectID, keyProjectID}

// document is a config file split into its top-level members. Only the
// objects on the way to collectors.cloud are ever split further; every other
// value keeps its exact text, so numbers, escapes and key order survive a save.
type document struct {
	path    string
	root    object
	changed bool // an edit happened, so the file must be written
}

// member is one key of a JSON object as written: the key's text (quotes and
// escapes included) and the value's text.
type member struct {
	rawKey []byte
	value  []byte
}

type object struct{ members []member }

// keyMatch reports whether a raw key (quotes included) names a given key.
type keyMatch func(rawKey []byte) bool

// parseDocument checks data the way k6 would read it and refuses what k6 could
// not read, so that a file k6login cannot understand is never overwritten.
// Empty or blank data (what a crash of k6's in-place write leaves) and a
// top-level null hold no settings and read as an empty object.
func parseDocument(path string, data []byte) (*document, error) {
	d := &document{path: path}
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return d, nil
	case !json.Valid(data):
		return nil, newParseError(path, data)
	case isNull(trimmed):
		return d, nil
	case !isObject(trimmed):
		return nil, &TypeError{Path: path, Want: "an object", Got: jsonKind(trimmed)}
	}
	d.root = splitObject(trimmed)
	if _, err := d.locate(); err != nil {
		return nil, err
	}
	return d, nil
}

func newParseError(path string, data []byte) *ParseError {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		// Some Windows editors add a byte order mark, which JSON forbids
		// and k6 cannot read either.
		return &ParseError{Path: path, Line: 1, Col: 1,
			Err: errors.New("the file starts with a byte order mark (BOM): save it as UTF-8 without BOM")}
	}
	err := json.Unmarshal(data, new(json.RawMessage))
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return &ParseError{Path: path, Line: 1, Col: 1, Err: err}
	}
	// Offset counts the bytes read up to the offending one; when the input
	// simply stops, point just past its last character.
	pos := int(syn.Offset) - 1
	if end := len(bytes.TrimRight(data, " \t\r\n")); pos >= end || strings.HasPrefix(syn.Error(), "unexpected end") {
		pos = end
	}
	line, col := position(data, pos)
	return &ParseError{Path: path, Line: line, Col: col, Err: syn}
}

// position is the 1-based line and column (in characters) of byte pos of data.
func position(data []byte, pos int) (line, col int) {
	pos = max(0, min(pos, len(data)))
	line = 1 + bytes.Count(data[:pos], []byte{'\n'})
	lineStart := bytes.LastIndexByte(data[:pos], '\n') + 1
	return line, 1 + utf8.RuneCount(data[lineStart:pos])
}

// cloudAt is where k6 reads collectors.cloud from. k6 decodes every top-level
// key matching "collectors" without regard to case (encoding/json's rule for
// struct fields) into one map: duplicate collectors objects merge, a null
// empties the map, and the last "cloud" key (matched exactly: map keys) wins.
type cloudAt struct {
	coll     int    // the collectors member holding cloud; -1 when there is no cloud
	cloud    int    // index of cloud in that collectors object
	lastColl int    // the last collectors member, -1 when there is none
	collName string // collectors as spelt in the file, for messages
}

// locate finds collectors.cloud, refusing what k6 could not decode: a
// collectors that is neither an object nor null, or such a cloud.
func (d *document) locate() (cloudAt, error) {
	at := cloudAt{coll: -1, cloud: -1, lastColl: -1}
	for i, m := range d.root.members {
		if !anyCase("collectors")(m.rawKey) {
			continue
		}
		at.lastColl = i
		switch {
		case isNull(m.value):
			at.coll, at.cloud = -1, -1
		case !isObject(m.value):
			return at, &TypeError{Path: d.path, Key: m.name(), Want: "an object", Got: jsonKind(m.value)}
		default:
			coll := splitObject(m.value)
			if j := coll.lastIndex(exactly("cloud")); j >= 0 {
				at.coll, at.cloud, at.collName = i, j, m.name()
			}
		}
	}
	if at.coll >= 0 {
		v := d.cloudMember(at).value
		if !isNull(v) && !isObject(v) {
			return at, &TypeError{Path: d.path, Key: at.collName + ".cloud", Want: "an object", Got: jsonKind(v)}
		}
	}
	return at, nil
}

// cloudMember is the cloud member at points to (at.coll >= 0).
func (d *document) cloudMember(at cloudAt) member {
	return splitObject(d.root.members[at.coll].value).members[at.cloud]
}

// setCredentials writes c into the collectors.cloud k6 reads and removes the
// login keys from every other copy of collectors.cloud, so that no earlier
// login is left in the file. Zero fields remove their key, in every spelling
// k6 would read, so that k6 falls back to its own default (the stack's
// default project); the nulls k6's own --reset leaves behind go too.
func (d *document) setCredentials(c Credentials) error {
	at, err := d.locate()
	if err != nil {
		return err
	}
	d.clearOtherClouds(at)

	ci := at.coll
	if ci < 0 {
		if c.Empty() {
			return nil
		}
		ci = at.lastColl // a cloud added there is the last one k6 reads
	}
	var coll, cloud object
	if ci >= 0 && isObject(d.root.members[ci].value) {
		coll = splitObject(d.root.members[ci].value)
	}
	if at.coll >= 0 && isObject(coll.members[at.cloud].value) {
		cloud = splitObject(coll.members[at.cloud].value)
	}
	changed := false
	put := func(key string, value []byte, zero bool) {
		if zero {
			changed = cloud.remove(anyCase(key)) || changed
			return
		}
		cloud.set(key, anyCase(key), value)
		changed = true
	}
	put(keyToken, marshalString(c.Token), c.Token == "")
	put(keyStackID, strconv.AppendInt(nil, c.StackID, 10), c.StackID == 0)
	put(keyStackURL, marshalString(c.StackURL), c.StackURL == "")
	put(keyDefaultProjectID, strconv.AppendInt(nil, c.DefaultProjectID, 10), c.DefaultProjectID == 0)
	put(keyProjectID, strconv.AppendInt(nil, c.ProjectID, 10), c.ProjectID == 0)
	if !changed {
		return nil
	}
	d.changed = true
	if at.coll >= 0 {
		coll.members[at.cloud].value = cloud.compact()
	} else {
		coll.members = append(coll.members, member{rawKey: marshalString("cloud"), value: cloud.compact()})
	}
	if ci >= 0 {
		d.root.members[ci].value = coll.compact()
	} else {
		d.root.members = append(d.root.members, member{rawKey: marshalString("collectors"), value: coll.compact()})
	}
	return nil
}

// clearOtherClouds removes the login keys from every collectors.cloud object
// but the one k6 reads: k6 ignores them, yet they are credentials a reset
// must not leave behind.
func (d *document) clearOtherClouds(at cloudAt) {
	for i, m := range d.root.members {
		if !anyCase("collectors")(m.rawKey) || !isObject(m.value) {
			continue
		}
		coll := splitObject(m.value)
		changed := false
		for j, cm := range coll.members {
			if (i == at.coll && j == at.cloud) || !exactly("cloud")(cm.rawKey) || !isObject(cm.value) {
				continue
			}
			cloud := splitObject(cm.value)
			removed := false
			for _, key := range ownedKeys {
				removed = cloud.remove(anyCase(key)) || removed
			}
			if removed {
				coll.members[j].value = cloud.compact()
				changed = true
			}
		}
		if changed {
			d.root.members[i].value = coll.compact()
			d.changed = true
		}
	}
}

// clearCredentials removes every copy of the login keys.
func (d *document) clearCredentials() error {
	return d.setCredentials(Credentials{})
}

// encode pretty-prints the document with two-space indentation and a final
// newline, as k6 writes its config. json.Indent only moves whitespace: every
// value keeps its exact text. A document with no keys is written as "{}".
func (d *document) encode() []byte {
	if len(d.root.members) == 0 {
		return []byte("{}\n")
	}
	size := 0
	for _, m := range d.root.members {
		size += len(m.rawKey) + len(m.value)
	}
	var out bytes.Buffer
	out.Grow(size * 3 / 2) // indentation rarely adds more than half again
	out.WriteString("{\n")
	for i, m := range d.root.members {
		if i > 0 {
			out.WriteString(",\n")
		}
		out.WriteString("  ")
		out.Write(m.rawKey)
		out.WriteString(": ")
		if err := json.Indent(&out, m.value, "  ", "  "); err != nil {
			panic("configstore: encoding an invalid value: " + err.Error()) // every value is valid JSON
		}
	}
	out.WriteString("\n}\n")
	return out.Bytes()
}

// snapshot reads what k6 would use from the document.
func (d *document) snapshot(snap *Snapshot) error {
	at, err := d.locate()
	if err != nil || at.coll < 0 {
		return err
	}
	var cloud object
	if v := d.cloudMember(at).value; isObject(v) {
		cloud = splitObject(v)
	}
	prefix := at.collName + ".cloud."
	get := func(key string) (member, bool) {
		i := cloud.lastIndex(anyCase(key))
		if i < 0 || isNull(cloud.members[i].value) {
			return member{}, false
		}
		return cloud.members[i], true
	}
	str := func(key string) (string, error) {
		m, ok := get(key)
		if !ok {
			return "", nil
		}
		s, ok := unquoteJSON(m.value)
		if !ok {
			return "", &TypeError{Path: d.path, Key: prefix + m.name(), Want: "a string", Got: jsonKind(m.value)}
		}
		return s, nil
	}
	id := func(key string) (int64, error) {
		m, ok := get(key)
		if !ok {
			return 0, nil
		}
		n, ok := parseInt(m.value)
		if !ok {
			return 0, &TypeError{Path: d.path, Key: prefix + m.name(), Want: "an integer", Got: describe(m.value)}
		}
		return n, nil
	}
	c := &snap.Credentials
	if c.Token, err = str(keyToken); err != nil {
		return err
	}
	if c.StackID, err = id(keyStackID); err != nil {
		return err
	}
	if c.StackURL, err = str(keyStackURL); err != nil {
		return err
	}
	if c.DefaultProjectID, err = id(keyDefaultProjectID); err != nil {
		return err
	}
	if c.ProjectID, err = id(keyProjectID); err != nil {
		return err
	}
	if snap.HostV6, err = str("hostv6"); err != nil {
		return err
	}
	if m, ok := get("timeout"); ok {
		t, ok := parseTimeout(m.value)
		if !ok {
			return &TypeError{Path: d.path, Key: prefix + m.name(),
				Want: `a duration such as "30s" or a number of milliseconds`, Got: describe(m.value)}
		}
		snap.Timeout, snap.TimeoutSet = t, true
	}
	return nil
}

// describe is jsonKind with the value itself for short scalars, so an error
// can say `the string "abc"` rather than only "a string".
func describe(v []byte) string {
	kind := jsonKind(v)
	if (kind == "a string" || kind == "a number") && len(v) <= 40 {
		return kind + " " + string(v)
	}
	return kind
}

// parseInt reads an ID. JSON numbers are parsed from their text (as
// json.Number would), so IDs above 2^53 stay exact; integral forms such as
// 12.0 or 1e3 and, leniently, numeric strings are accepted too.
func parseInt(v []byte) (int64, bool) {
	text := string(bytes.TrimSpace(v))
	if strings.HasPrefix(text, `"`) {
		s, ok := unquoteJSON([]byte(text))
		if !ok {
			return 0, false
		}
		text = strings.TrimSpace(s)
		if text == "" {
			return 0, true
		}
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, true
	}
	f, _, err := big.ParseFloat(text, 10, 128, big.ToNearestEven)
	if err != nil || !f.IsInt() {
		return 0, false
	}
	n, acc := f.Int64()
	return n, acc == big.Exact
}

// parseTimeout reads collectors.cloud.timeout as k6 does: a duration string
// ("30s", "1m30s") or a number of milliseconds; a numeric string also counts
// as milliseconds.
func parseTimeout(v []byte) (time.Duration, bool) {
	text := string(bytes.TrimSpace(v))
	if strings.HasPrefix(text, `"`) {
		s, ok := unquoteJSON([]byte(text))
		if !ok {
			return 0, false
		}
		if d, err := time.ParseDuration(strings.TrimSpace(s)); err == nil {
			return d, true
		}
		text = strings.TrimSpace(s)
	}
	ms, err := strconv.ParseFloat(text, 64)
	if err != nil || ms < 0 || ms > float64(1<<63-1)/float64(time.Millisecond) {
		return 0, false
	}
	return time.Duration(ms * float64(time.Millisecond)), true
}

// splitObject splits a JSON object into its members. The whole file has
// passed json.Valid, so this need not check anything: it only finds where
// each key and value ends.
func splitObject(data []byte) object {
	var obj object
	i := skipSpace(data, 0) + 1 // past '{'
	for {
		i = skipSpace(data, i)
		if i >= len(data) || data[i] == '}' {
			return obj
		}
		if data[i] == ',' {
			i++
			continue
		}
		keyEnd := skipString(data, i)
		valueStart := skipSpace(data, skipSpace(data, keyEnd)+1) // past ':'
		valueEnd := skipValue(data, valueStart)
		obj.members = append(obj.members, member{rawKey: data[i:keyEnd], value: data[valueStart:valueEnd]})
		i = valueEnd
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string starting at data[i] == '"'.
func skipString(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++ // the escaped character cannot end the string
		case '"':
			return i + 1
		}
	}
	return len(data)
}

// skipValue returns the index just past the value starting at data[i].
func skipValue(data []byte, i int) int {
	if i < len(data) && data[i] != '{' && data[i] != '[' {
		if data[i] == '"' {
			return skipString(data, i)
		}
		for i < len(data) && !strings.ContainsRune(",}] \t\r\n", rune(data[i])) {
			i++ // a number or a literal
		}
		return i
	}
	for depth := 0; i < len(data); {
		switch data[i] {
		case '"':
			i = skipString(data, i)
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return i
}

// name is the key unescaped, for messages.
func (m member) name() string {
	s, _ := unquoteJSON(m.rawKey)
	return s
}

// lastIndex returns the index of the last member whose name matches, or -1.
// k6 decodes with encoding/json, where the last duplicate key wins.
func (o *object) lastIndex(match keyMatch) int {
	for i := len(o.members) - 1; i >= 0; i-- {
		if match(o.members[i].rawKey) {
			return i
		}
	}
	return -1
}

// set gives key the value: in place of the first member that matches (so the
// key keeps its position), removing the other matches, or appended at the end.
func (o *object) set(key string, match keyMatch, value []byte) {
	kept := o.members[:0]
	placed := false
	for _, m := range o.members {
		if match(m.rawKey) {
			if placed {
				continue
			}
			m = member{rawKey: marshalString(key), value: value}
			placed = true
		}
		kept = append(kept, m)
	}
	o.members = kept
	if !placed {
		o.members = append(o.members, member{rawKey: marshalString(key), value: value})
	}
}

// remove drops every member that matches and reports whether there was one.
func (o *object) remove(match keyMatch) bool {
	kept := o.members[:0]
	for _, m := range o.members {
		if !match(m.rawKey) {
			kept = append(kept, m)
		}
	}
	removed := len(kept) != len(o.members)
	o.members = kept
	return removed
}

// compact writes the object on one line; members keep their own text.
func (o *object) compact() []byte {
	size := 2
	for _, m := range o.members {
		size += len(m.rawKey) + len(m.value) + 2
	}
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, m := range o.members {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(append(b, m.rawKey...), ':'), m.value...)
	}
	return append(b, '}')
}

// marshalString encodes s as a JSON string without encoding/json's HTML
// escaping, so a token with '&' stays readable in the file.
func marshalString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// unquoteJSON decodes a JSON string literal; ok is false for any other value.
func unquoteJSON(v []byte) (string, bool) {
	var s string
	v = bytes.TrimSpace(v)
	return s, len(v) > 0 && v[0] == '"' && json.Unmarshal(v, &s) == nil
}

// jsonKind names the JSON type of a raw value for error messages.
func jsonKind(v []byte) string {
	v = bytes.TrimLeft(v, " \t\r\n")
	if len(v) == 0 {
		return "empty"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func isNull(v []byte) bool { return string(bytes.TrimSpace(v)) == "null" }

func isObject(v []byte) bool {
	v = bytes.TrimLeft(v, " \t\r\n")
	return len(v) > 0 && v[0] == '{'
}

func exactly(key string) keyMatch {
	return func(rawKey []byte) bool {
		if inner, ok := plainKey(rawKey); ok {
			return string(inner) == key
		}
		s, ok := unquoteJSON(rawKey)
		return ok && s == key
	}
}

// anyCase matches the way encoding/json matches struct fields, which is how k6
// reads collectors and the keys of the cloud object: exact or case-insensitive
// (encoding/json documents its folding as equal to bytes.EqualFold).
func anyCase(key string) keyMatch {
	return func(rawKey []byte) bool {
		if inner, ok := plainKey(rawKey); ok {
			return bytes.EqualFold(inner, []byte(key))
		}
		s, ok := unquoteJSON(rawKey)
		return ok && strings.EqualFold(s, key)
	}
}

// plainKey returns the text between the quotes of a key without escapes
// (most keys), which compares without decoding.
func plainKey(rawKey []byte) ([]byte, bool) {
	if len(rawKey) < 2 || bytes.IndexByte(rawKey, '\\') >= 0 || !utf8.Valid(rawKey) {
		return nil, false
	}
	return rawKey[1 : len(rawKey)-1], true
}
