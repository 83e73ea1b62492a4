package mailin

import (
	"bytes"
	"context"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rmad/internal/imaptest"
)

// cmdCounter is a TCP proxy in front of an IMAP server that counts the
// commands clients send, by name (LOGIN, NOOP, IDLE, ...): it shows what the
// watcher asked the real server, without touching either side.
type cmdCounter struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	counts map[string]int
	conns  []net.Conn
}

func countCommands(t *testing.T, target string) *cmdCounter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cmdCounter{ln: ln, target: target, counts: map[string]int{}}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { p.serve(c) })
		}
	})
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		wg.Wait()
	})
	return p
}

func (p *cmdCounter) Addr() string { return p.ln.Addr().String() }

func (p *cmdCounter) serve(client net.Conn) {
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, client, server)
	p.mu.Unlock()
	done := make(chan struct{})
	go func() {
		io.Copy(client, server)
		client.Close()
		close(done)
	}()
	io.Copy(server, io.TeeReader(client, &lineCounter{p: p}))
	server.Close()
	<-done
}

func (p *cmdCounter) count(cmd string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts[cmd]
}

// lineCounter splits the client's bytes into lines and counts each command
// line's name ("tag NAME ...", "tag UID NAME ..." as "UID NAME"); DONE,
// which ends IDLE, has no tag and is not counted. The watcher sends no
// literals, so every line is a command.
type lineCounter struct {
	p       *cmdCounter
	pending []byte
}

func (l *lineCounter) Write(b []byte) (int, error) {
	l.pending = append(l.pending, b...)
	for {
		i := bytes.IndexByte(l.pending, '\n')
		if i < 0 {
			return len(b), nil
		}
		f := strings.Fields(string(l.pending[:i]))
		l.pending = l.pending[i+1:]
		if len(f) >= 2 {
			name := strings.ToUpper(f[1])
			if name == "UID" && len(f) >= 3 {
				name += " " + strings.ToUpper(f[2])
			}
			l.p.mu.Lock()
			l.p.counts[name]++
			l.p.mu.Unlock()
		}
	}
}

// leasingSink is a memSink that is also a Leaser, always granted, counting
// the Lease calls (each one a database commit in rmad).
type leasingSink struct {
	*memSink
	leases atomic.Int32
}

func (s *leasingSink) Lease(context.Context, string, time.Duration) (bool, error) {
	s.leases.Add(1)
	return true, nil
}

// busyWatcher starts a watcher on srv through a command counter.
func busyWatcher(t *testing.T, srv server, sink Sink, tune func(*Options)) (*running, *cmdCounter) {
	t.Helper()
	p := countCommands(t, srv.Addr())
	opts := testOptions(t, nil)
	tune(&opts)
	r := start(t, NewWatcher(testMailbox(p), sink, opts))
	eventually(t, 10*time.Second, "the watcher in IDLE", func() bool { return p.count("IDLE") >= 1 })
	return r, p
}

// A steady stream of mail keeps the watcher out of IDLE: with Linger longer
// than the test, it idles once before the first message and never again,
// however the appends and the deliveries interleave. Going back to IDLE
// after each message (as before lingering) would send one IDLE per message,
// and Dovecot would delay each by 500 ms. The lease is renewed only when due,
// not on each of the quick checks.
func TestStreamDoesNotIdle(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		sink := &leasingSink{memSink: newMemSink()}
		r, p := busyWatcher(t, srv, sink, func(o *Options) { o.Linger = time.Hour; o.LeaseTTL = 3 * time.Hour })
		var want []uint32
		for i := 1; i <= 20; i++ {
			uid := appendMsgs(t, srv, "INBOX", rawMsg(i, "stream"))[0]
			want = append(want, uid)
			if i%4 == 0 { // now and then a gap: the watcher catches up and polls
				eventually(t, 10*time.Second, "delivery", func() bool { return sink.mark("support").UID == uid })
			}
		}
		if got := uidsOf(settle(t, srv, r, sink.memSink)); !slices.Equal(got, want) {
			t.Fatalf("delivered %v, want %v once each", got, want)
		}
		r.stop(t)
		if n := p.count("IDLE"); n != 1 {
			t.Fatalf("%d IDLE commands, want 1 (before the first message only)", n)
		}
		// One lease for the first check, one for the check IDLE woke.
		if n := sink.leases.Load(); n != 2 {
			t.Fatalf("%d Lease calls, want 2", n)
		}
	})
}

