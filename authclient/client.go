package authclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Limits on what is read from a reply; a many-megabyte body is never buffered.
const (
	maxSuccessBody = 1 << 20
	maxErrorBody   = 64 << 10
)

// Paging of GET /cloud/v6/projects. The API allows at most 1000 per page and a
// stack holds at most 1000 projects; the page cap guards against a server that
// never stops offering more.
const (
	projectsPageSize = 1000
	maxProjectPages  = 20
)

// Defaults for Options.
const (
	DefaultUserAgent     = "k6login/dev"
	DefaultMaxAttempts   = 3
	DefaultMaxRetryAfter = 30 * time.Second
)

// Options configure a Client; the zero value of each field means its default.
type Options struct {
	// BaseURL of the v6 API; DefaultBaseURL when empty.
	BaseURL string
	// HTTPClient to send requests with. It is copied, never changed: the copy
	// gets this package's redirect policy. Nil means a client of our own with
	// keep-alive, so a Projects call reuses the connection Validate opened.
	HTTPClient *http.Client
	// UserAgent header; DefaultUserAgent when empty.
	UserAgent string
	// Timeout bounds one method call as a whole, retries and paging included,
	// so a user never waits longer; DefaultTimeout when zero.
	Timeout time.Duration
	// MaxAttempts is how many requests a call may make when retrying; DefaultMaxAttempts when zero.
	MaxAttempts int
	// Backoff gives the wait after the given failed attempt (1 for the first);
	// exponential from 500ms with jitter when nil.
	Backoff func(attempt int) time.Duration
	// MaxRetryAfter caps how long a Retry-After header can make a call wait; DefaultMaxRetryAfter when zero.
	MaxRetryAfter time.Duration
	// BaseURLSource says where BaseURL was set (Endpoint.BaseURLSource), so
	// that hints about the address name the right place to fix it.
	BaseURLSource string
	// InProcess says HTTPClient answers in the process and never reaches a
	// network (the demo), so a plain http:// BaseURL to any host is allowed.
	// Otherwise plain http is refused, before any request, except to loopback.
	InProcess bool
}

// Client talks to the v6 API. It is safe for concurrent use.
type Client struct {
	base          *url.URL
	baseSource    string
	baseErr       error
	host          string
	hc            *http.Client
	userAgent     string
	timeout       time.Duration
	maxAttempts   int
	backoff       func(int) time.Duration
	maxRetryAfter time.Duration
}

var _ API = (*Client)(nil)

