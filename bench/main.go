// Command bench measures rmad end to end (issue 6, "Load and speed"): real
// Dovecot, a durable throwaway PostgreSQL (fsync and synchronous_commit on)
// and an SMTP sink on loopback, and `rmad serve` as its own process.
//
//	go run ./bench [-n 20000] [-rates 20,100,300] [-latency-duration 20s]
//	               [-out bench/results.json] [-profile DIR] [-rmad PATH]
//	               [-prefill TICKETS]
//
// Phases: throughput (N messages appended up front, one rmad), the same with
// two rmad processes on one database, and latency at each offered rate
// (messages appended one by one, APPEND to the answer's acceptance at the
// sink). Each phase gets a fresh database and fresh mailboxes; with
// -prefill, each throughput run's database first gets three years of a
// desk's history (prefill.go), and after the single-process run every
// scheduled job is timed over it (jobs.go). Results go to
// stdout as a table and to -out as JSON; the exit status is 1 if any message
// was lost, processed twice or answered twice, or anything failed.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	n               int
	rates           []int
	latencyDuration time.Duration
	out             string
	profileDir      string
	profileSeconds  int
	pgSlowMS        int
	rmadBin         string
	phases          map[string]bool
	timeout         time.Duration
	conns           int
	seed            uint64
	keep            bool
	pgSettings      map[string]string
	doveSettings    map[string]string
	pgSocket        bool
	prefill         int
}

// settingsFlag collects -pg-set and -dovecot-set name=value.
type settingsFlag map[string]string

func (f settingsFlag) String() string { return fmt.Sprint(map[string]string(f)) }

