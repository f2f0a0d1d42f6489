package configstore

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
)

// SecretStore keeps the tokens of saved accounts out of the accounts file,
// which then holds only a reference to each (Account.TokenRef).
type SecretStore interface {
	// Get returns the secret stored under ref; ErrSecretNotFound when there is none.
	Get(ref string) (string, error)
	// Set stores secret under ref, replacing what was there.
	Set(ref, secret string) error
	// Delete removes ref; a ref that is not there is no error.
	Delete(ref string) error
	// Name says where the secrets are, for messages ("the system keyring").
	Name() string
}

// ErrSecretNotFound says the keyring holds no entry under the reference.
var ErrSecretNotFound = errors.New("no such entry in the keyring")

// KeyringService is the service name under which k6login's entries are kept
// in the system keyring; each entry's user is the account's TokenRef.
const KeyringService = "k6login"

// DefaultKeyringTimeout bounds one keyring call. A keyring that waits for a
// password prompt nobody sees (a locked keyring on a remote session) or a
// D-Bus that never answers would otherwise hang the command.
const DefaultKeyringTimeout = 3 * time.Second

// Keyring is the system keyring (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows) through github.com/zalando/go-keyring.
// After one call fails for any reason other than a missing entry, or takes
// longer than the timeout, every later call fails at once with the same
// error: a keyring that is not there is not asked again and again.
type Keyring struct {
	timeout time.Duration
	mu      sync.Mutex
	broken  error
}

// NewKeyring returns the system keyring with a time limit per call
// (DefaultKeyringTimeout when 0).
func NewKeyring(timeout time.Duration) *Keyring {
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	return &Keyring{timeout: timeout}
}

// KeyringError says the system keyring could not be used.
type KeyringError struct{ Err error }

func (e *KeyringError) Error() string { return "the system keyring cannot be used: " + e.Err.Error() }
func (e *KeyringError) Unwrap() error { return e.Err }

func (k *Keyring) Name() string { return "the system keyring" }

func (k *Keyring) Get(ref string) (string, error) {
	var secret string
	err := k.call(func() (err error) {
		secret, err = keyring.Get(KeyringService, ref)
		return err
	})
	return secret, err
}

func (k *Keyring) Set(ref, secret string) error {
	return k.call(func() error { return keyring.Set(KeyringService, ref, secret) })
}

func (k *Keyring) Delete(ref string) error {
	err := k.call(func() error { return keyring.Delete(KeyringService, ref) })
	if errors.Is(err, ErrSecretNotFound) {
		return nil
	}
	return err
}

// call runs f in a goroutine of its own, so that a call that hangs is given
// up after the timeout (the goroutine is left to finish or not: the
// libraries offer no way to cancel).
func (k *Keyring) call(f func() error) error {
	k.mu.Lock()
	broken := k.broken
	k.mu.Unlock()
	if broken != nil {
		return broken
	}
	done := make(chan error, 1)
	go func() { done <- f() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(k.timeout):
		err = fmt.Errorf("no answer within %v", k.timeout)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrSecretNotFound
	}
	ke := &KeyringError{Err: err}
	k.mu.Lock()
	k.broken = ke
	k.mu.Unlock()
	return ke
}

// newTokenRef makes a reference for a new keyring entry: random, so that it
// says nothing about the token, and stable when the account is renamed.
func newTokenRef() string {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return "token-" + hex.EncodeToString(b)
}
