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

// withStore loads config and opens the database, migrating it, for one command.
func withStore(ctx context.Context, env *cliEnv, cfgFile string, fn func(cfg *config.Config, pool *pgxpool.Pool) error) error {
	cfg, err := loadConfig(env, cfgFile)
	if err != nil {
		return err
	}
	pool, err := openDB(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, _, err := migrate(ctx, pool); err != nil {
		return err
	}
	return fn(cfg, pool)
}

// withDesk is withStore plus the desk.
func withDesk(ctx context.Context, env *cliEnv, cfgFile string, fn func(cfg *config.Config, pool *pgxpool.Pool, desk *workflow.Desk) error) error {
	return withStore(ctx, env, cfgFile, func(cfg *config.Config, pool *pgxpool.Pool) error {
		desk, err := buildDesk(ctx, cfg, pool, newLogger(io.Discard, cfg), nil)
		if err != nil {
			return err
		}
		return fn(cfg, pool, desk)
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
	return withDesk(ctx, env, *cfgFile, func(cfg *config.Config, pool *pgxpool.Pool, desk *workflow.Desk) error {
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

// ticketView is `rmad ticket show --json` (contracts/cli.md).
type ticketView struct {
	Ref         string              `json:"ref"`
	Kind        string              `json:"kind"`
	State       string              `json:"state"`
	Subject     string              `json:"subject"`
	Customer    customerView        `json:"customer"`
	Fields      map[string]string   `json:"fields"`
	Units       []map[string]string `json:"units"`
	Missing     []string            `json:"missing"`
	RMA         any                 `json:"rma"`
	RMAs        []rmaJSON           `json:"rmas"`
	Entitlement any                 `json:"entitlement"`
	CreatedAt   time.Time           `json:"created_at"`
	UpdatedAt   time.Time           `json:"updated_at"`
	Messages    []messageView       `json:"messages"`
	Events      []eventView         `json:"events"`
}

type entitlementJSON struct {
	Covered bool   `json:"covered"`
	Plan    string `json:"plan"`
	Ends    string `json:"ends"`
	Reason  string `json:"reason"`
}

type rmaJSON struct {
	Number        string          `json:"number"`
	Unit          int             `json:"unit"`
	Serial        string          `json:"serial_number"`
	Model         string          `json:"model"`
	Type          string          `json:"type"`
	Status        string          `json:"status"`
	IssuedAt      *time.Time      `json:"issued_at"`
	ShipDate      *time.Time      `json:"ship_date"`
	ShippedAt     *time.Time      `json:"shipped_at"`
	DeliveredAt   *time.Time      `json:"delivered_at"`
	ReturnDue     *time.Time      `json:"return_due"`
	VoidAt        *time.Time      `json:"void_at"`
	ReceivedAt    *time.Time      `json:"received_at"`
	VoidedAt      *time.Time      `json:"voided_at"`
	BilledAt      *time.Time      `json:"billed_at"`
	PaidAt        *time.Time      `json:"paid_at"`
	Carrier       string          `json:"carrier"`
	Tracking      string          `json:"tracking"`
	BlockedOn     []string        `json:"blocked_on"`
	Amount        *string         `json:"amount"`
	Currency      string          `json:"currency"`
	Quote         *string         `json:"quote_amount"`
	QuoteCurrency string          `json:"quote_currency"`
	Entitlement   entitlementJSON `json:"entitlement"`
}

type customerView struct {
	Name    string `json:"name"`
	Address string `json:"address"`
}

type messageView struct {
	Direction string    `json:"direction"`
	At        time.Time `json:"at"`
	From      string    `json:"from"`
	To        []string  `json:"to"`
	Subject   string    `json:"subject"`
	MessageID string    `json:"message_id"`
	Class     string    `json:"class,omitempty"`
	Outcome   string    `json:"outcome,omitempty"`
	Template  string    `json:"template,omitempty"`
	Status    string    `json:"status,omitempty"`
}

type eventView struct {
	At     time.Time `json:"at"`
	Kind   string    `json:"kind"`
	Detail string    `json:"detail"`
}

const ticketUsage = "rmad ticket list [--state S] [--json]\n       rmad ticket show REF [--json]\n       rmad ticket set REF FIELD=VALUE...\n" +
	"       rmad ticket search [--serial S] [--customer ADDR|DOMAIN] [--po N] [--invoice N] [--rma RMA-n] [--text WORDS] [--json]"

func cmdTicket(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) > 0 && args[0] == "set" {
		return cmdTicketSet(ctx, env, args[1:])
	}
	if len(args) > 0 && args[0] == "search" {
		return cmdTicketSearch(ctx, env, args[1:])
	}
	if len(args) == 0 || (args[0] != "list" && args[0] != "show") {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(env.stdout, "Usage: "+ticketUsage)
			return nil
		}
		return usagef("usage: %s", ticketUsage)
	}
	sub := args[0]
	fs := newFlags(env, "ticket "+sub, map[string]string{"list": "ticket list [--state S] [--json]", "show": "ticket show REF [--json]   (REF: TKT-n or RMA-n)"}[sub])
	cfgFile := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	state := fs.String("state", "", "only tickets in this state (list)")
	limit := fs.Int("limit", 100, "at most this many tickets (list)")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if sub == "show" && len(pos) != 1 {
		return usagef("ticket show needs one REF")
	}
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool *pgxpool.Pool) error {
		return ticketCmd(ctx, env, pool, sub, pos, *asJSON, *state, *limit)
	})
}

func ticketCmd(ctx context.Context, env *cliEnv, pool *pgxpool.Pool, sub string, pos []string, asJSON bool, state string, limit int) error {
	if sub == "list" {
		ts, err := store.ListTickets(ctx, pool, state, limit)
		if err != nil {
			return err
		}
		return printTickets(env, ts, asJSON)
	}
	v, err := loadTicketView(ctx, pool, pos[0])
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.stdout, v)
	}
	return printTicket(env.stdout, v)
}

