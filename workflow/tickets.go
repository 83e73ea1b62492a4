package workflow

import (
	"context"
	"fmt"
	"strings"

	"rmad/store"
)

// Ticket states (store owns the type).
const (
	StateAwaitingInfo     = store.TicketAwaitingInfo
	StateAwaitingCustomer = store.TicketAwaitingCustomer
	StateOpen             = store.TicketOpen
	StateClosed           = store.TicketClosed
)

// newTicket opens a ticket for the message; parent links a ticket opened by a
// reply to a closed one (policy closed_reply = "new").
func (r *run) newTicket(ctx context.Context, parent *store.Ticket) (Result, error) {
	p := r.m.parse
	var err error
	fields := fieldMap(p.Fields)
	held := ""
	if parent != nil && !r.customerSigned(parent) {
		// A reply to a closed ticket opens this one: what it says about
		// goods or money counts only from the customer's signed thread.
		held = r.holdGoods(fields, parent.Fields, notSigned)
	}
	if fields["email"] == "" {
		fields["email"] = p.From.Address
	}
	name := fields["contact_name"]
	if name == "" {
		name = p.From.Name
	}
	t := store.Ticket{
		// Ref stays empty: CreateTicket draws it from the sequence.
		Kind: r.mb.Role, Mailbox: r.mb.Name, DeskAddress: r.mb.Address,
		Subject: baseSubject(p.Subject), CustomerName: name, CustomerAddress: p.From.Address,
		Fields: fields, Units: unitMaps(p.Units), CreatedAt: r.now,
	}
	added, proposed := r.participantsOf(p)
	t.Participants = added
	if parent != nil {
		t.ParentID = &parent.ID
		t.Kind = parent.Kind
		t.Participants = parent.Participants
	}
	if len(proposed) > 0 {
		r.attention = append(r.attention, "Also on the message, not copied on the ticket's mail: "+strings.Join(proposed, ", ")+
			". Add them with #cc add ADDRESS if the customer wants them copied.")
	}
	capped := r.capUnits(&t, len(t.Units))
	if err := r.enrich(ctx, &t); err != nil {
		return Result{}, err
	}
	if t.Missing, err = r.computeMissing(ctx, &t); err != nil {
		return Result{}, err
	}
	t.State = StateOpen
	now := r.now
	t.CustomerReplied = &now
	if len(t.Missing) > 0 {
		t.State = StateAwaitingInfo
		t.WaitingSince = &now
	}
	t, err = store.CreateTicket(ctx, r.tx, t)
	if err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	r.ticketID = &t.ID
	r.created = t.ID
	if err := store.AddThreadIDs(ctx, r.tx, t.ID, p.MessageID); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	detail := "from " + t.CustomerAddress + " to " + r.mb.Address
	if parent != nil {
		detail += "; reply to closed " + parent.Ref
		if err := r.event(ctx, parent.ID, "followup_ticket", "the customer's reply opened "+t.Ref); err != nil {
			return Result{}, err
		}
	}
	if err := r.event(ctx, t.ID, "created", detail); err != nil {
		return Result{}, err
	}
	if err := r.noteCapped(ctx, &t, capped); err != nil {
		return Result{}, err
	}
	if held != "" {
		if err := r.event(ctx, t.ID, "steer_held", held); err != nil {
			return Result{}, err
		}
	}
	d := r.data(&t)
	template := "ack"
	if t.Kind == "rma" && len(t.Missing) == 0 {
		if template, d, err = r.afterComplete(ctx, &t, Cause{Kind: "message", Actor: t.CustomerAddress}); err != nil {
			return Result{}, err
		}
	}
	if err := r.autoAnswer(ctx, &t, template, &d); err != nil {
		return Result{}, err
	}
	if d.Earlier, err = r.earlierRMAs(ctx, &t); err != nil {
		return Result{}, err
	}
	files := r.customerFiles(&d)
	if err := r.queue(ctx, &t, outMail{template: "agent_new", to: r.agentsFor(&t), audience: AudienceAgents, auto: "auto-generated", data: d, files: files}); err != nil {
		return Result{}, err
	}
	return Result{Outcome: store.OutcomeCreated, Ticket: t.Ref}, nil
}

