package mailin

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"rmad/internal/imaptest"
)

const (
	testUser = "support@example.com"
	testPass = "pw-never-logged"
)

type server struct {
	imaptest.Server
	dovecot *imaptest.Dovecot // nil for the memory server
}

type serverKind struct {
	name  string
	start func(t *testing.T) server
}

var (
	dovecotKind = serverKind{"dovecot", func(t *testing.T) server {
		d := imaptest.NewDovecot(t)
		if err := d.AddUser(testUser, testPass); err != nil {
			t.Fatal(err)
		}
		return server{d, d}
	}}
	memKind = serverKind{"mem", func(t *testing.T) server {
		m := imaptest.Mem(t)
		if err := m.AddUser(testUser, testPass); err != nil {
			t.Fatal(err)
		}
		return server{Server: m}
	}}
	// memRev1Kind has no MOVE and no UIDPLUS: the COPY + EXPUNGE fallbacks.
	memRev1Kind = serverKind{"mem-imap4rev1", func(t *testing.T) server {
		m := imaptest.MemWith(t, imaptest.MemOptions{Caps: imap.CapSet{imap.CapIMAP4rev1: {}}})
		if err := m.AddUser(testUser, testPass); err != nil {
			t.Fatal(err)
		}
		return server{Server: m}
	}}
	bothKinds = []serverKind{dovecotKind, memKind}
)

func forEach(t *testing.T, kinds []serverKind, f func(t *testing.T, srv server)) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			f(t, k.start(t))
		})
	}
}

func testMailbox(srv interface{ Addr() string }) Mailbox {
	return Mailbox{
		Name:     "support",
		Addr:     srv.Addr(),
		TLS:      "none",
		Username: testUser,
		Password: testPass,
		Folder:   "INBOX",
		After:    "seen",
		// An hour: anything that arrives within a test came through IDLE.
		PollInterval: time.Hour,
		Timeout:      5 * time.Second,
		MaxTries:     3,
	}
}

func testOptions(t *testing.T, log *logRecorder) Options {
	if log == nil {
		log = newLogRecorder(t)
	}
	return Options{
		Logger:     slog.New(log),
		MinBackoff: 20 * time.Millisecond,
		MaxBackoff: 200 * time.Millisecond,
	}
}

func rawMsg(n int, subject string) []byte {
	return fmt.Appendf(nil, "From: customer%d@example.net\r\nTo: support@example.com\r\nSubject: %s\r\nMessage-ID: <m%d@example.net>\r\nDate: Mon, 02 Jan 2006 15:04:05 +0000\r\n\r\nbody %d\r\n", n, subject, n, n)
}

func appendMsgs(t *testing.T, srv server, folder string, raws ...[]byte) []uint32 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var uids []uint32
	for _, raw := range raws {
		uid, err := srv.Append(ctx, testUser, testPass, folder, raw)
		if err != nil {
			t.Fatal(err)
		}
		uids = append(uids, uid)
	}
	return uids
}

func serverMsgs(t *testing.T, srv server, folder string) []imaptest.MessageInfo {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	msgs, err := srv.Messages(ctx, testUser, testPass, folder)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// running is a watcher's Run in a goroutine.
type running struct {
	w      *Watcher
	cancel context.CancelFunc
	done   chan error
}

// start runs w until the test ends (or stop is called) and fails the test if
// Run does not return promptly once its context is cancelled.
func start(t *testing.T, w *Watcher) *running {
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{w: w, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- w.Run(ctx) }()
	t.Cleanup(func() { r.stop(t) })
	return r
}

func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err, ok := <-r.done:
		if ok && err != nil {
			t.Errorf("Run returned %v after cancel, want nil", err)
		}
		if ok {
			close(r.done)
		}
	case <-time.After(5 * time.Second):
		t.Errorf("Run did not return within 5s of cancel")
	}
}

