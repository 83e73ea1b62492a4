package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/health"
	"rmad/internal/freeport"
	"rmad/internal/imaptest"
)

// The health proofs: a real `rmad serve` (in process) against Dovecot, the
// throwaway PostgreSQL and an SMTP server, read over HTTP at /healthz and
// /metrics while a real component fails.

// healthWorld is a world whose serve listens on a free port, with the
// [health] (and extra) settings a test gives.
func healthWorld(t *testing.T, srv imaptest.Server, extra string) (*world, string) {
	t.Helper()
	w := newWorld(t, srv)
	port, err := freeport.Port()
	if err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	w.cfgText = strings.Replace(w.cfgText, `listen = ""`, fmt.Sprintf("listen = %q", addr), 1) + extra
	return w, "http://" + addr
}

// readHealth fetches /healthz once.
func readHealth(t *testing.T, base string) (int, health.Report) {
	t.Helper()
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var rep health.Report
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatalf("/healthz body is not JSON: %v\n%s", err, body)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/json" {
		t.Fatalf("/healthz Content-Type %q", got)
	}
	return resp.StatusCode, rep
}

// waitHealth polls /healthz until ok says the answer is the awaited one, or
// fails the test after within with the last answer.
func waitHealth(t *testing.T, base string, within time.Duration, what string, ok func(code int, rep health.Report) bool) (int, health.Report) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		code, rep := readHealth(t, base)
		if ok(code, rep) {
			return code, rep
		}
		if time.Now().After(deadline) {
			t.Fatalf("within %s, /healthz never showed %s; last: %d %+v", within, what, code, rep)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func healthy(code int, rep health.Report) bool {
	return code == http.StatusOK && rep.Status == "ok" && len(rep.Problems) == 0
}

// failing returns a predicate: 503 with a problem of check about subject
// whose reason contains each of words.
func failing(check, subject string, words ...string) func(int, health.Report) bool {
	return func(code int, rep health.Report) bool {
		if code != http.StatusServiceUnavailable || rep.Status != "fail" {
			return false
		}
		_, ok := findProblem(rep, check, subject, words...)
		return ok
	}
}

func findProblem(rep health.Report, check, subject string, words ...string) (health.Problem, bool) {
	for _, p := range rep.Problems {
		if p.Check != check || (subject != "" && p.Subject != subject) {
			continue
		}
		all := true
		for _, w := range words {
			all = all && strings.Contains(p.Reason, w)
		}
		if all {
			return p, true
		}
	}
	return health.Problem{}, false
}

// scrape reads /metrics into "name{labels}" -> value (the text format).
func scrape(t *testing.T, base string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %s", resp.Status)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("/metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// waitMetric polls /metrics until series satisfies ok.
func waitMetric(t *testing.T, base, series string, within time.Duration, ok func(v float64, present bool) bool) map[string]float64 {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		m := scrape(t, base)
		v, present := m[series]
		if ok(v, present) {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("within %s, %s never got as awaited; last %v (present %v)", within, series, v, present)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitMetrics scrapes until every series satisfies its check, or fails the
// test after within naming each one that does not.
func waitMetrics(t *testing.T, base string, checks map[string]func(float64, bool) bool, within time.Duration) map[string]float64 {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		m := scrape(t, base)
		var bad []string
		for series, ok := range checks {
			if v, present := m[series]; !ok(v, present) {
				bad = append(bad, fmt.Sprintf("%s = %v (present %v)", series, v, present))
			}
		}
		if len(bad) == 0 {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("within %s, not as awaited:\n%s", within, strings.Join(bad, "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func atLeast(n float64) func(float64, bool) bool {
	return func(v float64, present bool) bool { return present && v >= n }
}

func equal(n float64) func(float64, bool) bool {
	return func(v float64, present bool) bool { return present && v == n }
}

// TestHealthAllOK: with every component up, /healthz says 200 and /metrics
// has every family with values that fit what happened.
func TestHealthAllOK(t *testing.T) {
	w, base := healthWorld(t, imaptest.NewDovecot(t), `
[health]
mailbox_down = "1s"
outbox_oldest = "10m"
`)
	started := time.Now()
	w.serveInProcess()
	w.deliver(deskRMA, request("ok-1@customer.example", "", requestBody))
	w.waitMails(2, 30*time.Second)
	_, rep := waitHealth(t, base, 30*time.Second, "200 ok", healthy)
	if rep.CheckedAt.Before(started) {
		t.Fatalf("checked_at %s before the start", rep.CheckedAt)
	}
	// The jobs run once at start; wait for the last one's record. The
	// mails were received before their "sent" commit and the mailbox's
	// check ends after the delivery, so the end state is awaited, not
	// read from one scrape.
	waitMetric(t, base, `rmad_job_consecutive_failures{job="agents_digest"}`, 30*time.Second, equal(0))
	since := func(v float64, present bool) bool {
		return present && v >= float64(started.UnixNano())/1e9-1 && v <= float64(time.Now().UnixNano())/1e9+1
	}
	checks := map[string]func(float64, bool) bool{
		`rmad_database_up`:                                           equal(1),
		`rmad_mailbox_connected{mailbox="rma"}`:                      equal(1),
		`rmad_mailbox_connected{mailbox="support"}`:                  equal(1),
		`rmad_outbox_depth`:                                          equal(0),
		`rmad_outbox_held`:                                           equal(0),
		`rmad_outbox_oldest_age_seconds`:                             equal(0),
		`rmad_quarantine_size`:                                       equal(0),
		`rmad_messages_total{mailbox="rma",outcome="created"}`:       equal(1),
		`rmad_outbox_results_total{result="sent"}`:                   equal(2),
		`rmad_ingest_duration_seconds_count{mailbox="rma"}`:          equal(1),
		`rmad_ingest_arrival_seconds_count{mailbox="rma"}`:           equal(1),
		`rmad_job_duration_seconds_count{job="reminders"}`:           atLeast(1),
		`rmad_job_consecutive_failures{job="reminders"}`:             equal(0),
		`rmad_job_last_success_timestamp_seconds{job="reminders"}`:   since,
		`rmad_mailbox_last_success_timestamp_seconds{mailbox="rma"}`: since,
	}
	m := waitMetrics(t, base, checks, 30*time.Second)
	if d := m[`rmad_ingest_duration_seconds_sum{mailbox="rma"}`]; d <= 0 || d > 30 {
		t.Errorf("ingest took %vs", d)
	}
}

// TestHealthMailboxDown: with the IMAP server down longer than
// mailbox_down, /healthz names each mailbox and the connection gauge is 0;
// once the server is back, both recover and mail flows again.
func TestHealthMailboxDown(t *testing.T) {
	dc := imaptest.NewDovecot(t)
	w, base := healthWorld(t, dc, `
[health]
mailbox_down = "1s"
`)
	w.serveInProcess()
	waitMetric(t, base, `rmad_mailbox_connected{mailbox="rma"}`, 30*time.Second, equal(1))
	waitMetric(t, base, `rmad_mailbox_connected{mailbox="support"}`, 30*time.Second, equal(1))
	waitHealth(t, base, 30*time.Second, "200 ok", healthy)

	down := time.Now() // clients are cut off as the shutdown begins
	if err := dc.Down(); err != nil {
		t.Fatal(err)
	}
	_, rep := waitHealth(t, base, 30*time.Second, "503 naming both mailboxes", func(code int, rep health.Report) bool {
		return failing("mailbox", "rma", "disconnected for", "threshold 1s")(code, rep) &&
			failing("mailbox", "support", "disconnected for")(code, rep)
	})
	p, _ := findProblem(rep, "mailbox", "rma")
	if p.Since == nil || p.Since.Before(down) || p.Since.After(time.Now()) {
		t.Fatalf("problem since %v, want about when the server went down (%s)", p.Since, down)
	}
	if time.Since(*p.Since) < time.Second {
		t.Fatalf("reported after %s, before the 1s threshold", time.Since(*p.Since))
	}
	for _, p := range rep.Problems {
		if p.Check != "mailbox" {
			t.Fatalf("unexpected problem %+v", p)
		}
	}
	m := scrape(t, base)
	for _, mb := range []string{"rma", "support"} {
		if v, ok := m[`rmad_mailbox_connected{mailbox="`+mb+`"}`]; !ok || v != 0 {
			t.Fatalf("mailbox %s connected gauge %v (present %v) while the server is down", mb, v, ok)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := dc.Up(ctx); err != nil {
		t.Fatal(err)
	}
	waitHealth(t, base, 90*time.Second, "200 ok after the server is back", healthy)
	waitMetric(t, base, `rmad_mailbox_connected{mailbox="support"}`, 30*time.Second, equal(1))
	w.deliver(deskRMA, request("back-1@customer.example", "", requestBody))
	w.waitMails(2, 30*time.Second)
}

// TestHealthNeverConnected: a mailbox that never connected since the start
// fails /healthz once mailbox_down has passed.
func TestHealthNeverConnected(t *testing.T) {
	dc := imaptest.NewDovecot(t)
	w, base := healthWorld(t, dc, `
[health]
mailbox_down = "1s"
`)
	if err := dc.Down(); err != nil {
		t.Fatal(err)
	}
	w.serveInProcess()
	waitHealth(t, base, 30*time.Second, "503 naming a mailbox never connected",
		failing("mailbox", "rma", "not connected since start", "threshold 1s"))
}

// stalledSMTP listens on a free port, accepts connections and never says a
// word: a relay that hangs.
func stalledSMTP(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				for _, c := range conns {
					c.Close()
				}
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	return ln.Addr().String()
}

// TestHealthOutboxStalled: with a relay that accepts and never answers, the
// queued answers age past outbox_oldest; /healthz names the outbox and the
// gauges show the backlog and its age.
func TestHealthOutboxStalled(t *testing.T) {
	w, base := healthWorld(t, imaptest.NewDovecot(t), `
[health]
outbox_oldest = "1s"
`)
	w.cfgText = strings.Replace(w.cfgText, "smtp://"+w.smtp.Addr(), "smtp://"+stalledSMTP(t), 1)
	w.serveInProcess()
	waitHealth(t, base, 30*time.Second, "200 ok", healthy)
	queued := time.Now()
	w.deliver(deskRMA, request("stall-smtp-1@customer.example", "", requestBody))
	_, rep := waitHealth(t, base, 30*time.Second, "503 naming the outbox",
		failing("outbox", "", "oldest unsent mail queued", "threshold 1s", "2 unsent"))
	p, _ := findProblem(rep, "outbox", "")
	if p.Since == nil || p.Since.Before(queued.Add(-time.Second)) || time.Since(*p.Since) < time.Second {
		t.Fatalf("outbox problem since %v: want the queue time of the answer, over a second ago", p.Since)
	}
	m := scrape(t, base)
	if m[`rmad_outbox_depth`] != 2 {
		t.Fatalf("outbox depth %v, want the ack and the notice", m[`rmad_outbox_depth`])
	}
	if age := m[`rmad_outbox_oldest_age_seconds`]; age < 1 || age > time.Since(queued).Seconds()+1 {
		t.Fatalf("oldest age %vs, want over the 1s threshold and no older than the mail (%s)", age, time.Since(queued))
	}
	if len(w.smtp.Messages()) != 0 {
		t.Fatalf("the working sink got mail; the stalled relay was not used")
	}
}

// TestHealthJobFailing: a job whose runs fail (its table is gone: a real
// database error, not an injected one) fails /healthz after job_failures
// runs in a row, and recovers with its next good run.
func TestHealthJobFailing(t *testing.T) {
	w, base := healthWorld(t, imaptest.Mem(t), `
[jobs]
promises = "@every 1s"
[health]
job_failures = 3
`)
	w.serveInProcess()
	waitMetric(t, base, `rmad_job_last_success_timestamp_seconds{job="promises"}`, 30*time.Second, atLeast(1))
	waitHealth(t, base, 30*time.Second, "200 ok", healthy)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, w.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `ALTER TABLE promises RENAME TO promises_away`); err != nil {
		t.Fatal(err)
	}
	broke := time.Now()
	_, rep := waitHealth(t, base, 30*time.Second, "503 naming the promises job",
		failing("job", "promises", "failed its last", "threshold 3", "promises", "does not exist", "last success"))
	p, _ := findProblem(rep, "job", "promises")
	if p.Since == nil || p.Since.Before(broke) {
		t.Fatalf("job problem since %v, want the first failed run after %s", p.Since, broke)
	}
	if len(rep.Problems) != 1 {
		t.Fatalf("problems %+v: want the job only", rep.Problems)
	}
	m := scrape(t, base)
	if n := m[`rmad_job_consecutive_failures{job="promises"}`]; n < 3 {
		t.Fatalf("consecutive failures gauge %v while /healthz reports the streak", n)
	}
	if _, err := conn.Exec(ctx, `ALTER TABLE promises_away RENAME TO promises`); err != nil {
		t.Fatal(err)
	}
	waitHealth(t, base, 30*time.Second, "200 ok after a good run", healthy)
	waitMetric(t, base, `rmad_job_consecutive_failures{job="promises"}`, 30*time.Second, equal(0))
	var runs struct {
		failures int
		success  time.Time
	}
	if err := conn.QueryRow(ctx, `SELECT consecutive_failures, last_success_at FROM job_runs WHERE job = 'promises'`).Scan(&runs.failures, &runs.success); err != nil {
		t.Fatal(err)
	}
	if runs.failures != 0 || runs.success.Before(broke) {
		t.Fatalf("job_runs: %d failures, last success %s; want 0 and a success after the repair", runs.failures, runs.success)
	}
}