// followUp adds a customer's reply to their ticket.
func (r *run) followUp(ctx context.Context, t *store.Ticket) (Result, error) {
	p := r.m.parse
	r.ticketID = &t.ID
	reopened := false
	if t.State == StateClosed {
		if r.d.pol.ClosedReply == "new" {
			return r.newTicket(ctx, t)
		}
		reopened = true
		t.ClosedAt = nil
		if err := r.event(ctx, t.ID, "reopened", "the customer replied to the closed ticket"); err != nil {
			return Result{}, err
		}
	}
	if err := store.AddThreadIDs(ctx, r.tx, t.ID, p.MessageID); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	wasMissing := len(t.Missing)
	add := customerAdds(p)
	rmas, err := store.TicketRMAs(ctx, r.tx, t.ID, true)
	if err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	unblock, err := r.steering(ctx, t, rmas, add)
	if err != nil {
		return Result{}, err
	}
	filled := mergeFields(t.Fields, add)
	var unitsChanged bool
	t.Units, unitsChanged = mergeUnits(t.Units, unitMaps(p.Units))
	if err := r.noteCapped(ctx, t, r.capUnits(t, len(t.Units))); err != nil {
		return Result{}, err
	}
	if t.CustomerName == "" && t.Fields["contact_name"] != "" {
		t.CustomerName = t.Fields["contact_name"]
	}
	if err := r.enrich(ctx, t); err != nil {
		return Result{}, err
	}
	if t.Missing, err = r.computeMissing(ctx, t); err != nil {
		return Result{}, err
	}
	now := r.now
	t.CustomerReplied = &now
	if len(t.Missing) > 0 {
		t.State = StateAwaitingInfo
		t.WaitingSince = &now // the customer's clock starts again
	} else {
		t.State = StateOpen
		t.WaitingSince = nil
	}
	t.UpdatedAt = r.now
	if err := store.UpdateTicket(ctx, r.tx, *t); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	// A reminder queued but not sent is moot once the customer has written.
	if _, err := store.CancelClockMail(ctx, r.tx, t.ID, 0); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	detail := "customer replied"
	if len(filled) > 0 || unitsChanged {
		detail = fmt.Sprintf("customer supplied %s", strings.Join(append(filled, unitNote(unitsChanged)...), ", "))
	}
	if err := r.event(ctx, t.ID, "followup", detail); err != nil {
		return Result{}, err
	}
	d := r.data(t)
	d.Reopened = reopened
	template := ""
	switch {
	case reopened:
		template = "reopened"
	case unblock:
		if template, d, err = r.retryBlocked(ctx, t, Cause{Kind: "message", Actor: t.CustomerAddress}); err != nil {
			return Result{}, err
		}
	case wasMissing > 0 && len(t.Missing) == 0 && t.Kind == "rma":
		if template, d, err = r.afterComplete(ctx, t, Cause{Kind: "message", Actor: t.CustomerAddress}); err != nil {
			return Result{}, err
		}
	case wasMissing > 0 && len(t.Missing) == 0:
		template = "complete"
	case len(t.Missing) > 0 && len(t.Missing) < wasMissing:
		template = "still_missing"
	case len(r.m.dropped) > 0:
		template = "still_missing"
		if len(t.Missing) == 0 {
			template = "complete"
		}
	}
	switch {
	case template != "":
		if err := r.autoAnswer(ctx, t, template, &d); err != nil {
			return Result{}, err
		}
	case r.asksForNews(add, unitsChanged):
		if err := r.answerNews(ctx, t); err != nil {
			return Result{}, err
		}
	}
	files := r.customerFiles(&d)
	if err := r.queue(ctx, t, outMail{template: "agent_followup", to: r.agentsFor(t), audience: AudienceAgents, auto: "auto-generated", data: d, files: files}); err != nil {
		return Result{}, err
	}
	return Result{Outcome: store.OutcomeFollowUp, Ticket: t.Ref}, nil
}

func unitNote(changed bool) []string {
	if changed {
		return []string{"unit details"}
	}
	return nil
}

