package authclient

// StackInputError says why a stack slug or URL was refused, before any request.
type StackInputError struct {
	Input  string
	Reason string
}

func (e *StackInputError) Error() string {
	return "invalid stack " + quoteForMessage(e.Input) + ": " + e.Reason
}

// NormalizeStack turns what a user typed (slug, host or URL) into scheme://host.
func NormalizeStack(input string) (string, error) { panic("TODO: authclient helper") }

// StackSlug gives the short name of a stack URL ("my-team" for https://my-team.grafana.net),
// or the host when it is not a grafana.net stack.
func StackSlug(stackURL string) string { panic("TODO: authclient helper") }

func quoteForMessage(s string) string { panic("TODO") }