// A check that found mail is followed by another check at once, not by IDLE,
// even without lingering: mail that came while a message was being delivered
// is fetched straight away, and only the check that finds nothing idles.
func TestCheckAgainAfterMail(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		sink := newMemSink()
		first := make(chan struct{})
		release := make(chan struct{})
		var once sync.Once
		sink.setDeliver(func(Message) error {
			once.Do(func() {
				close(first)
				<-release
			})
			return nil
		})
		r, p := busyWatcher(t, srv, sink, func(o *Options) { o.Linger = -1 })
		want := appendMsgs(t, srv, "INBOX", rawMsg(1, "first"))
		<-first // the watcher is delivering message 1
		for i := 2; i <= 5; i++ {
			want = append(want, appendMsgs(t, srv, "INBOX", rawMsg(i, "meanwhile"))...)
		}
		close(release)
		eventually(t, 10*time.Second, "all five delivered", func() bool { return len(sink.deliveredUIDs()) == 5 })
		eventually(t, 10*time.Second, "IDLE after the stream", func() bool { return p.count("IDLE") == 2 })
		r.stop(t)
		if got := sink.deliveredUIDs(); !slices.Equal(got, want) {
			t.Fatalf("delivered %v, want %v", got, want)
		}
		if n := p.count("IDLE"); n != 2 {
			t.Fatalf("%d IDLE commands, want 2 (before message 1 and after message 5)", n)
		}
	})
}

// Once Linger has passed since the last mail the watcher idles, and the next
// message comes through IDLE.
func TestLingerEndsInIdle(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		sink := newMemSink()
		r, p := busyWatcher(t, srv, sink, func(o *Options) { o.Linger = 100 * time.Millisecond; o.LingerPoll = 5 * time.Millisecond })
		uid := appendMsgs(t, srv, "INBOX", rawMsg(1, "one"))[0]
		eventually(t, 10*time.Second, "delivery", func() bool { return sink.mark("support").UID == uid })
		eventually(t, 10*time.Second, "IDLE after the linger", func() bool { return p.count("IDLE") == 2 })
		uid = appendMsgs(t, srv, "INBOX", rawMsg(2, "two"))[0]
		eventually(t, 10*time.Second, "delivery through IDLE", func() bool { return sink.mark("support").UID == uid })
		eventually(t, 10*time.Second, "IDLE after the second linger", func() bool { return p.count("IDLE") == 3 })
		r.stop(t)
		if got := sink.deliveredUIDs(); len(got) != 2 {
			t.Fatalf("delivered %v, want two messages once each", got)
		}
	})
}

// A desk without mail costs nothing extra: each check (here the first and
// one Poke) is one NOOP and one SEARCH, followed by IDLE at once.
func TestQuietDeskIdlesAtOnce(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		sink := newMemSink()
		r, p := busyWatcher(t, srv, sink, func(*Options) {})
		r.w.Poke()
		eventually(t, 10*time.Second, "IDLE after the poked check", func() bool { return p.count("IDLE") == 2 })
		r.stop(t)
		for _, c := range []string{"NOOP", "UID SEARCH"} {
			if n := p.count(c); n != 2 {
				t.Fatalf("%d %s commands, want 2 (one per check)", n, c)
			}
		}
		if n := p.count("UID FETCH") + p.count("UID STORE"); n != 0 {
			t.Fatalf("%d FETCH or STORE commands on an empty mailbox", n)
		}
	})
}

