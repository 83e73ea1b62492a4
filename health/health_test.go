package health_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/health"
	"rmad/internal/pgtest"
	"rmad/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

func problems(n int, check string) health.CheckFunc {
	return func(context.Context, time.Time) []health.Problem {
		var out []health.Problem
		for i := range n {
			out = append(out, health.Problem{Check: check, Subject: fmt.Sprint(n - i), Reason: "r"})
		}
		return out
	}
}

// TestCheckerVerdict: any problem is a 503 with every problem in the JSON,
// sorted; a database problem skips the checks that need the database.
func TestCheckerVerdict(t *testing.T) {
	c := health.NewChecker(time.Second)
	ranDB := false
	c.AddDBCheck("outbox", func(context.Context, time.Time) []health.Problem { ranDB = true; return nil })
	c.AddCheck("zeta", problems(2, "zeta"))
	c.AddCheck("alpha", problems(1, "alpha"))
	rec := httptest.NewRecorder()
	c.Handler(func() time.Time { return t0 }).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	var rep health.Report
	if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusServiceUnavailable || rep.Status != "fail" || !rep.CheckedAt.Equal(t0) || !ranDB {
		t.Fatalf("%d %+v (db check ran %v)", rec.Code, rep, ranDB)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.Check+"/"+p.Subject)
	}
	if strings.Join(got, " ") != "alpha/1 zeta/1 zeta/2" {
		t.Fatalf("problems %v", got)
	}

	ranDB = false
	c.SetDatabase(problems(1, "database"))
	rep = c.Run(context.Background(), t0)
	if ranDB || len(rep.Problems) != 4 || rep.Problems[1].Check != "database" {
		t.Fatalf("with the database down: db check ran %v, %+v", ranDB, rep.Problems)
	}

	ok := health.NewChecker(time.Second)
	ok.AddCheck("none", problems(0, "none"))
	rec = httptest.NewRecorder()
	ok.Handler(func() time.Time { return t0 }).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status": "ok"`) || strings.Contains(rec.Body.String(), "problems") {
		t.Fatalf("healthy: %d %s", rec.Code, rec.Body)
	}
}

// TestMailboxesThreshold: down (or never up) for longer than the threshold
// is a problem, from the moment it went down; connected is none.
func TestMailboxesThreshold(t *testing.T) {
	m := health.NewMailboxes(t0, "rma", "support")
	check := m.Check(time.Minute)
	at := func(d time.Duration) []health.Problem { return check(context.Background(), t0.Add(d)) }
	if ps := at(time.Minute); len(ps) != 0 {
		t.Fatalf("at the threshold: %+v", ps)
	}
	m.Connected("rma", t0.Add(10*time.Second))
	m.Checked("rma", t0.Add(11*time.Second))
	ps := at(61 * time.Second)
	if len(ps) != 1 || ps[0].Subject != "support" || ps[0].Reason != "not connected since start for 1m1s (threshold 1m0s)" || !ps[0].Since.Equal(t0) {
		t.Fatalf("never connected: %+v", ps)
	}
	m.Connected("support", t0.Add(62*time.Second))
	m.Disconnected("rma", t0.Add(2*time.Minute), errors.New("connection reset"))
	m.Disconnected("rma", t0.Add(2*time.Minute+30*time.Second), errors.New("connection refused"))
	if ps := at(3 * time.Minute); len(ps) != 0 {
		t.Fatalf("down for exactly the threshold: %+v", ps)
	}
	ps = at(3*time.Minute + 12*time.Second)
	if len(ps) != 1 || ps[0].Subject != "rma" || ps[0].Reason != "disconnected for 1m12s (threshold 1m0s): connection refused" ||
		!ps[0].Since.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("disconnected: %+v", ps)
	}
	states := m.States()
	if len(states) != 2 || states[0].Connected || !states[0].LastSuccess.Equal(t0.Add(11*time.Second)) || !states[1].Connected {
		t.Fatalf("states %+v", states)
	}
}

