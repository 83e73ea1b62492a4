package parser

import (
	"regexp"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// barePhone is a phone number written without a label in a signature
// ("PolderLink B.V. · +31 20 555 0147", "Jan de Vries | 020 555 0147"):
// the first run of digits that libphonenumber's metadata calls a valid
// number, read in the sender's country. A postal code, a serial or an
// order number is not one.
func barePhone(lines []string, from string) string {
	home := regionOf(from)
	for _, l := range lines {
		if l = withoutFax(l); digits(l) < 7 {
			continue
		}
		if strings.Contains(l, "@") {
			// "rkim@sablecreekcu.org | 614-555-0132": the segment beside
			// the sender's own address (not a pasted signature's), not
			// the address's digits
			if !strings.Contains(l, " | ") || vendorCompany(l) || domainOf(from) == "" || !strings.Contains(strings.ToLower(l), "@"+domainOf(from)) {
				continue
			}
			if v := barePhone(withoutAt(strings.Split(l, " | ")), from); v != "" {
				return v
			}
			continue
		}
		for _, ix := range phoneRe.FindAllStringIndex(l, 4) {
			c := strings.TrimSpace(l[ix[0]:ix[1]])
			if afterBusinessID(l[:ix[0]]) {
				continue // "Sullivan Networks | ABN 51 824 753 556": a register's number
			}
			if digits(c) >= 8 && phoneShaped(c) && possiblePhone(c, candidateRegions(c, home)) {
				return c + extensionAfter(l[ix[1]:])
			}
		}
	}
	return ""
}

// withoutAt is the segments without an e-mail address.
func withoutAt(segs []string) []string {
	var out []string
	for _, s := range segs {
		if !strings.Contains(s, "@") {
			out = append(out, s)
		}
	}
	return out
}

// businessID are the words before a company's register or tax number,
// which is grouped like a phone number in a signature.
var businessID = map[string]bool{"abn": true, "acn": true, "vat": true, "gst": true, "gstin": true, "uid": true, "kvk": true, "cif": true, "nif": true, "siret": true, "siren": true, "ein": true, "crn": true, "nzbn": true,
	"tax": true, "taxid": true, "tin": true, "nip": true, "regon": true, "krs": true, "ičo": true, "dič": true, "ico": true, "dic": true, "piva": true, "p.iva": true, "ust-idnr": true, "steuernr": true, "hrb": true, "btw": true, "tva": true, "iva": true, "pan": true, "cin": true}

// afterBusinessID: one of the last three words before a number names a
// register or tax number ("ABN", "VAT No. GB", "USt-IdNr.:").
func afterBusinessID(before string) bool {
	w := strings.Fields(before)
	for i := len(w) - 1; i >= 0 && i >= len(w)-3; i-- {
		if w[i] == "|" || hasDigit(w[i]) {
			return false // "KvK 12345678 | 020 123 4567": the phone after the register's number
		}
		id := strings.Trim(w[i], ":#.,|")
		if businessID[strings.ToLower(id)] && (!nameWordID[strings.ToLower(id)] || id == strings.ToUpper(id)) {
			return true
		}
	}
	return false
}

// nameWordID are register words that are also words of company names
// ("Acme Pan Asia"): only in capitals ("PAN").
var nameWordID = map[string]bool{"pan": true, "cin": true, "tin": true, "tva": true, "iva": true}

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

// candidateRegions are the countries whose plans a number is tried in:
// the sender's, then, by how the number starts, those it may be from
// (a sender of a .com or freemail domain, or writing from abroad). A
// number with its country code needs none.
func candidateRegions(num, home string) []string {
	var rs []string
	if home != "" {
		rs = append(rs, home)
	}
	switch {
	case strings.HasPrefix(num, "+"):
		return append(rs, "US")
	case strings.HasPrefix(num, "0"):
		// a national trunk prefix: most of Europe, Australia, Japan
		return append(rs, trunkRegions...)
	}
	return append(rs, "US", "CN")
}

var trunkRegions = []string{"GB", "DE", "FR", "AU", "JP", "IT", "NL", "NZ", "IE", "BE", "CH", "AT"}

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

// withoutFax is line l up to a fax number's label ("Tel +1 ... | Fax +1
// ..." keeps the phone; "Fax: +1 ..." is nothing): nobody answers a fax
// line, so the desk must not call or text it. A label that names both
// ("Tel/Fax", "Tel. und Fax", "Telefon/Telefax", "TEL・FAX") is a phone;
// "Fairfax" and "Halifax" are places.
func withoutFax(l string) string {
	low := strings.ToLower(l)
	if i := faxLetter(low); i >= 0 {
		l, low = l[:i], low[:i] // "T +49 711 ... / F +49 711 ..."
	}
	for _, w := range faxWords {
		for off := 0; off < len(low); {
			i := strings.Index(low[off:], w)
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			if w == "fax" && i > 0 && isLetterByte(low[i-1]) && !strings.HasSuffix(low[:i], "tele") {
				continue // inside a word: "Fairfax"
			}
			if before := strings.TrimSuffix(low[:i], "tele"); !hasDigit(before) && strings.Contains(before, "tel") {
				continue // "Tel/Fax: ...": one number for both
			}
			l, low = l[:i], low[:i]
			break
		}
	}
	return l
}

func isLetterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

var faxWords = []string{"fax", "faks", "факс", "팩스", "télécopie", "telecopie", "ｆａｘ", "ファックス", "ファクス", "传真", "傳真"}

// extensionAfter is the extension written right after a number, as
// written with what separates it ("ext. 2210", " x204", " ramal 22",
// " (내선 305)", "（内線204）"), "" when none: the desk calls the number
// with it.
func extensionAfter(rest string) string {
	m := extension.FindStringIndex(rest)
	if m == nil {
		return ""
	}
	after := rest[m[1]:]
	if after != "" && strings.IndexByte("-/:.", after[0]) >= 0 {
		return "" // "x 9-5 Mon-Fri", "x 24/7": hours, not an extension
	}
	low := strings.ToLower(after[:min(len(after), 40)])
	if containsAny(low, []string{" ring", " am", " pm", "desk", "away", "financ", "reception", "colleague", "'s", "kolleg", "colega", "sra.", "sr.", "mrs", "mr."}) {
		return "" // "ext. 204 (Bob's desk, he is away)": someone else's line
	}
	return strings.TrimRight(rest[:m[1]], " ")
}

var extension = regexp.MustCompile(`^(?:,?\s*(?:x|ext\.?|extn\.?|extension|ramal|wew\.?|poste|durchwahl|dw\.?|interno|int\.)\s*:?\s*[0-9]{1,6}\b|` +
	`\s*\((?:x|ext\.?|extension|ramal|wew\.?|poste|durchwahl|dw\.?|interno|内線|内线|分機|分机|转|轉|내선)\s*:?\s*[0-9]{1,6}\)|` +
	`\s*（(?:内線|内线|分機|分机|转|轉|내선)\s*[0-9]{1,6}）|\s*(?:内線|内线|分機|分机|转|轉|내선)\s*[0-9]{1,6})`)

// faxLetter is where a lone "F" label of a number starts in the line
// ("F +49 711 555 0199", "T: ... | F: ..."), -1 when none.
func faxLetter(low string) int {
	for i := 0; i < len(low); i++ {
		if low[i] != 'f' || i > 0 && low[i-1] != ' ' && low[i-1] != '|' && low[i-1] != '/' {
			continue
		}
		r := strings.TrimLeft(low[i+1:], ".: ")
		if len(r) < len(low[i+1:]) && r != "" && (r[0] == '+' || r[0] == '(' || isDigit(r[0])) {
			return i
		}
	}
	return -1
}
