package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// PromiseKind is what the desk promised a customer.
type PromiseKind string

const (
	// PromiseApproval: an answer on an RMA request waiting for an agent
	// ("you will hear from us by ..."): approval.within.
	PromiseApproval PromiseKind = "approval"
	// PromiseTurnaround: the repaired or replacement unit on its way back
	// within standard.turnaround of the unit's arrival.
	PromiseTurnaround PromiseKind = "turnaround"
	// PromiseReply: an agent's answer to a new ticket: support.reply_within.
	PromiseReply PromiseKind = "reply"
)

// Promise is one clock the desk runs for a promise to a customer.
type Promise struct {
	ID         int64
	TicketID   int64
	RMAID      *int64
	Kind       PromiseKind
	MadeAt     time.Time
	DueAt      time.Time
	WarnAt     time.Time
	KeptAt     *time.Time
	WarnedAt   *time.Time
	BreachedAt *time.Time
}

const promiseCols = `id, ticket_id, rma_id, kind, made_at, due_at, warn_at, kept_at, warned_at, breached_at`

// MakePromise records a promise and returns when it is due: a promise of
// that kind already made on the RMA (or the ticket) stands, and its date is
// returned instead.
func MakePromise(ctx context.Context, db DBTX, p Promise) (time.Time, error) {
	var due time.Time
	err := db.QueryRow(ctx, `WITH made AS (
			INSERT INTO promises (ticket_id, rma_id, kind, made_at, due_at, warn_at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT DO NOTHING RETURNING due_at)
		SELECT due_at FROM made
		UNION ALL
		SELECT due_at FROM promises WHERE kind = $3 AND ((rma_id = $2) OR ($2::bigint IS NULL AND rma_id IS NULL AND ticket_id = $1))
		LIMIT 1`, p.TicketID, p.RMAID, p.Kind, p.MadeAt, p.DueAt, p.WarnAt).Scan(&due)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: promise %s on ticket %d: %w", p.Kind, p.TicketID, err)
	}
	return due, nil
}

// KeepRMAPromises marks the open promises of kinds on an RMA kept at at.
func KeepRMAPromises(ctx context.Context, db DBTX, rma int64, kinds []PromiseKind, at time.Time) error {
	_, err := db.Exec(ctx, `UPDATE promises SET kept_at = $3 WHERE rma_id = $1 AND kind = ANY($2) AND kept_at IS NULL`, rma, kinds, at)
	if err != nil {
		return fmt.Errorf("store: keep promises of rma %d: %w", rma, err)
	}
	return nil
}

// KeepTicketPromise marks a ticket's own open promise of kind kept at at.
func KeepTicketPromise(ctx context.Context, db DBTX, ticket int64, kind PromiseKind, at time.Time) error {
	_, err := db.Exec(ctx, `UPDATE promises SET kept_at = $3 WHERE ticket_id = $1 AND rma_id IS NULL AND kind = $2 AND kept_at IS NULL`, ticket, kind, at)
	if err != nil {
		return fmt.Errorf("store: keep %s promise of ticket %d: %w", kind, ticket, err)
	}
	return nil
}

// DuePromises are open promises whose warning or breach notice is due as
// of now, soonest first; each branch reads its partial index. A run takes
// at most limit; what it leaves is still due for the next.
func DuePromises(ctx context.Context, db DBTX, now time.Time, limit int) ([]int64, error) {
	return ids(ctx, db, sqlDuePromises, now, limit)
}

const sqlDuePromises = `SELECT id FROM (
		(SELECT id, warn_at AS at FROM promises WHERE kept_at IS NULL AND warned_at IS NULL AND breached_at IS NULL AND warn_at <= $1 ORDER BY warn_at LIMIT $2)
		UNION
		(SELECT id, due_at FROM promises WHERE kept_at IS NULL AND breached_at IS NULL AND due_at < $1 ORDER BY due_at LIMIT $2)) d
	GROUP BY id ORDER BY min(at), id LIMIT $2`

