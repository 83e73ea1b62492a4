package main

// Security/correctness review of da1f05b..c574c56 (+f8f8000): plan
// lengths and overrides, Altai's delivery basis, repaired-unit coverage,
// replacements covered as the unit they replaced, the iXsystems support
// hold and Altai's quote after pre-check. Each TestAttackCoverage* plays a
// customer, a forger or a careless agent through the CLI against a real
// PostgreSQL. A failing test is a hole; the passing ones guard attacks
// that were defended.

import (
	"context"
	"strings"
	"testing"
)

// acRow is what coverage decided for an RMA.
func (s *scenario) acCoverage(number string) (covered bool, ends, reason, typ, status string) {
	s.t.Helper()
	if err := s.db.QueryRow(context.Background(), `SELECT covered, coalesce(coverage_ends::date::text, ''), coverage_reason, type, status FROM rmas WHERE number = $1`,
		number).Scan(&covered, &ends, &reason, &typ, &status); err != nil {
		s.t.Fatalf("rma %s: %v", number, err)
	}
	return
}

func altaiRequest(s *scenario, from, serial, at, extra string) {
	s.mail("rma", at, from, "AP "+serial+" dead", "",
		"Company: Example ISP Ltd\nName: Wing Chan, Engineer\nPhone: +852 5555 0101\nShip-to: Example ISP Ltd, 8 Science Park Ave, Sha Tin, Hong Kong\nModel: A8n\nSerial Number: "+serial+"\nFirmware: 3.0\nSeverity: High\nProblem: no power.\n"+extra)
}

// Was a hole (high), fixed: Altai counts from delivery, and when the registry has the
// unit's invoice date but no delivery date the customer's "Delivery date:"
// is taken as is -- even years after the registry's invoice date. A unit
// invoiced 2022-01-10 (its 12 months long over on any plausible delivery)
// becomes covered through 2027-05-25 and dead-on-arrival because its owner
// writes "Delivery date: 2026-05-25": the RMA is created as a DOA
// replacement and an agent's "#approve doa" passes the eligibility check
// with no override. What should happen: a customer's delivery date is
// bounded by what the registry knows (not before the invoice date, and not
// more than a shipping delay after it), else it is not trusted: coverage
// left for an agent to decide, and "#approve doa" needs an override.
func TestAttackCoverageAltaiDeliveryDateYearsAfterTheInvoice(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,invoice_date\nA8N000001,A8n,2022-01-10\n")
	altaiRequest(s, "Wing Chan <wing@isp.example.hk>", "A8N000001", "2026-06-05T10:00:00+08:00", "Delivery date: 2026-05-25\n")
	covered, ends, reason, typ, _ := s.acCoverage("RMA-100001")
	t.Logf("covered %v until %s as %s: %s", covered, ends, typ, reason)
	code, out := s.try("rma", "approve", "TKT-100001", "--type", "doa", "--at", "2026-06-05T11:00:00+08:00")
	if covered || typ == "doa" || code == 0 {
		t.Fatalf("invoiced 2022-01-10, the customer's delivery date 2026-05-25 is trusted: covered %v until %s, type %s; #approve doa exit %d: %s", covered, ends, typ, code, out)
	}
}

// Was a hole (medium), fixed: a delivery date in the future is taken too: written on
// 2026-06-05, "Delivery date: 2027-06-01" gives 12 months from 2027-06-01
// (coverage through 2028-06-01) and the DOA window. What should happen: a
// date after the request is refused (asked again), never a basis.
func TestAttackCoverageAltaiDeliveryDateInTheFuture(t *testing.T) {
	s := newScenario(t, "altai")
	altaiRequest(s, "Wing Chan <wing@isp.example.hk>", "A8N000404", "2026-06-05T10:00:00+08:00", "Delivery date: 2027-06-01\n")
	covered, ends, reason, typ, _ := s.acCoverage("RMA-100001")
	if covered && ends > "2027-06-05" {
		t.Fatalf("a delivery date a year ahead is a basis: covered until %s as %s: %s", ends, typ, reason)
	}
}

