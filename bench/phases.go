package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// throughputResult is one throughput run (one or two rmad processes).
type throughputResult struct {
	Processes int `json:"processes"`
	// Messages is the number of IMAP APPENDs (a cross-posted message is
	// appended to both mailboxes and counts twice, as rmad fetches both).
	Messages       int                `json:"messages"`
	Distinct       int                `json:"distinct_messages"`
	Mix            map[string]int     `json:"mix"`
	MeanKB         float64            `json:"mean_size_kb"`
	LargestMB      float64            `json:"largest_mb"`
	AppendPerS     float64            `json:"append_per_s"`
	IngestSeconds  float64            `json:"ingest_seconds"`
	Seconds        float64            `json:"seconds"`
	IngestPerS     float64            `json:"ingest_per_s"`
	EndToEndPerS   float64            `json:"end_to_end_per_s"`
	RepliesPerS    float64            `json:"replies_per_s"`
	CustomerPerS   float64            `json:"customer_replies_per_s"`
	Replies        int                `json:"replies"`
	CustomerReply  int                `json:"customer_replies"`
	AgentNotices   int                `json:"agent_notices"`
	CPUSeconds     map[string]float64 `json:"cpu_seconds"`
	CPUSPerMsg     map[string]float64 `json:"cpu_s_per_msg"`
	RmadPeakRSSMB  float64            `json:"rmad_peak_rss_mb"`
	CommitsPerMsg  float64            `json:"pg_commits_per_msg"`
	WALSyncsPerMsg float64            `json:"pg_wal_syncs_per_msg"`
	WALKBPerMsg    float64            `json:"pg_wal_kb_per_msg"`
	// WALSyncMS is the mean time of one WAL fsync (only with -profile,
	// which turns on track_wal_io_timing).
	WALSyncMS float64 `json:"pg_wal_sync_ms,omitempty"`
	Verdict   verdict `json:"verdict"`
}

