package mailin

// Failures that are not the connection's: a message the Sink could not
// deliver (retried, then quarantined after MaxTries) and the Sink itself
// failing (a pause that doubles, on the same connection).

import (
	"context"
	"errors"
	"fmt"
	"time"
)

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
	return w.quarantine(ctx, m, cause, attempts)
}

// quarantine sets m aside after attempts tries; it returns 0 when done, or
// how long to wait when the Sink could not take it.
func (w *Watcher) quarantine(ctx context.Context, m Message, cause error, attempts int) time.Duration {
	log := w.log.With("uid", m.UID, "uidvalidity", m.UIDValidity)
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

// notWholeTry records a try of m, which the server lists but did not send
// whole. It is quarantined (kept true) only after MaxTries and
// NotWholeWait since this process first found it so; until then the
// session ends with cause, so the next try is on a new connection (a
// server may fail one session only) after a growing pause (Run's backoff).
// retry is set when the Sink could not record the try.
func (w *Watcher) notWholeTry(ctx context.Context, m Message, cause error) (kept bool, retry time.Duration, end error) {
	attempts, err := w.sink.Failed(ctx, m, cause)
	if err != nil {
		w.log.Warn("mailin: message not sent whole and the try cannot be recorded; retrying later", "uid", m.UID, "err", err)
		return false, w.sinkDelayNext(), nil
	}
	key := [2]uint32{m.UIDValidity, m.UID}
	first, ok := w.notWhole[key]
	if !ok {
		first = time.Now()
		w.notWhole[key] = first
	}
	if attempts < w.mb.MaxTries || time.Since(first) < w.opts.NotWholeWait {
		return false, 0, fmt.Errorf("mailin: uid %d, try %d: %w", m.UID, attempts, cause)
	}
	if retry := w.quarantine(ctx, m, cause, attempts); retry > 0 {
		return false, retry, nil
	}
	delete(w.notWhole, key)
	return true, 0, nil
}

// sinkTrouble logs that the Sink failed and returns how long to wait before
// the next check on the same connection; once ctx has ended it returns ctx's
// error instead, so the session ends.
func (w *Watcher) sinkTrouble(ctx context.Context, msg string, err error) (time.Duration, error) {
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	w.log.Warn(msg+"; retrying later", "err", err)
	return w.sinkDelayNext(), nil
}

// sinkDelayNext returns the pause before the next try after Sink trouble and
// doubles the one after it, up to MaxBackoff; a clean check resets it.
func (w *Watcher) sinkDelayNext() time.Duration {
	d := w.sinkDelay
	w.sinkDelay = min(2*w.sinkDelay, w.opts.MaxBackoff)
	return d
}

// fetchFailed handles a FETCH that broke the session (err). A server that
// cannot answer for one message (an answer go-imap cannot parse) would end
// every session at that message and block the mailbox: a failed batch of
// several is fetched one message at a time up to its last UID, and a failed
// FETCH of one message counts as a try of it (errNotWhole), so it is
// quarantined after MaxTries and NotWholeWait like one never sent whole. A
// network fault counts too, but only one that strikes the same message's
// FETCH on every new connection for that long.
func (w *Watcher) fetchFailed(ctx context.Context, s *conn, uids []uint32, err error) error {
	if len(uids) > 1 {
		w.narrow = [2]uint32{s.uidValidity, uids[len(uids)-1]}
		return err
	}
	m := Message{Mailbox: w.mb.Name, UIDValidity: s.uidValidity, UID: uids[0], Raw: []byte{}}
	kept, _, end := w.notWholeTry(ctx, m, fmt.Errorf("%w: its FETCH failed: %v", errNotWhole, err))
	if !kept {
		return errors.Join(err, end)
	}
	// Quarantined; it is the lowest UID above the mark (batches go in
	// order), so the mark may pass it.
	if serr := w.sink.SetMark(ctx, w.mb.Name, Mark{UIDValidity: s.uidValidity, UID: m.UID}); serr != nil {
		w.log.Warn("mailin: cannot advance mark past a quarantined message", "uid", m.UID, "err", serr)
	}
	return err
}
