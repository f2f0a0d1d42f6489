//go:build !plan9

package configstore

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A full disk (or a quota, or an I/O error) while writing, injected with
// testHookWrite. TestInjectedWriteFailureKeepsTheOldFile covers k6's config;
// these cover the accounts file and a whole login through a Session. Running
// as root, a read-only file or folder stops nothing, so the failing writer
// stands in for those too.

func failWrites(t *testing.T, err error) {
	t.Helper()
	testHookWrite = func(w io.Writer, data []byte) (int, error) {
		n, _ := w.Write(data[:len(data)/3])
		return n, err
	}
	t.Cleanup(func() { testHookWrite = nil })
}

func TestAccountsWriteFailureKeepsTheOldFile(t *testing.T) {
	for _, errno := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EIO} {
		t.Run(errno.Error(), func(t *testing.T) {
			path := accountsTestPath(t)
			s := NewAccountStore(path)
			if _, err := s.Upsert(Account{Name: "first", Token: "glc_first_0000", StackURL: "https://a.grafana.net", StackID: 1}); err != nil {
				t.Fatal(err)
			}
			before := readAccountsFile(t, path)
			failWrites(t, errno)
			_, err := s.Upsert(Account{Name: "second", Token: "glc_second_1111", StackURL: "https://b.grafana.net", StackID: 2})
			if !errors.Is(err, errno) || !strings.Contains(err.Error(), path) {
				t.Fatalf("error %v: want %v naming %s", err, errno, path)
			}
			if strings.Contains(err.Error(), "glc_second_1111") {
				t.Errorf("the message holds the token: %v", err)
			}
			if got := readAccountsFile(t, path); got != before {
				t.Errorf("the accounts file changed:\n%s", got)
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary file left: %s", e.Name())
				}
			}
		})
	}
}

// A login when the disk is full: k6's config fails first and the login stops
// there; both files stay as they were.
func TestSessionLoginOnAFullDiskChangesNothing(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "k6", "config.json")
	acc := filepath.Join(dir, "k6login", "accounts.json")
	writeFile(t, cfg, `{"collectors":{"cloud":{"token":"glc_old_0000000","stackURL":"https://old.grafana.net","stackID":7}},"vus":3}`, 0o600)
	s := Session{Config: New(cfg), Accounts: NewAccountStore(acc)}
	if _, _, err := s.KeepCurrent(); err != nil {
		t.Fatal(err)
	}
	beforeCfg, beforeAcc := readFile(t, cfg), readFile(t, acc)

	failWrites(t, syscall.ENOSPC)
	_, _, err := s.SaveLogin(fullCreds, TokenModePersonal, "", time.Now())
	if !errors.Is(err, syscall.ENOSPC) || IsAccountsError(err) || !strings.Contains(err.Error(), "disk is full") || !strings.Contains(err.Error(), cfg) {
		t.Fatalf("error %v", err)
	}
	if readFile(t, cfg) != beforeCfg || readFile(t, acc) != beforeAcc {
		t.Error("a file changed")
	}
	noTempFiles(t, filepath.Dir(cfg))
}
