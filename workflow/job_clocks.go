package workflow

import (
	"context"
	"fmt"
	"sort"
	"time"

	"rmad/policy"
	"rmad/store"
)

// deadlineOf is the deadline reminders count down to: the return date of an
// RMA out for return, or the void date of an issued one.
func deadlineOf(m store.RMA) (time.Time, string) {
	switch {
	case m.ReturnedAt != nil:
		return time.Time{}, "" // on its way back: nothing to remind of
	case m.ReturnDue != nil && (m.Status == RMAIssued || m.Status == RMAShipped || m.Status == RMADelivered):
		if m.Type == "advance" {
			return *m.ReturnDue, "return"
		}
		return *m.ReturnDue, "ship"
	case m.VoidAt != nil && m.Status == RMAIssued:
		return *m.VoidAt, "void"
	}
	return time.Time{}, ""
}

func (d *Desk) jobReminders(ctx context.Context, now time.Time) (int, error) {
	offsets := append([]policy.Period(nil), d.pol.Clocks.ReturnReminders...)
	if len(offsets) == 0 {
		return 0, nil
	}
	span := 0
	for _, o := range offsets {
		span = max(span, o.N*7/5+o.N+10) // business days to calendar days, generously
	}
	ids, err := store.DueDeadlines(ctx, d.pool, now, now.AddDate(0, 0, span), batch)
	if err != nil {
		return 0, err
	}
	return d.eachRMA(ctx, now, ids, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
		deadline, kind := deadlineOf(*m)
		if kind == "" || !deadline.After(now) {
			return false, nil
		}
		// The latest reminder that is due is sent; earlier ones a run
		// missed (downtime) are recorded as superseded, not sent late.
		sort.Slice(offsets, func(i, j int) bool {
			return d.pol.Before(deadline, offsets[i]).Before(d.pol.Before(deadline, offsets[j]))
		})
		latest := -1
		for i, o := range offsets {
			if !d.pol.Before(deadline, o).After(now) {
				latest = i
			}
		}
		if latest < 0 {
			return false, nil
		}
		key := func(o policy.Period) string { return fmt.Sprintf("reminder:%s:%s:%d", kind, o, deadline.Unix()) }
		claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, key(offsets[latest]), now, true)
		if err != nil || !claimed {
			return false, err
		}
		for _, o := range offsets[:latest] {
			if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, key(o), now, false); err != nil {
				return false, err
			}
		}
		dt := w.rmaData(w.data(t), []store.RMA{*m})
		dt.Note = kind
		return true, w.queue(ctx, t, outMail{template: "rma_reminder", to: []string{t.CustomerAddress}, audience: AudienceCustomer,
			auto: "auto-generated", data: dt, rma: &m.ID, clock: true})
	})
}

func (d *Desk) jobVoid(ctx context.Context, now time.Time) (int, error) {
	ids, err := store.DueVoids(ctx, d.pool, now, batch)
	if err != nil {
		return 0, err
	}
	return d.eachRMA(ctx, now, ids, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
		if m.Status != RMAIssued || m.VoidAt == nil || m.VoidAt.After(now) {
			return false, nil
		}
		if m.ReturnedAt != nil && !m.ReturnedAt.After(*m.VoidAt) {
			return false, nil // shipped while the number was valid: it is honoured on arrival
		}
		if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "void", now, true); err != nil || !claimed {
			return false, err
		}
		m.VoidedAt = &now
		reason := "the unit had not arrived by " + d.pol.CustomerDate(*m.VoidAt)
		if err := w.jobEvent(ctx, m, RMAVoided, reason); err != nil {
			return false, err
		}
		if _, err := store.CancelClockMail(ctx, w.tx, t.ID, m.ID); err != nil {
			return false, err
		}
		return true, w.customerUpdate(ctx, t, "rma_voided", []*store.RMA{m}, reason+".")
	})
}
