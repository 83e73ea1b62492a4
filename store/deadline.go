package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// A stalled database (a backend paused mid-transaction, a server that
// accepts connections and never answers) does not end a statement on its
// own, and a paused backend enforces no server-side timeout either: only a
// deadline on the client side ends the wait. Bounded gives every statement,
// commit and rollback that goes through it its own deadline, so callers
// (the desk, the mailbox sink, the outbox) need not remember one.

// Beginner is a DBTX that can open transactions (for pgx.BeginFunc and
// pgx.BeginTxFunc): a pool or a connection.
type Beginner interface {
	DBTX
	Begin(ctx context.Context) (pgx.Tx, error)
	BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error)
}

// Bounded wraps db so that each call through it ends within d.
func Bounded(db Beginner, d time.Duration) Beginner {
	if d <= 0 {
		return db
	}
	return &bounded{db: db, d: d}
}

// Rebounded returns db with deadline d instead of its own when db came
// from Bounded (db itself otherwise): for the few operations whose single
// statements legitimately run long, such as a purge scanning every stored
// message.
func Rebounded(db Beginner, d time.Duration) Beginner {
	if b, ok := db.(*bounded); ok && d > 0 {
		return &bounded{db: b.db, d: d}
	}
	return db
}

type bounded struct {
	db Beginner
	d  time.Duration
}

func (b *bounded) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	ctx, cancel := context.WithTimeout(ctx, b.d)
	defer cancel()
	return b.db.Exec(ctx, sql, args...)
}

func (b *bounded) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	ctx, cancel := context.WithTimeout(ctx, b.d)
	rows, err := b.db.Query(ctx, sql, args...)
	return boundedRows{Rows: rows, cancel: cancel}, err
}

func (b *bounded) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	ctx, cancel := context.WithTimeout(ctx, b.d)
	return boundedRow{row: b.db.QueryRow(ctx, sql, args...), cancel: cancel}
}

func (b *bounded) SendBatch(ctx context.Context, batch *pgx.Batch) pgx.BatchResults {
	ctx, cancel := context.WithTimeout(ctx, b.d)
	return boundedBatch{BatchResults: b.db.SendBatch(ctx, batch), cancel: cancel}
}

func (b *bounded) Begin(ctx context.Context) (pgx.Tx, error) {
	return b.BeginTx(ctx, pgx.TxOptions{})
}

// BeginTx bounds the BEGIN, then each statement of the transaction on its
// own: a transaction of many quick statements may take longer than d.
func (b *bounded) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	bctx, cancel := context.WithTimeout(ctx, b.d)
	defer cancel()
	tx, err := b.db.BeginTx(bctx, opts)
	if err != nil {
		return nil, err
	}
	return &boundedTx{Tx: tx, d: b.d}, nil
}

type boundedTx struct {
	pgx.Tx
	d time.Duration
}

func (t *boundedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	ctx, cancel := context.WithTimeout(ctx, t.d)
	defer cancel()
	return t.Tx.Exec(ctx, sql, args...)
}

func (t *boundedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	ctx, cancel := context.WithTimeout(ctx, t.d)
	rows, err := t.Tx.Query(ctx, sql, args...)
	return boundedRows{Rows: rows, cancel: cancel}, err
}

func (t *boundedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	ctx, cancel := context.WithTimeout(ctx, t.d)
	return boundedRow{row: t.Tx.QueryRow(ctx, sql, args...), cancel: cancel}
}

func (t *boundedTx) SendBatch(ctx context.Context, batch *pgx.Batch) pgx.BatchResults {
	ctx, cancel := context.WithTimeout(ctx, t.d)
	return boundedBatch{BatchResults: t.Tx.SendBatch(ctx, batch), cancel: cancel}
}

func (t *boundedTx) Begin(ctx context.Context) (pgx.Tx, error) {
	ctx2, cancel := context.WithTimeout(ctx, t.d)
	defer cancel()
	tx, err := t.Tx.Begin(ctx2)
	if err != nil {
		return nil, err
	}
	return &boundedTx{Tx: tx, d: t.d}, nil
}

func (t *boundedTx) Commit(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, t.d)
	defer cancel()
	return t.Tx.Commit(ctx)
}

func (t *boundedTx) Rollback(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, t.d)
	defer cancel()
	return t.Tx.Rollback(ctx)
}

// boundedRows ends its deadline when the rows are closed (pgx.CollectRows
// and friends always close them).
type boundedRows struct {
	pgx.Rows
	cancel context.CancelFunc
}

func (r boundedRows) Close() {
	r.Rows.Close()
	r.cancel()
}

type boundedRow struct {
	row    pgx.Row
	cancel context.CancelFunc
}

func (r boundedRow) Scan(dest ...any) error {
	defer r.cancel()
	return r.row.Scan(dest...)
}

type boundedBatch struct {
	pgx.BatchResults
	cancel context.CancelFunc
}

func (b boundedBatch) Close() error {
	defer b.cancel()
	return b.BatchResults.Close()
}
