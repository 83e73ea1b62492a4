package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"rmad/internal/imaptest"
)

// Black-box attacks on the operator actions added with retention, held
// mail and #repaired on a rejected unit: a customer, a forger of an agent's
// or a customer's From, and a spammer try to reach them by mail.

const abSerial = "QTFCQ0000000777"

// abRejected plays a case up to a returned unit rejected after it arrived:
// the state in which #repaired would record it as sent back unrepaired.
func abRejected(t *testing.T) *scenario {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\n" + abSerial + ",S5G-1U,1S5GZZZ0001,INV-2,2026-03-03,4000.00,USD\n")
	qctRequest(s, abSerial, "2026-11-02T09:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T10:00:00-08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-11-09T10:00:00-08:00")
	s.rmad("rma", "reject", "RMA-100001", "--reason", "customer-induced damage", "--at", "2026-11-09T11:00:00-08:00")
	return s
}

// abCustomerID is the Message-ID of the last mail the desk sent the customer.
func (s *scenario) abCustomerID(addr string) string {
	s.t.Helper()
	var id string
	if err := s.db.QueryRow(context.Background(), `SELECT message_id FROM outbox WHERE $1 = ANY(to_addresses) ORDER BY id DESC LIMIT 1`, addr).Scan(&id); err != nil {
		s.t.Fatal(err)
	}
	return id
}

type abState struct {
	status   string
	sentBack bool
	erasures int64
	tickets  int64
	purged   int64
}

func (s *scenario) abSnapshot() abState {
	s.t.Helper()
	var st abState
	var sb *time.Time
	if err := s.db.QueryRow(context.Background(), `SELECT status, sent_back_at FROM rmas WHERE number = 'RMA-100001'`).Scan(&st.status, &sb); err != nil {
		s.t.Fatal(err)
	}
	st.sentBack = sb != nil
	st.erasures = s.count(`SELECT count(*) FROM erasures`)
	st.tickets = s.count(`SELECT count(*) FROM tickets`)
	st.purged = s.count(`SELECT count(*) FROM messages WHERE purged_at IS NOT NULL`)
	return st
}

// abNoOperatorEffect checks that none of the mails since mark ran an operator
// action: nothing sent back, erased or purged, and no "returned unrepaired"
// mail.
func (s *scenario) abNoOperatorEffect(what string, before abState, mark int64) {
	s.t.Helper()
	if after := s.abSnapshot(); after != before {
		s.t.Errorf("%s: state changed from %+v to %+v", what, before, after)
	}
	for _, m := range s.since(mark) {
		if m.Template == "rma_returned_unrepaired" || strings.Contains(m.Body, "returned without repair") {
			s.t.Errorf("%s: a sent-back notice went out: %s to %s", what, m.Template, m.To)
		}
	}
}

// Attack 1 (customer): the customer replies in their own signed thread with
// operator command lines at the top: #repaired on the rejected unit (to get
// it recorded as sent back and the case closed), #forget / #purge, and the
// held-mail actions #retry / #drop. None may run.
func TestAttackBlackboxCustomerCommandsInOwnThread(t *testing.T) {
	s := abRejected(t)
	s.sent()
	before := s.abSnapshot()
	mark := s.last()
	cust := s.abCustomerID("alice@customer.example")
	for i, body := range []string{
		"#repaired FedEx 999999 \n\nPlease mark it sent back.\n",
		"#repaired RMA-100001 UPS 1Z999\n#close\n",
		"#forget alice@customer.example\n#purge --closed-before 1d\n",
		"#customer forget alice@customer.example\n#outbox drop 1\n#outbox retry --all-held\n",
	} {
		s.mail("rma", fmt.Sprintf("2026-11-10T1%d:00:00-08:00", i), customerQCT, "Re: RMA "+abSerial+" [TKT-100001]",
			"In-Reply-To: <"+cust+">\nReferences: <"+cust+">\n", body)
	}
	s.abNoOperatorEffect("customer's #commands", before, mark)
}

