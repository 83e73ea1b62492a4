package main

import (
	"strings"
	"testing"
)

// The coverage cases of the vendors' terms, through the CLI with --at, from
// the labelled cases written from the seeds alone.

// refused runs an rmad command that must be refused as asked (exit 2) and
// returns what it said.
func (s *scenario) refused(args ...string) string {
	s.t.Helper()
	code, out, stderr := runCLI(s.t, nil, append(args, "--config", s.cfgFile)...)
	if code != 2 {
		s.t.Fatalf("rmad %s: exit %d, want 2 (refused)\n%s%s", strings.Join(args, " "), code, out, stderr)
	}
	return out + stderr
}

func qctRequest(s *scenario, serial, at string) {
	s.mail("rma", at, customerQCT, "RMA "+serial, "", "Contact: Alice Martin\nPhone: 408-555-0143\nSerial Number: "+serial+
		"\nPO Number: PO-1\nBill-to: Example Corp, 1 Main St, San Jose, CA\nShip-to: Example Corp, 1 Main St, San Jose, CA\nProblem: it does not power on.\n")
}

// QCT includes advance replacement in the first year from the invoice date;
// the extended advance replacement bought at the sale (registry plan
// advance:3y) carries it on, for its length.
func TestQCTAdvanceReplacementByPlanLength(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency,plans\n" +
		"QTFCQ0000000001,D52BQ-2U,1S5BZZZ0003,INV-1,2025-03-02,9000.00,USD,\n" +
		"QTFCQ0000000002,D52BQ-2U,1S5BZZZ0003,INV-1,2025-03-02,9000.00,USD,advance:3y\n" +
		"QTFCQ0000000003,D52BQ-2U,1S5BZZZ0003,INV-1,2025-03-02,9000.00,USD,advance:3y\n")
	qctRequest(s, "QTFCQ0000000001", "2026-03-02T09:00:00-08:00") // the last day of year one
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-03-02T10:00:00-08:00")
	if _, typ, _, _ := s.rma("RMA-100001"); typ != "advance" {
		t.Fatalf("year one, last day: %s, want advance", typ)
	}
	qctRequest(s, "QTFCQ0000000001", "2026-03-03T09:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100002", "--at", "2026-03-03T10:00:00-08:00")
	if _, typ, _, _ := s.rma("RMA-100002"); typ != "standard" {
		t.Fatalf("after year one without a plan: %s, want standard", typ)
	}
	qctRequest(s, "QTFCQ0000000002", "2027-05-10T09:00:00-07:00")
	s.rmad("rma", "approve", "TKT-100003", "--at", "2027-05-10T10:00:00-07:00")
	if _, typ, _, _ := s.rma("RMA-100003"); typ != "advance" {
		t.Fatalf("advance:3y in year three: %s, want advance", typ)
	}
	// 2028-03-03: the plan has run out, and so has the 3-year warranty.
	qctRequest(s, "QTFCQ0000000003", "2028-03-03T09:00:00-08:00")
	out := s.refused("rma", "approve", "TKT-100004", "--type", "advance", "--at", "2028-03-03T10:00:00-08:00")
	if !strings.Contains(out, "not entitled to advance replacement") {
		t.Fatalf("after the plan: %s", out)
	}
}

// QNAP: "the start date of the Advanced Replacement Service will be the
// product purchase date": a 2-year plan on a 3-year unit ends after 2 years.
func TestQNAPAdvancePlanRunsFromPurchaseForItsLength(t *testing.T) {
	s := newScenario(t, "qnap")
	s.registry("serial_number,model,invoice_date,msrp,currency,plans\nQ21BI00077,TS-879U-RP,2024-12-15,2999.00,USD,advance:2y;card_on_file\n")
	req := func(at string) {
		s.mail("rma", at, "Bob Lee <bob@nas.example>", "TS-879U dead", "",
			"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI00077\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: The NAS does not boot.\n")
	}
	req("2026-12-15T09:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-12-15T10:00:00-08:00")
	if _, typ, _, _ := s.rma("RMA-100001"); typ != "advance" {
		t.Fatalf("on the plan's last day: %s", typ)
	}
	req("2026-12-16T09:00:00-08:00")
	out := s.refused("rma", "approve", "TKT-100002", "--type", "advance", "--at", "2026-12-16T10:00:00-08:00")
	if !strings.Contains(out, "advance:2y plan ran until 2026-12-15") || !strings.Contains(out, "override") {
		t.Fatalf("the day after: %s", out)
	}
	// Still under its 3-year warranty: a standard repair.
	s.rmad("rma", "approve", "TKT-100002", "--at", "2026-12-16T10:00:00-08:00")
	if st, typ, _, _ := s.rma("RMA-100002"); typ != "standard" || st != "issued" {
		t.Fatalf("the day after, default approval: %s %s", st, typ)
	}
}

