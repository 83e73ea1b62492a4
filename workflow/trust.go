package workflow

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"rmad/registry"
	"rmad/store"
)

// goodsFields direct goods or money: where a replacement goes, who is
// invoiced, and how the desk reaches the customer. A mail changes them only
// when it answers a mail the desk sent the customer.
var goodsFields = []string{"ship_to", "bill_to", "email", "phone"}

// steering applies, or holds back, what a customer's follow-up says about
// goods and money. add is the follow-up's fields; what may not be merged
// is removed from it. It reports whether an RMA waiting on the customer's
// confirmation of the ship-to address may now go ahead.
func (r *run) steering(ctx context.Context, t *store.Ticket, rmas []store.RMA, add map[string]string) (bool, error) {
	if !r.customerSigned(t) {
		var held []string
		for _, f := range goodsFields {
			if v := add[f]; v != "" {
				if t.Fields[f] != v {
					held = append(held, f+" = "+shorten(v, 200))
				}
				delete(add, f)
			}
		}
		if len(held) > 0 {
			why := "not applied, because the mail does not reply to a mail the desk sent the customer: " + strings.Join(held, "; ")
			r.attention = append(r.attention, "The customer's mail gave "+why+". Apply with #set if it is genuine.")
			return false, r.event(ctx, t.ID, "steer_held", why)
		}
		return false, nil
	}
	if !anyApproved(rmas) {
		return false, nil // before approval the gaps fill as any field does
	}
	proposed := add["ship_to"]
	delete(add, "ship_to") // after approval a new address is a proposal, never applied by mail
	if proposed != "" && sameAddress(proposed, t.Fields["ship_to"]) {
		proposed = ""
	}
	if proposed != "" {
		t.Fields["ship_to_proposed"] = proposed
		r.attention = append(r.attention, "The customer asks for the replacement to go to a new address: "+shorten(proposed, 300)+
			". Nothing ships until an agent answers #confirm ship_to (or sets another with #set ship_to=...).")
		return false, r.event(ctx, t.ID, "ship_to_proposed", "the customer asked to ship to: "+proposed)
	}
	for _, m := range rmas {
		for _, b := range m.BlockedOn {
			if b == "address_confirmed" && t.Fields["ship_to_proposed"] == "" {
				// Asked to confirm the ship-to address, the customer answered
				// in the thread without naming another one.
				t.Fields["address_confirmed"] = "yes"
				return true, nil
			}
		}
	}
	return false, nil
}

// anyApproved: an agent or the desk has approved one of the RMAs (issued,
// or approved and waiting for a precondition).
func anyApproved(rmas []store.RMA) bool {
	for _, m := range rmas {
		if m.IssuedAt != nil || len(m.BlockedOn) > 0 || (m.Status != RMARequested && m.Status != RMAQuoted) {
			return true
		}
	}
	return false
}

var spaceOrComma = regexp.MustCompile(`[\s,.;]+`)

func sameAddress(a, b string) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.TrimSpace(spaceOrComma.ReplaceAllString(s, " ")))
	}
	return norm(a) == norm(b)
}

// autoAnswer queues an automatic answer to the customer unless something
// says it must be held; a held answer is recorded and shown to agents in d.
func (r *run) autoAnswer(ctx context.Context, t *store.Ticket, template string, d *mailData) error {
	why, err := r.holdReason(ctx, t)
	if err != nil {
		return err
	}
	if why != "" {
		d.Held = why
		return r.event(ctx, t.ID, "no_auto_reply", why)
	}
	return r.queue(ctx, t, outMail{template: template, to: []string{t.CustomerAddress}, audience: AudienceCustomer, auto: "auto-replied", data: *d})
}

// holdReason says why no automatic answer may go to t's customer now, or "".
func (r *run) holdReason(ctx context.Context, t *store.Ticket) (string, error) {
	p := r.m.parse
	switch {
	case p.List:
		// RFC 3834 section 2: no automatic answers to list traffic.
		return "it is mailing-list traffic", nil
	case r.auth.Failed != "":
		// Backscatter: a forged sender would receive the answer.
		return "the message failed sender authentication (" + r.auth.Failed + ")", nil
	case p.AutoReplyHint != "":
		return "the message may be an automatic reply (" + p.AutoReplyHint + "); answer it yourself if a person wrote it", nil
	}
	return r.rateLimit(ctx, t.CustomerAddress)
}

