package config

import "time"

// Retention is the [retention] table: how long the desk keeps what it
// stored, applied by the retention job. An empty value turns that part off
// (the default: nothing is deleted unless the operator says so).
type Retention struct {
	// RawAfter: raw mail and attachments of closed tickets whose last
	// activity is older than this are deleted; the tickets stay.
	RawAfter Age `toml:"raw_after"`
	// ClosedAfter: tickets closed longer ago than this are deleted,
	// keeping anonymised billing rows.
	ClosedAfter Age `toml:"closed_after"`
	// Timeout is the deadline of each statement of a purge or a forget,
	// in place of [health] database_timeout: they search the whole mail
	// store, which on a large desk takes minutes, not seconds.
	Timeout Duration `toml:"timeout"`

	Raw    time.Duration `toml:"-"` // RawAfter read; 0 = off
	Closed time.Duration `toml:"-"` // ClosedAfter read; 0 = off
}

// DefaultRetentionTimeout bounds one statement of a purge or a forget.
const DefaultRetentionTimeout = 30 * time.Minute

// MinRetention is the shortest retention period accepted: anything less is
// far more likely a typo ("2h" for "2y") than a rule, and deletes for good.
const MinRetention = 24 * time.Hour

// CheckRetention reads a retention period given as a key or a flag.
func CheckRetention(s string) (time.Duration, error) {
	d, err := ParseAge(s)
	if err != nil {
		return 0, err
	}
	if d < MinRetention {
		return 0, &Error{Reason: "shorter than a day: " + s + " (surely a typo: retention deletes for good)"}
	}
	return d, nil
}

func (c *Config) validateRetention() error {
	switch {
	case c.Retention.Timeout.Duration == 0:
		c.Retention.Timeout.Duration = DefaultRetentionTimeout
	case c.Retention.Timeout.Duration < time.Second:
		return keyErr("retention.timeout", "must be at least 1s, not %s", c.Retention.Timeout.Duration)
	}
	for _, a := range []struct {
		key string
		v   Age
		d   *time.Duration
	}{{"retention.raw_after", c.Retention.RawAfter, &c.Retention.Raw},
		{"retention.closed_after", c.Retention.ClosedAfter, &c.Retention.Closed}} {
		*a.d = 0
		if a.v == "" {
			continue
		}
		d, err := ParseAge(string(a.v))
		if err != nil {
			return keyErr(a.key, "%v", err)
		}
		if d < MinRetention {
			return keyErr(a.key, "shorter than a day (%s): surely a typo, retention deletes for good", a.v)
		}
		*a.d = d
	}
	return nil
}
