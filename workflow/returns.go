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
	loc := w.d.pol.Location
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
		if m.IssuedAt != nil && localDay(at, loc).Before(localDay(*m.IssuedAt, loc)) {
			return "", refusef("%s was issued on %s: it cannot have been picked up before, on %s", m.Number, w.d.pol.CustomerDate(*m.IssuedAt), w.d.pol.CustomerDate(at))
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
		line, err := w.settleAtPickup(ctx, t, m, c)
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
	// Today's date means now: noon may not have come yet.
	if at.After(w.now) {
		at = w.now
	}
	return at, nil
}

// pickupDecides: the policy judges the return by the courier's pick-up
// and the courier has picked the unit up.
func (d *Desk) pickupDecides(m *store.RMA) bool {
	return d.pol.Advance.ReturnedBy == "pickup" && m.ReturnedAt != nil && m.ReturnDue != nil
}

// settleAtPickup settles a delayed-return fee the pick-up decides, and
// says what the agent's confirmation tells of it.
func (w *work) settleAtPickup(ctx context.Context, t *store.Ticket, m *store.RMA, c Cause) (string, error) {
	if !w.d.pickupDecides(m) || m.Type != store.RMAAdvance {
		return "", nil
	}
	onTime := !m.ReturnedAt.After(*m.ReturnDue)
	switch {
	case m.Status != RMABilled && onTime:
		return ", in time: no delayed-return fee", nil
	case m.Status != RMABilled:
		return ", late: the billing run bills the days up to the pick-up", nil
	case w.d.pol.Advance.Billing.Kind != "per_day":
		return "", nil
	case onTime:
		return ", in time: the fee billed is cancelled", w.waive(ctx, t, m, c)
	}
	f, err := w.lateFee(ctx, m)
	if err != nil {
		return "", err
	}
	cur := m.Currency
	note := fmt.Sprintf("The courier picked the defective unit up on %s, %d day(s) after it was due: the fee stops there.",
		w.d.pol.CustomerDate(*m.ReturnedAt), f.days)
	if f.held {
		note += " " + f.capNote(cur)
	} else if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", w.now, true); err != nil {
		return "", err
	}
	note += w.setAmount(m, f.cents)
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if err := w.billingMails(ctx, t, m, "pickup", note); err != nil {
		return "", err
	}
	return ", delayed-return fee " + cur + " " + deref(m.Amount), nil
}

// waive cancels a delayed-return fee the pick-up date shows was never owed
// (QNAP: "not refundable unless the customer can provide Proof of Delivery
// (POD) that indicates the customer did return the unit on time"): the RMA
// is no longer billed, and finance refunds what was paid.
func (w *work) waive(ctx context.Context, t *store.Ticket, m *store.RMA, c Cause) error {
	note := fmt.Sprintf("The courier picked the defective unit up on %s, by the due date: no delayed-return fee is owed.",
		w.d.pol.CustomerDate(*m.ReturnedAt))
	if p := cents(m.PaidAmount); p > 0 && m.PaidAt != nil {
		note += fmt.Sprintf(" Refund the %s %s paid.", m.Currency, money(p))
	} else {
		note += " Refund the charge if the card was already charged; otherwise cancel it."
	}
	zero := "0.00"
	m.Amount = &zero
	if err := w.billingMails(ctx, t, m, "pickup", note); err != nil {
		return err
	}
	to := RMAIssued
	switch {
	case m.DeliveredAt != nil:
		to = RMADelivered
	case m.ShippedAt != nil:
		to = RMAShipped
	}
	m.BilledAt, m.Amount, m.PaidAt = nil, nil, nil
	return w.setStatus(ctx, m, to, c, "delayed-return fee waived: picked up in time")
}

// localDay is t's calendar day in loc, at noon UTC: days compare and
// subtract exactly, whatever the zone's DST.
func localDay(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 12, 0, 0, 0, time.UTC)
}

// Repaired.apply records that the repaired unit, or its replacement, went
// back to the customer: the case is done, and the unit's repaired-unit
// coverage runs from today. A rejected unit the vendor still holds goes
// back as it came (sendBackRejected).
func (o Repaired) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	if o.Serial != "" && len(picked) > 1 {
		return "", refusef("name the RMA the replacement serial %s belongs to (#repaired RMA-n ... serial=%s)", o.Serial, o.Serial)
	}
	for _, m := range picked {
		if o.Serial != "" && m.Status == RMARejected {
			return "", refusef("the unit of %s was rejected: it goes back unrepaired, without a replacement (#repaired %s without serial=)", m.Number, m.Number)
		}
		if o.Serial, err = w.replacementSerial(ctx, m, o.Serial); err != nil {
			return "", err
		}
	}
	var done []*store.RMA
	for _, m := range picked {
		if m.Status != RMAReceived || m.SentBackAt != nil || m.Type == store.RMAAdvance {
			continue
		}
		after := ""
		if o.Serial != "" {
			m.ReplacementSerial = o.Serial
			after = ", replaced by " + o.Serial
		}
		if err := w.sendBack(ctx, m, o, c, "sent back", after); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	back, err := w.sendBackRejected(ctx, t, picked, o, c)
	if err != nil {
		return "", err
	}
	if len(done)+len(back) == 0 {
		return "", refusef("no received unit to send back")
	}
	var res []string
	if len(done) > 0 {
		note := ""
		if rp := w.d.pol.Warranty.RepairedParts; !rp.IsZero() {
			note = fmt.Sprintf("The repaired or replaced unit is covered for %s from today, or to the end of its original warranty if that is later.", rp.Words())
			if w.d.pol.Warranty.RepairedSameFault {
				note = fmt.Sprintf("If the same fault comes back, the unit is covered for %s from today, or to the end of its original warranty if that is later.", rp.Words())
			}
		}
		if err := w.customerUpdate(ctx, t, "rma_sent_back", done, note); err != nil {
			return "", err
		}
		res = append(res, numbers(done)+" sent back")
	}
	if len(back) > 0 {
		res = append(res, numbers(back)+" sent back unrepaired (rejected)")
	}
	return strings.Join(res, "; "), nil
}

// sendBack records that m's unit left for the customer now: the RMA
// closes, unless a charge is still open (#paid closes it then). The
// history reads what, the carrier and tracking, then after.
func (w *work) sendBack(ctx context.Context, m *store.RMA, o Repaired, c Cause, what, after string) error {
	now := w.now
	m.SentBackAt = &now
	m.Carrier, m.Tracking = o.Carrier, o.Tracking
	to := RMAClosed
	if m.BilledAt != nil && m.PaidAt == nil {
		to = m.Status
	} else {
		m.ClosedAt = &now
	}
	return w.setStatus(ctx, m, to, c, strings.TrimSpace(what+" "+m.Carrier+" "+m.Tracking)+after)
}

// replacementSerial checks a serial given as the replacement of m: a new
// unit's, not m's own, not a registered unit's and not another RMA's unit,
// which would hand that unit m's coverage.
func (w *work) replacementSerial(ctx context.Context, m *store.RMA, serial string) (string, error) {
	serial = strings.ToUpper(strings.TrimSpace(serial))
	if serial == "" {
		return "", nil
	}
	if strings.EqualFold(serial, m.SerialNumber) {
		return "", refusef("%s is the serial of the unit %s replaces, not of its replacement", serial, m.Number)
	}
	taken, err := store.SerialKnown(ctx, w.tx, serial)
	if err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if taken != "" {
		return "", refusef("%s already names a unit (%s): a replacement has a serial of its own", serial, taken)
	}
	return serial, nil
}
