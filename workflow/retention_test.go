package workflow

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/policy"
	"rmad/store"
)

// The retention desk: four tickets built through the real desk.
//
//	TKT-100001  Victor's QNAP advance replacement: billed 300.00, paid, unit back, closed.
//	TKT-100002  Victor's support question, closed.
//	TKT-100003  Bob's open support ticket, Victor copied on it.
//	TKT-100004  Carol's QNAP advance replacement: billed and NOT paid; the ticket closed.
const (
	victor      = "victor@victim.example"
	victorName  = "Victor Victim"
	victorPhone = "+1 408 555 0100"
	bob         = "bob@other.example"
	carol       = "carol@third.example"
)

type retentionDesk struct {
	*fixture
	closedAt time.Time // when the last ticket closed
}

func newRetentionDesk(t *testing.T) *retentionDesk {
	t.Helper()
	f := newFixture(t, func(c *Config, p *policy.Policy) {
		*p = *mustPolicy(t, "qnap")
		c.People.Finance = "finance@desk.example"
	})
	ctx := context.Background()
	v := qnapCase(t, f, "Victor", victor, victorName, victorPhone, "Q21BI04567", t0)
	f.ingest("support", mailText("Victor <"+victor+">", supportAddr, "How do I reset the admin password?", "s1@victim.example", "",
		"Hello,\nhow do I reset the admin password of my TS-873A?\n\n"+victorName+"\nPhone: "+victorPhone+"\n"), t0.Add(time.Hour))
	f.ingest("support", mailText("Bob <"+bob+">", supportAddr, "Fan noise", "b1@other.example", "Cc: Victor <"+victor+">\n",
		"Our unit is loud since Monday.\n\nBob\n"), t0.Add(2*time.Hour))
	c := qnapCase(t, f, "Carol", carol, "Carol Third", "+44 20 7946 0999", "Q21BI09999", t0.Add(3*time.Hour))
	due := *f.rmaRows(v)[0].ReturnDue
	if _, err := f.desk.RunJob(ctx, "billing", due.Add(2*24*time.Hour+time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{v, c} {
		if r := f.rmaRows(ref)[0]; r.Status != RMABilled || r.Amount == nil {
			t.Fatalf("setup: %s is %s %v", ref, r.Status, r.Amount)
		}
	}
	at := due.Add(3 * 24 * time.Hour)
	do := func(ref string, op Op) {
		t.Helper()
		if _, err := f.desk.Do(ctx, ref, op, "cli", at); err != nil {
			t.Fatalf("%s %s: %v", ref, op, err)
		}
		at = at.Add(time.Hour)
	}
	do(v, Received{})
	do(v, Paid{})
	do(v, Close{})
	do("TKT-100002", Close{})
	do(c, Close{})
	if r := f.rmaRows(v)[0]; r.Status != RMAClosed || r.PaidAt == nil {
		t.Fatalf("setup: Victor's RMA is %s paid %v", r.Status, r.PaidAt)
	}
	if _, err := f.desk.RunJob(ctx, "all", at); err != nil {
		t.Fatal(err)
	}
	sendAll(t, f, at)
	return &retentionDesk{fixture: f, closedAt: at}
}

// qnapCase takes a QNAP advance replacement through the desk to delivery
// and returns its ticket.
func qnapCase(t *testing.T, f *fixture, from, addr, name, phone, serial string, at time.Time) string {
	t.Helper()
	ctx := context.Background()
	inv := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	msrp := "2899.00"
	importAsset(t, f, store.Asset{SerialNumber: serial, Model: "TS-873A", CustomerEmail: addr, InvoiceDate: &inv,
		MSRP: &msrp, Currency: "USD", Plans: []string{"advance", "card_on_file"}})
	body := strings.NewReplacer("Victor Victim", name, "+1 408 555 0100", phone, "Q21BI04567", serial).Replace(qnapRequest)
	res := f.ingest("rma", mailText(from+" <"+addr+">", rmaAddr, "NAS dead", "r1-"+serial+"@x.example", "",
		fmt.Sprintf(body, "200 Technology Dr, Irvine, CA 92618")), at)
	agents := lastTo(f.outbox(), "agent_new")
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1-"+serial+"@desk.example", "In-Reply-To: <"+agents.MessageID+">\n", "#approve advance\n"), at.Add(time.Hour))
	if ask := lastTo(f.outbox(), "rma_review"); ask != nil && ask.To[0] == addr {
		f.ingest("rma", mailText(addr, rmaAddr, "Re: "+ask.Subject, "c1-"+serial+"@x.example",
			"In-Reply-To: <"+ask.MessageID+">\n", "Yes, the address is right.\n"), at.Add(2*time.Hour))
	}
	if _, err := f.desk.Do(ctx, res.Ticket, Shipped{Carrier: "UPS", Tracking: "1Z" + serial, Part: "unit"}, "cli", at.Add(24*time.Hour)); err != nil {
		t.Fatalf("ship: %v", err)
	}
	if _, err := f.desk.Do(ctx, res.Ticket, Delivered{}, "cli", at.Add(4*24*time.Hour)); err != nil {
		t.Fatalf("deliver: %v", err)
	}
	return res.Ticket
}

// sendAll marks every queued mail sent, as the outbox worker would.
func sendAll(t *testing.T, f *fixture, at time.Time) {
	t.Helper()
	if _, err := f.pool.Exec(context.Background(), `UPDATE outbox SET status = 'sent', sent_at = $1 WHERE status = 'queued'`, at); err != nil {
		t.Fatal(err)
	}
}

// tableCounts counts the rows of every table of the schema, found from
// information_schema: a table added later is counted without a change here.
func tableCounts(t *testing.T, db store.DBTX) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	rows, _ := db.Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'rmad_schema_version' ORDER BY 1`)
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, n := range names {
		var c int64
		if err := db.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{n}.Sanitize()).Scan(&c); err != nil {
			t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

// tableDigests is a digest of every row of every table.
func tableDigests(t *testing.T, db store.DBTX) map[string]string {
	t.Helper()
	out := map[string]string{}
	for n := range tableCounts(t, db) {
		var d string
		if err := db.QueryRow(context.Background(), `SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM `+
			pgx.Identifier{n}.Sanitize()+` x`).Scan(&d); err != nil {
			t.Fatal(err)
		}
		out[n] = d
	}
	return out
}

// findAnywhere lists table.column where any needle stands, in any text,
// json, array, tsvector or bytea column of any table (found from
// information_schema), as written or base64-encoded (a CSV attached to a
// stored mail).
func findAnywhere(t *testing.T, db store.DBTX, needles ...string) []string {
	t.Helper()
	ctx := context.Background()
	var all []string
	for _, n := range needles {
		all = append(all, strings.ToLower(n))
		for off := 0; off < 3; off++ {
			// The needle's bytes at each alignment of base64's 3-byte groups,
			// without the edge characters that depend on its neighbours.
			b := base64.StdEncoding.EncodeToString(append(make([]byte, off), n...))
			start, end := (off*4+2)/3+1, len(b)-4
			if end > start+4 {
				all = append(all, b[start:end])
			}
		}
	}
	rows, _ := db.Query(ctx, `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
			AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'tsvector', 'bytea') ORDER BY 1, 2`)
	type col struct{ Table, Column, Type string }
	cols, err := pgx.CollectRows(rows, pgx.RowToStructByPos[col])
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, c := range cols {
		expr := pgx.Identifier{c.Column}.Sanitize() + "::text"
		if c.Type == "bytea" {
			expr = "encode(" + pgx.Identifier{c.Column}.Sanitize() + ", 'escape')"
		}
		var n int64
		err := db.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{c.Table}.Sanitize()+` WHERE EXISTS (
			SELECT 1 FROM unnest($1::text[]) s WHERE position(s in `+expr+`) > 0 OR position(s in lower(`+expr+`)) > 0)`, all).Scan(&n)
		if err != nil {
			t.Fatalf("%s.%s: %v", c.Table, c.Column, err)
		}
		if n > 0 {
			found = append(found, fmt.Sprintf("%s.%s (%d rows)", c.Table, c.Column, n))
		}
	}
	return found
}

// assertCounts checks the rows of every table against want. A table want
// does not name (one a later migration adds) must have as many rows as in
// unchanged: nothing here may touch what the test does not account for.
func assertCounts(t *testing.T, what string, got, want, unchanged map[string]int64) {
	t.Helper()
	var bad []string
	for n, c := range got {
		w, ok := want[n]
		if !ok {
			w, ok = unchanged[n]
		}
		if !ok || w != c {
			bad = append(bad, fmt.Sprintf("%s: %d rows, want %d (accounted for: %v)", n, c, w, ok))
		}
	}
	for n := range want {
		if _, ok := got[n]; !ok {
			bad = append(bad, n+": no such table")
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("%s:\n  %s", what, strings.Join(bad, "\n  "))
	}
}

func (r *retentionDesk) rows(sql string, args ...any) int64 {
	r.t.Helper()
	var n int64
	if err := r.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		r.t.Fatal(err)
	}
	return n
}

func TestForgetErasesOnePersonEverywhereAndKeepsTheirBillingAnonymised(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	now := r.closedAt.Add(24 * time.Hour)
	// Before he asks: an agent copies him on Bob's ticket and answers Bob
	// (queued, to Bob, Cc Victor), and he opens a new ticket whose
	// acknowledgment waits to be sent.
	if _, err := r.desk.Do(ctx, "TKT-100003", Cc{Addrs: []string{victor}}, "cli", now.Add(-3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	var notice string
	if err := r.pool.QueryRow(ctx, `SELECT message_id FROM outbox WHERE template = 'agent_new' AND ticket_id = $1`, r.ticket("TKT-100003").ID).Scan(&notice); err != nil {
		t.Fatal(err)
	}
	r.ingest("support", mailText(agentAddr, supportAddr, "Re: Fan noise", "a9@desk.example", "In-Reply-To: <"+notice+">\n",
		"Hello Bob,\nplease send us a photo of the fan.\n"), now.Add(-2*time.Hour))
	if res := r.ingest("support", mailText("Victor <"+victor+">", supportAddr, "Firmware question", "s9@victim.example", "",
		"Which firmware fixes the fan?\n"), now.Add(-time.Hour)); res.Ticket != "TKT-100005" {
		t.Fatalf("setup: %+v", res)
	}
	relay := lastTo(r.outbox(), "relay")
	if relay == nil || relay.Status != store.OutboxQueued || strings.Join(relay.To, ",") != bob || strings.Join(relay.Cc, ",") != victor {
		t.Fatalf("setup: relay %+v", relay)
	}
	if found := findAnywhere(t, r.pool, victor); len(found) < 8 {
		t.Fatalf("setup: Victor is in too few places to prove anything: %v", found)
	}
	before := tableCounts(t, r.pool)
	digests := tableDigests(t, r.pool)
	bill := r.rmaRows("TKT-100001")[0]

	dry, err := r.desk.Forget(ctx, "Victor@Victim.example", now, true)
	if err != nil {
		t.Fatal(err)
	}
	if after := tableDigests(t, r.pool); fmt.Sprint(after) != fmt.Sprint(digests) {
		t.Fatalf("a dry run changed the database")
	}
	rep, err := r.desk.Forget(ctx, "VICTOR@victim.example", now, false)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(dry.Tables) != fmt.Sprint(rep.Tables) || !dry.DryRun || rep.DryRun {
		t.Fatalf("the dry run said %v, the run did %v", dry.Tables, rep.Tables)
	}
	if strings.Join(rep.Tickets, ",") != "TKT-100001,TKT-100002,TKT-100005" || strings.Join(rep.Shells, ",") != "TKT-100001" {
		t.Fatalf("report: %+v", rep)
	}
	// Bob's answer still goes, to Bob alone; Victor is off his ticket.
	if m, err := store.OutboxByID(ctx, r.pool, relay.ID); err != nil || m.Status != store.OutboxQueued || strings.Join(m.To, ",") != bob ||
		len(m.Cc) != 0 || !strings.Contains(m.Body, "photo of the fan") {
		t.Fatalf("Bob's answer after the forget: %+v %v", m, err)
	}
	if p := r.ticket("TKT-100003").Participants; len(p) != 0 {
		t.Fatalf("Bob's ticket still copies %v", p)
	}
	if found := findAnywhere(t, r.pool, victor, victorName, victorPhone, "1ZQ21BI04567"); len(found) > 0 {
		t.Fatalf("Victor is still in: %v", found)
	}
	after := tableCounts(t, r.pool)
	t.Logf("before %v\nafter  %v\nreport %v", before, after, rep.Tables)
	want := map[string]int64{}
	for n, c := range before {
		want[n] = c
	}
	for n, ch := range rep.Tables {
		want[n] -= ch.Deleted
	}
	want["erasures"]++
	want["ticket_events"]++ // the shell's "purged" line
	assertCounts(t, "after forget (from the report)", after, want, nil)
	// And as counted by hand: Victor's 3 tickets and their 16 mails, 12
	// history lines, 5 thread ids and a promise go; the shell keeps the RMA,
	// its 7 status changes and 3 stages; the 5 messages on them, and Bob's
	// copied to him, are kept without content (tombstones).
	assertCounts(t, "after forget", after, map[string]int64{"assets": 2, "auto_reply_counts": 4, "erasures": 1, "job_periods": 2,
		"job_runs": 10, "mailbox_leases": 0, "mailbox_marks": 0, "message_copies": 10, "message_failures": 0, "messages": 10,
		"outbox": 17, "promises": 1, "quarantine": 0, "rma_events": 14, "rma_stages": 6, "rmas": 2, "settings": 0,
		"thread_ids": 5, "ticket_events": 12, "ticket_stages": 1, "tickets": 3}, before)
	if before["tickets"] != 5 || before["outbox"] != 33 || before["messages"] != 10 {
		t.Fatalf("setup changed: %v", before)
	}
	// What stays, exactly: Victor's support ticket is gone, his RMA ticket
	// a shell holding the bill; Bob's and Carol's are as they were.
	if n := r.rows(`SELECT count(*) FROM tickets WHERE ref = 'TKT-100002'`); n != 0 {
		t.Fatalf("Victor's support ticket is still there")
	}
	shell := r.ticket("TKT-100001")
	if shell.State != store.TicketPurged || shell.CustomerAddress != rep.Tag || !strings.HasPrefix(rep.Tag, "forgotten-") ||
		shell.CustomerName != "" || shell.Subject != "" || len(shell.Fields) != 0 || len(shell.Units) != 0 {
		t.Fatalf("shell: %+v", shell)
	}
	kept := r.rmaRows("TKT-100001")
	if len(kept) != 1 || kept[0].Number != bill.Number || *kept[0].Amount != *bill.Amount || *kept[0].PaidAmount != *bill.PaidAmount ||
		!kept[0].BilledAt.Equal(*bill.BilledAt) || !kept[0].PaidAt.Equal(*bill.PaidAt) || kept[0].Tracking != "" {
		t.Fatalf("billing row: %+v, was %+v", kept[0], bill)
	}
	for _, q := range []string{
		`SELECT count(*) FROM rma_events WHERE rma_id = $1`,
		`SELECT count(*) FROM rma_events WHERE rma_id = $1 AND to_status = 'billed'`,
		`SELECT count(*) FROM rma_events WHERE rma_id = $1 AND detail = 'paid'`,
	} {
		if r.rows(q, bill.ID) == 0 {
			t.Errorf("the billing history lost: %s", q)
		}
	}
	if n := r.rows(`SELECT count(*) FROM messages WHERE ticket_id IS NULL AND outcome = 'purged' AND raw = ''::bytea AND from_address = ''`); n == 0 {
		t.Fatalf("no tombstones of Victor's messages")
	}
	bobT := r.ticket("TKT-100003")
	if bobT.State == StateClosed || bobT.CustomerAddress != bob || len(r.rmaRows("TKT-100004")) != 1 || r.rmaRows("TKT-100004")[0].Status != RMABilled {
		t.Fatalf("others' tickets changed: %+v", bobT)
	}
	if n := r.rows(`SELECT count(*) FROM erasures WHERE kind = 'forget' AND subject = $1`, rep.Subject); n != 1 {
		t.Fatalf("audit rows: %d", n)
	}
	// Forgetting again finds nothing more to do; he writes again and gets
	// a fresh ticket, even replying to the shell's thread.
	again, err := r.desk.Forget(ctx, victor, now.Add(time.Hour), false)
	if err != nil || len(again.Tickets) != 0 {
		t.Fatalf("second forget: %+v %v", again, err)
	}
	res := r.ingest("rma", mailText("Victor <"+victor+">", rmaAddr, "Re: NAS dead [TKT-100001]", "new-1@victim.example", "", "It broke again.\n"), now.Add(2*time.Hour))
	if res.Outcome != store.OutcomeCreated || res.Ticket == "TKT-100001" {
		t.Fatalf("a forgotten customer writing again: %+v", res)
	}
	if nt := r.ticket(res.Ticket); nt.CustomerAddress != victor || nt.State == store.TicketPurged {
		t.Fatalf("fresh ticket: %+v", nt)
	}
}

func TestForgetRefusesDomainsAndRunningCases(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	for _, bad := range []string{"@victim.example", "victim.example", "Victor <victor@victim.example>", "a@b.example, c@d.example", "%@victim.example", "", rmaAddr, "Dana@Desk.example", "finance@desk.example"} {
		if _, err := r.desk.Forget(ctx, bad, r.closedAt, false); !IsNotAddress(err) {
			t.Errorf("Forget(%q) = %v, want a refusal", bad, err)
		}
	}
	digests := tableDigests(t, r.pool)
	rep, err := r.desk.Forget(ctx, carol, r.closedAt, false)
	var blocked *ForgetBlockedError
	if !errors.As(err, &blocked) || len(rep.Held) != 1 || !strings.Contains(rep.Held[0], "RMA-100004") || !strings.Contains(rep.Held[0], "not paid") {
		t.Fatalf("forget with an unpaid bill: %+v %v", rep, err)
	}
	if fmt.Sprint(tableDigests(t, r.pool)) != fmt.Sprint(digests) {
		t.Fatalf("a refused forget changed the database")
	}
}

func TestPurgeClosedKeepsBillingAndNeverTouchesOpenOrUnpaid(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	now := r.closedAt.Add(2 * 365 * 24 * time.Hour)
	bill := r.rmaRows("TKT-100001")[0]
	carolBefore := r.rmaRows("TKT-100004")[0]
	before := tableCounts(t, r.pool)
	digests := tableDigests(t, r.pool)
	if rep, err := r.desk.PurgeClosed(ctx, now, 3*365*24*time.Hour, false); err != nil || len(rep.Tickets) != 0 || !rep.Tables.Empty() {
		t.Fatalf("nothing is 3 years old: %+v %v", rep, err)
	}
	dry, err := r.desk.PurgeClosed(ctx, now, 365*24*time.Hour, true)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(tableDigests(t, r.pool)) != fmt.Sprint(digests) {
		t.Fatalf("a dry run changed the database")
	}
	// The desk is working on TKT-100002 (a transaction holds it): the purge
	// skips it rather than wait, and the next run takes it.
	busy, err := r.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := busy.Exec(ctx, `SELECT 1 FROM tickets WHERE ref = 'TKT-100002' FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	rep, err := r.desk.PurgeClosed(ctx, now, 365*24*time.Hour, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := busy.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Tickets, ",") != "TKT-100001" || strings.Join(rep.Shells, ",") != "TKT-100001" {
		t.Fatalf("purged %v, shells %v", rep.Tickets, rep.Shells)
	}
	next, err := r.desk.PurgeClosed(ctx, now, 365*24*time.Hour, false)
	if err != nil || strings.Join(next.Tickets, ",") != "TKT-100002" || len(next.Shells) != 0 {
		t.Fatalf("the next run: %+v %v", next, err)
	}
	rep.Tables.Add(next.Tables)
	if fmt.Sprint(dry.Tables) != fmt.Sprint(rep.Tables) {
		t.Fatalf("dry run %v, runs %v", dry.Tables, rep.Tables)
	}
	want := map[string]int64{}
	for n, c := range before {
		want[n] = c
	}
	for n, ch := range rep.Tables {
		want[n] -= ch.Deleted
	}
	want["erasures"] += 2
	want["ticket_events"]++
	after := tableCounts(t, r.pool)
	assertCounts(t, "after purge (from the report)", after, want, nil)
	assertCounts(t, "after purge", after, map[string]int64{"assets": 2, "auto_reply_counts": 2, "erasures": 2, "job_periods": 2,
		"job_runs": 10, "mailbox_leases": 0, "mailbox_marks": 0, "message_copies": 8, "message_failures": 0, "messages": 8,
		"outbox": 16, "promises": 1, "quarantine": 0, "rma_events": 14, "rma_stages": 6, "rmas": 2, "settings": 0,
		"thread_ids": 4, "ticket_events": 10, "ticket_stages": 1, "tickets": 3}, before)
	t.Logf("purge closed: %v", rep.Tables)
	if found := findAnywhere(t, r.pool, victorName, victorPhone); len(found) > 0 {
		t.Fatalf("Victor's name or phone is still in: %v", found)
	}
	kept := r.rmaRows("TKT-100001")[0]
	if kept.Number != bill.Number || *kept.Amount != *bill.Amount || !kept.PaidAt.Equal(*bill.PaidAt) {
		t.Fatalf("billing row: %+v", kept)
	}
	if s := r.ticket("TKT-100001"); s.State != store.TicketPurged || !strings.HasPrefix(s.CustomerAddress, "purged-") {
		t.Fatalf("shell: %+v", s)
	}
	if c := r.rmaRows("TKT-100004")[0]; c.Status != carolBefore.Status || c.Tracking != carolBefore.Tracking || r.ticket("TKT-100004").CustomerAddress != carol {
		t.Fatalf("an unpaid bill was touched: %+v", c)
	}
	if r.ticket("TKT-100003").CustomerAddress != bob {
		t.Fatalf("an open ticket was touched")
	}
	// Safe to rerun: nothing more to do.
	if again, err := r.desk.PurgeClosed(ctx, now, 365*24*time.Hour, false); err != nil || !again.Tables.Empty() {
		t.Fatalf("rerun: %+v %v", again, err)
	}
}

