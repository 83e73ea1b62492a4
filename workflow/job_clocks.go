package workflow

import (
	"context"
	"fmt"
	"slices"
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
	if len(d.pol.Clocks.ReturnReminders) == 0 {
		return 0, nil
	}
	span := 0
	for _, o := range d.pol.Clocks.ReturnReminders {
		span = max(span, o.N*7/5+o.N+10) // business days to calendar days, generously
	}
	ids, err := store.DueDeadlines(ctx, d.pool, now, now.AddDate(0, 0, span), batch)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	// Every RMA with a deadline in the coming weeks is listed, and most
	// have no reminder due or had it sent by an earlier run: a first look
	// without locks passes over them, so a run's transactions (each a
	// durable commit) follow the reminders due. The locked look decides again.
	ms, claimed, err := store.PeekRMAs(ctx, d.pool, ids)
	if err != nil {
		return 0, err
	}
	due := map[int64]bool{}
	for _, m := range ms {
		if r, ok := d.reminderDue(m, now); ok && !claimed.Has(m.ID, r.key(r.latest)) {
			due[m.ID] = true
		}
	}
	ids = slices.DeleteFunc(ids, func(id int64) bool { return !due[id] })
	return d.eachRMA(ctx, now, ids, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
		r, ok := d.reminderDue(*m, now)
		if !ok {
			return false, nil
		}
		// The latest reminder that is due is sent; earlier ones a run
		// missed (downtime) are recorded as superseded, not sent late.
		claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, r.key(r.latest), now, true)
		if err != nil || !claimed {
			return false, err
		}
		for i := range r.latest {
			if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, r.key(i), now, false); err != nil {
				return false, err
			}
		}
		dt := w.rmaData(w.data(t), []store.RMA{*m})
		dt.Note = r.kind
		return true, w.queue(ctx, t, outMail{template: "rma_reminder", to: []string{t.CustomerAddress}, audience: AudienceCustomer,
			auto: "auto-generated", data: dt, rma: &m.ID, clock: true})
	})
}

// reminder is the return reminders of one RMA's deadline: offsets in the
// order they fall due, and latest, the last of them due by now.
type reminder struct {
	kind     string
	deadline time.Time
	offsets  []policy.Period
	latest   int
}

// key is the stage that records offset i's reminder of this deadline.
func (r reminder) key(i int) string {
	return fmt.Sprintf("reminder:%s:%s:%d", r.kind, r.offsets[i], r.deadline.Unix())
}

// reminderDue is m's reminders as of now; ok is false when none is due
// (no deadline ahead, or none of its reminders' times has come).
func (d *Desk) reminderDue(m store.RMA, now time.Time) (reminder, bool) {
	deadline, kind := deadlineOf(m)
	if kind == "" || !deadline.After(now) {
		return reminder{}, false
	}
	r := reminder{kind: kind, deadline: deadline, offsets: append([]policy.Period(nil), d.pol.Clocks.ReturnReminders...), latest: -1}
	sort.Slice(r.offsets, func(i, j int) bool {
		return d.pol.Before(deadline, r.offsets[i]).Before(d.pol.Before(deadline, r.offsets[j]))
	})
	for i, o := range r.offsets {
		if !d.pol.Before(deadline, o).After(now) {
			r.latest = i
		}
	}
	return r, r.latest >= 0
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
