package fakeapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Transport answers as the loopback server does, without a socket.
func TestTransportAnswersInProcess(t *testing.T) {
	srv := New(fastDemo())
	c := &http.Client{Transport: srv.Transport()}
	do := func(path, token string, header map[string]string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, DemoBaseURL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.Header.Get("Content-Type") != "application/json" || resp.ContentLength != int64(len(b)) {
			t.Errorf("%s: headers %v, length %d", path, resp.Header, resp.ContentLength)
		}
		return resp.StatusCode, string(b)
	}
	if code, body := do("/cloud/v6/auth", DemoPersonalToken, map[string]string{"X-Stack-Url": DemoStackURL}); code != 200 || body != `{"default_project_id":1001,"stack_id":101}` {
		t.Errorf("auth: %d %s", code, body)
	}
	if code, _ := do("/cloud/v6/auth", DemoRevokedToken, map[string]string{"X-Stack-Url": DemoStackURL}); code != 401 {
		t.Errorf("revoked: %d", code)
	}
	code, body := do("/cloud/v6/projects?$count=true", DemoPersonalToken, map[string]string{"X-Stack-Id": "5000000104"})
	if code != 200 || !strings.Contains(body, `"@nextLink":"`+DemoBaseURL+`/cloud/v6/projects?`) {
		t.Errorf("projects: %d %.200s", code, body)
	}
	if srv.Requests() != 3 || srv.RequestsTo("/cloud/v6/auth") != 2 || srv.Connections() != 0 {
		t.Errorf("requests %d, to auth %d, connections %d", srv.Requests(), srv.RequestsTo("/cloud/v6/auth"), srv.Connections())
	}
}

// A delayed reply gives way to the caller's deadline.
func TestTransportHonoursContext(t *testing.T) {
	cfg := Demo()
	c := &http.Client{Transport: New(cfg).Transport()}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, DemoBaseURL+"/cloud/v6/auth", nil)
	req.Header.Set("Authorization", "Bearer "+DemoPersonalToken)
	req.Header.Set("X-Stack-Url", DemoSlowStackURL)
	start := time.Now()
	_, err := c.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("err %v after %v", err, time.Since(start))
	}
}
