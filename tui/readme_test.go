package tui

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's screen captures are copies of golden files: each ```text block
// of a screen follows a marker naming its golden,
//
//	<!-- golden: tui/testdata/TestScreens/welcome.golden -->
//
// (a path from the repository's root). TestReadmeCaptures fails when a copy
// drifts from its golden; go test ./tui/ -update rewrites the goldens and then,
// once every test has run (TestMain), copies them into the README.

const (
	readmePath   = "../README.md"
	goldenMarker = "<!-- golden: "
	screenTitle  = "k6login · Grafana Cloud k6 login"
)

// readmeCapture is one marked block of the README.
type readmeCapture struct {
	golden string // path from the repository's root, as in the marker
	line   int    // of the marker, from 1
	start  int    // index in the README's lines of the block's first line
	end    int    // index of its closing fence
}

// updatingGoldens says whether the run was asked to rewrite goldens (the
// golden package's -update flag).
func updatingGoldens() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// readmeCaptures finds the marked blocks of the README's lines, and fails on
// a marker without a block and on a screen capture without a marker.
func readmeCaptures(lines []string) ([]readmeCapture, error) {
	var out []readmeCapture
	var errs []error
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, goldenMarker) {
			path, ok := strings.CutSuffix(strings.TrimPrefix(l, goldenMarker), " -->")
			path = strings.TrimSpace(path)
			if !ok || path == "" {
				errs = append(errs, fmt.Errorf("README.md line %d: write the marker as <!-- golden: tui/testdata/.../name.golden -->", i+1))
				continue
			}
			if i+1 >= len(lines) || lines[i+1] != "```text" {
				errs = append(errs, fmt.Errorf("README.md line %d: the marker of %s must be followed at once by a ```text block", i+1, path))
				continue
			}
			c := readmeCapture{golden: path, line: i + 1, start: i + 2, end: -1}
			for j := c.start; j < len(lines); j++ {
				if lines[j] == "```" {
					c.end = j
					break
				}
			}
			if c.end < 0 {
				errs = append(errs, fmt.Errorf("README.md line %d: the block of %s is never closed", i+1, path))
				break
			}
			out = append(out, c)
			i = c.end
			continue
		}
		// An unmarked block that starts like a screen would drift unnoticed.
		if strings.HasPrefix(l, "```") && i+1 < len(lines) && lines[i+1] == screenTitle {
			errs = append(errs, fmt.Errorf("README.md line %d: a screen capture without a golden; put <!-- golden: tui/testdata/.../name.golden --> on the line before it", i+1))
		}
	}
	return out, errors.Join(errs...)
}

// goldenForReadme is a golden as the README shows it: Unix line ends, no
// trailing spaces, no trailing empty lines. A golden with escape sequences
// (a colour golden) has no place in a text block.
func goldenForReadme(path string) ([]string, error) {
	if !strings.HasPrefix(path, "tui/testdata/") || strings.Contains(path, "..") {
		return nil, fmt.Errorf("%s is not a golden file of tui/testdata", path)
	}
	b, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(path)))
	if err != nil {
		return nil, err
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	if strings.Contains(s, "\x1b") {
		return nil, fmt.Errorf("%s holds escape sequences: name a golden drawn without colour", path)
	}
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines, nil
}

func readmeLines() ([]string, error) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		return nil, err
	}
	return strings.Split(string(b), "\n"), nil
}

func TestReadmeCaptures(t *testing.T) {
	lines, err := readmeLines()
	if err != nil {
		t.Fatal(err)
	}
	captures, err := readmeCaptures(lines)
	if err != nil {
		t.Error(err)
	}
	if len(captures) == 0 {
		t.Fatal("README.md has no marked screen capture")
	}
	if updatingGoldens() {
		t.Log("-update: README.md's captures are rewritten from the goldens after the run")
		return
	}
	for _, c := range captures {
		want, err := goldenForReadme(c.golden)
		if err != nil {
			t.Errorf("README.md line %d: %v", c.line, err)
			continue
		}
		got := lines[c.start:c.end]
		if d := firstDifference(want, got); d != "" {
			t.Errorf("README.md line %d: the capture of %s is not its golden (%s).\n"+
				"Copy the goldens into README.md with: go test ./tui/ -run TestReadmeCaptures -update", c.line, c.golden, d)
		}
	}
}

