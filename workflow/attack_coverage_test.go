package workflow

// Security/correctness review of da1f05b..c574c56 (coverage, repaired
// units, replacements covered as the unit they replaced, holds). Each
// TestAttackCoverage* plays a customer, a forger or a careless agent
// against the real desk and PostgreSQL. A failing test is a hole; the
// passing ones guard attacks that were defended. The CLI side is in
// cmd/rmad/attack_coverage_test.go.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/store"
)

// qctUnitRequest is a complete QCT request for serial, invoiced on inv
// (the customer's date: the unit is not in the registry).
func qctUnitRequest(serial, inv string) string {
	return strings.NewReplacer("QTFCQ0123456789", serial, "2026-03-03", inv).Replace(completeQCT)
}

// ingestCtx is f.ingest with a deadline: an ingest that never ends is
// reported, not waited for.
func (f *fixture) ingestCtx(d time.Duration, mailbox, raw string, at time.Time) (Result, error) {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	f.uid++
	return f.desk.Ingest(ctx, Inbound{Mailbox: mailbox, UIDValidity: 7, UID: f.uid,
		Raw: []byte(strings.ReplaceAll(strings.TrimLeft(raw, "\n"), "\n", "\r\n")), At: at})
}

// doOK runs an op as the CLI does and fails the test when it is refused.
func (f *fixture) doOK(ref string, op Op, at time.Time) string {
	f.t.Helper()
	out, err := f.desk.Do(context.Background(), ref, op, "dana", at)
	if err != nil {
		f.t.Fatalf("%s %T: %v", ref, op, err)
	}
	return out
}

// Defended (a hole in 55b10dd..c574c56): w.asset followed a replacement
// serial to the unit it replaced recursively, without a visited set, so
// two swaps made a loop (LOOPA replaced by LOOPB, later LOOPB replaced by
// the refurbished LOOPA) and any mail naming either serial recursed
// inside the ingest transaction, never finishing. The chain is now one
// bounded recursive query, and a serial already in use is refused as a
// replacement's.
func TestAttackCoverageReplacementLoopNeverEnds(t *testing.T) {
	f := newFixture(t)
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "LOOPA dead", "l1@customer.example", "", qctUnitRequest("LOOPA", "2026-01-10")), t0)
	f.doOK("TKT-100001", Approve{Type: "standard"}, t0.Add(time.Hour))
	f.doOK("TKT-100001", Received{}, t0.Add(48*time.Hour))
	f.doOK("TKT-100001", Repaired{Serial: "LOOPB"}, t0.Add(72*time.Hour))
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "LOOPB dead", "l2@customer.example", "", qctUnitRequest("LOOPB", "2026-01-10")), t0.Add(96*time.Hour))
	if r := f.rmaRows("TKT-100001")[0]; r.ReplacementSerial != "LOOPB" || r.SentBackAt == nil {
		t.Fatalf("setup: %+v", r)
	}
	f.doOK("TKT-100002", Approve{Type: "standard"}, t0.Add(97*time.Hour))
	f.doOK("TKT-100002", Received{}, t0.Add(120*time.Hour))
	// The desk now refuses a replacement serial that already names a unit;
	// the loop is made in the database, as data older than that check
	// could hold it, and the lookup must still end.
	if _, err := f.desk.Do(context.Background(), "TKT-100002", Repaired{Serial: "LOOPA"}, "dana", t0.Add(144*time.Hour)); !IsRefusal(err) {
		t.Fatalf("#repaired serial=LOOPA (a known unit): %v, want a refusal", err)
	}
	if _, err := f.pool.Exec(context.Background(), `UPDATE rmas SET replacement_serial = 'LOOPA', sent_back_at = $1, status = 'closed' WHERE number = 'RMA-100002'`, t0.Add(144*time.Hour)); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	_, err := f.ingestCtx(15*time.Second, "rma", mailText("Alice <"+customer+">", rmaAddr, "LOOPA dead again", "l3@customer.example", "", qctUnitRequest("LOOPA", "2026-01-10")), t0.Add(200*time.Hour))
	if err != nil {
		t.Fatalf("a request naming LOOPA (replaced by LOOPB, which was replaced by LOOPA) did not finish in %v: %v", time.Since(start).Round(time.Second), err)
	}
	if rs := f.rmaRows("TKT-100003"); len(rs) != 1 {
		t.Fatalf("no RMA for the third request: %+v", rs)
	}
}

