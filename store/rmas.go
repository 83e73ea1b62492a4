package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// RMA is one unit's return authorisation.
type RMA struct {
	ID             int64
	TicketID       int64
	Number         string
	UnitIndex      int
	SerialNumber   string
	Model          string
	PartNumber     string
	Type           RMAType
	Status         RMAStatus
	Covered        bool
	Plan           string
	CoverageEnds   *time.Time
	CoverageReason string
	BlockedOn      []string
	RequestedAt    time.Time
	IssuedAt       *time.Time
	ShipDate       *time.Time
	ShippedAt      *time.Time
	Carrier        string
	Tracking       string
	DeliveredAt    *time.Time
	ReceivedAt     *time.Time
	ReturnDue      *time.Time
	VoidAt         *time.Time
	VoidedAt       *time.Time
	BilledAt       *time.Time
	PaidAt         *time.Time
	ClosedAt       *time.Time
	Amount         *string // numeric as text: exact
	Currency       string
	QuoteAmount    *string
	QuoteCurrency  string
	Note           string
	QuotedAt       *time.Time
	// MissingComponents the returned unit lacked, due by ComponentsDue.
	MissingComponents string
	ComponentsDue     *time.Time
	Damaged           bool // customer-induced damage found on the returned unit
	// ReturnedAt is when the courier picked the defective unit up.
	ReturnedAt     *time.Time
	ReturnCarrier  string
	ReturnTracking string
	// ReplacementPart is what was shipped ("unit" for a whole unit) and
	// ReplacementPrice its price, in Currency: what an unreturned advance
	// replacement is billed.
	ReplacementPart  string
	ReplacementPrice *string
	MSRP             *string // supplied by an agent; the registry's otherwise
	PaidAmount       *string // what finance recorded as paid so far
	// SentBackAt is when the repaired unit, or a replacement with
	// ReplacementSerial, went back to the customer after a return.
	SentBackAt        *time.Time
	ReplacementSerial string
}

const rmaCols = `id, ticket_id, number, unit_index, serial_number, model, part_number, type, status, covered, plan,
	coverage_ends, coverage_reason, blocked_on, requested_at, issued_at, ship_date, shipped_at, carrier, tracking,
	delivered_at, received_at, return_due, void_at, voided_at, billed_at, paid_at, closed_at,
	amount::text, currency, quote_amount::text, quote_currency, note, quoted_at, missing_components, components_due, damaged,
	returned_at, return_carrier, return_tracking, replacement_part, replacement_price::text, msrp::text, paid_amount::text,
	sent_back_at, replacement_serial`

func scanRMA(r pgx.CollectableRow) (RMA, error) {
	var m RMA
	err := r.Scan(&m.ID, &m.TicketID, &m.Number, &m.UnitIndex, &m.SerialNumber, &m.Model, &m.PartNumber, &m.Type,
		&m.Status, &m.Covered, &m.Plan, &m.CoverageEnds, &m.CoverageReason, &m.BlockedOn, &m.RequestedAt, &m.IssuedAt,
		&m.ShipDate, &m.ShippedAt, &m.Carrier, &m.Tracking, &m.DeliveredAt, &m.ReceivedAt, &m.ReturnDue, &m.VoidAt,
		&m.VoidedAt, &m.BilledAt, &m.PaidAt, &m.ClosedAt, &m.Amount, &m.Currency, &m.QuoteAmount, &m.QuoteCurrency, &m.Note, &m.QuotedAt,
		&m.MissingComponents, &m.ComponentsDue, &m.Damaged,
		&m.ReturnedAt, &m.ReturnCarrier, &m.ReturnTracking, &m.ReplacementPart, &m.ReplacementPrice, &m.MSRP, &m.PaidAmount,
		&m.SentBackAt, &m.ReplacementSerial)
	return m, err
}

