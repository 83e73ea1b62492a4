package workflow

// Security review of the "impossible to fool by mail" change (982913b):
// each TestAttack* plays a customer, a forger or a spammer against the real
// desk and a real PostgreSQL. A failing test is a hole; the passing ones are
// kept as regression tests of attacks that did not work.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/policy"
	"rmad/store"
)

const qnapRequest = `Contact: Victor Victim
Phone: +1 408 555 0100
Ship to: %s
Model: TS-873A
Serial number: Q21BI04567
Invoice date: 2026-06-01
Problem: the NAS does not boot after the last update.
`

func lastTo(out []store.OutMail, template string) *store.OutMail {
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].Template == template {
			return &out[i]
		}
	}
	return nil
}

// HOLE (high). QNAP's advance replacement waits for "address_confirmed":
// the desk asks the customer to confirm, by replying, that the replacement
// should go to ship_to. Any reply in the signed thread that names no other
// address counts as the confirmation: "No, that is not our address, do not
// ship" issues the RMA, and so does a look-alike out-of-office answer. A
// forger who opened the ticket with the victim's From and their own ship-to
// needs only the victim to answer at all.
func TestAttackAddressConfirmedByAnyReply(t *testing.T) {
	for name, reply := range map[string]struct{ subject, body string }{
		"an explicit refusal":        {"Re: NAS dead", "NO! That is not our address and we never asked for a replacement.\nDo not ship anything there.\n"},
		"a look-alike out-of-office": {"Automatic reply: out of office", "I am out of the office until Monday with limited access to e-mail.\n"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, func(_ *Config, p *policy.Policy) { *p = *mustPolicy(t, "qnap") })
			// The forger writes as the victim (no trusted_authserv_id: anyone can).
			f.ingest("rma", mailText("Victor <victor@victim.example>", rmaAddr, "NAS dead", "forged-1@evil.example", "",
				fmt.Sprintf(qnapRequest, "9 Evil Road, Springfield, IL 62701")), t0)
			notice := f.outbox()[1]
			thread := "In-Reply-To: <" + notice.MessageID + ">\n"
			// The agent checks the unit, puts the card on file and approves.
			f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1@desk.example", thread, "#set card_authorization=on_file\n#approve advance override the fixture has no registry plan\n"), t0.Add(time.Hour))
			rmas := f.rmaRows("TKT-100001")
			if len(rmas) != 1 || rmas[0].Status != RMARequested || strings.Join(rmas[0].BlockedOn, ",") != "address_confirmed" {
				t.Fatalf("setup: %+v", rmas)
			}
			ask := lastTo(f.outbox(), "rma_review")
			if ask == nil || !strings.Contains(ask.Body, "9 Evil Road") || ask.To[0] != "victor@victim.example" {
				t.Fatalf("no confirmation request to the victim: %+v", ask)
			}
			// The real customer answers the question in the signed thread.
			f.ingest("rma", mailText("victor@victim.example", rmaAddr, reply.subject, "v1@victim.example",
				"In-Reply-To: <"+ask.MessageID+">\n", reply.body), t0.Add(2*time.Hour))
			tk := f.ticket("TKT-100001")
			rmas = f.rmaRows("TKT-100001")
			if rmas[0].Status != RMARequested || tk.Fields["address_confirmed"] == "yes" {
				t.Fatalf("the reply %q confirmed %q: RMA %s (blocked on %v), fields %v", reply.body, tk.Fields["ship_to"], rmas[0].Status, rmas[0].BlockedOn, tk.Fields)
			}
		})
	}
}

