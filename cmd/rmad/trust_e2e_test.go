package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/jackc/pgx/v5"

	"rmad/internal/imaptest"
	"rmad/internal/smtptest"
)

// strictData answers 554 to what a strict MTA refuses: lines over 998
// octets, bare CR or LF, NUL.
func strictData(r smtptest.Received) *smtp.SMTPError {
	for _, l := range bytes.Split(r.Data, []byte("\r\n")) {
		if len(l) > 998 || bytes.ContainsAny(l, "\r\n\x00") {
			return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message is not valid RFC 5322"}
		}
	}
	return nil
}

// TestHostileMailThroughTheRealServers: a malformed Message-ID, a NUL in the
// subject, a subject word of 2,100 characters and a customer posing as an
// agent, through Dovecot, the desk and a strict SMTP server.
func TestHostileMailThroughTheRealServers(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t), smtptest.Options{RejectData: strictData})
	w.serveInProcess()

	// A malformed Message-ID and a NUL byte in the subject.
	w.deliver(deskRMA, "From: Alice Martin <"+custAddr+">\nTo: "+deskRMA+"\nSubject: =?utf-8?q?Fan_noise=00?=\nDate: Fri, 20 Nov 2026 12:59:00 -0800\n"+
		"Message-ID: <fan noise 1@customer.example>\nContent-Type: text/plain; charset=utf-8\n\n"+requestBody)
	got := w.waitMails(2, 30*time.Second)
	var ack smtptest.Received
	for _, r := range got {
		if r.To[0] == custAddr {
			ack = r
		}
	}
	ah := header(t, ack)
	ackID, _ := ah.MessageID()
	if ackID == "" {
		t.Fatalf("no acknowledgment: %+v", got)
	}
	// The customer replies, carrying the bad id in References: every later
	// mail of the ticket still renders and is accepted.
	w.deliver(deskRMA, request("req-2@customer.example", "In-Reply-To: <"+ackID+">\nReferences: <fan noise 1@customer.example> <"+ackID+">\n",
		"Part Number: 1S5BZZZ0003\nPO Number: PO-77812\n"))
	w.waitMails(4, 30*time.Second)

	// A 2,100-character word in a subject.
	w.deliver(deskSupport, "From: bob@other.example\nTo: "+deskSupport+"\nSubject: "+strings.Repeat("x", 2100)+"\n"+
		"Message-ID: <long-1@other.example>\nContent-Type: text/plain\n\nHello, our NAS is slow.\n")
	w.waitMails(6, 30*time.Second)

	// The customer, with the agent's From, answers their own acknowledgment.
	w.deliver(deskRMA, "From: "+deskAgent+"\nTo: "+deskRMA+"\nSubject: Re: x [TKT-100001]\nMessage-ID: <forged-1@customer.example>\n"+
		"In-Reply-To: <"+ackID+">\nContent-Type: text/plain\n\n#approve advance\n#received\n")
	got = w.waitMails(7, 30*time.Second)
	if last := got[6]; last.To[0] != deskAgent || !strings.Contains(string(last.Data), "Message from a stranger on TKT-100001") {
		t.Fatalf("the forged command was not reported to agents:\n%s", last.Data)
	}

	ctx := context.Background()
	db, err := pgx.Connect(ctx, w.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	var total, unsent, rmas int
	var subject string
	if err := db.QueryRow(ctx, `SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM outbox WHERE status <> 'sent'),
		(SELECT count(*) FROM rmas), (SELECT subject FROM tickets WHERE ref = 'TKT-100001')`).Scan(&total, &unsent, &rmas, &subject); err != nil {
		t.Fatal(err)
	}
	// Every mail the desk decided on was accepted by the strict server.
	if total != 7 || unsent != 0 || rmas != 0 || strings.ContainsRune(subject, 0) || !strings.Contains(subject, "Fan noise") {
		t.Fatalf("outbox %d (unsent %d), rmas %d, subject %q", total, unsent, rmas, subject)
	}
}

// The operator lists a customer's company domains in the registry: a
// colleague at that domain sees the unit's coverage, but nothing is issued
// without an agent; a neighbour at a freemail domain sees nothing.
func TestScenarioCustomerDomains(t *testing.T) {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,plans,customer_email,customer_domains\n" +
		"M50-0001,M50,2025-02-10,sla,bob@bigcorp.example,bigcorp.example\nM50-0002,M50,2025-02-10,,bob@gmail.com,\n")
	var domains []string
	if err := s.db.QueryRow(context.Background(), `SELECT customer_domains FROM assets WHERE serial_number = 'M50-0001'`).Scan(&domains); err != nil || len(domains) != 1 || domains[0] != "bigcorp.example" {
		t.Fatalf("customer_domains %v, %v", domains, err)
	}
	body := func(serial string) string {
		return "Contact: Carol\nPhone: 415-555-0199\nShip-to: 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: " + serial + "\nProblem: controller fault.\n"
	}
	s.mail("rma", "2026-11-20T09:00:00-08:00", "Carol <carol@bigcorp.example>", "M50 controller", "", body("M50-0001"))
	review := s.one(s.since(0), "rma_review", "carol@bigcorp.example")
	contains(t, review, "Covered: warranty of 3 years")
	if st, _, _, _ := s.rma("RMA-100001"); st != "requested" {
		t.Fatalf("issued on a domain match: %s", st)
	}
	mark := s.last()
	s.mail("rma", "2026-11-20T10:00:00-08:00", "Mallory <mallory@gmail.com>", "M50 controller", "", body("M50-0002"))
	review = s.one(s.since(mark), "rma_review", "mallory@gmail.com")
	contains(t, review, "to be confirmed")
	if strings.Contains(review.Body, "warranty of 3 years") {
		t.Fatalf("coverage told to a freemail neighbour:\n%s", review.Body)
	}
	// A freemail domain in customer_domains is refused at import.
	f := filepath.Join(s.dir, "bad.csv")
	os.WriteFile(f, []byte("serial_number,model,customer_domains\nX1,M50,gmail.com\n"), 0o600)
	if code, _, stderr := runCLI(t, nil, "registry", "import", f, "--config", s.cfgFile); code == 0 || !strings.Contains(stderr, "freemail") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
