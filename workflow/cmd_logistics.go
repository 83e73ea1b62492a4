package workflow

import (
	"context"
	"fmt"
	"strings"

	"rmad/store"
)

func (r *run) customerUpdate(ctx context.Context, t *store.Ticket, template string, rmas []*store.RMA, note string) error {
	d := r.data(t)
	var list []store.RMA
	for _, m := range rmas {
		list = append(list, *m)
	}
	d = r.rmaData(d, list)
	d.Note = note
	// A notice of a state change (void, quote expired, ...) is never
	// cancelled: it reports what happened.
	return r.queue(ctx, t, outMail{template: template, to: []string{t.CustomerAddress}, audience: AudienceCustomer, auto: r.auto, data: d})
}

func (r *run) cmdShipped(ctx context.Context, t *store.Ticket, picked []*store.RMA, args string, c Cause) (string, error) {
	if p := t.Fields["ship_to_proposed"]; p != "" {
		return "", refusef("the customer asked to ship to a new address (%s): #confirm ship_to or #set ship_to=... first", p)
	}
	f := strings.Fields(args)
	var done []*store.RMA
	for _, m := range picked {
		if m.Type != "advance" || m.Status != RMAIssued {
			continue
		}
		now := r.in.At
		m.ShippedAt = &now
		if len(f) > 0 && f[0] != "-" {
			m.Carrier = f[0]
		}
		if len(f) > 1 {
			m.Tracking = strings.Join(f[1:], " ")
		}
		if p := r.d.pol.Advance; p.ReturnFrom == "shipped" && !p.ReturnWithin.IsZero() {
			due := r.d.pol.Deadline(now, p.ReturnWithin)
			m.ReturnDue = &due
		}
		if err := r.setStatus(ctx, m, RMAShipped, c, strings.TrimSpace(m.Carrier+" "+m.Tracking)); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no issued advance replacement to mark shipped")
	}
	return numbers(done) + " shipped" + dueNote(r.d, done), r.customerUpdate(ctx, t, "rma_shipped", done, "")
}

func (r *run) cmdDelivered(ctx context.Context, t *store.Ticket, picked []*store.RMA, c Cause) (string, error) {
	var done []*store.RMA
	for _, m := range picked {
		if m.Type != "advance" || (m.Status != RMAShipped && m.Status != RMAIssued) {
			continue
		}
		now := r.in.At
		m.DeliveredAt = &now
		if p := r.d.pol.Advance; p.ReturnFrom == "delivered" && !p.ReturnWithin.IsZero() {
			due := r.d.pol.Deadline(now, p.ReturnWithin)
			m.ReturnDue = &due
		}
		if err := r.setStatus(ctx, m, RMADelivered, c, ""); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no shipped advance replacement to mark delivered")
	}
	return numbers(done) + " delivered" + dueNote(r.d, done), r.customerUpdate(ctx, t, "rma_delivered", done, "")
}

// receipt is what the warehouse says in #received: "damaged" (customer-
// induced damage), "missing=PSU,tray" (components not in the box),
// "components" (the missing components arrived), and a free note.
type receipt struct {
	damaged, components bool
	missing, note       string
}

// Only leading words are keywords: "outer carton damaged by the courier" is
// a note, not a damage finding.
func parseReceipt(args string) receipt {
	var rc receipt
	words := strings.Fields(args)
	i := 0
	for ; i < len(words); i++ {
		w := words[i]
		lw := strings.ToLower(w)
		switch {
		case lw == "damaged":
			rc.damaged = true
			continue
		case lw == "components":
			rc.components = true
			continue
		case strings.HasPrefix(lw, "missing="):
			rc.missing = strings.ReplaceAll(w[len("missing="):], ",", ", ")
			continue
		case lw == "--":
			i++
		}
		break
	}
	rc.note = strings.Join(words[min(i, len(words)):], " ")
	return rc
}

func (r *run) cmdReceived(ctx context.Context, t *store.Ticket, picked []*store.RMA, args string, c Cause) (string, error) {
	rc := parseReceipt(args)
	note := rc.note
	if rc.components {
		return r.componentsArrived(ctx, t, picked, c)
	}
	var done []*store.RMA
	for _, m := range picked {
		switch m.Status {
		case RMAIssued, RMAShipped, RMADelivered, RMABilled:
		default:
			continue
		}
		now := r.in.At
		m.ReceivedAt = &now
		if note != "" {
			m.Note = note
		}
		wasBilled := m.Status == RMABilled
		if err := r.setStatus(ctx, m, RMAReceived, c, note); err != nil {
			return "", err
		}
		// Every clock of this RMA stops: queued reminders are not sent.
		if _, err := store.CancelClockMail(ctx, r.tx, t.ID, m.ID); err != nil {
			return "", err
		}
		if wasBilled {
			if err := r.finalBilling(ctx, t, m); err != nil {
				return "", err
			}
		}
		if err := r.inspect(ctx, t, m, rc, c); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no RMA waiting for its unit")
	}
	if rc.missing != "" && done[0].ComponentsDue != nil {
		note = strings.TrimSpace(note + fmt.Sprintf("\nThe returned unit lacks: %s. Please ship these by %s; after that they will be charged.",
			rc.missing, r.d.pol.CustomerDate(*done[0].ComponentsDue)))
	}
	return numbers(done) + " received", r.customerUpdate(ctx, t, "rma_received", done, note)
}

// inspect applies what the warehouse found in the box: customer-induced
// damage is charged as the policy says, missing components start a clock.
func (r *run) inspect(ctx context.Context, t *store.Ticket, m *store.RMA, rc receipt, c Cause) error {
	rules := r.d.pol.Returns
	if rc.missing != "" && !rules.MissingComponents.IsZero() {
		due := r.d.pol.Deadline(r.in.At, rules.MissingComponents)
		m.MissingComponents, m.ComponentsDue = rc.missing, &due
	}
	if rc.damaged {
		m.Damaged = true
	}
	if err := store.UpdateRMA(ctx, r.tx, *m); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if rc.damaged && rules.Damage == "msrp" {
		var msrp *string
		if a, err := store.AssetBySerial(ctx, r.tx, m.SerialNumber); err == nil {
			msrp = a.MSRP
			if a.Currency != "" {
				m.Currency = a.Currency
			}
		}
		return r.charge(ctx, t, m, "damage", msrp, "Customer-induced damage was found on the returned unit: the MSRP of the replacement is charged.", c)
	}
	return nil
}

func (r *run) componentsArrived(ctx context.Context, t *store.Ticket, picked []*store.RMA, c Cause) (string, error) {
	var done []*store.RMA
	for _, m := range picked {
		if m.ComponentsDue == nil {
			continue
		}
		m.ComponentsDue = nil
		if err := store.UpdateRMA(ctx, r.tx, *m); err != nil {
			return "", fmt.Errorf("workflow: %w", err)
		}
		if err := r.rmaEvent(ctx, *m, m.Status, m.Status, c, "missing components arrived: "+m.MissingComponents); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no RMA is waiting for missing components")
	}
	return numbers(done) + ": missing components received", r.customerUpdate(ctx, t, "rma_received", done, "The missing components arrived too.")
}
