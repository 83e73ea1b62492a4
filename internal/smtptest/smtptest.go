// Package smtptest runs an in-process SMTP sink (emersion/go-smtp) on a free
// loopback port. Tests in several packages use it to see exactly what rmad
// sends, and `rmad demo` uses it as its relay, delivering each accepted
// message back into IMAP; so nothing here needs a *testing.T.
//
// It is a real SMTP server, not a mock: go-mail talks to it over TCP with
// the same EHLO, STARTTLS, AUTH, MAIL, RCPT and DATA it uses against a
// production relay, so reply codes and TLS behave as they do on the wire.
package smtptest

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message the sink accepted.
type Received struct {
	From string   // envelope sender (MAIL FROM)
	To   []string // envelope recipients (RCPT TO)
	Data []byte   // the message exactly as received, CRLF line ends, dots unstuffed
	At   time.Time
	// TLS reports whether the session was encrypted (implicit TLS or STARTTLS)
	// when the message was accepted, so tests can prove STARTTLS happened.
	TLS bool
	// User is the authenticated username, "" without AUTH.
	User string
	// Mech is the SASL mechanism User logged in with (PLAIN, XOAUTH2,
	// OAUTHBEARER).
	Mech string
}

// Options configure a sink; the zero value accepts everything in plain text.
type Options struct {
	// Deliver, when set, is called for every accepted message (the demo
	// delivers back into IMAP). An error is answered with 451 and the message
	// is not recorded, so the sender retries it.
	Deliver func(Received) error
	// Reject, when set, is consulted at each RCPT TO with that one recipient;
	// a non-nil *smtp.SMTPError is the reply (e.g. 451 or 550).
	Reject func(from string, to []string) *smtp.SMTPError
	// RejectData, when set, is consulted after the message data arrived, to
	// answer the final dot with an error (a rejection after DATA).
	RejectData func(Received) *smtp.SMTPError
	// HangUp, when set, is asked after each accepted message; true closes
	// the connection right after the 250 reply, like a relay that crashes
	// after accepting (the client's next command fails).
	HangUp func(Received) bool
	// Username and Password, when set, require AUTH PLAIN before MAIL FROM.
	Username, Password string
	// IntrospectURL, when set, offers AUTH XOAUTH2 and OAUTHBEARER and
	// requires one of them (or PLAIN, when Username is set) before MAIL
	// FROM; a token is good when this RFC 7662 endpoint says it is active
	// for the user (see oauth2.go).
	IntrospectURL string
	// Consume, when set, reads each message's data instead of the sink
	// keeping it whole; what it returns is recorded as Received.Data. A
	// test of a large mail checks it as it streams by (a digest of the
	// decoded attachment) without the sink's own copy in the way.
	Consume func(io.Reader) ([]byte, error)
	// TLS is "" or "none" (plain text; AUTH allowed in clear on loopback),
	// "starttls" (STARTTLS advertised with a self-signed certificate) or
	// "tls" (implicit TLS on connect).
	TLS string
}

// Server is a running sink.
type Server struct {
	opts Options
	srv  *smtp.Server
	ln   net.Listener
	host string
	port int
	cert *x509.Certificate

	mu       sync.Mutex
	conns    map[*smtp.Conn]bool // every connection accepted so far
	msgs     []Received
	reject   func(from string, to []string) *smtp.SMTPError
	arrived  chan struct{} // closed and replaced whenever a message is recorded
	served   chan struct{} // closed when Serve returned
	closeErr error
	closed   sync.Once
}

// Start listens on 127.0.0.1 at a free port and serves until Close.
func Start(opts Options) (*Server, error) {
	s := &Server{
		opts:    opts,
		reject:  opts.Reject,
		arrived: make(chan struct{}),
		served:  make(chan struct{}),
	}
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "localhost"
	// Bounded so a client that stalls cannot keep a goroutine forever.
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.MaxMessageBytes = 32 << 20
	srv.MaxRecipients = 100
	// Failed handshakes are expected in tests (wrong TLS mode); keep stderr clean.
	srv.ErrorLog = log.New(io.Discard, "", 0)

	var tlsConfig *tls.Config
	switch opts.TLS {
	case "", "none":
		// Loopback only, so AUTH in clear is harmless and lets tests cover
		// credentials without TLS.
		srv.AllowInsecureAuth = true
	case "starttls", "tls":
		cfg, cert, err := selfSigned()
		if err != nil {
			return nil, err
		}
		tlsConfig, s.cert = cfg, cert
	default:
		return nil, fmt.Errorf("smtptest: unknown TLS mode %q (want none, starttls or tls)", opts.TLS)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smtptest: listen: %w", err)
	}
	switch opts.TLS {
	case "starttls":
		srv.TLSConfig = tlsConfig
	case "tls":
		ln = tls.NewListener(ln, tlsConfig)
	}
	s.srv, s.ln = srv, ln
	addr := ln.Addr().(*net.TCPAddr)
	s.host, s.port = addr.IP.String(), addr.Port

	go func() {
		defer close(s.served)
		// Serve returns nil after Close; any other error means the listener
		// broke, which Close reports no better, so it is dropped here.
		_ = srv.Serve(ln)
	}()
	return s, nil
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.host, strconv.Itoa(s.port)) }

// Host is the listening IP address (127.0.0.1).
func (s *Server) Host() string { return s.host }

// Port is the listening port.
func (s *Server) Port() int { return s.port }

// Certificate is the self-signed certificate in TLS modes, nil otherwise;
// add it to a pool to verify the sink instead of skipping verification.
func (s *Server) Certificate() *x509.Certificate { return s.cert }

// Messages returns a copy of every message accepted so far, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAll(s.msgs)
}