// New builds a Client. A BaseURL that is not an http(s) URL makes every call
// fail with KindNetwork; ResolveEndpoint checks it earlier with a better message.
func New(opts Options) *Client {
	c := &Client{
		userAgent:     opts.UserAgent,
		timeout:       opts.Timeout,
		maxAttempts:   opts.MaxAttempts,
		backoff:       opts.Backoff,
		maxRetryAfter: opts.MaxRetryAfter,
		baseSource:    opts.BaseURLSource,
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.maxAttempts <= 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	if c.backoff == nil {
		c.backoff = defaultBackoff
	}
	if c.maxRetryAfter <= 0 {
		c.maxRetryAfter = DefaultMaxRetryAfter
	}

	raw := strings.TrimRight(strings.TrimSpace(opts.BaseURL), "/")
	if raw == "" {
		raw = DefaultBaseURL
	}
	c.base, c.baseErr = parseBaseURL(raw)
	if c.baseErr == nil && c.base.Scheme == "http" && !opts.InProcess && !IsLoopbackHost(c.base.Hostname()) {
		c.baseErr = errors.New("the API address " + sanitizeServerText(c.base.Scheme+"://"+c.base.Host) +
			" uses plain http:// to a host that is not this machine, so the token would travel unencrypted; it was not sent")
	}
	if c.baseErr == nil {
		c.host = c.base.Host
	} else {
		c.host = "the k6 API"
	}

	if opts.HTTPClient != nil {
		hc := *opts.HTTPClient
		c.hc = &hc
	} else {
		c.hc = &http.Client{Transport: newTransport()}
	}
	c.hc.CheckRedirect = checkRedirect
	return c
}

func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSHandshakeTimeout = 15 * time.Second
	t.MaxIdleConnsPerHost = 4
	t.IdleConnTimeout = 90 * time.Second
	return t
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("the API address is not a valid URL")
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, errors.New("the API address must start with https://")
	}
	if u.Host == "" {
		return nil, errors.New("the API address has no host")
	}
	if u.User != nil {
		return nil, errors.New("the API address must not hold a user name or password")
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// defaultBackoff waits 500ms, 1s, 2s, ... (capped at 8s), each with ±25% jitter
// so that many clients do not retry in step.
func defaultBackoff(attempt int) time.Duration {
	d := 500 * time.Millisecond
	for i := 1; i < attempt && d < 8*time.Second; i++ {
		d *= 2
	}
	d = min(d, 8*time.Second)
	jitter := time.Duration(rand.Int64N(int64(d)/2)) - d/4
	return d + jitter
}

// redirectError is returned from CheckRedirect when a redirect would take the
// token somewhere else.
type redirectError struct {
	to     string
	reason string
}

func (e *redirectError) Error() string {
	return "it pointed to " + e.to + ", " + e.reason
}

// checkRedirect keeps the token on the API host: redirects to another host or
// from https to http are refused rather than followed.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	to := sanitizeServerText(req.URL.Scheme + "://" + req.URL.Host)
	if !strings.EqualFold(req.URL.Host, first.Host) {
		return &redirectError{to: to, reason: "another host; it was not followed, so the token was not sent there"}
	}
	if first.Scheme == "https" && req.URL.Scheme != "https" {
		return &redirectError{to: to, reason: "plain http; it was not followed, so the token was not sent unencrypted"}
	}
	if len(via) >= 5 {
		return &redirectError{to: to, reason: "after too many redirects; it was not followed"}
	}
	return nil
}

// Validate calls GET /cloud/v6/auth: it checks that the token may use the stack
// and returns the stack's ID and default project. stackURL is normalised first,
// because the API matches it literally.
func (c *Client) Validate(ctx context.Context, token, stackURL string) (AuthInfo, error) {
	stack, err := NormalizeStack(stackURL)
	if err != nil {
		return AuthInfo{}, err
	}
	ctx, cancel, cl := c.start(ctx, token, stack, 0)
	defer cancel()
	body, err := cl.get(ctx, "/cloud/v6/auth", nil, http.Header{"X-Stack-Url": {stack}})
	if err != nil {
		return AuthInfo{}, err
	}
	var reply struct {
		StackID          int64 `json:"stack_id"`
		DefaultProjectID int64 `json:"default_project_id"`
	}
	switch err := decodeReply(body, &reply); {
	case err != nil:
		return AuthInfo{}, cl.unexpected(http.StatusOK, err.Error())
	case reply.StackID <= 0:
		return AuthInfo{}, cl.unexpected(http.StatusOK, "the reply has no stack_id")
	case reply.DefaultProjectID <= 0:
		return AuthInfo{}, cl.unexpected(http.StatusOK, "the reply has no default_project_id")
	}
	return AuthInfo{StackID: reply.StackID, DefaultProjectID: reply.DefaultProjectID}, nil
}

// wireProject is a project as the API sends it.
type wireProject struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	IsDefault        bool   `json:"is_default"`
	GrafanaFolderUID string `json:"grafana_folder_uid"`
	Created          string `json:"created"`
	Updated          string `json:"updated"`
}

func (w wireProject) project() Project {
	p := Project{ID: w.ID, Name: w.Name, IsDefault: w.IsDefault, GrafanaFolderUID: w.GrafanaFolderUID}
	// A time the API writes oddly is not worth failing a picker over.
	p.Created, _ = time.Parse(time.RFC3339Nano, w.Created)
	p.Updated, _ = time.Parse(time.RFC3339Nano, w.Updated)
	return p
}

