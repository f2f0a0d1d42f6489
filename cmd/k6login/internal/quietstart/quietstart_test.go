package quietstart

import (
	"os"
	"testing"
)

// init set CI (the test binary starts without it unless the caller's
// environment has it); Restore takes it away again, and only what init set.
func TestRestoreRemovesWhatInitSet(t *testing.T) {
	if !set {
		t.Skip("CI was set before the program started; init left it alone")
	}
	if os.Getenv("CI") != "1" {
		t.Fatalf("CI = %q during the run, want 1 until Restore", os.Getenv("CI"))
	}
	Restore()
	if _, ok := os.LookupEnv("CI"); ok {
		t.Error("CI is still set after Restore")
	}
	os.Setenv("CI", "true") // the caller's own, set later
	Restore()
	if os.Getenv("CI") != "true" {
		t.Error("a second Restore removed a CI it did not set")
	}
	os.Unsetenv("CI")
}
