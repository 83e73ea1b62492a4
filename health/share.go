package health

import (
	"context"
	"time"
)

// flight is a run of the checks that requests arriving meanwhile share.
type flight struct {
	done chan struct{}
	rep  Report
}

// shared runs the checks for a /healthz request, or joins the run already
// under way: a flood of requests (a load balancer per node, a monitoring
// loop gone wrong, anyone who can reach the port) then costs the database
// one ping and one round of queries at a time, not one per request taking
// connections the mailboxes and the outbox need. A joiner gets the verdict
// of a run that began at most one run's bound before it asked.
func (c *Checker) shared(ctx context.Context, now time.Time) Report {
	c.mu.Lock()
	f := c.inflight
	if f == nil {
		f = &flight{done: make(chan struct{})}
		c.inflight = f
		c.mu.Unlock()
		// The run serves the joiners too: the first asker going away
		// must not cancel it (it is bounded by the checker's timeout).
		f.rep = c.Run(context.WithoutCancel(ctx), now)
		c.mu.Lock()
		c.inflight = nil
		c.mu.Unlock()
		close(f.done)
		return f.rep
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.rep
	case <-ctx.Done():
		return Report{Status: "fail", CheckedAt: now, Problems: []Problem{{Check: "health", Reason: "request ended before the checks did"}}}
	}
}
