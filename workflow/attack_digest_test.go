package workflow

// Attacks on the agents' digest after migration 018: the "waiting on us"
// list now reads tickets.agent_acted_at instead of the ticket's events.
// Every step is checked against the condition it replaced (an agent's
// relayed reply or command at or after the customer's last word), and
// against what the list must say: a customer or a forged agent takes no
// ticket off it, a replayed command as of an earlier time puts none back
// on, an agent's answer takes it off.

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"rmad/store"
)

// waitingOldWay is the digest's condition before migration 018, from the
// events.
func (f *fixture) waitingOldWay() []string {
	f.t.Helper()
	rows, err := f.pool.Query(context.Background(), `SELECT t.ref FROM tickets t
		WHERE t.state = 'open' AND t.customer_replied_at IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind IN ('relayed', 'command') AND e.at >= t.customer_replied_at)
			AND NOT EXISTS (SELECT 1 FROM rmas r WHERE r.ticket_id = t.id AND r.issued_at >= t.customer_replied_at)
		ORDER BY t.customer_replied_at, t.id`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			f.t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func (f *fixture) waitingNow() []string {
	f.t.Helper()
	ws, _, err := store.WaitingOnUs(context.Background(), f.pool, 100)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, w := range ws {
		out = append(out, w.Ref)
	}
	return out
}

// lastMailTo is the newest mail of template on ticket ref.
func (f *fixture) lastMailOf(ref, template string) store.OutMail {
	f.t.Helper()
	var m store.OutMail
	for _, o := range f.outbox() {
		if o.Template == template && strings.Contains(o.Subject, "["+ref+"]") {
			m = o
		}
	}
	if m.MessageID == "" {
		f.t.Fatalf("no %s mail on %s", template, ref)
	}
	return m
}

func TestAttackDigestWaitingOnUs(t *testing.T) {
	f := newFixture(t)
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	step := 0
	check := func(what string, want []string, absent ...string) {
		t.Helper()
		step++
		got, old := f.waitingNow(), f.waitingOldWay()
		if !slices.Equal(got, old) {
			t.Errorf("step %d (%s): the digest lists %v, the events say %v", step, what, got, old)
		}
		for _, r := range want {
			if !slices.Contains(got, r) {
				t.Errorf("step %d (%s): %s is not on the waiting list %v, and its customer's last word is unanswered", step, what, r, got)
			}
		}
		for _, r := range absent {
			if slices.Contains(got, r) {
				t.Errorf("step %d (%s): %s is on the waiting list %v though an agent answered since", step, what, r, got)
			}
		}
	}
	a := f.ingest("support", mailText(customer, supportAddr, "Fan noise", "a-1@customer.example", "",
		"Contact: Alice Martin\nPhone: 555-0100\nModel: D52BQ-2U\nPart Number: 1S5BZZZ0ST1\nSerial Number: QTFCQ0123456789\nThe fan is loud since the update.\n"), at(0))
	b := f.ingest("support", mailText("bob@other.example", supportAddr, "Disk dead", "b-1@other.example", "",
		"Contact: Bob\nPhone: 555-0101\nModel: D52BQ-2U\nPart Number: 1S5BZZZ0ST1\nSerial Number: QTFCQ0123456790\nA disk is dead.\n"), at(0))
	A, B := a.Ticket, b.Ticket
	for _, r := range []string{A, B} {
		if tk := f.ticket(r); tk.State != StateOpen {
			f.exec(`UPDATE tickets SET state = 'open', waiting_since = NULL, missing = '{}' WHERE ref = '` + r + `'`)
		}
	}
	check("two new tickets", []string{A, B})

	// An agent answers A in the agents' thread: A is off.
	notice := f.lastMailOf(A, "agent_new")
	f.ingest("support", mailText(agentAddr, supportAddr, "Re: "+notice.Subject, "ag-1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n",
		"Please update the BMC firmware.\n"), at(1))
	check("an agent answered A", []string{B}, A)

	// The customer answers in the thread: A is back on.
	relay := f.lastMailOf(A, "relay")
	f.ingest("support", mailText(customer, supportAddr, "Re: "+relay.Subject, "a-2@customer.example", "In-Reply-To: <"+relay.MessageID+">\n",
		"Still loud after the update.\n"), at(2))
	check("the customer wrote again", []string{A, B})

	// A command replayed from the CLI as of an earlier time answers nothing since.
	f.doOK(A, Note{Text: "replayed from last night's log"}, at(1).Add(30*time.Minute))
	check("a command replayed as of before the customer's mail", []string{A, B})

	// A forged agent mail (no signed reference) takes nothing off.
	f.ingest("support", mailText(agentAddr, supportAddr, "Re: ["+B+"] Disk dead", "forged-1@evil.example", "",
		"#note handled\nAll done, closing.\n"), at(3))
	check("a forged agent mail on B", []string{A, B})

	// The customer's own mail with command lines takes nothing off.
	relay = f.lastMailOf(A, "relay")
	f.ingest("support", mailText(customer, supportAddr, "Re: "+relay.Subject, "a-3@customer.example", "In-Reply-To: <"+relay.MessageID+">\n",
		"#close\n#note answered\nIs there news?\n"), at(4))
	check("the customer's mail with command lines", []string{A, B})

	// An agent's command from the CLI now takes A off.
	f.doOK(A, Note{Text: "called the customer"}, at(5))
	check("an agent's command on A", []string{B}, A)

	// B closed from the CLI, then the customer writes in its thread again.
	f.doOK(B, Close{}, at(6))
	check("B closed", nil, A, B)
	ack := f.lastCustomerMail(B)
	f.ingest("support", mailText("bob@other.example", supportAddr, "Re: "+ack.Subject, "b-2@other.example", "In-Reply-To: <"+ack.MessageID+">\n",
		"The disk is still dead.\n"), at(7))
	if tk := f.ticket(B); tk.State == StateOpen {
		check("the customer wrote on closed B", []string{B}, A)
	} else {
		check("the customer wrote on closed B (not reopened: "+string(tk.State)+")", nil, A)
	}
	// Jobs replayed as of an earlier time, and a command replayed as of
	// before everything: agent_acted_at stays the latest agent's act.
	for _, j := range []string{"waiting", "promises", "failures"} {
		f.runJob(j, at(-24))
	}
	f.doOK(A, Note{Text: "replayed again"}, at(-48))
	if n := f.count(`SELECT count(*) FROM tickets t WHERE agent_acted_at IS DISTINCT FROM
		(SELECT max(at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind IN ('relayed', 'command'))`); n != 0 {
		t.Errorf("%d tickets whose agent_acted_at is not their latest agent reply or command", n)
	}
	check("after replays as of the past", nil, A)
}

// lastCustomerMail is the newest mail to ref's customer.
func (f *fixture) lastCustomerMail(ref string) store.OutMail {
	f.t.Helper()
	var m store.OutMail
	for _, o := range f.outbox() {
		if o.Audience == AudienceCustomer && strings.Contains(o.Subject, "["+ref+"]") {
			m = o
		}
	}
	if m.MessageID == "" {
		f.t.Fatalf("no customer mail on %s", ref)
	}
	return m
}