// Mail that comes one message at a time while the watcher lingers costs one
// SEARCH a message: the NOOP that reports it is the check's NOOP, and after
// the delivery a NOOP (not a second SEARCH) tells whether more came. Each
// SEARCH and NOOP is a mailbox sync for Dovecot, a directory scan of a
// maildir that changes with every flag. Checking again after every message
// made two SEARCHes a message (1 + 2*6 = 13 here).
func TestOneSearchPerMessageWhileLingering(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		sink := newMemSink()
		r, p := busyWatcher(t, srv, sink, func(o *Options) { o.Linger = time.Hour })
		var want []uint32
		for i := 1; i <= 6; i++ {
			uid := appendMsgs(t, srv, "INBOX", rawMsg(i, "one by one"))[0]
			want = append(want, uid)
			eventually(t, 10*time.Second, "delivery", func() bool { return sink.mark("support").UID == uid })
		}
		r.stop(t)
		if got := sink.deliveredUIDs(); !slices.Equal(got, want) {
			t.Fatalf("delivered %v, want %v once each", got, want)
		}
		// The first check, then one per message; a message that arrives
		// while one is delivered may cost one more.
		if n := p.count("UID SEARCH"); n > 1+6+2 {
			t.Fatalf("%d UID SEARCH commands for 6 messages, want at most 9", n)
		}
	})
}

// Lingering backs off: after a single mail the NOOPs that find nothing
// come further and further apart (10, 20, 40, 80, 80... ms), about 16 in a
// second of lingering where a fixed 10 ms poll sent about 100, and the
// watcher still idles once the linger is over.
func TestLingerBacksOff(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		sink := newMemSink()
		r, p := busyWatcher(t, srv, sink, func(o *Options) { o.Linger = time.Second; o.LingerPoll = 10 * time.Millisecond })
		uid := appendMsgs(t, srv, "INBOX", rawMsg(1, "single"))[0]
		eventually(t, 10*time.Second, "delivery", func() bool { return sink.mark("support").UID == uid })
		eventually(t, 10*time.Second, "IDLE after the linger", func() bool { return p.count("IDLE") == 2 })
		r.stop(t)
		// Two checks (the first, the one IDLE woke) and the linger's.
		if n := p.count("NOOP"); n > 2+25 {
			t.Fatalf("%d NOOP commands for one mail and a 1 s linger, want about 18", n)
		}
	})
}

// While lingering without IDLE, the lease is still renewed every LeaseTTL/3.
func TestLingerRenewsLease(t *testing.T) {
	srv := dovecotKind.start(t)
	sink := &leasingSink{memSink: newMemSink()}
	r, p := busyWatcher(t, srv, sink, func(o *Options) { o.Linger = time.Hour; o.LeaseTTL = 300 * time.Millisecond })
	uid := appendMsgs(t, srv, "INBOX", rawMsg(1, "lease"))[0]
	eventually(t, 10*time.Second, "delivery", func() bool { return sink.mark("support").UID == uid })
	// Before the message the watcher idled in LeaseTTL/3 steps; from the
	// delivery on it lingers.
	idles, leases := p.count("IDLE"), sink.leases.Load()
	eventually(t, 10*time.Second, "three more renewals", func() bool { return sink.leases.Load() >= leases+3 })
	r.stop(t)
	if n := p.count("IDLE"); n != idles {
		t.Fatalf("%d IDLE commands after the delivery, want none: lingering renews the lease without idling", n-idles)
	}
	if got := sink.deliveredUIDs(); !slices.Equal(got, []uint32{uid}) {
		t.Fatalf("delivered %v, want %d once", got, uid)
	}
}

// BenchmarkLingerNoop is the price of one linger poll against a local
// Dovecot: one NOOP round trip on a selected INBOX holding 100 messages.
func BenchmarkLingerNoop(b *testing.B) {
	d := imaptest.NewDovecot(b)
	if err := d.AddUser(testUser, testPass); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := range 100 {
		if _, err := d.Append(ctx, testUser, testPass, "INBOX", rawMsg(i, "bench")); err != nil {
			b.Fatal(err)
		}
	}
	w := NewWatcher(testMailbox(d), newMemSink(), Options{})
	s, err := w.connect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer s.close()
	b.ResetTimer()
	for b.Loop() {
		if err := s.cmd(func() error { return s.c.Noop().Wait() }); err != nil {
			b.Fatal(err)
		}
	}
}