// HOLE (high). An advance replacement is auto-issued to anyone whose OWN
// domain passes DKIM, when the registry row of the serial names no owner
// (customer_email is optional), or when the serial is not in the registry
// and the sender's own invoice date makes it eligible. "Authenticated"
// proves who the sender is, not that the unit is theirs.
func TestAttackAdvanceAutoIssuedToAuthenticatedStranger(t *testing.T) {
	auth := "Authentication-Results: mx.desk.example; dkim=pass header.d=evil.example; dmarc=pass header.from=evil.example\n"
	t.Run("registry row without an owner", func(t *testing.T) {
		f := newFixture(t, func(cfg *Config, p *policy.Policy) {
			*p = *mustPolicy(t, "ixsystems")
			cfg.People.TrustedAuthservID = "mx.desk.example"
		})
		inv := t0.AddDate(-1, 0, 0)
		importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", InvoiceDate: &inv, Plans: []string{"sla"}})
		f.ingest("rma", mailText("mallory@evil.example", rmaAddr, "Pool degraded", "m1@evil.example", auth,
			strings.Replace(fmt.Sprintf(ixRequest, "Mallory", "A1-0001"), "1 Main St, Springfield, IL 62701", "9 Drop Street, Nowhere", 1)), t0)
		rmas := f.rmaRows("TKT-100001")
		if len(rmas) != 1 || rmas[0].Type != "advance" {
			t.Fatalf("setup: %+v", rmas)
		}
		if rmas[0].Status == RMAIssued {
			t.Fatalf("advance replacement of a serial the sender merely knows auto-issued to %s: %+v", f.ticket("TKT-100001").Fields["ship_to"], rmas[0])
		}
	})
	t.Run("serial not in the registry, the sender's own invoice date", func(t *testing.T) {
		f := newFixture(t, func(cfg *Config, p *policy.Policy) {
			p.Approval.Mode = "auto" // QCT's terms with automatic approval
			cfg.People.TrustedAuthservID = "mx.desk.example"
		})
		body := strings.NewReplacer("Invoice date: 2026-03-03", "Invoice date: 2026-10-01",
			"Ship to: Customer Inc, 1 Real Street, San Jose, CA 95110", "Ship to: 9 Drop Street, Nowhere").Replace(completeQCT)
		f.ingest("rma", mailText("mallory@evil.example", rmaAddr, "Server dead", "m1@evil.example", auth, body), t0)
		rmas := f.rmaRows("TKT-100001")
		if len(rmas) != 1 || rmas[0].Type != "advance" {
			t.Fatalf("setup: %+v", rmas)
		}
		if rmas[0].Status == RMAIssued {
			t.Fatalf("advance replacement of an unregistered serial auto-issued on the sender's word: %+v", rmas[0])
		}
	})
}

// HOLE (medium). A mail our own server says is forged (dmarc=fail for the
// registered owner's domain) still gets its RMA issued automatically when
// the type is standard: autoIssueRefusal ignores auth.Failed.
func TestAttackDMARCFailedForgeryStillAutoIssued(t *testing.T) {
	f := newFixture(t, func(cfg *Config, p *policy.Policy) {
		*p = *mustPolicy(t, "ixsystems")
		cfg.People.TrustedAuthservID = "mx.desk.example"
	})
	inv := t0.AddDate(-1, 0, 0)
	importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: "bob@bigcorp.example", InvoiceDate: &inv})
	f.ingest("rma", mailText("bob@bigcorp.example", rmaAddr, "Pool degraded", "m1@evil.example",
		"Authentication-Results: mx.desk.example; spf=fail smtp.mailfrom=bigcorp.example; dmarc=fail header.from=bigcorp.example\n",
		fmt.Sprintf(ixRequest, "Bob", "A1-0001")), t0)
	rmas := f.rmaRows("TKT-100001")
	if len(rmas) != 1 || rmas[0].Type != "standard" {
		t.Fatalf("setup: %+v", rmas)
	}
	if rmas[0].Status == RMAIssued {
		t.Fatalf("an RMA was issued automatically on a mail that failed DMARC: %+v", rmas[0])
	}
}

