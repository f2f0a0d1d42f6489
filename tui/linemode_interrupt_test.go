package tui

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// errSignal stands for the cause the process's signal owner gives when it
// cancels the context on Ctrl+C.
var errSignal = errors.New("interrupted by SIGINT")

// ctrlCReader serves input, then, at the read that would wait for the user,
// presses Ctrl+C (cancels) and Enter: the Enter must not count as an answer.
type ctrlCReader struct {
	input  string
	cancel context.CancelCauseFunc
}

func (r *ctrlCReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if r.input == "" {
		r.cancel(errSignal)
		p[0] = '\n'
		return 1, nil
	}
	n := copy(p, r.input)
	r.input = r.input[n:]
	return n, nil
}

func requireInterrupted(t *testing.T, err error, res Result) {
	t.Helper()
	if !errors.Is(err, context.Canceled) || !errors.Is(err, errSignal) {
		t.Fatalf("err %v, want one wrapping context.Canceled and the cause", err)
	}
	if !res.Interrupted {
		t.Fatalf("result %+v not marked interrupted", res)
	}
}

// TestLineModeCtrlCAtEveryQuestion presses Ctrl+C, then Enter, at every
// question of every menu session: RunAccessible returns the interruption,
// the Enter answers nothing, and both files are as they were before the
// first answer that writes (or, after the last, as the full run left them).
func TestLineModeCtrlCAtEveryQuestion(t *testing.T) {
	for _, f := range menuFlows {
		t.Run(f.name, func(t *testing.T) {
			full := newAcctEnv(t, f.opts()...)
			fullRes, _, _, err := runMenu(t, full, f.lines)
			if err != nil {
				t.Fatal(err)
			}
			for k := 0; k < len(f.lines); k++ {
				e := newAcctEnv(t, f.opts()...)
				deps := e.m.deps
				deps.Getenv = func(k string) string { return accessibleVars[k] }
				ctx, cancel := context.WithCancelCause(context.Background())
				input := ""
				if k > 0 {
					input = strings.Join(f.lines[:k], "\n") + "\n"
				}
				var out strings.Builder
				res, err := RunAccessible(ctx, deps, &ctrlCReader{input: input, cancel: cancel}, &out, nil)
				cancel(nil)
				requireNoSecret(t, out.String())
				requireInterrupted(t, err, res)
				switch {
				case f.firstWrite < 0 || k <= f.firstWrite:
					e.requireFilesUntouched()
					if res.Action != ActionNone {
						t.Fatalf("after %d answers: result %+v", k, res)
					}
				case k > f.lastWrite:
					if string(e.fileContent()) != string(full.fileContent()) || string(e.accountsContent()) != string(full.accountsContent()) {
						t.Fatalf("after %d answers the files differ from the full run's", k)
					}
					if res.Action != fullRes.Action || res.Account != fullRes.Account {
						t.Fatalf("after %d answers: result %+v, want %+v", k, res, fullRes)
					}
				}
			}
		})
	}
}

// TestLineModeCtrlCWizard does the same at every question of the wizard,
// the hidden token included; the last is "Save? [Y/n]", where Enter means yes.
func TestLineModeCtrlCWizard(t *testing.T) {
	answers := []string{"my-team", goodToken, "", "", ""}
	for k := 0; k < len(answers); k++ {
		e := newEnv(t, withExistingFile(`{"x":1}`))
		ctx, cancel := context.WithCancelCause(context.Background())
		in := &ctrlCReader{input: strings.Join(answers[:k], "\n") + "\n", cancel: cancel}
		if k == 0 {
			in.input = ""
		}
		var out strings.Builder
		res, err := RunAccessible(ctx, Deps{API: e.api, Store: e.fixed}, in, &out, nil)
		cancel(nil)
		requireInterrupted(t, err, res)
		if res.Saved || res.Action != ActionNone {
			t.Fatalf("after %d answers: result %+v", k, res)
		}
		e.requireUntouched()
	}
}

// syncBuffer is a transcript written by RunAccessible and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitForPrompt(t *testing.T, out *syncBuffer, s string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.HasSuffix(out.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q:\n%s", s, out.String())
		}
		time.Sleep(time.Millisecond)
	}
}

// TestLineModeCtrlCWhileWaiting cancels while a question waits for a line
// that has not come (a terminal), and while the hidden token is read:
// RunAccessible returns at once, and the Enter typed after it saves nothing.
func TestLineModeCtrlCWhileWaiting(t *testing.T) {
	t.Run("save", func(t *testing.T) {
		e := newEnv(t, withExistingFile(`{"x":1}`))
		pr, pw := io.Pipe()
		defer pw.Close()
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		var out syncBuffer
		type ret struct {
			res Result
			err error
		}
		done := make(chan ret, 1)
		go func() {
			res, err := RunAccessible(ctx, Deps{API: e.api, Store: e.fixed}, pr, &out, secrets(goodToken))
			done <- ret{res, err}
		}()
		go io.WriteString(pw, "my-team\n\n\n")
		waitForPrompt(t, &out, "Save? [Y/n]: ")
		cancel(errSignal)
		start := time.Now()
		var r ret
		select {
		case r = <-done:
		case <-time.After(time.Second):
			t.Fatal("RunAccessible still waits a second after Ctrl+C")
		}
		t.Logf("returned %v after the cancel", time.Since(start))
		requireInterrupted(t, r.err, r.res)
		go io.WriteString(pw, "\n") // the Enter after Ctrl+C
		time.Sleep(20 * time.Millisecond)
		e.requireUntouched()
	})
	t.Run("hidden_token", func(t *testing.T) {
		e := newEnv(t)
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		release := make(chan struct{})
		defer close(release)
		hidden := func() (string, error) { <-release; return goodToken, nil }
		var out syncBuffer
		done := make(chan error, 1)
		go func() {
			_, err := RunAccessible(ctx, Deps{API: e.api, Store: e.fixed}, strings.NewReader("my-team\n\n\n\n"), &out, hidden)
			done <- err
		}()
		waitForPrompt(t, &out, "Token (typing is hidden): ")
		cancel(errSignal)
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) || !errors.Is(err, errSignal) {
				t.Fatalf("err %v", err)
			}
		case <-time.After(time.Second):
			t.Fatal("RunAccessible still waits a second after Ctrl+C at the hidden prompt")
		}
		if calls := e.api.Calls(); len(calls) != 0 {
			t.Fatalf("requests after Ctrl+C: %v", calls)
		}
	})
}

// TestLineModeEndOfInputIsNotYes: the input ending at any question of the
// wizard, "Save? [Y/n]" included, writes nothing.
func TestLineModeEndOfInputIsNotYes(t *testing.T) {
	answers := []string{"my-team", "", "", ""}
	for k := 0; k < len(answers); k++ {
		e := newEnv(t, withExistingFile(`{"x":1}`))
		input := strings.Join(answers[:k], "\n")
		if k > 0 {
			input += "\n"
		}
		res, out, err := runAccessible(t, e, input, goodToken)
		if !errors.Is(err, io.EOF) || res.Saved {
			t.Fatalf("after %d answers: res %+v err %v\n%s", k, res, err, out)
		}
		if k == len(answers)-1 && !strings.HasSuffix(out, "Save? [Y/n]: \n") {
			t.Fatalf("did not end at the save question:\n%s", out)
		}
		e.requireUntouched()
	}
}
