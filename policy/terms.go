package policy

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
)

// Period is a span of a policy: "3y", "12m", "30d", "2w" or "10bd"
// (business days in the policy's calendar).
type Period struct {
	N    int
	Unit string // y | m | w | d | bd
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (p *Period) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "" {
		*p = Period{}
		return nil
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(s[:i])
	unit := s[i:]
	if err != nil || n < 0 {
		return fmt.Errorf("not a period (e.g. \"3y\", \"30d\", \"10bd\"): %q", s)
	}
	switch unit {
	case "y", "m", "w", "d", "bd":
	default:
		return fmt.Errorf("unit must be y, m, w, d or bd: %q", s)
	}
	*p = Period{N: n, Unit: unit}
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return strconv.Itoa(p.N) + p.Unit
}

// IsZero reports an unset period.
func (p Period) IsZero() bool { return p.Unit == "" }

// Words says the period the way a customer reads it: "3 years", "10 business days".
func (p Period) Words() string {
	unit := map[string]string{"y": "year", "m": "month", "w": "week", "d": "day", "bd": "business day"}[p.Unit]
	if p.N != 1 {
		unit += "s"
	}
	return fmt.Sprintf("%d %s", p.N, unit)
}

// AddDate adds a period of years, months, weeks or days to a civil date
// (time at 00:00 UTC). Business days need a calendar: use Policy.Deadline.
func (p Period) AddDate(d time.Time) time.Time {
	switch p.Unit {
	case "y":
		return d.AddDate(p.N, 0, 0)
	case "m":
		return d.AddDate(0, p.N, 0)
	case "w":
		return d.AddDate(0, 0, 7*p.N)
	case "d":
		return d.AddDate(0, 0, p.N)
	}
	return d
}

// Months is the period in months, for comparing warranty terms (0 for day units).
func (p Period) Months() int {
	switch p.Unit {
	case "y":
		return 12 * p.N
	case "m":
		return p.N
	}
	return 0
}

// Money is an amount in cents.
type Money struct{ Cents int64 }

// UnmarshalText reads "100", "100.00" or "10.5".
func (m *Money) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" {
		return fmt.Errorf("not an amount (e.g. \"100.00\"): %q", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || w < 0 {
		return fmt.Errorf("not an amount (e.g. \"100.00\"): %q", s)
	}
	m.Cents = w*100 + f
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (m Money) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

func (m Money) String() string { return fmt.Sprintf("%d.%02d", m.Cents/100, m.Cents%100) }

// Warranty is how long a unit is covered.
type Warranty struct {
	// Basis is the date coverage counts from: invoice_date or delivery_date.
	Basis string `toml:"basis"`
	// Term is the standard warranty of a model no product line matches.
	Term Period `toml:"term"`
	// MaxTotal caps standard + extended warranty.
	MaxTotal Period        `toml:"max_total"`
	Lines    []ProductLine `toml:"line"`
	// RepairedParts: a repaired or replaced unit is covered for this long
	// after it came back, or the rest of its warranty, whichever is longer.
	RepairedParts Period `toml:"repaired_parts"`
	// RepairedSameFault: the repaired-unit period covers only the fault
	// repaired before (Altai: "if defect is due to the same problem
	// before"; QCT: the parts replaced), which an agent confirms with
	// #set same_fault=yes.
	RepairedSameFault bool `toml:"repaired_same_fault"`
	// Lapsed is what the customer is told when coverage has ended.
	Lapsed string `toml:"lapsed"`
}

// ProductLine is a family of models with its own warranty.
type ProductLine struct {
	Name string `toml:"name"`
	// Models are case-insensitive shell patterns ("TS-*79*", "TrueNAS Mini*").
	Models     []string `toml:"models"`
	Term       Period   `toml:"term"`
	Extensions []Period `toml:"extensions"` // the extensions sold; empty: any
	// NoExtension: the line cannot be extended (a registry plan is ignored).
	NoExtension bool   `toml:"no_extension"`
	MaxTotal    Period `toml:"max_total"`
}

// Line returns the product line a model belongs to, or nil.
func (w Warranty) Line(model string) *ProductLine {
	m := strings.ToUpper(strings.TrimSpace(model))
	if m == "" {
		return nil
	}
	for i := range w.Lines {
		for _, pat := range w.Lines[i].Models {
			if ok, _ := path.Match(strings.ToUpper(pat), m); ok {
				return &w.Lines[i]
			}
		}
	}
	return nil
}

// Approval says who issues RMA numbers.
type Approval struct {
	// Mode "auto": a complete, entitled request is approved at once;
	// "agent": an agent approves (#approve) after verifying the fault.
	Mode string `toml:"mode"`
	// Why is told to the customer while the request waits for an agent.
	Why string `toml:"why"`
	// Within is the promise to the customer ("2bd" for QNAP).
	Within Period `toml:"within"`
}

// Support is what the desk promises on every new ticket.
type Support struct {
	// ReplyWithin: when set, the acknowledgment of a new ticket promises an
	// agent's answer by the end of this period ("1bd"), and the desk keeps
	// the clock. The desk's choice: no vendor's terms promise it, so no
	// preset sets it.
	ReplyWithin Period `toml:"reply_within"`
}

// Advance is advance replacement: the replacement ships before the defective unit returns.
type Advance struct {
	// IncludedFirst: advance replacement is included this long from the basis date (QCT: 1y).
	IncludedFirst Period `toml:"included_first"`
	// Plans that grant it (registry plans, e.g. "advance", "sla").
	Plans []string `toml:"plans"`
	// ReturnWithin, counted from ReturnFrom: approval | shipped | delivered.
	ReturnWithin Period `toml:"return_within"`
	ReturnFrom   string `toml:"return_from"`
	// ReturnedBy is what counts as the defective unit being back in time:
	// "pickup", the courier's pick-up date (QNAP: "determined by the courier
	// pick up date"), or "arrival" at the vendor (the default).
	ReturnedBy string `toml:"returned_by"`
	// Requires lists preconditions before it ships: card_authorization,
	// street_address (no P.O. box), address_confirmed (the customer confirmed
	// the ship-to address by replying).
	Requires []string `toml:"requires"`
	// Billing when the defective unit is late.
	Billing Billing `toml:"billing"`
	// Packaging tells the customer how to send the defective unit back.
	Packaging string `toml:"packaging"`
	// Shipping says who pays the shipping of an advance replacement and its
	// return (QNAP: prepaid both ways).
	Shipping string `toml:"shipping"`
}

// Billing is what a late advance-replacement return costs.
type Billing struct {
	// Kind: invoice_price (the invoice price of what was shipped as the
	// replacement), per_day (PerDay for each calendar day or part of one,
	// capped at the unit's MSRP), support_hold (a hold on the account plus
	// an invoice for the full cost of the replacement component).
	Kind     string `toml:"kind"`
	PerDay   Money  `toml:"per_day"`
	Currency string `toml:"currency"`
	// TerminateAfter: unpaid this long after the invoice, the contract may be terminated.
	TerminateAfter Period `toml:"terminate_after"`
}

// DOA is dead-on-arrival handling.
type DOA struct {
	Window Period `toml:"window"` // from the delivery date
	// Conditions the returned unit must meet (told to the customer).
	Conditions string `toml:"conditions"`
	// AdvanceOnRequest: the customer may ask for advance replacement of a DOA unit.
	AdvanceOnRequest bool `toml:"advance_on_request"`
}

// Standard is the ordinary return-for-repair RMA.
type Standard struct {
	// VoidAfter: the RMA number is void if the unit has not arrived this long after issue.
	VoidAfter Period `toml:"void_after"`
	// ShipWithin: the customer must ship within this of issue.
	ShipWithin Period `toml:"ship_within"`
	// Turnaround promised once the unit arrives.
	Turnaround Period `toml:"turnaround"`
	// Shipping says who pays the shipping of a unit returned for repair.
	Shipping string `toml:"shipping"`
}

// OutOfWarranty is what happens to a unit that is not covered.
type OutOfWarranty struct {
	// Path: "fee" (service for a fee, told at once) or "quote" (pre-check, then a quote).
	Path        string           `toml:"path"`
	Text        string           `toml:"text"`
	PrecheckFee Money            `toml:"precheck_fee"`
	Currency    string           `toml:"currency"`
	SeriesFees  map[string]Money `toml:"series_fees"` // model pattern -> fee per unit
	// QuoteAfter: "precheck" when the quote follows the pre-check of the
	// returned unit (Altai), "" when it answers the request.
	QuoteAfter string `toml:"quote_after"`
	// QuoteAnswer: a quote not answered within this is not accepted.
	QuoteAnswer   Period `toml:"quote_answer"`
	FinalReminder Period `toml:"final_reminder"`
	DisposeAfter  Period `toml:"dispose_after"`
}

// Restriction limits RMAs for some models (Altai's C1n rule).
type Restriction struct {
	Models   []string `toml:"models"`
	MinUnits int      `toml:"min_units"`
	// Unless any of these ticket fields is "yes" (set by an agent with #set).
	Unless []string `toml:"unless"`
	Text   string   `toml:"text"`
}

// Matches reports whether model falls under the restriction.
func (r Restriction) Matches(model string) bool {
	m := strings.ToUpper(strings.TrimSpace(model))
	for _, pat := range r.Models {
		if ok, _ := path.Match(strings.ToUpper(pat), m); ok {
			return true
		}
	}
	return false
}

// Instructions are the return instructions sent with an RMA number.
type Instructions struct {
	ShipTo    string   `toml:"ship_to"`
	Marking   string   `toml:"marking"`
	Packaging string   `toml:"packaging"`
	Backup    string   `toml:"backup"`
	Extra     []string `toml:"extra"`
}

// Clocks are the reminders and timeouts the scheduled jobs run.
type Clocks struct {
	// ReturnReminders: before a return (or void) deadline, e.g. ["3bd", "1bd"].
	ReturnReminders []Period `toml:"return_reminders"`
	// MissingReminder: a ticket still missing fields is reminded this long
	// after the customer's last message, and closed after MissingClose.
	MissingReminder Period `toml:"missing_reminder"`
	MissingClose    Period `toml:"missing_close"`
	// WorkaroundClose: a workaround unanswered this long closes the case.
	WorkaroundClose Period `toml:"workaround_close"`
}

// Returns are rules about the condition of a returned unit.
type Returns struct {
	// MissingComponents: the customer has this long to send components the
	// returned unit lacked, then they are charged.
	MissingComponents Period `toml:"missing_components"`
	// Damage: what customer-induced damage costs: "msrp" (the replacement's MSRP) or "".
	Damage string `toml:"damage"`
	// AdvanceOnly: both charges apply to advance replacements only (QNAP
	// states them in its Advanced Replacement terms).
	AdvanceOnly bool `toml:"advance_only"`
	// Rejected is what the customer is told when a returned unit is
	// rejected (QCT: a wrong product, missing parts or customer-induced
	// damage "at customer's expense").
	Rejected string `toml:"rejected"`
}