// An agent may approve what the terms do not grant, with a reason that
// the history keeps and the agents are shown.
func TestApproveOverrideIsRecorded(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0000000009,D52BQ-2U,1S5BZZZ0003,INV-1,2024-01-15,9000.00,USD\n")
	qctRequest(s, "QTFCQ0000000009", "2026-11-20T09:00:00-08:00")
	out := s.refused("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-20T10:00:00-08:00")
	if !strings.Contains(out, "included for 1 year, until 2025-01-15") {
		t.Fatalf("refusal: %s", out)
	}
	if st, _, _, _ := s.rma("RMA-100001"); st != "requested" {
		t.Fatalf("a refused approval changed the RMA: %s", st)
	}
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--override", "strategic account, VP approval", "--as", "dana", "--at", "2026-11-20T10:05:00-08:00")
	if st, typ, _, _ := s.rma("RMA-100001"); st != "issued" || typ != "advance" {
		t.Fatalf("override: %s %s", st, typ)
	}
	show := s.rmad("ticket", "show", "TKT-100001")
	if !strings.Contains(show, "override") || !strings.Contains(show, "strategic account, VP approval") || !strings.Contains(show, "dana") {
		t.Fatalf("ticket show lacks the override:\n%s", show)
	}
}

// Altai counts 12 months from delivery: with no delivery date in the
// registry the customer is asked for it (never the invoice date), and DOA is
// judged from it.
func TestAltaiCountsFromDelivery(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,invoice_date\nA8N000001,A8n,2025-05-20\nA8N000002,A8n,2026-02-20\n")
	ask := func(serial, at string) {
		s.mail("rma", at, "Wing Chan <wing@isp.example.hk>", "AP "+serial+" dead", "",
			"Company: Example ISP Ltd\nName: Wing Chan, Engineer\nPhone: +852 5555 0101\nShip-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nModel: A8n\nSerial Number: "+serial+"\nFirmware: 3.0\nSeverity: High\nProblem: no power.\n")
	}
	mark := s.last()
	ask("A8N000001", "2026-06-05T10:00:00+08:00")
	needed := s.one(s.since(mark), "ack", "wing@isp.example.hk")
	contains(t, needed, "Delivery date")
	if strings.Contains(needed.Body, "Invoice date") {
		t.Fatalf("asked for the invoice date:\n%s", needed.Body)
	}
	// Invoiced 2025-05-20 (more than 12 months ago), delivered 2025-06-10: covered.
	s.mail("rma", "2026-06-05T11:00:00+08:00", "Wing Chan <wing@isp.example.hk>", "Re: AP A8N000001 dead [TKT-100001]",
		"In-Reply-To: <"+needed.MessageID+">\n", "Delivery date: 2025-06-10\n")
	var covered bool
	var reason string
	s.db.QueryRow(t.Context(), `SELECT covered, coverage_reason FROM rmas WHERE number = 'RMA-100001'`).Scan(&covered, &reason)
	if !covered || !strings.Contains(reason, "delivery date 2025-06-10") {
		t.Fatalf("covered %v: %s", covered, reason)
	}
	// DOA: delivered 2026-03-02, 30 days run through 2026-04-01.
	for i, tc := range []struct{ at, want string }{{"2026-04-01T10:00:00+08:00", "doa"}, {"2026-04-02T10:00:00+08:00", "standard"}} {
		ask("A8N000002", tc.at)
		ref := []string{"TKT-100002", "TKT-100003"}[i]
		s.rmad("ticket", "set", ref, "delivery_date=2026-03-02", "--at", tc.at)
		s.rmad("rma", "approve", ref, "--at", tc.at)
		if _, typ, _, _ := s.rma(strings.Replace(ref, "TKT", "RMA", 1)); typ != tc.want {
			t.Fatalf("%s: %s, want %s", tc.at, typ, tc.want)
		}
	}
}

