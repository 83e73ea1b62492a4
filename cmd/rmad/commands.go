package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/config"
	"rmad/mailout"
	"rmad/parser"
	"rmad/policy"
	"rmad/store"
	"rmad/workflow"
)

func cmdParse(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "parse", "parse FILE|-   (prints contracts/parse.md JSON)")
	dayFirst := fs.Bool("day-first", false, "read ambiguous numeric dates as day/month")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("need exactly one FILE or -")
	}
	var raw []byte
	if pos[0] == "-" {
		raw, err = io.ReadAll(env.stdin)
	} else {
		raw, err = os.ReadFile(pos[0])
	}
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	m, err := parser.ParseWith(raw, parser.Options{DayFirst: *dayFirst})
	if err != nil {
		return fmt.Errorf("parse %s: %w", pos[0], err)
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// withStore loads config and opens the database, migrating it, for one
// command. Every call through the store it hands over has the database
// deadline ([health] database_timeout), as in serve.
func withStore(ctx context.Context, env *cliEnv, cfgFile string, fn func(cfg *config.Config, pool store.Beginner) error) error {
	return withPool(ctx, env, cfgFile, func(cfg *config.Config, pool *pgxpool.Pool) error {
		return fn(cfg, store.Bounded(pool, cfg.Health.DatabaseTimeout.Duration))
	})
}

// withPool is withStore with the pool itself, for what bounds its own calls.
func withPool(ctx context.Context, env *cliEnv, cfgFile string, fn func(cfg *config.Config, pool *pgxpool.Pool) error) error {
	cfg, err := loadConfig(env, cfgFile)
	if err != nil {
		return err
	}
	pool, err := openDBWithin(ctx, cfg.DatabaseURL, cfg.Health.DatabaseTimeout.Duration)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, _, err := migrate(ctx, pool); err != nil {
		return err
	}
	return fn(cfg, pool)
}

// withDesk is withStore plus the desk (whose calls have the deadline too).
func withDesk(ctx context.Context, env *cliEnv, cfgFile string, fn func(cfg *config.Config, pool store.Beginner, desk *workflow.Desk) error) error {
	return withPool(ctx, env, cfgFile, func(cfg *config.Config, pool *pgxpool.Pool) error {
		desk, err := buildDesk(ctx, cfg, pool, newLogger(io.Discard, cfg), nil)
		if err != nil {
			return err
		}
		return fn(cfg, store.Bounded(pool, cfg.Health.DatabaseTimeout.Duration), desk)
	})
}

func parseAt(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, usagef("--at: not an RFC 3339 time (e.g. 2026-12-01T09:00:00-08:00): %q", s)
	}
	return t, nil
}

func cmdIngest(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "ingest", "ingest --mailbox NAME [--at TIME] FILE...\n       rmad ingest --quarantined ID|all [--at TIME]")
	cfgFile := configFlag(fs)
	mailbox := fs.String("mailbox", "", "the configured mailbox the files arrived in")
	at := fs.String("at", "", "process as of this RFC 3339 time (default now)")
	quarantined := fs.String("quarantined", "", "replay a quarantined message by id, or all of them")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	now, err := parseAt(*at)
	if err != nil {
		return err
	}
	if *quarantined == "" && (*mailbox == "" || len(files) == 0) {
		return usagef("need --mailbox NAME and at least one FILE (or --quarantined ID)")
	}
	return withDesk(ctx, env, *cfgFile, func(cfg *config.Config, pool store.Beginner, desk *workflow.Desk) error {
		if *quarantined != "" {
			return replayQuarantined(ctx, env, desk, *quarantined, now)
		}
		known := false
		for _, mb := range cfg.Mailbox {
			known = known || mb.Name == *mailbox
		}
		if !known {
			return usagef("--mailbox %q is not a configured mailbox", *mailbox)
		}
		failed := 0
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				fmt.Fprintf(env.stderr, "%s: %v\n", f, err)
				failed++
				continue
			}
			res, err := desk.Ingest(ctx, workflow.Inbound{Mailbox: *mailbox, Raw: raw, At: now})
			if err != nil {
				fmt.Fprintf(env.stderr, "%s: %v\n", f, oneLine(err.Error()))
				failed++
				continue
			}
			fmt.Fprintf(env.stdout, "%s\t%s\t%s\tqueued=%d\n", f, res.Outcome, orDash(res.Ticket), res.Queued)
		}
		if failed > 0 {
			return fmt.Errorf("%d of %d files failed", failed, len(files))
		}
		return nil
	})
}

func replayQuarantined(ctx context.Context, env *cliEnv, desk *workflow.Desk, which string, now time.Time) error {
	qs, err := desk.ListQuarantine(ctx)
	if err != nil {
		return err
	}
	found := false
	for _, q := range qs {
		if which != "all" && strconv.FormatInt(q.ID, 10) != which {
			continue
		}
		found = true
		res, err := desk.Replay(ctx, q, now)
		if err != nil {
			return fmt.Errorf("quarantined %d: %w", q.ID, err)
		}
		fmt.Fprintf(env.stdout, "quarantined %d\t%s\t%s\tqueued=%d\n", q.ID, res.Outcome, orDash(res.Ticket), res.Queued)
	}
	if !found && which != "all" {
		return fmt.Errorf("quarantined message %s not found (or already replayed)", which)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdOutbox(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 && (args[0] == "retry" || args[0] == "drop") {
		return cmdOutboxDecide(ctx, env, args[0], args[1:])
	}
	if len(args) == 0 || (args[0] != "list" && args[0] != "show") {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(env.stdout, outboxUsage)
			return nil
		}
		return usagef("usage: rmad outbox list [--status S] [--json] | show ID | retry ID|--all-held | drop ID [--reason R]")
	}
	sub := args[0]
	fs := newFlags(env, "outbox "+sub, map[string]string{"list": "outbox list [--status queued|sending|sent|failed|held|cancelled] [--json]", "show": "outbox show ID   (the raw RFC 5322 message)"}[sub])
	cfgFile := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON (list)")
	status := fs.String("status", "", "only mail with this status (list)")
	limit := fs.Int("limit", 200, "at most this many (list)")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool store.Beginner) error {
		return outboxCmd(ctx, env, pool, sub, pos, *asJSON, *status, *limit)
	})
}

