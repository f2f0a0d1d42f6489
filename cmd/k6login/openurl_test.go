package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestCanOpenBrowser(t *testing.T) {
	for _, tc := range []struct {
		goos string
		env  map[string]string
		want bool
	}{
		{"linux", nil, false},
		{"linux", map[string]string{"DISPLAY": ":0"}, true},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{"linux", map[string]string{"WSL_DISTRO_NAME": "Ubuntu"}, true},
		{"linux", map[string]string{"DISPLAY": "localhost:10.0", "SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"}, false},
		{"freebsd", map[string]string{"DISPLAY": ":0"}, true},
		{"darwin", nil, true},
		{"darwin", map[string]string{"SSH_TTY": "/dev/pts/1"}, false},
		{"windows", nil, true},
	} {
		if got := canOpenBrowser(tc.goos, func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("%s %v: %v, want %v", tc.goos, tc.env, got, tc.want)
		}
	}
}

// With no display, nothing is run: an opener on PATH that would leave a mark
// is not called.
func TestOpenURLWithoutDisplayRunsNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the display rule is Linux's")
	}
	dir := t.TempDir()
	mark := filepath.Join(dir, "ran")
	script := "#!/bin/sh\necho \"$1\" > " + mark + "\n"
	for _, name := range []string{"xdg-open", "x-www-browser", "www-browser"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
	a := newApp(nil, nil, nil, func(string) string { return "" })
	if err := a.openURL("https://my-team.grafana.net/a/k6-app/settings/api-token"); !errors.Is(err, errNoBrowser) {
		t.Errorf("openURL = %v, want errNoBrowser", err)
	}
	if _, err := os.Stat(mark); err == nil {
		t.Error("an opener ran without a display")
	}
	// With a display, the opener gets the URL.
	a = newApp(nil, nil, nil, func(k string) string { return map[string]string{"DISPLAY": ":0"}[k] })
	if err := a.openURL("https://my-team.grafana.net/x"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(mark); string(got) != "https://my-team.grafana.net/x\n" {
		t.Errorf("the opener got %q", got)
	}
}
