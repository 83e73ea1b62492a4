package imaptest

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"
)

// RequireEnv, when set to 1 (as `make test` does), turns a missing Dovecot
// into a test failure instead of a skip.
const RequireEnv = "RMAD_REQUIRE_SERVERS"

// NewDovecot starts a throwaway Dovecot for t and stops it when t ends. Without
// the binaries it skips t, or fails it under RMAD_REQUIRE_SERVERS=1.
func NewDovecot(t testing.TB) *Dovecot {
	t.Helper()
	return NewDovecotWith(t, DovecotOptions{})
}

// NewDovecotWith is NewDovecot with options.
func NewDovecotWith(t testing.TB, opts DovecotOptions) *Dovecot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, err := StartDovecot(ctx, opts)
	if errors.Is(err, ErrNoDovecot) {
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("required server missing: %v", err)
		}
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("dovecot log:\n%s", d.Log())
		}
		if err := d.Stop(); err != nil {
			t.Errorf("stop dovecot: %v", err)
		}
	})
	return d
}

// Mem starts an in-memory IMAP server for t and closes it when t ends.
func Mem(t testing.TB) *MemServer {
	t.Helper()
	return MemWith(t, MemOptions{})
}

// MemWith is Mem with options.
func MemWith(t testing.TB, opts MemOptions) *MemServer {
	t.Helper()
	m, err := StartMem(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Errorf("close imap memory server: %v", err)
		}
	})
	return m
}