// PromiseByID reads one promise.
func PromiseByID(ctx context.Context, db DBTX, id int64) (Promise, error) {
	rows, _ := db.Query(ctx, `SELECT `+promiseCols+` FROM promises WHERE id = $1`, id)
	p, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Promise])
	if err != nil {
		return Promise{}, fmt.Errorf("store: promise %d: %w", id, notFound(err))
	}
	return p, nil
}

// PromiseStage is the notice a promise's clock gives: the warning or the breach.
type PromiseStage string

const (
	PromiseWarned   PromiseStage = "warned"
	PromiseBreached PromiseStage = "breached"
	PromiseKept     PromiseStage = "kept"
)

// ClaimPromise records stage of an open promise at at; false when it was
// already recorded, or the promise is kept (or, for a warning, breached):
// whoever records it sends the notice, once.
func ClaimPromise(ctx context.Context, db DBTX, id int64, stage PromiseStage, at time.Time) (bool, error) {
	q := map[PromiseStage]string{
		PromiseWarned:   `UPDATE promises SET warned_at = $2 WHERE id = $1 AND kept_at IS NULL AND warned_at IS NULL AND breached_at IS NULL`,
		PromiseBreached: `UPDATE promises SET breached_at = $2 WHERE id = $1 AND kept_at IS NULL AND breached_at IS NULL`,
		PromiseKept:     `UPDATE promises SET kept_at = $2 WHERE id = $1 AND kept_at IS NULL`,
	}[stage]
	if q == "" {
		return false, fmt.Errorf("store: promise %d: unknown stage %q", id, stage)
	}
	tag, err := db.Exec(ctx, q, id, at)
	if err != nil {
		return false, fmt.Errorf("store: promise %d %s: %w", id, stage, err)
	}
	return tag.RowsAffected() == 1, nil
}

// AgentActedSince reports whether an agent answered on the ticket (a
// relayed reply) or ran a command on it (by mail or the CLI) at or after since.
func AgentActedSince(ctx context.Context, db DBTX, ticket int64, since time.Time) (bool, error) {
	var ok bool
	err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND kind IN ('relayed', 'command') AND at >= $2)`,
		ticket, since).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: agent activity on ticket %d: %w", ticket, err)
	}
	return ok, nil
}

// OpenPromise is an open promise as agents read it.
type OpenPromise struct {
	Promise
	Ticket string
	RMA    string // "" for a ticket's own promise
}

// OpenPromises lists open promises (breached ones too) due by dueBy,
// soonest first, at most limit, and how many there are in all.
func OpenPromises(ctx context.Context, db DBTX, dueBy time.Time, limit int) ([]OpenPromise, int, error) {
	var total int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM promises WHERE kept_at IS NULL AND due_at <= $1`, dueBy).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: open promises: %w", err)
	}
	rows, err := db.Query(ctx, `SELECT p.id, p.ticket_id, p.rma_id, p.kind, p.made_at, p.due_at, p.warn_at, p.kept_at, p.warned_at, p.breached_at,
			t.ref, coalesce(r.number, '')
		FROM promises p JOIN tickets t ON t.id = p.ticket_id LEFT JOIN rmas r ON r.id = p.rma_id
		WHERE p.kept_at IS NULL AND p.due_at <= $1 ORDER BY p.due_at, p.id LIMIT $2`, dueBy, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: open promises: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (OpenPromise, error) {
		var o OpenPromise
		p := &o.Promise
		err := row.Scan(&p.ID, &p.TicketID, &p.RMAID, &p.Kind, &p.MadeAt, &p.DueAt, &p.WarnAt, &p.KeptAt, &p.WarnedAt, &p.BreachedAt, &o.Ticket, &o.RMA)
		return o, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: open promises: %w", err)
	}
	return out, total, nil
}
