package main

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// The prefill (issue 15, "Growth"): before a throughput run, the fresh
// database gets n tickets, 3n messages and n/2 RMAs of three years of a
// desk's life, written by set-based SQL (INSERT ... SELECT over
// generate_series) in the real schema. Ticket i was opened
// pfSpanDays*(n-i)/n days before the anchor (asOf): the old ones are closed,
// their raw mail purged after a year; the recent ones are open, waiting on
// their customer, or have an RMA under way. What the jobs already did by
// asOf is recorded (stages claimed, RMAs voided and billed), so at asOf
// little is due and a day later about a day's worth is.
//
// Refs are TKT-100001..TKT-(100000+n), the numbers the desk itself would
// have given, and the ref sequence is moved past them: the run's new
// tickets get the next ones. Message-IDs ("pf<i>.<k>@...") and serials
// (QTFP...) never collide with the generated mail's; three tickets in ten
// belong to customers at the generated mail's company domains, so look-ups
// by domain walk real index depths.
const pfSpanDays = 1095

// prefillResult is what the prefill wrote and how long it took.
type prefillResult struct {
	Tickets  int       `json:"tickets"`
	Messages int64     `json:"messages"`
	RMAs     int64     `json:"rmas"`
	AsOf     time.Time `json:"as_of"`
	// Seconds is the whole fill; InsertSeconds without VACUUM ANALYZE and
	// the CHECKPOINT after it (VacuumSeconds).
	Seconds        float64            `json:"seconds"`
	InsertSeconds  float64            `json:"insert_seconds"`
	VacuumSeconds  float64            `json:"vacuum_analyze_seconds"`
	StepSeconds    map[string]float64 `json:"step_seconds"`
	Rows           map[string]int64   `json:"rows"`
	DatabaseSizeMB float64            `json:"database_size_mb"`
}

// pfFuncs are the session's helpers: a stable pseudo-random percentile per
// (row, salt), a ticket's age in days, its RMA's status and its state.
// They are SQL functions, inlined into the statements.
var pfFuncs = []string{
	`CREATE FUNCTION pg_temp.pf_r(i bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE
		RETURN ((hashint8(i * 131 + salt)::bigint % 100) + 100) % 100`,
	`CREATE FUNCTION pg_temp.pf_age(i bigint, n bigint) RETURNS float8 LANGUAGE sql IMMUTABLE
		RETURN (n - i)::float8 * ` + strconv.Itoa(pfSpanDays) + ` / n`,
	// Odd tickets are support questions, even ones an RMA of one unit.
	// Advance replacements (15%) are issued after 2 days, shipped after 3
	// and due back 16 days after the request; standard RMAs void 32 days
	// after it unless the unit arrived.
	`CREATE FUNCTION pg_temp.pf_rma_status(i bigint, n bigint) RETURNS text LANGUAGE sql IMMUTABLE
		RETURN CASE
			WHEN i % 2 = 1 THEN NULL
			WHEN pg_temp.pf_age(i, n) < 2 THEN 'requested'
			WHEN pg_temp.pf_r(i, 3) < 15 THEN CASE
				WHEN pg_temp.pf_age(i, n) < 3 THEN 'issued'
				WHEN pg_temp.pf_age(i, n) < 16 THEN CASE
					WHEN pg_temp.pf_r(i, 4) < (pg_temp.pf_age(i, n) - 3) * 5 THEN 'received'
					WHEN pg_temp.pf_age(i, n) < 6 THEN 'shipped' ELSE 'delivered' END
				WHEN pg_temp.pf_r(i, 4) < 88 THEN CASE WHEN pg_temp.pf_age(i, n) < 40 THEN 'received' ELSE 'closed' END
				WHEN pg_temp.pf_r(i, 4) < 99 THEN 'closed'
				ELSE 'billed' END
			WHEN pg_temp.pf_age(i, n) < 32 THEN CASE
				WHEN pg_temp.pf_r(i, 4) < (pg_temp.pf_age(i, n) - 2) * 3 THEN 'received' ELSE 'issued' END
			WHEN pg_temp.pf_r(i, 4) < 8 THEN 'voided'
			WHEN pg_temp.pf_age(i, n) < 45 THEN 'received'
			ELSE 'closed' END`,
	`CREATE FUNCTION pg_temp.pf_state(i bigint, n bigint) RETURNS text LANGUAGE sql IMMUTABLE
		RETURN CASE
			WHEN pg_temp.pf_rma_status(i, n) IN ('requested', 'issued', 'shipped', 'delivered', 'received', 'billed') THEN
				CASE WHEN pg_temp.pf_rma_status(i, n) = 'requested' AND pg_temp.pf_r(i, 1) < 30 THEN 'awaiting_info' ELSE 'open' END
			WHEN pg_temp.pf_age(i, n) >= 60 THEN CASE WHEN pg_temp.pf_r(i, 1) < 99 THEN 'closed' ELSE 'open' END
			WHEN pg_temp.pf_age(i, n) < 14 AND pg_temp.pf_r(i, 1) < 10 THEN 'awaiting_info'
			WHEN pg_temp.pf_r(i, 1) < 13 THEN 'awaiting_customer'
			WHEN pg_temp.pf_r(i, 1) < 50 THEN 'closed'
			ELSE 'open' END`,
}

