package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// OutMail is one row of the outbox.
type OutMail struct {
	ID            int64
	TicketID      *int64
	TicketRef     string // filled by reads that join tickets
	Template      string
	MessageID     string
	From          string
	To            []string
	ReplyTo       string
	Subject       string
	Body          string
	InReplyTo     string
	References    []string
	AutoSubmitted AutoSubmitted
	Audience      Audience
	RateKey       string
	Status        OutboxStatus
	QueuedAt      time.Time
	NextAttemptAt time.Time
	SentAt        *time.Time
	Attempts      int
	LastError     string
	RMAID         *int64
	Clock         bool // a clock notice: cancelled if its case moves on before it is sent
	Attachments   []OutAttachment
	Cc            []string
	Files         []FileRef
}

// FileRef names a file of a stored inbound message that an outgoing mail
// carries: the bytes stay in messages.raw, stored once however many mails
// carry them, and are read when the mail is sent.
type FileRef struct {
	Message     int64  `json:"message"` // messages.id
	Index       int    `json:"index"`   // parser.File.Index
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// OutAttachment is a file attached to an outgoing mail (the finance digest's CSV).
type OutAttachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Enqueue queues m and returns its id. It is due at once: QueuedAt is the
// desk's time of the decision, which `--at` may put in the future.
func Enqueue(ctx context.Context, db DBTX, m OutMail) (int64, error) {
	if m.References == nil {
		m.References = []string{}
	}
	if m.Audience == "" {
		m.Audience = AudienceCustomer
	}
	if m.Attachments == nil {
		m.Attachments = []OutAttachment{}
	}
	if m.Cc == nil {
		m.Cc = []string{}
	}
	if m.Files == nil {
		m.Files = []FileRef{}
	}
	var id int64
	err := db.QueryRow(ctx, enqueueSQL.sql, enqueueSQL.args(pgx.NamedArgs{
		"ticket": m.TicketID, "template": m.Template, "mid": m.MessageID, "from": m.From, "to": m.To,
		"replyto": m.ReplyTo, "subject": m.Subject, "body": m.Body, "irt": m.InReplyTo, "refs": m.References,
		"auto": m.AutoSubmitted, "aud": m.Audience, "rate": nullable(m.RateKey), "at": m.QueuedAt,
		"rma": m.RMAID, "clock": m.Clock, "att": m.Attachments, "cc": m.Cc, "files": m.Files,
	})...).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %s: %w", m.Template, err)
	}
	return id, nil
}

// CountRelays counts, up to upTo, the agents' replies relayed on ticket since.
func CountRelays(ctx context.Context, db DBTX, ticket int64, since time.Time, upTo int) (int, error) {
	return countCapped(ctx, db, "count relays", `SELECT 1 FROM outbox WHERE ticket_id = $1 AND template = 'relay' AND queued_at > $2 LIMIT $3`,
		ticket, since, upTo)
}

