package configstore

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// accountsVersion is the format this code reads and writes. A change that an
// older k6login would misread (or silently drop on rewrite) bumps it.
// Version 2 added tokenRef (the token kept in the system keyring); a file
// with no such account is still written as version 1, which every k6login reads.
const accountsVersion = 2

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

	// secrets, when set, keeps tokens out of the file (see UseSecrets).
	secrets  SecretStore
	insecure bool
	notify   func(string)
	notified bool
	mu       sync.Mutex
	// secretsErr is why the last token could not be read from secrets.
	secretsErr error
}

// UseSecrets keeps the tokens of saved accounts in secrets (the system
// keyring), the file holding only a reference to each: tokens the file holds
// move there on the next change. When secrets fails, tokens stay in the file
// and notify is called once with a one-line notice. insecure keeps the tokens
// saved from now on in the file on purpose, without asking secrets at all
// (--insecure-storage); tokens already in the keyring are still read from it.
func (s *AccountStore) UseSecrets(secrets SecretStore, insecure bool, notify func(string)) {
	s.secrets, s.insecure, s.notify = secrets, insecure, notify
}

// SecretsError is why a token kept in the keyring could not be read, nil when
// every token read so far could be.
func (s *AccountStore) SecretsError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.secretsErr
}

// resolveTokens fills in the tokens kept in secrets. An entry that cannot be
// read leaves the token empty (Account.TokenUnavailable) and the reason in
// SecretsError: listing, renaming and forgetting accounts still work.
func (s *AccountStore) resolveTokens(accounts []Account) {
	for i := range accounts {
		a := &accounts[i]
		if a.TokenRef == "" || a.Token != "" {
			continue
		}
		var err error
		if s.secrets == nil {
			err = errors.New("this k6login was started without the system keyring")
		} else if a.Token, err = s.secrets.Get(a.TokenRef); err != nil {
			a.Token = ""
			if errors.Is(err, ErrSecretNotFound) {
				err = fmt.Errorf("%s holds no token for the account %s (entry %s %s); log in again to save it", s.secrets.Name(), a.Name, KeyringService, a.TokenRef)
			}
		}
		if err != nil {
			s.mu.Lock()
			s.secretsErr = err
			s.mu.Unlock()
		}
	}
}

// placeTokens moves the tokens the file would hold into secrets, and the
// tokens chosen for the file on purpose out of it. It returns the entries it
// made (to delete if the file cannot be written) and the ones no longer used.
func (s *AccountStore) placeTokens(accounts []Account) (added, dropped []string) {
	tryKeyring := s.secrets != nil && !s.insecure
	for i := range accounts {
		a := &accounts[i]
		switch {
		case a.TokenRef != "" && a.InsecureStorage && a.Token != "":
			dropped = append(dropped, a.TokenRef)
			a.TokenRef = ""
		case a.TokenRef == "" && a.Token != "" && !a.InsecureStorage && tryKeyring:
			ref := newTokenRef()
			if err := s.secrets.Set(ref, a.Token); err != nil {
				s.fallback(err)
				tryKeyring = false
				continue
			}
			a.TokenRef = ref
			added = append(added, ref)
		}
	}
	return added, dropped
}

func (s *AccountStore) fallback(err error) {
	if s.notify == nil || s.notified {
		return
	}
	s.notified = true
	s.notify(fmt.Sprintf("Note: tokens of saved accounts stay in %s (readable only by you): %v. Pass --insecure-storage to choose the file without this note.", s.path, err))
}

// deleteTokens removes keyring entries no account refers to any more. A
// failure leaves an entry behind, which is said once; the file is right either way.
func (s *AccountStore) deleteTokens(refs []string) {
	if s.secrets == nil {
		return
	}
	for _, ref := range refs {
		if err := s.secrets.Delete(ref); err != nil {
			if s.notify != nil {
				s.notify(fmt.Sprintf("Note: the token entry %s %s could not be deleted from %s: %v", KeyringService, ref, s.secrets.Name(), err))
			}
			return
		}
	}
}

