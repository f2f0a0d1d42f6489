package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
)

// buildEnv is the environment as the test binary started, before TestMain
// pointed HOME and XDG_CONFIG_HOME at a throwaway folder: go build needs the
// real ones to find its build and module caches (package variables are set
// before TestMain runs).
var buildEnv = os.Environ()

var built struct {
	once sync.Once
	dir  string
	err  error
	out  []byte
}

// buildBinary builds k6login once for the tests that run the real program.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "k6login-bin-")
		if built.err != nil {
			return
		}
		build := exec.Command("go", "build", "-o", filepath.Join(built.dir, "k6login"), ".")
		build.Env = buildEnv
		built.out, built.err = build.CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return filepath.Join(built.dir, "k6login")
}

// TestTwentyProcessesLogInAtOnce runs the real binary twenty times at once,
// each logging in to its own stack with its own token, all with the same
// config file and accounts file. k6's config must end valid and hold exactly
// one of the logins, whole; the accounts file must hold all twenty (and the
// credentials k6's config held before); both stay owner-only.
func TestTwentyProcessesLogInAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the binary and runs 20 processes")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the config lock is tested on unix")
	}
	dir := t.TempDir()
	bin := buildBinary(t)

	const n = 20
	token := func(i int) string { return fmt.Sprintf("glc_proc%02d_%s", i, strings.Repeat("x", 24)) }
	stack := func(i int) string { return fmt.Sprintf("https://team%02d.grafana.net", i) }
	var cfg fakeapi.Config
	for i := range n {
		cfg.Accounts = append(cfg.Accounts, fakeapi.Account{Token: token(i), Stacks: []string{stack(i)}})
		cfg.Stacks = append(cfg.Stacks, fakeapi.Stack{URL: stack(i), ID: 5_000_000_000 + int64(i),
			Projects: []fakeapi.Project{{ID: 7_000_000_000 + int64(i), Name: "Default project", IsDefault: true}}})
	}
	srv := fakeapi.New(cfg)
	base, stop := srv.Start()
	defer stop()

	configPath := filepath.Join(dir, "k6", "config.json")
	accountsPath := filepath.Join(dir, "k6login", "accounts.json")
	if err := os.MkdirAll(filepath.Dir(configPath), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(configPath, []byte(k6File), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"K6_CLOUD_HOST_V6="+base, "K6LOGIN_ACCOUNTS="+accountsPath,
		"XDG_CONFIG_HOME="+dir, "HOME="+dir, "K6_CONFIG=", "K6_CLOUD_TOKEN=")

	var wg sync.WaitGroup
	start := make(chan struct{})
	outs := make([]string, n)
	codes := make([]int, n)
	for i := range n {
		wg.Go(func() {
			cmd := exec.Command(bin, "-c", configPath, "--stack", fmt.Sprintf("team%02d", i), "--token-stdin", "--json")
			cmd.Env = env
			cmd.Stdin = strings.NewReader(token(i) + "\n")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			<-start
			err := cmd.Run()
			outs[i] = out.String()
			if err != nil {
				codes[i] = -1
				if ee, ok := err.(*exec.ExitError); ok {
					codes[i] = ee.ExitCode()
				}
			}
		})
	}
	begin := time.Now()
	close(start)
	wg.Wait()
	t.Logf("%d logins in %v", n, time.Since(begin).Round(time.Millisecond))
	for i := range n {
		if codes[i] != 0 {
			t.Errorf("process %d: exit %d:\n%s", i, codes[i], outs[i])
		}
		if strings.Contains(outs[i], token(i)) {
			t.Errorf("process %d printed its token", i)
		}
	}

	// k6's config: valid, one whole login, every other key kept.
	snap, err := configstore.New(configPath).Load()
	if err != nil {
		t.Fatalf("config after the race: %v", err)
	}
	c := snap.Credentials
	winner := -1
	for i := range n {
		if c.Token == token(i) {
			winner = i
		}
	}
	if winner < 0 || c.StackURL != stack(winner) || c.StackID != 5_000_000_000+int64(winner) || c.DefaultProjectID != 7_000_000_000+int64(winner) {
		t.Fatalf("config holds no single whole login: %+v", c)
	}
	saved, _ := os.ReadFile(configPath)
	if withoutLoginKeys(t, string(saved)) != withoutLoginKeys(t, k6File) {
		t.Errorf("other keys changed:\n%s", saved)
	}

	// The accounts file: all twenty, and what k6's config held before.
	accounts, err := configstore.NewAccountStore(accountsPath).List()
	if err != nil {
		t.Fatalf("accounts after the race: %v", err)
	}
	byToken := map[string]int{}
	for _, a := range accounts {
		byToken[a.Token]++
	}
	for i := range n {
		if byToken[token(i)] != 1 {
			t.Errorf("account of process %d saved %d times", i, byToken[token(i)])
		}
	}
	if byToken["oldtoken_0000000000"] != 1 {
		t.Errorf("the credentials k6's config held before were saved %d times", byToken["oldtoken_0000000000"])
	}
	if len(accounts) != n+1 {
		names := make([]string, 0, len(accounts))
		for _, a := range accounts {
			names = append(names, a.Name)
		}
		t.Errorf("%d accounts, want %d: %v", len(accounts), n+1, names)
	}
	for _, p := range []string{configPath, accountsPath} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v", p, fi.Mode(), err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(configPath))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
