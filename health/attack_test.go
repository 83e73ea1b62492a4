package health_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
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
