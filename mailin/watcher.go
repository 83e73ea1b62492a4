package mailin

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Options tune a Watcher. Zero durations mean the defaults.
type Options struct {
	// Logger is required (nil falls back to slog.Default). Keys: mailbox, uid,
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
		mb.PollInterval = 30 * time.Second
	}
	if mb.Timeout <= 0 {
		mb.Timeout = 60 * time.Second
	}
	if mb.MaxTries <= 0 {
		mb.MaxTries = 3
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
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
		opts.LeaseTTL = 30 * time.Second
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
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = opts.MinBackoff
	}
	return &Watcher{
		mb:        mb,
		sink:      sink,
		opts:      opts,
		log:       opts.Logger.With("mailbox", mb.Name),
		poke:      make(chan struct{}, 1),
		sinkDelay: opts.MinBackoff,
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
		if healthy {
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

// session is one IMAP connection: connect, then check and wait until
// something fails. healthy reports that at least one check went through,
// which resets the reconnect backoff (a server that lets us log in and then
// fails every SEARCH still gets the growing backoff).
func (w *Watcher) session(ctx context.Context) (healthy bool, err error) {
	s, err := w.connect(ctx)
	if err != nil {
		return false, err
	}
	defer s.close()
	w.log.Info("mailin: connected", "uidvalidity", s.uidValidity, "idle", s.caps.Has(imap.CapIdle))
	for {
		retry, err := w.check(ctx, s)
		if err != nil {
			return healthy, err
		}
		healthy = true
		if err := w.wait(ctx, s, retry); err != nil {
			return healthy, err
		}
	}
}

// session state of one connection.
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
	if err := s.cmd(func() error { return c.Login(w.mb.Username, w.mb.Password).Wait() }); err != nil {
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

// wait returns when there may be new mail: the server reported EXISTS, Poke
// was called, d (or, when d is 0, IdleRefresh or PollInterval) passed. With
// IDLE the server pushes EXISTS; without it this is a plain poll.
func (w *Watcher) wait(ctx context.Context, s *conn, d time.Duration) error {
	idle := s.caps.Has(imap.CapIdle)
	if d <= 0 {
		d = w.mb.PollInterval
		if idle {
			d = w.opts.IdleRefresh
		}
	}
	if _, ok := w.sink.(Leaser); ok {
		// The holder checks often enough to keep its lease; a standby often
		// enough to take over soon after a holder dies.
		d = min(d, w.opts.LeaseTTL/3)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	if !idle {
		return w.until(ctx, s, timer, "mailin: server closed the connection")
	}

	var cmd *imapclient.IdleCommand
	if err := s.cmd(func() (err error) { cmd, err = s.c.Idle(); return err }); err != nil {
		return fmt.Errorf("mailin: idle: %w", err)
	}
	// While idling the server may stay silent until d; past d plus the
	// timeout the connection is presumed dead.
	s.dc.within(d + s.timeout)
	if err := w.until(ctx, s, timer, "mailin: server closed the connection during IDLE"); err != nil {
		return err
	}
	return s.cmd(func() error {
		if err := cmd.Close(); err != nil {
			return fmt.Errorf("mailin: end idle: %w", err)
		}
		if err := cmd.Wait(); err != nil {
			return fmt.Errorf("mailin: idle: %w", err)
		}
		return nil
	})
}

// until blocks until something is worth a check: new mail, a Poke, the
// timer; or ends the wait with an error when ctx ends or the server hangs up.
func (w *Watcher) until(ctx context.Context, s *conn, timer *time.Timer, closed string) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-s.c.Closed():
		return errors.New(closed)
	case <-w.poke:
	case <-s.newMail:
	case <-timer.C:
	}
	return nil
}

// check delivers every message above the mark, in UID order. A non-zero retry
// means the Sink had trouble: wait that long, then check again on the same
// connection. err is for connection trouble only.
func (w *Watcher) check(ctx context.Context, s *conn) (retry time.Duration, err error) {
	if held, retry, err := w.holdLease(ctx); !held {
		return retry, err
	}
	mark, err := w.sink.Mark(ctx, w.mb.Name)
	if err != nil {
		return w.sinkTrouble(ctx, "mailin: cannot read mark", err)
	}
	if mark.UIDValidity != s.uidValidity {
		// UIDs of the old validity mean nothing now: rescan from UID 1. The
		// Sink recognises messages it already has (by Message-ID or hash).
		if mark.UIDValidity == 0 {
			w.log.Info("mailin: no mark yet, scanning from UID 1", "uidvalidity", s.uidValidity)
		} else {
			w.log.Warn("mailin: uidvalidity changed, rescanning from UID 1",
				"uidvalidity", s.uidValidity, "old_uidvalidity", mark.UIDValidity, "old_uid", mark.UID)
		}
		mark = Mark{UIDValidity: s.uidValidity}
		if err := w.sink.SetMark(ctx, w.mb.Name, mark); err != nil {
			return w.sinkTrouble(ctx, "mailin: cannot reset mark", err)
		}
	}

	uids, err := w.search(s, mark.UID)
	if err != nil {
		return 0, err
	}
	for len(uids) > 0 {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if time.Since(w.leasedAt) > w.opts.LeaseTTL/3 {
			if held, retry, err := w.holdLease(ctx); !held {
				return retry, err
			}
		}
		n := min(len(uids), w.opts.Batch)
		if w.opts.Workers > 1 && n > 1 {
			// Bound what one batch holds in memory: a run of 25 MB messages
			// is taken a few at a time.
			sizes, err := w.sizes(s, uids[:n])
			if err != nil {
				return 0, err
			}
			var total int64
			for i, u := range uids[:n] {
				total += sizes[u]
				if i > 0 && total > w.opts.BatchBytes {
					n = i
					break
				}
			}
		}
		retry, err := w.batch(ctx, s, uids[:n])
		if err != nil || retry > 0 {
			return retry, err
		}
		uids = uids[n:]
	}
	w.sinkDelay = w.opts.MinBackoff
	return 0, nil
}

// search returns the UIDs above mark in ascending order. NOOP first: some
// servers (Dovecot) only notice new mail when a command ends, so a SEARCH
// after a quiet poll interval could miss what arrived during it.
//
// It searches by UID only, not NOT SEEN: the mark alone decides what is new.
// A customer's mail that a person opened (and so \Seen) in a mail client
// before rmad got to it must still be processed, and after a UIDVALIDITY
// change every message is offered again and the Sink sorts out replays.
func (w *Watcher) search(s *conn, mark uint32) ([]uint32, error) {
	if err := s.cmd(func() error { return s.c.Noop().Wait() }); err != nil {
		return nil, fmt.Errorf("mailin: noop: %w", err)
	}
	var set imap.UIDSet
	set.AddRange(imap.UID(mark+1), 0) // mark+1:*
	var data *imap.SearchData
	err := s.cmd(func() (err error) {
		data, err = s.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mailin: uid search %d:*: %w", mark+1, err)
	}
	all, ok := data.All.(imap.UIDSet)
	if !ok {
		return nil, nil
	}
	nums, ok := all.Nums()
	if !ok {
		return nil, fmt.Errorf("mailin: uid search %d:*: server returned a dynamic set", mark+1)
	}
	out := make([]uint32, 0, len(nums))
	for _, n := range nums {
		// "mark+1:*" matches the highest UID even when it is below mark+1
		// (RFC 3501 6.4.8: * is the largest UID in use), so filter.
		if uint32(n) > mark {
			out = append(out, uint32(n))
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// fetch gets one message's raw bytes with BODY.PEEK[], which, unlike BODY[],
// does not set \Seen: a message is flagged only after the Sink committed it.
func (w *Watcher) fetch(s *conn, uid uint32) (Message, bool, error) {
	var bufs []*imapclient.FetchMessageBuffer
	err := s.cmd(func() (err error) {
		bufs, err = s.c.Fetch(imap.UIDSetNum(imap.UID(uid)), &imap.FetchOptions{
			UID:          true,
			InternalDate: true,
			BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
		}).Collect()
		return err
	})
	if err != nil {
		return Message{}, false, fmt.Errorf("mailin: fetch uid %d: %w", uid, err)
	}
	for _, b := range bufs {
		if uint32(b.UID) != uid {
			continue
		}
		m := Message{Mailbox: w.mb.Name, UIDValidity: s.uidValidity, UID: uid, InternalDate: b.InternalDate, Raw: []byte{}}
		for _, sec := range b.BodySection {
			m.Raw = sec.Bytes
		}
		return m, true, nil
	}
	return Message{}, false, nil
}

// handle delivers one message and, once it is committed (or quarantined),
// flags it and advances the mark, in that order: a crash in between replays
// the message and the Sink makes the replay a no-op.
func (w *Watcher) handle(ctx context.Context, s *conn, m Message) (retry time.Duration, err error) {
	log := w.log.With("uid", m.UID, "uidvalidity", m.UIDValidity)
	cause := w.deliver(ctx, m)
	if ctx.Err() != nil {
		// Shutting down: a Deliver cut short is no failure of the message.
		return 0, ctx.Err()
	}
	if cause != nil {
		if retry := w.failed(ctx, m, cause); retry > 0 {
			return retry, nil
		}
	} else {
		log.Debug("mailin: delivered")
		if w.opts.AfterDeliver != nil {
			w.opts.AfterDeliver(m)
		}
	}
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	if err := w.after(s, m.UID); err != nil {
		return 0, err
	}
	if err := w.sink.SetMark(ctx, w.mb.Name, Mark{UIDValidity: m.UIDValidity, UID: m.UID}); err != nil {
		// Flagged but not marked: the next check offers it again (for
		// after=seen) and the Sink sees a replay.
		return w.sinkTrouble(ctx, "mailin: cannot advance mark", err)
	}
	return 0, nil
}

// batch fetches a run of UIDs in one FETCH and delivers them with
// Options.Workers goroutines. Messages from one sender stay in order on one
// worker (a customer's correction must not overtake their request); others
// are committed in parallel, so the database groups their commits. Then
// every committed message is flagged in one command and the mark advances
// past the last UID of the run that needs no retry.
func (w *Watcher) batch(ctx context.Context, s *conn, uids []uint32) (time.Duration, error) {
	if len(uids) == 1 || w.opts.Workers <= 1 {
		for _, uid := range uids {
			m, ok, err := w.fetch(s, uid)
			if err != nil {
				return 0, err
			}
			if !ok {
				continue
			}
			if retry, err := w.handle(ctx, s, m); err != nil || retry > 0 {
				return retry, err
			}
		}
		return 0, nil
	}
	msgs, err := w.fetchMany(s, uids)
	if err != nil {
		return 0, err
	}
	causes := make([]error, len(msgs))
	lanes := make([][]int, w.opts.Workers)
	for i, m := range msgs {
		k := int(senderKey(m.Raw) % uint32(w.opts.Workers))
		lanes[k] = append(lanes[k], i)
	}
	var wg sync.WaitGroup
	for _, lane := range lanes {
		if len(lane) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, i := range lane {
				if ctx.Err() != nil {
					causes[i] = ctx.Err()
					continue
				}
				causes[i] = w.deliver(ctx, msgs[i])
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	var done imap.UIDSet
	var last uint32
	var retry time.Duration
	for i, m := range msgs {
		if cause := causes[i]; cause != nil {
			if retry = w.failed(ctx, m, cause); retry > 0 {
				break
			}
		} else if w.opts.AfterDeliver != nil {
			w.opts.AfterDeliver(m)
		}
		done.AddNum(imap.UID(m.UID))
		last = m.UID
	}
	if len(done) > 0 {
		if err := w.afterSet(s, done); err != nil {
			return 0, err
		}
	}
	if last > 0 {
		if err := w.sink.SetMark(ctx, w.mb.Name, Mark{UIDValidity: s.uidValidity, UID: last}); err != nil {
			return w.sinkTrouble(ctx, "mailin: cannot advance mark", err)
		}
	}
	return retry, nil
}

// holdLease takes or renews the mailbox lease when the Sink is a Leaser. When
// another process holds it, this one stands by: held is false and retry says
// when to look again.
func (w *Watcher) holdLease(ctx context.Context) (held bool, retry time.Duration, err error) {
	l, ok := w.sink.(Leaser)
	if !ok {
		return true, 0, nil
	}
	got, err := l.Lease(ctx, w.mb.Name, w.opts.LeaseTTL)
	if err != nil {
		retry, err = w.sinkTrouble(ctx, "mailin: cannot take the mailbox lease", err)
		return false, retry, err
	}
	switch {
	case !got && !w.standby:
		w.log.Info("mailin: another rmad process holds this mailbox; standing by")
		w.standby = true
	case got && w.standby:
		w.log.Info("mailin: took over the mailbox lease")
		w.standby = false
	}
	if !got {
		return false, w.opts.LeaseTTL / 3, nil
	}
	w.leasedAt = time.Now()
	return true, 0, nil
}

// sizes returns the RFC822.SIZE of each UID, in one FETCH.
func (w *Watcher) sizes(s *conn, uids []uint32) (map[uint32]int64, error) {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	var bufs []*imapclient.FetchMessageBuffer
	err := s.cmd(func() (err error) {
		bufs, err = s.c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mailin: fetch sizes: %w", err)
	}
	out := make(map[uint32]int64, len(bufs))
	for _, b := range bufs {
		out[uint32(b.UID)] = b.RFC822Size
	}
	return out, nil
}

// fetchMany fetches several messages in one command, in UID order; UIDs
// expunged meanwhile are simply absent.
func (w *Watcher) fetchMany(s *conn, uids []uint32) ([]Message, error) {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	var bufs []*imapclient.FetchMessageBuffer
	err := s.cmd(func() (err error) {
		bufs, err = s.c.Fetch(set, &imap.FetchOptions{
			UID:          true,
			InternalDate: true,
			BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
		}).Collect()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mailin: fetch %d messages: %w", len(uids), err)
	}
	out := make([]Message, 0, len(bufs))
	for _, b := range bufs {
		m := Message{Mailbox: w.mb.Name, UIDValidity: s.uidValidity, UID: uint32(b.UID), InternalDate: b.InternalDate, Raw: []byte{}}
		for _, sec := range b.BodySection {
			m.Raw = sec.Bytes
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Message) int { return cmp.Compare(a.UID, b.UID) })
	return out, nil
}

// senderKey hashes the From header's address (a cheap scan, no MIME
// parsing), so one sender's messages go to one worker.
func senderKey(raw []byte) uint32 {
	h := fnv.New32a()
	head := raw[:min(len(raw), 64<<10)]
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			break // end of the header
		}
		if len(line) > 5 && bytes.EqualFold(line[:5], []byte("from:")) {
			v := line[5:]
			if i := bytes.LastIndexByte(v, '<'); i >= 0 {
				v = v[i+1:]
				if j := bytes.IndexByte(v, '>'); j >= 0 {
					v = v[:j]
				}
			}
			h.Write(bytes.ToLower(bytes.TrimSpace(v)))
			return h.Sum32()
		}
	}
	return 0
}

// failed records a failed delivery and quarantines the message after
// MaxTries. It returns how long to wait before trying again, or 0 when the
// message is quarantined and may be flagged.
func (w *Watcher) failed(ctx context.Context, m Message, cause error) time.Duration {
	log := w.log.With("uid", m.UID, "uidvalidity", m.UIDValidity)
	attempts, err := w.sink.Failed(ctx, m, cause)
	if err != nil {
		// Without a record of this try, quarantining could happen on a
		// message that never had its MaxTries: wait for the store instead.
		log.Warn("mailin: delivery failed and the failure cannot be recorded; retrying later", "err", err, "cause", cause)
		return w.sinkDelayNext()
	}
	if attempts < w.mb.MaxTries {
		log.Warn("mailin: delivery failed; retrying later", "err", cause, "attempts", attempts)
		return w.sinkDelayNext()
	}
	// The count travels with the message: the Sink has no other way to
	// know it, and a quarantine after a failed Quarantine call has had more
	// tries than MaxTries.
	m.Attempts = attempts
	if err := w.sink.Quarantine(ctx, m, cause); err != nil {
		log.Warn("mailin: cannot quarantine message; retrying later", "err", err, "cause", cause)
		return w.sinkDelayNext()
	}
	log.Error("mailin: message quarantined", "err", cause, "attempts", attempts)
	return 0
}

// deliver calls Sink.Deliver and turns a panic into an error, so one poison
// message is retried and quarantined like any failure instead of killing the
// watcher.
func (w *Watcher) deliver(ctx context.Context, m Message) (err error) {
	defer func() {
		if v := recover(); v != nil {
			w.log.Error("mailin: deliver panicked", "uid", m.UID, "uidvalidity", m.UIDValidity, "panic", v, "stack", string(debug.Stack()))
			if perr, ok := v.(error); ok {
				err = fmt.Errorf("mailin: deliver panicked: %w", perr)
			} else {
				err = fmt.Errorf("mailin: deliver panicked: %v", v)
			}
		}
	}()
	return w.sink.Deliver(ctx, m)
}

func (w *Watcher) sinkTrouble(ctx context.Context, msg string, err error) (time.Duration, error) {
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	w.log.Warn(msg+"; retrying later", "err", err)
	return w.sinkDelayNext(), nil
}

func (w *Watcher) sinkDelayNext() time.Duration {
	d := w.sinkDelay
	w.sinkDelay = min(2*w.sinkDelay, w.opts.MaxBackoff)
	return d
}

// after applies Mailbox.After to a committed message.
func (w *Watcher) after(s *conn, uid uint32) error {
	return w.afterSet(s, imap.UIDSetNum(imap.UID(uid)))
}

// afterSet applies Mailbox.After to committed messages in one command.
func (w *Watcher) afterSet(s *conn, set imap.UIDSet) error {
	uid := set.String()
	switch {
	case w.mb.After == "seen":
		return s.store(set, imap.FlagSeen)
	case w.mb.After == "delete":
		if err := s.store(set, imap.FlagDeleted); err != nil {
			return err
		}
		return s.expunge(set)
	default:
		dest := strings.TrimPrefix(w.mb.After, "move:")
		if err := s.ensureFolder(dest); err != nil {
			return err
		}
		if s.caps.Has(imap.CapMove) {
			return s.cmd(func() error {
				if _, err := s.c.Move(set, dest).Wait(); err != nil {
					return fmt.Errorf("mailin: move uid %s to %s: %w", uid, dest, err)
				}
				return nil
			})
		}
		// No MOVE (RFC 6851): copy, then delete. A crash between the two
		// leaves a copy in dest and the original here, which is replayed.
		err := s.cmd(func() error {
			if _, err := s.c.Copy(set, dest).Wait(); err != nil {
				return fmt.Errorf("mailin: copy uid %s to %s: %w", uid, dest, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.store(set, imap.FlagDeleted); err != nil {
			return err
		}
		return s.expunge(set)
	}
}

func (s *conn) store(set imap.UIDSet, flag imap.Flag) error {
	return s.cmd(func() error {
		err := s.c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{flag}}, nil).Close()
		if err != nil {
			return fmt.Errorf("mailin: store %s %s: %w", set, flag, err)
		}
		return nil
	})
}

// expunge removes set. Without UIDPLUS (RFC 4315) only a plain EXPUNGE
// exists, which also removes whatever else someone marked \Deleted.
func (s *conn) expunge(set imap.UIDSet) error {
	return s.cmd(func() error {
		var err error
		if s.caps.Has(imap.CapUIDPlus) {
			err = s.c.UIDExpunge(set).Close()
		} else {
			err = s.c.Expunge().Close()
		}
		if err != nil {
			return fmt.Errorf("mailin: expunge %s: %w", set, err)
		}
		return nil
	})
}

// ensureFolder creates the move: destination once per connection if LIST
// does not show it.
func (s *conn) ensureFolder(name string) error {
	if s.destReady {
		return nil
	}
	return s.cmd(func() error {
		found, err := s.c.List("", name, nil).Collect()
		if err != nil {
			return fmt.Errorf("mailin: list %s: %w", name, err)
		}
		if len(found) == 0 {
			err := s.c.Create(name, nil).Wait()
			var imapErr *imap.Error
			if err != nil && !(errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeAlreadyExists) {
				return fmt.Errorf("mailin: create %s: %w", name, err)
			}
		}
		s.destReady = true
		return nil
	})
}