// HOLE (medium). One From header naming two mailboxes is not "exactly one
// From": the desk acts as the first, while the receiving server may have
// evaluated DMARC for the other (the attacker's, which passes), so the
// victim's dmarc=fail never appears. It must be refused like two From
// headers are.
func TestAttackTwoMailboxesInOneFrom(t *testing.T) {
	f := newFixture(t, func(cfg *Config, p *policy.Policy) {
		*p = *mustPolicy(t, "ixsystems")
		cfg.People.TrustedAuthservID = "mx.desk.example"
	})
	inv := t0.AddDate(-1, 0, 0)
	importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: "bob@bigcorp.example", InvoiceDate: &inv})
	raw := "From: <bob@bigcorp.example>, <mallory@evil.example>\nTo: " + rmaAddr + "\nSubject: Pool degraded\nMessage-ID: <m1@evil.example>\n" +
		"Authentication-Results: mx.desk.example; dkim=pass header.d=evil.example; dmarc=pass header.from=evil.example\n" +
		"Content-Type: text/plain\n\n" + fmt.Sprintf(ixRequest, "Bob", "A1-0001")
	f.ingest("rma", raw, t0)
	tk := f.ticket("TKT-100001")
	if tk.CustomerAddress != "bob@bigcorp.example" {
		t.Fatalf("setup: customer %s", tk.CustomerAddress)
	}
	for _, m := range f.outbox() {
		if m.Audience == "customer" {
			t.Errorf("automatic answer %s to %v for a From naming two mailboxes", m.Template, m.To)
		}
	}
	if rmas := f.rmaRows("TKT-100001"); len(rmas) == 1 && rmas[0].Status == RMAIssued {
		t.Errorf("RMA issued for a From naming two mailboxes: %+v", rmas[0])
	}
}

// HOLE (medium). An agent's look-alike out-of-office (no Auto-Submitted
// header, subject "Automatic reply: ...") answering the notice is relayed to
// the customer as the agent's words. Relays carry no Auto-Submitted and no
// rate key, so two such responders (the agent's and the customer's) ping-pong
// through the desk without any cap.
func TestAttackAgentAutoReplyRelayedAndLoops(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	notice := f.outbox()[1]
	at := t0
	relays := 0
	irt := notice.MessageID
	for i := range 8 {
		at = at.Add(time.Minute)
		// The agent's responder answers the latest agents' mail.
		mark := len(f.outbox())
		f.ingest("rma", mailText(agentAddr, rmaAddr, "Automatic reply: out of office", fmt.Sprintf("ooo-a%d@desk.example", i),
			"In-Reply-To: <"+irt+">\n", "I am out of the office until Monday with limited access to e-mail.\n"), at)
		relay := lastTo(f.since(mark), "relay")
		if relay == nil {
			break
		}
		relays++
		// The customer's responder answers the relay.
		at = at.Add(time.Minute)
		mark = len(f.outbox())
		f.ingest("rma", mailText(customer, rmaAddr, "Automatic reply: out of office", fmt.Sprintf("ooo-c%d@customer.example", i),
			"In-Reply-To: <"+relay.MessageID+">\n", "I am out of the office until Monday with limited access to e-mail.\n"), at)
		n := lastTo(f.since(mark), "agent_followup")
		if n == nil {
			break
		}
		irt = n.MessageID
	}
	if relays > 0 {
		t.Fatalf("an agent's look-alike automatic reply was relayed to the customer %d times (no cap)", relays)
	}
}

// HOLE (low). Gmail ignores dots in the local part, so v.ictim@, vi.ctim@...
// are one inbox; freemail is exempt from the domain cap, so one person
// receives up to the desk-wide cap of answers per hour.
func TestAttackRateCapGmailDotsAndSubdomains(t *testing.T) {
	t.Run("gmail dots", func(t *testing.T) {
		f := newFixture(t, func(c *Config, _ *policy.Policy) { c.AutoReplyDeskLimit = 100 })
		local := "victimname"
		for i := 1; i < len(local); i++ {
			addr := local[:i] + "." + local[i:] + "@gmail.com"
			f.ingest("support", mailText(addr, supportAddr, "Hi", fmt.Sprintf("g%d@x", i), "", "help\n"), t0)
		}
		n := 0
		for _, m := range f.outbox() {
			if m.Audience == "customer" {
				n++
			}
		}
		if n > 5 {
			t.Fatalf("%d automatic answers reached one Gmail inbox in an hour (per-mailbox cap is 5)", n)
		}
	})
	t.Run("subdomains", func(t *testing.T) {
		f := newFixture(t, func(c *Config, _ *policy.Policy) { c.AutoReplyDomainLimit = 8; c.AutoReplyDeskLimit = 100 })
		for i := range 20 {
			f.ingest("support", mailText(fmt.Sprintf("x@h%d.victim.example", i), supportAddr, "Hi", fmt.Sprintf("s%d@x", i), "", "help\n"), t0)
		}
		n := 0
		for _, m := range f.outbox() {
			if m.Audience == "customer" {
				n++
			}
		}
		if n > 8 {
			t.Fatalf("%d automatic answers to subdomains of one organisation in an hour (domain cap 8)", n)
		}
	})
}

