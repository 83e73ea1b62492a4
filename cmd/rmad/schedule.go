package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/robfig/cron/v3"

	"rmad/config"
	"rmad/store"
	"rmad/workflow"
)

// robfig/cron is unmaintained: it stays behind this one file.

// schedules returns each job's cron schedule after the config's overrides;
// a disabled job is absent.
func schedules(cfg *config.Config) (map[string]cron.Schedule, map[string]string, error) {
	parser := cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
	known := map[string]bool{}
	out, text := map[string]cron.Schedule{}, map[string]string{}
	for _, j := range workflow.Jobs() {
		known[j.Name] = true
		spec := j.Schedule
		if v, ok := cfg.Jobs[j.Name]; ok {
			spec = v
		}
		text[j.Name] = spec
		if spec == "off" {
			continue
		}
		s, err := parser.Parse(spec)
		if err != nil {
			return nil, nil, &config.Error{Key: "jobs." + j.Name, Reason: fmt.Sprintf("not a cron schedule %q: %v", spec, err)}
		}
		out[j.Name] = s
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Jobs)) {
		if !known[name] {
			return nil, nil, cfg.UnknownMapKey("jobs", name, "unknown job", slices.Sorted(maps.Keys(known)))
		}
	}
	return out, text, nil
}

// runScheduler runs every job once at start (catching up on whatever came
// due while rmad was down) and then on its schedule, until ctx ends.
func runScheduler(ctx context.Context, cfg *config.Config, desk *workflow.Desk, loc *time.Location, log *slog.Logger, hooks jobHooks) error {
	scheds, _, err := schedules(cfg)
	if err != nil {
		return err
	}
	run := func(name string) {
		start := time.Now()
		_, err := desk.RunJob(ctx, name, start)
		hooks.ran(ctx, name, time.Since(start), err)
		if err != nil && ctx.Err() == nil {
			log.Error("job failed", "job", name, "err", err)
		}
	}
	for _, j := range workflow.Jobs() {
		if _, ok := scheds[j.Name]; ok {
			run(j.Name)
		}
	}
	c := cron.New(cron.WithLocation(loc), cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger)))
	for name, s := range scheds {
		c.Schedule(s, cron.FuncJob(func() { run(name) }))
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

func cmdJobs(ctx context.Context, env *cliEnv, args []string) error {
	usage := "rmad jobs list | rmad jobs run NAME|all [--at TIME]"
	if len(args) == 0 || (args[0] != "list" && args[0] != "run") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.stdout, "Usage: "+usage)
			for _, j := range workflow.Jobs() {
				fmt.Fprintf(env.stdout, "  %-14s %s\n", j.Name, j.Description)
			}
			return nil
		}
		return usagef("usage: %s", usage)
	}
	sub := args[0]
	fs := newFlags(env, "jobs "+sub, map[string]string{"list": "jobs list", "run": "jobs run NAME|all [--at TIME]"}[sub])
	cfgFile := configFlag(fs)
	at := fs.String("at", "", "run as of this RFC 3339 time (default now)")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	now, err := parseAt(*at)
	if err != nil {
		return err
	}
	return withDesk(ctx, env, *cfgFile, func(cfg *config.Config, pool store.Beginner, desk *workflow.Desk) error {
		if sub == "list" {
			return listJobs(ctx, env.stdout, cfg, pool, now, desk.Location())
		}
		if len(pos) != 1 {
			return usagef("jobs run needs one NAME or all")
		}
		names := []string{pos[0]}
		if pos[0] == "all" {
			names = nil
			for _, j := range workflow.Jobs() {
				names = append(names, j.Name)
			}
		}
		for _, n := range names {
			done, err := desk.RunJob(ctx, n, now)
			if err != nil {
				if errors.Is(err, workflow.ErrUnknownJob) {
					return usagef("unknown job %q (see rmad jobs list)", n)
				}
				return err
			}
			fmt.Fprintf(env.stdout, "%s\t%d done\n", n, done)
		}
		return nil
	})
}

func listJobs(ctx context.Context, w io.Writer, cfg *config.Config, pool store.Beginner, now time.Time, loc *time.Location) error {
	scheds, text, err := schedules(cfg)
	if err != nil {
		return err
	}
	runs, err := store.JobRuns(ctx, pool)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "JOB\tSCHEDULE\tLAST RUN\tDONE\tNEXT RUN\tWHAT")
	for _, j := range workflow.Jobs() {
		last, done, next := "-", "-", "off"
		if r, ok := runs[j.Name]; ok {
			last, done = r.LastRunAt.Format(time.RFC3339), fmt.Sprint(r.LastDone)
			if r.LastError != "" {
				done += " (error: " + r.LastError + ")"
			}
		}
		if s, ok := scheds[j.Name]; ok {
			next = s.Next(now).Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", j.Name, text[j.Name], last, done, next, j.Description)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return listPromises(ctx, w, pool, now, loc)
}

// promisesListed is how many open promises `rmad jobs list` shows.
const promisesListed = 20

// listPromises shows the open promise clocks, soonest due first: what the
// promises job will warn about or has reported broken.
func listPromises(ctx context.Context, w io.Writer, pool store.Beginner, now time.Time, loc *time.Location) error {
	ps, total, err := store.OpenPromises(ctx, pool, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), promisesListed)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nOPEN PROMISES: %d\n", total)
	if total == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TICKET\tRMA\tKIND\tMADE\tDUE\tWARN AT\tSTATE")
	stamp := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.In(loc).Format(time.RFC3339)
	}
	for _, p := range ps {
		state := "open"
		switch {
		case p.BreachedAt != nil:
			state = "broken, told " + stamp(p.BreachedAt)
		case now.After(p.DueAt):
			state = "broken, not yet told"
		case p.WarnedAt != nil:
			state = "warned " + stamp(p.WarnedAt)
		}
		rma := p.RMA
		if rma == "" {
			rma = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Ticket, rma, p.Kind, stamp(&p.MadeAt), stamp(&p.DueAt), stamp(&p.WarnAt), state)
	}
	if total > len(ps) {
		fmt.Fprintf(tw, "... and %d more\n", total-len(ps))
	}
	return tw.Flush()
}
