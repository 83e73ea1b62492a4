package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ClaimRMAStage records that stage of an RMA is done; false when it already was.
func ClaimRMAStage(ctx context.Context, db DBTX, rma int64, stage string, at time.Time, sent bool) (bool, error) {
	tag, err := db.Exec(ctx, `INSERT INTO rma_stages (rma_id, stage, at, sent) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, rma, stage, at, sent)
	if err != nil {
		return false, fmt.Errorf("store: stage %s of rma %d: %w", stage, rma, err)
	}
	return tag.RowsAffected() == 1, nil
}

// RMAStages returns when each recorded stage of an RMA was done.
func RMAStages(ctx context.Context, db DBTX, rma int64) (map[string]time.Time, error) {
	rows, err := db.Query(ctx, `SELECT stage, at FROM rma_stages WHERE rma_id = $1`, rma)
	if err != nil {
		return nil, fmt.Errorf("store: stages of rma %d: %w", rma, err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var s string
		var at time.Time
		if err := rows.Scan(&s, &at); err != nil {
			return nil, fmt.Errorf("store: stages of rma %d: %w", rma, err)
		}
		out[s] = at
	}
	return out, rows.Err()
}

// ClaimTicketStage records that stage of a ticket is done; false when it already was.
func ClaimTicketStage(ctx context.Context, db DBTX, ticket int64, stage string, at time.Time) (bool, error) {
	tag, err := db.Exec(ctx, `INSERT INTO ticket_stages (ticket_id, stage, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, ticket, stage, at)
	if err != nil {
		return false, fmt.Errorf("store: stage %s of ticket %d: %w", stage, ticket, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ClaimJobPeriod records that a once-per-period job ran for period.
func ClaimJobPeriod(ctx context.Context, db DBTX, job, period string, at time.Time) (bool, error) {
	tag, err := db.Exec(ctx, `INSERT INTO job_periods (job, period, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, job, period, at)
	if err != nil {
		return false, fmt.Errorf("store: job %s period %s: %w", job, period, err)
	}
	return tag.RowsAffected() == 1, nil
}

// JobRun is the last run of a job.
type JobRun struct {
	Job       string
	LastRunAt time.Time
	LastAsOf  time.Time
	LastDone  int
	LastError string
}

// RecordJobRun notes a job's run.
func RecordJobRun(ctx context.Context, db DBTX, r JobRun) error {
	// The failure streak and last success feed /healthz (see health.go).
	_, err := db.Exec(ctx, `INSERT INTO job_runs (job, last_run_at, last_as_of, last_done, last_error,
			consecutive_failures, failing_since, last_success_at)
		VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = '' THEN 0 ELSE 1 END,
			CASE WHEN $5 = '' THEN NULL ELSE $2::timestamptz END, CASE WHEN $5 = '' THEN $2::timestamptz END)
		ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at, last_as_of = excluded.last_as_of,
		last_done = excluded.last_done, last_error = excluded.last_error,
		consecutive_failures = CASE WHEN excluded.last_error = '' THEN 0 ELSE job_runs.consecutive_failures + 1 END,
		failing_since = CASE WHEN excluded.last_error = '' THEN NULL ELSE coalesce(job_runs.failing_since, excluded.last_run_at) END,
		last_success_at = CASE WHEN excluded.last_error = '' THEN excluded.last_run_at ELSE job_runs.last_success_at END`,
		r.Job, r.LastRunAt, r.LastAsOf, r.LastDone, r.LastError)
	if err != nil {
		return fmt.Errorf("store: job run %s: %w", r.Job, err)
	}
	return nil
}

// JobRuns returns the last run of every job that ran.
func JobRuns(ctx context.Context, db DBTX) (map[string]JobRun, error) {
	rows, _ := db.Query(ctx, `SELECT job, last_run_at, last_as_of, last_done, last_error FROM job_runs`)
	rs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[JobRun])
	if err != nil {
		return nil, fmt.Errorf("store: job runs: %w", err)
	}
	out := map[string]JobRun{}
	for _, r := range rs {
		out[r.Job] = r
	}
	return out, nil
}

// The due-work queries below each read one partial index, so their cost
// grows with what is due, not with what is stored.

// DueVoids are issued RMAs whose void date has passed.
func DueVoids(ctx context.Context, db DBTX, now time.Time, limit int) ([]int64, error) {
	return ids(ctx, db, sqlDueVoids, now, limit)
}

const sqlDueVoids = `SELECT id FROM rmas WHERE status = '` + string(RMAIssued) + `' AND void_at IS NOT NULL AND void_at <= $1
		AND (returned_at IS NULL OR returned_at > void_at) ORDER BY void_at LIMIT $2`

// DueDeadlines are RMAs with a return or void deadline between from and to.
func DueDeadlines(ctx context.Context, db DBTX, from, to time.Time, limit int) ([]int64, error) {
	return ids(ctx, db, sqlDueDeadlines, from, to, limit)
}

const sqlDueDeadlines = `(SELECT id FROM rmas WHERE status IN ('` + string(RMAIssued) + `', '` + string(RMAShipped) + `', '` + string(RMADelivered) + `') AND return_due IS NOT NULL
			AND return_due > $1 AND return_due <= $2 AND returned_at IS NULL ORDER BY return_due LIMIT $3)
		UNION
		(SELECT id FROM rmas WHERE status = '` + string(RMAIssued) + `' AND void_at IS NOT NULL AND void_at > $1 AND void_at <= $2
			AND returned_at IS NULL ORDER BY void_at LIMIT $3)`

// DueLate are advance replacements whose defective unit is overdue; with
// byPickup, one the courier picked up by its due date is not.
func DueLate(ctx context.Context, db DBTX, now time.Time, byPickup bool, limit int) ([]int64, error) {
	return ids(ctx, db, sqlDueLate, now, limit, byPickup)
}

const sqlDueLate = `SELECT id FROM rmas WHERE status IN ('` + string(RMAIssued) + `', '` + string(RMAShipped) + `', '` + string(RMADelivered) + `') AND return_due IS NOT NULL
		AND return_due <= $1 AND type = '` + string(RMAAdvance) + `' AND (NOT $3 OR returned_at IS NULL OR returned_at > return_due)
		ORDER BY return_due LIMIT $2`

// DueComponents are returned units whose missing components are overdue.
func DueComponents(ctx context.Context, db DBTX, now time.Time, limit int) ([]int64, error) {
	return ids(ctx, db, sqlDueComponents, now, limit)
}

const sqlDueComponents = `SELECT id FROM rmas WHERE components_due IS NOT NULL AND components_due <= $1
		ORDER BY components_due LIMIT $2`

// Billed are billed RMAs whose bill still has a next stage (a running fee
// not yet final, paid so far or not; a hold not yet escalated), after id
// after.
func Billed(ctx context.Context, db DBTX, after int64, limit int) ([]int64, error) {
	return ids(ctx, db, sqlBilled, after, limit)
}

const sqlBilled = `SELECT id FROM rmas r WHERE status = '` + string(RMABilled) + `' AND id > $1
		AND NOT EXISTS (SELECT 1 FROM rma_stages s WHERE s.rma_id = r.id AND s.stage IN ('final', 'terminate'))
		ORDER BY id LIMIT $2`

// Quoted are RMAs with an out-of-warranty quote given by before, after id after.
func Quoted(ctx context.Context, db DBTX, before time.Time, after int64, limit int) ([]int64, error) {
	return ids(ctx, db, sqlQuoted, before, after, limit)
}

const sqlQuoted = `SELECT id FROM rmas WHERE status = '` + string(RMAQuoted) + `' AND quoted_at <= $1 AND id > $2 ORDER BY id LIMIT $3`

// Waiting are tickets waiting on the customer since before before, after id after.
func Waiting(ctx context.Context, db DBTX, before time.Time, after int64, limit int) ([]int64, error) {
	return ids(ctx, db, sqlWaiting, before, after, limit)
}

const sqlWaiting = `SELECT id FROM tickets WHERE state IN ('` + string(TicketAwaitingInfo) + `', '` + string(TicketAwaitingCustomer) + `')
		AND waiting_since <= $1 AND id > $2 ORDER BY id LIMIT $3`

// ExplainDue returns the query plan of every due-work query as of now, so a
// test can prove the jobs read indexes, not whole tables.
func ExplainDue(ctx context.Context, db DBTX, now time.Time) (map[string]string, error) {
	qs := map[string][]any{
		"void":          {sqlDueVoids, now, 5000},
		"deadlines":     {sqlDueDeadlines, now, now.AddDate(0, 0, 20), 5000},
		"late":          {sqlDueLate, now, 5000, true},
		"billed":        {sqlBilled, 0, 5000},
		"quoted":        {sqlQuoted, now, 0, 5000},
		"waiting":       {sqlWaiting, now, 0, 5000},
		"components":    {sqlDueComponents, now, 5000},
		"promises":      {sqlDuePromises, now, 5000},
		"waiting on us": {sqlWaitingOnUs, 50},
		// Per message, not per job: what a unit's coverage reads.
		"last repair":       {sqlLastRepair, "QTFCQ0000000001"},
		"asset or original": {sqlAssetOrOriginal, "QTFCQ0000000001"},
		"earlier rmas":      {sqlEarlierRMAs, []string{"QTFCQ0000000001"}, int64(0), 10},
	}
	out := map[string]string{}
	for name, q := range qs {
		rows, err := db.Query(ctx, "EXPLAIN "+q[0].(string), q[1:]...)
		if err != nil {
			return nil, fmt.Errorf("store: explain %s: %w", name, err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, fmt.Errorf("store: explain %s: %w", name, err)
		}
		out[name] = strings.Join(lines, "\n")
	}
	return out, nil
}

func ids(ctx context.Context, db DBTX, q string, args ...any) ([]int64, error) {
	rows, _ := db.Query(ctx, q, args...)
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: due work: %w", err)
	}
	return out, nil
}

// LockWait is how a job's lock treats a row another transaction holds.
type LockWait bool

const (
	// SkipLocked passes over it (ok false): the job's first pass, which
	// must not queue behind mail being routed or another replica.
	SkipLocked LockWait = false
	// WaitLocked waits for it, as long as the transaction's lock_timeout:
	// the pass over the cases the first one skipped.
	WaitLocked LockWait = true
)

func (l LockWait) clause() string {
	if l == WaitLocked {
		return " FOR UPDATE"
	}
	return " FOR UPDATE SKIP LOCKED"
}

// LockRMA locks one RMA for a job; ok is false when it is skipped (held
// by another transaction) or gone.
func LockRMA(ctx context.Context, db DBTX, id int64, wait LockWait) (RMA, bool, error) {
	return lockOne(ctx, db, scanRMA, "rma", id, `SELECT `+rmaCols+` FROM rmas WHERE id = $1`+wait.clause())
}

// LockRMATicket locks the ticket of an RMA for a job, in one round trip:
// ok is false when it is skipped (held by another transaction) or the RMA
// is gone (a purge took it since the job listed it: nothing is left to do).
func LockRMATicket(ctx context.Context, db DBTX, rma int64, wait LockWait) (Ticket, bool, error) {
	return lockOne(ctx, db, scanTicket, "the ticket of rma", rma,
		`SELECT `+ticketCols+` FROM tickets WHERE id = (SELECT ticket_id FROM rmas WHERE id = $1)`+wait.clause())
}

// LockTicket locks one ticket for a job; ok is false when it is skipped
// (held by another transaction) or gone.
func LockTicket(ctx context.Context, db DBTX, id int64, wait LockWait) (Ticket, bool, error) {
	return lockOne(ctx, db, scanTicket, "ticket", id, `SELECT `+ticketCols+` FROM tickets WHERE id = $1`+wait.clause())
}

// lockOne runs a job's locking query q of the row what id ($1); ok is
// false when it returned none.
func lockOne[T any](ctx context.Context, db DBTX, scan pgx.RowToFunc[T], what string, id int64, q string) (T, bool, error) {
	rows, _ := db.Query(ctx, q, id)
	out, err := pgx.CollectRows(rows, scan)
	if err != nil {
		var zero T
		return zero, false, fmt.Errorf("store: lock %s %d: %w", what, id, err)
	}
	if len(out) == 0 {
		var zero T
		return zero, false, nil
	}
	return out[0], true, nil
}

// CancelClockMail cancels clock notices of an RMA (or, with rma 0, of a
// ticket) that are queued or held and not yet sent: the case they were about
// has moved on.
func CancelClockMail(ctx context.Context, db DBTX, ticket, rma int64) (int64, error) {
	var tag interface{ RowsAffected() int64 }
	var err error
	if rma != 0 {
		tag, err = db.Exec(ctx, `UPDATE outbox SET status = '`+string(OutboxCancelled)+`', last_error = 'case moved on before sending'
			WHERE rma_id = $1 AND clock AND status IN ('`+string(OutboxQueued)+`', '`+string(OutboxHeld)+`')`, rma)
	} else {
		tag, err = db.Exec(ctx, `UPDATE outbox SET status = '`+string(OutboxCancelled)+`', last_error = 'case moved on before sending'
			WHERE ticket_id = $1 AND rma_id IS NULL AND clock AND status IN ('`+string(OutboxQueued)+`', '`+string(OutboxHeld)+`')`, ticket)
	}
	if err != nil {
		return 0, fmt.Errorf("store: cancel clock mail: %w", err)
	}
	return tag.RowsAffected(), nil
}

// OpenBilling lists billed RMAs not yet paid, for finance's digest.
type BillingItem struct {
	Number, Ticket, Customer, Serial, Model, Type, Status, Currency string
	Amount                                                          *string
	BilledAt                                                        *time.Time
	ReturnDue                                                       *time.Time
	ReceivedAt                                                      *time.Time
}

// OpenBilling returns every open billing item.
func OpenBilling(ctx context.Context, db DBTX) ([]BillingItem, error) {
	rows, _ := db.Query(ctx, `SELECT r.number, t.ref, t.customer_address, r.serial_number, r.model, r.type, r.status,
		r.currency, r.amount::text, r.billed_at, r.return_due, r.received_at
		FROM rmas r JOIN tickets t ON t.id = r.ticket_id
		WHERE r.billed_at IS NOT NULL AND r.paid_at IS NULL AND r.status <> '`+string(RMAClosed)+`' ORDER BY r.billed_at, r.id`)
	items, err := pgx.CollectRows(rows, pgx.RowToStructByPos[BillingItem])
	if err != nil {
		return nil, fmt.Errorf("store: open billing: %w", err)
	}
	return items, nil
}

// Held is an RMA that may keep an account on support hold, and the
// customer address of its ticket.
type Held struct{ Number, Address string }

// SupportHolds lists the RMAs billed for an advance replacement whose unit
// is not back and whose bill is unpaid, of customers at domain or one of
// its subdomains: the caller decides which of them are the same account.
func SupportHolds(ctx context.Context, db DBTX, domain string) ([]Held, error) {
	rows, _ := db.Query(ctx, `SELECT r.number, t.customer_address FROM rmas r JOIN tickets t ON t.id = r.ticket_id
		WHERE r.status = '`+string(RMABilled)+`' AND r.paid_at IS NULL AND r.received_at IS NULL
			AND (lower(split_part(t.customer_address, '@', 2)) = lower($1)
				OR lower(split_part(t.customer_address, '@', 2)) LIKE '%.' || lower($1))
		ORDER BY r.billed_at`, domain)
	hs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Held])
	if err != nil {
		return nil, fmt.Errorf("store: support holds at %s: %w", domain, err)
	}
	return hs, nil
}

// Stages are the stages claimed so far, by case id and stage.
type Stages map[int64]map[string]bool

// Has reports whether case id has claimed stage.
func (s Stages) Has(id int64, stage string) bool { return s[id][stage] }

// PeekRMAs returns the RMAs of ids and the stages they have claimed,
// without locking: a job's first look, so that only the cases with work
// to do are locked and looked at again in a transaction of their own.
func PeekRMAs(ctx context.Context, db DBTX, ids []int64) ([]RMA, Stages, error) {
	rows, _ := db.Query(ctx, `SELECT `+rmaCols+` FROM rmas WHERE id = ANY($1) ORDER BY id`, ids)
	ms, err := pgx.CollectRows(rows, scanRMA)
	if err != nil {
		return nil, nil, fmt.Errorf("store: peek rmas: %w", err)
	}
	st, err := stages(ctx, db, `SELECT rma_id, stage FROM rma_stages WHERE rma_id = ANY($1)`, ids)
	return ms, st, err
}

// PeekTickets is PeekRMAs for tickets, with only what the waiting clocks
// read: ID, State and WaitingSince.
func PeekTickets(ctx context.Context, db DBTX, ids []int64) ([]Ticket, Stages, error) {
	rows, _ := db.Query(ctx, `SELECT id, state, waiting_since FROM tickets WHERE id = ANY($1) ORDER BY id`, ids)
	ts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Ticket, error) {
		var t Ticket
		return t, row.Scan(&t.ID, &t.State, &t.WaitingSince)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: peek tickets: %w", err)
	}
	st, err := stages(ctx, db, `SELECT ticket_id, stage FROM ticket_stages WHERE ticket_id = ANY($1)`, ids)
	return ts, st, err
}

func stages(ctx context.Context, db DBTX, q string, ids []int64) (Stages, error) {
	rows, err := db.Query(ctx, q, ids)
	if err != nil {
		return nil, fmt.Errorf("store: stages: %w", err)
	}
	defer rows.Close()
	out := Stages{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return nil, fmt.Errorf("store: stages: %w", err)
		}
		if out[id] == nil {
			out[id] = map[string]bool{}
		}
		out[id][s] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stages: %w", err)
	}
	return out, nil
}
