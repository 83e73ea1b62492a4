package workflow

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

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
	// Where goods go and who pays is the customer's to say, in the signed
	// thread: not a colleague's copied on it.
	if because := r.notSteering(t); because != "" {
		if why := r.holdGoods(add, t.Fields, because); why != "" {
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
		if !slices.Contains(m.BlockedOn, "address_confirmed") || t.Fields["ship_to_proposed"] != "" {
			continue
		}
		// Asked to confirm the ship-to address, the customer answered in
		// the thread without naming another one. Only a plain yes counts:
		// "No, that is not our address" or an out-of-office is not one.
		if r.autoHint(t) == "" && affirms(r.m.parse.Text) {
			t.Fields["address_confirmed"] = "yes"
			return true, nil
		}
		r.attention = append(r.attention, "The customer answered the request to confirm the ship-to address ("+
			shorten(t.Fields["ship_to"], 120)+") without a clear yes. Read the answer; confirm with #set address_confirmed=yes, or ask again.")
		return false, r.event(ctx, t.ID, "confirmation_unclear", "the answer to the ship-to confirmation is not a plain yes")
	}
	return false, nil
}

var (
	// A plain yes opens the answer: "Yes", "Yes, that address is right.",
	// "Correct, thanks", "Confirmed.", "OK, go ahead".
	yesStart = regexp.MustCompile(`(?i)^(yes|yeah|yep|confirmed|correct|i confirm|we confirm|that is (right|correct)|that's (right|correct)|this is (right|correct)|ok|okay|ja|oui|si)\b`)
	// Anything that asks, objects or redirects makes it not a plain yes.
	notPlain = regexp.MustCompile(`(?i)\?|\b(no|not|don'?t|never|wrong|incorrect|cancel|stop|hold|wait|but|instead|change|changed|different|moved|old|other|another|elsewhere|new|update|nein|nicht|non|pas|falsch)\b`)
	// Phrases with a negative word that still mean yes.
	stillYes  = regexp.MustCompile(`(?i)\b(no (problem|changes?|worries)|nothing (to change|else))\b`)
	courtesy  = regexp.MustCompile(`(?i)^(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|bonjour|hola|thank you|thanks|many thanks|much appreciated|appreciated|greetings)\b`)
	sigMarker = regexp.MustCompile(`^(--|__|—)\s*$`)
)

// affirms reports whether a reply is a plain yes: after an optional
// greeting, its first line says yes, and nothing up to the signature asks
// a question, objects or names something else. Short lines after it
// (thanks, a name) are a signature. Anything else is for an agent to read.
func affirms(text string) bool {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if sigMarker.MatchString(l) {
			break
		}
		if l != "" {
			lines = append(lines, l)
		}
	}
	// Greetings and thanks may come first ("Hello team, thank you for the
	// quick help."); nothing else may.
	for len(lines) > 0 && !yesStart.MatchString(lines[0]) && courtesy.MatchString(lines[0]) &&
		len(strings.Fields(lines[0])) <= 8 && !notPlain.MatchString(lines[0]) {
		lines = lines[1:]
	}
	if len(lines) == 0 || !yesStart.MatchString(lines[0]) {
		return false
	}
	for _, l := range lines[1:] {
		if len(strings.Fields(l)) > 5 {
			return false // more than thanks and a name: read by a person
		}
	}
	return !notPlain.MatchString(stillYes.ReplaceAllString(strings.Join(lines, " "), ""))
}

