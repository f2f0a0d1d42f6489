package configstore

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/k6login/k6login/internal/jsontext"
)

// accountsVersion is the format this code reads and writes. A change that an
// older k6login would misread (or silently drop on rewrite) bumps it.
const accountsVersion = 1

// maxAccountName caps names: they are typed on command lines.
const maxAccountName = 64

// AccountsPath is where saved accounts live: $K6LOGIN_ACCOUNTS when set, else
// os.UserConfigDir()/k6login/accounts.json. Not in k6's folder tree under k6's
// file name, so k6 never rewrites it.
func AccountsPath(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if p := getenv("K6LOGIN_ACCOUNTS"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find where to keep saved accounts: %w; set K6LOGIN_ACCOUNTS to a file path", err)
	}
	return filepath.Join(dir, "k6login", "accounts.json"), nil
}

// AccountStore reads and writes the saved-accounts file. Every change is a
// locked read-modify-write followed by an atomic replace, so several k6login
// processes may use the same file at once and readers never see a partial file.
type AccountStore struct {
	path        string
	lockTimeout time.Duration
}

// NewAccountStore returns a store for the file at path (which need not exist).
func NewAccountStore(path string) *AccountStore {
	return &AccountStore{path: path, lockTimeout: DefaultLockTimeout}
}

// Path is the file this store reads and writes.
func (s *AccountStore) Path() string { return s.path }

// List returns the saved accounts sorted by name (ignoring case first, so that
// "Work" sits next to "work"). A missing file is an empty list.
func (s *AccountStore) List() ([]Account, error) {
	data, _, exists, err := readFileCapped(s.path)
	if err != nil {
		return nil, accountsIOErr(err)
	}
	if !exists {
		return []Account{}, nil
	}
	return decodeAccounts(s.path, data)
}

// Get returns the account named name, or a *NoAccountError.
func (s *AccountStore) Get(name string) (Account, error) {
	accounts, err := s.List()
	if err != nil {
		return Account{}, err
	}
	if i := indexByName(accounts, name); i >= 0 {
		return accounts[i], nil
	}
	return Account{}, noAccount(name, accounts)
}

// Upsert adds a, or updates the saved account with the same token for the same
// stack (keeping that account's name unless a.Name is set and free). An empty
// name becomes DefaultAccountName; a name another account has gets a suffix
// ("-2", "-3", ...). It returns the account as stored.
func (s *AccountStore) Upsert(a Account) (Account, error) {
	if a.Name != "" {
		if err := checkAccountName(a.Name); err != nil {
			return Account{}, err
		}
	}
	if a.Token == "" {
		return Account{}, errors.New("cannot save an account without a token")
	}
	switch a.TokenMode {
	case TokenModeUnknown, TokenModePersonal, TokenModeStack:
	default:
		return Account{}, fmt.Errorf("cannot save account: unknown token mode %q (want %q or %q)",
			a.TokenMode, TokenModePersonal, TokenModeStack)
	}
	// Stored as UTC without a monotonic reading, which is exactly what reading
	// the file back gives, so the returned account equals the listed one.
	if !a.LastValidated.IsZero() {
		a.LastValidated = a.LastValidated.UTC().Round(0)
	}
	var stored Account
	err := s.update(func(accounts []Account) ([]Account, bool, error) {
		if i := ActiveIndex(accounts, a.Credentials()); i >= 0 {
			stored = mergeAccount(accounts[i], a, accounts)
			accounts[i] = stored
			return accounts, true, nil
		}
		stored = a
		if stored.Name == "" {
			stored.Name = DefaultAccountName(a.StackURL, a.TokenMode)
		}
		stored.Name = freeName(stored.Name, accounts)
		return append(accounts, stored), true, nil
	})
	if err != nil {
		return Account{}, err
	}
	return stored, nil
}

