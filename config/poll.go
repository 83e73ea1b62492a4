package config

import (
	"fmt"
	"time"
)

// What bounds a mailbox check: rmad serve holds a lease per mailbox (several
// processes may share one database) and renews it every mailbox_lease/3;
// each renewal also checks the mailbox, with or without IDLE. So a mailbox
// is checked at least every mailbox_lease/3, and poll_interval (the wait
// without IDLE) has an effect only below that.

// PollEvery is how long a watcher without IDLE waits between checks when
// nothing wakes it sooner: poll_interval, never more than mailbox_lease/3.
func (c *Config) PollEvery() time.Duration {
	return min(c.PollInterval.Duration, c.MailboxLease.Duration/3)
}

// Warnings are settings that are valid but do not do all they say; serve
// logs them at start and `rmad config check` prints them.
func (c *Config) Warnings() []string {
	var out []string
	if c.PollInterval.Duration > c.MailboxLease.Duration/3 {
		out = append(out, fmt.Sprintf("poll_interval: %s is above mailbox_lease/3 (%s), the interval at which every mailbox is checked anyway while its lease is renewed: mailboxes are checked every %s; to poll less often raise mailbox_lease (a standby process then takes over later)",
			c.PollInterval.Duration, c.MailboxLease.Duration/3, c.PollEvery()))
	}
	return out
}
