package authclient

import (
	"strings"
	"testing"
)

// Every face shows a hint's path through Grafana Cloud the same way: with →
// (the line mode reads it out as words), never with ->.
func TestHintsUseOneArrowStyle(t *testing.T) {
	for k := KindUnknown; k <= KindNetwork; k++ {
		e := &Error{Kind: k}
		if h := e.Hint(); strings.Contains(h, "->") {
			t.Errorf("%v: hint %q uses ->", k, h)
		}
	}
}
