package mailin

import (
	"net"
	"sync"
	"time"
)

// deadlineConn lets the watcher impose its own deadline on a connection that
// go-imap's client also sets deadlines on. The client resets the read deadline
// around every response (30 s once a response has begun, none while it waits
// for the first byte), so a deadline set on the bare net.Conn would be
// overwritten at once, and a server that accepts a command and never answers
// would block the client forever. Here the client's deadlines are clamped to
// the watcher's limit instead: whichever comes first wins.
type deadlineConn struct {
	net.Conn

	mu     sync.Mutex
	limit  time.Time // the watcher's; zero means none
	rd, wd time.Time // the last ones the client (or TLS) asked for
}

func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero():
		return a
	case a.Before(b):
		return a
	}
	return b
}

func (c *deadlineConn) SetDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rd, c.wd = t, t
	return c.Conn.SetDeadline(earliest(t, c.limit))
}

func (c *deadlineConn) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rd = t
	return c.Conn.SetReadDeadline(earliest(t, c.limit))
}

func (c *deadlineConn) SetWriteDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wd = t
	return c.Conn.SetWriteDeadline(earliest(t, c.limit))
}

// within makes every read and write on the connection fail once d has passed
// (which makes the client close itself); d <= 0 lifts the limit. It applies to
// reads and writes already blocked, too.
func (c *deadlineConn) within(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.limit = time.Now().Add(d)
	} else {
		c.limit = time.Time{}
	}
	c.Conn.SetReadDeadline(earliest(c.rd, c.limit))
	c.Conn.SetWriteDeadline(earliest(c.wd, c.limit))
}
