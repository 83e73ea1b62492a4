package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/store"
)

// What the database deadline costs a statement: the same one-row query on
// the pool and through store.Bounded, alone and as one of ten statements
// of a transaction (per statement). A message makes about a dozen
// statements, most of them in its ingest transaction.
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
		db   store.Beginner
	}{{"pool", pool}, {"bounded", store.Bounded(pool, 10*time.Second)}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				if err := c.db.QueryRow(ctx, `SELECT 1`).Scan(&n); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"-tx", func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				err := pgx.BeginFunc(ctx, c.db, func(tx pgx.Tx) error {
					for range 10 {
						if err := tx.QueryRow(ctx, `SELECT 1`).Scan(&n); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10), "ns/stmt")
		})
	}
}
