package main

import (
	"bufio"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// percentile is the nearest-rank percentile (p in 0..100) of sorted: the
// smallest value with at least p% of the values at or below it.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// latencySummary is one offered rate's figures, in milliseconds.
type latencySummary struct {
	P50     float64 `json:"p50"`
	P95     float64 `json:"p95"`
	P99     float64 `json:"p99"`
	Max     float64 `json:"max"`
	Offered float64 `json:"offered_per_s"`
	// Achieved is the append rate actually reached.
	Achieved float64 `json:"achieved_per_s"`
	Messages int     `json:"messages"`
	// Answered is how many got a customer answer (the latency sample);
	// bounces, auto-replies and follow-ups that add nothing get none.
	Answered int `json:"answered"`
	// Unanswered counts new requests whose answer never came before the
	// deadline; non-zero makes the percentiles lower bounds.
	Unanswered int `json:"unanswered"`
}

func summarize(ds []time.Duration) latencySummary {
	s := slices.Clone(ds)
	slices.Sort(s)
	ms := func(d time.Duration) float64 { return math.Round(float64(d)/float64(time.Millisecond)*10) / 10 }
	out := latencySummary{Answered: len(s)}
	if len(s) == 0 {
		return out
	}
	out.P50, out.P95, out.P99, out.Max = ms(percentile(s, 50)), ms(percentile(s, 95)), ms(percentile(s, 99)), ms(s[len(s)-1])
	return out
}

// parseOutcomes sums rmad_messages_total by outcome from a Prometheus text
// exposition.
func parseOutcomes(text string) map[string]float64 {
	out := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "rmad_messages_total{") {
			continue
		}
		end := strings.LastIndexByte(line, '}')
		if end < 0 {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(line[end+1:]), 64)
		if err != nil {
			continue
		}
		labels := line[len("rmad_messages_total{"):end]
		for _, kv := range strings.Split(labels, ",") {
			k, val, ok := strings.Cut(kv, "=")
			if ok && k == "outcome" {
				out[strings.Trim(val, `"`)] += v
			}
		}
	}
	return out
}

// committedIngests counts the Ingest calls that committed a message copy:
// every outcome but a replay (recognised as already committed, a no-op) and
// failed or quarantined tries.
func committedIngests(outcomes map[string]float64) int {
	n := 0.0
	for k, v := range outcomes {
		switch k {
		case "replay", "failed", "quarantined":
		default:
			n += v
		}
	}
	return int(n)
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

// Issue 15's latency goals at 100 messages/s, in milliseconds: rmad's own
// part (it has the message -> the answer accepted) and end to end (APPEND
// completed -> the answer accepted).
const (
	ownP95TargetMS      = 100
	endToEndP95TargetMS = 500
)

// latencyTarget is one run judged against those goals.
type latencyTarget struct {
	OwnP95MS      float64 `json:"own_p95_ms"`
	EndToEndP95MS float64 `json:"end_to_end_p95_ms"`
	Met           bool    `json:"met"`
	// Missed says which goal was missed and by how much, or why the run
	// cannot be judged (nothing answered, or the offered rate not reached,
	// which makes the figures those of a lower load).
	Missed []string `json:"missed,omitempty"`
}

func judgeLatency(e2e latencySummary, own stageSummary) latencyTarget {
	t := latencyTarget{OwnP95MS: ownP95TargetMS, EndToEndP95MS: endToEndP95TargetMS}
	if own.Count == 0 || e2e.Answered == 0 {
		t.Missed = append(t.Missed, "nothing answered")
		return t
	}
	if own.P95 >= ownP95TargetMS {
		t.Missed = append(t.Missed, fmt.Sprintf("own p95 %.0f ms >= %d ms", own.P95, ownP95TargetMS))
	}
	if e2e.P95 >= endToEndP95TargetMS {
		t.Missed = append(t.Missed, fmt.Sprintf("end to end p95 %.0f ms >= %d ms", e2e.P95, endToEndP95TargetMS))
	}
	if e2e.Offered > 0 && e2e.Achieved < 0.9*e2e.Offered {
		t.Missed = append(t.Missed, fmt.Sprintf("appends reached %.0f/s of %.0f/s offered", e2e.Achieved, e2e.Offered))
	}
	if e2e.Unanswered > 0 {
		t.Missed = append(t.Missed, fmt.Sprintf("%d requests unanswered", e2e.Unanswered))
	}
	t.Met = len(t.Missed) == 0
	return t
}

func (t latencyTarget) String() string {
	goal := fmt.Sprintf("own p95 < %.0f ms, end to end p95 < %.0f ms", t.OwnP95MS, t.EndToEndP95MS)
	if t.Met {
		return "target met (" + goal + ")"
	}
	return "target MISSED (" + goal + "): " + strings.Join(t.Missed, "; ")
}
