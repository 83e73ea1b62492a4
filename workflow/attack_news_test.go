package workflow

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func newsTicket(f *fixture) {
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
}

// Forged From of the customer + ref in a new mail: the victim gets status
// mail. The subject with a spam link must not be echoed.
func TestAttackNewsForgedRefSubjectNotEchoed(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	f.ingest("rma", mailText(customer, rmaAddr, "TKT-100001 status? WIN $$$ http://spam.example/x", "fz1@evil.example", "",
		"Any update? Visit http://spam.example/claim\n"), t0.Add(2*time.Hour))
	for _, m := range f.outbox() {
		if strings.Contains(m.Subject+m.Body, "spam.example") && m.Audience != "agents" {
			t.Fatalf("spam echoed to %v in %s: %q", m.To, m.Template, m.Subject)
		}
	}
}

// A forger flooding unthreaded "status TKT-n?" mails from the customer's
// address: the victim should get at most one unrequested status an hour.
func TestAttackNewsForgedRefFloodCapped(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	for i := 0; i < 30; i++ {
		f.ingest("rma", mailText(customer, rmaAddr, "Status of TKT-100001?", fmt.Sprintf("fl%d@evil.example", i), "",
			"Any update?\n"), t0.Add(2*time.Hour+time.Duration(i)*time.Minute))
	}
	n := len(sentTo(f.outbox(), "status", customer))
	if n > 5 {
		t.Fatalf("%d status mails to the victim in 30 minutes (cap 5)", n)
	}
	if n > 1 {
		t.Errorf("%d status mails in one hour from unauthenticated ref-only forgeries; want 1/hour per ticket", n)
	}
}

// Auto-responder loop: an out-of-office from the customer's address, in
// thread, that says "status".
func TestAttackNewsAutoResponderLoop(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	ack := f.outbox()[0]
	thread := "In-Reply-To: <" + ack.MessageID + ">\n"
	cases := []struct{ subj, extra string }{
		{"Automatic reply: Re: Server will not power on [TKT-100001]", thread},
		{"Re: Server will not power on [TKT-100001]", thread + "Auto-Submitted: auto-replied\n"},
		{"Re: Server will not power on [TKT-100001]", thread + "X-Autoreply: yes\n"},
		{"Re: Server will not power on [TKT-100001]", thread + "Precedence: bulk\n"},
		{"Re: Server will not power on [TKT-100001]", thread + "List-Id: <ops.customer.example>\n"},
		{"Out of Office: Status of TKT-100001", ""},
		{"Status of TKT-100001", "Auto-Submitted: auto-generated\n"},
	}
	for i, c := range cases {
		before := len(sentTo(f.outbox(), "status", customer))
		f.ingest("rma", mailText(customer, rmaAddr, c.subj, fmt.Sprintf("auto%d@customer.example", i), c.extra,
			"I am out of the office. Status: away until Monday. Any update will be read later.\n"), t0.Add(time.Duration(i+1)*2*time.Hour))
		if after := len(sentTo(f.outbox(), "status", customer)); after != before {
			t.Errorf("case %d (%q, %q): status answered an automatic/list mail", i, c.subj, c.extra)
		}
	}
}

// Someone else asks about Alice's ticket: nothing reaches them; Alice asks
// about someone else's ticket: she gets nothing about it.
func TestAttackNewsNoLeak(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	f.ingest("rma", mailText("Bob <bob@other.example>", rmaAddr, "Broken PSU", "b1@other.example", "", incompleteRMA), t0.Add(time.Minute))
	f.ingest("rma", mailText(customer, rmaAddr, "Status of TKT-100002?", "x1@customer.example", "", "Any update on TKT-100002?\n"), t0.Add(2*time.Hour))
	f.ingest("rma", mailText("mallory@evil.example", rmaAddr, "Status of TKT-100001?", "x2@evil.example", "Reply-To: mallory@evil.example\n", "Any update?\n"), t0.Add(3*time.Hour))
	f.ingest("rma", mailText(customer, rmaAddr, "Status of TKT-100001?", "x3@evil.example", "Reply-To: mallory@evil.example\n", "Any update?\n"), t0.Add(4*time.Hour))
	for _, m := range f.outbox() {
		to := strings.Join(m.To, ",")
		if m.Template == "status" && strings.Contains(m.Body, "TKT-100002") && !strings.Contains(to, "bob@") {
			t.Fatalf("bob's status leaked to %s", to)
		}
		if strings.Contains(to, "mallory") {
			t.Fatalf("mail to mallory: %s", m.Template)
		}
	}
}

