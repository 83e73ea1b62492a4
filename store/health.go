package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// What /healthz and /metrics read: the jobs' failure streaks, the outbox
// backlog and the quarantine. Each is one indexed query, cheap enough to run
// on every scrape.

// JobHealth is how a job has been doing, over every process on the database.
type JobHealth struct {
	Job                 string
	LastRunAt           time.Time
	LastError           string
	ConsecutiveFailures int
	FailingSince        *time.Time
	LastSuccessAt       *time.Time
	LastDuration        time.Duration
}

// JobsHealth returns the health of every job that ran.
func JobsHealth(ctx context.Context, db DBTX) ([]JobHealth, error) {
	rows, _ := db.Query(ctx, `SELECT job, last_run_at, last_error, consecutive_failures, failing_since, last_success_at,
		last_duration_ms FROM job_runs ORDER BY job`)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (JobHealth, error) {
		var j JobHealth
		var ms int64
		err := row.Scan(&j.Job, &j.LastRunAt, &j.LastError, &j.ConsecutiveFailures, &j.FailingSince, &j.LastSuccessAt, &ms)
		j.LastDuration = time.Duration(ms) * time.Millisecond
		return j, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: jobs health: %w", err)
	}
	return out, nil
}

// RecordJobDuration notes how long a job's last run took; the run itself is
// recorded by RecordJobRun.
func RecordJobDuration(ctx context.Context, db DBTX, job string, d time.Duration) error {
	_, err := db.Exec(ctx, `UPDATE job_runs SET last_duration_ms = $2 WHERE job = $1`, job, d.Milliseconds())
	if err != nil {
		return fmt.Errorf("store: job duration %s: %w", job, err)
	}
	return nil
}

// Backlog is the unsent part of the outbox: queued or being sent, and held
// for an operator after a long relay outage.
type Backlog struct {
	Depth        int
	OldestQueued *time.Time // nil when nothing is waiting
	Held         int
	OldestHeld   *time.Time // when the first of the held mails was held
}

// OutboxBacklog counts the mail not yet sent and finds the oldest. It reads
// the partial indexes of queued, sending and held rows (outbox_due,
// outbox_leased, outbox_held), never the sent history: one branch per
// status, since for "status IN (...)" PostgreSQL combines no partial
// indexes and read the whole outbox instead (2.4 s at two million mails,
// on every health check).
func OutboxBacklog(ctx context.Context, db DBTX) (Backlog, error) {
	var b Backlog
	err := db.QueryRow(ctx, sqlOutboxBacklog).Scan(&b.Depth, &b.OldestQueued, &b.Held, &b.OldestHeld)
	if err != nil {
		return b, fmt.Errorf("store: outbox backlog: %w", err)
	}
	return b, nil
}

const sqlOutboxBacklog = `SELECT count(*) FILTER (WHERE status <> '` + string(OutboxHeld) + `'),
		min(queued_at) FILTER (WHERE status <> '` + string(OutboxHeld) + `'),
		count(*) FILTER (WHERE status = '` + string(OutboxHeld) + `'),
		min(held_at) FILTER (WHERE status = '` + string(OutboxHeld) + `')
		FROM (SELECT status, queued_at, held_at FROM outbox WHERE status = '` + string(OutboxQueued) + `'
			UNION ALL SELECT status, queued_at, held_at FROM outbox WHERE status = '` + string(OutboxSending) + `'
			UNION ALL SELECT status, queued_at, held_at FROM outbox WHERE status = '` + string(OutboxHeld) + `') o`

// ExplainOutboxBacklog is OutboxBacklog's query plan, so a test can prove
// it reads only the mail not yet sent.
func ExplainOutboxBacklog(ctx context.Context, db DBTX) (string, error) {
	rows, _ := db.Query(ctx, "EXPLAIN "+sqlOutboxBacklog)
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", fmt.Errorf("store: explain outbox backlog: %w", err)
	}
	return strings.Join(lines, "\n"), nil
}

// QuarantineSize counts quarantined messages not yet replayed.
func QuarantineSize(ctx context.Context, db DBTX) (int, error) {
	var n int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM quarantine WHERE replayed_at IS NULL`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: quarantine size: %w", err)
	}
	return n, nil
}
