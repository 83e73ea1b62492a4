package mailin

import (
	"context"
	"time"
)

// Message is one message fetched from a mailbox.
type Message struct {
	Mailbox      string // the configured mailbox name
	UIDValidity  uint32
	UID          uint32
	Raw          []byte
	InternalDate time.Time
	// Attempts is how many failed tries Sink.Failed has counted for the
	// message: set on the Message handed to Sink.Quarantine, so the
	// quarantine records the real count; 0 when handed to Deliver.
	Attempts int
}

// Mark is how far a mailbox has been committed.
type Mark struct {
	UIDValidity uint32
	UID         uint32 // highest UID committed; 0 when none
}

// Sink is what the watcher hands messages to; cmd/rmad wires the desk in.
type Sink interface {
	// Deliver processes one message durably. nil means it is committed (or
	// was already known) and may be flagged; an error means try again later.
	Deliver(ctx context.Context, m Message) error
	// Failed records one failed try of m and reports how many tries it has had.
	Failed(ctx context.Context, m Message, cause error) (attempts int, err error)
	// Quarantine keeps m aside with its raw bytes, cause and m.Attempts and
	// tells agents; nil means m may be flagged and the mailbox moves on.
	Quarantine(ctx context.Context, m Message, cause error) error
	// Mark and SetMark read and advance the committed UID mark of a mailbox.
	Mark(ctx context.Context, mailbox string) (Mark, error)
	SetMark(ctx context.Context, mailbox string, mark Mark) error
}

// BatchSink is an optional interface of a Sink: it delivers several
// messages at once, e.g. in one database transaction (group commit), which
// saves a durable commit per message under load. The watcher hands it the
// messages of one lane of a batch, in UID order, and reads one error per
// message with the meaning of Deliver's: nil is committed, an error is that
// message's failure alone (a Sink must not blame a message for its
// neighbour's trouble, or a poison message would use up their tries).
type BatchSink interface {
	DeliverBatch(ctx context.Context, ms []Message) []error
}

// Mailbox says which IMAP folder to watch and how.
type Mailbox struct {
	Name     string // configured name, used in logs and as the mark key
	Addr     string // host:port
	TLS      string // none | starttls | tls
	Username string
	Password string
	// Auth is "" (LOGIN with Password), xoauth2 or oauthbearer (SASL with a
	// token from Tokens).
	Auth   string
	Tokens TokenSource
	Folder string // e.g. INBOX
	// After is what happens to a committed message: "seen", "move:FOLDER" or "delete".
	After string
	// PollInterval is used when the server lacks IDLE (default 30s).
	PollInterval time.Duration
	// Timeout bounds every network command (default 60s).
	Timeout time.Duration
	// MaxTries before a failing message is quarantined (default 3).
	MaxTries int
	// InsecureSkipVerify is for tests against self-signed servers only.
	InsecureSkipVerify bool
}

// Leaser is an optional interface of a Sink: when several rmad processes
// watch the same mailbox, only the lease holder fetches, so the others do not
// download every message only to find it already committed. Correctness does
// not depend on it: the Sink recognises replays either way.
type Leaser interface {
	// Lease takes or renews the lease on mailbox for ttl and reports whether
	// this process holds it.
	Lease(ctx context.Context, mailbox string, ttl time.Duration) (bool, error)
}