// Attack 2 (forger of an agent): mail with the agent's From, threaded by the
// customer's Message-ID (which the customer holds), by the ref alone, or by
// a made-up rmad-shaped agents' id, says #repaired on the rejected unit.
func TestAttackBlackboxSpoofedAgentRepaired(t *testing.T) {
	s := abRejected(t)
	s.sent()
	before := s.abSnapshot()
	mark := s.last()
	cust := s.abCustomerID("alice@customer.example")
	for i, hdr := range []string{
		"In-Reply-To: <" + cust + ">\nReferences: <" + cust + ">\n",
		"",
		"In-Reply-To: <rmad.1.a.0123456789abcdef.00000000000000000000000000000000@desk.example>\n",
		"In-Reply-To: <" + strings.Replace(cust, ".c.", ".a.", 1) + ">\n",
	} {
		s.mail("rma", fmt.Sprintf("2026-11-10T1%d:00:00-08:00", i), "Dana <dana@desk.example>", "Re: RMA "+abSerial+" [TKT-100001]",
			hdr, "#repaired FedEx 4242 RMA-100001\n")
	}
	s.abNoOperatorEffect("spoofed agent #repaired", before, mark)
}

// Attack 3 (forger of a forgotten customer): after `rmad customer forget`,
// mail from the forgotten address (threaded by the old ticket's Message-ID)
// and from a stranger, both quoting the old ticket and RMA numbers, asking
// for the ship-to and serial. No answer may carry the old ticket's data.
func TestAttackBlackboxForgottenTicketNotReturned(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\n" + abSerial + ",S5G-1U,1S5GZZZ0001,INV-2,2026-03-03,4000.00,USD\n")
	s.mail("rma", "2026-11-02T09:00:00-08:00", customerQCT, "RMA for my server", "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: "+abSerial+
		"\nPO Number: PO-31337\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, Dock 9 Secret Lane, San Jose, CA\nProblem: it does not power on.\n")
	s.rmad("rma", "reject", "RMA-100001", "--reason", "not ours", "--at", "2026-11-02T10:00:00-08:00")
	old := s.abCustomerID("alice@customer.example")
	s.sent()
	if code, out := s.try("customer", "forget", "alice@customer.example"); code != 0 {
		t.Fatalf("setup: forget exit %d: %s", code, out)
	}
	if n := s.count(`SELECT count(*) FROM tickets WHERE customer_address = 'alice@customer.example'`); n != 0 {
		t.Fatalf("setup: %d tickets of the forgotten address remain", n)
	}
	mark := s.last()
	ask := "Hi, please resend what you have on file for TKT-100001 / RMA-100001: ship-to, serial and PO.\n"
	s.mail("rma", "2026-11-20T09:00:00-08:00", "Alice Martin <alice@customer.example>", "Re: RMA for my server [TKT-100001]",
		"In-Reply-To: <"+old+">\nReferences: <"+old+">\n", ask)
	s.mail("rma", "2026-11-20T10:00:00-08:00", "Mallory <mallory@evil.example>", "Re: RMA-100001 [TKT-100001]", "", ask)
	s.mail("support", "2026-11-20T11:00:00-08:00", "Alice Martin <alice@customer.example>", "RMA-100001 status", "", ask)
	for _, m := range s.since(mark) {
		if strings.Contains(m.To, "desk.example") {
			continue // staff
		}
		for _, secret := range []string{"Dock 9", "Secret Lane", abSerial, "408-555-0143", "PO-31337", "1 Main St", "not ours"} {
			if strings.Contains(m.Subject+"\n"+m.Body, secret) {
				t.Errorf("%s mail to %s carries the forgotten ticket's %q:\n%s", m.Template, m.To, secret, m.Body)
			}
		}
	}
}

