package store

import (
	"context"
	"fmt"
	"reflect"
	"sync"
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
//
// A context.WithTimeout per statement costs some eight allocations (its
// context, timer, channel, cancel function and the map pgx's watcher joins).
// A statement's deadline is therefore a stmtDeadline that is re-armed for
// the next statement on the same context: a transaction keeps one for the
// context it began with, and Bounded keeps a few idle ones for its callers'
// contexts. One that ran out, or whose parent ended, is never used again,
// so every statement still starts with a full d.

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

	mu   sync.Mutex
	idle []*stmtDeadline // disarmed, for the next statement on their parent
}

// maxIdle bounds the idle deadlines Bounded keeps: each holds a timer and
// a registration with its parent context.
const maxIdle = 8

// enter returns the context for one statement on ctx and its end.
func (b *bounded) enter(ctx context.Context) (context.Context, func()) {
	if !canCompare(ctx) {
		return context.WithTimeout(ctx, b.d)
	}
	var s *stmtDeadline
	var dead []*stmtDeadline
	b.mu.Lock()
	for i := len(b.idle) - 1; i >= 0; i-- {
		c := b.idle[i]
		if c.Context.Err() != nil {
			dead = append(dead, c) // its parent ended
		} else if s == nil && c.parent == ctx {
			s = c
		} else {
			continue
		}
		b.idle = append(b.idle[:i], b.idle[i+1:]...)
	}
	b.mu.Unlock()
	for _, c := range dead {
		c.close()
	}
	if s == nil {
		s = newStmtDeadline(ctx, b)
	}
	s.arm(b.d)
	return s, s.end
}

// keep takes back a deadline whose statement ended in time, in place of
// the one idle longest when there are maxIdle.
func (b *bounded) keep(s *stmtDeadline) {
	b.mu.Lock()
	var old *stmtDeadline
	if len(b.idle) == maxIdle {
		old = b.idle[0]
		b.idle = append(b.idle[:0], b.idle[1:]...)
	}
	b.idle = append(b.idle, s)
	b.mu.Unlock()
	if old != nil {
		old.close()
	}
}

func (b *bounded) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	ctx, end := b.enter(ctx)
	defer end()
	return b.db.Exec(ctx, sql, args...)
}

func (b *bounded) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	ctx, end := b.enter(ctx)
	rows, err := b.db.Query(ctx, sql, args...)
	return endedIfFailed(rows, end, err)
}

func (b *bounded) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	ctx, end := b.enter(ctx)
	return &boundedRow{row: b.db.QueryRow(ctx, sql, args...), end: end}
}

func (b *bounded) SendBatch(ctx context.Context, batch *pgx.Batch) pgx.BatchResults {
	ctx, end := b.enter(ctx)
	return &boundedBatch{BatchResults: b.db.SendBatch(ctx, batch), end: end}
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
	return &boundedTx{Tx: tx, d: b.d, own: ctx}, nil
}

// boundedTx gives each statement a deadline. Its statements run one at a
// time on one connection (pgx.Tx is not for concurrent use), so one
// stmtDeadline on the transaction's own context serves them in turn; a
// statement on another context, or begun while one is still open (its
// rows not yet closed), gets a context.WithTimeout as before.
type boundedTx struct {
	pgx.Tx
	d    time.Duration
	own  context.Context // the context BeginTx was given
	dl   *stmtDeadline   // armed while busy; nil before the first statement and after one ran out
	busy bool
	over bool // committed or rolled back

	leaveFn func()
}

func (t *boundedTx) enter(ctx context.Context) (context.Context, func()) {
	if t.busy || !canCompare(ctx) || ctx != t.own {
		return context.WithTimeout(ctx, t.d)
	}
	if t.dl == nil {
		t.dl = newStmtDeadline(ctx, nil)
	}
	t.busy = true
	t.dl.arm(t.d)
	if t.leaveFn == nil {
		t.leaveFn = t.leave // one closure for all its statements
	}
	return t.dl, t.leaveFn
}

// leave ends the statement enter began on t.dl.
func (t *boundedTx) leave() {
	t.busy = false
	if !t.dl.disarm() || t.over {
		t.dl.close() // it ran out or its parent ended: the next one starts anew
		t.dl = nil
	}
}

// end releases the transaction's deadline once it is over.
func (t *boundedTx) end() {
	t.over = true
	if t.dl != nil && !t.busy {
		t.dl.close()
		t.dl = nil
	}
}

func (t *boundedTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	ctx, end := t.enter(ctx)
	defer end()
	return t.Tx.Exec(ctx, sql, args...)
}

func (t *boundedTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	ctx, end := t.enter(ctx)
	rows, err := t.Tx.Query(ctx, sql, args...)
	return endedIfFailed(rows, end, err)
}

func (t *boundedTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	ctx, end := t.enter(ctx)
	return &boundedRow{row: t.Tx.QueryRow(ctx, sql, args...), end: end}
}

