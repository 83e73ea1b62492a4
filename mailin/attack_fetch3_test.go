package mailin

// Attacks on fetchFailed and the narrow state of fa10438 (a FETCH of several
// messages that breaks the session narrows the next checks to one message
// at a time up to the batch's last UID; a failed FETCH of one message counts
// as a try of it), from the scripted server of attack_fetch_test.go and the
// line proxy of attack_fetch2_test.go. Prefix Attack. Its two holes are
// fixed and guarded: a sizes FETCH that broke the session now narrows the
// next checks too (batchLen), and a FETCH cut short by shutdown is no try.
//
// Guards that hold: drops within NotWholeWait (three in a row, or every
// FETCH for 700 ms) quarantine nothing; a batch that breaks narrows, and
// the narrow state ends at its last UID (new mail is batched again); a
// message that always breaks its FETCH is quarantined alone and the mark
// passes nothing lower; a UIDVALIDITY change while narrowed loses nothing.
// Holes: a size FETCH (batchLen) that breaks at one message wedges the
// mailbox (it never reaches fetchFailed); a shutdown during a FETCH records
// a try of the message.

import (
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// dropConn drops the connection in the middle of a FETCH.
func dropConn(seq int, m fakeMsg, w io.Writer) bool { return false }

// Connections dropped three times in a row during the FETCH of uid 2 (one
// worker, so each FETCH is of one message and counts as a try), all within
// NotWholeWait: uid 2 is not quarantined, and every message is delivered
// once, whole, when the network comes back.
func TestAttackFetch3DropsWithinWait(t *testing.T) {
	f := startFake(t, badTimes(map[uint32]int{2: 3}, dropConn), msgsN(4)...)
	sink := newMemSink()
	attackWatcher(t, f, sink, nil)
	if p := expectExactlyOnce(t, f, sink, 10*time.Second); p != "" {
		t.Fatal(p)
	}
}

// The same three drops in a batch of five on three workers: the batch
// narrows, the drops on uid 3 alone stay under NotWholeWait, every message
// comes once, whole; then ten new messages come in batches again (the
// narrow state ends at the failed batch's last UID).
func TestAttackFetch3BatchDropsThenNarrowEnds(t *testing.T) {
	f := startFake(t, badTimes(map[uint32]int{3: 3}, dropConn), msgsN(5)...)
	sink := newMemSink()
	attackWatcher(t, f, sink, workers(3))
	if p := expectExactlyOnce(t, f, sink, 10*time.Second); p != "" {
		t.Fatal(p)
	}
	before := f.fetches.Load()
	f.mu.Lock()
	for i, raw := range msgsN(15)[5:] {
		f.msgs = append(f.msgs, fakeMsg{uid: uint32(6 + i), raw: raw})
	}
	f.mu.Unlock()
	if p := expectExactlyOnce(t, f, sink, 10*time.Second); p != "" {
		t.Fatal(p)
	}
	if n := f.fetches.Load() - before; n > 3 {
		t.Fatalf("%d BODY fetches for ten new messages after the narrow state; want them batched (at most 3)", n)
	}
}

// A drop during the FETCH of several messages, on every connection, where
// the message at fault is the batch's last: narrowed, uids 1-4 come one at
// a time and once, uid 5 alone is quarantined after its tries and
// NotWholeWait, and the mark passes nothing lower that was not delivered.
func TestAttackFetch3AlwaysDropsOnLastOfBatch(t *testing.T) {
	f := startFake(t, func(conn, seq int, m fakeMsg, w io.Writer) bool {
		if m.uid == 5 {
			return false
		}
		honest(seq, m, w)
		return true
	}, msgsN(6)...)
	sink := newMemSink()
	attackWatcher(t, f, sink, workers(3))
	eventually(t, 10*time.Second, "mark at 6", func() bool { return sink.mark("support").UID == 6 })
	time.Sleep(200 * time.Millisecond)
	n, _ := byUID(sink)
	for u := uint32(1); u <= 6; u++ {
		want := 1
		if u == 5 {
			want = 0
		}
		if n[u] != want {
			t.Fatalf("deliveries %v; want 1-4 and 6 once, 5 never", n)
		}
	}
	if q := quarantinedUIDs(t, sink); len(q) != 1 || q[0] != 5 {
		t.Fatalf("quarantined %v; want [5]", q)
	}
}

// The batch's size FETCH (batchLen, before any BODY fetch) breaks the
// session at uid 2 on every connection, as a server does that cannot stat
// one message: sizes' error is not fetchFailed's, so nothing narrows and
// nothing counts a try; every session ends there and the mailbox is
// wedged, the good messages around uid 2 never delivered.
func TestAttackFetch3SizesFetchBreaks(t *testing.T) {
	f := startFake(t, nil, msgsN(5)...)
	p := startProxy(t, f, func(cmd, line string) (string, bool) {
		if strings.Contains(cmd, "RFC822.SIZE") && strings.Contains(line, "(UID 2 ") {
			return "", false
		}
		return line, true
	})
	sink := newMemSink()
	watchAt(t, p, sink, workers(3))
	deadline := time.Now().Add(5 * time.Second)
	for sink.mark("support").UID != 5 {
		if time.Now().After(deadline) {
			n, _ := byUID(sink)
			t.Fatalf("HOLE: a size FETCH that breaks the session at one message wedges the mailbox (mark %+v, deliveries %v): batchLen's error skips fetchFailed, so it never narrows or counts a try", sink.mark("support"), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	n, _ := byUID(sink)
	for _, u := range []uint32{1, 3, 4, 5} {
		if n[u] != 1 {
			t.Fatalf("deliveries %v; want 1, 3, 4, 5 once", n)
		}
	}
}

// Every FETCH of uid 2 dropped for 700 ms after the first (as many tries as
// the reconnect backoff allows, past MaxTries), then the network is fine:
// under NotWholeWait (1 s), so uid 2 is not quarantined but delivered once.
func TestAttackFetch3DropsForLessThanWait(t *testing.T) {
	var mu sync.Mutex
	var first time.Time
	drops := 0
	f := startFake(t, func(conn, seq int, m fakeMsg, w io.Writer) bool {
		if m.uid == 2 {
			mu.Lock()
			if first.IsZero() {
				first = time.Now()
			}
			bad := time.Since(first) < 700*time.Millisecond
			if bad {
				drops++
			}
			mu.Unlock()
			if bad {
				return false
			}
		}
		honest(seq, m, w)
		return true
	}, msgsN(4)...)
	sink := newMemSink()
	attackWatcher(t, f, sink, func(mb *Mailbox, o *Options) { o.MaxBackoff = 50 * time.Millisecond })
	if p := expectExactlyOnce(t, f, sink, 10*time.Second); p != "" {
		t.Fatal(p)
	}
	mu.Lock()
	defer mu.Unlock()
	if drops <= 3 {
		t.Fatalf("only %d drops; the attack wants more than MaxTries", drops)
	}
}

// The watcher is stopped while the FETCH of uid 1 stalls: a shutdown is no
// failure of the message, so no try is recorded for it.
func TestAttackFetch3ShutdownMidFetchIsNoTry(t *testing.T) {
	stalled := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	f := startFake(t, func(conn, seq int, m fakeMsg, w io.Writer) bool {
		if m.uid == 1 {
			once.Do(func() { close(stalled) })
			select {
			case <-release:
			case <-time.After(3 * time.Second):
			}
			return false
		}
		honest(seq, m, w)
		return true
	}, msgsN(2)...)
	defer close(release)
	sink := newMemSink()
	r := attackWatcher(t, f, sink, nil)
	select {
	case <-stalled:
	case <-time.After(5 * time.Second):
		t.Fatal("uid 1 never fetched")
	}
	time.Sleep(200 * time.Millisecond)
	r.stop(t)
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if n := sink.tries["7/1"]; n != 0 {
		t.Fatalf("HOLE: stopping the watcher during a FETCH records %d try of uid 1 (fetchFailed counts the shutdown's broken FETCH); restarts during a large message's FETCH spend its MaxTries", n)
	}
}

// UIDVALIDITY changes (7 to 8) right after a batch's FETCH broke and
// narrowed the watcher: the mark is reset under the new validity, every
// message is offered again (the Sink sorts out replays) and reaches the new
// mark, nothing is quarantined and nothing is passed undelivered.
func TestAttackFetch3UIDValidityChangeWhileNarrowed(t *testing.T) {
	var changed atomic.Bool
	f := startFake(t, func(conn, seq int, m fakeMsg, w io.Writer) bool {
		if m.uid == 3 && changed.CompareAndSwap(false, true) {
			return false
		}
		honest(seq, m, w)
		return true
	}, msgsN(5)...)
	p := startProxy(t, f, func(cmd, line string) (string, bool) {
		if changed.Load() {
			line = strings.Replace(line, "[UIDVALIDITY 7]", "[UIDVALIDITY 8]", 1)
		}
		return line, true
	})
	sink := newMemSink()
	watchAt(t, p, sink, workers(3))
	eventually(t, 10*time.Second, "mark at 8/5", func() bool { return sink.mark("support") == Mark{UIDValidity: 8, UID: 5} })
	time.Sleep(200 * time.Millisecond)
	d, q, _ := sink.snapshot()
	if len(q) > 0 {
		t.Fatalf("%d quarantined; want none", len(q))
	}
	got := map[uint32]bool{}
	for _, m := range d {
		if m.UIDValidity == 8 {
			if got[m.UID] {
				t.Fatalf("uid %d delivered twice under validity 8", m.UID)
			}
			got[m.UID] = true
		}
	}
	if len(got) != 5 {
		t.Fatalf("under validity 8 delivered %v; want 1-5 once each", got)
	}
}