func (f settingsFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	f[k] = v
	return nil
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	res, err := run(ctx, o)
	cancel()
	stop()
	code := 0
	if res != nil {
		printTable(os.Stdout, res)
		if werr := writeJSON(o.out, res); werr != nil {
			fmt.Fprintln(os.Stderr, "bench:", werr)
			code = 1
		} else {
			fmt.Fprintf(os.Stderr, "bench: results written to %s\n", o.out)
		}
		if bad := res.failures(); bad != "" {
			fmt.Fprintln(os.Stderr, "bench: FAILED:", bad)
			code = 1
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		code = 1
	}
	os.Exit(code)
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var o options
	var rates, phases string
	fs.IntVar(&o.n, "n", 20000, "messages appended for the throughput runs (the issue's N)")
	fs.StringVar(&rates, "rates", "20,100,300", "offered loads for the latency runs, messages/s")
	fs.DurationVar(&o.latencyDuration, "latency-duration", 20*time.Second, "how long each latency run appends (capped at n messages)")
	fs.StringVar(&o.out, "out", "bench/results.json", "where the JSON results go")
	fs.StringVar(&o.profileDir, "profile", "", "directory for rmad's CPU and heap profiles, PostgreSQL's slow-statement log and rmad's logs")
	fs.IntVar(&o.profileSeconds, "profile-seconds", 20, "length of the CPU profile taken during the single-process throughput run")
	fs.IntVar(&o.pgSlowMS, "pg-slow-ms", 20, "with -profile: log_min_duration_statement for PostgreSQL, in ms")
	fs.StringVar(&o.rmadBin, "rmad", "", "a prebuilt rmad binary (default: go build ./cmd/rmad)")
	fs.StringVar(&phases, "phases", "throughput,two,latency", "which runs: throughput, two (two processes), latency")
	fs.DurationVar(&o.timeout, "timeout", 0, "global deadline (default 10m + 40ms per message, at least 20m for N=20000)")
	fs.IntVar(&o.conns, "append-conns", 4, "IMAP sessions per mailbox appending in parallel")
	fs.Uint64Var(&o.seed, "seed", 6, "seed of the generated mail")
	fs.IntVar(&o.prefill, "prefill", 0, "before each throughput run, fill the database with this many tickets (3 messages each, an RMA for every second one) and, after it, time each scheduled job over it")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary directory (rmad configs and logs)")
	fs.BoolVar(&o.pgSocket, "pg-socket", false, "rmad reaches PostgreSQL over its Unix socket instead of TCP on loopback")
	o.pgSettings = map[string]string{}
	fs.Var(settingsFlag(o.pgSettings), "pg-set", "extra PostgreSQL setting name=value (repeatable), e.g. -pg-set log_statement=all; fsync and synchronous_commit stay on unless set here")
	o.doveSettings = map[string]string{}
	fs.Var(settingsFlag(o.doveSettings), "dovecot-set", "extra Dovecot setting name=value (repeatable), e.g. -dovecot-set maildir_very_dirty_syncs=yes or -dovecot-set mail_location=sdbox:~/sdbox")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.n < 10 {
		return o, errors.New("-n must be at least 10")
	}
	for _, r := range strings.Split(rates, ",") {
		if strings.TrimSpace(r) == "" {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(r))
		if err != nil || v <= 0 {
			return o, fmt.Errorf("-rates: %q is not a positive number", r)
		}
		o.rates = append(o.rates, v)
	}
	o.phases = map[string]bool{}
	for _, p := range strings.Split(phases, ",") {
		switch p = strings.TrimSpace(p); p {
		case "throughput", "two", "latency":
			o.phases[p] = true
		case "":
		default:
			return o, fmt.Errorf("-phases: unknown phase %q", p)
		}
	}
	if o.timeout == 0 {
		o.timeout = 10*time.Minute + time.Duration(o.n)*40*time.Millisecond + time.Duration(o.prefill)*time.Millisecond
	}
	if o.prefill < 0 {
		return o, errors.New("-prefill must not be negative")
	}
	if o.conns < 1 {
		o.conns = 1
	}
	return o, nil
}

// Results is bench/results.json. The keys the issue names are at the top.
type Results struct {
	Messages              int                       `json:"messages"`
	IngestPerS            float64                   `json:"ingest_per_s"`
	RepliesPerS           float64                   `json:"replies_per_s"`
	CPUSPerMsg            map[string]float64        `json:"cpu_s_per_msg"`
	RmadPeakRSSMB         float64                   `json:"rmad_peak_rss_mb"`
	LatencyMS             map[string]latencySummary `json:"latency_ms"`
	TwoProcessIngestPerS  float64                   `json:"two_process_ingest_per_s"`
	Lost                  int                       `json:"lost"`
	Duplicated            int                       `json:"duplicated"`
	AnsweredTwice         int                       `json:"answered_twice"`
	EndToEndPerS          float64                   `json:"end_to_end_per_s"`
	TwoProcessEndToEndPer float64                   `json:"two_process_end_to_end_per_s"`
	Notes                 []string                  `json:"notes"`
	Throughput            *throughputResult         `json:"throughput,omitempty"`
	TwoProcess            *throughputResult         `json:"two_process,omitempty"`
	Latency               []*latencyResult          `json:"latency,omitempty"`
	Env                   map[string]string         `json:"env"`
	Errors                []string                  `json:"errors,omitempty"`
}

func (r *Results) failures() string {
	var bad []string
	add := func(phase string, v *verdict) {
		if v == nil {
			return
		}
		if s := v.problems(); s != "" {
			bad = append(bad, phase+": "+s)
		}
	}
	if r.Throughput != nil {
		add("throughput", &r.Throughput.Verdict)
	}
	if r.TwoProcess != nil {
		add("two processes", &r.TwoProcess.Verdict)
	}
	for _, l := range r.Latency {
		add(fmt.Sprintf("latency %d/s", l.Rate), &l.Verdict)
	}
	bad = append(bad, r.Errors...)
	return strings.Join(bad, "; ")
}

func run(ctx context.Context, o options) (*Results, error) {
	e, err := setup(ctx, o)
	if err != nil {
		return nil, err
	}
	defer e.close()
	res := &Results{CPUSPerMsg: map[string]float64{}, LatencyMS: map[string]latencySummary{}, Env: e.describe()}
	res.Notes = []string{
		"replies_per_s counts every mail the sink accepted: customer answers and agent notices (customer-only figures are under throughput)",
		"ingest_per_s: appended messages / (last commit - rmad start); end_to_end_per_s: messages / (last commit or last reply accepted, whichever is later - rmad start)",
		"cpu_s_per_msg: CPU seconds of the throughput run divided by the messages appended; postgres and dovecot sum their whole process trees",
		"latency: APPEND completed -> the customer answer (In-Reply-To = the message) accepted by the sink; bounces, auto-replies and follow-ups that add nothing get no answer and are not in the sample",
		"auto_reply_limit stays at its default (5): every generated thread has its own customer address and at most 3 automatic answers",
		"the machine is shared: figures are noisy; compare runs on an idle machine",
	}
	fail := func(phase string, err error) error {
		res.Errors = append(res.Errors, phase+": "+err.Error())
		return err
	}
	if o.phases["throughput"] {
		tp, err := e.throughput(ctx, "t1", 1, o.n)
		if err != nil {
			return res, fail("throughput", err)
		}
		res.Throughput = tp
		res.Messages = tp.Messages
		res.IngestPerS = tp.IngestPerS
		res.EndToEndPerS = tp.EndToEndPerS
		res.RepliesPerS = tp.RepliesPerS
		res.CPUSPerMsg = tp.CPUSPerMsg
		res.RmadPeakRSSMB = tp.RmadPeakRSSMB
	}
	if o.phases["two"] {
		tp, err := e.throughput(ctx, "t2", 2, o.n)
		if err != nil {
			return res, fail("two processes", err)
		}
		res.TwoProcess = tp
		res.TwoProcessIngestPerS = tp.IngestPerS
		res.TwoProcessEndToEndPer = tp.EndToEndPerS
		if res.Messages == 0 {
			res.Messages = tp.Messages
		}
	}
	if o.phases["latency"] {
		for _, rate := range o.rates {
			count := min(int(float64(rate)*o.latencyDuration.Seconds()), o.n)
			count = max(count, 10)
			lr, err := e.latency(ctx, rate, count)
			if err != nil {
				return res, fail(fmt.Sprintf("latency %d/s", rate), err)
			}
			res.Latency = append(res.Latency, lr)
			res.LatencyMS[strconv.Itoa(rate)] = lr.Summary
		}
	}
	for _, v := range res.verdicts() {
		res.Lost += v.Lost
		res.Duplicated += v.Duplicated
		res.AnsweredTwice += v.AnsweredTwice + v.AnsweredUnanswerable
	}
	return res, nil
}

func (r *Results) verdicts() []*verdict {
	var out []*verdict
	if r.Throughput != nil {
		out = append(out, &r.Throughput.Verdict)
	}
	if r.TwoProcess != nil {
		out = append(out, &r.TwoProcess.Verdict)
	}
	for _, l := range r.Latency {
		out = append(out, &l.Verdict)
	}
	return out
}

func writeJSON(path string, r *Results) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// moduleRoot is the directory of go.mod, where ./cmd/rmad is built.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the rmad module (run from the repository)")
	}
	return filepath.Dir(mod), nil
}

func hostInfo() map[string]string {
	m := map[string]string{
		"cpus":       strconv.Itoa(runtime.NumCPU()),
		"go":         runtime.Version(),
		"started_at": time.Now().UTC().Format(time.RFC3339),
		"command":    "go run ./bench " + strings.Join(os.Args[1:], " "),
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		m["loadavg_at_start"] = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	if out, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output(); err == nil {
		m["git_head"] = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("git", "status", "--porcelain").Output(); err == nil && len(out) > 0 {
		m["git_dirty"] = "yes"
	}
	return m
}