func tokenRefs(accounts []Account) map[string]bool {
	refs := map[string]bool{}
	for _, a := range accounts {
		if a.TokenRef != "" {
			refs[a.TokenRef] = true
		}
	}
	return refs
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
	accounts, err := decodeAccounts(s.path, data)
	if err != nil {
		return nil, err
	}
	s.resolveTokens(accounts)
	return accounts, nil
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
	if a.Token == "" && !a.TokenUnavailable() {
		return Account{}, errors.New("cannot save an account without a token")
	}
	if s.insecure {
		a.InsecureStorage = true
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
		i := ActiveIndex(accounts, a.Credentials())
		if a.TokenUnavailable() {
			// Known by its keyring entry alone while the keyring is away.
			i = slices.IndexFunc(accounts, func(o Account) bool { return o.TokenRef == a.TokenRef })
		}
		if i >= 0 {
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
	// The storage of the latest save counts: a login with --insecure-storage
	// moves the token to the file, one without lets it move to the keyring.
	m.InsecureStorage = a.InsecureStorage
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
		s.resolveTokens(accounts)
		before := tokenRefs(accounts)
		accounts, changed, err := edit(accounts)
		if err != nil || !changed {
			return err
		}
		added, dropped := s.placeTokens(accounts)
		removeStaleTemps(target)
		if _, err = writeFileAtomic(target, encodeAccounts(accounts)); err != nil {
			s.deleteTokens(added)
			return err
		}
		after := tokenRefs(accounts)
		for ref := range before {
			if !after[ref] {
				dropped = append(dropped, ref)
			}
		}
		s.deleteTokens(dropped)
		return nil
	})
	return accountsIOErr(err)
}

// accountsFile is the file's layout: {"version": 1, "accounts": [...]},
// written with two-space indents.
type accountsFile struct {
	Version  int       `json:"version"`
	Accounts []Account `json:"accounts"`
}

func encodeAccounts(accounts []Account) []byte {
	sortAccounts(accounts)
	if accounts == nil {
		accounts = []Account{} // none is "[]", not null
	}
	version := 1
	if slices.ContainsFunc(accounts, func(a Account) bool { return a.TokenRef != "" }) {
		// Version 1 readers would take such an account for one without a
		// token, and drop the reference when they rewrite the file.
		version = 2
		inFile := slices.Clone(accounts)
		for i := range inFile {
			if inFile[i].TokenRef != "" {
				inFile[i].Token = ""
			}
		}
		accounts = inFile
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // a token with '&' stays readable
	if err := enc.Encode(accountsFile{version, accounts}); err != nil {
		panic(err) // an Account always encodes
	}
	return out.Bytes()
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
	if !json.Valid(data) {
		return nil, &accountsFileError{newParseError(path, data)}
	}
	start := skipSpace(data, 0)
	if data[start] != '{' {
		return nil, damagedAt(path, data, start, fmt.Errorf("the file holds %s, want an object", jsonKind(data[start:])))
	}
	versionAt, listAt := -1, -1 // the last of each, as encoding/json reads duplicates
	for name, at := range members(data, start) {
		switch name {
		case "version":
			versionAt = at
		case "accounts":
			listAt = at
		}
	}
	if versionAt < 0 {
		return nil, damagedAt(path, data, start, errors.New(`it has no "version"`))
	}
	version := rawValue(data, versionAt)
	v, err := strconv.ParseInt(string(version), 10, 32)
	if err != nil || v < 1 {
		return nil, damagedAt(path, data, versionAt, fmt.Errorf(`"version" is %s, want a whole number from 1`, version))
	}
	if v > accountsVersion {
		return nil, &accountsVersionError{Path: path, Version: int(v)}
	}
	accounts := []Account{}
	if listAt < 0 {
		return accounts, nil
	}
	list := rawValue(data, listAt)
	switch {
	case isNull(list):
		return accounts, nil
	case list[0] != '[':
		return nil, damagedAt(path, data, listAt, fmt.Errorf(`"accounts" is %s, want an array`, jsonKind(list)))
	}
	for i, at := range items(data, listAt) {
		n := i + 1
		if data[at] != '{' {
			return nil, damagedAt(path, data, at, fmt.Errorf("account %d is %s, want an object", n, jsonKind(data[at:])))
		}
		a, errAt, err := readAccount(data, at)
		if err != nil {
			return nil, damagedAt(path, data, errAt, fmt.Errorf("account %d: %v", n, err))
		}
		if err := checkAccountName(a.Name); err != nil {
			return nil, damagedAt(path, data, at, fmt.Errorf("account %d: %v", n, err))
		}
		if indexByName(accounts, a.Name) >= 0 {
			return nil, damagedAt(path, data, at, fmt.Errorf("account %d: a second account named %q", n, a.Name))
		}
		accounts = append(accounts, a)
	}
	sortAccounts(accounts)
	return accounts, nil
}

// storedAccount is an Account as the file holds it; the time is read by hand
// to name the expected layout when it is wrong.
type storedAccount struct {
	Account
	LastValidated string `json:"lastValidated"`
}

// readAccount decodes the account object at data[at:]. Unknown members are
// left alone and null is no value (encoding/json's rules); a member of the
// wrong type is an error at that member's value.
func readAccount(data []byte, at int) (Account, int, error) {
	var s storedAccount
	raw := rawValue(data, at)
	err := json.Unmarshal(raw, &s)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		name := te.Field[strings.LastIndexByte(te.Field, '.')+1:]
		got := "a " + te.Value // "a string", "a number 1.5"
		if n, ok := strings.CutPrefix(te.Value, "number "); ok {
			got = n
		} else if te.Value == "array" || te.Value == "object" {
			got = "an " + te.Value
		}
		return s.Account, memberAt(data, at, name), fmt.Errorf("%q is %s, want %s", name, got, wantFor(name))
	}
	if err != nil {
		return s.Account, at, err
	}
	a := s.Account
	if s.LastValidated != "" {
		if a.LastValidated, err = time.Parse(time.RFC3339, s.LastValidated); err != nil {
			return a, memberAt(data, at, "lastValidated"),
				fmt.Errorf("%q is %q, want a time such as 2026-01-02T15:04:05Z", "lastValidated", s.LastValidated)
		}
	}
	return a, at, nil
}