func rmaArgs(m RMA) pgx.NamedArgs {
	if m.BlockedOn == nil {
		m.BlockedOn = []string{}
	}
	return pgx.NamedArgs{
		"id": m.ID, "ticket": m.TicketID, "number": m.Number, "unit": m.UnitIndex, "serial": m.SerialNumber,
		"model": m.Model, "part": m.PartNumber, "type": m.Type, "status": m.Status, "covered": m.Covered,
		"plan": m.Plan, "ends": m.CoverageEnds, "reason": m.CoverageReason, "blocked": m.BlockedOn,
		"requested": m.RequestedAt, "issued": m.IssuedAt, "shipdate": m.ShipDate, "shipped": m.ShippedAt,
		"carrier": m.Carrier, "tracking": m.Tracking, "delivered": m.DeliveredAt, "received": m.ReceivedAt,
		"due": m.ReturnDue, "voidat": m.VoidAt, "voided": m.VoidedAt, "billed": m.BilledAt, "paid": m.PaidAt,
		"closed": m.ClosedAt, "amount": m.Amount, "currency": m.Currency, "quote": m.QuoteAmount,
		"qcur": m.QuoteCurrency, "note": m.Note, "quoted": m.QuotedAt, "missing": m.MissingComponents,
		"compdue": m.ComponentsDue, "damaged": m.Damaged,
		"returned": m.ReturnedAt, "rcarrier": m.ReturnCarrier, "rtracking": m.ReturnTracking,
		"rpart": m.ReplacementPart, "rprice": m.ReplacementPrice, "msrp": m.MSRP, "paidamt": m.PaidAmount,
		"sentback": m.SentBackAt, "rserial": m.ReplacementSerial,
	}
}

// CreateRMA inserts m and returns its id.
func CreateRMA(ctx context.Context, db DBTX, m RMA) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO rmas (ticket_id, number, unit_index, serial_number, model, part_number,
		type, status, covered, plan, coverage_ends, coverage_reason, blocked_on, requested_at)
		VALUES (@ticket, @number, @unit, @serial, @model, @part, @type, @status, @covered, @plan, @ends, @reason,
		@blocked, @requested) RETURNING id`, rmaArgs(m)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create %s: %w", m.Number, err)
	}
	return id, nil
}

// UpdateRMA writes every mutable column of m.
func UpdateRMA(ctx context.Context, db DBTX, m RMA) error {
	_, err := db.Exec(ctx, `UPDATE rmas SET serial_number = @serial, model = @model, part_number = @part,
		type = @type, status = @status, covered = @covered, plan = @plan, coverage_ends = @ends,
		coverage_reason = @reason, blocked_on = @blocked, issued_at = @issued, ship_date = @shipdate,
		shipped_at = @shipped, carrier = @carrier, tracking = @tracking, delivered_at = @delivered,
		received_at = @received, return_due = @due, void_at = @voidat, voided_at = @voided, billed_at = @billed,
		paid_at = @paid, closed_at = @closed, amount = @amount::numeric, currency = @currency,
		quote_amount = @quote::numeric, quote_currency = @qcur, note = @note, quoted_at = @quoted,
		missing_components = @missing, components_due = @compdue, damaged = @damaged,
		returned_at = @returned, return_carrier = @rcarrier, return_tracking = @rtracking,
		replacement_part = @rpart, replacement_price = @rprice::numeric, msrp = @msrp::numeric,
		paid_amount = @paidamt::numeric, sent_back_at = @sentback, replacement_serial = @rserial
		WHERE id = @id`, rmaArgs(m))
	if err != nil {
		return fmt.Errorf("store: update %s: %w", m.Number, err)
	}
	return nil
}

// TicketRMAs returns a ticket's RMAs by unit, locked FOR UPDATE when lock.
func TicketRMAs(ctx context.Context, db DBTX, ticket int64, lock bool) ([]RMA, error) {
	q := `SELECT ` + rmaCols + ` FROM rmas WHERE ticket_id = $1 ORDER BY unit_index`
	if lock {
		q += ` FOR UPDATE`
	}
	rows, _ := db.Query(ctx, q, ticket)
	ms, err := pgx.CollectRows(rows, scanRMA)
	if err != nil {
		return nil, fmt.Errorf("store: rmas of ticket %d: %w", ticket, err)
	}
	return ms, nil
}

// Repair is the latest time a unit with a serial went back to a customer
// after an RMA: repaired, or as a replacement.
type Repair struct {
	Number string
	At     time.Time // when the repaired or replacement unit went back
	// Covered: the RMA was a warranty repair; Ends is the coverage the
	// unit had then.
	Covered bool
	Ends    *time.Time
	// Original is the serial of the unit replaced when the serial asked
	// about is the replacement's; "" when it is the unit itself.
	Original string
}

// LastRepair returns the latest Repair of serial, or nil: the unit itself
// repaired and sent back, or serial is a replacement's (an advance
// replacement went out when it shipped, others when an agent sent them).
// The unit an advance replacement replaced never went back.
func LastRepair(ctx context.Context, db DBTX, serial string) (*Repair, error) {
	rows, _ := db.Query(ctx, sqlLastRepair, serial)
	rs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Repair])
	if err != nil {
		return nil, fmt.Errorf("store: rma history of %s: %w", serial, err)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	return &rs[0], nil
}

// RMAEvent is one change of an RMA's status.
type RMAEvent struct {
	RMAID      int64
	At         time.Time
	FromStatus RMAStatus
	ToStatus   RMAStatus
	Cause      string // message | command | cli | job | auto
	Actor      string
	Detail     string
}

// AddRMAEvent records a change of status.
func AddRMAEvent(ctx context.Context, db DBTX, e RMAEvent) error {
	_, err := db.Exec(ctx, `INSERT INTO rma_events (rma_id, at, from_status, to_status, cause, actor, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.RMAID, e.At, e.FromStatus, e.ToStatus, e.Cause, e.Actor, e.Detail)
	if err != nil {
		return fmt.Errorf("store: rma event: %w", err)
	}
	return nil
}

