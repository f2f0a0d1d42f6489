// Package fakeapi is an in-process stand-in for the Grafana Cloud k6 v6 API:
// GET /cloud/v6/auth, /cloud/v6/projects and /cloud/v6/projects/{id}, with the
// status codes and error bodies the real service gives. Tests in every package
// and the program's --demo mode use it; it never touches the network beyond
// a loopback listener.
package fakeapi

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// TokenKind is how a token was made in Grafana Cloud.
type TokenKind int

const (
	// Personal tokens belong to a user and work for every stack the user is in.
	Personal TokenKind = iota
	// StackToken belongs to one stack.
	StackToken
)

func (k TokenKind) String() string {
	if k == StackToken {
		return "stack token"
	}
	return "personal token"
}

// Account is a token and the stacks (by URL, exactly as in Stack.URL) it may use.
// A token that no Account holds gets 401.
type Account struct {
	Token  string
	Kind   TokenKind
	Stacks []string
}

// Project is one project of a stack.
type Project struct {
	ID               int64
	Name             string
	IsDefault        bool
	GrafanaFolderUID string // empty is sent as null
	Created          time.Time
	Updated          time.Time
}

// Stack is a Grafana Cloud stack. URL is compared literally with X-Stack-Url,
// as the real API does: "https://x.grafana.net/" does not match "https://x.grafana.net".
type Stack struct {
	URL              string
	ID               int64
	DefaultProjectID int64
	Projects         []Project
	// Delay holds every reply about this stack back, so a spinner can be seen.
	Delay time.Duration
}

// Config describes what the fake knows.
type Config struct {
	Accounts []Account
	Stacks   []Stack
	// Fault, when set, sees every request first; if it returns true it has
	// written the reply and the normal handling is skipped. Use it to inject
	// 5xx, 429, HTML from a proxy, slow replies and the like.
	Fault func(w http.ResponseWriter, r *http.Request) bool
	// NextLinkBase replaces scheme://host in @nextLink, to play a server that
	// points clients elsewhere (one report says @nextLink comes back as http://).
	NextLinkBase string
}

// Server is the fake API; it is an http.Handler.
type Server struct {
	cfg      Config
	byURL    map[string]*Stack
	byID     map[int64]*Stack
	accounts map[string]*Account

	mu          sync.Mutex
	fault       func(w http.ResponseWriter, r *http.Request) bool
	requests    int
	perPath     map[string]int
	connections int
	log         []Request
}

// Request is what the fake recorded of one request.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
}

// New builds a Server. Stack.DefaultProjectID, when zero, is taken from the
// project marked IsDefault.
func New(cfg Config) *Server {
	s := &Server{
		cfg:      cfg,
		byURL:    make(map[string]*Stack),
		byID:     make(map[int64]*Stack),
		accounts: make(map[string]*Account),
		perPath:  make(map[string]int),
		fault:    cfg.Fault,
	}
	for i := range cfg.Stacks {
		st := &cfg.Stacks[i]
		if st.DefaultProjectID == 0 {
			for _, p := range st.Projects {
				if p.IsDefault {
					st.DefaultProjectID = p.ID
					break
				}
			}
		}
		s.byURL[st.URL] = st
		s.byID[st.ID] = st
	}
	for i := range cfg.Accounts {
		s.accounts[cfg.Accounts[i].Token] = &cfg.Accounts[i]
	}
	return s
}

// Start serves on a new loopback listener and returns its base URL (use it as
// the client's BaseURL) and a function that stops the server.
//
// It is a plain http.Server, not net/http/httptest: the program links this
// package for --demo (which uses Transport, not Start), and importing httptest
// would bring package flag and a test certificate into the binary.
func (s *Server) Start() (baseURL string, stop func()) {
	l := listenLoopback()
	r := s.newHTTPServer()
	go func() { _ = r.srv.Serve(l) }()
	return "http://" + l.Addr().String(), r.stop
}

// StartTLS is Start with https and a self-signed certificate made on the spot;
// the returned client trusts it (and only it).
func (s *Server) StartTLS() (baseURL string, client *http.Client, stop func()) {
	cert, pool := selfSigned()
	l := listenLoopback()
	r := s.newHTTPServer()
	r.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	go func() { _ = r.srv.ServeTLS(l, "", "") }()
	client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	return "https://" + l.Addr().String(), client, r.stop
}

func listenLoopback() net.Listener {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		if l, err = net.Listen("tcp6", "[::1]:0"); err != nil {
			panic("fakeapi: cannot listen on loopback: " + err.Error())
		}
	}
	return l
}

// running is one started server: its requests being served, so that stop can
// wait for them.
type running struct {
	srv     *http.Server
	mu      sync.Mutex
	idle    *sync.Cond
	serving int
	stopped bool
}

