package configstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"slices"
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

// document is a parsed config file. Only the top level, collectors and
// collectors.cloud are split into members; all other values stay as written.
type document struct {
	path    string
	src     []byte // the text the top-level members were read from (member.at)
	root    object
	changed bool // an edit happened, so the file must be written
	// found is what find read from root, kept until an edit changes root, so
	// that collectors and cloud are split once per read rather than per use.
	found *found
}

// found locates collectors and collectors.cloud in a document.
type found struct {
	coll       object // collectors' members; none when absent or null
	collIndex  int    // index of collectors in root, -1 when absent
	collName   string // collectors as spelt in the file, for messages
	cloud      object // collectors.cloud's members; none when absent or null
	cloudIndex int    // index of cloud in coll, -1 when absent
}

// parseDocument checks data the way k6 would read it and refuses what k6 could
// not read, so that a file k6login cannot understand is never overwritten.
// Empty or blank data (what a crash of k6's in-place write leaves) and a
// top-level null hold no settings and read as an empty object.
func parseDocument(path string, data []byte) (*document, error) {
	return parseDocumentInto(path, data, nil)
}

// parseDocumentInto is parseDocument that appends the top-level members to
// members[:0], so that a caller can reuse the slice (see scratch).
func parseDocumentInto(path string, data []byte, members []member) (*document, error) {
	d := &document{path: path}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return d, nil
	}
	members, ok := appendTopLevel(members[:0], trimmed)
	if !ok {
		return nil, newParseError(path, data)
	}
	switch {
	case isNull(trimmed):
		return d, nil
	case !isObject(trimmed):
		return nil, &TypeError{Path: path, Want: "an object", Got: jsonKind(trimmed)}
	}
	d.src, d.root = trimmed, object{members: members}
	if _, err := d.find(); err != nil {
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

// find locates collectors and collectors.cloud the way k6 reads them:
// collectors is the last key matching it without regard to case
// (encoding/json's rule for struct fields), and cloud the last key matching
// exactly (k6 keeps collectors as a map). A null or absent collectors or cloud
// reads as an empty object.
func (d *document) find() (*found, error) {
	if d.found != nil {
		return d.found, nil
	}
	f := &found{collIndex: d.root.lastIndex(anyCase("collectors")), cloudIndex: -1}
	if f.collIndex < 0 {
		d.found = f
		return f, nil
	}
	m := d.root.members[f.collIndex]
	f.collName = m.name()
	if isNull(m.value) {
		d.found = f
		return f, nil
	}
	if !isObject(m.value) {
		return nil, &TypeError{Path: d.path, Key: f.collName, Want: "an object", Got: jsonKind(m.value)}
	}
	var err error
	if f.coll, err = parseObject(m.value); err != nil {
		return nil, err
	}
	f.cloudIndex = f.coll.lastIndex(exactly("cloud"))
	if f.cloudIndex >= 0 {
		v := f.coll.members[f.cloudIndex].value
		switch {
		case isNull(v):
		case !isObject(v):
			return nil, &TypeError{Path: d.path, Key: f.collName + ".cloud", Want: "an object", Got: jsonKind(v)}
		default:
			if f.cloud, err = parseObject(v); err != nil {
				return nil, err
			}
		}
	}
	d.found = f
	return f, nil
}

// editCloud applies edit to collectors.cloud and writes the result back into
// its parents, creating them when create is set. edit reports whether it
// changed anything; untouched parents are not re-encoded.
func (d *document) editCloud(create bool, edit func(cloud *object) bool) error {
	f, err := d.find()
	if err != nil {
		return err
	}
	ci, cli := f.collIndex, f.cloudIndex
	if (ci < 0 || isNull(d.root.members[ci].value)) && !create {
		return nil
	}
	if (cli < 0 || isNull(f.coll.members[cli].value)) && !create {
		return nil
	}
	// edit and the writes below change these objects in place: what find
	// read no longer holds.
	d.found = nil
	coll, cloud := f.coll, f.cloud
	if !edit(&cloud) {
		return nil
	}
	d.changed = true
	cloudJSON := cloud.appendCompact(nil)
	if cli >= 0 {
		coll.setValue(cli, cloudJSON)
	} else {
		coll.set("cloud", exactly("cloud"), cloudJSON)
	}
	collJSON := coll.appendCompact(nil)
	if ci >= 0 {
		d.root.setValue(ci, collJSON)
	} else {
		d.root.set("collectors", exactly("collectors"), collJSON)
	}
	return nil
}

// setCredentials writes c into collectors.cloud; zero fields remove their key
// so that k6 falls back to its own default (the stack's default project).
func (d *document) setCredentials(c Credentials) error {
	return d.editCloud(!c.Empty(), func(cloud *object) bool {
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
		return changed
	})
}

// clearCredentials removes the login keys in any spelling k6 would read,
// including the nulls k6's own --reset leaves behind.
func (d *document) clearCredentials() error {
	return d.setCredentials(Credentials{})
}

// encode pretty-prints the document with two-space indentation and a final
// newline. A document with no keys is written as "{}".
func (d *document) encode() []byte { return d.appendEncoded(nil) }

// appendEncoded is encode appending to dst.
func (d *document) appendEncoded(dst []byte) []byte {
	dst, _ = d.encodeRuns(dst, false)
	return dst
}

// segments is encode for a file write: what to write, in order, and the
// buffer it used. The runs of members copied from the source are not copied
// but returned as slices of it; buf holds the rest (brackets, separators,
// edited members). The file is the concatenation of segs.
func (d *document) segments(buf []byte, segs [][]byte) ([][]byte, []byte) {
	buf, runs := d.encodeRuns(buf, true)
	prev := 0
	for _, r := range runs {
		if r.at > prev {
			segs = append(segs, buf[prev:r.at])
		}
		segs = append(segs, r.text)
		prev = r.at
	}
	if len(buf) > prev {
		segs = append(segs, buf[prev:])
	}
	return segs, buf
}

// run is text of the source that belongs at offset at of the encoded buffer.
type run struct {
	at   int
	text []byte
}

// encodeRuns writes the document to dst. It indents member by member rather
// than building the compact text first, and copies members that are already
// indented (any file k6login wrote) as they are. A run of such members that
// stand one after the other in the source is one piece of it: it is copied in
// one go or, when cut is set, returned in runs instead of being copied.
func (d *document) encodeRuns(dst []byte, cut bool) (_ []byte, runs []run) {
	members := d.root.members
	if len(members) == 0 {
		return append(dst, "{}\n"...), nil
	}
	if !cut {
		size := 0
		for _, m := range members {
			size += len(m.rawKey) + len(m.value) + 5
		}
		if !allCanonical(members) {
			size += size / 2 // indentation rarely adds more than half again
		}
		dst = slices.Grow(dst, size+4)
	}
	dst = append(dst, '{')
	const sep = ",\n  " // between two members, as encode writes it
	src := d.src
	for k := 0; k < len(members); {
		if k > 0 {
			dst = append(dst, sep...)
		} else {
			dst = append(dst, sep[1:]...)
		}
		m := members[k]
		k++
		if m.verbatim {
			end := m.at + len(m.rawKey) + 2 + len(m.value)
			for ; k < len(members); k++ {
				next := &members[k]
				if !next.verbatim || next.at != end+len(sep) || string(src[end:next.at]) != sep {
					break
				}
				end = next.at + len(next.rawKey) + 2 + len(next.value)
			}
			if cut {
				runs = append(runs, run{at: len(dst), text: src[m.at:end]})
			} else {
				dst = append(dst, src[m.at:end]...)
			}
			continue
		}
		dst = append(dst, m.rawKey...)
		dst = append(dst, ':', ' ')
		if m.canonical {
			dst = append(dst, m.value...)
		} else {
			dst = appendIndentedAt(dst, m.value, 1)
		}
	}
	return append(dst, "\n}\n"...), runs
}

func allCanonical(members []member) bool {
	for _, m := range members {
		if !m.canonical {
			return false
		}
	}
	return true
}

// snapshot reads what k6 would use from the document.
func (d *document) snapshot(snap *Snapshot) error {
	f, err := d.find()
	if err != nil {
		return err
	}
	cloud := f.cloud
	prefix := f.collName + ".cloud."
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