func (e *env) throughput(ctx context.Context, name string, procs, n int) (*throughputResult, error) {
	w, err := e.newWorld(ctx, name)
	if err != nil {
		return nil, err
	}
	defer w.close()
	// The same mail for both throughput runs (same seed), only the ids differ.
	items := newGenerator(e.o.seed, name, defaultMix).generate(n, 1)
	res := &throughputResult{Processes: procs, Messages: n, Distinct: len(items), Mix: map[string]int{},
		CPUSeconds: map[string]float64{}, CPUSPerMsg: map[string]float64{}}
	var total int64
	for _, it := range items {
		res.Mix[it.kind]++
		total += int64(len(it.raw)) * int64(it.appends())
		res.LargestMB = max(res.LargestMB, round(float64(len(it.raw))/(1<<20), 2))
	}
	res.MeanKB = round(float64(total)/float64(n)/1024, 1)
	logf("%s: appending %d messages (%.0f MB) with %d sessions per mailbox", name, n, float64(total)/(1<<20), e.o.conns)
	took, err := appendAll(ctx, e.dove.Addr(), w.users, imapPass, items, e.o.conns)
	if err != nil {
		return nil, err
	}
	res.AppendPerS = round(float64(n)/took.Seconds(), 1)
	logf("%s: appended in %s (%.0f/s)", name, took.Round(time.Millisecond), res.AppendPerS)

	sk, err := startSink()
	if err != nil {
		return nil, err
	}
	defer sk.close()
	pg0, err := readPG(ctx, w.db)
	if err != nil {
		return nil, fmt.Errorf("pg stats: %w", err)
	}
	pgCPU0, doveCPU0, err := e.cpuTrees()
	if err != nil {
		return nil, err
	}

	logf("%s: starting %d rmad process(es)", name, procs)
	t0 := time.Now()
	ps, err := e.startProcs(ctx, w, procs, sk.addr())
	if err != nil {
		return nil, err
	}
	defer stopAll(ps)
	var profWG sync.WaitGroup
	if e.o.profileDir != "" && procs == 1 {
		profWG.Add(1)
		go func() {
			defer profWG.Done()
			e.saveProfile(ctx, ps[0], fmt.Sprintf("/debug/pprof/profile?seconds=%d", e.o.profileSeconds), name+"-cpu.pprof", time.Duration(e.o.profileSeconds+30)*time.Second)
		}()
	}

	deadline := time.Until(t0.Add(max(3*time.Minute, time.Duration(n)*30*time.Millisecond)))
	lastCommit, err := waitDrained(ctx, w, sk, ps, n, deadline, name)
	if err != nil {
		return nil, err
	}
	replies := sk.all()
	tEnd := lastCommit
	for _, r := range replies {
		if r.at.After(tEnd) {
			tEnd = r.at
		}
	}
	// Resource use at the end of the run, before anything is stopped.
	var rmadTicks int64
	outcomes := map[string]float64{}
	for _, p := range ps {
		t, err := p.cpuTicks()
		if err != nil {
			return nil, fmt.Errorf("rmad cpu: %w", err)
		}
		rmadTicks += t
		res.RmadPeakRSSMB = max(res.RmadPeakRSSMB, round(float64(p.peakRSSKB())/1024, 1))
		body, err := p.get(ctx, "/metrics", 10*time.Second)
		if err != nil {
			return nil, fmt.Errorf("rmad metrics: %w", err)
		}
		for k, v := range parseOutcomes(string(body)) {
			outcomes[k] += v
		}
	}
	doveCPU1, err := e.doveCPU()
	if err != nil {
		return nil, err
	}
	if e.o.profileDir != "" && procs == 1 {
		e.saveProfile(ctx, ps[0], "/debug/pprof/heap", name+"-heap.pprof", 30*time.Second)
		profWG.Wait()
	}
	// PostgreSQL backends report their statistics at most once a second
	// and at exit: stop rmad and reconnect, so every commit and WAL sync of
	// the run is counted. Their CPU time is in the postmaster's cutime
	// once they are reaped.
	stopAll(ps)
	if err := w.reconnect(ctx); err != nil {
		return nil, err
	}
	pg1, err := readPG(ctx, w.db)
	if err != nil {
		return nil, fmt.Errorf("pg stats: %w", err)
	}
	pgCPU1, _, err := e.cpuTrees()
	if err != nil {
		return nil, err
	}

	cpu := func(ticks int64) float64 { return float64(ticks) / float64(e.clk) }
	res.CPUSeconds["rmad"] = round(cpu(rmadTicks), 2)
	res.CPUSeconds["postgres"] = round(cpu(pgCPU1-pgCPU0), 2)
	res.CPUSeconds["dovecot"] = round(cpu(doveCPU1-doveCPU0), 2)
	for k, v := range res.CPUSeconds {
		res.CPUSPerMsg[k] = round(v/float64(n), 5)
	}
	res.IngestSeconds = round(lastCommit.Sub(t0).Seconds(), 3)
	res.Seconds = round(tEnd.Sub(t0).Seconds(), 3)
	res.IngestPerS = round(float64(n)/lastCommit.Sub(t0).Seconds(), 1)
	res.EndToEndPerS = round(float64(n)/tEnd.Sub(t0).Seconds(), 1)
	res.Replies = len(replies)
	for _, r := range replies {
		if r.agent {
			res.AgentNotices++
		} else {
			res.CustomerReply++
		}
	}
	res.RepliesPerS = round(float64(res.Replies)/tEnd.Sub(t0).Seconds(), 1)
	res.CustomerPerS = round(float64(res.CustomerReply)/tEnd.Sub(t0).Seconds(), 1)
	// The runner's own polling queries (and the first stats read) are
	// transactions too.
	res.CommitsPerMsg = round(float64(pg1.commits-pg0.commits-w.queries-1)/float64(n), 2)
	res.WALSyncsPerMsg = round(float64(pg1.walSync-pg0.walSync)/float64(n), 2)
	res.WALKBPerMsg = round((pg1.walBytes-pg0.walBytes)/1024/float64(n), 1)
	if syncs := pg1.walSync - pg0.walSync; syncs > 0 {
		res.WALSyncMS = round((pg1.walSyncTimeMS-pg0.walSyncTimeMS)/float64(syncs), 2)
	}

	if e.o.profileDir != "" {
		for i, p := range ps {
			copyFile(p.logPath, filepath.Join(e.o.profileDir, fmt.Sprintf("%s-rmad%d.log", name, i+1)))
		}
	}
	res.Verdict, err = verify(ctx, w, items, replies, outcomes, n)
	if err != nil {
		return nil, err
	}
	logf("%s: %d messages in %.1fs: ingest %.0f/s, end to end %.0f/s, %d replies (%.0f/s); rmad %.2f ms CPU/msg, peak RSS %.0f MB; %s",
		name, n, res.Seconds, res.IngestPerS, res.EndToEndPerS, res.Replies, res.RepliesPerS,
		res.CPUSPerMsg["rmad"]*1000, res.RmadPeakRSSMB, res.Verdict.String())
	return res, nil
}