func (s *Server) newHTTPServer() *running {
	r := &running{}
	r.idle = sync.NewCond(&r.mu)
	r.srv = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			r.mu.Lock()
			if r.stopped {
				r.mu.Unlock()
				return // the connection is being closed anyway
			}
			r.serving++
			r.mu.Unlock()
			defer func() {
				r.mu.Lock()
				r.serving--
				r.idle.Broadcast()
				r.mu.Unlock()
			}()
			s.ServeHTTP(w, req)
		}),
		ConnState: func(_ net.Conn, state http.ConnState) {
			if state == http.StateNew {
				s.mu.Lock()
				s.connections++
				s.mu.Unlock()
			}
		},
		// Clients hanging up mid-reply are routine in tests and in --demo,
		// where a log line would land in the middle of the wizard.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	return r
}

// stop closes the server and every connection, then waits for the handlers
// still running (closing their connections cancelled their contexts).
func (r *running) stop() {
	r.mu.Lock()
	already := r.stopped
	r.stopped = true
	r.mu.Unlock()
	if already {
		return
	}
	_ = r.srv.Close()
	r.mu.Lock()
	for r.serving > 0 {
		r.idle.Wait()
	}
	r.mu.Unlock()
}

// selfSigned makes a throwaway ECDSA certificate for 127.0.0.1, ::1 and
// localhost, and a pool that trusts it.
func selfSigned() (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic("fakeapi: " + err.Error())
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{Organization: []string{"fakeapi"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic("fakeapi: " + err.Error())
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		panic("fakeapi: " + err.Error())
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// SetFault replaces Config.Fault while the server runs; nil removes it.
func (s *Server) SetFault(f func(w http.ResponseWriter, r *http.Request) bool) {
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

// Requests is how many requests arrived, faults included.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// RequestsTo is how many requests arrived for one path, like "/cloud/v6/auth".
func (s *Server) RequestsTo(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.perPath[path]
}

// Connections is how many TCP connections were opened to a server from Start
// or StartTLS; a client that reuses its connection opens one.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connections
}

// Log returns a copy of every request recorded so far, oldest first.
func (s *Server) Log() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// LastRequest is the most recent request, and false when there was none.
func (s *Server) LastRequest() (Request, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.log) == 0 {
		return Request{}, false
	}
	return s.log[len(s.log)-1], true
}

// ResetCounts forgets the requests and connections counted so far.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.connections = 0, 0
	s.perPath = make(map[string]int)
	s.log = nil
}

// ServeHTTP answers like the v6 API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	s.perPath[r.URL.Path]++
	s.log = append(s.log, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone()})
	fault := s.fault
	s.mu.Unlock()

	if fault != nil && fault(w, r) {
		return
	}

	path := r.URL.Path
	switch {
	case path == "/cloud/v6/auth", path == "/cloud/v6/projects", strings.HasPrefix(path, "/cloud/v6/projects/"):
	default:
		WriteError(w, http.StatusNotFound, "Not found")
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		WriteError(w, http.StatusMethodNotAllowed, "Method not allowed")
		return
	}
	account := s.account(r)
	if account == nil {
		WriteError(w, http.StatusUnauthorized, "Invalid token")
		return
	}
	if path == "/cloud/v6/auth" {
		s.auth(w, r, account)
		return
	}

	stack, ok := s.stackByID(w, r, account)
	if !ok {
		return
	}
	if path == "/cloud/v6/projects" {
		s.projects(w, r, stack)
		return
	}
	s.project(w, r, stack, strings.TrimPrefix(path, "/cloud/v6/projects/"))
}

// account finds the Bearer token's account; nil means 401.
func (s *Server) account(r *http.Request) *Account {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return nil
	}
	return s.accounts[token]
}

func (a *Account) mayUse(stackURL string) bool {
	return slices.Contains(a.Stacks, stackURL)
}

func (s *Server) auth(w http.ResponseWriter, r *http.Request, account *Account) {
	stackURL := r.Header.Get("X-Stack-Url")
	if stackURL == "" {
		WriteError(w, http.StatusBadRequest, "X-Stack-Url header is required")
		return
	}
	stack := s.byURL[stackURL]
	if stack == nil || !account.mayUse(stack.URL) {
		WriteError(w, http.StatusForbidden, "Stack not found or you don't have access: '"+stackURL+"'")
		return
	}
	if !wait(r, stack.Delay) {
		return
	}
	writeJSON(w, http.StatusOK, struct {
		DefaultProjectID int64 `json:"default_project_id"`
		StackID          int64 `json:"stack_id"`
	}{stack.DefaultProjectID, stack.ID})
}

// stackByID reads X-Stack-Id and checks access; it has written the error when ok is false.
func (s *Server) stackByID(w http.ResponseWriter, r *http.Request, account *Account) (*Stack, bool) {
	raw := r.Header.Get("X-Stack-Id")
	if raw == "" {
		WriteError(w, http.StatusBadRequest, "X-Stack-Id header is required")
		return nil, false
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		WriteError(w, http.StatusBadRequest, "X-Stack-Id header must be an integer")
		return nil, false
	}
	stack := s.byID[id]
	if stack == nil || !account.mayUse(stack.URL) {
		WriteError(w, http.StatusForbidden, "Stack not found or you don't have access: '"+raw+"'")
		return nil, false
	}
	if !wait(r, stack.Delay) {
		return nil, false
	}
	return stack, true
}

