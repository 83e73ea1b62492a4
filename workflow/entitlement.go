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
	Line    string
}

// unitFacts is what is known of one unit when its entitlement is decided.
type unitFacts struct {
	Model      string
	Serial     string
	Asset      *store.Asset
	Fields     map[string]string // the ticket's fields (invoice_date from the customer)
	LastRepair *time.Time        // when this serial last came back from an RMA
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
	if u.Asset != nil {
		switch p.Warranty.Basis {
		case "delivery_date":
			if u.Asset.DeliveryDate != nil {
				basis, from = *u.Asset.DeliveryDate, "registry"
			} else if u.Asset.InvoiceDate != nil {
				basis, from = *u.Asset.InvoiceDate, "registry invoice date"
			}
		default:
			if u.Asset.InvoiceDate != nil {
				basis, from = *u.Asset.InvoiceDate, "registry"
			}
		}
	}
	if basis.IsZero() {
		if d, err := time.Parse("2006-01-02", u.Fields["invoice_date"]); err == nil {
			basis, from = d, "the date you gave"
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
	// Repaired or replaced parts: a period from their return, or the rest of
	// the warranty, whichever is longer.
	if u.LastRepair != nil && !p.Warranty.RepairedParts.IsZero() {
		rep := p.Warranty.RepairedParts.AddDate(civil(u.LastRepair.In(p.Location)))
		if rep.After(ends) {
			ends = rep
			e.Plan = "repaired_parts"
			reason = fmt.Sprintf("repaired/replaced unit: %s from its return on %s", p.Warranty.RepairedParts.Words(), u.LastRepair.In(p.Location).Format("2006-01-02"))
		}
	}
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
		}
		e.DOA = !today.After(p.DOA.Window.AddDate(delivered))
	}
	if e.Covered {
		if inc := p.Advance.IncludedFirst; !inc.IsZero() && !today.After(inc.AddDate(basis)) {
			e.Advance = true
		}
		for _, want := range p.Advance.Plans {
			for _, have := range plans {
				if strings.EqualFold(strings.SplitN(have, ":", 2)[0], want) {
					e.Advance = true
				}
			}
		}
	}
	return e
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
