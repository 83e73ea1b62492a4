package mailout

// Opening a round's SMTP session: the port, the dial, TLS and
// authentication.

import (
	"context"
	"crypto/tls"
	"fmt"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

func (s *Sender) port() int {
	if s.smtp.Port != 0 {
		return s.smtp.Port
	}
	switch s.smtp.TLS {
	case "tls":
		return 465
	case "starttls":
		return 587
	default:
		return 25
	}
}

// dial opens one authenticated SMTP session for the round; tokenAuth, when
// set, authenticates instead of the password (see connect).
func (s *Sender) dial(ctx context.Context, tokenAuth gomail.Option) (*gomail.Client, *gosmtp.Client, error) {
	if err := s.smtp.Validate(); err != nil {
		return nil, nil, err
	}
	opts := []gomail.Option{
		gomail.WithPort(s.port()),
		// Timeout bounds the dial and then each mail's whole transaction:
		// go-mail sets one deadline per send, not per command.
		gomail.WithTimeout(s.smtp.Timeout),
		// No NOOP before each mail and no NOOP+RSET after it: three of
		// go-mail's seven round trips per mail. The reply to the final dot
		// ends the transaction (RFC 5321 section 4.1.1.4), and a dead
		// connection shows at the next MAIL FROM as it would at the NOOP.
		gomail.WithoutNoop(),
		gomail.WithoutRset(),
		gomail.WithTLSConfig(&tls.Config{
			ServerName:         s.smtp.Host,
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: s.smtp.InsecureSkipVerify, //nolint:gosec // tests against self-signed sinks only
		}),
	}
	switch s.smtp.TLS {
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case "starttls":
		// Mandatory: a relay that stops offering STARTTLS is an attack or
		// a misconfiguration, never a reason to send in clear.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "tls":
		opts = append(opts, gomail.WithSSL())
	}
	if s.smtp.HeloName != "" {
		opts = append(opts, gomail.WithHELO(s.smtp.HeloName))
	}
	if tokenAuth != nil {
		opts = append(opts, tokenAuth)
	} else if s.smtp.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if s.smtp.TLS == "none" {
			// go-mail's auto-discovery refuses PLAIN and LOGIN without TLS.
			// Explicit PLAIN still refuses to send the password in clear
			// unless the relay is on localhost (a local MTA).
			auth = gomail.SMTPAuthPlain
		}
		opts = append(opts,
			gomail.WithSMTPAuth(auth),
			gomail.WithUsername(s.smtp.Username),
			gomail.WithPassword(s.smtp.Password),
		)
	}
	client, err := gomail.NewClient(s.smtp.Host, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("configure client: %w", err)
	}
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return nil, nil, err
	}
	return client, conn, nil
}
