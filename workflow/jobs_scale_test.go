package workflow

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/store"
)

// seedRMAs fills the database with n RMAs in a realistic mix of states, of
// which about `due` are due at now: voids, overdue advance returns and
// reminders. Everything else is history or comfortably in the future.
func seedRMAs(t testing.TB, pool *pgxpool.Pool, n, due int, now time.Time) {
	t.Helper()
	ctx := context.Background()
	perTicket := 10
	tickets := (n + perTicket - 1) / perTicket
	stmts := []string{
		`INSERT INTO tickets (ref, kind, state, mailbox, desk_address, subject, customer_address, created_at, updated_at)
		 SELECT 'TKT-' || (900000000 + i), 'rma', 'open', 'rma', 'rma@desk.example', 'seeded', 'c' || i || '@customer.example', $1::timestamptz, $1::timestamptz
		 FROM generate_series(1, ` + strconv.Itoa(tickets) + `) i`,
		// i mod 100 picks the state: 0-59 received, 60-79 closed, 80-84 voided,
		// 85-96 issued (void date ahead), 97-99 advance out for return (due ahead).
		`INSERT INTO rmas (ticket_id, number, unit_index, serial_number, model, type, status, covered, requested_at,
			issued_at, void_at, return_due, received_at, voided_at, closed_at)
		 SELECT t.id, 'RMA-S' || i, (i - 1) / ` + strconv.Itoa(tickets) + ` + 1, 'SN' || i, 'D52BQ-2U',
			CASE WHEN i % 100 >= 97 THEN 'advance' ELSE 'standard' END,
			CASE WHEN i % 100 < 60 THEN 'received' WHEN i % 100 < 80 THEN 'closed' WHEN i % 100 < 85 THEN 'voided'
			     WHEN i % 100 < 97 THEN 'issued' ELSE 'shipped' END,
			true, $1::timestamptz - interval '90 days', $1::timestamptz - interval '60 days',
			CASE WHEN i % 100 BETWEEN 85 AND 96 THEN $1::timestamptz + interval '40 days' + (i % 1000) * interval '1 minute' END,
			CASE WHEN i % 100 >= 97 THEN $1::timestamptz + interval '30 days' + (i % 1000) * interval '1 minute' END,
			CASE WHEN i % 100 < 80 THEN $1::timestamptz - interval '30 days' END,
			CASE WHEN i % 100 BETWEEN 80 AND 84 THEN $1::timestamptz - interval '20 days' END,
			CASE WHEN i % 100 BETWEEN 60 AND 79 THEN $1::timestamptz - interval '10 days' END
		 FROM generate_series(1, ` + strconv.Itoa(n) + `) i
		 JOIN tickets t ON t.ref = 'TKT-' || (900000000 + (i - 1) % ` + strconv.Itoa(tickets) + ` + 1)`,
	}
	for _, s := range stmts {
		if _, err := pool.Exec(ctx, s, now); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	// The due ones: a third each void-due, overdue advance, reminder-due.
	third := due / 3
	for _, s := range []string{
		`UPDATE rmas SET void_at = $1::timestamptz - interval '1 hour' WHERE id IN (SELECT id FROM rmas WHERE status = 'issued' ORDER BY id LIMIT ` + strconv.Itoa(third) + `)`,
		`UPDATE rmas SET return_due = $1::timestamptz - interval '1 day' WHERE id IN (SELECT id FROM rmas WHERE status = 'shipped' ORDER BY id LIMIT ` + strconv.Itoa(third) + `)`,
		`UPDATE rmas SET return_due = $1::timestamptz + interval '1 day' WHERE id IN (SELECT id FROM rmas WHERE status = 'shipped' AND return_due > $1::timestamptz ORDER BY id LIMIT ` + strconv.Itoa(due-2*third) + `)`,
	} {
		if _, err := pool.Exec(ctx, s, now); err != nil {
			t.Fatalf("seed due: %v", err)
		}
	}
	// Open cases that are not due today: unpaid bills, quotes, tickets
	// waiting on their customer, so the plans are checked with them present.
	for _, q := range []string{
		`UPDATE rmas SET status = 'billed', billed_at = $1::timestamptz - interval '3 days' WHERE id IN (SELECT id FROM rmas WHERE status = 'received' ORDER BY id LIMIT ` + strconv.Itoa(n/200) + `)`,
		`UPDATE rmas SET status = 'quoted', quoted_at = $1::timestamptz + interval '1 day' WHERE id IN (SELECT id FROM rmas WHERE status = 'closed' ORDER BY id LIMIT ` + strconv.Itoa(n/200) + `)`,
		`UPDATE tickets SET state = 'awaiting_info', waiting_since = $1::timestamptz + interval '1 day' WHERE id IN (SELECT id FROM tickets ORDER BY id LIMIT ` + strconv.Itoa(tickets/50) + `)`,
		// The customers wrote two days ago; agents answered all but one in twenty.
		`UPDATE tickets SET customer_replied_at = $1::timestamptz - interval '2 days',
			agent_acted_at = CASE WHEN id % 20 <> 0 THEN $1::timestamptz - interval '1 day' END WHERE state = 'open'`,
	} {
		if _, err := pool.Exec(ctx, q, now); err != nil {
			t.Fatalf("seed open cases: %v", err)
		}
	}
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		t.Fatalf("analyze: %v", err)
	}
}

