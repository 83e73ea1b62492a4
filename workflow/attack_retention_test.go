package workflow

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/policy"
	"rmad/store"
)

// Attacks on retention and erasure (issue 14), as a customer, a forger, a
// careless operator and finance would make them. Each test says what it
// tried; those that found a hole keep guarding its fix.

func qnapFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixture(t, func(c *Config, p *policy.Policy) {
		*p = *mustPolicy(t, "qnap")
		c.People.Finance = "finance@desk.example"
	})
}

// HOLE (high, fixed). An advance replacement shipped, the unit that came
// back was rejected (#reject on a received unit: a wrong product, missing
// parts): the RMA is "rejected" with received_at set and never sent back.
// The customer's unit sits with the vendor and the replacement is out
// with the customer, unbilled. An agent closes the ticket; the purge
// deleted the RMA (no money on it yet) and a forget went through: the
// warehouse and finance lost the only record of whose unit it is.
func TestAttackRetentionRejectedReturnedUnitIsHeld(t *testing.T) {
	f := qnapFixture(t)
	ctx := context.Background()
	ref := qnapCase(t, f, "Rita", "rita@reject.example", "Rita Reject", "+1 212 555 0199", "Q21BI07777", t0)
	at := t0.Add(6 * 24 * time.Hour)
	for _, op := range []Op{Received{}, Reject{Reason: "a different product came back"}, Close{}} {
		if _, err := f.desk.Do(ctx, ref, op, "cli", at); err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		at = at.Add(time.Hour)
	}
	sendAll(t, f, at)
	m := f.rmaRows(ref)[0]
	if m.Status != RMARejected || m.ReceivedAt == nil || m.SentBackAt != nil || m.BilledAt != nil {
		t.Fatalf("setup: %+v", m)
	}
	rep, err := f.desk.PurgeClosed(ctx, at.Add(3*365*24*time.Hour), 365*24*time.Hour, false)
	if err != nil || len(rep.Tickets) != 0 {
		t.Fatalf("purge took the ticket of a unit still with the vendor: %+v %v", rep, err)
	}
	if got := f.rmaRows(ref); len(got) != 1 || got[0].Status != RMARejected || f.ticket(ref).CustomerAddress != "rita@reject.example" {
		t.Fatalf("the RMA of a unit still with the vendor: %+v", got)
	}
	frep, err := f.desk.Forget(ctx, "rita@reject.example", at, false)
	var blocked *ForgetBlockedError
	if !errors.As(err, &blocked) || len(frep.Held) != 1 || !strings.Contains(frep.Held[0], m.Number) {
		t.Fatalf("forget while the vendor holds her unit: %+v %v", frep, err)
	}
}

// HOLE (high, fixed). Forget matched the address as a substring: forgetting
// "n@many.example" (a careless operator, or an erasure request forged
// from that address) also matched "ann@many.example" and
// "jon@many.example". Their raw mail on their OPEN tickets was emptied,
// their quarantined mail deleted and their address rewritten in others'
// notices: one request destroyed other people's data.
func TestAttackRetentionForgetNeverMatchesALongerAddress(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.ingest("support", mailText("N <n@many.example>", supportAddr, "Question", "n1@many.example", "", "How do I update?\n"), t0)
	ann := f.ingest("support", mailText("Ann <ann@many.example>", supportAddr, "Disk fault", "a1@many.example", "",
		"Disk 3 is amber. Reach me at ann@many.example or via jon@many.example.\n"), t0.Add(time.Hour))
	jon := f.ingest("support", mailText("Jon <jon@many.example>", supportAddr, "PSU", "j1@many.example", "", "The PSU whines.\n"), t0.Add(2*time.Hour))
	before := map[string]string{}
	rows, _ := f.pool.Query(ctx, `SELECT message_id, encode(raw, 'escape') FROM messages WHERE from_address IN ('ann@many.example', 'jon@many.example')`)
	for rows.Next() {
		var id, raw string
		if err := rows.Scan(&id, &raw); err != nil {
			t.Fatal(err)
		}
		before[id] = raw
	}
	if len(before) != 2 {
		t.Fatalf("setup: %v", before)
	}
	outBefore := map[int64]string{}
	for _, m := range f.outbox() {
		if m.To[0] != "n@many.example" {
			outBefore[m.ID] = m.Body + m.Subject + strings.Join(m.To, ",")
		}
	}
	rep, err := f.desk.Forget(ctx, "n@many.example", t0.Add(3*time.Hour), false)
	if err != nil || strings.Join(rep.Tickets, ",") != "TKT-100001" {
		t.Fatalf("forget: %+v %v", rep, err)
	}
	for id, raw := range before {
		var now string
		var purged *time.Time
		if err := f.pool.QueryRow(ctx, `SELECT encode(raw, 'escape'), purged_at FROM messages WHERE message_id = $1`, id).Scan(&now, &purged); err != nil {
			t.Fatal(err)
		}
		if now != raw || purged != nil {
			t.Errorf("%s lost its content to the forget of n@many.example", id)
		}
	}
	for _, m := range f.outbox() {
		if was, ok := outBefore[m.ID]; ok && was != m.Body+m.Subject+strings.Join(m.To, ",") {
			t.Errorf("mail %d (%s to %v) rewritten: %q", m.ID, m.Template, m.To, m.Body)
		}
	}
	for _, ref := range []string{ann.Ticket, jon.Ticket} {
		if tk := f.ticket(ref); tk.State == store.TicketPurged || !strings.HasSuffix(tk.CustomerAddress, "@many.example") {
			t.Errorf("%s: %+v", ref, tk)
		}
	}
	if found := findAnywhere(t, f.pool, "<n@many.example>"); len(found) > 0 {
		t.Fatalf("the forgotten address is still in: %v", found)
	}
}

