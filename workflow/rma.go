package workflow

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"rmad/store"
)

// RMA statuses (store owns the type).
const (
	RMARequested = store.RMARequested
	RMAIssued    = store.RMAIssued
	RMAShipped   = store.RMAShipped
	RMADelivered = store.RMADelivered
	RMAReceived  = store.RMAReceived
	RMAVoided    = store.RMAVoided
	RMABilled    = store.RMABilled
	RMAClosed    = store.RMAClosed
	RMARejected  = store.RMARejected
	RMAQuoted    = store.RMAQuoted
)

// Cause says what changed an RMA: a customer message, an agent's mail
// command, the CLI, a scheduled job, or the desk itself.
type Cause struct {
	Kind  string // message | command | cli | job | auto
	Actor string
}

// enrich fills what the asset registry knows about the ticket's units, so
// the customer is never asked for it.
func (w *work) enrich(ctx context.Context, t *store.Ticket) error {
	for i, u := range t.Units {
		serial := strings.TrimSpace(u["serial_number"])
		if serial == "" {
			continue
		}
		a, err := w.asset(ctx, serial)
		if err != nil {
			return err
		}
		if a == nil {
			continue
		}
		fill := func(m map[string]string, k, v string) {
			if m[k] == "" && v != "" {
				m[k] = v
			}
		}
		fill(t.Units[i], "model", a.Model)
		fill(t.Units[i], "part_number", a.PartNumber)
		fill(t.Fields, "invoice_number", a.InvoiceNumber)
		if a.InvoiceDate != nil {
			fill(t.Fields, "invoice_date", a.InvoiceDate.Format("2006-01-02"))
		}
		if a.DeliveryDate != nil {
			fill(t.Fields, "delivery_date", a.DeliveryDate.Format("2006-01-02"))
		}
		fill(t.Fields, "company", a.Customer)
	}
	return nil
}

// computeMissing is the policy's required fields for the ticket's kind, plus
// the date that decides coverage when the registry does not know the unit.
func (w *work) computeMissing(ctx context.Context, t *store.Ticket) ([]string, error) {
	missing := missingFields(w.d.pol.RequiredFor(t.Kind), t.Fields, t.Units)
	// Coverage counts from the policy's basis date: without it in the
	// registry, the customer is asked for that date (Altai: delivery, not
	// invoice).
	basis := w.d.pol.Warranty.Basis
	if basis == "" {
		basis = "invoice_date"
	}
	if t.Kind != "rma" || t.Fields[basis] != "" {
		return missing, nil
	}
	for _, m := range missing {
		if m == basis {
			return missing, nil
		}
	}
	for _, u := range t.Units {
		if u["serial_number"] == "" {
			continue
		}
		if a, err := w.asset(ctx, u["serial_number"]); err != nil {
			return nil, err
		} else if a == nil || (basis == "delivery_date" && a.DeliveryDate == nil) {
			return append(missing, basis), nil
		}
	}
	return missing, nil
}

// rmaNumber: the first unit's RMA shares the ticket's number, further units
// get a suffix, so RMA-n always leads to TKT-n.
func rmaNumber(ticketRef string, unit int) string {
	n := strings.TrimPrefix(ticketRef, "TKT-")
	if unit == 1 {
		return "RMA-" + n
	}
	return fmt.Sprintf("RMA-%s-%d", n, unit)
}

// ensureRMAs creates one requested RMA per unit of a complete RMA ticket,
// with its entitlement, and returns them all.
func (w *work) ensureRMAs(ctx context.Context, t *store.Ticket, cause Cause) ([]store.RMA, error) {
	existing, err := store.TicketRMAs(ctx, w.tx, t.ID, true)
	if err != nil {
		return nil, fmt.Errorf("workflow: %w", err)
	}
	units := t.Units
	if len(units) == 0 {
		units = []map[string]string{{}}
	}
	for i := len(existing); i < len(units); i++ {
		u := units[i]
		m := store.RMA{TicketID: t.ID, Number: rmaNumber(t.Ref, i+1), UnitIndex: i + 1, SerialNumber: u["serial_number"],
			Model: u["model"], PartNumber: u["part_number"], Status: RMARequested, RequestedAt: w.now}
		e, err := w.entitlement(ctx, t, m)
		if err != nil {
			return nil, err
		}
		applyEntitlement(&m, e)
		m.Type = defaultType(e)
		if m.ID, err = store.CreateRMA(ctx, w.tx, m); err != nil {
			return nil, fmt.Errorf("workflow: %w", err)
		}
		if err := w.rmaEvent(ctx, m, "", RMARequested, cause, e.Reason); err != nil {
			return nil, err
		}
		existing = append(existing, m)
	}
	return existing, nil
}

func applyEntitlement(m *store.RMA, e Entitlement) {
	m.Covered, m.Plan, m.CoverageReason = e.Covered, e.Plan, e.Reason
	if e.Known {
		ends := e.Ends
		m.CoverageEnds = &ends
	}
}

