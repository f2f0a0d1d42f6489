// Package tui is k6login's terminal interface: a first-time setup wizard that
// takes a user from "I have a token" to "k6 can run cloud tests", and the same
// flow as plain line-by-line prompts for screen readers and dumb terminals.
//
// Exported API:
//
//	NewWizard(deps Deps, opts Options) *Model   the Bubble Tea model (tea.Model)
//	(*Model).Result() Result                    what happened, once the program has exited
//	RunAccessible(ctx, deps, in, out, readSecret) (Result, error)  in is never read ahead; a nil readSecret reads the token as a line of in
//	Deps{API, Store, Getenv}                    the ways out: authclient.API, a Store, the environment
//	Options{NoColor, Demo, Output}              looks only
//	Result{Saved, Credentials, SaveResult, TokenMode}
//	Store                                       Path, Load, Save (*configstore.Store satisfies it)
//	TokenMode                                   TokenPersonal or TokenStack
//
// Running the wizard:
//
//	m := tui.NewWizard(deps, tui.Options{NoColor: noColor, Output: screen})
//	_, err := tea.NewProgram(m, tea.WithContext(ctx), tea.WithOutput(screen)).Run()
//	res := m.Result() // Saved is false after Ctrl+C or any exit before the save
//
// where screen is the terminal (stderr or /dev/tty), so that stdout stays free
// for the summary. The wizard fits any height from 24 lines and does not need
// the alternate screen; WithAltScreen is fine too. Ctrl+C during a save waits
// for the save to finish, so Result never lies about the file.
//
// The flow is Welcome -> stack -> token -> validating -> token type -> project
// -> review -> saved. Esc goes back a step, Ctrl+C leaves at any step with
// nothing written, ? toggles the full help where no text field has the focus.
//
// Design rules the code keeps:
//   - Update never blocks: requests and the save run in tea.Cmds that return
//     messages. Each request carries a sequence number and a cancellable
//     context; a reply whose number is not the one awaited is dropped, so a
//     reply that arrives after Esc or Ctrl+C changes nothing.
//   - The token is never drawn: the field is masked and scrolls, and screens
//     show its length and last four characters or configstore.MaskToken.
//   - All styles live in styles.go, all key bindings in keys.go.
package tui