// mergeAccount is old updated with what a knows. Zero IDs, an unknown token mode
// and a zero validation time mean "not known" and keep the old value; ProjectID
// 0 is a choice (the stack's default) and is taken as given.
func mergeAccount(old, a Account, accounts []Account) Account {
	m := old
	if a.Name != "" && a.Name != old.Name && indexByName(accounts, a.Name) < 0 {
		m.Name = a.Name
	}
	if a.StackID != 0 {
		m.StackID = a.StackID
	}
	if a.DefaultProjectID != 0 {
		m.DefaultProjectID = a.DefaultProjectID
	}
	if m.ProjectID != a.ProjectID || a.ProjectName != "" {
		m.ProjectID, m.ProjectName = a.ProjectID, a.ProjectName
	}
	if a.TokenMode != TokenModeUnknown {
		m.TokenMode = a.TokenMode
	}
	if !a.LastValidated.IsZero() {
		m.LastValidated = a.LastValidated
	}
	return m
}

// Remove deletes the account named name and returns it, or a *NoAccountError.
func (s *AccountStore) Remove(name string) (Account, error) {
	var removed Account
	err := s.update(func(accounts []Account) ([]Account, bool, error) {
		i := indexByName(accounts, name)
		if i < 0 {
			return nil, false, noAccount(name, accounts)
		}
		removed = accounts[i]
		return slices.Delete(accounts, i, i+1), true, nil
	})
	return removed, err
}

// RemoveAll deletes every saved account and reports how many there were.
func (s *AccountStore) RemoveAll() (int, error) {
	n := 0
	err := s.update(func(accounts []Account) ([]Account, bool, error) {
		n = len(accounts)
		return accounts[:0], n > 0, nil
	})
	return n, err
}

// update is the locked read-modify-write every change goes through: re-read
// the file under the lock (another process may have changed it), apply edit,
// and replace the file atomically when edit says it changed something. A file
// that cannot be read as accounts is never written.
func (s *AccountStore) update(edit func([]Account) ([]Account, bool, error)) error {
	target, err := resolveTarget(s.path)
	if err != nil {
		return accountsIOErr(err)
	}
	// A change to a missing file that changes nothing (removing from an empty
	// list) must not create the folder or the lock file.
	if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
		if _, changed, err := edit([]Account{}); err != nil || !changed {
			return err
		}
	}
	err = withLock(target, s.lockTimeout, func() error {
		data, _, exists, err := readFileCapped(target)
		if err != nil {
			return err
		}
		accounts := []Account{}
		if exists {
			if accounts, err = decodeAccounts(s.path, data); err != nil {
				return err
			}
		}
		accounts, changed, err := edit(accounts)
		if err != nil || !changed {
			return err
		}
		removeStaleTemps(target)
		_, err = writeFileAtomic(target, encodeAccounts(accounts))
		return err
	})
	return accountsIOErr(err)
}

// The file's layout: {"version": 1, "accounts": [Account...]}, each account
// with the names of Account's struct tags, written with two-space indents.

func encodeAccounts(accounts []Account) []byte {
	sortAccounts(accounts)
	items := make([]jsontext.Value, len(accounts)) // none is "[]", not null
	for i, a := range accounts {
		items[i] = accountJSON(a)
	}
	out := jsontext.AppendIndent(nil, jsontext.ObjectValue(
		jsontext.Field("version", jsontext.IntValue(accountsVersion)),
		jsontext.Field("accounts", jsontext.ArrayValue(items...)),
	), "  ")
	return append(out, '\n')
}

func accountJSON(a Account) jsontext.Value {
	validated := jsontext.NullValue()
	if !a.LastValidated.IsZero() {
		validated = jsontext.TimeValue(a.LastValidated)
	}
	return jsontext.ObjectValue(
		jsontext.Field("name", jsontext.StringValue(a.Name)),
		jsontext.Field("token", jsontext.StringValue(a.Token)),
		jsontext.Field("stackURL", jsontext.StringValue(a.StackURL)),
		jsontext.Field("stackID", jsontext.IntValue(a.StackID)),
		jsontext.Field("defaultProjectID", jsontext.IntValue(a.DefaultProjectID)),
		jsontext.OmitEmpty("projectID", jsontext.IntValue(a.ProjectID)),
		jsontext.OmitEmpty("projectName", jsontext.StringValue(a.ProjectName)),
		jsontext.OmitEmpty("tokenMode", jsontext.StringValue(string(a.TokenMode))),
		jsontext.OmitEmpty("lastValidated", validated),
	)
}