// Projects lists every project of the stack, paging with $skip. It never follows
// @nextLink itself: that URL could name another host.
func (c *Client) Projects(ctx context.Context, token string, stackID int64) ([]Project, error) {
	ctx, cancel, cl := c.start(ctx, token, "stack "+strconv.FormatInt(stackID, 10), 0)
	defer cancel()
	header := http.Header{"X-Stack-Id": {strconv.FormatInt(stackID, 10)}}

	var projects []Project
	seen := make(map[int64]bool)
	skip := 0
	for page := 0; page < maxProjectPages; page++ {
		query := url.Values{"$top": {strconv.Itoa(projectsPageSize)}, "$skip": {strconv.Itoa(skip)}}
		body, err := cl.get(ctx, "/cloud/v6/projects", query, header)
		if err != nil {
			return nil, err
		}
		var reply struct {
			Value    []wireProject `json:"value"` // nil when absent or null
			NextLink string        `json:"@nextLink"`
		}
		switch err := decodeReply(body, &reply); {
		case err != nil:
			return nil, cl.unexpected(http.StatusOK, err.Error())
		case reply.Value == nil:
			return nil, cl.unexpected(http.StatusOK, "the reply has no list of projects (\"value\")")
		}
		for _, w := range reply.Value {
			// A project without an ID (or null) cannot be picked; a repeat
			// comes from projects added between pages.
			if w.ID <= 0 || seen[w.ID] {
				continue
			}
			seen[w.ID] = true
			projects = append(projects, w.project())
		}
		n := len(reply.Value)
		if n < projectsPageSize || reply.NextLink == "" {
			if projects == nil {
				projects = []Project{}
			}
			return projects, nil
		}
		skip += n
	}
	return nil, cl.unexpected(http.StatusOK, fmt.Sprintf("it kept offering more pages of projects after %d", skip))
}

// Project calls GET /cloud/v6/projects/{id}; a project not in the stack is KindProjectNotFound.
func (c *Client) Project(ctx context.Context, token string, stackID, projectID int64) (Project, error) {
	ctx, cancel, cl := c.start(ctx, token, "stack "+strconv.FormatInt(stackID, 10), projectID)
	defer cancel()
	body, err := cl.get(ctx, "/cloud/v6/projects/"+strconv.FormatInt(projectID, 10), nil,
		http.Header{"X-Stack-Id": {strconv.FormatInt(stackID, 10)}})
	if err != nil {
		return Project{}, err
	}
	var reply wireProject
	if err := decodeReply(body, &reply); err != nil {
		return Project{}, cl.unexpected(http.StatusOK, err.Error())
	}
	p := reply.project()
	if p.ID != projectID {
		return Project{}, cl.unexpected(http.StatusOK, fmt.Sprintf("asked for project %d, got project %d", projectID, p.ID))
	}
	return p, nil
}

// decodeReply decodes a whole body, one JSON object, into v, saying plainly
// what is wrong. Absent and null members are left unset.
func decodeReply(body []byte, v any) error {
	trimmed := strings.TrimSpace(string(body))
	switch {
	case trimmed == "":
		return errors.New("the body is empty")
	case strings.HasPrefix(trimmed, "<"):
		return errors.New("the body is an HTML page, not the API's JSON; a proxy may have answered")
	case !strings.HasPrefix(trimmed, "{"):
		return errors.New("the body is not a JSON object")
	}
	var wrongType *json.UnmarshalTypeError
	switch err := json.Unmarshal(body, v); {
	case errors.As(err, &wrongType):
		return fmt.Errorf("the field %q has the wrong type", wrongType.Field)
	case err != nil:
		return errors.New("the body is not valid JSON")
	}
	return nil
}

// call carries what one API method call needs to build requests and errors.
type call struct {
	c         *Client
	token     string
	stack     string
	projectID int64
	// limit is Options.Timeout when it, not an earlier deadline of the caller's,
	// bounds the call; it is named in a timeout message.
	limit time.Duration
}

