package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/store"
)

// TestBoundedEndsAWait: a statement that gets no answer (it waits for a
// lock another session holds) ends at the deadline through each way of
// calling, in and out of a transaction; the caller's own context is left
// alone and the pool keeps working.
func TestBoundedEndsAWait(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t)
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	holder, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `LOCK TABLE settings IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}

	const d = 300 * time.Millisecond
	db := store.Bounded(pool, d)
	blocked := map[string]func() error{
		"exec": func() error {
			_, err := db.Exec(ctx, `INSERT INTO settings (key, value) VALUES ('a', 'b')`)
			return err
		},
		"query": func() error {
			rows, _ := db.Query(ctx, `SELECT key FROM settings`)
			_, err := pgx.CollectRows(rows, pgx.RowTo[string])
			return err
		},
		"query row": func() error {
			var n int
			return db.QueryRow(ctx, `SELECT count(*) FROM settings`).Scan(&n)
		},
		"statement in a transaction": func() error {
			return pgx.BeginTxFunc(ctx, db, pgx.TxOptions{}, func(tx pgx.Tx) error {
				if _, err := tx.Exec(ctx, `SELECT 1`); err != nil {
					return err
				}
				_, err := store.Setting(ctx, tx, "k", "v")
				return err
			})
		},
	}
	for name, call := range blocked {
		began := time.Now()
		err := call()
		took := time.Since(began)
		var pgErr *pgconn.PgError
		if !pgconn.Timeout(err) && !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &pgErr) {
			t.Fatalf("%s: err %v, want the client deadline", name, err)
		}
		if took < d || took > d+5*time.Second {
			t.Fatalf("%s: ended after %s, deadline %s", name, took, d)
		}
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	v, err := store.Setting(ctx, db, "k", "v")
	if err != nil || v != "v" {
		t.Fatalf("after the lock is gone: %q, %v", v, err)
	}
}

// A purge's statements may run for minutes: Rebounded gives them their own
// deadline on the same pool, while the desk's stays as it was.
func TestReboundedGivesLongWorkItsOwnDeadline(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	short := store.Bounded(pool, 100*time.Millisecond)
	if _, err := short.Exec(ctx, `SELECT pg_sleep(0.5)`); !errors.Is(err, context.DeadlineExceeded) && !pgconn.Timeout(err) {
		t.Fatalf("the desk's deadline: %v, want it exceeded", err)
	}
	long := store.Rebounded(short, 5*time.Second)
	if _, err := long.Exec(ctx, `SELECT pg_sleep(0.5)`); err != nil {
		t.Fatalf("the longer deadline: %v", err)
	}
	if _, err := short.Exec(ctx, `SELECT pg_sleep(0.5)`); err == nil {
		t.Fatal("Rebounded changed the original's deadline")
	}
	if got := store.Rebounded(pool, time.Second); got != store.Beginner(pool) {
		t.Fatal("an unbounded pool must come back as it is")
	}
}

// Bounded re-arms one deadline for the statements that follow each other
// on a context (in and out of a transaction): each must still get its
// whole d, one that runs out must end, and the next must start afresh.
func TestBoundedDeadlinePerStatement(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	const d = 2 * time.Second
	db := store.Bounded(pool, d)
	// three statements of 0.8 s: more than d together, each within it
	run := func(name string, q store.DBTX) {
		for i := range 3 {
			if _, err := q.Exec(ctx, `SELECT pg_sleep(0.8)`); err != nil {
				t.Fatalf("%s: statement %d: %v", name, i, err)
			}
		}
	}
	run("pool", db)
	if err := pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		run("transaction", tx)
		var n int
		return tx.QueryRow(ctx, `SELECT 1`).Scan(&n)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, `SELECT pg_sleep(4)`); !errors.Is(err, context.DeadlineExceeded) && !pgconn.Timeout(err) {
		t.Fatalf("a statement over d: %v, want the deadline", err)
	}
	err = pgx.BeginFunc(ctx, db, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `SELECT pg_sleep(4)`)
		return err
	})
	if !errors.Is(err, context.DeadlineExceeded) && !pgconn.Timeout(err) {
		t.Fatalf("a statement over d in a transaction: %v, want the deadline", err)
	}
	run("pool after a deadline", db)
}

// The caller's own cancellation still ends a bounded statement, as itself
// (context.Canceled: a shutdown, not a stalled database).
func TestBoundedKeepsTheCallersCancel(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	db := store.Bounded(pool, time.Minute)
	for _, inTx := range []bool{false, true} {
		cctx, cancel := context.WithCancel(ctx)
		// a statement first, so that the cancelled one reuses its deadline
		if _, err := db.Exec(cctx, `SELECT 1`); err != nil {
			t.Fatal(err)
		}
		go func() {
			time.Sleep(200 * time.Millisecond)
			cancel()
		}()
		if inTx {
			err = pgx.BeginFunc(cctx, db, func(tx pgx.Tx) error {
				if _, err := tx.Exec(cctx, `SELECT 1`); err != nil {
					return err
				}
				_, err := tx.Exec(cctx, `SELECT pg_sleep(30)`)
				return err
			})
		} else {
			_, err = db.Exec(cctx, `SELECT pg_sleep(30)`)
		}
		if !errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("transaction %v: %v, want context.Canceled", inTx, err)
		}
	}
	if _, err := db.Exec(ctx, `SELECT 1`); err != nil {
		t.Fatalf("the pool after a cancel: %v", err)
	}
}
