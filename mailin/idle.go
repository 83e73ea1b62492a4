package mailin

// Waiting for news between checks: IDLE (RFC 2177) re-issued every
// IdleRefresh, or a plain timer when the server has no IDLE; either ends early
// on Poke.

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

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
