package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// printTable prints the results for people; the JSON has everything.
func printTable(out io.Writer, r *Results) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	row := func(cells ...any) {
		s := make([]string, len(cells))
		for i, c := range cells {
			s[i] = fmt.Sprint(c)
		}
		fmt.Fprintln(w, strings.Join(s, "\t"))
	}
	f := func(x float64, unit string) string {
		if x == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f%s", x, unit)
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "rmad bench: %s cpus, %s, PostgreSQL %s (fsync=%s, synchronous_commit=%s), %s\n",
		r.Env["cpus"], r.Env["go"], r.Env["postgres"], r.Env["postgres_fsync"], r.Env["postgres_synchronous_commit"], r.Env["dovecot"])
	fmt.Fprintln(out)
	row("throughput", "processes", "messages", "ingest/s", "end-to-end/s", "replies/s", "customer/s",
		"rmad ms CPU/msg", "postgres ms CPU/msg", "dovecot ms CPU/msg", "rmad peak RSS", "commits/msg", "WAL syncs/msg", "verdict")
	for _, t := range []*throughputResult{r.Throughput, r.TwoProcess} {
		if t == nil {
			continue
		}
		row("", t.Processes, t.Messages, f(t.IngestPerS, ""), f(t.EndToEndPerS, ""), f(t.RepliesPerS, ""), f(t.CustomerPerS, ""),
			fmt.Sprintf("%.2f", t.CPUSPerMsg["rmad"]*1000), fmt.Sprintf("%.2f", t.CPUSPerMsg["postgres"]*1000),
			fmt.Sprintf("%.2f", t.CPUSPerMsg["dovecot"]*1000), f(t.RmadPeakRSSMB, " MB"),
			fmt.Sprintf("%.2f", t.CommitsPerMsg), fmt.Sprintf("%.2f", t.WALSyncsPerMsg), t.Verdict.String())
	}
	w.Flush()
	if len(r.Latency) > 0 {
		fmt.Fprintln(out)
		ms := func(x float64) string { return fmt.Sprintf("%.0f", x) }
		row("latency", "offered/s", "achieved/s", "messages", "answered", "e2e p50 ms", "e2e p95 ms", "e2e p99 ms", "e2e max ms",
			"own p50 ms", "own p95 ms", "own p99 ms", "verdict")
		for _, l := range r.Latency {
			s, o := l.Summary, l.Own
			row("", l.Rate, fmt.Sprintf("%.1f", s.Achieved), s.Messages, s.Answered,
				ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), ms(o.P50), ms(o.P95), ms(o.P99), l.Verdict.String())
		}
		w.Flush()
		fmt.Fprintln(out, "e2e: APPEND completed -> answer accepted by the sink; own: rmad has the message (messages.received_at) -> answer accepted")
		for _, l := range r.Latency {
			fmt.Fprintf(out, "latency %d/s: %s\n", l.Rate, l.Target)
		}
	}
	for _, t := range []*throughputResult{r.Throughput, r.TwoProcess} {
		if t != nil {
			printGrowth(out, t)
		}
	}
	fmt.Fprintln(out)
	fmt.Fprintf(out, "lost %d, duplicated %d, answered twice %d\n", r.Lost, r.Duplicated, r.AnsweredTwice)
	for _, e := range r.Errors {
		fmt.Fprintf(out, "error: %s\n", e)
	}
}

// printGrowth prints a run's prefill and the jobs timed after it.
func printGrowth(out io.Writer, t *throughputResult) {
	if p := t.Prefill; p != nil {
		fmt.Fprintf(out, "\nprefill (%d process run): %d tickets, %d messages, %d RMAs as of %s in %.1fs (inserts %.1fs, VACUUM ANALYZE %.1fs), database %.0f MB\n",
			t.Processes, p.Tickets, p.Messages, p.RMAs, p.AsOf.Format("2006-01-02 15:04Z"), p.Seconds, p.InsertSeconds, p.VacuumSeconds, p.DatabaseSizeMB)
	}
	if j := t.Jobs; j != nil {
		fmt.Fprintln(out)
		w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintf(w, "jobs at %s\tdone\tseconds\tpeak RSS\t\n", j.At.Format("2006-01-02 15:04Z"))
		for _, r := range j.Jobs {
			fmt.Fprintf(w, "  %s\t%d\t%.3f\t%.1f MB\t%s\n", r.Name, r.Done, r.Seconds, r.PeakRSSMB, r.Error)
		}
		w.Flush()
	}
}