func loadTicketView(ctx context.Context, pool *pgxpool.Pool, ref string) (*ticketView, error) {
	ref = workflow.TicketRef(ref)
	t, err := store.TicketByRef(ctx, pool, ref)
	if err != nil {
		return nil, lookupErr("ticket "+ref, err)
	}
	v := &ticketView{Ref: t.Ref, Kind: t.Kind, State: string(t.State), Subject: t.Subject,
		Customer: customerView{t.CustomerName, t.CustomerAddress}, Fields: t.Fields, Units: t.Units,
		Missing: t.Missing, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt,
		Messages: []messageView{}, Events: []eventView{}}
	ins, err := store.TicketMessages(ctx, pool, t.ID)
	if err != nil {
		return nil, err
	}
	outs, err := store.TicketOutbox(ctx, pool, t.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range ins {
		v.Messages = append(v.Messages, messageView{Direction: "in", At: m.ReceivedAt, From: m.FromAddress, To: m.To,
			Subject: m.Subject, MessageID: m.MessageID, Class: m.Class, Outcome: string(m.Outcome)})
	}
	for _, m := range outs {
		v.Messages = append(v.Messages, messageView{Direction: "out", At: m.QueuedAt, From: m.From, To: m.To,
			Subject: m.Subject, MessageID: m.MessageID, Template: m.Template, Status: string(m.Status)})
	}
	sortMessages(v.Messages)
	rmas, err := store.TicketRMAs(ctx, pool, t.ID, false)
	if err != nil {
		return nil, err
	}
	v.RMAs = []rmaJSON{}
	for _, m := range rmas {
		j := rmaJSON{Number: m.Number, Unit: m.UnitIndex, Serial: m.SerialNumber, Model: m.Model, Type: string(m.Type),
			Status: string(m.Status), IssuedAt: m.IssuedAt, ShipDate: m.ShipDate, ShippedAt: m.ShippedAt, DeliveredAt: m.DeliveredAt,
			ReturnDue: m.ReturnDue, VoidAt: m.VoidAt, ReceivedAt: m.ReceivedAt, VoidedAt: m.VoidedAt, BilledAt: m.BilledAt,
			PaidAt: m.PaidAt, Carrier: m.Carrier, Tracking: m.Tracking, BlockedOn: m.BlockedOn, Amount: m.Amount,
			Currency: m.Currency, Quote: m.QuoteAmount, QuoteCurrency: m.QuoteCurrency,
			Entitlement: entitlementJSON{Covered: m.Covered, Plan: m.Plan, Reason: m.CoverageReason}}
		if m.CoverageEnds != nil {
			j.Entitlement.Ends = m.CoverageEnds.Format("2006-01-02")
		}
		v.RMAs = append(v.RMAs, j)
	}
	if len(v.RMAs) > 0 {
		v.RMA = v.RMAs[0]
		v.Entitlement = v.RMAs[0].Entitlement
	}
	evs, err := store.TicketEvents(ctx, pool, t.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range evs {
		v.Events = append(v.Events, eventView{At: e.At, Kind: e.Kind, Detail: e.Detail})
	}
	return v, nil
}

func sortMessages(ms []messageView) {
	// Stable by time: an inbound message sorts before the replies queued at the same instant.
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].At.Before(ms[j-1].At); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func printTicket(w io.Writer, v *ticketView) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Ticket:\t%s (%s)\n", v.Ref, v.Kind)
	fmt.Fprintf(tw, "State:\t%s\n", v.State)
	fmt.Fprintf(tw, "Subject:\t%s\n", v.Subject)
	fmt.Fprintf(tw, "Customer:\t%s <%s>\n", v.Customer.Name, v.Customer.Address)
	if len(v.Missing) > 0 {
		fmt.Fprintf(tw, "Missing:\t%s\n", strings.Join(v.Missing, ", "))
	}
	for _, k := range sortedKeys(v.Fields) {
		fmt.Fprintf(tw, "  %s:\t%s\n", k, v.Fields[k])
	}
	for i, u := range v.Units {
		var parts []string
		for _, k := range sortedKeys(u) {
			parts = append(parts, k+"="+u[k])
		}
		fmt.Fprintf(tw, "  unit %d:\t%s\n", i+1, strings.Join(parts, " "))
	}
	for _, m := range v.RMAs {
		fmt.Fprintf(tw, "%s:\t%s %s, unit %s %s", m.Number, m.Type, m.Status, m.Model, m.Serial)
		if m.ReturnDue != nil {
			fmt.Fprintf(tw, ", due %s", m.ReturnDue.Format(time.RFC3339))
		}
		if m.VoidAt != nil {
			fmt.Fprintf(tw, ", void %s", m.VoidAt.Format(time.RFC3339))
		}
		fmt.Fprintf(tw, "\n  coverage:\t%s\n", m.Entitlement.Reason)
	}
	fmt.Fprintln(tw, "\nMessages:")
	for _, m := range v.Messages {
		what := m.Outcome
		if m.Direction == "out" {
			what = m.Template + "/" + m.Status
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s -> %s\t%s\t%s\n", m.At.Format(time.RFC3339), m.Direction, m.From, strings.Join(m.To, ","), what, m.Subject)
	}
	fmt.Fprintln(tw, "\nHistory:")
	for _, e := range v.Events {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", e.At.Format(time.RFC3339), e.Kind, e.Detail)
	}
	return tw.Flush()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdOutbox(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || (args[0] != "list" && args[0] != "show") {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(env.stdout, "Usage: rmad outbox list [--status queued|sent|failed] [--json]\n       rmad outbox show ID")
			return nil
		}
		return usagef("usage: rmad outbox list [--status S] [--json] | rmad outbox show ID")
	}
	sub := args[0]
	fs := newFlags(env, "outbox "+sub, map[string]string{"list": "outbox list [--status queued|sending|sent|failed] [--json]", "show": "outbox show ID   (the raw RFC 5322 message)"}[sub])
	cfgFile := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON (list)")
	status := fs.String("status", "", "only mail with this status (list)")
	limit := fs.Int("limit", 200, "at most this many (list)")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool *pgxpool.Pool) error {
		return outboxCmd(ctx, env, pool, sub, pos, *asJSON, *status, *limit)
	})
}

