package mailout_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/internal/smtptest"
	"rmad/mailout"
	"rmad/store"
)

// countingDB is the real pool, counting the statements the sender sends
// through it by kind (claim, sent, other).
type countingDB struct {
	store.DBTX
	mu sync.Mutex
	n  map[string]int
	// failSent, when set, makes the sent marks fail (the database is gone).
	failSent error
}

func newCountingDB(pool *pgxpool.Pool) *countingDB {
	return &countingDB{DBTX: pool, n: map[string]int{}}
}

func (c *countingDB) count(sql string) error {
	kind := "other"
	switch {
	case strings.HasPrefix(strings.TrimSpace(sql), "WITH due"):
		kind = "claim"
	case strings.Contains(sql, "SET status = 'sent'"):
		kind = "sent"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[kind]++
	if kind == "sent" {
		return c.failSent
	}
	return nil
}

func (c *countingDB) counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.n {
		out[k] = v
	}
	return out
}

func (c *countingDB) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if err := c.count(sql); err != nil {
		return pgconn.CommandTag{}, err
	}
	return c.DBTX.Exec(ctx, sql, args...)
}

func (c *countingDB) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	_ = c.count(sql)
	return c.DBTX.Query(ctx, sql, args...)
}

func (c *countingDB) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	_ = c.count(sql)
	return c.DBTX.QueryRow(ctx, sql, args...)
}

// pgRig is a real PostgreSQL outbox, counted, and a real SMTP sink.
type pgRig struct {
	t    testing.TB
	pool *pgxpool.Pool
	db   *countingDB
	sink *smtptest.Server
	clk  *clock
	logs *logBuf
}

func newPGRig(t testing.TB) *pgRig {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	sink, err := smtptest.Start(smtptest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	r := &pgRig{t: t, pool: pool, db: newCountingDB(pool), sink: sink, clk: &clock{t: t0.Add(time.Minute)}, logs: &logBuf{}}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("sender log:\n%s", r.logs)
		}
	})
	return r
}

// enqueue queues n mails and returns their ids, oldest first.
func (r *pgRig) enqueue(n int) []int64 {
	r.t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		id, err := store.Enqueue(context.Background(), r.pool, store.OutMail{
			Template: "test", MessageID: fmt.Sprintf("rmad.%d.%d@desk.example.com", i, time.Now().UnixNano()),
			From: "Acme Support <support@example.com>", To: []string{fmt.Sprintf("c%d@customer.example", i)},
			Subject: "[TKT-7] Re: fan noise", Body: "We are on it.\nKind regards,\nAcme Support\n", QueuedAt: t0,
		})
		if err != nil {
			r.t.Fatal(err)
		}
		ids[i] = id
	}
	return ids
}

func (r *pgRig) sender(opts mailout.Options) *mailout.Sender {
	opts.Logger = r.logs.logger()
	if opts.Now == nil {
		opts.Now = r.clk.Now
	}
	return mailout.NewSender(pgQueue{r.db}, mailout.SMTP{Host: r.sink.Host(), Port: r.sink.Port(), TLS: "none", Timeout: 5 * time.Second}, opts)
}

func (r *pgRig) row(id int64) store.OutMail {
	r.t.Helper()
	m, err := store.OutboxByID(context.Background(), r.pool, id)
	if err != nil {
		r.t.Fatal(err)
	}
	return m
}

// sinkIDs counts the mails the sink received, by Message-ID.
func (r *pgRig) sinkIDs(t *testing.T) (map[string]int, map[string][]byte) {
	n, data := map[string]int{}, map[string][]byte{}
	for _, m := range r.sink.Messages() {
		h := parse(t, m.Data).h
		id, err := h.MessageID()
		if err != nil {
			t.Fatal(err)
		}
		if prev, ok := data[id]; ok && !bytes.Equal(prev, m.Data) {
			t.Errorf("%s sent twice with different bytes", id)
		}
		n[id]++
		data[id] = m.Data
	}
	return n, data
}

