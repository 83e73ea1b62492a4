package workflow

import (
	"context"
	"fmt"
	"strings"

	"rmad/policy"
	"rmad/store"
)

func (w *work) customerUpdate(ctx context.Context, t *store.Ticket, template string, rmas []*store.RMA, note string) error {
	d := w.data(t)
	var list []store.RMA
	for _, m := range rmas {
		list = append(list, *m)
	}
	d = w.rmaData(d, list)
	d.Note = note
	// A notice of a state change (void, quote expired, ...) is never
	// cancelled: it reports what happened.
	return w.queue(ctx, t, outMail{template: template, to: []string{t.CustomerAddress}, audience: AudienceCustomer, auto: w.auto, data: d})
}

func (o Shipped) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	if p := t.Fields["ship_to_proposed"]; p != "" {
		return "", refusef("the customer asked to ship to a new address (%s): #confirm ship_to or #set ship_to=... first", p)
	}
	if o.Price != "" {
		var err error
		if o.Price, err = amount("price", o.Price, true); err != nil {
			return "", err
		}
	}
	var done []*store.RMA
	for _, m := range picked {
		if m.Type != "advance" || m.Status != RMAIssued {
			continue
		}
		now := w.now
		m.ShippedAt = &now
		if o.Carrier != "" {
			m.Carrier = o.Carrier
		}
		if o.Tracking != "" {
			m.Tracking = o.Tracking
		}
		if o.Part != "" {
			m.ReplacementPart = o.Part
		}
		if o.Price != "" {
			m.ReplacementPrice = &o.Price
		}
		if o.Serial != "" {
			serial, err := w.replacementSerial(ctx, m, o.Serial)
			if err != nil {
				return "", err
			}
			m.ReplacementSerial = serial
		}
		w.startReturnClock(m, "shipped")
		if err := w.setStatus(ctx, m, RMAShipped, c, strings.TrimSpace(m.Carrier+" "+m.Tracking)); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no issued advance replacement to mark shipped")
	}
	return numbers(done) + " shipped" + dueNote(w.d, done), w.customerUpdate(ctx, t, "rma_shipped", done, "")
}

func (o Delivered) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	var done []*store.RMA
	for _, m := range picked {
		if m.Type != "advance" || (m.Status != RMAShipped && m.Status != RMAIssued) {
			continue
		}
		now := w.now
		m.DeliveredAt = &now
		w.startReturnClock(m, "delivered")
		if err := w.setStatus(ctx, m, RMADelivered, c, ""); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no shipped advance replacement to mark delivered")
	}
	return numbers(done) + " delivered" + dueNote(w.d, done), w.customerUpdate(ctx, t, "rma_delivered", done, "")
}

func (o Received) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	picked, err := w.pick(ctx, t, o.RMA)
	if err != nil {
		return "", err
	}
	note := o.Note
	if o.Components {
		return w.componentsArrived(ctx, t, picked, c)
	}
	var done []*store.RMA
	for _, m := range picked {
		switch m.Status {
		case RMAIssued, RMAShipped, RMADelivered, RMABilled:
		default:
			continue
		}
		now := w.now
		m.ReceivedAt = &now
		if note != "" {
			m.Note = note
		}
		wasBilled := m.Status == RMABilled
		if err := w.setStatus(ctx, m, RMAReceived, c, note); err != nil {
			return "", err
		}
		// Every clock of this RMA stops: queued reminders are not sent.
		if _, err := store.CancelClockMail(ctx, w.tx, t.ID, m.ID); err != nil {
			return "", err
		}
		if wasBilled {
			if err := w.finalBilling(ctx, t, m); err != nil {
				return "", err
			}
		}
		if err := w.inspect(ctx, t, m, o, c); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no RMA waiting for its unit")
	}
	if o.Missing != "" && done[0].ComponentsDue != nil {
		note = strings.TrimSpace(note + fmt.Sprintf("\nThe returned unit lacks: %s. Please ship these by %s; after that they will be charged.",
			o.Missing, w.d.pol.CustomerDate(*done[0].ComponentsDue)))
	}
	return numbers(done) + " received", w.customerUpdate(ctx, t, "rma_received", done, note)
}

// inspect applies what the warehouse found in the box: customer-induced
// damage is charged as the policy says, missing components start a clock.
func (w *work) inspect(ctx context.Context, t *store.Ticket, m *store.RMA, rc Received, c Cause) error {
	rules := w.d.pol.Returns
	if rules.AdvanceOnly && m.Type != store.RMAAdvance {
		// The charges are terms of the advance replacement: what the
		// warehouse found is recorded and told, nothing is charged.
		rules.MissingComponents, rules.Damage = policy.Period{}, ""
	}
	if rc.Missing != "" && !rules.MissingComponents.IsZero() {
		due := w.d.pol.Deadline(w.now, rules.MissingComponents)
		m.MissingComponents, m.ComponentsDue = rc.Missing, &due
	}
	if rc.Damaged {
		m.Damaged = true
	}
	if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if rc.Damaged && rules.Damage == "msrp" {
		var msrp *string
		if a, err := store.AssetBySerial(ctx, w.tx, m.SerialNumber); err == nil {
			msrp = a.MSRP
			if a.Currency != "" {
				m.Currency = a.Currency
			}
		}
		return w.charge(ctx, t, m, "damage", msrp, "Customer-induced damage was found on the returned unit: the MSRP of the replacement is charged.", c)
	}
	return nil
}

func (w *work) componentsArrived(ctx context.Context, t *store.Ticket, picked []*store.RMA, c Cause) (string, error) {
	var done []*store.RMA
	for _, m := range picked {
		if m.ComponentsDue == nil {
			continue
		}
		m.ComponentsDue = nil
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return "", fmt.Errorf("workflow: %w", err)
		}
		if err := w.rmaEvent(ctx, *m, m.Status, m.Status, c, "missing components arrived: "+m.MissingComponents); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no RMA is waiting for missing components")
	}
	return numbers(done) + ": missing components received", w.customerUpdate(ctx, t, "rma_received", done, "The missing components arrived too.")
}

// startReturnClock sets when an advance replacement's defective unit is
// due, if the policy counts from event (approval, shipped, delivered).
func (w *work) startReturnClock(m *store.RMA, event string) {
	if p := w.d.pol.Advance; p.ReturnFrom == event && !p.ReturnWithin.IsZero() {
		due := w.d.pol.Deadline(w.now, p.ReturnWithin)
		m.ReturnDue = &due
	}
}
