package main

import (
	"encoding/json"
	"io"
)

// writeJSON prints a --json report as encoding/json writes it from the
// report's struct tags: indented by two spaces, with a final newline, and
// '<', '>' and '&' left as they are so URLs stay readable.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
