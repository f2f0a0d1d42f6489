package authclient

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Where a setting of an Endpoint came from, for "where does this value come from" output.
const (
	SourceEnvHostV6  = "K6_CLOUD_HOST_V6"
	SourceEnvTimeout = "K6_CLOUD_TIMEOUT"
	SourceFile       = "config file"
	SourceDefault    = "default"
)

// FileSource names a key of k6's config file and the file, as a source:
// "collectors.cloud.hostv6 in /home/me/.config/k6/config.json".
func FileSource(key, path string) string {
	if path == "" {
		return "collectors.cloud." + key + " in the " + SourceFile
	}
	return "collectors.cloud." + key + " in " + path
}

// Endpoint is the API address and time limit k6 itself would use, with where
// each came from: SourceDefault, SourceEnvHostV6 (or SourceEnvTimeout), or
// FileSource's "collectors.cloud.hostv6 in <path of the file>".
type Endpoint struct {
	BaseURL       string
	BaseURLSource string
	Timeout       time.Duration
	TimeoutSource string
}

// IsDefault reports whether the token goes to the default API address. When
// it does not, the address and its source are named before the token is sent
// (NonDefaultNote), since a planted setting could send it anywhere.
func (e Endpoint) IsDefault() bool {
	return e.BaseURL == "" || e.BaseURL == DefaultBaseURL
}

// NonDefaultNote says where the token will be sent and why, when that is not
// the default API address; "" otherwise. The address is screen-safe.
func (e Endpoint) NonDefaultNote() string {
	if e.IsDefault() {
		return ""
	}
	return "the token will be sent to " + SafeText(e.BaseURL) + " (set by " + SafeText(e.BaseURLSource) +
		"), not to " + DefaultBaseURL
}

// SettingError says which setting (environment variable or config key) holds a
// value that cannot be used, and why.
type SettingError struct {
	Name   string // "K6_CLOUD_HOST_V6", "collectors.cloud.hostv6 in the config file", ...
	Value  string
	Reason string
}

func (e *SettingError) Error() string {
	// "collectors.cloud.hostv6 in /path" reads as key="value" in /path.
	if key, file, ok := strings.Cut(e.Name, " in "); ok {
		return key + "=" + quoteForMessage(e.Value) + " in " + file + " cannot be used: " + e.Reason
	}
	return e.Name + "=" + quoteForMessage(e.Value) + " cannot be used: " + e.Reason
}

// ResolveEndpoint picks the API address and timeout the way k6 does: the
// environment first, then the config file at filePath (collectors.cloud.hostv6
// and .timeout, as read by the caller), then the defaults.
//
// K6_CLOUD_TIMEOUT is a Go duration ("30s", "2m") or a plain integer of milliseconds.
// A plain http:// address is refused unless its host is this machine
// (127.0.0.0/8, ::1, localhost): elsewhere the token would travel unencrypted.
func ResolveEndpoint(getenv func(string) string, filePath, fileHostV6 string, fileTimeout time.Duration, fileTimeoutSet bool) (Endpoint, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	ep := Endpoint{BaseURL: DefaultBaseURL, BaseURLSource: SourceDefault, Timeout: DefaultTimeout, TimeoutSource: SourceDefault}

	if v := strings.TrimSpace(getenv("K6_CLOUD_HOST_V6")); v != "" {
		u, err := cleanBaseURL(SourceEnvHostV6, v)
		if err != nil {
			return Endpoint{}, err
		}
		ep.BaseURL, ep.BaseURLSource = u, SourceEnvHostV6
	} else if v := strings.TrimSpace(fileHostV6); v != "" {
		source := FileSource("hostv6", filePath)
		u, err := cleanBaseURL(source, v)
		if err != nil {
			return Endpoint{}, err
		}
		ep.BaseURL, ep.BaseURLSource = u, source
	}

	if v := strings.TrimSpace(getenv("K6_CLOUD_TIMEOUT")); v != "" {
		d, reason := parseTimeout(v)
		if reason != "" {
			return Endpoint{}, &SettingError{Name: SourceEnvTimeout, Value: v, Reason: reason}
		}
		ep.Timeout, ep.TimeoutSource = d, SourceEnvTimeout
	} else if fileTimeoutSet {
		if fileTimeout <= 0 {
			return Endpoint{}, &SettingError{Name: FileSource("timeout", filePath), Value: fileTimeout.String(),
				Reason: "it must be more than zero, like \"1m\""}
		}
		ep.Timeout, ep.TimeoutSource = fileTimeout, FileSource("timeout", filePath)
	}
	return ep, nil
}

func cleanBaseURL(name, v string) (string, error) {
	u, err := parseBaseURL(strings.TrimRight(v, "/"))
	if err != nil {
		reason := strings.TrimPrefix(err.Error(), "the API address ")
		return "", &SettingError{Name: name, Value: HideUserinfo(v), Reason: "it " + reason + "; set it like " + DefaultBaseURL + ", or unset it"}
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return "", &SettingError{Name: name, Value: HideUserinfo(v), Reason: "it uses plain http:// to a host that is not this machine, " +
			"so the token would travel unencrypted; nothing was sent. Use https://, or unset it to use " + DefaultBaseURL}
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// parseTimeout reads "30s", "1m30s" or plain milliseconds ("30000"), as k6 does;
// reason says what is wrong, or is empty.
func parseTimeout(v string) (d time.Duration, reason string) {
	const positive = "it must be more than zero, like \"1m\""
	if isDigits(v) {
		ms, err := strconv.ParseInt(v, 10, 64)
		if err != nil || ms > int64(24*time.Hour/time.Millisecond) {
			return 0, "it is too large; give a duration like \"2m\""
		}
		if ms == 0 {
			return 0, positive
		}
		return time.Duration(ms) * time.Millisecond, ""
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, "it is not a duration; give one like \"30s\" or \"2m\", or milliseconds like \"30000\""
	}
	if d <= 0 {
		return 0, positive
	}
	return d, ""
}

// IsLoopbackHost reports whether host (a name or an IP address, without port
// or brackets) is this machine: localhost, 127.0.0.0/8 or ::1. Plain http is
// allowed only there, where nothing crosses a network.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || addr.Zone() != "" {
		return false
	}
	return addr.Unmap().IsLoopback()
}

// HideUserinfo replaces a user name and password in an address
// ("https://me:secret@host") with "…", so that a message naming the address
// never shows them: they could be the token itself.
func HideUserinfo(address string) string {
	start := strings.Index(address, "://") + len("://")
	if start < len("://") {
		start = 0
	}
	end := len(address)
	if i := strings.IndexAny(address[start:], "/?#"); i >= 0 {
		end = start + i
	}
	at := strings.LastIndex(address[start:end], "@")
	if at < 0 {
		return address
	}
	return address[:start] + "…" + address[start+at:]
}
