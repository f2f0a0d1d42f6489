package quietstart

import (
	"os"
	"testing"
)

// keepCI puts the environment's CI back after the test, whatever it did.
func keepCI(t *testing.T) {
	old, had := os.LookupEnv("CI")
	wasSet := set
	t.Cleanup(func() {
		set = wasSet
		if had {
			os.Setenv("CI", old)
		} else {
			os.Unsetenv("CI")
		}
	})
}

func TestQuietSetsCIAndRestoreRemovesIt(t *testing.T) {
	keepCI(t)
	os.Unsetenv("CI")
	set = quiet()
	if !set || os.Getenv("CI") != "1" {
		t.Fatalf("quiet() = %v, CI = %q; want CI=1 until Restore", set, os.Getenv("CI"))
	}
	Restore()
	if _, ok := os.LookupEnv("CI"); ok || set {
		t.Error("CI is still set after Restore")
	}
}

// A CI the caller set (a real CI system) is theirs: quiet leaves it, and
// Restore does not remove it.
func TestQuietKeepsTheCallersCI(t *testing.T) {
	keepCI(t)
	os.Setenv("CI", "true")
	set = quiet()
	Restore()
	if set || os.Getenv("CI") != "true" {
		t.Errorf("set = %v, CI = %q; want the caller's CI untouched", set, os.Getenv("CI"))
	}
}
