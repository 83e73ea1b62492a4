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
// ones reads the index of those (messages_loose), not every message.
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
	if !strings.Contains(plan, "Index Scan using messages_loose") || strings.Contains(plan, "Seq Scan on messages") {
		t.Errorf("the loose purge does not read messages_loose:\n%s", plan)
	}
	// And it purges exactly the old unticketed ones, 200 at a time.
	n := 0
	for {
		c, err := store.PurgeLoose(ctx, pool, now.AddDate(-1, 0, 0), now, 200)
		if err != nil {
			t.Fatal(err)
		}
		if c.Empty() {
			break
		}
		n += int(c["messages"].Scrubbed)
	}
	var want int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM messages WHERE ticket_id IS NULL AND received_at < $1`, now.AddDate(-1, 0, 0)).Scan(&want); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM messages WHERE ticket_id IS NOT NULL AND purged_at IS NOT NULL`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if n != want || want == 0 || left != 0 {
		t.Errorf("purged %d unticketed messages, want %d (>0); %d ticketed ones purged, want 0", n, want, left)
	}
}
