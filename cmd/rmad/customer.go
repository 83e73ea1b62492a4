package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"rmad/config"
	"rmad/store"
	"rmad/workflow"
)

const customerUsage = "customer forget ADDR [--dry-run] [--json] [--at TIME]\n       rmad customer forgotten ADDR [--json]"

// cmdCustomer acts on one person's data: forget erases it.
func cmdCustomer(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 && args[0] == "forgotten" {
		return cmdForgotten(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "forget" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(env.stdout, "Usage: rmad "+customerUsage+"\n\nErases one person's data everywhere (their tickets, messages, the mail to them,"+
				"\ntheir address, name and phone in the rest of the desk), keeping the billing rows finance\nmust keep, anonymised. ADDR is one exact address; a domain is refused."+
				"\n`forgotten` shows the audit rows of the forgets of ADDR (found by its keyed hash).")
			return nil
		}
		return usagef("usage: rmad %s", customerUsage)
	}
	fs := newFlags(env, "customer forget", customerUsage)
	cfgFile := configFlag(fs)
	dryRun := fs.Bool("dry-run", false, "print what would be erased, per table, and change nothing")
	asJSON := fs.Bool("json", false, "print JSON")
	at := fs.String("at", "", "act as of this RFC 3339 time (default now)")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("customer forget needs one ADDR (usage: rmad %s)", customerUsage)
	}
	addr, err := workflow.ForgetAddress(pos[0])
	if err != nil {
		return usagef("%v", err)
	}
	now, err := parseAt(*at)
	if err != nil {
		return err
	}
	return withDesk(ctx, env, *cfgFile, func(_ *config.Config, _ store.Beginner, desk *workflow.Desk) error {
		rep, err := desk.Forget(ctx, addr, now, *dryRun)
		if workflow.IsNotAddress(err) {
			return usagef("%v", err)
		}
		var blocked *workflow.ForgetBlockedError
		if errors.As(err, &blocked) && *asJSON {
			_ = writeJSON(env.stdout, rep)
		}
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.stdout, rep)
		}
		return printForget(env, rep)
	})
}

func printForget(env *cliEnv, rep workflow.ForgetReport) error {
	w := env.stdout
	verb := "forgotten"
	if rep.DryRun {
		verb = "would be forgotten (dry run, nothing changed)"
	}
	fmt.Fprintf(w, "%s: recorded as %s (audit subject %s)\n", verb, rep.Tag, rep.Subject)
	fmt.Fprintf(w, "their tickets deleted: %d %s\n", len(rep.Tickets), strings.Join(rep.Tickets, " "))
	if len(rep.Shells) > 0 {
		fmt.Fprintf(w, "kept anonymised for their billing rows: %s\n", strings.Join(rep.Shells, " "))
	}
	if err := printChanges(w, rep.Tables); err != nil {
		return err
	}
	if len(rep.Copies) > 0 {
		var where []string
		for _, c := range rep.Copies {
			where = append(where, fmt.Sprintf("%s uid %d (uidvalidity %d)", c.Mailbox, c.UID, c.UIDValidity))
		}
		fmt.Fprintf(w, "\nThe IMAP server may still hold %d of their messages (a mailbox with after = \"seen\" keeps them): delete them there:\n  %s\n",
			len(rep.Copies), strings.Join(where, "\n  "))
	}
	return nil
}

// cmdForgotten shows whether, and when, an address was forgotten: the
// audit rows recorded under its keyed hash.
func cmdForgotten(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "customer forgotten", "customer forgotten ADDR [--json]")
	cfgFile := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("customer forgotten needs one ADDR")
	}
	if _, err := workflow.ForgetAddress(pos[0]); err != nil {
		return usagef("%v", err)
	}
	return withDesk(ctx, env, *cfgFile, func(_ *config.Config, _ store.Beginner, desk *workflow.Desk) error {
		es, err := desk.Forgotten(ctx, pos[0])
		if err != nil {
			return err
		}
		if *asJSON {
			type row struct {
				At     time.Time     `json:"at"`
				Counts store.Changes `json:"tables"`
			}
			out := []row{}
			for _, e := range es {
				out = append(out, row{e.At, e.Counts})
			}
			return writeJSON(env.stdout, out)
		}
		if len(es) == 0 {
			fmt.Fprintln(env.stdout, "no forget recorded for this address")
			return nil
		}
		for _, e := range es {
			fmt.Fprintf(env.stdout, "forgotten at %s\n", e.At.Format(time.RFC3339))
		}
		return nil
	})
}
