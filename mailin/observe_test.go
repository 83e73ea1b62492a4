package mailin

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// observerLog records what a watcher reports, in order.
type observerLog struct {
	mu     sync.Mutex
	events []string
}

func (o *observerLog) add(e string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.events = append(o.events, e)
}

func (o *observerLog) Connected(mb string, _ time.Time) { o.add("connected " + mb) }
func (o *observerLog) Disconnected(mb string, _ time.Time, err error) {
	e := "disconnected " + mb
	if err != nil && strings.Contains(err.Error(), "connection refused") {
		e += " refused"
	}
	o.add(e)
}
func (o *observerLog) Checked(mb string, _ time.Time) { o.add("checked " + mb) }

func (o *observerLog) has(e string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, x := range o.events {
		if x == e {
			return true
		}
	}
	return false
}

// TestObserverSeesTheConnection: the observer hears the login, a good
// check, the loss of the server and the failed reconnects, then the
// connection again once the server is back.
func TestObserverSeesTheConnection(t *testing.T) {
	t.Parallel()
	srv := dovecotKind.start(t)
	obs := &observerLog{}
	opts := testOptions(t, nil)
	opts.Observer = obs
	start(t, NewWatcher(testMailbox(srv), newMemSink(), opts))
	eventually(t, 10*time.Second, "a good check", func() bool { return obs.has("checked support") })
	if !obs.has("connected support") {
		t.Fatalf("checked before connected: %v", obs.events)
	}
	if err := srv.dovecot.Down(); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "a refused reconnect", func() bool { return obs.has("disconnected support refused") })
	obs.mu.Lock()
	obs.events = nil
	obs.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.dovecot.Up(ctx); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "connected again", func() bool { return obs.has("connected support") && obs.has("checked support") })
}
