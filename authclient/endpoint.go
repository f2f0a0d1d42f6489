package authclient

import (
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

// Endpoint is the API address and time limit k6 itself would use, with where each came from.
type Endpoint struct {
	BaseURL       string
	BaseURLSource string
	Timeout       time.Duration
	TimeoutSource string
}

// SettingError says which setting (environment variable or config key) holds a
// value that cannot be used, and why.
type SettingError struct {
	Name   string // "K6_CLOUD_HOST_V6", "collectors.cloud.hostv6 in the config file", ...
	Value  string
	Reason string
}

func (e *SettingError) Error() string {
	return e.Name + "=" + quoteForMessage(e.Value) + " cannot be used: " + e.Reason
}

// ResolveEndpoint picks the API address and timeout the way k6 does: the
// environment first, then the config file (collectors.cloud.hostv6 and
// .timeout, as read by the caller), then the defaults.
//
// K6_CLOUD_TIMEOUT is a Go duration ("30s", "2m") or a plain integer of milliseconds.
func ResolveEndpoint(getenv func(string) string, fileHostV6 string, fileTimeout time.Duration, fileTimeoutSet bool) (Endpoint, error) {
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
		u, err := cleanBaseURL("collectors.cloud.hostv6 in the config file", v)
		if err != nil {
			return Endpoint{}, err
		}
		ep.BaseURL, ep.BaseURLSource = u, SourceFile
	}

	if v := strings.TrimSpace(getenv("K6_CLOUD_TIMEOUT")); v != "" {
		d, reason := parseTimeout(v)
		if reason != "" {
			return Endpoint{}, &SettingError{Name: SourceEnvTimeout, Value: v, Reason: reason}
		}
		ep.Timeout, ep.TimeoutSource = d, SourceEnvTimeout
	} else if fileTimeoutSet {
		if fileTimeout <= 0 {
			return Endpoint{}, &SettingError{Name: "collectors.cloud.timeout in the config file", Value: fileTimeout.String(),
				Reason: "it must be more than zero, like \"1m\""}
		}
		ep.Timeout, ep.TimeoutSource = fileTimeout, SourceFile
	}
	return ep, nil
}

func cleanBaseURL(name, v string) (string, error) {
	u, err := parseBaseURL(strings.TrimRight(v, "/"))
	if err != nil {
		reason := strings.TrimPrefix(err.Error(), "the API address ")
		return "", &SettingError{Name: name, Value: v, Reason: "it " + reason + "; set it like " + DefaultBaseURL + ", or unset it"}
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
