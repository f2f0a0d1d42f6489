// Package tui is k6login's terminal interface: a home screen for the login k6
// uses (review it, switch between saved accounts, sign out or forget them), a
// first-time setup wizard that takes a user from "I have a token" to "k6 can
// run cloud tests", and the wizard as plain line-by-line prompts for screen
// readers and dumb terminals.
//
// Exported API:
//
//	New(deps Deps, opts Options) *Model         home when any login exists (k6's config has a token, or an account is saved), else the wizard; NewWizard without Deps.Accounts
//	NewWizard(deps Deps, opts Options) *Model   the wizard alone
//	(*Model).Result() Result                    what happened, once the program has exited
//	RunAccessible(ctx, deps, in, out, readSecret) (Result, error)  the menu (or the wizard) as plain prompts; in is never read ahead; a nil readSecret reads the token as a line of in
//	Deps{API, Store, Getenv, Accounts, AccountsPath, Now}
//	Options{NoColor, Demo, Output}              looks only
//	Result{Saved, Credentials, SaveResult, TokenMode, Action, Account, RecordErr, SignedOut, Removed, ModeFixedFrom}
//	Result.Summary()                            one line for stdout, "" when nothing was written
//	Action                                      ActionNone, ActionLogin, ActionSwitch, ActionSignOut, ActionForget, ActionForgetAll, ActionFixMode, ActionValidate
//	Store                                       Path, Load, Save, FixMode (*configstore.Store satisfies it)
//	AccountsSession                             Overview, SaveLogin, Record, Activate, SignOut, Forget, ForgetAll (configstore.Session satisfies it)
//	TokenMode                                   TokenPersonal or TokenStack
//
// Running it:
//
//	deps := tui.Deps{API: api, Store: store, Getenv: getenv,
//		Accounts: configstore.Session{Config: store, Accounts: accounts}, AccountsPath: accounts.Path()}
//	m := tui.New(deps, tui.Options{NoColor: noColor, Output: screen})
//	_, err := tea.NewProgram(m, tea.WithContext(ctx), tea.WithOutput(screen)).Run()
//	res := m.Result() // Action is ActionNone after Ctrl+C or any exit before a change
//	if s := res.Summary(); s != "" { fmt.Fprintln(stdout, s) }
//
// where screen is the terminal (stderr or /dev/tty), so that stdout stays free
// for the summary. The screens fit any height from 24 lines and do not need
// the alternate screen; WithAltScreen is fine too. Ctrl+C during a write (a
// save, a switch, a sign-out...) waits for it to finish, so Result never lies
// about the files. Result reports the last change made; with Deps.Accounts the
// wizard's save also records the login as a saved account (Result.Account), and
// a failure to record is a warning (Result.RecordErr), not a failed login.
//
// The wizard is Welcome -> stack -> token -> validating -> token type -> project
// -> review -> saved; "Add an account" on the home screen starts it at the
// stack step, and Esc there returns home. Home leads to Review (v validates
// again, f makes a loose config owner-only), Switch (the chosen account is
// validated first; a refused token can still be switched to with s) and Reset
// (sign out, forget one, forget all; each confirmed on a screen that names
// what is removed, with the cursor on "cancel"). Esc goes back, Ctrl+C leaves
// at any screen with nothing further written, ? toggles the full help where no
// text field has the focus.
//
// Design rules the code keeps:
//   - Update never blocks: requests and the save run in tea.Cmds that return
//     messages. Each request carries a sequence number and a cancellable
//     context; a reply whose number is not the one awaited is dropped, so a
//     reply that arrives after Esc or Ctrl+C changes nothing.
//   - The token is never drawn: the field is masked and scrolls, and screens
//     show its length and last four characters or configstore.MaskToken.
//   - All styles live in styles.go, all key bindings in keys.go.
//   - Lists are pickList (picklist.go), for projects and accounts alike: the
//     filter fills reused slices, only the rows on screen are drawn, and a
//     drawn row is kept, so a key on 1,500 projects costs microseconds.
package tui
