package workflow

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rmad/store"
)

// charge records a one-off charge on the RMA (so the finance digest lists
// it until #paid) and tells finance and the customer.
func (w *work) charge(ctx context.Context, t *store.Ticket, m *store.RMA, stage string, amount *string, note string, c Cause) error {
	if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, stage, w.now, true); err != nil || !claimed {
		return err
	}
	now := w.now
	if amount != nil {
		total := money(cents(m.Amount) + cents(amount))
		m.Amount = &total
	}
	if m.BilledAt == nil {
		m.BilledAt = &now
	}
	m.PaidAt = nil
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if err := w.rmaEvent(ctx, *m, m.Status, m.Status, c, stage+" charged"); err != nil {
		return err
	}
	shown := *m
	shown.Amount = amount
	return w.billingMails(ctx, t, &shown, stage, note)
}

func (o Paid) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	var done []*store.RMA
	for _, m := range picked {
		owes := m.BilledAt != nil && m.PaidAt == nil
		if m.Status != RMAQuoted && !owes {
			continue
		}
		now := w.now
		m.PaidAt = &now
		to := m.Status
		if owes && m.ReceivedAt != nil {
			// The unit is back and the bill settled: nothing is left open.
			to = RMAClosed
			m.ClosedAt = &now
		}
		if err := w.setStatus(ctx, m, to, c, "paid"); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no unpaid bill or quote to mark paid")
	}
	return numbers(done) + " paid", nil
}

// finalBilling tells finance the final amount when a billed unit arrives
// (QNAP's per-day fee stops running; the others are told it is back).
func (w *work) finalBilling(ctx context.Context, t *store.Ticket, m *store.RMA) error {
	b := w.d.pol.Advance.Billing
	note := "The defective unit arrived on " + w.d.pol.CustomerDate(w.now) + "."
	stage := "received"
	if b.Kind == "per_day" && m.ReturnDue != nil {
		if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", w.now, true); err != nil || !claimed {
			return err
		}
		var msrp *string
		if a, err := store.AssetBySerial(ctx, w.tx, m.SerialNumber); err == nil {
			msrp = a.MSRP
		}
		days, c, _ := lateAmount(*m.ReturnDue, w.now, w.d.pol.Location, b.PerDay.Cents, cents(msrp))
		amt := money(c)
		m.Amount = &amt
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		stage = "final"
		note += fmt.Sprintf(" Final amount for %d day(s) late.", days)
	}
	d := w.rmaData(w.data(t), []store.RMA{*m})
	d.Note, d.Stage, d.BillingKind = note, stage, b.Kind
	d.Amount = m.Currency + " " + orDash(deref(m.Amount))
	if f := w.d.cfg.People.Finance; f != "" {
		return w.queue(ctx, t, outMail{template: "finance_billing", to: []string{f}, audience: AudienceFinance, auto: "auto-generated", data: d, rma: &m.ID})
	}
	return nil
}

// lateAmount is QNAP's delayed-return fee: per calendar day (or part of
// one) in the policy's zone after the due date, capped at the MSRP (cap 0:
// no cap known). Days are local dates, not 24-hour blocks, so a DST change
// never adds a day.
func lateAmount(due, now time.Time, loc *time.Location, perDay, capCents int64) (days int, cents int64, capped bool) {
	d, n := due.In(loc), now.In(loc)
	dueDay := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC)
	nowDay := time.Date(n.Year(), n.Month(), n.Day(), 12, 0, 0, 0, time.UTC)
	days = int(nowDay.Sub(dueDay).Hours() / 24)
	if days < 1 {
		days = 1
	}
	cents = int64(days) * perDay
	if capCents > 0 && cents >= capCents {
		return days, capCents, true
	}
	return days, cents, false
}

func money(cents int64) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }

func cents(s *string) int64 {
	if s == nil {
		return 0
	}
	whole, frac, _ := strings.Cut(*s, ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac[:2], 10, 64)
	return w*100 + f
}

func (d *Desk) jobBilling(ctx context.Context, now time.Time) (int, error) {
	b := d.pol.Advance.Billing
	late, err := store.DueLate(ctx, d.pool, now, batch)
	if b.Kind == "" {
		late = nil
	}
	if err != nil {
		return 0, err
	}
	done, err := d.eachRMA(ctx, now, late, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
		if m.Type != "advance" || m.ReturnDue == nil || m.ReturnDue.After(now) {
			return false, nil
		}
		switch m.Status {
		case RMAIssued, RMAShipped, RMADelivered:
		default:
			return false, nil
		}
		if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "billed", now, true); err != nil || !claimed {
			return false, err
		}
		return true, w.bill(ctx, t, m)
	})
	if err != nil {
		return done, err
	}
	comps, err := store.DueComponents(ctx, d.pool, now, batch)
	if err != nil {
		return done, err
	}
	n, err := d.eachRMA(ctx, now, comps, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
		if m.ComponentsDue == nil || m.ComponentsDue.After(now) {
			return false, nil
		}
		due := *m.ComponentsDue
		m.ComponentsDue = nil
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return false, fmt.Errorf("workflow: %w", err)
		}
		return true, w.charge(ctx, t, m, "components", nil, fmt.Sprintf("The missing components (%s) did not arrive by %s: charge them.", m.MissingComponents, d.pol.CustomerDate(due)), Cause{Kind: "job"})
	})
	done += n
	if err != nil {
		return done, err
	}
	if b.Kind != "per_day" && b.Kind != "support_hold" {
		return done, nil // an invoice-price bill has no later stage
	}
	n, err = d.pages(ctx, func(after int64) ([]int64, error) { return store.Billed(ctx, d.pool, after, batch) },
		func(id int64) (bool, error) {
			return d.oneRMA(ctx, now, id, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
				if m.Status != RMABilled {
					return false, nil
				}
				return w.billingFollowUp(ctx, t, m)
			})
		})
	return done + n, err
}

