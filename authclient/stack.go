package authclient

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// StackInputError says why a stack slug or URL was refused, before any request.
type StackInputError struct {
	Input  string
	Reason string
}

func (e *StackInputError) Error() string {
	// A token pasted into the stack field must not be echoed back to the
	// screen, nor one inside it: after a word ("Bearer glc_..."), as a user
	// name or password ("https://glc_...@x.grafana.net"), in a query.
	if holdsTokenLike(e.Input) {
		return "invalid stack: " + e.Reason
	}
	return "invalid stack " + quoteForMessage(e.Input) + ": " + e.Reason
}

// holdsTokenLike reports whether s is, or holds, something that may be a
// token or a password: a token's prefix anywhere, a user name or password
// (an "@"), or a word that looksLikeToken.
func holdsTokenLike(s string) bool {
	if strings.Contains(s, "glc_") || strings.Contains(s, "glsa_") || strings.Contains(s, "@") {
		return true
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("./:?&#", r) })
	for _, w := range append(words, s) {
		if looksLikeToken(w) {
			return true
		}
	}
	return false
}

// grafanaStackDomain is the domain under which a bare slug lives.
const grafanaStackDomain = ".grafana.net"

const (
	maxLabelLen = 63
	maxHostLen  = 253
)

// whatToType ends every reason, so each refusal says what to enter instead.
const whatToType = "type the stack's slug (like my-team) or its URL (like https://my-team.grafana.net)"

// NormalizeStack turns what a user typed (slug, host or URL) into scheme://host.
//
// The API matches X-Stack-Url literally, so the result is always lower case,
// without user info, path, query, trailing slash or default port.
func NormalizeStack(input string) (string, error) {
	fail := func(reason string) (string, error) {
		return "", &StackInputError{Input: input, Reason: reason}
	}
	s := strings.TrimSpace(input)
	if s == "" {
		return fail("it is empty; " + whatToType)
	}
	if looksLikeToken(s) && !isSlugText(s) {
		// Checked first: sent as a stack, a token would travel in a header
		// and come back quoted in the API's 403 message.
		return fail("it looks like an API token, not a stack; the token goes in the next step. Here, " + whatToType)
	}
	for _, r := range s {
		if r >= utf8.RuneSelf {
			if unicode.IsLetter(r) && strings.ContainsAny(s, ".:") {
				// An internationalised host name: net/http would send it
				// converted, the API matches X-Stack-Url literally.
				return fail("it contains characters that are not plain ASCII; type an internationalised host name " +
					"in its xn-- form (bücher.example becomes xn--bcher-kva.example), or " + whatToType)
			}
			return fail("it contains characters that are not plain ASCII; " + whatToType)
		}
		if r < 0x20 || r == 0x7f {
			return fail("it contains control characters; " + whatToType)
		}
		if r == ' ' {
			return fail("it contains spaces; " + whatToType)
		}
	}
	s = strings.ToLower(s)

	scheme, rest, hasScheme := strings.Cut(s, "://")
	if !hasScheme {
		// "https:host" or "https:/host": a URL that lost its slashes.
		for _, p := range []string{"https:", "http:"} {
			if strings.HasPrefix(s, p) {
				return fail("the URL is missing \"//\" after \"" + p + "\"; type it as https://my-team.grafana.net")
			}
		}
		// A bracketed IPv6 address is a host too, with or without a port.
		if !strings.Contains(s, ".") && !strings.HasPrefix(s, "[") {
			return normalizeSlug(input, s)
		}
		scheme, rest = "https", s
	}
	switch scheme {
	case "https", "http":
	case "":
		return fail("the URL has no scheme before \"://\"; type it as https://my-team.grafana.net")
	default:
		return fail("only https:// URLs are accepted (http:// only for local test servers), not " +
			strconv.Quote(capRunes(scheme, 20)+"://") + "; " + whatToType)
	}
	if strings.Contains(rest, "://") {
		return fail("it contains two schemes; type a single URL like https://my-team.grafana.net")
	}

	authority := rest
	if i := strings.IndexAny(authority, "/?#\\"); i >= 0 {
		if authority[i] == '\\' {
			return fail("it contains a backslash; " + whatToType)
		}
		authority = authority[:i]
	}
	if strings.Contains(authority, "@") {
		return fail("it contains a user name or password (before \"@\"); type only the stack URL, " +
			"like https://my-team.grafana.net, and give the token separately")
	}
	if authority == "" {
		return fail("the URL has no host; " + whatToType)
	}

	host, port, reason := splitHostPort(authority)
	if reason != "" {
		return fail(reason)
	}
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || strings.HasPrefix(port, "+") {
			return fail("the port " + strconv.Quote(capRunes(port, 20)) + " is not a number from 1 to 65535; " + whatToType)
		}
		port = strconv.Itoa(n)
		if (scheme == "https" && n == 443) || (scheme == "http" && n == 80) {
			port = ""
		}
	}

	if strings.HasPrefix(host, "[") {
		addr, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return fail("the IPv6 address " + strconv.Quote(capRunes(host, 60)) + " is not valid; " + whatToType)
		}
		host = "[" + addr.String() + "]"
	} else {
		// One trailing dot is a fully qualified name; it names the same host.
		host = strings.TrimSuffix(host, ".")
		if reason := checkHostname(host); reason != "" {
			return fail(reason)
		}
	}
	if scheme == "http" && !IsLoopbackHost(strings.Trim(host, "[]")) {
		// Grafana Cloud serves stacks over https only: the API would refuse
		// the http form later, with a less helpful message.
		return fail("Grafana Cloud stacks use https://, not http:// (which is only for a local test server); type https://" +
			host + " instead, or the stack's slug")
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host, nil
}

