package main

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// jobs runs `rmad jobs run NAME --at AT` and returns the mails it queued.
func (s *scenario) jobs(name, at string) []sent {
	s.t.Helper()
	mark := s.last()
	s.rmad("jobs", "run", name, "--at", at)
	return s.since(mark)
}

func (s *scenario) none(ms []sent, what string) {
	s.t.Helper()
	if len(ms) != 0 {
		var got []string
		for _, m := range ms {
			got = append(got, m.Template+"->"+m.To)
		}
		s.t.Fatalf("%s: want no mail, have %v", what, got)
	}
}

func TestJobsQNAPRemindersAndRunningFee(t *testing.T) {
	s := newScenario(t, "qnap")
	s.registry("serial_number,model,invoice_date,msrp,currency,plans\nQ21BI04567,TS-873A,2025-06-01,2899.00,USD,advance;card_on_file\n")
	s.mail("rma", "2026-11-27T09:00:00-08:00", "Bob Lee <bob@nas.example>", "TS-873A dead", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI04567\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: The NAS does not boot.\n")
	mark := s.last()
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-27T10:00:00-08:00")
	review := s.one(s.since(mark), "rma_review", "bob@nas.example")
	contains(t, review, "confirm", "200 Technology Dr")
	// A forged reply (From and subject ref only) confirms nothing.
	s.mail("rma", "2026-11-27T10:30:00-08:00", "Bob Lee <bob@nas.example>", "Re: TS-873A dead [TKT-100001]", "", "Yes. Shipping address: 1 Fraud St, Nowhere, CA 90000\n")
	if st, _, _, _ := s.rma("RMA-100001"); st != "requested" {
		t.Fatalf("an unsigned reply confirmed the address: %s", st)
	}
	mark = s.last()
	s.mail("rma", "2026-11-27T11:00:00-08:00", "Bob Lee <bob@nas.example>", "Re: TS-873A dead [TKT-100001]", "In-Reply-To: <"+review.MessageID+">\n", "Yes, that address is right.\n")
	contains(t, s.one(s.since(mark), "rma_issued", "bob@nas.example"), "ships on Friday, 27 November 2026")
	s.rmad("rma", "ship", "RMA-100001", "--at", "2026-11-30T10:00:00-08:00")
	s.rmad("rma", "deliver", "RMA-100001", "--at", "2026-12-01T11:00:00-08:00") // due end of Tue 2026-12-08

	s.none(s.jobs("all", "2026-12-02T09:00:00-08:00"), "nothing due on 2 Dec")
	r := s.one(s.jobs("all", "2026-12-03T09:00:00-08:00"), "rma_reminder", "bob@nas.example")
	contains(t, r, "by the end of Tuesday, 8 December 2026", "USD 100.00 for each day")
	s.none(s.jobs("all", "2026-12-03T09:30:00-08:00"), "the same reminder again")
	s.one(s.jobs("reminders", "2026-12-07T09:00:00-08:00"), "rma_reminder", "bob@nas.example")

	// Run on 11 December: three days (or parts) late.
	ms := s.jobs("billing", "2026-12-11T09:00:00-08:00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "USD 300.00")
	contains(t, s.one(ms, "customer_billing", "bob@nas.example"), "USD 300.00", "up to the unit's MSRP")
	s.none(s.jobs("billing", "2026-12-11T18:00:00-08:00"), "a second billing run the same day")
	contains(t, s.one(s.jobs("billing", "2026-12-12T09:00:00-08:00"), "finance_billing", "finance@desk.example"), "Running", "USD 400.00")
	// The digest goes once a day with the open item.
	d := s.one(s.jobs("digest", "2026-12-12T08:00:00-08:00"), "finance_digest", "finance@desk.example")
	var att string
	s.db.QueryRow(context.Background(), `SELECT convert_from(decode(attachments->0->>'data', 'base64'), 'UTF8') FROM outbox WHERE id = $1`, d.ID).Scan(&att)
	if !strings.Contains(att, "RMA-100001") || !strings.Contains(att, "400.00") {
		t.Fatalf("digest CSV:\n%s", att)
	}
	s.none(s.jobs("digest", "2026-12-12T20:00:00-08:00"), "a second digest the same day")
	// The unit arrives: finance gets the final amount and the clocks stop.
	mark = s.last()
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-14T10:00:00-08:00")
	contains(t, s.one(s.since(mark), "finance_billing", "finance@desk.example"), "Final", "USD 600.00")
	for _, j := range []string{"reminders", "void", "billing", "quotes", "waiting"} {
		s.none(s.jobs(j, "2026-12-20T09:00:00-08:00"), j+" after the unit arrived")
	}
	// The fee is still open until finance records the payment: the digest lists it.
	s.one(s.jobs("digest", "2026-12-20T09:00:00-08:00"), "finance_digest", "finance@desk.example")
	s.rmad("rma", "paid", "RMA-100001", "--at", "2026-12-20T10:00:00-08:00")
	if st, _, _, _ := s.rma("RMA-100001"); st != "closed" {
		t.Fatalf("paid and back: %s, want closed", st)
	}
	s.none(s.jobs("digest", "2026-12-21T09:00:00-08:00"), "a digest with nothing open")
}

func TestJobsQCTBillingAndVoid(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\n" +
		"QTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-03-03,12500.00,USD\nQTFCQ0000000042,S5G-1U,1S5GZZZ0001,INV-2,2024-01-15,,\n")
	req := func(serial, at string) {
		s.mail("rma", at, customerQCT, "RMA "+serial, "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: "+serial+
			"\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: it does not power on.\n")
	}
	req("QTFCQ0123456789", "2026-11-20T10:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-20T13:00:00-08:00") // due end of 2026-12-07
	req("QTFCQ0000000042", "2026-11-02T09:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100002", "--at", "2026-11-02T11:00:00-08:00") // standard, void after 2026-12-02

	contains(t, s.one(s.jobs("reminders", "2026-11-30T09:00:00-08:00"), "rma_reminder", "alice@customer.example"), "RMA-100002", "becomes void")
	ms := s.jobs("void", "2026-12-03T09:00:00-08:00")
	contains(t, s.one(ms, "rma_voided", "alice@customer.example"), "RMA-100002", "no longer valid", "Wednesday, 2 December 2026")
	if st, _, _, _ := s.rma("RMA-100002"); st != "voided" {
		t.Fatalf("RMA-100002 %s", st)
	}
	// The whole server went out as the replacement: its invoice price is billed.
	s.rmad("rma", "ship", "RMA-100001", "--carrier", "UPS", "--tracking", "1Z1", "--part", "unit", "--at", "2026-11-23T10:00:00-08:00")
	ms = s.jobs("billing", "2026-12-08T09:00:00-08:00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "full invoice price", "USD 12500.00", "replaced whole")
	s.one(ms, "customer_billing", "alice@customer.example")
	if st, _, _, _ := s.rma("RMA-100001"); st != "billed" {
		t.Fatalf("RMA-100001 %s", st)
	}
}

func TestJobsIXsystemsHoldAndTermination(t *testing.T) {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,invoice_price,currency,plans\nM50-0001,M50,2025-02-10,18000.00,USD,sla\nM50-0002,M50,2025-02-10,18000.00,USD,sla\n")
	for i, serial := range []string{"M50-0001", "M50-0002"} {
		s.mail("rma", "2026-11-20T10:00:00-08:00", "Pat Doe <pat@labs.example>", "M50 "+serial, "",
			"Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: "+serial+"\nProblem: controller fault.\n")
		s.rmad("rma", "approve", []string{"TKT-100001", "TKT-100002"}[i], "--at", "2026-11-20T11:00:00-08:00")
		s.rmad("rma", "ship", []string{"RMA-100001", "RMA-100002"}[i], "--part", "unit", "--at", "2026-11-23T10:00:00-08:00") // due end of 2026-12-23
	}
	ms := s.jobs("billing", "2026-12-24T09:00:00-08:00")
	if n := len(ms); n != 4 {
		t.Fatalf("%d billing mails, want 4", n)
	}
	contains(t, ms[0], "support hold", "USD 18000.00")
	s.rmad("rma", "paid", "RMA-100002", "--at", "2027-01-05T09:00:00-08:00")
	s.none(s.jobs("billing", "2027-01-08T23:00:00-08:00"), "within 15 days of the invoice")
	ms = s.jobs("billing", "2027-01-09T09:00:00-08:00")
	if len(ms) != 2 {
		t.Fatalf("%d termination mails, want finance + customer for the unpaid one only", len(ms))
	}
	fin := s.one(ms, "finance_billing", "finance@desk.example")
	contains(t, fin, "RMA-100001", "terminated")
	contains(t, s.one(ms, "customer_billing", "pat@labs.example"), "still unpaid")
}

func TestJobsAltaiQuoteAndWorkaroundClocks(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,delivery_date\nC1N000009,C1n,2024-01-10\n")
	s.mail("rma", "2026-11-24T10:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "C1n broken", "",
		"Company: Example ISP Ltd\nName: Wing Chan\nPhone: +852 5555 0101\nShip-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nModel: C1n\nSerial Number: C1N000009\nFirmware: 3.0\nSeverity: Low\nProblem: Ethernet port dead.\n")
	// The quote follows the pre-check of the returned unit: not before it is here.
	if out := s.refused("rma", "quote", "RMA-100001", "--amount", "40.00 USD", "--at", "2026-11-24T10:15:00+08:00"); !strings.Contains(out, "pre-check") {
		t.Fatalf("quote before the unit arrived: %s", out)
	}
	s.rmad("ticket", "set", "TKT-100001", "customer_pays_freight=yes", "--at", "2026-11-24T10:20:00+08:00") // a lone C1n
	s.rmad("rma", "approve", "RMA-100001", "--at", "2026-11-24T10:30:00+08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-11-24T11:00:00+08:00")
	s.rmad("rma", "quote", "RMA-100001", "--amount", "40.00 USD", "--at", "2026-11-24T12:00:00+08:00") // answer by end of 2026-12-08
	// A reply that neither accepts nor pays stops nothing.
	s.mail("rma", "2026-11-30T10:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "Re: C1n broken [TKT-100001]", "", "Can you make it cheaper?\n")
	s.none(s.jobs("quotes", "2026-12-08T12:00:00+08:00"), "within 10 working days")
	ms := s.jobs("quotes", "2026-12-09T09:00:00+08:00")
	contains(t, s.one(ms, "quote_expired", "wing@isp.example.hk"), "not accepted", "USD 10.00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "pre-check fee", "USD 10.00")
	s.none(s.jobs("quotes", "2027-02-06T09:00:00+08:00"), "before 60 days")
	s.one(s.jobs("quotes", "2027-02-08T09:00:00+08:00"), "quote_final", "wing@isp.example.hk")
	s.one(s.jobs("quotes", "2027-03-11T09:00:00+08:00"), "quote_disposed", "wing@isp.example.hk")
	if st, _, _, _ := s.rma("RMA-100001"); st != "closed" {
		t.Fatalf("after disposal: %s", st)
	}

	// A workaround left unanswered for two weeks closes the case.
	s.mail("support", "2026-11-24T10:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "AP drops clients", "", "Company: Example ISP Ltd\nClients disconnect every hour.\n")
	var notice string
	s.db.QueryRow(context.Background(), `SELECT message_id FROM outbox WHERE template = 'agent_new' AND subject LIKE '%TKT-100002%'`).Scan(&notice)
	s.mail("support", "2026-11-25T10:00:00+08:00", "dana@desk.example", "Re: [TKT-100002]", "In-Reply-To: <"+notice+">\n",
		"#workaround\n\nPlease disable band steering on the controller and tell us if it helps.\n")
	s.none(s.jobs("waiting", "2026-12-08T10:00:00+08:00"), "before two weeks")
	s.one(s.jobs("waiting", "2026-12-10T10:00:00+08:00"), "workaround_closed", "wing@isp.example.hk")
}

func TestJobsMissingFieldsRemindThenClose(t *testing.T) {
	s := newScenario(t, "qct")
	s.mail("support", "2026-11-16T10:00:00-08:00", customerQCT, "fan noise", "", "The fans are loud.\n") // lacks phone, serial, ...
	s.none(s.jobs("waiting", "2026-11-18T10:00:00-08:00"), "before 3 business days")
	contains(t, s.one(s.jobs("waiting", "2026-11-20T10:00:00-08:00"), "missing_reminder", "alice@customer.example"), "still waiting", "Serial number")
	s.none(s.jobs("waiting", "2026-11-21T10:00:00-08:00"), "the same reminder again")
	s.one(s.jobs("waiting", "2026-12-02T10:00:00-08:00"), "missing_closed", "alice@customer.example")
	var state string
	s.db.QueryRow(context.Background(), `SELECT state FROM tickets WHERE ref = 'TKT-100001'`).Scan(&state)
	if state != "closed" {
		t.Fatalf("state %s", state)
	}
}

func TestJobsRunTwiceAtOnceActOnce(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-03-03,12500.00,USD\n")
	for i := 0; i < 20; i++ {
		s.mail("rma", "2026-11-20T10:00:00-08:00", customerQCT, "RMA", "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: QTFCQ0123456789\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: dead.\n")
	}
	for i := 0; i < 20; i++ {
		s.rmad("rma", "approve", "TKT-"+itoa(100001+i), "--type", "advance", "--at", "2026-11-20T13:00:00-08:00")
	}
	mark := s.last()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, out, stderr := runCLI(t, nil, "jobs", "run", "all", "--at", "2026-12-08T09:00:00-08:00", "--config", s.cfgFile)
			if code != 0 {
				t.Errorf("jobs run: %d %s %s", code, out, stderr)
			}
		}()
	}
	wg.Wait()
	counts := map[string]int{}
	for _, m := range s.since(mark) {
		counts[m.Template]++
	}
	// Nothing says what was shipped: each bill also asks the agents, once.
	// The agents' digest (the 20 overdue RMAs) goes once too.
	if counts["finance_billing"] != 20 || counts["customer_billing"] != 20 || counts["agent_attention"] != 20 || counts["finance_digest"] != 1 ||
		counts["agents_digest"] != 1 || len(counts) != 5 {
		t.Fatalf("four concurrent runs queued %v, want 20 of each billing notice and one digest of each", counts)
	}
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func TestJobsCatchUpAndStopOnReceive(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-03-03,12500.00,USD\n")
	s.mail("rma", "2026-11-20T10:00:00-08:00", customerQCT, "RMA", "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: QTFCQ0123456789\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: dead.\n")
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-20T13:00:00-08:00") // due end of 2026-12-07
	// rmad was down through both reminder times (2 Dec and 4 Dec): one
	// reminder on restart, the earlier one recorded as superseded.
	ms := s.jobs("all", "2026-12-04T15:00:00-08:00")
	s.one(ms, "rma_reminder", "alice@customer.example")
	if len(ms) != 1 {
		t.Fatalf("catch-up sent %d mails", len(ms))
	}
	var sent, superseded int
	s.db.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE sent), count(*) FILTER (WHERE NOT sent) FROM rma_stages`).Scan(&sent, &superseded)
	if sent != 1 || superseded != 1 {
		t.Fatalf("stages: %d sent, %d superseded", sent, superseded)
	}
	s.none(s.jobs("all", "2026-12-04T15:05:00-08:00"), "a restart right after")
	// The reminder is still queued (no sender ran) when the unit arrives: it is not sent.
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-04T16:00:00-08:00")
	var status string
	s.db.QueryRow(context.Background(), `SELECT status FROM outbox WHERE template = 'rma_reminder'`).Scan(&status)
	if status != "cancelled" {
		t.Fatalf("queued reminder is %s after the unit arrived, want cancelled", status)
	}
	s.none(s.jobs("all", "2026-12-09T09:00:00-08:00"), "billing after the unit arrived")
}

func TestQNAPMissingComponentsAndDamage(t *testing.T) {
	s := newScenario(t, "qnap")
	// QNAP states both charges in its Advanced Replacement terms: they apply
	// to advance replacements (a standard repair's unit is checked below).
	s.registry("serial_number,model,invoice_date,msrp,currency,plans\nQ21BI00001,TS-873A,2025-06-01,2899.00,USD,advance;card_on_file\n" +
		"Q21BI00002,TS-873A,2025-06-01,2899.00,USD,advance;card_on_file\nQ21BI00003,TS-873A,2025-06-01,2899.00,USD,\n")
	for i, serial := range []string{"Q21BI00001", "Q21BI00002", "Q21BI00003"} {
		s.mail("rma", "2026-11-27T09:00:00-08:00", "Bob Lee <bob@nas.example>", "NAS "+serial, "",
			"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: "+serial+"\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: does not boot.\n")
		ref, typ := "TKT-10000"+string(rune('1'+i)), "advance"
		if i == 2 {
			typ = "standard"
		} else {
			s.rmad("ticket", "set", ref, "address_confirmed=yes", "--at", "2026-11-27T09:30:00-08:00")
		}
		s.rmad("rma", "approve", ref, "--type", typ, "--at", "2026-11-27T10:00:00-08:00")
	}
	for _, n := range []string{"RMA-100001", "RMA-100002"} {
		s.rmad("rma", "ship", n, "--part", "unit", "--at", "2026-11-27T12:00:00-08:00")
		s.rmad("rma", "deliver", n, "--at", "2026-11-30T12:00:00-08:00")
	}
	mark := s.last()
	s.rmad("rma", "receive", "RMA-100003", "--missing", "PSU", "--damaged", "--at", "2026-12-01T10:00:00-08:00")
	for _, m := range s.since(mark) {
		if m.Template == "finance_billing" || m.Template == "customer_billing" {
			t.Fatalf("a standard repair charged as an advance replacement:\n%s", m.Body)
		}
	}
	mark = s.last()
	s.rmad("rma", "receive", "RMA-100001", "--missing", "PSU,drive-tray", "--note", "box was light", "--at", "2026-12-01T10:00:00-08:00")
	contains(t, s.one(s.since(mark), "rma_received", "bob@nas.example"), "lacks: PSU, drive-tray", "by Tuesday, 8 December 2026")
	mark = s.last()
	s.rmad("rma", "receive", "RMA-100002", "--damaged", "--at", "2026-12-01T10:00:00-08:00")
	ms := s.since(mark)
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "customer-induced damage", "USD 2899.00")
	s.one(ms, "customer_billing", "bob@nas.example")
	s.none(s.jobs("billing", "2026-12-08T12:00:00-08:00"), "components before their deadline")
	ms = s.jobs("billing", "2026-12-09T09:00:00-08:00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "missing components", "PSU, drive-tray")
	s.none(s.jobs("billing", "2026-12-10T09:00:00-08:00"), "components charged twice")
	// Both charges stay on finance's digest until paid.
	d := s.one(s.jobs("digest", "2026-12-10T09:00:00-08:00"), "finance_digest", "finance@desk.example")
	contains(t, d, "Open billing items on 2026-12-10: 2")
}

func TestReceiptNoteWordsAreNotKeywords(t *testing.T) {
	s := newScenario(t, "qnap")
	s.registry("serial_number,model,invoice_date,msrp,currency\nQ21BI00001,TS-873A,2025-06-01,2899.00,USD\n")
	s.mail("rma", "2026-11-27T09:00:00-08:00", "Bob Lee <bob@nas.example>", "NAS", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI00001\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: does not boot.\n")
	s.rmad("rma", "approve", "TKT-100001", "--type", "standard", "--at", "2026-11-27T10:00:00-08:00")
	mark := s.last()
	s.rmad("rma", "receive", "RMA-100001", "--note", "outer carton damaged by the courier, all components present", "--at", "2026-12-01T10:00:00-08:00")
	ms := s.since(mark)
	s.one(ms, "rma_received", "bob@nas.example")
	if len(ms) != 1 {
		t.Fatalf("a note's words triggered charges: %d mails", len(ms))
	}
}
