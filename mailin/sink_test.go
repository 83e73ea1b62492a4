package mailin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// memSink is a Sink in memory: it records every call so tests can assert what
// the watcher did. deliverFn and failedErr simulate broken messages and a
// database that is down.
type memSink struct {
	mu          sync.Mutex
	delivered   []Message // every Deliver that returned nil, replays included
	calls       map[string]int
	tries       map[string]int
	failedCalls int
	quarantined []Message
	causes      []error
	marks       map[string]Mark
	deliverFn   func(Message) error // nil: success
	failedErr   error               // non-nil: Failed fails (database down)
	markErr     error               // non-nil: Mark fails
	// quarantineFails is how many Quarantine calls fail before one works.
	quarantineFails int
}

func newMemSink() *memSink {
	return &memSink{calls: map[string]int{}, tries: map[string]int{}, marks: map[string]Mark{}}
}

func key(m Message) string { return fmt.Sprintf("%d/%d", m.UIDValidity, m.UID) }

func (s *memSink) Deliver(ctx context.Context, m Message) error {
	s.mu.Lock()
	s.calls[key(m)]++
	fn := s.deliverFn
	s.mu.Unlock()
	if fn != nil {
		if err := fn(m); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.delivered = append(s.delivered, m)
	s.mu.Unlock()
	return nil
}

func (s *memSink) Failed(ctx context.Context, m Message, cause error) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failedCalls++
	if s.failedErr != nil {
		return 0, s.failedErr
	}
	s.tries[key(m)]++
	return s.tries[key(m)], nil
}

func (s *memSink) Quarantine(ctx context.Context, m Message, cause error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.quarantineFails > 0 {
		s.quarantineFails--
		return errDBDown
	}
	s.quarantined = append(s.quarantined, m)
	s.causes = append(s.causes, cause)
	return nil
}

func (s *memSink) Mark(ctx context.Context, mailbox string) (Mark, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.markErr != nil {
		return Mark{}, s.markErr
	}
	return s.marks[mailbox], nil
}

func (s *memSink) SetMark(ctx context.Context, mailbox string, mark Mark) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.marks[mailbox]; old.UIDValidity == mark.UIDValidity && mark.UID < old.UID {
		return fmt.Errorf("mark moved back from %d to %d", old.UID, mark.UID)
	}
	s.marks[mailbox] = mark
	return nil
}

func (s *memSink) mark(mailbox string) Mark {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.marks[mailbox]
}

func (s *memSink) setDeliver(fn func(Message) error) {
	s.mu.Lock()
	s.deliverFn = fn
	s.mu.Unlock()
}

func (s *memSink) setFailedErr(err error) {
	s.mu.Lock()
	s.failedErr = err
	s.mu.Unlock()
}

func (s *memSink) snapshot() (delivered, quarantined []Message, causes []error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.delivered...), append([]Message(nil), s.quarantined...), append([]error(nil), s.causes...)
}

func (s *memSink) deliveredUIDs() []uint32 {
	d, _, _ := s.snapshot()
	out := make([]uint32, len(d))
	for i, m := range d {
		out[i] = m.UID
	}
	return out
}

// eventually polls cond until it holds or d passes.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// logRecorder is a slog.Handler that keeps records for assertions and
// forwards them to the test log while the test runs.
type logRecorder struct {
	mu      *sync.Mutex
	records *[]string
	t       testing.TB
	done    *bool
	attrs   []slog.Attr
}

func newLogRecorder(t testing.TB) *logRecorder {
	r := &logRecorder{mu: &sync.Mutex{}, records: new([]string), t: t, done: new(bool)}
	t.Cleanup(func() {
		r.mu.Lock()
		*r.done = true
		r.mu.Unlock()
	})
	return r
}

func (r *logRecorder) Enabled(context.Context, slog.Level) bool { return true }

func (r *logRecorder) Handle(_ context.Context, rec slog.Record) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", rec.Level, rec.Message)
	for _, a := range r.attrs {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
	}
	rec.Attrs(func(a slog.Attr) bool {
		if a.Key != "stack" {
			fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		}
		return true
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	*r.records = append(*r.records, b.String())
	if !*r.done {
		r.t.Log(b.String())
	}
	return nil
}

func (r *logRecorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	c := *r
	c.attrs = append(append([]slog.Attr(nil), r.attrs...), attrs...)
	return &c
}

func (r *logRecorder) WithGroup(string) slog.Handler { return r }

func (r *logRecorder) count(substr string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range *r.records {
		if strings.Contains(s, substr) {
			n++
		}
	}
	return n
}

func (r *logRecorder) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(*r.records, "\n")
}

var errDBDown = errors.New("database is down")
