package configstore

import (
	"errors"
	"time"
)

// AccountsError marks a failure of the saved-accounts file (as opposed to k6's
// config), so callers can still do what k6 alone would do.
type AccountsError struct{ Err error }

func (e *AccountsError) Error() string { return e.Err.Error() }
func (e *AccountsError) Unwrap() error { return e.Err }

// IsAccountsError reports whether err came from the saved-accounts file.
func IsAccountsError(err error) bool {
	var ae *AccountsError
	return errors.As(err, &ae)
}

func accountsErr(err error) error {
	if err == nil {
		return nil
	}
	return &AccountsError{Err: err}
}

// Session joins k6's config file and the saved accounts. The active account is
// whichever saved account matches the credentials in k6's config; these
// operations keep the two files consistent and never drop credentials that only
// k6's config holds (written by `k6 cloud login`, say): they are kept as an
// account before anything replaces them.
type Session struct {
	Config   *Store
	Accounts *AccountStore
}

// Overview is what both files say, read once.
type Overview struct {
	Snapshot Snapshot
	Accounts []Account
	// Active is the index in Accounts of the account k6 uses, -1 when none.
	Active int
	// Unsaved holds the credentials in k6's config that no saved account has,
	// named as they would be saved; nil when there are none.
	Unsaved *Account
}

// ActiveAccount is the account k6 uses (saved or not), and false when k6's config has no token.
func (o Overview) ActiveAccount() (Account, bool) {
	switch {
	case o.Active >= 0:
		return o.Accounts[o.Active], true
	case o.Unsaved != nil:
		return *o.Unsaved, true
	}
	return Account{}, false
}

// Overview reads both files.
func (s Session) Overview() (Overview, error) {
	snap, err := s.Config.Load()
	if err != nil {
		return Overview{}, err
	}
	accounts, err := s.Accounts.List()
	if err != nil {
		return Overview{Snapshot: snap, Active: -1}, accountsErr(err)
	}
	o := Overview{Snapshot: snap, Accounts: accounts, Active: ActiveIndex(accounts, snap.Credentials)}
	if o.Active < 0 && snap.Credentials.Token != "" {
		a := accountFromCredentials(snap.Credentials, TokenModeUnknown)
		o.Unsaved = &a
	}
	return o, nil
}

func accountFromCredentials(c Credentials, mode TokenMode) Account {
	return Account{
		Name:             DefaultAccountName(c.StackURL, mode),
		Token:            c.Token,
		StackURL:         c.StackURL,
		StackID:          c.StackID,
		DefaultProjectID: c.DefaultProjectID,
		ProjectID:        c.ProjectID,
		TokenMode:        mode,
	}
}

// KeepCurrent saves the credentials in k6's config as an account when no saved
// account holds them yet. It reports the account and whether it was added.
func (s Session) KeepCurrent() (Account, bool, error) {
	o, err := s.Overview()
	if err != nil {
		return Account{}, false, err
	}
	if o.Unsaved == nil {
		a, _ := o.ActiveAccount()
		return a, false, nil
	}
	a, err := s.Accounts.Upsert(*o.Unsaved)
	return a, err == nil, accountsErr(err)
}

// SaveLogin writes a freshly validated login to k6's config and records it as an
// account. Whatever k6's config held before is kept as an account first, so a
// new login never loses credentials that only k6's config had: when the accounts
// file cannot be read and k6's config holds another login, nothing is written
// and a *LoginBlockedError says why. A failure to record the new login after
// k6's config was written is returned as an *AccountsError together with the
// SaveResult: k6 is logged in all the same.
func (s Session) SaveLogin(c Credentials, mode TokenMode, projectName string, validated time.Time) (SaveResult, Account, error) {
	if _, _, err := s.KeepCurrent(); err != nil {
		if !IsAccountsError(err) {
			return SaveResult{}, Account{}, err
		}
		snap, lerr := s.Config.Load()
		if lerr != nil {
			return SaveResult{}, Account{}, lerr
		}
		if held := snap.Credentials; held.Token != "" && (held.Token != c.Token || held.StackURL != c.StackURL) {
			// Not an *AccountsError itself: callers treat those as warnings.
			return SaveResult{}, Account{}, &LoginBlockedError{ConfigPath: s.Config.Path(), AccountsPath: s.Accounts.Path(), Err: errors.Unwrap(err)}
		}
	}
	res, err := s.Config.Save(c)
	if err != nil {
		return res, Account{}, err
	}
	a, err := s.Record(c, mode, projectName, validated)
	return res, a, err
}

