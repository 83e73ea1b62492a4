package workflow

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rmad/policy"
	"rmad/store"
)

// Entitlement is what one unit is entitled to, and why.
type Entitlement struct {
	Known   bool // false when the basis date is unknown: nothing can be decided yet
	Covered bool
	Plan    string    // standard | extended | repaired_parts | "" (not covered)
	Ends    time.Time // civil date (00:00 UTC) coverage runs through
	Reason  string
	Advance bool // advance replacement allowed
	DOA     bool // within the dead-on-arrival window
	// NoAdvance and NoDOA say why advance or DOA replacement is not
	// allowed, for an agent who asks for it.
	NoAdvance, NoDOA string
	Line             string
}

// unitFacts is what is known of one unit when its entitlement is decided.
type unitFacts struct {
	Model     string
	Serial    string
	Asset     *store.Asset
	Fields    map[string]string // the ticket's fields (invoice_date from the customer)
	Repair    *store.Repair     // when this serial last went back to the customer after an RMA
	Inherited string            // the serial whose registry entry Asset is: this one replaced it
}

func civil(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// entitle decides coverage under the policy as of now (a pure function:
// tested per preset, and the same answer every time for the same facts).
func entitle(p *policy.Policy, u unitFacts, now time.Time) Entitlement {
	var e Entitlement
	today := civil(now.In(p.Location))
	basisName := strings.ReplaceAll(p.Warranty.Basis, "_", " ")
	var basis time.Time
	from := ""
	// The basis date is the registry's, else the customer's: for a
	// delivery basis (Altai: "from the date a Product unit is delivered")
	// never the invoice date, which can be weeks earlier.
	field := "invoice_date"
	if u.Asset != nil {
		switch p.Warranty.Basis {
		case "delivery_date":
			field = "delivery_date"
			if u.Asset.DeliveryDate != nil {
				basis, from = *u.Asset.DeliveryDate, "registry"
			}
		default:
			if u.Asset.InvoiceDate != nil {
				basis, from = *u.Asset.InvoiceDate, "registry"
			}
		}
	} else if p.Warranty.Basis == "delivery_date" {
		field = "delivery_date"
	}
	if basis.IsZero() {
		var why string
		if basis, from, why = customerDate(u, field, today); why != "" {
			e.Reason = why
			return e
		}
	}
	if basis.IsZero() {
		e.Reason = "the " + basisName + " is needed to decide warranty coverage"
		return e
	}
	e.Known = true
	basis = civil(basis)
	term := p.Warranty.Term
	maxTotal := p.Warranty.MaxTotal
	line := p.Warranty.Line(u.Model)
	if line != nil {
		e.Line = line.Name
		term = line.Term
		if !line.MaxTotal.IsZero() {
			maxTotal = line.MaxTotal
		}
	}
	ends := term.AddDate(basis)
	e.Plan = "standard"
	reason := fmt.Sprintf("warranty of %s from %s %s", term.Words(), basisName, basis.Format("2006-01-02"))
	if e.Line != "" {
		reason = fmt.Sprintf("%s warranty of %s from %s %s", e.Line, term.Words(), basisName, basis.Format("2006-01-02"))
	}
	if from != "registry" {
		reason += " (" + from + ")"
	}
	if u.Inherited != "" {
		reason += fmt.Sprintf(" (a replacement for %s, covered as it)", u.Inherited)
	}
	var plans []string
	if u.Asset != nil {
		plans = u.Asset.Plans
	}
	ext := extendedMonths(plans)
	if ext > 0 && line != nil && !extensionSold(*line, ext) {
		// A plan the product line does not sell is a registry mistake, not coverage.
		ext = 0
	}
	if ext > 0 {
		total := term.Months() + ext
		if m := maxTotal.Months(); m > 0 && total > m {
			total = m
		}
		if extEnds := basis.AddDate(0, total, 0); extEnds.After(ends) {
			ends = extEnds
			e.Plan = "extended"
			reason = fmt.Sprintf("extended warranty, %d months in all from %s %s", total, basisName, basis.Format("2006-01-02"))
		}
	}
	ends, reason = repairedCoverage(p, u, ends, reason, &e)
	// "3 years from 2025-03-03" runs through 2028-03-03, as contracts/cli.md
	// shows it; every window of the policy (DOA, advance) counts the same way.
	e.Ends = ends
	e.Covered = !today.After(e.Ends)
	if !e.Covered {
		e.Plan = ""
		reason = "warranty ended " + e.Ends.Format("2006-01-02") + " (" + reason + ")"
	}
	e.Reason = reason
	if !p.DOA.Window.IsZero() {
		delivered := basis
		if u.Asset != nil && u.Asset.DeliveryDate != nil {
			delivered = civil(*u.Asset.DeliveryDate)
		} else if d, _, why := customerDate(u, "delivery_date", today); why == "" && !d.IsZero() {
			delivered = d
		}
		end := p.DOA.Window.AddDate(delivered)
		e.DOA = !today.After(end)
		if !e.DOA {
			e.NoDOA = fmt.Sprintf("the dead-on-arrival window of %s from delivery (%s) ended %s", p.DOA.Window.Words(), delivered.Format("2006-01-02"), end.Format("2006-01-02"))
		}
	} else {
		e.NoDOA = "the terms have no dead-on-arrival replacement"
	}
	e.Advance, e.NoAdvance = advance(p, plans, basis, today)
	if !e.Covered {
		e.Advance, e.NoAdvance = false, "the unit is not under warranty"
	}
	return e
}

// advance decides advance replacement: included for a time from the basis
// date (QCT: the first year), or by a registry plan, for its length when it
// has one ("advance:2y" runs 2 years from the basis date: QNAP's "the start
// date ... will be the product purchase date"). It says why not otherwise.
func advance(p *policy.Policy, plans []string, basis, today time.Time) (bool, string) {
	var why []string
	if inc := p.Advance.IncludedFirst; !inc.IsZero() {
		end := inc.AddDate(basis)
		if !today.After(end) {
			return true, ""
		}
		why = append(why, fmt.Sprintf("advance replacement is included for %s, until %s", inc.Words(), end.Format("2006-01-02")))
	}
	for _, want := range p.Advance.Plans {
		for _, have := range plans {
			name, dur, _ := strings.Cut(strings.TrimSpace(have), ":")
			if !strings.EqualFold(name, want) {
				continue
			}
			months := planMonths(dur)
			if months == 0 {
				return true, ""
			}
			end := basis.AddDate(0, months, 0)
			if !today.After(end) {
				return true, ""
			}
			why = append(why, fmt.Sprintf("the %s plan ran until %s", have, end.Format("2006-01-02")))
		}
	}
	switch {
	case len(why) > 0:
	case len(p.Advance.Plans) > 0:
		why = append(why, "the registry lists no plan granting it ("+strings.Join(p.Advance.Plans, " or ")+")")
	default:
		why = append(why, "the terms have no advance replacement")
	}
	return false, strings.Join(why, "; ")
}

// planMonths reads a plan's length ("2y", "18m"); 0 when it has none.
func planMonths(dur string) int {
	dur = strings.ToLower(strings.TrimSpace(dur))
	if len(dur) < 2 {
		return 0
	}
	n, err := strconv.Atoi(dur[:len(dur)-1])
	if err != nil || n < 0 {
		return 0
	}
	switch dur[len(dur)-1] {
	case 'y':
		return 12 * n
	case 'm':
		return n
	}
	return 0
}

// extendedMonths reads "extended:2y" / "extended:24m" plans.
func extendedMonths(plans []string) int {
	total := 0
	for _, p := range plans {
		name, dur, ok := strings.Cut(strings.ToLower(strings.TrimSpace(p)), ":")
		if !ok || name != "extended" || len(dur) < 2 {
			continue
		}
		n, err := strconv.Atoi(dur[:len(dur)-1])
		if err != nil {
			continue
		}
		switch dur[len(dur)-1] {
		case 'y':
			total += 12 * n
		case 'm':
			total += n
		}
	}
	return total
}

func extensionSold(l policy.ProductLine, months int) bool {
	if l.NoExtension {
		return false
	}
	if len(l.Extensions) == 0 {
		return true
	}
	for _, e := range l.Extensions {
		if e.Months() == months {
			return true
		}
	}
	return false
}

// repairedCoverage extends coverage for a unit repaired or replaced under
// warranty: the policy's period from the day it went back to the customer,
// or the rest of the warranty, whichever is longer (QCT: 90 days; Altai: 3
// months). Where the terms limit it to the same fault, an agent confirms it
// (#set same_fault=yes); an unrelated fault keeps the original expiry.
func repairedCoverage(p *policy.Policy, u unitFacts, ends time.Time, reason string, e *Entitlement) (time.Time, string) {
	r := u.Repair
	if r == nil || !r.Covered || p.Warranty.RepairedParts.IsZero() {
		return ends, reason
	}
	back := r.At.In(p.Location)
	rep := p.Warranty.RepairedParts.AddDate(civil(back))
	if !rep.After(ends) {
		return ends, reason
	}
	if p.Warranty.RepairedSameFault && !yes(u.Fields["same_fault"]) {
		return ends, reason + fmt.Sprintf("; repaired under %s and sent back %s: if this is the same fault, an agent can #set same_fault=yes for cover until %s",
			r.Number, back.Format("2006-01-02"), rep.Format("2006-01-02"))
	}
	e.Plan = "repaired_parts"
	return rep, fmt.Sprintf("repaired/replaced under %s: %s from its return to you on %s", r.Number, p.Warranty.RepairedParts.Words(), back.Format("2006-01-02"))
}

func yes(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v == "yes" || v == "true" || v == "y"
}

// maxShipping is how long after its invoice a unit can plausibly have been
// delivered: a later delivery date from the customer is not believed.
const maxShipping = 90 * 24 * time.Hour

// customerDate is a basis date the customer gave (field), as far as it can
// be believed: never one after today; a delivery date later than the
// registry's invoice date allows for shipping counts from the invoice date
// instead (the registry, not the customer's word, would have to say
// otherwise). why is set when the date cannot be used at all.
func customerDate(u unitFacts, field string, today time.Time) (time.Time, string, string) {
	v := u.Fields[field]
	d, err := time.Parse("2006-01-02", v)
	switch {
	case v == "" || err != nil:
		return time.Time{}, "", ""
	case d.After(today):
		return time.Time{}, "", fmt.Sprintf("the %s given, %s, is in the future: coverage cannot be decided", strings.ReplaceAll(field, "_", " "), v)
	}
	if field == "delivery_date" && u.Asset != nil && u.Asset.InvoiceDate != nil {
		inv := civil(*u.Asset.InvoiceDate)
		if d.Sub(inv) > maxShipping {
			return inv, fmt.Sprintf("the registry's invoice date: the delivery date given, %s, is more than 90 days later", v), ""
		}
	}
	return d, "the date you gave", ""
}
