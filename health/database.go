package health

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"rmad/config"
)

// Pinger is the database as the ping sees it (a *pgxpool.Pool).
type Pinger interface {
	Ping(ctx context.Context) error
}

// Database is the database check: a ping with its own deadline, plus what
// the rest of rmad saw (Stalls). A single paused backend leaves the ping
// answering on another connection, so the ping alone would call healthy a
// database on which deliveries keep running into their deadline.
//
// Since is the first of the failing pings in a row this check saw.
func Database(db Pinger, timeout time.Duration, stalls *Stalls) CheckFunc {
	var mu sync.Mutex
	var downSince *time.Time
	return func(ctx context.Context, now time.Time) []Problem {
		pctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		err := db.Ping(pctx)
		mu.Lock()
		defer mu.Unlock()
		if err == nil {
			downSince = nil
			return stalls.problems(now)
		}
		if downSince == nil {
			downSince = &now
		}
		// The driver's error may quote the connection string.
		reason := "unreachable: " + config.Redact(err.Error())
		if IsTimeout(err) {
			reason = fmt.Sprintf("stalled: no answer to a ping within %s", timeout)
		}
		since := *downSince
		return []Problem{{Check: "database", Reason: reason, Since: &since}}
	}
}

// IsTimeout reports whether err is a database call that ran into its deadline.
func IsTimeout(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err)
}

// Stalls remembers, per operation (deliver to a mailbox, the outbox, a
// job), whether its last database call ran into its deadline. The next
// call of the same operation that gets an answer clears it.
type Stalls struct {
	timeout time.Duration

	mu    sync.Mutex
	since map[string]time.Time
	count map[string]int
}

// NewStalls tracks operations whose database calls have deadline timeout.
func NewStalls(timeout time.Duration) *Stalls {
	return &Stalls{timeout: timeout, since: map[string]time.Time{}, count: map[string]int{}}
}

// Observe records the outcome of op's database work: err nil or any answer
// of the database clears op; a deadline marks it stalled. It returns err.
func (s *Stalls) Observe(op string, at time.Time, err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil && IsTimeout(err) {
		if _, ok := s.since[op]; !ok {
			s.since[op] = at
		}
		s.count[op]++
		return err
	}
	if err == nil || !errors.Is(err, context.Canceled) {
		delete(s.since, op)
	}
	return err
}

// Timeouts returns how many calls of each operation ran into their
// deadline since the start.
func (s *Stalls) Timeouts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.count))
	for k, v := range s.count {
		out[k] = v
	}
	return out
}

func (s *Stalls) problems(now time.Time) []Problem {
	s.mu.Lock()
	defer s.mu.Unlock()
	ops := make([]string, 0, len(s.since))
	for op := range s.since {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	var out []Problem
	for _, op := range ops {
		since := s.since[op]
		out = append(out, Problem{Check: "database", Subject: op, Since: &since,
			Reason: fmt.Sprintf("stalled: %s got no answer within its %s deadline for %s", op, s.timeout, ago(now, since))})
	}
	return out
}