// QNAP: "The replacement unit will be registered and covered in this
// program automatically until the original unit coverage period expires."
func TestQNAPReplacementInheritsCoverage(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00")) // the replacement shipped is Q21BI09999
	mark := s.last()
	s.mail("rma", "2027-03-01T09:00:00-08:00", "Bob Lee <bob@nas.example>", "replacement NAS dead too", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI09999\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: The NAS does not boot.\n")
	var covered bool
	var reason, ends string
	s.db.QueryRow(t.Context(), `SELECT covered, coverage_reason, coverage_ends::date::text FROM rmas WHERE number = 'RMA-100002'`).Scan(&covered, &reason, &ends)
	if !covered || ends != "2027-06-01" || !strings.Contains(reason, "a replacement for Q21BI04567") {
		t.Fatalf("replacement Q21BI09999: covered %v until %s: %s", covered, ends, reason)
	}
	// The agents see the unit's history.
	contains(t, s.one(s.since(mark), "agent_new", "dana@desk.example"), "Earlier RMAs of this unit", "RMA-100001 (serial number Q21BI04567")
	// And its advance replacement plan with it.
	s.rmad("rma", "approve", "TKT-100002", "--type", "advance", "--at", "2027-03-01T10:00:00-08:00")
}

// The serial given with #shipped is the one recorded.
func TestShippedRecordsTheReplacementSerial(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-03-03,12500.00,USD\n")
	qctRequest(s, "QTFCQ0123456789", "2026-11-20T09:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-20T10:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100001", "--carrier", "UPS", "--tracking", "1Z1", "--part", "unit", "--serial", "qtfcq0999999999", "--at", "2026-11-20T15:00:00-08:00")
	var serial string
	s.db.QueryRow(t.Context(), `SELECT replacement_serial FROM rmas WHERE number = 'RMA-100001'`).Scan(&serial)
	if serial != "QTFCQ0999999999" {
		t.Fatalf("replacement serial %q", serial)
	}
}

// Repaired-unit coverage runs from the day the repaired unit goes back to
// the customer, for a warranty repair, and only for the fault repaired
// (an agent's #set same_fault=yes): QCT 90 days, the labelled case R6-a.
func TestQCTRepairedPartCoverage(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0000000555,S5G-1U,1S5GZZZ0001,INV-2,2023-12-01,4000.00,USD\n")
	qctRequest(s, "QTFCQ0000000555", "2026-10-20T09:00:00-07:00")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-10-20T10:00:00-07:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-11-02T10:00:00-08:00")
	mark := s.last()
	s.rmad("rma", "repaired", "RMA-100001", "--carrier", "UPS", "--tracking", "1ZREP", "--at", "2026-11-10T10:00:00-08:00")
	contains(t, s.one(s.since(mark), "rma_sent_back", "alice@customer.example"), "on its way back", "1ZREP", "90 days")
	if st, _, _, _ := s.rma("RMA-100001"); st != "closed" {
		t.Fatalf("sent back: %s, want closed", st)
	}
	coverage := func(ref, at string, same bool) (bool, string) {
		qctRequest(s, "QTFCQ0000000555", at)
		if same {
			s.rmad("ticket", "set", ref, "same_fault=yes", "--at", at)
		}
		var covered bool
		var reason string
		s.db.QueryRow(t.Context(), `SELECT covered, coverage_reason FROM rmas WHERE number = $1`, strings.Replace(ref, "TKT", "RMA", 1)).Scan(&covered, &reason)
		return covered, reason
	}
	// The warranty ended 2026-12-01; the repaired part is covered 90 days
	// from 2026-11-10, through 2027-02-08, for the same fault.
	if c, why := coverage("TKT-100002", "2027-01-10T09:00:00-08:00", false); c || !strings.Contains(why, "same_fault=yes") {
		t.Fatalf("another fault after expiry: covered %v: %s", c, why)
	}
	if c, why := coverage("TKT-100003", "2027-02-08T09:00:00-08:00", true); !c || !strings.Contains(why, "from its return to you on 2026-11-10") {
		t.Fatalf("the same fault on day 90: covered %v: %s", c, why)
	}
	if c, why := coverage("TKT-100004", "2027-02-09T09:00:00-08:00", true); c {
		t.Fatalf("the same fault on day 91: covered: %s", why)
	}
}

// Altai: "A repaired/replaced Product shall be under Warranty with expiry
// remains unchanged or for three months if defect is due to the same
// problem before, whichever is longer" (R6-c, R6-d).
func TestAltaiRepairedUnitSameProblemThreeMonths(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,delivery_date\nA8N000777,A8n,2025-06-10\n")
	ask := func(at string) {
		s.mail("rma", at, "Wing Chan <wing@isp.example.hk>", "AP dead", "",
			"Company: Example ISP Ltd\nName: Wing Chan, Engineer\nPhone: +852 5555 0101\nShip-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nModel: A8n\nSerial Number: A8N000777\nFirmware: 3.0\nSeverity: High\nProblem: no power.\n")
	}
	ask("2026-05-04T10:00:00+08:00")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-05-04T11:00:00+08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-05-11T11:00:00+08:00")
	s.rmad("rma", "repaired", "RMA-100001", "--at", "2026-05-20T11:00:00+08:00")
	check := func(ref, at string, same, want bool) {
		t.Helper()
		ask(at)
		if same {
			s.rmad("ticket", "set", ref, "same_fault=yes", "--at", at)
		}
		var covered bool
		var reason string
		s.db.QueryRow(t.Context(), `SELECT covered, coverage_reason FROM rmas WHERE number = $1`, strings.Replace(ref, "TKT", "RMA", 1)).Scan(&covered, &reason)
		if covered != want {
			t.Fatalf("%s at %s (same problem %v): covered %v, want %v: %s", ref, at, same, covered, want, reason)
		}
	}
	check("TKT-100002", "2026-07-01T10:00:00+08:00", false, false) // another defect after the 2026-06-10 expiry
	check("TKT-100003", "2026-08-20T10:00:00+08:00", true, true)   // same problem, last day of 3 months
	check("TKT-100004", "2026-08-21T10:00:00+08:00", true, false)
}
