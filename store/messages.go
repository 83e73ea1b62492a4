package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Message is one inbound message.
type Message struct {
	ID          int64
	TicketID    *int64
	MessageID   string // "" when the message has none (stored as NULL)
	ContentHash []byte
	Mailbox     string
	FromAddress string
	FromName    string
	ToAddresses []string
	Subject     string
	Class       string
	Outcome     Outcome
	SentAt      *time.Time
	ReceivedAt  time.Time
	Raw         []byte
	RawSize     int64
	Truncated   bool
	Parse       []byte // JSON
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// InsertMessage stores m unless a message with the same Message-ID (or, for
// one without, the same content hash) exists. It returns the row's id and
// whether this call inserted it.
func InsertMessage(ctx context.Context, db DBTX, m Message) (int64, bool, error) {
	id, inserted, _, err := InsertMessageCopy(ctx, db, m, 0, 0)
	return id, inserted, err
}

// InsertMessageCopy is InsertMessage and, when uid is not 0, InsertCopy of
// the fetch (m.Mailbox, uidValidity, uid) at m.ReceivedAt, in one statement
// for a new message (every fresh message pays for this, so it is one round
// trip, not two). fresh reports whether the copy row is new: false means
// this very fetch was committed before (a replay).
func InsertMessageCopy(ctx context.Context, db DBTX, m Message, uidValidity, uid uint32) (id int64, inserted, fresh bool, err error) {
	if m.ToAddresses == nil {
		m.ToAddresses = []string{}
	}
	var copies int
	// The parse is already JSON: handed over as bytes, pgx sends it as it
	// is, with no second encoding or copy.
	err = db.QueryRow(ctx, insertMessageSQL.sql, insertMessageSQL.args(pgx.NamedArgs{
		"ticket": m.TicketID, "mid": nullable(m.MessageID), "hash": m.ContentHash, "mailbox": m.Mailbox,
		"from": m.FromAddress, "fromname": m.FromName, "to": m.ToAddresses, "subject": m.Subject,
		"class": m.Class, "outcome": m.Outcome, "sent": m.SentAt, "received": m.ReceivedAt,
		"raw": m.Raw, "size": m.RawSize, "trunc": m.Truncated, "parse": m.Parse,
		"uidvalidity": int64(uidValidity), "uid": int64(uid),
	})...).Scan(&id, &copies)
	if err == nil {
		return id, true, uid == 0 || copies == 1, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, false, false, fmt.Errorf("store: insert message %q: %w", m.MessageID, err)
	}
	id, _, err = FindMessage(ctx, db, m.MessageID, m.ContentHash)
	if err != nil {
		return 0, false, false, err
	}
	if uid == 0 {
		return id, false, true, nil
	}
	fresh, err = InsertCopy(ctx, db, m.Mailbox, uidValidity, uid, id, m.ReceivedAt)
	return id, false, fresh, err
}

// FindMessage looks a message up by Message-ID, or by content hash when it has none.
func FindMessage(ctx context.Context, db DBTX, messageID string, hash []byte) (id int64, ticket *int64, err error) {
	if messageID != "" {
		err = db.QueryRow(ctx, `SELECT id, ticket_id FROM messages WHERE message_id = $1`, messageID).Scan(&id, &ticket)
	} else {
		err = db.QueryRow(ctx, `SELECT id, ticket_id FROM messages WHERE message_id IS NULL AND content_hash = $1`, hash).Scan(&id, &ticket)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("store: find message %q: %w", messageID, notFound(err))
	}
	return id, ticket, nil
}

// SetMessageTicket attaches a message to a ticket and records its outcome.
func SetMessageTicket(ctx context.Context, db DBTX, id int64, ticket *int64, outcome Outcome) error {
	_, err := db.Exec(ctx, `UPDATE messages SET ticket_id = $2, outcome = $3 WHERE id = $1`, id, ticket, outcome)
	if err != nil {
		return fmt.Errorf("store: message %d: %w", id, err)
	}
	return nil
}

// InsertCopy records that (mailbox, UIDVALIDITY, UID) holds message msg.
// It reports false when the copy was already recorded.
func InsertCopy(ctx context.Context, db DBTX, mailbox string, uidValidity, uid uint32, msg int64, at time.Time) (bool, error) {
	tag, err := db.Exec(ctx, `INSERT INTO message_copies (mailbox, uidvalidity, uid, message, seen_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, mailbox, int64(uidValidity), int64(uid), msg, at)
	if err != nil {
		return false, fmt.Errorf("store: message copy %s/%d/%d: %w", mailbox, uidValidity, uid, err)
	}
	return tag.RowsAffected() == 1, nil
}

// MessageSummary is what `ticket show` lists of an inbound message.
type MessageSummary struct {
	ID          int64
	MessageID   string
	FromAddress string
	FromName    string
	To          []string
	Subject     string
	Class       string
	Outcome     Outcome
	ReceivedAt  time.Time
	PurgedAt    *time.Time // its raw mail and attachments were deleted (retention)
}

// TicketMessages lists a ticket's inbound messages, oldest first.
func TicketMessages(ctx context.Context, db DBTX, ticket int64) ([]MessageSummary, error) {
	rows, _ := db.Query(ctx, `SELECT id, coalesce(message_id, ''), from_address, from_name, to_addresses,
		subject, class, outcome, received_at, purged_at FROM messages WHERE ticket_id = $1 ORDER BY received_at, id`, ticket)
	ms, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (MessageSummary, error) {
		var m MessageSummary
		err := r.Scan(&m.ID, &m.MessageID, &m.FromAddress, &m.FromName, &m.To, &m.Subject, &m.Class, &m.Outcome, &m.ReceivedAt, &m.PurgedAt)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: messages of ticket %d: %w", ticket, err)
	}
	return ms, nil
}

// CustomerThread returns the Message-IDs exchanged with the ticket's
// customer, oldest first: their messages and the desk's mail to them.
func CustomerThread(ctx context.Context, db DBTX, ticket int64, customer string) ([]string, error) {
	rows, _ := db.Query(ctx, `SELECT mid FROM (
		SELECT message_id AS mid, received_at AS at, id FROM messages
		  WHERE ticket_id = $1 AND from_address = $2 AND message_id IS NOT NULL
		UNION ALL
		SELECT message_id, queued_at, id FROM outbox WHERE ticket_id = $1 AND audience = '`+string(AudienceCustomer)+`'
	) t ORDER BY at, id`, ticket, customer)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("store: thread of ticket %d: %w", ticket, err)
	}
	return ids, nil
}

// StoredMessage is a stored inbound message as `rmad message` and the
// sender read it back: its raw bytes and where it belongs.
type StoredMessage struct {
	ID        int64
	TicketRef string // "" when it opened no ticket
	MessageID string
	From      string
	Subject   string
	Truncated bool // stored without its attachments (larger than max_message_size)
	Raw       []byte
	PurgedAt  *time.Time // its raw mail was deleted (retention)
}

// MessageRaw returns stored message id with its raw bytes. key is the row
// id, or a Message-ID with or without its angle brackets.
func MessageRaw(ctx context.Context, db DBTX, key string) (StoredMessage, error) {
	var m StoredMessage
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		id = -1
	}
	err = db.QueryRow(ctx, `SELECT m.id, coalesce(t.ref, ''), coalesce(m.message_id, ''), m.from_address, m.subject, m.truncated, m.raw, m.purged_at
		FROM messages m LEFT JOIN tickets t ON t.id = m.ticket_id
		WHERE m.id = $1 OR m.message_id = $2 LIMIT 1`, id, strings.Trim(key, "<> ")).
		Scan(&m.ID, &m.TicketRef, &m.MessageID, &m.From, &m.Subject, &m.Truncated, &m.Raw, &m.PurgedAt)
	if err != nil {
		return m, fmt.Errorf("store: message %s: %w", key, notFound(err))
	}
	return m, nil
}

// insertMessageSQL stores a message and, with a UID, its copy in one statement.
var insertMessageSQL = mustNamed(insertMessageRaw)

const insertMessageRaw = `WITH m AS (
		INSERT INTO messages (ticket_id, message_id, content_hash, mailbox,
			from_address, from_name, to_addresses, subject, class, outcome, sent_at, received_at, raw, raw_size, truncated, parse)
		VALUES (@ticket, @mid, @hash, @mailbox, @from, @fromname, @to, @subject, @class, @outcome, @sent, @received, @raw, @size, @trunc, @parse)
		ON CONFLICT DO NOTHING RETURNING id
	), c AS (
		INSERT INTO message_copies (mailbox, uidvalidity, uid, message, seen_at)
		SELECT @mailbox, @uidvalidity, @uid, id, @received FROM m WHERE @uid::bigint <> 0
		ON CONFLICT DO NOTHING RETURNING 1
	)
	SELECT id, (SELECT count(*) FROM c) FROM m`
