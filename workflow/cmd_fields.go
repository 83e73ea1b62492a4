package workflow

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rmad/policy"
	"rmad/store"
)

// settable are the fields #set may change beyond the policy's fields.
var settable = map[string]bool{"card_authorization": true, "shipped_with_other": true, "customer_pays_freight": true,
	"address_confirmed": true,
	"contact_name":      true, "company": true, "email": true, "phone": true, "ship_to": true, "bill_to": true,
	"po_number": true, "invoice_number": true, "invoice_date": true, "delivery_date": true, "same_fault": true, "problem": true, "severity": true}

func (o Set) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	pairs := o.Pairs
	if len(pairs) == 0 {
		return "", refusef("#set needs FIELD=VALUE")
	}
	// Who is on the ticket is not a field of the case: setting it changes
	// no state and no entitlement.
	pairs, people, err := w.setPeople(t, pairs)
	if err != nil || len(pairs) == 0 {
		return people, err
	}
	var done []string
	for _, kv := range pairs {
		k, v := strings.ToLower(strings.TrimSpace(kv[0])), strings.TrimSpace(kv[1])
		unit := 1
		if u, f, ok := strings.Cut(k, "."); ok && strings.HasPrefix(u, "unit") {
			n, err := strconv.Atoi(strings.TrimPrefix(u, "unit"))
			if err != nil || n < 1 {
				return "", refusef("%s: unit must be unit1, unit2, ...", k)
			}
			unit, k = n, f
		}
		switch {
		case rmaFields[k]:
			if err := w.setRMAField(ctx, t, unit, k, v); err != nil {
				return "", err
			}
		case policy.IsUnitField(k):
			for len(t.Units) < unit {
				t.Units = append(t.Units, map[string]string{})
			}
			t.Units[unit-1][k] = v
			if k == "serial_number" || k == "model" || k == "part_number" {
				if err := w.syncRMAUnit(ctx, t, unit, k, v); err != nil {
					return "", err
				}
			}
		case settable[k]:
			if k == "invoice_date" {
				if _, err := time.Parse("2006-01-02", v); err != nil {
					return "", refusef("invoice_date must be YYYY-MM-DD, not %q", v)
				}
			}
			t.Fields[k] = v
			if k == "ship_to" {
				// The agent has decided where the replacement goes.
				delete(t.Fields, "ship_to_proposed")
			}
		default:
			return "", refusef("unknown field %q", k)
		}
		done = append(done, k+"="+v)
	}
	if t.Missing, err = w.computeMissing(ctx, t); err != nil {
		return "", err
	}
	for _, kv := range pairs {
		if coverageFields[strings.ToLower(strings.TrimSpace(kv[0]))] {
			if err := w.reentitle(ctx, t); err != nil {
				return "", err
			}
			break
		}
	}
	if t.State != StateClosed {
		t.State = StateOpen
		if len(t.Missing) > 0 {
			t.State = StateAwaitingInfo
		}
	}
	result := "set " + strings.Join(done, ", ")
	if people != "" {
		result += "; " + people
	}
	// A precondition may now hold (card on file, a street address).
	return w.issueUnblocked(ctx, t, c, result)
}

// Confirm accepts what the customer proposed and the desk held for an
// agent: today, a new ship-to address after approval.
func (o Confirm) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	if f := strings.ToLower(strings.TrimSpace(o.Field)); f != "ship_to" && f != "ship-to" {
		return "", refusef("#confirm takes ship_to, not %q", o.Field)
	}
	p := t.Fields["ship_to_proposed"]
	if p == "" {
		return "", refusef("the customer has not proposed a new ship-to address")
	}
	t.Fields["ship_to"] = p
	// The customer gave the address in their signed thread: that is the
	// confirmation a precondition asks for.
	t.Fields["address_confirmed"] = "yes"
	delete(t.Fields, "ship_to_proposed")
	if err := w.event(ctx, t.ID, "ship_to_confirmed", "ship-to set to "+p+" by "+c.Actor); err != nil {
		return "", err
	}
	return w.issueUnblocked(ctx, t, c, "ship-to is now "+p)
}

