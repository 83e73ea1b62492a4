package mailout

import (
	"context"
	"io"
	"time"
)

// Mail is one queued outbound message, exactly as workflow decided it.
type Mail struct {
	ID            int64
	MessageID     string // without angle brackets
	From          string // the desk address, may include a display name: "Acme Support <support@example.com>"
	To            []string
	ReplyTo       string
	Subject       string
	Body          string   // text/plain, UTF-8
	InReplyTo     string   // without angle brackets
	References    []string // without angle brackets
	AutoSubmitted string   // "" or an RFC 3834 value such as "auto-replied"
	QueuedAt      time.Time
	Attempts      int // tries so far, including the current one
	Attachments   []Attachment
	Cc            []string
	// NeverHold: retried however many attempts it has had (the notice that
	// mail is held, which must arrive when the relay is back).
	NeverHold bool
	// Files, when set, fetches the files the mail carries by reference
	// (another mail's attachments). The sender calls it just before the
	// mail goes on the wire, so a batch never holds more than one mail's
	// files at a time.
	Files func(ctx context.Context) ([]Attachment, error)
}

// Attachment is a file sent with a mail: the finance digest's CSV (Data),
// or a file a customer or an agent sent (Open).
type Attachment struct {
	Filename    string
	ContentType string
	Data        []byte
	// Open, when set, reads the content afresh each time it is called, so
	// a large file is streamed to the server rather than held encoded.
	Open func() io.Reader
}

// Queue is the outbox as mailout needs it; store implements it.
type Queue interface {
	// Claim leases up to limit mails that are due at now and returns them.
	// A leased mail not marked within lease is claimed again later.
	Claim(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]Mail, error)
	// Sent marks mails sent, each at the time the server accepted it, in
	// one statement (the sender gathers a round's acceptances).
	Sent(ctx context.Context, mails []Accepted) error
	// Retry puts a mail back with its next try at next.
	Retry(ctx context.Context, id int64, next time.Time, reason string) error
	// Fail marks a mail permanently failed.
	Fail(ctx context.Context, id int64, now time.Time, reason string) error
	// Hold keeps a mail that has had attempts tries, all failing
	// temporarily, for an operator to decide on; it is not claimed again
	// until released.
	Hold(ctx context.Context, id int64, now time.Time, reason string, attempts int) error
}

// Accepted is a mail the server accepted at At, to be marked sent.
type Accepted struct {
	ID int64
	At time.Time
}

// SMTP says where and how to send.
type SMTP struct {
	Host     string
	Port     int
	TLS      string // none | starttls | tls
	Username string // AUTH only when set
	Password string
	// Auth is "" (the password) or xoauth2 (a token from Tokens).
	Auth     string
	Tokens   TokenSource
	HeloName string
	Timeout  time.Duration // per connection (default 60s)
	// InsecureSkipVerify is for tests against self-signed servers only.
	InsecureSkipVerify bool
}
