package mailout_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"rmad/internal/smtptest"
	"rmad/mailout"
)

// runSender runs h's Sender until the test ends.
func runSender(t *testing.T, h *harness) *mailout.Sender {
	t.Helper()
	s := h.sender()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v", err)
		}
	})
	waitFor(t, func() bool { return h.q.claimCount() >= 1 })
	return s
}

// sendOne queues mail id, pokes s and waits until it is marked sent.
func sendOne(t *testing.T, h *harness, s *mailout.Sender, id int64) {
	t.Helper()
	h.q.add(mailTo(id, "c@customer.example"))
	s.Poke()
	waitFor(t, func() bool { return h.q.state(id) == "sent" })
}

// Rounds a moment apart share one SMTP session: no connect, greeting, EHLO
// (with a real relay TLS and AUTH) and QUIT for each answer.
func TestKeptSessionCarriesTheNextRounds(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.opts.Poll = time.Hour
	h.opts.KeepSession = time.Minute
	s := runSender(t, h)
	for id := int64(1); id <= 4; id++ {
		sendOne(t, h, s, id)
	}
	if n := h.sink.Connections(); n != 1 {
		t.Fatalf("%d SMTP connections for four rounds, want 1", n)
	}
	if got := len(h.sink.Messages()); got != 4 {
		t.Fatalf("%d messages at the relay, want 4", got)
	}
}

// With KeepSession negative every round has its own session, as before.
func TestKeepSessionOff(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.opts.Poll = time.Hour
	h.opts.KeepSession = -1
	s := runSender(t, h)
	for id := int64(1); id <= 3; id++ {
		sendOne(t, h, s, id)
	}
	if n := h.sink.Connections(); n != 3 {
		t.Fatalf("%d SMTP connections for three rounds, want 3", n)
	}
}

// A session idle for KeepSession is closed; the next round dials again.
func TestIdleSessionIsClosed(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.opts.Poll = time.Hour
	h.opts.KeepSession = 100 * time.Millisecond
	s := runSender(t, h)
	sendOne(t, h, s, 1)
	time.Sleep(400 * time.Millisecond)
	sendOne(t, h, s, 2)
	if n := h.sink.Connections(); n != 2 {
		t.Fatalf("%d SMTP connections, want 2 (the idle session closed)", n)
	}
}

// A kept session the relay dropped meanwhile costs a new connection, not a
// deferred mail: the NOOP before the round finds it gone, and the mail goes
// out at once over a fresh session, tried once.
func TestDroppedKeptSessionRedials(t *testing.T) {
	var first atomic.Bool
	h := newHarness(t, smtptest.Options{HangUp: func(smtptest.Received) bool { return first.CompareAndSwap(false, true) }})
	h.opts.Poll = time.Hour
	h.opts.KeepSession = time.Minute
	s := runSender(t, h)
	sendOne(t, h, s, 1)
	sendOne(t, h, s, 2)
	if n := h.sink.Connections(); n != 2 {
		t.Fatalf("%d SMTP connections, want 2", n)
	}
	if calls := wantCalls(t, h.q, 2, "sent"); len(calls) != 1 {
		t.Fatalf("mail 2: %v, want one sent mark and no retry", calls)
	}
}

// A session carries at most Batch mails in all (Exchange's receive
// connectors take 20 per connection by default), however its rounds split
// them.
func TestSessionCarriesAtMostBatchMails(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.opts.Poll = time.Hour
	h.opts.Batch = 2
	h.opts.KeepSession = time.Minute
	s := runSender(t, h)
	for id := int64(1); id <= 5; id++ {
		sendOne(t, h, s, id)
	}
	if n := h.sink.Connections(); n != 3 {
		t.Fatalf("%d SMTP connections for five one-mail rounds with Batch 2, want 3", n)
	}
}
