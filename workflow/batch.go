package workflow

// Group commit: the messages of one fetched batch (one watcher lane) in one
// transaction, a savepoint each, so the batch pays for one durable commit
// instead of one per message.

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// maxPerTx bounds the messages of one transaction. Each savepoint that
// writes takes a subtransaction id, and PostgreSQL keeps only 64 of them per
// backend in shared memory: past that every other session's snapshot check
// has to read pg_subtrans, which slows the whole database down.
const maxPerTx = 32

// Batched is what became of one message of IngestBatch.
type Batched struct {
	Result Result
	Err    error
}

// IngestBatch processes ins as Ingest does, each exactly once, in order, in
// as few transactions as it can: a savepoint per message, so a message that
// fails rolls back alone and takes the failure path alone while the others
// commit together. When the transaction itself breaks (its connection is
// lost, the commit fails), the messages that had not failed are processed
// again, each in a transaction of its own, so a poison message never takes
// its neighbours' tries: their copy rows make any of them that did commit a
// replay.
func (d *Desk) IngestBatch(ctx context.Context, ins []Inbound) []Batched {
	out := make([]Batched, len(ins))
	for start := 0; start < len(ins); start += maxPerTx {
		end := min(start+maxPerTx, len(ins))
		d.ingestGroup(ctx, ins[start:end], out[start:end])
	}
	return out
}

// ingestGroup is one transaction of IngestBatch. The messages are parsed
// before it begins, so it is not held open (with its ticket locks) while
// the CPU works on MIME.
func (d *Desk) ingestGroup(ctx context.Context, ins []Inbound, out []Batched) {
	mbs := make([]Mailbox, len(ins))
	ms := make([]prepared, len(ins))
	for i, in := range ins {
		mb, ok := d.mailbox(in.Mailbox)
		if !ok {
			out[i].Err = fmt.Errorf("workflow: unknown mailbox %q", in.Mailbox)
			continue
		}
		mbs[i] = mb
		ms[i], out[i].Err = d.safePrepare(in)
	}
	if err := d.groupTx(ctx, ins, mbs, ms, out); err == nil || ctx.Err() != nil {
		return
	}
	// The transaction broke: nothing in it counts. Each message that did
	// not fail by itself goes again on its own.
	for i := range ins {
		if errors.Is(out[i].Err, errGroup) {
			out[i].Result, out[i].Err = d.ingestAlone(ctx, mbs[i], ins[i], ms[i])
		}
	}
}

// lockConflict says whether err is a deadlock or a serialization failure
// between concurrent transactions.
func lockConflict(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// errGroup marks a message that did not fail by itself: the transaction it
// shared broke.
var errGroup = errors.New("workflow: the batch's transaction failed")

// groupTx runs the group's messages in one transaction. A non-nil error
// means the transaction broke; every message that had not failed by itself
// then carries errGroup.
func (d *Desk) groupTx(ctx context.Context, ins []Inbound, mbs []Mailbox, ms []prepared, out []Batched) error {
	pending := func(cause error) error {
		for i := range out {
			if out[i].Err == nil || errors.Is(out[i].Err, errGroup) {
				out[i] = Batched{Err: fmt.Errorf("%w: %w", errGroup, cause)}
			}
		}
		return cause
	}
	tx, err := d.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return pending(fmt.Errorf("workflow: begin: %w", err))
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var done []int
	ac := d.sharedCounts()
	defer ac.release()
	for i := range ins {
		if out[i].Err != nil {
			continue
		}
		res, err, broken := d.ingestSaved(ctx, tx, ac, mbs[i], ins[i], ms[i])
		if broken != nil {
			return pending(broken)
		}
		out[i] = Batched{Result: res, Err: err}
		if err == nil {
			done = append(done, i)
		}
	}
	if len(done) == 0 {
		return nil
	}
	if err := ac.flush(ctx, tx); err != nil {
		return pending(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return pending(fmt.Errorf("workflow: commit: %w", err))
	}
	cins, cms, crs := make([]Inbound, len(done)), make([]prepared, len(done)), make([]Result, len(done))
	for k, i := range done {
		cins[k], cms[k], crs[k] = ins[i], ms[i], out[i].Result
	}
	d.committed(cins, cms, crs)
	return nil
}

// ingestSaved runs one message inside tx under a savepoint. err is the
// message's own failure (rolled back to the savepoint; the transaction goes
// on); broken means the transaction itself can no longer be used.
func (d *Desk) ingestSaved(ctx context.Context, tx pgx.Tx, ac *autoCounts, mb Mailbox, in Inbound, m prepared) (res Result, err, broken error) {
	sp, berr := tx.Begin(ctx)
	if berr != nil {
		return res, nil, fmt.Errorf("workflow: savepoint: %w", berr)
	}
	func() {
		defer recoverMessage(in, &err)
		res, err = d.ingestTx(ctx, sp, ac, mb, in, m)
	}()
	if err != nil {
		ac.drop()
		if lockConflict(err) {
			// A deadlock or serialization failure is no fault of this
			// message: another lane holds what it needs (and it may hold
			// what the other needs, for the rest of its batch). Rolling
			// the whole transaction back frees the other lane, and every
			// message then goes again alone, in order.
			return Result{}, nil, fmt.Errorf("workflow: lock conflict: %w", err)
		}
		if rerr := sp.Rollback(context.WithoutCancel(ctx)); rerr != nil {
			return Result{}, nil, fmt.Errorf("workflow: rollback to savepoint: %w (after %w)", rerr, err)
		}
		return Result{}, err, nil
	}
	if rerr := sp.Commit(ctx); rerr != nil {
		return Result{}, nil, fmt.Errorf("workflow: release savepoint: %w", rerr)
	}
	ac.keep()
	return res, nil, nil
}
