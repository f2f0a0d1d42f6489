package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"

	"github.com/spf13/cobra"
)

func (a *app) execCommand(opts *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "exec ACCOUNT -- COMMAND [ARGS...]",
		Short: "Run a command with a saved account's credentials in its environment",
		Long: `Runs COMMAND with the credentials of a saved account in its environment
(K6_CLOUD_TOKEN, K6_CLOUD_STACK_ID, K6_CLOUD_STACK_URL and K6_CLOUD_PROJECT_ID),
which k6 prefers to its config file. k6's config and the account k6 uses stay
as they are, so several shells can run as several accounts at once.

The exit status is the command's (128+N when signal N ended it). Ctrl+C and
SIGTERM are passed on to the command.`,
		Example: `  k6login exec customer-stack -- k6 cloud run script.js
  k6login exec staging -- sh -c 'k6 cloud run a.js && k6 cloud run b.js'`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: a.completeAccountThenDefault(opts),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, command, err := splitExecArgs(args, cmd.ArgsLenAtDash())
			if err != nil {
				return err
			}
			return a.withEnv(cmd, opts, func(env *runEnv) error {
				return a.execAs(env, opts, name, command)
			})
		},
	}
	// Everything after the account belongs to the command, flags included.
	cmd.Flags().SetInterspersed(false)
	return cmd
}

// splitExecArgs takes the account and the command from "ACCOUNT -- COMMAND
// ARGS..."; the "--" may be left out.
func splitExecArgs(args []string, dashAt int) (string, []string, error) {
	hint := "Usage: k6login exec ACCOUNT -- COMMAND [ARGS...]\nList the names with: k6login accounts"
	if len(args) == 0 || dashAt == 0 && len(args) == 1 {
		return "", nil, inputError("exec needs an account name and a command to run", hint)
	}
	name, command := args[0], args[1:]
	if dashAt < 0 && len(command) > 0 && command[0] == "--" {
		// pflag stops at the account (flags after it are the command's), so
		// the "--" after it arrives as an argument.
		command = command[1:]
	}
	if len(command) == 0 {
		return "", nil, inputError("exec needs a command to run after the account name", hint)
	}
	return name, command, nil
}

// execAs runs command as the account name and returns its exit status as an
// error that app.run turns into the exit code, printing nothing.
func (a *app) execAs(env *runEnv, opts *options, name string, command []string) error {
	ae, err := a.environmentFor(env, opts, name)
	if err != nil {
		return err
	}
	path, err := exec.LookPath(command[0])
	if err != nil {
		return inputError(fmt.Sprintf("cannot run %q: %v", command[0], lookPathReason(err)),
			"Check the command's name and your PATH; nothing was run.")
	}
	for _, note := range ae.notes {
		fmt.Fprintln(a.stderr, note)
	}
	child := exec.Command(path, command[1:]...)
	child.Args[0] = command[0]
	child.Env = ae.childEnviron(a.environ())
	child.Stdin, child.Stdout, child.Stderr = a.stdin, a.stdout, a.stderr

	// Listen before starting, so that no signal falls between the two and
	// ends k6login while the command runs on.
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, forwardedSignals...)
	defer signal.Stop(signals)
	if err := child.Start(); err != nil {
		return fmt.Errorf("cannot run %s: %w", command[0], err)
	}
	done := make(chan struct{})
	forwarded := make(chan struct{})
	go func() {
		defer close(forwarded)
		for {
			select {
			case s := <-signals:
				if a.childHasSignal(s) {
					continue
				}
				_ = child.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	err = child.Wait()
	close(done)
	<-forwarded
	if err == nil {
		return nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return &exitStatusError{code: exitStatusOf(ee)}
	}
	return fmt.Errorf("running %s: %w", command[0], err)
}

func lookPathReason(err error) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		return ee.Err
	}
	return err
}

// exitStatusError carries a command's exit status through to k6login's own.
// The command has said what it had to, so k6login prints nothing more.
type exitStatusError struct{ code int }

func (e *exitStatusError) Error() string {
	return fmt.Sprintf("the command exited with status %d", e.code)
}

// Is makes app.run print nothing, and Unwrap gives exitCodeFor the status.
func (e *exitStatusError) Is(target error) bool { return target == errAlreadyReported }
func (e *exitStatusError) Unwrap() error        { return &cliError{code: e.code, msg: e.Error()} }
