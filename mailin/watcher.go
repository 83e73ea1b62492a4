package mailin

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"rmad/config"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Options tune a Watcher. Zero durations mean the defaults.
type Options struct {
	// Logger receives the watcher's logs (nil: none, as in every rmad package). Keys: mailbox, uid,
	// uidvalidity, err.
	Logger *slog.Logger
	// IdleRefresh re-issues IDLE before servers drop an idle client
	// (RFC 2177 allows 30 min); default 25m.
	IdleRefresh time.Duration
	// MinBackoff and MaxBackoff bound the exponential delay before a
	// reconnect, and before retrying after the Sink failed; defaults 1s, 60s.
	MinBackoff, MaxBackoff time.Duration
	// AfterDeliver, when set, is called after Sink.Deliver returned nil and
	// before the message is flagged: a fault-injection hook for crash tests (a
	// test may panic or os.Exit there).
	AfterDeliver func(Message)
	// BatchBytes caps the bytes of one batch (default 16 MB; a larger
	// message is fetched alone).
	BatchBytes int64
	// Batch is how many messages one FETCH takes (default 32); Workers how
	// many are delivered at once (default 1: strictly in UID order; more keep
	// each sender's messages in order, and no other order).
	Batch, Workers int
	// LeaseTTL is how long a mailbox lease lasts unrenewed when the Sink is
	// a Leaser; the holder renews it every LeaseTTL/3. Default 30s.
	LeaseTTL time.Duration
	// Observer hears connects, disconnects and good checks (nil: none).
	Observer Observer
	// Linger and LingerPoll keep a busy watcher out of IDLE (see busy.go):
	// after a check found mail the watcher sends NOOP at once (and checks
	// again when it reports mail), then NOOP LingerPoll later, the pause
	// doubling after each that finds nothing (up to 8 times), until Linger
	// has passed since the last mail; only then does it wait in IDLE.
	// Defaults 2s and 10ms; a negative Linger turns lingering off (after the
	// NOOP at once, IDLE).
	Linger, LingerPoll time.Duration
	// NotWholeWait is how long a message the server lists but does not send
	// whole is tried again (each try on a new connection, the pauses
	// doubling up to MaxBackoff) before it is quarantined, and only once it
	// has had MaxTries: a server that cannot read a file for a minute must
	// not cost the message. Default 10m.
	NotWholeWait time.Duration
}

// Watcher watches one mailbox. Run it in one goroutine; Poke is safe from any.
type Watcher struct {
	mb   Mailbox
	sink Sink
	opts Options
	log  *slog.Logger
	poke chan struct{}

	// sinkDelay is the next pause after the Sink failed (a database outage,
	// a message that keeps failing); it doubles like the reconnect backoff.
	sinkDelay time.Duration

	standby  bool      // another process holds the mailbox lease
	leasedAt time.Time // when the lease was last taken or renewed

	// notWhole is when each message not sent whole was first found so, by
	// UIDVALIDITY and UID (this process's memory: a restart waits again).
	notWhole map[[2]uint32]time.Time
	// narrow is the UIDVALIDITY and highest UID of a batch whose FETCH
	// broke the session: up to it messages are fetched one at a time.
	narrow [2]uint32
}

// NewWatcher returns a watcher for mb that hands messages to sink. Zero fields
// of mb and opts take their defaults; Run reports invalid settings.
func NewWatcher(mb Mailbox, sink Sink, opts Options) *Watcher {
	if mb.Folder == "" {
		mb.Folder = "INBOX"
	}
	if mb.After == "" {
		mb.After = "seen"
	}
	if mb.TLS == "" {
		mb.TLS = "tls"
	}
	if mb.PollInterval <= 0 {
		mb.PollInterval = config.DefaultPollInterval
	}
	if mb.Timeout <= 0 {
		mb.Timeout = 60 * time.Second
	}
	if mb.MaxTries <= 0 {
		mb.MaxTries = 3
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Batch <= 0 {
		opts.Batch = 32
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = 16 << 20
	}
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.LeaseTTL <= 0 {
		opts.LeaseTTL = config.DefaultMailboxLease
	}
	if opts.Observer == nil {
		opts.Observer = noObserver{}
	}
	if opts.IdleRefresh <= 0 {
		opts.IdleRefresh = 25 * time.Minute
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = time.Second
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 60 * time.Second
	}
	if opts.Linger == 0 {
		opts.Linger = defaultLinger
	}
	if opts.LingerPoll <= 0 {
		opts.LingerPoll = defaultLingerPoll
	}
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = opts.MinBackoff
	}
	if opts.NotWholeWait <= 0 {
		opts.NotWholeWait = 10 * time.Minute
	}
	return &Watcher{
		mb:        mb,
		sink:      sink,
		opts:      opts,
		log:       opts.Logger.With("mailbox", mb.Name),
		poke:      make(chan struct{}, 1),
		sinkDelay: opts.MinBackoff,
		notWhole:  map[[2]uint32]time.Time{},
	}
}

// Poke makes the watcher check the mailbox now, e.g. after a known append. It
// never blocks; pokes while a check runs fold into one more check.
func (w *Watcher) Poke() {
	select {
	case w.poke <- struct{}{}:
	default:
	}
}

func (w *Watcher) validate() error {
	switch w.mb.TLS {
	case "none", "starttls", "tls":
	default:
		return fmt.Errorf("mailin: mailbox %s: tls %q: want none, starttls or tls", w.mb.Name, w.mb.TLS)
	}
	switch {
	case w.mb.After == "seen", w.mb.After == "delete":
	case strings.HasPrefix(w.mb.After, "move:"):
		dest := strings.TrimPrefix(w.mb.After, "move:")
		if dest == "" {
			return fmt.Errorf("mailin: mailbox %s: after %q: no folder", w.mb.Name, w.mb.After)
		}
		// Moving into the watched folder would feed every message back in.
		if strings.EqualFold(dest, w.mb.Folder) {
			return fmt.Errorf("mailin: mailbox %s: after %q: that is the watched folder", w.mb.Name, w.mb.After)
		}
	default:
		return fmt.Errorf("mailin: mailbox %s: after %q: want seen, move:FOLDER or delete", w.mb.Name, w.mb.After)
	}
	if w.mb.Addr == "" {
		return fmt.Errorf("mailin: mailbox %s: no address", w.mb.Name)
	}
	if err := w.validateAuth(); err != nil {
		return err
	}
	return nil
}

// Run watches the mailbox until ctx ends, then returns nil. Connection
// trouble (refused connections, restarts, timeouts, a failed login) is logged
// and retried with backoff, never returned; only invalid settings are.
func (w *Watcher) Run(ctx context.Context) error {
	if err := w.validate(); err != nil {
		return err
	}
	delay := w.opts.MinBackoff
	for {
		healthy, err := w.session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		// A message not sent whole ends a healthy session on purpose; its
		// tries must still space out.
		if healthy && !errors.Is(err, errNotWhole) {
			delay = w.opts.MinBackoff
		}
		level := slog.LevelWarn
		// Wrong credentials or an untrusted certificate need a person; the
		// retries go on so the watcher recovers once someone fixed them.
		var imapErr *imap.Error
		var certErr *tls.CertificateVerificationError
		if errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeAuthenticationFailed || errors.As(err, &certErr) {
			level = slog.LevelError
		}
		w.log.Log(ctx, level, "mailin: imap session ended, reconnecting", "err", err, "retry_in", delay)
		if !sleep(ctx, delay) {
			return nil
		}
		delay = min(2*delay, w.opts.MaxBackoff)
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
