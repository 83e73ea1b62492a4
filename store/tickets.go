package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Ticket is one row of tickets. Fields and Units are JSON documents owned by workflow.
type Ticket struct {
	ID              int64
	Ref             string
	Kind            string
	State           TicketState
	Mailbox         string
	DeskAddress     string
	Subject         string
	CustomerName    string
	CustomerAddress string
	Fields          map[string]string
	Units           []map[string]string
	Missing         []string
	ParentID        *int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
	ClosedAt        *time.Time
	WaitingSince    *time.Time // waiting on the customer since
	CustomerReplied *time.Time // the customer's last message
	// Participants are the customer's colleagues copied on the ticket's
	// customer mail, who may write in its thread as the customer does.
	Participants []string
	Owner        string // the agent who took the ticket; "" when no one has
}

const ticketCols = `id, ref, kind, state, mailbox, desk_address, subject, customer_name, customer_address,
	fields, units, missing, parent_id, created_at, updated_at, closed_at, waiting_since, customer_replied_at,
	participants, coalesce(owner, '')`

func scanTicket(row pgx.CollectableRow) (Ticket, error) {
	var t Ticket
	err := row.Scan(&t.ID, &t.Ref, &t.Kind, &t.State, &t.Mailbox, &t.DeskAddress, &t.Subject,
		&t.CustomerName, &t.CustomerAddress, &t.Fields, &t.Units, &t.Missing, &t.ParentID,
		&t.CreatedAt, &t.UpdatedAt, &t.ClosedAt, &t.WaitingSince, &t.CustomerReplied,
		&t.Participants, &t.Owner)
	return t, err
}

// CreateTicket inserts t and returns it with its ID; an empty Ref draws the
// next TKT-<n> from the ticket sequence in the same statement.
func CreateTicket(ctx context.Context, db DBTX, t Ticket) (Ticket, error) {
	if t.Fields == nil {
		t.Fields = map[string]string{}
	}
	if t.Units == nil {
		t.Units = []map[string]string{}
	}
	if t.Missing == nil {
		t.Missing = []string{}
	}
	if t.Participants == nil {
		t.Participants = []string{}
	}
	err := db.QueryRow(ctx, insertTicketSQL.sql, insertTicketSQL.args(pgx.NamedArgs{
		"ref": t.Ref, "kind": t.Kind, "state": t.State, "mailbox": t.Mailbox, "desk": t.DeskAddress,
		"subject": t.Subject, "cname": t.CustomerName, "caddr": t.CustomerAddress, "fields": t.Fields,
		"units": t.Units, "missing": t.Missing, "parent": t.ParentID, "at": t.CreatedAt,
		"waiting": t.WaitingSince, "replied": t.CustomerReplied, "participants": t.Participants, "owner": t.Owner,
	})...).Scan(&t.ID, &t.Ref)
	if err != nil {
		return t, fmt.Errorf("store: create ticket %s: %w", t.Ref, err)
	}
	t.UpdatedAt = t.CreatedAt
	return t, nil
}

// UpdateTicket writes the mutable columns of t.
func UpdateTicket(ctx context.Context, db DBTX, t Ticket) error {
	if t.Missing == nil {
		t.Missing = []string{}
	}
	if t.Participants == nil {
		t.Participants = []string{}
	}
	_, err := db.Exec(ctx, updateTicketSQL.sql, updateTicketSQL.args(pgx.NamedArgs{
		"id": t.ID, "kind": t.Kind, "state": t.State, "subject": t.Subject, "cname": t.CustomerName,
		"fields": t.Fields, "units": t.Units, "missing": t.Missing, "updated": t.UpdatedAt, "closed": t.ClosedAt,
		"waiting": t.WaitingSince, "replied": t.CustomerReplied, "participants": t.Participants, "owner": t.Owner,
	})...)
	if err != nil {
		return fmt.Errorf("store: update ticket %s: %w", t.Ref, err)
	}
	return nil
}

// TicketByID returns one ticket; with lock it is locked FOR UPDATE.
func TicketByID(ctx context.Context, db DBTX, id int64, lock bool) (Ticket, error) {
	q := `SELECT ` + ticketCols + ` FROM tickets WHERE id = $1`
	if lock {
		q += ` FOR UPDATE`
	}
	rows, _ := db.Query(ctx, q, id)
	t, err := pgx.CollectExactlyOneRow(rows, scanTicket)
	if err != nil {
		return t, fmt.Errorf("store: ticket %d: %w", id, notFound(err))
	}
	return t, nil
}

// TicketByRef returns the ticket with ref (e.g. TKT-100001).
func TicketByRef(ctx context.Context, db DBTX, ref string) (Ticket, error) {
	rows, _ := db.Query(ctx, `SELECT `+ticketCols+` FROM tickets WHERE ref = $1`, ref)
	t, err := pgx.CollectExactlyOneRow(rows, scanTicket)
	if err != nil {
		return t, fmt.Errorf("store: ticket %s: %w", ref, notFound(err))
	}
	return t, nil
}

