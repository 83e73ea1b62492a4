package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rmad/internal/imaptest"
)

// Attack (spammer, group commit, end to end): the flood of
// TestAttackBlackboxDomainCapUnderConcurrentFlood (80 strangers of one
// domain, half to rma@, half to support@) through the real watcher, whose
// lanes now each commit a batch in one transaction. Before group commit
// that flood got 34-37 answers (cap 30): one extra per transaction in
// flight. Group commit must not widen that to a whole batch per lane.
func TestAttackBatchDomainCapFloodEndToEnd(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	for i := 0; i < 80; i++ {
		box := deskRMA
		if i%2 == 1 {
			box = deskSupport
		}
		w.deliver(box, fmt.Sprintf("From: Bot %d <bot%d@spam.example>\nTo: %s\nSubject: cheap pills %d\nMessage-ID: <gc-%d@spam.example>\nContent-Type: text/plain\n\nBuy now\n", i, i, box, i, i))
	}
	w.serveInProcess()
	db := connect(t, w.dbURL)
	deadline := time.Now().Add(90 * time.Second)
	for {
		var tickets int
		db.QueryRow(context.Background(), `SELECT count(*) FROM tickets`).Scan(&tickets)
		if tickets == 80 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of 80 spam tickets made within 90s", tickets)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var acks, counted int
	db.QueryRow(context.Background(), `SELECT count(*) FROM outbox WHERE array_to_string(to_addresses, ',') LIKE '%@spam.example%'`).Scan(&acks)
	db.QueryRow(context.Background(), `SELECT coalesce(sum(n), 0) FROM auto_reply_counts WHERE scope = 'spam.example'`).Scan(&counted)
	t.Logf("acks %d (counted %d), cap 30", acks, counted)
	// Message by message the overshoot is at most one answer per
	// transaction in flight: two mailboxes, four lanes each.
	if acks > 30+8 {
		t.Errorf("%d automatic answers to one organisation within the hour, cap 30", acks)
	}
}
