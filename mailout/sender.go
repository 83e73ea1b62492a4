package mailout

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// Defaults for Options and SMTP.
const (
	DefaultBatch       = 20
	DefaultLease       = 5 * time.Minute
	DefaultPoll        = 2 * time.Second
	DefaultMinBackoff  = time.Minute
	DefaultMaxBackoff  = 2 * time.Hour
	DefaultMaxAttempts = 30
	DefaultTimeout     = 60 * time.Second
	DefaultMarkEvery   = 20
	DefaultMarkDelay   = 100 * time.Millisecond
)

// markTimeout bounds one Queue.Sent/Retry/Fail/Hold call. Marks run on a context
// detached from the caller's cancellation: once the server has accepted a
// mail, a shutdown must not be the reason it is not marked (and sent again).
const markTimeout = 15 * time.Second

// Options tune a Sender; zero values mean the defaults.
type Options struct {
	// Logger receives the sender's logs (nil: none). Keys: outbox_id,
	// message_id, to, attempt, err, smtp_reply (and next, for retries).
	Logger *slog.Logger
	// Batch is how many mails are claimed per round (default 20).
	Batch int
	// Lease is how long a claimed mail stays ours (default 5m). Keep it well
	// above SMTP.Timeout: a mail whose lease could run out during its SMTP
	// transaction (now + min(Timeout, Lease/2) past the lease) is left for
	// the next claim instead of being sent.
	Lease time.Duration
	// Poll is the idle wait between rounds when nothing was due (default 2s).
	Poll time.Duration
	// MinBackoff and MaxBackoff shape retries of temporary failures:
	// MinBackoff * 2^(attempt-1), capped at MaxBackoff (defaults 1m, 2h).
	MinBackoff, MaxBackoff time.Duration
	// MaxAttempts: a mail whose MaxAttempts-th try fails temporarily is
	// held (Queue.Hold) rather than tried again (default 30, about 48 hours
	// with the default backoff).
	MaxAttempts int
	// Now is the clock (default time.Now); the only place the time is read.
	Now func() time.Time
	// MarkEvery and MarkDelay bound how long accepted mails wait to be
	// marked sent: a round's acceptances are marked together in one
	// Queue.Sent at the end of the round, or earlier, before the next
	// mail, once MarkEvery of them wait (default 20) or the oldest has
	// waited MarkDelay (default 100ms). What waits is what a crash sends
	// twice (see the package doc); MarkEvery 1 marks each mail alone.
	MarkEvery int
	MarkDelay time.Duration
	// AfterSend is a fault-injection hook for crash tests: it is called after
	// the server accepted the mail and before Queue.Sent.
	AfterSend func(Mail)
	// Concurrency is how many batches are sent at once, each over its own
	// SMTP session; default 1.
	Concurrency int
}

// Sender is the outbox worker. It is safe for concurrent use; several
// Senders (in one process or many) may share one Queue, since the Queue's
// leases decide who sends what.
type Sender struct {
	q    Queue
	smtp SMTP
	opts Options
	log  *slog.Logger
	// poke wakes one idle sending loop: one claim after a Poke finds what
	// was queued before it, so waking every loop would only add claims
	// that find nothing.
	poke chan struct{}
}

