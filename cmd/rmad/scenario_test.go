package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/internal/pgtest"
)

// scenario plays a whole case through the CLI, as an operator (or a test
// harness outside this repo) would: rmad ingest --at, rmad rma ... --at.
type scenario struct {
	t       *testing.T
	cfgFile string
	dir     string
	db      *pgx.Conn
	n       int
}

func newScenario(t *testing.T, policy string) *scenario {
	t.Helper()
	dir := t.TempDir()
	dbURL := pgtest.NewDB(t)
	cfg := fmt.Sprintf(`database_url = %q
policy = %q
listen = ""
[desk]
name = "Desk"
[smtp]
url = "smtp://127.0.0.1:1?tls=none"
[[mailbox]]
name = "rma"
role = "rma"
address = "rma@desk.example"
url = "imap://u:p@127.0.0.1:1/INBOX?tls=none"
[[mailbox]]
name = "support"
role = "support"
address = "support@desk.example"
url = "imap://u:p@127.0.0.1:1/INBOX?tls=none"
[people]
agents = ["dana@desk.example"]
finance = "finance@desk.example"
`, dbURL, policy)
	s := &scenario{t: t, cfgFile: filepath.Join(dir, "rmad.toml"), dir: dir, db: connect(t, dbURL)}
	if err := os.WriteFile(s.cfgFile, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *scenario) rmad(args ...string) string {
	s.t.Helper()
	code, out, stderr := runCLI(s.t, nil, append(args, "--config", s.cfgFile)...)
	if code != 0 {
		s.t.Fatalf("rmad %s: exit %d: %s%s", strings.Join(args, " "), code, out, stderr)
	}
	return out
}

func (s *scenario) registry(csv string) {
	s.t.Helper()
	f := filepath.Join(s.dir, "assets.csv")
	os.WriteFile(f, []byte(csv), 0o600)
	s.rmad("registry", "import", f)
}

// mail ingests one message into mailbox at the given time.
func (s *scenario) mail(mailbox, at, from, subject, headers, body string) string {
	s.t.Helper()
	s.n++
	raw := fmt.Sprintf("From: %s\r\nTo: %s@desk.example\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <m%d@scenario.example>\r\n%sContent-Type: text/plain; charset=utf-8\r\n\r\n%s",
		from, mailbox, subject, mustTime(s.t, at).Format(time.RFC1123Z), s.n, strings.ReplaceAll(headers, "\n", "\r\n"), strings.ReplaceAll(body, "\n", "\r\n"))
	f := filepath.Join(s.dir, fmt.Sprintf("m%d.eml", s.n))
	os.WriteFile(f, []byte(raw), 0o600)
	return s.rmad("ingest", "--mailbox", mailbox, "--at", at, f)
}

func mustTime(t *testing.T, s string) time.Time {
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

type sent struct {
	ID                          int64
	Template, To, Subject, Body string
	MessageID                   string
}

// since returns the outbox rows after id, oldest first.
func (s *scenario) since(id int64) []sent {
	s.t.Helper()
	rows, _ := s.db.Query(context.Background(), `SELECT id, template, array_to_string(to_addresses, ','), subject, body, message_id FROM outbox WHERE id > $1 ORDER BY id`, id)
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[sent])
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

func (s *scenario) last() int64 {
	var id int64
	s.db.QueryRow(context.Background(), `SELECT coalesce(max(id), 0) FROM outbox`).Scan(&id)
	return id
}

// one finds the single mail of template to addr among ms.
func (s *scenario) one(ms []sent, template, to string) sent {
	s.t.Helper()
	var found []sent
	for _, m := range ms {
		if m.Template == template && m.To == to {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		var got []string
		for _, m := range ms {
			got = append(got, m.Template+"->"+m.To)
		}
		s.t.Fatalf("want one %s to %s, have %v", template, to, got)
	}
	return found[0]
}

func (s *scenario) rma(number string) (status, typ string, due, void *time.Time) {
	s.t.Helper()
	err := s.db.QueryRow(context.Background(), `SELECT status, type, return_due, void_at FROM rmas WHERE number = $1`, number).Scan(&status, &typ, &due, &void)
	if err != nil {
		s.t.Fatalf("%s: %v", number, err)
	}
	return
}

func contains(t *testing.T, m sent, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(m.Subject+"\n"+m.Body, p) {
			t.Errorf("%s mail lacks %q:\nSubject: %s\n%s", m.Template, p, m.Subject, m.Body)
		}
	}
}

func lacks(t *testing.T, m sent, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(m.Body, p) {
			t.Errorf("%s mail should not contain %q:\n%s", m.Template, p, m.Body)
		}
	}
}

func endOfDay(t *testing.T, date, zone string) time.Time {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := time.ParseInLocation("2006-01-02", date, loc)
	return d.AddDate(0, 0, 1).Add(-time.Microsecond)
}

const customerQCT = "Alice Martin <alice@customer.example>"

func TestScenarioQCT(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,customer,invoice_number,invoice_date,invoice_price,currency\n" +
		"QTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,Example Corp,INV-2026-0303,2026-03-03,12500.00,USD\n")
	out := s.mail("rma", "2026-11-20T10:00:00-08:00", customerQCT, "RMA request: node will not power on", "",
		"Hello,\n\nContact: Alice Martin\nPhone: +1 (408) 555-0143\nSerial Number: QTFCQ0123456789\nPO Number: PO-77812\n"+
			"Bill-to: Example Corp, 100 Main St, San Jose, CA 95110\nShip-to: Example Corp, Dock 4, 100 Main St, San Jose, CA 95110\n"+
			"Problem: the node does not power on; the power LED blinks amber after a BMC update.\n\nThanks,\nAlice\n")
	if !strings.Contains(out, "created\tTKT-100001") {
		t.Fatalf("ingest: %s", out)
	}
	ms := s.since(0)
	review := s.one(ms, "rma_review", "alice@customer.example")
	// Model, part number, invoice number and date come from the registry: never asked for.
	contains(t, review, "[TKT-100001]", "RMA-100001", "D52BQ-2U", "Covered", "verified")
	lacks(t, review, "QCT invoice")
	if st, typ, _, _ := s.rma("RMA-100001"); st != "requested" || typ != "advance" {
		t.Fatalf("RMA-100001 %s %s, want requested advance (ARS in the first year)", st, typ)
	}
	notice := s.one(ms, "agent_new", "dana@desk.example")

	// The agent approves by mail on Friday at 13:00 PT, after the 12:00 cut-off.
	mark := s.last()
	s.mail("rma", "2026-11-20T13:00:00-08:00", "Dana <dana@desk.example>", "Re: "+notice.Subject,
		"In-Reply-To: <"+notice.MessageID+">\n", "#approve advance\n\nAlice, the replacement is on its way.\n")
	ms = s.since(mark)
	issued := s.one(ms, "rma_issued", "alice@customer.example")
	contains(t, issued, "RMA-100001", "ships on Monday, 23 November 2026", "by the end of Monday, 7 December 2026",
		"billed the full invoice price", "RMA number clearly on the outside of the package", "Back up")
	s.one(ms, "relay", "alice@customer.example")
	result := s.one(ms, "agent_result", "dana@desk.example")
	contains(t, result, "RMA-100001 issued as advance")
	_, _, due, _ := s.rma("RMA-100001")
	if want := endOfDay(t, "2026-12-07", "America/Los_Angeles"); due == nil || !due.Equal(want) {
		t.Fatalf("return due %v, want %v (ten business days, Thanksgiving skipped)", due, want)
	}

	// The warehouse receives the unit; the CLI does what #received does.
	mark = s.last()
	s.rmad("rma", "receive", "RMA-100001", "--note", "unit arrived in the replacement's box", "--at", "2026-12-03T10:00:00-08:00")
	contains(t, s.one(s.since(mark), "rma_received", "alice@customer.example"), "RMA-100001", "replacement's box")
	if st, _, _, _ := s.rma("RMA-100001"); st != "received" {
		t.Fatalf("status %s after receive", st)
	}
	var events int
	s.db.QueryRow(context.Background(), `SELECT count(*) FROM rma_events`).Scan(&events)
	if events != 3 { // requested, issued, received
		t.Fatalf("%d rma events, want 3", events)
	}
}

