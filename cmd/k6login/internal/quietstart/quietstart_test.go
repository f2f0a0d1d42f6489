package quietstart

import "testing"

func TestPrintsOnly(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--show"}, true},
		{[]string{"-c", "x.json", "-s"}, true},
		{[]string{"--version"}, true},
		{[]string{"--stack", "x", "--token-stdin", "--json"}, true},
		{[]string{"--help"}, true},
		{[]string{"--demo"}, false},
		{[]string{"switch"}, false},
		{[]string{"--", "--show"}, false},
		{[]string{"--showx"}, false},
	} {
		if got := printsOnly(tc.args); got != tc.want {
			t.Errorf("printsOnly(%q) = %v", tc.args, got)
		}
	}
}