// firstDifference names the first line where the README's block (got)
// differs from the golden (want), or returns "".
func firstDifference(want, got []string) string {
	for i := 0; i < len(want) || i < len(got); i++ {
		switch {
		case i >= len(got):
			return fmt.Sprintf("the README lacks golden line %d, %q", i+1, want[i])
		case i >= len(want):
			return fmt.Sprintf("the README has %d lines, the golden %d", len(got), len(want))
		case want[i] != got[i]:
			return fmt.Sprintf("line %d of the block: golden %q, README %q", i+1, want[i], got[i])
		}
	}
	return ""
}

// syncReadme copies every marked golden into its README block.
func syncReadme() error {
	lines, err := readmeLines()
	if err != nil {
		return err
	}
	out, err := rewriteCaptures(lines, goldenForReadme)
	if err != nil {
		return err
	}
	return os.WriteFile(readmePath, []byte(strings.Join(out, "\n")), 0o644)
}

// rewriteCaptures replaces the body of every marked block by what load gives
// for its golden; every other line is kept as it is.
func rewriteCaptures(lines []string, load func(path string) ([]string, error)) ([]string, error) {
	captures, err := readmeCaptures(lines)
	if err != nil {
		return nil, err
	}
	var out []string
	next := 0
	for _, c := range captures {
		want, err := load(c.golden)
		if err != nil {
			return nil, fmt.Errorf("README.md line %d: %w", c.line, err)
		}
		out = append(out, lines[next:c.start]...)
		out = append(out, want...)
		next = c.end
	}
	return append(out, lines[next:]...), nil
}

// TestReadmeCaptureMarkers checks the parser and the rewrite on a small
// README: blocks are found and replaced, the rest is kept, and each mistake
// is named with its line.
func TestReadmeCaptureMarkers(t *testing.T) {
	readme := strings.Split("# title\n\n<!-- golden: tui/testdata/a.golden -->\n```text\n"+screenTitle+"\nold\n```\n\ntext\n<!-- golden: tui/testdata/b.golden -->\n```text\n```\nend", "\n")
	goldens := map[string][]string{"tui/testdata/a.golden": {screenTitle, "new", ""}, "tui/testdata/b.golden": {"b"}}
	load := func(p string) ([]string, error) { return goldens[p], nil }
	got, err := rewriteCaptures(readme, load)
	if err != nil {
		t.Fatal(err)
	}
	want := "# title\n\n<!-- golden: tui/testdata/a.golden -->\n```text\n" + screenTitle + "\nnew\n\n```\n\ntext\n<!-- golden: tui/testdata/b.golden -->\n```text\nb\n```\nend"
	if strings.Join(got, "\n") != want {
		t.Fatalf("rewritten:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	again, err := rewriteCaptures(got, load)
	if err != nil || strings.Join(again, "\n") != want {
		t.Fatalf("a second rewrite changed the README (%v):\n%s", err, strings.Join(again, "\n"))
	}

	for _, c := range []struct{ readme, err string }{
		{"<!-- golden: tui/testdata/a.golden -->\n\n```text\nx\n```", "line 1: the marker of tui/testdata/a.golden must be followed at once by a ```text block"},
		{"x\n<!-- golden: tui/testdata/a.golden -->\n```text\nx", "line 2: the block of tui/testdata/a.golden is never closed"},
		{"<!-- golden:  -->\n```text\n```", "line 1: write the marker as"},
		{"text\n```text\n" + screenTitle + "\n```", "line 2: a screen capture without a golden"},
	} {
		_, err := readmeCaptures(strings.Split(c.readme, "\n"))
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: error %v, want %q", c.readme, err, c.err)
		}
	}
	for _, p := range []string{"README.md", "tui/testdata/../../go.mod", "tui/testdata/TestPictures/home.golden"} {
		if _, err := goldenForReadme(p); err == nil {
			t.Errorf("%s taken as a README capture", p)
		}
	}
	w := []string{"a", "b"}
	for _, c := range []struct {
		got  []string
		want string
	}{
		{[]string{"a", "b"}, ""},
		{[]string{"a", "c"}, `line 2 of the block: golden "b", README "c"`},
		{[]string{"a"}, `the README lacks golden line 2, "b"`},
		{[]string{"a", "b", "c"}, "the README has 3 lines, the golden 2"},
	} {
		if d := firstDifference(w, c.got); d != c.want {
			t.Errorf("firstDifference(%q, %q) = %q, want %q", w, c.got, d, c.want)
		}
	}
}