func TestScenarioQCTStandardVoidDateAndStrangerCommands(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date\nQTFCQ0000000042,S5G-1U,1S5GZZZ0001,INV-1,2024-01-15\n")
	s.mail("rma", "2026-11-02T09:00:00-08:00", customerQCT, "Bad DIMM slot", "",
		"Contact: Alice Martin\nPhone: 408-555-0143\nS/N: QTFCQ0000000042\nPO#: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: DIMM slot A1 reports uncorrectable errors.\n")
	// A stranger's #approve is not obeyed.
	s.mail("rma", "2026-11-02T10:00:00-08:00", "mallory@evil.example", "Re: Bad DIMM slot [TKT-100001]", "", "#approve advance\n")
	if st, _, _, _ := s.rma("RMA-100001"); st != "requested" {
		t.Fatalf("a stranger's command changed the RMA to %s", st)
	}
	mark := s.last()
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T11:00:00-08:00")
	issued := s.one(s.since(mark), "rma_issued", "alice@customer.example")
	// Out of the first year: a standard RMA, void 30 days after issue.
	contains(t, issued, "return for repair", "void if the unit has not arrived by Wednesday, 2 December 2026")
	_, typ, _, void := s.rma("RMA-100001")
	if typ != "standard" || void == nil || !void.Equal(endOfDay(t, "2026-12-02", "America/Los_Angeles")) {
		t.Fatalf("type %s void %v", typ, void)
	}
}