// NewSender returns a Sender for q that relays through smtp.
func NewSender(q Queue, smtp SMTP, opts Options) *Sender {
	if opts.Logger == nil {
		// As in every rmad package: no logger means no logging, never a
		// global one.
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Batch <= 0 {
		opts.Batch = DefaultBatch
	}
	if opts.Lease <= 0 {
		opts.Lease = DefaultLease
	}
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = DefaultMinBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = opts.MinBackoff
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MarkEvery <= 0 {
		opts.MarkEvery = DefaultMarkEvery
	}
	if opts.MarkDelay <= 0 {
		opts.MarkDelay = DefaultMarkDelay
	}
	opts.Concurrency = max(1, opts.Concurrency)
	if smtp.Timeout <= 0 {
		smtp.Timeout = DefaultTimeout
	}
	return &Sender{q: q, smtp: smtp, opts: opts, log: opts.Logger, poke: make(chan struct{}, 1)}
}

// Validate reports the first unusable setting; config calls it at startup so
// that a typo exits with code 2 instead of failing every round.
func (s SMTP) Validate() error {
	if s.Host == "" {
		return errors.New("smtp host is empty")
	}
	if s.Port < 0 || s.Port > 65535 {
		return fmt.Errorf("smtp port %d out of range", s.Port)
	}
	switch s.TLS {
	case "none", "starttls", "tls":
	default:
		return fmt.Errorf("smtp tls %q: want none, starttls or tls", s.TLS)
	}
	if s.Password != "" && s.Username == "" {
		return errors.New("smtp password set without a username")
	}
	if s.Timeout < 0 {
		return fmt.Errorf("smtp timeout %s is negative", s.Timeout)
	}
	return nil
}

// Poke wakes Run now, e.g. right after workflow queued mail; it never blocks.
// It wakes one idle loop (of Concurrency): that loop's claim, made after
// the Poke, sees the mail. A pending Poke that no loop has taken yet
// covers later ones, since the claim that follows it sees their mail too.
func (s *Sender) Poke() {
	select {
	case s.poke <- struct{}{}:
	default: // a wake-up is already pending; one is enough
	}
}

// Run sends due mail until ctx is done, then returns nil. A round that
// claimed a full batch is followed at once by the next; otherwise Run waits
// Poll or a Poke, so it never spins. Round errors are logged here, once.
func (s *Sender) Run(ctx context.Context) error {
	if s.opts.Concurrency == 1 {
		return s.loop(ctx)
	}
	// Several loops, each with its own SMTP session and batch (the Queue's
	// SKIP LOCKED claims keep them apart): the relay's per-mail round trips
	// overlap, and so do the rounds' claims and marks.
	var wg sync.WaitGroup
	for range s.opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = s.loop(ctx)
		}()
	}
	wg.Wait()
	return nil
}

func (s *Sender) loop(ctx context.Context) error {
	for {
		_, claimed, err := s.round(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			s.log.Error("mailout: round failed", "err", err, "smtp_reply", replyText(err, 0))
		}
		if err == nil && claimed == s.opts.Batch {
			continue // more may be due
		}
		t := time.NewTimer(s.opts.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-s.poke:
		case <-t.C:
		}
		t.Stop()
	}
}

// SendDue runs one round: it claims up to Batch due mails, sends them over
// one SMTP connection and records each outcome in the Queue. sent counts
// mails the server accepted. Per-mail outcomes are logged and recorded, not
// returned; err reports what failed the round (claim, connection) or a mark
// the Queue did not take.
func (s *Sender) SendDue(ctx context.Context) (sent int, err error) {
	sent, _, err = s.round(ctx)
	return sent, err
}

// outcome is what one mail's SMTP transaction means for the queue.
type outcome int

const (
	outSent   outcome = iota // 2xx after the data: mark sent
	outRetry                 // 4xx: try again later (held after MaxAttempts)
	outFail                  // 5xx: give up
	outBroken                // no SMTP reply (connection gone): retry it and the rest
)