// issueUnblocked issues the ticket's RMAs whose preconditions now hold and
// tells the customer; result is what the command did so far.
func (w *work) issueUnblocked(ctx context.Context, t *store.Ticket, c Cause, result string) (string, error) {
	tmpl, d, err := w.retryBlocked(ctx, t, c)
	if err != nil {
		return "", err
	}
	if tmpl == "rma_issued" {
		if err := w.queue(ctx, t, outMail{template: tmpl, to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: d}); err != nil {
			return "", err
		}
		result += "; RMA issued and the customer told"
	}
	return result, nil
}

// splitAssignments reads "a=b c=d e" as [a b] [c "d e"]: a value runs to the
// next word that contains "=".
func splitAssignments(s string) [][2]string {
	var out [][2]string
	for _, w := range strings.Fields(s) {
		if k, v, ok := strings.Cut(w, "="); ok && k != "" {
			out = append(out, [2]string{k, v})
		} else if len(out) > 0 {
			out[len(out)-1][1] += " " + w
		}
	}
	return out
}

// rmaFields are what #set records on a unit's RMA rather than the ticket:
// what was shipped as its replacement, its price, and the unit's MSRP.
var rmaFields = map[string]bool{"replacement_part": true, "replacement_price": true, "msrp": true}

// setRMAField records k on the RMA of the ticket's unit. A price that
// completes an open bill is billed at once; an MSRP lets a held fee run at
// the next billing run.
func (w *work) setRMAField(ctx context.Context, t *store.Ticket, unit int, k, v string) error {
	if k != "replacement_part" {
		var err error
		if v, err = amount(k, v, true); err != nil {
			return err
		}
	}
	rmas, err := store.TicketRMAs(ctx, w.tx, t.ID, true)
	if err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	for i := range rmas {
		m := &rmas[i]
		if m.UnitIndex != unit {
			continue
		}
		switch k {
		case "replacement_part":
			m.ReplacementPart = v
		case "replacement_price":
			m.ReplacementPrice = &v
		case "msrp":
			m.MSRP = &v
		}
		if err := store.UpdateRMA(ctx, w.tx, *m); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		if k == "msrp" {
			return w.refee(ctx, t, m)
		}
		return w.completeBill(ctx, t, m)
	}
	return refusef("unit %d has no RMA yet", unit)
}

// coverageFields are the ticket fields entitlement reads.
var coverageFields = map[string]bool{"invoice_date": true, "delivery_date": true, "same_fault": true}

// reentitle decides again the coverage of t's requested RMAs, after a
// field it depends on changed: the agent sees the answer at once.
func (w *work) reentitle(ctx context.Context, t *store.Ticket) error {
	return w.eachTicketRMA(ctx, t, func(m *store.RMA) bool { return m.Status == RMARequested })
}

func (w *work) syncRMAUnit(ctx context.Context, t *store.Ticket, unit int, k, v string) error {
	return w.eachTicketRMA(ctx, t, func(m *store.RMA) bool {
		if m.UnitIndex != unit {
			return false
		}
		switch k {
		case "serial_number":
			m.SerialNumber = v
		case "model":
			m.Model = v
		case "part_number":
			m.PartNumber = v
		}
		return true
	})
}

// eachTicketRMA changes the RMAs of t that change picks (it reports which),
// decides the coverage of those still requested again, and stores them.
func (w *work) eachTicketRMA(ctx context.Context, t *store.Ticket, change func(m *store.RMA) bool) error {
	rmas, err := store.TicketRMAs(ctx, w.tx, t.ID, true)
	if err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	for i := range rmas {
		if !change(&rmas[i]) {
			continue
		}
		if rmas[i].Status == RMARequested {
			e, err := w.entitlement(ctx, t, rmas[i])
			if err != nil {
				return err
			}
			applyEntitlement(&rmas[i], e)
		}
		if err := store.UpdateRMA(ctx, w.tx, rmas[i]); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
	}
	return nil
}