func outboxCmd(ctx context.Context, env *cliEnv, pool store.Beginner, sub string, pos []string, asJSON bool, status string, limit int) error {
	if sub == "show" {
		if len(pos) != 1 {
			return usagef("outbox show needs one ID")
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return usagef("not an outbox id: %q", pos[0])
		}
		m, err := store.OutboxByID(ctx, pool, id)
		if err != nil {
			return lookupErr("outbox mail "+pos[0], err)
		}
		q := &queue{db: pool}
		mail := q.toMail(m)
		if mail.Files != nil {
			files, err := mail.Files(ctx)
			if err != nil {
				return err
			}
			mail.Attachments, mail.Files = append(mail.Attachments, files...), nil
		}
		raw, err := mailout.Render(mail)
		if err != nil {
			return err
		}
		_, err = env.stdout.Write(raw)
		return err
	}
	ms, err := store.ListOutbox(ctx, pool, status, limit)
	if err != nil {
		return err
	}
	if asJSON {
		out := []map[string]any{}
		for _, m := range ms {
			out = append(out, map[string]any{"id": m.ID, "ticket": m.TicketRef, "template": m.Template, "from": m.From,
				"to": m.To, "cc": m.Cc, "subject": m.Subject, "message_id": m.MessageID, "status": m.Status, "queued_at": m.QueuedAt,
				"sent_at": m.SentAt, "attempts": m.Attempts, "last_error": m.LastError})
		}
		return writeJSON(env.stdout, out)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTICKET\tTEMPLATE\tSTATUS\tTO\tSUBJECT")
	for _, m := range ms {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", m.ID, orDash(m.TicketRef), m.Template, m.Status, strings.Join(m.To, ","), m.Subject)
	}
	return tw.Flush()
}

func cmdPolicy(ctx context.Context, env *cliEnv, args []string) error {
	usage := "Usage: rmad policy list | rmad policy show NAME | rmad policy check FILE"
	if len(args) == 0 {
		return usagef("%s", usage)
	}
	switch args[0] {
	case "-h", "--help":
		fmt.Fprintln(env.stdout, usage)
		return nil
	case "list":
		for _, n := range policy.Presets() {
			p, err := policy.Load(n)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.stdout, "%-10s %s (%s)\n", n, p.Vendor, p.TimeZone)
		}
		return nil
	case "show":
		if len(args) == 2 && (args[1] == "-h" || args[1] == "--help") {
			fmt.Fprintln(env.stdout, "Usage: rmad policy show NAME   (prints a built-in preset as TOML: "+strings.Join(policy.Presets(), ", ")+")")
			return nil
		}
		if len(args) != 2 {
			return usagef("policy show needs one NAME")
		}
		b, err := policy.PresetText(args[1])
		if err != nil {
			return usagef("%v", err)
		}
		_, err = env.stdout.Write(b)
		return err
	case "check":
		if len(args) == 2 && (args[1] == "-h" || args[1] == "--help") {
			fmt.Fprintln(env.stdout, "Usage: rmad policy check FILE   (validates a policy file; an error names the key)")
			return nil
		}
		if len(args) != 2 {
			return usagef("policy check needs one FILE")
		}
		p, err := policy.Load(args[1])
		if err != nil {
			return &config.Error{Key: args[1], Reason: err.Error()}
		}
		fmt.Fprintf(env.stdout, "%s: ok (policy %s)\n", args[1], p.Name)
		return nil
	}
	return usagef("%s", usage)
}

func cmdConfig(ctx context.Context, env *cliEnv, args []string) error {
	usage := "Usage: rmad config example | rmad config check [--config FILE]"
	if len(args) == 0 {
		return usagef("%s", usage)
	}
	switch args[0] {
	case "-h", "--help":
		fmt.Fprintln(env.stdout, usage)
		return nil
	case "example":
		_, err := io.WriteString(env.stdout, config.Example)
		return err
	case "check":
		fs := newFlags(env, "config check", "config check [--config FILE]")
		cfgFile := configFlag(fs)
		if _, err := parseInterleaved(fs, args[1:]); err != nil {
			return err
		}
		cfg, err := loadConfig(env, *cfgFile)
		if err != nil {
			return err
		}
		if _, err := policy.Load(cfg.Policy); err != nil {
			return &config.Error{Key: "policy", Reason: err.Error()}
		}
		if _, _, err := schedules(cfg); err != nil {
			return err
		}
		for _, w := range cfg.Warnings() {
			fmt.Fprintf(env.stderr, "rmad: config: warning: %s\n", w)
		}
		fmt.Fprintf(env.stdout, "%s: ok (%d mailboxes, policy %s)\n", *cfgFile, len(cfg.Mailbox), cfg.Policy)
		return nil
	}
	return usagef("%s", usage)
}