func defaultType(e Entitlement) store.RMAType {
	switch {
	case !e.Covered:
		return "out_of_warranty"
	case e.DOA:
		return "doa"
	case e.Advance:
		return "advance"
	}
	return "standard"
}

func (w *work) entitlement(ctx context.Context, t *store.Ticket, m store.RMA) (Entitlement, error) {
	f := unitFacts{Model: m.Model, Serial: m.SerialNumber, Fields: t.Fields}
	if m.SerialNumber != "" {
		a, err := w.asset(ctx, m.SerialNumber)
		if err != nil {
			return Entitlement{}, err
		}
		if a != nil {
			f.Asset = a
			if f.Model == "" {
				f.Model = a.Model
			}
			if !strings.EqualFold(a.SerialNumber, m.SerialNumber) {
				f.Inherited = a.SerialNumber // a replacement, covered as the unit it replaced
			}
		}
		if f.Repair, err = store.LastRepair(ctx, w.tx, m.SerialNumber); err != nil {
			return Entitlement{}, fmt.Errorf("workflow: %w", err)
		}
	}
	return entitle(w.d.pol, f, w.now), nil
}

func (w *work) rmaEvent(ctx context.Context, m store.RMA, from, to store.RMAStatus, c Cause, detail string) error {
	if err := store.AddRMAEvent(ctx, w.tx, store.RMAEvent{RMAID: m.ID, At: w.now, FromStatus: from, ToStatus: to,
		Cause: c.Kind, Actor: c.Actor, Detail: detail}); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	return w.rmaPromises(ctx, m, from, to)
}

func (w *work) setStatus(ctx context.Context, m *store.RMA, to store.RMAStatus, c Cause, detail string) error {
	from := m.Status
	m.Status = to
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	return w.rmaEvent(ctx, *m, from, to, c, detail)
}

// poBox matches the ways people write a post-office box: P.O. Box, PO-Box,
// POB, P.O.B., GPO Box, Post Office Box, and the same in German, French and
// Spanish.
var poBox = regexp.MustCompile(`(?i)(\b(g\.?\s*)?p\.?\s*o\.?[\s-]*box\b|\bp\.?\s*o\.?\s*b\b\.?|\bpost\s+office\s+box\b|\bpostfach\b|\bboîte\s+postale\b|\bapartado\s+postal\b|\bcasilla\s+postal\b)`)

// preconditions lists what stops an RMA of type typ from being issued.
func (w *work) preconditions(t *store.Ticket, rmas []store.RMA, m store.RMA, typ store.RMAType) ([]string, string) {
	var blocked []string
	var why []string
	p := w.d.pol
	if typ == "advance" {
		for _, req := range p.Advance.Requires {
			switch req {
			case "card_authorization":
				if !strings.EqualFold(t.Fields["card_authorization"], "on_file") && !w.assetHasPlan(m, "card_on_file") {
					blocked = append(blocked, "card_authorization")
					why = append(why, "a signed credit card authorization form must be on file before the replacement ships")
				}
			case "street_address":
				if poBox.MatchString(t.Fields["ship_to"]) {
					blocked = append(blocked, "street_address")
					why = append(why, "the replacement cannot be delivered to a P.O. box: please reply with a street address")
				}
			case "address_confirmed":
				if !strings.EqualFold(t.Fields["address_confirmed"], "yes") && !poBox.MatchString(t.Fields["ship_to"]) {
					blocked = append(blocked, "address_confirmed")
					why = append(why, "please confirm, by replying to this message, that the replacement should go to: "+t.Fields["ship_to"])
				}
			}
		}
	}
	for _, rs := range p.Restrictions {
		if !rs.Matches(m.Model) {
			continue
		}
		n := 0
		for _, o := range rmas {
			if rs.Matches(o.Model) {
				n++
			}
		}
		exempt := false
		for _, f := range rs.Unless {
			if v := strings.ToLower(t.Fields[f]); v == "yes" || v == "true" {
				exempt = true
			}
		}
		if n < rs.MinUnits && !exempt {
			blocked = append(blocked, "restriction")
			why = append(why, rs.Text)
		}
	}
	return blocked, strings.Join(why, "; ")
}

