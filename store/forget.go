package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// PersonTickets locks and returns the tickets whose customer is addr
// (lower case), matched exactly and case-insensitively.
func PersonTickets(ctx context.Context, db DBTX, addr string) ([]Doomed, error) {
	return doomed(ctx, db, `WHERE lower(t.customer_address) = $1 ORDER BY t.id FOR UPDATE OF t`, addr)
}

// HeldRMA is an RMA of a person that still needs their data.
type HeldRMA struct {
	Number   string
	Status   RMAStatus
	Unpaid   bool // billed and not paid
	Ticket   string
	Received bool
}

// PersonHeld lists the RMAs of addr's tickets whose case still runs (see sqlHolds).
func PersonHeld(ctx context.Context, db DBTX, addr string) ([]HeldRMA, error) {
	rows, _ := db.Query(ctx, `SELECT r.number, r.status, r.billed_at IS NOT NULL AND r.paid_at IS NULL, t.ref, r.received_at IS NOT NULL
		FROM rmas r JOIN tickets t ON t.id = r.ticket_id WHERE lower(t.customer_address) = $1 AND `+sqlHolds+` ORDER BY r.id`, addr)
	hs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[HeldRMA])
	if err != nil {
		return nil, fmt.Errorf("store: open cases of a person: %w", err)
	}
	return hs, nil
}

// PersonStrings returns what else names addr on the desk: the names and
// phone numbers their tickets, their messages and other tickets naming
// them as the contact give.
func PersonStrings(ctx context.Context, db DBTX, addr string) ([]string, error) {
	rows, _ := db.Query(ctx, `SELECT DISTINCT s FROM (
		SELECT unnest(ARRAY[customer_name, fields->>'contact_name', fields->>'phone']) s FROM tickets WHERE lower(customer_address) = $1
		UNION ALL SELECT unnest(ARRAY[fields->>'contact_name', fields->>'phone']) FROM tickets WHERE lower(fields->>'email') = $1
		UNION ALL SELECT from_name FROM messages WHERE lower(from_address) = $1
	) x WHERE coalesce(s, '') <> '' ORDER BY 1`, addr)
	ss, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("store: what names a person: %w", err)
	}
	return ss, nil
}

// sqlMentions is true when text column col holds the address @addr as a
// whole address (@addrre, see addrPattern); position is the cheap filter.
func sqlMentions(col string) string {
	return `(position(@addr in lower(` + col + `)) > 0 AND ` + col + ` ~* @addrre)`
}

// sqlMentionsRaw is sqlMentions for a bytea column read with encode(col, 'escape').
func sqlMentionsRaw(col string) string {
	return `(position(@addr in lower(` + col + `)) > 0 AND ` + col + ` ~* @rawre)`
}

// sqlSwapAddr replaces the address @addr by the tag @tag in text[] column col.
func sqlSwapAddr(col string) string {
	return `ARRAY(SELECT CASE WHEN lower(a) = @addr THEN @tag ELSE a END FROM unnest(` + col + `) WITH ORDINALITY x(a, n) ORDER BY n)`
}

// sqlHasAddr is true when text[] column col holds the address @addr.
func sqlHasAddr(col string) string {
	return `EXISTS (SELECT 1 FROM unnest(` + col + `) a WHERE lower(a) = @addr)`
}