// settle proves that the watcher is done with everything before it: it
// appends a sentinel message, pokes the watcher (servers without IDLE are
// polled only hourly here) and waits until the sentinel is committed. The
// counts a test takes afterwards therefore include any duplicate the watcher
// would deliver late: the check that found the sentinel started from the
// committed mark, so a replay of anything older shows up now, not after the
// test has passed. It fails the test unless the sentinel was delivered
// exactly once, and returns every other delivery, in order.
func settle(t *testing.T, srv server, r *running, sink *memSink) []Message {
	t.Helper()
	raw := []byte("From: sentinel@example.net\r\nTo: support@example.com\r\nSubject: sentinel\r\nMessage-ID: <sentinel@example.net>\r\n\r\nlast\r\n")
	uid := appendMsgs(t, srv, "INBOX", raw)[0]
	r.w.Poke()
	for deadline := time.Now().Add(10 * time.Second); sink.mark("support").UID != uid; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the sentinel (uid %d) was not committed within 10s; mark %+v, deliveries %v", uid, sink.mark("support"), sink.deliveredUIDs())
		}
	}
	delivered, _, _ := sink.snapshot()
	var others []Message
	n := 0
	for _, m := range delivered {
		if bytes.Equal(m.Raw, raw) {
			n++
		} else {
			others = append(others, m)
		}
	}
	if n != 1 {
		t.Fatalf("the sentinel was delivered %d times, want once", n)
	}
	return others
}

func uidsOf(msgs []Message) []uint32 {
	out := make([]uint32, len(msgs))
	for i, m := range msgs {
		out[i] = m.UID
	}
	return out
}

func TestDeliverThenAfter(t *testing.T) {
	for _, after := range []string{"seen", "move:Processed", "delete"} {
		kinds := bothKinds
		if after != "seen" {
			kinds = append(kinds, memRev1Kind)
		}
		t.Run(after, func(t *testing.T) {
			forEach(t, kinds, func(t *testing.T, srv server) {
				raws := [][]byte{rawMsg(1, "first"), rawMsg(2, "second"), rawMsg(3, "third")}
				uids := appendMsgs(t, srv, "INBOX", raws...)
				sink := newMemSink()
				mb := testMailbox(srv)
				mb.After = after
				r := start(t, NewWatcher(mb, sink, testOptions(t, nil)))

				eventually(t, 10*time.Second, "the mark to reach the last UID", func() bool {
					return sink.mark("support").UID == uids[2]
				})
				delivered, quarantined, _ := sink.snapshot()
				if len(delivered) != 3 || len(quarantined) != 0 {
					t.Fatalf("delivered %v, quarantined %d; want the 3 messages once", sink.deliveredUIDs(), len(quarantined))
				}
				validity := sink.mark("support").UIDValidity
				for i, m := range delivered {
					if m.UID != uids[i] || !bytes.Equal(m.Raw, raws[i]) || m.UIDValidity != validity || m.Mailbox != "support" {
						t.Errorf("delivery %d: uid %d validity %d mailbox %q raw %q; want uid %d validity %d raw %q",
							i, m.UID, m.UIDValidity, m.Mailbox, m.Raw, uids[i], validity, raws[i])
					}
					if m.InternalDate.IsZero() {
						t.Errorf("delivery %d: no internal date", i)
					}
				}

				inbox := serverMsgs(t, srv, "INBOX")
				switch after {
				case "seen":
					if len(inbox) != 3 {
						t.Fatalf("INBOX has %d messages, want 3", len(inbox))
					}
					for _, m := range inbox {
						if !m.HasFlag(imap.FlagSeen) {
							t.Errorf("uid %d not \\Seen: %v", m.UID, m.Flags)
						}
					}
				case "move:Processed":
					if len(inbox) != 0 {
						t.Fatalf("INBOX still has %d messages", len(inbox))
					}
					moved := serverMsgs(t, srv, "Processed")
					if len(moved) != 3 {
						t.Fatalf("Processed has %d messages, want 3", len(moved))
					}
					for i, m := range moved {
						if !bytes.Equal(m.Raw, raws[i]) {
							t.Errorf("Processed[%d] = %q, want %q", i, m.Raw, raws[i])
						}
						// BODY.PEEK: fetching must not have set \Seen.
						if m.HasFlag(imap.FlagSeen) || m.HasFlag(imap.FlagDeleted) {
							t.Errorf("moved uid %d has flags %v", m.UID, m.Flags)
						}
					}
				case "delete":
					if len(inbox) != 0 {
						t.Fatalf("INBOX still has %d messages", len(inbox))
					}
				}
				if got := uidsOf(settle(t, srv, r, sink)); !slices.Equal(got, uids) {
					t.Fatalf("delivered %v by the time a later message was committed, want %v once each", got, uids)
				}
			})
		})
	}
}