// start bounds a method call by Options.Timeout.
func (c *Client) start(ctx context.Context, token, stack string, projectID int64) (context.Context, context.CancelFunc, *call) {
	cl := &call{c: c, token: token, stack: stack, projectID: projectID}
	if d, ok := ctx.Deadline(); !ok || time.Until(d) >= c.timeout {
		cl.limit = c.timeout
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	return ctx, cancel, cl
}

func (cl *call) newError(kind Kind, status int, detail string, err error) *Error {
	return &Error{
		Kind:      kind,
		Status:    status,
		Host:      cl.c.host,
		Address:   cl.c.address(),
		Stack:     cl.stack,
		ProjectID: cl.projectID,
		Err:       err,
		detail:    serverText(detail, cl.token),
	}
}

// address names the API address and where it was set, for hints; the zero
// value when the source is not known.
func (c *Client) address() Address {
	if c.baseSource == "" || c.base == nil {
		return Address{}
	}
	return Address{URL: strings.TrimRight(c.base.String(), "/"), Source: c.baseSource}
}

func (cl *call) unexpected(status int, detail string) *Error {
	return cl.newError(KindUnexpectedReply, status, detail, nil)
}

// get sends a GET, retrying what may pass on a second try, and returns the body of a 2xx reply.
func (cl *call) get(ctx context.Context, path string, query url.Values, header http.Header) ([]byte, error) {
	c := cl.c
	if c.baseErr != nil {
		return nil, cl.newError(KindNetwork, 0, c.baseErr.Error(), c.baseErr)
	}
	if reason := tokenHeaderProblem(cl.token); reason != "" {
		// Refused before sending: a bad header value would otherwise fail deep in net/http.
		return nil, cl.newError(KindInvalidToken, 0, reason, nil)
	}
	u := *c.base
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawPath = ""
	if query != nil {
		// $ is kept literal: it is what the API documents, and it is legal in a query.
		u.RawQuery = strings.ReplaceAll(query.Encode(), "%24", "$")
	}

	var last *Error
	for attempt := 1; ; attempt++ {
		body, retryAfter, err := cl.once(ctx, u.String(), header)
		if err == nil {
			return body, nil
		}
		last = err
		last.Attempts = attempt
		if !retryable(err) || attempt >= c.maxAttempts {
			return nil, last
		}
		wait := c.backoff(attempt)
		if retryAfter >= 0 {
			wait = min(retryAfter, c.maxRetryAfter)
		}
		// No point waiting past the deadline: report the real cause now.
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return nil, last
		}
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, cl.transportError(ctx, err)
		}
	}
}

func retryable(e *Error) bool {
	switch e.Kind {
	case KindNetwork:
		return !e.redirected
	case KindConnRefused, KindRateLimited:
		return true
	case KindServer:
		return e.Status == http.StatusBadGateway || e.Status == http.StatusServiceUnavailable ||
			e.Status == http.StatusGatewayTimeout
	}
	return false
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// once makes one request. retryAfter is -1 unless the reply asked for a wait.
func (cl *call) once(ctx context.Context, target string, header http.Header) (body []byte, retryAfter time.Duration, _ *Error) {
	retryAfter = -1
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, retryAfter, cl.newError(KindNetwork, 0, "the request could not be built", nil)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Authorization", "Bearer "+cl.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", cl.c.userAgent)

	resp, err := cl.c.hc.Do(req)
	if err != nil {
		return nil, retryAfter, cl.transportError(ctx, err)
	}
	defer func() {
		// Drain a little so the connection can be reused, then close.
		_, _ = io.CopyN(io.Discard, resp.Body, maxErrorBody)
		resp.Body.Close()
	}()

	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxSuccessBody+1))
		if err != nil {
			return nil, retryAfter, cl.transportError(ctx, err)
		}
		if len(body) > maxSuccessBody {
			return nil, retryAfter, cl.unexpected(resp.StatusCode, "the reply is larger than 1 MiB")
		}
		return body, retryAfter, nil
	}

	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	if err != nil && ctx.Err() != nil {
		return nil, retryAfter, cl.transportError(ctx, err)
	}
	e := cl.statusError(resp, raw)
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return nil, retryAfter, e
}