func (s *Sender) round(ctx context.Context) (sent, claimed int, err error) {
	now := s.opts.Now()
	mails, err := s.q.Claim(ctx, now, s.opts.Batch, s.opts.Lease)
	if err != nil {
		return 0, 0, fmt.Errorf("mailout: claim: %w", err)
	}
	if len(mails) == 0 {
		return 0, 0, nil
	}
	leaseEnd := now.Add(s.opts.Lease)

	// Render before dialing: a mail that cannot be rendered never will be,
	// and it must not cost a connection.
	msgs := make([]*gomail.Msg, 0, len(mails))
	todo := make([]Mail, 0, len(mails))
	var errs []error
	for _, m := range mails {
		msg, _, rerr := newMsg(m)
		if rerr != nil {
			s.log.Error("mailout: mail cannot be rendered", s.attrs(m, "err", rerr)...)
			errs = append(errs, s.fail(ctx, m, rerr.Error()))
			continue
		}
		if bad := invalidRefs(m); len(bad) > 0 {
			s.log.Warn("mailout: invalid Message-IDs left out of In-Reply-To/References", s.attrs(m, "ids", bad)...)
		}
		msgs, todo = append(msgs, msg), append(todo, m)
	}
	if len(todo) == 0 {
		return 0, len(mails), errors.Join(errs...)
	}

	client, conn, err := s.connect(ctx)
	if err != nil {
		if ctx.Err() != nil {
			// Shutting down, not a relay problem: hand the batch back now
			// rather than after the lease.
			return 0, len(mails), errors.Join(append(errs, s.releaseAll(ctx, todo))...)
		}
		// The connection failed for the whole batch, so the whole batch is
		// deferred. Logged once by the caller, with the reply if any.
		err = fmt.Errorf("mailout: connect to %s: %w", net.JoinHostPort(s.smtp.Host, strconv.Itoa(s.port())), err)
		errs = append(errs, err)
		for _, m := range todo {
			errs = append(errs, s.retry(ctx, m, err, 0, true))
		}
		return 0, len(mails), errors.Join(errs...)
	}
	defer func() {
		// QUIT after the batch: every mail is already marked, so a failed
		// QUIT changes nothing and only closes the socket.
		_ = client.CloseWithSMTPClient(conn)
	}()
	acc := &accepted{}
	sent, errs = s.sendBatch(ctx, client, conn, todo, msgs, leaseEnd, acc, errs)
	// Whatever ended the batch (its end, the lease guard, a shutdown, a
	// dead connection), the mails the server accepted are marked now, on a
	// detached context.
	errs = append(errs, s.markSent(ctx, acc))
	return sent, len(mails), errors.Join(errs...)
}

// sendBatch sends todo (rendered as msgs) over one session and records
// each outcome: acceptances are gathered in acc and marked before the next
// mail once markDue says so, the other outcomes are marked at once.
func (s *Sender) sendBatch(ctx context.Context, client *gomail.Client, conn *gosmtp.Client, todo []Mail, msgs []*gomail.Msg,
	leaseEnd time.Time, acc *accepted, errs []error) (int, []error) {
	sent := 0
	for i, m := range todo {
		if s.markDue(acc) {
			errs = append(errs, s.markSent(ctx, acc))
		}
		if ctx.Err() != nil {
			// The accepted mails first, then the rest handed back.
			errs = append(errs, s.markSent(ctx, acc), s.releaseAll(ctx, todo[i:]))
			break
		}
		// mox's rule: never start what the lease may not cover, or another
		// replica could claim and send the same mail meanwhile. The same
		// rule covers the acceptances waiting in acc: they are marked at the
		// latest right after the mail this check lets start.
		if s.opts.Now().Add(min(s.smtp.Timeout, s.opts.Lease/2)).After(leaseEnd) {
			s.log.Warn("mailout: lease too short to send the rest of the batch; leaving it for the next claim",
				"remaining", len(todo)-i, "lease", s.opts.Lease)
			break
		}
		out, code, serr, ferr := s.send(ctx, client, conn, m, msgs[i])
		msgs[i] = nil // its files are streamed; nothing of them is kept for the rest of the batch
		if ferr != nil {
			errs = append(errs, s.filesFailed(ctx, m, ferr))
			continue
		}
		switch out {
		case outSent:
			sent++
			if s.opts.AfterSend != nil {
				s.opts.AfterSend(m)
			}
			if serr != nil {
				// An error go-mail reports after the server accepted the
				// data (with its RSET, now left out); the mail itself is
				// delivered.
				s.log.Warn("mailout: server accepted the mail but the session failed after it", s.attrs(m, "err", serr)...)
			}
			acc.add(m, s.opts.Now())
		case outFail:
			errs = append(errs, s.fail(ctx, m, replyText(serr, code)))
		case outRetry:
			errs = append(errs, s.retry(ctx, m, serr, code, false))
		case outBroken:
			// Without a reply the connection is unusable: defer this mail
			// and the rest instead of failing each on a dead socket.
			errs = append(errs, fmt.Errorf("mailout: smtp session failed at outbox %d: %w", m.ID, serr), s.markSent(ctx, acc))
			for _, r := range todo[i:] {
				errs = append(errs, s.retry(ctx, r, serr, 0, true))
			}
			return sent, errs
		}
	}
	return sent, errs
}

