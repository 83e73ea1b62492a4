package migrations_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"rmad/internal/pgtest"
	"rmad/migrations"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestPurgeLookRerunsAfterACutBuild: migration 019 builds its indexes
// CONCURRENTLY, outside a transaction. A build cut short (a crash, a
// failed build) leaves an invalid index under the name and the version
// not bumped; the rerun must replace it with a valid one, not keep it.
func TestPurgeLookRerunsAfterACutBuild(t *testing.T) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		`INSERT INTO tickets (ref, kind, state, mailbox, desk_address, subject, customer_address, created_at, updated_at)
		 SELECT 'TKT-' || i, 'rma', 'closed', 'rma', 'rma@desk.example', 's', 'c@x.example', now(), now() FROM generate_series(1, 3) i`,
		`DROP INDEX tickets_closed_id`,
		`UPDATE rmad_schema_version SET version = 18`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// A unique build over equal states fails and leaves the name invalid.
	if _, err := conn.Exec(ctx, `CREATE UNIQUE INDEX CONCURRENTLY tickets_closed_id ON tickets (state)`); err == nil {
		t.Fatal("the failing build did not fail")
	}
	from, to, err := migrations.Apply(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if from != 18 || to < 19 {
		t.Fatalf("migrated from %d to %d, want from 18 to at least 19", from, to)
	}
	for name, want := range map[string]string{
		"tickets_closed_id":  "INCLUDE (closed_at, updated_at) WHERE (state = 'closed'::text)",
		"messages_loose_age": "(received_at, id) WHERE ((ticket_id IS NULL) AND (purged_at IS NULL))",
	} {
		var def string
		var valid bool
		err := conn.QueryRow(ctx, `SELECT pg_get_indexdef(i.indexrelid), i.indisvalid FROM pg_index i
			WHERE i.indexrelid = to_regclass($1)`, name).Scan(&def, &valid)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !valid || !strings.Contains(def, want) {
			t.Errorf("%s after the rerun: valid %v, %s; want valid and %q", name, valid, def, want)
		}
	}
	var gone bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('messages_loose') IS NULL`).Scan(&gone); err != nil || !gone {
		t.Errorf("messages_loose is still there (%v)", err)
	}
}
