package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// latencyResult is one offered rate.
type latencyResult struct {
	Rate    int            `json:"rate"`
	Summary latencySummary `json:"summary"`
	// ByKind are p50/p95/p99/max per kind of answered message.
	ByKind map[string]stageSummary `json:"by_kind"`
	// Stages split each answered message's latency: APPEND completed ->
	// rmad starts its transaction (IDLE wake-up, queueing behind earlier
	// mail of the mailbox, FETCH), and that start -> the sink accepts the
	// answer (parse, transaction and commit, outbox claim, SMTP).
	Stages map[string]stageSummary `json:"stages"`
	// Own is rmad's own part, the ingest_to_sink stage: from the moment rmad
	// has the message (messages.received_at, the desk's clock when the
	// watcher hands the fetched message to Ingest) to its answer accepted
	// by the sink. The rest of the end-to-end figure (Summary) is the mail
	// server's notice of new mail, the FETCH and any queueing before it.
	Own stageSummary `json:"own"`
	// Cost is what the run cost per message and how busy the machine was.
	Cost *latencyCost `json:"cost"`
	// Target judges Summary and Own against issue 15's goals.
	Target  latencyTarget `json:"target"`
	Verdict verdict       `json:"verdict"`
}

// stageSummary is p50/p95/p99/max in milliseconds of a sample.
type stageSummary struct {
	P50   float64 `json:"p50"`
	P95   float64 `json:"p95"`
	P99   float64 `json:"p99"`
	Max   float64 `json:"max"`
	Count int     `json:"count"`
}

func stage(ds []time.Duration) stageSummary {
	s := summarize(ds)
	return stageSummary{P50: s.P50, P95: s.P95, P99: s.P99, Max: s.Max, Count: s.Answered}
}

// latency appends count messages one by one at rate per second (through a
// pool of sessions, so a slow APPEND does not hold up the next) and measures,
// per message, APPEND completed -> its customer answer accepted by the sink.
func (e *env) latency(ctx context.Context, rate, count int) (*latencyResult, error) {
	name := fmt.Sprintf("lat%d", rate)
	w, err := e.newWorld(ctx, name)
	if err != nil {
		return nil, err
	}
	defer w.close()
	m := defaultMix
	m.cross = 0 // one APPEND per message, so each has one APPEND time
	// Follow-ups refer to threads opened at least a second earlier.
	items := newGenerator(e.o.seed+uint64(rate), name, m).generate(count, rate)
	sk, err := startSink()
	if err != nil {
		return nil, err
	}
	defer sk.close()
	ps, err := e.startProcs(ctx, w, 1, sk.addr())
	if err != nil {
		return nil, err
	}
	defer stopAll(ps)
	pool, err := newAppendPool(ctx, e.dove.Addr(), w.users, imapPass, 8)
	if err != nil {
		return nil, err
	}
	defer pool.close()
	// rmad is idle in IDLE now; give its watchers a moment to settle.
	time.Sleep(500 * time.Millisecond)

	if err := e.resetStatements(ctx, w); err != nil {
		return nil, err
	}
	meter, err := e.startCostMeter(ctx, w)
	if err != nil {
		return nil, err
	}
	var profWG sync.WaitGroup
	if e.o.profileDir != "" {
		secs := min(e.o.profileSeconds, max(1, count/rate))
		profWG.Go(func() {
			e.saveProfile(ctx, ps[0], fmt.Sprintf("/debug/pprof/profile?seconds=%d", secs), name+"-cpu.pprof", time.Duration(secs+30)*time.Second)
		})
	}
	logf("%s: appending %d messages at %d/s", name, count, rate)
	done, t0, err := appendPaced(ctx, pool, items, rate)
	if err != nil {
		return nil, err
	}
	var lastAppend time.Time
	for _, t := range done {
		if t.After(lastAppend) {
			lastAppend = t
		}
	}
	achieved := float64(count) / lastAppend.Sub(t0).Seconds()
	within := max(time.Minute, 3*lastAppend.Sub(t0)+time.Duration(count)*20*time.Millisecond)
	if _, err := waitDrained(ctx, w, sk, ps, count, within, name); err != nil {
		return nil, err
	}
	replies := sk.all()
	body, err := ps[0].get(ctx, "/metrics", 10*time.Second)
	if err != nil {
		return nil, fmt.Errorf("rmad metrics: %w", err)
	}
	outcomes := parseOutcomes(string(body))
	profWG.Wait()
	cost, err := meter.stop(ctx, w, ps, count)
	if err != nil {
		return nil, err
	}
	e.saveStatements(ctx, w, count)
	started, err := ingestStarts(ctx, w)
	if err != nil {
		return nil, err
	}
	res, answered := latencyStats(items, done, firstAnswers(replies), started)
	res.Rate = rate
	res.Cost = cost
	res.Summary.Offered = float64(rate)
	res.Summary.Achieved = round(achieved, 1)
	res.Summary.Messages = count
	res.Target = judgeLatency(res.Summary, res.Own)
	if res.Verdict, err = verify(ctx, w, items, replies, outcomes, count); err != nil {
		return nil, err
	}
	if e.o.profileDir != "" {
		copyFile(ps[0].logPath, filepath.Join(e.o.profileDir, name+"-rmad.log"))
	}
	s := res.Summary
	logf("%s: offered %d/s, achieved %.0f/s, %d answered: end to end p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; rmad's own part p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (append->ingest p50 %.0f p95 %.0f); %s; %s; %s",
		name, rate, achieved, s.Answered, s.P50, s.P95, s.P99, s.Max, res.Own.P50, res.Own.P95, res.Own.P99,
		res.Stages["append_to_ingest"].P50, res.Stages["append_to_ingest"].P95, res.Cost, res.Target, res.Verdict.String())
	if answered == 0 {
		return res, errors.New("no message was answered")
	}
	return res, nil
}

