package workflow

// Attacks on issue 12's people on a ticket, relayed files and search, as a
// customer, a forger and a spammer would try them. Tests marked HOLE fail
// today and say what should happen; the others show an attack refused.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rmad/policy"
	"rmad/store"
)

// receivesAuto counts the automatic customer mails addr gets, in To or Cc.
func receivesAuto(ms []store.OutMail, addr string) int {
	n := 0
	for _, m := range ms {
		if m.Audience != AudienceCustomer || m.AutoSubmitted == "" {
			continue
		}
		if slices.ContainsFunc(append(slices.Clone(m.To), m.Cc...), func(a string) bool { return strings.EqualFold(a, addr) }) {
			n++
		}
	}
	return n
}

// HOLE: Cc'd participants are not counted against the hourly caps on
// automatic answers (only To[0] is, and the domain counter once per mail).
// A spammer forging a different From at victim.example for each mail, with
// the same nine colleagues on Cc, has every acknowledgment copied to all of
// them: jane@ gets one per forged mail (8 in an hour, limit 5), and the
// domain gets 10 deliveries per counted answer (80 in an hour, limit 30).
// Expected: each copied address counts as a recipient of an automatic
// answer (per mailbox and per domain), and a participant over its cap is
// left off the Cc (or the answer is held).
func TestAttackPeopleCcEscapesAutoReplyCaps(t *testing.T) {
	f := newFixture(t)
	cc := []string{"jane@victim.example"}
	for i := 1; i <= 9; i++ {
		cc = append(cc, fmt.Sprintf("staff%d@victim.example", i))
	}
	for i := 0; i < 8; i++ {
		f.ingest("support", mailText(fmt.Sprintf("forged%d@victim.example", i), supportAddr, "Buy cheap watches", fmt.Sprintf("spam-%d@spam.example", i),
			"Cc: "+strings.Join(cc, ", ")+"\n", "Hello, my NAS is broken.\n"), t0.Add(time.Duration(i)*time.Minute))
	}
	ms := f.outbox()
	if n := receivesAuto(ms, "jane@victim.example"); n > 5 {
		t.Errorf("HOLE: jane@victim.example, copied by forged mail, got %d automatic answers in 8 minutes (auto_reply_limit 5)", n)
	}
	deliveries := 0
	for _, m := range ms {
		if m.Audience == AudienceCustomer && m.AutoSubmitted != "" {
			deliveries += len(m.To) + len(m.Cc)
		}
	}
	if deliveries > 30 {
		t.Errorf("HOLE: victim.example received %d automatic deliveries in 8 minutes (auto_reply_domain_limit 30)", deliveries)
	}
}