func normalizeSlug(input, slug string) (string, error) {
	fail := func(reason string) (string, error) {
		return "", &StackInputError{Input: input, Reason: reason}
	}
	if i := strings.IndexByte(slug, ':'); i >= 0 {
		return fail("a port can only follow a full host; type the URL instead, like " +
			"https://" + exampleSlug(slug[:i]) + ".grafana.net or http://127.0.0.1:8080 for a local server")
	}
	if strings.ContainsAny(slug, "/?#") {
		return fail("a slug has no slashes or query; " + whatToType)
	}
	if reason := checkLabel(slug, "the slug"); reason != "" {
		return fail(reason)
	}
	return "https://" + slug + grafanaStackDomain, nil
}

// splitHostPort splits "host", "host:port" and "[v6]:port"; reason is set when
// the shape is wrong.
func splitHostPort(authority string) (host, port, reason string) {
	if strings.HasPrefix(authority, "[") {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return "", "", "the IPv6 address has no closing \"]\"; " + whatToType
		}
		host, after := authority[:end+1], authority[end+1:]
		if after == "" {
			return host, "", ""
		}
		if !strings.HasPrefix(after, ":") {
			return "", "", "unexpected text after the IPv6 address; " + whatToType
		}
		if after == ":" {
			return "", "", "the port after \":\" is empty; " + whatToType
		}
		return host, after[1:], ""
	}
	switch strings.Count(authority, ":") {
	case 0:
		return authority, "", ""
	case 1:
		host, port, _ := strings.Cut(authority, ":")
		if port == "" {
			return "", "", "the port after \":\" is empty; " + whatToType
		}
		if host == "" {
			return "", "", "the URL has no host before the port; " + whatToType
		}
		return host, port, ""
	default:
		return "", "", "the host has more than one \":\" (write an IPv6 address in brackets, like http://[::1]:8080); " + whatToType
	}
}

