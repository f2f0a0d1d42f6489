// Package tui is k6login's terminal interface: a home screen for the login k6
// uses (review it, switch between saved accounts, check them all at once,
// sign out or forget them), a first-time setup wizard that takes a user from
// "I have a token" to "k6 can run cloud tests", and the same flows as plain
// line-by-line prompts for screen readers and dumb terminals (RunAccessible).
//
// Run the full-screen face with tea.NewProgram(New(deps, opts)) drawing on
// the terminal (stderr or /dev/tty), so that stdout stays free for
// Result.Summary once the program has exited. The screens do not need the
// alternate screen. NewSwitch starts on the switch picker alone (k6login
// switch without a name): Esc or q quit it, and a switch ends it.
//
// Design rules the code keeps:
//   - One flow, two faces. The steps, choices, labels, confirmations, summaries
//     and decisions live in tui/flow, which does no I/O and knows no key or
//     style; the Bubble Tea screens and the line mode only render it and feed
//     it what the user answered and what the API or the files said.
//   - A screen is one file: its state (a struct embedded in Model), its keys,
//     its view and its footer. The model only routes, through screenTable;
//     adding a screen is its file and one line there. Styles live in
//     styles.go, key bindings in keys.go.
//   - Update never blocks: requests and writes run in tea.Cmds that return
//     messages. Each request carries a sequence number and a cancellable
//     context; a reply whose number is not the one awaited is dropped, so a
//     reply that arrives after Esc or Ctrl+C changes nothing. Ctrl+C during a
//     write waits for it, so Result never lies about the files.
//   - Outside text is untrusted: names, URLs, messages and stored values from
//     the API or a file go through authclient.SafeText before they are drawn
//     (tui/flow returns them so). The token is never drawn: its field is
//     masked, and screens show its length and last four characters or
//     configstore.MaskToken.
//   - A screen's view is its body; the frame (View in view.go) adds the
//     header and the footer, and in a window too small for the body keeps the
//     question and the focused line (drawn after "> ") and scrolls the rest
//     with a line saying how much is out of sight (pgup/pgdn read it), so a
//     screen needs no layout of its own for small windows.
//   - Screens are drawn afresh on every key, without caches: every key stays
//     far under a millisecond with 1,500 projects or accounts (the benchmarks
//     in bench*_test.go), because lists draw only the rows on screen.
package tui