func outboxCmd(ctx context.Context, env *cliEnv, pool *pgxpool.Pool, sub string, pos []string, asJSON bool, status string, limit int) error {
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
		raw, err := mailout.Render(toMail(m))
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
				"to": m.To, "subject": m.Subject, "message_id": m.MessageID, "status": m.Status, "queued_at": m.QueuedAt,
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
		fmt.Fprintf(env.stdout, "%s: ok (%d mailboxes, policy %s)\n", *cfgFile, len(cfg.Mailbox), cfg.Policy)
		return nil
	}
	return usagef("%s", usage)
}

// printTickets writes tickets as ticket list and ticket search show them.
func printTickets(env *cliEnv, ts []store.Ticket, asJSON bool) error {
	if asJSON {
		out := []map[string]any{}
		for _, t := range ts {
			out = append(out, map[string]any{"ref": t.Ref, "kind": t.Kind, "state": t.State, "subject": t.Subject,
				"customer": customerView{t.CustomerName, t.CustomerAddress}, "created_at": t.CreatedAt, "updated_at": t.UpdatedAt,
				"missing": t.Missing})
		}
		return writeJSON(env.stdout, out)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "REF\tKIND\tSTATE\tCUSTOMER\tCREATED\tSUBJECT")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Ref, t.Kind, t.State, t.CustomerAddress, t.CreatedAt.Format(time.RFC3339), t.Subject)
	}
	return tw.Flush()
}

// cmdTicketSearch finds tickets by what an agent has at hand: a serial, a
// customer, a PO or invoice number, an RMA number, words.
func cmdTicketSearch(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "ticket search", "ticket search [--serial S] [--customer ADDR|DOMAIN] [--po N] [--invoice N] [--rma RMA-n] [--text WORDS] [--json]")
	cfgFile := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON (as ticket list --json)")
	limit := fs.Int("limit", 100, "at most this many tickets, newest first")
	var q store.TicketQuery
	fs.StringVar(&q.Serial, "serial", "", "a unit's serial number (or a replacement's)")
	fs.StringVar(&q.Customer, "customer", "", "the customer's address, or a domain (with its subdomains)")
	fs.StringVar(&q.PO, "po", "", "the purchase order number")
	fs.StringVar(&q.Invoice, "invoice", "", "the invoice number")
	rma := fs.String("rma", "", "an RMA number (RMA-n) or ticket ref (TKT-n)")
	fs.StringVar(&q.Text, "text", "", "words of the subject, the problem, the customer or the company")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("ticket search takes flags only, not %q", pos[0])
	}
	if *rma != "" {
		q.Ref = workflow.TicketRef(*rma)
	}
	if q == (store.TicketQuery{}) {
		return usagef("ticket search needs at least one of --serial, --customer, --po, --invoice, --rma, --text")
	}
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool *pgxpool.Pool) error {
		ts, err := store.SearchTickets(ctx, pool, q, *limit)
		if err != nil {
			return err
		}
		return printTickets(env, ts, *asJSON)
	})
}
