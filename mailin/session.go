package mailin

// One IMAP connection: how it is opened (dial, TLS, greeting, LOGIN, SELECT,
// each bounded by Mailbox.Timeout) and its life of checks and waits.

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// session is one IMAP connection: connect, then check and wait until
// something fails. healthy reports that at least one check went through,
// which resets the reconnect backoff (a server that lets us log in and then
// fails every SEARCH still gets the growing backoff).
func (w *Watcher) session(ctx context.Context) (healthy bool, err error) {
	defer func() { w.opts.Observer.Disconnected(w.mb.Name, time.Now(), err) }()
	s, err := w.connect(ctx)
	if err != nil {
		return false, err
	}
	defer s.close()
	w.log.Info("mailin: connected", "uidvalidity", s.uidValidity, "idle", s.caps.Has(imap.CapIdle))
	w.opts.Observer.Connected(w.mb.Name, time.Now())
	var lastMail time.Time // when a check last found mail; zero: not lately
	synced := false        // a NOOP just reported new mail: the check needs none
	for {
		found, retry, err := w.check(ctx, s, w.lingering(lastMail, time.Now()), synced)
		if err != nil {
			return healthy, err
		}
		synced = false
		healthy = true
		// A standby's check went through too: another process holds
		// the lease and fetches. A retry after Sink trouble is no success.
		if retry == 0 || w.standby {
			w.opts.Observer.Checked(w.mb.Name, time.Now())
		}
		// While mail keeps coming, poll rather than IDLE (busy.go).
		switch now := time.Now(); {
		case retry > 0:
			lastMail = time.Time{}
		case found > 0 || w.lingering(lastMail, now):
			if found > 0 {
				lastMail = now
			}
			news, viaNoop, err := w.linger(ctx, s, lastMail.Add(w.opts.Linger), found > 0)
			if err != nil {
				return healthy, err
			}
			if news {
				synced = viaNoop
				continue
			}
		}
		if err := w.wait(ctx, s, retry); err != nil {
			return healthy, err
		}
	}
}

// conn is the state of one connection.
type conn struct {
	c           *imapclient.Client
	dc          *deadlineConn
	timeout     time.Duration
	caps        imap.CapSet
	uidValidity uint32
	newMail     chan struct{} // the server reported EXISTS
	stopClose   func() bool
	destReady   bool // the move: folder is known to exist
}

func (s *conn) close() {
	s.stopClose()
	s.c.Close()
}

// cmd runs one IMAP command with the watcher's timeout on the connection.
func (s *conn) cmd(f func() error) error {
	s.dc.within(s.timeout)
	defer s.dc.within(0)
	return f()
}

// connect dials, logs in and selects the folder, each step bounded by
// Mailbox.Timeout, and closes the connection when ctx ends (go-imap v2 takes
// no context).
func (w *Watcher) connect(ctx context.Context) (s *conn, err error) {
	dialer := &net.Dialer{Timeout: w.mb.Timeout, KeepAlive: 30 * time.Second}
	raw, err := dialer.DialContext(ctx, "tcp", w.mb.Addr)
	if err != nil {
		return nil, fmt.Errorf("mailin: dial %s: %w", w.mb.Addr, err)
	}
	dc := &deadlineConn{Conn: raw}
	stopClose := context.AfterFunc(ctx, func() { raw.Close() })
	defer func() {
		if err != nil {
			stopClose()
			raw.Close()
		}
	}()
	dc.within(w.mb.Timeout)

	newMail := make(chan struct{}, 1)
	copts := &imapclient.Options{
		TLSConfig: w.tlsConfig(),
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(data *imapclient.UnilateralDataMailbox) {
				if data.NumMessages != nil {
					select {
					case newMail <- struct{}{}:
					default:
					}
				}
			},
		},
	}
	var c *imapclient.Client
	switch w.mb.TLS {
	case "tls":
		tc := tls.Client(dc, copts.TLSConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fmt.Errorf("mailin: tls handshake with %s: %w", w.mb.Addr, err)
		}
		c = imapclient.New(tc, copts)
	case "starttls":
		// NewStartTLS reads the greeting, sends STARTTLS and does the handshake.
		if c, err = imapclient.NewStartTLS(dc, copts); err != nil {
			return nil, fmt.Errorf("mailin: starttls with %s: %w", w.mb.Addr, err)
		}
	default:
		c = imapclient.New(dc, copts)
	}
	defer func() {
		if err != nil {
			c.Close()
		}
	}()
	s = &conn{c: c, dc: dc, timeout: w.mb.Timeout, newMail: newMail, stopClose: stopClose}
	if err := c.WaitGreeting(); err != nil {
		return nil, fmt.Errorf("mailin: greeting from %s: %w", w.mb.Addr, err)
	}
	dc.within(0)
	if err := w.login(ctx, s); err != nil {
		// The error carries the server's text only, never the password.
		return nil, fmt.Errorf("mailin: login to %s as %s: %w", w.mb.Addr, w.mb.Username, err)
	}
	s.cmd(func() error { s.caps = c.Caps(); return nil })
	if s.caps == nil {
		return nil, fmt.Errorf("mailin: capabilities of %s: %w", w.mb.Addr, errClosed(c))
	}
	var sel *imap.SelectData
	if err := s.cmd(func() (err error) { sel, err = c.Select(w.mb.Folder, nil).Wait(); return err }); err != nil {
		return nil, fmt.Errorf("mailin: select %s: %w", w.mb.Folder, err)
	}
	s.uidValidity = sel.UIDValidity
	return s, nil
}

// errClosed explains why a client call that reports no error of its own
// (Caps) came back empty.
func errClosed(c *imapclient.Client) error {
	select {
	case <-c.Closed():
		return errors.New("connection closed")
	default:
		return errors.New("no answer")
	}
}

func (w *Watcher) tlsConfig() *tls.Config {
	host, _, err := net.SplitHostPort(w.mb.Addr)
	if err != nil {
		host = w.mb.Addr
	}
	return &tls.Config{
		ServerName:         host,
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: w.mb.InsecureSkipVerify, // tests against self-signed servers only
	}
}
