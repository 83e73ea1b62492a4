package oauth

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/config"
	"rmad/store"
)

// DB is the database the tokens live in: a pool.
type DB interface {
	store.DBTX
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Revocation is what the Notifier is told, once per revoked grant.
type Revocation struct {
	Provider  string
	Mailboxes []string // the mailboxes (and "smtp") that use the provider
	Reason    string   // the issuer's words
	At        time.Time
}

// Notifier queues the mail that tells people.notify about a revocation, in
// tx, the transaction that records it; cmd/rmad wires the desk in.
type Notifier interface {
	OAuthRevoked(ctx context.Context, tx pgx.Tx, r Revocation) error
}

// Options tune a Manager; zero values mean the defaults.
type Options struct {
	Logger   *slog.Logger
	Notifier Notifier
	// Users names, per provider, the mailboxes that use it, for the logs,
	// the notice and Problems.
	Users map[string][]string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Ahead: a token is refreshed this long before it expires, at most a
	// quarter of its life (default 5m).
	Ahead time.Duration
	// MinBackoff and MaxBackoff bound the wait after a failed refresh
	// (defaults 5s, 15m).
	MinBackoff, MaxBackoff time.Duration
	// RequestTimeout bounds one request to the issuer (default 30s);
	// DBTimeout one database step (default 15s).
	RequestTimeout, DBTimeout time.Duration
	// HTTPClient talks to the issuer (default: a client with RequestTimeout).
	HTTPClient *http.Client
}

// Manager holds a Source per configured provider.
type Manager struct {
	db      DB
	seal    *sealer
	opts    Options
	log     *slog.Logger
	sources map[string]*Source
	cfg     map[string]config.OAuth
}

// New returns a Manager for providers, their tokens sealed with key.
func New(db DB, providers map[string]config.OAuth, key []byte, opts Options) (*Manager, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Ahead <= 0 {
		opts.Ahead = 5 * time.Minute
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = 5 * time.Second
	}
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = max(15*time.Minute, opts.MinBackoff)
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 30 * time.Second
	}
	if opts.DBTimeout <= 0 {
		opts.DBTimeout = 15 * time.Second
	}
	if opts.HTTPClient == nil {
		// No redirects: on a 307 or 308 Go's client posts the same form,
		// client_secret and refresh_token included, to wherever the answer
		// points, another host too. A token endpoint that moved is a
		// configuration change, not something to follow.
		opts.HTTPClient = &http.Client{Timeout: opts.RequestTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	m := &Manager{db: db, opts: opts, log: opts.Logger, sources: map[string]*Source{}, cfg: providers}
	if len(providers) == 0 {
		return m, nil // nothing to seal; Run returns at once
	}
	s, err := newSealer(key)
	if err != nil {
		return nil, err
	}
	m.seal = s
	for name, p := range providers {
		f, err := newFlow(p)
		if err != nil {
			return nil, &config.Error{Key: "oauth." + name, Reason: err.Error()}
		}
		users := slices.Clone(opts.Users[name])
		sort.Strings(users)
		m.sources[name] = &Source{m: m, name: name, flow: f, users: users}
	}
	return m, nil
}

// Source returns the token source of provider name, or nil.
func (m *Manager) Source(name string) *Source { return m.sources[name] }

// names lists the providers in order.
func (m *Manager) names() []string {
	out := make([]string, 0, len(m.sources))
	for n := range m.sources {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Problem is a provider whose mailboxes cannot log in.
type Problem struct {
	Provider  string    `json:"provider"`
	Mailboxes []string  `json:"mailboxes"`
	Reason    string    `json:"reason"`
	Since     time.Time `json:"since"`
}

// Problems lists the providers that cannot give a valid token at now: a
// revoked grant, no sign-in yet, or an expired token that cannot be
// refreshed. It reads what this process last saw in the database.
func (m *Manager) Problems(now time.Time) []Problem {
	var out []Problem
	for _, n := range m.names() {
		if p, ok := m.sources[n].problem(now); ok {
			out = append(out, p)
		}
	}
	return out
}

// Expiry reports when each provider's current access token expires (zero
// when it has none), for the token-expiry gauge.
func (m *Manager) Expiry() map[string]time.Time {
	out := make(map[string]time.Time, len(m.sources))
	for n, s := range m.sources {
		out[n] = s.snapshot().expires
	}
	return out
}

// Run keeps every provider's token fresh until ctx ends: each is refreshed
// when due (or retried when its backoff ends), so a revocation is noticed
// and reported even while every IMAP session is idle, and tokens are fresh
// when a session reconnects. It also re-reads what other processes stored.
func (m *Manager) Run(ctx context.Context) error {
	if len(m.sources) == 0 {
		return nil
	}
	last := map[string]string{} // each provider's last error, logged when it changes
	for {
		next := m.opts.Now().Add(time.Minute)
		for _, n := range m.names() {
			s := m.sources[n]
			_, err := s.Token(ctx)
			m.logChange(ctx, last, s, err)
			if at := s.nextCheck(); !at.IsZero() && at.Before(next) {
				next = at
			}
		}
		wait := max(next.Sub(m.opts.Now()), time.Second)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// logChange logs a provider's state when it changes: a sign-in that is
// missing, a revocation another process recorded, a token available again.
func (m *Manager) logChange(ctx context.Context, last map[string]string, s *Source, err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if ctx.Err() != nil || msg == last[s.name] {
		return
	}
	if err != nil {
		m.log.Warn("oauth: no access token", "oauth", s.name, "err", err, "mailboxes", s.users)
	} else if last[s.name] != "" {
		m.log.Info("oauth: access token available again", "oauth", s.name, "mailboxes", s.users)
	}
	last[s.name] = msg
}

func (m *Manager) dbCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, m.opts.DBTimeout)
}

// backoff is MinBackoff * 2^(failures-1), capped at MaxBackoff.
func (m *Manager) backoff(failures int) time.Duration {
	d := m.opts.MinBackoff
	for i := 1; i < failures && d < m.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, m.opts.MaxBackoff)
}

// errorf wraps err with the provider's name.
func errorf(provider string, err error) error {
	return fmt.Errorf("oauth %s: %w", provider, err)
}