// TestDueQueriesUseIndexes proves the jobs' cost grows with what is due:
// with a realistic table and statistics, no due-work query scans the RMA
// (or ticket) table sequentially.
func TestDueQueriesUseIndexes(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, 12, 8, 17, 0, 0, 0, time.UTC)
	seedRMAs(t, f.pool, 100_000, 300, now)
	plans, err := store.ExplainDue(context.Background(), f.pool, now)
	if err != nil {
		t.Fatal(err)
	}
	for name, plan := range plans {
		if strings.Contains(plan, "Seq Scan on rmas") || strings.Contains(plan, "Seq Scan on tickets") {
			t.Errorf("%s scans a table:\n%s", name, plan)
		}
	}
	// The agents' digest reads only the tickets waiting on an agent.
	if plan := plans["waiting on us"]; !strings.Contains(plan, "tickets_waiting_on_us") {
		t.Errorf("waiting on us does not read tickets_waiting_on_us:\n%s", plan)
	}
	// 300 due cases, and the agents' digest listing them.
	n, err := f.desk.RunJob(context.Background(), "all", now)
	if err != nil || n != 301 {
		t.Fatalf("jobs handled %d cases (err %v), want 300 and the agents' digest", n, err)
	}
}

// BenchmarkJobs1M is `make bench-jobs`: one run of every job over 1,000,000
// RMAs in mixed states with 1,000 of them due (RMAD_BENCH_RMAS changes the
// size). Between iterations the due cases are put back, untimed.
func BenchmarkJobs1M(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("RMAD_BENCH_RMAS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	now := time.Date(2026, 12, 8, 17, 0, 0, 0, time.UTC)
	// Durable, as production runs: the jobs' cost is mostly their commits.
	f := newFixtureAt(b, pgtest.NewDurableDB(b))
	seedRMAs(b, f.pool, n, 1000, now)
	snapshot := `CREATE TABLE due_snapshot AS SELECT id, status, void_at, return_due FROM rmas
		WHERE (status = 'issued' AND void_at <= $1::timestamptz + interval '30 days') OR (status = 'shipped' AND return_due <= $1::timestamptz + interval '30 days')`
	if _, err := f.pool.Exec(ctx, snapshot, now); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i > 0 {
			b.StopTimer()
			for _, q := range []string{
				`UPDATE rmas r SET status = s.status, void_at = s.void_at, return_due = s.return_due, voided_at = NULL, billed_at = NULL, amount = NULL
				 FROM due_snapshot s WHERE r.id = s.id`,
				`DELETE FROM rma_stages`, `DELETE FROM rma_events`, `DELETE FROM thread_ids`, `DELETE FROM outbox`, `DELETE FROM job_periods`,
			} {
				if _, err := f.pool.Exec(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
		}
		done, err := f.desk.RunJob(ctx, "all", now)
		if err != nil || done < 1000 {
			b.Fatalf("handled %d cases (err %v), want 1000", done, err)
		}
	}
	b.ReportMetric(float64(n), "rmas")
}

func TestDaysLateCountsLocalDays(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	due := time.Date(2026, 10, 30, 23, 59, 59, 999999000, la) // end of Friday 30 October
	for _, tc := range []struct {
		end  time.Time
		days int
	}{
		{time.Date(2026, 10, 30, 18, 0, 0, 0, la), 0}, // on the due day: in time
		{due, 0},
		{time.Date(2026, 10, 31, 0, 0, 1, 0, la), 1},
		{time.Date(2026, 11, 1, 23, 30, 0, 0, la), 2}, // DST ends on 1 November: still 2 days
		{time.Date(2026, 11, 2, 0, 30, 0, 0, la), 3},
		{time.Date(2026, 12, 25, 12, 0, 0, 0, la), 56},
	} {
		if got := daysLate(due, tc.end, la); got != tc.days {
			t.Errorf("%s: %d days late, want %d", tc.end, got, tc.days)
		}
	}
}
