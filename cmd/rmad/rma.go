package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/config"
	"rmad/registry"
	"rmad/store"
	"rmad/workflow"
)

// rmaVerbs are the actions of `rmad rma VERB`, each the agent's #command of
// the same meaning.
var rmaVerbs = []string{"approve", "ship", "deliver", "return", "receive", "repaired", "void", "paid", "reject", "quote"}

func cmdRMA(ctx context.Context, env *cliEnv, args []string) error {
	usage := "rmad rma " + strings.Join(rmaVerbs, "|") + " REF [flags]   (REF: TKT-n or RMA-n)"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		if len(args) == 0 {
			return usagef("usage: %s", usage)
		}
		fmt.Fprintln(env.stdout, "Usage: "+usage+"\n\nEach does what the agent's #command of the same name does, and tells the customer the same way.")
		return nil
	}
	verb := args[0]
	if !slices.Contains(rmaVerbs, verb) {
		return usagef("unknown rma action %q; usage: %s", verb, usage)
	}
	fs := newFlags(env, "rma "+verb, "rma "+verb+" REF [flags]")
	cfgFile := configFlag(fs)
	at := fs.String("at", "", "as of this RFC 3339 time (default now)")
	typ := fs.String("type", "", "approve: standard, advance or doa (default: what the unit is entitled to)")
	override := fs.String("override", "", "approve: why an advance or DOA replacement the unit is not entitled to is approved anyway (recorded)")
	carrier := fs.String("carrier", "", "ship, return, repaired: the carrier")
	tracking := fs.String("tracking", "", "ship, return, repaired: the tracking number")
	part := fs.String("part", "", "ship: what was shipped as the replacement (\"unit\" for a whole unit, else e.g. PSU-800W): what is billed if the defective one never comes back")
	price := fs.String("price", "", "ship: the price of what was shipped, e.g. 180.00")
	serial := fs.String("serial", "", "ship, repaired: the replacement unit's serial number (covered as the unit it replaces); refused for a rejected unit, which goes back unrepaired")
	pickedUp := fs.String("picked-up", "", "return: the day the courier picked the defective unit up, YYYY-MM-DD (default: the day of --at)")
	reason := fs.String("reason", "", "void/reject: why (told to the customer)")
	note := fs.String("note", "", "receive: a note for the customer")
	damaged := fs.Bool("damaged", false, "receive: the unit shows customer-induced damage")
	missing := fs.String("missing", "", "receive: components missing from the box, comma-separated (e.g. PSU,tray)")
	components := fs.Bool("components", false, "receive: the missing components arrived")
	amount := fs.String("amount", "", "quote: AMOUNT CURRENCY, e.g. \"250.00 USD\"")
	actor := fs.String("as", "cli", "who does this, for the history")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("need exactly one REF")
	}
	now, err := parseAt(*at)
	if err != nil {
		return err
	}
	var op workflow.Op
	switch verb {
	case "approve":
		op = workflow.Approve{Type: store.RMAType(strings.ToLower(strings.TrimSpace(*typ))), Override: strings.TrimSpace(*override)}
	case "ship":
		op = workflow.Shipped{Carrier: strings.TrimSpace(*carrier), Tracking: strings.TrimSpace(*tracking),
			Part: strings.TrimSpace(*part), Price: strings.TrimSpace(*price), Serial: strings.TrimSpace(*serial)}
	case "repaired":
		op = workflow.Repaired{Carrier: strings.TrimSpace(*carrier), Tracking: strings.TrimSpace(*tracking), Serial: strings.TrimSpace(*serial)}
	case "return":
		op = workflow.Returned{Carrier: strings.TrimSpace(*carrier), Tracking: strings.TrimSpace(*tracking), PickedUp: strings.TrimSpace(*pickedUp)}
	case "deliver":
		op = workflow.Delivered{}
	case "receive":
		op = workflow.Received{Note: strings.TrimSpace(*note), Damaged: *damaged, Components: *components,
			Missing: strings.Join(strings.FieldsFunc(*missing, func(r rune) bool { return r == ',' }), ", ")}
	case "void", "reject":
		if *reason == "" {
			return usagef("--reason is required")
		}
		op = workflow.Void{Reason: *reason}
		if verb == "reject" {
			op = workflow.Reject{Reason: *reason}
		}
	case "paid":
		op = workflow.Paid{}
	case "quote":
		q := workflow.Quote{Amount: strings.TrimSpace(*amount)}
		if f := strings.Fields(*amount); len(f) == 2 {
			q.Amount, q.Currency = f[0], strings.ToUpper(f[1])
		}
		op = q
	}
	return runOp(ctx, env, *cfgFile, pos[0], op, *actor, now)
}

