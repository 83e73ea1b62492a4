package workflow

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/store"
)

// retentionBatch is how many tickets one purge transaction takes on by
// default (Retention.Batch): a huge purge never holds one giant
// transaction, and a ticket the desk is working on (locked) is skipped and
// taken by the next run. Each batch looks again for what is due (the
// unpurged content older than the cutoff, every open old ticket's mail
// among it), about 150 ms over a million tickets: at 200 a batch that
// look was half of a night's purge of 945 tickets.
const retentionBatch = 1000

// batch is r's tickets per purge transaction.
func (r Retention) batch() int {
	if r.Batch > 0 {
		return r.Batch
	}
	return retentionBatch
}

// PurgeReport is what a purge did, or with DryRun would do.
type PurgeReport struct {
	Kind    string        `json:"kind"` // raw | closed
	Cutoff  time.Time     `json:"cutoff"`
	DryRun  bool          `json:"dry_run"`
	Tickets []string      `json:"tickets"`          // the tickets purged
	Shells  []string      `json:"kept_for_billing"` // of those, kept anonymised for their billing rows
	Tables  store.Changes `json:"tables"`
}

// PurgeRaw deletes the raw mail and attachments (stored message bytes,
// their parse, the desk's sent bodies and files) of closed tickets idle
// since before now-age, and the content no ticket holds that is as old.
// The tickets, their fields, history and the messages' metadata stay.
func (d *Desk) PurgeRaw(ctx context.Context, now time.Time, age time.Duration, dryRun bool) (PurgeReport, error) {
	rep := PurgeReport{Kind: "raw", Cutoff: now.Add(-age), DryRun: dryRun, Tickets: []string{}, Shells: []string{}, Tables: store.Changes{}}
	why := fmt.Sprintf("raw mail and attachments deleted: closed and idle since before %s", rep.Cutoff.UTC().Format(time.RFC3339))
	err := d.inBatches(ctx, dryRun, func(tx pgx.Tx, after int64) (int64, bool, error) {
		b, err := store.LockRawPurge(ctx, tx, rep.Cutoff, after, d.cfg.Retention.batch())
		if err != nil || b.Last == 0 {
			return 0, false, err
		}
		// The next look only after a full batch: a short one is every
		// ticket due but those others hold, which another look would skip
		// too, and it cost as much as this one.
		if len(b.Due) == 0 {
			return b.Last, b.Full, nil
		}
		c, err := store.PurgeRaw(ctx, tx, b.Due, rep.Cutoff, now, why)
		if err != nil {
			return 0, false, err
		}
		rep.Tables.Add(c)
		refs, err := store.TicketRefs(ctx, tx, b.Due)
		rep.Tickets = append(rep.Tickets, refs...)
		return b.Last, b.Full, err
	})
	if err != nil {
		return rep, err
	}
	err = d.inBatches(ctx, dryRun, func(tx pgx.Tx, _ int64) (int64, bool, error) {
		c, more, err := store.PurgeLoose(ctx, tx, rep.Cutoff, now, d.cfg.Retention.batch())
		if err != nil {
			return 0, false, err
		}
		rep.Tables.Add(c)
		return 0, more, nil
	})
	if err != nil {
		return rep, err
	}
	return rep, d.recordErasure(ctx, dryRun, store.Erasure{Kind: "purge_raw", At: now, Cutoff: &rep.Cutoff, Counts: rep.Tables})
}

// PurgeClosed deletes tickets closed before now-age and everything
// hanging off them, but for the billing rows finance keeps: a ticket with a
// billed, charged or paid RMA stays as an anonymised shell holding them.
// A ticket whose case still runs (see store's sqlHolds) or whose mail
// waits to be sent is never touched.
func (d *Desk) PurgeClosed(ctx context.Context, now time.Time, age time.Duration, dryRun bool) (PurgeReport, error) {
	rep := PurgeReport{Kind: "closed", Cutoff: now.Add(-age), DryRun: dryRun, Tickets: []string{}, Shells: []string{}, Tables: store.Changes{}}
	why := fmt.Sprintf("closed before %s: deleted, the billing rows kept anonymised", rep.Cutoff.UTC().Format(time.RFC3339))
	err := d.inBatches(ctx, dryRun, func(tx pgx.Tx, after int64) (int64, bool, error) {
		ds, last, err := store.LockClosedBefore(ctx, tx, rep.Cutoff, after, d.cfg.Retention.batch())
		if err != nil || last == 0 {
			return 0, false, err
		}
		if len(ds) == 0 {
			return last, true, nil
		}
		c, shells, err := store.EraseTickets(ctx, tx, ds, func(a string) string { return d.personTag("purged", a) }, now, why)
		if err != nil {
			return 0, false, err
		}
		rep.Tables.Add(c)
		for _, t := range ds {
			rep.Tickets = append(rep.Tickets, t.Ref)
		}
		rep.Shells = append(rep.Shells, shells...)
		return last, true, nil
	})
	if err != nil {
		return rep, err
	}
	return rep, d.recordErasure(ctx, dryRun, store.Erasure{Kind: "purge_closed", At: now, Cutoff: &rep.Cutoff, Counts: rep.Tables})
}

