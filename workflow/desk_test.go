package workflow

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/policy"
	"rmad/store"
	"rmad/templates"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const (
	rmaAddr     = "rma@desk.example"
	supportAddr = "support@desk.example"
	agentAddr   = "dana@desk.example"
	customer    = "alice@customer.example"
)

var t0 = time.Date(2026, 11, 20, 13, 0, 0, 0, time.UTC)

type fixture struct {
	t    testing.TB
	pool *pgxpool.Pool
	desk *Desk
	uid  uint32
}

func newFixture(t testing.TB, mutate ...func(*Config, *policy.Policy)) *fixture {
	t.Helper()
	return newFixtureAt(t, pgtest.NewDB(t), mutate...)
}

// newFixtureAt is newFixture on the database at url (pgtest.NewDurableDB
// for a benchmark that counts durable commits).
func newFixtureAt(t testing.TB, url string, mutate ...func(*Config, *policy.Policy)) *fixture {
	t.Helper()
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	return newFixtureWith(t, pc, mutate...)
}

// newFixtureWith is newFixture on a pool made from pc (one with a tracer, to
// count statements).
func newFixtureWith(t testing.TB, pc *pgxpool.Config, mutate ...func(*Config, *policy.Policy)) *fixture {
	t.Helper()
	pool, err := pgxpool.NewWithConfig(context.Background(), pc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	pol, err := policy.Load("qct")
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := templates.Load("")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Mailboxes: []Mailbox{{Name: "rma", Role: "rma", Address: rmaAddr}, {Name: "support", Role: "support", Address: supportAddr}},
		People:    People{Agents: []string{agentAddr}, Notify: []string{agentAddr}},
		DeskName:  "QCT Support", Secret: []byte("test-secret"),
	}
	for _, m := range mutate {
		m(&cfg, pol)
	}
	return &fixture{t: t, pool: pool, desk: New(pool, cfg, pol, tpl, slog.New(slog.DiscardHandler), nil)}
}

// ingest processes raw as the next UID of mailbox.
func (f *fixture) ingest(mailbox, raw string, at time.Time) Result {
	f.t.Helper()
	f.uid++
	res, err := f.desk.Ingest(context.Background(), Inbound{Mailbox: mailbox, UIDValidity: 7, UID: f.uid,
		Raw: []byte(strings.ReplaceAll(strings.TrimLeft(raw, "\n"), "\n", "\r\n")), At: at})
	if err != nil {
		f.t.Fatalf("ingest: %v", err)
	}
	return res
}

func (f *fixture) outbox() []store.OutMail {
	f.t.Helper()
	ms, err := store.ListOutbox(context.Background(), f.pool, "", 1000)
	if err != nil {
		f.t.Fatal(err)
	}
	// oldest first
	for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
		ms[i], ms[j] = ms[j], ms[i]
	}
	return ms
}

func (f *fixture) ticket(ref string) store.Ticket {
	f.t.Helper()
	tk, err := store.TicketByRef(context.Background(), f.pool, ref)
	if err != nil {
		f.t.Fatal(err)
	}
	return tk
}

func mailText(from, to, subject, mid, extra, body string) string {
	h := fmt.Sprintf("From: %s\nTo: %s\nSubject: %s\nDate: Fri, 20 Nov 2026 12:59:00 -0800\n", from, to, subject)
	if mid != "" {
		h += "Message-ID: <" + mid + ">\n"
	}
	return h + extra + "Content-Type: text/plain; charset=utf-8\n\n" + body
}

const incompleteRMA = `Hello,

Our server does not power on since last night; the power LED blinks amber.

Model: D52BQ-2U
Serial Number: QTFCQ0123456789
Phone: +1 (408) 555-0143

Alice Martin
`

