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