func (e *env) saveProfile(ctx context.Context, p *rmadProc, path, file string, timeout time.Duration) {
	b, err := p.get(ctx, path, timeout)
	if err != nil {
		logf("profile %s: %v", path, err)
		return
	}
	out := filepath.Join(e.o.profileDir, file)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		logf("profile: %v", err)
		return
	}
	logf("saved %s", out)
}

// waitDrained waits until every appended copy is committed (or quarantined),
// the outbox has nothing queued or in flight and the sink has every mail the
// outbox holds. It returns when the last copy was committed (the latest
// seen_at, stamped by rmad at the start of that message's transaction).
//
// The poll every 100 ms must cost PostgreSQL next to nothing, or it would
// be measured as rmad's load: the watchers' marks (one row per mailbox; the
// fresh mailboxes' UIDs run 1..n, and a mark only passes a UID once it is
// committed) and the partial indexes of queued and leased outbox rows. The
// counting scans run only once those say the run is done.
func waitDrained(ctx context.Context, w *world, sk *sink, ps []*rmadProc, appends int, within time.Duration, name string) (time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	lastReport := time.Now()
	lastChange := time.Now()
	var lastFull time.Time
	prev := [2]int{-1, -1}
	for {
		var marked, pending int
		err := w.db.QueryRow(ctx, `SELECT (SELECT coalesce(sum(last_uid), 0) FROM mailbox_marks),
			(SELECT count(*) FROM outbox WHERE status = 'queued') + (SELECT count(*) FROM outbox WHERE status = 'sending')`).Scan(&marked, &pending)
		w.queries++
		if err != nil {
			if ctx.Err() != nil {
				return time.Time{}, fmt.Errorf("%s: not drained within %s (%w)", name, within, ctx.Err())
			}
			return time.Time{}, fmt.Errorf("%s: poll: %w", name, err)
		}
		got := sk.count()
		if marked >= appends && pending == 0 && time.Since(lastFull) > 500*time.Millisecond {
			lastFull = time.Now()
			var copies, quarantined, outbox int
			var last *time.Time
			err := w.db.QueryRow(ctx, `SELECT (SELECT count(*) FROM message_copies), (SELECT count(*) FROM quarantine),
				(SELECT count(*) FROM outbox WHERE status NOT IN ('failed', 'cancelled')),
				(SELECT max(seen_at) FROM message_copies)`).Scan(&copies, &quarantined, &outbox, &last)
			w.queries++
			if err != nil {
				return time.Time{}, fmt.Errorf("%s: poll: %w", name, err)
			}
			if copies+quarantined >= appends && got >= outbox && last != nil {
				return *last, nil
			}
		}
		if [2]int{marked, got} != prev {
			prev, lastChange = [2]int{marked, got}, time.Now()
		} else if time.Since(lastChange) > 90*time.Second {
			return time.Time{}, fmt.Errorf("%s: stalled for 90s at %d/%d marked, %d pending in the outbox, %d at the sink; rmad log: %s",
				name, marked, appends, pending, got, ps[0].logTail())
		}
		if time.Since(lastReport) > 5*time.Second {
			logf("%s: %d/%d marked done, outbox %d pending, sink %d", name, marked, appends, pending, got)
			lastReport = time.Now()
		}
		for _, p := range ps {
			if !p.alive() {
				return time.Time{}, fmt.Errorf("%s: rmad exited: %s", name, p.logTail())
			}
		}
		select {
		case <-ctx.Done():
			return time.Time{}, fmt.Errorf("%s: not drained within %s: %d/%d marked done, outbox %d pending, sink %d",
				name, within, marked, appends, pending, got)
		case <-tick.C:
		}
	}
}