// ForgetElsewhere takes addr (lower case) out of everything that is not
// one of their own tickets (those EraseTickets deletes): their messages
// and the mail to them lose their content, the desk's mail to them that
// waits is cancelled, and their address, and beside it their names and
// phones (strings), are replaced by tag in the history, notices, fields,
// registry and quarantine of the rest of the desk.
func ForgetElsewhere(ctx context.Context, db DBTX, addr, tag string, strs []string, now time.Time) (Changes, error) {
	c := Changes{}
	pats := append([]string{addrPattern(addr)}, wordPatterns(strs...)...)
	// Tickets of others this person wrote in, was copied on, or is the contact of.
	touched := `SELECT DISTINCT ticket_id FROM messages WHERE ticket_id IS NOT NULL AND (lower(from_address) = @addr OR ` + sqlHasAddr("to_addresses") + `)
		UNION SELECT id FROM tickets WHERE ` + sqlHasAddr("participants") + ` OR lower(fields->>'email') = @addr
			OR ` + sqlMentions("fields::text") + ` OR ` + sqlMentions("subject") + ` OR ` + sqlMentions("customer_name")
	gone := `raw = ''::bytea, parse = '{}', purged_at = coalesce(purged_at, @now)`
	onlyThem := `NOT EXISTS (SELECT 1 FROM unnest(to_addresses) a WHERE lower(a) <> @addr)`
	steps := []struct{ table, count, sql string }{
		{"messages", "scrubbed", `UPDATE messages SET ` + gone + `, from_address = @tag, from_name = '', subject = '',
			to_addresses = ` + sqlSwapAddr("to_addresses") + ` WHERE lower(from_address) = @addr`},
		{"messages", "scrubbed", `UPDATE messages SET ` + gone + `, subject = rmad_scrub(subject, @pats, @tag),
			to_addresses = ` + sqlSwapAddr("to_addresses") + ` WHERE ` + sqlHasAddr("to_addresses")},
		{"messages", "scrubbed", `UPDATE messages SET ` + gone + `, subject = rmad_scrub(subject, @pats, @tag)
			WHERE (raw <> ''::bytea AND (` + sqlMentionsRaw("encode(raw, 'escape')") + ` OR ` + sqlMentions("parse::text") + `))
				OR ` + sqlMentions("subject || ' ' || from_name") + ``},
		// Mail to them alone loses its content (and, not sent yet, is
		// cancelled); mail to others too only loses them as a recipient.
		{"outbox", "scrubbed", `UPDATE outbox SET
			status = CASE WHEN ` + onlyThem + ` AND NOT status IN (` + sqlFinished + `) THEN '` + string(OutboxCancelled) + `' ELSE status END,
			last_error = CASE WHEN ` + onlyThem + ` AND NOT status IN (` + sqlFinished + `) THEN 'recipient forgotten' ELSE last_error END,
			body = CASE WHEN ` + onlyThem + ` THEN '' ELSE body END, subject = CASE WHEN ` + onlyThem + ` THEN '' ELSE subject END,
			attachments = CASE WHEN ` + onlyThem + ` THEN '[]' ELSE attachments END, files = CASE WHEN ` + onlyThem + ` THEN '[]' ELSE files END,
			purged_at = CASE WHEN ` + onlyThem + ` THEN coalesce(purged_at, @now) ELSE purged_at END,
			to_addresses = CASE WHEN ` + onlyThem + ` THEN ARRAY[@tag] ELSE ARRAY(SELECT a FROM unnest(to_addresses) a WHERE lower(a) <> @addr) END,
			cc_addresses = ARRAY(SELECT a FROM unnest(cc_addresses) a WHERE lower(a) <> @addr),
			reply_to = CASE WHEN lower(reply_to) = @addr THEN '' ELSE reply_to END,
			rate_key = CASE WHEN lower(rate_key) = @addr THEN NULL ELSE rate_key END
			WHERE ` + sqlHasAddr("to_addresses") + ` OR ` + sqlHasAddr("cc_addresses") + ` OR lower(reply_to) = @addr OR lower(rate_key) = @addr`},
		{"outbox", "scrubbed", `UPDATE outbox SET body = rmad_scrub(body, @pats, @tag), subject = rmad_scrub(subject, @pats, @tag),
			last_error = rmad_scrub(last_error, @pats, @tag)
			WHERE ` + sqlMentions("body || subject || last_error") + ` OR (ticket_id = ANY(@touched)
				AND (rmad_scrub(body, @pats, @tag) <> body OR rmad_scrub(subject, @pats, @tag) <> subject))`},
		{"outbox", "scrubbed", `UPDATE outbox SET attachments = '[]', purged_at = coalesce(purged_at, @now)
			WHERE attachments <> '[]' AND EXISTS (SELECT 1 FROM jsonb_array_elements(attachments) f
				WHERE ` + sqlMentionsRaw("encode(decode(f->>'data', 'base64'), 'escape')") + `)`},
		{"tickets", "scrubbed", `UPDATE tickets SET participants = ARRAY(SELECT p FROM unnest(participants) p WHERE lower(p) <> @addr),
			fields = CASE WHEN lower(fields->>'email') = @addr THEN fields - 'email' - 'contact_name' - 'phone' ELSE fields END
			WHERE ` + sqlHasAddr("participants") + ` OR lower(fields->>'email') = @addr`},
		{"tickets", "scrubbed", `UPDATE tickets SET fields = rmad_scrub(fields::text, @pats, @tag)::jsonb, units = rmad_scrub(units::text, @pats, @tag)::jsonb,
			subject = rmad_scrub(subject, @pats, @tag), customer_name = CASE WHEN rmad_scrub(customer_name, @pats, @tag) <> customer_name THEN '' ELSE customer_name END
			WHERE id = ANY(@touched) AND (rmad_scrub(fields::text, @pats, @tag) <> fields::text OR rmad_scrub(units::text, @pats, @tag) <> units::text
				OR rmad_scrub(subject, @pats, @tag) <> subject OR rmad_scrub(customer_name, @pats, @tag) <> customer_name)`},
		{"ticket_events", "scrubbed", `UPDATE ticket_events SET detail = rmad_scrub(detail, @pats, @tag)
			WHERE (` + sqlMentions("detail") + ` OR ticket_id = ANY(@touched)) AND rmad_scrub(detail, @pats, @tag) <> detail`},
		{"rma_events", "scrubbed", `UPDATE rma_events SET actor = rmad_scrub(actor, @pats, @tag), detail = rmad_scrub(detail, @pats, @tag)
			WHERE ` + sqlMentions("actor || ' ' || detail") + ``},
		{"assets", "scrubbed", `UPDATE assets SET customer_email = '', customer = rmad_scrub(customer, @pats, @tag) WHERE lower(customer_email) = @addr`},
		{"quarantine", "deleted", `DELETE FROM quarantine WHERE ` + sqlMentionsRaw("encode(raw, 'escape')") + ` OR ` + sqlMentions("error")},
		{"message_failures", "scrubbed", `UPDATE message_failures SET last_error = rmad_scrub(last_error, @pats, @tag) WHERE ` + sqlMentions("last_error")},
	}
	args := pgx.NamedArgs{"addr": addr, "tag": tag, "pats": pats, "now": now, "addrre": addrPattern(addr), "rawre": addrPatternRaw(addr)}
	// The tickets they touched are found once, before any step: the first
	// steps replace them in the messages' recipients, and a later step that
	// looked again no longer found a ticket they were only copied on, so
	// their name stayed in its history and in the mail queued on it.
	rows, _ := db.Query(ctx, touched, args)
	ts, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: forget: tickets they touched: %w", err)
	}
	args["touched"] = append([]int64{}, ts...)
	for _, s := range steps {
		tg, err := db.Exec(ctx, s.sql, args)
		if err != nil {
			return nil, fmt.Errorf("store: forget in %s: %w", s.table, err)
		}
		if s.count == "deleted" {
			c.deleted(s.table, tg.RowsAffected())
		} else {
			c.scrubbed(s.table, tg.RowsAffected())
		}
	}
	return c, nil
}

// Erasure is one row of the erasures audit table.
type Erasure struct {
	Kind    string
	Subject string // keyed hash of a forgotten address; "" for purges
	At      time.Time
	Cutoff  *time.Time
	Counts  Changes
}

// RecordErasure writes the audit row of a purge or a forget.
func RecordErasure(ctx context.Context, db DBTX, e Erasure) error {
	_, err := db.Exec(ctx, `INSERT INTO erasures (kind, subject, at, cutoff, counts) VALUES ($1, $2, $3, $4, $5)`,
		e.Kind, e.Subject, e.At, e.Cutoff, e.Counts)
	if err != nil {
		return fmt.Errorf("store: record %s: %w", e.Kind, err)
	}
	return nil
}

// Erasures returns the audit rows of subject ("" = all), newest first.
func Erasures(ctx context.Context, db DBTX, subject string, limit int) ([]Erasure, error) {
	rows, _ := db.Query(ctx, `SELECT kind, subject, at, cutoff, counts FROM erasures
		WHERE $1 = '' OR subject = $1 ORDER BY id DESC LIMIT $2`, subject, limit)
	es, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Erasure])
	if err != nil {
		return nil, fmt.Errorf("store: erasures: %w", err)
	}
	return es, nil
}
