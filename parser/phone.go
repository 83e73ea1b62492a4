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
	region := regionOf(from)
	for _, l := range lines {
		if digits(l) < 7 || strings.Contains(l, "@") {
			continue
		}
		for _, c := range phoneRe.FindAllString(l, 4) {
			c = strings.TrimSpace(c)
			if digits(c) >= 8 && validPhone(c, region) {
				return c
			}
		}
	}
	return ""
}

// validPhone says whether s is a valid number, international or of region.
func validPhone(s, region string) bool {
	n, err := phonenumbers.Parse(s, region)
	return err == nil && phonenumbers.IsValidNumber(n)
}

// regionOf guesses the sender's country from the address's top-level
// domain (".nl", ".co.uk", ".jp"); "US" for generic ones, as the numbering
// plan the desk's default date order also assumes.
func regionOf(addr string) string {
	dom := strings.ToLower(addr[strings.LastIndexByte(addr, '@')+1:])
	tld := dom[strings.LastIndexByte(dom, '.')+1:]
	switch {
	case len(tld) != 2:
		return "US"
	case tld == "uk":
		return "GB"
	}
	return strings.ToUpper(tld)
}