// Wait blocks until at least n messages have arrived and returns all of them,
// or returns ctx's error with the messages so far.
func (s *Server) Wait(ctx context.Context, n int) ([]Received, error) {
	for {
		s.mu.Lock()
		msgs, arrived := s.msgs, s.arrived
		if len(msgs) >= n {
			out := cloneAll(msgs)
			s.mu.Unlock()
			return out, nil
		}
		out := cloneAll(msgs)
		s.mu.Unlock()
		select {
		case <-arrived:
		case <-ctx.Done():
			return out, fmt.Errorf("smtptest: waiting for %d messages, have %d: %w", n, len(out), ctx.Err())
		}
	}
}

// SetReject replaces the RCPT TO policy at run time (nil accepts everyone);
// it applies to the next RCPT TO command.
func (s *Server) SetReject(f func(from string, to []string) *smtp.SMTPError) {
	s.mu.Lock()
	s.reject = f
	s.mu.Unlock()
}

// Close stops listening and drops open connections, then waits for the
// accept loop to end. It is safe to call more than once.
func (s *Server) Close() error {
	s.closed.Do(func() {
		err := s.srv.Close()
		// go-smtp only closes listeners Serve has registered: a Close racing
		// a Serve that has not started yet would leave it accepting forever.
		_ = s.ln.Close()
		<-s.served
		if err != nil && !errors.Is(err, net.ErrClosed) {
			s.closeErr = fmt.Errorf("smtptest: close: %w", err)
		}
	})
	return s.closeErr
}

func (s *Server) record(r Received) {
	s.mu.Lock()
	s.msgs = append(s.msgs, r)
	close(s.arrived)
	s.arrived = make(chan struct{})
	s.mu.Unlock()
}

func (s *Server) rejectFunc() func(string, []string) *smtp.SMTPError {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reject
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	if s.conns == nil {
		s.conns = map[*smtp.Conn]bool{}
	}
	s.conns[c] = true
	s.mu.Unlock()
	return &session{s: s, conn: c}, nil
}

// Connections is how many SMTP connections clients have opened so far (a
// STARTTLS upgrade is the same connection).
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// session is one SMTP transaction state; go-smtp creates a new one after
// STARTTLS, so authentication never leaks across the TLS upgrade.
type session struct {
	s    *Server
	conn *smtp.Conn
	user string
	mech string // the mechanism of the last AUTH
	from string
	to   []string
	// hangUp asks Reset, which go-smtp calls after writing the reply to
	// DATA, to close the connection.
	hangUp bool
}

var _ smtp.AuthSession = (*session)(nil)

func (se *session) AuthMechanisms() []string {
	var mechs []string
	if se.s.opts.Username != "" {
		mechs = append(mechs, sasl.Plain)
	}
	if se.s.opts.IntrospectURL != "" {
		mechs = append(mechs, XOAuth2, sasl.OAuthBearer)
	}
	return mechs
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	se.mech = mech
	if se.s.opts.IntrospectURL != "" && mech != sasl.Plain {
		return se.oauth2Server(mech)
	}
	if se.s.opts.Username == "" || mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if (identity != "" && identity != username) ||
			username != se.s.opts.Username || password != se.s.opts.Password {
			return smtp.ErrAuthFailed // 535 5.7.8
		}
		se.user = username
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if (se.s.opts.Username != "" || se.s.opts.IntrospectURL != "") && se.user == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if reject := se.s.rejectFunc(); reject != nil {
		// Compare the pointer before it becomes an error interface: a typed
		// nil *SMTPError would otherwise read as a rejection.
		if e := reject(se.from, []string{to}); e != nil {
			return e
		}
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	read := io.ReadAll
	if se.s.opts.Consume != nil {
		read = se.s.opts.Consume
	}
	data, err := read(r)
	if err != nil {
		return fmt.Errorf("smtptest: read data: %w", err)
	}
	_, isTLS := se.conn.TLSConnectionState()
	rec := Received{
		From: se.from,
		To:   append([]string(nil), se.to...),
		Data: data,
		At:   time.Now(),
		TLS:  isTLS,
		User: se.user,
		Mech: se.mech,
	}
	if se.s.opts.RejectData != nil {
		if e := se.s.opts.RejectData(clone(rec)); e != nil {
			return e
		}
	}
	if se.s.opts.Deliver != nil {
		if err := se.s.opts.Deliver(clone(rec)); err != nil {
			return &smtp.SMTPError{
				Code:         451,
				EnhancedCode: smtp.EnhancedCode{4, 3, 0},
				Message:      "delivery failed: " + err.Error(),
			}
		}
	}
	se.s.record(rec)
	se.hangUp = se.s.opts.HangUp != nil && se.s.opts.HangUp(clone(rec))
	return nil
}

func (se *session) Reset() {
	se.from, se.to = "", nil
	if se.hangUp {
		se.hangUp = false
		_ = se.conn.Conn().Close()
	}
}

func (se *session) Logout() error { return nil }

func clone(r Received) Received {
	r.To = append([]string(nil), r.To...)
	r.Data = bytes.Clone(r.Data)
	return r
}

func cloneAll(rs []Received) []Received {
	out := make([]Received, len(rs))
	for i, r := range rs {
		out[i] = clone(r)
	}
	return out
}

// selfSigned makes an in-memory ECDSA P-256 certificate for 127.0.0.1 and
// localhost, valid from an hour ago (clock skew) for a day.
func selfSigned() (*tls.Config, *x509.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("smtptest: generate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, nil, fmt.Errorf("smtptest: serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "smtptest"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("smtptest: create certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("smtptest: parse certificate: %w", err)
	}
	cfg := &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}},
		MinVersion:   tls.VersionTLS12,
	}
	return cfg, cert, nil
}
