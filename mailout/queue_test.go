package mailout_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"rmad/mailout"
)

// memQueue is an in-memory mailout.Queue with the store's semantics that
// matter here: Claim leases due rows and counts the attempt; a lease that
// runs out without Sent/Retry/Fail makes the row claimable again, unchanged.
type memQueue struct {
	mu     sync.Mutex
	rows   map[int64]*row
	calls  []call
	claims int
	// sentCalls counts Queue.Sent calls (each marks a group of mails).
	sentCalls int
	sentErr   error // when set, Sent fails (the database is unreachable)
}

type row struct {
	m          mailout.Mail
	state      string // queued | sent | failed | held
	due        time.Time
	leaseUntil time.Time
}

type call struct {
	op     string // sent | retry | fail | hold
	id     int64
	at     time.Time // now for sent/fail, next for retry
	reason string
}

func newQueue(ms ...mailout.Mail) *memQueue {
	q := &memQueue{rows: map[int64]*row{}}
	for _, m := range ms {
		q.add(m)
	}
	return q
}

func (q *memQueue) add(m mailout.Mail) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.rows[m.ID] = &row{m: m, state: "queued", due: m.QueuedAt}
}

func (q *memQueue) Claim(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]mailout.Mail, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.claims++
	ids := make([]int64, 0, len(q.rows))
	for id := range q.rows {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []mailout.Mail
	for _, id := range ids {
		r := q.rows[id]
		if len(out) == limit {
			break
		}
		if r.state != "queued" || r.due.After(now) || r.leaseUntil.After(now) {
			continue
		}
		r.leaseUntil = now.Add(lease)
		r.m.Attempts++
		out = append(out, r.m)
	}
	return out, nil
}

func (q *memQueue) mark(ctx context.Context, c call, state string, due time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	r, ok := q.rows[c.id]
	if !ok {
		return fmt.Errorf("outbox %d not found", c.id)
	}
	if r.state != "queued" {
		return fmt.Errorf("outbox %d is %s", c.id, r.state)
	}
	r.state, r.due, r.leaseUntil = state, due, time.Time{}
	q.calls = append(q.calls, c)
	return nil
}

func (q *memQueue) Sent(ctx context.Context, mails []mailout.Accepted) error {
	q.mu.Lock()
	err := q.sentErr
	q.sentCalls++
	q.mu.Unlock()
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range mails {
		errs = append(errs, q.mark(ctx, call{op: "sent", id: m.ID, at: m.At}, "sent", time.Time{}))
	}
	return errors.Join(errs...)
}

func (q *memQueue) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return q.mark(ctx, call{op: "retry", id: id, at: next, reason: reason}, "queued", next)
}

func (q *memQueue) Fail(ctx context.Context, id int64, now time.Time, reason string) error {
	return q.mark(ctx, call{op: "fail", id: id, at: now, reason: reason}, "failed", time.Time{})
}

func (q *memQueue) Hold(ctx context.Context, id int64, now time.Time, reason string, _ int) error {
	return q.mark(ctx, call{op: "hold", id: id, at: now, reason: reason}, "held", time.Time{})
}

func (q *memQueue) setSentErr(err error) {
	q.mu.Lock()
	q.sentErr = err
	q.mu.Unlock()
}

// callsFor returns the recorded marks of one mail, oldest first.
func (q *memQueue) callsFor(id int64) []call {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []call
	for _, c := range q.calls {
		if c.id == id {
			out = append(out, c)
		}
	}
	return out
}

func (q *memQueue) allCalls() []call {
	q.mu.Lock()
	defer q.mu.Unlock()
	return slices.Clone(q.calls)
}

func (q *memQueue) claimCount() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.claims
}

func (q *memQueue) state(id int64) string {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.rows[id].state
}

// clock is a settable Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// logBuf collects the sender's log lines so tests can assert levels and keys.
type logBuf struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logBuf) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// lines returns the log lines that contain every one of parts.
func (l *logBuf) lines(parts ...string) []string {
	var out []string
	for line := range strings.SplitSeq(l.String(), "\n") {
		ok := line != ""
		for _, p := range parts {
			ok = ok && strings.Contains(line, p)
		}
		if ok {
			out = append(out, line)
		}
	}
	return out
}

var errDBDown = errors.New("database unreachable")