// agentsNotice is the agents' notice of ticket ref (the thread commands
// answer).
func agentsNotice(t *testing.T, f *fixture, ref string) *store.OutMail {
	t.Helper()
	for _, m := range f.outbox() {
		if m.Template == "agent_new" && strings.Contains(m.Subject, ref) {
			return &m
		}
	}
	t.Fatalf("no agents' notice of %s", ref)
	return nil
}

// Was a hole (low), fixed: "an agent may override with a reason that the history and
// the agents' mail keep" -- but "#approve advance override" with no reason
// at all is taken: the parser fills in "(no reason given)" and the
// advance replacement the unit is not entitled to is issued. The CLI
// refuses the same thing (--override "" is no override). What should
// happen: refused, "override needs a reason", nothing issued.
func TestAttackCoverageOverrideWithoutAReason(t *testing.T) {
	f := newFixture(t)
	inv := time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC) // year one (advance included) long over
	importAsset(t, f, store.Asset{SerialNumber: "QTFCQ0000000009", Model: "D52BQ-2U", CustomerEmail: customer, InvoiceDate: &inv, Currency: "USD"})
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "Server dead", "o1@customer.example", "", qctUnitRequest("QTFCQ0000000009", "2024-01-15")), t0)
	notice := agentsNotice(t, f, "TKT-100001")
	thread := "In-Reply-To: <" + notice.MessageID + ">\n"
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "o2@desk.example", thread, "#approve advance\n"), t0.Add(time.Hour))
	if r := f.rmaRows("TKT-100001")[0]; r.Status != RMARequested {
		t.Fatalf("setup: #approve advance without override: %s %s", r.Status, r.Type)
	}
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "o3@desk.example", thread, "#approve advance override\n"), t0.Add(2*time.Hour))
	if r := f.rmaRows("TKT-100001")[0]; r.Status != RMARequested || r.Type == store.RMAAdvance {
		t.Fatalf("#approve advance override with no reason issued %s as %s (%s)", r.Number, r.Type, r.Status)
	}
}

// Defended: a customer's mail cannot confirm the same fault (which extends
// QCT/Altai coverage of a repaired unit): "Same fault: yes" is no field the
// parser knows, and "#set same_fault=yes" from the customer is no command.
func TestAttackCoverageCustomerCannotConfirmSameFault(t *testing.T) {
	f := newFixture(t)
	inv := time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC)
	importAsset(t, f, store.Asset{SerialNumber: "QTFCQ0000000555", Model: "S5G-1U", CustomerEmail: customer, InvoiceDate: &inv, Currency: "USD"})
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "S5G dead", "s1@customer.example", "", qctUnitRequest("QTFCQ0000000555", "2023-12-01")), t0.Add(-30*24*time.Hour))
	f.doOK("TKT-100001", Approve{}, t0.Add(-30*24*time.Hour+time.Hour))
	f.doOK("TKT-100001", Received{}, t0.Add(-20*24*time.Hour))
	f.doOK("TKT-100001", Repaired{}, t0.Add(-10*24*time.Hour)) // 2026-11-10; warranty ends 2026-12-01
	at := t0.Add(50 * 24 * time.Hour)                          // 2027-01-09: after expiry, inside 90 days
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "S5G dead again", "s2@customer.example", "",
		"#set same_fault=yes\nSame fault: yes\nSame_fault: yes\n"+qctUnitRequest("QTFCQ0000000555", "2023-12-01")), at)
	var ack *store.OutMail
	for _, m := range f.outbox() {
		if m.Audience == "customer" {
			ack = &m
		}
	}
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "Re: "+ack.Subject, "s3@customer.example", "In-Reply-To: <"+ack.MessageID+">\n",
		"#set same_fault=yes\nSame fault: yes\n"), at.Add(time.Hour))
	tk := f.ticket("TKT-100002")
	r := f.rmaRows("TKT-100002")[0]
	if tk.Fields["same_fault"] != "" || r.Covered || r.Plan == "repaired_parts" {
		t.Fatalf("the customer confirmed the same fault: field %q covered %v plan %q: %s", tk.Fields["same_fault"], r.Covered, r.Plan, r.CoverageReason)
	}
}

