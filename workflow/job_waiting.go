package workflow

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"rmad/store"
)

func (d *Desk) jobWaiting(ctx context.Context, now time.Time) (int, error) {
	// The hourly counters of automatic answers are read for two hours; a
	// day is kept for operators who look.
	if err := store.PruneAutoReplyCounts(ctx, d.pool, now.Add(-24*time.Hour)); err != nil {
		return 0, err
	}
	c := d.pol.Clocks
	if c.MissingReminder.IsZero() && c.MissingClose.IsZero() && c.WorkaroundClose.IsZero() {
		return 0, nil
	}
	return d.pages(ctx, func(after int64) ([]int64, error) { return store.Waiting(ctx, d.pool, now, after, batch) }, func(id int64) (bool, error) {
		return d.perCase(ctx, now, func(w *work) (bool, error) {
			t, ok, err := store.LockTicket(ctx, w.tx, id)
			if err != nil || !ok || t.WaitingSince == nil {
				return false, err
			}
			since := *t.WaitingSince
			key := strconv.FormatInt(since.Unix(), 10)
			act := func(stage, template string, close bool) (bool, error) {
				if claimed, err := store.ClaimTicketStage(ctx, w.tx, t.ID, stage+":"+key, now); err != nil || !claimed {
					return false, err
				}
				if close {
					t.State, t.ClosedAt, t.WaitingSince = StateClosed, &now, nil
					if _, err := store.CancelClockMail(ctx, w.tx, t.ID, 0); err != nil {
						return false, err
					}
				}
				t.UpdatedAt = now
				if err := store.UpdateTicket(ctx, w.tx, t); err != nil {
					return false, fmt.Errorf("workflow: %w", err)
				}
				if err := w.event(ctx, t.ID, stage, "no answer from the customer since "+since.Format(time.RFC3339)); err != nil {
					return false, err
				}
				return true, w.queue(ctx, &t, outMail{template: template, to: []string{t.CustomerAddress}, audience: AudienceCustomer,
					auto: "auto-generated", data: w.data(&t), clock: !close})
			}
			switch t.State {
			case StateAwaitingInfo:
				if !c.MissingClose.IsZero() && !d.pol.Deadline(since, c.MissingClose).After(now) {
					return act("missing_close", "missing_closed", true)
				}
				if !c.MissingReminder.IsZero() && !d.pol.Deadline(since, c.MissingReminder).After(now) {
					return act("missing_reminder", "missing_reminder", false)
				}
			case StateAwaitingCustomer:
				if !c.WorkaroundClose.IsZero() && !d.pol.Deadline(since, c.WorkaroundClose).After(now) {
					return act("workaround_close", "workaround_closed", true)
				}
			}
			return false, nil
		})
	})
}