// agentReply relays an agent's answer to the customer, from the desk address.
func (r *run) agentReply(ctx context.Context, t *store.Ticket) (Result, error) {
	p := r.m.parse
	r.ticketID = &t.ID
	if err := store.AddThreadIDs(ctx, r.tx, t.ID, p.MessageID); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	text := strings.TrimSpace(p.Text)
	if len(p.Commands) > 0 {
		// The command lines never reach the customer; what follows them does.
		text = stripCommandLines(text)
		results, err := r.runCommands(ctx, t, p.Commands, Cause{Kind: "command", Actor: p.From.Address})
		if err != nil {
			return Result{}, err
		}
		d := r.data(t)
		d.Results = results
		rmas, err := store.TicketRMAs(ctx, r.tx, t.ID, false)
		if err != nil {
			return Result{}, fmt.Errorf("workflow: %w", err)
		}
		d = r.rmaData(d, rmas)
		for _, c := range p.Commands {
			if c.Name == "help" {
				d.Note = CommandHelp
			}
		}
		if err := r.queue(ctx, t, outMail{template: "agent_result", to: []string{p.From.Address}, audience: AudienceAgents, auto: "auto-generated", data: d}); err != nil {
			return Result{}, err
		}
	}
	d := r.data(t)
	d.Text = text
	files := r.agentFiles(&d)
	if text == "" && len(files) == 0 {
		if err := r.event(ctx, t.ID, "agent_message", "from "+p.From.Address+", nothing to relay"); err != nil {
			return Result{}, err
		}
		return Result{Outcome: store.OutcomeAgent, Ticket: t.Ref}, nil
	}
	if why, err := r.relayHold(ctx, t); err != nil || why != "" {
		if err != nil {
			return Result{}, err
		}
		// Recorded only: a notice to the agents could answer an agent's
		// responder and start the loop this prevents.
		if err := r.event(ctx, t.ID, "relay_held", "from "+p.From.Address+": "+why); err != nil {
			return Result{}, err
		}
		return Result{Outcome: store.OutcomeAgent, Ticket: t.Ref}, nil
	}
	if err := r.queue(ctx, t, outMail{template: "relay", to: []string{t.CustomerAddress}, audience: AudienceCustomer, data: d, files: files}); err != nil {
		return Result{}, err
	}
	detail := "reply from " + p.From.Address + " relayed to " + t.CustomerAddress
	if len(files) > 0 {
		detail += fmt.Sprintf(" with %d file(s): %s", len(files), strings.Join(d.Files, ", "))
	}
	if err := r.event(ctx, t.ID, "relayed", detail); err != nil {
		return Result{}, err
	}
	t.UpdatedAt = r.now
	if err := store.UpdateTicket(ctx, r.tx, *t); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	return Result{Outcome: store.OutcomeRelayed, Ticket: t.Ref}, nil
}

func stripCommandLines(text string) string {
	lines := strings.Split(text, "\n")
	i := 0
	for i < len(lines) {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "#") {
			break
		}
		i++
	}
	return strings.TrimSpace(strings.Join(lines[i:], "\n"))
}

// unverified records a message that claims to be the customer's but cannot
// prove it, and shows it to agents; nothing in it is acted on and nothing is
// sent to the sender.
func (r *run) unverified(ctx context.Context, t *store.Ticket, why string) (Result, error) {
	return r.heldForAgents(ctx, t, store.OutcomeUnverified, why)
}

// stranger records a message written into a ticket's thread by someone who
// may not see it, and tells the agents; nothing goes to the sender.
func (r *run) stranger(ctx context.Context, t *store.Ticket, why string) (Result, error) {
	return r.heldForAgents(ctx, t, store.OutcomeStranger, why)
}

// heldForAgents records a message the desk does not act on, and why, and
// shows it to the agents.
func (r *run) heldForAgents(ctx context.Context, t *store.Ticket, outcome store.Outcome, why string) (Result, error) {
	r.ticketID = &t.ID
	if err := r.event(ctx, t.ID, string(outcome), r.m.parse.From.Address+": "+why); err != nil {
		return Result{}, err
	}
	d := r.data(t)
	d.Reason = why
	d.Unverified = outcome == store.OutcomeUnverified
	if err := r.queue(ctx, t, outMail{template: "agent_stranger", to: r.d.cfg.People.Notify, audience: AudienceAgents, auto: store.AutoGenerated, data: d}); err != nil {
		return Result{}, err
	}
	return Result{Outcome: outcome, Ticket: t.Ref}, nil
}

// earlierRMAs lists, for the agents' notice, the RMAs the ticket's units had
// before: a unit back for the third time is worth knowing about.
func (w *work) earlierRMAs(ctx context.Context, t *store.Ticket) ([]string, error) {
	var serials []string
	for _, u := range t.Units {
		if s := strings.TrimSpace(u["serial_number"]); s != "" {
			serials = append(serials, s)
		}
	}
	if len(serials) == 0 {
		return nil, nil
	}
	hs, err := store.EarlierRMAs(ctx, w.tx, serials, t.ID, 10)
	if err != nil {
		return nil, fmt.Errorf("workflow: %w", err)
	}
	var out []string
	for _, h := range hs {
		out = append(out, fmt.Sprintf("%s (serial number %s, %s, requested %s)", h.Number, h.Serial, h.Status, w.d.pol.CustomerDate(h.RequestedAt)))
	}
	return out, nil
}
