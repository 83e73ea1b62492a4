package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// The agents' morning digest: what is waiting on the desk. Each query
// returns at most limit rows and, with each row, how many there are in all.

// WaitingTicket is an open ticket whose last word is the customer's.
type WaitingTicket struct {
	Ref, Subject, Customer string
	Since                  time.Time // the customer's last message
}

// WaitingOnUs lists open tickets whose last word is the customer's, oldest
// first: no agent has answered or acted on it since the customer's last
// message (a relayed reply or a command, by mail or the CLI), and no RMA
// of it was issued since (an automatic issue answers the request). The
// condition is tickets_waiting_on_us's: the query reads only that index.
func WaitingOnUs(ctx context.Context, db DBTX, limit int) ([]WaitingTicket, int, error) {
	rows, _ := db.Query(ctx, sqlWaitingOnUs, limit)
	var total int
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (WaitingTicket, error) {
		var w WaitingTicket
		return w, row.Scan(&w.Ref, &w.Subject, &w.Customer, &w.Since, &total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: tickets waiting on the desk: %w", err)
	}
	return out, total, nil
}

// OverdueRMA is an RMA past a date the customer had to meet.
type OverdueRMA struct {
	Number, Ticket string
	Type           RMAType
	Status         RMAStatus
	Due            time.Time // the date it is past
}

// OverdueRMAs lists, most overdue first, advance replacements whose
// defective unit is past its return date (or billed and still out) and
// issued RMAs past their ship-by or void date. With byPickup a unit the
// courier picked up by its date is not overdue; without it an advance
// replacement is overdue until it arrives.
func OverdueRMAs(ctx context.Context, db DBTX, now time.Time, byPickup bool, limit int) ([]OverdueRMA, int, error) {
	rows, _ := db.Query(ctx, `WITH due AS (
			SELECT id, min(at) AS at FROM (
				(SELECT id, return_due AS at FROM rmas WHERE status IN ('`+string(RMAIssued)+`', '`+string(RMAShipped)+`', '`+string(RMADelivered)+`')
					AND return_due IS NOT NULL AND return_due <= $1
					AND (returned_at IS NULL OR returned_at > return_due OR (type = '`+string(RMAAdvance)+`' AND NOT $2)))
				UNION ALL
				(SELECT id, coalesce(return_due, billed_at) FROM rmas WHERE status = '`+string(RMABilled)+`' AND received_at IS NULL AND returned_at IS NULL)
				UNION ALL
				(SELECT id, void_at FROM rmas WHERE status = '`+string(RMAIssued)+`' AND void_at IS NOT NULL AND void_at <= $1 AND returned_at IS NULL)) d
			GROUP BY id)
		SELECT r.number, t.ref, r.type, r.status, due.at, count(*) OVER ()
		FROM due JOIN rmas r ON r.id = due.id JOIN tickets t ON t.id = r.ticket_id
		ORDER BY due.at, r.id LIMIT $3`, now, byPickup, limit)
	var total int
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (OverdueRMA, error) {
		var o OverdueRMA
		return o, row.Scan(&o.Number, &o.Ticket, &o.Type, &o.Status, &o.Due, &total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: overdue rmas: %w", err)
	}
	return out, total, nil
}

// QuarantineItem is a message set aside after failing processing.
type QuarantineItem struct {
	ID      int64
	Mailbox string
	UID     int64
	Error   string
	At      time.Time
}

// QuarantineNewest lists the newest quarantined messages not yet replayed.
func QuarantineNewest(ctx context.Context, db DBTX, limit int) ([]QuarantineItem, int, error) {
	rows, _ := db.Query(ctx, `SELECT id, mailbox, uid, error, created_at, count(*) OVER ()
		FROM quarantine WHERE replayed_at IS NULL ORDER BY id DESC LIMIT $1`, limit)
	var total int
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (QuarantineItem, error) {
		var q QuarantineItem
		return q, row.Scan(&q.ID, &q.Mailbox, &q.UID, &q.Error, &q.At, &total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: quarantine: %w", err)
	}
	return out, total, nil
}

const sqlWaitingOnUs = `SELECT t.ref, t.subject, t.customer_address, t.customer_replied_at, count(*) OVER ()
		FROM tickets t
		WHERE t.state = '` + string(TicketOpen) + `' AND t.customer_replied_at IS NOT NULL
			AND (t.agent_acted_at IS NULL OR t.agent_acted_at < t.customer_replied_at)
			AND NOT EXISTS (SELECT 1 FROM rmas r WHERE r.ticket_id = t.id AND r.issued_at >= t.customer_replied_at)
		ORDER BY t.customer_replied_at, t.id LIMIT $1`

// AgentActed records that an agent answered or acted on a ticket at at (a
// relayed reply, a command by mail or from the CLI), for WaitingOnUs. The
// latest time wins: a job replayed as of an earlier time does not move it
// back.
func AgentActed(ctx context.Context, db DBTX, ticket int64, at time.Time) error {
	if _, err := db.Exec(ctx, `UPDATE tickets SET agent_acted_at = greatest(agent_acted_at, $2) WHERE id = $1`, ticket, at); err != nil {
		return fmt.Errorf("store: agent acted: %w", err)
	}
	return nil
}
