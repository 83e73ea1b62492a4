package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/config"
	"rmad/parser"
	"rmad/registry"
	"rmad/store"
	"rmad/workflow"
)

// rmaVerbs maps `rmad rma VERB` to the agent command it runs.
var rmaVerbs = map[string]string{"approve": "approve", "ship": "shipped", "deliver": "delivered",
	"receive": "received", "void": "void", "paid": "paid", "reject": "reject", "quote": "quote"}

func cmdRMA(ctx context.Context, env *cliEnv, args []string) error {
	usage := "rmad rma approve|ship|deliver|receive|void|paid|reject|quote REF [flags]   (REF: TKT-n or RMA-n)"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		if len(args) == 0 {
			return usagef("usage: %s", usage)
		}
		fmt.Fprintln(env.stdout, "Usage: "+usage+"\n\nEach does what the agent's #command of the same name does, and tells the customer the same way.")
		return nil
	}
	verb := args[0]
	name, ok := rmaVerbs[verb]
	if !ok {
		return usagef("unknown rma action %q; usage: %s", verb, usage)
	}
	fs := newFlags(env, "rma "+verb, "rma "+verb+" REF [flags]")
	cfgFile := configFlag(fs)
	at := fs.String("at", "", "as of this RFC 3339 time (default now)")
	typ := fs.String("type", "", "approve: standard, advance or doa (default: what the unit is entitled to)")
	carrier := fs.String("carrier", "", "ship: the carrier")
	tracking := fs.String("tracking", "", "ship: the tracking number")
	reason := fs.String("reason", "", "void/reject: why (told to the customer)")
	note := fs.String("note", "", "receive: a note for the customer")
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
	var cmdArgs string
	switch verb {
	case "approve":
		cmdArgs = *typ
	case "ship":
		// #shipped reads CARRIER TRACKING: "-" stands for a carrier not given.
		c := *carrier
		if c == "" {
			c = "-"
		}
		cmdArgs = strings.TrimSpace(c + " " + *tracking)
	case "void", "reject":
		if *reason == "" {
			return usagef("--reason is required")
		}
		cmdArgs = *reason
	case "receive":
		cmdArgs = *note
	case "quote":
		cmdArgs = *amount
	}
	return withDesk(ctx, env, *cfgFile, func(_ *config.Config, _ *pgxpool.Pool, desk *workflow.Desk) error {
		res, err := desk.Command(ctx, pos[0], parser.Command{Name: name, Args: cmdArgs}, *actor, now)
		if workflow.IsRefusal(err) {
			return usagef("%s: %v", pos[0], err)
		}
		if err != nil {
			return lookupErr(pos[0], err)
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
	return withDesk(ctx, env, *cfgFile, func(_ *config.Config, _ *pgxpool.Pool, desk *workflow.Desk) error {
		res, err := desk.Command(ctx, pos[0], parser.Command{Name: "set", Args: strings.Join(pos[1:], " ")}, *actor, now)
		if workflow.IsRefusal(err) {
			return usagef("%s: %v", pos[0], err)
		}
		if err != nil {
			return lookupErr(pos[0], err)
		}
		fmt.Fprintln(env.stdout, res)
		return nil
	})
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
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool *pgxpool.Pool) error {
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