// Regression (attack failed): forged From tricks never make the sender the
// registered owner, and never an agent.
func TestAttackOwnershipAddressTricks(t *testing.T) {
	auth := func(dom string) string {
		return "Authentication-Results: mx.desk.example; dmarc=pass header.from=" + dom + "; dkim=pass header.d=" + dom + "\n"
	}
	cases := []struct{ name, from, extra string }{
		{"subdomain of the listed domain", "bob@sub.bigcorp.example", auth("sub.bigcorp.example")},
		{"trailing dot", "bob@bigcorp.example.", auth("bigcorp.example")},
		{"quoted local part naming the owner", `"bob@bigcorp.example"@evil.example`, auth("evil.example")},
		{"owner in the display name", `"bob@bigcorp.example" <mallory@evil.example>`, auth("evil.example")},
		{"owner in Sender and Reply-To", "mallory@evil.example", auth("evil.example") + "Sender: bob@bigcorp.example\nReply-To: bob@bigcorp.example\n"},
		{"homograph domain", "bob@bіgcorp.example", auth("xn--bgcorp-7nf.example")},
		{"source route", "<@bigcorp.example:bob@evil.example>", auth("evil.example")},
		{"owner's domain as a parent in dkim", "bob@bigcorp.example.evil.example", auth("bigcorp.example")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, func(cfg *Config, p *policy.Policy) {
				*p = *mustPolicy(t, "ixsystems")
				cfg.People.TrustedAuthservID = "mx.desk.example"
			})
			inv := t0.AddDate(-1, 0, 0)
			importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: "bob@bigcorp.example",
				CustomerDomains: []string{"bigcorp.example"}, InvoiceDate: &inv, Plans: []string{"sla"}})
			f.ingest("rma", mailText(c.from, rmaAddr, "Pool degraded", "r1@x.example", c.extra, fmt.Sprintf(ixRequest, "Bob", "A1-0001")), t0)
			rmas := f.rmaRows("TKT-100001")
			if len(rmas) != 1 || rmas[0].Status == RMAIssued {
				t.Fatalf("issued to %s: %+v", f.ticket("TKT-100001").CustomerAddress, rmas)
			}
		})
	}
}

