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
	unknown := ""
	for _, m := range picked {
		owes := m.BilledAt != nil && m.PaidAt == nil
		if m.Status != RMAQuoted && !owes {
			continue
		}
		if owes && m.Amount == nil {
			unknown = m.Number // nothing to have paid yet: the amount follows
			continue
		}
		now := w.now
		m.PaidAt = &now
		if owes {
			// What is paid is the amount so far: a fee that still runs
			// (the unit is not back) is owed again as it grows.
			m.PaidAmount = m.Amount
		}
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
	if len(done) == 0 && unknown != "" {
		return "", refusef("the amount billed for %s is not known yet: record what was shipped (#set unitN.replacement_price=...) first", unknown)
	}
	if len(done) == 0 {
		return "", refusef("no unpaid bill or quote to mark paid")
	}
	return numbers(done) + " paid", nil
}

// finalBilling tells finance when a billed unit arrives: the final amount of
// a running fee (QNAP's stops at arrival unless the pick-up already settled
// it), or that the unit they billed for is back.
func (w *work) finalBilling(ctx context.Context, t *store.Ticket, m *store.RMA) error {
	b := w.d.pol.Advance.Billing
	note := "The defective unit arrived on " + w.d.pol.CustomerDate(w.now) + "."
	stage := "received"
	if b.Kind == "per_day" && m.ReturnDue != nil {
		// A fee already final (its cap, or the pick-up) is not told again.
		if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", w.now, true); err != nil || !claimed {
			return err
		}
		f, err := w.lateFee(ctx, m)
		if err != nil {
			return err
		}
		stage = "final"
		note += fmt.Sprintf(" Final amount for %d day(s) late.", f.days)
		if f.held {
			note += " " + f.capNote(m.Currency)
		}
		note += w.setAmount(m, f.cents)
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
	}
	d := w.rmaData(w.data(t), []store.RMA{*m})
	d.Note, d.Stage, d.BillingKind = note, stage, b.Kind
	d.Amount = m.Currency + " " + orDash(deref(m.Amount))
	if f := w.d.cfg.People.Finance; f != "" {
		return w.queue(ctx, t, outMail{template: "finance_billing", to: []string{f}, audience: AudienceFinance, auto: "auto-generated", data: d, rma: &m.ID})
	}
	return nil
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
	late, err := store.DueLate(ctx, d.pool, now, d.pol.Advance.ReturnedBy == "pickup", batch)
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
		if w.d.pickupDecides(m) && !m.ReturnedAt.After(*m.ReturnDue) {
			return false, nil // handed to the courier in time: never billed, whenever it arrives
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
		func(ids []int64) (int, error) {
			return d.eachRMA(ctx, now, ids, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
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
	a, err := store.AssetBySerial(ctx, w.tx, m.SerialNumber)
	known := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("workflow: %w", err)
	}
	if known && a.Currency != "" && m.Currency == "" {
		m.Currency = a.Currency
	}
	if m.Currency == "" {
		m.Currency = b.Currency
	}
	m.BilledAt = &now
	var note string
	switch b.Kind {
	case "invoice_price", "support_hold":
		var ask string
		m.Amount, note, ask = replacementBill(m, a, known)
		if ask != "" {
			if err := w.askAgents(ctx, t, m, ask); err != nil {
				return err
			}
		}
	case "per_day":
		m.Currency = b.Currency
		f, err := w.lateFee(ctx, m)
		if err != nil {
			return err
		}
		w.setAmount(m, f.cents)
		note = fmt.Sprintf("%d day(s) late so far; the fee grows by %s %s a day. %s", f.days, b.Currency, b.PerDay, f.capNote(b.Currency))
		if w.d.pickupDecides(m) {
			note = fmt.Sprintf("The courier picked the unit up on %s, %d day(s) late: the fee stops there.", w.d.pol.CustomerDate(*m.ReturnedAt), f.days)
			if f.capWhat == "" {
				note += " " + f.capNote(b.Currency)
			}
		}
		if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, fmt.Sprintf("late:%d", f.days), now, true); err != nil {
			return err
		}
		if f.capWhat != "" && (f.capped || w.d.pickupDecides(m)) {
			if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", now, true); err != nil {
				return err
			}
		}
		if f.capWhat == "" {
			if err := w.askAgents(ctx, t, m, m.Number+": "+f.capNote(b.Currency)); err != nil {
				return err
			}
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
	d.Waived = stage == "pickup" && m.Amount != nil && cents(m.Amount) == 0
	d.BillingKind = w.d.pol.Advance.Billing.Kind
	d.Amount = m.Currency + " " + orDash(deref(m.Amount))
	if m.Amount == nil {
		d.Amount = map[string]string{"components": "(the price of the missing components)",
			"damage": "(the MSRP of the replacement)"}[stage]
		if d.Amount == "" {
			d.Amount = "(the amount follows: what was shipped as the replacement is being confirmed)"
		}
	}
	if f := w.d.cfg.People.Finance; f != "" {
		if err := w.queue(ctx, t, outMail{template: "finance_billing", to: []string{f}, audience: AudienceFinance, auto: "auto-generated", data: d, rma: &m.ID}); err != nil {
			return err
		}
	}
	if stage == "late" || stage == "precheck" {
		return nil // running amounts go to finance only; the customer's quote notice names the fee
	}
	return w.queue(ctx, t, outMail{template: "customer_billing", to: []string{t.CustomerAddress}, audience: AudienceCustomer, auto: "auto-generated", data: d, rma: &m.ID})
}

// billingFollowUp: QNAP's running late fee, and iXsystems' termination
// notice when a support-hold invoice stays unpaid.
func (w *work) billingFollowUp(ctx context.Context, t *store.Ticket, m *store.RMA) (bool, error) {
	b := w.d.pol.Advance.Billing
	switch {
	case b.Kind == "per_day" && m.ReceivedAt == nil && m.ReturnDue != nil:
		// A payment does not stop the fee: only the unit's return does.
		return w.runningFee(ctx, t, m)
	case b.Kind == "support_hold" && m.PaidAt == nil && m.BilledAt != nil && !b.TerminateAfter.IsZero():
		if w.d.pol.Deadline(*m.BilledAt, b.TerminateAfter).After(w.now) {
			return false, nil
		}
		if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "terminate", w.now, true); err != nil || !claimed {
			return false, err
		}
		if err := w.rmaEvent(ctx, *m, m.Status, m.Status, Cause{Kind: "job"}, "unpaid: termination notice"); err != nil {
			return false, err
		}
		return true, w.billingMails(ctx, t, m, "terminate", fmt.Sprintf("The invoice of %s is unpaid %s after it was issued.", w.d.pol.CustomerDate(*m.BilledAt), b.TerminateAfter.Words()))
	}
	return false, nil
}

