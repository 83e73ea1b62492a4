package pgtest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// EmptyDB returns the URL of a new database with no schema at all (a copy of
// template0), such as a restore needs, on the process's shared cluster.
func EmptyDB(t testing.TB) string {
	t.Helper()
	NewDB(t) // starts the shared cluster if this is the first database
	name := fmt.Sprintf("e%d_%d", os.Getpid(), dbCounter.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := shared.srv.CreateDatabase(ctx, name, "template0"); err != nil {
		t.Fatal(err)
	}
	return shared.srv.URL(name)
}

// Tool is the path of a PostgreSQL client program (pg_dump, pg_restore) of
// the shared cluster's install.
func Tool(t testing.TB, name string) string {
	t.Helper()
	NewDB(t)
	return shared.srv.Tool(name)
}
