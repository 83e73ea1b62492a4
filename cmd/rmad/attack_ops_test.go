package main

// Attacks on the operator's side of rmad: held mail released after its case
// moved on.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"rmad/store"
)

// A bill (or a quote reminder, a termination notice) held through a relay
// outage, whose RMA is paid while it waits: `rmad outbox retry --all-held`
// must not send it (money mail telling a customer who paid that they owe);
// the rest of the held mail goes out, and the operator can still send it
// by its id.
func TestAttackRetryAllHeldSkipsMailWhoseCaseMovedOn(t *testing.T) {
	ctx := context.Background()
	r := newHoldRig(t)
	r.ingest(1)
	r.ingest(2)
	for range holdAttempts {
		r.round()
	}
	var acks []store.OutMail
	for _, m := range r.rows() {
		if m.Template == "ack" && m.Status == store.OutboxHeld {
			acks = append(acks, m)
		}
	}
	if len(acks) != 2 {
		t.Fatalf("held acks: %+v", r.rows())
	}
	// Make the first a customer's bill for an RMA of its ticket, paid two
	// hours after the bill was queued (as #paid records it).
	bill := acks[0]
	var rma int64
	if err := r.pool.QueryRow(ctx, `INSERT INTO rmas (ticket_id, number, unit_index, type, status, requested_at, billed_at, amount, currency)
		SELECT ticket_id, 'RMA-ATTACK-1', 1, 'advance', 'billed', $2, $2, 120, 'EUR' FROM outbox WHERE id = $1 RETURNING id`,
		bill.ID, bill.QueuedAt).Scan(&rma); err != nil {
		t.Fatal(err)
	}
	if _, err := r.pool.Exec(ctx, `UPDATE outbox SET template = 'customer_billing', rma_id = $2 WHERE id = $1`, bill.ID, rma); err != nil {
		t.Fatal(err)
	}
	paid := bill.QueuedAt.Add(2 * time.Hour)
	if _, err := r.pool.Exec(ctx, `UPDATE rmas SET paid_at = $2, status = 'closed' WHERE id = $1`, rma, paid); err != nil {
		t.Fatal(err)
	}
	if err := store.AddRMAEvent(ctx, r.pool, store.RMAEvent{RMAID: rma, At: paid, FromStatus: "billed", ToStatus: "closed",
		Cause: "command", Actor: "agent@example.com", Detail: "paid"}); err != nil {
		t.Fatal(err)
	}
	// A bill of an RMA that did not move on (only the event that queued
	// it) is released like any other.
	var rma2 int64
	if err := r.pool.QueryRow(ctx, `INSERT INTO rmas (ticket_id, number, unit_index, type, status, requested_at, billed_at, amount, currency)
		SELECT ticket_id, 'RMA-ATTACK-2', 1, 'advance', 'billed', $2, $2, 80, 'EUR' FROM outbox WHERE id = $1 RETURNING id`,
		acks[1].ID, acks[1].QueuedAt).Scan(&rma2); err != nil {
		t.Fatal(err)
	}
	if _, err := r.pool.Exec(ctx, `UPDATE outbox SET template = 'customer_billing', rma_id = $2 WHERE id = $1`, acks[1].ID, rma2); err != nil {
		t.Fatal(err)
	}
	if err := store.AddRMAEvent(ctx, r.pool, store.RMAEvent{RMAID: rma2, At: acks[1].QueuedAt.Add(time.Second), FromStatus: "issued",
		ToStatus: "billed", Cause: "job", Detail: "billed"}); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCLI(t, nil, "outbox", "retry", "--all-held", "--json", "--config", r.w.cfgFile)
	var got struct {
		Retry    []int64 `json:"retry"`
		KeptHeld []int64 `json:"kept_held"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("retry --all-held: %d %q %s", code, out, errOut)
	}
	if len(got.KeptHeld) != 1 || got.KeptHeld[0] != bill.ID || len(got.Retry) != 3 {
		t.Fatalf("retry --all-held: %+v, want 3 released and %d kept", got, bill.ID)
	}
	r.w.smtp.SetReject(nil)
	r.round()
	for _, m := range r.w.smtp.Messages() {
		if strings.Contains(string(m.Data), bill.MessageID) {
			t.Fatalf("the bill of a paid RMA went out: %s", m.Data)
		}
	}
	for _, m := range r.rows() {
		switch {
		case m.ID == bill.ID && m.Status != store.OutboxHeld:
			t.Fatalf("the paid RMA's bill is %s, want held", m.Status)
		case m.ID == acks[1].ID && m.Status != store.OutboxSent:
			t.Fatalf("the unpaid RMA's bill is %s, want sent", m.Status)
		}
	}
	// The text output names what was kept and how to decide.
	code, out, _ = runCLI(t, nil, "outbox", "retry", "--all-held", "--config", r.w.cfgFile)
	if code != 0 || !strings.Contains(out, "0 queued again") || !strings.Contains(out, "1 kept held, their RMA moved on after they were queued") {
		t.Fatalf("second retry --all-held: %d %q", code, out)
	}
	// The operator's explicit decision sends it.
	if code, out, errOut := runCLI(t, nil, "outbox", "retry", fmt.Sprint(bill.ID), "--config", r.w.cfgFile); code != 0 || !strings.HasPrefix(out, "1 queued again") {
		t.Fatalf("retry %d: %d %q %s", bill.ID, code, out, errOut)
	}
}

// A forger who writes from an address the relay defers (450 for a domain
// that does not resolve, as Postfix answers) gets rmad's acknowledgments to
// it held after the attempts: those mails, not the queue. The agents' mail
// goes out on the first round, the notice to notify too, and the held ones
// wait for an operator (an alarm, no mail lost or sent wrongly).
func TestAttackForgedAddressTempfailHoldsOnlyItsMail(t *testing.T) {
	r := newHoldRig(t)
	const forged = "alice@customer.example" // the sender of the rig's requests
	r.w.smtp.SetReject(func(_ string, to []string) *smtp.SMTPError {
		if len(to) == 1 && to[0] == forged {
			return &smtp.SMTPError{Code: 450, EnhancedCode: smtp.EnhancedCode{4, 1, 2}, Message: "Recipient address rejected: Domain not found"}
		}
		return nil
	})
	r.ingest(1)
	r.ingest(2)
	r.round()
	sent := map[string]bool{}
	for _, m := range r.w.smtp.Messages() {
		for _, to := range m.To {
			sent[to] = true
		}
	}
	if !sent[deskAgent] || sent[forged] || len(r.w.smtp.Messages()) != 2 {
		t.Fatalf("first round sent to %v", sent)
	}
	for range holdAttempts {
		r.round()
	}
	var held []store.OutMail
	for _, m := range r.rows() {
		if m.Status == store.OutboxHeld {
			held = append(held, m)
		}
	}
	if len(held) != 2 || held[0].To[0] != forged || held[1].To[0] != forged {
		t.Fatalf("held: %+v", held)
	}
	// The notice to notify is not held behind the refused address: it went out.
	if r.count(store.HoldNoticeTemplate, store.OutboxSent) != 1 || r.count("", store.OutboxQueued) != 0 {
		t.Fatalf("queue after the rounds: %+v", r.rows())
	}
}
