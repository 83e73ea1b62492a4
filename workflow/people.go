package workflow

import (
	"context"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"rmad/parser"
	"rmad/store"
)

// maxParticipants bounds who is copied on one ticket's mail: a customer's
// team, not a mailing list.
const maxParticipants = 10

// ownerOnly are the customer mails that tell coverage or money: they go to
// the ticket's customer (the address the registry knows) and no one else.
var ownerOnly = map[string]bool{
	"rma_review": true, "rma_issued": true, "customer_billing": true,
	"rma_quote": true, "quote_final": true, "quote_expired": true, "quote_disposed": true,
	// These state what a late return costs, or the coverage a returned unit
	// has now.
	"rma_shipped": true, "rma_delivered": true, "rma_reminder": true, "rma_sent_back": true,
}

// participantsOf reads who the first message copied: the addresses on its
// To and Cc that are neither the desk, an agent nor the sender. Those of the
// sender's own organisation become participants; others (a reseller, a
// freemail address, anyone when the message failed authentication) are
// only proposed to the agents, who add them with #cc add: otherwise anyone
// could have the desk mail strangers by putting them on Cc.
func (w *work) participantsOf(p *parser.Message) (added, proposed []string) {
	org := rateDomain(rateKey(p.From.Address))
	a := w.sender()
	authentic := a.Failed == "" && (!a.Configured || a.Pass)
	seen := map[string]bool{strings.ToLower(p.From.Address): true}
	for _, a := range slices.Concat(p.To, p.Cc) {
		addr := strings.ToLower(strings.TrimSpace(a.Address))
		if addr == "" || seen[addr] || w.d.isDeskAddress(addr) || w.d.isAgent(addr) || !plainAddress(addr) {
			continue
		}
		seen[addr] = true
		switch {
		case len(added)+len(proposed) >= maxParticipants:
			return added, proposed
		case org != "" && authentic && rateDomain(rateKey(addr)) == org:
			added = append(added, addr)
		default:
			proposed = append(proposed, addr)
		}
	}
	return added, proposed
}

// plainAddress is a bare addr-spec the desk can put on Cc.
func plainAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && strings.EqualFold(a.Address, s) && strings.Count(s, "@") == 1
}

// isParticipant says whether addr is copied on t's customer mail.
func isParticipant(t *store.Ticket, addr string) bool {
	return addr != "" && slices.ContainsFunc(t.Participants, func(p string) bool { return strings.EqualFold(p, addr) })
}

// ccFor is who a customer mail of template on t is copied to.
func ccFor(t *store.Ticket, template string, to []string) []string {
	if ownerOnly[template] {
		return nil
	}
	var cc []string
	for _, p := range t.Participants {
		if !slices.ContainsFunc(to, func(a string) bool { return strings.EqualFold(a, p) }) {
			cc = append(cc, p)
		}
	}
	return cc
}

// agentsFor is where notices of what the customer side said on t go: its
// owner when an agent has taken it (and notify as well when configured),
// else notify.
func (w *work) agentsFor(t *store.Ticket) []string {
	if t.Owner == "" {
		return w.d.cfg.People.Notify
	}
	if !w.d.cfg.People.NotifyOwned {
		return []string{t.Owner}
	}
	out := []string{t.Owner}
	for _, a := range w.d.cfg.People.Notify {
		if !strings.EqualFold(a, t.Owner) {
			out = append(out, a)
		}
	}
	return out
}

// setParticipants checks and stores t's new participant list.
func (w *work) setParticipants(t *store.Ticket, addrs []string) error {
	var out []string
	for _, a := range addrs {
		a = strings.ToLower(strings.TrimSpace(a))
		switch {
		case a == "":
			continue
		case !plainAddress(a):
			return refusef("%q is not an address", a)
		case w.d.isDeskAddress(a) || w.d.isAgent(a):
			return refusef("%s is the desk's or an agent's address; agents see the ticket anyway", a)
		case strings.EqualFold(a, t.CustomerAddress):
			return refusef("%s is the ticket's customer", a)
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	if len(out) > maxParticipants {
		return refusef("at most %d addresses may be copied on a ticket", maxParticipants)
	}
	t.Participants = out
	return nil
}

// Cc adds or removes people copied on the ticket's customer mail.
type Cc struct {
	Remove bool
	Addrs  []string
}

func (o Cc) String() string {
	verb := "add"
	if o.Remove {
		verb = "remove"
	}
	return "#cc " + verb + " " + strings.Join(o.Addrs, " ")
}

func (o Cc) apply(_ context.Context, w *work, t *store.Ticket, _ Cause) (string, error) {
	if len(o.Addrs) == 0 {
		return "", refusef("#cc add ADDRESS or #cc remove ADDRESS")
	}
	next := slices.Clone(t.Participants)
	for _, a := range o.Addrs {
		a = strings.ToLower(strings.Trim(a, "<>,; "))
		if o.Remove {
			if !isParticipant(t, a) {
				return "", refusef("%s is not copied on %s", a, t.Ref)
			}
			next = slices.DeleteFunc(next, func(p string) bool { return strings.EqualFold(p, a) })
			continue
		}
		next = append(next, a)
	}
	if err := w.setParticipants(t, next); err != nil {
		return "", err
	}
	return "copied on customer mail: " + orNone(t.Participants), nil
}

// Take makes the agent who sent it the ticket's owner.
type Take struct{}

func (Take) String() string { return "#take" }

func (Take) apply(_ context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	if !w.d.isAgent(c.Actor) {
		return "", refusef("#take needs an agent's address; use #assign ADDRESS or rmad ticket set REF owner=ADDRESS")
	}
	t.Owner = strings.ToLower(c.Actor)
	return "the ticket is yours: the customer's replies now come to you", nil
}

// Assign gives the ticket to another agent.
type Assign struct{ Agent string }

func (o Assign) String() string { return "#assign " + o.Agent }

func (o Assign) apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error) {
	a := strings.ToLower(strings.Trim(o.Agent, "<>,; "))
	if !plainAddress(a) || !w.d.isAgent(a) {
		return "", refusef("#assign needs an agent's address (people.agents), not %q", o.Agent)
	}
	t.Owner = a
	if strings.EqualFold(a, c.Actor) {
		return "the ticket is yours", nil
	}
	d := w.data(t)
	d.Note = fmt.Sprintf("%s assigned %s to you.", orDash(c.Actor), t.Ref)
	if err := w.queue(ctx, t, outMail{template: "agent_assigned", to: []string{a}, audience: AudienceAgents, auto: "auto-generated", data: d}); err != nil {
		return "", err
	}
	return "assigned to " + a, nil
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "no one"
	}
	return strings.Join(s, ", ")
}

