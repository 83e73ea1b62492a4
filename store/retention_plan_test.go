package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"rmad/store"
)

// TestLoosePurgeReadsItsIndex: with 200,000 messages that belong to
// tickets and 300 that opened none, the nightly purge of the unticketed
// ones reads the index of those (messages_loose_age), not every message.
// Walking the primary key took a second per batch of 200 at three million
// messages (issue 15).
func TestLoosePurgeReadsItsIndex(t *testing.T) {
	pool := seedTickets(t, 1000)
	ctx := context.Background()
	now := time.Date(2026, 12, 8, 3, 30, 0, 0, time.UTC)
	for _, q := range []string{
		`INSERT INTO messages (ticket_id, content_hash, mailbox, class, outcome, received_at, raw, raw_size, parse)
		 SELECT 1 + i % 1000, sha256(i::text::bytea), 'rma', 'human', 'routed', $1::timestamptz - (i % 900) * interval '1 day', '', 0, '{}'
		 FROM generate_series(1, 200000) i`,
		`INSERT INTO messages (content_hash, mailbox, class, outcome, received_at, raw, raw_size, parse)
		 SELECT sha256(('loose' || i)::text::bytea), 'rma', 'bounce', 'ignored', $1::timestamptz - (i * 3) * interval '1 day', 'x', 1, '{}'
		 FROM generate_series(1, 300) i`,
		// The tombstones of erased tickets and the loose mail purged on
		// earlier nights: unticketed too, and older, but never to be read.
		`INSERT INTO messages (content_hash, mailbox, class, outcome, received_at, raw, raw_size, parse, purged_at)
		 SELECT sha256(('gone' || i)::text::bytea), 'rma', 'human', 'purged', $1::timestamptz - interval '400 days' - (i % 2000) * interval '1 day', '', 0, '{}', $1
		 FROM generate_series(1, 50000) i`,
		`ANALYZE messages`,
	} {
		var args []any
		if strings.Contains(q, "$1") {
			args = []any{now}
		}
		if _, err := pool.Exec(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := store.ExplainLoosePurge(ctx, pool, now.AddDate(-1, 0, 0), now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "Index Scan using messages_loose_age") || strings.Contains(plan, "Seq Scan on messages") {
		t.Errorf("the loose purge does not read messages_loose_age:\n%s", plan)
	}
	// And it purges exactly the old unticketed ones, 200 at a time.
	var want int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM messages WHERE ticket_id IS NULL AND purged_at IS NULL AND received_at < $1`, now.AddDate(-1, 0, 0)).Scan(&want); err != nil {
		t.Fatal(err)
	}
	n, looks := 0, 0
	for more := true; more; looks++ {
		var c store.Changes
		var err error
		c, more, err = store.PurgeLoose(ctx, pool, now.AddDate(-1, 0, 0), now, 200)
		if err != nil {
			t.Fatal(err)
		}
		n += int(c["messages"].Scrubbed)
	}
	var left int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM messages WHERE (ticket_id IS NOT NULL AND purged_at IS NOT NULL)
		OR (ticket_id IS NULL AND purged_at IS NULL AND received_at < $1)`, now.AddDate(-1, 0, 0)).Scan(&left); err != nil {
		t.Fatal(err)
	}
	// A full batch says look again, a short one says done: no look that
	// finds nothing after a short batch.
	if looks != want/200+1 {
		t.Errorf("%d looks for %d due in batches of 200, want %d", looks, want, want/200+1)
	}
	if n != want || want == 0 || left != 0 {
		t.Errorf("purged %d unticketed messages, want %d (>0); %d ticketed ones purged or old unticketed ones left, want 0", n, want, left)
	}
}

// TestRawPurgeLooksAtClosedIndex: of 20,000 tickets with mail older than
// the cutoff, 1,000 are due (closed and idle before it); the others are
// open or were closed since. The look tells them apart from the closed
// tickets' index (tickets_closed_id, with the two times it tests), not from
// each ticket's row: at a million tickets that was 700 ms a night.
func TestRawPurgeLooksAtClosedIndex(t *testing.T) {
	pool := seedTickets(t, 20000)
	ctx := context.Background()
	now := time.Date(2026, 12, 8, 3, 30, 0, 0, time.UTC)
	cutoff := now.AddDate(-1, 0, 0)
	for _, q := range []string{
		`UPDATE tickets SET state = CASE WHEN id % 20 BETWEEN 1 AND 9 THEN 'open' ELSE 'closed' END,
			closed_at = CASE WHEN id % 20 = 0 THEN $1::timestamptz - interval '2 years' WHEN id % 20 >= 10 THEN $1::timestamptz - interval '30 days' END,
			updated_at = CASE WHEN id % 20 = 0 THEN $1::timestamptz - interval '2 years' ELSE $1::timestamptz - interval '30 days' END`,
		`INSERT INTO messages (ticket_id, content_hash, mailbox, class, outcome, received_at, raw, raw_size, parse)
		 SELECT id, sha256(id::text::bytea), 'rma', 'human', 'created', $1::timestamptz - interval '2 years', 'x', 1, '{}' FROM tickets`,
		`VACUUM ANALYZE tickets`,
		`ANALYZE messages`,
	} {
		var args []any
		if strings.Contains(q, "$1") {
			args = []any{now}
		}
		if _, err := pool.Exec(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := store.ExplainRawPurge(ctx, pool, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "Index Only Scan using tickets_closed_id") {
		t.Errorf("the raw purge's look does not read tickets_closed_id alone:\n%s", plan)
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	b, err := store.LockRawPurge(ctx, tx, cutoff, 0, 5000)
	if err != nil {
		t.Fatal(err)
	}
	ids := b.Due
	if len(ids) != 1000 || ids[0] != 20 || ids[len(ids)-1] != 20000 {
		t.Errorf("the look found %d tickets (%v ... ), want the 1,000 with ids divisible by 20", len(ids), ids[:min(3, len(ids))])
	}
}
