package workflow

import (
	"context"
	"time"
)

// Retention is how long the desk keeps what it stored; 0 keeps it for ever.
type Retention struct {
	// RawAfter: closed tickets idle this long lose their raw mail and attachments.
	RawAfter time.Duration
	// ClosedAfter: tickets closed this long ago are deleted, billing rows kept anonymised.
	ClosedAfter time.Duration
	// Timeout is each purge or forget statement's deadline (client side
	// and the server's statement_timeout); 0 keeps the desk's own.
	Timeout time.Duration
	// Batch is how many tickets one purge transaction takes on; 0 is
	// retentionBatch. Tests set it small to cross batches cheaply.
	Batch int
}

// jobRetention applies the configured retention as of now: closed tickets
// first (what they held need not be purged twice), then raw mail. Each
// part works in small transactions and is safe to rerun or to run beside
// the desk's other work; done counts the tickets it acted on.
func (d *Desk) jobRetention(ctx context.Context, now time.Time) (int, error) {
	r := d.cfg.Retention
	done := 0
	if r.ClosedAfter > 0 {
		rep, err := d.PurgeClosed(ctx, now, r.ClosedAfter, false)
		done += len(rep.Tickets)
		if err != nil {
			return done, err
		}
		if len(rep.Tickets) > 0 {
			d.log.Info("retention: closed tickets purged", "tickets", len(rep.Tickets), "kept_for_billing", len(rep.Shells), "cutoff", rep.Cutoff)
		}
	}
	if r.RawAfter > 0 {
		rep, err := d.PurgeRaw(ctx, now, r.RawAfter, false)
		done += len(rep.Tickets)
		if err != nil {
			return done, err
		}
		if !rep.Tables.Empty() {
			d.log.Info("retention: raw mail purged", "tickets", len(rep.Tickets), "messages", rep.Tables["messages"].Scrubbed,
				"mails", rep.Tables["outbox"].Scrubbed, "cutoff", rep.Cutoff)
		}
	}
	return done, nil
}