// Regression (attack failed): authority from the thread ids. Ids of another
// ticket, the customer's id with its audience letter changed, a truncated
// or case-changed MAC, a legacy id, an agents' id in References only from a
// customer, a finance id's audience moved: none grants a command.
func TestAttackThreadIDForgeries(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	ack, notice := f.outbox()[0], f.outbox()[1]
	f.ingest("rma", mailText("other@else.example", rmaAddr, "Another", "req-2@else.example", "", completeQCT), t0)
	otherNotice := f.outbox()[3]
	if otherNotice.Template != "agent_new" || !strings.Contains(otherNotice.MessageID, "tkt-100002.a.") {
		t.Fatalf("setup: %+v", otherNotice)
	}
	local, dom, _ := strings.Cut(ack.MessageID, "@")
	p := strings.Split(local, ".")
	nl, _, _ := strings.Cut(notice.MessageID, "@")
	np := strings.Split(nl, ".")
	forged := map[string]string{
		"customer id relabelled a":        strings.Join([]string{p[0], p[1], "a", p[3], p[4]}, ".") + "@" + dom,
		"customer id relabelled f":        strings.Join([]string{p[0], p[1], "f", p[3], p[4]}, ".") + "@" + dom,
		"agents id, mac truncated":        strings.Join([]string{np[0], np[1], np[2], np[3], np[4][:8]}, ".") + "@" + dom,
		"agents id, nonce changed case":   strings.Join([]string{np[0], np[1], np[2], strings.ToUpper(np[3]), np[4]}, ".") + "@" + dom,
		"agents id moved to ticket 2":     strings.Join([]string{np[0], "tkt-100002", np[2], np[3], np[4]}, ".") + "@" + dom,
		"legacy 4-part from customer mac": strings.Join([]string{p[0], p[1], p[3], p[4]}, ".") + "@" + dom,
		"customer id with empty nonce":    strings.Join([]string{p[0], p[1], "a", "", p[4]}, ".") + "@" + dom,
	}
	i := 0
	for name, id := range forged {
		i++
		res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", fmt.Sprintf("f%d@evil.example", i),
			"In-Reply-To: <"+id+">\nReferences: <"+ack.MessageID+"> <"+id+">\n", "#approve advance override the fixture has no registry plan\n"), t0.Add(time.Hour))
		if res.Outcome == "agent" {
			t.Errorf("%s (%s) granted authority", name, id)
		}
	}
	// Threaded into ticket 1 by the customer's own Message-ID, carrying a
	// genuine agents' id of ticket 2: no authority on ticket 1.
	res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "mixed@evil.example",
		"In-Reply-To: <req-1@customer.example>\nReferences: <"+otherNotice.MessageID+">\n", "#approve advance override the fixture has no registry plan\n"), t0.Add(time.Hour))
	if res.Outcome != "stranger" || res.Ticket != "TKT-100001" {
		t.Errorf("another ticket's agents id: %+v", res)
	}
	for _, ref := range []string{"TKT-100001", "TKT-100002"} {
		if rmas := f.rmaRows(ref); rmas[0].Status != RMARequested {
			t.Fatalf("a forged id ran a command on %s: %+v", ref, rmas[0])
		}
	}
	// The genuine agents' id, in References only, still works.
	res = f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "ok@desk.example",
		"References: <"+notice.MessageID+">\n", "#note hello\n"), t0.Add(2*time.Hour))
	if res.Outcome != "agent" {
		t.Fatalf("genuine id: %+v", res)
	}
}

// Regression (attack failed): Authentication-Results tricks against agent
// authority with trusted_authserv_id set.
func TestAttackAuthResultsTricks(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.People.TrustedAuthservID = "mx.desk.example" })
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	notice := f.outbox()[1]
	thread := "In-Reply-To: <" + notice.MessageID + ">\n"
	refused := map[string]string{
		"single-label parent":          "Authentication-Results: mx.desk.example; dkim=pass header.d=example\n",
		"subdomain of ours":            "Authentication-Results: mx.desk.example; dkim=pass header.d=evil.desk.example\n",
		"other authserv-id":            "Authentication-Results: mx.evil.example; dkim=pass header.d=desk.example\n",
		"authserv-id as a suffix":      "Authentication-Results: evil-mx.desk.example; dkim=pass header.d=desk.example\n",
		"fail below a pass, case":      "Authentication-Results: MX.Desk.Example 1; dkim=pass header.d=desk.example\nAuthentication-Results: mx.desk.example; dmarc=FAIL header.from=DESK.EXAMPLE\n",
		"spf pass for helo only":       "Authentication-Results: mx.desk.example; spf=pass smtp.helo=desk.example\n",
		"dkim pass for the i= of evil": "Authentication-Results: mx.desk.example; dkim=pass header.d=evil.example header.i=@desk.example\n",
		"policy result":                "Authentication-Results: mx.desk.example; dmarc=policy header.from=desk.example\n",
		"arc pass":                     "Authentication-Results: mx.desk.example; arc=pass smtp.remote-ip=192.0.2.1\n",
	}
	i := 0
	for name, extra := range refused {
		i++
		res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", fmt.Sprintf("ar%d@x", i), thread+extra, "#approve advance override the fixture has no registry plan\n"), t0.Add(time.Hour))
		if res.Outcome != "stranger" {
			t.Errorf("%s: outcome %+v", name, res)
		}
	}
	if rmas := f.rmaRows("TKT-100001"); rmas[0].Status != RMARequested {
		t.Fatalf("a refused command ran: %+v", rmas[0])
	}
	// A genuine pass (our id in another case, version 1) is accepted.
	res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "ok@desk.example", thread+
		"Authentication-Results: MX.DESK.EXAMPLE 1; dkim=pass header.i=@desk.example\n", "#note ok\n"), t0.Add(2*time.Hour))
	if res.Outcome != "agent" {
		t.Fatalf("genuine pass refused: %+v", res)
	}
}

