package workflow

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/store"
)

// dsn is a mail server's delivery report returning the desk's mail id.
func dsn(id, action, status string) string {
	return fmt.Sprintf(`From: MAILER-DAEMON@mx.customer.example (Mail Delivery System)
To: RMA Desk <rma@desk.example>
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-%s-%s@mx.customer.example>
MIME-Version: 1.0
Auto-Submitted: auto-replied
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

<alice@customer.example>: host mx.customer.example said: 550 %s User unknown

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.customer.example

Final-Recipient: rfc822; alice@customer.example
Action: %s
Status: %s

--B
Content-Type: text/rfc822-headers

From: RMA Desk <rma@desk.example>
To: alice@customer.example
Subject: Re: Server will not power on [TKT-100001]
Message-ID: <%s>

--B--
`, action, status, status, action, status, id)
}

func countTemplate(ms []store.OutMail, template string) int {
	n := 0
	for _, m := range ms {
		if m.Template == template {
			n++
		}
	}
	return n
}

// A bounce of the desk's mail to the customer reaches the agents, with the
// server's reason, once an hour at most; a delay is only recorded.
func TestBounceOfCustomerMailIsShownToAgents(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	ack := f.outbox()[0]
	if ack.Template != "ack" {
		t.Fatalf("first mail %s", ack.Template)
	}
	f.ingest("rma", dsn(ack.MessageID, "delayed", "4.4.1"), t0.Add(time.Minute))
	if n := countTemplate(f.outbox(), "agent_undelivered"); n != 0 {
		t.Fatalf("a delay told the agents (%d)", n)
	}
	res := f.ingest("rma", dsn(ack.MessageID, "failed", "5.1.1"), t0.Add(2*time.Minute))
	if res.Outcome != store.OutcomeBounce || res.Ticket != "TKT-100001" {
		t.Fatalf("bounce: %+v", res)
	}
	ms := f.outbox()
	var notice *store.OutMail
	for i := range ms {
		if ms[i].Template == "agent_undelivered" {
			notice = &ms[i]
		}
	}
	if notice == nil || notice.To[0] != agentAddr || notice.Audience != AudienceAgents ||
		!strings.Contains(notice.Subject, "[TKT-100001]") || !strings.Contains(notice.Body, "5.1.1") || !strings.Contains(notice.Body, "alice@customer.example") {
		t.Fatalf("agents' notice: %+v", notice)
	}
	// The same bounce again (a server's repeat, or a replay): no second notice this hour.
	f.ingest("rma", strings.Replace(dsn(ack.MessageID, "failed", "5.1.1"), "<dsn-", "<dsn2-", 1), t0.Add(3*time.Minute))
	if n := countTemplate(f.outbox(), "agent_undelivered"); n != 1 {
		t.Fatalf("%d notices after a repeat, want 1", n)
	}
	// Nothing answered the machine.
	for _, m := range f.outbox() {
		if strings.Contains(strings.Join(m.To, ","), "mailer-daemon") || strings.Contains(strings.Join(m.To, ","), "MAILER-DAEMON") {
			t.Fatalf("answered the bounce: %+v", m)
		}
	}
}

// A mail the SMTP server refused for good is shown to the agents once,
// by the failures job; a failed mail to the agents themselves only goes in
// the history.
func TestPermanentSendFailureIsShownToAgentsOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	ms := f.outbox()
	for _, m := range ms[:2] { // the customer's ack and the agents' notice
		// As the sender holds a row it tries: then the server refuses it.
		if _, err := f.pool.Exec(ctx, `UPDATE outbox SET status = 'sending' WHERE id = $1`, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := store.MarkOutboxFailed(ctx, f.pool, m.ID, t0.Add(time.Minute), "550 5.1.1 <alice@customer.example>: Recipient address rejected"); err != nil {
			t.Fatal(err)
		}
	}
	n, err := f.desk.RunJob(ctx, "failures", t0.Add(5*time.Minute))
	if err != nil || n != 2 {
		t.Fatalf("failures job: %d, %v; want 2 reported", n, err)
	}
	after := f.outbox()
	if c := countTemplate(after, "agent_undelivered"); c != 1 {
		t.Fatalf("%d notices, want 1 (for the customer's mail only)", c)
	}
	notice := after[len(after)-1]
	if notice.Template != "agent_undelivered" || !strings.Contains(notice.Body, "Recipient address rejected") || !strings.Contains(notice.Body, "alice@customer.example") {
		t.Fatalf("notice: %s\n%s", notice.Template, notice.Body)
	}
	if n, err := f.desk.RunJob(ctx, "failures", t0.Add(10*time.Minute)); err != nil || n != 0 {
		t.Fatalf("second run: %d, %v; want nothing", n, err)
	}
}
