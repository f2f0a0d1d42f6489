package configstore

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the test binary again as a child process (the helper below)
// so that locking and crash safety are tested across real processes.
const (
	childRoleEnv = "K6LOGIN_CONFIGSTORE_CHILD"
	childPathEnv = "K6LOGIN_CONFIGSTORE_PATH"
	childNameEnv = "K6LOGIN_CONFIGSTORE_NAME"
)

var (
	crashCredsA = Credentials{Token: strings.Repeat("a", 40), StackID: 1, StackURL: "https://a.grafana.net", DefaultProjectID: 11}
	crashCredsB = Credentials{Token: strings.Repeat("b", 40), StackID: 2, StackURL: "https://b.grafana.net", DefaultProjectID: 22, ProjectID: 33}
)

const appendsPerChild = 20

func TestHelperProcess(t *testing.T) {
	role := os.Getenv(childRoleEnv)
	if role == "" {
		t.Skip("only runs as a child process of the tests below")
	}
	path := os.Getenv(childPathEnv)
	s := New(path)
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	switch role {
	case "save-loop":
		fmt.Println("ready")
		for {
			for _, c := range []Credentials{crashCredsB, crashCredsA} {
				if _, err := s.Save(c); err != nil {
					fail(err)
				}
			}
		}
	case "append":
		name := os.Getenv(childNameEnv)
		for j := range appendsPerChild {
			key := fmt.Sprintf("%s_%d", name, j)
			_, err := s.update(func(d *document) error {
				d.root.set(key, exactly(key), []byte(strconv.Itoa(j)))
				d.changed = true
				return nil
			})
			if err != nil {
				fail(err)
			}
		}
	case "hold-lock":
		target, _ := resolveTarget(path)
		err := withLock(target, time.Second, func() error {
			fmt.Println("locked")
			_, _ = io.Copy(io.Discard, os.Stdin) // hold until the parent closes stdin
			return nil
		})
		if err != nil {
			fail(err)
		}
	default:
		fail(fmt.Errorf("unknown role %q", role))
	}
	os.Exit(0)
}

type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
}

func startChild(t *testing.T, role, path string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), childRoleEnv+"="+role, childPathEnv+"="+path)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &child{cmd: cmd, stdin: stdin, stdout: bufio.NewReader(stdout)}
}

// waitFor reads the child's stdout up to the line want.
func (c *child) waitFor(t *testing.T, want string) {
	t.Helper()
	for {
		line, err := c.stdout.ReadString('\n')
		if strings.TrimSpace(line) == want {
			return
		}
		if err != nil {
			t.Fatalf("child ended before printing %q: %v", want, err)
		}
	}
}

func TestCrashDuringSaveLeavesOldOrNewFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	if testing.Short() {
		t.Skip("kills 200 child processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	// A large unknown value makes each write take long enough to be hit.
	payload := fmt.Sprintf(`{"pad":%q,"collectors":{"csv":{"x":1}}}`, strings.Repeat("p", 64<<10))
	want := map[string]string{}
	for name, c := range map[string]Credentials{"A": crashCredsA, "B": crashCredsB} {
		p := filepath.Join(dir, "expect-"+name, "config.json")
		writeFile(t, p, payload, 0o600)
		if _, err := New(p).Save(c); err != nil {
			t.Fatal(err)
		}
		want[readFile(t, p)] = name
	}
	writeFile(t, path, payload, 0o644)
	if _, err := New(path).Save(crashCredsA); err != nil {
		t.Fatal(err)
	}

	// Kill within about two saves after the child starts saving, so that kills
	// land before, during and between writes. One save is timed here because
	// it varies a lot between machines and with -race.
	saveStart := time.Now()
	if _, err := New(path).Save(crashCredsA); err != nil {
		t.Fatal(err)
	}
	window := min(2*time.Since(saveStart), 10*time.Millisecond) + time.Millisecond

	const kills = 200
	seen := map[string]int{}
	tempsLeft := 0
	start := time.Now()
	for i := range kills {
		c := startChild(t, "save-loop", path)
		c.waitFor(t, "ready")
		time.Sleep(rand.N(window))
		if err := c.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = c.cmd.Wait()

		got := readFile(t, path)
		name, ok := want[got]
		if !ok {
			t.Fatalf("kill %d: file is neither the old nor the new content (%d bytes, valid JSON: %v)",
				i, len(got), json.Valid([]byte(got)))
		}
		seen[name]++
		if m := perm(t, path); m != 0o600 {
			t.Fatalf("kill %d: mode %v", i, m)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				tempsLeft++
			}
		}
	}
	t.Logf("%d kills in %v: file held A %d times, B %d times; a killed write's temporary file was seen %d times",
		kills, time.Since(start).Round(time.Millisecond), seen["A"], seen["B"], tempsLeft)

	// The next save sweeps what the killed writers left.
	if _, err := New(path).Save(crashCredsA); err != nil {
		t.Fatal(err)
	}
	noTempFiles(t, dir)
}