// verdict is what a run did wrong, if anything.
type verdict struct {
	Appended  int `json:"appended"`
	Committed int `json:"committed"`
	// Lost: appended copies neither committed nor quarantined, and
	// messages missing from the messages table.
	Lost        int `json:"lost"`
	Quarantined int `json:"quarantined"`
	// Duplicated: Ingest transactions that committed beyond one per appended
	// copy (the same mailbox UID processed twice), plus mails the sink got
	// twice (same Message-ID).
	Duplicated     int `json:"duplicated"`
	ProcessedTwice int `json:"processed_twice"`
	SentTwice      int `json:"sent_twice"`
	// AnsweredTwice: inbound messages with more than one customer answer.
	AnsweredTwice int `json:"answered_twice"`
	// AnsweredUnanswerable: answers to bounces or auto-replies.
	AnsweredUnanswerable int `json:"answered_unanswerable"`
	// MissingAcks: new requests that got no customer answer.
	MissingAcks int `json:"missing_acks"`
	// CopyEvents are "another copy arrived" events on tickets; only
	// cross-posted messages (ExpectedCopies) should cause them. More means
	// a mailbox UID was ingested twice and recorded as a second copy.
	CopyEvents     int `json:"copy_events"`
	ExpectedCopies int `json:"expected_copy_events"`
	// FailedSends: outbox rows rmad marked failed.
	FailedSends int                `json:"failed_sends"`
	Outcomes    map[string]float64 `json:"outcomes"`
	Examples    []string           `json:"examples,omitempty"`
}

func (v *verdict) problems() string {
	var p []string
	for _, x := range []struct {
		n    int
		what string
	}{{v.Lost, "lost"}, {v.Quarantined, "quarantined"}, {v.ProcessedTwice, "processed twice"}, {v.SentTwice, "sent twice"},
		{v.AnsweredTwice, "answered twice"}, {v.AnsweredUnanswerable, "bounces/auto-replies answered"},
		{v.MissingAcks, "new requests unanswered"}, {v.FailedSends, "sends failed"}} {
		if x.n > 0 {
			p = append(p, fmt.Sprintf("%d %s", x.n, x.what))
		}
	}
	if len(p) > 0 && len(v.Examples) > 0 {
		p = append(p, "e.g. "+strings.Join(v.Examples, ", "))
	}
	return strings.Join(p, ", ")
}

func (v *verdict) String() string {
	if s := v.problems(); s != "" {
		return "PROBLEMS: " + s
	}
	return "nothing lost, duplicated or answered twice"
}