func TestScenarioQNAP(t *testing.T) {
	s := newScenario(t, "qnap")
	s.registry("serial_number,model,invoice_date,msrp,currency,plans\nQ21BI04567,TS-873A,2025-06-01,2899.00,USD,advance\n")
	s.mail("rma", "2026-11-25T09:00:00-08:00", "Bob Lee <bob@nas.example>", "TS-873A dead", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI04567\nShipping address: P.O. Box 1234, Irvine, CA 92623\nProblem: The NAS does not boot, status LED red.\n")
	notice := s.one(s.since(0), "agent_new", "dana@desk.example")
	mark := s.last()
	s.mail("rma", "2026-11-25T11:00:00-08:00", "dana@desk.example", "Re: "+notice.Subject, "In-Reply-To: <"+notice.MessageID+">\n", "#approve advance\n")
	ms := s.since(mark)
	blocked := s.one(ms, "rma_review", "bob@nas.example")
	contains(t, blocked, "credit card authorization", "P.O. box")
	if st, _, _, _ := s.rma("RMA-100001"); st != "requested" {
		t.Fatalf("issued despite missing preconditions: %s", st)
	}
	// The customer sends a street address: after approval it is a proposal
	// an agent confirms; the card is still missing.
	s.mail("rma", "2026-11-25T12:00:00-08:00", "Bob Lee <bob@nas.example>", "Re: TS-873A dead [TKT-100001]", "In-Reply-To: <"+blocked.MessageID+">\n",
		"Shipping address: 200 Technology Dr, Irvine, CA 92618\n")
	s.mail("rma", "2026-11-25T12:30:00-08:00", "dana@desk.example", "Re: "+notice.Subject, "In-Reply-To: <"+notice.MessageID+">\n", "#confirm ship_to\n")
	if st, _, _, _ := s.rma("RMA-100001"); st != "requested" {
		t.Fatalf("issued without the card authorization: %s", st)
	}
	mark = s.last()
	s.rmad("ticket", "set", "TKT-100001", "card_authorization=on_file", "--at", "2026-11-30T10:00:00-08:00")
	issued := s.one(s.since(mark), "rma_issued", "bob@nas.example")
	contains(t, issued, "ships on Monday, 30 November 2026", "within 5 business days after the replacement is delivered", "USD 100.00 for each day")
	s.rmad("rma", "ship", "RMA-100001", "--carrier", "UPS", "--tracking", "1Z999", "--at", "2026-11-30T15:00:00-08:00")
	mark = s.last()
	s.rmad("rma", "deliver", "RMA-100001", "--at", "2026-12-01T11:00:00-08:00")
	contains(t, s.one(s.since(mark), "rma_delivered", "bob@nas.example"), "by the end of Tuesday, 8 December 2026")
	_, _, due, _ := s.rma("RMA-100001")
	if want := endOfDay(t, "2026-12-08", "America/Los_Angeles"); due == nil || !due.Equal(want) {
		t.Fatalf("return due %v, want %v", due, want)
	}
}

func TestScenarioAltai(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,delivery_date\nAX5000001,AX500,2026-11-05\nC1N000001,C1n,2026-06-01\nC1N000002,C1n,2026-06-01\nA8N000009,A8n,2024-01-10\n")
	// A unit delivered 15 days ago is dead on arrival.
	s.mail("rma", "2026-11-20T10:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "AX500 no radio", "",
		"Company: Example ISP Ltd\nName: Wing Chan, Network Engineer\nPhone: +852 5555 0101\nModel: AX500\nSerial Number: AX5000001\nFirmware: 2.1.4\n"+
			"Ship-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nSeverity: High\nProblem: the 5 GHz radio never comes up after installation.\n")
	if _, typ, _, _ := s.rma("RMA-100001"); typ != "doa" {
		t.Fatalf("type %s, want doa", typ)
	}
	mark := s.last()
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-20T15:00:00+08:00")
	contains(t, s.one(s.since(mark), "rma_issued", "wing@isp.example.hk"), "dead on arrival", "brand new", "ship the unit by Friday, 27 November 2026")

	// Two C1n units: under Altai's lot rule until the customer pays the freight.
	s.mail("rma", "2026-11-23T10:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "two C1n faulty", "",
		"Company: Example ISP Ltd\nName: Wing Chan\nPhone: +852 5555 0101\nShip-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nSeverity: Low\n"+
			"Problem: both units reboot every few hours.\n\nUnit 1: Model C1n, Serial Number C1N000001, Firmware 1.0.2\nUnit 2: Model C1n, Serial Number C1N000002, Firmware 1.0.2\n")
	mark = s.last()
	s.rmad("rma", "approve", "TKT-100002", "--at", "2026-11-23T12:00:00+08:00")
	contains(t, s.one(s.since(mark), "rma_review", "wing@isp.example.hk"), "lots of 10 or more")
	mark = s.last()
	s.rmad("ticket", "set", "TKT-100002", "customer_pays_freight=yes", "--at", "2026-11-23T13:00:00+08:00")
	issued := s.one(s.since(mark), "rma_issued", "wing@isp.example.hk")
	contains(t, issued, "RMA-100002", "RMA-100002-2")
	// An RMA number names one unit: receiving the second leaves the first alone.
	s.rmad("rma", "receive", "RMA-100002-2", "--at", "2026-11-26T10:00:00+08:00")
	if a, _, _, _ := s.rma("RMA-100002"); a != "issued" {
		t.Fatalf("unit 1 is %s after receiving unit 2", a)
	}
	if b, _, _, _ := s.rma("RMA-100002-2"); b != "received" {
		t.Fatalf("unit 2 is %s", b)
	}
	if out := s.rmad("ticket", "show", "RMA-100002-2"); !strings.Contains(out, "TKT-100002") {
		t.Fatalf("ticket show RMA-100002-2:\n%s", out)
	}

	// Out of warranty: a quote, answered within 10 working days.
	s.mail("rma", "2026-11-24T10:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "A8n broken", "",
		"Company: Example ISP Ltd\nName: Wing Chan\nPhone: +852 5555 0101\nShip-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nModel: A8n\nSerial Number: A8N000009\nFirmware: 3.0\nSeverity: Low\nProblem: Ethernet port dead.\n")
	if st, typ, _, _ := s.rma("RMA-100003"); st != "requested" || typ != "out_of_warranty" {
		t.Fatalf("RMA-100003 %s %s", st, typ)
	}
	s.rmad("rma", "approve", "RMA-100003", "--at", "2026-11-24T10:30:00+08:00")
	s.rmad("rma", "receive", "RMA-100003", "--at", "2026-11-24T11:00:00+08:00")
	mark = s.last()
	s.rmad("rma", "quote", "RMA-100003", "--amount", "180.00 USD", "--at", "2026-11-24T12:00:00+08:00")
	contains(t, s.one(s.since(mark), "rma_quote", "wing@isp.example.hk"), "USD 180.00", "by Tuesday, 8 December 2026", "pre-check fee of USD 100.00")
}

func TestScenarioIXsystems(t *testing.T) {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,plans\nA1-100001,TrueNAS Mini X+,2025-12-01,\nM50-0001,M50,2025-02-10,sla\nA1-000002,TrueNAS Mini X,2025-01-10,\n")
	body := func(model, serial string) string {
		return "Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: " + model + "\nSerial Number: " + serial + "\nProblem: pool degraded, a drive bay does not detect disks.\n"
	}
	// Covered and complete: iXsystems issues at once; the number is valid 30 days.
	s.mail("rma", "2026-11-20T09:00:00-08:00", "Pat Doe <pat@labs.example>", "Mini bay dead", "", body("TrueNAS Mini X+", "A1-100001"))
	issued := s.one(s.since(0), "rma_issued", "pat@labs.example")
	contains(t, issued, "RMA-100001", "void if the unit has not arrived by Sunday, 20 December 2026", "on the shipping label")
	// An M50 with an SLA gets an advance replacement, due 30 days after it
	// ships; it ships before the unit is back, so without sender
	// authentication an agent approves it.
	mark := s.last()
	s.mail("rma", "2026-11-20T10:00:00-08:00", "Pat Doe <pat@labs.example>", "M50 controller", "", body("M50", "M50-0001"))
	s.one(s.since(mark), "rma_review", "pat@labs.example")
	mark = s.last()
	s.rmad("rma", "approve", "TKT-100002", "--at", "2026-11-20T11:00:00-08:00")
	s.one(s.since(mark), "rma_issued", "pat@labs.example")
	s.rmad("rma", "ship", "RMA-100002", "--tracking", "FX123", "--at", "2026-11-23T10:00:00-08:00")
	_, typ, due, _ := s.rma("RMA-100002")
	if typ != "advance" || due == nil || !due.Equal(endOfDay(t, "2026-12-23", "America/Los_Angeles")) {
		t.Fatalf("M50: type %s due %v", typ, due)
	}
	// A Mini bought almost two years ago is out of its 1-year warranty: no automatic RMA.
	mark = s.last()
	s.mail("rma", "2026-11-20T11:00:00-08:00", "Pat Doe <pat@labs.example>", "old Mini", "", body("TrueNAS Mini X", "A1-000002"))
	review := s.one(s.since(mark), "rma_review", "pat@labs.example")
	contains(t, review, "Not covered", "lapsed-warranty fee")
	if st, _, _, _ := s.rma("RMA-100003"); st != "requested" {
		t.Fatalf("out-of-warranty RMA %s", st)
	}
}
