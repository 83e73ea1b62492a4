package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// HoldNoticeTemplate is the template of the notice that mail is held: one
// is waiting to be sent at most (PendingHoldNotice).
const HoldNoticeTemplate = "outbox_held"

// ErrNotHeld is returned when an operator's retry or drop names a mail in a
// state it does not apply to.
var ErrNotHeld = errors.New("store: not held")

// MarkOutboxHeld keeps row id, out of attempts on temporary failures, for an
// operator to decide on.
func MarkOutboxHeld(ctx context.Context, db DBTX, id int64, now time.Time, reason string) error {
	_, err := db.Exec(ctx, `UPDATE outbox SET status = '`+string(OutboxHeld)+`', lease_until = NULL, last_error = $3, held_at = $2
		WHERE id = $1 AND status = '`+string(OutboxSending)+`'`, id, now, reason)
	if err != nil {
		return fmt.Errorf("store: outbox %d held: %w", id, err)
	}
	return nil
}

// HeldMail is what the notice and the operator see of the held mail.
type HeldMail struct {
	Count  int
	Oldest time.Time // the earliest queued_at among them
	First  []OutMail // the oldest few
}

// HeldOutbox counts the held mail and returns the oldest limit of them.
func HeldOutbox(ctx context.Context, db DBTX, limit int) (HeldMail, error) {
	var h HeldMail
	var oldest *time.Time
	if err := db.QueryRow(ctx, `SELECT count(*), min(queued_at) FROM outbox WHERE status = '`+string(OutboxHeld)+`'`).Scan(&h.Count, &oldest); err != nil {
		return h, fmt.Errorf("store: count held mail: %w", err)
	}
	if oldest != nil {
		h.Oldest = *oldest
	}
	rows, _ := db.Query(ctx, `SELECT `+outCols+` FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
		WHERE o.status = '`+string(OutboxHeld)+`' ORDER BY o.id LIMIT $1`, limit)
	first, err := pgx.CollectRows(rows, scanOut)
	if err != nil {
		return h, fmt.Errorf("store: list held mail: %w", err)
	}
	h.First = first
	return h, nil
}

// PendingHoldNotice returns the notice about held mail that is waiting to
// be sent (id 0 when none); while one is, no other is queued (one per
// outage). leased says a sender has it in hand, so it must not be changed.
func PendingHoldNotice(ctx context.Context, db DBTX) (id int64, leased bool, err error) {
	var st OutboxStatus
	err = db.QueryRow(ctx, `SELECT id, status FROM outbox WHERE template = '`+HoldNoticeTemplate+`'
		AND status IN ('`+string(OutboxQueued)+`', '`+string(OutboxSending)+`') ORDER BY id LIMIT 1`).Scan(&id, &st)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: pending hold notice: %w", err)
	}
	return id, st == OutboxSending, nil
}

// RewriteQueued replaces the subject and body of row id while it is queued
// and has never been accepted by a server: the notice about held mail keeps
// its count current until it goes out.
func RewriteQueued(ctx context.Context, db DBTX, id int64, subject, body string) error {
	_, err := db.Exec(ctx, `UPDATE outbox SET subject = $2, body = $3 WHERE id = $1 AND status = '`+string(OutboxQueued)+`'`, id, subject, body)
	if err != nil {
		return fmt.Errorf("store: rewrite outbox %d: %w", id, err)
	}
	return nil
}

// heldMovedOn says a held row's RMA changed after the mail was queued: a
// payment, a receipt, a voiding. Such mail is out of date (a quote
// reminder or a termination notice for an RMA since paid, a bill since
// settled), so releasing every held mail at once must not send it; the
// minute keeps out the events of the very transaction that queued it (its
// queued_at is the database's clock, the events the desk's).
const heldMovedOn = `EXISTS (SELECT 1 FROM rma_events e WHERE e.rma_id = outbox.rma_id AND e.at > outbox.queued_at + interval '1 minute')`

// RequeueHeld puts held mail back in the queue, due at now with a fresh
// count of attempts: row id, or every held row when id is 0 except those
// whose RMA moved on since they were queued (MovedOnHeld lists them; they
// wait for an operator's decision one by one). It returns the ids
// requeued; a named row that is not held is ErrNotHeld.
func RequeueHeld(ctx context.Context, db DBTX, id int64, now time.Time) ([]int64, error) {
	rows, _ := db.Query(ctx, `UPDATE outbox SET status = '`+string(OutboxQueued)+`', next_attempt_at = $2, attempts = 0, held_at = NULL
		WHERE status = '`+string(OutboxHeld)+`' AND ($1 = 0 OR id = $1) AND ($1 <> 0 OR NOT `+heldMovedOn+`) RETURNING id`, id, now)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: requeue held mail: %w", err)
	}
	if id != 0 && len(ids) == 0 {
		return nil, outboxStateErr(ctx, db, id)
	}
	return ids, nil
}

// DropOutbox fails held or queued row id for good with reason. It then
// takes the path of a mail the server refused: the failures job shows it to
// the ticket's agents.
func DropOutbox(ctx context.Context, db DBTX, id int64, now time.Time, reason string) error {
	tag, err := db.Exec(ctx, `UPDATE outbox SET status = '`+string(OutboxFailed)+`', last_error = $3, next_attempt_at = $2, held_at = NULL
		WHERE id = $1 AND status IN ('`+string(OutboxHeld)+`', '`+string(OutboxQueued)+`')`, id, now, reason)
	if err != nil {
		return fmt.Errorf("store: drop outbox %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return outboxStateErr(ctx, db, id)
	}
	return nil
}

// outboxStateErr explains why row id could not be retried or dropped.
func outboxStateErr(ctx context.Context, db DBTX, id int64) error {
	var st OutboxStatus
	err := db.QueryRow(ctx, `SELECT status FROM outbox WHERE id = $1`, id).Scan(&st)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("store: outbox %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("store: outbox %d: %w", id, err)
	}
	return fmt.Errorf("store: outbox %d is %s: %w", id, st, ErrNotHeld)
}

// MovedOnHeld lists the held rows whose RMA moved on after they were
// queued, by id: what RequeueHeld with id 0 leaves held.
func MovedOnHeld(ctx context.Context, db DBTX) ([]int64, error) {
	rows, _ := db.Query(ctx, `SELECT id FROM outbox WHERE status = '`+string(OutboxHeld)+`' AND `+heldMovedOn+` ORDER BY id`)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: held mail whose case moved on: %w", err)
	}
	return ids, nil
}