func TestNewRMARequestAsksForExactlyWhatIsMissing(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	if res.Outcome != "created" || res.Ticket != "TKT-100001" || res.Queued != 2 {
		t.Fatalf("result = %+v", res)
	}
	tk := f.ticket("TKT-100001")
	if tk.Kind != "rma" || tk.State != StateAwaitingInfo || tk.CustomerAddress != customer {
		t.Fatalf("ticket = %+v", tk)
	}
	want := "bill_to,ship_to,part_number,po_number,invoice_number,invoice_date"
	if got := strings.Join(tk.Missing, ","); got != want {
		t.Fatalf("missing = %s, want %s", got, want)
	}
	out := f.outbox()
	if len(out) != 2 {
		t.Fatalf("outbox has %d mails", len(out))
	}
	ack, notice := out[0], out[1]
	if ack.To[0] != customer || ack.Subject != "Re: Server will not power on [TKT-100001]" || ack.AutoSubmitted != "auto-replied" ||
		ack.InReplyTo != "req-1@customer.example" || ack.Template != "ack" || !strings.Contains(ack.From, rmaAddr) {
		t.Fatalf("ack = %+v", ack)
	}
	for _, label := range []string{"Bill-to address", "Ship-to address", "Part number", "Purchase order (PO) number", "QCT invoice number", "QCT invoice date"} {
		if !strings.Contains(ack.Body, "  - "+label+"\n") {
			t.Errorf("ack body lacks %q:\n%s", label, ack.Body)
		}
	}
	if strings.Contains(ack.Body, "  - Serial number") || strings.Contains(ack.Body, "  - Model") {
		t.Errorf("ack asks for something the customer gave:\n%s", ack.Body)
	}
	if notice.To[0] != agentAddr || notice.ReplyTo != rmaAddr || !strings.Contains(notice.Subject, "[TKT-100001]") || notice.Audience != "agents" {
		t.Fatalf("notice = %+v", notice)
	}
	if f.desk.ownMessageID(ack.MessageID) != "TKT-100001" {
		t.Fatalf("ack Message-ID %s does not encode its ticket", ack.MessageID)
	}
}

func TestFollowUpFillsGapsAndCompletes(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	ack := f.outbox()[0]
	// Part of what is missing: still_missing with the rest.
	res := f.ingest("rma", mailText(customer, rmaAddr, "Re: Server will not power on [TKT-100001]", "req-2@customer.example",
		"In-Reply-To: <"+ack.MessageID+">\nReferences: <req-1@customer.example> <"+ack.MessageID+">\n",
		"Part Number: 1S5BZZZ0003\nPO Number: PO-77812\n\n> old quoted text\n"), t0.Add(time.Hour))
	if res.Outcome != "followup" || res.Ticket != "TKT-100001" {
		t.Fatalf("result = %+v", res)
	}
	out := f.outbox()
	last := out[len(out)-2]
	if last.Template != "still_missing" || strings.Contains(last.Body, "Part number") || !strings.Contains(last.Body, "QCT invoice number") {
		t.Fatalf("second answer = %s\n%s", last.Template, last.Body)
	}
	if last.InReplyTo != "req-2@customer.example" || len(last.References) < 3 || last.References[0] != "req-1@customer.example" {
		t.Fatalf("threading: irt=%s refs=%v", last.InReplyTo, last.References)
	}
	// The rest, threaded by In-Reply-To alone (a client that dropped References).
	res = f.ingest("rma", mailText(customer, rmaAddr, "details for [TKT-100001]", "req-3@customer.example", "In-Reply-To: <"+last.MessageID+">\n",
		"Invoice Number: INV-2025-0311\nInvoice Date: 2025-03-03\nBill-to: Example Corp, 100 Main St, San Jose, CA 95110\nShip-to: Example Corp, Dock 4, 100 Main St, San Jose, CA 95110\n"), t0.Add(2*time.Hour))
	if res.Ticket != "TKT-100001" {
		t.Fatalf("subject ref did not thread: %+v", res)
	}
	tk := f.ticket("TKT-100001")
	if tk.State != StateOpen || len(tk.Missing) != 0 {
		t.Fatalf("ticket not complete: state %s missing %v fields %v", tk.State, tk.Missing, tk.Fields)
	}
	if tk.Fields["invoice_date"] != "2025-03-03" || tk.Fields["po_number"] != "PO-77812" {
		t.Fatalf("fields = %v", tk.Fields)
	}
	out = f.outbox()
	if c := out[len(out)-2]; c.Template != "rma_review" || !strings.Contains(c.Body, "complete and under review") || !strings.Contains(c.Body, "RMA-100001") {
		t.Fatalf("final answer = %s\n%s", c.Template, c.Body)
	}
	// A follow-up asking only for news gets where things stand (issue 12),
	// and the agents see it.
	before := len(out)
	f.ingest("rma", mailText(customer, rmaAddr, "Re: [TKT-100001]", "req-4@customer.example", "", "Any news?\n"), t0.Add(3*time.Hour))
	out = f.outbox()
	if len(out) != before+2 || out[before].Template != "status" || out[len(out)-1].Audience != "agents" {
		t.Fatalf("news follow-up queued %d mails: %+v", len(out)-before, out[len(out)-1])
	}
	// One that adds nothing and asks nothing gets no automatic answer.
	before = len(out)
	f.ingest("rma", mailText(customer, rmaAddr, "Re: [TKT-100001]", "req-5@customer.example", "", "Thanks.\n"), t0.Add(4*time.Hour))
	out = f.outbox()
	if len(out) != before+1 || out[len(out)-1].Audience != "agents" {
		t.Fatalf("chatty follow-up queued %d mails: %+v", len(out)-before, out[len(out)-1])
	}
}

