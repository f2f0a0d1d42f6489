package fakeapi

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

// DemoBaseURL is the API address to pair with Transport in --demo mode. Nothing
// resolves it: Transport answers every request itself.
const DemoBaseURL = "http://k6-api.demo"

// Transport answers requests in the process, by calling ServeHTTP, with no
// listener or socket. The program's --demo mode uses it: serving over loopback
// would link net/http's whole server side into the binary (about 0.6 MB) for a
// stand-in. Requests are recorded and counted as with Start; Connections stays 0.
// Cancelling a request's context cancels it, delays included.
func (s *Server) Transport() http.RoundTripper { return transport{s} }

type transport struct{ s *Server }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_ = req.Body.Close() // a RoundTripper must close it; the API takes no bodies
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The request as a server would see it: a path-only URL and Host set.
	in := req.Clone(ctx)
	in.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	in.RequestURI = req.URL.RequestURI()
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	in.Body = http.NoBody
	in.RemoteAddr = "in-process"

	w := &recorder{header: make(http.Header)}
	t.s.ServeHTTP(w, in)
	if err := ctx.Err(); err != nil {
		return nil, err // the handler gave up waiting: as a dropped reply
	}
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		Body:          io.NopCloser(bytes.NewReader(w.body.Bytes())),
		ContentLength: int64(w.body.Len()),
		Request:       req,
	}, nil
}

// recorder is the http.ResponseWriter of Transport.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(p)
}
