package workflow

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"rmad/parser"
	"rmad/store"
)

// An Op is one agent action on a ticket. An agent's #command in a reply and
// `rmad rma ...`/`rmad ticket set` on the command line become the same Op and
// run the same code: the CLI never writes text for the mail parser to split
// again.
type Op interface {
	// String is the op as an agent would write it (#shipped UPS 1Z...):
	// what the ticket's history records.
	String() string
	apply(ctx context.Context, w *work, t *store.Ticket, c Cause) (string, error)
}

// Ops acting on a ticket as a whole.
type (
	Help       struct{}
	Note       struct{ Text string }
	Close      struct{}
	Reopen     struct{}
	Workaround struct{}
	MakeRMA    struct{} // #rma: turn a support ticket into an RMA request
	// Set corrects or supplies fields, in order; a key may name a unit
	// ("unit2.serial_number").
	Set     struct{ Pairs [][2]string }
	Confirm struct{ Field string } // accepts what the customer proposed (ship_to)
)

// Ops acting on a ticket's RMAs: RMA names one of them ("" = every one the
// op applies to).
type (
	// Approve issues RMA numbers; Type "" is what each unit is entitled to.
	Approve struct {
		RMA  string
		Type store.RMAType
		// Override is an agent's reason to approve an advance or DOA
		// replacement the unit is not entitled to: recorded and shown.
		Override string
	}
	// Shipped: the advance replacement left; Part is what was shipped
	// ("unit" for a whole unit, else e.g. "PSU-800W") and Price its price:
	// what is billed if the defective one never comes back.
	// Serial is the replacement unit's: it is covered as the unit it
	// replaces.
	Shipped struct{ RMA, Carrier, Tracking, Part, Price, Serial string }
	// Repaired: after a return, the repaired unit, or a replacement with
	// Serial, went back to the customer; repaired-unit coverage runs from
	// now. A rejected returned unit goes back unrepaired, without Serial.
	Repaired struct{ RMA, Carrier, Tracking, Serial string }
	// Returned: the courier picked the defective unit up on PickedUp
	// (YYYY-MM-DD in the policy's zone; "" = when the op runs).
	Returned  struct{ RMA, Carrier, Tracking, PickedUp string }
	Delivered struct{ RMA string }
	Received  struct {
		RMA string
		// Damaged: customer-induced damage found; Missing: components not
		// in the box ("PSU, tray"); Components: the missing components
		// arrived; Note: free text for the customer.
		Damaged, Components bool
		Missing, Note       string
	}
	Void   struct{ RMA, Reason string }
	Reject struct{ RMA, Reason string }
	Quote  struct{ RMA, Amount, Currency string }
	Paid   struct{ RMA string }
)

// targeted ops can be aimed at one RMA: the CLI given an RMA number aims
// the op at it.
type targeted interface {
	Op
	onRMA(number string) Op
}

func (o Approve) onRMA(n string) Op   { o.RMA = n; return o }
func (o Shipped) onRMA(n string) Op   { o.RMA = n; return o }
func (o Returned) onRMA(n string) Op  { o.RMA = n; return o }
func (o Repaired) onRMA(n string) Op  { o.RMA = n; return o }
func (o Delivered) onRMA(n string) Op { o.RMA = n; return o }
func (o Received) onRMA(n string) Op  { o.RMA = n; return o }
func (o Void) onRMA(n string) Op      { o.RMA = n; return o }
func (o Reject) onRMA(n string) Op    { o.RMA = n; return o }
func (o Quote) onRMA(n string) Op     { o.RMA = n; return o }
func (o Paid) onRMA(n string) Op      { o.RMA = n; return o }