// HOLE: a participant's mail is taken as the customer's for the automatic
// issue of an advance replacement. The first mail need not be authentic
// (no Authentication-Results: not a failure, so its Cc still counts); it
// copies mallory@ of the owner's company, who then answers the signed
// acknowledgment from her own authenticated mailbox with the missing
// ship-to: her address. autoIssueRefusal judges authentication by
// Mallory's mail and ownership by the ticket's customer (the registered
// owner), so the replacement is issued, to ship before anything comes back,
// to Mallory. Expected: a replacement that ships first is issued
// automatically only on the registered owner's own authenticated mail; a
// participant completing it leaves it for an agent (as a mail of the owner's
// domain only would).
func TestAttackPeopleParticipantTriggersAdvanceIssue(t *testing.T) {
	f := newFixture(t, func(cfg *Config, p *policy.Policy) {
		*p = *mustPolicy(t, "ixsystems")
		cfg.People.TrustedAuthservID = "mx.desk.example"
	})
	inv := t0.AddDate(-1, 0, 0)
	importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: "bob@bigcorp.example", InvoiceDate: &inv, Plans: []string{"sla"}})
	first := "Contact: Bob\nPhone: 555-0100\nModel: TrueNAS X20\nSerial number: A1-0001\nProblem: the pool degraded after a disk failure.\n"
	// Forged: From bob, no authentication results at all: its Cc is only
	// proposed to the agents, never copied.
	res := f.ingest("rma", mailText("bob@bigcorp.example", rmaAddr, "Pool degraded", "forged-1@evil.example", "Cc: mallory@bigcorp.example\n", first), t0)
	if tk := f.ticket(res.Ticket); isParticipant(&tk, "mallory@bigcorp.example") {
		t.Fatalf("HOLE: the Cc of an unauthenticated first mail became a participant: %q", tk.Participants)
	}
	if ack := f.lastTo("ack", "bob@bigcorp.example"); len(ack.Cc) != 0 {
		t.Fatalf("HOLE: the ack of an unauthenticated mail is copied to %q", ack.Cc)
	}

	// Genuine: Bob's authenticated mail copies Mallory, who then supplies
	// the missing ship-to, her own address, from her authenticated mailbox.
	auth := func(dom string) string {
		return "Authentication-Results: mx.desk.example; dmarc=pass header.from=" + dom + "; dkim=pass header.d=" + dom + "\n"
	}
	res = f.ingest("rma", mailText("bob@bigcorp.example", rmaAddr, "Pool degraded again", "bob-1@bigcorp.example",
		auth("bigcorp.example")+"Cc: mallory@bigcorp.example\n", first), t0.Add(time.Minute))
	tk := f.ticket(res.Ticket)
	if !isParticipant(&tk, "mallory@bigcorp.example") || len(tk.Missing) == 0 {
		t.Fatalf("setup: participants %q missing %q", tk.Participants, tk.Missing)
	}
	ack := f.lastTo("ack", "bob@bigcorp.example")
	f.ingest("rma", mailText("mallory@bigcorp.example", rmaAddr, "Re: Pool degraded again ["+res.Ticket+"]", "m-2@bigcorp.example",
		auth("bigcorp.example")+"In-Reply-To: <"+ack.MessageID+">\n", "Ship to: Mallory, 66 Side Street, Elsewhere, IL 60000\n"), t0.Add(time.Hour))
	tk = f.ticket(res.Ticket)
	if strings.Contains(tk.Fields["ship_to"], "Mallory") {
		t.Errorf("HOLE: a participant set where the goods go: ship_to %q", tk.Fields["ship_to"])
	}
	for _, m := range f.rmaRows(res.Ticket) {
		if m.Status != RMARequested {
			t.Errorf("HOLE: an %s replacement was issued automatically (status %s) on the mail of a participant", m.Type, m.Status)
		}
	}
	// Bob supplies it himself: now the request is his, and the desk may act.
	f.ingest("rma", mailText("bob@bigcorp.example", rmaAddr, "Re: Pool degraded again ["+res.Ticket+"]", "bob-2@bigcorp.example",
		auth("bigcorp.example")+"In-Reply-To: <"+ack.MessageID+">\n", "Ship to: BigCorp, 1 Main Street, Springfield, IL 60001\n"), t0.Add(2*time.Hour))
	if tk := f.ticket(res.Ticket); !strings.Contains(tk.Fields["ship_to"], "BigCorp") {
		t.Errorf("the owner's own ship-to was not applied: %q (events %q)", tk.Fields["ship_to"], f.events(res.Ticket))
	}
}

// HOLE (low): mails that tell money are copied to participants. README:
// "Mail that tells coverage or money (under review, RMA issued, quotes,
// billing) goes to the customer alone", but rma_shipped, rma_delivered and
// rma_reminder carry the late-return billing terms ("you will be billed
// the full invoice price of the replacement", "a support hold is placed
// on your account"), and rma_sent_back the coverage of the replacement.
// Expected: these go to the customer alone, or without the money lines.
func TestAttackPeopleBillingTermsReachParticipants(t *testing.T) {
	tk := &store.Ticket{CustomerAddress: customer, Participants: []string{"kim@customer.example"}}
	for _, tpl := range []string{"rma_shipped", "rma_delivered", "rma_reminder", "rma_sent_back"} {
		if cc := ccFor(tk, tpl, []string{customer}); len(cc) > 0 {
			t.Errorf("HOLE: %s (billing or coverage terms) is copied to %q", tpl, cc)
		}
	}
}

