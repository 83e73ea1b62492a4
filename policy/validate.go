package policy

import (
	"fmt"
	"strings"
	"time"
)

func oneOf(key, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return &Error{key, fmt.Sprintf("must be one of %s, not %q", strings.Join(allowed, ", "), v)}
}

// validateTerms checks the RMA terms and fills defaults.
func (p *Policy) validateTerms() error {
	w := &p.Warranty
	if w.Basis == "" {
		w.Basis = "invoice_date"
	}
	if err := oneOf("warranty.basis", w.Basis, "invoice_date", "delivery_date"); err != nil {
		return err
	}
	if w.Term.IsZero() {
		return &Error{"warranty.term", "missing (e.g. \"3y\")"}
	}
	if w.Term.Unit == "bd" {
		return &Error{"warranty.term", "must be in y, m, w or d"}
	}
	for i, l := range w.Lines {
		k := fmt.Sprintf("warranty.line[%d]", i)
		if l.Name == "" {
			return &Error{k + ".name", "missing"}
		}
		if len(l.Models) == 0 {
			return &Error{k + ".models", "missing"}
		}
		if l.Term.IsZero() || l.Term.Unit == "bd" {
			return &Error{k + ".term", "missing or in business days"}
		}
	}
	if p.Approval.Mode == "" {
		p.Approval.Mode = "agent"
	}
	if err := oneOf("approval.mode", p.Approval.Mode, "auto", "agent"); err != nil {
		return err
	}
	a := &p.Advance
	if a.ReturnFrom == "" {
		a.ReturnFrom = "approval"
	}
	if err := oneOf("advance.return_from", a.ReturnFrom, "approval", "shipped", "delivered"); err != nil {
		return err
	}
	if a.ReturnedBy == "" {
		a.ReturnedBy = "arrival"
	}
	if err := oneOf("advance.returned_by", a.ReturnedBy, "pickup", "arrival"); err != nil {
		return err
	}
	for i, r := range a.Requires {
		if err := oneOf(fmt.Sprintf("advance.requires[%d]", i), r, "card_authorization", "street_address", "address_confirmed"); err != nil {
			return err
		}
	}
	if a.Billing.Kind != "" {
		if err := oneOf("advance.billing.kind", a.Billing.Kind, "invoice_price", "per_day", "support_hold"); err != nil {
			return err
		}
		if a.Billing.Kind == "per_day" && a.Billing.PerDay.Cents == 0 {
			return &Error{"advance.billing.per_day", "missing for kind per_day"}
		}
	}
	if p.Returns.Damage != "" {
		if err := oneOf("returns.damage", p.Returns.Damage, "msrp"); err != nil {
			return err
		}
	}
	if p.OutOfWarranty.Path == "" {
		p.OutOfWarranty.Path = "fee"
	}
	if err := oneOf("out_of_warranty.path", p.OutOfWarranty.Path, "fee", "quote"); err != nil {
		return err
	}
	if rw := p.Support.ReplyWithin; !rw.IsZero() && (rw.N == 0 || (rw.Unit != "bd" && rw.Unit != "d" && rw.Unit != "w")) {
		return &Error{"support.reply_within", fmt.Sprintf("must be a number of business days, days or weeks (e.g. \"1bd\"), not %q", rw)}
	}
	if w := p.Approval.Within; !w.IsZero() && w.N == 0 {
		return &Error{"approval.within", "must be more than 0"}
	}
	for i, r := range p.Restrictions {
		if len(r.Models) == 0 {
			return &Error{fmt.Sprintf("restriction[%d].models", i), "missing"}
		}
	}
	return nil
}

// Deadline is the end of the day a period after t: business days in the
// policy's calendar, other units as calendar time in the policy's zone.
func (p *Policy) Deadline(t time.Time, d Period) time.Time {
	switch d.Unit {
	case "bd":
		return p.Cal.BusinessDaysAfter(t, d.N)
	case "d":
		return p.Cal.CalendarDaysAfter(t, d.N)
	case "w":
		return p.Cal.CalendarDaysAfter(t, 7*d.N)
	}
	local := t.In(p.Location)
	return p.Cal.EndOfDay(d.AddDate(local))
}

// CustomerDate writes an instant as the customer reads it, in the policy's
// zone: "Monday, 7 December 2026".
func (p *Policy) CustomerDate(t time.Time) string {
	return t.In(p.Location).Format("Monday, 2 January 2006")
}

// Before is when a reminder a period ahead of deadline is due: the start of
// the business day N business days before the deadline's day (for "bd"), or
// the start of the day N days before it.
func (p *Policy) Before(deadline time.Time, d Period) time.Time {
	local := deadline.In(p.Location)
	day := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, p.Location)
	switch d.Unit {
	case "bd":
		for n := 0; n < d.N; {
			day = time.Date(day.Year(), day.Month(), day.Day()-1, 12, 0, 0, 0, p.Location)
			if p.Cal.IsBusinessDay(day) {
				n++
			}
		}
	case "w":
		day = time.Date(day.Year(), day.Month(), day.Day()-7*d.N, 12, 0, 0, 0, p.Location)
	case "d":
		day = time.Date(day.Year(), day.Month(), day.Day()-d.N, 12, 0, 0, 0, p.Location)
	}
	return p.Cal.StartOfDay(day)
}