// checkHostname checks a DNS name or dotted IPv4 address; it returns a reason or "".
func checkHostname(host string) string {
	if host == "" {
		return "the URL has no host; " + whatToType
	}
	if len(host) > maxHostLen {
		return "the host name is longer than 253 characters; " + whatToType
	}
	labels := strings.Split(host, ".")
	// A name ending in a numeric label can only be an IPv4 address.
	if last := labels[len(labels)-1]; last != "" && isDigits(last) {
		addr, err := netip.ParseAddr(host)
		if err != nil || !addr.Is4() {
			return strconv.Quote(capRunes(host, 60)) + " is not a valid IP address; " + whatToType
		}
		return ""
	}
	for _, l := range labels {
		if l == "" {
			return "the host has an empty part between dots; " + whatToType
		}
		if reason := checkLabel(l, "the host part "+strconv.Quote(capRunes(l, 20))); reason != "" {
			return reason
		}
	}
	return ""
}

// checkLabel checks one DNS label (also the rule for a slug); what names it in the reason.
func checkLabel(l, what string) string {
	if len(l) > maxLabelLen {
		return what + " is longer than 63 characters; " + whatToType
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' {
			continue
		}
		if c == '_' {
			return what + " contains \"_\"; stack names use only letters, digits and hyphens; " + whatToType
		}
		return what + " contains " + strconv.Quote(string(c)) + "; stack names use only letters, digits and hyphens; " + whatToType
	}
	if strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
		return what + " starts or ends with a hyphen; " + whatToType
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// StackSlug gives the short name of a stack URL ("my-team" for https://my-team.grafana.net),
// or the host when it is not a grafana.net stack.
func StackSlug(stackURL string) string {
	u, err := NormalizeStack(stackURL)
	if err != nil {
		return strings.TrimSpace(stackURL)
	}
	_, host, _ := strings.Cut(u, "://")
	if slug, ok := strings.CutSuffix(host, grafanaStackDomain); ok && !strings.ContainsAny(slug, ".:") {
		return slug
	}
	return host
}

// quoteForMessage quotes user input for an error message: capped, with control
// and non-printable characters escaped so it cannot disturb the terminal.
func quoteForMessage(s string) string {
	return strconv.Quote(capRunes(s, 64))
}

// capRunes shortens s to at most n runes, marking the cut with "…".
func capRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// exampleSlug echoes a valid slug back in a suggestion, or a neutral example.
func exampleSlug(s string) string {
	if checkLabel(s, "") != "" {
		return "my-team"
	}
	return s
}

// LooksLikeToken reports whether s could be an API token typed where something
// else was expected; messages that would echo such input leave it out.
func LooksLikeToken(s string) bool { return looksLikeToken(s) }

// looksLikeToken is a guard against echoing a token pasted into the wrong field:
// Grafana tokens carry these prefixes, and no slug or host is one long
// unbroken word. Shorter unbroken words count when they read as base64 or hex
// (32 characters or more, without the dots, slashes or colons of a host or
// URL): mixed case with digits, base64's + or =, or all hex digits.
func looksLikeToken(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "glc_") || strings.HasPrefix(s, "glsa_") {
		return true
	}
	if strings.ContainsAny(s, "./: ") {
		return false
	}
	if len(s) > maxLabelLen {
		return true
	}
	if len(s) < 32 {
		return false
	}
	var upper, lower, digit, notHex, other bool
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case r == '+' || r == '=':
			return true
		case r != '-' && r != '_':
			other = true
		}
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			notHex = true
		}
	}
	if other {
		return false
	}
	return !notHex && digit || upper && lower && digit
}

// isSlugText reports whether s is made of what a slug is made of (lower-case
// letters, digits, hyphens) without reading as hex: such input gets the
// slug's own reasons (too long, ...), which never quote it.
func isSlugText(s string) bool {
	if strings.HasPrefix(s, "glc_") || strings.HasPrefix(s, "glsa_") {
		return false
	}
	notHex, digit := false, false
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
		notHex = notHex || r > 'f' && r <= 'z' || r == '-'
		digit = digit || r >= '0' && r <= '9'
	}
	return notHex || !digit
}