// HOLE (low): `rmad ticket search --customer DOMAIN` puts the domain into a
// LIKE pattern without escaping % and _: "%" finds every customer's
// ticket, "%example" finds customer.example although it is no subdomain of
// anything named so. Expected: a domain criterion matches that domain and
// its subdomains only; "%" finds nothing.
func TestAttackPeopleSearchDomainWildcards(t *testing.T) {
	f := newFixture(t)
	f.ingest("support", mailText(customer, supportAddr, "Fan noise", "s-1@customer.example", "", "Loud fan.\n"), t0)
	f.ingest("support", mailText("bob@other.example", supportAddr, "Disk dead", "s-2@other.example", "", "Dead disk.\n"), t0.Add(time.Minute))
	for _, q := range []string{"%", "%example", "_ustomer.example", "%.example"} {
		ts, err := store.SearchTickets(context.Background(), f.pool, store.TicketQuery{Customer: q}, 100)
		if err != nil {
			continue // refused: fine
		}
		if len(ts) > 0 {
			var refs []string
			for _, tk := range ts {
				refs = append(refs, tk.Ref+" "+tk.CustomerAddress)
			}
			t.Errorf("HOLE: --customer %q finds %q", q, refs)
		}
	}
}

// Refused: only the first message makes participants. The customer's
// later mail with Cc, and #cc/#take lines from the customer or a
// participant, change nobody on the ticket and send nothing to them.
func TestAttackPeopleLaterMailAndNonAgentCommandsAddNobody(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mailText(customer, supportAddr, "Fan noise", "l-1@customer.example", "Cc: kim@customer.example\n", "Loud fan on TS-873A.\n"), t0)
	ref := res.Ticket
	ack := f.lastTo("ack", customer)
	f.ingest("support", mailText(customer, supportAddr, "Re: Fan noise ["+ref+"]", "l-2@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\nCc: lee@customer.example, mallory@evil.example\n",
		"#cc add mallory@evil.example\n#take\n#assign "+agentAddr+"\nAny update?\n"), t0.Add(time.Hour))
	f.ingest("support", mailText("kim@customer.example", supportAddr, "Re: Fan noise ["+ref+"]", "l-3@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\n", "#cc add eve@evil.example\n#cc remove kim@customer.example\n#take\nThanks\n"), t0.Add(2*time.Hour))
	tk := f.ticket(ref)
	if strings.Join(tk.Participants, ",") != "kim@customer.example" || tk.Owner != "" {
		t.Fatalf("participants %q owner %q after the customer side's mail", tk.Participants, tk.Owner)
	}
	for _, m := range f.outbox() {
		for _, a := range append(slices.Clone(m.To), m.Cc...) {
			if strings.Contains(a, "evil.example") || a == "lee@customer.example" {
				t.Errorf("%s went to %s", m.Template, a)
			}
		}
	}
}

// Refused: a forged agent From without the agents' signed Message-ID, a
// participant removed from the ticket, and strangers' #assign/#cc forms.
func TestAttackPeopleForgedAgentAndRemovedParticipant(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mailText(customer, supportAddr, "Fan noise", "r-1@customer.example", "Cc: kim@customer.example\n", "Loud fan.\n"), t0)
	ref := res.Ticket
	ack := f.lastTo("ack", customer)
	// Kim holds the customer's signed ack; forging an agent's From with it
	// commands nothing.
	r := f.ingest("support", mailText(agentAddr, supportAddr, "Re: Fan noise ["+ref+"]", "r-2@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\n", "#cc add eve@evil.example\n#assign "+agentAddr+"\n#take\n"), t0.Add(time.Hour))
	if r.Outcome != store.OutcomeStranger {
		t.Fatalf("forged agent: %s", r.Outcome)
	}
	if tk := f.ticket(ref); len(tk.Participants) != 1 || tk.Owner != "" {
		t.Fatalf("forged agent changed people: %q owner %q", tk.Participants, tk.Owner)
	}
	notice := f.lastTo("agent_new", agentAddr)
	agent := func(body string, at time.Time) string {
		f.ingest("support", mailText(agentAddr, supportAddr, "Re: ["+ref+"]", "", "In-Reply-To: <"+notice.MessageID+">\n", body), at)
		return f.lastTo("agent_result", agentAddr).Body
	}
	out := agent("#assign @desk.example\n#cc add \"a@b\"@customer.example\n#cc add x@customer.example,eve@evil.example\n", t0.Add(2*time.Hour))
	if tk := f.ticket(ref); tk.Owner != "" || len(tk.Participants) != 1 {
		t.Fatalf("odd forms accepted: owner %q participants %q\n%s", tk.Owner, tk.Participants, out)
	}
	agent("#cc remove kim@customer.example\n", t0.Add(3*time.Hour))
	if tk := f.ticket(ref); len(tk.Participants) != 0 {
		t.Fatalf("#cc remove: %q", tk.Participants)
	}
	// Kim, removed, still holds the signed ack: she is now a stranger.
	r = f.ingest("support", mailText("kim@customer.example", supportAddr, "Re: Fan noise ["+ref+"]", "r-3@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\n", "Ship to: 1 Other Road\nAny update?\n"), t0.Add(4*time.Hour))
	if r.Outcome != store.OutcomeStranger {
		t.Fatalf("a removed participant's reply: %s", r.Outcome)
	}
}