func wantFor(member string) string {
	switch member {
	case "stackID", "defaultProjectID", "projectID":
		return "a whole number"
	}
	return "a string"
}

// members yields the name and value offset of each member of the (valid)
// object at data[start:].
func members(data []byte, start int) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		dec := json.NewDecoder(bytes.NewReader(data[start:]))
		dec.Token() // '{'
		for dec.More() {
			tok, _ := dec.Token()
			name, _ := tok.(string)
			at := valueStart(data, start+int(dec.InputOffset()))
			if !yield(name, at) {
				return
			}
			var skip json.RawMessage
			dec.Decode(&skip)
		}
	}
}

// items yields the index and offset of each item of the (valid) array at data[start:].
func items(data []byte, start int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		dec := json.NewDecoder(bytes.NewReader(data[start:]))
		dec.Token() // '['
		for i := 0; dec.More(); i++ {
			if !yield(i, valueStart(data, start+int(dec.InputOffset()))) {
				return
			}
			var skip json.RawMessage
			dec.Decode(&skip)
		}
	}
}

// memberAt is the offset of the value of the object at data[start:] that
// encoding/json would decode into a field named name, or start.
func memberAt(data []byte, start int, name string) int {
	found := start
	for key, at := range members(data, start) {
		if strings.EqualFold(key, name) {
			found = at // the last one wins
		}
	}
	return found
}

// valueStart skips the separators and spaces before the value that follows
// offset i of valid JSON.
func valueStart(data []byte, i int) int {
	for i < len(data) && strings.IndexByte(" \t\r\n:,", data[i]) >= 0 {
		i++
	}
	return i
}

// rawValue is the text of the (valid) JSON value at data[at:].
func rawValue(data []byte, at int) json.RawMessage {
	var raw json.RawMessage
	json.NewDecoder(bytes.NewReader(data[at:])).Decode(&raw)
	return raw
}

// damagedAt is an *accountsFileError pointing at byte pos of data.
func damagedAt(path string, data []byte, pos int, err error) error {
	line, col := position(data, pos)
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