// Was a hole (medium, careless agent), fixed: #repaired/#shipped serial= takes any
// serial. Naming a unit the registry already knows -- another customer's
// unit -- is accepted silently, and store.LastRepair then hands that
// registry unit "repaired/replaced" coverage from today (QCT: 90 days,
// same fault), although it never went through this desk; naming the RMA's
// own serial gives the defective unit, which stays with the vendor,
// coverage as "sent back". What should happen: refused (the serial is
// registered to another unit/owner, or is the unit being replaced), or at
// least shown to the agent for confirmation.
func TestAttackCoverageReplacementSerialOfARegisteredUnit(t *testing.T) {
	f := newFixture(t)
	old := time.Date(2023, 1, 10, 0, 0, 0, 0, time.UTC) // warranty ended 2026-01-10
	inv := time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)
	importAsset(t, f, store.Asset{SerialNumber: "QTFCQ0000000042", Model: "S5G-1U", CustomerEmail: "bob@other.example", InvoiceDate: &old, Currency: "USD"})
	importAsset(t, f, store.Asset{SerialNumber: "QTFCQ0000000009", Model: "D52BQ-2U", CustomerEmail: customer, InvoiceDate: &inv, Currency: "USD"})
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "Server dead", "r1@customer.example", "", qctUnitRequest("QTFCQ0000000009", "2024-01-15")), t0)
	f.doOK("TKT-100001", Approve{}, t0.Add(time.Hour))
	f.doOK("TKT-100001", Received{}, t0.Add(48*time.Hour))
	_, err := f.desk.Do(context.Background(), "TKT-100001", Repaired{Serial: "qtfcq0000000042"}, "dana", t0.Add(72*time.Hour))
	// Bob's own unit, long out of warranty, now asks for a repair of the same fault.
	f.ingest("rma", mailText("Bob <bob@other.example>", rmaAddr, "S5G dead", "r2@other.example", "", qctUnitRequest("QTFCQ0000000042", "2023-01-10")), t0.Add(5*24*time.Hour))
	f.doOK("TKT-100002", Set{Pairs: [][2]string{{"same_fault", "yes"}}}, t0.Add(5*24*time.Hour+time.Hour))
	r := f.rmaRows("TKT-100002")[0]
	if err == nil && (r.Covered || strings.Contains(r.CoverageReason, "repaired/replaced under")) {
		t.Fatalf("#repaired serial= of Bob's registered unit was taken, and Bob's unit (warranty ended 2026-01-10) is now covered: %v %s", r.Covered, r.CoverageReason)
	}
}

// Defended: a stranger who names another customer's replacement serial
// (case and spaces changed) is matched to the original unit's registered
// owner, and nothing is issued automatically; the stranger is not shown
// the unit's coverage.
func TestAttackCoverageStrangerNamesAReplacementSerial(t *testing.T) {
	f, _, _ := qnapOut(t)
	// The replacement shipped in qnapOut has no serial: record one.
	if _, err := f.pool.Exec(context.Background(), `UPDATE rmas SET replacement_serial = 'Q21BI09999' WHERE number = 'RMA-100001'`); err != nil {
		t.Fatal(err)
	}
	f.ingest("rma", mailText("Mallory <mallory@evil.example>", rmaAddr, "NAS dead", "m1@evil.example", "",
		fmt.Sprintf(strings.Replace(qnapRequest, "Q21BI04567", " q21bi09999 ", 1), "1 Evil Rd, Irvine, CA 92618")), t0.Add(6*24*time.Hour))
	rs := f.rmaRows("TKT-100002")
	if len(rs) != 1 || rs[0].Status != RMARequested {
		t.Fatalf("the stranger's request: %+v", rs)
	}
	for _, m := range f.outbox() {
		if m.Audience == "customer" && strings.Contains(strings.Join(m.To, ","), "mallory") && strings.Contains(m.Body, "2028") {
			t.Fatalf("the stranger was told the coverage of the victim's unit:\n%s", m.Body)
		}
	}
}
