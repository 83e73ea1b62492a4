package registry

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Plan is a service plan the customer bought with the unit, such as an
// extended warranty or advance replacement.
type Plan struct {
	Name   string // [a-z_]+: "extended", "advance", "sla", "card_on_file", ...
	Years  int    // from "extended:2y"; 0 when the duration is in months or absent
	Months int    // from "extended:24m"; 0 when the duration is in years or absent
}

// Sanity caps on a plan's duration: a longer one is a typo ("24y" for "24m"),
// not a contract anyone sells.
const (
	maxPlanYears  = 10
	maxPlanMonths = 120
)

// ParsePlans reads a plans cell: ";"-separated entries, each "name",
// "name:Ny" (years) or "name:Nm" (months), spaces around parts ignored. Names
// are case-folded and must then be [a-z_]+; any such name is accepted, since
// plans are vendor-specific. "extended" requires a duration, because an
// extension of unknown length cannot move a warranty end. A name may appear
// only once. An empty cell, and empty entries such as a trailing ";", give
// no plans.
func ParsePlans(s string) ([]Plan, error) {
	var plans []Plan
	for entry := range strings.SplitSeq(s, ";") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		name, dur, hasDur := strings.Cut(entry, ":")
		name = strings.ToLower(strings.TrimSpace(name))
		if !validPlanName(name) {
			return nil, fmt.Errorf("plan %s: name must be letters and underscores", quote(name))
		}
		p := Plan{Name: name}
		if hasDur {
			var err error
			if p.Years, p.Months, err = parseDuration(strings.TrimSpace(dur)); err != nil {
				return nil, fmt.Errorf("plan %s: %w", name, err)
			}
		} else if name == "extended" {
			return nil, errors.New(`plan extended: needs a duration such as "extended:2y" or "extended:24m"`)
		}
		for _, q := range plans {
			if q.Name == name {
				return nil, fmt.Errorf("plan %s: listed twice", name)
			}
		}
		plans = append(plans, p)
	}
	return plans, nil
}

func validPlanName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < 'a' || s[i] > 'z') && s[i] != '_' {
			return false
		}
	}
	return true
}

// parseDuration reads "2y" or "24m" (unit case-insensitive).
func parseDuration(s string) (years, months int, err error) {
	bad := fmt.Errorf("duration %s: want a whole number of years or months such as 2y or 24m", quote(s))
	if len(s) < 2 {
		return 0, 0, bad
	}
	num, unit := s[:len(s)-1], s[len(s)-1]
	if !allDigits(num) || len(num) > 4 {
		return 0, 0, bad
	}
	n, err := strconv.Atoi(num)
	if err != nil || n == 0 {
		return 0, 0, bad
	}
	switch unit {
	case 'y', 'Y':
		if n > maxPlanYears {
			return 0, 0, fmt.Errorf("duration %s: more than %d years", quote(s), maxPlanYears)
		}
		return n, 0, nil
	case 'm', 'M':
		if n > maxPlanMonths {
			return 0, 0, fmt.Errorf("duration %s: more than %d months", quote(s), maxPlanMonths)
		}
		return 0, n, nil
	}
	return 0, 0, bad
}