// LoginBlockedError stops a login that would replace credentials which cannot
// be kept, because the saved-accounts file is unreadable.
type LoginBlockedError struct {
	ConfigPath, AccountsPath string
	Err                      error
}

func (e *LoginBlockedError) Error() string {
	return "nothing was saved: " + e.ConfigPath + " holds another login, and it cannot be kept as a saved account because " +
		e.AccountsPath + " cannot be used (" + e.Err.Error() + "). Move " + e.AccountsPath +
		" aside (k6login then starts a new one) or remove the old login with k6login --reset, and log in again"
}

func (e *LoginBlockedError) Unwrap() error { return e.Err }

// Record saves a freshly validated login as an account (adding or updating it);
// the caller has already written it to k6's config.
func (s Session) Record(c Credentials, mode TokenMode, projectName string, validated time.Time) (Account, error) {
	a := accountFromCredentials(c, mode)
	a.Name = ""
	a.ProjectName = projectName
	a.LastValidated = validated
	saved, err := s.Accounts.Upsert(a)
	return saved, accountsErr(err)
}

// Activate makes a saved account the one k6 uses: whatever k6's config held is
// kept as an account first, then the account's keys are written to k6's config.
func (s Session) Activate(a Account) (SaveResult, error) {
	if _, _, err := s.KeepCurrent(); err != nil {
		return SaveResult{}, err
	}
	res, err := s.Config.Save(a.Credentials())
	if err != nil {
		return res, err
	}
	// Store what the caller learnt while switching (validation time, IDs).
	_, err = s.Accounts.Upsert(a)
	return res, accountsErr(err)
}

// SignOut removes the login keys from k6's config, keeping the credentials as a
// saved account. It reports the account signed out of, and false when k6's config
// held no credentials.
func (s Session) SignOut() (Account, bool, error) {
	a, _, err := s.KeepCurrent()
	if err != nil {
		return Account{}, false, err
	}
	snap, err := s.Config.Load()
	if err != nil {
		return Account{}, false, err
	}
	if snap.Credentials.Empty() {
		// k6 reads no login, but a copy it ignores (in an earlier duplicate
		// of collectors or cloud) may still hold a token: remove it too.
		res, err := s.Config.Clear()
		return Account{}, res.Written, err
	}
	if _, err := s.Config.Clear(); err != nil {
		return Account{}, false, err
	}
	return a, true, nil
}

// Forget removes a saved account. When k6 uses it, its keys are removed from
// k6's config too, so a forgotten token is really gone; wasActive reports that.
func (s Session) Forget(name string) (removed Account, wasActive bool, err error) {
	a, err := s.Accounts.Get(name)
	if err != nil {
		return Account{}, false, accountsErr(err)
	}
	snap, err := s.Config.Load()
	if err != nil {
		return Account{}, false, err
	}
	if a.Matches(snap.Credentials) {
		if _, err := s.Config.Clear(); err != nil {
			return Account{}, false, err
		}
		wasActive = true
	}
	removed, err = s.Accounts.Remove(name)
	return removed, wasActive, accountsErr(err)
}

// ForgetAll removes every saved account and the login keys from k6's config.
func (s Session) ForgetAll() (removed int, signedOut bool, err error) {
	snap, err := s.Config.Load()
	if err != nil {
		return 0, false, err
	}
	if !snap.Credentials.Empty() {
		if _, err := s.Config.Clear(); err != nil {
			return 0, false, err
		}
		signedOut = true
	}
	removed, err = s.Accounts.RemoveAll()
	return removed, signedOut, accountsErr(err)
}

// SecretsError is why a token kept in the keyring could not be read, nil when
// every token could be (or no accounts store is open).
func (s Session) SecretsError() error {
	if s.Accounts == nil {
		return nil
	}
	return s.Accounts.SecretsError()
}
