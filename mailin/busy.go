package mailin

// Staying out of IDLE while mail keeps coming.
//
// Dovecot 2.3 tells an IDLE client about a change of the folder only
// NOTIFY_DELAY_MSECS (500 ms, a compile-time constant in
// src/lib-storage/mailbox-watch.c, not a setting) after its inotify watch
// fired: notify_callback arms a 500 ms timer and the EXISTS goes out when it
// ends. NOOP, by contrast, syncs the mailbox and reports EXISTS in its answer
// at once (src/imap/cmd-noop.c: cmd_sync). A watcher that went back to IDLE
// after every check would make every message of a steady stream pay up to
// 500 ms; instead, after a check that found mail it sends NOOP at once (and
// checks again only when that reports more mail: a SEARCH that finds
// nothing costs the server a sync for no news), and it polls with NOOP for
// Linger after the last mail before it idles. The
// check after a NOOP that reported mail sends no NOOP of its own. Only the
// first mail after a quiet spell waits for the server's push.
//
// The defaults: the first poll comes 10 ms after a check, the gap between
// mails at 100 messages/s, and each NOOP that finds nothing doubles the
// pause, up to 8 times LingerPoll (80 ms): mail that keeps coming is
// noticed within a few milliseconds, and a desk that got a single mail
// sends about 30 NOOPs in the 2 s before it idles, not 200. Each NOOP is a
// mailbox sync for the server (for a Dovecot maildir, a scan of a directory
// that every flag change touches), so polling every 10 ms throughout cost
// Dovecot and rmad more CPU per message at 20 messages/s than the message
// itself. 2 s of lingering keeps any stream faster than one mail every 2 s
// out of IDLE; a quiet desk sends nothing extra. Both stay far below LeaseTTL/3, and the lease is renewed on
// time anyway (linger stops for a check when renewal is due).

import (
	"context"
	"errors"
	"fmt"
	"time"
)

const (
	defaultLinger     = 2 * time.Second
	defaultLingerPoll = 10 * time.Millisecond
	// lingerBackoff bounds the pause between NOOPs that find nothing, as a
	// multiple of LingerPoll.
	lingerBackoff = 8
)

// lingering reports whether mail was seen recently enough (lastMail, zero
// when none on this connection) to poll rather than IDLE.
func (w *Watcher) lingering(lastMail, now time.Time) bool {
	return !lastMail.IsZero() && now.Sub(lastMail) < w.opts.Linger
}

// leaseDue reports whether the mailbox lease should be renewed now: the
// Sink is a Leaser and LeaseTTL/3 passed since the last renewal.
func (w *Watcher) leaseDue(now time.Time) bool {
	_, ok := w.sink.(Leaser)
	return ok && now.Sub(w.leasedAt) >= w.opts.LeaseTTL/3
}

// linger sends NOOP LingerPoll after it starts, then after twice that
// pause, and so on up to lingerBackoff times LingerPoll, until until; and at
// once when probe
// is set (after a check that found mail: a NOOP tells whether more came
// meanwhile, and costs the server less than another SEARCH). It returns
// news as soon as the server reports EXISTS, Poke is called or the lease
// is due (the caller checks then), and no news once until passed (the
// caller waits in IDLE). synced means a NOOP reported the news, so the
// check that follows needs no NOOP of its own. It ends with an error like
// wait: ctx ended, the server hung up or a NOOP failed.
func (w *Watcher) linger(ctx context.Context, s *conn, until time.Time, probe bool) (news, synced bool, err error) {
	pause := w.opts.LingerPoll
	for ; ; pause = min(2*pause, lingerBackoff*w.opts.LingerPoll) {
		if probe {
			if err := s.cmd(func() error { return s.c.Noop().Wait() }); err != nil {
				return false, false, fmt.Errorf("mailin: noop: %w", err)
			}
			// The EXISTS came with the NOOP's answer (the client's handler
			// has run by the time Wait returns), or with an earlier
			// command's: the NOOP synced after it either way.
			select {
			case <-s.newMail:
				return true, true, nil
			default:
			}
		}
		probe = true
		now := time.Now()
		if w.leaseDue(now) {
			return true, false, nil
		}
		left := until.Sub(now)
		if left <= 0 {
			return false, false, nil
		}
		timer := time.NewTimer(min(pause, left))
		select {
		case <-ctx.Done():
			timer.Stop()
			return false, false, ctx.Err()
		case <-s.c.Closed():
			timer.Stop()
			return false, false, errors.New("mailin: server closed the connection")
		case <-w.poke:
			timer.Stop()
			return true, false, nil
		case <-s.newMail:
			timer.Stop()
			return true, false, nil
		case <-timer.C:
		}
	}
}
