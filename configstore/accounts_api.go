package configstore

import (
	"time"
)

// TokenMode says which kind of API token an account holds. Grafana Cloud does not
// tell; the user does, at login.
type TokenMode string

const (
	TokenModeUnknown  TokenMode = ""
	TokenModePersonal TokenMode = "personal"
	TokenModeStack    TokenMode = "stack"
)

// Account is one saved set of cloud credentials. k6's config file holds only the
// active one (and k6 drops unknown keys when it rewrites that file), so accounts
// live in a file of k6login's own.
type Account struct {
	Name string `json:"name"`
	// Token is empty in the file when the token is kept in a SecretStore
	// under TokenRef; reading the file fills it in from there.
	Token            string    `json:"token,omitempty"`
	StackURL         string    `json:"stackURL"`
	StackID          int64     `json:"stackID"`
	DefaultProjectID int64     `json:"defaultProjectID"`
	ProjectID        int64     `json:"projectID,omitempty"` // 0: the stack's default
	ProjectName      string    `json:"projectName,omitempty"`
	TokenMode        TokenMode `json:"tokenMode,omitempty"`
	LastValidated    time.Time `json:"lastValidated,omitzero"`
	// TokenRef names the entry of the system keyring that holds the token;
	// empty when the accounts file holds the token itself.
	TokenRef string `json:"tokenRef,omitempty"`
	// InsecureStorage keeps the token in the accounts file on purpose
	// (--insecure-storage): it is never moved into the keyring.
	InsecureStorage bool `json:"insecureStorage,omitempty"`
}

// TokenUnavailable reports whether the token is kept in the keyring and could
// not be read from it (the keyring is locked, or not there).
func (a Account) TokenUnavailable() bool { return a.Token == "" && a.TokenRef != "" }

// TokenStorage says where the token is kept: "keyring" or "file".
func (a Account) TokenStorage() string {
	if a.TokenRef != "" {
		return "keyring"
	}
	return "file"
}

// Credentials are the keys this account puts in k6's config.
func (a Account) Credentials() Credentials {
	return Credentials{Token: a.Token, StackID: a.StackID, StackURL: a.StackURL, DefaultProjectID: a.DefaultProjectID, ProjectID: a.ProjectID}
}

// Matches reports whether the config's credentials are this account's: the same
// token for the same stack. The project may differ and is not part of identity.
func (a Account) Matches(c Credentials) bool {
	return c.Token != "" && a.Token == c.Token && a.StackURL == c.StackURL
}