// Regression (attack failed): the customer's goods fields cannot be steered
// with a thread id of another ticket, nor by a reply that threads by the
// customer's own Message-ID while carrying another ticket's signed id.
func TestAttackSignedIDOfOtherTicketDoesNotSteer(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText(customer, rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	// The attacker's own ticket, with the attacker as customer... and one of
	// the victim's (same customer address, another ticket).
	f.ingest("rma", mailText(customer, rmaAddr, "Second box", "req-2@customer.example", "", incompleteRMA), t0)
	ack2 := f.outbox()[2]
	if !strings.Contains(ack2.MessageID, "tkt-100002.c.") {
		t.Fatalf("setup: %+v", ack2)
	}
	f.ingest("rma", mailText(customer, rmaAddr, "Re: Server will not power on", "req-3@evil.example",
		"In-Reply-To: <req-1@customer.example>\nReferences: <"+ack2.MessageID+">\n", "Ship to: 9 Evil Road, Nowhere\nBill to: 9 Evil Road, Nowhere\n"), t0.Add(time.Hour))
	tk := f.ticket("TKT-100001")
	if tk.Fields["ship_to"] != "" || tk.Fields["bill_to"] != "" {
		t.Fatalf("steered with another ticket's id: %v", tk.Fields)
	}
}

// Regression (attack failed): after approval, a new ship-to in a unit block
// or in a reply to a reopened ticket is only a proposal, and #shipped waits.
func TestAttackShipToAfterApprovalViaUnitsAndReopen(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	ack, notice := f.outbox()[0], f.outbox()[1]
	thread := "In-Reply-To: <" + notice.MessageID + ">\n"
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1@desk.example", thread, "#approve advance override the fixture has no registry plan\n#close\n"), t0.Add(time.Hour))
	if rmas := f.rmaRows("TKT-100001"); rmas[0].Status != RMAIssued || f.ticket("TKT-100001").State != StateClosed {
		t.Fatalf("setup: %+v", rmas)
	}
	f.ingest("rma", mailText(customer, rmaAddr, "Re: "+ack.Subject, "req-2@customer.example", "In-Reply-To: <"+ack.MessageID+">\n",
		"Unit 2: Model D52BQ-2U, Serial number QTFCQ0999999999\nShip to: 9 Evil Road, Nowhere\nBill to: 9 Evil Road, Nowhere\n"), t0.Add(2*time.Hour))
	tk := f.ticket("TKT-100001")
	if strings.Contains(tk.Fields["ship_to"], "Evil") || strings.Contains(tk.Fields["bill_to"], "Evil") {
		t.Fatalf("steered after approval: %v", tk.Fields)
	}
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a2@desk.example", thread, "#shipped UPS 1Z1\n"), t0.Add(3*time.Hour))
	if rmas := f.rmaRows("TKT-100001"); rmas[0].Status == RMAShipped {
		t.Fatalf("shipped with a pending proposal: %v", f.ticket("TKT-100001").Fields)
	}
}

// Regression (attack failed): nothing of the agents' thread reaches the
// customer: no agents' id in a customer mail's headers, no agent_result or
// notice to the customer's address.
func TestAttackNoAgentsIDReachesTheCustomer(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.People.Finance = "finance@desk.example" })
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	notice := f.outbox()[1]
	thread := "In-Reply-To: <" + notice.MessageID + ">\n"
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1@desk.example", thread, "#approve advance override the fixture has no registry plan\nYour replacement is on its way.\n"), t0.Add(time.Hour))
	f.ingest("rma", mailText(customer, rmaAddr, "Re: x", "req-2@customer.example", "In-Reply-To: <"+f.outbox()[0].MessageID+">\n", "Thanks!\n"), t0.Add(2*time.Hour))
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a2@desk.example", thread, "#shipped UPS 1Z1\nShipped.\n"), t0.Add(3*time.Hour))
	for _, m := range f.outbox() {
		toCustomer := false
		for _, a := range m.To {
			if strings.EqualFold(a, customer) {
				toCustomer = true
			}
		}
		if !toCustomer {
			continue
		}
		if m.Audience != "customer" {
			t.Errorf("%s to the customer with audience %s", m.Template, m.Audience)
		}
		for _, id := range append([]string{m.MessageID, m.InReplyTo}, m.References...) {
			if s, ok := f.desk.parseOwnID(id); ok && s.Audience != AudienceCustomer {
				t.Errorf("%s to the customer carries a %s id %s", m.Template, s.Audience, id)
			}
		}
		if strings.Contains(m.Body, notice.MessageID) {
			t.Errorf("%s body leaks the agents' id", m.Template)
		}
	}
}

