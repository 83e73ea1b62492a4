package main

import (
	"context"
	"fmt"
	"log/slog"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"rmad/config"
	"rmad/internal/imaptest"
	"rmad/internal/pgtest"
	"rmad/internal/smtptest"
)

// startServe runs serve on cfgText until the returned stop is called (or the
// test ends); stop returns once serve has finished its sends and marks.
func startServe(t *testing.T, cfgText string) (stop func()) {
	t.Helper()
	cfg, err := config.Parse([]byte(cfgText), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() { done <- serve(ctx, cfg, slog.New(slog.DiscardHandler), serveOptions{ready: ready}) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v", err)
	}
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop within 30s")
		}
	}
	t.Cleanup(stop)
	return stop
}

// waitDone waits until the rma mailbox shows n messages done as after says
// (flagged \Seen, or moved out of INBOX): the commit has happened by then,
// the IMAP step follows it, and the test must not stop serve in between.
func (w *world) waitDone(after string, n int) {
	w.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		inbox, err := w.imap.Messages(ctx, deskRMA, imapPass, "INBOX")
		cancel()
		if err != nil {
			w.t.Fatal(err)
		}
		done := 0
		for _, m := range inbox {
			if m.HasFlag(imap.FlagSeen) {
				done++
			}
		}
		if after != "seen" {
			done = n - len(inbox)
		}
		if done == n {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("the rma mailbox has %d of %d messages done (%s)", done, n, after)
		}
		time.Sleep(50 * time.Millisecond) // no event to await: the IMAP server's state is polled
	}
}

func customerRequest(n int) string {
	return fmt.Sprintf("From: Customer %d <cust%d@customer.example>\nTo: %s\nSubject: Unit %d will not power on\nDate: Tue, 1 Dec 2026 09:00:00 +0000\nMessage-ID: <backup-%d@customer.example>\nContent-Type: text/plain; charset=utf-8\n\nHello,\n\nOur server does not power on; the power LED blinks amber.\n\nModel: D52BQ-2U\nSerial Number: QTFCQ01234567%02d\nPhone: +1 (408) 555-01%02d\n\nCustomer %d\n",
		n, n, deskRMA, n, n, n, n, n)
}

// acksTo counts the mails the sink accepted for each customer, and the
// ticket refs in their subjects.
func acksTo(t *testing.T, rs []smtptest.Received) (map[string]int, map[string][]string) {
	t.Helper()
	n, refs := map[string]int{}, map[string][]string{}
	for _, r := range rs {
		for _, to := range r.To {
			if strings.HasSuffix(to, "@customer.example") {
				n[to]++
				h := header(t, r)
				subj, _ := h.Subject()
				if i := strings.Index(subj, "[TKT-"); i >= 0 {
					refs[to] = append(refs[to], subj[i+1:i+11])
				}
			}
		}
	}
	return n, refs
}