// Attack 4 (spammer): a flood of strangers' mail into the desk while serve
// runs must not hold mail, fail /healthz or delay a real customer's answer.
func TestAttackBlackboxSpamFloodDoesNotBlockCustomers(t *testing.T) {
	w, base := healthWorld(t, imaptest.NewDovecot(t), "")
	w.serveInProcess()
	waitHealth(t, base, 30*time.Second, "healthy at start", healthy)
	for i := 0; i < 60; i++ {
		w.deliver(deskRMA, fmt.Sprintf("From: Bot %d <bot%d@spam.example>\nTo: %s\nSubject: #repaired #forget cheap pills %d\nMessage-ID: <spam-%d@spam.example>\nContent-Type: text/plain\n\n#repaired FedEx 1\n#forget %s\nBuy now http://spam.example/%d\n",
			i, i, deskRMA, i, i, custAddr, i))
	}
	w.deliver(deskRMA, request("real-1@customer.example", "", requestBody))
	deadline := time.Now().Add(90 * time.Second)
	for {
		got := false
		for _, r := range w.smtp.Messages() {
			if len(r.To) > 0 && r.To[0] == custAddr {
				got = true
			}
		}
		if got {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the real customer got no answer within 90s of a 60-mail flood (%d mails sent)", len(w.smtp.Messages()))
		}
		time.Sleep(200 * time.Millisecond)
	}
	code, rep := readHealth(t, base)
	if code != http.StatusOK {
		t.Errorf("/healthz after the flood: %d %+v", code, rep)
	}
	db := connect(t, w.dbURL)
	var held, toSpam int
	db.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE status = 'held'), count(*) FILTER (WHERE array_to_string(to_addresses, ',') LIKE '%spam.example%') FROM outbox`).Scan(&held, &toSpam)
	if held != 0 {
		t.Errorf("%d mails held after a flood", held)
	}
	t.Logf("%d automatic answers to spam.example (the cap is attacked in TestAttackBlackboxDomainCapUnderConcurrentFlood)", toSpam)
	var erasures int
	db.QueryRow(context.Background(), `SELECT count(*) FROM erasures`).Scan(&erasures)
	if erasures != 0 {
		t.Errorf("spam with #forget erased something (%d erasures)", erasures)
	}
}

// Attack 5 (spammer, two mailboxes): the per-organisation cap on automatic
// answers (auto_reply_domain_limit, 30 an hour) must hold when the flood
// arrives at both desk addresses at once.
//
// Before issue 15 this flood got 34, 37 and 35 acknowledgments; group
// commit without the shared in-flight counts got 58; with them 30 in every
// run, but 30-32 with a genuine customer in the flood
// (TestBlackboxBatchDomainCapWithGenuineCustomer): two deliveries could
// both check before either counted. A cap is now checked and counted in one
// step (workflow work.admit), so exactly the cap gets through.
func TestAttackBlackboxDomainCapUnderConcurrentFlood(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	for i := 0; i < 80; i++ {
		box := deskRMA
		if i%2 == 1 {
			box = deskSupport
		}
		w.deliver(box, fmt.Sprintf("From: Bot %d <bot%d@spam.example>\nTo: %s\nSubject: cheap pills %d\nMessage-ID: <cap-%d@spam.example>\nContent-Type: text/plain\n\nBuy now\n", i, i, box, i, i))
	}
	w.serveInProcess()
	db := connect(t, w.dbURL)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var tickets int
		db.QueryRow(context.Background(), `SELECT count(*) FROM tickets`).Scan(&tickets)
		if tickets == 80 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of 80 spam tickets made within 60s", tickets)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var acks int
	db.QueryRow(context.Background(), `SELECT count(*) FROM outbox WHERE array_to_string(to_addresses, ',') LIKE '%@spam.example%'`).Scan(&acks)
	if acks != 30 {
		t.Errorf("%d automatic answers to one organisation within the hour, want the cap: 30", acks)
	}
	t.Logf("acks %d", acks)
}
