package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/store"
)

// TestAttackOutboxBacklogBruteForce: the backlog rewritten as one branch
// per status (6e643e2) counts what a plain scan of the outbox counts, for
// an empty outbox and for a mix of every status, times in any order, held
// mail without a held time and queued mail not yet due.
func TestAttackOutboxBacklogBruteForce(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	check := func(what string) {
		t.Helper()
		got, err := store.OutboxBacklog(ctx, pool)
		if err != nil {
			t.Fatal(err)
		}
		var want store.Backlog
		if err := pool.QueryRow(ctx, `SELECT
			count(*) FILTER (WHERE status IN ('queued', 'sending')),
			min(queued_at) FILTER (WHERE status IN ('queued', 'sending')),
			count(*) FILTER (WHERE status = 'held'),
			min(held_at) FILTER (WHERE status = 'held')
			FROM outbox`).Scan(&want.Depth, &want.OldestQueued, &want.Held, &want.OldestHeld); err != nil {
			t.Fatal(err)
		}
		same := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
		if got.Depth != want.Depth || got.Held != want.Held || !same(got.OldestQueued, want.OldestQueued) || !same(got.OldestHeld, want.OldestHeld) {
			t.Errorf("%s: backlog %+v, a scan of the outbox says %+v", what, got, want)
		}
	}
	check("empty outbox")
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if _, err := pool.Exec(ctx, `INSERT INTO outbox (template, message_id, from_address, to_addresses, subject, body, status, queued_at, next_attempt_at, sent_at, held_at)
		SELECT 'ack', 'b' || i || '@desk.example', 'desk@desk.example', ARRAY['c@customer.example'], 's', 'x',
			(ARRAY['queued', 'sending', 'sent', 'failed', 'cancelled', 'held'])[1 + (i * 7919) % 6],
			$1::timestamptz - ((i * 104729) % 5000) * interval '1 minute',
			$1::timestamptz + ((i * 31) % 3 - 1) * interval '1 hour', NULL,
			CASE WHEN i % 5 <> 0 THEN $1::timestamptz - ((i * 6007) % 3000) * interval '1 minute' END
		FROM generate_series(1, 5000) i`, at); err != nil {
		t.Fatal(err)
	}
	check("every status")
	if _, err := pool.Exec(ctx, `UPDATE outbox SET status = 'sent', sent_at = $1 WHERE status IN ('queued', 'sending')`, at); err != nil {
		t.Fatal(err)
	}
	check("only held and history left")
}
