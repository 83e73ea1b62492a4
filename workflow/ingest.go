package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/parser"
	"rmad/store"
)

// ingestTx records the message and routes it, inside tx.
//
// Its automatic answers are counted in ac, which the caller writes before
// the commit (autoCounts says why).
func (d *Desk) ingestTx(ctx context.Context, tx pgx.Tx, ac *autoCounts, mb Mailbox, in Inbound, m prepared) (Result, error) {
	p := m.parse
	var to []string
	for _, a := range append(append([]parser.Address{}, p.To...), p.Cc...) {
		to = append(to, a.Address)
	}
	var sent *time.Time
	if !p.Date.IsZero() {
		t := p.Date
		sent = &t
	}
	row := store.Message{
		MessageID: p.MessageID, ContentHash: m.hash, Mailbox: in.Mailbox,
		FromAddress: p.From.Address, FromName: p.From.Name, ToAddresses: to, Subject: p.Subject,
		Class: string(p.Class), Outcome: store.OutcomePending, SentAt: sent, ReceivedAt: in.At,
		Raw: m.raw, RawSize: m.rawSize, Truncated: m.truncated, Parse: m.parseJSON,
	}
	if !m.readable {
		row.Class = "unreadable"
	}
	// One statement stores the message and the fetch it came in by. A
	// fetch already recorded was committed by another process first (or
	// before a crash): a replay.
	id, inserted, fresh, err := store.InsertMessageCopy(ctx, tx, row, in.UIDValidity, in.UID)
	if err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	if !fresh {
		return Result{Outcome: store.OutcomeReplay}, nil
	}
	if !inserted {
		// Another copy of a message already processed (sent to support@ and
		// rma@, or re-fetched after a UIDVALIDITY change): note it, no reply.
		_, ticket, err := store.FindMessage(ctx, tx, p.MessageID, m.hash)
		if err != nil {
			return Result{}, fmt.Errorf("workflow: %w", err)
		}
		res := Result{Outcome: store.OutcomeDuplicate}
		if ticket != nil {
			t, err := store.TicketByID(ctx, tx, *ticket, false)
			if err != nil {
				return Result{}, fmt.Errorf("workflow: %w", err)
			}
			res.Ticket = t.Ref
			if err := store.AddEvent(ctx, tx, store.Event{TicketID: t.ID, At: in.At, Kind: "copy",
				Detail: fmt.Sprintf("another copy arrived in mailbox %s (uid %d)", in.Mailbox, in.UID), Message: &id}); err != nil {
				return Result{}, fmt.Errorf("workflow: %w", err)
			}
		}
		return res, nil
	}
	mi := &mailIn{m: m, msgID: id}
	r := &run{work: &work{d: d, tx: tx, now: in.At, mail: mi, tally: ac}, mailIn: mi, mb: mb}
	res, err := r.route(ctx)
	if err != nil {
		return Result{}, err
	}
	if err := store.SetMessageTicket(ctx, tx, id, r.ticketID, res.Outcome); err != nil {
		return Result{}, fmt.Errorf("workflow: %w", err)
	}
	res.Queued = r.queued
	return res, nil
}

// run is routing one message: a unit of work that answers a mail.
type run struct {
	*work
	*mailIn
	mb       Mailbox
	ticketID *int64
}

func (r *run) route(ctx context.Context) (Result, error) {
	p := r.m.parse
	if !r.m.readable {
		return Result{Outcome: store.OutcomeUnreadable}, nil
	}
	if r.d.isDeskAddress(p.From.Address) || r.d.ownMessageID(p.MessageID) != "" {
		return r.recordOnly(ctx, store.OutcomeOwn)
	}
	switch p.Class {
	case parser.Bounce:
		return r.recordOnly(ctx, store.OutcomeBounce)
	case parser.AutoReply:
		return r.recordOnly(ctx, store.OutcomeAutoReply)
	}
	r.auth = r.d.senderAuth(p)
	ticket, via, err := r.findTicket(ctx)
	if err != nil {
		return Result{}, err
	}
	from := p.From.Address
	switch {
	case ticket != nil && r.d.isAgent(from):
		if why := r.agentRefusal(ticket); why != "" {
			return r.stranger(ctx, ticket, why)
		}
		return r.agentReply(ctx, ticket)
	case ticket != nil && (strings.EqualFold(from, ticket.CustomerAddress) || isParticipant(ticket, from)):
		if why := r.customerRefusal(via); why != "" {
			// "Any news on RMA-100042?" in a new mail: the answer goes to the
			// ticket's customer, whoever wrote, and changes nothing.
			// Such a mail is anyone's to forge: one answer an hour per ticket.
			if via == viaRef && r.auth.Failed == "" && r.asksForNews(customerAdds(p), len(p.Units) > 0) {
				claimed, err := store.ClaimTicketStage(ctx, r.tx, ticket.ID, "status:"+r.now.UTC().Format("2006-01-02T15"), r.now)
				if err != nil {
					return Result{}, err
				}
				if claimed {
					if err := r.answerNews(ctx, ticket); err != nil {
						return Result{}, err
					}
				}
			}
			return r.unverified(ctx, ticket, why)
		}
		return r.followUp(ctx, ticket)
	case ticket != nil:
		return r.stranger(ctx, ticket, "The sender is neither the ticket's customer nor an agent.")
	}
	if from == "" {
		// Nobody to answer and nobody to ticket it for: keep it, tell no one.
		return Result{Outcome: store.OutcomeNoSender}, nil
	}
	return r.newTicket(ctx, nil)
}