func TestConcurrentProcessesLoseNoUpdate(t *testing.T) {
	const children = 8
	path := filepath.Join(t.TempDir(), "k6", "config.json")
	var wg sync.WaitGroup
	errs := make(chan error, children)
	for i := range children {
		c := startChild(t, "append", path, fmt.Sprintf("%s=w%d", childNameEnv, i))
		wg.Go(func() {
			_ = c.stdin.Close()
			if err := c.cmd.Wait(); err != nil {
				errs <- fmt.Errorf("child %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(readFile(t, path)), &doc); err != nil {
		t.Fatalf("file is not valid JSON: %v", err)
	}
	for i := range children {
		for j := range appendsPerChild {
			if _, ok := doc[fmt.Sprintf("w%d_%d", i, j)]; !ok {
				t.Errorf("update w%d_%d was lost", i, j)
			}
		}
	}
	if len(doc) != children*appendsPerChild {
		t.Errorf("%d keys, want %d", len(doc), children*appendsPerChild)
	}
}

func TestConcurrentGoroutines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	writeFile(t, path, `{"keep":[1,2,3]}`, 0o600)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			s := New(path)
			for j := range 5 {
				c := Credentials{Token: fmt.Sprintf("t%d-%d", i, j), StackID: int64(i + 1)}
				if _, err := s.Save(c); err != nil {
					t.Error(err)
				}
				if _, err := s.Load(); err != nil { // readers never see a torn file
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	snap, err := New(path).Load()
	if err != nil || snap.Credentials.Token == "" || !strings.Contains(readFile(t, path), `"keep": [`) {
		t.Errorf("final state %+v, %v", snap, err)
	}
}

func TestLockHeldByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	writeFile(t, path, `{"collectors":{"cloud":{"token":"old"}}}`, 0o600)
	c := startChild(t, "hold-lock", path)
	c.waitFor(t, "locked")

	const timeout = 300 * time.Millisecond
	s := NewWithOptions(path, Options{LockTimeout: timeout})
	start := time.Now()
	_, err := s.Save(fullCreds)
	waited := time.Since(start)
	var fe *FileError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &fe) {
		t.Fatalf("Save while locked = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "another k6login is saving it") {
		t.Errorf("message: %s", err)
	}
	if waited < timeout || waited > timeout+2*time.Second {
		t.Errorf("waited %v, want about %v", waited, timeout)
	}
	if _, err := s.Clear(); !errors.Is(err, ErrLocked) {
		t.Errorf("Clear while locked = %v", err)
	}
	if got := readFile(t, path); !strings.Contains(got, `"old"`) {
		t.Errorf("file changed while locked: %s", got)
	}

	// A killed holder releases the lock at once: no stale lock to clean up.
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = c.cmd.Wait()
	if _, err := s.Save(fullCreds); err != nil {
		t.Fatalf("Save after the holder died: %v", err)
	}
}

func TestLockWaitsForAShortHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	c := startChild(t, "hold-lock", path)
	c.waitFor(t, "locked")
	go func() {
		time.Sleep(150 * time.Millisecond)
		_ = c.stdin.Close()
	}()
	if _, err := NewWithOptions(path, Options{LockTimeout: 5 * time.Second}).Save(fullCreds); err != nil {
		t.Fatalf("Save should have waited for the holder: %v", err)
	}
	_ = c.cmd.Wait()
}
