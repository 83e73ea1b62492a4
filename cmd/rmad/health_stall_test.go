package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/internal/imaptest"
)

// pausedDB is a PostgreSQL that stopped answering: its postmaster and the
// backends of one database stopped with SIGSTOP, as a host frozen by the
// hypervisor or a process stuck in the kernel would be. A paused backend
// enforces no statement_timeout; only the client's deadline ends a wait.
type pausedDB struct {
	mu   sync.Mutex
	pids []int
}

func (p *pausedDB) stop(t *testing.T, pid int) {
	t.Helper()
	err := syscall.Kill(pid, syscall.SIGSTOP)
	if err == syscall.ESRCH {
		return // a backend that ended meanwhile
	}
	if err != nil {
		t.Fatalf("SIGSTOP %d: %v", pid, err)
	}
	p.mu.Lock()
	p.pids = append(p.pids, pid)
	p.mu.Unlock()
}

// resume continues every process paused; safe to call twice.
func (p *pausedDB) resume() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, pid := range p.pids {
		syscall.Kill(pid, syscall.SIGCONT)
	}
	p.pids = nil
}

// parentPID reads a process's parent from /proc (a backend's is the postmaster).
func parentPID(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// pid (comm) state ppid ...; comm may hold spaces, so cut after ')'.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	ppid, err := strconv.Atoi(f[1])
	if err != nil {
		t.Fatalf("/proc/%d/stat: %v", pid, err)
	}
	return ppid
}

// TestHealthDatabaseStalled: the database stops answering while a delivery
// is inside its transaction. /healthz reports the stalled database within
// the deadline, the mailbox watcher does not hang (its delivery returns at
// the deadline and is retried, not quarantined), and once the database
// answers again the message is delivered exactly once and answered once.
func TestHealthDatabaseStalled(t *testing.T) {
	const timeout = 2 * time.Second
	w, base := healthWorld(t, imaptest.NewDovecot(t), fmt.Sprintf(`
[health]
database_timeout = %q
`, timeout))
	w.serveInProcess()
	waitMetric(t, base, `rmad_mailbox_connected{mailbox="rma"}`, 30*time.Second, equal(1))
	waitHealth(t, base, 30*time.Second, "200 ok", healthy)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	locker, err := pgx.Connect(ctx, w.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close(ctx)
	watch, err := pgx.Connect(ctx, w.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close(ctx)
	ours := []int{int(locker.PgConn().PID()), int(watch.PgConn().PID())}

	// Hold the delivery at its first statement, inside its transaction.
	tx, err := locker.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE messages IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	w.deliver(deskRMA, request("stall-db-1@customer.example", "", requestBody))
	var waiter int
	for deadline := time.Now().Add(30 * time.Second); waiter == 0; {
		err := watch.QueryRow(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
			AND wait_event_type = 'Lock' AND xact_start IS NOT NULL AND pid <> ALL($1) LIMIT 1`, ours).Scan(&waiter)
		if err != nil && err != pgx.ErrNoRows {
			t.Fatal(err)
		}
		if waiter == 0 && time.Now().After(deadline) {
			t.Fatal("the delivery never reached the database")
		}
		if waiter == 0 {
			time.Sleep(10 * time.Millisecond)
		}
	}

	// Freeze the server: the postmaster (no new connection gets an answer),
	// then every backend of the test database but the test's own.
	paused := &pausedDB{}
	t.Cleanup(paused.resume)
	paused.stop(t, parentPID(t, waiter))
	rows, _ := watch.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> ALL($1)`, ours)
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		t.Fatal(err)
	}
	for _, pid := range pids {
		paused.stop(t, int(pid))
	}
	// The waiting delivery gets its lock while paused: it is now a backend
	// stopped in the middle of its transaction.
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	stalled := time.Now()

	_, rep := waitHealth(t, base, 30*time.Second, "503 naming the database", failing("database", "", "stalled"))
	t.Logf("%s after the stall: %+v", time.Since(stalled).Round(time.Millisecond), rep.Problems)
	if p, _ := findProblem(rep, "database", "", "stalled"); p.Since == nil || p.Since.Before(stalled) {
		t.Fatalf("database problem since %v, want a time after the stall began (%s)", p.Since, stalled)
	}
	// One answer of /healthz on the stalled database takes no longer than its deadlines.
	began := time.Now()
	code, rep := readHealth(t, base)
	if took := time.Since(began); code != 503 || took > 3*timeout+time.Second {
		t.Fatalf("/healthz on a stalled database: %d after %s (deadline %s): %+v", code, took, timeout, rep)
	}
	for _, p := range rep.Problems {
		if p.Check != "database" {
			t.Fatalf("a stalled database shows as the database, not as %+v", p)
		}
	}
	// The watcher's delivery came back at its deadline, counted as a stall
	// (not a failure of the message), and is retried: it does not hang.
	m := waitMetric(t, base, `rmad_messages_total{mailbox="rma",outcome="stalled"}`, 60*time.Second, atLeast(1))
	if m[`rmad_database_up`] != 0 {
		t.Fatalf("rmad_database_up %v on a stalled database", m[`rmad_database_up`])
	}
	if _, ok := m[`rmad_messages_total{mailbox="rma",outcome="failed"}`]; ok {
		t.Fatal("a stalled database was counted as a failed try of the message")
	}

	paused.resume()
	resumed := time.Now()
	waitHealth(t, base, 90*time.Second, "200 ok after the database answers again", healthy)
	got := w.waitMails(2, 90*time.Second)
	t.Logf("delivered and answered %s after the database came back", time.Since(resumed).Round(time.Millisecond))
	checkDeliveredOnce(t, ctx, watch, "stall-db-1@customer.example")
	if n := len(w.smtp.Messages()); n != 2 || len(got) != 2 {
		t.Fatalf("relay got %d mails, want the ack and the notice once each", n)
	}
}

// checkDeliveredOnce waits for the outbox to settle and asserts one stored
// message, one ticket, two answers, each sent once, and nothing quarantined.
func checkDeliveredOnce(t *testing.T, ctx context.Context, db *pgx.Conn, messageID string) {
	t.Helper()
	var sent, total int
	for deadline := time.Now().Add(30 * time.Second); ; {
		if err := db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FROM outbox`).Scan(&sent, &total); err != nil {
			t.Fatal(err)
		}
		if sent == total && total > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	var msgs, tickets, quarantined, failures int
	err := db.QueryRow(ctx, `SELECT (SELECT count(*) FROM messages WHERE message_id = $1), (SELECT count(*) FROM tickets),
		(SELECT count(*) FROM quarantine), (SELECT count(*) FROM message_failures)`, messageID).Scan(&msgs, &tickets, &quarantined, &failures)
	if err != nil {
		t.Fatal(err)
	}
	if msgs != 1 || tickets != 1 || total != 2 || sent != 2 || quarantined != 0 || failures != 0 {
		t.Fatalf("messages %d, tickets %d, outbox %d (sent %d), quarantined %d, failures %d; want 1, 1, 2 (2), 0, 0",
			msgs, tickets, total, sent, quarantined, failures)
	}
}
