package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/store"
)

// TestOutboxBacklogReadsPendingOnly: with 300,000 mails sent and a few
// queued, sending and held, the backlog every health check and metrics
// scrape reads comes from the partial indexes of the mail not yet sent,
// not from the sent history (a sequential scan took 2.4 s at two million
// mails), and counts right.
func TestOutboxBacklogReadsPendingOnly(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, q := range []string{
		`INSERT INTO outbox (template, message_id, from_address, to_addresses, subject, body, status, queued_at, next_attempt_at, sent_at, held_at)
		 SELECT 'ack', 'm' || i || '@desk.example', 'desk@desk.example', ARRAY['c@customer.example'], 's', repeat('x', 200),
			CASE WHEN i % 100000 = 1 THEN 'held' WHEN i % 50000 = 2 THEN 'sending' WHEN i % 10000 = 3 THEN 'queued' ELSE 'sent' END,
			$1::timestamptz - i * interval '1 second', $1::timestamptz, $1::timestamptz,
			CASE WHEN i % 100000 = 1 THEN $1::timestamptz - i * interval '1 second' END
		 FROM generate_series(1, 300000) i`,
		`VACUUM ANALYZE outbox`,
	} {
		var args []any
		if strings.Contains(q, "$1") {
			args = []any{at}
		}
		if _, err := pool.Exec(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := store.ExplainOutboxBacklog(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plan, "Seq Scan") {
		t.Errorf("the backlog reads the whole outbox:\n%s", plan)
	}
	b, err := store.OutboxBacklog(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	// queued: i = 3, 10003, ..., 290003 (30); sending: i = 2, 50002, ..., 250002 (6);
	// held: i = 1, 100001, 200001 (3). The oldest is the largest i.
	oldestQueued := at.Add(-290003 * time.Second)
	oldestHeld := at.Add(-200001 * time.Second)
	if b.Depth != 36 || b.Held != 3 || b.OldestQueued == nil || !b.OldestQueued.Equal(oldestQueued) || b.OldestHeld == nil || !b.OldestHeld.Equal(oldestHeld) {
		t.Errorf("backlog %+v, want 36 waiting since %v and 3 held since %v", b, oldestQueued, oldestHeld)
	}
}