func sortAccounts(accounts []Account) {
	slices.SortStableFunc(accounts, func(a, b Account) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Name, b.Name))
	})
}

// decodeAccounts reads the file strictly: anything it cannot read in full is
// an error with a position, so that no change ever drops what it did not understand.
// The version is checked before the accounts, whose layout a newer version may change.
// Blank data holds no accounts: no writer of this file leaves it so, and
// nothing is lost by treating it as empty.
func decodeAccounts(path string, data []byte) ([]Account, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return []Account{}, nil
	}
	root, err := jsontext.Parse(data)
	if err != nil {
		var pe *ParseError
		if errors.As(newParseError(path, data), &pe) {
			return nil, &accountsFileError{pe}
		}
		return nil, damagedAt(path, data, 0, errors.New("not valid JSON"))
	}
	if root.Kind != jsontext.Object {
		return nil, damagedAt(path, data, root.Offset, fmt.Errorf("the file holds %s, want an object", root.Kind.Article()))
	}
	version, ok := root.Get("version")
	if !ok {
		return nil, damagedAt(path, data, root.Offset, errors.New(`it has no "version"`))
	}
	v, ok := version.Int64()
	if !ok || v < 1 || v > math.MaxInt32 {
		return nil, damagedAt(path, data, version.Offset, fmt.Errorf(`"version" is %s, want a whole number from 1`, data[version.Offset:version.End]))
	}
	if v > accountsVersion {
		return nil, &accountsVersionError{Path: path, Version: int(v)}
	}
	accounts := []Account{}
	list, ok := root.Get("accounts")
	if !ok || list.Kind == jsontext.Null {
		return accounts, nil
	}
	if list.Kind != jsontext.Array {
		return nil, damagedAt(path, data, list.Offset, fmt.Errorf(`"accounts" is %s, want an array`, list.Kind.Article()))
	}
	for i, item := range list.Items() {
		n := i + 1
		if item.Kind != jsontext.Object {
			return nil, damagedAt(path, data, item.Offset, fmt.Errorf("account %d is %s, want an object", n, item.Kind.Article()))
		}
		a, at, err := readAccount(item, data)
		if err != nil {
			return nil, damagedAt(path, data, at, fmt.Errorf("account %d: %v", n, err))
		}
		if err := checkAccountName(a.Name); err != nil {
			return nil, damagedAt(path, data, item.Offset, fmt.Errorf("account %d: %v", n, err))
		}
		if indexByName(accounts, a.Name) >= 0 {
			return nil, damagedAt(path, data, item.Offset, fmt.Errorf("account %d: a second account named %q", n, a.Name))
		}
		accounts = append(accounts, a)
	}
	sortAccounts(accounts)
	return accounts, nil
}

