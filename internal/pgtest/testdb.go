package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/internal/pgserver"
	"rmad/migrations"
)

// RequireEnv, when set to 1 (as `make test` does), turns a missing server
// binary into a test failure instead of a skip.
const RequireEnv = "RMAD_REQUIRE_SERVERS"

// cluster is one lazily started PostgreSQL cluster shared by a test
// process, with its migrated template database.
type cluster struct {
	opts pgserver.Options
	once sync.Once
	srv  *pgserver.Server
	err  error
}

var (
	// shared is the tests' cluster: fsync off, since a test asserts end
	// states, not durability.
	shared = &cluster{}
	// durable keeps fsync and synchronous_commit on, for benchmarks whose
	// cost is durable commits (the jobs'); started only when one asks.
	durable   = &cluster{opts: pgserver.Options{Durable: true}}
	dbCounter atomic.Int64
)

const templateDB = "rmad_template"

// Main runs a package's tests and stops the shared cluster afterwards. Call it
// from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	for _, c := range []*cluster{shared, durable} {
		if c.srv == nil {
			continue
		}
		if err := c.srv.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

// Skip skips (or, under RMAD_REQUIRE_SERVERS=1, fails) a test whose server
// binary is missing.
func Skip(t testing.TB, err error) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("required server missing: %v", err)
	}
	t.Skipf("skipping: %v", err)
}

// NewDB returns the URL of a new, migrated database on the process's shared
// cluster.
func NewDB(t testing.TB) string {
	t.Helper()
	return shared.newDB(t)
}

// NewDurableDB is NewDB on a cluster that keeps fsync and synchronous_commit
// on, as production does: for benchmarks that count durable commits.
func NewDurableDB(t testing.TB) string {
	t.Helper()
	return durable.newDB(t)
}

func (c *cluster) newDB(t testing.TB) string {
	t.Helper()
	c.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		c.srv, c.err = pgserver.Start(ctx, c.opts)
		if c.err != nil {
			return
		}
		c.err = prepareTemplate(ctx, c.srv)
	})
	if errors.Is(c.err, pgserver.ErrNoBinaries) {
		Skip(t, c.err)
	}
	if c.err != nil {
		t.Fatal(c.err)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbCounter.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.srv.CreateDatabase(ctx, name, templateDB); err != nil {
		t.Fatal(err)
	}
	return c.srv.URL(name)
}

func prepareTemplate(ctx context.Context, s *pgserver.Server) error {
	if err := s.CreateDatabase(ctx, templateDB, ""); err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, s.URL(templateDB))
	if err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	defer conn.Close(ctx)
	if _, _, err := migrations.Apply(ctx, conn); err != nil {
		return err
	}
	return nil
}
