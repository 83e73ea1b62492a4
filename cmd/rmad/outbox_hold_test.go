package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/config"
	"rmad/internal/imaptest"
	"rmad/internal/smtptest"
	"rmad/mailout"
	"rmad/store"
)

// syncBuf is a log sink the sender and the desk write from their goroutines.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// holdRig is serve's outbox wiring (queue, desk, sender) on a test clock,
// with a small MaxAttempts, against a relay that is down (451 to every
// recipient) until the test brings it back.
type holdRig struct {
	t      *testing.T
	w      *world
	pool   *pgxpool.Pool
	sender *mailout.Sender
	now    time.Time
	logs   *syncBuf
}

const holdAttempts = 3

func newHoldRig(t *testing.T) *holdRig {
	down := func(string, []string) *smtp.SMTPError {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 4, 1}, Message: "relay overloaded, try later"}
	}
	w := newWorld(t, imaptest.Mem(t), smtptest.Options{Reject: down})
	cfg, err := config.Parse([]byte(w.cfgText), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pool, err := openDB(ctx, cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	if _, _, err := migrate(ctx, pool); err != nil {
		t.Fatal(err)
	}
	// The clock runs ahead of the ingests (real time), so their mail is due.
	r := &holdRig{t: t, w: w, pool: pool, now: time.Now().Add(time.Minute), logs: &syncBuf{}}
	log := slog.New(slog.NewTextHandler(r.logs, nil))
	q := &queue{db: pool, metrics: newMetrics(), relay: w.smtp.Addr()}
	r.sender = mailout.NewSender(q, mailout.SMTP{Host: w.smtp.Host(), Port: w.smtp.Port(), TLS: "none", Timeout: 5 * time.Second},
		mailout.Options{Logger: log, MaxAttempts: holdAttempts, MinBackoff: time.Minute, MaxBackoff: time.Hour, Now: func() time.Time { return r.now }})
	if q.desk, err = buildDesk(ctx, cfg, pool, log, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log:\n%s", r.logs)
		}
	})
	return r
}

// round sends what is due, then moves the clock past every backoff.
func (r *holdRig) round() {
	r.t.Helper()
	if _, err := r.sender.SendDue(context.Background()); err != nil && !strings.Contains(err.Error(), "451") {
		r.t.Fatal(err)
	}
	r.now = r.now.Add(time.Hour + time.Minute)
}

