package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Event is one entry of a ticket's history.
type Event struct {
	ID       int64
	TicketID int64
	At       time.Time
	Kind     string
	Detail   string
	Message  *int64
}

// AddEvent appends to a ticket's history.
func AddEvent(ctx context.Context, db DBTX, e Event) error {
	_, err := db.Exec(ctx, `INSERT INTO ticket_events (ticket_id, at, kind, detail, message)
		VALUES ($1, $2, $3, $4, $5)`, e.TicketID, e.At, e.Kind, e.Detail, e.Message)
	if err != nil {
		return fmt.Errorf("store: event %s on ticket %d: %w", e.Kind, e.TicketID, err)
	}
	return nil
}

// TicketEvents lists a ticket's history, oldest first.
func TicketEvents(ctx context.Context, db DBTX, ticket int64) ([]Event, error) {
	rows, _ := db.Query(ctx, `SELECT id, ticket_id, at, kind, detail, message FROM ticket_events
		WHERE ticket_id = $1 ORDER BY id`, ticket)
	es, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Event])
	if err != nil {
		return nil, fmt.Errorf("store: events of ticket %d: %w", ticket, err)
	}
	return es, nil
}
