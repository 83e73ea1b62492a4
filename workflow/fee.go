package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"rmad/store"
)

// fee is QNAP's delayed-return fee as of a moment.
type fee struct {
	days   int   // calendar days (or parts of one) late
	cents  int64 // what is owed for them
	capped bool  // the fee reached its cap and runs no further
	held   bool  // no cap is known: the fee waits at one day's fee
	// capWhat says what the cap is ("the unit's MSRP"); "" when the desk
	// knows no cap, and the fee is held at one day's fee (see feeCap).
	capWhat  string
	capCents int64
}

// lateFee is the delayed-return fee of m (QNAP, seed 001: "QNAP will charge
// the customer's credit card USD 100 per day up to the value of the unit's
// MSRP"; lateness "determined by the courier pick up date"): the policy's per-day fee for each
// calendar day (or part of one, in the policy's zone) from the due date to
// now, or to when the unit stopped being late: the courier's pick-up where
// the policy judges by it, else its arrival. It is capped by feeCap; with
// no cap known it is held at one day's fee (held), however long the unit
// was out, until an agent supplies the MSRP.
func (w *work) lateFee(ctx context.Context, m *store.RMA) (fee, error) {
	b := w.d.pol.Advance.Billing
	end := w.now
	if w.d.pickupDecides(m) && m.ReturnedAt.Before(end) {
		end = *m.ReturnedAt
	}
	if m.ReceivedAt != nil && m.ReceivedAt.Before(end) {
		end = *m.ReceivedAt
	}
	f := fee{days: daysLate(*m.ReturnDue, end, w.d.pol.Location)}
	f.cents = int64(f.days) * b.PerDay.Cents
	var err error
	if f.capCents, f.capWhat, err = w.feeCap(ctx, m); err != nil {
		return fee{}, err
	}
	switch {
	case f.capCents > 0 && f.cents >= f.capCents:
		f.cents, f.capped = f.capCents, true
	case f.capCents == 0 && f.days > 1:
		f.cents, f.held = b.PerDay.Cents, true
	}
	return f, nil
}

// daysLate counts the calendar days from the due date to end in loc, a
// part of a day counting as a day; 0 when end is not after due. Days are
// local dates, not 24-hour blocks, so a DST change never adds one.
func daysLate(due, end time.Time, loc *time.Location) int {
	if !end.After(due) {
		return 0
	}
	return max(1, int(localDay(end, loc).Sub(localDay(due, loc)).Hours()/24))
}

// feeCap is the most the fee may reach and what that is: the unit's MSRP
// (an agent's #set msrp=..., else the registry's), as the terms say;
// without one, the unit's invoice price, what the customer paid for it (an
// MSRP is at least what a unit sells for, so this never over-charges);
// without either, 0: no cap is known. A registry price in another currency
// than the fee's caps nothing.
func (w *work) feeCap(ctx context.Context, m *store.RMA) (int64, string, error) {
	if m.MSRP != nil {
		return cents(m.MSRP), "the unit's MSRP", nil
	}
	a, err := store.AssetBySerial(ctx, w.tx, m.SerialNumber)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return 0, "", nil
	case err != nil:
		return 0, "", fmt.Errorf("workflow: %w", err)
	case a.Currency != "" && !strings.EqualFold(a.Currency, w.d.pol.Advance.Billing.Currency):
		return 0, "", nil
	case a.MSRP != nil && cents(a.MSRP) > 0:
		return cents(a.MSRP), "the unit's MSRP", nil
	case a.InvoicePrice != nil && cents(a.InvoicePrice) > 0:
		return cents(a.InvoicePrice), "the unit's invoice price (its MSRP is not known)", nil
	}
	return 0, "", nil
}

// capNote tells finance and agents how far the fee can run.
func (f fee) capNote(currency string) string {
	switch {
	case f.capWhat == "":
		return "The unit's MSRP is not known, so the fee is held at one day's fee: an agent must supply it (#set msrp=AMOUNT) for the fee to run to it."
	case f.capped:
		return fmt.Sprintf("The fee has reached its cap, %s (%s %s).", f.capWhat, currency, money(f.capCents))
	}
	return fmt.Sprintf("The fee runs up to %s (%s %s).", f.capWhat, currency, money(f.capCents))
}
