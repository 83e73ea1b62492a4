package workflow

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"rmad/policy"
	"rmad/store"
)

// A purge or a forget searches the whole mail store: its transactions have
// the retention deadline, not the desk's few seconds, on the client and as
// the server's statement_timeout (twice it); the desk's own statements keep
// theirs.
func TestRetentionStatementsHaveTheirOwnDeadline(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.Retention.Timeout = 3 * time.Second })
	ctx := context.Background()
	desk := New(store.Bounded(f.pool, time.Second), f.desk.cfg, f.desk.pol, f.desk.tpl, slog.New(slog.DiscardHandler), nil)
	tx, err := desk.bulkTx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var server string
	if err := tx.QueryRow(ctx, `SHOW statement_timeout`).Scan(&server); err != nil {
		t.Fatal(err)
	}
	if server != "6s" {
		t.Fatalf("server statement_timeout in a purge: %s, want 6s", server)
	}
	if _, err := tx.Exec(ctx, `SELECT pg_sleep(1.5)`); err != nil {
		t.Fatalf("a purge statement longer than the desk's deadline: %v", err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.pool.Exec(ctx, `SELECT pg_sleep(1.5)`); err == nil {
		t.Fatal("the desk's own statements lost their deadline")
	}
	// The setting was the transaction's alone.
	if err := desk.pool.QueryRow(ctx, `SHOW statement_timeout`).Scan(&server); err != nil || server == "6s" {
		t.Fatalf("statement_timeout outside the purge: %s, %v", server, err)
	}
}
