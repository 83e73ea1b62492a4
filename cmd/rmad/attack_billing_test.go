package main

// Security/correctness review of 9860efd (vendor billing: #returned, the
// QNAP pick-up fee, #paid on a running fee, the price of what was shipped).
// Each TestAttackBilling* plays a customer, a forger or a careless agent or
// finance clerk through the CLI against a real PostgreSQL. A failing test
// is a hole; the passing ones guard attacks that were defended.

import (
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// try runs rmad and returns its exit code and output, without failing.
func (s *scenario) try(args ...string) (int, string) {
	s.t.Helper()
	code, out, stderr := runCLI(s.t, nil, append(args, "--config", s.cfgFile)...)
	return code, out + stderr
}

type abRow struct {
	Status                           string
	Amount, PaidAmount, MSRP, RPrice *string
	PaidAt, ReturnedAt, BilledAt     *time.Time
	ReturnCarrier, Currency, RPart   string
}

func (s *scenario) abRMA(number string) abRow {
	s.t.Helper()
	var r abRow
	err := s.db.QueryRow(context.Background(), `SELECT status, amount::text, paid_amount::text, msrp::text, replacement_price::text,
		paid_at, returned_at, billed_at, return_carrier, currency, replacement_part FROM rmas WHERE number = $1`, number).
		Scan(&r.Status, &r.Amount, &r.PaidAmount, &r.MSRP, &r.RPrice, &r.PaidAt, &r.ReturnedAt, &r.BilledAt, &r.ReturnCarrier, &r.Currency, &r.RPart)
	if err != nil {
		s.t.Fatalf("%s: %v", number, err)
	}
	return r
}

func ds(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// agentNotice is the agents' notice of the first ticket: replying to it
// gives an agent's mail authority.
func (s *scenario) agentNotice() string {
	s.t.Helper()
	var id string
	if err := s.db.QueryRow(context.Background(), `SELECT message_id FROM outbox WHERE template = 'agent_new' ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		s.t.Fatal(err)
	}
	return id
}

// ---------------------------------------------------------------- holes

// Was a hole (high), fixed: A fee that reached its cap is final, and the "final" stage
// also gates the pick-up settlement: proof that the courier had the unit
// on the due day ("a pick-up in time ... cancels a fee already billed, and
// finance is told to refund it") is recorded, but the capped fee stands and
// nobody is told. Same for a late pick-up that bounds the fee below the cap.
func TestAttackBillingProofOfPickUpAfterCapIsIgnored(t *testing.T) {
	t.Run("in time", func(t *testing.T) {
		s := qnapDelivered(t, withMSRP("300.00"))
		contains(t, s.one(s.jobs("billing", "2026-12-11T09:00:00-08:00"), "finance_billing", "finance@desk.example"), "USD 300.00")
		mark := s.last()
		out := s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-08", "--at", "2026-12-11T15:00:00-08:00")
		r := s.abRMA("RMA-100001")
		if r.Amount != nil || len(financeSaying(s.since(mark), "Refund")) != 1 {
			t.Fatalf("proof of an in-time pick-up after the fee hit its cap: amount %s, output %q, mails %d; want 0.00 and finance told to refund",
				ds(r.Amount), out, len(s.since(mark)))
		}
	})
	t.Run("late, below the cap", func(t *testing.T) {
		s := qnapDelivered(t, withMSRP("649.00"))
		s.jobs("billing", "2026-12-14T09:00:00-08:00")
		s.jobs("billing", "2026-12-15T09:00:00-08:00") // final at the cap, USD 649
		s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-10", "--at", "2026-12-16T10:00:00-08:00")
		if r := s.abRMA("RMA-100001"); ds(r.Amount) != "200.00" {
			t.Fatalf("picked up 2 days late, billed %s; want 200.00", ds(r.Amount))
		}
	})
}

// Was a hole (high), fixed: The same pick-up day gives two different final fees,
// depending on whether the agent typed the date and at what hour: lateFee
// holds an uncapped fee at one day's while end == now, and a pick-up
// "today" (no date) is exactly now; a dated pick-up today before noon lies
// after now. 6 days late is billed USD 100 or USD 600.
func TestAttackBillingPickUpTodayHeldAtOneDay(t *testing.T) {
	const noCap = "Q21BI04567,TS-873A,2025-06-01,,,USD,advance;card_on_file\n"
	final := func(t *testing.T, args ...string) string {
		s := qnapDelivered(t, noCap)
		s.jobs("billing", "2026-12-09T09:00:00-08:00") // USD 100, held
		s.rmad(append([]string{"rma", "return", "RMA-100001"}, args...)...)
		return ds(s.abRMA("RMA-100001").Amount)
	}
	dated := final(t, "--picked-up", "2026-12-14", "--at", "2026-12-14T15:00:00-08:00")
	undated := final(t, "--at", "2026-12-14T15:00:00-08:00")
	morning := final(t, "--picked-up", "2026-12-14", "--at", "2026-12-14T09:00:00-08:00")
	if dated != undated || dated != morning {
		t.Fatalf("one pick-up on 14 December, three final fees: dated %s, undated %s, dated before noon %s", dated, undated, morning)
	}
}

// Was a hole (high), fixed: With neither MSRP nor invoice price known, the README says
// the fee "is held at one day's fee and the agents are asked for the
// MSRP". A late pick-up instead bills every day uncapped as FINAL (31 days:
// USD 3100 for a NAS whose MSRP may be 500), asks the agents for the MSRP
// "for the fee to run to it", and ignores the MSRP they then supply.
func TestAttackBillingLatePickUpWithoutCapBillsUncapped(t *testing.T) {
	s := qnapDelivered(t, "Q21BI04567,TS-873A,2025-06-01,,,USD,advance;card_on_file\n")
	s.rmad("rma", "return", "RMA-100001", "--picked-up", "2027-01-08", "--at", "2027-01-08T15:00:00-08:00")
	ms := s.jobs("billing", "2027-01-11T09:00:00-08:00")
	s.one(ms, "agent_attention", "dana@desk.example")
	s.rmad("ticket", "set", "TKT-100001", "unit1.msrp=500.00", "--at", "2027-01-11T10:00:00-08:00")
	s.jobs("billing", "2027-01-12T09:00:00-08:00")
	r := s.abRMA("RMA-100001")
	if abCents(r.Amount) > 50000 {
		t.Fatalf("fee %s %s stands above the MSRP the agents supplied (500.00); finance was told: %q",
			r.Currency, ds(r.Amount), s.one(ms, "finance_billing", "finance@desk.example").Body)
	}
}

// Was a hole (high), fixed: Any past pick-up date is accepted, even one before the RMA
// was issued: a careless or colluding agent's `#returned 2026-01-01` waives
// a running fee and tells finance to refund it.
func TestAttackBillingBackdatedPickUpBeforeIssueWaivesFee(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.jobs("billing", "2026-12-11T09:00:00-08:00") // USD 300
	mark := s.last()
	code, out := s.try("rma", "return", "RMA-100001", "--picked-up", "2026-01-01", "--at", "2026-12-11T15:00:00-08:00")
	r := s.abRMA("RMA-100001")
	if code != 2 || r.ReturnedAt != nil || ds(r.Amount) != "300.00" {
		t.Fatalf("pick-up dated 11 months before the RMA was issued: exit %d %q, amount %s, refund mails %d; want refused",
			code, strings.TrimSpace(out), ds(r.Amount), len(financeSaying(s.since(mark), "Refund")))
	}
}

// Was a hole (medium), fixed: `#returned 2026-12-08 UPS 1ZBACK` (date first, a natural
// way to write it) is read as carrier "2026-12-08", tracking "UPS 1ZBACK",
// picked up today: the fee is made final three days too late, and a second
// #returned to correct it is refused ("already picked up").
func TestAttackBillingReturnedDateFirstTakenAsCarrier(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.jobs("billing", "2026-12-11T09:00:00-08:00") // USD 300
	s.mail("rma", "2026-12-11T15:00:00-08:00", "dana@desk.example", "Re: [TKT-100001]", "In-Reply-To: <"+s.agentNotice()+">\n",
		"#returned 2026-12-08 UPS 1ZBACK\n")
	r := s.abRMA("RMA-100001")
	la, _ := time.LoadLocation("America/Los_Angeles")
	if r.ReturnedAt != nil && r.ReturnedAt.In(la).Format("2006-01-02") != "2026-12-08" {
		t.Fatalf("#returned 2026-12-08 UPS 1ZBACK recorded a pick-up on %s, carrier %q, fee %s",
			r.ReturnedAt.In(la).Format("2006-01-02"), r.ReturnCarrier, ds(r.Amount))
	}
}

// Was a hole (high), fixed: Under an arrival policy (QCT, iXsystems: "the desk reads
// 'return ... to QCT' as arrival") DueLate drops every RMA whose pick-up is
// on or before the due date: a unit handed to a courier in time and never
// delivered (or arriving weeks late) is never billed, by no clock at all.
// The README promises only that #returned "still stops the reminders".
func TestAttackBillingArrivalPolicyPickUpNeverBilled(t *testing.T) {
	t.Run("qct", func(t *testing.T) {
		s := newScenario(t, "qct")
		s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-02-10,18500.00,USD\n")
		s.mail("rma", "2026-06-01T09:00:00-07:00", customerQCT, "PSU dead", "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: QTFCQ0123456789"+
			"\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: the PSU failed.\n")
		s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-06-01T11:00:00-07:00") // due end of Mon 2026-06-15
		s.rmad("rma", "ship", "RMA-100001", "--part", "PSU-1600W", "--price", "240.00", "--at", "2026-06-01T15:00:00-07:00")
		s.rmad("rma", "return", "RMA-100001", "--carrier", "UPS", "--tracking", "1ZLOST", "--picked-up", "2026-06-12", "--at", "2026-06-12T16:00:00-07:00")
		var billed int
		for _, at := range []string{"2026-06-16T09:00:00-07:00", "2026-06-30T09:00:00-07:00", "2026-08-01T09:00:00-07:00"} {
			billed += len(financeSaying(s.jobs("all", at), "RMA-100001"))
		}
		if r := s.abRMA("RMA-100001"); billed == 0 || r.BilledAt == nil {
			t.Fatalf("QCT judges by arrival, the unit never arrived: status %s after seven weeks, %d billing mails", r.Status, billed)
		}
	})
	t.Run("ixsystems", func(t *testing.T) {
		s := newScenario(t, "ixsystems")
		s.registry("serial_number,model,invoice_date,invoice_price,currency,plans\nA1-0001,M50,2025-04-01,62000.00,USD,sla\n")
		s.mail("rma", "2026-11-02T08:00:00-08:00", "Pat Doe <pat@labs.example>", "M50 SSD", "",
			"Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: A1-0001\nProblem: SSD failed.\n")
		s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T09:00:00-08:00")
		s.rmad("rma", "ship", "RMA-100001", "--part", "SSD-3.84TB", "--price", "410.00", "--at", "2026-11-02T10:00:00-08:00") // due end of 2026-12-02
		s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-01", "--at", "2026-12-01T16:00:00-08:00")
		var billed int
		for _, at := range []string{"2026-12-03T09:00:00-08:00", "2027-01-15T09:00:00-08:00"} {
			billed += len(financeSaying(s.jobs("all", at), "RMA-100001"))
		}
		if billed == 0 {
			t.Fatalf("iXsystems judges by arrival, the unit never arrived: no invoice six weeks after the due date")
		}
	})
}

// Was a hole (high), fixed: #paid on a bill whose amount is still open ("the amount
// follows") records a payment of nothing; when the agents then supply the
// price, the USD 410 invoice goes out but paid_at stays set: the termination
// notice never comes and finance's digest never lists the debt.
func TestAttackBillingPaidBeforeAmountKnownSticks(t *testing.T) {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,invoice_price,currency,plans\nA1-0001,M50,2025-04-01,62000.00,USD,sla\n")
	s.mail("rma", "2026-11-02T08:00:00-08:00", "Pat Doe <pat@labs.example>", "M50 SSD", "",
		"Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: A1-0001\nProblem: SSD failed.\n")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T09:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100001", "--at", "2026-11-02T10:00:00-08:00") // nothing says what was shipped
	contains(t, s.one(s.jobs("billing", "2026-12-03T09:00:00-08:00"), "finance_billing", "finance@desk.example"), "amount follows")
	// Nothing to have paid yet: refused, so it cannot stick.
	if out := s.refused("rma", "paid", "RMA-100001", "--at", "2026-12-04T09:00:00-08:00"); !strings.Contains(out, "not known yet") {
		t.Fatalf("#paid before the amount: %s", out)
	}
	contains(t, s.one(func() []sent {
		mark := s.last()
		s.rmad("ticket", "set", "TKT-100001", "unit1.replacement_part=SSD-3.84TB", "unit1.replacement_price=410.00", "--at", "2026-12-05T09:00:00-08:00")
		return s.since(mark)
	}(), "finance_billing", "finance@desk.example"), "USD 410.00")
	term := s.jobs("billing", "2026-12-19T09:00:00-08:00")
	r := s.abRMA("RMA-100001")
	if r.PaidAt != nil || len(financeSaying(term, "terminat")) != 1 {
		t.Fatalf("USD 410.00 invoiced after a #paid of nothing: paid_at %v, paid_amount %s, termination mails %d",
			r.PaidAt, ds(r.PaidAmount), len(financeSaying(term, "terminat")))
	}
}

// Was a hole (high), fixed: "#paid records what was paid so far and does not stop a fee
// still running": the daily run re-opens the bill when the fee grows, but
// the arrival and the pick-up make it final at a higher amount without
// re-opening it. Paid USD 300, final USD 400: paid_at stays, the digest is
// silent, and a second #paid is refused ("no unpaid bill").
func TestAttackBillingFinalAboveWhatWasPaidStaysPaid(t *testing.T) {
	for name, settle := range map[string][]string{
		"arrival": {"rma", "receive", "RMA-100001", "--at", "2026-12-12T08:00:00-08:00"},
		"pick-up": {"rma", "return", "RMA-100001", "--picked-up", "2026-12-12", "--at", "2026-12-12T15:00:00-08:00"},
	} {
		t.Run(name, func(t *testing.T) {
			s := qnapDelivered(t, withMSRP("2899.00"))
			s.jobs("billing", "2026-12-11T09:00:00-08:00") // USD 300
			s.rmad("rma", "paid", "RMA-100001", "--at", "2026-12-11T12:00:00-08:00")
			s.rmad(settle...)
			r := s.abRMA("RMA-100001")
			digest := s.jobs("digest", "2026-12-13T09:00:00-08:00")
			if ds(r.Amount) != "400.00" {
				t.Fatalf("setup: final %s", ds(r.Amount))
			}
			if r.PaidAt != nil || len(digest) != 1 {
				t.Fatalf("final USD 400.00, USD %s paid: paid_at %v, digest mails %d; USD 100 owed and forgotten", ds(r.PaidAmount), r.PaidAt, len(digest))
			}
		})
	}
}

// Was a hole (medium), fixed: The registry's MSRP caps QNAP's USD fee whatever its
// currency: an MSRP of EUR 250.00 becomes "the unit's MSRP (USD 250.00)".
// (An MSRP in JPY would let the fee run to hundreds of thousands of USD.)
func TestAttackBillingForeignCurrencyMSRPCapsUSDFee(t *testing.T) {
	s := qnapDelivered(t, "Q21BI04567,TS-873A,2025-06-01,,250.00,EUR,advance;card_on_file\n")
	ms := s.jobs("billing", "2026-12-11T09:00:00-08:00")
	fin := s.one(ms, "finance_billing", "finance@desk.example")
	if strings.Contains(fin.Body, "USD 250.00") {
		t.Fatalf("an MSRP of EUR 250.00 capped a USD fee as USD 250.00:\n%s", fin.Body)
	}
}

// Was a hole (medium), fixed: #set msrp=0 (or 0.00) is accepted. It overrides the
// registry's MSRP (2899.00): the fee is held at one day's for ever
// (lateFee treats a 0 cap as "unknown"), while every notice says "the fee
// runs up to the unit's MSRP (USD 0.00)", a cap below what is billed, and
// the agents are not asked for the MSRP.
func TestAttackBillingMSRPZeroAccepted(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	code, out := s.try("ticket", "set", "TKT-100001", "unit1.msrp=0.00", "--at", "2026-12-08T10:00:00-08:00")
	s.jobs("billing", "2026-12-09T09:00:00-08:00")
	s.jobs("billing", "2026-12-14T09:00:00-08:00")
	if r := s.abRMA("RMA-100001"); code != 2 || ds(r.Amount) != "600.00" {
		t.Fatalf("#set msrp=0.00: exit %d %q; after 6 days late the fee is %s, want refused and 600.00", code, strings.TrimSpace(out), ds(r.Amount))
	}
}

// Was a hole (low), fixed: Amounts pass ^\d+(\.\d{1,2})?$ but not numeric(14,2): the
// database refuses them and the whole command fails as a runtime error
// (exit 1, "numeric field overflow"); by mail the whole message fails, the
// other commands in it are lost, and it is retried then quarantined instead
// of answering "NOT DONE".
func TestAttackBillingAmountOverflowIsNotARefusal(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	for _, args := range [][]string{
		{"ticket", "set", "TKT-100001", "unit1.msrp=10000000000000"},
		{"ticket", "set", "TKT-100001", "unit1.replacement_price=99999999999999.99"},
	} {
		if code, out := s.try(append(args, "--at", "2026-12-08T10:00:00-08:00")...); code != 2 {
			t.Errorf("rmad %s: exit %d %q, want a refusal (2)", strings.Join(args, " "), code, strings.TrimSpace(out))
		}
	}
	mark := s.last()
	code, out := s.try("ingest", "--mailbox", "rma", "--at", "2026-12-08T11:00:00-08:00", s.writeMail("dana@desk.example", "Re: [TKT-100001]",
		"In-Reply-To: <"+s.agentNotice()+">\n", "#note customer called\n#set unit1.msrp=10000000000000\n", "2026-12-08T11:00:00-08:00"))
	if res := s.since(mark); code != 0 || len(res) == 0 || !strings.Contains(res[0].Body, "NOT DONE") {
		t.Errorf("agent mail with an oversized amount: exit %d %q, %d mails; want processed with the #set NOT DONE", code, strings.TrimSpace(out), len(res))
	}
}

// writeMail writes a raw message for `rmad ingest` and returns its path.
func (s *scenario) writeMail(from, subject, headers, body, at string) string {
	s.t.Helper()
	s.n++
	raw := "From: " + from + "\r\nTo: rma@desk.example\r\nSubject: " + subject + "\r\nDate: " + mustTime(s.t, at).Format(time.RFC1123Z) +
		"\r\nMessage-ID: <ab" + itoa(s.n) + "@scenario.example>\r\n" + strings.ReplaceAll(headers, "\n", "\r\n") +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n")
	f := s.dir + "/ab" + itoa(s.n) + ".eml"
	if err := os.WriteFile(f, []byte(raw), 0o600); err != nil {
		s.t.Fatal(err)
	}
	return f
}

// Was a hole (low), fixed: A fee waived by an in-time pick-up stays an open billing
// item (status billed, amount 0.00, paid_at NULL): finance's digest lists
// "RMA-100001 0.00" every day, also after the unit arrived, until someone
// marks a waived fee paid.
func TestAttackBillingWaivedFeeStaysOnTheDigest(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.jobs("billing", "2026-12-11T09:00:00-08:00")
	s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-08", "--at", "2026-12-11T15:00:00-08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-14T10:00:00-08:00")
	if d := s.jobs("digest", "2026-12-15T09:00:00-08:00"); len(d) != 0 {
		t.Fatalf("a waived fee is still on finance's digest after the unit arrived: %s", d[0].Body)
	}
}

// ------------------------------------------------------- defended attacks

// Four `rmad jobs run billing` at once: each notice exactly once, on the
// first bill and on the running amount.
func TestAttackBillingConcurrentRunsBillOnce(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	race := func(at string) []sent {
		mark := s.last()
		var wg sync.WaitGroup
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if code, out, stderr := runCLI(t, nil, "jobs", "run", "billing", "--at", at, "--config", s.cfgFile); code != 0 {
					t.Errorf("jobs run: %d %s %s", code, out, stderr)
				}
			}()
		}
		wg.Wait()
		return s.since(mark)
	}
	ms := race("2026-12-11T09:00:00-08:00")
	contains(t, s.one(ms, "finance_billing", "finance@desk.example"), "USD 300.00")
	s.one(ms, "customer_billing", "bob@nas.example")
	if len(ms) != 2 {
		t.Fatalf("%d mails", len(ms))
	}
	ms = race("2026-12-12T09:00:00-08:00")
	if len(ms) != 1 {
		t.Fatalf("running amount: %d mails", len(ms))
	}
	contains(t, ms[0], "USD 400.00")
}

// What an agent may not record: a second pick-up, a future date (in the
// policy's zone, whatever --at's zone), an impossible date, a pick-up
// after arrival or on a voided RMA; bad amounts and units.
func TestAttackBillingPickUpAndAmountRulesRefused(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	refused := func(args ...string) {
		t.Helper()
		if code, out := s.try(args...); code != 2 {
			t.Errorf("rmad %s: exit %d %q, want refused", strings.Join(args, " "), code, strings.TrimSpace(out))
		}
	}
	// 03:00 UTC on the 9th is still the 8th in Los Angeles.
	refused("rma", "return", "RMA-100001", "--picked-up", "2026-12-09", "--at", "2026-12-09T03:00:00Z")
	refused("rma", "return", "RMA-100001", "--picked-up", "2026-02-30", "--at", "2026-12-08T10:00:00-08:00")
	refused("rma", "return", "RMA-100001", "--picked-up", "2026-12-8", "--at", "2026-12-08T10:00:00-08:00")
	for _, v := range []string{"-5", "1e9", "1,000.00", "12.345", "0x10", " ", "１００"} {
		refused("ticket", "set", "TKT-100001", "unit1.msrp="+v, "--at", "2026-12-08T10:00:00-08:00")
		refused("ticket", "set", "TKT-100001", "unit1.replacement_price="+v, "--at", "2026-12-08T10:00:00-08:00")
	}
	refused("ticket", "set", "TKT-100001", "unit2.msrp=100.00", "--at", "2026-12-08T10:00:00-08:00")
	refused("ticket", "set", "TKT-100001", "unit0.msrp=100.00", "--at", "2026-12-08T10:00:00-08:00")
	if r := s.abRMA("RMA-100001"); r.MSRP != nil || r.RPrice != nil || r.ReturnedAt != nil {
		t.Fatalf("a refused command left %+v", r)
	}
	// Handed to the courier at 23:59 local on the due day (07:59 UTC the
	// next day): in time, never billed.
	out := s.rmad("rma", "return", "RMA-100001", "--at", "2026-12-09T07:59:00Z")
	if !strings.Contains(out, "in time") {
		t.Fatalf("pick-up 23:59 PT on the due day: %q", out)
	}
	refused("rma", "return", "RMA-100001", "--picked-up", "2026-12-10", "--at", "2026-12-12T10:00:00-08:00")
	s.none(s.jobs("billing", "2026-12-12T09:00:00-08:00"), "billing after an in-time pick-up")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-14T10:00:00-08:00")
	refused("rma", "return", "RMA-100001", "--at", "2026-12-15T10:00:00-08:00")
}

// A standard RMA voided stays voided: #returned refuses it.
func TestAttackBillingReturnedOnVoidedRefused(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.rmad("rma", "void", "RMA-100001", "--reason", "customer cancelled", "--at", "2026-12-02T10:00:00-08:00")
	if code, out := s.try("rma", "return", "RMA-100001", "--at", "2026-12-03T10:00:00-08:00"); code != 2 {
		t.Fatalf("#returned on a voided RMA: exit %d %q", code, out)
	}
	s.none(s.jobs("all", "2026-12-20T09:00:00-08:00"), "jobs after a void")
}

// After the pick-up no reminder goes out, and one already queued is
// cancelled.
func TestAttackBillingNoRemindersAfterPickUp(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.one(s.jobs("reminders", "2026-12-03T09:00:00-08:00"), "rma_reminder", "bob@nas.example")
	s.rmad("rma", "return", "RMA-100001", "--at", "2026-12-03T10:00:00-08:00")
	var status string
	s.db.QueryRow(context.Background(), `SELECT status FROM outbox WHERE template = 'rma_reminder'`).Scan(&status)
	if status != "cancelled" {
		t.Fatalf("queued reminder %s after the pick-up", status)
	}
	for _, at := range []string{"2026-12-07T09:00:00-08:00", "2026-12-08T09:00:00-08:00", "2026-12-10T09:00:00-08:00", "2027-01-10T09:00:00-08:00"} {
		s.none(s.jobs("all", at), "jobs after an in-time pick-up "+at)
	}
}

// A waived fee is never billed again: not by later runs, not at arrival.
func TestAttackBillingWaivedFeeNeverRebilled(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.jobs("billing", "2026-12-11T09:00:00-08:00")
	s.rmad("rma", "paid", "RMA-100001", "--at", "2026-12-11T10:00:00-08:00")
	s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-12-08", "--at", "2026-12-11T15:00:00-08:00")
	mark := s.last()
	for _, at := range []string{"2026-12-12T09:00:00-08:00", "2026-12-20T09:00:00-08:00"} {
		s.jobs("billing", at)
	}
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-21T10:00:00-08:00")
	s.jobs("billing", "2026-12-22T09:00:00-08:00")
	for _, m := range s.since(mark) {
		if m.Template == "finance_billing" || m.Template == "customer_billing" {
			t.Fatalf("a waived fee billed again:\n%s", m.Body)
		}
	}
	if r := s.abRMA("RMA-100001"); r.Amount != nil {
		t.Fatalf("a waived fee left amount %s", ds(r.Amount))
	}
}

// A price supplied after the bill was completed does not bill a second
// time (it is recorded only; see the report: finance is not told either).
func TestAttackBillingReplacementPriceAfterBillNoRebill(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-02-10,18500.00,USD\n")
	s.mail("rma", "2026-06-01T09:00:00-07:00", customerQCT, "PSU dead", "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: QTFCQ0123456789"+
		"\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: the PSU failed.\n")
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-06-01T11:00:00-07:00")
	s.rmad("rma", "ship", "RMA-100001", "--part", "PSU-1600W", "--price", "00000000000000000240.00", "--at", "2026-06-01T15:00:00-07:00")
	contains(t, s.one(s.jobs("billing", "2026-06-16T09:00:00-07:00"), "finance_billing", "finance@desk.example"), "USD 240.00")
	mark := s.last()
	s.rmad("ticket", "set", "TKT-100001", "unit1.replacement_price=999.00", "--at", "2026-06-17T09:00:00-07:00")
	s.jobs("billing", "2026-06-18T09:00:00-07:00")
	if n := len(financeSaying(s.since(mark), "RMA-100001")); n != 0 {
		t.Fatalf("billed again after the price changed: %d mails", n)
	}
	if r := s.abRMA("RMA-100001"); ds(r.Amount) != "240.00" {
		t.Fatalf("amount %s", ds(r.Amount))
	}
}

// The fee stops at arrival: nothing grows afterwards.
func TestAttackBillingNoFeeAfterReceipt(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00"))
	s.jobs("billing", "2026-12-10T09:00:00-08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-12-10T10:00:00-08:00")
	s.none(s.jobs("billing", "2026-12-11T09:00:00-08:00"), "billing after arrival")
	s.none(s.jobs("billing", "2027-02-11T09:00:00-08:00"), "billing after arrival")
	if r := s.abRMA("RMA-100001"); ds(r.Amount) != "200.00" {
		t.Fatalf("amount %s", ds(r.Amount))
	}
}

func abCents(p *string) int64 {
	if p == nil {
		return 0
	}
	v, err := strconv.ParseFloat(*p, 64)
	if err != nil {
		return -1
	}
	return int64(v*100 + 0.5)
}

// A standard RMA whose unit the courier picked up before the void date is
// not voided when the void date passes (the number is honoured on
// arrival). Note: nothing ever follows it up if it never arrives.
func TestAttackBillingStandardPickedUpBeforeVoidNotVoided(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0000000042,S5G-1U,1S5GZZZ0001,INV-2,2024-01-15,,\n")
	s.mail("rma", "2026-11-02T09:00:00-08:00", customerQCT, "RMA", "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: QTFCQ0000000042"+
		"\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: it does not power on.\n")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T11:00:00-08:00") // standard, void after 2026-12-02
	if _, typ, _, _ := s.rma("RMA-100001"); typ != "standard" {
		t.Fatalf("setup: %s", typ)
	}
	s.rmad("rma", "return", "RMA-100001", "--picked-up", "2026-11-30", "--at", "2026-12-01T10:00:00-08:00")
	s.none(s.jobs("all", "2026-12-03T09:00:00-08:00"), "void after a pick-up in time")
	if st, _, _, _ := s.rma("RMA-100001"); st != "issued" {
		t.Fatalf("status %s", st)
	}
	s.none(s.jobs("all", "2027-06-03T09:00:00-08:00"), "anything six months on")
}
