package imapmem

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"sync"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// MemOptions tune an in-memory server. The zero value is fine.
type MemOptions struct {
	// Users are created at start (name -> password), each with an INBOX.
	Users map[string]string
	// Caps are the advertised capabilities; default IMAP4rev1 + IMAP4rev2
	// (which brings IDLE, MOVE and UIDPLUS). IMAP4rev1 alone makes a server
	// without MOVE and UIDPLUS, to exercise fallbacks.
	Caps imap.CapSet
	// Logger receives the server's error messages; default: discarded.
	Logger *slog.Logger
	// TLSConfig, when set, offers STARTTLS; with ImplicitTLS the listener
	// speaks TLS from the first byte instead (imaps).
	TLSConfig   *tls.Config
	ImplicitTLS bool
}

// MemServer is go-imap's imapmemserver on a loopback port. Plain-text LOGIN
// is allowed (InsecureAuth): it only ever listens on 127.0.0.1.
type MemServer struct {
	mem         *imapmemserver.Server
	srv         *imapserver.Server
	ln          net.Listener
	implicitTLS bool
	served      chan struct{}

	mu     sync.Mutex
	closed bool
}

// StartMem starts an in-memory IMAP server on a free loopback port.
func StartMem(opts MemOptions) (*MemServer, error) {
	caps := opts.Caps
	if caps == nil {
		caps = imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}}
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	m := &MemServer{mem: imapmemserver.New(), served: make(chan struct{})}
	for name, pass := range opts.Users {
		if err := m.AddUser(name, pass); err != nil {
			return nil, err
		}
	}
	m.srv = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return m.mem.NewSession(), nil, nil
		},
		Caps:         caps,
		InsecureAuth: true,
		TLSConfig:    opts.TLSConfig,
		Logger:       slogPrintf{logger},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("imapmem: listen: %w", err)
	}
	if opts.ImplicitTLS {
		if opts.TLSConfig == nil {
			ln.Close()
			return nil, fmt.Errorf("imapmem: ImplicitTLS needs a TLSConfig")
		}
		ln = tls.NewListener(ln, opts.TLSConfig)
		m.implicitTLS = true
	}
	m.ln = ln
	go func() {
		defer close(m.served)
		// Serve returns an error once Close has closed the listener.
		m.srv.Serve(ln)
	}()
	return m, nil
}

// Addr is host:port of the IMAP listener.
func (m *MemServer) Addr() string { return m.ln.Addr().String() }

// AddUser creates user name with an empty INBOX, replacing any user of that name.
func (m *MemServer) AddUser(name, pass string) error {
	u := imapmemserver.NewUser(name, pass)
	if err := u.Create("INBOX", nil); err != nil {
		return fmt.Errorf("imapmem: create INBOX for %s: %w", name, err)
	}
	m.mem.AddUser(u)
	return nil
}

// Append stores raw in user's folder over a separate IMAP connection (creating
// the folder if needed) and returns its UID. Safe for concurrent use: each call
// has its own connection and the memory server locks its mailboxes.
func (m *MemServer) Append(ctx context.Context, user, pass, folder string, raw []byte) (uint32, error) {
	return AppendMessage(ctx, m.Addr(), m.implicitTLS, user, pass, folder, raw)
}

// Messages lists what is in user's folder, in UID order, without changing flags.
func (m *MemServer) Messages(ctx context.Context, user, pass, folder string) ([]MessageInfo, error) {
	return ListMessages(ctx, m.Addr(), m.implicitTLS, user, pass, folder)
}

// Close stops the server and drops its connections. Safe to call twice.
func (m *MemServer) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	m.mu.Unlock()
	err := m.srv.Close()
	// Close misses a listener that Serve had not registered yet.
	m.ln.Close()
	<-m.served
	if err != nil {
		return fmt.Errorf("imapmem: close: %w", err)
	}
	return nil
}

// slogPrintf adapts *slog.Logger to imapserver.Logger.
type slogPrintf struct{ l *slog.Logger }

func (s slogPrintf) Printf(format string, args ...any) {
	s.l.Warn(fmt.Sprintf(format, args...), "component", "imapmemserver")
}
