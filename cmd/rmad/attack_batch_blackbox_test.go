package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rmad/internal/imaptest"
)

// Black-box attacks on group commit (issue 15): the messages of one fetched
// IMAP batch are handled in one transaction, a savepoint each. Every burst
// below is appended before serve starts, so it lands in one batch.

// bbWait polls cond until it holds or within passes (no timing assert: a
// timeout only reports what was reached).
func bbWait(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not reached within %v: %s", within, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func bbCount(t *testing.T, w *world, q string, args ...any) int {
	t.Helper()
	db := connect(t, w.dbURL)
	defer db.Close(context.Background())
	var n int
	if err := db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func bbText(t *testing.T, w *world, q string, args ...any) string {
	t.Helper()
	db := connect(t, w.dbURL)
	defer db.Close(context.Background())
	var s string
	if err := db.QueryRow(context.Background(), q, args...).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

// bbSentTo counts mails the sink received addressed to addr.
func bbSentTo(w *world, addr string) int {
	n := 0
	for _, r := range w.smtp.Messages() {
		for _, to := range r.To {
			if strings.EqualFold(to, addr) {
				n++
			}
		}
	}
	return n
}

// bbIngest feeds raw to `rmad ingest` (the same intake and authority checks
// as serve). Controls use it: a mail appended to a mailbox serve has already
// drained was not fetched within 60s in our runs (poll_interval 1h), see
// the report.
func bbIngest(t *testing.T, w *world, mailbox, raw string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "ctl.eml")
	os.WriteFile(f, []byte(strings.ReplaceAll(raw, "\n", "\r\n")), 0o600)
	code, out, errs := runCLI(t, nil, "ingest", "--mailbox", mailbox, f, "--config", w.cfgFile)
	if code != 0 {
		t.Fatalf("control ingest: exit %d: %s%s", code, out, errs)
	}
	t.Logf("control ingest: %s%s", out, errs)
	return out
}

func bbMail(from, to, subject, mid, extra, body string) string {
	return fmt.Sprintf("From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s>\n%sContent-Type: text/plain; charset=utf-8\n\n%s",
		from, to, subject, time.Now().Format(time.RFC1123Z), mid, extra, body)
}

// bbAgentsID is the Message-ID of a mail the desk sent to the agents about
// ticket ref (audience "a"), the only thing that proves an agent.
func bbAgentsID(t *testing.T, w *world) string {
	t.Helper()
	return bbText(t, w, `SELECT coalesce((SELECT message_id FROM outbox WHERE $1 = ANY(to_addresses) AND message_id LIKE 'rmad.%.a.%' AND subject LIKE '[' || (SELECT ref FROM tickets WHERE customer_address = $2 ORDER BY id LIMIT 1) || ']%' ORDER BY id LIMIT 1), '')`, deskAgent, custAddr)
}

// Attack 1 (forger, one batch): the genuine request, then, interleaved
// with the customer's own follow-up, forged mails from the customer's
// address (new ship-to named by the ref only / threaded by the customer's
// own Message-ID) and from the agent's address (#approve, #set ship_to,
// #void, threaded by the customer's request id or the ref). In one
// transaction no authority may leak from one message to the next.
func TestBlackboxBatchForgedAuthorityInOneBatch(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	const evil = "Evil Dropship, 666 Fence Rd, Reno NV"
	reqID := "bb1-req@customer.example"
	w.deliver(deskRMA, request(reqID, "", requestBody))
	thr := "In-Reply-To: <" + reqID + ">\nReferences: <" + reqID + ">\n"
	w.deliver(deskRMA, bbMail("Dana <"+deskAgent+">", deskRMA, "Re: Server will not power on [TKT-100001]", "bb1-f1@evil.example", thr,
		"#approve advance override customer is vip\n#set ship_to="+evil+"\n"))
	w.deliver(deskRMA, bbMail("Alice Martin <"+custAddr+">", deskRMA, "Re: Server will not power on [TKT-100001]", "bb1-f2@evil.example", "",
		"Please ship the replacement to: Ship-to: "+evil+"\n"))
	w.deliver(deskRMA, request("bb1-genuine-2@customer.example", thr, "Adding: PO Number: PO-4242\n"))
	w.deliver(deskRMA, bbMail("Alice Martin <"+custAddr+">", deskRMA, "Re: Server will not power on", "bb1-f3@evil.example", thr,
		"Ship-to: "+evil+"\nBill-to: "+evil+"\nPhone: +1 702 555 0666\n"))
	w.deliver(deskRMA, bbMail("Dana <"+deskAgent+">", deskRMA, "Re: RMA [TKT-100001]", "bb1-f4@evil.example", "",
		"#approve\n#void customer asked\n#confirm ship_to\n"))
	w.deliver(deskSupport, bbMail("dana@desk.example", deskSupport, "TKT-100001", "bb1-f5@evil.example",
		"In-Reply-To: <rmad.1.a.0123456789abcdef.00000000000000000000000000000000@desk.example>\n", "#approve standard\n"))
	w.serveInProcess()

	bbWait(t, 90*time.Second, "all 7 messages recorded", func() bool {
		return bbCount(t, w, `SELECT count(*) FROM messages`) >= 7
	})
	bbWait(t, 60*time.Second, "the customer's acknowledgment sent", func() bool { return bbSentTo(w, custAddr) >= 1 })
	time.Sleep(3 * time.Second) // let the outbox drain; end states below

	t.Logf("tickets: %s", bbText(t, w, `SELECT json_agg(json_build_object('ref', ref, 'customer', customer_address, 'state', state))::text FROM tickets`))
	t.Logf("outbox: %s", bbText(t, w, `SELECT json_agg(json_build_object('t', template, 'to', to_addresses, 'subj', subject))::text FROM outbox`))
	// The forged agent-address mails open tickets of their own (customer
	// dana@desk.example, acknowledged): noted in the report, not an
	// authority leak. The customer has exactly one ticket.
	// Lanes run per sender, so the refs the forger guessed may name the
	// forged agent-address ticket; a customer-address mail naming a foreign
	// ref may open a second ticket of the customer. Each is acknowledged once.
	nt := bbCount(t, w, `SELECT count(*) FROM tickets WHERE customer_address = $1`, custAddr)
	if nt < 1 || nt > 2 {
		t.Errorf("%d tickets of the customer", nt)
	}
	if n := bbCount(t, w, `SELECT count(*) FROM outbox WHERE $1 = ANY(to_addresses) AND template = 'ack'`, custAddr); n != nt {
		t.Errorf("the customer's %d tickets acknowledged %d times, want once each", nt, n)
	}
	if n := bbCount(t, w, `SELECT count(*) FROM outbox WHERE $1 = ANY(to_addresses) AND body ~ 'RMA-[0-9]'`, custAddr); n != 0 {
		t.Errorf("%d mails to the customer carry an RMA number: a forged #approve acted", n)
	}
	if n := bbCount(t, w, `SELECT count(*) FROM rmas WHERE void_at IS NOT NULL`); n != 0 {
		t.Errorf("a forged #void acted on %d RMAs", n)
	}
	tk := bbText(t, w, `SELECT row_to_json(t)::text FROM tickets t WHERE ref = 'TKT-100001'`)
	rm := bbText(t, w, `SELECT coalesce(json_agg(r)::text, '') FROM rmas r`)
	for _, f := range []string{"Dropship", "666 Fence", "555 0666"} {
		// held values may be shown to agents; they must not be the ticket's ship-to/bill-to/phone
		for _, col := range []string{`"ship_to":"`, `"bill_to":"`, `"phone":"`} {
			if i := strings.Index(tk, col); i >= 0 && strings.Contains(tk[i:min(len(tk), i+len(col)+80)], f) {
				t.Errorf("a forged mail set %s to %q: %s", col, f, tk)
			}
		}
		if strings.Contains(rm, f) {
			t.Errorf("an RMA carries the forged %q: %s", f, rm)
		}
	}
	// the acknowledgment, and at most one answer to the genuine follow-up
	if n := bbSentTo(w, custAddr); n < 1 || n > nt+1 {
		t.Errorf("the customer got %d mails, want the acknowledgment and at most one answer to their follow-up", n)
	}
	if !strings.Contains(tk, "PO-4242") {
		t.Logf("note: the genuine follow-up's PO is not on the ticket: %s", tk)
	}

	// Control: the genuine agent, replying to the desk's agents' mail,
	// approves; the customer then gets an RMA number. The checks above
	// would have seen that.
	aid := bbAgentsID(t, w)
	if aid == "" {
		t.Fatal("control: no mail to the agents about the ticket")
	}
	out := bbIngest(t, w, "rma", bbMail("Dana <"+deskAgent+">", deskRMA, "Re: [TKT-100001]", "bb1-ctl@desk.example",
		"In-Reply-To: <"+aid+">\nReferences: <"+aid+">\n", "#approve standard\n"))
	// (#approve itself is refused here: the ticket lacks the serial; the
	// control is that the desk takes this one, unlike the forgeries, as
	// the agent's.)
	if !strings.Contains(out, "\tagent\t") {
		t.Errorf("control: the genuine agent's reply not taken as the agent's: %q", out)
	}
}

// Attack 2 (spammer, both desk addresses at once, one batch per lane): 70
// strangers of spam.example, plus one genuine customer of another domain in
// the middle. The per-domain cap (auto_reply_domain_limit, 30/h) holds and
// the genuine customer is answered once.
//
// Found 2026-12-01 as a hole: 31, 31, 31, 30, 31, 32, 31, 30 answers to
// spam.example in eight runs; two concurrent deliveries could both check
// the cap before either counted. Fixed by checking and counting in one
// step (workflow work.admit).
func TestBlackboxBatchDomainCapWithGenuineCustomer(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	for i := 0; i < 70; i++ {
		box := deskRMA
		if i%2 == 1 {
			box = deskSupport
		}
		if i == 35 {
			w.deliver(deskSupport, request("bb2-genuine@customer.example", "", requestBody))
		}
		w.deliver(box, fmt.Sprintf("From: Bot %d <bot%d@spam.example>\nTo: %s\nSubject: cheap pills %d\nMessage-ID: <bb2-%d@spam.example>\nContent-Type: text/plain\n\nBuy now\n", i, i, box, i, i))
	}
	w.serveInProcess()
	bbWait(t, 120*time.Second, "71 tickets", func() bool { return bbCount(t, w, `SELECT count(*) FROM tickets`) >= 71 })
	bbWait(t, 60*time.Second, "the genuine customer answered", func() bool { return bbSentTo(w, custAddr) >= 1 })
	time.Sleep(3 * time.Second)
	acks := bbCount(t, w, `SELECT count(*) FROM outbox WHERE array_to_string(to_addresses, ',') LIKE '%@spam.example%'`)
	t.Logf("acks to spam.example: %d (cap 30)", acks)
	t.Logf("outbox to spam: %s", bbText(t, w, `SELECT json_agg(json_build_object('t', template, 'to', to_addresses))::text FROM outbox WHERE array_to_string(to_addresses, ',') LIKE '%@spam.example%'`))
	if acks != 30 {
		t.Errorf("%d automatic answers to one organisation within the hour, want the cap: 30", acks)
	}
	if n := bbSentTo(w, custAddr); n != 1 {
		t.Errorf("the genuine customer got %d mails, want 1", n)
	}
}

// Attack 3 (poison in a batch): malformed MIME, a huge header and an
// invalid charset between six genuine requests of different customers.
// Each genuine one is answered exactly once; each poison one ends recorded
// or quarantined and is answered at most once.
func TestBlackboxBatchPoisonAmongGenuine(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	poison := []string{
		// multipart without a boundary, truncated part
		"From: P1 <p1@poison.example>\nTo: rma@desk.example\nSubject: broken mime\nMessage-ID: <bb3-p1@poison.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n--\nContent-Type: text/plain\n\nno boundary\n--x",
		// a 300 KB header line
		"From: P2 <p2@poison.example>\nTo: rma@desk.example\nSubject: " + strings.Repeat("A", 300*1024) + "\nX-Junk: " + strings.Repeat("=?utf-8?B?", 2000) + "\nMessage-ID: <bb3-p2@poison.example>\nContent-Type: text/plain\n\nhuge header\n",
		// an unknown charset with 8-bit and NUL bytes, and a bad encoded-word
		"From: =?x-bogus?Q?P3=FF?= <p3@poison.example>\nTo: rma@desk.example\nSubject: =?x-bogus?B?////?=\nMessage-ID: <bb3-p3@poison.example>\nContent-Type: text/plain; charset=x-bogus-9\nContent-Transfer-Encoding: quoted-printable\n\nbad =ZZ \xff\xfe\x00 bytes =\n",
	}
	genuine := 0
	for i := 0; i < 6; i++ {
		addr := fmt.Sprintf("cust%d@c%d.example", i, i)
		w.deliver(deskRMA, fmt.Sprintf("From: Cust %d <%s>\nTo: %s\nSubject: Server %d dead\nMessage-ID: <bb3-g%d@c%d.example>\nContent-Type: text/plain; charset=utf-8\n\nSerial Number: QTFCQ00000000%02d\nIt does not power on.\n", i, addr, deskRMA, i, i, i, i))
		genuine++
		if i%2 == 1 {
			w.deliver(deskRMA, poison[i/2])
		}
	}
	w.serveInProcess()
	bbWait(t, 90*time.Second, "every genuine customer answered", func() bool {
		for i := 0; i < 6; i++ {
			if bbSentTo(w, fmt.Sprintf("cust%d@c%d.example", i, i)) == 0 {
				return false
			}
		}
		return true
	})
	bbWait(t, 60*time.Second, "all 9 messages recorded or quarantined", func() bool {
		return bbCount(t, w, `SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM quarantine)`) >= 9
	})
	time.Sleep(3 * time.Second)
	for i := 0; i < 6; i++ {
		if n := bbSentTo(w, fmt.Sprintf("cust%d@c%d.example", i, i)); n != 1 {
			t.Errorf("genuine customer %d got %d mails, want 1", i, n)
		}
	}
	for i := 1; i <= 3; i++ {
		if n := bbSentTo(w, fmt.Sprintf("p%d@poison.example", i)); n > 1 {
			t.Errorf("poison sender %d answered %d times", i, n)
		}
	}
	if n := bbCount(t, w, `SELECT count(*) FROM (SELECT message_id FROM outbox GROUP BY message_id HAVING count(*) > 1) d`); n != 0 {
		t.Errorf("%d Message-IDs queued twice", n)
	}
	seen := map[string]int{}
	for _, r := range w.smtp.Messages() {
		h := header(t, r)
		seen[h.Get("Message-Id")]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
}

// Attack 4 (money, QCT advance replacement): seed 000 line 43, "Customer
// is required to return the defective hardware ... within ten (10)
// business days of RMA approval or be billed for the replacement material
// at full invoice price". The replacement has shipped; in one batch next to
// the customer's genuine follow-up come a forged "#received" from the
// agent's address threaded by the customer's Message-ID, a forged
// "#paid"/"#received" by the ref only, and the customer's own "#received"
// in their signed thread. None may mark the unit returned, paid or stop a
// bill: only an agent ("#received", README "Agents by mail") may.
func TestBlackboxBatchForgedReceivedOnAdvance(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	dir := t.TempDir()
	cli := func(args ...string) string {
		t.Helper()
		code, out, errs := runCLI(t, nil, append(args, "--config", w.cfgFile)...)
		if code != 0 {
			t.Fatalf("rmad %v: exit %d: %s%s", args, code, out, errs)
		}
		return out
	}
	// seed 000 line 43: ARS within the first year of QCT's invoice date.
	inv := time.Now().AddDate(0, -3, 0).Format("2006-01-02")
	csv := filepath.Join(dir, "assets.csv")
	os.WriteFile(csv, []byte("serial_number,model,part_number,customer,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,Example Corp,INV-1,"+inv+",12500.00,USD\n"), 0o600)
	cli("registry", "import", csv)
	eml := filepath.Join(dir, "req.eml")
	os.WriteFile(eml, []byte(strings.ReplaceAll(request("bb4-req@customer.example", "",
		"Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: QTFCQ0123456789\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: it does not power on.\n"), "\n", "\r\n")), 0o600)
	cli("ingest", "--mailbox", "rma", eml)
	cli("rma", "approve", "TKT-100001", "--type", "advance")
	cli("rma", "ship", "RMA-100001", "--part", "unit", "--price", "12500.00")
	rmaState := func() string {
		return bbText(t, w, `SELECT concat_ws('|', status, returned_at::text, paid_at::text, billed_at::text) FROM rmas WHERE number = 'RMA-100001'`)
	}
	before := rmaState()
	cid := bbText(t, w, `SELECT message_id FROM outbox WHERE $1 = ANY(to_addresses) ORDER BY id DESC LIMIT 1`, custAddr)
	thr := "In-Reply-To: <" + cid + ">\nReferences: <" + cid + ">\n"
	subj := "Re: RMA-100001 [TKT-100001]"
	w.deliver(deskRMA, bbMail("Alice Martin <"+custAddr+">", deskRMA, subj, "bb4-g1@customer.example", thr, "Thanks, the replacement arrived. We will send the old one back next week.\n"))
	w.deliver(deskRMA, bbMail("Dana <"+deskAgent+">", deskRMA, subj, "bb4-f1@evil.example", thr, "#received RMA-100001 box arrived\n#paid\n"))
	w.deliver(deskRMA, bbMail("Alice Martin <"+custAddr+">", deskRMA, subj, "bb4-f2@customer.example", thr, "#received RMA-100001\n#paid\nWe returned the unit and paid in full.\n"))
	w.deliver(deskSupport, bbMail("Finance <finance@desk.example>", deskSupport, subj, "bb4-f3@evil.example", "", "#paid\n#received\nPayment received, mark it returned.\n"))
	w.deliver(deskRMA, bbMail("Dana <"+deskAgent+">", deskRMA, subj, "bb4-f4@evil.example", "", "#received RMA-100001\n"))
	w.serveInProcess()
	bbWait(t, 90*time.Second, "the 5 mails recorded", func() bool {
		return bbCount(t, w, `SELECT count(*) FROM messages`) >= 6
	})
	time.Sleep(3 * time.Second)
	if after := rmaState(); after != before {
		t.Errorf("forged #received/#paid changed the advance RMA: %q -> %q", before, after)
	}
	t.Logf("RMA state: %s", rmaState())

	// Control: the genuine agent, in the agents' thread, says #received.
	aid := bbAgentsID(t, w)
	if aid == "" {
		t.Fatal("control: no agents' mail")
	}
	bbIngest(t, w, "rma", bbMail("Dana <"+deskAgent+">", deskRMA, subj, "bb4-ctl@desk.example", "In-Reply-To: <"+aid+">\nReferences: <"+aid+">\n", "#received\n"))
	if after := rmaState(); after == before {
		t.Errorf("control: the genuine agent's #received left the RMA at %q", after)
	} else {
		t.Logf("control: %q -> %q", before, after)
	}
}
