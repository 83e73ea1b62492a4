package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/store"
)

// What the database deadline costs a statement: the same one-row query on
// the pool and through store.Bounded (a context with a timer per call). A message makes about a dozen statements.
func BenchmarkStatementDeadline(b *testing.B) {
	// As in serve: the calls' context can be cancelled (SIGTERM), so pgx
	// watches it either way.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	for _, c := range []struct {
		name string
		db   store.DBTX
	}{{"pool", pool}, {"bounded", store.Bounded(pool, 10*time.Second)}} {
		b.Run(c.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				if err := c.db.QueryRow(ctx, `SELECT 1`).Scan(&n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
