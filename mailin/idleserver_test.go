package mailin

import (
	"bytes"
	"io"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// idleMem is go-imap's memory server, one user, with its IDLE command
// observed: it counts the connections it served and the IDLE commands it
// received. A quiet one answers IDLE but never sends news (no EXISTS until
// the next other command), so a watcher in IDLE learns of new mail only
// through Poke or its own timer. Without IDLE, the server's capability lists
// leave IDLE out (go-imap's server advertises it whatever Options.Caps say),
// so the watcher polls.
type idleMem struct {
	user     *imapmemserver.User
	ln       net.Listener
	quiet    bool
	sessions atomic.Int32
	idles    atomic.Int32
}

func startIdleMem(t *testing.T, quiet, withIdle bool) *idleMem {
	t.Helper()
	m := &idleMem{user: imapmemserver.NewUser(testUser, testPass), quiet: quiet}
	if err := m.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			m.sessions.Add(1)
			return &idleSession{UserSession: imapmemserver.NewUserSession(m.user), m: m}, nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		// Connections the watcher closes mid-IDLE are no news.
		Logger: log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m.ln = ln
	if !withIdle {
		ln = noIdleListener{ln}
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(ln)
	}()
	t.Cleanup(func() {
		srv.Close()
		ln.Close()
		<-served
	})
	return m
}

func (m *idleMem) Addr() string { return m.ln.Addr().String() }

// append stores raw in INBOX directly, without a connection of its own, and
// returns its UID.
func (m *idleMem) append(t *testing.T, raw []byte) uint32 {
	t.Helper()
	data, err := m.user.Append("INBOX", bytes.NewReader(raw), &imap.AppendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return uint32(data.UID)
}

// idleSession is the memory server's session with IDLE counted (and, when
// quiet, silent).
type idleSession struct {
	*imapmemserver.UserSession
	m *idleMem
}

func (s *idleSession) Login(username, password string) error {
	return s.m.user.Login(username, password)
}

func (s *idleSession) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	s.m.idles.Add(1)
	if s.m.quiet {
		<-stop
		return nil
	}
	return s.UserSession.Idle(w, stop)
}

// noIdleListener hands out connections whose capability lists lack IDLE.
type noIdleListener struct{ net.Listener }

func (l noIdleListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &noIdleConn{Conn: c}, nil
}

// noIdleConn removes IDLE and IMAP4rev2 from every line of the server's output that lists
// capabilities (the CAPABILITY response and [CAPABILITY ...] codes). It
// passes whole lines only: every server response ends with CRLF.
type noIdleConn struct {
	net.Conn
	mu      sync.Mutex
	pending []byte
}

func (c *noIdleConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending = append(c.pending, p...)
	var out []byte
	for {
		i := bytes.IndexByte(c.pending, '\n')
		if i < 0 {
			break
		}
		line := c.pending[:i+1]
		if bytes.Contains(line, []byte("CAPABILITY ")) {
			// IMAP4rev2 implies IDLE, so it goes too: the client then
			// speaks IMAP4rev1, which the server also does.
			line = bytes.ReplaceAll(line, []byte(" IDLE"), nil)
			line = bytes.ReplaceAll(line, []byte(" IMAP4rev2"), nil)
		}
		out = append(out, line...)
		c.pending = c.pending[i+1:]
	}
	if _, err := c.Conn.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