func TestIdleWakeup(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		sink := newMemSink()
		mb := testMailbox(srv) // PollInterval is an hour
		opts := testOptions(t, nil)
		opts.Linger = -1 // the second message too comes through IDLE, not a linger's NOOP
		r := start(t, NewWatcher(mb, sink, opts))
		eventually(t, 10*time.Second, "the first check", func() bool { return sink.mark("support").UIDValidity != 0 })
		// Give the watcher a moment to be in IDLE, so the wake-up is IDLE's.
		time.Sleep(200 * time.Millisecond)

		var want []uint32
		for i := 1; i <= 2; i++ {
			uids := appendMsgs(t, srv, "INBOX", rawMsg(i, "idle"))
			t0 := time.Now()
			eventually(t, 5*time.Second, "delivery through IDLE", func() bool { return sink.mark("support").UID == uids[0] })
			t.Logf("message %d delivered %v after append", i, time.Since(t0))
			want = append(want, uids[0])
		}
		if got := uidsOf(settle(t, srv, r, sink)); !slices.Equal(got, want) {
			t.Fatalf("delivered %v, want %v once each", got, want)
		}
	})
}

func TestPokeWithoutIdleNews(t *testing.T) {
	// Poke is how a caller that knows of an append gets it handled now; it
	// must work whatever the server says. Here it says nothing: in "idle"
	// the server answers IDLE but sends no EXISTS, in "poll" it has no IDLE
	// at all. PollInterval is an hour and IdleRefresh 25 minutes, so without
	// the Poke the message would wait that long.
	for _, mode := range []string{"idle", "poll"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			srv := startIdleMem(t, true, mode == "idle")
			sink := newMemSink()
			w := NewWatcher(testMailbox(srv), sink, testOptions(t, nil))
			start(t, w)
			if mode == "idle" {
				eventually(t, 10*time.Second, "the watcher in IDLE", func() bool { return srv.idles.Load() >= 1 })
			} else {
				eventually(t, 10*time.Second, "the first check", func() bool { return sink.mark("support").UIDValidity != 0 })
			}
			uid := srv.append(t, rawMsg(1, "poke"))
			w.Poke()
			eventually(t, 5*time.Second, "delivery after Poke", func() bool { return sink.mark("support").UID == uid })
			if got := sink.deliveredUIDs(); !slices.Equal(got, []uint32{uid}) {
				t.Fatalf("delivered %v, want uid %d once", got, uid)
			}
			if n := srv.idles.Load(); mode == "poll" && n != 0 {
				t.Fatalf("%d IDLE commands sent to a server without IDLE", n)
			}
		})
	}
}

func TestReconnectAfterRestart(t *testing.T) {
	t.Parallel()
	srv := dovecotKind.start(t)
	sink := newMemSink()
	log := newLogRecorder(t)
	r := start(t, NewWatcher(testMailbox(srv), sink, testOptions(t, log)))
	uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "before restart"))
	eventually(t, 10*time.Second, "delivery before the restart", func() bool { return sink.mark("support").UID == uids[0] })

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.dovecot.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	uids = append(uids, appendMsgs(t, srv, "INBOX", rawMsg(2, "after restart"))...)
	eventually(t, 10*time.Second, "delivery after the restart", func() bool { return sink.mark("support").UID == uids[1] })
	if log.count("reconnecting") == 0 {
		t.Errorf("no reconnect was logged:\n%s", log.all())
	}
	if got := uidsOf(settle(t, srv, r, sink)); !slices.Equal(got, uids) {
		t.Errorf("delivered %v, want %v once each", got, uids)
	}
}

