package main

import (
	"context"
	"time"

	"rmad/store"
)

// jobHooks record what a scheduled run of a job did beyond the job's own
// record (store.RecordJobRun): its duration, for /metrics, and whether the
// database stalled it, for /healthz.
type jobHooks struct {
	db      store.DBTX // bounded
	metrics *metrics
	health  *serveHealth
}

func (h jobHooks) ran(ctx context.Context, job string, d time.Duration, err error) {
	if ctx.Err() != nil {
		return // shutting down: the run was cut short, not slow
	}
	h.metrics.jobRan(job, d)
	_ = h.health.observe("job "+job, err)
	if h.db != nil {
		// Best effort: the duration is for the operator's eyes, and a
		// database too slow to take it already shows in /healthz.
		_ = store.RecordJobDuration(ctx, h.db, job, d)
	}
}
