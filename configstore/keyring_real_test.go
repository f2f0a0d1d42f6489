package configstore

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRealKeyring runs the life of saved accounts against the real system
// keyring, reading the entries back with secret-tool as another program
// would. It changes the keyring of whoever runs it, so it runs only when
// K6LOGIN_TEST_REAL_KEYRING=1; .ci/run sets it inside a throwaway D-Bus
// session with its own gnome-keyring-daemon.
func TestRealKeyring(t *testing.T) {
	if os.Getenv("K6LOGIN_TEST_REAL_KEYRING") != "1" {
		t.Skip("set K6LOGIN_TEST_REAL_KEYRING=1 to use the real system keyring (see .ci/run)")
	}
	secretTool, err := exec.LookPath("secret-tool")
	if err != nil {
		t.Fatal("secret-tool (libsecret-tools) is needed to read the entries back")
	}
	lookup := func(ref string) (string, error) {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(secretTool, "lookup", "service", KeyringService, "username", ref)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			if stdout.Len() == 0 && stderr.Len() == 0 {
				return "", ErrSecretNotFound // secret-tool exits 1, silent, for no match
			}
			t.Fatalf("secret-tool lookup: %v: %s", err, stderr.String())
		}
		return strings.TrimSuffix(stdout.String(), "\n"), nil
	}
	exerciseKeyring(t, NewKeyring(0), lookup)
}