func TestUIDValidityChange(t *testing.T) {
	t.Parallel()
	srv := dovecotKind.start(t)
	sink := newMemSink()
	r := start(t, NewWatcher(testMailbox(srv), sink, testOptions(t, nil)))
	uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "one"), rawMsg(2, "two"))
	eventually(t, 10*time.Second, "both delivered", func() bool { return sink.mark("support").UID == uids[1] })
	old := sink.mark("support").UIDValidity

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	validity, err := srv.dovecot.ChangeUIDValidity(ctx, testUser, "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	// No Poke: the next mail wakes the watcher, Dovecot then drops the
	// session whose folder changed UIDVALIDITY, and the watcher reconnects.
	// (Dovecot does not interrupt an IDLE for the change alone; the
	// IdleRefresh would find it at the latest.)
	uid3 := appendMsgs(t, srv, "INBOX", rawMsg(3, "three"))[0]
	eventually(t, 10*time.Second, "a rescan under the new UIDVALIDITY", func() bool {
		m := sink.mark("support")
		return m.UIDValidity == validity && m.UID == uid3
	})
	delivered := settle(t, srv, r, sink)
	if len(delivered) != 5 {
		t.Fatalf("delivered %d times, want 2 + 3 again", len(delivered))
	}
	for i, m := range delivered {
		want, n := old, i+1
		if i >= 2 {
			want, n = validity, i-1
		}
		if m.UIDValidity != want || !bytes.Equal(m.Raw, rawMsg(n, []string{"one", "two", "three"}[n-1])) {
			t.Errorf("delivery %d: validity %d raw %q", i, m.UIDValidity, m.Raw)
		}
	}
}

func TestStaleMarkRescans(t *testing.T) {
	// A mark from another UIDVALIDITY, even a high one, must not hide messages.
	forEach(t, []serverKind{memKind}, func(t *testing.T, srv server) {
		uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "one"), rawMsg(2, "two"))
		sink := newMemSink()
		sink.marks["support"] = Mark{UIDValidity: 7, UID: 1000}
		r := start(t, NewWatcher(testMailbox(srv), sink, testOptions(t, nil)))
		eventually(t, 10*time.Second, "rescan", func() bool { return sink.mark("support").UID == uids[1] })
		if got := uidsOf(settle(t, srv, r, sink)); !slices.Equal(got, uids) {
			t.Fatalf("delivered %v, want %v once each", got, uids)
		}
	})
}

func TestFailingAndPanickingDeliverQuarantined(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "poison: fails"), rawMsg(2, "poison: panics"), rawMsg(3, "fine"))
		sink := newMemSink()
		sink.setDeliver(func(m Message) error {
			switch {
			case bytes.Contains(m.Raw, []byte("poison: fails")):
				return fmt.Errorf("cannot parse")
			case bytes.Contains(m.Raw, []byte("poison: panics")):
				panic("boom in parser")
			}
			return nil
		})
		r := start(t, NewWatcher(testMailbox(srv), sink, testOptions(t, nil)))
		eventually(t, 15*time.Second, "the good message after the poison ones", func() bool {
			return sink.mark("support").UID == uids[2]
		})

		delivered := settle(t, srv, r, sink)
		_, quarantined, causes := sink.snapshot()
		if len(delivered) != 1 || delivered[0].UID != uids[2] {
			t.Fatalf("delivered %v, want only uid %d", uidsOf(delivered), uids[2])
		}
		if len(quarantined) != 2 || quarantined[0].UID != uids[0] || quarantined[1].UID != uids[1] {
			t.Fatalf("quarantined %v, want uids %v", quarantined, uids[:2])
		}
		if !strings.Contains(causes[0].Error(), "cannot parse") || !strings.Contains(causes[1].Error(), "boom in parser") {
			t.Errorf("causes %v", causes)
		}
		sink.mu.Lock()
		for _, uid := range uids[:2] {
			k := fmt.Sprintf("%d/%d", quarantined[0].UIDValidity, uid)
			if sink.calls[k] != 3 || sink.tries[k] != 3 {
				t.Errorf("uid %d: %d deliveries, %d recorded failures; want MaxTries=3 of each", uid, sink.calls[k], sink.tries[k])
			}
		}
		sink.mu.Unlock()
		for _, m := range serverMsgs(t, srv, "INBOX") {
			if !m.HasFlag(imap.FlagSeen) {
				t.Errorf("uid %d not flagged after quarantine/delivery: %v", m.UID, m.Flags)
			}
		}
	})
}

