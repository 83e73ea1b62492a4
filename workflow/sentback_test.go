package workflow

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"rmad/store"
)

// rejectedUnit is a QCT standard RMA whose returned unit arrived and was
// rejected: the vendor holds a unit it will not repair.
func rejectedUnit(t *testing.T, f *fixture, serial, reason string) time.Time {
	t.Helper()
	inv := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	importAsset(t, f, store.Asset{SerialNumber: serial, Model: "S5G-1U", CustomerEmail: customer, InvoiceDate: &inv, Currency: "USD"})
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "S5G dead", "s1@customer.example", "", qctUnitRequest(serial, "2026-03-03")), t0)
	f.doOK("TKT-100001", Approve{}, t0.Add(time.Hour))
	f.doOK("TKT-100001", Received{}, t0.Add(5*24*time.Hour))
	f.doOK("TKT-100001", Reject{Reason: reason}, t0.Add(6*24*time.Hour))
	return t0.Add(7 * 24 * time.Hour)
}

// A rejected unit the vendor holds goes back with #repaired: the RMA
// closes with sent_back_at, the history says unrepaired, and the customer
// gets one mail saying why, with the tracking and without the repaired
// unit's coverage; it is no repair for a later request's coverage; once
// the ticket is closed and old, the purge takes it.
func TestSentBackRejectedUnitGoesBackUnrepaired(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const serial, reason = "QTFCQ0000000777", "a different product came back (serial QTFCQ0000000999)"
	at := rejectedUnit(t, f, serial, reason)
	if _, err := f.desk.Do(ctx, "TKT-100001", Repaired{Serial: "QTFCQ0000000888"}, "dana", at); !IsRefusal(err) || !strings.Contains(err.Error(), "rejected") {
		t.Fatalf("#repaired serial= on a rejected unit: %v, want a refusal", err)
	}
	n := len(f.outbox())
	out := f.doOK("TKT-100001", Repaired{Carrier: "UPS", Tracking: "1ZBACK777"}, at)
	if !strings.Contains(out, "unrepaired") {
		t.Errorf("confirmation %q does not say unrepaired", out)
	}
	m := f.rmaRows("TKT-100001")[0]
	if m.Status != RMAClosed || m.SentBackAt == nil || !m.SentBackAt.Equal(at) || m.ClosedAt == nil ||
		m.Carrier != "UPS" || m.Tracking != "1ZBACK777" || m.ReplacementSerial != "" {
		t.Fatalf("RMA after the unit went back: %+v", m)
	}
	var from, to, detail string
	if err := f.pool.QueryRow(ctx, `SELECT from_status, to_status, detail FROM rma_events WHERE rma_id = $1 ORDER BY id DESC LIMIT 1`, m.ID).Scan(&from, &to, &detail); err != nil {
		t.Fatal(err)
	}
	if from != "rejected" || to != "closed" || detail != "sent back unrepaired UPS 1ZBACK777" {
		t.Errorf("history: %s -> %s %q", from, to, detail)
	}
	var mails []store.OutMail
	for _, o := range f.since(n) {
		if o.Audience == AudienceCustomer {
			mails = append(mails, o)
		}
	}
	if len(mails) != 1 || mails[0].Template != "rma_returned_unrepaired" || mails[0].To[0] != customer {
		t.Fatalf("customer mail: %+v", mails)
	}
	body := mails[0].Body
	for _, want := range []string{"returned without repair", m.Number, "not accepted for repair", "unrepaired", "UPS 1ZBACK777", "Reason: " + reason, "at your expense"} {
		if !strings.Contains(mails[0].Subject+body, want) {
			t.Errorf("mail lacks %q:\n%s\n\n%s", want, mails[0].Subject, body)
		}
	}
	if strings.Contains(body, "covered") || strings.Contains(body, "replaced") {
		t.Errorf("the unrepaired unit's mail promises coverage or a replacement:\n%s", body)
	}
	if rep, err := store.LastRepair(ctx, f.pool, serial); err != nil || rep != nil {
		t.Errorf("LastRepair of a unit sent back unrepaired = %+v %v, want none", rep, err)
	}
	if _, err := f.desk.Do(ctx, "TKT-100001", Repaired{}, "dana", at.Add(time.Hour)); !IsRefusal(err) {
		t.Errorf("a second #repaired: %v, want a refusal", err)
	}
	f.doOK("TKT-100001", Close{}, at.Add(time.Hour))
	sendAll(t, f, at.Add(time.Hour))
	rep, err := f.desk.PurgeClosed(ctx, at.Add(3*365*24*time.Hour), 365*24*time.Hour, false)
	if err != nil || !slices.Contains(rep.Tickets, "TKT-100001") {
		t.Fatalf("purge kept the ticket of a unit that went back: %+v %v", rep, err)
	}
	if got, err := store.TicketByRef(ctx, f.pool, "TKT-100001"); err == nil {
		t.Fatalf("ticket still there after the purge: %+v", got)
	}
}