// HOLE (medium, fixed). A name or phone was scrubbed as a substring: a
// customer called "Ann" (or a display name such as "Support") who had
// been copied on Bob's ticket had "annual" and "Announcement" rewritten in
// Bob's history and in the answer still queued for Bob.
func TestAttackRetentionForgetScrubsWholeWordsOnly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.ingest("support", mailText("Ann <ann@short.example>", supportAddr, "Hello", "s1@short.example", "", "Hi.\n"), t0)
	f.ingest("support", mailText("Bob <bob@other.example>", supportAddr, "Annual maintenance", "b1@other.example",
		"Cc: Ann <ann@short.example>\n", "Our annual maintenance is due.\n"), t0.Add(time.Hour))
	notice := lastTo(f.outbox(), "agent_new")
	f.ingest("support", mailText(agentAddr, supportAddr, "Re: Annual maintenance", "a1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n",
		"Hello Bob,\nthe annual plan covers it. Ann keeps a copy.\n"), t0.Add(2*time.Hour))
	relay := lastTo(f.outbox(), "relay")
	if relay == nil || !strings.Contains(relay.Body, "annual plan") {
		t.Fatalf("setup: %+v", relay)
	}
	if _, err := f.desk.Forget(ctx, "ann@short.example", t0.Add(3*time.Hour), false); err != nil {
		t.Fatal(err)
	}
	m, err := store.OutboxByID(ctx, f.pool, relay.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Body, "the annual plan covers it") || strings.Contains(m.Body, " Ann keeps") {
		t.Fatalf("Bob's answer after Ann was forgotten: %q", m.Body)
	}
	if tk := f.ticket("TKT-100002"); tk.Subject != "Annual maintenance" {
		t.Fatalf("Bob's subject: %q", tk.Subject)
	}
}

// No hole: after a purge, a forger (another address) who quotes the
// shell's RMA number or replies to its old thread gets a fresh ticket and
// no word of the old case: no serial, ship-to, name, amount.
func TestAttackRetentionForgerQuotingAPurgedRMALearnsNothing(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	now := r.closedAt.Add(3 * 365 * 24 * time.Hour)
	ack := lastTo(r.outbox(), "rma_issued")
	if ack == nil {
		ack = lastTo(r.outbox(), "ack")
	}
	if _, err := r.desk.PurgeClosed(ctx, now, 365*24*time.Hour, false); err != nil {
		t.Fatal(err)
	}
	before := len(r.outbox())
	for i, raw := range []string{
		mailText("Mallory <mallory@forger.example>", rmaAddr, "Re: RMA-100001 status?", "m1@forger.example", "", "Any news on RMA-100001? Where was it shipped?\n"),
		mailText("Victor <"+victor+">", rmaAddr, "Re: NAS dead", "m2@forger.example", "In-Reply-To: <"+ack.MessageID+">\n", "Status of RMA-100001?\n"),
	} {
		res := r.ingest("rma", raw, now.Add(time.Duration(i)*time.Hour))
		if res.Ticket == "TKT-100001" || res.Ticket == "" {
			t.Fatalf("mail %d landed on %q", i, res.Ticket)
		}
	}
	for _, m := range r.outbox()[before:] {
		for _, secret := range []string{"Q21BI04567", "200 Technology", victorName, victorPhone, "300.00", "1ZQ21BI04567"} {
			if strings.Contains(m.Body, secret) || strings.Contains(m.Subject, secret) {
				t.Errorf("%s to %v leaks %q", m.Template, m.To, secret)
			}
		}
	}
	if s := r.ticket("TKT-100001"); s.State != store.TicketPurged || len(r.rmaRows("TKT-100001")) != 1 {
		t.Fatalf("the shell changed: %+v", s)
	}
}