// pfSteps fill the tables in order; @asof is asOf, @n is n. Row i's values
// come from the functions above, so every table agrees with the others
// without joins.
var pfSteps = []struct {
	name string
	lane int // 0 runs alone, first; 1 and 2 run side by side after it; 3 last
	sql  string
}{
	{"tickets", 0, `INSERT INTO tickets (id, ref, kind, state, mailbox, desk_address, subject, customer_name, customer_address,
			fields, units, created_at, updated_at, closed_at, waiting_since, customer_replied_at, owner, agent_acted_at)
		SELECT i, 'TKT-' || (100000 + i), kind, state, kind, kind || '@desk.example', subject, name, addr,
			jsonb_build_object('contact_name', name, 'phone', '+1 (408) 555-' || lpad((i % 10000)::text, 4, '0'),
				'problem', subject || ': see the first message.', 'company', company)
				|| CASE WHEN kind = 'rma' THEN jsonb_build_object('po_number', 'PO-PF-' || i, 'invoice_number', 'INV-PF-' || i) ELSE '{}' END,
			CASE WHEN kind = 'rma' THEN jsonb_build_array(jsonb_build_object('model', model, 'serial_number', serial,
				'part_number', '1S5BP' || lpad((i % 10000)::text, 4, '0'))) ELSE '[]' END,
			created, coalesce(closed, created + least(age / 2, 2) * interval '1 day'), closed,
			CASE WHEN state LIKE 'awaiting%' THEN created + interval '2 minutes' END,
			CASE WHEN state = 'open' THEN created + least(age / 4, 1) * interval '1 day' END,
			CASE WHEN pg_temp.pf_r(i, 2) < 30 THEN 'dana@desk.example' END,
			-- The agent's reply of the outbox below (its second mail), which the desk records as an event and here.
			created + least(age / 4, 1) * interval '1 day' + interval '3 seconds'
		FROM (SELECT i, pg_temp.pf_age(i, @n) AS age, pg_temp.pf_state(i, @n) AS state,
				date_trunc('second', @asof::timestamptz - pg_temp.pf_age(i, @n) * interval '1 day') AS created,
				CASE WHEN i % 2 = 0 THEN 'rma' ELSE 'support' END AS kind,
				(ARRAY['Miriam', 'Alice', 'Jonas', 'Wei', 'Priya', 'Hannah', 'Kenji', 'Olga', 'Samuel', 'Fatima'])[1 + i % 10] || ' ' ||
				(ARRAY['Keller', 'Martin', 'Berg', 'Zhang', 'Raman', 'Schulz', 'Tanaka', 'Okafor', 'Nilsson', 'Moreau', 'Costa'])[1 + i % 11] AS name,
				CASE WHEN i % 10 < 3 THEN 'pf' || i || '@' || (ARRAY['keller-partner.example', 'northwind.example', 'bluefjord.example',
					'acme-render.example', 'sakura-cloud.example', 'lisboa-sistemas.example', 'mapleleaf.example', 'rivergate.example',
					'helios-media.example', 'contoso.example'])[1 + (i / 10) % 10]
					ELSE 'c' || i || '@pf' || (i % 20000) || '.example' END AS addr,
				'Customer ' || (i % 20000) AS company,
				(ARRAY['Server will not power on', 'Drives dropping from RAID 6', 'PSU failure alarm', 'Memory errors after firmware update',
					'NIC link flapping', 'Fan module noisy and failing', 'BMC unreachable', 'Question about firmware compatibility'])[1 + i % 8] AS subject,
				(ARRAY['D52BQ-2U', 'D52B-1U', 'S5B', 'TS-h1290FX', 'TS-873A', 'OCP-T3'])[1 + i % 6] AS model,
				'QTFP' || lpad(i::text, 10, '0') AS serial,
				CASE WHEN pg_temp.pf_state(i, @n) = 'closed' THEN date_trunc('second', @asof::timestamptz - pg_temp.pf_age(i, @n) * interval '1 day')
					+ least(pg_temp.pf_age(i, @n) / 2, 2 + pg_temp.pf_r(i, 5) % 20) * interval '1 day' END AS closed
			FROM generate_series(1, @n::bigint) i) s`},
	// The RMA of each even ticket, its dates following its status.
	{"rmas", 0, `INSERT INTO rmas (id, ticket_id, number, unit_index, serial_number, model, part_number, type, status, covered,
			requested_at, issued_at, void_at, shipped_at, carrier, tracking, delivered_at, return_due, received_at, voided_at,
			billed_at, paid_at, amount, currency, closed_at, sent_back_at)
		SELECT t.id / 2, t.id, 'RMA-' || (100000 + t.id), 1, t.units->0->>'serial_number', t.units->0->>'model', t.units->0->>'part_number',
			typ, st, true, t.created_at,
			CASE WHEN st <> 'requested' THEN t.created_at + interval '2 days' END,
			CASE WHEN typ = 'standard' AND st <> 'requested' THEN t.created_at + interval '32 days' END,
			CASE WHEN typ = 'advance' AND st NOT IN ('requested', 'issued') THEN t.created_at + interval '3 days' END,
			CASE WHEN typ = 'advance' AND st NOT IN ('requested', 'issued') THEN 'UPS' ELSE '' END,
			CASE WHEN typ = 'advance' AND st NOT IN ('requested', 'issued') THEN '1ZPF' || t.id ELSE '' END,
			CASE WHEN typ = 'advance' AND st NOT IN ('requested', 'issued', 'shipped') THEN t.created_at + interval '5 days' END,
			CASE WHEN typ = 'advance' AND st <> 'requested' THEN t.created_at + interval '16 days' END,
			CASE WHEN st IN ('received', 'closed') THEN least(t.created_at + CASE WHEN typ = 'advance' THEN interval '12 days' ELSE interval '10 days' END,
				@asof::timestamptz - interval '1 hour') END,
			CASE WHEN st = 'voided' THEN t.created_at + interval '32 days 20 minutes' END,
			CASE WHEN billed THEN t.created_at + interval '16 days 25 minutes' END,
			CASE WHEN billed AND st = 'closed' THEN t.created_at + interval '40 days' END,
			CASE WHEN billed THEN 4200.00 END, CASE WHEN billed THEN 'USD' ELSE '' END,
			CASE WHEN st = 'closed' THEN t.created_at + interval '44 days' END,
			CASE WHEN st = 'closed' AND typ = 'standard' THEN t.created_at + interval '30 days' END
		FROM (SELECT t.*, pg_temp.pf_rma_status(t.id, @n) AS st,
				CASE WHEN pg_temp.pf_r(t.id, 3) < 15 THEN 'advance' ELSE 'standard' END AS typ,
				pg_temp.pf_r(t.id, 3) < 15 AND pg_temp.pf_r(t.id, 4) >= 88 AND pg_temp.pf_age(t.id, @n) >= 16 AS billed
			FROM tickets t WHERE t.kind = 'rma' AND t.id <= @n) t`},
	{"rma_events", 2, `INSERT INTO rma_events (rma_id, at, from_status, to_status, cause, actor, detail)
		SELECT id, requested_at, 'requested', 'requested', 'message', '', 'requested by mail' FROM rmas
		UNION ALL
		SELECT id, issued_at, 'requested', 'issued', 'command', 'dana@desk.example', 'approved' FROM rmas WHERE issued_at IS NOT NULL
		UNION ALL
		SELECT id, coalesce(closed_at, voided_at, billed_at, received_at), 'issued', status, CASE WHEN status IN ('voided', 'billed') THEN 'job' ELSE 'command' END, '', ''
			FROM rmas WHERE status IN ('received', 'closed', 'voided', 'billed')`},
	// What the clocks already did by asOf: voids, bills, and the return
	// reminders of deadlines within 5 (3bd) or 2 (1bd) days.
	{"rma_stages", 2, `INSERT INTO rma_stages (rma_id, stage, at, sent)
		SELECT id, 'void', voided_at, true FROM rmas WHERE status = 'voided'
		UNION ALL
		SELECT id, 'billed', billed_at, true FROM rmas WHERE billed_at IS NOT NULL
		UNION ALL
		SELECT id, 'reminder:' || kind || ':' || o || ':' || extract(epoch FROM d)::bigint, d - back, true
		FROM (SELECT id, CASE WHEN type = 'advance' THEN 'return' ELSE 'void' END AS kind,
				CASE WHEN type = 'advance' THEN return_due ELSE void_at END AS d
			FROM rmas WHERE status IN ('issued', 'shipped', 'delivered')) r,
			(VALUES ('3bd', interval '5 days'), ('1bd', interval '2 days')) o (o, back)
		WHERE r.d IS NOT NULL AND r.d - back <= @asof::timestamptz`},
	// Three inbound messages a ticket: the request, a follow-up, and a
	// second follow-up, an out-of-office answer, or (one in 25) a bounce
	// that found no ticket. A year after a closed ticket went idle its raw
	// mail is purged.
	{"messages", 1, `INSERT INTO messages (id, ticket_id, message_id, content_hash, mailbox, from_address, from_name, to_addresses, subject,
			class, outcome, sent_at, received_at, raw, raw_size, parse, purged_at)
		SELECT 3 * (t.id - 1) + k, CASE WHEN bounce THEN NULL ELSE t.id END, mid, decode(md5(mid), 'hex'), t.mailbox,
			CASE WHEN bounce THEN 'MAILER-DAEMON@mx.' || split_part(t.customer_address, '@', 2) ELSE t.customer_address END,
			CASE WHEN bounce THEN 'Mail Delivery System' ELSE t.customer_name END, ARRAY[t.desk_address],
			CASE WHEN k = 1 THEN t.subject WHEN bounce THEN 'Undelivered Mail Returned to Sender' ELSE 'Re: ' || t.subject || ' [' || t.ref || ']' END,
			CASE WHEN bounce THEN 'bounce' WHEN k = 3 AND pg_temp.pf_r(t.id, 6) < 12 THEN 'auto-reply' ELSE 'human' END,
			CASE WHEN bounce THEN 'bounce' WHEN k = 1 THEN 'created' WHEN k = 3 AND pg_temp.pf_r(t.id, 6) < 12 THEN 'auto_reply' ELSE 'followup' END,
			at - interval '1 minute', at,
			CASE WHEN purged THEN ''::bytea ELSE convert_to('From: ' || t.customer_name || ' <' || t.customer_address || E'>\r\nTo: ' ||
				t.desk_address || E'\r\nSubject: ' || t.subject || E'\r\nMessage-ID: <' || mid || E'>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' ||
				'Hello, ' || (t.fields->>'problem') || E'\r\nContact: ' || t.customer_name || ', ' || (t.fields->>'phone') ||
				E'\r\n\r\nKind regards,\r\n' || t.customer_name || E'\r\n' || repeat('-- ', 40) || E'\r\n', 'UTF8') END,
			1800 + 37 * k + t.id % 900,
			CASE WHEN purged THEN '{}'::json ELSE json_build_object('class', 'human', 'fields', t.fields) END,
			CASE WHEN purged THEN least(t.updated_at + interval '365 days 3 hours', @asof::timestamptz) END
		FROM (SELECT t.*, k, t.created_at + (k - 1) * least(pg_temp.pf_age(t.id, @n) / 4, 1) * interval '1 day' AS at,
				'pf' || t.id || '.' || k || '@' || split_part(t.customer_address, '@', 2) AS mid,
				k = 3 AND pg_temp.pf_r(t.id, 6) >= 96 AS bounce,
				t.state = 'closed' AND t.updated_at < @asof::timestamptz - interval '365 days' AS purged
			FROM tickets t, generate_series(1, 3) k WHERE t.id <= @n) t`},
	// Their UIDVALIDITY is prefillValidity, below any Dovecot gives.
	{"message_copies", 1, `INSERT INTO message_copies (mailbox, uidvalidity, uid, message, seen_at)
		SELECT mailbox, 1, id, id, received_at FROM messages WHERE id <= 3 * @n`},
	// Two mails a ticket, sent: the acknowledgment and an answer to the
	// follow-up. One ticket in 997 has its answer refused (reported).
	{"outbox", 2, `INSERT INTO outbox (id, ticket_id, rma_id, template, message_id, from_address, to_addresses, subject, body, in_reply_to,
			references_ids, auto_submitted, audience, rate_key, status, queued_at, next_attempt_at, sent_at, attempts, last_error,
			reported_at, purged_at)
		SELECT 2 * (t.id - 1) + j, t.id, NULL, CASE WHEN j = 1 THEN 'ack' ELSE 'agent_reply' END,
			'rmad.' || lower(t.ref) || '.c.pf' || j || '.x@desk.example', 'Desk <' || t.desk_address || '>', ARRAY[t.customer_address],
			CASE WHEN j = 1 THEN 'Re: ' || t.subject || ' [' || t.ref || ']' ELSE 'Re: ' || t.subject || ' [' || t.ref || ']' END,
			CASE WHEN purged THEN '' ELSE 'Dear ' || t.customer_name || E',\n\nthank you for your message about ' || t.subject ||
				E'. We have opened ' || t.ref || E' for it and will answer within one business day.\n\n' || repeat('The desk. ', 20) END,
			'pf' || t.id || '.' || j || '@' || split_part(t.customer_address, '@', 2), ARRAY['pf' || t.id || '.1@' || split_part(t.customer_address, '@', 2)],
			CASE WHEN j = 1 THEN 'auto-replied' ELSE '' END, 'customer',
			CASE WHEN j = 1 THEN lower(t.customer_address) END,
			CASE WHEN failed THEN 'failed' ELSE 'sent' END, at, at, CASE WHEN NOT failed THEN at + interval '2 seconds' END, 1,
			CASE WHEN failed THEN '550 5.1.1 mailbox unknown' ELSE '' END, CASE WHEN failed THEN at + interval '5 minutes' END,
			CASE WHEN purged THEN least(t.updated_at + interval '365 days 3 hours', @asof::timestamptz) END
		FROM (SELECT t.*, j, t.created_at + (j - 1) * least(pg_temp.pf_age(t.id, @n) / 4, 1) * interval '1 day' + interval '3 seconds' AS at,
				j = 2 AND t.id % 997 = 0 AS failed,
				t.state = 'closed' AND t.updated_at < @asof::timestamptz - interval '365 days' AS purged
			FROM tickets t, generate_series(1, 2) j WHERE t.id <= @n) t`},
	{"thread_ids", 1, `INSERT INTO thread_ids (message_id, ticket_id)
		SELECT message_id, ticket_id FROM messages WHERE ticket_id IS NOT NULL AND id <= 3 * @n`},
	{"thread_ids_out", 2, `INSERT INTO thread_ids (message_id, ticket_id) SELECT message_id, ticket_id FROM outbox WHERE id <= 2 * @n`},
	{"ticket_events", 2, `INSERT INTO ticket_events (ticket_id, at, kind, detail, message)
		SELECT id, created_at, 'created', 'opened by mail', 3 * (id - 1) + 1 FROM tickets WHERE id <= @n
		UNION ALL
		SELECT id, closed_at, 'closed', 'closed by an agent', NULL FROM tickets WHERE closed_at IS NOT NULL AND id <= @n
		UNION ALL
		SELECT ticket_id, queued_at, 'relayed', 'reply of dana@desk.example relayed to the customer', NULL
		FROM outbox WHERE template = 'agent_reply' AND id <= 2 * @n`},
	{"ticket_events_in", 1, `INSERT INTO ticket_events (ticket_id, at, kind, detail, message)
		SELECT ticket_id, received_at, 'followup', '', id FROM messages WHERE ticket_id IS NOT NULL AND id % 3 <> 1 AND id <= 3 * @n`},
	// Tickets waiting on their customer were reminded after 3 business
	// days (taken as 5 calendar days here).
	{"ticket_stages", 2, `INSERT INTO ticket_stages (ticket_id, stage, at)
		SELECT id, 'missing_reminder:' || extract(epoch FROM waiting_since)::bigint, waiting_since + interval '5 days'
		FROM tickets WHERE state = 'awaiting_info' AND waiting_since + interval '5 days' <= @asof::timestamptz`},
	// Today's digests went out (the bench's policy, qct, keeps Los
	// Angeles time): rmad's first round of jobs does not send them again.
	{"job_periods", 3, `INSERT INTO job_periods (job, period, at)
		SELECT job, to_char(@asof::timestamptz AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD'), @asof::timestamptz
		FROM unnest(ARRAY['digest', 'agents_digest']) job`},
	{"sequences", 3, `SELECT setval('tickets_id_seq', @n::bigint), setval('messages_id_seq', 3 * @n::bigint), setval('outbox_id_seq', 2 * @n::bigint),
		setval('rmas_id_seq', greatest(@n::bigint / 2, 1)), setval('ticket_ref_seq', 100000 + @n::bigint)`},
}