// A rejected request never had a unit here: #repaired has nothing to send
// back and changes nothing.
func TestSentBackRefusedForARejectedRequest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	inv := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	importAsset(t, f, store.Asset{SerialNumber: "QTFCQ0000000778", Model: "S5G-1U", CustomerEmail: customer, InvoiceDate: &inv, Currency: "USD"})
	f.ingest("rma", mailText("Alice <"+customer+">", rmaAddr, "S5G dead", "s1@customer.example", "", qctUnitRequest("QTFCQ0000000778", "2026-03-03")), t0)
	f.doOK("TKT-100001", Reject{Reason: "not a QCT product"}, t0.Add(time.Hour))
	n := len(f.outbox())
	_, err := f.desk.Do(ctx, "TKT-100001", Repaired{Carrier: "UPS", Tracking: "1Z1"}, "dana", t0.Add(2*time.Hour))
	if !IsRefusal(err) {
		t.Fatalf("#repaired on a rejected request: %v, want a refusal", err)
	}
	m := f.rmaRows("TKT-100001")[0]
	if m.Status != RMARejected || m.ReceivedAt != nil || m.SentBackAt != nil || m.Tracking != "" {
		t.Errorf("rejected request after a refused #repaired: %+v", m)
	}
	if got := f.since(n); len(got) != 0 {
		t.Errorf("a refused #repaired sent mail: %+v", got)
	}
}

// The advance case of TestAttackRetentionRejectedReturnedUnitIsHeld, on:
// the customer holds the advance replacement, so #repaired is refused until
// it is billed, and the ticket (and the customer's data) stay.
func TestSentBackRejectedAdvanceUnitWaitsForItsBill(t *testing.T) {
	f := qnapFixture(t)
	ctx := context.Background()
	ref := qnapCase(t, f, "Rita", "rita@reject.example", "Rita Reject", "+1 212 555 0199", "Q21BI07777", t0)
	at := t0.Add(6 * 24 * time.Hour)
	for _, op := range []Op{Received{}, Reject{Reason: "a different product came back"}, Close{}} {
		f.doOK(ref, op, at)
		at = at.Add(time.Hour)
	}
	sendAll(t, f, at)
	if _, err := f.desk.Forget(ctx, "rita@reject.example", at, true); err == nil {
		t.Fatal("setup: forget went through while the vendor held her unit")
	}
	// The customer holds the advance replacement: the rejected unit does
	// not simply go back and close the case unbilled.
	n := len(f.outbox())
	if _, err := f.desk.Do(ctx, ref, Repaired{}, "cli", at); err == nil || !strings.Contains(err.Error(), "bill it before") {
		t.Fatalf("#repaired on a rejected, unbilled advance RMA: %v", err)
	}
	if m := f.rmaRows(ref)[0]; m.Status != RMARejected || m.SentBackAt != nil {
		t.Fatalf("advance RMA after a refused #repaired: %+v", m)
	}
	if got := f.since(n); len(got) != 0 {
		t.Fatalf("mail after a refused #repaired: %d", len(got))
	}
	if _, err := f.desk.Forget(ctx, "rita@reject.example", at, true); err == nil {
		t.Fatal("forget went through while the customer held an unbilled replacement")
	}
}
