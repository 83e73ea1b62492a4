package parser

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// barePhone is a phone number written without a label in a signature
// ("PolderLink B.V. · +31 20 555 0147", "Jan de Vries | 020 555 0147"):
// the first run of digits that libphonenumber's metadata calls a valid
// number, read in the sender's country. A postal code, a serial or an
// order number is not one.
func barePhone(lines []string, from string) string {
	// The sender's country first; then the common ones, for a .com, .io
	// or freemail sender, or someone writing from abroad.
	regions := commonRegions
	if r := regionOf(from); r != "" {
		regions = append([]string{r}, commonRegions...)
	}
	for _, l := range lines {
		if digits(l) < 7 || strings.Contains(l, "@") {
			continue
		}
		for _, c := range phoneRe.FindAllString(l, 4) {
			c = strings.TrimSpace(c)
			if digits(c) >= 8 && phoneShaped(c) && possiblePhone(c, regions) {
				return c
			}
		}
	}
	return ""
}

// phoneShaped: written as people write numbers (grouped, or
// international), not one run of digits as systems write references.
func phoneShaped(s string) bool {
	return strings.HasPrefix(s, "+") || strings.ContainsAny(s, " -().")
}

// possiblePhone says whether s has the length of a number in one of the
// regions (libphonenumber's metadata): test numbers such as 555-0142 are
// possible though not valid, and a signature holds few other digit runs.
func possiblePhone(s string, regions []string) bool {
	for _, r := range regions {
		if n, err := phonenumbers.Parse(s, r); err == nil && phonenumbers.IsPossibleNumber(n) {
			return true
		}
	}
	return false
}

// commonRegions are tried for a sender of a generic domain (.com, a
// freemail address), whose country the address does not say.
var commonRegions = []string{"US", "GB", "DE", "FR", "AU", "CN", "JP", "IN", "IT", "ES", "NL"}

// regionOf guesses the sender's country from the address's top-level
// domain (".nl", ".co.uk", ".jp"); "" for generic ones.
func regionOf(addr string) string {
	dom := strings.ToLower(addr[strings.LastIndexByte(addr, '@')+1:])
	tld := dom[strings.LastIndexByte(dom, '.')+1:]
	switch {
	case len(tld) != 2:
		return ""
	case tld == "uk":
		return "GB"
	}
	return strings.ToUpper(tld)
}
