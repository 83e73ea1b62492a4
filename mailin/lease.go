package mailin

// The mailbox lease (Leaser): with several rmad processes on one mailbox,
// only the holder fetches; the others stand by and take over when it lapses.

import (
	"context"
	"time"
)

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