// TestStalls: a deadline marks an operation stalled until its next call
// gets an answer of the database; a shutdown's cancel changes nothing.
func TestStalls(t *testing.T) {
	s := health.NewStalls(5 * time.Second)
	pool, err := pgxpool.New(context.Background(), pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	db := health.Database(pool, time.Second, s)
	deadline := fmt.Errorf("store: insert: %w", context.DeadlineExceeded)
	s.Observe("mailbox rma: deliver", t0, deadline)
	s.Observe("mailbox rma: deliver", t0.Add(10*time.Second), deadline)
	s.Observe("outbox", t0, nil)
	s.Observe("mailbox rma: deliver", t0.Add(11*time.Second), context.Canceled)
	ps := db(context.Background(), t0.Add(20*time.Second))
	if len(ps) != 1 || ps[0].Subject != "mailbox rma: deliver" || !ps[0].Since.Equal(t0) ||
		ps[0].Reason != "stalled: mailbox rma: deliver got no answer within its 5s deadline for 20s" {
		t.Fatalf("stalled: %+v", ps)
	}
	s.Observe("mailbox rma: deliver", t0.Add(21*time.Second), errors.New("duplicate key"))
	if ps := db(context.Background(), t0.Add(22*time.Second)); len(ps) != 0 {
		t.Fatalf("after an answer: %+v", ps)
	}
	if n := s.Timeouts()["mailbox rma: deliver"]; n != 2 {
		t.Fatalf("timeouts %d", n)
	}
}

// TestDatabaseChecks: the outbox and job checks read the real tables.
func TestDatabaseChecks(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	outbox := health.Outbox(pool, 30*time.Minute)
	if ps := outbox(ctx, t0); len(ps) != 0 {
		t.Fatalf("empty outbox: %+v", ps)
	}
	for i, at := range []time.Time{t0, t0.Add(5 * time.Minute)} {
		if _, err := store.Enqueue(ctx, pool, store.OutMail{Template: "t", MessageID: fmt.Sprintf("m%d@x", i), From: "a@x",
			To: []string{"b@y"}, Subject: "s", Body: "b", QueuedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	if ps := outbox(ctx, t0.Add(30*time.Minute)); len(ps) != 0 {
		t.Fatalf("at the threshold: %+v", ps)
	}
	ps := outbox(ctx, t0.Add(31*time.Minute))
	if len(ps) != 1 || ps[0].Reason != "oldest unsent mail queued 31m0s ago (threshold 30m0s); 2 unsent" || !ps[0].Since.Equal(t0) {
		t.Fatalf("old mail: %+v", ps)
	}
	// A held mail is a problem at once, whatever its age, and it is no
	// longer counted as unsent-and-retrying.
	held, err := store.Enqueue(ctx, pool, store.OutMail{Template: "t", MessageID: "held@x", From: "a@x",
		To: []string{"b@y"}, Subject: "s", Body: "b", QueuedAt: t0.Add(10 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	// As the sender leaves it (claimed, then held): set directly, so the
	// two older mails stay queued.
	if _, err := pool.Exec(ctx, `UPDATE outbox SET status = 'held', held_at = $2, last_error = '421 try later' WHERE id = $1`,
		held, t0.Add(11*time.Minute)); err != nil {
		t.Fatal(err)
	}
	ps = outbox(ctx, t0.Add(12*time.Minute))
	if len(ps) != 1 || ps[0].Subject != "held" || !strings.HasPrefix(ps[0].Reason, "1 mails held after a relay outage") || !ps[0].Since.Equal(t0.Add(11*time.Minute)) {
		t.Fatalf("held mail: %+v", ps)
	}
	if ps := outbox(ctx, t0.Add(31*time.Minute)); len(ps) != 2 || !strings.Contains(ps[0].Reason, "; 2 unsent") {
		t.Fatalf("old and held mail: %+v", ps)
	}

	jobs := health.Jobs(pool, 3, map[string]bool{"void": true})
	run := func(job string, at time.Time, fail string) {
		if err := store.RecordJobRun(ctx, pool, store.JobRun{Job: job, LastRunAt: at, LastAsOf: at, LastError: fail}); err != nil {
			t.Fatal(err)
		}
	}
	run("void", t0, "")
	for i := 1; i <= 3; i++ {
		run("void", t0.Add(time.Duration(i)*time.Minute), "boom")
		run("digest", t0.Add(time.Duration(i)*time.Minute), "off here")
		if ps := jobs(ctx, t0.Add(time.Hour)); (len(ps) == 1) != (i == 3) {
			t.Fatalf("after %d failures: %+v", i, ps)
		}
	}
	ps = jobs(ctx, t0.Add(time.Hour))
	if ps[0].Subject != "void" || ps[0].Reason != "failed its last 3 runs (threshold 3): boom; last success 1h0m0s ago" || !ps[0].Since.Equal(t0.Add(time.Minute)) {
		t.Fatalf("failing job: %+v", ps)
	}
	run("void", t0.Add(2*time.Hour), "")
	if ps := jobs(ctx, t0.Add(2*time.Hour)); len(ps) != 0 {
		t.Fatalf("after a success: %+v", ps)
	}
}

// TestDatabaseUnreachable: a database that refuses connections is reported
// as unreachable, with the driver's reason, within the deadline.
func TestDatabaseUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	pool, err := pgxpool.New(context.Background(), "postgres://rmad@"+addr+"/rmad?connect_timeout=5")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	began := time.Now()
	check := health.Database(pool, 2*time.Second, health.NewStalls(2*time.Second))
	ps := check(context.Background(), t0)
	if len(ps) != 1 || ps[0].Check != "database" || !strings.HasPrefix(ps[0].Reason, "unreachable: ") ||
		!strings.Contains(ps[0].Reason, "refused") || time.Since(began) > 3*time.Second {
		t.Fatalf("after %s: %+v", time.Since(began), ps)
	}
	if ps := check(context.Background(), t0.Add(time.Minute)); len(ps) != 1 || !ps[0].Since.Equal(t0) {
		t.Fatalf("still down: %+v, want since the first failed ping", ps)
	}
}
