package workflow

import (
	"context"

	"rmad/store"
)

func (Help) apply(context.Context, *work, *store.Ticket, Cause) (string, error) {
	return "see the list below", nil
}

func (o Note) apply(ctx context.Context, w *work, t *store.Ticket, _ Cause) (string, error) {
	if o.Text == "" {
		return "", refusef("#note needs a text")
	}
	return "noted (internal)", w.event(ctx, t.ID, "note", o.Text)
}

func (Close) apply(ctx context.Context, w *work, t *store.Ticket, _ Cause) (string, error) {
	now := w.now
	t.State, t.ClosedAt, t.WaitingSince = StateClosed, &now, nil
	if _, err := store.CancelClockMail(ctx, w.tx, t.ID, 0); err != nil {
		return "", err
	}
	return "ticket closed", nil
}

func (Workaround) apply(_ context.Context, w *work, t *store.Ticket, _ Cause) (string, error) {
	if t.State == StateClosed {
		return "", refusef("the ticket is closed")
	}
	now := w.now
	t.State, t.WaitingSince = StateAwaitingCustomer, &now
	within := w.d.pol.Clocks.WorkaroundClose
	if within.IsZero() {
		return "waiting for the customer's answer", nil
	}
	return "waiting for the customer's answer; closes " + w.d.deadlineWords(ptr(w.d.pol.Deadline(now, within))) + " without one", nil
}

func (Reopen) apply(_ context.Context, _ *work, t *store.Ticket, _ Cause) (string, error) {
	if t.State != StateClosed {
		return "", refusef("the ticket is not closed")
	}
	t.ClosedAt = nil
	t.State = StateOpen
	if len(t.Missing) > 0 {
		t.State = StateAwaitingInfo
	}
	return "ticket reopened", nil
}
