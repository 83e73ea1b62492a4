package workflow

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/store"
)

// work is one transaction of the desk acting on its cases: routing a mail,
// an agent's command from the CLI, or a job's pass over one case. Everything
// it changes commits together; the sender learns of its mail only after the
// commit (Desk.inTx), or it would look before there is anything to send.
type work struct {
	d      *Desk
	tx     pgx.Tx
	now    time.Time           // what the work acts as of: the mail's arrival, the command's --at, the job's run
	auto   store.AutoSubmitted // of customer updates: set when a job, not a person, acts
	queued int                 // mails queued in tx
	tally  *autoCounts         // automatic answers counted in tx, written before it commits
	// admitted is the automatic answers rateLimit let through and counted,
	// by rate key, that queue has not queued yet.
	admitted map[string]int

	// mail is the message this work answers; nil when a job or the CLI acts.
	mail *mailIn

	created   int64 // the ticket this work opened, if any: it has no thread yet
	roots     map[string]string
	assets    map[string]*store.Asset // registry lookups of this work
	attention []string                // lines for agents about what the desk held back

	// lockWait is how a job's locks treat a row another transaction holds
	// (skip it on the first pass, wait for it on the second); skipped is
	// set when a lock of the first pass took nothing.
	lockWait store.LockWait
	skipped  bool
}

// mailIn is what routing learned of the message a work answers.
type mailIn struct {
	m           prepared
	msgID       int64
	auth        senderAuth // what our receiving server said of the sender
	unitsCapped bool       // the message listed more units than the desk keeps
}

// inTx runs fn as one unit of work as of now, in its own transaction, and
// wakes the sender once it has committed mail. Its automatic answers are
// counted where the desk's other transactions see them before it commits
// (sharedCounts), as a batch of mail's are: a job's case or an agent's
// command beside the mail being routed must not let a cap be passed.
func (d *Desk) inTx(ctx context.Context, now time.Time, auto store.AutoSubmitted, fn func(w *work) error) error {
	var queued int
	ac := d.sharedCounts()
	defer ac.release()
	err := pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		w := &work{d: d, tx: tx, now: now, auto: auto, tally: ac}
		if err := fn(w); err != nil {
			return err
		}
		queued = w.queued
		return w.tally.flush(ctx, tx)
	})
	if err == nil && queued > 0 && d.queued != nil {
		d.queued()
	}
	return err
}

// sender is what authentication said of the mail being answered; a job's or
// the CLI's work has no sender and so no authentication.
func (w *work) sender() senderAuth {
	if w.mail == nil {
		return senderAuth{}
	}
	return w.mail.auth
}
