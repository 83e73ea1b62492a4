package workflow

import (
	"context"
	"fmt"
	"strings"
	"time"

	"rmad/store"
)

// Returned.apply records the courier's pick-up of the defective unit. The
// return reminders stop (the customer has done their part); where the
// policy judges the return by the pick-up (QNAP), the pick-up date also
// decides the delayed-return fee: none when it was on time, the days up to
// it when late, whenever the unit arrives.
func (o Returned) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	at, err := w.pickupTime(o.PickedUp)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, m := range picked {
		switch m.Status {
		case RMAIssued, RMAShipped, RMADelivered, RMABilled:
		default:
			continue
		}
		if m.ReturnedAt != nil {
			return "", refusef("%s was already picked up on %s", m.Number, w.d.pol.CustomerDate(*m.ReturnedAt))
		}
		m.ReturnedAt, m.ReturnCarrier, m.ReturnTracking = &at, o.Carrier, o.Tracking
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return "", fmt.Errorf("workflow: %w", err)
		}
		detail := strings.TrimSpace("picked up " + at.In(w.d.pol.Location).Format("2006-01-02") + " " + m.ReturnCarrier + " " + m.ReturnTracking)
		if err := w.rmaEvent(ctx, *m, m.Status, m.Status, c, detail); err != nil {
			return "", err
		}
		// The reminders that are still queued would ask for what is done.
		if _, err := store.CancelClockMail(ctx, w.tx, t.ID, m.ID); err != nil {
			return "", err
		}
		line, err := w.settleAtPickup(ctx, t, m)
		if err != nil {
			return "", err
		}
		lines = append(lines, m.Number+" picked up on "+w.d.pol.CustomerDate(at)+line)
	}
	if len(lines) == 0 {
		return "", refusef("no RMA waiting for its unit")
	}
	return strings.Join(lines, "; "), nil
}

// pickupTime reads a pick-up date (YYYY-MM-DD, the policy's zone; noon, so
// that it falls inside the day whatever the deadline's hour): "" is now.
func (w *work) pickupTime(date string) (time.Time, error) {
	if date == "" {
		return w.now, nil
	}
	d, err := time.ParseInLocation("2006-01-02", date, w.d.pol.Location)
	if err != nil {
		return time.Time{}, refusef("the pick-up date must be YYYY-MM-DD, not %q", date)
	}
	at := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, w.d.pol.Location)
	if localDay(at, w.d.pol.Location).After(localDay(w.now, w.d.pol.Location)) {
		return time.Time{}, refusef("the pick-up date %s is in the future", date)
	}
	return at, nil
}

// pickupDecides: the policy judges the return by the courier's pick-up
// and the courier has picked the unit up.
func (d *Desk) pickupDecides(m *store.RMA) bool {
	return d.pol.Advance.ReturnedBy == "pickup" && m.ReturnedAt != nil && m.ReturnDue != nil
}

// settleAtPickup settles a delayed-return fee the pick-up decides: what
// the agent's confirmation says of it.
func (w *work) settleAtPickup(ctx context.Context, t *store.Ticket, m *store.RMA) (string, error) {
	if !w.d.pickupDecides(m) || m.Type != store.RMAAdvance {
		return "", nil
	}
	onTime := !m.ReturnedAt.After(*m.ReturnDue)
	if m.Status != RMABilled {
		if onTime {
			return ", in time: no delayed-return fee", nil
		}
		return ", late: the billing run bills the days up to the pick-up", nil
	}
	if w.d.pol.Advance.Billing.Kind != "per_day" {
		return "", nil
	}
	claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", w.now, true)
	if err != nil || !claimed {
		return "", err
	}
	fee, err := w.lateFee(ctx, m)
	if err != nil {
		return "", err
	}
	amt := money(fee.cents)
	m.Amount = &amt
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	note := fmt.Sprintf("The courier picked the defective unit up on %s, %d day(s) after it was due: the fee stops there.",
		w.d.pol.CustomerDate(*m.ReturnedAt), fee.days)
	if onTime {
		note = fmt.Sprintf("The courier picked the defective unit up on %s, by the due date: no delayed-return fee is owed. Refund anything already charged.",
			w.d.pol.CustomerDate(*m.ReturnedAt))
	}
	if err := w.billingMails(ctx, t, m, "pickup", note); err != nil {
		return "", err
	}
	return ", final delayed-return fee " + m.Currency + " " + amt, nil
}

// localDay is t's calendar day in loc, at noon UTC: days compare and
// subtract exactly, whatever the zone's DST.
func localDay(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 12, 0, 0, 0, time.UTC)
}