// statusError maps a non-2xx reply to an *Error, by HTTP status: the body's
// code is the literal "error" for every failure.
func (cl *call) statusError(resp *http.Response, raw []byte) *Error {
	status := resp.StatusCode
	var kind Kind
	switch {
	case status == http.StatusUnauthorized:
		kind = KindInvalidToken
	case status == http.StatusForbidden:
		kind = KindStackAccess
	case status == http.StatusNotFound && cl.projectID != 0:
		kind = KindProjectNotFound
	case status == http.StatusTooManyRequests:
		kind = KindRateLimited
	case status >= 500:
		kind = KindServer
	default:
		kind = KindUnexpectedReply
	}
	msg, detail := parseErrorBody(raw, resp.Header.Get("Content-Type"))
	e := cl.newError(kind, status, detail, nil)
	e.ServerMessage = serverText(msg, cl.token)
	if kind == KindUnexpectedReply && status == http.StatusNotFound && e.ServerMessage == "" {
		e.detail = "the API path was not found; the API address may be wrong"
	}
	return e
}

// parseErrorBody reads {"error":{"message":...}}; detail describes a body of another shape.
func parseErrorBody(raw []byte, contentType string) (message, detail string) {
	trimmed := strings.TrimSpace(string(raw))
	if trimmed == "" {
		return "", "the reply has no body"
	}
	var body struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(raw, &body) == nil && body.Error.Message != "" {
		return body.Error.Message, ""
	}
	if strings.HasPrefix(trimmed, "<") || strings.Contains(contentType, "html") {
		return "", "the reply is an HTML page, not the API's JSON; a proxy or gateway may have answered"
	}
	return "", "the reply is not in the API's error format"
}

// parseRetryAfter reads seconds or an HTTP date; -1 when absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return -1
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return -1
		}
		if secs > int64(24*time.Hour/time.Second) {
			return 24 * time.Hour
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return -1
}

// transportError maps a failure without a reply to its Kind.
func (cl *call) transportError(ctx context.Context, err error) *Error {
	var redirect *redirectError
	if errors.As(err, &redirect) {
		e := cl.newError(KindNetwork, 0, redirect.Error(), err)
		e.redirected = true
		return e
	}
	switch ctx.Err() {
	case context.Canceled:
		return cl.newError(KindCancelled, 0, "", err)
	case context.DeadlineExceeded:
		e := cl.newError(KindTimeout, 0, "", err)
		e.Timeout = cl.limit
		return e
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return cl.newError(KindDNS, 0, "", err)
	}
	if detail, ok := tlsProblem(err); ok {
		return cl.newError(KindTLS, 0, detail, err)
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return cl.newError(KindConnRefused, 0, "", err)
	}
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()) {
		return cl.newError(KindTimeout, 0, "", err)
	}
	return cl.newError(KindNetwork, 0, networkDetail(err), err)
}

// tlsProblem recognises certificate and handshake failures and says which.
func tlsProblem(err error) (string, bool) {
	var unknownCA x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var hostname x509.HostnameError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var alert tls.AlertError
	switch {
	case errors.As(err, &unknownCA):
		return "the certificate is signed by an authority this machine does not trust", true
	case errors.As(err, &hostname):
		return "the certificate is for another host name", true
	case errors.As(err, &invalid):
		return "the certificate is not valid (expired or not yet valid, or not allowed for this use)", true
	case errors.As(err, &verify):
		return "the certificate could not be verified", true
	case errors.As(err, &record), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "the server did not answer with TLS (is the address http:// rather than https://?)", true
	case errors.As(err, &alert):
		return "the server ended the TLS handshake (" + sanitizeServerText(alert.Error()) + ")", true
	}
	if strings.Contains(err.Error(), "tls: ") || strings.Contains(err.Error(), "x509: ") {
		return "the TLS handshake failed", true
	}
	return "", false
}

// networkDetail names common failures without repeating the URL.
func networkDetail(err error) string {
	switch {
	case errors.Is(err, syscall.ECONNRESET):
		return "the connection was reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection was closed before a full reply arrived"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "the network or host is unreachable"
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return err.Error()
}

// tokenHeaderProblem catches a token that cannot travel in a header, without
// repeating it; CleanToken gives users the friendlier check earlier.
func tokenHeaderProblem(token string) string {
	if token == "" {
		return "no token was given"
	}
	for i := 0; i < len(token); i++ {
		if c := token[i]; c <= ' ' || c >= 0x7f {
			return "the token holds spaces, control or non-ASCII characters, which no token has"
		}
	}
	return ""
}
