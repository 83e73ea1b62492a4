package workflow

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/parser"
	"rmad/policy"
	"rmad/store"
)

// userError is a command that cannot be done as asked: the agent is told
// why and nothing changes.
type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

func refusef(format string, a ...any) error { return userError{fmt.Sprintf(format, a...)} }

// CommandHelp is what #help answers.
const CommandHelp = `Commands go at the top of your reply, one per line:
  #approve [standard|advance|doa] [RMA-n]  issue the RMA number(s) with return instructions
  #reject REASON                           refuse the RMA request; the customer is told why
  #rma                                     turn this support ticket into an RMA request
  #shipped CARRIER TRACKING [RMA-n]        the advance replacement has shipped
  #delivered [RMA-n]                       the replacement reached the customer
  #received [RMA-n] [NOTE]                 the returned unit arrived (stops reminders and billing)
  #void [RMA-n] REASON                     void an RMA number
  #quote AMOUNT CURRENCY [RMA-n]           send an out-of-warranty quote
  #paid [RMA-n]                            finance confirms payment
  #set FIELD=VALUE ...                     correct or supply a field (e.g. card_authorization=on_file)
  #confirm ship_to                         accept the new ship-to address the customer asked for after approval
  #note TEXT                               internal note, never sent to the customer
  #workaround                              your reply gives a workaround: the case closes if the customer does not answer in time
  #close / #reopen                         close or reopen the ticket
  #help                                    this list
Anything below the commands is relayed to the customer.`

var rmaArg = regexp.MustCompile(`(?i)^RMA-\d+(-\d+)?$`)

// targetArgs splits a leading RMA number off a command's arguments.
func targetArgs(args string) (string, string) {
	f := strings.Fields(args)
	if len(f) > 0 && rmaArg.MatchString(f[0]) {
		return strings.ToUpper(f[0]), strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(args), f[0]))
	}
	return "", strings.TrimSpace(args)
}

// runCommands executes an agent's commands in order and returns one line
// per command for the confirmation mail.
func (r *run) runCommands(ctx context.Context, t *store.Ticket, cmds []parser.Command, c Cause) ([]string, error) {
	var out []string
	for _, cmd := range cmds {
		res, err := r.commandAtomically(ctx, t, cmd, c)
		var ue userError
		switch {
		case errors.As(err, &ue):
			out = append(out, fmt.Sprintf("#%s %s: NOT DONE: %s", cmd.Name, cmd.Args, ue.msg))
			if err := r.event(ctx, t.ID, "command_refused", "#"+cmd.Name+" "+cmd.Args+": "+ue.msg); err != nil {
				return nil, err
			}
		case err != nil:
			return nil, err
		default:
			out = append(out, fmt.Sprintf("#%s %s: %s", cmd.Name, cmd.Args, res))
			if err := r.event(ctx, t.ID, "command", "#"+cmd.Name+" "+cmd.Args+" by "+c.Actor); err != nil {
				return nil, err
			}
		}
	}
	t.UpdatedAt = r.in.At
	if err := store.UpdateTicket(ctx, r.tx, *t); err != nil {
		return nil, fmt.Errorf("workflow: %w", err)
	}
	return out, nil
}

// commandAtomically runs one command in a savepoint: a command refused
// half-way (a bad pair in #set) changes nothing, in the database or in t.
func (r *run) commandAtomically(ctx context.Context, t *store.Ticket, cmd parser.Command, c Cause) (string, error) {
	outer, queued := r.tx, r.queued
	sp, err := outer.Begin(ctx)
	if err != nil {
		return "", fmt.Errorf("workflow: savepoint: %w", err)
	}
	r.tx = sp
	res, err := r.command(ctx, t, cmd, c)
	r.tx = outer
	var ue userError
	if errors.As(err, &ue) {
		if rerr := sp.Rollback(ctx); rerr != nil {
			return "", fmt.Errorf("workflow: rollback to savepoint: %w", rerr)
		}
		r.queued = queued
		fresh, lerr := store.TicketByID(ctx, outer, t.ID, false)
		if lerr != nil {
			return "", fmt.Errorf("workflow: %w", lerr)
		}
		*t = fresh
		return "", err
	}
	if err != nil {
		return "", err
	}
	if err := sp.Commit(ctx); err != nil {
		return "", fmt.Errorf("workflow: release savepoint: %w", err)
	}
	return res, nil
}