// wait holds the reply back for d; false when the client went away meanwhile.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

const maxTop = 1000

func (s *Server) projects(w http.ResponseWriter, r *http.Request, stack *Stack) {
	q := r.URL.Query()
	top, skip := maxTop, 0
	if v := q.Get("$top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxTop {
			WriteError(w, http.StatusBadRequest, "$top must be an integer from 1 to 1000")
			return
		}
		top = n
	}
	if v := q.Get("$skip"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			WriteError(w, http.StatusBadRequest, "$skip must be a non-negative integer")
			return
		}
		skip = n
	}

	list := slices.Clone(stack.Projects)
	if name := q.Get("name"); name != "" {
		list = slices.DeleteFunc(list, func(p Project) bool { return p.Name != name })
	}
	if search := strings.ToLower(q.Get("name_search")); search != "" {
		list = slices.DeleteFunc(list, func(p Project) bool { return !strings.Contains(strings.ToLower(p.Name), search) })
	}
	if order := q.Get("$orderby"); order != "" {
		field, dir, _ := strings.Cut(order, " ")
		var cmp func(a, b Project) int
		switch field {
		case "name":
			cmp = func(a, b Project) int { return strings.Compare(a.Name, b.Name) }
		case "created":
			cmp = func(a, b Project) int { return a.Created.Compare(b.Created) }
		default:
			WriteError(w, http.StatusBadRequest, "$orderby must be name or created")
			return
		}
		switch dir {
		case "":
		case "desc":
			asc := cmp
			cmp = func(a, b Project) int { return -asc(a, b) }
		default:
			WriteError(w, http.StatusBadRequest, "$orderby direction must be desc or nothing")
			return
		}
		slices.SortStableFunc(list, cmp)
	}

	total := len(list)
	page := list[min(skip, total):min(skip+top, total)]
	var reply struct {
		Count    *int          `json:"@count,omitempty"`
		NextLink string        `json:"@nextLink,omitempty"`
		Value    []wireProject `json:"value"`
	}
	if q.Get("$count") == "true" {
		reply.Count = &total
	}
	if skip+top < total {
		next := *r.URL
		nq := next.Query()
		nq.Set("$top", strconv.Itoa(top))
		nq.Set("$skip", strconv.Itoa(skip+top))
		next.RawQuery = nq.Encode()
		base := "http://" + r.Host
		if r.TLS != nil {
			base = "https://" + r.Host
		}
		if s.cfg.NextLinkBase != "" {
			base = strings.TrimRight(s.cfg.NextLinkBase, "/")
		}
		reply.NextLink = base + next.RequestURI()
	}
	reply.Value = make([]wireProject, len(page))
	for i, p := range page {
		reply.Value[i] = projectJSON(p)
	}
	writeJSON(w, http.StatusOK, reply)
}

func (s *Server) project(w http.ResponseWriter, r *http.Request, stack *Stack, rawID string) {
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil {
		WriteError(w, http.StatusBadRequest, "project id must be an integer")
		return
	}
	for _, p := range stack.Projects {
		if p.ID == id {
			writeJSON(w, http.StatusOK, projectJSON(p))
			return
		}
	}
	WriteError(w, http.StatusNotFound, "Not found")
}

// wireProject is a project as the API sends it.
type wireProject struct {
	Created          string  `json:"created"`
	GrafanaFolderUID *string `json:"grafana_folder_uid"`
	ID               int64   `json:"id"`
	IsDefault        bool    `json:"is_default"`
	Name             string  `json:"name"`
	Updated          string  `json:"updated"`
}

func projectJSON(p Project) wireProject {
	w := wireProject{
		Created: p.Created.UTC().Format(time.RFC3339), ID: p.ID, IsDefault: p.IsDefault,
		Name: p.Name, Updated: p.Updated.UTC().Format(time.RFC3339),
	}
	if p.GrafanaFolderUID != "" {
		w.GrafanaFolderUID = &p.GrafanaFolderUID
	}
	return w
}

// WriteError writes the API's error body:
// {"error":{"code":"error","details":null,"message":...,"target":null}}.
// Fault hooks can use it to answer like the real service.
func WriteError(w http.ResponseWriter, status int, message string) {
	type apiError struct {
		Code    string `json:"code"`
		Details any    `json:"details"`
		Message string `json:"message"`
		Target  any    `json:"target"`
	}
	writeJSON(w, status, struct {
		Error apiError `json:"error"`
	}{apiError{Code: "error", Message: message}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // the replies above always encode
	}
	out := bytes.TrimSuffix(body.Bytes(), []byte("\n")) // as the real API sends it
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

func GenerateProjects(firstID int64, n int) []Project {
	base := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	ps := make([]Project, n)
	for i := range ps {
		name := fmt.Sprintf("project-%04d", i+1)
		if i == 0 {
			name = "Default project"
		}
		created := base.Add(time.Duration(i) * time.Hour)
		ps[i] = Project{ID: firstID + int64(i), Name: name, IsDefault: i == 0, Created: created, Updated: created}
	}
	return ps
}
