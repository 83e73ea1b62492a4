package config

import "time"

// Health is the [health] table: when /healthz turns to 503, and how long
// any database call may take.
type Health struct {
	// MailboxDown: a mailbox disconnected (or never connected since start)
	// for longer than this fails the health check.
	MailboxDown Duration `toml:"mailbox_down"`
	// OutboxOldest: the oldest unsent mail queued longer ago than this fails it.
	OutboxOldest Duration `toml:"outbox_oldest"`
	// JobFailures: a scheduled job whose last this many runs failed fails it.
	JobFailures int `toml:"job_failures"`
	// DatabaseTimeout is the client-side deadline of every database call
	// (one statement, a commit, a connect, the health ping). A database
	// that answers none within it counts as stalled.
	DatabaseTimeout Duration `toml:"database_timeout"`
}

// Health defaults.
const (
	DefaultMailboxDown     = 5 * time.Minute
	DefaultOutboxOldest    = 30 * time.Minute
	DefaultJobFailures     = 3
	DefaultDatabaseTimeout = 10 * time.Second
)

func (c *Config) validateHealth() error {
	h := &c.Health
	for _, d := range []struct {
		key string
		v   *Duration
		def time.Duration
	}{
		{"health.mailbox_down", &h.MailboxDown, DefaultMailboxDown},
		{"health.outbox_oldest", &h.OutboxOldest, DefaultOutboxOldest},
		{"health.database_timeout", &h.DatabaseTimeout, DefaultDatabaseTimeout},
	} {
		switch {
		case d.v.Duration == 0:
			d.v.Duration = d.def
		case d.v.Duration < 0:
			return keyErr(d.key, "must be positive, not %s", d.v.Duration)
		}
	}
	if h.DatabaseTimeout.Duration < 100*time.Millisecond {
		return keyErr("health.database_timeout", "at least 100ms, not %s", h.DatabaseTimeout.Duration)
	}
	switch {
	case h.JobFailures == 0:
		h.JobFailures = DefaultJobFailures
	case h.JobFailures < 0:
		return keyErr("health.job_failures", "must be positive, not %d", h.JobFailures)
	}
	return nil
}