// runningFee tells finance the fee's new amount once a day while the unit
// stays out, and the final one when it reaches its cap.
func (w *work) runningFee(ctx context.Context, t *store.Ticket, m *store.RMA) (bool, error) {
	stages, err := store.RMAStages(ctx, w.tx, m.ID)
	if err != nil {
		return false, err
	}
	if _, final := stages["final"]; final {
		return false, nil
	}
	f, err := w.lateFee(ctx, m)
	if err != nil {
		return false, err
	}
	if m.Amount != nil && cents(m.Amount) == f.cents {
		return false, nil // held (no cap known): nothing new to tell
	}
	if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, fmt.Sprintf("late:%d", f.days), w.now, true); err != nil || !claimed {
		return false, err
	}
	stage, note := "late", fmt.Sprintf("Running amount after %d day(s) late. %s", f.days, f.capNote(m.Currency))
	// Paid so far, and the fee ran on: owed again.
	note += w.setAmount(m, f.cents)
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return false, fmt.Errorf("workflow: %w", err)
	}
	if f.capped {
		if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", w.now, true); err != nil {
			return false, err
		}
		stage, note = "final", fmt.Sprintf("Final amount: the cap (%s) is reached after %d day(s).", f.capWhat, f.days)
	}
	return true, w.billingMails(ctx, t, m, stage, note)
}

