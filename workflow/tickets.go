package workflow

import (
	"context"
	"fmt"
	"strings"

	"rmad/store"
)

// Ticket states.
const (
	StateAwaitingInfo = "awaiting_info"
	StateOpen         = "open"
	StateClosed       = "closed"
)

// newTicket opens a ticket for the message; parent links a ticket opened by a
// reply to a closed one (policy closed_reply = "new").
func (r *run) newTicket(ctx context.Context, parent *store.Ticket) (Result, error) {
	p := r.m.parse
	n, err := store.NextTicketNumber(ctx, r.tx)
	if err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	fields := fieldMap(p.Fields)
	if fields["email"] == "" {
		fields["email"] = p.From.Address
	}
	units := unitMaps(p.Units)
	kind := r.mb.Role
	missing := missingFields(r.d.pol.RequiredFor(kind), fields, units)
	state := StateOpen
	if len(missing) > 0 {
		state = StateAwaitingInfo
	}
	name := fields["contact_name"]
	if name == "" {
		name = p.From.Name
	}
	t := store.Ticket{
		Ref: fmt.Sprintf("TKT-%d", n), Kind: kind, State: state, Mailbox: r.mb.Name, DeskAddress: r.mb.Address,
		Subject: baseSubject(p.Subject), CustomerName: name, CustomerAddress: p.From.Address,
		Fields: fields, Units: units, Missing: missing, CreatedAt: r.in.At,
	}
	if parent != nil {
		t.ParentID = &parent.ID
		t.Kind = parent.Kind
	}
	t, err = store.CreateTicket(ctx, r.tx, t)
	if err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	r.ticketID = &t.ID
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
	d := r.data(&t)
	if p.List {
		// RFC 3834 section 2: no automatic answers to list traffic.
		if err := r.event(ctx, t.ID, "no_auto_reply", "mailing-list message"); err != nil {
			return Result{}, err
		}
	} else if limited, err := r.rateLimited(ctx, t.CustomerAddress); err != nil {
		return Result{}, err
	} else if limited {
		d.RateLimited = true
		if err := r.event(ctx, t.ID, "rate_limited", "automatic answers to "+t.CustomerAddress+" reached the hourly limit"); err != nil {
			return Result{}, err
		}
	} else if err := r.queue(ctx, &t, outMail{template: "ack", to: []string{t.CustomerAddress}, audience: "customer", auto: "auto-replied", data: d}); err != nil {
		return Result{}, err
	}
	if err := r.queue(ctx, &t, outMail{template: "agent_new", to: r.d.cfg.People.Notify, audience: "agents", auto: "auto-generated", data: d}); err != nil {
		return Result{}, err
	}
	return Result{Outcome: "created", Ticket: t.Ref}, nil
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
	add := fieldMap(p.Fields)
	if strings.EqualFold(add["email"], p.From.Address) {
		delete(add, "email") // the parser's default, not something the customer said
	}
	filled := mergeFields(t.Fields, add)
	var unitsChanged bool
	t.Units, unitsChanged = mergeUnits(t.Units, unitMaps(p.Units))
	if t.CustomerName == "" && t.Fields["contact_name"] != "" {
		t.CustomerName = t.Fields["contact_name"]
	}
	t.Missing = missingFields(r.d.pol.RequiredFor(t.Kind), t.Fields, t.Units)
	if len(t.Missing) > 0 {
		t.State = StateAwaitingInfo
	} else {
		t.State = StateOpen
	}
	t.UpdatedAt = r.in.At
	if err := store.UpdateTicket(ctx, r.tx, *t); err != nil {
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
	if template != "" && !p.List {
		limited, err := r.rateLimited(ctx, t.CustomerAddress)
		if err != nil {
			return Result{}, err
		}
		if limited {
			if err := r.event(ctx, t.ID, "rate_limited", "automatic answers to "+t.CustomerAddress+" reached the hourly limit"); err != nil {
				return Result{}, err
			}
		} else if err := r.queue(ctx, t, outMail{template: template, to: []string{t.CustomerAddress}, audience: "customer", auto: "auto-replied", data: d}); err != nil {
			return Result{}, err
		}
	}
	if err := r.queue(ctx, t, outMail{template: "agent_followup", to: r.d.cfg.People.Notify, audience: "agents", auto: "auto-generated", data: d}); err != nil {
		return Result{}, err
	}
	return Result{Outcome: "followup", Ticket: t.Ref}, nil
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
		// Commands are handled by the RMA lifecycle; a reply that carries
		// them is not relayed verbatim: the command lines never reach the
		// customer.
		text = stripCommandLines(text)
		var names []string
		for _, c := range p.Commands {
			names = append(names, "#"+c.Name)
		}
		if err := r.event(ctx, t.ID, "commands", strings.Join(names, " ")); err != nil {
			return Result{}, err
		}
	}
	if text == "" {
		if err := r.event(ctx, t.ID, "agent_message", "from "+p.From.Address+", nothing to relay"); err != nil {
			return Result{}, err
		}
		return Result{Outcome: "agent", Ticket: t.Ref}, nil
	}
	d := r.data(t)
	d.Text = text
	if err := r.queue(ctx, t, outMail{template: "relay", to: []string{t.CustomerAddress}, audience: "customer", data: d}); err != nil {
		return Result{}, err
	}
	if err := r.event(ctx, t.ID, "relayed", "reply from "+p.From.Address+" relayed to "+t.CustomerAddress); err != nil {
		return Result{}, err
	}
	t.UpdatedAt = r.in.At
	if err := store.UpdateTicket(ctx, r.tx, *t); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	return Result{Outcome: "relayed", Ticket: t.Ref}, nil
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

// stranger records a message written into a ticket's thread by someone who
// may not see it, and tells the agents; nothing goes to the sender.
func (r *run) stranger(ctx context.Context, t *store.Ticket, why string) (Result, error) {
	r.ticketID = &t.ID
	if err := r.event(ctx, t.ID, "stranger", r.m.parse.From.Address+": "+why); err != nil {
		return Result{}, err
	}
	d := r.data(t)
	d.Reason = why
	if err := r.queue(ctx, t, outMail{template: "agent_stranger", to: r.d.cfg.People.Notify, audience: "agents", auto: "auto-generated", data: d}); err != nil {
		return Result{}, err
	}
	return Result{Outcome: "stranger", Ticket: t.Ref}, nil
}
