package workflow

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/store"
)

func sentTo(ms []store.OutMail, template, to string) []store.OutMail {
	var out []store.OutMail
	for _, m := range ms {
		if m.Template == template && strings.EqualFold(strings.Join(m.To, ","), to) {
			out = append(out, m)
		}
	}
	return out
}

// "Any update?" in the thread gets where things stand; a mail with new
// details does not; a stranger's question gets nothing; the answers count
// against the automatic-answer cap.
func TestCustomerAskingForNewsGetsTheStatus(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	ack := f.outbox()[0]
	thread := "In-Reply-To: <" + ack.MessageID + ">\n"
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Re: Server will not power on [TKT-100001]", "n1@customer.example", thread,
		"Hi, any update on this?\n\nAlice\n"), t0.Add(time.Hour))
	st := sentTo(f.outbox(), "status", customer)
	if len(st) != 1 || !strings.Contains(st[0].Body, "We still need") || !strings.Contains(st[0].Body, "Purchase order") ||
		st[0].AutoSubmitted != "auto-replied" || st[0].InReplyTo != "n1@customer.example" {
		t.Fatalf("status answers: %+v", st)
	}
	if n := len(sentTo(f.outbox(), "agent_followup", agentAddr)); n != 1 {
		t.Fatalf("agents told of the question %d times, want 1", n)
	}
	// New details are not a question for news.
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Re: Server will not power on [TKT-100001]", "n2@customer.example", thread,
		"Any update? Here is what you asked for:\nPO Number: PO-4411\n"), t0.Add(2*time.Hour))
	if n := len(sentTo(f.outbox(), "status", customer)); n != 1 {
		t.Fatalf("%d status answers after a mail with details, want still 1", n)
	}
	// Someone else asking about the ticket learns nothing.
	f.ingest("rma", mailText("Mallory <mallory@evil.example>", rmaAddr, "Re: Server will not power on [TKT-100001]", "m1@evil.example", thread,
		"Any update?\n"), t0.Add(3*time.Hour))
	for _, m := range f.outbox() {
		if strings.Contains(strings.Join(m.To, ","), "mallory") {
			t.Fatalf("answered a stranger: %s", m.Template)
		}
	}
	// A new mail naming the ticket by its ref: the answer goes to the
	// ticket's customer, and nothing is applied.
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Status of TKT-100001?", "n3@customer.example", "", "Where are we with TKT-100001?\n"), t0.Add(4*time.Hour))
	if n := len(sentTo(f.outbox(), "status", customer)); n != 2 {
		t.Fatalf("%d status answers after a question naming the ref, want 2", n)
	}
	// A customer asking every minute gets at most the hourly cap.
	for i := 0; i < 8; i++ {
		f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Re: Server will not power on [TKT-100001]", fmt.Sprintf("q%d@customer.example", i), thread,
			"status?\n"), t0.Add(5*time.Hour+time.Duration(i)*time.Minute))
	}
	if n := len(sentTo(f.outbox(), "status", customer)); n > 2+5 {
		t.Fatalf("%d status answers, more than the cap of 5 an hour allows", n)
	}
}
