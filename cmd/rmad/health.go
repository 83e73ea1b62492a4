package main

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/config"
	"rmad/health"
	"rmad/oauth"
	"rmad/store"
)

// serveHealth is what one `rmad serve` knows of its own health: the
// mailboxes' connections, the database calls that ran into their deadline,
// and the checker /healthz runs.
type serveHealth struct {
	mailboxes *health.Mailboxes
	stalls    *health.Stalls
	checker   *health.Checker
	// tokenExpiry, when set, reports when each OAuth provider's access
	// token expires (watchTokens sets it).
	tokenExpiry func() map[string]time.Time
}

// newServeHealth wires the built-in checks from the [health] table. Other
// checks (revoked OAuth grants) are added with checker.AddCheck.
func newServeHealth(cfg *config.Config, pool *pgxpool.Pool, db store.DBTX, started time.Time) (*serveHealth, error) {
	scheds, _, err := schedules(cfg)
	if err != nil {
		return nil, err
	}
	scheduled := map[string]bool{}
	for name := range scheds {
		scheduled[name] = true
	}
	var names []string
	for _, mb := range cfg.Mailbox {
		names = append(names, mb.Name)
	}
	h := cfg.Health
	timeout := h.DatabaseTimeout.Duration
	sh := &serveHealth{
		mailboxes: health.NewMailboxes(started, names...),
		stalls:    health.NewStalls(timeout),
		// The ping and then each database check may take the deadline:
		// /healthz still answers within a few deadlines on a stalled database.
		checker: health.NewChecker(3 * timeout),
	}
	sh.checker.SetDatabase(health.Database(pool, timeout, sh.stalls))
	sh.checker.AddCheck("mailbox", sh.mailboxes.Check(h.MailboxDown.Duration))
	sh.checker.AddDBCheck("outbox", health.Outbox(db, h.OutboxOldest.Duration))
	sh.checker.AddDBCheck("job", health.Jobs(db, h.JobFailures, scheduled))
	return sh, nil
}

// observe records the outcome of a database operation for /healthz and
// returns err.
func (sh *serveHealth) observe(op string, err error) error {
	if sh == nil {
		return err
	}
	return sh.stalls.Observe(op, time.Now(), err)
}

// tokenExpiries is the collector's view of tokenExpiry, read at each
// scrape so it may be wired after the collector is registered.
func (sh *serveHealth) tokenExpiries() map[string]time.Time {
	if sh.tokenExpiry == nil {
		return nil
	}
	return sh.tokenExpiry()
}

// watchTokens makes the OAuth providers part of the verdict and the
// token-expiry gauge: a revoked grant, a provider never signed in to or a
// token that cannot be refreshed fails /healthz, naming the provider and the
// mailboxes that depend on it (the others keep flowing).
func (sh *serveHealth) watchTokens(m *oauth.Manager) {
	if m == nil {
		return
	}
	sh.tokenExpiry = m.Expiry
	sh.checker.AddCheck("oauth", func(_ context.Context, now time.Time) []health.Problem {
		var out []health.Problem
		for _, p := range m.Problems(now) {
			since := p.Since
			reason := p.Reason
			if len(p.Mailboxes) > 0 {
				reason += " (used by " + strings.Join(p.Mailboxes, ", ") + ")"
			}
			out = append(out, health.Problem{Check: "oauth", Subject: p.Provider, Reason: reason, Since: &since})
		}
		return out
	})
}
