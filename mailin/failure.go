package mailin

// Failures that are not the connection's: a message the Sink could not
// deliver (retried, then quarantined after MaxTries) and the Sink itself
// failing (a pause that doubles, on the same connection).

import (
	"context"
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
