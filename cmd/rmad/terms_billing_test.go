package main

import (
	"strings"
	"testing"
)

// The billing cases of the vendors' terms, through the CLI with --at. The
// figures come from the labelled cases written from the seeds alone
// (QNAP: "within 5 business days following receipt of the replacement
// units. (Based on ... courier pick up date)", "USD 100 per day up to the
// value of the unit's MSRP").

// qnapDelivered takes a QNAP advance replacement of serial through
// approval, the customer's address confirmation, shipment, and delivery
// on Tuesday 2026-12-01: the defective unit is due to the courier by the
// end of Tuesday 2026-12-08.
func qnapDelivered(t *testing.T, registry string) *scenario {
	s := newScenario(t, "qnap")
	s.registry("serial_number,model,invoice_date,invoice_price,msrp,currency,plans\n" + registry)
	s.mail("rma", "2026-11-27T09:00:00-08:00", "Bob Lee <bob@nas.example>", "TS-873A dead", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI04567\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: The NAS does not boot.\n")
	mark := s.last()
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-27T10:00:00-08:00")
	review := s.one(s.since(mark), "rma_review", "bob@nas.example")
	s.mail("rma", "2026-11-27T11:00:00-08:00", "Bob Lee <bob@nas.example>", "Re: TS-873A dead [TKT-100001]", "In-Reply-To: <"+review.MessageID+">\n", "Yes, that address is right.\n")
	s.rmad("rma", "ship", "RMA-100001", "--carrier", "UPS", "--tracking", "1Z9", "--part", "unit", "--serial", "Q21BI09999", "--at", "2026-11-30T10:00:00-08:00")
	mark = s.last()
	s.rmad("rma", "deliver", "RMA-100001", "--at", "2026-12-01T11:00:00-08:00")
	contains(t, s.one(s.since(mark), "rma_delivered", "bob@nas.example"), "Tuesday, 8 December 2026", "the day the courier picks it up")
	return s
}

const qnapUnit = "Q21BI04567,TS-873A,2025-06-01,980.00,%s,USD,advance;card_on_file\n"

func withMSRP(msrp string) string { return strings.Replace(qnapUnit, "%s", msrp, 1) }

// financeSaying lists finance's billing mails that contain text.
func financeSaying(ms []sent, text string) []sent {
	var out []sent
	for _, m := range ms {
		if m.Template == "finance_billing" && strings.Contains(m.Subject+m.Body, text) {
			out = append(out, m)
		}
	}
	return out
}

func TestQNAPPickedUpOnTheDueDayIsNeverBilled(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	mark := s.last()
	r := s.one(s.jobs("reminders", "2026-12-07T09:00:00-08:00"), "rma_reminder", "bob@nas.example")
	contains(t, r, "to the courier by the end of Tuesday, 8 December 2026")
	if strings.Contains(r.Body, "must be back with us") {
		t.Fatalf("QNAP reminder asks for arrival:\n%s", r.Body)
	}
	out := s.rmad("rma", "return", "RMA-100001", "--carrier", "UPS", "--tracking", "1ZBACK", "--picked-up", "2026-12-08", "--at", "2026-12-08T16:00:00-08:00")
	if !strings.Contains(out, "in time") {
		t.Fatalf("rmad rma return said %q", out)
	}
	for _, at := range []string{"2026-12-09T09:00:00-08:00", "2026-12-10T09:00:00-08:00", "2026-12-11T09:00:00-08:00"} {
		s.none(s.jobs("all", at), "a job after an in-time pick-up ("+at+")")
	}
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-11T10:00:00-08:00")
	s.none(s.jobs("all", "2026-12-14T09:00:00-08:00"), "a job after arrival")
	for _, m := range s.since(mark) {
		if m.Template == "finance_billing" || m.Template == "customer_billing" {
			t.Fatalf("a unit handed to the courier on the due day was billed:\n%s\n%s", m.Subject, m.Body)
		}
	}
	var amount *string
	s.db.QueryRow(t.Context(), `SELECT amount::text FROM rmas WHERE number = 'RMA-100001'`).Scan(&amount)
	if amount != nil {
		t.Fatalf("amount %s recorded", *amount)
	}
}

func TestQNAPLatePickUpIsBilledToThePickUpOnce(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	mark := s.last()
	contains(t, s.one(s.jobs("billing", "2026-12-09T09:00:00-08:00"), "finance_billing", "finance@desk.example"), "USD 100.00")
	out := s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-11", "--at", "2026-12-11T15:00:00-08:00")
	if !strings.Contains(out, "USD 300.00") {
		t.Fatalf("rmad rma return said %q", out)
	}
	for _, at := range []string{"2026-12-12T09:00:00-08:00", "2026-12-14T09:00:00-08:00"} {
		s.none(s.jobs("billing", at), "billing after the pick-up")
	}
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-15T10:00:00-08:00")
	s.none(s.jobs("billing", "2026-12-16T09:00:00-08:00"), "billing after arrival")
	all := s.since(mark)
	if n := len(financeSaying(all, "USD 300.00")); n != 1 {
		t.Fatalf("finance told USD 300.00 %d times, want once", n)
	}
	for _, m := range all {
		if m.Template == "finance_billing" && (strings.Contains(m.Body, "USD 400") || strings.Contains(m.Body, "USD 700")) {
			t.Fatalf("the fee ran past the pick-up:\n%s", m.Body)
		}
	}
	contains(t, s.one(financeSaying(all, "USD 300.00"), "finance_billing", "finance@desk.example"), "picked up", "Friday, 11 December 2026")
	var amount string
	s.db.QueryRow(t.Context(), `SELECT amount::text FROM rmas WHERE number = 'RMA-100001'`).Scan(&amount)
	if amount != "300.00" {
		t.Fatalf("amount %s, want 300.00", amount)
	}
}

// The pick-up is recorded before any billing run: the first bill is the
// final one, for the days up to the pick-up.
func TestQNAPLatePickUpRecordedBeforeBilling(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	out := s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-11", "--at", "2026-12-12T09:00:00-08:00")
	if !strings.Contains(out, "late") {
		t.Fatalf("rmad rma return said %q", out)
	}
	ms := s.jobs("billing", "2026-12-14T09:00:00-08:00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "USD 300.00", "final")
	s.one(ms, "customer_billing", "bob@nas.example")
	s.none(s.jobs("billing", "2026-12-15T09:00:00-08:00"), "a second bill")
}

// Proof of delivery: the customer shows the courier had the unit on the due
// day after the desk billed it. The fee is owed by no one.
func TestQNAPProofOfPickUpInTimeWaivesTheFee(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.jobs("billing", "2026-12-11T09:00:00-08:00") // USD 300 so far
	mark := s.last()
	s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-08", "--at", "2026-12-11T15:00:00-08:00")
	ms := s.since(mark)
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "no fee", "USD 0.00", "Refund")
	contains(t, s.one(ms, "customer_billing", "bob@nas.example"), "in time", "no delayed-return fee is owed")
	s.none(s.jobs("billing", "2026-12-12T09:00:00-08:00"), "the fee after an in-time pick-up")
}

func TestQNAPFeeStopsAtTheMSRP(t *testing.T) {
	s := qnapDelivered(t, withMSRP("649.00"))
	s.jobs("billing", "2026-12-14T09:00:00-08:00") // 6 days: USD 600
	fin := s.one(s.jobs("billing", "2026-12-15T09:00:00-08:00"), "finance_billing", "finance@desk.example")
	contains(t, fin, "USD 649.00", "Final", "MSRP")
	s.none(s.jobs("billing", "2026-12-16T09:00:00-08:00"), "the fee past its cap")
}

// Without an MSRP the fee runs to the unit's invoice price, what the
// customer paid: never above an MSRP.
func TestQNAPFeeWithoutMSRPStopsAtTheInvoicePrice(t *testing.T) {
	s := qnapDelivered(t, withMSRP(""))
	contains(t, s.one(s.jobs("billing", "2026-12-09T09:00:00-08:00"), "finance_billing", "finance@desk.example"),
		"USD 100.00", "invoice price (its MSRP is not known)", "USD 980.00")
	fin := s.one(s.jobs("billing", "2026-12-20T09:00:00-08:00"), "finance_billing", "finance@desk.example")
	contains(t, fin, "USD 980.00", "Final")
	s.none(s.jobs("billing", "2026-12-21T09:00:00-08:00"), "the fee past the invoice price")
}

// Nothing in the registry bounds the fee: it is held at one day's fee, the
// agents are asked for the MSRP, and it runs to it once supplied.
func TestQNAPFeeWithNoKnownCapWaitsForTheMSRP(t *testing.T) {
	s := qnapDelivered(t, "Q21BI04567,TS-873A,2025-06-01,,,USD,advance;card_on_file\n")
	ms := s.jobs("billing", "2026-12-11T09:00:00-08:00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "USD 100.00", "MSRP is not known")
	contains(t, s.one(ms, "agent_attention", "dana@desk.example"), "#set msrp=")
	s.none(s.jobs("billing", "2026-12-12T09:00:00-08:00"), "a held fee growing")
	s.rmad("ticket", "set", "TKT-100001", "unit1.msrp=1199.00", "--at", "2026-12-12T10:00:00-08:00")
	contains(t, s.one(s.jobs("billing", "2026-12-14T09:00:00-08:00"), "finance_billing", "finance@desk.example"), "USD 600.00", "MSRP (USD 1199.00)")
}

// Paying what is owed so far is not returning the unit: the fee runs on.
func TestQNAPPaidDoesNotStopARunningFee(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.jobs("billing", "2026-12-10T09:00:00-08:00") // USD 200
	s.rmad("rma", "paid", "RMA-100001", "--at", "2026-12-10T12:00:00-08:00")
	fin := s.one(s.jobs("billing", "2026-12-11T09:00:00-08:00"), "finance_billing", "finance@desk.example")
	contains(t, fin, "USD 300.00", "USD 200.00 was paid so far")
	if st, _, _, _ := s.rma("RMA-100001"); st != "billed" {
		t.Fatalf("status %s, want billed", st)
	}
	s.one(s.jobs("digest", "2026-12-12T08:00:00-08:00"), "finance_digest", "finance@desk.example")
	s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-14", "--at", "2026-12-14T12:00:00-08:00")
	var amount, paid string
	s.db.QueryRow(t.Context(), `SELECT amount::text, paid_amount::text FROM rmas WHERE number = 'RMA-100001'`).Scan(&amount, &paid)
	if amount != "600.00" || paid != "200.00" {
		t.Fatalf("amount %s paid %s, want 600.00 and 200.00", amount, paid)
	}
}

// QCT bills "the replacement part at full invoice price": a PSU shipped for
// an 18,500 USD server is billed at the PSU's price, and what the desk does
// not know it asks for instead of billing a guess.
func TestQCTBillsTheReplacedPartNotTheServer(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\n" +
		"QTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-02-10,18500.00,USD\nQTFCQ0123456790,D52BQ-2U,1S5BZZZ0003,INV-1,2026-02-10,18500.00,USD\n")
	for i, serial := range []string{"QTFCQ0123456789", "QTFCQ0123456790"} {
		s.mail("rma", "2026-06-01T09:00:00-07:00", customerQCT, "PSU dead "+serial, "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: "+serial+
			"\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: the PSU failed.\n")
		s.rmad("rma", "approve", []string{"TKT-100001", "TKT-100002"}[i], "--type", "advance", "--at", "2026-06-01T11:00:00-07:00") // due end of Mon 2026-06-15
	}
	s.rmad("rma", "ship", "RMA-100001", "--carrier", "UPS", "--tracking", "1Z1", "--part", "PSU-1600W", "--price", "240.00", "--at", "2026-06-01T15:00:00-07:00")
	s.none(s.jobs("billing", "2026-06-15T20:00:00-07:00"), "billing on the due day")
	ms := s.jobs("billing", "2026-06-16T09:00:00-07:00")
	for _, m := range ms {
		if strings.Contains(m.Body, "18500") {
			t.Fatalf("a part replacement billed at the server's price:\n%s", m.Body)
		}
	}
	first := financeSaying(ms, "RMA-100001")
	if len(first) != 1 || !strings.Contains(first[0].Body, "USD 240.00") || !strings.Contains(first[0].Body, "PSU-1600W") {
		t.Fatalf("RMA-100001 bill: %v", first)
	}
	// RMA-100002: nothing says what was shipped: the agents are asked.
	second := financeSaying(ms, "RMA-100002")
	if len(second) != 1 || !strings.Contains(second[0].Body, "agents were asked") {
		t.Fatalf("RMA-100002 bill: %v", second)
	}
	contains(t, s.one(ms, "agent_attention", "dana@desk.example"), "RMA-100002", "#set unit1.replacement_part=")
	mark := s.last()
	s.rmad("ticket", "set", "TKT-100002", "unit1.replacement_part=PSU-1600W", "unit1.replacement_price=240.00", "--at", "2026-06-16T11:00:00-07:00")
	contains(t, s.one(s.since(mark), "finance_billing", "finance@desk.example"), "RMA-100002", "USD 240.00")
	s.none(s.jobs("billing", "2026-06-17T09:00:00-07:00"), "a second bill")
}

// iXsystems invoices "the full cost of the replacement component".
func TestIXsystemsInvoicesTheComponent(t *testing.T) {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,invoice_price,currency,plans\nA1-0001,M50,2025-04-01,62000.00,USD,sla\n")
	s.mail("rma", "2026-11-02T08:00:00-08:00", "Pat Doe <pat@labs.example>", "M50 SSD", "",
		"Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: A1-0001\nProblem: SSD failed.\n")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T09:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100001", "--part", "SSD-3.84TB", "--price", "410.00", "--at", "2026-11-02T10:00:00-08:00") // due end of 2026-12-02
	s.none(s.jobs("billing", "2026-12-02T20:00:00-08:00"), "billing on the due day")
	ms := s.jobs("billing", "2026-12-03T09:00:00-08:00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "support hold", "USD 410.00")
	contains(t, s.one(ms, "customer_billing", "pat@labs.example"), "USD 410.00")
}