// RejectionReason is why the unit or request of RMA id was rejected, as
// its history records it; "" when it never was.
func RejectionReason(ctx context.Context, db DBTX, id int64) (string, error) {
	var why string
	err := db.QueryRow(ctx, `SELECT detail FROM rma_events WHERE rma_id = $1 AND to_status = $2 AND from_status <> to_status
		ORDER BY id DESC LIMIT 1`, id, RMARejected).Scan(&why)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: rejection of rma %d: %w", id, err)
	}
	return why, nil
}

// sqlLastRepair reads two indexes, one a branch: the unit itself sent back,
// or a replacement by its serial. A unit that was rejected went back
// unrepaired: it was never a repair.
const sqlLastRepair = `SELECT number, at, covered, coverage_ends, original FROM (
		(SELECT number, sent_back_at AS at, covered, coverage_ends, '' AS original FROM rmas
			WHERE upper(serial_number) = upper($1) AND replacement_serial = '' AND sent_back_at IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM rma_events e WHERE e.rma_id = rmas.id AND e.to_status = '` + string(RMARejected) + `'))
		UNION ALL
		(SELECT number, coalesce(sent_back_at, shipped_at), covered, coverage_ends, serial_number FROM rmas
			WHERE replacement_serial <> '' AND upper(replacement_serial) = upper($1)
				AND (sent_back_at IS NOT NULL OR (type = '` + string(RMAAdvance) + `' AND shipped_at IS NOT NULL)))
	) r ORDER BY at DESC LIMIT 1`

// History is an earlier RMA of a serial, for the agents' notice.
type History struct {
	Number, Serial string
	Status         RMAStatus
	RequestedAt    time.Time
}

// EarlierRMAs lists the RMAs of the serials (or of units they replaced)
// outside ticket, newest first, at most limit.
func EarlierRMAs(ctx context.Context, db DBTX, serials []string, ticket int64, limit int) ([]History, error) {
	for i := range serials {
		serials[i] = strings.ToUpper(strings.TrimSpace(serials[i]))
	}
	rows, _ := db.Query(ctx, sqlEarlierRMAs, serials, ticket, limit)
	hs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[History])
	if err != nil {
		return nil, fmt.Errorf("store: earlier rmas: %w", err)
	}
	return hs, nil
}

const sqlEarlierRMAs = `SELECT number, serial_number, status, requested_at FROM rmas
		WHERE ticket_id <> $2 AND (upper(serial_number) = ANY($1)
			OR (replacement_serial <> '' AND upper(replacement_serial) = ANY($1)))
		ORDER BY requested_at DESC LIMIT $3`