func TestReplaysAndCopiesAreNoOps(t *testing.T) {
	f := newFixture(t)
	raw := []byte(strings.ReplaceAll(mailText(customer, rmaAddr+", "+supportAddr, "Disk failed", "dup-1@customer.example", "", incompleteRMA), "\n", "\r\n"))
	ctx := context.Background()
	in := Inbound{Mailbox: "rma", UIDValidity: 1, UID: 10, Raw: raw, At: t0}
	if res, err := f.desk.Ingest(ctx, in); err != nil || res.Outcome != "created" {
		t.Fatalf("%+v %v", res, err)
	}
	if res, err := f.desk.Ingest(ctx, in); err != nil || res.Outcome != "replay" {
		t.Fatalf("replay: %+v %v", res, err)
	}
	// The same message fetched from the support mailbox, and again after a UIDVALIDITY change.
	for _, in2 := range []Inbound{{Mailbox: "support", UIDValidity: 3, UID: 4, Raw: raw, At: t0}, {Mailbox: "rma", UIDValidity: 2, UID: 1, Raw: raw, At: t0}} {
		res, err := f.desk.Ingest(ctx, in2)
		if err != nil || res.Outcome != "duplicate" || res.Ticket != "TKT-100001" {
			t.Fatalf("copy: %+v %v", res, err)
		}
	}
	if n := len(f.outbox()); n != 2 {
		t.Fatalf("outbox has %d mails, want 2", n)
	}
	var tickets, copies int
	f.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM message_copies)`).Scan(&tickets, &copies)
	if tickets != 1 || copies != 3 {
		t.Fatalf("tickets=%d copies=%d", tickets, copies)
	}
	// Without a Message-ID the content identifies it, even with different trace headers.
	noID := mailText(customer, supportAddr, "No id here", "", "", "Hello, the fan is loud.\n")
	r1 := f.ingest("support", "Received: from a by b; Fri, 20 Nov 2026 12:59:01 -0800\n"+noID, t0)
	r2 := f.ingest("support", "Received: from c by d; Fri, 20 Nov 2026 12:59:05 -0800\n"+noID, t0)
	if r1.Outcome != "created" || r2.Outcome != "duplicate" {
		t.Fatalf("id-less copies: %+v %+v", r1, r2)
	}
}

func TestNeverAnswered(t *testing.T) {
	f := newFixture(t)
	cases := map[store.Outcome]string{
		"own":        mailText(rmaAddr, rmaAddr, "Re: something [TKT-1]", "own-1@desk.example", "", "loop\n"),
		"auto_reply": mailText(customer, rmaAddr, "Automatic reply: Server", "ooo-1@customer.example", "Auto-Submitted: auto-replied\n", "I am away.\n"),
		"bounce": mailText("MAILER-DAEMON@mx.customer.example", rmaAddr, "Undelivered Mail Returned to Sender", "b-1@mx.customer.example", "",
			"This is the mail system at host mx.customer.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<alice@customer.example>: host said: 550 5.1.1 User unknown\n"),
	}
	for want, raw := range cases {
		if res := f.ingest("rma", raw, t0); res.Outcome != want || res.Queued != 0 {
			t.Errorf("%s: result %+v", want, res)
		}
	}
	if n := len(f.outbox()); n != 0 {
		t.Fatalf("%d mails queued for machines", n)
	}
}

func TestCorporaMachinesGetNoReply(t *testing.T) {
	f := newFixture(t)
	root := filepath.Join("..", "..", "shared", "corpora")
	n := 0
	for _, dir := range []string{"bounces", "autoreplies"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*"))
		for _, file := range files {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f.uid++
			res, err := f.desk.Ingest(context.Background(), Inbound{Mailbox: "support", UIDValidity: 1, UID: f.uid, Raw: raw, At: t0})
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if res.Queued != 0 {
				t.Errorf("%s: answered (%+v)", file, res)
			}
			n++
		}
	}
	if n < 200 {
		if os.Getenv(pgtest.RequireEnv) == "1" {
			t.Fatalf("only %d corpus files found under %s", n, root)
		}
		t.Skipf("corpora not found under %s", root)
	}
}

func TestRateLimitPerSender(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 8; i++ {
		f.ingest("support", mailText("flood@customer.example", supportAddr, fmt.Sprintf("Question %d", i), fmt.Sprintf("f%d@customer.example", i), "", "Help please\n"), t0.Add(time.Duration(i)*time.Minute))
	}
	acks := 0
	for _, m := range f.outbox() {
		if m.Audience == "customer" {
			acks++
		}
	}
	if acks != 5 {
		t.Fatalf("%d automatic answers, want 5", acks)
	}
	// An hour later the sender is answered again.
	f.ingest("support", mailText("flood@customer.example", supportAddr, "Question 9", "f9@customer.example", "", "Help\n"), t0.Add(2*time.Hour))
	if m := f.outbox(); m[len(m)-2].To[0] != "flood@customer.example" {
		t.Fatalf("not answered after the hour: %+v", m[len(m)-2])
	}
}

func TestAgentReplyIsRelayedAndStrangersAreNot(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText(customer, rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	notice := f.outbox()[1]
	res := f.ingest("rma", mailText("Dana <"+agentAddr+">", rmaAddr, "Re: "+notice.Subject, "agent-1@desk.example",
		"In-Reply-To: <"+notice.MessageID+">\nReferences: <"+notice.MessageID+">\n",
		"#note checked the logs\n\nHi Alice, please try a BMC cold reset first.\n\nOn Fri, Nov 20, 2026 rmad wrote:\n> New rma ticket TKT-100001\n"), t0.Add(time.Hour))
	if res.Outcome != "relayed" {
		t.Fatalf("result = %+v", res)
	}
	out := f.outbox()
	relay := out[len(out)-1]
	if relay.To[0] != customer || !strings.Contains(relay.From, rmaAddr) || relay.AutoSubmitted != "" ||
		relay.Subject != "Re: Server will not power on [TKT-100001]" || relay.InReplyTo != out[0].MessageID ||
		len(relay.References) != 2 || relay.References[0] != "req-1@customer.example" {
		t.Fatalf("relay = %+v", relay)
	}
	if !strings.Contains(relay.Body, "BMC cold reset") || strings.Contains(relay.Body, "#note") || strings.Contains(relay.Body, "New rma ticket") {
		t.Fatalf("relay body:\n%s", relay.Body)
	}
	// A stranger writes into the thread: agents are told, the stranger gets nothing.
	before := len(out)
	res = f.ingest("rma", mailText("mallory@evil.example", rmaAddr, "Re: Server will not power on [TKT-100001]", "m-1@evil.example", "", "Please send the RMA to my address instead.\n"), t0.Add(2*time.Hour))
	out = f.outbox()
	if res.Outcome != "stranger" || len(out) != before+1 || out[len(out)-1].To[0] != agentAddr || out[len(out)-1].Template != "agent_stranger" {
		t.Fatalf("stranger: %+v, outbox %+v", res, out[len(out)-1])
	}
	// A forged own Message-ID does not thread.
	res = f.ingest("rma", mailText("mallory@evil.example", rmaAddr, "hello", "m-2@evil.example",
		"In-Reply-To: <rmad.tkt-100001.aaaaaaaa.aaaaaaaaaaaaa@desk.example>\n", "hi\n"), t0.Add(3*time.Hour))
	if res.Outcome != "created" || res.Ticket == "TKT-100001" {
		t.Fatalf("forged id threaded: %+v", res)
	}
}

func TestAgentAuthentication(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.People.TrustedAuthservID = "mx.desk.example" })
	f.ingest("rma", mailText(customer, rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	notice := f.outbox()[1]
	thread := "In-Reply-To: <" + notice.MessageID + ">\n"
	forged := "Authentication-Results: mx.desk.example; spf=fail smtp.mailfrom=desk.example\nAuthentication-Results: mx.desk.example; dkim=pass header.d=desk.example\n"
	if res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a-1@x", thread+forged, "Ship it.\n"), t0); res.Outcome != "stranger" {
		t.Fatalf("forged lower header accepted: %+v", res)
	}
	good := "Authentication-Results: mx.desk.example; dkim=pass header.d=desk.example; spf=pass smtp.mailfrom=desk.example\n"
	if res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a-2@x", thread+good, "Ship it.\n"), t0); res.Outcome != "relayed" {
		t.Fatalf("authenticated agent refused: %+v", res)
	}
}

func TestReplyToClosedTicket(t *testing.T) {
	for _, mode := range []string{"reopen", "new"} {
		t.Run(mode, func(t *testing.T) {
			f := newFixture(t, func(_ *Config, p *policy.Policy) { p.ClosedReply = mode })
			f.ingest("support", mailText(customer, supportAddr, "Fan noise", "s-1@customer.example", "", "The fan is loud.\n"), t0)
			if _, err := f.pool.Exec(context.Background(), `UPDATE tickets SET state = 'closed', closed_at = $1`, t0); err != nil {
				t.Fatal(err)
			}
			ack := f.outbox()[0]
			res := f.ingest("support", mailText(customer, supportAddr, "Re: Fan noise [TKT-100001]", "s-2@customer.example", "In-Reply-To: <"+ack.MessageID+">\n", "It is back.\n"), t0.Add(24*time.Hour))
			switch mode {
			case "reopen":
				if res.Ticket != "TKT-100001" || f.ticket("TKT-100001").State == StateClosed {
					t.Fatalf("not reopened: %+v", res)
				}
			case "new":
				tk := f.ticket(res.Ticket)
				if res.Ticket == "TKT-100001" || tk.ParentID == nil {
					t.Fatalf("no linked ticket: %+v %+v", res, tk)
				}
			}
		})
	}
}

func TestOversizeMailKeptWithoutAttachments(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.MaxMessageSize = 64 << 10 })
	big := strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n", 4000)
	raw := "From: " + customer + "\nTo: " + supportAddr + "\nSubject: Logs attached\nMessage-ID: <big-1@customer.example>\n" +
		"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nLogs attached, the NAS keeps rebooting.\n" +
		"--b1\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"dump.bin\"\nContent-Transfer-Encoding: base64\n\n" + big + "--b1--\n"
	res := f.ingest("support", raw, t0)
	if res.Outcome != "created" {
		t.Fatalf("%+v", res)
	}
	var size int64
	var stored int
	var truncated bool
	f.pool.QueryRow(context.Background(), `SELECT raw_size, length(raw), truncated FROM messages`).Scan(&size, &stored, &truncated)
	if !truncated || stored >= int(size) || stored > 32<<10 {
		t.Fatalf("stored %d of %d bytes, truncated=%v", stored, size, truncated)
	}
	ack := f.outbox()[0]
	if !strings.Contains(ack.Body, "dump.bin") {
		t.Fatalf("ack does not name the dropped attachment:\n%s", ack.Body)
	}
}

func TestBaseSubject(t *testing.T) {
	for in, want := range map[string]string{
		"Re: Re: Server down [TKT-100001]": "Server down",
		"AW: [RMA-100002] Fwd: Disk":       "Disk",
		"":                                 "(no subject)",
	} {
		if got := baseSubject(in); got != want {
			t.Errorf("baseSubject(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRefusedCommandChangesNothing(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText("Alice Martin <"+customer+">", rmaAddr, "Server will not power on", "req-1@customer.example", "", incompleteRMA), t0)
	notice := f.outbox()[1]
	res := f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: "+notice.Subject, "a-1@desk.example",
		"In-Reply-To: <"+notice.MessageID+">\n", "#set po_number=PO-CHANGED bogus=1\n#note checked\n"), t0.Add(time.Hour))
	if res.Outcome != "agent" {
		t.Fatalf("%+v", res)
	}
	if po := f.ticket("TKT-100001").Fields["po_number"]; po != "" {
		t.Fatalf("a refused #set still set po_number=%q", po)
	}
	out := f.outbox()
	result := out[len(out)-1]
	if result.Template != "agent_result" || !strings.Contains(result.Body, "NOT DONE") || !strings.Contains(result.Body, "#note checked: noted") {
		t.Fatalf("confirmation:\n%s", result.Body)
	}
	// A forged agent mail (no signed Message-ID in its headers) runs nothing.
	res = f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: [TKT-100001]", "a-2@desk.example", "", "#set po_number=PO-FORGED\n"), t0.Add(2*time.Hour))
	if res.Outcome != "stranger" || f.ticket("TKT-100001").Fields["po_number"] != "" {
		t.Fatalf("forged agent mail: %+v", res)
	}
}
