package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"rmad/workflow"
)

// jobResult is one run of one scheduled job, `rmad jobs run NAME --at T`
// as its own process, over the database the throughput run left.
type jobResult struct {
	Name string `json:"name"`
	// Seconds is the process's wall time, start to exit (connecting,
	// reading the configuration and policy included).
	Seconds   float64 `json:"seconds"`
	Done      int     `json:"done"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	Error     string  `json:"error,omitempty"`
}

// jobsResult is the jobs measurement of a throughput run.
type jobsResult struct {
	At        time.Time    `json:"at"`
	Jobs      []*jobResult `json:"jobs"`
	Seconds   float64      `json:"seconds"`
	PeakRSSMB float64      `json:"peak_rss_mb"`
}

// jobsConfig is the run's configuration plus what the jobs need to have
// work: a finance address (the digest) and retention (raw mail after a
// year, closed tickets after three).
func (e *env) jobsConfig(w *world) (string, error) {
	cfg, err := e.writeConfig(w, "jobs", "127.0.0.1:1", "127.0.0.1:1")
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return "", err
	}
	// writeConfig ends inside [people].
	_, err = f.WriteString("finance = \"finance@desk.example\"\n\n[retention]\nraw_after = \"1y\"\nclosed_after = \"3y\"\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return cfg, err
}

// runJobs runs every scheduled job once, in the schedule's order, as of at.
func (e *env) runJobs(ctx context.Context, w *world, at time.Time) (*jobsResult, error) {
	cfg, err := e.jobsConfig(w)
	if err != nil {
		return nil, err
	}
	res := &jobsResult{At: at}
	t0 := time.Now()
	for _, j := range workflow.Jobs() {
		// With -profile each job's statements go to a file of their own.
		if err := e.resetStatements(ctx, w); err != nil {
			return nil, err
		}
		r := runJob(ctx, e.bin, cfg, j.Name, at)
		e.saveStatementsAs(ctx, w, w.name+"-job-"+j.Name, "cases", max(r.Done, 1))
		res.Jobs = append(res.Jobs, r)
		res.PeakRSSMB = max(res.PeakRSSMB, r.PeakRSSMB)
		logf("jobs: %s: %d done in %.3fs, peak RSS %.0f MB %s", r.Name, r.Done, r.Seconds, r.PeakRSSMB, r.Error)
	}
	res.Seconds = round(time.Since(t0).Seconds(), 2)
	return res, nil
}

func runJob(ctx context.Context, bin, cfg, name string, at time.Time) *jobResult {
	r := &jobResult{Name: name}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "jobs", "run", name, "--at", at.Format(time.RFC3339), "--config", cfg)
	cmd.Env = childEnv()
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	t := time.Now()
	err := cmd.Start()
	if err == nil {
		r.PeakRSSMB = jobPeakRSS(cmd.Process.Pid, t)
		err = cmd.Wait()
	}
	r.Seconds = round(time.Since(t).Seconds(), 3)
	if err != nil {
		r.Error = fmt.Sprintf("%v: %s", err, strings.TrimSpace(out.String()))
		return r
	}
	// "NAME\tN done"
	for _, line := range strings.Split(out.String(), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == name && f[2] == "done" {
			r.Done, _ = strconv.Atoi(f[1])
		}
	}
	return r
}

// jobPeakRSS follows a job's process until it exits and returns its peak
// RSS in MB: the kernel's high-water mark (VmHWM) as last read, every 5 ms.
// The rusage of a child is no use here: on Linux its maxrss starts from the
// parent's RSS at the fork, which is the runner's hundreds of MB.
func jobPeakRSS(pid int, start time.Time) float64 {
	var kb int64
	for {
		v, err := statusKB(pid, "VmHWM")
		if err != nil || time.Since(start) > 10*time.Minute {
			break
		}
		kb = max(kb, v)
		time.Sleep(5 * time.Millisecond)
	}
	return round(float64(kb)/1024, 1)
}