// bill turns an overdue advance replacement into a billing case.
func (w *work) bill(ctx context.Context, t *store.Ticket, m *store.RMA) error {
	now := w.now
	b := w.d.pol.Advance.Billing
	var price, msrp *string
	if a, err := store.AssetBySerial(ctx, w.tx, m.SerialNumber); err == nil {
		price, msrp = a.InvoicePrice, a.MSRP
		if a.Currency != "" {
			m.Currency = a.Currency
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("workflow: %w", err)
	}
	if m.Currency == "" {
		m.Currency = b.Currency
	}
	m.BilledAt = &now
	var note string
	switch b.Kind {
	case "invoice_price", "support_hold":
		m.Amount = price
		if price == nil {
			note = "The invoice price is not in the asset registry: finance must look it up."
		}
	case "per_day":
		m.Currency = b.Currency
		days, c, _ := lateAmount(*m.ReturnDue, now, w.d.pol.Location, b.PerDay.Cents, cents(msrp))
		amt := money(c)
		m.Amount = &amt
		note = fmt.Sprintf("%d day(s) late so far; the fee grows by %s %s a day up to the MSRP (%s).", days, b.Currency, b.PerDay, orDash(deref(msrp)))
		if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, fmt.Sprintf("late:%d", days), now, true); err != nil {
			return err
		}
	}
	if err := w.jobEvent(ctx, m, RMABilled, b.Kind); err != nil {
		return err
	}
	return w.billingMails(ctx, t, m, "billed", note)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// billingMails tells finance and the customer about a billing stage.
func (w *work) billingMails(ctx context.Context, t *store.Ticket, m *store.RMA, stage, note string) error {
	d := w.rmaData(w.data(t), []store.RMA{*m})
	d.Note = note
	d.Stage = stage
	d.BillingKind = w.d.pol.Advance.Billing.Kind
	d.Amount = m.Currency + " " + orDash(deref(m.Amount))
	if m.Amount == nil {
		d.Amount = map[string]string{"components": "(the price of the missing components)",
			"damage": "(the MSRP of the replacement)"}[stage]
		if d.Amount == "" {
			d.Amount = "(invoice price of the replacement)"
		}
	}
	if f := w.d.cfg.People.Finance; f != "" {
		if err := w.queue(ctx, t, outMail{template: "finance_billing", to: []string{f}, audience: AudienceFinance, auto: "auto-generated", data: d, rma: &m.ID}); err != nil {
			return err
		}
	}
	if stage == "late" {
		return nil // running amounts go to finance only
	}
	return w.queue(ctx, t, outMail{template: "customer_billing", to: []string{t.CustomerAddress}, audience: AudienceCustomer, auto: "auto-generated", data: d, rma: &m.ID})
}

// billingFollowUp: QNAP's running late fee, and iXsystems' termination
// notice when a support-hold invoice stays unpaid.
func (w *work) billingFollowUp(ctx context.Context, t *store.Ticket, m *store.RMA) (bool, error) {
	b := w.d.pol.Advance.Billing
	now := w.now
	switch {
	case b.Kind == "per_day" && m.ReceivedAt == nil && m.PaidAt == nil && m.ReturnDue != nil:
		stages, err := store.RMAStages(ctx, w.tx, m.ID)
		if err != nil {
			return false, err
		}
		if _, final := stages["final"]; final {
			return false, nil
		}
		var msrp *string
		if a, err := store.AssetBySerial(ctx, w.tx, m.SerialNumber); err == nil {
			msrp = a.MSRP
		}
		days, c, capped := lateAmount(*m.ReturnDue, now, w.d.pol.Location, b.PerDay.Cents, cents(msrp))
		if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, fmt.Sprintf("late:%d", days), now, true); err != nil || !claimed {
			return false, err
		}
		amt := money(c)
		m.Amount = &amt
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return false, fmt.Errorf("workflow: %w", err)
		}
		stage, note := "late", fmt.Sprintf("Running amount after %d day(s) late.", days)
		if capped {
			if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", now, true); err != nil {
				return false, err
			}
			stage, note = "final", fmt.Sprintf("Final amount: the cap (the unit's MSRP) is reached after %d day(s).", days)
		}
		return true, w.billingMails(ctx, t, m, stage, note)
	case b.Kind == "support_hold" && m.PaidAt == nil && m.BilledAt != nil && !b.TerminateAfter.IsZero():
		if w.d.pol.Deadline(*m.BilledAt, b.TerminateAfter).After(now) {
			return false, nil
		}
		if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "terminate", now, true); err != nil || !claimed {
			return false, err
		}
		if err := w.rmaEvent(ctx, *m, m.Status, m.Status, Cause{Kind: "job"}, "unpaid: termination notice"); err != nil {
			return false, err
		}
		return true, w.billingMails(ctx, t, m, "terminate", fmt.Sprintf("The invoice of %s is unpaid %s after it was issued.", w.d.pol.CustomerDate(*m.BilledAt), b.TerminateAfter.Words()))
	}
	return false, nil
}