// ListTickets returns tickets newest first, optionally only in state.
func ListTickets(ctx context.Context, db DBTX, state string, limit int) ([]Ticket, error) {
	rows, _ := db.Query(ctx, `SELECT `+ticketCols+` FROM tickets
		WHERE (@state = '' OR state = @state) ORDER BY created_at DESC, id DESC LIMIT @limit`,
		pgx.NamedArgs{"state": state, "limit": limit})
	ts, err := pgx.CollectRows(rows, scanTicket)
	if err != nil {
		return nil, fmt.Errorf("store: list tickets: %w", err)
	}
	return ts, nil
}

// TicketQuery is what rmad ticket search matches: every criterion given
// must hold.
type TicketQuery struct {
	Serial   string // a unit's serial, or an RMA's replacement
	Customer string // an address, or a domain (its subdomains too)
	PO       string
	Invoice  string
	Ref      string // TKT-n (an RMA number is turned into its ticket's)
	Text     string // words of the subject, problem, customer or company
}

// SearchTickets returns the tickets matching q, newest first.
func SearchTickets(ctx context.Context, db DBTX, q TicketQuery, limit int) ([]Ticket, error) {
	sql, args, err := searchSQL(q, limit)
	if err != nil {
		return nil, err
	}
	rows, _ := db.Query(ctx, sql, args)
	ts, err := pgx.CollectRows(rows, scanTicket)
	if err != nil {
		return nil, fmt.Errorf("store: search tickets: %w", err)
	}
	return ts, nil
}

// ExplainSearch returns the query plan of a search, so a test can prove
// each criterion reads an index.
func ExplainSearch(ctx context.Context, db DBTX, q TicketQuery) (string, error) {
	sql, args, err := searchSQL(q, 100)
	if err != nil {
		return "", err
	}
	rows, _ := db.Query(ctx, "EXPLAIN "+sql, args)
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", fmt.Errorf("store: explain search: %w", err)
	}
	return strings.Join(lines, "\n"), nil
}

func searchSQL(q TicketQuery, limit int) (string, pgx.NamedArgs, error) {
	var where []string
	args := pgx.NamedArgs{"limit": limit}
	add := func(name, value, cond string) {
		if value = strings.TrimSpace(value); value != "" {
			args[name] = value
			where = append(where, cond)
		}
	}
	add("serial", q.Serial, `id IN (SELECT id FROM tickets WHERE rmad_unit_serials(units) @> ARRAY[upper(@serial)]
		UNION SELECT ticket_id FROM rmas WHERE upper(serial_number) = upper(@serial)
		UNION SELECT ticket_id FROM rmas WHERE replacement_serial <> '' AND upper(replacement_serial) = upper(@serial))`)
	if strings.Contains(q.Customer, "@") {
		add("customer", q.Customer, `lower(customer_address) = lower(@customer)`)
	} else {
		add("domain", strings.TrimPrefix(q.Customer, "@"), `(reverse(lower(split_part(customer_address, '@', 2))) = reverse(lower(@domain))
			OR reverse(lower(split_part(customer_address, '@', 2))) LIKE replace(replace(replace(reverse(lower(@domain)), '\', '\\'), '%', '\%'), '_', '\_') || '.%')`)
	}
	add("po", q.PO, `fields ? 'po_number' AND lower(fields->>'po_number') = lower(@po)`)
	add("invoice", q.Invoice, `fields ? 'invoice_number' AND lower(fields->>'invoice_number') = lower(@invoice)`)
	add("ref", q.Ref, `ref = upper(@ref)`)
	add("text", q.Text, `search @@ plainto_tsquery('simple', @text)`)
	if len(where) == 0 {
		return "", nil, fmt.Errorf("store: search tickets: no criterion given")
	}
	// The matches are found through their criteria's indexes first, then
	// sorted: walking the date index newest first and filtering would
	// read the whole table for a serial that matches one ticket.
	return `WITH m AS MATERIALIZED (SELECT ` + ticketCols + ` FROM tickets WHERE ` + strings.Join(where, " AND ") + `)
		SELECT * FROM m ORDER BY created_at DESC, id DESC LIMIT @limit`, args, nil
}

// insertTicketSQL creates a ticket; an empty @ref takes the next TKT- number.
var insertTicketSQL = mustNamed(insertTicketRaw)

const insertTicketRaw = `INSERT INTO tickets (ref, kind, state, mailbox, desk_address, subject,
		customer_name, customer_address, fields, units, missing, parent_id, created_at, updated_at, waiting_since, customer_replied_at, participants, owner)
		VALUES (coalesce(nullif(@ref, ''), 'TKT-' || nextval('ticket_ref_seq')), @kind, @state, @mailbox, @desk, @subject,
		@cname, @caddr, @fields, @units, @missing, @parent, @at, @at, @waiting, @replied, @participants, nullif(@owner, ''))
		RETURNING id, ref`

// updateTicketSQL writes a ticket's mutable columns.
var updateTicketSQL = mustNamed(updateTicketRaw)

const updateTicketRaw = `UPDATE tickets SET kind = @kind, state = @state, subject = @subject,
		customer_name = @cname, fields = @fields, units = @units, missing = @missing,
		updated_at = @updated, closed_at = @closed, waiting_since = @waiting, customer_replied_at = @replied,
		participants = @participants, owner = nullif(@owner, '')
		WHERE id = @id`