// No hole: the address hidden from a plain search of the raw mail (in an
// RFC 2047 display name, a Reply-To, a base64 body, a quoted-printable
// body of another customer's mail) is still found and erased.
func TestAttackRetentionForgetFindsEncodedMentions(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	now := r.closedAt.Add(24 * time.Hour)
	enc := "=?utf-8?B?" + base64.StdEncoding.EncodeToString([]byte("Victor Victim <"+victor+">")) + "?="
	b64 := base64.StdEncoding.EncodeToString([]byte("Please ship to my colleague " + victorName + ", " + victor + ", " + victorPhone + ".\r\n"))
	r.ingest("support", "From: Bob <"+bob+">\nTo: "+supportAddr+"\nCc: "+enc+"\nReply-To: VICTOR@VICTIM.EXAMPLE\nSubject: Colleague\n"+
		"Message-ID: <enc1@other.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"+b64+"\n", now.Add(-2*time.Hour))
	r.ingest("support", "From: Bob <"+bob+">\nTo: "+supportAddr+"\nSubject: Again\nMessage-ID: <qp1@other.example>\nMIME-Version: 1.0\n"+
		"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nWrite to vic=\ntor@victim.example or call =2B1 408 555 0100.\n", now.Add(-time.Hour))
	if _, err := r.desk.Forget(ctx, victor, now, false); err != nil {
		t.Fatal(err)
	}
	if found := findAnywhere(t, r.pool, victor, victorName, victorPhone, "1ZQ21BI04567"); len(found) > 0 {
		t.Fatalf("Victor is still in: %v", found)
	}
	for _, id := range []string{"enc1@other.example", "qp1@other.example"} {
		if n := r.rows(`SELECT count(*) FROM messages WHERE message_id = $1 AND raw = ''::bytea AND purged_at IS NOT NULL`, id); n != 1 {
			t.Errorf("%s, which names Victor only encoded, kept its raw mail", id)
		}
	}
}

// No hole: what forget is given goes to SQL as arguments, never spliced;
// an apostrophe, a regex metacharacter or a LIKE wildcard in an address
// forgets exactly that address, and staff addresses in any case or with
// spaces are refused.
func TestAttackRetentionForgetAddressTricks(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	r.ingest("support", mailText("O <o'brien+x.y@quote.example>", supportAddr, "Hi", "o1@quote.example", "", "Hello.\n"), t0)
	for _, bad := range []string{" DANA@DESK.EXAMPLE ", "RMA@desk.EXAMPLE", "Finance@Desk.Example", "victor@victim.example'; DROP TABLE tickets; --",
		"_%@victim.example", ".*@victim.example", "victor@victim.example\x00", "victor@victim.example\nbob@other.example"} {
		if _, err := r.desk.Forget(ctx, bad, r.closedAt, false); err == nil || errors.As(err, new(*ForgetBlockedError)) {
			t.Errorf("Forget(%q) = %v, want a refusal", bad, err)
		}
	}
	digests := tableDigests(t, r.pool)
	// Any of these (a regex or a LIKE pattern were it spliced) names no one here.
	for _, odd := range []string{"v.ctor@victim.example", "o'brien+x@quote.example", "victor@victim.exampl"} {
		rep, err := r.desk.Forget(ctx, odd, r.closedAt, false)
		if err != nil || len(rep.Tickets) != 0 {
			t.Fatalf("Forget(%q) = %+v %v", odd, rep, err)
		}
	}
	after := tableDigests(t, r.pool)
	delete(after, "erasures")
	delete(digests, "erasures")
	if fmt.Sprint(after) != fmt.Sprint(digests) {
		t.Fatalf("forgetting addresses nobody has changed the desk")
	}
	rep, err := r.desk.Forget(ctx, "O'Brien+X.Y@quote.example", r.closedAt, false)
	if err != nil || len(rep.Tickets) != 1 {
		t.Fatalf("the apostrophe address: %+v %v", rep, err)
	}
}

