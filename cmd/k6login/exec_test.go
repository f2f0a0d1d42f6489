package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests of exec run this test binary again as the command, with
// K6LOGIN_EXEC_CHILD saying what it should do there.
const childVar = "K6LOGIN_EXEC_CHILD"

// TestExecHelperChild is not a test: it is the command the exec tests run.
func TestExecHelperChild(t *testing.T) {
	mode := os.Getenv(childVar)
	if mode == "" {
		t.Skip("only runs as the command of an exec test")
	}
	switch mode {
	case "env":
		for _, name := range []string{envToken, envStackID, envStackURL, envProjectID, envConfig} {
			v, ok := os.LookupEnv(name)
			if !ok {
				v = "(unset)"
			}
			fmt.Printf("%s=%s\n", name, v)
		}
		fmt.Printf("args=%s\n", strings.Join(flag.Args(), " "))
		os.Exit(0)
	case "exit":
		code, _ := strconv.Atoi(os.Getenv("K6LOGIN_EXEC_CODE"))
		os.Exit(code)
	case "touch":
		os.WriteFile(os.Getenv("K6LOGIN_EXEC_FILE"), []byte("ran"), 0o600)
		os.Exit(0)
	case "die-by-signal":
		// SIGTERM with its default action: the command dies of it.
		raise(syscall.SIGTERM)
		time.Sleep(10 * time.Second)
		os.Exit(99)
	case "wait-signal":
		// Says it is ready, then reports the signal it gets and exits with 40+N.
		signals := make(chan os.Signal, 2)
		signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
		file := os.Getenv("K6LOGIN_EXEC_FILE")
		os.WriteFile(file+".ready", []byte("ready"), 0o600)
		select {
		case s := <-signals:
			os.WriteFile(file, []byte(s.String()), 0o600)
			os.Exit(40 + int(s.(syscall.Signal)))
		case <-time.After(20 * time.Second):
			os.Exit(98)
		}
	}
	os.Exit(97)
}

// execHarness has two logins saved, the second (my-team-stack, project 502)
// the one k6's config holds, and the credentials k6's config held before
// them saved as the account "old".
func execHarness(t *testing.T) *harness {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("exec's signals and exit statuses are tested on unix")
	}
	api := testAPI()
	base, stop := api.Start()
	t.Cleanup(stop)
	h := newHarness(t, base)
	h.writeConfig(k6File)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatalf("first login: %s", e)
	}
	if code, _, e := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"); code != 0 {
		t.Fatalf("second login: %s", e)
	}
	// exec sends nothing itself; with the default API address it adds no
	// note to the command's output (another address is named, tested below).
	delete(h.env, "K6_CLOUD_HOST_V6")
	return h
}

func selfCommand(extra ...string) []string {
	return append([]string{os.Args[0], "-test.run=^TestExecHelperChild$"}, extra...)
}

func childOutput(out string) map[string]string {
	vars := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			vars[k] = v
		}
	}
	return vars
}

