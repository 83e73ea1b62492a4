package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
)

// Change counts what a purge or an erasure did to one table: rows deleted,
// and rows kept with their content (or a person in it) taken out.
type Change struct {
	Deleted  int64 `json:"deleted"`
	Scrubbed int64 `json:"scrubbed"`
}

// Changes are the counts per table.
type Changes map[string]Change

func (c Changes) deleted(table string, n int64) {
	ch := c[table]
	ch.Deleted += n
	c[table] = ch
}

func (c Changes) scrubbed(table string, n int64) {
	ch := c[table]
	ch.Scrubbed += n
	c[table] = ch
}

// Add adds o's counts to c.
func (c Changes) Add(o Changes) {
	for t, ch := range o {
		c.deleted(t, ch.Deleted)
		c.scrubbed(t, ch.Scrubbed)
	}
}

// sqlHolds is true of an RMA whose case still needs its ticket: a clock
// runs (approval, return, void, quote, a fee), a bill is unpaid, missing
// components are awaited, or the customer's unit is still with the vendor.
// A returned unit that was rejected (#reject after it arrived: a wrong
// product, missing parts) is still the customer's and still with the
// vendor, and for an advance replacement the replacement is out unbilled:
// purging it lost the only record of whose unit the warehouse holds.
const sqlHolds = `(r.status IN ('` + string(RMARequested) + `', '` + string(RMAIssued) + `', '` + string(RMAShipped) + `', '` +
	string(RMADelivered) + `', '` + string(RMAQuoted) + `', '` + string(RMABilled) + `')
	OR (r.billed_at IS NOT NULL AND r.paid_at IS NULL)
	OR r.components_due IS NOT NULL
	OR (r.status = '` + string(RMAReceived) + `' AND r.type <> '` + string(RMAAdvance) + `' AND r.sent_back_at IS NULL)
	OR (r.status = '` + string(RMARejected) + `' AND r.received_at IS NOT NULL AND r.sent_back_at IS NULL))`

// sqlMoney is true of an RMA that is a billing record finance keeps: it
// was billed, charged or paid.
const sqlMoney = `(r.billed_at IS NOT NULL OR r.paid_at IS NOT NULL OR r.amount IS NOT NULL OR r.paid_amount IS NOT NULL)`

// sqlFinished lists the outbox statuses of mail that is done with: any
// other (queued, sending, or one a later version adds, such as mail held
// for an operator) is mail still to go, which retention never touches.
const sqlFinished = `'` + string(OutboxSent) + `', '` + string(OutboxFailed) + `', '` + string(OutboxCancelled) + `'`

// sqlQuiet is true of a ticket t nothing is pending on: no RMA holds it
// and no mail of it waits to be sent (a queued mail reads its files from
// the stored messages when it goes).
const sqlQuiet = `NOT EXISTS (SELECT 1 FROM rmas r WHERE r.ticket_id = t.id AND ` + sqlHolds + `)
	AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = t.id AND NOT o.status IN (` + sqlFinished + `))`

// RawBatch is one look of the raw-mail purge.
type RawBatch struct {
	Due  []int64 // the tickets locked and still due, in order
	Last int64   // the highest id locked: the next look starts after it
	Full bool    // limit tickets were locked: more may be due
}

// LockRawPurge locks, skipping those another transaction holds, up to
// limit closed, quiet tickets after id after whose last activity (an
// update, a message, a mail) is before cutoff and that still have stored
// content, and returns those still due once locked.
//
// The candidates come from the content not purged yet that is older than
// cutoff (messages_unpurged, outbox_unpurged): a ticket that qualifies has
// no message or mail from cutoff on, so its unpurged content is older, and
// the tickets purged by earlier runs, most of a large desk's history, are
// never visited. They are an array, not a join: the planner cannot know
// that the unpurged old content is small, and joined it walks every ticket.
// Most of them are not due (open, or closed within the cutoff): the
// closed tickets' index (tickets_closed_id) tells which are, without the
// heap, in a look of its own that locks nothing.
//
// The lock makes PostgreSQL test again only a ticket row that changed
// since the look's snapshot. Mail recorded on a ticket without changing
// its row (an auto-reply, a bounce, a stranger's message) and another
// run's purge of it do not change the row, and committed between the look
// and the lock they went unseen: that mail was emptied the day it came,
// and a ticket purged twice. A second statement, with a snapshot of its
// own taken after the lock, sees every writer that held the ticket before.
func LockRawPurge(ctx context.Context, db DBTX, cutoff time.Time, after int64, limit int) (RawBatch, error) {
	locked, err := ids(ctx, db, sqlLockRawPurge, cutoff, after, limit)
	if err != nil || len(locked) == 0 {
		return RawBatch{}, err
	}
	due, err := ids(ctx, db, `SELECT t.id FROM tickets t WHERE t.id = ANY($2) AND `+sqlRawDue+`
			AND (EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.purged_at IS NULL)
				OR EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = t.id AND o.purged_at IS NULL))
		ORDER BY t.id`, cutoff, locked)
	if err != nil {
		return RawBatch{}, err
	}
	return RawBatch{Due: due, Last: locked[len(locked)-1], Full: len(locked) == limit}, nil
}