// verify checks the end state of a run against what was appended.
func verify(ctx context.Context, w *world, items []*item, replies []reply, outcomes map[string]float64, appends int) (verdict, error) {
	v := verdict{Appended: appends, Outcomes: outcomes}
	var distinct int
	err := w.db.QueryRow(ctx, `SELECT (SELECT count(*) FROM message_copies), (SELECT count(*) FROM quarantine),
		(SELECT count(*) FROM messages), (SELECT count(*) FROM outbox WHERE status = 'failed'),
		(SELECT count(*) FROM ticket_events WHERE kind = 'copy')`).Scan(
		&v.Committed, &v.Quarantined, &distinct, &v.FailedSends, &v.CopyEvents)
	if err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	rows, err := w.db.Query(ctx, `SELECT message_id FROM messages WHERE message_id IS NOT NULL`)
	if err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	stored := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return v, fmt.Errorf("verify: %w", err)
		}
		stored[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	missing := 0
	for _, it := range items {
		if it.mailbox == "both" {
			v.ExpectedCopies++
		}
		if !stored[it.msgID] {
			missing++
			v.example("not stored: " + it.msgID)
		}
	}
	v.Lost = max(appends-v.Committed-v.Quarantined, missing)

	if committed := committedIngests(outcomes); committed > appends {
		v.ProcessedTwice = committed - appends
		v.example(fmt.Sprintf("%d ingest commits for %d appended copies (outcomes %v)", committed, appends, outcomes))
	}
	byID := map[string]int{}
	answers := map[string]int{}
	for _, r := range replies {
		byID[r.messageID]++
		if !r.agent && r.inReplyTo != "" {
			answers[r.inReplyTo]++
		}
	}
	for id, c := range byID {
		if c > 1 {
			v.SentTwice += c - 1
			v.example("sent twice: " + id)
		}
	}
	for _, it := range items {
		c := answers[it.msgID]
		switch {
		case it.noAnswer && c > 0:
			v.AnsweredUnanswerable++
			v.example(it.kind + " answered: " + it.msgID)
		case c > 1:
			v.AnsweredTwice++
			v.example("answered twice: " + it.msgID)
		case it.expectAck && c == 0:
			v.MissingAcks++
			v.example("no answer: " + it.msgID)
		}
	}
	v.Duplicated = v.ProcessedTwice + v.SentTwice
	return v, nil
}

func (v *verdict) example(s string) {
	if len(v.Examples) < 5 {
		v.Examples = append(v.Examples, s)
	}
}

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
	Stages  map[string]stageSummary `json:"stages"`
	Verdict verdict                 `json:"verdict"`
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

	logf("%s: appending %d messages at %d/s", name, count, rate)
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
				return nil, ctx.Err()
			}
		}
		a, err := pool.get(ctx, it.mailbox)
		if err != nil {
			return nil, err
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
		return nil, appendErr
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
	stopAll(ps)
	first := map[string]time.Time{}
	for _, r := range replies {
		if r.agent || r.inReplyTo == "" {
			continue
		}
		if t, ok := first[r.inReplyTo]; !ok || r.at.Before(t) {
			first[r.inReplyTo] = r.at
		}
	}
	started, err := ingestStarts(ctx, w)
	if err != nil {
		return nil, err
	}
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
	res := &latencyResult{Rate: rate, Summary: summarize(all), ByKind: map[string]stageSummary{},
		Stages: map[string]stageSummary{"append_to_ingest": stage(toIngest), "ingest_to_sink": stage(ingestToSink)}}
	res.Summary.Offered = float64(rate)
	res.Summary.Achieved = round(achieved, 1)
	res.Summary.Messages = count
	res.Summary.Unanswered = unanswered
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		res.ByKind[k] = stage(byKind[k])
	}
	if res.Verdict, err = verify(ctx, w, items, replies, outcomes, count); err != nil {
		return nil, err
	}
	if e.o.profileDir != "" {
		copyFile(ps[0].logPath, filepath.Join(e.o.profileDir, name+"-rmad.log"))
	}
	s := res.Summary
	logf("%s: offered %d/s, achieved %.0f/s, %d answered: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (append->ingest p50 %.0f p95 %.0f, ingest->sink p50 %.0f p95 %.0f); %s",
		name, rate, achieved, s.Answered, s.P50, s.P95, s.P99, s.Max,
		res.Stages["append_to_ingest"].P50, res.Stages["append_to_ingest"].P95,
		res.Stages["ingest_to_sink"].P50, res.Stages["ingest_to_sink"].P95, res.Verdict.String())
	if len(all) == 0 {
		return res, errors.New("no message was answered")
	}
	return res, nil
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