// The quarantine must record how often the message was really tried, not
// 0 and not MaxTries: here the first Quarantine call fails (the database
// blinked), so the message is tried a 4th time before it is set aside.
func TestQuarantineGetsTheNumberOfTries(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "poison: fails"), rawMsg(2, "fine"))
		sink := newMemSink()
		sink.quarantineFails = 1
		sink.setDeliver(func(m Message) error {
			if bytes.Contains(m.Raw, []byte("poison")) {
				return fmt.Errorf("cannot parse")
			}
			return nil
		})
		r := start(t, NewWatcher(testMailbox(srv), sink, testOptions(t, nil)))
		eventually(t, 15*time.Second, "the message after the poison one", func() bool {
			return sink.mark("support").UID == uids[1]
		})

		if got := uidsOf(settle(t, srv, r, sink)); !slices.Equal(got, uids[1:]) {
			t.Fatalf("delivered %v, want only uid %d, once", got, uids[1])
		}
		_, quarantined, _ := sink.snapshot()
		if len(quarantined) != 1 || quarantined[0].UID != uids[0] {
			t.Fatalf("quarantined %v, want uid %d", quarantined, uids[0])
		}
		sink.mu.Lock()
		k := key(quarantined[0])
		deliveries, failures := sink.calls[k], sink.tries[k]
		sink.mu.Unlock()
		if deliveries != 4 || failures != 4 {
			t.Fatalf("%d deliveries, %d recorded failures; want 4 of each (MaxTries 3 + one after the failed Quarantine)", deliveries, failures)
		}
		if got := quarantined[0].Attempts; got != deliveries {
			t.Fatalf("Quarantine was handed Attempts = %d, want the %d tries the message had", got, deliveries)
		}
	})
}

func TestFailedErrorNeverQuarantines(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "while the database is down"))
		sink := newMemSink()
		var down atomic.Bool
		down.Store(true)
		var deliveries atomic.Int32
		sink.setDeliver(func(m Message) error {
			deliveries.Add(1)
			if down.Load() {
				return errDBDown
			}
			return nil
		})
		sink.setFailedErr(errDBDown)
		opts := testOptions(t, nil)
		opts.MaxBackoff = 50 * time.Millisecond
		r := start(t, NewWatcher(testMailbox(srv), sink, opts))
		// Many more tries than MaxTries, none of them recorded: no quarantine,
		// no flag, no advance.
		eventually(t, 10*time.Second, "repeated retries", func() bool { return deliveries.Load() >= 8 })
		_, quarantined, _ := sink.snapshot()
		if len(quarantined) != 0 {
			t.Fatalf("quarantined %d messages while Failed was failing", len(quarantined))
		}
		if m := sink.mark("support"); m.UID != 0 {
			t.Fatalf("mark advanced to %d while the message was never committed", m.UID)
		}
		if msgs := serverMsgs(t, srv, "INBOX"); len(msgs) != 1 || msgs[0].HasFlag(imap.FlagSeen) {
			t.Fatalf("message flagged while never committed: %+v", msgs)
		}

		// The database comes back: the message goes through, exactly as usual.
		down.Store(false)
		sink.setFailedErr(nil)
		eventually(t, 10*time.Second, "delivery after the outage", func() bool { return sink.mark("support").UID == uids[0] })
		if _, quarantined, _ := sink.snapshot(); len(quarantined) != 0 {
			t.Fatalf("quarantined %d messages", len(quarantined))
		}
		if msgs := serverMsgs(t, srv, "INBOX"); len(msgs) != 1 || !msgs[0].HasFlag(imap.FlagSeen) {
			t.Fatalf("message not flagged after delivery: %+v", msgs)
		}
		if got := uidsOf(settle(t, srv, r, sink)); !slices.Equal(got, uids) {
			t.Fatalf("delivered %v, want %v once", got, uids)
		}
	})
}