// inBatches runs step until it reports no more, each call in its own
// transaction; with dryRun all in one that is rolled back, so what a dry
// run counts is exactly what the real run would do.
func (d *Desk) inBatches(ctx context.Context, dryRun bool, step func(tx pgx.Tx, after int64) (int64, bool, error)) error {
	var after int64
	if dryRun {
		tx, err := d.bulkTx(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		for {
			next, more, err := step(tx, after)
			if err != nil || !more {
				return err
			}
			after = next
		}
	}
	for {
		next, more, err := d.batch(ctx, step, after)
		if err != nil || !more {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		after = next
	}
}

// batch runs one step of inBatches in its own transaction.
func (d *Desk) batch(ctx context.Context, step func(tx pgx.Tx, after int64) (int64, bool, error), after int64) (int64, bool, error) {
	tx, err := d.bulkTx(ctx)
	if err != nil {
		return 0, false, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	next, more, err := step(tx, after)
	if err != nil {
		return 0, false, err
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, false, fmt.Errorf("workflow: commit: %w", err)
	}
	return next, more, nil
}

// bulkTx begins a transaction of a purge or a forget. Their statements
// search the whole mail store, which on a large desk takes minutes: they get
// the retention deadline instead of the desk's, on the client and, twice
// that as a second line, as the server's statement_timeout (the
// connection's own is set from the desk's deadline).
func (d *Desk) bulkTx(ctx context.Context) (pgx.Tx, error) {
	t := d.cfg.Retention.Timeout
	tx, err := store.Rebounded(d.pool, t).BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return nil, fmt.Errorf("workflow: begin: %w", err)
	}
	// Their plans look costly enough (the planner cannot know how little
	// of the unpurged content is due) for PostgreSQL to compile them
	// (JIT): 50 ms of the purge's look at a million tickets, spent
	// before an index walk that compiling does not speed up.
	if _, err := tx.Exec(ctx, `SELECT set_config('jit', 'off', true)`); err != nil {
		tx.Rollback(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("workflow: retention jit: %w", err)
	}
	if t > 0 {
		ms := strconv.FormatInt(2*t.Milliseconds(), 10)
		if _, err := tx.Exec(ctx, `SELECT set_config('statement_timeout', $1, true)`, ms); err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
			return nil, fmt.Errorf("workflow: retention statement timeout: %w", err)
		}
	}
	return tx, nil
}

func (d *Desk) recordErasure(ctx context.Context, dryRun bool, e store.Erasure) error {
	if dryRun || e.Counts.Empty() {
		return nil
	}
	return store.RecordErasure(ctx, d.pool, e)
}

// personHash is the keyed hash that stands for an address where it is
// taken out: the HMAC of the lower-cased address under the desk's secret.
// Whoever holds the secret can tell whether an address was forgotten;
// nobody can read the address back.
func (d *Desk) personHash(addr string) string {
	h := hmac.New(sha256.New, d.cfg.Secret)
	h.Write([]byte("person:" + strings.ToLower(strings.TrimSpace(addr))))
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// personTag is what replaces a customer's address: the same person gets
// the same tag, so finance can still sum their fees.
func (d *Desk) personTag(prefix, addr string) string { return prefix + "-" + d.personHash(addr) }

// liveTicketByRef is ticketByRef for routing mail: a purged shell is not
// found, so mail naming it opens a fresh ticket.
func (r *run) liveTicketByRef(ctx context.Context, ref string) (*store.Ticket, error) {
	t, err := r.ticketByRef(ctx, ref)
	if err == nil && t.State == store.TicketPurged {
		return nil, fmt.Errorf("workflow: ticket %s was purged: %w", ref, store.ErrNotFound)
	}
	return t, err
}

// NotAddressError is forget refusing what it was given: not one bare
// address, or an address of the desk or its staff.
type NotAddressError struct{ Reason string }

func (e *NotAddressError) Error() string { return "not one customer address: " + e.Reason }

// IsNotAddress reports whether err is forget refusing its input.
func IsNotAddress(err error) bool {
	var na *NotAddressError
	return errors.As(err, &na)
}
