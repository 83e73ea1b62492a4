package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// MailboxMark returns the committed UID mark of a mailbox, zero when none.
func MailboxMark(ctx context.Context, db DBTX, mailbox string) (uidValidity, uid uint32, err error) {
	var v, u int64
	err = db.QueryRow(ctx, `SELECT uidvalidity, last_uid FROM mailbox_marks WHERE mailbox = $1`, mailbox).Scan(&v, &u)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("store: mark of %s: %w", mailbox, err)
	}
	return uint32(v), uint32(u), nil
}

// SetMailboxMark advances (or, on a new UIDVALIDITY, resets) a mailbox's mark.
func SetMailboxMark(ctx context.Context, db DBTX, mailbox string, uidValidity, uid uint32) error {
	_, err := db.Exec(ctx, `INSERT INTO mailbox_marks (mailbox, uidvalidity, last_uid) VALUES ($1, $2, $3)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity,
		last_uid = CASE WHEN mailbox_marks.uidvalidity = excluded.uidvalidity
			THEN greatest(mailbox_marks.last_uid, excluded.last_uid) ELSE excluded.last_uid END`,
		mailbox, int64(uidValidity), int64(uid))
	if err != nil {
		return fmt.Errorf("store: mark of %s: %w", mailbox, err)
	}
	return nil
}

// RecordFailure counts one failed try of a message and returns the count.
func RecordFailure(ctx context.Context, db DBTX, mailbox string, uidValidity, uid uint32, cause string, now time.Time) (int, error) {
	var n int
	err := db.QueryRow(ctx, `INSERT INTO message_failures (mailbox, uidvalidity, uid, attempts, last_error, updated_at)
		VALUES ($1, $2, $3, 1, $4, $5)
		ON CONFLICT (mailbox, uidvalidity, uid) DO UPDATE SET attempts = message_failures.attempts + 1,
		last_error = excluded.last_error, updated_at = excluded.updated_at RETURNING attempts`,
		mailbox, int64(uidValidity), int64(uid), cause, now).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: failure of %s/%d: %w", mailbox, uid, err)
	}
	return n, nil
}

// Quarantined is a message set aside after failing processing.
type Quarantined struct {
	ID          int64
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	Raw         []byte
	Error       string
	Attempts    int
	CreatedAt   time.Time
	ReplayedAt  *time.Time
}

// Quarantine keeps a failing message aside. It reports false when it was
// already quarantined.
func Quarantine(ctx context.Context, db DBTX, q Quarantined) (int64, bool, error) {
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO quarantine (mailbox, uidvalidity, uid, raw, error, attempts, created_at)
		VALUES ($1, $2, $3, $4, $5, greatest($6, coalesce((SELECT attempts FROM message_failures
			WHERE mailbox = $1 AND uidvalidity = $2 AND uid = $3), 0)), $7) ON CONFLICT DO NOTHING RETURNING id`,
		q.Mailbox, int64(q.UIDValidity), int64(q.UID), q.Raw, q.Error, q.Attempts, q.CreatedAt).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: quarantine %s/%d: %w", q.Mailbox, q.UID, err)
	}
	return id, true, nil
}

// ListQuarantine lists quarantined messages not yet replayed.
func ListQuarantine(ctx context.Context, db DBTX) ([]Quarantined, error) {
	rows, _ := db.Query(ctx, `SELECT id, mailbox, uidvalidity, uid, raw, error, attempts, created_at, replayed_at
		FROM quarantine WHERE replayed_at IS NULL ORDER BY id`)
	qs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Quarantined, error) {
		var q Quarantined
		var v, u int64
		err := r.Scan(&q.ID, &q.Mailbox, &v, &u, &q.Raw, &q.Error, &q.Attempts, &q.CreatedAt, &q.ReplayedAt)
		q.UIDValidity, q.UID = uint32(v), uint32(u)
		return q, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list quarantine: %w", err)
	}
	return qs, nil
}

// MarkReplayed records that a quarantined message was processed again.
func MarkReplayed(ctx context.Context, db DBTX, id int64, now time.Time) error {
	_, err := db.Exec(ctx, `UPDATE quarantine SET replayed_at = $2 WHERE id = $1`, id, now)
	if err != nil {
		return fmt.Errorf("store: quarantine %d: %w", id, err)
	}
	return nil
}

// Setting returns a stored setting, creating it with value when absent, so
// concurrent first starts agree on one value.
func Setting(ctx context.Context, db DBTX, key, value string) (string, error) {
	if _, err := db.Exec(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING`, key, value); err != nil {
		return "", fmt.Errorf("store: setting %s: %w", key, err)
	}
	var v string
	if err := db.QueryRow(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v); err != nil {
		return "", fmt.Errorf("store: setting %s: %w", key, err)
	}
	return v, nil
}

// LeaseMailbox takes or renews the lease on a mailbox for holder, for ttl
// from the database's clock (the one clock every process shares). It reports
// whether holder has the lease.
func LeaseMailbox(ctx context.Context, db DBTX, mailbox, holder string, ttl time.Duration) (bool, error) {
	var got string
	err := db.QueryRow(ctx, `INSERT INTO mailbox_leases (mailbox, holder, until) VALUES ($1, $2, now() + $3::interval)
		ON CONFLICT (mailbox) DO UPDATE SET holder = excluded.holder, until = excluded.until
		WHERE mailbox_leases.holder = excluded.holder OR mailbox_leases.until < now()
		RETURNING holder`, mailbox, holder, ttl.String()).Scan(&got)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: lease of %s: %w", mailbox, err)
	}
	return got == holder, nil
}
