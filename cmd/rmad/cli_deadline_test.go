package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/internal/pgtest"
)

// The CLI's plain reads have the database deadline too: with the table
// they read locked by a stuck transaction, `rmad outbox list` and
// `rmad ticket list` end with exit 1 and a timeout error instead of hanging.
func TestCLIReadsHaveTheDatabaseDeadline(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t)
	cfg := filepath.Join(t.TempDir(), "rmad.toml")
	text := "database_url = \"" + url + "\"\nlisten = \"\"\n[health]\ndatabase_timeout = \"1s\"\n[smtp]\nurl = \"smtp://127.0.0.1:1?tls=none\"\n" +
		"[[mailbox]]\nname = \"a\"\nrole = \"support\"\naddress = \"a@desk.example\"\nurl = \"imap://u:p@127.0.0.1:1/INBOX?tls=none\"\n"
	if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, nil, "migrate", "--config", cfg); code != 0 {
		t.Fatalf("migrate: %d %s", code, stderr)
	}
	holder, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `LOCK TABLE outbox, tickets IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"outbox", "list"}, {"ticket", "list"}} {
		done := make(chan struct{})
		var code int
		var stderr string
		go func() {
			defer close(done)
			code, _, stderr = runCLI(t, nil, append(args, "--config", cfg)...)
		}()
		select {
		case <-done:
		// Well before the server's own statement_timeout (a minute at
		// least) would end it: only the client deadline ends it this soon.
		case <-time.After(20 * time.Second):
			t.Fatalf("rmad %s hung on a locked table", strings.Join(args, " "))
		}
		if code != 1 || !strings.Contains(stderr, "timeout") && !strings.Contains(stderr, "deadline") {
			t.Fatalf("rmad %s on a locked table: exit %d, %q", strings.Join(args, " "), code, stderr)
		}
	}
}
