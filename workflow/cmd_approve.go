package workflow

import (
	"context"
	"fmt"
	"strings"

	"rmad/store"
)

func (MakeRMA) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	if t.Kind == "rma" {
		return "", refusef("%s is already an RMA request", t.Ref)
	}
	t.Kind = "rma"
	var err error
	if t.Missing, err = w.computeMissing(ctx, t); err != nil {
		return "", err
	}
	if len(t.Missing) > 0 {
		t.State = StateAwaitingInfo
		if err := w.queue(ctx, t, outMail{template: "rma_needed", to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: w.data(t)}); err != nil {
			return "", err
		}
		return "now an RMA request; the customer was asked for: " + strings.Join(t.Missing, ", "), nil
	}
	t.State = StateOpen
	tmpl, d, err := w.afterComplete(ctx, t, c)
	if err != nil {
		return "", err
	}
	if err := w.queue(ctx, t, outMail{template: tmpl, to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: d}); err != nil {
		return "", err
	}
	return "now an RMA request, complete: " + strings.TrimPrefix(tmpl, "rma_"), nil
}

func (o Approve) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	target, typ := o.RMA, o.Type
	switch typ {
	case "", "standard", "advance", "doa":
	default:
		return "", refusef("type must be standard, advance or doa, not %q", typ)
	}
	if t.Kind != "rma" {
		return "", refusef("%s is a support ticket: #rma first", t.Ref)
	}
	if len(t.Missing) > 0 {
		var labels []string
		for _, f := range t.Missing {
			labels = append(labels, w.d.pol.Label(f))
		}
		return "", refusef("still missing: %s (supply them with #set)", strings.Join(labels, ", "))
	}
	rmas, err := w.ensureRMAs(ctx, t, c)
	if err != nil {
		return "", err
	}
	var issued, blocked []store.RMA
	var lines, why, accepted []string
	for i := range rmas {
		m := &rmas[i]
		if target != "" && m.Number != target {
			continue
		}
		if m.Status != RMARequested && m.Status != RMAQuoted {
			if target != "" {
				return "", refusef("%s is %s, not requested", m.Number, m.Status)
			}
			continue
		}
		if m.Status == RMAQuoted && m.ReceivedAt != nil {
			// The customer accepted the quote for a unit already here:
			// the repair goes ahead, the quote's clocks stop.
			if err := w.setStatus(ctx, m, RMAReceived, c, "quote accepted"); err != nil {
				return "", err
			}
			accepted = append(accepted, m.Number+": quote accepted, the repair goes ahead")
			continue
		}
		if err := o.eligible(ctx, w, t, m, c); err != nil {
			return "", err
		}
		held, err := w.issue(ctx, t, rmas, m, typ, c)
		if err != nil {
			return "", err
		}
		if held != "" {
			blocked = append(blocked, *m)
			why = append(why, m.Number+": "+held)
			lines = append(lines, m.Number+" waits for "+strings.Join(m.BlockedOn, ", "))
			continue
		}
		issued = append(issued, *m)
		line := m.Number + " issued as " + string(m.Type)
		if m.ShipDate != nil {
			line += ", replacement ships " + w.d.deadlineWords(m.ShipDate)
		}
		if m.ReturnDue != nil {
			line += ", due " + w.d.deadlineWords(m.ReturnDue)
		}
		if m.VoidAt != nil {
			line += ", void after " + w.d.deadlineWords(m.VoidAt)
		}
		lines = append(lines, line)
	}
	if len(issued)+len(blocked) == 0 && len(accepted) > 0 {
		return strings.Join(accepted, "; "), nil
	}
	if len(issued)+len(blocked) == 0 {
		return "", refusef("no requested RMA to approve")
	}
	lines = append(lines, accepted...)
	d := w.data(t)
	if len(issued) > 0 {
		if err := w.queue(ctx, t, outMail{template: "rma_issued", to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: w.rmaData(d, issued)}); err != nil {
			return "", err
		}
	}
	if len(blocked) > 0 {
		bd := w.rmaData(w.data(t), blocked)
		bd.Blocked = strings.Join(why, "\n")
		if err := w.queue(ctx, t, outMail{template: "rma_review", to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: bd}); err != nil {
			return "", err
		}
	}
	return strings.Join(lines, "; "), nil
}

