package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// DeskScope is the scope of the whole desk's automatic-answer counter.
const DeskScope = ""

// deskShards spreads the desk's counter over rows, so the transactions of
// concurrent messages seldom wait on one another's increment.
const deskShards = 8

// AutoReplyCount is n automatic answers to add to scope's counter of hour.
type AutoReplyCount struct {
	Scope string
	Hour  time.Time // a clock hour, UTC
	N     int64
}

// AddAutoReplyCounts adds counts to the hourly counters in one statement,
// inside the caller's transaction, just before it commits: the counter rows
// are the hottest rows of the desk, so they are locked as late and as
// briefly as possible, and always in one order (scope, hour), so two
// transactions never wait on each other's rows in a cycle. key picks the
// desk counter's shard (a ticket id).
func AddAutoReplyCounts(ctx context.Context, db DBTX, counts []AutoReplyCount, key int64) error {
	if len(counts) == 0 {
		return nil
	}
	shard := int32(key % deskShards)
	if shard < 0 {
		shard = -shard
	}
	counts = slices.Clone(counts)
	slices.SortFunc(counts, func(a, b AutoReplyCount) int {
		return cmp.Or(cmp.Compare(a.Scope, b.Scope), a.Hour.Compare(b.Hour))
	})
	scopes, hours, shards, ns := make([]string, len(counts)), make([]time.Time, len(counts)), make([]int32, len(counts)), make([]int64, len(counts))
	for i, c := range counts {
		scopes[i], hours[i], ns[i] = c.Scope, c.Hour.UTC().Truncate(time.Hour), c.N
		if c.Scope == DeskScope {
			shards[i] = shard
		}
	}
	_, err := db.Exec(ctx, `INSERT INTO auto_reply_counts (scope, hour, shard, n)
		SELECT scope, hour, shard, n FROM unnest($1::text[], $2::timestamptz[], $3::int[], $4::bigint[]) WITH ORDINALITY AS c(scope, hour, shard, n, i) ORDER BY i
		ON CONFLICT (scope, hour, shard) DO UPDATE SET n = auto_reply_counts.n + EXCLUDED.n`, scopes, hours, shards, ns)
	if err != nil {
		return fmt.Errorf("store: count %d automatic answers: %w", len(counts), err)
	}
	return nil
}

// LastHourEstimate estimates the answers in the hour before now from the
// counts of now's clock hour and the one before: this hour's count plus the
// previous hour's, weighted by the share of it still inside the last sixty
// minutes (the sliding-window estimate; exact when answers are spread
// evenly).
func LastHourEstimate(now time.Time, thisHour, lastHour int64) float64 {
	cur := now.UTC().Truncate(time.Hour)
	left := 1 - float64(now.Sub(cur))/float64(time.Hour)
	return float64(thisHour) + float64(lastHour)*left
}

// PruneAutoReplyCounts deletes the counters of hours before before.
func PruneAutoReplyCounts(ctx context.Context, db DBTX, before time.Time) error {
	if _, err := db.Exec(ctx, `DELETE FROM auto_reply_counts WHERE hour < $1`, before); err != nil {
		return fmt.Errorf("store: prune auto reply counts: %w", err)
	}
	return nil
}

// CapCounts is what the caps on one automatic answer read, in one round
// trip: Own is the answers queued for the rate key in the last hour
// (counted up to the cap), and This and Last the counters of each scope
// asked for, for the clock hour of now and the one before.
type CapCounts struct {
	Own        int
	This, Last []int64
}

// ReadCapCounts reads CapCounts for rateKey (answers queued since since,
// counted up to upTo) and scopes.
func ReadCapCounts(ctx context.Context, db DBTX, rateKey string, since time.Time, upTo int, scopes []string, now time.Time) (CapCounts, error) {
	cur := now.UTC().Truncate(time.Hour)
	var c CapCounts
	err := db.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM (SELECT 1 FROM outbox WHERE rate_key = $1 AND queued_at > $2 LIMIT $3) s),
		ARRAY(SELECT coalesce((SELECT sum(n) FROM auto_reply_counts c WHERE c.scope = s.scope AND c.hour = $5), 0)::bigint
			FROM unnest($4::text[]) WITH ORDINALITY AS s(scope, i) ORDER BY i),
		ARRAY(SELECT coalesce((SELECT sum(n) FROM auto_reply_counts c WHERE c.scope = s.scope AND c.hour = $6), 0)::bigint
			FROM unnest($4::text[]) WITH ORDINALITY AS s(scope, i) ORDER BY i)`,
		rateKey, since, upTo, scopes, cur, cur.Add(-time.Hour)).Scan(&c.Own, &c.This, &c.Last)
	if err != nil {
		return CapCounts{}, fmt.Errorf("store: automatic answers to %q: %w", rateKey, err)
	}
	if len(c.This) != len(scopes) || len(c.Last) != len(scopes) {
		return CapCounts{}, fmt.Errorf("store: automatic answers to %q: %d and %d counts for %d scopes", rateKey, len(c.This), len(c.Last), len(scopes))
	}
	return c, nil
}