// sqlRawDue is true of a ticket t whose raw mail is due for purging at the
// cutoff $1: closed and idle before it, nothing pending.
const sqlRawDue = `t.state = '` + string(TicketClosed) + `' AND t.closed_at < $1 AND t.updated_at < $1
			AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.received_at >= $1)
			AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = t.id AND o.queued_at >= $1)
			AND ` + sqlQuiet

const sqlLockRawPurge = `SELECT t.id FROM tickets t
		WHERE t.id = ANY (ARRAY(SELECT c.id FROM tickets c
				WHERE c.id = ANY (ARRAY(SELECT m.ticket_id FROM messages m WHERE m.purged_at IS NULL AND m.received_at < $1 AND m.ticket_id > $2
						UNION SELECT o.ticket_id FROM outbox o WHERE o.purged_at IS NULL AND o.queued_at < $1 AND o.ticket_id > $2))
					AND c.state = '` + string(TicketClosed) + `' AND c.closed_at < $1 AND c.updated_at < $1))
			AND t.id > $2 AND ` + sqlRawDue + `
		ORDER BY t.id LIMIT $3 FOR UPDATE OF t SKIP LOCKED`

// PurgeRaw deletes the content of the stored messages and sent mail of
// tickets (raw bytes, parse, bodies, attachments), keeping their metadata,
// and notes it in each ticket's history.
//
// Only content older than cutoff goes, whatever the caller checked: a
// ticket's mail from the cutoff on means it was not idle, and emptying it
// would lose what a customer wrote within the retention period.
func PurgeRaw(ctx context.Context, db DBTX, tickets []int64, cutoff, now time.Time, why string) (Changes, error) {
	c := Changes{}
	tag, err := db.Exec(ctx, `UPDATE messages SET raw = ''::bytea, parse = '{}', purged_at = $2
		WHERE ticket_id = ANY($1) AND purged_at IS NULL AND received_at < $3`, tickets, now, cutoff)
	if err != nil {
		return nil, fmt.Errorf("store: purge raw messages: %w", err)
	}
	c.scrubbed("messages", tag.RowsAffected())
	tag, err = db.Exec(ctx, `UPDATE outbox SET body = '', attachments = '[]', files = '[]', purged_at = $2
		WHERE ticket_id = ANY($1) AND purged_at IS NULL AND queued_at < $3 AND status IN (`+sqlFinished+`)`, tickets, now, cutoff)
	if err != nil {
		return nil, fmt.Errorf("store: purge sent mail: %w", err)
	}
	c.scrubbed("outbox", tag.RowsAffected())
	if _, err = db.Exec(ctx, `INSERT INTO ticket_events (ticket_id, at, kind, detail)
		SELECT unnest($1::bigint[]), $2, 'raw_purged', $3`, tickets, now, why); err != nil {
		return nil, fmt.Errorf("store: purge raw events: %w", err)
	}
	return c, nil
}

// PurgeLoose deletes, up to limit rows per table, the content no ticket
// holds that is older than cutoff: messages that opened no ticket
// (bounces, strangers' mail, unreadable mail), the desk's sent mail about
// no ticket (the finance digest and its CSV), and quarantined mail that
// was replayed (its message is stored again). It returns what it did
// and whether a table had more than limit to purge (call again).
func PurgeLoose(ctx context.Context, db DBTX, cutoff, now time.Time, limit int) (Changes, bool, error) {
	c := Changes{}
	more := false
	// A statement that took fewer than limit rows took every one it may:
	// another look would find only rows other transactions hold, which it
	// skips too. Looking again cost as much as the look that found them.
	count := func(n int64) int64 {
		more = more || n >= int64(limit)
		return n
	}
	tag, err := db.Exec(ctx, sqlPurgeLooseMessages, cutoff, now, limit)
	if err != nil {
		return nil, false, fmt.Errorf("store: purge unticketed messages: %w", err)
	}
	c.scrubbed("messages", count(tag.RowsAffected()))
	tag, err = db.Exec(ctx, `UPDATE outbox SET body = '', attachments = '[]', files = '[]', purged_at = $2
		WHERE id IN (SELECT id FROM outbox WHERE ticket_id IS NULL AND purged_at IS NULL AND queued_at < $1
			AND status IN (`+sqlFinished+`)
			ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)`, cutoff, now, limit)
	if err != nil {
		return nil, false, fmt.Errorf("store: purge unticketed mail: %w", err)
	}
	c.scrubbed("outbox", count(tag.RowsAffected()))
	tag, err = db.Exec(ctx, `DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine
		WHERE replayed_at IS NOT NULL AND replayed_at < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)`, cutoff, limit)
	if err != nil {
		return nil, false, fmt.Errorf("store: purge replayed quarantine: %w", err)
	}
	c.deleted("quarantine", count(tag.RowsAffected()))
	return c, more, nil
}