// agentRefusal says why a mail from an agent's address may not act as an
// agent on t, or "" when it may. A From header is trivial to forge, so
// authority comes from replying to a mail the desk sent to agents (whose
// signed Message-ID a customer never receives), and from the receiving
// server's word when trusted_authserv_id is set.
func (r *run) agentRefusal(t *store.Ticket) string {
	a := r.auth
	switch {
	case a.Failed != "":
		return "The sender is listed as an agent, but the message failed sender authentication (" + a.Failed + "), so it may be forged."
	case a.Configured && !a.Pass:
		return "The sender is listed as an agent, but the message did not pass sender authentication: " + a.Why + "."
	case !r.signedFor(t, AudienceAgents, AudienceFinance):
		return "The sender is listed as an agent, but the message is not a reply to a mail the desk sent to agents about this ticket " +
			"(no agents' signed Message-ID in In-Reply-To/References), so it may be forged or may answer the customer's copy."
	}
	return ""
}

// customerRefusal says why a mail from the ticket's customer address is only
// recorded, or "" when it is a follow-up.
func (r *run) customerRefusal(via foundVia) string {
	switch {
	case r.auth.Failed != "":
		return "The message claims to be from the customer but failed sender authentication (" + r.auth.Failed + ")."
	case via == viaRef:
		return "The message names the ticket only by its reference (subject or text) and does not reply to the thread, " +
			"so it may come from anyone who knows the customer's address and the reference. Nothing in it was acted on."
	}
	return ""
}

// recordOnly ties a message that is never answered to its ticket, if it has one.
func (r *run) recordOnly(ctx context.Context, outcome store.Outcome) (Result, error) {
	t, _, err := r.findTicket(ctx)
	if err != nil {
		return Result{}, err
	}
	res := Result{Outcome: outcome}
	if t != nil {
		res.Ticket = t.Ref
		r.ticketID = &t.ID
		detail := r.m.parse.Subject
		if b := r.m.parse.BounceInfo; b != nil {
			detail = fmt.Sprintf("%s %s %s", b.Action, b.Recipient, b.Status)
		}
		if err := r.event(ctx, t.ID, string(outcome), detail); err != nil {
			return Result{}, err
		}
		if outcome == store.OutcomeBounce {
			if err := r.bounced(ctx, t, detail); err != nil {
				return Result{}, err
			}
		}
	}
	return res, nil
}

// bounced shows the agents a bounce of the ticket's mail: a delivery that
// failed for good, at most once an hour per ticket (a mail server's
// repeats, or a forger replaying one, do not flood them). A delay is only
// recorded.
func (r *run) bounced(ctx context.Context, t *store.Ticket, detail string) error {
	b := r.m.parse.BounceInfo
	if b != nil && b.Action != "" && !strings.EqualFold(b.Action, "failed") {
		return nil
	}
	// Only a report returning a mail the desk sent about t (its signed
	// Message-ID) is shown: a ref in the subject or a customer's id is
	// anyone's to forge, one notice per open ticket.
	if b == nil {
		return nil
	}
	if s, ok := r.d.parseOwnID(b.MessageID); !ok || s.Ref != t.Ref {
		return nil
	}
	claimed, err := store.ClaimTicketStage(ctx, r.tx, t.ID, "bounce:"+r.now.UTC().Format("2006-01-02T15"), r.now)
	if err != nil || !claimed {
		return err
	}
	// The report's own text is not repeated: it is the sender's words,
	// links and all, in a mail agents trust.
	return r.undelivered(ctx, t, "A mail server returned the desk's mail as undeliverable ("+detail+").")
}

// foundVia is how a message was tied to its ticket.
type foundVia int