func TestCrashBeforeFlagReplays(t *testing.T) {
	for _, how := range []string{"cancel", "panic"} {
		t.Run(how, func(t *testing.T) {
			forEach(t, bothKinds, func(t *testing.T, srv server) {
				uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "crash"))
				sink := newMemSink()
				mb := testMailbox(srv)

				// First life: dies right after the commit, before the flag.
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				opts := testOptions(t, nil)
				opts.AfterDeliver = func(Message) {
					if how == "panic" {
						panic("simulated crash")
					}
					cancel()
				}
				done := make(chan any, 1)
				go func() {
					defer func() { done <- recover() }()
					if err := NewWatcher(mb, sink, opts).Run(ctx); err != nil {
						done <- err
					}
				}()
				select {
				case v := <-done:
					if how == "panic" && v != "simulated crash" || how == "cancel" && v != nil {
						t.Fatalf("first run ended with %v", v)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("first run did not end")
				}
				if got := sink.deliveredUIDs(); len(got) != 1 {
					t.Fatalf("first run delivered %v", got)
				}
				if m := sink.mark("support"); m.UID != 0 {
					t.Fatalf("mark advanced to %d before the flag", m.UID)
				}
				if msgs := serverMsgs(t, srv, "INBOX"); len(msgs) != 1 || msgs[0].HasFlag(imap.FlagSeen) {
					t.Fatalf("flagged by the crashed run: %+v", msgs)
				}

				// Second life: the message is replayed, then flagged.
				r := start(t, NewWatcher(mb, sink, testOptions(t, nil)))
				eventually(t, 10*time.Second, "the replay", func() bool { return sink.mark("support").UID == uids[0] })
				if msgs := serverMsgs(t, srv, "INBOX"); len(msgs) != 1 || !msgs[0].HasFlag(imap.FlagSeen) {
					t.Fatalf("not flagged after the replay: %+v", msgs)
				}
				if got := uidsOf(settle(t, srv, r, sink)); len(got) != 2 || got[0] != uids[0] || got[1] != uids[0] {
					t.Fatalf("deliveries %v, want uid %d twice (a replay), no more", got, uids[0])
				}
			})
		})
	}
}

// hungServer accepts connections and never answers; greet makes it send a
// greeting first and then fall silent.
func hungServer(t *testing.T, greet bool) (addr string, accepted *atomic.Int32) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted = new(atomic.Int32)
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			conns = append(conns, c)
			if greet {
				c.Write([]byte("* OK IMAP4rev1 ready\r\n"))
				go bufio.NewReader(c).ReadString(0) // swallow commands
			}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String(), accepted
}

func TestHungServerDoesNotHang(t *testing.T) {
	for _, greet := range []bool{false, true} {
		t.Run(fmt.Sprintf("greeting=%v", greet), func(t *testing.T) {
			t.Parallel()
			addr, accepted := hungServer(t, greet)
			log := newLogRecorder(t)
			mb := Mailbox{Name: "support", Addr: addr, TLS: "none", Username: testUser, Password: testPass, Timeout: 300 * time.Millisecond}
			r := start(t, NewWatcher(mb, newMemSink(), testOptions(t, log)))
			eventually(t, 10*time.Second, "three attempts", func() bool { return accepted.Load() >= 3 })
			if log.count("WARN mailin: imap session ended") < 2 {
				t.Errorf("timeouts not logged at warn:\n%s", log.all())
			}
			if strings.Contains(log.all(), testPass) {
				t.Errorf("the password was logged")
			}
			t0 := time.Now()
			r.stop(t)
			if d := time.Since(t0); d > time.Second {
				t.Errorf("Run took %v to return after cancel", d)
			}
		})
	}
}