// prefill fills the database at url as of asOf (see pfSpanDays), on two
// connections: the machine has two cores.
// prefillValidity is the UIDVALIDITY of the prefilled message copies.
// Dovecot's are the mailbox's creation time, so the run's copies are those
// above it: the primary key finds them without counting the millions
// prefilled (a count(*) of those cost PostgreSQL half a second, measured
// as the run's).
const prefillValidity = 1

func prefill(ctx context.Context, url string, n int, asOf time.Time) (*prefillResult, error) {
	var dbs [2]*pgx.Conn
	for i := range dbs {
		db, err := pfConnect(ctx, url)
		if err != nil {
			return nil, err
		}
		defer db.Close(context.WithoutCancel(ctx))
		dbs[i] = db
	}
	res := &prefillResult{Tickets: n, AsOf: asOf, StepSeconds: map[string]float64{}, Rows: map[string]int64{}}
	t0 := time.Now()
	indexes, err := dropIndexes(ctx, dbs[0])
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	lane := func(db *pgx.Conn, l int) error {
		for _, s := range pfSteps {
			if s.lane != l {
				continue
			}
			t := time.Now()
			tag, err := db.Exec(ctx, s.sql, pgx.NamedArgs{"asof": asOf, "n": int64(n)})
			if err != nil {
				return fmt.Errorf("prefill %s: %w", s.name, err)
			}
			mu.Lock()
			res.StepSeconds[s.name] = round(time.Since(t).Seconds(), 2)
			res.Rows[s.name] = tag.RowsAffected()
			mu.Unlock()
			logf("prefill: %s: %d rows in %s", s.name, tag.RowsAffected(), time.Since(t).Round(time.Millisecond))
		}
		return nil
	}
	if err := lane(dbs[0], 0); err != nil {
		return nil, err
	}
	if err := both(func() error { return lane(dbs[0], 1) }, func() error { return lane(dbs[1], 2) }); err != nil {
		return nil, err
	}
	if err := lane(dbs[0], 3); err != nil {
		return nil, err
	}
	delete(res.Rows, "sequences")
	t := time.Now()
	if err := onBoth(ctx, dbs, indexes); err != nil {
		return nil, err
	}
	res.StepSeconds["indexes"] = round(time.Since(t).Seconds(), 2)
	logf("prefill: %d indexes built in %s", len(indexes), time.Since(t).Round(time.Millisecond))
	res.Messages, res.RMAs = res.Rows["messages"], res.Rows["rmas"]
	res.InsertSeconds = round(time.Since(t0).Seconds(), 1)
	t = time.Now()
	var vacuum []string
	for _, tbl := range []string{"messages", "outbox", "tickets", "thread_ids", "ticket_events", "message_copies", "rmas", "rma_events", "rma_stages", "ticket_stages"} {
		vacuum = append(vacuum, "VACUUM (ANALYZE) "+tbl)
	}
	if err := onBoth(ctx, dbs, vacuum); err != nil {
		return nil, err
	}
	if _, err := dbs[0].Exec(ctx, `ANALYZE`); err != nil {
		return nil, fmt.Errorf("prefill: analyze: %w", err)
	}
	// The fill's dirty pages are written now, not by a checkpoint in the
	// middle of the measured run.
	if _, err := dbs[0].Exec(ctx, `CHECKPOINT`); err != nil {
		return nil, fmt.Errorf("prefill: checkpoint: %w", err)
	}
	res.VacuumSeconds = round(time.Since(t).Seconds(), 1)
	res.Seconds = round(time.Since(t0).Seconds(), 1)
	var size int64
	if err := dbs[0].QueryRow(ctx, `SELECT pg_database_size(current_database())`).Scan(&size); err == nil {
		res.DatabaseSizeMB = round(float64(size)/(1<<20), 0)
	}
	logf("prefill: %d tickets, %d messages, %d RMAs in %.1fs (VACUUM ANALYZE %.1fs), database %.0f MB",
		n, res.Messages, res.RMAs, res.Seconds, res.VacuumSeconds, res.DatabaseSizeMB)
	return res, nil
}