// holdGoods removes from fields what directs goods or money, when it
// differs from have, notes it for agents and returns what to record ("" when
// nothing was held).
func (r *run) holdGoods(fields, have map[string]string, because string) string {
	var held []string
	for _, f := range goodsFields {
		if v := fields[f]; v != "" && have[f] != v {
			held = append(held, f+" = "+shorten(v, 200))
			delete(fields, f)
		}
	}
	if len(held) == 0 {
		return ""
	}
	why := "not applied, because " + because + ": " + strings.Join(held, "; ")
	r.attention = append(r.attention, "The mail gave "+why+". Apply with #set if it is genuine.")
	return why
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

// autoHint is the parser's "this looks automatic" for the message on t,
// or "". A reply whose subject is the ticket's own subject ("Re: Vacation
// backup job fails") inherits no suspicion from it: a person chose that
// subject when the ticket was opened, and every reply repeats it.
func (r *run) autoHint(t *store.Ticket) string {
	h := r.m.parse.AutoReplyHint
	if h != "" && r.created != t.ID && strings.HasPrefix(h, "subject looks like") && baseSubject(r.m.parse.Subject) == t.Subject {
		return ""
	}
	return h
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
	if err := r.promiseReply(ctx, t, template, d); err != nil {
		return err
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
	case r.autoHint(t) != "":
		return "the message may be an automatic reply (" + r.autoHint(t) + "); answer it yourself if a person wrote it", nil
	}
	return r.rateLimit(ctx, t)
}

// rateLimit applies the hourly caps on automatic answers to t's customer:
// per sender (a +tag is the same mailbox), per domain (freemail domains
// excepted: their users are unrelated people), and for the whole desk. An
// answer it lets through is counted here, at the decision (queue does not
// count it again).
func (w *work) rateLimit(ctx context.Context, t *store.Ticket) (string, error) {
	key := rateKey(t.CustomerAddress)
	dom := rateDomain(key)
	// One read for all three caps; a scope "" is the desk's.
	return w.admit(ctx, key, []string{dom, store.DeskScope}, func(n int, est []float64) string {
		if n >= w.d.cfg.AutoReplyLimit {
			return fmt.Sprintf("%s has had %d automatic answers in the last hour (the limit)", key, n)
		}
		if dom != "" && est[0] >= float64(w.d.cfg.AutoReplyDomainLimit) {
			return fmt.Sprintf("the domain %s has had about %.0f automatic answers in the last hour (the limit)", dom, est[0])
		}
		if total := est[1]; total >= float64(w.d.cfg.AutoReplyDeskLimit) {
			return fmt.Sprintf("the desk has sent about %.0f automatic answers in the last hour (the limit)", total)
		}
		return ""
	}, func() {
		w.countAutoReply(t, key)
		if w.admitted == nil {
			w.admitted = map[string]int{}
		}
		w.admitted[key]++
	})
}

// countAutoReply adds an automatic answer to key to the desk's and its
// organisation's hourly counters.
func (w *work) countAutoReply(t *store.Ticket, key string) {
	w.tally.add(store.DeskScope, t.ID, w.now)
	w.tally.addSender(key)
	if dom := rateDomain(key); dom != "" {
		w.tally.add(dom, t.ID, w.now)
	}
}

// countQueued counts an automatic answer to key as it is queued, unless
// rateLimit counted it when it let it through.
func (w *work) countQueued(t *store.Ticket, key string) {
	if w.admitted[key] > 0 {
		w.admitted[key]--
		return
	}
	w.countAutoReply(t, key)
}

// rateKey is the mailbox an address reaches: lower-cased, without a +tag
// (jane+1@x and jane+2@x are one person's inbox), without Gmail's dots,
// googlemail.com as gmail.com.
func rateKey(addr string) string {
	addr = strings.ToLower(strings.TrimSpace(addr))
	i := strings.LastIndexByte(addr, '@')
	if i < 0 {
		return addr
	}
	local, dom := addr[:i], strings.TrimRight(addr[i+1:], ".")
	if a, err := idna.Lookup.ToASCII(dom); err == nil {
		dom = a
	}
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	if dom == "gmail.com" || dom == "googlemail.com" {
		// Gmail ignores dots in the local part (j.a.n.e@ is jane@), and
		// googlemail.com is the same mailbox as gmail.com.
		local, dom = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + dom
}

// rateDomain is the organisation a rate key's address belongs to: its
// registrable domain (public suffix list), so mail to h1.victim.example and
// h2.victim.example shares one cap. "" for freemail domains, whose users
// are unrelated people.
func rateDomain(key string) string {
	dom := domainOf(key)
	if registry.IsFreemail(dom) {
		return ""
	}
	if strings.HasPrefix(dom, "[") {
		return dom // an address literal is its own organisation
	}
	if org, err := publicsuffix.EffectiveTLDPlusOne(dom); err == nil {
		dom = org
	}
	if registry.IsFreemail(dom) {
		return ""
	}
	return dom
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
func (w *work) autoIssueRefusal(t *store.Ticket, rmas []store.RMA, owner ownership, c Cause, hold string) string {
	auth := w.sender()
	switch {
	case hold != "":
		return "the customer's account is on support hold: the defective unit of " + hold + " is not back and its invoice is unpaid (#paid or its return lifts the hold)"
	case auth.Failed != "":
		return "the message failed sender authentication (" + auth.Failed + ")"
	case owner == ownerOther:
		return "a unit is registered to someone else"
	case owner == ownerDomain:
		return "the sender matches the registered owner by domain only, not by address"
	case w.mail != nil && w.mail.unitsCapped:
		return fmt.Sprintf("the request lists more units than the desk handles on its own (%d)", w.d.cfg.MaxUnits)
	}
	for _, m := range rmas {
		if m.Status != RMARequested || (m.Type != store.RMAAdvance && m.Type != store.RMADOA) {
			continue
		}
		// A replacement that ships before anything comes back is worth
		// forging a From header for, or naming a serial one merely knows:
		// it needs the registered owner, proven by authentication.
		switch {
		case w.mail != nil && !strings.EqualFold(w.mail.m.parse.From.Address, t.CustomerAddress):
			return "an " + string(m.Type) + " replacement ships before the unit comes back, and the request was completed by " +
				w.mail.m.parse.From.Address + ", who is copied on the ticket, not by the registered owner"
		case c.Kind != "message" || !auth.Pass:
			return "an " + string(m.Type) + " replacement ships before the unit comes back, and the sender is not authenticated (" +
				firstNonEmpty(auth.Why, "the request was not made by the customer's own mail") + ")"
		case owner != ownerExact:
			return "an " + string(m.Type) + " replacement ships before the unit comes back, and the registry does not name the sender as the owner of every unit"
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

// maxRelaysPerHour bounds what one ticket relays to its customer in an hour:
// no person writes that much, two responders answering each other do.
const maxRelaysPerHour = 20

// relayHold says why an agent's mail is not relayed to the customer, or "".
func (r *run) relayHold(ctx context.Context, t *store.Ticket) (string, error) {
	if h := r.autoHint(t); h != "" {
		return "not relayed: it looks like an automatic reply (" + h + ")", nil
	}
	n, err := store.CountRelays(ctx, r.tx, t.ID, r.now.Add(-time.Hour), maxRelaysPerHour)
	if err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if n >= maxRelaysPerHour {
		return fmt.Sprintf("not relayed: %d replies were relayed on this ticket in the last hour", n), nil
	}
	return "", nil
}

// supportHold names the RMA that keeps t's customer on support hold, under
// terms that have one (iXsystems: "a 'Support Hold' placed on the account,
// suspending all support and warranty contracts"), or "". The account is
// the company (its registrable domain: eu.labs.example is labs.example),
// or for a freemail address the mailbox itself, however it is spelled
// (pat.doe+rma@gmail.com is patdoe@gmail.com).
func (w *work) supportHold(ctx context.Context, t *store.Ticket) (string, error) {
	if w.d.pol.Advance.Billing.Kind != "support_hold" {
		return "", nil
	}
	key := rateKey(t.CustomerAddress)
	org := rateDomain(key)
	domains := []string{org}
	if org == "" {
		domains = []string{domainOf(key)}
		if domains[0] == "gmail.com" {
			// rateKey spells googlemail.com as gmail.com; the holds are
			// stored as the customer wrote the address.
			domains = append(domains, "googlemail.com")
		}
	}
	var held []store.Held
	for _, d := range domains {
		hs, err := store.SupportHolds(ctx, w.tx, d)
		if err != nil {
			return "", fmt.Errorf("workflow: %w", err)
		}
		held = append(held, hs...)
	}
	for _, h := range held {
		k := rateKey(h.Address)
		if (org != "" && rateDomain(k) == org) || (org == "" && k == key) {
			return h.Number, nil
		}
	}
	return "", nil
}