// sqlPurgeLooseMessages empties up to $3 unticketed messages older than $1
// as of $2, oldest first. It reads the index of unticketed unpurged
// messages by age (messages_loose_age), so it reads only those it purges:
// walking every message took a second per batch at three million
// messages, and the unticketed ones in id order still read the newer
// ones to test their age.
const sqlPurgeLooseMessages = `UPDATE messages SET raw = ''::bytea, parse = '{}', purged_at = $2
		WHERE id IN (SELECT id FROM messages WHERE ticket_id IS NULL AND purged_at IS NULL AND received_at < $1
			ORDER BY received_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)`

// ExplainLoosePurge is the query plan of the purge of unticketed messages
// as of now, so a test can prove it reads only what it may purge.
func ExplainLoosePurge(ctx context.Context, db DBTX, cutoff, now time.Time) (string, error) {
	return explain(ctx, db, sqlPurgeLooseMessages, cutoff, now, 200)
}

// ExplainRawPurge is the query plan of the look for closed tickets whose
// mail is due for purging, so a test can prove which index it reads.
func ExplainRawPurge(ctx context.Context, db DBTX, cutoff time.Time) (string, error) {
	return explain(ctx, db, sqlLockRawPurge, cutoff, 0, 1000)
}

func explain(ctx context.Context, db DBTX, sql string, args ...any) (string, error) {
	rows, _ := db.Query(ctx, "EXPLAIN "+sql, args...)
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", fmt.Errorf("store: explain: %w", err)
	}
	return strings.Join(lines, "\n"), nil
}

// Empty reports whether c counts nothing.
func (c Changes) Empty() bool {
	for _, ch := range c {
		if ch.Deleted != 0 || ch.Scrubbed != 0 {
			return false
		}
	}
	return true
}

// Doomed is a ticket a purge or an erasure deletes, with what identifies
// its customer: the address and the other strings to take out of the
// history a billing shell keeps.
type Doomed struct {
	ID      int64
	Ref     string
	Address string
	Strings []string // the customer's name, phone, contact, tracking numbers
}

// LockClosedBefore locks, skipping those another transaction holds, up to
// limit quiet tickets after id after that closed before cutoff. It
// returns those still due once locked (see LockRawPurge: mail queued or
// an RMA's clock started without a change to the ticket's row is seen
// only by a statement after the lock) and the highest id it locked.
func LockClosedBefore(ctx context.Context, db DBTX, cutoff time.Time, after int64, limit int) ([]Doomed, int64, error) {
	locked, err := ids(ctx, db, `SELECT t.id FROM tickets t WHERE `+sqlClosedDue+` AND t.id > $2
		ORDER BY t.id LIMIT $3 FOR UPDATE OF t SKIP LOCKED`, cutoff, after, limit)
	if err != nil || len(locked) == 0 {
		return nil, 0, err
	}
	ds, err := doomed(ctx, db, `WHERE t.id = ANY($2) AND `+sqlClosedDue+` ORDER BY t.id`, cutoff, locked)
	return ds, locked[len(locked)-1], err
}

// sqlClosedDue is true of a ticket t due for deletion at the cutoff $1.
const sqlClosedDue = `t.state = '` + string(TicketClosed) + `' AND t.closed_at < $1 AND ` + sqlQuiet