const (
	viaNone   foundVia = iota
	viaThread          // a Message-ID of the thread in In-Reply-To/References
	viaRef             // only a ticket ref in the subject or the text
)

// maxRefsTried bounds the registry of refs looked up for one message: a mail
// listing a thousand made-up refs costs a handful of lookups.
const maxRefsTried = 5

// findTicket follows In-Reply-To, References (newest first), our own signed
// Message-IDs and the refs in the subject or text, in that order.
func (r *run) findTicket(ctx context.Context) (*store.Ticket, foundVia, error) {
	p := r.m.parse
	var ids []string
	if b := p.BounceInfo; b != nil && b.MessageID != "" {
		// A bounce names what bounced in the headers it returns.
		ids = append(ids, b.MessageID)
	}
	if p.InReplyTo != "" {
		ids = append(ids, p.InReplyTo)
	}
	for i := len(p.References) - 1; i >= 0; i-- {
		ids = append(ids, p.References[i])
	}
	if len(ids) > 0 {
		id, err := store.TicketByThreadIDs(ctx, r.tx, ids)
		if err == nil {
			t, lerr := r.lockTicket(ctx, id)
			if lerr != nil || t.State != store.TicketPurged {
				return t, viaThread, lerr
			}
			// Purged while this mail waited for the lock: a fresh ticket.
			err = store.ErrNotFound
		}
		if !errors.Is(err, store.ErrNotFound) {
			return nil, viaNone, fmt.Errorf("workflow: %w", err)
		}
		for _, mid := range ids {
			if ref := r.d.ownMessageID(mid); ref != "" {
				t, err := r.liveTicketByRef(ctx, ref)
				if !errors.Is(err, store.ErrNotFound) {
					return t, viaThread, err
				}
			}
		}
	}
	for i, ref := range p.TicketRefs {
		if i == maxRefsTried {
			break
		}
		t, err := r.liveTicketByRef(ctx, ref)
		if !errors.Is(err, store.ErrNotFound) {
			return t, viaRef, err
		}
	}
	return nil, viaNone, nil
}

// TicketRef maps a ticket ref or an RMA number (RMA-n, RMA-n-k for the
// ticket's k-th unit) to the ticket's ref TKT-n.
func TicketRef(ref string) string {
	ref = strings.ToUpper(strings.TrimSpace(ref))
	if n, ok := strings.CutPrefix(ref, "RMA-"); ok {
		n, _, _ = strings.Cut(n, "-")
		return "TKT-" + n
	}
	return ref
}

// ticketByRef accepts TKT-n and RMA-n[-k] (an RMA shares its ticket's
// number) and locks the ticket; store.ErrNotFound when there is none.
func (w *work) ticketByRef(ctx context.Context, ref string) (*store.Ticket, error) {
	t, err := store.TicketByRef(ctx, w.tx, TicketRef(ref))
	if err != nil {
		return nil, fmt.Errorf("workflow: ticket %s: %w", ref, err)
	}
	return w.lockTicket(ctx, t.ID)
}

func (w *work) lockTicket(ctx context.Context, id int64) (*store.Ticket, error) {
	t, err := store.TicketByID(ctx, w.tx, id, true)
	if err != nil {
		return nil, fmt.Errorf("workflow: %w", err)
	}
	return &t, nil
}

func (w *work) event(ctx context.Context, ticket int64, kind, detail string) error {
	var msg *int64
	if w.mail != nil && w.mail.msgID != 0 {
		msg = &w.mail.msgID
	}
	if err := store.AddEvent(ctx, w.tx, store.Event{TicketID: ticket, At: w.now, Kind: kind, Detail: detail, Message: msg}); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	return w.agentActed(ctx, ticket, kind)
}

// signedFor reports whether the message replies to a mail the desk sent
// about t to one of the audiences: one of its In-Reply-To/References is our
// HMAC-signed Message-ID naming t and that audience. Only someone who
// received that mail can know it.
func (r *run) signedFor(t *store.Ticket, auds ...Audience) bool {
	p := r.m.parse
	for _, id := range append([]string{p.InReplyTo}, p.References...) {
		if id == "" {
			continue
		}
		s, ok := r.d.parseOwnID(id)
		if !ok || s.Ref != t.Ref {
			continue
		}
		for _, a := range auds {
			if s.Audience == a {
				return true
			}
		}
	}
	return false
}

// customerSigned: the message answers a mail the desk sent the customer
// about t, which is what lets a mail steer goods or money.
func (r *run) customerSigned(t *store.Ticket) bool {
	return r.signedFor(t, AudienceCustomer, audienceLegacy)
}