// Refused: odd shapes on the first message's Cc make no participant, and
// coverage/issue mails go to the customer alone.
func TestAttackPeopleOddCcShapesAndOwnerOnlyMail(t *testing.T) {
	f := newFixture(t)
	cc := `"a@b"@customer.example, "Lee, Kim" <lee@customer.example>, undisclosed-recipients:;, x@customer.example.evil.example, ` +
		`y@xn--cstomer-n2a.example, "z\"@evil.example"@customer.example`
	res := f.ingest("rma", mailText(customer, rmaAddr, "Server will not power on", "o-1@customer.example", "Cc: "+cc+"\n", completeQCT), t0)
	tk := f.ticket(res.Ticket)
	for _, p := range tk.Participants {
		if p != "lee@customer.example" {
			t.Errorf("participant %q from an odd Cc", p)
		}
	}
	for _, m := range f.outbox() {
		if ownerOnly[m.Template] && len(m.Cc) > 0 {
			t.Errorf("%s copied to %q", m.Template, m.Cc)
		}
		for _, a := range m.Cc {
			if strings.Contains(a, "evil") || strings.Contains(a, "xn--") || strings.Contains(a, `"`) {
				t.Errorf("%s copied to %q", m.Template, a)
			}
		}
	}
}

// Refused: a stranger writing into the thread with a file gets nothing
// relayed; the customer's and participants' files go to the agents only,
// never to another participant or the customer.
func TestAttackPeopleFilesStayWithTheAgents(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mailText(customer, supportAddr, "Fan noise", "f-1@customer.example", "Cc: kim@customer.example\n", "Loud fan.\n"), t0)
	ref := res.Ticket
	ack := f.lastTo("ack", customer)
	withFile := func(from, mid string) string {
		return "From: " + from + "\nTo: " + supportAddr + "\nSubject: Re: Fan noise [" + ref + "]\nMessage-ID: <" + mid + ">\nIn-Reply-To: <" + ack.MessageID + ">\n" +
			"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSee the file.\n" +
			"--b\nContent-Type: application/octet-stream; name=\"x.exe\"\nContent-Transfer-Encoding: base64\n\nTVqQAAMAAAAEAAAA\n--b--\n"
	}
	f.ingest("support", withFile("mallory@evil.example", "f-2@evil.example"), t0.Add(time.Hour))
	f.ingest("support", withFile("kim@customer.example", "f-3@customer.example"), t0.Add(2*time.Hour))
	for _, m := range f.outbox() {
		if m.Audience != AudienceAgents && len(m.Files) > 0 {
			t.Errorf("%s to %q Cc %q carries %d customer-side files", m.Template, m.To, m.Cc, len(m.Files))
		}
		if m.Template == "agent_stranger" && len(m.Files) > 0 {
			t.Errorf("the stranger's file reached the agents as an attachment")
		}
	}
}
