package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
)

// The pipelining lever of issue 15, measured on its own: a message's
// write-only statements (its event, its thread ids, its outcome) sent one
// after the other inside its transaction, or in one pgx batch (one round
// trip). The difference per message is what pipelining them could save;
// compare it with the CPU a message costs in the load bench.
func BenchmarkPipelinedWrites(b *testing.B) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	if _, err := pool.Exec(ctx, `CREATE TABLE pw_events (id bigserial PRIMARY KEY, ticket bigint, detail text);
		CREATE TABLE pw_threads (mid text PRIMARY KEY, ticket bigint);
		CREATE TABLE pw_messages (id bigint PRIMARY KEY, outcome text);
		INSERT INTO pw_messages SELECT g, 'pending' FROM generate_series(1, 1000000) g`); err != nil {
		b.Fatal(err)
	}
	n := 0
	stmts := func() []string {
		return []string{
			`INSERT INTO pw_events (ticket, detail) VALUES ($1, 'created')`,
			`INSERT INTO pw_threads (mid, ticket) VALUES ('m' || $1::bigint::text, $1::bigint) ON CONFLICT DO NOTHING`,
			`UPDATE pw_messages SET outcome = 'created' WHERE id = $1`,
		}
	}
	for _, mode := range []string{"sequential", "batch"} {
		b.Run(mode, func(b *testing.B) {
			tx, err := pool.Begin(ctx)
			if err != nil {
				b.Fatal(err)
			}
			defer tx.Rollback(ctx)
			for b.Loop() {
				n++
				if mode == "sequential" {
					for _, s := range stmts() {
						if _, err := tx.Exec(ctx, s, n); err != nil {
							b.Fatal(err)
						}
					}
					continue
				}
				var batch pgx.Batch
				for _, s := range stmts() {
					batch.Queue(s, n)
				}
				if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