// send puts one mail on the wire. A mail with files read from stored
// messages is rendered again with them, just before it goes, and streamed;
// ferr is set when those files could not be read (nothing was sent).
func (s *Sender) send(ctx context.Context, client *gomail.Client, conn *gosmtp.Client, m Mail, msg *gomail.Msg) (out outcome, code int, serr, ferr error) {
	if m.Files == nil {
		serr = client.SendWithSMTPClient(conn, msg)
		out, code = classify(msg, serr)
		return out, code, serr, nil
	}
	files, err := m.Files(ctx)
	if err != nil {
		return 0, 0, nil, err
	}
	full := m
	full.Attachments = append(slices.Clip(m.Attachments), files...)
	msg, streams, err := newMsg(full)
	if err != nil {
		return 0, 0, nil, err
	}
	fr, err := frame(full, msg)
	if err != nil {
		return 0, 0, nil, err
	}
	// go-mail extends the deadline before each mail it sends; this path
	// bypasses it, so it does the same (one deadline per mail).
	if derr := conn.UpdateDeadline(s.smtp.Timeout); derr != nil {
		return outBroken, 0, derr, nil
	}
	serr = sendStreamed(conn, msg, fr, streams)
	out, code = classifyStreamed(serr)
	return out, code, serr, nil
}

// filesFailed handles a mail whose files could not be read: gone for good
// (the stored message was purged) fails it, anything else is retried.
func (s *Sender) filesFailed(ctx context.Context, m Mail, err error) error {
	if errors.Is(err, ErrInvalidMail) {
		s.log.Error("mailout: the files of a mail are gone", s.attrs(m, "err", err)...)
		return s.fail(ctx, m, err.Error())
	}
	return s.retry(ctx, m, fmt.Errorf("read its files: %w", err), 0, false)
}

// classify maps go-mail's result to an outcome. go-mail's SendError.IsTemp
// is true only when the error text starts with '4', so a dropped connection
// or a timeout reads as "not temporary"; the reply code is what counts here.
func classify(msg *gomail.Msg, err error) (outcome, int) {
	if msg.IsDelivered() || err == nil {
		return outSent, 0
	}
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return outBroken, 0
	}
	code := se.ErrorCode()
	switch {
	case code == 530 && se.Reason == gomail.ErrSMTPMailFrom:
		// "Authentication required" (RFC 4954) is our configuration, not
		// this mail: a missing password must not fail the queue.
		return outBroken, code
	case code >= 500 && code < 600:
		return outFail, code
	case code >= 400 && code < 500:
		return outRetry, code
	default:
		return outBroken, 0
	}
}

// replyText extracts the server's reply ("550 5.1.1 no such user") from an
// error. go-mail's SendError does not unwrap to the textproto.Error, so the
// reply is read back from its text, where textproto quotes it with %q
// (`550 "5.1.1 no such user"`); the error text from the code on is the
// fallback if go-mail's format changes.
func replyText(err error, code int) string {
	if err == nil {
		return ""
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		return strconv.Itoa(te.Code) + " " + te.Msg
	}
	if code == 0 {
		return ""
	}
	s := err.Error()
	prefix := strconv.Itoa(code) + " "
	i := strings.Index(s, prefix)
	if i < 0 {
		return s
	}
	s = s[i:]
	if q, qerr := strconv.QuotedPrefix(s[len(prefix):]); qerr == nil {
		if msg, uerr := strconv.Unquote(q); uerr == nil {
			return prefix + msg
		}
	}
	return s
}