func TestRoundMarksItsMailsSentTogether(t *testing.T) {
	for _, tc := range []struct {
		markEvery, wantMarks int
	}{{0, 2}, {50, 1}, {1, 30}} { // the default (20), a round's worth, each alone
		t.Run(fmt.Sprint("mark_every=", tc.markEvery), func(t *testing.T) {
			r := newPGRig(t)
			ids := r.enqueue(30)
			// Each mail takes 1ms of our clock, far below MarkDelay, so only
			// MarkEvery and the round's end decide when the marks are
			// written; each row still gets its own acceptance time.
			start := r.clk.Now()
			opts := mailout.Options{Batch: 30, MarkEvery: tc.markEvery, AfterSend: func(mailout.Mail) { r.clk.Advance(time.Millisecond) }}
			sent, err := r.sender(opts).SendDue(context.Background())
			if sent != 30 || err != nil {
				t.Fatalf("SendDue = %d, %v; want 30 sent", sent, err)
			}
			times := map[time.Time]bool{}
			for _, id := range ids {
				row := r.row(id)
				if row.Status != store.OutboxSent || row.SentAt == nil || row.Attempts != 1 {
					t.Fatalf("outbox %d: %s, sent_at %v, attempts %d; want sent after 1 attempt", id, row.Status, row.SentAt, row.Attempts)
				}
				if d := row.SentAt.Sub(start); d < time.Millisecond || d > 30*time.Millisecond {
					t.Fatalf("outbox %d sent_at %v, want within the 30ms of the round", id, row.SentAt)
				}
				times[row.SentAt.UTC()] = true
			}
			if len(times) != 30 {
				t.Fatalf("%d distinct sent_at, want each mail's own acceptance time", len(times))
			}
			if n, _ := r.sinkIDs(t); len(n) != 30 || len(r.sink.Messages()) != 30 {
				t.Fatalf("sink has %d messages, %d distinct; want 30", len(r.sink.Messages()), len(n))
			}
			got := r.db.counts()
			want := map[string]int{"claim": 1, "sent": tc.wantMarks}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("statements %v, want %v", got, want)
			}
			if lines := r.logs.lines("level=INFO", "mail sent"); len(lines) != 30 {
				t.Fatalf("%d 'mail sent' log lines, want 30", len(lines))
			}
		})
	}
}

// A crash after some 250s and before their mark sends again exactly the
// mails that waited to be marked, with the same bytes, and nothing else.
func TestCrashBeforeTheMarkResendsOnlyTheWaitingMails(t *testing.T) {
	for _, how := range []string{"process dies", "database unreachable"} {
		t.Run(how, func(t *testing.T) {
			r := newPGRig(t)
			ids := r.enqueue(6)
			opts := mailout.Options{Batch: 6, MarkEvery: 3}
			var err error
			switch how {
			case "process dies":
				// Mails 1-3 are marked together; 4 waits; the process dies
				// after the server accepted 5; 6 was never tried.
				accepted := 0
				opts.AfterSend = func(mailout.Mail) {
					if accepted++; accepted == 5 {
						panic(errCrash)
					}
				}
				func() {
					defer func() {
						if p := recover(); p != errCrash {
							t.Fatalf("recovered %v, want the simulated crash", p)
						}
					}()
					_, _ = r.sender(opts).SendDue(context.Background())
				}()
			case "database unreachable":
				// The second mark (mails 4-6) fails: those three stay leased.
				accepted := 0
				opts.AfterSend = func(mailout.Mail) {
					if accepted++; accepted == 4 {
						r.db.mu.Lock()
						r.db.failSent = errDBDown
						r.db.mu.Unlock()
					}
				}
				_, err = r.sender(opts).SendDue(context.Background())
				if !errors.Is(err, errDBDown) || !strings.Contains(err.Error(), "not marked sent") {
					t.Fatalf("SendDue error %v, want the failed mark", err)
				}
				r.db.mu.Lock()
				r.db.failSent = nil
				r.db.mu.Unlock()
			}
			resent := map[string]bool{}
			for i, id := range ids {
				row := r.row(id)
				wantSent := i < 3
				if (row.Status == store.OutboxSent) != wantSent {
					t.Fatalf("outbox %d (mail %d) is %s after the crash", id, i+1, row.Status)
				}
				if !wantSent && (i < 5 || how == "database unreachable") {
					resent[row.MessageID] = true
				}
			}

			// Restarted: within the lease nothing moves; after it the waiting
			// mails go out again and the untried one for the first time.
			restarted := r.sender(mailout.Options{Batch: 6, MarkEvery: 3})
			if sent, err := restarted.SendDue(context.Background()); sent != 0 || err != nil {
				t.Fatalf("round inside the lease = %d, %v", sent, err)
			}
			r.clk.Advance(mailout.DefaultLease + time.Second)
			if sent, err := restarted.SendDue(context.Background()); sent != 3 || err != nil {
				t.Fatalf("round after the lease = %d, %v; want 3", sent, err)
			}
			for _, id := range ids {
				if row := r.row(id); row.Status != store.OutboxSent {
					t.Fatalf("outbox %d ends %s, want sent", id, row.Status)
				}
			}
			n, _ := r.sinkIDs(t)
			if len(n) != 6 {
				t.Fatalf("sink has %d distinct Message-IDs, want 6", len(n))
			}
			for id, c := range n {
				if want := map[bool]int{true: 2, false: 1}[resent[id]]; c != want {
					t.Errorf("%s received %d times, want %d (sent twice: %v)", id, c, want, resent)
				}
			}
		})
	}
}

