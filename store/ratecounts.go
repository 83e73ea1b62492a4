package store

import (
	"context"
	"fmt"
	"time"
)

// DeskScope is the scope of the whole desk's automatic-answer counter.
const DeskScope = ""

// deskShards spreads the desk's counter over rows, so the transactions of
// concurrent messages seldom wait on one another's increment.
const deskShards = 8

// CountAutoReply records one automatic answer queued at now for scope (a
// domain, or DeskScope), inside the caller's transaction. key picks the
// desk counter's shard (a ticket id).
func CountAutoReply(ctx context.Context, db DBTX, scope string, key int64, now time.Time) error {
	shard := 0
	if scope == DeskScope {
		shard = int(key % deskShards)
		if shard < 0 {
			shard = -shard
		}
	}
	_, err := db.Exec(ctx, `INSERT INTO auto_reply_counts (scope, hour, shard, n) VALUES ($1, $2, $3, 1)
		ON CONFLICT (scope, hour, shard) DO UPDATE SET n = auto_reply_counts.n + 1`, scope, now.UTC().Truncate(time.Hour), shard)
	if err != nil {
		return fmt.Errorf("store: count auto reply for %q: %w", scope, err)
	}
	return nil
}

// AutoRepliesLastHour estimates the automatic answers queued for scope in
// the hour before now: this clock hour's count plus the previous hour's,
// weighted by the share of it still inside the last sixty minutes (the
// sliding-window estimate; exact when answers are spread evenly).
func AutoRepliesLastHour(ctx context.Context, db DBTX, scope string, now time.Time) (float64, error) {
	cur := now.UTC().Truncate(time.Hour)
	var thisHour, lastHour int64
	err := db.QueryRow(ctx, `SELECT coalesce(sum(n) FILTER (WHERE hour = $2), 0), coalesce(sum(n) FILTER (WHERE hour = $3), 0)
		FROM auto_reply_counts WHERE scope = $1 AND hour IN ($2, $3)`, scope, cur, cur.Add(-time.Hour)).Scan(&thisHour, &lastHour)
	if err != nil {
		return 0, fmt.Errorf("store: auto replies of %q: %w", scope, err)
	}
	left := 1 - float64(now.Sub(cur))/float64(time.Hour)
	return float64(thisHour) + float64(lastHour)*left, nil
}

// PruneAutoReplyCounts deletes the counters of hours before before.
func PruneAutoReplyCounts(ctx context.Context, db DBTX, before time.Time) error {
	if _, err := db.Exec(ctx, `DELETE FROM auto_reply_counts WHERE hour < $1`, before); err != nil {
		return fmt.Errorf("store: prune auto reply counts: %w", err)
	}
	return nil
}