// HOLE (low). QNAP ships no advance replacement to a P.O. box; the test
// for one is a regular expression that common spellings pass.
func TestAttackPOBoxSpellingsPassStreetAddress(t *testing.T) {
	for _, addr := range []string{"PO-Box 12, Springfield, IL 62701", "GPO Box 12, Sydney NSW 2001", "POB 12, Springfield, IL 62701",
		"P.O.B. 12, Springfield, IL 62701", "P.O. Box 12, Springfield"} {
		t.Run(addr, func(t *testing.T) {
			f := newFixture(t, func(_ *Config, p *policy.Policy) { *p = *mustPolicy(t, "qnap") })
			f.ingest("rma", mailText("victor@victim.example", rmaAddr, "NAS dead", "r1@victim.example", "", fmt.Sprintf(qnapRequest, addr)), t0)
			notice := f.outbox()[1]
			f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n",
				"#set card_authorization=on_file address_confirmed=yes\n#approve advance override the fixture has no registry plan\n"), t0.Add(time.Hour))
			rmas := f.rmaRows("TKT-100001")
			if len(rmas) != 1 {
				t.Fatalf("setup: %+v", rmas)
			}
			if rmas[0].Status == RMAIssued {
				t.Fatalf("advance replacement issued to %q", f.ticket("TKT-100001").Fields["ship_to"])
			}
		})
	}
}

// HOLE (low). With closed_reply = "new", a reply to a closed ticket that
// threads only by the customer's own Message-ID (what anyone who saw the
// original request, a Cc, can write) opens a linked ticket with the ship-to
// and bill-to it names: the rule "threaded by the customer's own id: goods
// fields held" is skipped, and agents see it as the customer's follow-up.
func TestAttackClosedReplyNewTicketTakesGoodsFields(t *testing.T) {
	f := newFixture(t, func(_ *Config, p *policy.Policy) { p.ClosedReply = "new" })
	f.ingest("rma", mailText(customer, rmaAddr, "Server dead", "req-1@customer.example", "", completeQCT), t0)
	notice := f.outbox()[1]
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n", "#close\n"), t0.Add(time.Hour))
	res := f.ingest("rma", mailText(customer, rmaAddr, "Re: Server dead", "forged@evil.example", "In-Reply-To: <req-1@customer.example>\n",
		strings.NewReplacer("1 Real Street", "9 Evil Road").Replace(completeQCT)), t0.Add(2*time.Hour))
	if res.Ticket == "TKT-100001" {
		t.Skipf("no new ticket: %+v", res)
	}
	tk := f.ticket(res.Ticket)
	if tk.ParentID == nil {
		t.Fatalf("setup: %+v", tk)
	}
	if strings.Contains(tk.Fields["ship_to"], "Evil") || strings.Contains(tk.Fields["bill_to"], "Evil") {
		t.Fatalf("an unsigned reply to closed TKT-100001 opened %s with ship_to %q, bill_to %q", tk.Ref, tk.Fields["ship_to"], tk.Fields["bill_to"])
	}
}

// A guessable desk secret would let anyone holding one acknowledgment
// recover it offline and forge agents' ids; config refuses any secret under
// 32 characters (cmd/rmad TestAttackWeakSecretAccepted), so the desk never
// runs with one.