func (r *run) command(ctx context.Context, t *store.Ticket, cmd parser.Command, c Cause) (string, error) {
	target, args := targetArgs(cmd.Args)
	switch cmd.Name {
	case "help":
		return "see the list below", nil
	case "note":
		if args == "" {
			return "", refusef("#note needs a text")
		}
		return "noted (internal)", r.event(ctx, t.ID, "note", args)
	case "close":
		now := r.in.At
		t.State, t.ClosedAt, t.WaitingSince = StateClosed, &now, nil
		if _, err := store.CancelClockMail(ctx, r.tx, t.ID, 0); err != nil {
			return "", err
		}
		return "ticket closed", nil
	case "workaround":
		if t.State == StateClosed {
			return "", refusef("the ticket is closed")
		}
		now := r.in.At
		t.State, t.WaitingSince = StateAwaitingCustomer, &now
		w := r.d.pol.Clocks.WorkaroundClose
		if w.IsZero() {
			return "waiting for the customer's answer", nil
		}
		return "waiting for the customer's answer; closes " + r.d.deadlineWords(ptr(r.d.pol.Deadline(now, w))) + " without one", nil
	case "reopen":
		if t.State != StateClosed {
			return "", refusef("the ticket is not closed")
		}
		t.ClosedAt = nil
		t.State = StateOpen
		if len(t.Missing) > 0 {
			t.State = StateAwaitingInfo
		}
		return "ticket reopened", nil
	case "set":
		return r.cmdSet(ctx, t, args, c)
	case "confirm":
		return r.cmdConfirm(ctx, t, args, c)
	case "rma":
		return r.cmdRMA(ctx, t, c)
	case "approve":
		return r.cmdApprove(ctx, t, target, args, c)
	}
	rmas, err := store.TicketRMAs(ctx, r.tx, t.ID, true)
	if err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if len(rmas) == 0 {
		return "", refusef("%s has no RMA yet", t.Ref)
	}
	var picked []*store.RMA
	for i := range rmas {
		if target == "" || rmas[i].Number == target {
			picked = append(picked, &rmas[i])
		}
	}
	if len(picked) == 0 {
		return "", refusef("%s is not an RMA of %s", target, t.Ref)
	}
	switch cmd.Name {
	case "shipped":
		return r.cmdShipped(ctx, t, picked, args, c)
	case "delivered":
		return r.cmdDelivered(ctx, t, picked, c)
	case "received":
		return r.cmdReceived(ctx, t, picked, args, c)
	case "void":
		return r.cmdVoid(ctx, t, picked, args, c)
	case "reject":
		return r.cmdReject(ctx, t, picked, args, c)
	case "quote":
		return r.cmdQuote(ctx, t, picked, args, c)
	case "paid":
		return r.cmdPaid(ctx, picked, c)
	}
	return "", refusef("unknown command #%s (#help lists them)", cmd.Name)
}

// settable are the fields #set may change beyond the policy's fields.
var settable = map[string]bool{"card_authorization": true, "shipped_with_other": true, "customer_pays_freight": true,
	"address_confirmed": true,
	"contact_name":      true, "company": true, "email": true, "phone": true, "ship_to": true, "bill_to": true,
	"po_number": true, "invoice_number": true, "invoice_date": true, "problem": true, "severity": true}

