package main

import (
	"strings"
	"testing"
)

// Out-of-warranty handling and holds, from the labelled cases.

// iXsystems: "Failure to return parts within 30 days may result in a
// 'Support Hold' placed on the account, suspending all support and warranty
// contracts": while it stands, the account's new requests are not issued
// automatically and the agents are told why; #paid or the return lifts it.
func TestIXsystemsSupportHoldStopsAutomaticIssue(t *testing.T) {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,invoice_price,currency,plans\n" +
		"M50-0001,M50,2025-02-10,18000.00,USD,sla\nM50-0002,M50,2025-02-10,18000.00,USD,\nM50-0003,M50,2025-02-10,18000.00,USD,\n")
	req := func(from, serial, at string) []sent {
		mark := s.last()
		s.mail("rma", at, from, "M50 "+serial, "",
			"Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: "+serial+"\nProblem: controller fault.\n")
		return s.since(mark)
	}
	// An advance replacement (SLA plan), approved by an agent, never returned.
	req("Pat Doe <pat@labs.example>", "M50-0001", "2026-11-20T10:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-20T11:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100001", "--part", "controller", "--price", "2400.00", "--at", "2026-11-23T10:00:00-08:00") // due end of 2026-12-23
	contains(t, s.one(s.jobs("billing", "2026-12-24T09:00:00-08:00"), "finance_billing", "finance@desk.example"), "support hold", "USD 2400.00")

	// A colleague at the same company asks for a standard repair of another
	// unit, which the desk issues by itself when there is no hold: held for
	// agents.
	ms := req("Sam Doe <sam@labs.example>", "M50-0002", "2026-12-28T10:00:00-08:00")
	if st, _, _, _ := s.rma("RMA-100002"); st != "requested" {
		t.Fatalf("on hold, RMA-100002 is %s", st)
	}
	contains(t, s.one(ms, "agent_new", "dana@desk.example"), "support hold", "RMA-100001")
	// An agent may still approve by hand.
	s.rmad("rma", "approve", "TKT-100002", "--at", "2026-12-28T11:00:00-08:00")

	// Finance records the payment: the hold is lifted.
	s.rmad("rma", "paid", "RMA-100001", "--at", "2027-01-04T09:00:00-08:00")
	req("Pat Doe <pat@labs.example>", "M50-0003", "2027-01-05T10:00:00-08:00")
	if st, _, _, _ := s.rma("RMA-100003"); st != "issued" {
		t.Fatalf("after #paid, RMA-100003 is %s", st)
	}
}

// QNAP: "2-way Delivery Cost: QNAP will prepay shipping cost both ways" for
// an advance replacement, with packaging for the return; a standard repair
// is shipped to QNAP at the customer's cost.
func TestQNAPAdvanceInstructionsSayPrepaidBothWays(t *testing.T) {
	s := newScenario(t, "qnap")
	s.registry("serial_number,model,invoice_date,msrp,currency,plans\nQ21BI04567,TS-873A,2025-06-01,2899.00,USD,advance;card_on_file\nQ21BI04568,TS-873A,2025-06-01,2899.00,USD,\n")
	for _, serial := range []string{"Q21BI04567", "Q21BI04568"} {
		s.mail("rma", "2026-11-27T09:00:00-08:00", "Bob Lee <bob@nas.example>", "NAS "+serial, "",
			"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: "+serial+"\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: does not boot.\n")
	}
	s.rmad("ticket", "set", "TKT-100001", "address_confirmed=yes", "--at", "2026-11-27T09:30:00-08:00")
	mark := s.last()
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-27T10:00:00-08:00")
	adv := s.one(s.since(mark), "rma_issued", "bob@nas.example")
	contains(t, adv, "prepays the shipping both ways", "in the packaging the replacement came in", "the day the courier picks it up")
	mark = s.last()
	s.rmad("rma", "approve", "TKT-100002", "--at", "2026-11-27T10:00:00-08:00")
	std := s.one(s.since(mark), "rma_issued", "bob@nas.example")
	contains(t, std, "You pay the shipping to QNAP")
	if strings.Contains(std.Body, "prepays") {
		t.Fatalf("a standard repair promised prepaid shipping:\n%s", std.Body)
	}
}