func TestPurgeRawKeepsTicketsAndMetadata(t *testing.T) {
	r := newRetentionDesk(t)
	ctx := context.Background()
	now := r.closedAt.Add(200 * 24 * time.Hour)
	// An out-of-office answer that threads into no ticket: its raw mail is
	// content no ticket holds, purged at the same age.
	if res := r.ingest("support", mailText("Zed <zed@away.example>", supportAddr, "Out of office", "ooo1@away.example",
		"Auto-Submitted: auto-replied\n", "I am away until Monday.\n"), t0); res.Ticket != "" {
		t.Fatalf("setup: %+v", res)
	}
	before := tableCounts(t, r.pool)
	digests := tableDigests(t, r.pool)
	dry, err := r.desk.PurgeRaw(ctx, now, 180*24*time.Hour, true)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(tableDigests(t, r.pool)) != fmt.Sprint(digests) {
		t.Fatalf("a dry run changed the database")
	}
	rep, err := r.desk.PurgeRaw(ctx, now, 180*24*time.Hour, false)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(dry.Tables) != fmt.Sprint(rep.Tables) || strings.Join(rep.Tickets, ",") != "TKT-100001,TKT-100002" {
		t.Fatalf("dry %v; run %+v", dry.Tables, rep)
	}
	t.Logf("purge raw: %v", rep.Tables)
	want := map[string]int64{}
	for n, c := range before {
		want[n] = c
	}
	want["ticket_events"] += 2 // "raw_purged" on each ticket
	want["erasures"]++
	assertCounts(t, "after purge raw", tableCounts(t, r.pool), want, nil)
	if rep.Tables["messages"].Scrubbed != 5 || rep.Tables["outbox"].Scrubbed != 16 {
		t.Fatalf("purged %v: want the 4 messages and 16 mails of Victor's 2 tickets, and the out-of-office", rep.Tables)
	}
	if n := r.rows(`SELECT count(*) FROM messages WHERE message_id = 'ooo1@away.example' AND raw = ''::bytea AND purged_at IS NOT NULL AND from_address = 'zed@away.example'`); n != 1 {
		t.Fatalf("the out-of-office kept its raw mail or lost its metadata")
	}
	for _, ref := range []string{"TKT-100001", "TKT-100002"} {
		tk := r.ticket(ref)
		if tk.State != StateClosed || tk.CustomerAddress != victor || len(tk.Fields) == 0 {
			t.Fatalf("%s lost more than its raw mail: %+v", ref, tk)
		}
		if n := r.rows(`SELECT count(*) FROM messages WHERE ticket_id = $1 AND (raw <> ''::bytea OR parse::text <> '{}' OR purged_at IS NULL OR from_address = '')`, tk.ID); n != 0 {
			t.Fatalf("%s: %d messages keep their content or lost their metadata", ref, n)
		}
		if n := r.rows(`SELECT count(*) FROM outbox WHERE ticket_id = $1 AND (body <> '' OR purged_at IS NULL OR subject = '')`, tk.ID); n != 0 {
			t.Fatalf("%s: %d sent mails keep their body or lost their metadata", ref, n)
		}
		if n := r.rows(`SELECT count(*) FROM ticket_events WHERE ticket_id = $1 AND kind = 'raw_purged'`, tk.ID); n != 1 {
			t.Fatalf("%s: no raw_purged in its history", ref)
		}
	}
	for _, ref := range []string{"TKT-100003", "TKT-100004"} {
		if n := r.rows(`SELECT count(*) FROM messages WHERE ticket_id = $1 AND purged_at IS NOT NULL`, r.ticket(ref).ID); n != 0 {
			t.Fatalf("%s (open, or billed and unpaid) lost raw mail", ref)
		}
	}
	if again, err := r.desk.PurgeRaw(ctx, now, 180*24*time.Hour, false); err != nil || !again.Tables.Empty() {
		t.Fatalf("rerun: %+v %v", again, err)
	}
}

