package authclient

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/k6login/k6login/authclient/fakeapi"
)

// checkAllFake has n tokens, each allowed on the stack "https://sN.grafana.net"
// of its own (every stack answering after delay), plus a refused token and a
// stack no token may use.
func checkAllFake(n int, delay time.Duration) (*fakeapi.Server, []Target) {
	cfg := fakeapi.Config{}
	var targets []Target
	for i := range n {
		url := fmt.Sprintf("https://s%d.grafana.net", i)
		tok := fmt.Sprintf("glc_token_%04d_abcdefghij", i)
		cfg.Stacks = append(cfg.Stacks, fakeapi.Stack{URL: url, ID: int64(1000 + i), DefaultProjectID: int64(5000 + i), Delay: delay})
		cfg.Accounts = append(cfg.Accounts, fakeapi.Account{Token: tok, Stacks: []string{url}})
		targets = append(targets, Target{Name: fmt.Sprintf("acc%d", i), Token: tok, StackURL: url})
	}
	return fakeapi.New(cfg), targets
}

func collect(ch <-chan CheckResult, n int) []CheckResult {
	out := make([]CheckResult, n)
	got := 0
	for r := range ch {
		out[r.Index] = r
		got++
	}
	if got != n {
		panic(fmt.Sprintf("%d results for %d targets", got, n))
	}
	return out
}

func TestCheckAllSortsEveryAnswer(t *testing.T) {
	fake, targets := checkAllFake(3, 0)
	targets = append(targets,
		Target{Name: "refused", Token: "glc_revoked_0000000000", StackURL: targets[0].StackURL},
		Target{Name: "no access", Token: targets[0].Token, StackURL: targets[1].StackURL},
	)
	base, stop := fake.Start()
	defer stop()
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	deadBase := "http://" + closed.Addr().String()
	closed.Close()

	api := New(Options{BaseURL: base, Backoff: fastBackoff})
	results := collect(CheckAll(context.Background(), api, targets, 2), len(targets))
	for i, want := range []CheckStatus{CheckValid, CheckValid, CheckValid, CheckRefused, CheckNoAccess} {
		if results[i].Status != want {
			t.Errorf("%s: %v (%v), want %v", targets[i].Name, results[i].Status, results[i].Err, want)
		}
	}
	if r := results[2]; r.Info.StackID != 1002 || r.Info.DefaultProjectID != 5002 || r.Err != nil {
		t.Errorf("valid result = %+v", r)
	}
	if n := fake.RequestsTo("/cloud/v6/auth"); n != len(targets) {
		t.Errorf("%d requests for %d targets, want one each (401 and 403 are not retried)", n, len(targets))
	}

	dead := New(Options{BaseURL: deadBase, Backoff: fastBackoff})
	for _, r := range collect(CheckAll(context.Background(), dead, targets[:2], 0), 2) {
		if r.Status != CheckUnreachable {
			t.Errorf("nothing listening: %v (%v), want unreachable", r.Status, r.Err)
		}
	}
	if got := collect(CheckAll(context.Background(), api, nil, 4), 0); len(got) != 0 {
		t.Errorf("no targets gave %d results", len(got))
	}
}

// No more than the pool's size of requests are ever in flight.
func TestCheckAllIsBounded(t *testing.T) {
	fake, targets := checkAllFake(20, 20*time.Millisecond)
	var mu sync.Mutex
	inFlight, most := 0, 0
	fake.SetFault(func(http.ResponseWriter, *http.Request) bool {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
		return false
	})
	base, stop := fake.Start()
	defer stop()
	api := New(Options{BaseURL: base})
	for _, r := range collect(CheckAll(context.Background(), api, targets, 3), len(targets)) {
		if r.Status != CheckValid {
			t.Fatalf("%v", r.Err)
		}
	}
	if most > 3 || most < 2 {
		t.Errorf("%d requests were in flight at once; want at most 3 and more than one", most)
	}
}

// Cancelling ends what is in flight and starts nothing more.
func TestCheckAllCancelled(t *testing.T) {
	fake, targets := checkAllFake(10, time.Hour)
	base, stop := fake.Start()
	defer stop()
	ctx, cancel := context.WithCancel(context.Background())
	ch := CheckAll(ctx, New(Options{BaseURL: base}), targets, 2)
	time.AfterFunc(50*time.Millisecond, cancel)
	done := make(chan []CheckResult)
	go func() { done <- collect(ch, len(targets)) }()
	select {
	case results := <-done:
		for _, r := range results {
			if r.Status != CheckCancelled {
				t.Errorf("%d: %v, want cancelled", r.Index, r.Status)
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("CheckAll did not end after cancel")
	}
	if n := fake.RequestsTo("/cloud/v6/auth"); n > 2 {
		t.Errorf("%d requests sent; the pool holds 2", n)
	}
}

// BenchmarkCheckAll50 checks 50 accounts against the fake API, whose every
// reply takes 20ms: with a pool of DefaultCheckWorkers that is
// ceil(50/8) = 7 rounds, about 140ms, not the 1s of one after another. The
// round-trips/op metric is the time of one op in units of that delay.
func BenchmarkCheckAll50(b *testing.B) {
	const delay = 20 * time.Millisecond
	fake, targets := checkAllFake(50, delay)
	base, stop := fake.Start()
	defer stop()
	api := New(Options{BaseURL: base})
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		for r := range CheckAll(context.Background(), api, targets, DefaultCheckWorkers) {
			if r.Status != CheckValid {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(time.Since(start))/float64(b.N)/float64(delay), "round-trips/op")
}
