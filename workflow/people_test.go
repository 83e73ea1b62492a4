package workflow

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"rmad/policy"
	"rmad/store"
)

// lastTo is the newest queued mail of template to addr.
func (f *fixture) lastTo(template, addr string) store.OutMail {
	f.t.Helper()
	ms := f.outbox() // oldest first
	for i := len(ms) - 1; i >= 0; i-- {
		if m := ms[i]; m.Template == template && slices.Contains(m.To, addr) {
			return m
		}
	}
	f.t.Fatalf("no %s mail to %s", template, addr)
	return store.OutMail{}
}

func TestParticipantsFromTheFirstMessage(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mailText("Alice <"+customer+">", supportAddr+", Kim <kim@customer.example>", "Fan noise", "p-1@customer.example",
		"Cc: lee@eu.customer.example, reseller@partner.example, "+agentAddr+", "+rmaAddr+", ALICE@customer.example\n",
		"Our NAS fan is loud. Model TS-873A serial Q21B07654.\n"), t0)
	tk := f.ticket(res.Ticket)
	if strings.Join(tk.Participants, ",") != "kim@customer.example,lee@eu.customer.example" {
		t.Fatalf("participants %q: want the customer's colleagues only", tk.Participants)
	}
	ack := f.lastTo("ack", customer)
	if strings.Join(ack.Cc, ",") != "kim@customer.example,lee@eu.customer.example" {
		t.Errorf("ack Cc %q", ack.Cc)
	}
	notice := f.lastTo("agent_new", agentAddr)
	if !strings.Contains(notice.Body, "Copied on customer mail: kim@customer.example, lee@eu.customer.example") ||
		!strings.Contains(notice.Body, "not copied on the ticket's mail: reseller@partner.example") {
		t.Errorf("agent notice:\n%s", notice.Body)
	}

	// Kim answers in the thread, as the customer could: a follow-up, and
	// the desk's answer threads on Kim's mail with Alice in To.
	res = f.ingest("support", mailText("kim@customer.example", supportAddr, "Re: Fan noise ["+res.Ticket+"]", "p-2@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\n", "Phone: +1 408 555 0100\nIt got worse today.\n"), t0.Add(time.Hour))
	if res.Outcome != store.OutcomeFollowUp {
		t.Fatalf("Kim's reply: %s", res.Outcome)
	}
	fu := f.lastTo("agent_followup", agentAddr)
	if !strings.Contains(fu.Body, "kim@customer.example, copied on the ticket of") {
		t.Errorf("follow-up notice does not say who wrote:\n%s", fu.Body)
	}
	// Someone not on the ticket, replying in the same thread, is a stranger.
	res = f.ingest("support", mailText("mallory@customer.example", supportAddr, "Re: Fan noise ["+res.Ticket+"]", "p-3@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\n", "Ship it to me instead.\n"), t0.Add(2*time.Hour))
	if res.Outcome == store.OutcomeFollowUp {
		t.Fatal("an address not on the ticket was taken as the customer")
	}
}

func TestParticipantsOnlyFromAnAuthenticFirstMessageOfAnOrganisation(t *testing.T) {
	f := newFixture(t)
	// A freemail customer: any gmail user on Cc is a stranger to them.
	res := f.ingest("support", mailText("pat@gmail.com", supportAddr, "NAS dead", "g-1@gmail.com",
		"Cc: victim@gmail.com\n", "It does not boot.\n"), t0)
	if tk := f.ticket(res.Ticket); len(tk.Participants) != 0 {
		t.Fatalf("freemail Cc became participants: %q", tk.Participants)
	}
	if ack := f.lastTo("ack", "pat@gmail.com"); len(ack.Cc) != 0 {
		t.Fatalf("the ack copied %q", ack.Cc)
	}
}

