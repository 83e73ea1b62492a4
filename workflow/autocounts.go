package workflow

// The automatic-answer counters of one transaction: kept in memory while it
// runs and written in one statement just before it commits.

import (
	"context"
	"fmt"
	"sync"
	"time"

	"rmad/store"
)

// tallyKey is a counter: a scope's clock hour, or (sender) the answers
// to one rate key, which the outbox counts once committed and no counter
// row holds.
type tallyKey struct {
	scope  string
	hour   time.Time
	sender bool
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
//
// shared, when set, is the desk's inflight: what every transaction of the
// process has counted and not yet committed. Without it concurrent lanes,
// each a whole batch long, would each be blind to the others' answers, and
// a flood spread over four lanes got four times a cap through.
type autoCounts struct {
	done, own map[tallyKey]int64
	shardKey  int64 // picks the desk counter's shard: the first ticket counted
	shardSet  bool
	shared    *inflight
}

func newAutoCounts() *autoCounts {
	return &autoCounts{done: map[tallyKey]int64{}, own: map[tallyKey]int64{}}
}

// inflight is the automatic answers counted by the desk's transactions
// that have not ended yet. A transaction adds to it as it counts and takes
// its part out only after its commit (or rollback), so an answer is always
// visible here, in the database, or in both (counted twice for a moment,
// which errs on the side of the cap).
//
// admit is held by a transaction from the database read of a cap to the
// counting of the answer it admits (work.admit), and by release: a
// transaction that commits during that read (after its snapshot) cannot
// take its counts out before the decision, and two transactions cannot
// both take the last answer a cap allows. Bumps and drops need not wait
// for it: what they add is seen at the decision, what they take back was
// never in the database.
type inflight struct {
	admit sync.Mutex
	mu    sync.Mutex
	n     map[tallyKey]int64
}

func (f *inflight) move(m map[tallyKey]int64, sign int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == nil {
		f.n = map[tallyKey]int64{}
	}
	for k, v := range m {
		if f.n[k] += sign * v; f.n[k] == 0 {
			delete(f.n, k)
		}
	}
}

func (f *inflight) get(k tallyKey) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n[k]
}

// add counts one answer for scope at now, on behalf of ticket.
func (t *autoCounts) add(scope string, ticket int64, now time.Time) {
	if !t.shardSet {
		t.shardKey, t.shardSet = ticket, true
	}
	t.bump(tallyKey{scope: scope, hour: now.UTC().Truncate(time.Hour)})
}

// addSender counts one answer to the rate key key, for the caps of other
// transactions (this one sees its own in the outbox).
func (t *autoCounts) addSender(key string) { t.bump(tallyKey{scope: key, sender: true}) }

func (t *autoCounts) bump(k tallyKey) {
	t.own[k]++
	if t.shared != nil {
		t.shared.move(map[tallyKey]int64{k: 1}, 1)
	}
}

// get is scope's count of hour in this transaction and, with shared, in
// every other one not yet committed.
func (t *autoCounts) get(scope string, hour time.Time) int64 {
	k := tallyKey{scope: scope, hour: hour}
	if t.shared != nil {
		return t.shared.get(k)
	}
	return t.done[k] + t.own[k]
}

// others is the answers to key counted by other transactions not yet
// committed.
func (t *autoCounts) others(key string) int64 {
	if t.shared == nil {
		return 0
	}
	k := tallyKey{scope: key, sender: true}
	return t.shared.get(k) - t.done[k] - t.own[k]
}

// keep makes the current message's counts part of the transaction's.
func (t *autoCounts) keep() {
	for k, n := range t.own {
		t.done[k] += n
	}
	clear(t.own)
}

// drop forgets the current message's counts: its savepoint rolled back.
func (t *autoCounts) drop() {
	if t.shared != nil {
		t.shared.move(t.own, -1)
	}
	clear(t.own)
}

// release takes the transaction's counts out of shared; call it once the
// transaction has ended (committed: they are in the database now).
func (t *autoCounts) release() {
	t.drop()
	if t.shared != nil && len(t.done) > 0 {
		t.shared.admit.Lock()
		t.shared.move(t.done, -1)
		t.shared.admit.Unlock()
	}
	clear(t.done)
}

// flush writes the transaction's counts; call it last before the commit.
func (t *autoCounts) flush(ctx context.Context, db store.DBTX) error {
	t.keep()
	if len(t.done) == 0 {
		return nil
	}
	counts := make([]store.AutoReplyCount, 0, len(t.done))
	for k, n := range t.done {
		if !k.sender {
			counts = append(counts, store.AutoReplyCount{Scope: k.scope, Hour: k.hour, N: n})
		}
	}
	if err := store.AddAutoReplyCounts(ctx, db, counts, t.shardKey); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	// done stays until release: with shared, the counts leave it only
	// once the commit made them visible in the database.
	return nil
}

// admit decides whether an automatic answer to key may go, from the counts
// of the caps (capCounts over scopes) and why, which returns the reason to
// hold it or "". When it may go, count counts it at once: for the desk's
// transactions deciding and counting are one step (inflight.admit), so a
// cap is never passed by two answers that each saw room for one.
func (w *work) admit(ctx context.Context, key string, scopes []string, why func(own int, est []float64) string, count func()) (string, error) {
	if f := w.tally.shared; f != nil {
		f.admit.Lock()
		defer f.admit.Unlock()
	}
	own, est, err := w.capCounts(ctx, key, scopes...)
	if err != nil {
		return "", err
	}
	if reason := why(own, est); reason != "" {
		return reason, nil
	}
	count()
	return "", nil
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
	// What is in flight is read after the database, under admit (held by
	// the caller): no transaction took its counts out since the read, so
	// one that committed in between is seen in one or both, never in
	// neither, and every answer admitted so far is seen.
	cur := w.now.UTC().Truncate(time.Hour)
	est := make([]float64, len(scopes))
	for i, scope := range scopes {
		this, last := w.tally.get(scope, cur), w.tally.get(scope, cur.Add(-time.Hour))
		est[i] = store.LastHourEstimate(w.now, c.This[i]+this, c.Last[i]+last)
	}
	return c.Own + int(w.tally.others(key)), est, nil
}
