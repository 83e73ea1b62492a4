package workflow

// The automatic-answer counters of one transaction: kept in memory while it
// runs and written in one statement just before it commits.

import (
	"context"
	"fmt"
	"time"

	"rmad/store"
)

type tallyKey struct {
	scope string
	hour  time.Time
}

// autoCounts holds a transaction's increments of the hourly automatic-answer
// counters. The counter rows are shared by every message (the desk's total,
// a big customer's domain): written where each answer is queued, they would
// be locked from there to the commit, and under group commit that is the
// rest of a whole batch, so concurrent batches would queue behind each other
// or deadlock. Reads add what this transaction counted so far, so a message
// sees the answers queued before it in its own batch exactly as if they
// were committed.
//
// own is the current message's part: dropped when its savepoint rolls back,
// kept (merged into done) when it is released.
type autoCounts struct {
	done, own map[tallyKey]int64
	shardKey  int64 // picks the desk counter's shard: the first ticket counted
	shardSet  bool
}

func newAutoCounts() *autoCounts {
	return &autoCounts{done: map[tallyKey]int64{}, own: map[tallyKey]int64{}}
}

// add counts one answer for scope at now, on behalf of ticket.
func (t *autoCounts) add(scope string, ticket int64, now time.Time) {
	if !t.shardSet {
		t.shardKey, t.shardSet = ticket, true
	}
	t.own[tallyKey{scope, now.UTC().Truncate(time.Hour)}]++
}

func (t *autoCounts) get(scope string, hour time.Time) int64 {
	k := tallyKey{scope, hour}
	return t.done[k] + t.own[k]
}

// keep makes the current message's counts part of the transaction's.
func (t *autoCounts) keep() {
	for k, n := range t.own {
		t.done[k] += n
	}
	clear(t.own)
}

// drop forgets the current message's counts: its savepoint rolled back.
func (t *autoCounts) drop() { clear(t.own) }

// flush writes the transaction's counts; call it last before the commit.
func (t *autoCounts) flush(ctx context.Context, db store.DBTX) error {
	t.keep()
	if len(t.done) == 0 {
		return nil
	}
	counts := make([]store.AutoReplyCount, 0, len(t.done))
	for k, n := range t.done {
		counts = append(counts, store.AutoReplyCount{Scope: k.scope, Hour: k.hour, N: n})
	}
	if err := store.AddAutoReplyCounts(ctx, db, counts, t.shardKey); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	clear(t.done)
	return nil
}

// capCounts reads what the caps on an automatic answer to key need, in one
// round trip: the answers queued for key in the last hour (up to the
// per-sender cap) and, for each scope, the estimate of the last hour's
// answers, including those this transaction counted and has not written
// yet. A scope "" is the desk's (store.DeskScope): a caller with no domain
// to check passes "" and ignores that estimate.
func (w *work) capCounts(ctx context.Context, key string, scopes ...string) (int, []float64, error) {
	c, err := store.ReadCapCounts(ctx, w.tx, key, w.now.Add(-time.Hour), w.d.cfg.AutoReplyLimit, scopes, w.now)
	if err != nil {
		return 0, nil, fmt.Errorf("workflow: %w", err)
	}
	cur := w.now.UTC().Truncate(time.Hour)
	est := make([]float64, len(scopes))
	for i, scope := range scopes {
		this := c.This[i] + w.tally.get(scope, cur)
		last := c.Last[i] + w.tally.get(scope, cur.Add(-time.Hour))
		est[i] = store.LastHourEstimate(w.now, this, last)
	}
	return c.Own, est, nil
}