// pfConnect opens a connection for the fill, with its session's helpers.
// Index builds get room; nothing about durability changes (the server
// keeps fsync and synchronous_commit on).
func pfConnect(ctx context.Context, url string) (*pgx.Conn, error) {
	db, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("prefill: %w", err)
	}
	for _, q := range append([]string{`SET maintenance_work_mem = '256MB'`, `SET work_mem = '64MB'`,
		`SET session_replication_role = replica`}, pfFuncs...) {
		if _, err := db.Exec(ctx, q); err != nil {
			db.Close(ctx)
			return nil, fmt.Errorf("prefill: %s: %w", q[:min(len(q), 60)], err)
		}
	}
	return db, nil
}

// onBoth runs the statements, in order, shared out between the two connections.
func onBoth(ctx context.Context, dbs [2]*pgx.Conn, stmts []string) error {
	run := func(db *pgx.Conn, parity int) error {
		for i, q := range stmts {
			if i%2 != parity {
				continue
			}
			if _, err := db.Exec(ctx, q); err != nil {
				return fmt.Errorf("prefill: %s: %w", q, err)
			}
		}
		return nil
	}
	return both(func() error { return run(dbs[0], 0) }, func() error { return run(dbs[1], 1) })
}

// both runs a and b side by side and returns the first error.
func both(a, b func() error) error {
	errs := make(chan error, 1)
	go func() { errs <- b() }()
	ea := a()
	eb := <-errs
	if ea != nil {
		return ea
	}
	return eb
}

// dropIndexes is the bulk load's usual trick, on the fresh database only:
// the indexes that back no constraint are dropped before the fill and
// built again after it from their own definitions (returned), which sorts
// once instead of updating them row by row; the foreign keys are not
// checked row by row either (session_replication_role = replica skips the
// triggers that check them; the fill writes only rows that satisfy them).
// The schema afterwards is the migrations' to the letter.
func dropIndexes(ctx context.Context, db *pgx.Conn) ([]string, error) {
	rows, _ := db.Query(ctx, `SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE ns.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
		ORDER BY 1`)
	type index struct{ Name, Def string }
	idx, err := pgx.CollectRows(rows, pgx.RowToStructByPos[index])
	if err != nil {
		return nil, fmt.Errorf("prefill: indexes: %w", err)
	}
	var defs []string
	for _, x := range idx {
		if _, err := db.Exec(ctx, `DROP INDEX `+x.Name); err != nil {
			return nil, fmt.Errorf("prefill: drop index %s: %w", x.Name, err)
		}
		defs = append(defs, x.Def)
	}
	return defs, nil
}
