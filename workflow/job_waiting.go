package workflow

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"rmad/policy"
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
	// Most waiting tickets have nothing due, or had it done by an earlier
	// run: a first look without locks passes over them, so a run's
	// transactions (each a durable commit) follow what is due, not what
	// waits. The locked look decides again.
	var due map[int64]bool
	page := func(after int64) ([]int64, error) {
		ids, err := store.Waiting(ctx, d.pool, now, after, batch)
		if err != nil || len(ids) == 0 {
			return ids, err
		}
		ts, claimed, err := store.PeekTickets(ctx, d.pool, ids)
		if err != nil {
			return nil, err
		}
		due = map[int64]bool{}
		for _, t := range ts {
			if stage, _, _, ok := d.waitingStep(&t, now); ok && !claimed.Has(t.ID, stage) {
				due[t.ID] = true
			}
		}
		return ids, nil
	}
	return d.pages(ctx, page, func(ids []int64) (int, error) {
		ids = slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return !due[id] })
		return d.eachCase(ctx, now, ids, func(w *work, id int64) (bool, error) {
			t, ok, err := store.LockTicket(ctx, w.tx, id, w.lockWait)
			w.lockSkipped(ok)
			if err != nil || !ok || t.WaitingSince == nil {
				return false, err
			}
			stage, template, close, ok := d.waitingStep(&t, now)
			if !ok {
				return false, nil
			}
			since := *t.WaitingSince
			if claimed, err := store.ClaimTicketStage(ctx, w.tx, t.ID, stage, now); err != nil || !claimed {
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
			kind, _, _ := strings.Cut(stage, ":")
			if err := w.event(ctx, t.ID, kind, "no answer from the customer since "+since.Format(time.RFC3339)); err != nil {
				return false, err
			}
			return true, w.queue(ctx, &t, outMail{template: template, to: []string{t.CustomerAddress}, audience: AudienceCustomer,
				auto: "auto-generated", data: w.data(&t), clock: !close})
		})
	})
}

// waitingStep is what the waiting clocks do next to ticket t as of now: the
// stage to claim (named for the wait it ends, so a new wait starts its
// clocks afresh), the mail to send and whether the ticket closes; ok is
// false when nothing is due.
func (d *Desk) waitingStep(t *store.Ticket, now time.Time) (stage, template string, close, ok bool) {
	if t.WaitingSince == nil {
		return "", "", false, false
	}
	c := d.pol.Clocks
	since := *t.WaitingSince
	key := ":" + strconv.FormatInt(since.Unix(), 10)
	due := func(p policy.Period) bool { return !p.IsZero() && !d.pol.Deadline(since, p).After(now) }
	switch t.State {
	case StateAwaitingInfo:
		if due(c.MissingClose) {
			return "missing_close" + key, "missing_closed", true, true
		}
		if due(c.MissingReminder) {
			return "missing_reminder" + key, "missing_reminder", false, true
		}
	case StateAwaitingCustomer:
		if due(c.WorkaroundClose) {
			return "workaround_close" + key, "workaround_closed", true, true
		}
	}
	return "", "", false, false
}
