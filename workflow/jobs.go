package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"rmad/store"
)

// Job is one clock of the desk. Jobs take now as an argument, find due work
// through indexes, and handle their cases a group per transaction
// (eachCase), each case claiming a (case, stage) row: whichever process
// runs it, and however often, each reminder, void and notice happens once.
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
		{"failures", "mail of a ticket that failed for good: shown to the agents once", "*/5 * * * *", (*Desk).jobFailures},
		{"promises", "promises to customers: a warning to the agents one business day before one is due, a notice when it breaks", "*/15 * * * *", (*Desk).jobPromises},
		{"agents_digest", "once a day, a mail to the agents: tickets waiting on us, promises due, overdue RMAs, quarantined mail", "0 8 * * 1-5", (*Desk).jobAgentsDigest},
		{"retention", "nightly: closed tickets and raw mail past the [retention] ages deleted, billing rows kept anonymised", "30 3 * * *", (*Desk).jobRetention},
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

// rmaCase locks an RMA and its ticket for a job; ok is false when another
// transaction holds either (the case is marked skipped: see eachCase).
//
// Locks are taken ticket first, then RMA, the order mail and commands use,
// so a job and an agent's command never deadlock on one case.
func (w *work) rmaCase(ctx context.Context, id int64) (*store.RMA, *store.Ticket, bool, error) {
	t, ok, err := store.LockRMATicket(ctx, w.tx, id, w.lockWait)
	if err != nil || !ok {
		w.lockSkipped(ok)
		return nil, nil, false, err
	}
	m, ok, err := store.LockRMA(ctx, w.tx, id, w.lockWait)
	if err != nil || !ok {
		w.lockSkipped(ok)
		return nil, nil, false, err
	}
	return &m, &t, true, nil
}

// lockSkipped notes a job's lock that returned no row (ok false) on the
// first pass: another transaction may hold it, and the case is looked at
// again once the pass is over.
func (w *work) lockSkipped(ok bool) {
	if !ok && w.lockWait == store.SkipLocked {
		w.skipped = true
	}
}

func (w *work) jobEvent(ctx context.Context, m *store.RMA, to store.RMAStatus, detail string) error {
	return w.setStatus(ctx, m, to, Cause{Kind: "job"}, detail)
}

// pages walks due work in id order, a page at a time, so cases that stay
// open for long (an unpaid bill, a quote the customer answered) never keep
// newer ones from being looked at. run handles one page (eachCase).
func (d *Desk) pages(ctx context.Context, page func(after int64) ([]int64, error), run func(ids []int64) (int, error)) (int, error) {
	done := 0
	var after int64
	for {
		ids, err := page(after)
		if err != nil {
			return done, err
		}
		n, err := run(ids)
		done += n
		if err != nil {
			return done, err
		}
		if len(ids) < batch || ctx.Err() != nil {
			return done, ctx.Err()
		}
		after = ids[len(ids)-1]
	}
}

// eachRMA runs fn on each of the RMAs ids, the RMA and its ticket locked,
// as eachCase does, and counts the RMAs it did something to.
func (d *Desk) eachRMA(ctx context.Context, now time.Time, ids []int64, fn func(w *work, m *store.RMA, t *store.Ticket) (bool, error)) (int, error) {
	return d.eachCase(ctx, now, ids, rmaStep(ctx, fn))
}