// A reply to a closed ticket opened a new one (closed_reply = "new"): the
// old one is purged, the new one keeps everything but the link.
func TestPurgeClosedUnlinksFollowUpTickets(t *testing.T) {
	f := newFixture(t, func(_ *Config, p *policy.Policy) { p.ClosedReply = "new" })
	ctx := context.Background()
	f.ingest("support", mailText("Sam <sam@customer.example>", supportAddr, "Fan noise", "f1@customer.example", "", "The fans are loud.\n"), t0)
	if _, err := f.desk.Do(ctx, "TKT-100001", Close{}, "cli", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	sendAll(t, f, t0.Add(time.Hour))
	ack := lastTo(f.outbox(), "ack")
	res := f.ingest("support", mailText("Sam <sam@customer.example>", supportAddr, "Re: Fan noise", "f2@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\n", "Still loud.\n"), t0.Add(400*24*time.Hour))
	if res.Ticket != "TKT-100002" || f.ticket("TKT-100002").ParentID == nil {
		t.Fatalf("setup: %+v", res)
	}
	sendAll(t, f, t0.Add(400*24*time.Hour))
	rep, err := f.desk.PurgeClosed(ctx, t0.Add(500*24*time.Hour), 365*24*time.Hour, false)
	if err != nil || strings.Join(rep.Tickets, ",") != "TKT-100001" {
		t.Fatalf("purge: %+v %v", rep, err)
	}
	if tk := f.ticket("TKT-100002"); tk.ParentID != nil || tk.State == StateClosed || tk.CustomerAddress != "sam@customer.example" {
		t.Fatalf("the follow-up ticket: %+v", tk)
	}
}

// More tickets than one batch: every one is purged, across transactions,
// and the raw purge pages the same way.
func TestPurgeWorksInBatches(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.Retention.Batch = 25 })
	ctx := context.Background()
	n := 2*25 + 7
	for i := range n {
		res := f.ingest("support", mailText(fmt.Sprintf("C%d <c%d@many.example>", i, i), supportAddr, "Question", fmt.Sprintf("q%d@many.example", i), "", "How?\n"), t0)
		if _, err := f.desk.Do(ctx, res.Ticket, Close{}, "cli", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	sendAll(t, f, t0.Add(time.Hour))
	now := t0.Add(3 * 365 * 24 * time.Hour)
	raw, err := f.desk.PurgeRaw(ctx, now, 365*24*time.Hour, false)
	if err != nil || len(raw.Tickets) != n || raw.Tables["messages"].Scrubbed != int64(n) {
		t.Fatalf("raw purge: %d tickets, %v, %v", len(raw.Tickets), raw.Tables, err)
	}
	rep, err := f.desk.PurgeClosed(ctx, now, 2*365*24*time.Hour, false)
	if err != nil || len(rep.Tickets) != n || rep.Tables["tickets"].Deleted != int64(n) {
		t.Fatalf("closed purge: %d tickets, %v, %v", len(rep.Tickets), rep.Tables, err)
	}
	counts := tableCounts(t, f.pool)
	if counts["tickets"] != 0 || counts["outbox"] != 0 || counts["ticket_events"] != 0 || counts["thread_ids"] != 0 || counts["erasures"] != 2 ||
		counts["messages"] != int64(n) {
		t.Fatalf("left: %v", counts)
	}
}

// ackOf is the acknowledgment the desk sent for the ticket ref, whose
// Message-ID a customer's reply names.
func (r *retentionDesk) ackOf(ref string) store.OutMail {
	r.t.Helper()
	ctx := context.Background()
	var id int64
	if err := r.pool.QueryRow(ctx, `SELECT id FROM outbox WHERE template = 'ack' AND ticket_id = $1`, r.ticket(ref).ID).Scan(&id); err != nil {
		r.t.Fatal(err)
	}
	ack, err := store.OutboxByID(ctx, r.pool, id)
	if err != nil {
		r.t.Fatal(err)
	}
	return ack
}
