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

var (
	shared     *pgserver.Server
	sharedErr  error
	sharedOnce sync.Once
	dbCounter  atomic.Int64
)

const templateDB = "rmad_template"

// Main runs a package's tests and stops the shared cluster afterwards. Call it
// from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
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
	sharedOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		shared, sharedErr = pgserver.Start(ctx, pgserver.Options{})
		if sharedErr != nil {
			return
		}
		sharedErr = prepareTemplate(ctx, shared)
	})
	if errors.Is(sharedErr, pgserver.ErrNoBinaries) {
		Skip(t, sharedErr)
	}
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbCounter.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := shared.CreateDatabase(ctx, name, templateDB); err != nil {
		t.Fatal(err)
	}
	return shared.URL(name)
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
