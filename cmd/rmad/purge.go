package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"rmad/config"
	"rmad/store"
	"rmad/workflow"
)

const purgeUsage = "purge --raw-older-than D | --closed-before D [--dry-run] [--json] [--at TIME]"

// cmdPurge deletes what retention no longer keeps: what the retention job
// does with the [retention] ages, by hand and with any age.
func cmdPurge(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "purge", purgeUsage+"\n\n"+
		"  --raw-older-than D  delete the raw mail and attachments of closed tickets idle for D (the tickets stay)\n"+
		"  --closed-before D   delete tickets closed more than D ago, keeping anonymised billing rows\n"+
		"  D is a whole number and a unit: 36h, 180d, 12w, 2y. Open tickets, running RMA clocks and unpaid bills are never touched.\n")
	cfgFile := configFlag(fs)
	raw := fs.String("raw-older-than", "", "age (e.g. 180d) after which closed tickets lose their raw mail and attachments")
	closed := fs.String("closed-before", "", "age (e.g. 2y) after which closed tickets are deleted")
	dryRun := fs.Bool("dry-run", false, "print what would be deleted, per table, and change nothing")
	asJSON := fs.Bool("json", false, "print JSON")
	at := fs.String("at", "", "purge as of this RFC 3339 time (default now)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (usage: rmad %s)", pos[0], purgeUsage)
	}
	if (*raw == "") == (*closed == "") {
		return usagef("give one of --raw-older-than or --closed-before (usage: rmad %s)", purgeUsage)
	}
	flag, val := "--raw-older-than", *raw
	if *closed != "" {
		flag, val = "--closed-before", *closed
	}
	age, err := config.CheckRetention(val)
	if err != nil {
		return usagef("%s: %s", flag, strings.TrimPrefix(err.Error(), "config: "))
	}
	now, err := parseAt(*at)
	if err != nil {
		return err
	}
	return withDesk(ctx, env, *cfgFile, func(_ *config.Config, _ store.Beginner, desk *workflow.Desk) error {
		var rep workflow.PurgeReport
		if *raw != "" {
			rep, err = desk.PurgeRaw(ctx, now, age, *dryRun)
		} else {
			rep, err = desk.PurgeClosed(ctx, now, age, *dryRun)
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.stdout, rep)
		}
		what := map[string]string{"raw": "raw mail of closed tickets idle since before", "closed": "tickets closed before"}[rep.Kind]
		verb := "purged"
		if rep.DryRun {
			verb = "would purge (dry run, nothing changed)"
		}
		fmt.Fprintf(env.stdout, "%s %s %s: %d tickets", verb, what, rep.Cutoff.Format(time.RFC3339), len(rep.Tickets))
		if len(rep.Shells) > 0 {
			fmt.Fprintf(env.stdout, " (%d kept anonymised for their billing rows: %s)", len(rep.Shells), strings.Join(rep.Shells, " "))
		}
		fmt.Fprintln(env.stdout)
		return printChanges(env.stdout, rep.Tables)
	})
}

// printChanges prints the rows deleted and scrubbed per table.
func printChanges(w io.Writer, c store.Changes) error {
	names := make([]string, 0, len(c))
	for n, ch := range c {
		if ch.Deleted != 0 || ch.Scrubbed != 0 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tDELETED\tCONTENT REMOVED")
	for _, n := range names {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", n, c[n].Deleted, c[n].Scrubbed)
	}
	return tw.Flush()
}