// appendPaced starts item i's APPEND at t0 + i/rate seconds, without waiting
// for the previous one to finish, and returns when each APPEND completed (the
// moment a message's latency is measured from) and t0.
func appendPaced(ctx context.Context, pool *appendPool, items []*item, rate int) ([]time.Time, time.Time, error) {
	done := make([]time.Time, len(items))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var appendErr error
	t0 := time.Now()
	for i, it := range items {
		target := t0.Add(time.Duration(i) * time.Second / time.Duration(rate))
		if d := time.Until(target); d > 0 {
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return nil, t0, ctx.Err()
			}
		}
		a, err := pool.get(ctx, it.mailbox)
		if err != nil {
			return nil, t0, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := a.append(it.raw)
			t := time.Now()
			pool.put(it.mailbox, a)
			mu.Lock()
			defer mu.Unlock()
			done[i] = t
			if err != nil && appendErr == nil {
				appendErr = err
			}
		}()
	}
	wg.Wait()
	if appendErr != nil {
		return nil, t0, appendErr
	}
	return done, t0, nil
}

// firstAnswers is when the sink accepted the first customer answer to each
// message, by the message's Message-ID: a message's latency ends at its
// first answer, whatever follows.
func firstAnswers(replies []reply) map[string]time.Time {
	first := map[string]time.Time{}
	for _, r := range replies {
		if r.agent || r.inReplyTo == "" {
			continue
		}
		if t, ok := first[r.inReplyTo]; !ok || r.at.Before(t) {
			first[r.inReplyTo] = r.at
		}
	}
	return first
}

// latencyStats summarizes each answered item's latency overall, by kind and
// by stage, and counts the items that expected an answer and got none. It
// leaves the run's rate and counts to the caller and returns how many items
// were answered.
func latencyStats(items []*item, done []time.Time, first, started map[string]time.Time) (*latencyResult, int) {
	var all, toIngest, ingestToSink []time.Duration
	byKind := map[string][]time.Duration{}
	unanswered := 0
	for i, it := range items {
		at, ok := first[it.msgID]
		if !ok {
			if it.expectAck {
				unanswered++
			}
			continue
		}
		d := at.Sub(done[i])
		all = append(all, d)
		byKind[it.kind] = append(byKind[it.kind], d)
		if st, ok := started[it.msgID]; ok {
			toIngest = append(toIngest, st.Sub(done[i]))
			ingestToSink = append(ingestToSink, at.Sub(st))
		}
	}
	own := stage(ingestToSink)
	res := &latencyResult{Summary: summarize(all), ByKind: map[string]stageSummary{}, Own: own,
		Stages: map[string]stageSummary{"append_to_ingest": stage(toIngest), "ingest_to_sink": own}}
	res.Summary.Unanswered = unanswered
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		res.ByKind[k] = stage(byKind[k])
	}
	return res, len(all)
}

// ingestStarts is when rmad began each message's transaction: the desk's
// "now" (messages.received_at), by Message-ID.
func ingestStarts(ctx context.Context, w *world) (map[string]time.Time, error) {
	rows, err := w.db.Query(ctx, `SELECT message_id, received_at FROM messages WHERE message_id IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("ingest times: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var id string
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("ingest times: %w", err)
		}
		out[id] = at
	}
	return out, rows.Err()
}