// issue approves an RMA as typ at r.in.At: computes its dates from the
// policy, or records what blocks it.
func (w *work) issue(ctx context.Context, t *store.Ticket, rmas []store.RMA, m *store.RMA, typ store.RMAType, c Cause) (string, error) {
	// Entitlement is decided again at approval: the registry may have been
	// imported, or a field corrected, since the request came in.
	e, err := w.entitlement(ctx, t, *m)
	if err != nil {
		return "", err
	}
	applyEntitlement(m, e)
	if typ == "" {
		typ = defaultType(e)
		if typ == "out_of_warranty" {
			typ = "standard"
		}
	}
	m.Type = typ
	blocked, why := w.preconditions(t, rmas, *m, typ)
	m.BlockedOn = blocked
	if len(blocked) > 0 {
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return "", fmt.Errorf("workflow: %w", err)
		}
		if err := w.rmaEvent(ctx, *m, m.Status, m.Status, c, "approved as "+string(typ)+", waiting for: "+strings.Join(blocked, ", ")); err != nil {
			return "", err
		}
		return why, nil
	}
	p := w.d.pol
	now := w.now
	m.IssuedAt = &now
	m.ReturnDue, m.VoidAt, m.ShipDate = nil, nil, nil
	switch typ {
	case "advance":
		sd := p.Cal.ShipDate(now)
		m.ShipDate = &sd
		w.startReturnClock(m, "approval")
	default:
		if !p.Standard.VoidAfter.IsZero() {
			v := p.Deadline(now, p.Standard.VoidAfter)
			m.VoidAt = &v
		}
		if !p.Standard.ShipWithin.IsZero() {
			due := p.Deadline(now, p.Standard.ShipWithin)
			m.ReturnDue = &due
		}
	}
	return "", w.setStatus(ctx, m, RMAIssued, c, "issued as "+string(typ))
}

// afterComplete runs when an RMA ticket has everything it needs: one RMA per
// unit, entitlement, and approval when the policy allows it. It returns the
// customer mail to send instead of the plain "complete" answer.
func (w *work) afterComplete(ctx context.Context, t *store.Ticket, c Cause) (string, mailData, error) {
	d := w.data(t)
	rmas, err := w.ensureRMAs(ctx, t, c)
	if err != nil {
		return "", d, err
	}
	allCovered := true
	for _, m := range rmas {
		if !m.Covered {
			allCovered = false
		}
	}
	var issued []store.RMA
	var blockedWhy []string
	owner, err := w.owner(ctx, t, rmas)
	if err != nil {
		return "", d, err
	}
	hold, err := w.supportHold(ctx, t)
	if err != nil {
		return "", d, err
	}
	if why := w.autoIssueRefusal(t, rmas, owner, c, hold); why != "" && w.d.pol.Approval.Mode == "auto" && allCovered {
		w.attention = append(w.attention, "Not issued automatically: "+why+". Approve with #approve if it is right.")
		if err := w.event(ctx, t.ID, "auto_issue_held", why); err != nil {
			return "", d, err
		}
	} else if w.d.pol.Approval.Mode == "auto" && allCovered {
		for i := range rmas {
			if rmas[i].Status != RMARequested {
				continue
			}
			why, err := w.issue(ctx, t, rmas, &rmas[i], "", c)
			if err != nil {
				return "", d, err
			}
			if why != "" {
				blockedWhy = append(blockedWhy, rmas[i].Number+": "+why)
			} else {
				issued = append(issued, rmas[i])
			}
		}
	}
	d = w.rmaData(d, rmas)
	if owner == ownerOther {
		// The registry says the units belong to someone else: the sender
		// learns nothing of their coverage until an agent has looked.
		for i := range d.RMAs {
			d.RMAs[i].Coverage, d.RMAs[i].Unconfirmed = "", true
		}
	}
	d.Review = w.d.pol.Approval.Why
	by, err := w.promiseApproval(ctx, rmas)
	if err != nil {
		return "", d, err
	}
	d.Review += by
	d.OutOfWarranty = w.d.pol.OutOfWarranty.Text
	d.Blocked = strings.Join(blockedWhy, "\n")
	if len(issued) > 0 && len(issued) == len(rmas) {
		d.RMAs = nil
		d = w.rmaData(d, issued)
		return "rma_issued", d, nil
	}
	return "rma_review", d, nil
}

// retryBlocked issues the ticket's approved-but-blocked RMAs whose
// preconditions now hold, and says what to tell the customer.
func (w *work) retryBlocked(ctx context.Context, t *store.Ticket, c Cause) (string, mailData, error) {
	rmas, err := store.TicketRMAs(ctx, w.tx, t.ID, true)
	if err != nil {
		return "", mailData{}, fmt.Errorf("workflow: %w", err)
	}
	var issued []store.RMA
	var why []string
	for i := range rmas {
		if rmas[i].Status != RMARequested || len(rmas[i].BlockedOn) == 0 {
			continue
		}
		held, err := w.issue(ctx, t, rmas, &rmas[i], rmas[i].Type, c)
		if err != nil {
			return "", mailData{}, err
		}
		if held != "" {
			why = append(why, rmas[i].Number+": "+held)
		} else {
			issued = append(issued, rmas[i])
		}
	}
	d := w.data(t)
	if len(issued) > 0 {
		return "rma_issued", w.rmaData(d, issued), nil
	}
	d = w.rmaData(d, rmas)
	d.Blocked = strings.Join(why, "\n")
	return "rma_review", d, nil
}
