package oauth_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/config"
	"rmad/internal/oauthtest"
	"rmad/internal/pgtest"
	"rmad/oauth"
	"rmad/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var key = bytes.Repeat([]byte{7}, 32)

// clock is a test clock several managers share.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func newPool(t *testing.T) *pgxpool.Pool {
	t.Helper()
	return poolFor(t, pgtest.NewDB(t))
}

// poolFor opens another pool on url: another process's connections.
func poolFor(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

func newIssuer(t *testing.T, opts oauthtest.Options) *oauthtest.Issuer {
	t.Helper()
	iss, err := oauthtest.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { iss.Close() })
	return iss
}

func provider(iss *oauthtest.Issuer, flow string) config.OAuth {
	return config.OAuth{Provider: "generic", Flow: flow, ClientID: iss.ClientID(), ClientSecret: iss.ClientSecret(),
		TokenURL: iss.TokenURL(), DeviceAuthURL: iss.DeviceAuthURL(), Scopes: []string{"mail"}}
}

// outboxNotifier queues the revocation notice in the real outbox, as the
// desk does, so a test counts rows.
type outboxNotifier struct{}

func (outboxNotifier) OAuthRevoked(ctx context.Context, tx pgx.Tx, r oauth.Revocation) error {
	_, err := store.Enqueue(ctx, tx, store.OutMail{Template: "agent_oauth_revoked", From: "desk@example.com",
		To: []string{"ops@example.com"}, Subject: "revoked " + r.Provider, Body: r.Reason, MessageID: "rev-" + r.Provider + "-" + r.At.String(),
		Audience: "agents", QueuedAt: r.At})
	return err
}

// syncBuffer is a log sink several goroutines write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newManager(t *testing.T, pool *pgxpool.Pool, providers map[string]config.OAuth, clk *clock, logs *syncBuffer, tune ...func(*oauth.Options)) *oauth.Manager {
	t.Helper()
	opts := oauth.Options{Now: clk.Now, Notifier: outboxNotifier{}, MinBackoff: time.Minute, MaxBackoff: 8 * time.Minute,
		RequestTimeout: 5 * time.Second, Users: map[string][]string{}}
	for name := range providers {
		opts.Users[name] = []string{name + "-box"}
	}
	if logs != nil {
		opts.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	}
	for _, f := range tune {
		f(&opts)
	}
	m, err := oauth.New(pool, providers, key, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func outboxCount(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM outbox WHERE template = 'agent_oauth_revoked'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// newClock starts at the current time in PostgreSQL's precision, so times
// read back compare equal.
func newClock() *clock { return &clock{now: time.Now().Truncate(time.Microsecond)} }
