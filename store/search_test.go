package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// seedTickets fills the tickets table with n tickets (each with a unit, a
// PO and an invoice number, a customer at one of 1,000 companies) and their
// RMAs, as a desk that has run for years holds them.
func seedTickets(tb testing.TB, n int) *pgxpool.Pool {
	tb.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(pool.Close)
	for _, q := range []string{
		`INSERT INTO tickets (ref, kind, state, mailbox, desk_address, subject, customer_name, customer_address, fields, units, created_at, updated_at)
		 SELECT 'TKT-' || (100000 + i), 'rma', 'closed', 'rma', 'rma@desk.example',
			'Server ' || i || CASE WHEN i % 97 = 0 THEN ' fan noise' ELSE ' does not boot' END,
			'Customer ' || i, 'user' || (i % 50) || '@co' || (i % 1000) || '.example',
			jsonb_build_object('po_number', 'PO-' || i, 'invoice_number', 'INV-' || i, 'problem', 'it fails'),
			jsonb_build_array(jsonb_build_object('serial_number', 'SN' || lpad(i::text, 9, '0'), 'model', 'D52BQ-2U')),
			timestamptz '2020-01-01' + i * interval '1 minute', timestamptz '2020-01-01' + i * interval '1 minute'
		 FROM generate_series(1, $1) i`,
		`INSERT INTO rmas (ticket_id, number, unit_index, serial_number, model, type, status, requested_at)
		 SELECT id, replace(ref, 'TKT', 'RMA'), 1, units->0->>'serial_number', 'D52BQ-2U', 'standard', 'closed', created_at FROM tickets`,
		`ANALYZE`,
	} {
		if _, err := pool.Exec(ctx, q, pgxArgs(q, n)...); err != nil {
			tb.Fatalf("seed: %v", err)
		}
	}
	return pool
}

func pgxArgs(q string, n int) []any {
	if strings.Contains(q, "$1") {
		return []any{n}
	}
	return nil
}

var searches = map[string]store.TicketQuery{
	"serial":   {Serial: "sn000012345"},
	"customer": {Customer: "user7@co7.example"},
	"domain":   {Customer: "co7.example"},
	"po":       {PO: "po-12345"},
	"invoice":  {Invoice: "INV-12345"},
	"ref":      {Ref: "TKT-112345"},
	"text":     {Text: "fan noise"},
	"combined": {Customer: "co45.example", Text: "boot"},
}

// Every criterion of rmad ticket search reads an index: with 100,000
// tickets, no plan scans the tickets (or RMAs) table.
func TestSearchReadsIndexes(t *testing.T) {
	pool := seedTickets(t, 100_000)
	for name, q := range searches {
		plan, err := store.ExplainSearch(context.Background(), pool, q)
		if err != nil {
			t.Fatal(err)
		}
		// A walk of the date index with a filter reads every ticket just
		// as a sequential scan does.
		if strings.Contains(plan, "Seq Scan on tickets") || strings.Contains(plan, "Seq Scan on rmas") || strings.Contains(plan, "tickets_updated") {
			t.Errorf("%s reads the whole table:\n%s", name, plan)
		}
	}
}

func TestSearchFinds(t *testing.T) {
	pool := seedTickets(t, 2_000)
	ctx := context.Background()
	for _, tc := range []struct {
		q    store.TicketQuery
		want []string // refs, newest first; nil: at least one, each checked by check
		n    int
	}{
		{q: store.TicketQuery{Serial: "sn000001234"}, want: []string{"TKT-101234"}},
		{q: store.TicketQuery{PO: "PO-42"}, want: []string{"TKT-100042"}},
		{q: store.TicketQuery{Invoice: "inv-1999"}, want: []string{"TKT-101999"}},
		{q: store.TicketQuery{Ref: "tkt-100007"}, want: []string{"TKT-100007"}},
		{q: store.TicketQuery{Customer: "USER7@CO7.EXAMPLE"}, want: []string{"TKT-101007", "TKT-100007"}},
		{q: store.TicketQuery{Customer: "co7.example"}, want: []string{"TKT-101007", "TKT-100007"}},
		{q: store.TicketQuery{Text: "fan noise"}, n: 20}, // i % 97 == 0: 97, 194, ... 1940
		{q: store.TicketQuery{Text: "fan noise", Customer: "co194.example"}, want: []string{"TKT-100194"}},
		{q: store.TicketQuery{PO: "PO-42", Customer: "co43.example"}, want: []string{}},
	} {
		ts, err := store.SearchTickets(ctx, pool, tc.q, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range ts {
			got = append(got, x.Ref)
		}
		switch {
		case tc.want != nil && fmt.Sprint(got) != fmt.Sprint(tc.want):
			t.Errorf("%+v: %v, want %v", tc.q, got, tc.want)
		case tc.want == nil && len(got) != tc.n:
			t.Errorf("%+v: %d tickets, want %d", tc.q, len(got), tc.n)
		}
	}
	if _, err := store.SearchTickets(ctx, pool, store.TicketQuery{}, 10); err == nil {
		t.Error("a search without a criterion ran")
	}
}

// BenchmarkSearch1M times each kind of search on a million tickets:
//
//	go test ./store -run '^$' -bench Search1M -benchtime 200x
func BenchmarkSearch1M(b *testing.B) {
	pool := seedTickets(b, 1_000_000)
	for _, name := range []string{"serial", "customer", "domain", "po", "invoice", "ref", "text", "combined"} {
		q := searches[name]
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := store.SearchTickets(context.Background(), pool, q, 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