// readAccount fills an Account from its object. Unknown members are left
// alone and null is no value, as encoding/json did when it read this file;
// a member of the wrong type is an error at that member's value.
func readAccount(obj jsontext.Value, data []byte) (a Account, at int, err error) {
	for _, m := range obj.Members() {
		v := m.Value
		if v.Kind == jsontext.Null {
			continue
		}
		var ok bool
		switch m.Name {
		case "name":
			a.Name, ok = v.Str()
		case "token":
			a.Token, ok = v.Str()
		case "stackURL":
			a.StackURL, ok = v.Str()
		case "projectName":
			a.ProjectName, ok = v.Str()
		case "tokenMode":
			var mode string
			mode, ok = v.Str()
			a.TokenMode = TokenMode(mode)
		case "stackID":
			a.StackID, ok = v.Int64()
		case "defaultProjectID":
			a.DefaultProjectID, ok = v.Int64()
		case "projectID":
			a.ProjectID, ok = v.Int64()
		case "lastValidated":
			var text string
			if text, ok = v.Str(); ok {
				var perr error
				if a.LastValidated, perr = time.Parse(time.RFC3339, text); perr != nil {
					return a, v.Offset, fmt.Errorf("%q is %s, want a time such as 2026-01-02T15:04:05Z", m.Name, data[v.Offset:v.End])
				}
			}
			if !ok {
				return a, v.Offset, fmt.Errorf("%q is %s, want a string", m.Name, v.Kind.Article())
			}
			continue
		default:
			continue
		}
		if !ok {
			return a, v.Offset, fmt.Errorf("%q is %s, want %s", m.Name, describeValue(v, data), wantFor(m.Name))
		}
	}
	return a, obj.Offset, nil
}

// describeValue names a value of the wrong type: its kind, or the number itself.
func describeValue(v jsontext.Value, data []byte) string {
	if v.Kind == jsontext.Number {
		return string(data[v.Offset:v.End])
	}
	return v.Kind.Article()
}

func wantFor(member string) string {
	switch member {
	case "stackID", "defaultProjectID", "projectID":
		return "a whole number"
	}
	return "a string"
}

// damagedAt is an *accountsFileError pointing at byte pos of data.
func damagedAt(path string, data []byte, pos int, err error) error {
	pos = max(0, min(pos, len(data)))
	line := 1 + bytes.Count(data[:pos], []byte{'\n'})
	lineStart := bytes.LastIndexByte(data[:pos], '\n') + 1
	col := 1 + len([]rune(string(data[lineStart:pos])))
	return &accountsFileError{&ParseError{Path: path, Line: line, Col: col, Err: err}}
}

// accountsFileError says the saved-accounts file cannot be read. It wraps a
// *ParseError (for the position) and, through it, matches ErrInvalidConfig:
// such a file is never overwritten.
type accountsFileError struct{ pe *ParseError }

func (e *accountsFileError) Error() string {
	return fmt.Sprintf("the saved accounts file %s is damaged (line %d, column %d: %v); k6login will not change it: "+
		"fix it, or move it aside and k6login starts a new list of saved accounts",
		e.pe.Path, e.pe.Line, e.pe.Col, e.pe.Err)
}

func (e *accountsFileError) Unwrap() error { return e.pe }

// accountsVersionError refuses a file a newer k6login wrote: rewriting it in
// this version's layout could drop what this version does not know.
type accountsVersionError struct {
	Path    string
	Version int
}

func (e *accountsVersionError) Error() string {
	return fmt.Sprintf("the saved accounts file %s was written by a newer k6login (file version %d, this k6login reads version %d): "+
		"update k6login; the file is left as it is", e.Path, e.Version, accountsVersion)
}

// Is lets errors.Is(err, ErrInvalidConfig) match: the file is there but unusable.
func (e *accountsVersionError) Is(target error) bool { return target == ErrInvalidConfig }

// accountsIOError is a *FileError about the accounts file, whose hints must
// name the accounts file's own override rather than k6's -c and K6_CONFIG.
type accountsIOError struct{ fe *FileError }

func (e *accountsIOError) Error() string {
	if errors.Is(e.fe.Err, errTooLarge) {
		return fmt.Sprintf("cannot use the saved accounts file %s: it is larger than %d MiB, far more than any list of accounts; "+
			"move it aside and k6login starts a new one", e.fe.Path, maxConfigSize>>20)
	}
	return strings.ReplaceAll(e.fe.Error(), "-c or K6_CONFIG", "K6LOGIN_ACCOUNTS")
}

func (e *accountsIOError) Unwrap() error { return e.fe }

func accountsIOErr(err error) error {
	if fe, ok := err.(*FileError); ok {
		return &accountsIOError{fe}
	}
	return err
}

// NoAccountError says there is no saved account with the name asked for.
type NoAccountError struct {
	Name  string
	Known []string // the saved names, sorted
}

