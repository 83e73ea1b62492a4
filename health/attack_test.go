package health_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/health"
	"rmad/internal/pgtest"
)

// gatedPinger is the real database behind a gate: each ping waits until the
// test opens it, and the pinger counts how many wait at once.
type gatedPinger struct {
	pool    *pgxpool.Pool
	entered chan struct{}
	gate    chan struct{}

	mu          sync.Mutex
	inside, max int
	pings       int
}

func (g *gatedPinger) Ping(ctx context.Context) error {
	g.mu.Lock()
	g.inside++
	g.pings++
	g.max = max(g.max, g.inside)
	g.mu.Unlock()
	select {
	case g.entered <- struct{}{}:
	default:
	}
	<-g.gate
	g.mu.Lock()
	g.inside--
	g.mu.Unlock()
	return g.pool.Ping(ctx)
}

// A flood of /healthz requests must not run the checks once per request at
// the same time: each run takes database connections (a ping, the outbox
// and job queries) that the mailboxes and the outbox need. Concurrent
// requests share one run; every one of them still gets the full verdict.
func TestAttackHealthzFloodSharesOneRun(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	g := &gatedPinger{pool: pool, entered: make(chan struct{}, 1), gate: make(chan struct{})}
	c := health.NewChecker(time.Minute)
	c.SetDatabase(health.Database(g, time.Minute, health.NewStalls(time.Minute)))
	c.AddDBCheck("outbox", health.Outbox(pool, time.Hour))
	arrived := make(chan struct{}, 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		c.Handler(func() time.Time { return t0 }).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	const n = 30
	var wg sync.WaitGroup
	codes := make(chan int, n)
	for range n {
		wg.Go(func() {
			resp, err := http.Get(srv.URL)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			var rep health.Report
			if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil || rep.Status != "ok" {
				t.Errorf("verdict %+v %v", rep, err)
			}
			codes <- resp.StatusCode
		})
	}
	<-g.entered
	for range n {
		<-arrived
	}
	close(g.gate)
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	if g.max != 1 || g.pings >= n {
		t.Fatalf("%d requests ran %d pings, %d at once; want one at a time, shared", n, g.pings, g.max)
	}
}

// /healthz is read by load balancers and monitoring that have no business
// with passwords: a database that cannot be reached, or a mailbox error
// that quotes its URL, must not put a password into the reason.
func TestAttackHealthzReasonsHoldNoPassword(t *testing.T) {
	ctx := context.Background()
	const pw = "Sup3rS3cretPw"
	pool, err := pgxpool.New(ctx, "postgres://rmad:"+pw+"@127.0.0.1:1/rmad?connect_timeout=2&sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	mbs := health.NewMailboxes(t0, "support")
	mbs.Disconnected("support", t0, errors.New(`dial imaps://support%40example.com:`+pw+`@imap.example.com/INBOX: password=`+pw+` refused`))
	c := health.NewChecker(10 * time.Second)
	c.SetDatabase(health.Database(pool, 5*time.Second, health.NewStalls(5*time.Second)))
	c.AddCheck("mailbox", mbs.Check(time.Minute))
	rec := httptest.NewRecorder()
	c.Handler(func() time.Time { return t0.Add(time.Hour) }).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	body := rec.Body.String()
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(body, `"database"`) || !strings.Contains(body, `"support"`) {
		t.Fatalf("%d %s", rec.Code, body)
	}
	if strings.Contains(body, pw) {
		t.Fatalf("a password in /healthz: %s", body)
	}
	for _, st := range mbs.States() {
		if strings.Contains(st.LastError, pw) {
			t.Fatalf("a password in the mailbox state (metrics, logs): %s", st.LastError)
		}
	}
}