func forgedBounce(subject, enclosedMID, report string) string {
	return fmt.Sprintf(`From: MAILER-DAEMON@mx.evil.example (Mail Delivery System)
To: RMA Desk <rma@desk.example>
Subject: %s
Message-ID: <fb-%d@mx.evil.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

%s

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.evil.example

Final-Recipient: rfc822; alice@customer.example
Action: failed
Status: 5.1.1

--B
Content-Type: text/rfc822-headers

From: RMA Desk <rma@desk.example>
To: alice@customer.example
Subject: whatever
Message-ID: <%s>

--B--
`, subject, time.Now().UnixNano(), report, enclosedMID)
}

// A forged bounce carrying only a ref in its subject (no desk Message-ID)
// must not reach the agents.
func TestAttackNewsForgedBounceByRef(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	f.ingest("rma", forgedBounce("Undelivered Mail Returned to Sender [TKT-100001]", "nothing@evil.example", "550 user unknown. Call +1-900-SCAM http://spam.example"), t0.Add(time.Hour))
	if n := countTemplate(f.outbox(), "agent_undelivered"); n != 0 {
		t.Fatalf("forged bounce naming only the ref reached agents (%d notices)", n)
	}
}

// The enclosed Message-ID is the customer's own (public to anyone in CC),
// not one the desk sent.
func TestAttackNewsForgedBounceCustomerMID(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	f.ingest("rma", forgedBounce("Undelivered Mail Returned to Sender", "req-1@customer.example", "550 user unknown"), t0.Add(time.Hour))
	if n := countTemplate(f.outbox(), "agent_undelivered"); n != 0 {
		t.Fatalf("bounce of the customer's own Message-ID reached agents (%d notices)", n)
	}
}

// A made-up desk-looking Message-ID.
func TestAttackNewsForgedBounceRandomDeskID(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	ack := f.outbox()[0]
	at := strings.LastIndexByte(ack.MessageID, '@')
	fake := "TKT-100001.deadbeef" + ack.MessageID[at:]
	tampered := []byte(ack.MessageID)
	tampered[at-1] ^= 1
	for i, mid := range []string{"x123" + ack.MessageID[at:], fake, string(tampered)} {
		f.ingest("rma", forgedBounce("Undelivered Mail Returned to Sender", mid, "550"), t0.Add(time.Duration(i+1)*2*time.Hour))
	}
	if n := countTemplate(f.outbox(), "agent_undelivered"); n != 0 {
		t.Fatalf("bounce with a forged desk id reached agents (%d notices)", n)
	}
}

// A flood of forged bounces across many tickets (refs are sequential).
func TestAttackNewsBounceFloodAcrossTickets(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 10; i++ {
		f.ingest("rma", mailText(fmt.Sprintf("c%d@cust%d.example", i, i), rmaAddr, "Server dead", fmt.Sprintf("r%d@c.example", i), "", incompleteRMA), t0.Add(time.Duration(i)*time.Second))
	}
	for i := 0; i < 10; i++ {
		f.ingest("rma", forgedBounce(fmt.Sprintf("Undelivered Mail Returned to Sender [TKT-%d]", 100001+i), "x@evil.example", "550 http://spam.example"), t0.Add(time.Hour+time.Duration(i)*time.Second))
	}
	if n := countTemplate(f.outbox(), "agent_undelivered"); n > 1 {
		t.Fatalf("%d agent_undelivered notices from 10 forged bounces in 10 seconds", n)
	}
}

// A genuine-looking bounce whose report text carries spam: what agents see.
func TestAttackNewsBounceReportTextEchoed(t *testing.T) {
	f := newFixture(t)
	newsTicket(f)
	ack := f.outbox()[0]
	f.ingest("rma", forgedBounce("Undelivered Mail Returned to Sender", ack.MessageID, "550 Your account is suspended, log in at http://phish.example/desk-login"), t0.Add(time.Hour))
	for _, m := range f.outbox() {
		if m.Template == "agent_undelivered" && strings.Contains(m.Body, "phish.example") {
			t.Errorf("NOTE: bounce report text with a link echoed to agents:\n%s", m.Body)
		}
	}
}