// doomed reads the tickets a WHERE clause (over tickets t) picks.
func doomed(ctx context.Context, db DBTX, where string, args ...any) ([]Doomed, error) {
	rows, _ := db.Query(ctx, `SELECT t.id, t.ref, t.customer_address,
		array_remove(ARRAY[t.customer_name, t.fields->>'contact_name', t.fields->>'phone', t.fields->>'email']
			|| ARRAY(SELECT s FROM rmas r, unnest(ARRAY[r.tracking, r.return_tracking]) s WHERE r.ticket_id = t.id), NULL)
		FROM tickets t `+where, args...)
	ds, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Doomed])
	if err != nil {
		return nil, fmt.Errorf("store: tickets to delete: %w", err)
	}
	return ds, nil
}

// EraseTickets deletes tickets and everything hanging off them. The
// stored messages stay as contentless tombstones (so a copy still in an
// IMAP mailbox is never taken for new mail). A ticket with a billing
// record stays instead as an anonymised shell: its money RMAs and their
// history, the customer replaced by tagOf(their address) and every other
// trace of them gone. It returns the refs of the shells.
func EraseTickets(ctx context.Context, db DBTX, ds []Doomed, tagOf func(string) string, now time.Time, why string) (Changes, []string, error) {
	c := Changes{}
	exec := func(table, count, sql string, args ...any) error {
		tag, err := db.Exec(ctx, sql, args...)
		if err != nil {
			return fmt.Errorf("store: erase tickets: %s: %w", table, err)
		}
		switch count {
		case "deleted":
			c.deleted(table, tag.RowsAffected())
		case "scrubbed":
			c.scrubbed(table, tag.RowsAffected())
		}
		return nil
	}
	tickets := make([]int64, len(ds))
	for i, d := range ds {
		tickets[i] = d.ID
	}
	shells, err := ids(ctx, db, `SELECT DISTINCT r.ticket_id FROM rmas r WHERE r.ticket_id = ANY($1) AND `+sqlMoney+` ORDER BY 1`, tickets)
	if err != nil {
		return nil, nil, err
	}
	doomedRMAs := `SELECT r.id FROM rmas r WHERE r.ticket_id = ANY(@tickets) AND NOT ` + sqlMoney
	// A nil slice would be NULL, and "NOT id = ANY(NULL)" true of no row.
	args := pgx.NamedArgs{"tickets": tickets, "shells": append([]int64{}, shells...), "now": now}
	for _, s := range []struct{ table, count, sql string }{
		{"promises", "deleted", `DELETE FROM promises WHERE ticket_id = ANY(@tickets)`},
		{"outbox", "deleted", `DELETE FROM outbox WHERE ticket_id = ANY(@tickets) OR rma_id IN (SELECT id FROM rmas WHERE ticket_id = ANY(@tickets))`},
		{"rma_stages", "deleted", `DELETE FROM rma_stages WHERE rma_id IN (` + doomedRMAs + `)`},
		{"rma_events", "deleted", `DELETE FROM rma_events WHERE rma_id IN (` + doomedRMAs + `)`},
		{"rmas", "deleted", `DELETE FROM rmas WHERE id IN (` + doomedRMAs + `)`},
		{"ticket_stages", "deleted", `DELETE FROM ticket_stages WHERE ticket_id = ANY(@tickets)`},
		{"ticket_events", "deleted", `DELETE FROM ticket_events WHERE ticket_id = ANY(@tickets)`},
		{"thread_ids", "deleted", `DELETE FROM thread_ids WHERE ticket_id = ANY(@tickets)`},
		{"messages", "scrubbed", `UPDATE messages SET ticket_id = NULL, raw = ''::bytea, parse = '{}', from_address = '', from_name = '',
			to_addresses = '{}', subject = '', outcome = '` + string(OutcomePurged) + `', purged_at = coalesce(purged_at, @now)
			WHERE ticket_id = ANY(@tickets)`},
		// A ticket a reply to a deleted one opened (a shell among them) loses only the link.
		{"tickets", "", `UPDATE tickets SET parent_id = NULL WHERE parent_id = ANY(@tickets) AND NOT parent_id = ANY(@shells)`},
		{"tickets", "deleted", `DELETE FROM tickets t WHERE t.id = ANY(@tickets) AND NOT t.id = ANY(@shells)`},
	} {
		if err := exec(s.table, s.count, s.sql, args); err != nil {
			return nil, nil, err
		}
	}
	var refs []string
	for _, d := range ds {
		if !slices.Contains(shells, d.ID) {
			continue
		}
		refs = append(refs, d.Ref)
		if err := shell(ctx, d, tagOf(d.Address), now, why, exec); err != nil {
			return nil, nil, err
		}
	}
	return c, refs, nil
}