// countCapped counts the rows of a LIMITed query: a cap check never needs
// to read past the cap, however busy the hour.
func countCapped(ctx context.Context, db DBTX, what, query string, args ...any) (int, error) {
	var n int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM (`+query+`) s`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: %s: %w", what, err)
	}
	return n, nil
}

const outCols = `o.id, o.ticket_id, coalesce(t.ref, ''), o.template, o.message_id, o.from_address, o.to_addresses,
	o.reply_to, o.subject, o.body, o.in_reply_to, o.references_ids, o.auto_submitted, o.audience,
	coalesce(o.rate_key, ''), o.status, o.queued_at, o.next_attempt_at, o.sent_at, o.attempts, o.last_error,
	o.rma_id, o.clock, o.attachments, o.cc_addresses, o.files`

func scanOut(r pgx.CollectableRow) (OutMail, error) {
	var m OutMail
	err := r.Scan(&m.ID, &m.TicketID, &m.TicketRef, &m.Template, &m.MessageID, &m.From, &m.To, &m.ReplyTo,
		&m.Subject, &m.Body, &m.InReplyTo, &m.References, &m.AutoSubmitted, &m.Audience, &m.RateKey,
		&m.Status, &m.QueuedAt, &m.NextAttemptAt, &m.SentAt, &m.Attempts, &m.LastError, &m.RMAID, &m.Clock, &m.Attachments,
		&m.Cc, &m.Files)
	return m, err
}

// ListOutbox lists outbox rows, newest first, optionally of one status.
func ListOutbox(ctx context.Context, db DBTX, status string, limit int) ([]OutMail, error) {
	rows, _ := db.Query(ctx, `SELECT `+outCols+` FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
		WHERE (@status = '' OR o.status = @status) ORDER BY o.id DESC LIMIT @limit`,
		pgx.NamedArgs{"status": status, "limit": limit})
	ms, err := pgx.CollectRows(rows, scanOut)
	if err != nil {
		return nil, fmt.Errorf("store: list outbox: %w", err)
	}
	return ms, nil
}

// TicketOutbox lists a ticket's outbox rows, oldest first.
func TicketOutbox(ctx context.Context, db DBTX, ticket int64) ([]OutMail, error) {
	rows, _ := db.Query(ctx, `SELECT `+outCols+` FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
		WHERE o.ticket_id = $1 ORDER BY o.id`, ticket)
	ms, err := pgx.CollectRows(rows, scanOut)
	if err != nil {
		return nil, fmt.Errorf("store: outbox of ticket %d: %w", ticket, err)
	}
	return ms, nil
}

// OutboxByID returns one outbox row.
func OutboxByID(ctx context.Context, db DBTX, id int64) (OutMail, error) {
	rows, _ := db.Query(ctx, `SELECT `+outCols+` FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id WHERE o.id = $1`, id)
	m, err := pgx.CollectExactlyOneRow(rows, scanOut)
	if err != nil {
		return m, fmt.Errorf("store: outbox %d: %w", id, notFound(err))
	}
	return m, nil
}

// ClaimOutbox leases up to limit due rows: queued ones whose time has come
// and sending ones whose lease ran out (their sender died). Rows locked by
// another claimer are skipped.
func ClaimOutbox(ctx context.Context, db DBTX, now time.Time, limit int, lease time.Duration) ([]OutMail, error) {
	rows, _ := db.Query(ctx, `WITH due AS (
		SELECT id FROM (
			(SELECT id FROM outbox WHERE status = '`+string(OutboxQueued)+`' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit)
			UNION ALL
			(SELECT id FROM outbox WHERE status = '`+string(OutboxSending)+`' AND lease_until <= @now ORDER BY lease_until, id LIMIT @limit)
		) d
	), locked AS (
		SELECT o.id FROM outbox o JOIN due USING (id)
		WHERE o.status = '`+string(OutboxQueued)+`' OR (o.status = '`+string(OutboxSending)+`' AND o.lease_until <= @now)
		ORDER BY o.id LIMIT @limit FOR UPDATE OF o SKIP LOCKED
	)
	UPDATE outbox o SET status = '`+string(OutboxSending)+`', lease_until = @lease, attempts = o.attempts + 1
	FROM locked WHERE o.id = locked.id
	RETURNING o.id, o.ticket_id, '', o.template, o.message_id, o.from_address, o.to_addresses,
		o.reply_to, o.subject, o.body, o.in_reply_to, o.references_ids, o.auto_submitted, o.audience,
		coalesce(o.rate_key, ''), o.status, o.queued_at, o.next_attempt_at, o.sent_at, o.attempts, o.last_error,
		o.rma_id, o.clock, o.attachments, o.cc_addresses, o.files`,
		pgx.NamedArgs{"now": now, "limit": limit, "lease": now.Add(lease)})
	ms, err := pgx.CollectRows(rows, scanOut)
	if err != nil {
		return nil, fmt.Errorf("store: claim outbox: %w", err)
	}
	return ms, nil
}

// MarkOutboxSent records that the server accepted the rows of ids, row
// ids[i] at at[i], in one statement: the sender marks a round's mails
// together rather than one commit per mail. A row no longer being sent
// (released, or marked by another replica) is left as it is.
func MarkOutboxSent(ctx context.Context, db DBTX, ids []int64, at []time.Time) error {
	if len(ids) != len(at) {
		return fmt.Errorf("store: mark sent: %d ids but %d times", len(ids), len(at))
	}
	if len(ids) == 0 {
		return nil
	}
	_, err := db.Exec(ctx, `UPDATE outbox o SET status = '`+string(OutboxSent)+`', sent_at = a.at, lease_until = NULL, last_error = ''
		FROM unnest($1::bigint[], $2::timestamptz[]) AS a(id, at)
		WHERE o.id = a.id AND o.status = '`+string(OutboxSending)+`'`, ids, at)
	if err != nil {
		return fmt.Errorf("store: outbox %v sent: %w", ids, err)
	}
	return nil
}

// MarkOutboxRetry puts row id back in the queue, due at next.
func MarkOutboxRetry(ctx context.Context, db DBTX, id int64, next time.Time, reason string) error {
	_, err := db.Exec(ctx, `UPDATE outbox SET status = '`+string(OutboxQueued)+`', next_attempt_at = $2, lease_until = NULL, last_error = $3
		WHERE id = $1 AND status = '`+string(OutboxSending)+`'`, id, next, reason)
	if err != nil {
		return fmt.Errorf("store: outbox %d retry: %w", id, err)
	}
	return nil
}

// MarkOutboxFailed gives up on row id.
func MarkOutboxFailed(ctx context.Context, db DBTX, id int64, now time.Time, reason string) error {
	_, err := db.Exec(ctx, `UPDATE outbox SET status = '`+string(OutboxFailed)+`', lease_until = NULL, last_error = $3, next_attempt_at = $2
		WHERE id = $1 AND status = '`+string(OutboxSending)+`'`, id, now, reason)
	if err != nil {
		return fmt.Errorf("store: outbox %d failed: %w", id, err)
	}
	return nil
}

// ThreadRoot returns the Message-ID of the first mail about ticket sent to
// audience (agents, finance), so later ones thread under it; "" when none.
func ThreadRoot(ctx context.Context, db DBTX, ticket int64, audience string) (string, error) {
	var mid string
	err := db.QueryRow(ctx, `SELECT message_id FROM outbox WHERE ticket_id = $1 AND audience = $2
		ORDER BY id LIMIT 1`, ticket, audience).Scan(&mid)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("store: agent thread of ticket %d: %w", ticket, err)
	}
	return mid, nil
}

// UnreportedFailures are mails of a ticket that failed permanently and have
// not been shown to the agents yet, after id after.
func UnreportedFailures(ctx context.Context, db DBTX, after int64, limit int) ([]int64, error) {
	return ids(ctx, db, sqlUnreportedFailures, after, limit)
}

const sqlUnreportedFailures = `SELECT id FROM outbox WHERE status = '` + string(OutboxFailed) + `' AND ticket_id IS NOT NULL
		AND reported_at IS NULL AND id > $1 ORDER BY id LIMIT $2`

// ClaimFailure marks failed mail id as reported and returns it; ok is
// false when another run reported it first.
func ClaimFailure(ctx context.Context, db DBTX, id int64, at time.Time) (OutMail, bool, error) {
	var m OutMail
	err := db.QueryRow(ctx, `UPDATE outbox SET reported_at = $2 WHERE id = $1 AND reported_at IS NULL
		RETURNING id, ticket_id, template, to_addresses, subject, audience, last_error`, id, at).
		Scan(&m.ID, &m.TicketID, &m.Template, &m.To, &m.Subject, &m.Audience, &m.LastError)
	if errors.Is(err, pgx.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("store: claim failure %d: %w", id, err)
	}
	return m, true, nil
}

// enqueueSQL queues one mail; it is due at once unless @at is later.
var enqueueSQL = mustNamed(enqueueRaw)

const enqueueRaw = `INSERT INTO outbox (ticket_id, template, message_id, from_address, to_addresses,
		reply_to, subject, body, in_reply_to, references_ids, auto_submitted, audience, rate_key,
		queued_at, next_attempt_at, rma_id, clock, attachments, cc_addresses, files)
		VALUES (@ticket, @template, @mid, @from, @to, @replyto, @subject, @body, @irt, @refs, @auto, @aud, @rate, @at,
		least(@at::timestamptz, now()), @rma, @clock, @att, @cc, @files)
		RETURNING id`