// QCT: "If any discrepancies such as wrong product/missing parts/customer
// induced damage are found, QCT will return/reject the merchandise at
// customer's expense."
func TestQCTRejectsADiscrepantReturnAtTheCustomersExpense(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0000000042,S5G-1U,1S5GZZZ0001,INV-2,2025-01-15,4000.00,USD\n")
	qctRequest(s, "QTFCQ0000000042", "2026-11-02T09:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T11:00:00-08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-11-10T11:00:00-08:00")
	mark := s.last()
	s.rmad("rma", "reject", "RMA-100001", "--reason", "The box held an S5B node, not the S5G-1U under this RMA.", "--at", "2026-11-10T14:00:00-08:00")
	m := s.one(s.since(mark), "rma_unit_rejected", "alice@customer.example")
	contains(t, m, "we cannot accept it", "not the S5G-1U", "at your expense")
	if st, _, _, _ := s.rma("RMA-100001"); st != "rejected" {
		t.Fatalf("status %s", st)
	}
}

// Altai: the quote is accepted by #approve (the repair goes ahead) and its
// clocks stop; without it, neither the 10 working days nor the later
// clocks wait for a reply.
func TestAltaiAcceptedQuoteStopsTheClocks(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,delivery_date\nA8N000009,A8n,2024-01-10\n")
	s.mail("rma", "2026-11-24T10:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "A8n broken", "",
		"Company: Example ISP Ltd\nName: Wing Chan\nPhone: +852 5555 0101\nShip-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nModel: A8n\nSerial Number: A8N000009\nFirmware: 3.0\nSeverity: Low\nProblem: Ethernet port dead.\n")
	s.rmad("rma", "approve", "RMA-100001", "--at", "2026-11-24T10:30:00+08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-11-27T11:00:00+08:00")
	s.rmad("rma", "quote", "RMA-100001", "--amount", "180.00 USD", "--at", "2026-11-27T12:00:00+08:00")
	out := s.rmad("rma", "approve", "RMA-100001", "--at", "2026-12-01T12:00:00+08:00")
	if !strings.Contains(out, "quote accepted") {
		t.Fatalf("approve of a quoted unit: %s", out)
	}
	if st, _, _, _ := s.rma("RMA-100001"); st != "received" {
		t.Fatalf("accepted: %s, want received (the repair goes ahead)", st)
	}
	for _, at := range []string{"2026-12-20T09:00:00+08:00", "2027-03-01T09:00:00+08:00", "2027-04-15T09:00:00+08:00"} {
		s.none(s.jobs("quotes", at), "quote clocks after acceptance")
	}
	s.rmad("rma", "repaired", "RMA-100001", "--at", "2026-12-10T12:00:00+08:00")
}

// A support hold on a freemail customer is the mailbox's, however it is
// spelled: pat.doe@googlemail.com and patdoe@gmail.com are one Gmail inbox
// (seeds/004 line 89: "a “Support Hold” placed on the account"). Another Gmail user
// is not held.
func TestIXsystemsSupportHoldFollowsAGmailMailboxAcrossSpellings(t *testing.T) {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,invoice_price,currency,plans\n" +
		"M50-0001,M50,2025-02-10,18000.00,USD,sla\nM50-0002,M50,2025-02-10,18000.00,USD,\nM50-0003,M50,2025-02-10,18000.00,USD,\nM50-0004,M50,2025-02-10,18000.00,USD,\n")
	req := func(from, serial, at string) {
		s.mail("rma", at, from, "M50 "+serial, "",
			"Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: "+serial+"\nProblem: controller fault.\n")
	}
	req("Pat Doe <pat.doe@googlemail.com>", "M50-0001", "2026-11-20T10:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-20T11:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100001", "--part", "controller", "--price", "2400.00", "--at", "2026-11-23T10:00:00-08:00")
	contains(t, s.one(s.jobs("billing", "2026-12-24T09:00:00-08:00"), "finance_billing", "finance@desk.example"), "support hold", "USD 2400.00")

	req("Pat Doe <patdoe@gmail.com>", "M50-0002", "2026-12-28T10:00:00-08:00")
	req("Pat Doe <P.A.T.D.O.E+rma@GoogleMail.com>", "M50-0003", "2026-12-28T10:05:00-08:00")
	req("Sam Roe <samroe@gmail.com>", "M50-0004", "2026-12-28T10:10:00-08:00")
	for rma, want := range map[string]string{"RMA-100002": "requested", "RMA-100003": "requested", "RMA-100004": "issued"} {
		if st, _, _, _ := s.rma(rma); st != want {
			t.Errorf("%s is %s, want %s", rma, st, want)
		}
	}
}