func (r *run) cmdSet(ctx context.Context, t *store.Ticket, args string, c Cause) (string, error) {
	pairs := splitAssignments(args)
	if len(pairs) == 0 {
		return "", refusef("#set needs FIELD=VALUE")
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
		case policy.IsUnitField(k):
			for len(t.Units) < unit {
				t.Units = append(t.Units, map[string]string{})
			}
			t.Units[unit-1][k] = v
			if k == "serial_number" || k == "model" || k == "part_number" {
				if err := r.syncRMAUnit(ctx, t, unit, k, v); err != nil {
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
	var err error
	if t.Missing, err = r.computeMissing(ctx, t); err != nil {
		return "", err
	}
	if t.State != StateClosed {
		t.State = StateOpen
		if len(t.Missing) > 0 {
			t.State = StateAwaitingInfo
		}
	}
	result := "set " + strings.Join(done, ", ")
	// A precondition may now hold (card on file, a street address).
	tmpl, d, err := r.retryBlocked(ctx, t, c)
	if err != nil {
		return "", err
	}
	if tmpl == "rma_issued" {
		if err := r.queue(ctx, t, outMail{template: tmpl, to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: d}); err != nil {
			return "", err
		}
		result += "; RMA issued and the customer told"
	}
	return result, nil
}

// cmdConfirm accepts what the customer proposed and the desk held for an
// agent: today, a new ship-to address after approval.
func (r *run) cmdConfirm(ctx context.Context, t *store.Ticket, args string, c Cause) (string, error) {
	if f := strings.ToLower(strings.TrimSpace(args)); f != "ship_to" && f != "ship-to" {
		return "", refusef("#confirm takes ship_to, not %q", args)
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
	if err := r.event(ctx, t.ID, "ship_to_confirmed", "ship-to set to "+p+" by "+c.Actor); err != nil {
		return "", err
	}
	result := "ship-to is now " + p
	tmpl, d, err := r.retryBlocked(ctx, t, c)
	if err != nil {
		return "", err
	}
	if tmpl == "rma_issued" {
		if err := r.queue(ctx, t, outMail{template: tmpl, to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: d}); err != nil {
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

func (r *run) syncRMAUnit(ctx context.Context, t *store.Ticket, unit int, k, v string) error {
	rmas, err := store.TicketRMAs(ctx, r.tx, t.ID, true)
	if err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	for i := range rmas {
		if rmas[i].UnitIndex != unit {
			continue
		}
		switch k {
		case "serial_number":
			rmas[i].SerialNumber = v
		case "model":
			rmas[i].Model = v
		case "part_number":
			rmas[i].PartNumber = v
		}
		if rmas[i].Status == RMARequested {
			e, err := r.entitlement(ctx, t, rmas[i])
			if err != nil {
				return err
			}
			applyEntitlement(&rmas[i], e)
		}
		if err := store.UpdateRMA(ctx, r.tx, rmas[i]); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
	}
	return nil
}

func (r *run) cmdRMA(ctx context.Context, t *store.Ticket, c Cause) (string, error) {
	if t.Kind == "rma" {
		return "", refusef("%s is already an RMA request", t.Ref)
	}
	t.Kind = "rma"
	var err error
	if t.Missing, err = r.computeMissing(ctx, t); err != nil {
		return "", err
	}
	if len(t.Missing) > 0 {
		t.State = StateAwaitingInfo
		if err := r.queue(ctx, t, outMail{template: "rma_needed", to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: r.data(t)}); err != nil {
			return "", err
		}
		return "now an RMA request; the customer was asked for: " + strings.Join(t.Missing, ", "), nil
	}
	t.State = StateOpen
	tmpl, d, err := r.afterComplete(ctx, t, c)
	if err != nil {
		return "", err
	}
	if err := r.queue(ctx, t, outMail{template: tmpl, to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: d}); err != nil {
		return "", err
	}
	return "now an RMA request, complete: " + strings.TrimPrefix(tmpl, "rma_"), nil
}

func (r *run) cmdApprove(ctx context.Context, t *store.Ticket, target, args string, c Cause) (string, error) {
	typ := strings.ToLower(strings.TrimSpace(args))
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
			labels = append(labels, r.d.pol.Label(f))
		}
		return "", refusef("still missing: %s (supply them with #set)", strings.Join(labels, ", "))
	}
	rmas, err := r.ensureRMAs(ctx, t, c)
	if err != nil {
		return "", err
	}
	var issued, blocked []store.RMA
	var lines, why []string
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
		w, err := r.issue(ctx, t, rmas, m, typ, c)
		if err != nil {
			return "", err
		}
		if w != "" {
			blocked = append(blocked, *m)
			why = append(why, m.Number+": "+w)
			lines = append(lines, m.Number+" waits for "+strings.Join(m.BlockedOn, ", "))
			continue
		}
		issued = append(issued, *m)
		line := m.Number + " issued as " + m.Type
		if m.ShipDate != nil {
			line += ", replacement ships " + r.d.deadlineWords(m.ShipDate)
		}
		if m.ReturnDue != nil {
			line += ", due " + r.d.deadlineWords(m.ReturnDue)
		}
		if m.VoidAt != nil {
			line += ", void after " + r.d.deadlineWords(m.VoidAt)
		}
		lines = append(lines, line)
	}
	if len(issued)+len(blocked) == 0 {
		return "", refusef("no requested RMA to approve")
	}
	d := r.data(t)
	if len(issued) > 0 {
		if err := r.queue(ctx, t, outMail{template: "rma_issued", to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: r.rmaData(d, issued)}); err != nil {
			return "", err
		}
	}
	if len(blocked) > 0 {
		bd := r.rmaData(r.data(t), blocked)
		bd.Blocked = strings.Join(why, "\n")
		if err := r.queue(ctx, t, outMail{template: "rma_review", to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: bd}); err != nil {
			return "", err
		}
	}
	return strings.Join(lines, "; "), nil
}

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

// charge records a one-off charge on the RMA (so the finance digest lists
// it until #paid) and tells finance and the customer.
func (r *run) charge(ctx context.Context, t *store.Ticket, m *store.RMA, stage string, amount *string, note string, c Cause) error {
	if claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, stage, r.in.At, true); err != nil || !claimed {
		return err
	}
	now := r.in.At
	if amount != nil {
		total := money(cents(m.Amount) + cents(amount))
		m.Amount = &total
	}
	if m.BilledAt == nil {
		m.BilledAt = &now
	}
	m.PaidAt = nil
	if err := store.UpdateRMA(ctx, r.tx, *m); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if err := r.rmaEvent(ctx, *m, m.Status, m.Status, c, stage+" charged"); err != nil {
		return err
	}
	shown := *m
	shown.Amount = amount
	return r.billingMails(ctx, t, &shown, stage, note)
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

func (r *run) cmdVoid(ctx context.Context, t *store.Ticket, picked []*store.RMA, reason string, c Cause) (string, error) {
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
		now := r.in.At
		m.VoidedAt = &now
		if err := r.setStatus(ctx, m, RMAVoided, c, reason); err != nil {
			return "", err
		}
		if _, err := store.CancelClockMail(ctx, r.tx, t.ID, m.ID); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no RMA that can be voided")
	}
	return numbers(done) + " voided", r.customerUpdate(ctx, t, "rma_voided", done, reason)
}

func (r *run) cmdReject(ctx context.Context, t *store.Ticket, picked []*store.RMA, reason string, c Cause) (string, error) {
	if reason == "" {
		return "", refusef("#reject needs a reason")
	}
	var done []*store.RMA
	for _, m := range picked {
		if m.Status != RMARequested && m.Status != RMAQuoted {
			continue
		}
		if err := r.setStatus(ctx, m, RMARejected, c, reason); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no requested RMA to reject")
	}
	return numbers(done) + " rejected", r.customerUpdate(ctx, t, "rma_rejected", done, reason)
}

var amountRe = regexp.MustCompile(`^\d+(\.\d{1,2})?$`)

func (r *run) cmdQuote(ctx context.Context, t *store.Ticket, picked []*store.RMA, args string, c Cause) (string, error) {
	f := strings.Fields(args)
	if len(f) != 2 || !amountRe.MatchString(f[0]) || len(f[1]) != 3 {
		return "", refusef("#quote needs AMOUNT CURRENCY, e.g. #quote 250.00 USD")
	}
	var done []*store.RMA
	for _, m := range picked {
		if m.Status != RMARequested {
			continue
		}
		amt, cur := f[0], strings.ToUpper(f[1])
		now := r.in.At
		m.QuoteAmount, m.QuoteCurrency, m.QuotedAt = &amt, cur, &now
		if err := r.setStatus(ctx, m, RMAQuoted, c, cur+" "+amt); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no requested RMA to quote")
	}
	note := ""
	if qa := r.d.pol.OutOfWarranty.QuoteAnswer; !qa.IsZero() {
		note = "Please reply to accept or decline by " + r.d.pol.CustomerDate(r.d.pol.Deadline(r.in.At, qa)) + "; a quote not answered by then counts as not accepted."
		if fee := r.d.pol.OutOfWarranty.PrecheckFee; fee.Cents > 0 {
			note += fmt.Sprintf(" If you decline, a pre-check fee of %s %s per unit applies.", r.d.pol.OutOfWarranty.Currency, fee)
		}
	}
	return numbers(done) + " quoted " + strings.ToUpper(f[1]) + " " + f[0], r.customerUpdate(ctx, t, "rma_quote", done, note)
}

func (r *run) cmdPaid(ctx context.Context, picked []*store.RMA, c Cause) (string, error) {
	var done []*store.RMA
	for _, m := range picked {
		owes := m.BilledAt != nil && m.PaidAt == nil
		if m.Status != RMAQuoted && !owes {
			continue
		}
		now := r.in.At
		m.PaidAt = &now
		to := m.Status
		if owes && m.ReceivedAt != nil {
			// The unit is back and the bill settled: nothing is left open.
			to = RMAClosed
			m.ClosedAt = &now
		}
		if err := r.setStatus(ctx, m, to, c, "paid"); err != nil {
			return "", err
		}
		done = append(done, m)
	}
	if len(done) == 0 {
		return "", refusef("no unpaid bill or quote to mark paid")
	}
	return numbers(done) + " paid", nil
}

func numbers(ms []*store.RMA) string {
	var n []string
	for _, m := range ms {
		n = append(n, m.Number)
	}
	return strings.Join(n, ", ")
}

func dueNote(d *Desk, ms []*store.RMA) string {
	for _, m := range ms {
		if m.ReturnDue != nil {
			return "; defective unit due back " + d.deadlineWords(m.ReturnDue)
		}
	}
	return ""
}

// Command runs one agent command from the CLI (rmad rma ..., rmad ticket
// set) in its own transaction, exactly as the mail command would.
func (d *Desk) Command(ctx context.Context, ref string, cmd parser.Command, actor string, at time.Time) (string, error) {
	var result string
	err := pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		r := &run{d: d, tx: tx, in: Inbound{At: at}, m: prepared{parse: &parser.Message{}}}
		t, err := r.ticketByRef(ctx, ref)
		if err != nil {
			return err
		}
		if t == nil {
			return fmt.Errorf("%s: %w", ref, store.ErrNotFound)
		}
		if strings.HasPrefix(strings.ToUpper(ref), "RMA-") {
			// An RMA number names one unit: the command acts on it alone.
			cmd.Args = strings.TrimSpace(strings.ToUpper(ref) + " " + cmd.Args)
		}
		r.mb, _ = d.mailbox(t.Mailbox)
		res, err := r.command(ctx, t, cmd, Cause{Kind: "cli", Actor: actor})
		if err != nil {
			return err
		}
		if err := r.event(ctx, t.ID, "command", "#"+cmd.Name+" "+cmd.Args+" by "+actor); err != nil {
			return err
		}
		t.UpdatedAt = at
		if err := store.UpdateTicket(ctx, tx, *t); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		result = res
		if r.queued > 0 && d.queued != nil {
			defer d.queued()
		}
		return nil
	})
	return result, err
}

// IsRefusal reports whether err is a command refused as asked (exit 2 on the CLI).
func IsRefusal(err error) bool {
	var ue userError
	return errors.As(err, &ue)
}

func ptr[T any](v T) *T { return &v }

// finalBilling tells finance the final amount when a billed unit arrives
// (QNAP's per-day fee stops running; the others are told it is back).
func (r *run) finalBilling(ctx context.Context, t *store.Ticket, m *store.RMA) error {
	b := r.d.pol.Advance.Billing
	note := "The defective unit arrived on " + r.d.pol.CustomerDate(r.in.At) + "."
	stage := "received"
	if b.Kind == "per_day" && m.ReturnDue != nil {
		if claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, "final", r.in.At, true); err != nil || !claimed {
			return err
		}
		var msrp *string
		if a, err := store.AssetBySerial(ctx, r.tx, m.SerialNumber); err == nil {
			msrp = a.MSRP
		}
		days, c, _ := lateAmount(*m.ReturnDue, r.in.At, r.d.pol.Location, b.PerDay.Cents, cents(msrp))
		amt := money(c)
		m.Amount = &amt
		if err := store.UpdateRMA(ctx, r.tx, *m); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		stage = "final"
		note += fmt.Sprintf(" Final amount for %d day(s) late.", days)
	}
	d := r.rmaData(r.data(t), []store.RMA{*m})
	d.Note, d.Stage, d.BillingKind = note, stage, b.Kind
	d.Amount = m.Currency + " " + orDash(deref(m.Amount))
	if f := r.d.cfg.People.Finance; f != "" {
		return r.queue(ctx, t, outMail{template: "finance_billing", to: []string{f}, audience: AudienceFinance, auto: "auto-generated", data: d, rma: &m.ID})
	}
	return nil
}