func (e *NoAccountError) Error() string {
	named := "named " + strconv.Quote(e.Name)
	if strings.HasPrefix(e.Name, "glc_") || strings.HasPrefix(e.Name, "glsa_") {
		// A token given where a name goes is never repeated.
		named = "by that name (it looks like a token, so it is not repeated here)"
	}
	if len(e.Known) == 0 {
		return fmt.Sprintf("no saved account %s: there are no saved accounts yet; run k6login to log in and add one", named)
	}
	return fmt.Sprintf("no saved account %s; saved accounts: %s", named, strings.Join(e.Known, ", "))
}

func noAccount(name string, accounts []Account) *NoAccountError {
	e := &NoAccountError{Name: name}
	for _, a := range accounts {
		e.Known = append(e.Known, a.Name)
	}
	return e
}

// AccountNameError says a name cannot be an account's name.
type AccountNameError struct {
	Name   string
	Reason string
}

func (e *AccountNameError) Error() string {
	return fmt.Sprintf("invalid account name %s: %s; use 1 to %d letters, digits, '-', '_', '.' or '@', not starting with '-'",
		strconv.Quote(e.Name), e.Reason, maxAccountName)
}

// checkAccountName keeps names to what a shell passes and completes without
// quoting; a leading '-' would read as a flag.
func checkAccountName(name string) error {
	fail := func(reason string) error { return &AccountNameError{Name: name, Reason: reason} }
	switch {
	case name == "":
		return fail("it is empty")
	case len(name) > maxAccountName:
		return fail(fmt.Sprintf("it is %d characters long", len(name)))
	case name[0] == '-':
		return fail("it starts with '-', which reads as an option")
	}
	for _, r := range name {
		if !nameChar(r) {
			return fail(fmt.Sprintf("it contains %s", strconv.QuoteRune(r)))
		}
	}
	return nil
}

func nameChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_' || r == '.' || r == '@'
}

func indexByName(accounts []Account, name string) int {
	return slices.IndexFunc(accounts, func(a Account) bool { return a.Name == name })
}

// freeName is name, or name with the first free suffix "-2", "-3", ...,
// shortened so that the result stays within maxAccountName.
func freeName(name string, accounts []Account) string {
	if indexByName(accounts, name) < 0 {
		return name
	}
	for n := 2; ; n++ {
		suffix := "-" + strconv.Itoa(n)
		base := name[:min(len(name), maxAccountName-len(suffix))]
		if c := base + suffix; indexByName(accounts, c) < 0 {
			return c
		}
	}
}

// DefaultAccountName names an account after its stack and token kind:
// "my-team-personal", "my-team-stack", or "my-team" when the kind is unknown.
// For a host outside grafana.net it is the host and port with every other
// character turned into '-' ("127-0-0-1-8080"); "account" when there is no URL.
func DefaultAccountName(stackURL string, mode TokenMode) string {
	suffix := ""
	switch mode {
	case TokenModePersonal:
		suffix = "-personal"
	case TokenModeStack:
		suffix = "-stack"
	}
	base := stackNameBase(stackURL)
	base = strings.TrimRight(base[:min(len(base), maxAccountName-len("-personal"))], "-")
	if base == "" {
		base = "account"
	}
	return base + suffix
}

func stackNameBase(stackURL string) string {
	s := strings.ToLower(strings.TrimSpace(stackURL))
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:] // user info is never part of a name
	}
	host := s
	if h, _, err := net.SplitHostPort(s); err == nil {
		host = h
	}
	if slug, ok := strings.CutSuffix(host, ".grafana.net"); ok && slug != "" && !strings.Contains(slug, ".") {
		s = slug
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// ActiveIndex is the index of the account whose token and stack are in k6's
// config, -1 when none is.
func ActiveIndex(accounts []Account, c Credentials) int {
	return slices.IndexFunc(accounts, func(a Account) bool { return a.Matches(c) })
}