// runOp runs op on the ticket ref names and prints what it did; a refusal
// exits 2 with the reason.
func runOp(ctx context.Context, env *cliEnv, cfgFile, ref string, op workflow.Op, actor string, now time.Time) error {
	return withDesk(ctx, env, cfgFile, func(_ *config.Config, _ store.Beginner, desk *workflow.Desk) error {
		res, err := desk.Do(ctx, ref, op, actor, now)
		if workflow.IsRefusal(err) {
			return usagef("%s: %v", ref, err)
		}
		if err != nil {
			return lookupErr(ref, err)
		}
		fmt.Fprintln(env.stdout, res)
		return nil
	})
}

func cmdTicketSet(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "ticket set", "ticket set REF FIELD=VALUE...   (what an agent's #set does)")
	cfgFile := configFlag(fs)
	at := fs.String("at", "", "as of this RFC 3339 time (default now)")
	actor := fs.String("as", "cli", "who does this, for the history")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("need REF and at least one FIELD=VALUE")
	}
	now, err := parseAt(*at)
	if err != nil {
		return err
	}
	// An argument with "=" starts a pair (a quoted value may hold spaces and
	// "="); a word without one continues the value before it, as in #set:
	// ship_to=1 Main St works unquoted.
	var set workflow.Set
	for _, a := range pos[1:] {
		k, v, ok := strings.Cut(a, "=")
		switch {
		case ok && strings.TrimSpace(k) != "":
			set.Pairs = append(set.Pairs, [2]string{k, v})
		case len(set.Pairs) > 0:
			set.Pairs[len(set.Pairs)-1][1] += " " + a
		default:
			return usagef("%q is not FIELD=VALUE", a)
		}
	}
	return runOp(ctx, env, *cfgFile, pos[0], set, *actor, now)
}

func cmdRegistry(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.stdout, "Usage: rmad registry import FILE.csv\n\nColumns: serial_number, model (required), part_number, customer, customer_email, invoice_number,\ninvoice_date, delivery_date (YYYY-MM-DD), invoice_price, msrp, currency, plans (e.g. extended:2y;advance).\nAll or nothing: bad rows are reported by line and nothing is imported.")
			return nil
		}
		return usagef("usage: rmad registry import FILE.csv")
	}
	fs := newFlags(env, "registry import", "registry import FILE.csv")
	cfgFile := configFlag(fs)
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("need exactly one FILE.csv")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("registry: %w", err)
	}
	defer f.Close()
	assets, err := registry.Read(f)
	var pe *registry.ParseError
	if errors.As(err, &pe) {
		fmt.Fprintf(env.stderr, "%s: %v\n", pos[0], pe)
		return fmt.Errorf("registry: %s: nothing imported (%d problems)", pos[0], len(pe.Rows))
	}
	if err != nil {
		return fmt.Errorf("registry: %s: %w", pos[0], err)
	}
	rows := make([]store.Asset, len(assets))
	for i, a := range assets {
		rows[i] = toStoreAsset(a)
	}
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool store.Beginner) error {
		if err := pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
			return store.UpsertAssets(ctx, tx, rows, time.Now())
		}); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "%s: %d assets imported\n", pos[0], len(rows))
		return nil
	})
}

func toStoreAsset(a registry.Asset) store.Asset {
	s := store.Asset{SerialNumber: a.SerialNumber, Model: a.Model, PartNumber: a.PartNumber, Customer: a.Customer,
		CustomerEmail: a.CustomerEmail, InvoiceNumber: a.InvoiceNumber, Currency: a.Currency, Plans: []string{},
		CustomerDomains: append([]string{}, a.CustomerDomains...)}
	if !a.InvoiceDate.IsZero() {
		d := a.InvoiceDate
		s.InvoiceDate = &d
	}
	if !a.DeliveryDate.IsZero() {
		d := a.DeliveryDate
		s.DeliveryDate = &d
	}
	if a.InvoicePrice.Cents != 0 {
		v := a.InvoicePrice.String()
		s.InvoicePrice = &v
	}
	if a.MSRP.Cents != 0 {
		v := a.MSRP.String()
		s.MSRP = &v
	}
	for _, p := range a.Plans {
		switch {
		case p.Years > 0:
			s.Plans = append(s.Plans, fmt.Sprintf("%s:%dy", p.Name, p.Years))
		case p.Months > 0:
			s.Plans = append(s.Plans, fmt.Sprintf("%s:%dm", p.Name, p.Months))
		default:
			s.Plans = append(s.Plans, p.Name)
		}
	}
	return s
}