// replacementBill is what an unreturned advance replacement is billed under
// invoice_price and support_hold (QCT: "the replacement part at full invoice
// price"; iXsystems: "the full cost of the replacement component"): the
// price recorded for what was shipped, or for a whole unit its invoice price
// from the registry. Anything else would be a guess (a PSU is not billed at
// the price of the server it came out of): the amount stays open, and ask
// says what agents must supply.
func replacementBill(m *store.RMA, a store.Asset, known bool) (amount *string, note, ask string) {
	unit := fmt.Sprintf("unit%d.", m.UnitIndex)
	switch {
	case m.ReplacementPrice != nil:
		return m.ReplacementPrice, "Billed: the price recorded for what was shipped (" + orDash(m.ReplacementPart) + ").", ""
	case wholeUnit(m) && known && a.InvoicePrice != nil:
		return a.InvoicePrice, "Billed: the invoice price of the unit, which was replaced whole.", ""
	case wholeUnit(m):
		return nil, "The unit was replaced whole but its invoice price is not in the asset registry: agents were asked for it; the amount follows.",
			m.Number + " is billed: the whole unit was replaced, but its invoice price is not in the asset registry. Reply with #set " + unit + "replacement_price=AMOUNT."
	}
	return nil, "What was shipped as the replacement, and its price, are not recorded: agents were asked; the amount follows.",
		m.Number + " is billed, but what was shipped as the replacement, and its price, are not recorded. Reply with #set " + unit +
			"replacement_part=WHAT " + unit + "replacement_price=AMOUNT (replacement_part=unit when the whole unit was replaced and the registry's invoice price applies)."
}

// wholeUnit: what was shipped is the unit itself, not a part of it.
func wholeUnit(m *store.RMA) bool {
	p := strings.TrimSpace(m.ReplacementPart)
	switch strings.ToLower(p) {
	case "":
		return false
	case "unit", "system", "whole unit", "chassis":
		return true
	}
	return strings.EqualFold(p, m.Model) || strings.EqualFold(p, m.PartNumber)
}

// askAgents asks the agents for what the desk needs and must not guess.
// They answer by replying with a command, as to any notice.
func (w *work) askAgents(ctx context.Context, t *store.Ticket, m *store.RMA, ask string) error {
	d := w.rmaData(w.data(t), []store.RMA{*m})
	d.Note = ask
	return w.queue(ctx, t, outMail{template: "agent_attention", to: w.d.cfg.People.Notify, audience: AudienceAgents, auto: store.AutoGenerated, data: d, rma: &m.ID})
}

// completeBill bills an RMA billed with its amount open once what was
// shipped, and its price, are known.
func (w *work) completeBill(ctx context.Context, t *store.Ticket, m *store.RMA) error {
	switch k := w.d.pol.Advance.Billing.Kind; {
	case m.Status != RMABilled || m.Amount != nil || (k != "invoice_price" && k != "support_hold"):
		return nil
	}
	a, err := store.AssetBySerial(ctx, w.tx, m.SerialNumber)
	known := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("workflow: %w", err)
	}
	amount, note, ask := replacementBill(m, a, known)
	if ask != "" {
		return nil // still not enough: the agents' question stands
	}
	note += w.setAmount(m, cents(amount))
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	return w.billingMails(ctx, t, m, "billed", note)
}

// setAmount puts what m owes at c cents and says what that means for what
// was paid: a bill paid so far and grown since is owed again; one fallen
// below what was paid is refunded.
func (w *work) setAmount(m *store.RMA, c int64) string {
	a := money(c)
	m.Amount = &a
	if m.PaidAmount == nil {
		return ""
	}
	paid := cents(m.PaidAmount)
	switch {
	case c > paid:
		m.PaidAt = nil
		return fmt.Sprintf(" %s %s was paid so far: %s %s is still owed.", m.Currency, money(paid), m.Currency, money(c-paid))
	case c < paid:
		return fmt.Sprintf(" %s %s was paid: refund %s %s.", m.Currency, money(paid), m.Currency, money(paid-c))
	}
	return ""
}

// refee revises a delayed-return fee once its cap is known (#set msrp=),
// whether the unit is still out or already back.
func (w *work) refee(ctx context.Context, t *store.Ticket, m *store.RMA) error {
	if w.d.pol.Advance.Billing.Kind != "per_day" || m.BilledAt == nil || m.ReturnDue == nil {
		return nil
	}
	f, err := w.lateFee(ctx, m)
	if err != nil || money(f.cents) == deref(m.Amount) {
		return err
	}
	note := fmt.Sprintf("Revised with the cap now known: %d day(s) late. %s", f.days, f.capNote(m.Currency))
	note += w.setAmount(m, f.cents)
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	stage := "late"
	if f.capped || m.ReceivedAt != nil || w.d.pickupDecides(m) {
		stage = "final"
		if _, err := store.ClaimRMAStage(ctx, w.tx, m.ID, "final", w.now, true); err != nil {
			return err
		}
	}
	return w.billingMails(ctx, t, m, stage, note)
}
