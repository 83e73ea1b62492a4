package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"rmad/config"
	"rmad/store"
)

const outboxUsage = `Usage: rmad outbox list [--status queued|sending|sent|failed|held|cancelled] [--json]
       rmad outbox show ID
       rmad outbox retry ID | --all-held     send held mail again now, with a fresh count of attempts
                                             (--all-held keeps mail whose RMA moved on since it was queued)
       rmad outbox drop ID [--reason R]      give up a held or queued mail; its ticket's agents are told`

// cmdOutboxDecide is the operator's decision on held mail: retry or drop.
func cmdOutboxDecide(ctx context.Context, env *cliEnv, sub string, args []string) error {
	usage := map[string]string{
		"retry": "outbox retry ID | --all-held   (held mail goes back in the queue, due now, attempts counted from 0)",
		"drop":  "outbox drop ID [--reason R]   (a held or queued mail is failed for good; the failures job tells its ticket's agents)",
	}[sub]
	fs := newFlags(env, "outbox "+sub, usage)
	cfgFile := configFlag(fs)
	allHeld := new(bool)
	reason := new(string)
	if sub == "retry" {
		allHeld = fs.Bool("all-held", false, "every held mail")
	} else {
		reason = fs.String("reason", "dropped by the operator", "why, shown to the ticket's agents")
	}
	asJSON := fs.Bool("json", false, "print the ids as JSON")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	var id int64
	switch {
	case *allHeld && len(pos) == 0:
	case !*allHeld && len(pos) == 1:
		if id, err = strconv.ParseInt(pos[0], 10, 64); err != nil || id <= 0 {
			return usagef("not an outbox id: %q", pos[0])
		}
	default:
		return usagef("%s", usage)
	}
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool store.Beginner) error {
		ids, err := decideHeld(ctx, pool, sub, id, *reason, time.Now())
		if err != nil {
			return err
		}
		// --all-held leaves mail whose RMA moved on while it was held: the
		// operator decides on each (show, then retry ID or drop ID).
		kept := []int64{}
		if *allHeld {
			if kept, err = store.MovedOnHeld(ctx, pool); err != nil {
				return err
			}
		}
		if *asJSON {
			out := map[string]any{sub: ids}
			if *allHeld {
				out["kept_held"] = kept
			}
			return writeJSON(env.stdout, out)
		}
		verb := map[string]string{"retry": "queued again", "drop": "dropped"}[sub]
		fmt.Fprintf(env.stdout, "%d %s: %v\n", len(ids), verb, ids)
		if len(kept) > 0 {
			fmt.Fprintf(env.stdout, "%d kept held, their RMA moved on after they were queued (they may be out of date: "+
				"rmad outbox show ID, then rmad outbox retry ID or rmad outbox drop ID): %v\n", len(kept), kept)
		}
		return nil
	})
}

func decideHeld(ctx context.Context, pool store.Beginner, sub string, id int64, reason string, now time.Time) ([]int64, error) {
	var ids []int64
	var err error
	if sub == "retry" {
		ids, err = store.RequeueHeld(ctx, pool, id, now)
	} else {
		err = store.DropOutbox(ctx, pool, id, now, reason)
		ids = []int64{id}
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("outbox mail %d not found", id)
	case errors.Is(err, store.ErrNotHeld) && sub == "retry":
		return nil, fmt.Errorf("outbox mail %d is not held (%w)", id, err)
	case errors.Is(err, store.ErrNotHeld):
		return nil, fmt.Errorf("outbox mail %d is neither held nor queued (%w)", id, err)
	}
	return ids, err
}
