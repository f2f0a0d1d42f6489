package fakeapi

import (
	"net/http"
	"strings"
	"time"
)

// Hostile project names: what a compromised or careless server could send
// to take over a terminal that prints them raw. Every screen and text output
// must show them as harmless visible text; JSON output must keep them exact.
var HostileNames = []string{
	"title\x1b]0;pwned\x07 project", // OSC 0: sets the window title
	"\x1b[2Jcleared",                // CSI 2J: clears the screen
	"\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\", // OSC 8: a hidden link
	"\x1b]52;c;cm0gLXJmIH4=\x07clip",                            // OSC 52: writes the clipboard
	"abc\u202egnp.exe",                                          // U+202E: reverses the rest of the line
	"bell\x07del\x7fnul\x00c1\u009b31m",                         // single controls, C1 CSI
}

// HostileProjects gives one project per HostileNames entry, IDs from firstID,
// the first marked default.
func HostileProjects(firstID int64) []Project {
	created := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	ps := make([]Project, len(HostileNames))
	for i, name := range HostileNames {
		ps[i] = Project{ID: firstID + int64(i), Name: name, IsDefault: i == 0, Created: created, Updated: created}
	}
	return ps
}

// EchoToken is a Fault that plays a server (or a proxy) quoting the bearer
// token back in its error message: every request gets status with a message
// of preamble characters, the whole token, then more text. A long preamble
// puts the token where a message is shortened for display.
func EchoToken(status, preamble int) func(w http.ResponseWriter, r *http.Request) bool {
	pad := strings.Repeat("x", preamble)
	return func(w http.ResponseWriter, r *http.Request) bool {
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		WriteError(w, status, pad+" token "+token+" was refused \x1b]0;pwned\x07")
		return true
	}
}