// wordPatterns turns strings (names, phones, tracking numbers) into
// case-insensitive literal regular expressions for rmad_scrub that match
// only as whole words: a forgotten "Ann" must not rewrite "annual" in
// someone else's mail. Strings too short to be identifying (an initial,
// an empty field) are left out.
func wordPatterns(ss ...string) []string {
	var ps []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); utf8.RuneCountInString(s) >= 3 {
			ps = append(ps, `(?<![[:alnum:]])`+regexp.QuoteMeta(s)+`(?![[:alnum:]])`)
		}
	}
	return ps
}

// sqlAtext is the bracket body of the characters an address's local part
// may hold besides letters and digits (RFC 5322 atext, and the dot).
const sqlAtext = "!#$%&'*+/=?^_`{|}~.-"

// addrPattern is the regular expression of addr as a whole address in
// text: not the tail of a longer one ("n@x.example" in "ann@x.example")
// nor the head of a longer domain ("a@x.exampl" in "a@x.example"). A
// substring match let forgetting one address wipe other people's mail.
func addrPattern(addr string) string {
	return `(?<![[:alnum:]` + sqlAtext + `])` + regexp.QuoteMeta(addr) + `(?![[:alnum:]_-]|\.[[:alnum:]])`
}

// addrPatternRaw is addrPattern for encode(bytea, 'escape') text, where a
// byte above 127 just before the address reads as a backslash and three
// octal digits: those digits must not count as part of the address.
func addrPatternRaw(addr string) string {
	return `(^|[^[:alnum:]` + sqlAtext + `]|\\[0-7]{3})` + regexp.QuoteMeta(addr) + `(?![[:alnum:]_-]|\.[[:alnum:]])`
}

// shell anonymises a deleted ticket that keeps billing rows.
func shell(_ context.Context, d Doomed, tag string, now time.Time, why string, exec func(string, string, string, ...any) error) error {
	if err := exec("tickets", "scrubbed", `UPDATE tickets SET state = '`+string(TicketPurged)+`', subject = '', customer_name = '',
		customer_address = $2, fields = '{}', units = '[]', missing = '{}', participants = '{}', waiting_since = NULL,
		customer_replied_at = NULL, closed_at = coalesce(closed_at, $3), updated_at = $3 WHERE id = $1`, d.ID, tag, now); err != nil {
		return err
	}
	pats := append([]string{addrPattern(strings.ToLower(d.Address))}, wordPatterns(d.Strings...)...)
	if err := exec("rma_events", "scrubbed", `UPDATE rma_events e SET actor = rmad_scrub(e.actor, $2, $3), detail = rmad_scrub(e.detail, $2, $3)
		FROM rmas r WHERE e.rma_id = r.id AND r.ticket_id = $1
			AND (rmad_scrub(e.actor, $2, $3) <> e.actor OR rmad_scrub(e.detail, $2, $3) <> e.detail)`, d.ID, pats, tag); err != nil {
		return err
	}
	if err := exec("rmas", "scrubbed", `UPDATE rmas SET tracking = '', return_tracking = '', note = ''
		WHERE ticket_id = $1 AND (tracking <> '' OR return_tracking <> '' OR note <> '')`, d.ID); err != nil {
		return err
	}
	return exec("ticket_events", "", `INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($1, $2, 'purged', $3)`, d.ID, now, why)
}

// TicketRefs returns the refs of tickets, in id order.
func TicketRefs(ctx context.Context, db DBTX, tickets []int64) ([]string, error) {
	rows, _ := db.Query(ctx, `SELECT ref FROM tickets WHERE id = ANY($1) ORDER BY id`, tickets)
	refs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("store: ticket refs: %w", err)
	}
	return refs, nil
}

// MailboxCopy is where the IMAP server may still hold a stored message.
type MailboxCopy struct {
	Mailbox     string `json:"mailbox"`
	UIDValidity int64  `json:"uidvalidity"`
	UID         int64  `json:"uid"`
}

// PersonCopies lists the mailbox copies of the messages from or to addr.
func PersonCopies(ctx context.Context, db DBTX, addr string) ([]MailboxCopy, error) {
	rows, _ := db.Query(ctx, `SELECT c.mailbox, c.uidvalidity, c.uid FROM message_copies c JOIN messages m ON m.id = c.message
		WHERE lower(m.from_address) = $1 OR EXISTS (SELECT 1 FROM unnest(m.to_addresses) a WHERE lower(a) = $1)
			OR m.ticket_id IN (SELECT id FROM tickets WHERE lower(customer_address) = $1)
		ORDER BY 1, 2, 3`, addr)
	cs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[MailboxCopy])
	if err != nil {
		return nil, fmt.Errorf("store: mailbox copies: %w", err)
	}
	return cs, nil
}
