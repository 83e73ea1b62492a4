package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/parser"
	"rmad/store"
)

// Job is one clock of the desk. Jobs take now as an argument, find due work
// through indexes, and handle each case in its own transaction that claims a
// (case, stage) row: whichever process runs it, and however often, each
// reminder, void and notice happens once.
type Job struct {
	Name        string
	Description string
	Schedule    string // default cron schedule, in the policy's time zone
	run         func(d *Desk, ctx context.Context, now time.Time) (int, error)
}

// ErrUnknownJob is returned by RunJob for a name no job has.
var ErrUnknownJob = errors.New("workflow: unknown job")

// Jobs lists the desk's scheduled jobs: the one table of names, schedules
// and what each runs.
func Jobs() []Job {
	return []Job{
		{"reminders", "return reminders before return and void deadlines", "*/15 * * * *", (*Desk).jobReminders},
		{"void", "void RMAs whose unit has not arrived by their void date", "5,35 * * * *", (*Desk).jobVoid},
		{"billing", "overdue advance replacements: billing, running late fees, support holds, terminations", "10,40 * * * *", (*Desk).jobBilling},
		{"quotes", "out-of-warranty quotes: not accepted, final reminder, disposal", "20 * * * *", (*Desk).jobQuotes},
		{"waiting", "cases waiting on the customer: reminders and closing", "25 * * * *", (*Desk).jobWaiting},
		{"digest", "once a day, a mail to finance with a CSV of every open billing item", "0 8 * * *", (*Desk).jobDigest},
	}
}

// batch bounds how much one run takes on; the next run continues.
const batch = 5000

// RunJob runs one job (or "all") as of now and returns how many cases it handled.
func (d *Desk) RunJob(ctx context.Context, name string, now time.Time) (int, error) {
	if name == "all" {
		total := 0
		for _, j := range Jobs() {
			n, err := d.RunJob(ctx, j.Name, now)
			total += n
			if err != nil {
				return total, err
			}
		}
		return total, nil
	}
	i := slices.IndexFunc(Jobs(), func(j Job) bool { return j.Name == name })
	if i < 0 {
		return 0, fmt.Errorf("%w %q", ErrUnknownJob, name)
	}
	n, err := Jobs()[i].run(d, ctx, now)
	if err != nil {
		err = fmt.Errorf("workflow: job %s: %w", name, err)
	}
	rec := store.JobRun{Job: name, LastRunAt: now, LastAsOf: now, LastDone: n}
	if err != nil {
		rec.LastError = err.Error()
	}
	if rerr := store.RecordJobRun(ctx, d.pool, rec); rerr != nil && err == nil {
		err = rerr
	}
	if n > 0 {
		d.log.Info("job ran", "job", name, "done", n, "as_of", now)
	}
	return n, err
}

// perCase runs fn in its own transaction as of now; fn reports whether it did anything.
func (d *Desk) perCase(ctx context.Context, now time.Time, fn func(r *run) (bool, error)) (bool, error) {
	var did bool
	var queued int
	err := pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		r := &run{d: d, tx: tx, in: Inbound{At: now}, m: prepared{parse: &parser.Message{}}, auto: "auto-generated"}
		var err error
		did, err = fn(r)
		queued = r.queued
		return err
	})
	if err != nil {
		return false, err
	}
	if queued > 0 && d.queued != nil {
		d.queued()
	}
	return did, nil
}

// oneRMA runs fn on one RMA in its own transaction as of now, the RMA and
// its ticket locked; an RMA another runner holds is skipped (it does the
// work). fn reports whether it did anything.
func (d *Desk) oneRMA(ctx context.Context, now time.Time, id int64, fn func(r *run, m *store.RMA, t *store.Ticket) (bool, error)) (bool, error) {
	return d.perCase(ctx, now, func(r *run) (bool, error) {
		m, t, ok, err := r.rmaCase(ctx, id)
		if err != nil || !ok {
			return false, err
		}
		return fn(r, m, t)
	})
}

// rmaCase locks an RMA and its ticket for a job; ok is false when another
// runner holds the RMA (it will do the work).
//
// Locks are taken ticket first, then RMA, the order mail and commands use,
// so a job and an agent's command never deadlock on one case.
func (r *run) rmaCase(ctx context.Context, id int64) (*store.RMA, *store.Ticket, bool, error) {
	tid, err := store.RMATicketID(ctx, r.tx, id)
	if err != nil {
		return nil, nil, false, err
	}
	t, ok, err := store.LockTicket(ctx, r.tx, tid)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	m, ok, err := store.LockRMA(ctx, r.tx, id)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	r.mb, _ = r.d.mailbox(t.Mailbox)
	return &m, &t, true, nil
}

func (r *run) jobEvent(ctx context.Context, m *store.RMA, to store.RMAStatus, detail string) error {
	return r.setStatus(ctx, m, to, Cause{Kind: "job"}, detail)
}

// pages walks due work in id order, a page at a time, so cases that stay
// open for long (an unpaid bill, a quote the customer answered) never keep
// newer ones from being looked at.
func (d *Desk) pages(ctx context.Context, page func(after int64) ([]int64, error), each func(id int64) (bool, error)) (int, error) {
	done := 0
	var after int64
	for {
		ids, err := page(after)
		if err != nil {
			return done, err
		}
		for _, id := range ids {
			did, err := each(id)
			if err != nil {
				return done, err
			}
			if did {
				done++
			}
			after = id
		}
		if len(ids) < batch || ctx.Err() != nil {
			return done, ctx.Err()
		}
	}
}
