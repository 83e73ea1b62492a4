package main

import (
	"strings"
	"testing"
	"time"
)

// rmad's own part runs from received_at to the answer, end to end from the
// APPEND to the answer; an unanswered message is in neither.
func TestLatencyStatsOwnPart(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	items := []*item{{kind: "new", msgID: "a", expectAck: true}, {kind: "new", msgID: "b", expectAck: true}, {kind: "new", msgID: "c", expectAck: true}}
	done := []time.Time{ms(0), ms(10), ms(20)}
	started := map[string]time.Time{"a": ms(300), "b": ms(40), "c": ms(25)}
	first := map[string]time.Time{"a": ms(350), "b": ms(100)}
	res, n := latencyStats(items, done, first, started)
	if n != 2 || res.Summary.Unanswered != 1 {
		t.Fatalf("answered %d, unanswered %d; want 2 and 1", n, res.Summary.Unanswered)
	}
	if res.Own.P50 != 50 || res.Own.Max != 60 || res.Own.Count != 2 {
		t.Fatalf("own %+v, want p50 50 ms, max 60 ms of 2", res.Own)
	}
	if res.Summary.P50 != 90 || res.Summary.Max != 350 {
		t.Fatalf("end to end %+v, want p50 90 ms, max 350 ms", res.Summary)
	}
	if res.Stages["ingest_to_sink"] != res.Own {
		t.Fatalf("stage ingest_to_sink %+v differs from own %+v", res.Stages["ingest_to_sink"], res.Own)
	}
}

func TestJudgeLatency(t *testing.T) {
	good := latencySummary{P95: 420, Answered: 10, Offered: 100, Achieved: 99}
	for _, c := range []struct {
		name   string
		e2e    latencySummary
		ownP95 float64
		missed string // "" when met
	}{
		{"met", good, 80, ""},
		{"own too slow", good, 100, "own p95 100 ms"},
		{"e2e too slow", latencySummary{P95: 519, Answered: 10, Offered: 100, Achieved: 100}, 20, "end to end p95 519 ms"},
		{"rate not reached", latencySummary{P95: 100, Answered: 10, Offered: 100, Achieved: 29}, 20, "reached 29/s of 100/s"},
		{"nothing answered", latencySummary{Offered: 100, Achieved: 100}, 0, "nothing answered"},
	} {
		own := stageSummary{P95: c.ownP95, Count: c.e2e.Answered}
		got := judgeLatency(c.e2e, own)
		if got.Met != (c.missed == "") || !strings.Contains(got.String(), c.missed) {
			t.Errorf("%s: %s (met %v), want it to say %q", c.name, got, got.Met, c.missed)
		}
	}
}