func (r *holdRig) ingest(n int) {
	r.t.Helper()
	f := filepath.Join(r.t.TempDir(), "req.eml")
	raw := strings.ReplaceAll(request(fmt.Sprintf("hold-%d@customer.example", n), "", requestBody), "\n", "\r\n")
	if err := os.WriteFile(f, []byte(raw), 0o600); err != nil {
		r.t.Fatal(err)
	}
	if code, out, errOut := runCLI(r.t, nil, "ingest", f, "--mailbox", "rma", "--config", r.w.cfgFile); code != 0 {
		r.t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
}

// statuses maps each outbox row's template and status: "ack held".
func (r *holdRig) rows() []store.OutMail {
	r.t.Helper()
	ms, err := store.ListOutbox(context.Background(), r.pool, "", 100)
	if err != nil {
		r.t.Fatal(err)
	}
	slices.Reverse(ms)
	return ms
}

func (r *holdRig) count(template string, status store.OutboxStatus) int {
	n := 0
	for _, m := range r.rows() {
		if (template == "" || m.Template == template) && m.Status == status {
			n++
		}
	}
	return n
}

// TestRelayOutageHoldsMailAndTellsNotifyOnce: a relay that answers 451 to
// every attempt gets each mail held after MaxAttempts, not failed; notify is
// told by one notice however many mails are held, which waits in the queue
// (never held itself) and arrives when the relay is back; held mail stays
// until the operator retries or drops it.
func TestRelayOutageHoldsMailAndTellsNotifyOnce(t *testing.T) {
	r := newHoldRig(t)
	r.ingest(1)
	r.ingest(2) // each: the customer's acknowledgment and the agents' notice
	for range holdAttempts {
		r.round()
	}
	if got := r.count("", store.OutboxHeld); got != 4 {
		t.Fatalf("held %d, want 4: %+v", got, r.rows())
	}
	for _, m := range r.rows() {
		if m.Status == store.OutboxHeld && (!strings.Contains(m.LastError, "held after 3 attempts") || !strings.Contains(m.LastError, "451")) {
			t.Errorf("outbox %d last_error %q", m.ID, m.LastError)
		}
	}
	if got := r.count(store.HoldNoticeTemplate, store.OutboxQueued); got != 1 {
		t.Fatalf("notices queued: %d, want 1", got)
	}
	if n := strings.Count(r.logs.String(), "mail is HELD after a relay outage; a notice to notify is queued"); n != 1 {
		t.Fatalf("the loud log line appears %d times, want 1", n)
	}

	// The outage goes on: a new request's mails are held too, the notice
	// is retried past MaxAttempts, and no second notice is queued.
	r.ingest(3)
	for range holdAttempts + 2 {
		r.round()
	}
	if got := r.count("", store.OutboxHeld); got != 6 {
		t.Fatalf("held %d, want 6", got)
	}
	notices := slices.DeleteFunc(r.rows(), func(m store.OutMail) bool { return m.Template != store.HoldNoticeTemplate })
	if len(notices) != 1 || notices[0].Status != store.OutboxQueued || notices[0].Attempts <= holdAttempts {
		t.Fatalf("notices: %+v", notices)
	}
	if len(r.w.smtp.Messages()) != 0 {
		t.Fatal("the relay accepted mail while down")
	}

	// The relay is back: only the notice goes out, to notify.
	r.w.smtp.SetReject(nil)
	r.round()
	got := r.w.smtp.Messages()
	if len(got) != 1 || !slices.Equal(got[0].To, []string{deskAgent}) {
		t.Fatalf("sent after recovery: %+v", got)
	}
	h := header(t, got[0])
	body := strings.ReplaceAll(string(got[0].Data), "=\r\n", "")
	if subj, _ := h.Subject(); subj != "[rmad] 6 outgoing mails held after 3 failed attempts: action needed" {
		t.Fatalf("notice subject %q", subj)
	}
	for _, want := range []string{"rmad outbox retry --all-held", "rmad outbox drop ID", "rmad outbox list --status held", r.w.smtp.Addr(), "TKT-100001  ack to " + custAddr} {
		if !strings.Contains(body, want) {
			t.Errorf("the notice lacks %q:\n%s", want, body)
		}
	}
	if r.count("", store.OutboxHeld) != 6 {
		t.Fatal("held mail was sent without the operator")
	}

	// The operator: `outbox list --status held`, drop one, retry the rest.
	code, out, _ := runCLI(t, nil, "outbox", "list", "--status", "held", "--json", "--config", r.w.cfgFile)
	var held []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &held) != nil || len(held) != 6 {
		t.Fatalf("outbox list --status held: %d %s", code, out)
	}
	var ack1, sent int64
	for _, m := range r.rows() {
		if m.Template == "ack" && ack1 == 0 {
			ack1 = m.ID
		}
		if m.Status == store.OutboxSent {
			sent = m.ID
		}
	}
	if code, _, errOut := runCLI(t, nil, "outbox", "drop", fmt.Sprint(ack1), "--reason", "customer called instead", "--config", r.w.cfgFile); code != 0 {
		t.Fatalf("drop: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, nil, "outbox", "drop", fmt.Sprint(sent), "--config", r.w.cfgFile); code != 1 || !strings.Contains(errOut, "neither held nor queued") {
		t.Fatalf("drop of a sent mail: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, nil, "outbox", "retry", fmt.Sprint(sent), "--config", r.w.cfgFile); code != 1 || !strings.Contains(errOut, "is not held") {
		t.Fatalf("retry of a sent mail: %d %s", code, errOut)
	}
	if code, _, _ := runCLI(t, nil, "outbox", "retry", "--config", r.w.cfgFile); code != 2 {
		t.Fatalf("retry without an id: %d", code)
	}
	// The dropped mail takes the path of a refused one: its ticket's agents are told.
	if code, _, errOut := runCLI(t, nil, "jobs", "run", "failures", "--config", r.w.cfgFile); code != 0 {
		t.Fatalf("jobs run failures: %d %s", code, errOut)
	}
	undelivered := slices.DeleteFunc(r.rows(), func(m store.OutMail) bool { return m.Template != "agent_undelivered" })
	if len(undelivered) != 1 || !strings.Contains(undelivered[0].Body, "customer called instead") || undelivered[0].TicketRef != "TKT-100001" {
		t.Fatalf("agent_undelivered: %+v", undelivered)
	}
	code, out, errOut := runCLI(t, nil, "outbox", "retry", "--all-held", "--config", r.w.cfgFile)
	if code != 0 || !strings.HasPrefix(out, "5 queued again") {
		t.Fatalf("retry --all-held: %d %q %s", code, out, errOut)
	}
	for _, m := range r.rows() {
		if m.Status == store.OutboxQueued && m.Template != "agent_undelivered" && m.Attempts != 0 {
			t.Errorf("outbox %d requeued with %d attempts, want 0", m.ID, m.Attempts)
		}
	}
	r.round()
	if n := len(r.w.smtp.Messages()); n != 1+5+1 {
		t.Fatalf("the relay has %d mails, want the notice, the 5 retried and the agents' undelivered notice", n)
	}
	if r.count("", store.OutboxHeld) != 0 || r.count("", store.OutboxQueued) != 0 || r.count("ack", store.OutboxFailed) != 1 {
		t.Fatalf("end state: %+v", r.rows())
	}
}