// setPeople applies the cc= and owner= pairs of a #set (the CLI's `rmad
// ticket set REF cc=a@x,b@y owner=dana@x`) and returns the other pairs.
func (w *work) setPeople(t *store.Ticket, pairs [][2]string) (rest [][2]string, result string, err error) {
	var done []string
	for _, kv := range pairs {
		k, v := strings.ToLower(strings.TrimSpace(kv[0])), strings.TrimSpace(kv[1])
		switch k {
		case "cc":
			if err := w.setParticipants(t, strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })); err != nil {
				return nil, "", err
			}
			done = append(done, "copied on customer mail: "+orNone(t.Participants))
		case "owner":
			v = strings.ToLower(v)
			if v != "" && (!plainAddress(v) || !w.d.isAgent(v)) {
				return nil, "", refusef("owner must be an agent's address (people.agents), not %q", v)
			}
			t.Owner = v
			done = append(done, "owner: "+firstNonEmpty(v, "no one"))
		default:
			rest = append(rest, kv)
		}
	}
	return rest, strings.Join(done, "; "), nil
}

// fromCustomer says whether the mail being answered is the ticket's
// customer's own, not a participant's.
func (r *run) fromCustomer(t *store.Ticket) bool {
	return strings.EqualFold(r.m.parse.From.Address, t.CustomerAddress)
}

const notSigned = "the mail does not reply to a mail the desk sent the customer"

// notSteering says why the mail being answered may not change where goods
// go or who pays on t, or "" when it may.
func (r *run) notSteering(t *store.Ticket) string {
	switch {
	case !r.customerSigned(t):
		return notSigned
	case !r.fromCustomer(t):
		return r.m.parse.From.Address + " is copied on the ticket, and only the customer decides where goods go and who pays"
	}
	return ""
}

// ccScope is the hourly counter of automatic answers copied to an address.
func ccScope(key string) string { return "cc:" + key }

// capCc keeps, of the people an automatic answer copies, those still under
// the hourly caps, and counts the answer against each: a Cc line must not
// multiply what one forged mail can make the desk send. Who was left out
// is recorded on the ticket.
func (w *work) capCc(ctx context.Context, t *store.Ticket, cc []string) ([]string, error) {
	var kept, dropped []string
	for _, addr := range cc {
		why, err := w.ccLimit(ctx, t, rateKey(addr))
		if err != nil {
			return nil, err
		}
		if why != "" {
			dropped = append(dropped, addr+" ("+why+")")
			continue
		}
		kept = append(kept, addr)
	}
	if len(dropped) > 0 {
		if err := w.event(ctx, t.ID, "cc_held", "not copied on an automatic answer: "+strings.Join(dropped, "; ")); err != nil {
			return nil, err
		}
	}
	return kept, nil
}

// ccLimit is rateLimit for an address copied on an automatic answer: its
// answers as a customer and its copies count together. A copy it lets
// through is counted at once.
func (w *work) ccLimit(ctx context.Context, t *store.Ticket, key string) (string, error) {
	dom := rateDomain(key)
	return w.admit(ctx, key, []string{ccScope(key), dom}, func(own int, est []float64) string {
		if float64(own)+est[0] >= float64(w.d.cfg.AutoReplyLimit) {
			return "its hourly limit of automatic answers"
		}
		if dom != "" && est[1] >= float64(w.d.cfg.AutoReplyDomainLimit) {
			return "the hourly limit of its domain " + dom
		}
		return ""
	}, func() {
		for _, scope := range []string{ccScope(key), dom, store.DeskScope} {
			if scope != "" {
				w.tally.add(scope, t.ID, w.now)
			}
		}
	})
}