// Defended: the registry's delivery date wins over the customer's.
func TestAttackCoverageAltaiRegistryDeliveryDateWins(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,invoice_date,delivery_date\nA8N000002,A8n,2024-01-10,2024-01-20\n")
	altaiRequest(s, "Wing Chan <wing@isp.example.hk>", "A8N000002", "2026-06-05T10:00:00+08:00", "Delivery date: 2026-05-25\n")
	covered, ends, reason, typ, _ := s.acCoverage("RMA-100001")
	if covered || typ == "doa" {
		t.Fatalf("the customer's delivery date beat the registry's: covered %v until %s as %s: %s", covered, ends, typ, reason)
	}
	if out := s.refused("rma", "approve", "TKT-100001", "--type", "doa", "--at", "2026-06-05T11:00:00+08:00"); !strings.Contains(out, "not entitled") {
		t.Fatalf("doa refusal: %s", out)
	}
}

// Was a hole (medium, correctness), fixed: since f8f8000 a replacement is covered as
// the unit it replaced through one level only (store.AssetOrOriginal joins
// the RMA that shipped it to the registry). A replacement of a
// replacement inherits nothing: QNAP's Q21BI04567 (registered, covered to
// 2027-06-01, advance plan) is replaced by Q21BI09999, which fails and is
// replaced by Q21BI0CCCC; a request for Q21BI0CCCC finds no registry
// entry, no owner, no plan, and coverage falls back to whatever date the
// customer writes (or asks for one). QNAP: "covered ... until the original
// unit coverage period expires". What should happen: the chain is
// followed to the registered unit (with a visited set / depth bound).
func TestAttackCoverageReplacementOfAReplacementLosesCoverage(t *testing.T) {
	s := qnapDelivered(t, withMSRP("2899.00")) // Q21BI04567 replaced by Q21BI09999
	s.mail("rma", "2027-03-01T09:00:00-08:00", "Bob Lee <bob@nas.example>", "replacement NAS dead too", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI09999\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: The NAS does not boot.\n")
	s.rmad("ticket", "set", "TKT-100002", "address_confirmed=yes", "--at", "2027-03-01T09:30:00-08:00")
	s.rmad("rma", "approve", "TKT-100002", "--type", "advance", "--at", "2027-03-01T10:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100002", "--carrier", "UPS", "--tracking", "1Z10", "--part", "unit", "--serial", "Q21BI0CCCC", "--at", "2027-03-02T10:00:00-08:00")
	s.mail("rma", "2027-04-01T09:00:00-08:00", "Bob Lee <bob@nas.example>", "second replacement dead", "",
		"Contact: Bob Lee\nPhone: (949) 555-0100\nSerial Number: Q21BI0CCCC\nShipping address: 200 Technology Dr, Irvine, CA 92618\nProblem: The NAS does not boot.\n")
	var missing string
	s.db.QueryRow(context.Background(), `SELECT array_to_string(missing, ',') FROM tickets WHERE ref = 'TKT-100003'`).Scan(&missing)
	var n int
	s.db.QueryRow(context.Background(), `SELECT count(*) FROM rmas WHERE number = 'RMA-100003'`).Scan(&n)
	if n == 0 {
		t.Fatalf("Q21BI0CCCC (replacing Q21BI09999, replacing Q21BI04567) is unknown: no RMA, the customer is asked for %q", missing)
	}
	covered, ends, reason, _, _ := s.acCoverage("RMA-100003")
	if !covered || ends != "2027-06-01" || !strings.Contains(reason, "Q21BI04567") {
		t.Fatalf("Q21BI0CCCC (replacing Q21BI09999, replacing Q21BI04567): covered %v until %q: %s", covered, ends, reason)
	}
}

// ixHeld puts held's account on support hold: an advance replacement of
// M50-0001 billed and not returned.
func ixHeld(t *testing.T, held string) *scenario {
	s := newScenario(t, "ixsystems")
	s.registry("serial_number,model,invoice_date,invoice_price,currency,plans\n" +
		"M50-0001,M50,2025-02-10,18000.00,USD,sla\nM50-0002,M50,2025-02-10,18000.00,USD,\nM50-0003,M50,2025-02-10,18000.00,USD,\nM50-0004,M50,2025-02-10,18000.00,USD,\n")
	ixReq(s, held, "M50-0001", "2026-11-20T10:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--type", "advance", "--at", "2026-11-20T11:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100001", "--part", "controller", "--price", "2400.00", "--at", "2026-11-23T10:00:00-08:00")
	s.jobs("billing", "2026-12-24T09:00:00-08:00")
	if st, _, _, _ := s.rma("RMA-100001"); st != "billed" {
		t.Fatalf("setup: RMA-100001 is %s, want billed", st)
	}
	return s
}

func ixReq(s *scenario, from, serial, at string) {
	s.mail("rma", at, from, "M50 "+serial, "",
		"Contact: Pat Doe\nPhone: 415-555-0199\nShip-to: Doe Labs, 1 Market St, San Francisco, CA 94105\nModel: M50\nSerial Number: "+serial+"\nProblem: controller fault.\n")
}

// Was a hole (medium), fixed: on a freemail address the hold is the exact address
// (lower-cased), so the same mailbox under another spelling is a new
// account: pat.doe+rma@gmail.com and patdoe@gmail.com reach pat.doe@gmail.com's
// inbox (the desk's own rateKey says so) and get automatic issue while
// pat.doe@gmail.com is on hold. What should happen: the hold matches the
// mailbox (rateKey: no +tag, Gmail's dots ignored).
func TestAttackCoverageSupportHoldEvadedBySpellingTheMailbox(t *testing.T) {
	s := ixHeld(t, "Pat Doe <pat.doe@gmail.com>")
	ixReq(s, "Pat Doe <pat.doe+rma@gmail.com>", "M50-0002", "2026-12-28T10:00:00-08:00")
	ixReq(s, "Pat Doe <patdoe@gmail.com>", "M50-0003", "2026-12-28T10:05:00-08:00")
	var issued []string
	for _, n := range []string{"RMA-100002", "RMA-100003"} {
		if st, _, _, _ := s.rma(n); st != "requested" {
			issued = append(issued, n+" "+st)
		}
	}
	if len(issued) > 0 {
		t.Fatalf("pat.doe@gmail.com is on hold, yet the same mailbox spelled otherwise got automatic issue: %v", issued)
	}
}

// Was a hole (medium), fixed: for a company the hold is the exact domain of the held
// ticket's address; a colleague writing from a subdomain (sam@eu.labs.example,
// the same organisation by the public suffix list, as rateDomain already
// reckons it) gets automatic issue. What should happen: the account is
// the registrable domain (publicsuffix.EffectiveTLDPlusOne), as for the
// rate caps.
func TestAttackCoverageSupportHoldEvadedBySubdomain(t *testing.T) {
	s := ixHeld(t, "Pat Doe <pat@labs.example>")
	ixReq(s, "Sam Doe <sam@eu.labs.example>", "M50-0002", "2026-12-28T10:00:00-08:00")
	if st, _, _, _ := s.rma("RMA-100002"); st != "requested" {
		t.Fatalf("labs.example is on hold, yet sam@eu.labs.example got automatic issue: %s", st)
	}
}

// Defended: a hold on a freemail user is not a hold on everyone at that
// provider, nor on a look-alike company domain; the held user's own
// address (case changed) stays held.
func TestAttackCoverageSupportHoldNotOnAllOfFreemail(t *testing.T) {
	s := ixHeld(t, "Pat Doe <pat.doe@gmail.com>")
	ixReq(s, "Alice <alice@gmail.com>", "M50-0002", "2026-12-28T10:00:00-08:00")
	if st, _, _, _ := s.rma("RMA-100002"); st != "issued" {
		t.Fatalf("another gmail.com user is held: %s", st)
	}
	ixReq(s, "Pat Doe <PAT.DOE@GMAIL.COM>", "M50-0003", "2026-12-28T10:05:00-08:00")
	if st, _, _, _ := s.rma("RMA-100003"); st != "requested" {
		t.Fatalf("the held address in capitals: %s", st)
	}
	s2 := ixHeld(t, "Pat Doe <pat@labs.example>")
	ixReq(s2, "Eve <eve@evil-labs.example>", "M50-0002", "2026-12-28T10:00:00-08:00")
	if st, _, _, _ := s2.rma("RMA-100002"); st != "issued" {
		t.Fatalf("an unrelated domain is held: %s", st)
	}
}

// Defended: an override needs a reason on the CLI (blank is none), a
// second "rmad rma repaired" is refused and does not move the date
// repaired-unit coverage counts from.
func TestAttackCoverageOverrideBlankAndRepairedTwice(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0000000009,D52BQ-2U,1S5BZZZ0003,INV-1,2024-01-15,9000.00,USD\n")
	qctRequest(s, "QTFCQ0000000009", "2026-11-20T09:00:00-08:00")
	s.refused("rma", "approve", "TKT-100001", "--type", "advance", "--override", "   ", "--at", "2026-11-20T10:00:00-08:00")
	if st, _, _, _ := s.rma("RMA-100001"); st != "requested" {
		t.Fatalf("blank override: %s", st)
	}
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-20T10:05:00-08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-11-25T10:00:00-08:00")
	s.rmad("rma", "repaired", "RMA-100001", "--at", "2026-12-01T10:00:00-08:00")
	s.refused("rma", "repaired", "RMA-100001", "--serial", "QTFCQ0999999999", "--at", "2027-02-01T10:00:00-08:00")
	var back, rs string
	s.db.QueryRow(context.Background(), `SELECT sent_back_at::date::text, replacement_serial FROM rmas WHERE number = 'RMA-100001'`).Scan(&back, &rs)
	if back != "2026-12-01" || rs != "" {
		t.Fatalf("second repaired moved it: %s %q", back, rs)
	}
}

// Defended: Altai's pre-check fee goes to finance once when the quote
// lapses, never again on later runs, and not at all when the quote was
// paid in time; #reject of a quoted unit stops the quote clocks.
func TestAttackCoverageAltaiPrecheckFeeOnce(t *testing.T) {
	s := newScenario(t, "altai")
	s.registry("serial_number,model,delivery_date\nA8N000009,A8n,2024-01-10\nA8N000010,A8n,2024-01-10\nA8N000011,A8n,2024-01-10\n")
	for i, serial := range []string{"A8N000009", "A8N000010", "A8N000011"} {
		altaiRequest(s, "Wing Chan <wing@isp.example.hk>", serial, "2026-11-24T10:00:00+08:00", "")
		n := []string{"RMA-100001", "RMA-100002", "RMA-100003"}[i]
		s.rmad("rma", "approve", n, "--at", "2026-11-24T10:30:00+08:00")
		s.rmad("rma", "receive", n, "--at", "2026-11-24T11:00:00+08:00")
		s.rmad("rma", "quote", n, "--amount", "180.00 USD", "--at", "2026-11-24T12:00:00+08:00")
	}
	s.rmad("rma", "paid", "RMA-100002", "--at", "2026-12-01T12:00:00+08:00")
	s.rmad("rma", "reject", "RMA-100003", "--reason", "customer withdrew", "--at", "2026-12-01T12:00:00+08:00")
	ms := s.jobs("quotes", "2026-12-09T09:00:00+08:00")
	fees := 0
	for _, m := range ms {
		if m.Template == "finance_billing" {
			fees++
			if !strings.Contains(m.Body, "RMA-100001") {
				t.Fatalf("fee for the wrong RMA:\n%s", m.Body)
			}
		}
		if strings.Contains(m.Subject, "TKT-100002") || strings.Contains(m.Subject, "TKT-100003") {
			t.Fatalf("a paid or rejected quote's clock ran: %s %s", m.Template, m.Subject)
		}
	}
	if fees != 1 {
		t.Fatalf("%d pre-check fees to finance, want 1", fees)
	}
	for _, at := range []string{"2026-12-09T10:00:00+08:00", "2026-12-20T09:00:00+08:00"} {
		for _, m := range s.jobs("quotes", at) {
			if m.Template == "finance_billing" {
				t.Fatalf("the pre-check fee billed again at %s", at)
			}
		}
	}
}