// No hole: a ticket whose mail is queued, being sent or held after a relay outage is never purged, nor is its raw mail: the sender reads its files
// from the stored messages.
func TestAttackRetentionPurgeWaitsForMailStillToGo(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	now := r.closedAt.Add(3 * 365 * 24 * time.Hour)
	id := r.ticket("TKT-100002").ID
	var mail int64
	if err := r.pool.QueryRow(ctx, `SELECT id FROM outbox WHERE ticket_id = $1 ORDER BY id LIMIT 1`, id).Scan(&mail); err != nil {
		t.Fatal(err)
	}
	for _, status := range []string{"queued", "sending", "held"} {
		if _, err := r.pool.Exec(ctx, `UPDATE outbox SET status = $2 WHERE id = $1`, mail, status); err != nil {
			t.Fatalf("%s: %v", status, err)
		}
		raw, err := r.desk.PurgeRaw(ctx, now, 365*24*time.Hour, false)
		if err != nil {
			t.Fatal(err)
		}
		closed, err := r.desk.PurgeClosed(ctx, now, 365*24*time.Hour, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range append(raw.Tickets, closed.Tickets...) {
			if ref == "TKT-100002" {
				t.Fatalf("mail %s, the ticket was purged", status)
			}
		}
		if n := r.rows(`SELECT count(*) FROM messages WHERE ticket_id = $1 AND purged_at IS NOT NULL`, id); n != 0 {
			t.Fatalf("mail %s: %d messages lost their raw mail", status, n)
		}
	}
}

// No hole: a reply that arrives for a ticket while a purge holds it waits
// for the purge, then opens a fresh ticket (the old one is gone); the
// message is never lost and never lands on a deleted ticket.
func TestAttackRetentionReplyDuringPurge(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	now := r.closedAt.Add(3 * 365 * 24 * time.Hour)
	ackTicket := r.ticket("TKT-100002").ID
	ack := r.ackOf("TKT-100002")
	// The purge's batch: TKT-100002's row locked and erased, not yet committed.
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // committed below; this only frees it when the test fails first
	ds, _, err := store.LockClosedBefore(ctx, tx, now.Add(-365*24*time.Hour), 0, retentionBatch)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.EraseTickets(ctx, tx, ds, func(string) string { return "purged-x" }, now, "test"); err != nil {
		t.Fatal(err)
	}
	done := make(chan Result, 1)
	go func() {
		r.uid++
		res, err := r.desk.Ingest(ctx, Inbound{Mailbox: "support", UIDValidity: 7, UID: r.uid, At: now,
			Raw: []byte(strings.ReplaceAll(mailText("Victor <"+victor+">", supportAddr, "Re: "+ack.Subject, "late@victim.example",
				"In-Reply-To: <"+ack.MessageID+">\n", "One more question.\n"), "\n", "\r\n"))})
		if err != nil {
			t.Errorf("ingest: %v", err)
		}
		done <- res
	}()
	// Wait until the ingest is blocked on the purge's lock.
	for {
		var waiting int
		if err := r.pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case res := <-done:
			t.Fatalf("the reply did not wait for the purge: %+v", res)
		default:
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	res := <-done
	if res.Ticket == "" || res.Outcome != store.OutcomeCreated {
		t.Fatalf("the reply after the purge: %+v", res)
	}
	if n := r.rows(`SELECT count(*) FROM messages WHERE message_id = 'late@victim.example' AND ticket_id = (SELECT id FROM tickets WHERE ref = $1)`, res.Ticket); n != 1 {
		t.Fatalf("the reply is not on its new ticket")
	}
	if n := r.rows(`SELECT count(*) FROM tickets WHERE id = $1`, ackTicket); n != 0 && r.rows(`SELECT count(*) FROM tickets WHERE id = $1 AND state = 'purged'`, ackTicket) != 1 {
		t.Fatalf("the purged ticket came back")
	}
}

// Low, left: a dry run rolls its transaction back, but PostgreSQL never
// rolls back a sequence, so a dry run uses up ids (erasures, history) the
// real run then skips. No row, no audit entry, nothing a person can read
// changes; guarded here so that stays all it does.
func TestAttackRetentionDryRunLeavesNoRow(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	digests := tableDigests(t, r.pool)
	if _, err := r.desk.Forget(ctx, victor, r.closedAt, true); err != nil {
		t.Fatal(err)
	}
	if _, err := r.desk.PurgeClosed(ctx, r.closedAt.Add(3*365*24*time.Hour), 24*time.Hour, true); err != nil {
		t.Fatal(err)
	}
	if _, err := r.desk.PurgeRaw(ctx, r.closedAt.Add(3*365*24*time.Hour), 24*time.Hour, true); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(tableDigests(t, r.pool)) != fmt.Sprint(digests) {
		t.Fatalf("a dry run changed a row")
	}
	if n := r.rows(`SELECT count(*) FROM erasures`); n != 0 {
		t.Fatalf("a dry run left %d audit rows", n)
	}
}