// ParseOp reads an agent's #command. Only an unknown command is refused
// here; what its arguments must be is checked where the op runs, once for
// mail and CLI alike.
func ParseOp(cmd parser.Command) (Op, error) {
	switch cmd.Name {
	case "void", "reject", "received":
		target, args := targetArgs(cmd.Args, false)
		switch cmd.Name {
		case "void":
			return Void{RMA: target, Reason: args}, nil
		case "reject":
			return Reject{RMA: target, Reason: args}, nil
		}
		return parseReceived(target, args), nil
	}
	target, args := targetArgs(cmd.Args, true)
	switch cmd.Name {
	case "help":
		return Help{}, nil
	case "note":
		return Note{Text: strings.TrimSpace(cmd.Args)}, nil
	case "close":
		return Close{}, nil
	case "reopen":
		return Reopen{}, nil
	case "workaround":
		return Workaround{}, nil
	case "rma":
		return MakeRMA{}, nil
	case "set":
		return Set{Pairs: splitAssignments(cmd.Args)}, nil
	case "confirm":
		return Confirm{Field: strings.TrimSpace(cmd.Args)}, nil
	case "approve":
		// #approve [TYPE] [override REASON]
		o := Approve{RMA: target}
		f := strings.Fields(args)
		if len(f) > 0 && !strings.EqualFold(f[0], "override") {
			o.Type, f = store.RMAType(strings.ToLower(f[0])), f[1:]
		}
		if len(f) > 0 {
			if !strings.EqualFold(f[0], "override") {
				return Approve{RMA: target, Type: store.RMAType(strings.ToLower(args))}, nil // refused as a type
			}
			o.Override = strings.TrimSpace(strings.TrimPrefix(strings.Join(f[1:], " "), ":"))
			if o.Override == "" {
				return nil, refusef("override needs a reason: #approve %s override REASON", o.Type)
			}
		}
		return o, nil
	case "shipped":
		// #shipped CARRIER TRACKING [part=P price=AMOUNT serial=S]: "-"
		// stands for a carrier not given.
		o := Shipped{RMA: target}
		kv, rest := keywords(args, "part", "price", "serial")
		o.Part, o.Price, o.Serial = kv["part"], kv["price"], kv["serial"]
		o.Carrier, o.Tracking = carrierTracking(rest)
		return o, nil
	case "repaired":
		// #repaired [CARRIER TRACKING] [serial=S]
		o := Repaired{RMA: target}
		kv, rest := keywords(args, "serial")
		o.Serial = kv["serial"]
		o.Carrier, o.Tracking = carrierTracking(rest)
		return o, nil
	case "returned":
		// #returned [CARRIER TRACKING] [YYYY-MM-DD]
		// A word shaped like a date is the pick-up date wherever it stands;
		// Returned.apply refuses one that is not a real date.
		o := Returned{RMA: target}
		var rest []string
		for _, w := range strings.Fields(args) {
			if pickupDate.MatchString(w) && o.PickedUp == "" {
				o.PickedUp = w
				continue
			}
			rest = append(rest, w)
		}
		o.Carrier, o.Tracking = carrierTracking(rest)
		return o, nil
	case "delivered":
		return Delivered{RMA: target}, nil
	case "quote":
		// Quote.apply says what a quote needs when this is not it.
		o := Quote{RMA: target, Amount: args}
		if f := strings.Fields(args); len(f) == 2 {
			o.Amount, o.Currency = f[0], f[1]
		}
		return o, nil
	case "paid":
		return Paid{RMA: target}, nil
	case "cc":
		// #cc add ADDR... | #cc remove ADDR...
		f := strings.Fields(cmd.Args)
		if len(f) < 2 || (!strings.EqualFold(f[0], "add") && !strings.EqualFold(f[0], "remove")) {
			return nil, refusef("#cc add ADDRESS or #cc remove ADDRESS")
		}
		return Cc{Remove: strings.EqualFold(f[0], "remove"), Addrs: f[1:]}, nil
	case "take":
		return Take{}, nil
	case "assign":
		return Assign{Agent: strings.TrimSpace(cmd.Args)}, nil
	}
	return nil, refusef("unknown command #%s (#help lists them)", cmd.Name)
}

var pickupDate = regexp.MustCompile(`^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$`)

// keywords takes the key=value words of args for keys out, and returns
// the other words in order.
func keywords(args string, keys ...string) (map[string]string, []string) {
	kv := map[string]string{}
	var rest []string
	for _, w := range strings.Fields(args) {
		k, v, ok := strings.Cut(w, "=")
		if ok && slices.Contains(keys, strings.ToLower(k)) {
			kv[strings.ToLower(k)] = v
			continue
		}
		rest = append(rest, w)
	}
	return kv, rest
}

// carrierTracking reads CARRIER TRACKING words, "-" standing for a carrier
// not given.
func carrierTracking(f []string) (carrier, tracking string) {
	if len(f) > 0 && f[0] != "-" {
		carrier = f[0]
	}
	if len(f) > 1 {
		tracking = strings.Join(f[1:], " ")
	}
	return carrier, tracking
}