func (t *boundedTx) SendBatch(ctx context.Context, batch *pgx.Batch) pgx.BatchResults {
	ctx, end := t.enter(ctx)
	return &boundedBatch{BatchResults: t.Tx.SendBatch(ctx, batch), end: end}
}

func (t *boundedTx) Begin(ctx context.Context) (pgx.Tx, error) {
	ctx2, cancel := context.WithTimeout(ctx, t.d)
	defer cancel()
	tx, err := t.Tx.Begin(ctx2)
	if err != nil {
		return nil, err
	}
	return &boundedTx{Tx: tx, d: t.d, own: ctx}, nil
}

func (t *boundedTx) Commit(ctx context.Context) error {
	defer t.end()
	ctx, end := t.enter(ctx)
	defer end()
	return t.Tx.Commit(ctx)
}

func (t *boundedTx) Rollback(ctx context.Context) error {
	defer t.end()
	ctx, end := t.enter(ctx)
	defer end()
	return t.Tx.Rollback(ctx)
}

// boundedRows ends its deadline when the rows are closed (pgx.CollectRows
// and friends always close them), once however often Close is called.
type boundedRows struct {
	pgx.Rows
	end func()
}

// endedIfFailed wraps rows; when the query failed pgx has closed them
// already, and callers rarely close them again, so the deadline ends now.
func endedIfFailed(rows pgx.Rows, end func(), err error) (pgx.Rows, error) {
	if err != nil {
		end()
		end = nil
	}
	return &boundedRows{Rows: rows, end: end}, err
}

func (r *boundedRows) Close() {
	r.Rows.Close()
	if end := r.end; end != nil {
		r.end = nil
		end()
	}
}

type boundedRow struct {
	row pgx.Row
	end func()
}

func (r *boundedRow) Scan(dest ...any) error {
	if end := r.end; end != nil {
		r.end = nil
		defer end()
	}
	return r.row.Scan(dest...)
}

type boundedBatch struct {
	pgx.BatchResults
	end func()
}

func (b *boundedBatch) Close() error {
	if end := b.end; end != nil {
		b.end = nil
		defer end()
	}
	return b.BatchResults.Close()
}

// errStatementDeadline is the cause a stmtDeadline is cancelled with when
// its statement runs out of time.
var errStatementDeadline = fmt.Errorf("store: statement deadline: %w", context.DeadlineExceeded)

// stmtDeadline is the context of one statement at a time: a cancelable
// child of parent that a timer, armed for each statement, cancels at its
// deadline. It reads as context.WithTimeout's would: Err is
// DeadlineExceeded when the timer ended it, Deadline the statement's. pgx
// watches it as it does a standard context (context.AfterFunc joins the
// embedded cancelCtx, without a goroutine).
type stmtDeadline struct {
	context.Context // the cancelable child of parent
	parent          context.Context
	cancel          context.CancelCauseFunc
	timer           *time.Timer
	pool            *bounded // where an idle one goes back; nil in a transaction
	end             func()   // s.done, bound once

	mu       sync.Mutex
	deadline time.Time
}

func newStmtDeadline(parent context.Context, pool *bounded) *stmtDeadline {
	ctx, cancel := context.WithCancelCause(parent)
	s := &stmtDeadline{Context: ctx, parent: parent, cancel: cancel, pool: pool}
	s.timer = time.AfterFunc(time.Hour, func() { cancel(errStatementDeadline) })
	s.timer.Stop()
	s.end = s.done
	return s
}

// arm starts a statement's deadline, d from now.
func (s *stmtDeadline) arm(d time.Duration) {
	s.mu.Lock()
	s.deadline = time.Now().Add(d)
	s.mu.Unlock()
	s.timer.Reset(d)
}

// disarm stops the deadline of a statement that ended, and reports
// whether s can serve another (it did not run out; its parent goes on).
func (s *stmtDeadline) disarm() bool {
	return s.timer.Stop() && s.Context.Err() == nil
}

// done ends the statement of a deadline Bounded handed out.
func (s *stmtDeadline) done() {
	if s.disarm() {
		s.pool.keep(s)
	} else {
		s.close()
	}
}

// close releases s for good: its timer and its place in parent.
func (s *stmtDeadline) close() {
	s.timer.Stop()
	s.cancel(context.Canceled)
}

func (s *stmtDeadline) Deadline() (time.Time, bool) {
	s.mu.Lock()
	d := s.deadline
	s.mu.Unlock()
	if pd, ok := s.parent.Deadline(); ok && pd.Before(d) {
		return pd, true
	}
	return d, true
}

func (s *stmtDeadline) Err() error {
	err := s.Context.Err()
	if err != nil && context.Cause(s.Context) == errStatementDeadline {
		return context.DeadlineExceeded
	}
	return err
}

// canCompare reports whether ctx can be compared with ==, which panics on
// a context type that is not (none of the standard ones).
func canCompare(ctx context.Context) bool {
	return reflect.TypeOf(ctx).Comparable()
}
