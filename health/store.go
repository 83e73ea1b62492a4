package health

import (
	"context"
	"fmt"
	"time"

	"rmad/store"
)

// Outbox reports the oldest unsent mail when it was queued more than
// threshold ago: the relay refuses, stalls or is unreachable.
func Outbox(db store.DBTX, threshold time.Duration) CheckFunc {
	return func(ctx context.Context, now time.Time) []Problem {
		b, err := store.OutboxBacklog(ctx, db)
		if err != nil {
			return []Problem{{Check: "outbox", Reason: fmt.Sprintf("cannot read the outbox: %v", err)}}
		}
		var out []Problem
		if b.OldestQueued != nil && now.Sub(*b.OldestQueued) > threshold {
			out = append(out, Problem{Check: "outbox", Since: b.OldestQueued,
				Reason: fmt.Sprintf("oldest unsent mail queued %s ago (threshold %s); %d unsent", ago(now, *b.OldestQueued), threshold, b.Depth)})
		}
		// Held mail waits for an operator whatever its age: the desk
		// stopped retrying it, so nothing but a person ends this.
		if b.Held > 0 {
			out = append(out, Problem{Check: "outbox", Subject: "held", Since: b.OldestHeld,
				Reason: fmt.Sprintf("%d mails held after a relay outage; release them with rmad outbox retry --all-held or drop them with rmad outbox drop ID", b.Held)})
		}
		return out
	}
}

// Jobs reports each scheduled job whose last failures runs all failed.
// Jobs not in scheduled (turned off here) are left out: an old failure of a
// job nobody runs any more is no alarm.
func Jobs(db store.DBTX, failures int, scheduled map[string]bool) CheckFunc {
	return func(ctx context.Context, now time.Time) []Problem {
		js, err := store.JobsHealth(ctx, db)
		if err != nil {
			return []Problem{{Check: "job", Reason: fmt.Sprintf("cannot read the job runs: %v", err)}}
		}
		var out []Problem
		for _, j := range js {
			if !scheduled[j.Job] || j.ConsecutiveFailures < failures {
				continue
			}
			reason := fmt.Sprintf("failed its last %d runs (threshold %d): %s", j.ConsecutiveFailures, failures, j.LastError)
			if j.LastSuccessAt != nil {
				reason += fmt.Sprintf("; last success %s ago", ago(now, *j.LastSuccessAt))
			}
			out = append(out, Problem{Check: "job", Subject: j.Job, Reason: reason, Since: j.FailingSince})
		}
		return out
	}
}
