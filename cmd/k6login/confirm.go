package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// confirm asks a yes/no question on stderr and reads the answer from stdin;
// only "y" or "yes" is a yes. Ctrl+C (which cancels ctx) ends it at once, and
// so does the end of input (a no).
func (a *app) confirm(ctx context.Context, question string) (bool, error) {
	line, err := a.ask(ctx, question)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

// ask prints question on stderr and reads one line of answer from stdin;
// the end of input is an empty answer. Ctrl+C (which cancels ctx) ends it at
// once with ctx's cause.
func (a *app) ask(ctx context.Context, question string) (string, error) {
	fmt.Fprint(a.stderr, question)
	type answer struct {
		line string
		err  error
	}
	done := make(chan answer, 1)
	go func() {
		line, err := readLine(a.stdin)
		done <- answer{line, err}
	}()
	select {
	case ans := <-done:
		if ans.err != nil && !errors.Is(ans.err, io.EOF) {
			return "", ans.err
		}
		if ans.err != nil {
			fmt.Fprintln(a.stderr)
		}
		return ans.line, nil
	case <-ctx.Done():
		fmt.Fprintln(a.stderr)
		return "", context.Cause(ctx)
	}
}

// readLine reads up to the next newline one byte at a time, so nothing after
// it is taken from stdin.
func readLine(r io.Reader) (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 1 {
			if b[0] == '\n' {
				return strings.TrimSuffix(string(line), "\r"), nil
			}
			line = append(line, b[0])
			continue
		}
		if err != nil {
			return string(line), err
		}
	}
}
