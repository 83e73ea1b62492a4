package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
	// Prefill is what was in the database before the run (-prefill).
	Prefill *prefillResult `json:"prefill,omitempty"`
	// Jobs times each scheduled job over the database after the run.
	Jobs *jobsResult `json:"jobs,omitempty"`
}

// usage is the CPU time (in clock ticks) and PostgreSQL statistics read at
// one end of a throughput run; the run is charged the difference.
type usage struct {
	pg             pgCounters
	pgCPU, doveCPU int64
	rmadCPU        int64 // only at the end: rmad starts with the run
	// runnerQueries are the runner's own transactions, only at the end.
	runnerQueries int64
}

func (e *env) throughput(ctx context.Context, name string, procs, n int) (*throughputResult, error) {
	w, err := e.newWorld(ctx, name)
	if err != nil {
		return nil, err
	}
	defer w.close()
	// The same mail for both throughput runs (same seed), only the ids differ.
	items := newGenerator(e.o.seed, name, defaultMix).generate(n, 1)
	res, total := newThroughputResult(procs, n, items)
	// The prefill's clock: what was due by asOf is done; the jobs run a day later.
	asOf := time.Now().UTC().Truncate(time.Hour)
	if e.o.prefill > 0 {
		logf("%s: prefilling %d tickets as of %s", name, e.o.prefill, asOf.Format(time.RFC3339))
		if res.Prefill, err = prefill(ctx, w.dbURL, e.o.prefill, asOf); err != nil {
			return nil, err
		}
		if err := w.readBaseline(ctx); err != nil {
			return nil, err
		}
	}
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
	if err := e.resetStatements(ctx, w); err != nil {
		return nil, err
	}
	var before usage
	if before.pg, err = readPG(ctx, w.db); err != nil {
		return nil, fmt.Errorf("pg stats: %w", err)
	}
	if before.pgCPU, before.doveCPU, err = e.cpuTrees(); err != nil {
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
	profiling := e.o.profileDir != "" && procs == 1
	if profiling {
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
	// Resource use at the end of the run, before anything is stopped.
	after, outcomes, err := rmadUsage(ctx, ps, res)
	if err != nil {
		return nil, err
	}
	if after.doveCPU, err = e.doveCPU(); err != nil {
		return nil, err
	}
	if profiling {
		e.saveProfile(ctx, ps[0], "/debug/pprof/heap", name+"-heap.pprof", 30*time.Second)
		profWG.Wait()
	}
	if err := e.pgUsage(ctx, w, ps, &after); err != nil {
		return nil, err
	}
	res.account(n, float64(e.clk), t0, lastCommit, before, after, replies)
	e.saveStatements(ctx, w, n)

	if e.o.profileDir != "" {
		for i, p := range ps {
			copyFile(p.logPath, filepath.Join(e.o.profileDir, fmt.Sprintf("%s-rmad%d.log", name, i+1)))
		}
	}
	res.Verdict, err = verify(ctx, w, items, replies, outcomes, n)
	if err != nil {
		return nil, err
	}
	if procs == 1 {
		if res.Jobs, err = e.runJobs(ctx, w, asOf.Add(24*time.Hour)); err != nil {
			return nil, err
		}
	}
	logf("%s: %d messages in %.1fs: ingest %.0f/s, end to end %.0f/s, %d replies (%.0f/s); rmad %.2f ms CPU/msg, peak RSS %.0f MB; %s",
		name, n, res.Seconds, res.IngestPerS, res.EndToEndPerS, res.Replies, res.RepliesPerS,
		res.CPUSPerMsg["rmad"]*1000, res.RmadPeakRSSMB, res.Verdict.String())
	return res, nil
}

// newThroughputResult describes the mail of a run; total is the bytes
// appended, cross-posted messages counted once per mailbox.
func newThroughputResult(procs, n int, items []*item) (res *throughputResult, total int64) {
	res = &throughputResult{Processes: procs, Messages: n, Distinct: len(items), Mix: map[string]int{},
		CPUSeconds: map[string]float64{}, CPUSPerMsg: map[string]float64{}}
	for _, it := range items {
		res.Mix[it.kind]++
		total += int64(len(it.raw)) * int64(it.appends())
		res.LargestMB = max(res.LargestMB, round(float64(len(it.raw))/(1<<20), 2))
	}
	res.MeanKB = round(float64(total)/float64(n)/1024, 1)
	return res, total
}

// rmadUsage reads the rmad processes' CPU time, their peak RSS (into res)
// and their outcome counters, summed.
func rmadUsage(ctx context.Context, ps []*rmadProc, res *throughputResult) (usage, map[string]float64, error) {
	var u usage
	outcomes := map[string]float64{}
	for _, p := range ps {
		t, err := p.cpuTicks()
		if err != nil {
			return u, nil, fmt.Errorf("rmad cpu: %w", err)
		}
		u.rmadCPU += t
		res.RmadPeakRSSMB = max(res.RmadPeakRSSMB, round(float64(p.peakRSSKB())/1024, 1))
		body, err := p.get(ctx, "/metrics", 10*time.Second)
		if err != nil {
			return u, nil, fmt.Errorf("rmad metrics: %w", err)
		}
		for k, v := range parseOutcomes(string(body)) {
			outcomes[k] += v
		}
	}
	return u, outcomes, nil
}

// pgUsage stops rmad and reads PostgreSQL's statistics and CPU time into u.
// PostgreSQL backends report their statistics at most once a second and at
// exit: stop rmad and reconnect, so every commit and WAL sync of the run is
// counted. Their CPU time is in the postmaster's cutime once they are reaped.
func (e *env) pgUsage(ctx context.Context, w *world, ps []*rmadProc, u *usage) error {
	stopAll(ps)
	if err := w.reconnect(ctx); err != nil {
		return err
	}
	var err error
	if u.pg, err = readPG(ctx, w.db); err != nil {
		return fmt.Errorf("pg stats: %w", err)
	}
	if u.pgCPU, _, err = e.cpuTrees(); err != nil {
		return err
	}
	u.runnerQueries = w.queries
	return nil
}

// account fills in the run's rates and per-message costs. The run ends at
// the last commit or the last mail the sink accepted, whichever is later.
func (res *throughputResult) account(n int, clk float64, t0, lastCommit time.Time, before, after usage, replies []reply) {
	tEnd := lastCommit
	for _, r := range replies {
		if r.at.After(tEnd) {
			tEnd = r.at
		}
	}
	cpu := func(ticks int64) float64 { return float64(ticks) / clk }
	res.CPUSeconds["rmad"] = round(cpu(after.rmadCPU), 2)
	res.CPUSeconds["postgres"] = round(cpu(after.pgCPU-before.pgCPU), 2)
	res.CPUSeconds["dovecot"] = round(cpu(after.doveCPU-before.doveCPU), 2)
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
	pg0, pg1 := before.pg, after.pg
	// The runner's own polling queries (and the first stats read) are
	// transactions too.
	res.CommitsPerMsg = round(float64(pg1.commits-pg0.commits-after.runnerQueries-1)/float64(n), 2)
	res.WALSyncsPerMsg = round(float64(pg1.walSync-pg0.walSync)/float64(n), 2)
	res.WALKBPerMsg = round((pg1.walBytes-pg0.walBytes)/1024/float64(n), 1)
	if syncs := pg1.walSync - pg0.walSync; syncs > 0 {
		res.WALSyncMS = round((pg1.walSyncTimeMS-pg0.walSyncTimeMS)/float64(syncs), 2)
	}
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
			err := w.db.QueryRow(ctx, `SELECT count(*), max(seen_at), (SELECT count(*) FROM quarantine),
				(SELECT count(*) FROM outbox WHERE id > $3 AND status NOT IN ('failed', 'cancelled'))
				FROM message_copies WHERE mailbox = ANY($1) AND uidvalidity > $2`,
				w.mailboxes(), prefillValidity, w.base.lastOutbox).Scan(&copies, &last, &quarantined, &outbox)
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
