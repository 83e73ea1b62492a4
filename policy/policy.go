package policy

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

//go:embed presets/*.toml
var presets embed.FS

// Policy is one vendor's terms.
type Policy struct {
	Name     string `toml:"name"`
	Vendor   string `toml:"vendor"`
	TimeZone string `toml:"time_zone"`
	// DateOrder is how ambiguous numeric dates are read: "mdy" or "dmy".
	DateOrder string `toml:"date_order"`
	// ClosedReply is what a customer's reply to a closed ticket does:
	// "reopen" it, or open a "new" ticket linked to it.
	ClosedReply string   `toml:"closed_reply"`
	Required    Required `toml:"required"`
	// Labels override how a field is named to customers ("QCT invoice number").
	Labels map[string]string `toml:"labels"`

	Calendar      CalendarSpec  `toml:"calendar"`
	Warranty      Warranty      `toml:"warranty"`
	Approval      Approval      `toml:"approval"`
	Standard      Standard      `toml:"standard"`
	Advance       Advance       `toml:"advance"`
	DOA           DOA           `toml:"doa"`
	OutOfWarranty OutOfWarranty `toml:"out_of_warranty"`
	Restrictions  []Restriction `toml:"restriction"`
	Instructions  Instructions  `toml:"instructions"`
	Clocks        Clocks        `toml:"clocks"`
	Returns       Returns       `toml:"returns"`
	Support       Support       `toml:"support"`

	Location *time.Location `toml:"-"`
	Cal      *Calendar      `toml:"-"`
}

// Required lists the fields a ticket needs, per mailbox role.
type Required struct {
	Support []string `toml:"support"`
	RMA     []string `toml:"rma"`
}

// Fields a policy may require: the parser's fields and per-unit fields.
var (
	TicketFields = []string{"contact_name", "company", "email", "phone", "ship_to", "bill_to",
		"po_number", "invoice_number", "invoice_date", "delivery_date", "problem", "severity"}
	UnitFields = []string{"serial_number", "part_number", "model", "firmware"}
)

var defaultLabels = map[string]string{
	"contact_name":   "Contact name",
	"company":        "Company",
	"email":          "E-mail address",
	"phone":          "Phone number",
	"ship_to":        "Ship-to address",
	"bill_to":        "Bill-to address",
	"po_number":      "Purchase order (PO) number",
	"invoice_number": "Invoice number",
	"invoice_date":   "Invoice date",
	"delivery_date":  "Delivery date (the day the unit reached you)",
	"problem":        "Description of the problem",
	"severity":       "Severity (Critical / High / Low)",
	"serial_number":  "Serial number",
	"part_number":    "Part number",
	"model":          "Model",
	"firmware":       "Firmware version",
}

// Error is a policy error naming the key.
type Error struct{ Key, Reason string }

func (e *Error) Error() string { return "policy: " + e.Key + ": " + e.Reason }

// Presets lists the built-in policy names.
func Presets() []string {
	ents, _ := fs.ReadDir(presets, "presets")
	var names []string
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(names)
	return names
}

// PresetText returns a preset's TOML source.
func PresetText(name string) ([]byte, error) {
	b, err := presets.ReadFile(path.Join("presets", name+".toml"))
	if err != nil {
		return nil, fmt.Errorf("policy: no preset %q (have %s)", name, strings.Join(Presets(), ", "))
	}
	return b, nil
}

// Load returns a preset by name, or reads a policy file when nameOrPath is a path.
func Load(nameOrPath string) (*Policy, error) {
	if !strings.ContainsAny(nameOrPath, "/.") {
		b, err := PresetText(nameOrPath)
		if err != nil {
			return nil, err
		}
		return Parse(b)
	}
	b, err := os.ReadFile(nameOrPath)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return Parse(b)
}

// Parse decodes and validates a policy.
func Parse(b []byte) (*Policy, error) {
	var p Policy
	md, err := toml.Decode(string(b), &p)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Key: fmt.Sprintf("line %d", pe.Position.Line), Reason: pe.Message}
		}
		return nil, fmt.Errorf("policy: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &Error{Key: und[0].String(), Reason: "unknown key"}
	}
	return &p, p.validate()
}

func (p *Policy) validate() error {
	if p.Name == "" {
		return &Error{"name", "missing"}
	}
	if p.TimeZone == "" {
		return &Error{"time_zone", "missing"}
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return &Error{"time_zone", fmt.Sprintf("unknown time zone %q", p.TimeZone)}
	}
	p.Location = loc

	switch p.DateOrder {
	case "":
		p.DateOrder = "mdy"
	case "mdy", "dmy":
	default:
		return &Error{"date_order", fmt.Sprintf("must be mdy or dmy, not %q", p.DateOrder)}
	}
	switch p.ClosedReply {
	case "":
		p.ClosedReply = "reopen"
	case "reopen", "new":
	default:
		return &Error{"closed_reply", fmt.Sprintf("must be reopen or new, not %q", p.ClosedReply)}
	}
	known := map[string]bool{}
	for _, f := range append(append([]string{}, TicketFields...), UnitFields...) {
		known[f] = true
	}
	for role, list := range map[string][]string{"required.support": p.Required.Support, "required.rma": p.Required.RMA} {
		for i, f := range list {
			if !known[f] {
				return &Error{fmt.Sprintf("%s[%d]", role, i), fmt.Sprintf("unknown field %q", f)}
			}
		}
	}
	for f := range p.Labels {
		if !known[f] {
			return &Error{"labels." + f, "unknown field"}
		}
	}
	if p.Calendar.TimeZone == "" {
		p.Calendar.TimeZone = p.TimeZone
	}
	cal, err := p.Calendar.Build()
	if err != nil {
		return err
	}
	p.Cal = cal
	if err := p.validateTerms(); err != nil {
		return err
	}
	return nil
}

// RequiredFor returns the required fields for a mailbox role.
func (p *Policy) RequiredFor(role string) []string {
	if role == "rma" {
		return p.Required.RMA
	}
	return p.Required.Support
}

// Label is how field is named to customers.
func (p *Policy) Label(field string) string {
	if l, ok := p.Labels[field]; ok {
		return l
	}
	if l, ok := defaultLabels[field]; ok {
		return l
	}
	return field
}

// IsUnitField reports whether field belongs to each unit rather than the ticket.
func IsUnitField(field string) bool {
	for _, f := range UnitFields {
		if f == field {
			return true
		}
	}
	return false
}