func TestRefusedConnectionRetried(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	log := newLogRecorder(t)
	mb := Mailbox{Name: "support", Addr: addr, TLS: "tls", Username: testUser, Password: testPass, Timeout: time.Second}
	start(t, NewWatcher(mb, newMemSink(), testOptions(t, log)))
	eventually(t, 5*time.Second, "retries", func() bool { return log.count("connection refused") >= 3 })
}

func TestRunRejectsBadSettings(t *testing.T) {
	for _, mb := range []Mailbox{
		{Name: "a", Addr: "127.0.0.1:1", TLS: "ssl"},
		{Name: "a", Addr: "127.0.0.1:1", After: "archive"},
		{Name: "a", Addr: "127.0.0.1:1", After: "move:"},
		{Name: "a", Addr: "127.0.0.1:1", Folder: "INBOX", After: "move:inbox"},
		{Name: "a"},
	} {
		if err := NewWatcher(mb, newMemSink(), Options{Logger: slog.New(slog.DiscardHandler)}).Run(context.Background()); err == nil {
			t.Errorf("Run(%+v) = nil, want a settings error", mb)
		}
	}
}

// selfSigned is a throwaway certificate for 127.0.0.1.
func selfSigned(t *testing.T) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
}

func TestTLSModes(t *testing.T) {
	cfg := selfSigned(t)
	for _, mode := range []string{"tls", "starttls"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			m := imaptest.MemWith(t, imaptest.MemOptions{TLSConfig: cfg, ImplicitTLS: mode == "tls"})
			if err := m.AddUser(testUser, testPass); err != nil {
				t.Fatal(err)
			}
			srv := server{Server: m}
			uids := appendMsgs(t, srv, "INBOX", rawMsg(1, mode))

			// A self-signed certificate is refused unless the mailbox says
			// otherwise: verification is on by default.
			log := newLogRecorder(t)
			mb := testMailbox(srv)
			mb.TLS = mode
			strict := newMemSink()
			r := start(t, NewWatcher(mb, strict, testOptions(t, log)))
			eventually(t, 5*time.Second, "a refused certificate", func() bool { return log.count("certificate") >= 1 })
			r.stop(t)
			if got := strict.deliveredUIDs(); len(got) != 0 {
				t.Fatalf("delivered %v over an unverified connection", got)
			}

			mb.InsecureSkipVerify = true
			sink := newMemSink()
			start(t, NewWatcher(mb, sink, testOptions(t, nil)))
			eventually(t, 5*time.Second, "delivery over TLS", func() bool { return sink.mark("support").UID == uids[0] })
		})
	}
}

func TestIdleRefresh(t *testing.T) {
	// IDLE is ended and re-issued every IdleRefresh, on the same connection.
	// The server counts IDLE commands and connections; nothing is appended
	// and PollInterval is an hour, so only the refresh issues more than one.
	t.Parallel()
	srv := startIdleMem(t, false, true)
	sink := newMemSink()
	log := newLogRecorder(t)
	opts := testOptions(t, log)
	opts.IdleRefresh = 30 * time.Millisecond
	start(t, NewWatcher(testMailbox(srv), sink, opts))
	eventually(t, 5*time.Second, "five IDLE commands", func() bool { return srv.idles.Load() >= 5 })
	if n := srv.sessions.Load(); n != 1 {
		t.Fatalf("IDLE refreshed over %d connections, want one:\n%s", n, log.all())
	}

	// The refreshed IDLE still hears of new mail, on that same connection.
	uid := srv.append(t, rawMsg(1, "after refreshes"))
	eventually(t, 5*time.Second, "delivery", func() bool { return sink.mark("support").UID == uid })
	if n := srv.sessions.Load(); n != 1 || log.count("reconnecting") != 0 {
		t.Errorf("%d connections, want one:\n%s", n, log.all())
	}
}

