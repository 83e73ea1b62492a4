package smtptest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

const msg = "Subject: hi\r\n\r\nbody\r\n"

func start(t *testing.T, opts Options) *Server {
	t.Helper()
	s, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func dial(t *testing.T, s *Server, mode string) *smtp.Client {
	t.Helper()
	var (
		c   *smtp.Client
		err error
	)
	pool := x509.NewCertPool()
	if s.Certificate() != nil {
		pool.AddCert(s.Certificate())
	}
	cfg := &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	switch mode {
	case "tls":
		c, err = smtp.DialTLS(s.Addr(), cfg)
	case "starttls":
		c, err = smtp.DialStartTLS(s.Addr(), cfg)
	default:
		c, err = smtp.Dial(s.Addr())
	}
	if err != nil {
		t.Fatalf("dial %s: %v", mode, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func send(c *smtp.Client, from string, to ...string) error {
	return c.SendMail(from, to, strings.NewReader(msg))
}

func code(err error) int {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return se.Code
	}
	return 0
}

func TestAcceptsAndRecords(t *testing.T) {
	var delivered []Received
	s := start(t, Options{Deliver: func(r Received) error {
		delivered = append(delivered, r) // called on the one connection goroutine
		return nil
	}})
	if s.Host() != "127.0.0.1" || s.Port() == 0 || s.Addr() != net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port())) {
		t.Fatalf("address: host %q port %d addr %q", s.Host(), s.Port(), s.Addr())
	}
	c := dial(t, s, "none")
	if err := send(c, "a@example.com", "b@example.org", "c@example.org"); err != nil {
		t.Fatalf("send: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got, err := s.Wait(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := got[0]
	if r.From != "a@example.com" || strings.Join(r.To, ",") != "b@example.org,c@example.org" ||
		string(r.Data) != msg || r.TLS || r.User != "" || r.At.IsZero() {
		t.Fatalf("received %+v", r)
	}
	if len(delivered) != 1 || string(delivered[0].Data) != msg {
		t.Fatalf("Deliver saw %d messages", len(delivered))
	}
	// Messages is a copy: changing it must not change the sink.
	got[0].Data[0] = 'X'
	if string(s.Messages()[0].Data) != msg {
		t.Fatal("Messages shares memory with the sink")
	}
}

func TestWaitHonoursContext(t *testing.T) {
	s := start(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	got, err := s.Wait(ctx, 1)
	if !errors.Is(err, context.DeadlineExceeded) || len(got) != 0 {
		t.Fatalf("Wait = %d, %v; want none and DeadlineExceeded", len(got), err)
	}

	// A message arriving while Wait blocks wakes it.
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err := s.Wait(ctx, 2)
		done <- err
	}()
	c := dial(t, s, "none")
	for range 2 {
		if err := send(c, "a@example.com", "b@example.org"); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Wait(2): %v", err)
	}
}

func TestRejectAndSetReject(t *testing.T) {
	s := start(t, Options{Reject: func(_ string, to []string) *smtp.SMTPError {
		if to[0] == "gone@example.org" {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		return nil
	}})
	c := dial(t, s, "none")
	if err := send(c, "a@example.com", "gone@example.org"); code(err) != 550 {
		t.Fatalf("send to gone: %v, want 550", err)
	}
	if err := c.Reset(); err != nil {
		t.Fatal(err)
	}
	if err := send(c, "a@example.com", "ok@example.org"); err != nil {
		t.Fatalf("send to ok: %v", err)
	}
	s.SetReject(func(string, []string) *smtp.SMTPError {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
	})
	if err := send(c, "a@example.com", "ok@example.org"); code(err) != 451 {
		t.Fatalf("after SetReject: %v, want 451", err)
	}
	if n := len(s.Messages()); n != 1 {
		t.Fatalf("%d messages recorded, want 1", n)
	}
}

func TestRejectDataAndDeliverError(t *testing.T) {
	s := start(t, Options{
		RejectData: func(r Received) *smtp.SMTPError {
			if r.To[0] == "big@example.org" {
				return &smtp.SMTPError{Code: 552, EnhancedCode: smtp.EnhancedCode{5, 3, 4}, Message: "too big"}
			}
			return nil
		},
		Deliver: func(r Received) error {
			if r.To[0] == "broken@example.org" {
				return errors.New("imap down")
			}
			return nil
		},
	})
	c := dial(t, s, "none")
	if err := send(c, "a@example.com", "big@example.org"); code(err) != 552 {
		t.Fatalf("RejectData: %v, want 552", err)
	}
	if err := send(c, "a@example.com", "broken@example.org"); code(err) != 451 {
		t.Fatalf("Deliver error: %v, want 451", err)
	}
	if n := len(s.Messages()); n != 0 {
		t.Fatalf("%d messages recorded, want 0", n)
	}
}

func TestAuth(t *testing.T) {
	for _, mode := range []string{"none", "starttls", "tls"} {
		t.Run(mode, func(t *testing.T) {
			s := start(t, Options{Username: "rmad", Password: "s3cret", TLS: mode})

			c := dial(t, s, mode)
			if err := send(c, "a@example.com", "b@example.org"); code(err) != 530 {
				t.Fatalf("without AUTH: %v, want 530", err)
			}

			c = dial(t, s, mode)
			if err := c.Auth(sasl.NewPlainClient("", "rmad", "wrong")); code(err) != 535 {
				t.Fatalf("wrong password: %v, want 535", err)
			}

			c = dial(t, s, mode)
			if err := c.Auth(sasl.NewPlainClient("", "rmad", "s3cret")); err != nil {
				t.Fatalf("AUTH: %v", err)
			}
			if err := send(c, "a@example.com", "b@example.org"); err != nil {
				t.Fatalf("send: %v", err)
			}
			got := s.Messages()
			if len(got) != 1 || got[0].User != "rmad" || got[0].TLS != (mode != "none") {
				t.Fatalf("received %+v", got)
			}
		})
	}
}

func TestTLSModes(t *testing.T) {
	s := start(t, Options{TLS: "starttls"})
	c := dial(t, s, "none")
	if ok, _ := c.Extension("STARTTLS"); !ok {
		t.Fatal("STARTTLS not advertised")
	}
	if err := send(c, "a@example.com", "b@example.org"); err != nil {
		t.Fatal(err)
	}
	if s.Messages()[0].TLS {
		t.Fatal("plain session recorded as TLS")
	}

	s = start(t, Options{TLS: "tls"})
	cert := s.Certificate()
	if cert == nil || cert.PublicKeyAlgorithm != x509.ECDSA || len(cert.IPAddresses) == 0 || !cert.IPAddresses[0].Equal(net.IPv4(127, 0, 0, 1)) {
		t.Fatalf("certificate %+v", cert)
	}
	c = dial(t, s, "tls")
	if err := send(c, "a@example.com", "b@example.org"); err != nil {
		t.Fatal(err)
	}
	if !s.Messages()[0].TLS {
		t.Fatal("implicit TLS session not recorded as TLS")
	}

	if _, err := Start(Options{TLS: "ssl"}); err == nil {
		t.Fatal("unknown TLS mode accepted")
	}
}

func TestHangUpAfterAccepting(t *testing.T) {
	s := start(t, Options{HangUp: func(Received) bool { return true }})
	c := dial(t, s, "none")
	if err := send(c, "a@example.com", "b@example.org"); err != nil {
		t.Fatalf("the message itself must be accepted: %v", err)
	}
	if err := c.Noop(); err == nil {
		t.Fatal("connection still usable after HangUp")
	}
	if n := len(s.Messages()); n != 1 {
		t.Fatalf("%d messages recorded, want 1", n)
	}
}

func TestCloseRightAfterStart(t *testing.T) {
	// Close may run before the accept loop has registered its listener.
	for range 200 {
		s, err := Start(Options{})
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- s.Close() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Close right after Start hangs")
		}
	}
}

func TestCloseTwice(t *testing.T) {
	s, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := smtp.Dial(s.Addr()); err == nil {
		t.Fatal("still listening after Close")
	}
}