// A shutdown in mid-round marks what the server accepted, in one
// statement on a detached context, and hands the rest back unattempted.
func TestShutdownMidRoundMarksTheWaitingMails(t *testing.T) {
	r := newPGRig(t)
	ids := r.enqueue(4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	accepted := 0
	opts := mailout.Options{Batch: 4, AfterSend: func(mailout.Mail) {
		if accepted++; accepted == 2 {
			cancel()
		}
	}}
	if sent, err := r.sender(opts).SendDue(ctx); sent != 2 || err != nil {
		t.Fatalf("SendDue = %d, %v; want 2", sent, err)
	}
	for i, id := range ids {
		row := r.row(id)
		switch {
		case i < 2 && row.Status != store.OutboxSent:
			t.Fatalf("outbox %d is %s, want sent", id, row.Status)
		case i >= 2 && (row.Status != store.OutboxQueued || !row.NextAttemptAt.Equal(r.clk.Now()) || !strings.Contains(row.LastError, "not attempted")):
			t.Fatalf("outbox %d is %s due %v (%q), want queued, due now, not attempted", id, row.Status, row.NextAttemptAt, row.LastError)
		}
	}
	if got := r.db.counts()["sent"]; got != 1 {
		t.Fatalf("%d sent marks, want 1", got)
	}
	if n := len(r.sink.Messages()); n != 2 {
		t.Fatalf("sink has %d messages, want 2", n)
	}
}

// A long round marks what waited MarkDelay without waiting for its end.
func TestLongRoundMarksAfterMarkDelay(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	for id := int64(1); id <= 6; id++ {
		h.q.add(mailTo(id, "c@customer.example"))
	}
	// Each mail "takes" 50ms of our clock: the first waiting acceptance
	// has waited MarkDelay when the third arrives.
	h.opts.MarkDelay = 100 * time.Millisecond
	h.opts.AfterSend = func(mailout.Mail) { h.clk.Advance(50 * time.Millisecond) }
	if sent, err := h.sendDue(); sent != 6 || err != nil {
		t.Fatalf("SendDue = %d, %v", sent, err)
	}
	for id := int64(1); id <= 6; id++ {
		if c := wantCalls(t, h.q, id, "sent"); !c[0].at.Equal(t0.Add(time.Minute + time.Duration(id)*50*time.Millisecond)) {
			t.Fatalf("outbox %d marked sent at %v, want its acceptance time", id, c[0].at)
		}
	}
	h.q.mu.Lock()
	defer h.q.mu.Unlock()
	if h.q.sentCalls != 2 {
		t.Fatalf("%d Queue.Sent calls, want 2 (mails 1-3, 4-6)", h.q.sentCalls)
	}
}
