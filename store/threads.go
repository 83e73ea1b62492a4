package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// AddThreadIDs records Message-IDs as belonging to ticket. An id already
// recorded for a ticket keeps its first owner.
func AddThreadIDs(ctx context.Context, db DBTX, ticket int64, ids ...string) error {
	var clean []string
	for _, id := range ids {
		if id != "" {
			clean = append(clean, id)
		}
	}
	if len(clean) == 0 {
		return nil
	}
	_, err := db.Exec(ctx, `INSERT INTO thread_ids (message_id, ticket_id)
		SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`, clean, ticket)
	if err != nil {
		return fmt.Errorf("store: thread ids of ticket %d: %w", ticket, err)
	}
	return nil
}

// TicketByThreadIDs returns the ticket that owns any of ids, preferring the
// one named first (In-Reply-To before References, newest reference first).
func TicketByThreadIDs(ctx context.Context, db DBTX, ids []string) (int64, error) {
	if len(ids) == 0 {
		return 0, ErrNotFound
	}
	var ticket int64
	err := db.QueryRow(ctx, `SELECT t.ticket_id FROM unnest($1::text[]) WITH ORDINALITY AS w(mid, n)
		JOIN thread_ids t ON t.message_id = w.mid ORDER BY w.n LIMIT 1`, ids).Scan(&ticket)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: ticket by thread ids: %w", err)
	}
	return ticket, nil
}