func (o Void) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	reason := o.Reason
	if reason == "" {
		return "", refusef("#void needs a reason")
	}
	var done []*store.RMA
	for _, m := range picked {
		switch m.Status {
		case RMARequested, RMAIssued, RMAShipped, RMADelivered, RMAQuoted:
		default:
			continue
		}
		now := w.now
		m.VoidedAt = &now
		if err := w.setStatus(ctx, m, RMAVoided, c, reason); err != nil {
			return "", err
		}
		if _, err := store.CancelClockMail(ctx, w.tx, t.ID, m.ID); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no RMA that can be voided")
	}
	return numbers(done) + " voided", w.customerUpdate(ctx, t, "rma_voided", done, reason)
}

func (o Reject) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	reason := o.Reason
	if reason == "" {
		return "", refusef("#reject needs a reason")
	}
	var done []*store.RMA
	returned := false
	for _, m := range picked {
		switch {
		case m.Status == RMARequested || m.Status == RMAQuoted:
		case m.Status == RMAReceived && m.SentBackAt == nil:
			// A discrepancy found in the returned unit (QCT: wrong
			// product, missing parts, customer-induced damage).
			returned = true
		default:
			continue
		}
		if err := w.setStatus(ctx, m, RMARejected, c, reason); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no requested RMA or returned unit to reject")
	}
	template := "rma_rejected"
	if returned {
		template = "rma_unit_rejected"
		if r := w.d.pol.Returns.Rejected; r != "" {
			reason = strings.TrimSpace(reason + "\n" + r)
		}
	}
	return numbers(done) + " rejected", w.customerUpdate(ctx, t, template, done, reason)
}

func (o Quote) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	if !amountRe.MatchString(o.Amount) || len(o.Currency) != 3 {
		return "", refusef("#quote needs AMOUNT CURRENCY, e.g. #quote 250.00 USD")
	}
	o.Amount, _ = amount("amount", o.Amount, false)
	f := []string{o.Amount, o.Currency}
	// Where the quote follows the pre-check of the returned unit (Altai),
	// only a unit that is here is quoted.
	want := RMARequested
	if w.d.pol.OutOfWarranty.QuoteAfter == "precheck" {
		want = RMAReceived
	}
	var done []*store.RMA
	for _, m := range picked {
		if m.Status != want {
			continue
		}
		amt, cur := f[0], strings.ToUpper(f[1])
		now := w.now
		m.QuoteAmount, m.QuoteCurrency, m.QuotedAt = &amt, cur, &now
		if err := w.setStatus(ctx, m, RMAQuoted, c, cur+" "+amt); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 && want == RMAReceived {
		return "", refusef("the quote follows the pre-check of the returned unit: no unit of %s is here to quote (#received first)", t.Ref)
	}
	if len(done) == 0 {
		return "", refusef("no requested RMA to quote")
	}
	note := ""
	if qa := w.d.pol.OutOfWarranty.QuoteAnswer; !qa.IsZero() {
		note = "Please reply to accept or decline by " + w.d.pol.CustomerDate(w.d.pol.Deadline(w.now, qa)) + "; a quote not answered by then counts as not accepted."
		if fee := w.d.precheckFee(*done[0]); fee.Cents > 0 {
			note += fmt.Sprintf(" If you decline, a pre-check fee of %s %s per unit applies.", w.d.pol.OutOfWarranty.Currency, fee)
		}
	}
	return numbers(done) + " quoted " + strings.ToUpper(f[1]) + " " + f[0], w.customerUpdate(ctx, t, "rma_quote", done, note)
}

// eligible checks that m may be approved as the replacement asked for: an
// advance or DOA replacement needs the plan or the window. An agent may
// approve anyway with a reason, which the history and the agents' mail keep.
func (o Approve) eligible(ctx context.Context, w *work, t *store.Ticket, m *store.RMA, c Cause) error {
	if o.Type != store.RMAAdvance && o.Type != store.RMADOA {
		return nil
	}
	e, err := w.entitlement(ctx, t, *m)
	if err != nil {
		return err
	}
	why := e.NoAdvance
	if o.Type == store.RMADOA {
		why = e.NoDOA
	}
	if why == "" {
		return nil
	}
	if o.Override == "" {
		return refusef("%s is not entitled to %s replacement: %s (to approve it anyway: #approve %s %s override REASON)", m.Number, o.Type, why, m.Number, o.Type)
	}
	w.attention = append(w.attention, fmt.Sprintf("%s approved as %s by %s despite the terms (%s): %s", m.Number, o.Type, orDash(c.Actor), why, o.Override))
	if err := w.event(ctx, t.ID, "override", fmt.Sprintf("%s approved as %s despite: %s; reason: %s (by %s)", m.Number, o.Type, why, o.Override, orDash(c.Actor))); err != nil {
		return err
	}
	return w.rmaEvent(ctx, *m, m.Status, m.Status, c, "override: "+o.Override)
}
