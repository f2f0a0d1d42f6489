package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

var shells = []string{"bash", "zsh", "fish", "powershell"}

func (a *app) envCommand(opts *options) *cobra.Command {
	var shell string
	cmd := &cobra.Command{
		Use:   "env ACCOUNT [--shell bash|zsh|fish|powershell]",
		Short: "Print a saved account's credentials as lines that set them in a shell",
		Long: `Prints the lines that put a saved account's credentials into a shell's
environment (K6_CLOUD_TOKEN, K6_CLOUD_STACK_ID, K6_CLOUD_STACK_URL and
K6_CLOUD_PROJECT_ID), where k6 prefers them to its config file. The lines hold
the token in clear: evaluate them, do not keep or share them. The shell is
taken from $SHELL unless --shell names it (bash when unknown).`,
		Example: `  eval "$(k6login env staging)"                      # bash, zsh
  k6login env staging --shell fish | source           # fish
  k6login env staging --shell powershell | Invoke-Expression`,
		Args:              exactlyOneName,
		ValidArgsFunction: a.completeAccountNames(opts),
		RunE: func(cmd *cobra.Command, args []string) error {
			if shell == "" {
				shell = shellFromPath(a.getenv("SHELL"))
			}
			if !isKnownShell(shell) {
				return inputError(fmt.Sprintf("unknown shell %q", shell), "Pass --shell with one of: "+strings.Join(shells, ", ")+".")
			}
			return a.withEnv(cmd, opts, func(env *runEnv) error {
				ae, err := a.environmentFor(env, opts, args[0])
				if err != nil {
					return err
				}
				for _, v := range ae.set {
					// No credential holds control or invisible characters; one
					// from a damaged or planted file would reach the terminal
					// raw, since the lines must keep every byte for the shell.
					if safe(v.value) != v.value {
						return inputError(fmt.Sprintf("the value for %s holds control or invisible characters, which no k6 credential has", v.name),
							"Log in again (k6login) to save the account afresh, or fix the file it came from; nothing was printed.")
					}
				}
				for _, note := range ae.notes {
					fmt.Fprintln(a.stderr, note)
				}
				if a.stdoutIsTerminal() {
					fmt.Fprintf(a.stderr, "These lines show the token in clear; to set them without showing it, run: %s\n", evalHint(shell, ae.account.Name))
				}
				_, err = a.stdout.Write(exportLines(shell, ae))
				return err
			})
		},
	}
	cmd.Flags().StringVar(&shell, "shell", "", "the shell to write for: bash, zsh, fish or powershell (default: from $SHELL, else bash)")
	_ = cmd.RegisterFlagCompletionFunc("shell", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return shells, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func (a *app) stdoutIsTerminal() bool {
	f, ok := a.stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func isKnownShell(s string) bool {
	for _, known := range shells {
		if s == known {
			return true
		}
	}
	return false
}

// shellFromPath names the shell of $SHELL ("/usr/bin/fish" is fish); bash
// when it is not one env writes for.
func shellFromPath(path string) string {
	// Either separator: $SHELL may name a Windows path (Git Bash, MSYS).
	base := strings.ToLower(path[strings.LastIndexAny(path, `/\`)+1:])
	base = strings.TrimSuffix(base, ".exe")
	switch base {
	case "zsh", "fish":
		return base
	case "pwsh", "powershell":
		return "powershell"
	}
	return "bash"
}

// exportLines writes the variables as the shell's own assignments, each value
// quoted so that the shell takes it literally.
func exportLines(shell string, ae accountEnv) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# k6 cloud credentials of the k6login account %s.\n", ae.account.Name)
	b.WriteString("# These lines hold a secret (the API token): do not save, share or log them.\n")
	for _, v := range ae.set {
		switch shell {
		case "fish":
			fmt.Fprintf(&b, "set -gx %s %s;\n", v.name, fishQuote(v.value))
		case "powershell":
			fmt.Fprintf(&b, "$Env:%s = %s\n", v.name, powershellQuote(v.value))
		default:
			fmt.Fprintf(&b, "export %s=%s\n", v.name, posixQuote(v.value))
		}
	}
	for _, name := range ae.unset {
		switch shell {
		case "fish":
			fmt.Fprintf(&b, "set -e %s;\n", name)
		case "powershell":
			fmt.Fprintf(&b, "Remove-Item Env:%s -ErrorAction SilentlyContinue\n", name)
		default:
			fmt.Fprintf(&b, "unset %s\n", name)
		}
	}
	return b.Bytes()
}

// evalHint is how the shell runs the lines without showing them.
func evalHint(shell, name string) string {
	switch shell {
	case "fish":
		return "k6login env " + name + " --shell fish | source"
	case "powershell":
		return "k6login env " + name + " --shell powershell | Invoke-Expression"
	}
	return `eval "$(k6login env ` + name + `)"`
}

// posixQuote is s in single quotes, where bash and zsh take every byte
// literally; a single quote is closed, escaped and reopened.
func posixQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fishQuote is s in single quotes, where fish treats only \ and ' specially.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// powershellQuote is s in a verbatim single-quoted string; PowerShell also
// ends such a string at the typographic single quotes, so each is doubled.
// A line break or other control character is joined on as [char]0xN outside
// the quotes: "| Invoke-Expression" runs each line of the output on its own,
// so a value must never span two lines.
func powershellQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == '\u2028', r == '\u2029':
			fmt.Fprintf(&b, "' + [char]0x%X + '", r)
		case r == '\'', r == '\u2018', r == '\u2019', r == '\u201a', r == '\u201b':
			b.WriteString(s[i : i+size])
			b.WriteString(s[i : i+size])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('\'')
	return b.String()
}