func TestWrongPasswordRetriedNotLogged(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		log := newLogRecorder(t)
		mb := testMailbox(srv)
		mb.Password = "wrong-secret-pw"
		start(t, NewWatcher(mb, newMemSink(), testOptions(t, log)))
		eventually(t, 10*time.Second, "two failed logins logged at error", func() bool {
			return log.count("ERROR mailin: imap session ended") >= 2
		})
		if strings.Contains(log.all(), mb.Password) {
			t.Errorf("the password was logged:\n%s", log.all())
		}
	})
}

func TestMarkUnreadableWaits(t *testing.T) {
	// Without the mark the watcher cannot know what is new: it must neither
	// deliver nor flag anything until the mark can be read again.
	srv := memKind.start(t)
	uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "mark"))
	sink := newMemSink()
	sink.markErr = errDBDown
	log := newLogRecorder(t)
	r := start(t, NewWatcher(testMailbox(srv), sink, testOptions(t, log)))
	eventually(t, 5*time.Second, "retries of the mark", func() bool { return log.count("cannot read mark") >= 3 })
	if got := sink.deliveredUIDs(); len(got) != 0 {
		t.Fatalf("delivered %v without a mark", got)
	}
	if n := log.count("reconnecting"); n != 0 {
		t.Errorf("a Sink outage dropped the IMAP connection %d times", n)
	}
	sink.mu.Lock()
	sink.markErr = nil
	sink.mu.Unlock()
	eventually(t, 5*time.Second, "delivery once the mark is back", func() bool { return sink.mark("support").UID == uids[0] })
	if got := uidsOf(settle(t, srv, r, sink)); !slices.Equal(got, uids) {
		t.Fatalf("delivered %v, want %v once", got, uids)
	}
}

// TestParallelDeliveryKeepsEachSendersOrder: with several workers every
// message is delivered once and flagged, and one sender's messages arrive in
// their UID order.
func TestParallelDeliveryKeepsEachSendersOrder(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		const n = 40
		var raws [][]byte
		for i := 0; i < n; i++ {
			raws = append(raws, fmt.Appendf(nil, "From: customer%d@example.net\r\nTo: support@example.com\r\nSubject: n%d\r\nMessage-ID: <p%d@example.net>\r\n\r\nbody %d\r\n", i%5, i, i, i))
		}
		uids := appendMsgs(t, srv, "INBOX", raws...)
		sink := newMemSink()
		opts := testOptions(t, nil)
		opts.Workers, opts.Batch, opts.BatchBytes = 4, 16, 600 // a few messages per batch
		r := start(t, NewWatcher(testMailbox(srv), sink, opts))
		eventually(t, 20*time.Second, "all delivered", func() bool { return sink.mark("support").UID == uids[n-1] })
		for _, m := range serverMsgs(t, srv, "INBOX") {
			if !m.HasFlag(imap.FlagSeen) {
				t.Fatalf("uid %d not flagged: %v", m.UID, m.Flags)
			}
		}
		delivered := settle(t, srv, r, sink)
		if len(delivered) != n {
			t.Fatalf("%d deliveries, want %d", len(delivered), n)
		}
		last := map[string]uint32{}
		seen := map[uint32]bool{}
		for _, d := range delivered {
			if seen[d.UID] {
				t.Fatalf("uid %d delivered twice", d.UID)
			}
			seen[d.UID] = true
			from := strings.SplitN(string(d.Raw), "\r\n", 2)[0]
			if d.UID < last[from] {
				t.Fatalf("%s: uid %d after %d", from, d.UID, last[from])
			}
			last[from] = d.UID
		}
	})
}