func TestCcTakeAssignByMailAndCLI(t *testing.T) {
	const team, sam = "team@desk.example", "sam@desk.example"
	f := newFixture(t, func(c *Config, _ *policy.Policy) {
		c.People.Agents = []string{agentAddr, sam, team}
		c.People.Notify = []string{team}
	})
	res := f.ingest("support", mailText(customer, supportAddr, "Fan noise", "c-1@customer.example", "", "Loud fan on TS-873A.\n"), t0)
	ref := res.Ticket
	notice := f.lastTo("agent_new", team)
	agent := func(from, body string, at time.Time) string {
		f.t.Helper()
		f.ingest("support", mailText(from, supportAddr, "Re: ["+ref+"] New support ticket", "", "In-Reply-To: <"+notice.MessageID+">\n", body), at)
		return f.lastTo("agent_result", from).Body
	}
	out := agent(agentAddr, "#cc add Kim.Lee@customer.example\n#take\n\nHello Alice, we are on it.\n", t0.Add(time.Hour))
	tk := f.ticket(ref)
	if strings.Join(tk.Participants, ",") != "kim.lee@customer.example" || tk.Owner != agentAddr {
		t.Fatalf("after #cc add and #take: participants %q owner %q\n%s", tk.Participants, tk.Owner, out)
	}
	if relay := f.lastTo("relay", customer); strings.Join(relay.Cc, ",") != "kim.lee@customer.example" {
		t.Errorf("the relay is not copied to Kim: Cc %q", relay.Cc)
	}
	// The owner, not notify, hears of the customer's reply.
	relay := f.lastTo("relay", customer)
	if res := f.ingest("support", mailText(customer, supportAddr, "Re: Fan noise ["+ref+"]", "c-2@customer.example", "In-Reply-To: <"+relay.MessageID+">\n", "Thanks!\n"), t0.Add(2*time.Hour)); res.Outcome != store.OutcomeFollowUp {
		t.Fatalf("the customer's reply: %+v %q", res, f.events(ref))
	}
	ms := f.outbox()
	if fu := ms[len(ms)-1]; fu.Template != "agent_followup" || strings.Join(fu.To, ",") != agentAddr {
		t.Fatalf("follow-up went to %q (%s), want the owner", fu.To, fu.Template)
	}

	out = agent(agentAddr, "#assign "+sam+"\n#cc add "+rmaAddr+"\n#assign mallory@evil.example\n", t0.Add(3*time.Hour))
	for _, want := range []string{"assigned to " + sam, "is the desk's or an agent's address", "needs an agent's address"} {
		if !strings.Contains(out, want) {
			t.Errorf("results lack %q:\n%s", want, out)
		}
	}
	if tk := f.ticket(ref); tk.Owner != sam || len(tk.Participants) != 1 {
		t.Fatalf("owner %q participants %q", tk.Owner, tk.Participants)
	}
	if m := f.lastTo("agent_assigned", sam); !strings.Contains(m.Body, agentAddr+" assigned "+ref+" to you") {
		t.Errorf("assignment notice:\n%s", m.Body)
	}

	// The CLI sets the list and the owner as #set would; a stranger's
	// address list is checked the same way.
	ctx := context.Background()
	before := f.ticket(ref).State
	if _, err := f.desk.Do(ctx, ref, Set{Pairs: [][2]string{{"cc", "kim.lee@customer.example, ops@customer.example"}, {"owner", ""}}}, "cli", t0.Add(4*time.Hour)); err != nil {
		t.Fatal(err)
	}
	tk = f.ticket(ref)
	if strings.Join(tk.Participants, ",") != "kim.lee@customer.example,ops@customer.example" || tk.Owner != "" || tk.State != before {
		t.Fatalf("after set: participants %q owner %q state %s", tk.Participants, tk.Owner, tk.State)
	}
	if _, err := f.desk.Do(ctx, ref, Set{Pairs: [][2]string{{"owner", "mallory@evil.example"}}}, "cli", t0.Add(5*time.Hour)); err == nil {
		t.Error("a stranger became the owner")
	}
	if _, err := f.desk.Do(ctx, ref, Cc{Remove: true, Addrs: []string{"ops@customer.example"}}, "cli", t0.Add(6*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if tk := f.ticket(ref); strings.Join(tk.Participants, ",") != "kim.lee@customer.example" {
		t.Fatalf("after #cc remove: %q", tk.Participants)
	}
}

func TestCoverageAndMoneyGoToTheOwnerOnly(t *testing.T) {
	tk := &store.Ticket{CustomerAddress: customer, Participants: []string{"kim@customer.example"}}
	for tpl := range ownerOnly {
		if cc := ccFor(tk, tpl, []string{customer}); cc != nil {
			t.Errorf("%s is copied to %q", tpl, cc)
		}
	}
	if cc := ccFor(tk, "relay", []string{customer}); len(cc) != 1 {
		t.Errorf("relay Cc %q", cc)
	}
}

// TestALaterRefusedCommandKeepsEarlierOnes: a refused command reloads the
// ticket; what the commands before it in the same mail did must survive.
func TestALaterRefusedCommandKeepsEarlierOnes(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mailText(customer, supportAddr, "Fan noise", "k-1@customer.example", "", "Loud fan.\n"), t0)
	notice := f.lastTo("agent_new", agentAddr)
	f.ingest("support", mailText(agentAddr, supportAddr, "Re: x", "", "In-Reply-To: <"+notice.MessageID+">\n",
		"#set po_number=PO-1\n#take\n#set bogus=1\n"), t0.Add(time.Hour))
	tk := f.ticket(res.Ticket)
	if tk.Fields["po_number"] != "PO-1" || tk.Owner != agentAddr {
		t.Fatalf("po %q owner %q: the refused #set undid the commands before it", tk.Fields["po_number"], tk.Owner)
	}
}