// backoff is MinBackoff * 2^(attempt-1), capped at MaxBackoff.
func (s *Sender) backoff(attempt int) time.Duration {
	d := s.opts.MinBackoff
	for i := 1; i < attempt; i++ {
		if d >= s.opts.MaxBackoff/2 {
			return s.opts.MaxBackoff
		}
		d *= 2
	}
	return min(d, s.opts.MaxBackoff)
}

func (s *Sender) markCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
}

func (s *Sender) fail(ctx context.Context, m Mail, reason string) error {
	mctx, cancel := s.markCtx(ctx)
	defer cancel()
	if err := s.q.Fail(mctx, m.ID, s.opts.Now(), reason); err != nil {
		return fmt.Errorf("mailout: mark outbox %d failed: %w", m.ID, err)
	}
	s.log.Error("mailout: mail failed permanently", s.attrs(m, "smtp_reply", reason)...)
	return nil
}

// hold keeps m, out of attempts on temporary failures: a relay outage must
// not drop customer mail, so an operator decides (rmad outbox retry|drop).
func (s *Sender) hold(ctx context.Context, m Mail, reason string) error {
	mctx, cancel := s.markCtx(ctx)
	defer cancel()
	if err := s.q.Hold(mctx, m.ID, s.opts.Now(), reason, m.Attempts); err != nil {
		return fmt.Errorf("mailout: hold outbox %d: %w", m.ID, err)
	}
	s.log.Error("mailout: mail HELD: out of attempts on temporary failures; kept until an operator runs `rmad outbox retry` or `rmad outbox drop`",
		s.attrs(m, "smtp_reply", reason)...)
	return nil
}

// retry defers m after a temporary failure, or holds it once it has had
// MaxAttempts tries. batch marks a connection-level failure, already
// returned to the caller, so it is logged here without the error.
func (s *Sender) retry(ctx context.Context, m Mail, cause error, code int, batch bool) error {
	reply := replyText(cause, code)
	reason := reply
	if reason == "" && cause != nil {
		reason = cause.Error()
	}
	if m.Attempts >= s.opts.MaxAttempts && !m.NeverHold {
		return s.hold(ctx, m, fmt.Sprintf("held after %d attempts: %s", m.Attempts, reason))
	}
	next := s.opts.Now().Add(s.backoff(m.Attempts))
	mctx, cancel := s.markCtx(ctx)
	defer cancel()
	if err := s.q.Retry(mctx, m.ID, next, reason); err != nil {
		return fmt.Errorf("mailout: mark outbox %d for retry: %w", m.ID, err)
	}
	if batch {
		s.log.Info("mailout: mail deferred with its batch", s.attrs(m, "next", next)...)
	} else {
		s.log.Warn("mailout: mail deferred", s.attrs(m, "next", next, "err", cause, "smtp_reply", reply)...)
	}
	return nil
}

// releaseAll hands claimed but unattempted mails back at once on shutdown,
// so another replica need not wait for the lease.
func (s *Sender) releaseAll(ctx context.Context, ms []Mail) error {
	now := s.opts.Now()
	var errs []error
	for _, m := range ms {
		mctx, cancel := s.markCtx(ctx)
		if err := s.q.Retry(mctx, m.ID, now, "not attempted: sender stopping"); err != nil {
			errs = append(errs, fmt.Errorf("mailout: release outbox %d: %w", m.ID, err))
		}
		cancel()
	}
	return errors.Join(errs...)
}

func (s *Sender) attrs(m Mail, kv ...any) []any {
	return append([]any{
		"outbox_id", m.ID,
		"message_id", m.MessageID,
		"to", m.To,
		"attempt", m.Attempts,
	}, kv...)
}
