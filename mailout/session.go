package mailout

// Keeping a round's SMTP session for the next round. A desk that answers a
// mail every second or two would otherwise open a connection for each
// round (with a real relay also a TLS handshake and an AUTH) and QUIT it
// again; Postfix's SMTP client keeps sessions the same way
// (smtp_connection_cache_time_limit). A kept session is closed with QUIT
// once idle for Options.KeepSession, and is checked with NOOP before it
// carries another round, so a relay that dropped it meanwhile costs a
// fresh dial, not a deferred batch. It carries at most Batch mails in all
// and lives at most sessionMaxAge: relays limit both (Exchange's receive
// connectors take 20 messages per connection by default).

import (
	"context"
	"time"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// DefaultKeepSession is how long an idle session is kept for the next
// round.
const DefaultKeepSession = 5 * time.Second

// sessionMaxAge bounds how long one session is used, however busy.
const sessionMaxAge = 5 * time.Minute

// session is one open SMTP session.
type session struct {
	client *gomail.Client
	conn   *gosmtp.Client
	opened time.Time
	idle   time.Time // when its last round ended
	mails  int       // mails it carried (accepted or not)
}

// quit closes sess with QUIT; every mail it carried is marked already, so
// a failed QUIT only closes the socket.
func (s *Sender) quit(sess *session) {
	if sess != nil {
		_ = sess.client.CloseWithSMTPClient(sess.conn)
	}
}

// openSession returns the session for a round of n mails: *kept when it
// may carry them (fresh enough and answering NOOP), else a new one. *kept
// is cleared either way: the round hands the session back when it ends
// well.
func (s *Sender) openSession(ctx context.Context, kept **session, n int) (*session, error) {
	if kept != nil && *kept != nil {
		sess := *kept
		*kept = nil
		if s.usable(sess, n) {
			return sess, nil
		}
		s.quit(sess)
	}
	client, conn, err := s.connect(ctx)
	if err != nil {
		return nil, err
	}
	return &session{client: client, conn: conn, opened: s.opts.Now()}, nil
}

// usable reports whether a kept session may carry a round of n mails.
func (s *Sender) usable(sess *session, n int) bool {
	now := s.opts.Now()
	if now.Sub(sess.idle) >= s.opts.KeepSession || now.Sub(sess.opened) >= sessionMaxAge || sess.mails+n > s.opts.Batch {
		return false
	}
	if err := sess.conn.UpdateDeadline(s.smtp.Timeout); err != nil {
		return false
	}
	if err := sess.conn.Noop(); err != nil {
		s.log.Info("mailout: kept SMTP session gone; dialing again", "err", err)
		return false
	}
	return true
}

// endRound keeps sess in *kept when the round left it usable (good) and
// keeping is on; otherwise it closes it.
func (s *Sender) endRound(sess *session, kept **session, good bool) {
	if !good || kept == nil || s.opts.KeepSession < 0 {
		s.quit(sess)
		return
	}
	sess.idle = s.opts.Now()
	*kept = sess
}

// keptTimer fires when a kept session has been idle for KeepSession (nil
// channel: no session kept).
func (s *Sender) keptTimer(sess *session) (<-chan time.Time, func() bool) {
	if sess == nil {
		return nil, func() bool { return false }
	}
	t := time.NewTimer(max(0, sess.idle.Add(s.opts.KeepSession).Sub(s.opts.Now())))
	return t.C, t.Stop
}