func TestExecPutsTheAccountInTheEnvironment(t *testing.T) {
	h := execHarness(t)
	h.env[childVar] = "env"
	// Stale values from the calling shell must not reach the command.
	h.env[envToken] = "glc_stale_from_the_shell_000"
	h.env[envProjectID] = "123"
	configBefore := h.readConfig()
	accountsBefore, _ := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"])

	code, out, errOut := h.run("", append([]string{"exec", "my-team-stack", "--"}, selfCommand("--", "-x", "--flag")...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := childOutput(out)
	want := map[string]string{
		envToken: stackToken, envStackID: "6000000001", envStackURL: teamURL, envProjectID: "502",
		envConfig: h.configPath, "args": "-x --flag",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if errOut != "" {
		t.Errorf("exec as the account k6's config holds warned:\n%s", errOut)
	}

	// Another stack's account with no project of its own: the project of the
	// login in k6's config must not leak in, and stackURL in the file is named.
	code, out, errOut = h.run("", append([]string{"exec", "other-personal"}, selfCommand()...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got = childOutput(out)
	want = map[string]string{envToken: personalToken, envStackID: "42", envStackURL: otherURL, envProjectID: "900"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("other-personal: %s = %q, want %q", k, got[k], v)
		}
	}
	for _, s := range []string{"stackURL " + teamURL, "K6_CLOUD_STACK_URL", "k6login switch other-personal", "K6_CLOUD_PROJECT_ID=900"} {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
	if strings.Contains(errOut, personalToken) || strings.Contains(errOut, stackToken) {
		t.Errorf("stderr shows a token:\n%s", errOut)
	}

	if h.readConfig() != configBefore {
		t.Error("exec changed k6's config")
	}
	if accountsAfter, _ := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"]); string(accountsAfter) != string(accountsBefore) {
		t.Error("exec changed the saved accounts")
	}
}

func TestExecExitStatus(t *testing.T) {
	h := execHarness(t)
	for _, code := range []int{0, 1, 3, 42, 255} {
		h.env[childVar] = "exit"
		h.env["K6LOGIN_EXEC_CODE"] = strconv.Itoa(code)
		got, _, errOut := h.run("", append([]string{"exec", "my-team-stack", "--"}, selfCommand()...)...)
		if got != code {
			t.Errorf("command exited %d, k6login %d", code, got)
		}
		if code != 0 && errOut != "" {
			t.Errorf("k6login added to a failing command's output: %q", errOut)
		}
	}
	h.env[childVar] = "die-by-signal"
	if got, _, _ := h.run("", append([]string{"exec", "old", "--"}, selfCommand()...)...); got != 128+int(syscall.SIGTERM) {
		t.Errorf("command killed by SIGTERM: k6login exited %d, want %d", got, 128+int(syscall.SIGTERM))
	}
}

func TestExecRefusesAndRunsNothing(t *testing.T) {
	h := execHarness(t)
	marker := filepath.Join(t.TempDir(), "ran")
	h.env[childVar] = "touch"
	h.env["K6LOGIN_EXEC_FILE"] = marker
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown account", append([]string{"exec", "nope", "--"}, selfCommand()...), []string{"no saved account has that name", "my-team-stack"}},
		{"token as account", append([]string{"exec", stackToken, "--"}, selfCommand()...), []string{"looks like a token"}},
		{"no command", []string{"exec", "old", "--"}, []string{"needs a command"}},
		{"no command, no dash", []string{"exec", "old"}, []string{"needs a command"}},
		{"nothing", []string{"exec"}, []string{"needs an account name"}},
		{"command not found", []string{"exec", "old", "--", "k6login-no-such-command"}, []string{`cannot run "k6login-no-such-command"`, "nothing was run"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := h.run("", tc.args...)
			if code != exitInput {
				t.Errorf("exit %d, want %d; %s", code, exitInput, errOut)
			}
			for _, s := range tc.want {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			if strings.Contains(out+errOut, stackToken) {
				t.Errorf("a token was printed:\n%s%s", out, errOut)
			}
			if _, err := os.Stat(marker); err == nil {
				t.Fatal("the command ran")
			}
		})
	}
}

// k6 sends the token where K6_CLOUD_HOST_V6 or hostv6 in its config says:
// exec and env refuse plain http:// to another machine before anything runs,
// as the commands that send the token themselves do, and name any other
// address on stderr.
func TestExecAndEnvRefusePlainHTTPToAnotherHost(t *testing.T) {
	h := execHarness(t)
	marker := filepath.Join(t.TempDir(), "ran")
	h.env[childVar] = "touch"
	h.env["K6LOGIN_EXEC_FILE"] = marker
	run := func(what string) {
		t.Helper()
		for _, args := range [][]string{append([]string{"exec", "my-team-stack", "--"}, selfCommand()...), {"env", "my-team-stack"}} {
			code, out, errOut := h.run("", args...)
			if code != exitInput || !strings.Contains(errOut, "plain http://") || !strings.Contains(errOut, what) {
				t.Errorf("%s %s: exit %d, want %d naming %q:\n%s", args[0], what, code, exitInput, what, errOut)
			}
			if strings.Contains(out+errOut, stackToken) {
				t.Errorf("%s %s: a token was printed:\n%s%s", args[0], what, out, errOut)
			}
			if _, err := os.Stat(marker); err == nil {
				t.Fatalf("%s: the command ran", what)
			}
		}
	}
	h.env["K6_CLOUD_HOST_V6"] = "http://api.example.com"
	run("K6_CLOUD_HOST_V6")

	delete(h.env, "K6_CLOUD_HOST_V6")
	config := h.readConfig()
	h.writeConfig(strings.Replace(config, `"cloud": {`, `"cloud": {"hostv6": "http://api.example.com",`, 1))
	if h.readConfig() == config {
		t.Fatalf("no cloud object to plant hostv6 in:\n%s", config)
	}
	run("collectors.cloud.hostv6")

	h.writeConfig(strings.Replace(config, `"cloud": {`, `"cloud": {"hostv6": "https://api.example.com",`, 1))
	code, _, errOut := h.run("", append([]string{"exec", "my-team-stack", "--"}, selfCommand()...)...)
	if code != 0 || !strings.Contains(errOut, "https://api.example.com") || !strings.Contains(errOut, "collectors.cloud.hostv6") {
		t.Errorf("exec with an https hostv6: exit %d, want 0 and a note naming it:\n%s", code, errOut)
	}
}

// SIGINT and SIGTERM sent to k6login reach the command; k6login waits for it
// and exits with its status. Here k6login runs in the test process, which
// signals itself.
func TestExecForwardsSignals(t *testing.T) {
	h := execHarness(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "got")
			h.env[childVar] = "wait-signal"
			h.env["K6LOGIN_EXEC_FILE"] = file
			done := make(chan int, 1)
			go func() {
				code, _, _ := h.runCtx(context.Background(), "", append([]string{"exec", "old", "--"}, selfCommand()...)...)
				done <- code
			}()
			waitForFile(t, file+".ready")
			if err := raise(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case code := <-done:
				if code != 40+int(sig) {
					t.Errorf("k6login exited %d, want the command's %d", code, 40+int(sig))
				}
			case <-time.After(15 * time.Second):
				t.Fatal("k6login did not end")
			}
			if got, _ := os.ReadFile(file); string(got) != sig.String() {
				t.Errorf("the command got %q, want %q", got, sig.String())
			}
		})
	}
}

// The same with the real program: the signal goes to the k6login process.
func TestExecBinaryForwardsSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the binary")
	}
	h := execHarness(t)
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "got")
			cmd := exec.Command(bin, append([]string{"-c", h.configPath, "exec", "old", "--"}, selfCommand()...)...)
			cmd.Env = append(os.Environ(), "K6LOGIN_ACCOUNTS="+h.env["K6LOGIN_ACCOUNTS"], childVar+"=wait-signal", "K6LOGIN_EXEC_FILE="+file)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitForFile(t, file+".ready")
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 40+int(sig) {
				t.Errorf("k6login exited %d (%v), want the command's %d", code, err, 40+int(sig))
			}
			if got, _ := os.ReadFile(file); string(got) != sig.String() {
				t.Errorf("the command got %q, want %q", got, sig.String())
			}
		})
	}
}

func waitForFile(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s never appeared: the command did not start", path)
}
