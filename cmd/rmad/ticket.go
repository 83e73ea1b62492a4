package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"rmad/config"
	"rmad/store"
	"rmad/workflow"
)

// ticketView is `rmad ticket show --json` (contracts/cli.md).
type ticketView struct {
	Ref         string              `json:"ref"`
	Kind        string              `json:"kind"`
	State       string              `json:"state"`
	Subject     string              `json:"subject"`
	Customer    customerView        `json:"customer"`
	Cc          []string            `json:"cc"`
	Owner       string              `json:"owner"`
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
	ID        int64     `json:"id,omitempty"` // a stored inbound message: rmad message attachments ID
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
	// PurgedAt: its raw mail and attachments (or sent body) were deleted by retention.
	PurgedAt *time.Time `json:"purged_at,omitempty"`
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
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool store.Beginner) error {
		return ticketCmd(ctx, env, pool, sub, pos, *asJSON, *state, *limit)
	})
}

func ticketCmd(ctx context.Context, env *cliEnv, pool store.Beginner, sub string, pos []string, asJSON bool, state string, limit int) error {
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

func loadTicketView(ctx context.Context, pool store.Beginner, ref string) (*ticketView, error) {
	ref = workflow.TicketRef(ref)
	t, err := store.TicketByRef(ctx, pool, ref)
	if err != nil {
		return nil, lookupErr("ticket "+ref, err)
	}
	v := &ticketView{Ref: t.Ref, Kind: t.Kind, State: string(t.State), Subject: t.Subject,
		Customer: customerView{t.CustomerName, t.CustomerAddress}, Cc: append([]string{}, t.Participants...), Owner: t.Owner,
		Fields: t.Fields, Units: t.Units, Missing: t.Missing, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt,
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
		v.Messages = append(v.Messages, messageView{ID: m.ID, Direction: "in", At: m.ReceivedAt, From: m.FromAddress, To: m.To,
			Subject: m.Subject, MessageID: m.MessageID, Class: m.Class, Outcome: string(m.Outcome), PurgedAt: m.PurgedAt})
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
	if len(v.Cc) > 0 {
		fmt.Fprintf(tw, "Cc:\t%s\n", strings.Join(v.Cc, ", "))
	}
	if v.Owner != "" {
		fmt.Fprintf(tw, "Owner:\t%s\n", v.Owner)
	}
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
		what := m.Outcome + fmt.Sprintf(" (message %d)", m.ID)
		if m.Direction == "out" {
			what = m.Template + "/" + m.Status
		}
		if m.PurgedAt != nil {
			what += " [raw mail purged " + m.PurgedAt.Format("2006-01-02") + "]"
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
	return withStore(ctx, env, *cfgFile, func(_ *config.Config, pool store.Beginner) error {
		ts, err := store.SearchTickets(ctx, pool, q, *limit)
		if err != nil {
			return err
		}
		return printTickets(env, ts, *asJSON)
	})
}