// rateLimit applies the hourly caps on automatic answers: per sender (a
// +tag is the same mailbox), per domain (freemail domains excepted: their
// users are unrelated people), and for the whole desk.
func (r *run) rateLimit(ctx context.Context, addr string) (string, error) {
	key := rateKey(addr)
	since := r.in.At.Add(-time.Hour)
	n, err := store.CountAutoReplies(ctx, r.tx, key, since, r.d.cfg.AutoReplyLimit)
	if err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if n >= r.d.cfg.AutoReplyLimit {
		return fmt.Sprintf("%s has had %d automatic answers in the last hour (the limit)", key, n), nil
	}
	if dom := domainOf(key); !registry.IsFreemail(dom) {
		n, err := store.CountAutoRepliesDomain(ctx, r.tx, dom, since, r.d.cfg.AutoReplyDomainLimit)
		if err != nil {
			return "", fmt.Errorf("workflow: %w", err)
		}
		if n >= r.d.cfg.AutoReplyDomainLimit {
			return fmt.Sprintf("the domain %s has had %d automatic answers in the last hour (the limit)", dom, n), nil
		}
	}
	n, err = store.CountAutoRepliesAll(ctx, r.tx, since, r.d.cfg.AutoReplyDeskLimit)
	if err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if n >= r.d.cfg.AutoReplyDeskLimit {
		return fmt.Sprintf("the desk has sent %d automatic answers in the last hour (the limit)", n), nil
	}
	return "", nil
}

// rateKey is the mailbox an address reaches: lower-cased, without a +tag
// (jane+1@x and jane+2@x are one person's inbox), without Gmail's dots.
func rateKey(addr string) string {
	addr = strings.ToLower(strings.TrimSpace(addr))
	local, dom, ok := strings.Cut(addr, "@")
	if !ok {
		return addr
	}
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	if dom == "gmail.com" || dom == "googlemail.com" {
		// Gmail ignores dots in the local part: j.a.n.e@ is jane@.
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + dom
}

var urlish = regexp.MustCompile(`(?i)\b(https?://|www\.)\S*`)

// echo is sender-written text the desk repeats in an automatic answer (the
// subject, the name in the greeting): short, and without links, so the
// desk's answers are worthless as a spammer's carrier.
func echo(s string, n int) string {
	s = urlish.ReplaceAllString(s, "")
	return shorten(strings.Join(strings.Fields(s), " "), n)
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}

// autoIssueRefusal says why the desk may not issue t's RMAs on its own, or
// "" when the policy's automatic approval may go ahead.
func (r *run) autoIssueRefusal(t *store.Ticket, rmas []store.RMA, owner ownership, c Cause) string {
	switch {
	case owner == ownerOther:
		return "a unit is registered to someone else"
	case owner == ownerDomain:
		return "the sender matches the registered owner by domain only, not by address"
	case r.unitsCapped:
		return fmt.Sprintf("the request lists more units than the desk handles on its own (%d)", r.d.cfg.MaxUnits)
	}
	verified := c.Kind == "message" && r.auth.Pass
	for _, m := range rmas {
		if m.Status == RMARequested && (m.Type == "advance" || m.Type == "doa") && !verified {
			// A replacement that ships before anything comes back is worth
			// forging a From header for.
			return "an " + string(m.Type) + " replacement ships before the unit comes back, and the sender is not authenticated (" +
				firstNonEmpty(r.auth.Why, "the request was not made by the customer's own mail") + ")"
		}
	}
	return ""
}

// capUnits keeps at most the desk's limit of units on a ticket: a mail
// listing a thousand units does not become a thousand RMAs. It returns what
// to record when it cut, or "".
func (r *run) capUnits(t *store.Ticket, listed int) string {
	limit := r.d.cfg.MaxUnits
	if len(t.Units) <= limit {
		return ""
	}
	t.Units = t.Units[:limit]
	r.unitsCapped = true
	why := fmt.Sprintf("the mail lists %d units; the first %d are kept and nothing is issued automatically", listed, limit)
	r.attention = append(r.attention, "Too many units: "+why+". Decide with the customer how to proceed.")
	return why
}

// noteCapped records a cut made by capUnits on t.
func (r *run) noteCapped(ctx context.Context, t *store.Ticket, why string) error {
	if why == "" {
		return nil
	}
	return r.event(ctx, t.ID, "too_many_units", why)
}
