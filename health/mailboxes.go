package health

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"rmad/config"
)

// Mailboxes keeps the connection state of each watched mailbox of this
// process. It implements mailin.Observer.
type Mailboxes struct {
	started time.Time

	mu    sync.Mutex
	state map[string]*MailboxState
}

// MailboxState is what is known of one mailbox's connection.
type MailboxState struct {
	Name      string
	Connected bool
	// Since is when the current state began; for a mailbox that never
	// connected, when watching started.
	Since time.Time
	// LastSuccess is the last good check; zero when none yet.
	LastSuccess time.Time
	// LastError is why the last connection ended or failed.
	LastError string
}

// NewMailboxes tracks names, none connected yet, as of started.
func NewMailboxes(started time.Time, names ...string) *Mailboxes {
	m := &Mailboxes{started: started, state: map[string]*MailboxState{}}
	for _, n := range names {
		m.state[n] = &MailboxState{Name: n, Since: started}
	}
	return m
}

func (m *Mailboxes) get(name string) *MailboxState {
	s, ok := m.state[name]
	if !ok {
		s = &MailboxState{Name: name, Since: m.started}
		m.state[name] = s
	}
	return s
}

// Connected implements mailin.Observer.
func (m *Mailboxes) Connected(name string, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.get(name)
	if !s.Connected {
		s.Connected, s.Since = true, at
	}
	s.LastError = ""
}

// Disconnected implements mailin.Observer. A failed reconnect keeps the
// time the mailbox went down.
func (m *Mailboxes) Disconnected(name string, at time.Time, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.get(name)
	if s.Connected {
		s.Connected, s.Since = false, at
	}
	if err != nil {
		// Shown by /healthz to whoever polls it: an error that quotes a
		// mailbox URL or a key=value secret must not carry the password.
		s.LastError = config.Redact(err.Error())
	}
}

// Checked implements mailin.Observer.
func (m *Mailboxes) Checked(name string, at time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.get(name).LastSuccess = at
}

// States returns every mailbox's state, by name.
func (m *Mailboxes) States() []MailboxState {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]MailboxState, 0, len(m.state))
	for _, s := range m.state {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Check reports each mailbox down for longer than threshold.
func (m *Mailboxes) Check(threshold time.Duration) CheckFunc {
	return func(_ context.Context, now time.Time) []Problem {
		var out []Problem
		for _, s := range m.States() {
			if s.Connected || now.Sub(s.Since) <= threshold {
				continue
			}
			what := "disconnected"
			if s.LastSuccess.IsZero() && s.Since.Equal(m.started) {
				what = "not connected since start"
			}
			reason := fmt.Sprintf("%s for %s (threshold %s)", what, ago(now, s.Since), threshold)
			if s.LastError != "" {
				reason += ": " + s.LastError
			}
			since := s.Since
			out = append(out, Problem{Check: "mailbox", Subject: s.Name, Reason: reason, Since: &since})
		}
		return out
	}
}