func dbCount(t *testing.T, url, query string, args ...any) int {
	t.Helper()
	conn := connect(t, url)
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestBackupRestoreResumes follows the README's backup procedure: pg_dump
// -Fc of the desk's database, pg_restore into a fresh one, serve on it. Mail
// processed before the dump is neither lost nor answered again, and mail that
// arrives after the restore is answered once. Mail processed between the
// dump and the restore is what the README says: with after = "seen" it is
// still in the folder above the restored UID mark, so it is processed again
// and its answers go out a second time, under the same ticket number; with
// after = "move:FOLDER" it is no longer in the watched folder, so the
// restored desk never sees it (it waits in FOLDER for `rmad ingest`).
func TestBackupRestoreResumes(t *testing.T) {
	t.Run("seen", func(t *testing.T) { backupRestore(t, "seen") })
	t.Run("move", func(t *testing.T) { backupRestore(t, "move:Processed") })
}

func backupRestore(t *testing.T, after string) {
	w := newWorld(t, imaptest.NewDovecot(t))
	w.cfgText = strings.Replace(w.cfgText, "role = \"rma\"\n", fmt.Sprintf("role = \"rma\"\nafter = %q\n", after), 1)
	reprocessed := after == "seen"
	stop := startServe(t, w.cfgText)
	w.deliver(deskRMA, customerRequest(1))
	w.deliver(deskRMA, customerRequest(2))
	w.waitMails(4, time.Minute) // each: the acknowledgment and the agents' notice
	w.waitDone(after, 2)
	stop() // every mail marked sent, so the dump holds no mail in flight

	dump := filepath.Join(t.TempDir(), "rmad.dump")
	if out, err := exec.Command(pgtest.Tool(t, "pg_dump"), "-Fc", "-f", dump, "-d", w.dbURL).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v: %s", err, out)
	}

	// After the dump, the desk goes on: request 3 is answered.
	stopAgain := startServe(t, w.cfgText)
	w.deliver(deskRMA, customerRequest(3))
	w.waitMails(6, time.Minute)
	w.waitDone(after, 3)

	// The database is lost; the dump goes into a fresh one, and a new
	// serve (the other one stopped) runs on it.
	restored := pgtest.EmptyDB(t)
	if out, err := exec.Command(pgtest.Tool(t, "pg_restore"), "--no-owner", "--exit-on-error", "-d", restored, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v: %s", err, out)
	}
	cfgRestored := strings.Replace(w.cfgText, fmt.Sprintf("database_url = %q", w.dbURL), fmt.Sprintf("database_url = %q", restored), 1)
	if cfgRestored == w.cfgText {
		t.Fatal("database_url not replaced")
	}
	stopAgain()
	stopB := startServe(t, cfgRestored)
	total := 8
	if reprocessed {
		w.waitMails(8, time.Minute) // request 3 processed again
		total = 10
	}
	w.deliver(deskRMA, customerRequest(4))
	w.waitMails(total, time.Minute)
	stopB()

	got := w.smtp.Messages()
	n, refs := acksTo(t, got)
	want := map[string]int{"cust1@customer.example": 1, "cust2@customer.example": 1, "cust3@customer.example": 1, "cust4@customer.example": 1}
	wantRef3, wantRef4, tickets := []string{"TKT-100003"}, "TKT-100003", 3
	if reprocessed {
		want["cust3@customer.example"] = 2
		wantRef3, wantRef4, tickets = []string{"TKT-100003", "TKT-100003"}, "TKT-100004", 4
	}
	for to, k := range want {
		if n[to] != k {
			t.Errorf("%s got %d answers, want %d (%v)", to, n[to], k, n)
		}
	}
	if len(got) != total {
		t.Errorf("the relay has %d mails, want %d", len(got), total)
	}
	if r := refs["cust3@customer.example"]; !slices.Equal(r, wantRef3) {
		t.Errorf("request 3's answers name %v, want %v", r, wantRef3)
	}
	// Without the replay, request 4 gets the number request 3 had: the
	// sequence is restored to the dump too.
	if r := refs["cust4@customer.example"]; len(r) != 1 || r[0] != wantRef4 {
		t.Errorf("request 4's answer names %v, want %s", r, wantRef4)
	}
	// The restored database: each request it saw once, one ticket each,
	// every mail sent once.
	for i := 1; i <= 4; i++ {
		wantRows := 1
		if i == 3 && !reprocessed {
			wantRows = 0
		}
		if c := dbCount(t, restored, `SELECT count(*) FROM messages WHERE message_id = $1 AND ticket_id IS NOT NULL`, fmt.Sprintf("backup-%d@customer.example", i)); c != wantRows {
			t.Errorf("request %d: %d messages rows, want %d", i, c, wantRows)
		}
	}
	if c := dbCount(t, restored, `SELECT count(*) FROM tickets`); c != tickets {
		t.Errorf("%d tickets, want %d", c, tickets)
	}
	if c := dbCount(t, restored, `SELECT count(*) FROM outbox WHERE status = 'sent'`); c != 2*tickets {
		t.Errorf("%d sent outbox rows, want %d (2 per request)", c, 2*tickets)
	}
	if c := dbCount(t, restored, `SELECT count(*) FROM outbox WHERE status <> 'sent'`); c != 0 {
		t.Errorf("%d outbox rows not sent", c)
	}
}