// parseReceived reads what the warehouse says in #received: "damaged"
// (customer-induced damage), "missing=PSU,tray" (components not in the box),
// "components" (the missing components arrived), then a free note. Only
// leading words are keywords: "outer carton damaged by the courier" is a
// note, not a damage finding.
func parseReceived(target, args string) Received {
	o := Received{RMA: target}
	words := strings.Fields(args)
	i := 0
	for ; i < len(words); i++ {
		w := words[i]
		lw := strings.ToLower(w)
		switch {
		case lw == "damaged":
			o.Damaged = true
			continue
		case lw == "components":
			o.Components = true
			continue
		case strings.HasPrefix(lw, "missing="):
			o.Missing = strings.ReplaceAll(w[len("missing="):], ",", ", ")
			continue
		case lw == "--":
			i++
		}
		break
	}
	o.Note = strings.Join(words[min(i, len(words)):], " ")
	return o
}

func (Help) String() string       { return "#help" }
func (o Note) String() string     { return cmdText("note", o.Text) }
func (Close) String() string      { return "#close" }
func (Reopen) String() string     { return "#reopen" }
func (Workaround) String() string { return "#workaround" }
func (MakeRMA) String() string    { return "#rma" }
func (o Confirm) String() string  { return cmdText("confirm", o.Field) }
func (o Set) String() string {
	var kv []string
	for _, p := range o.Pairs {
		kv = append(kv, p[0]+"="+p[1])
	}
	return cmdText("set", kv...)
}
func (o Approve) String() string {
	return cmdText("approve", o.RMA, string(o.Type), keyed("override", o.Override))
}
func (o Delivered) String() string { return cmdText("delivered", o.RMA) }
func (o Void) String() string      { return cmdText("void", o.RMA, o.Reason) }
func (o Reject) String() string    { return cmdText("reject", o.RMA, o.Reason) }
func (o Quote) String() string     { return cmdText("quote", o.Amount, o.Currency, o.RMA) }
func (o Paid) String() string      { return cmdText("paid", o.RMA) }
func (o Shipped) String() string {
	return cmdText("shipped", o.RMA, dashed(o.Carrier, o.Tracking), o.Tracking, keyed("part", o.Part), keyed("price", o.Price), keyed("serial", o.Serial))
}
func (o Repaired) String() string {
	return cmdText("repaired", o.RMA, dashed(o.Carrier, o.Tracking), o.Tracking, keyed("serial", o.Serial))
}
func (o Returned) String() string {
	return cmdText("returned", o.RMA, dashed(o.Carrier, o.Tracking), o.Tracking, o.PickedUp)
}

// dashed is the carrier as written before a tracking number: "-" when none.
func dashed(carrier, tracking string) string {
	if carrier == "" && tracking != "" {
		return "-"
	}
	return carrier
}

func keyed(k, v string) string {
	switch {
	case v == "":
		return ""
	case k == "override":
		return k + " " + v
	}
	return k + "=" + v
}
func (o Received) String() string {
	var w []string
	if o.Damaged {
		w = append(w, "damaged")
	}
	if o.Components {
		w = append(w, "components")
	}
	if o.Missing != "" {
		w = append(w, "missing="+strings.ReplaceAll(o.Missing, ", ", ","))
	}
	return cmdText("received", append(append([]string{o.RMA}, w...), o.Note)...)
}

// cmdText writes #name and its non-empty arguments.
func cmdText(name string, args ...string) string {
	s := "#" + name
	for _, a := range args {
		if a = strings.TrimSpace(a); a != "" {
			s += " " + a
		}
	}
	return s
}

// pick is the RMAs of t an op aimed at number acts on: every one when
// number is "".
func (w *work) pick(ctx context.Context, t *store.Ticket, number string) ([]*store.RMA, error) {
	rmas, err := store.TicketRMAs(ctx, w.tx, t.ID, true)
	if err != nil {
		return nil, fmt.Errorf("workflow: %w", err)
	}
	if len(rmas) == 0 {
		return nil, refusef("%s has no RMA yet", t.Ref)
	}
	var picked []*store.RMA
	for i := range rmas {
		if number == "" || strings.EqualFold(rmas[i].Number, number) {
			picked = append(picked, &rmas[i])
		}
	}
	if len(picked) == 0 {
		return nil, refusef("%s is not an RMA of %s", number, t.Ref)
	}
	return picked, nil
}
