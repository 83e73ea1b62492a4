package parser

// Address labels: headings over address blocks, shipping requests ending
// in a colon, a ship-to and bill-to given together, and the values that
// name no place or point elsewhere.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// billSentence: a sentence over an address block that says the block is
// for invoices ("Our address below is for invoices only, please do not
// ship there:").
func billSentence(l string) bool {
	// most lines ending in a colon name no invoice: no lower-case copy
	if !containsAny(l, []string{"nvoic", "illing", "acturation", "acturación", "atturazione", "echnungen"}) {
		return false
	}
	low := strings.ToLower(l)
	return len(low) < 160 && containsAny(low, []string{"address", "adresse", "anschrift", "dirección", "indirizzo", "adres"}) &&
		containsAny(low, []string{"for invoices", "for invoicing", "for billing", "for the invoice", "invoice address", "billing address",
			"für rechnungen", "pour la facturation", "pour les factures", "para facturación", "per la fatturazione"})
}

// addressBlock reads the address blocks labelled other than by "Label:":
// two side by side under a "Ship To<TAB>Bill To" heading, or one under a
// heading line without a colon (headingAddress).
func addressBlock(lines []string, used []bool, i int) ([]labelled, int, bool) {
	if fs, last, ok := addressColumns(lines, i); ok {
		return fs, last, true
	}
	return headingAddress(lines, used, i)
}

// headingAddress is the address under a heading line that is an address
// label alone ("Shipping address" / "Acme Ltd" / "5 Main St" / ...); a
// heading over words ("Address" / "we moved, will send it later") gives
// none and its lines stay prose.
func headingAddress(lines []string, used []bool, i int) ([]labelled, int, bool) {
	key := headingAddressLabel(lines, i)
	if key == 0 {
		return nil, i, false
	}
	val, last := continuedValue(lines, used, i, key, "")
	if !hasDigit(val) || notPostal(val) {
		clear(used[i : last+1])
		return nil, i, false
	}
	if key == kShipBill {
		return []labelled{{key: kShipTo, unit: sharedAddress, value: val, line: last}, {key: kBillTo, unit: sharedAddress, value: val, line: last}}, last, true
	}
	return []labelled{{key: key, value: val, line: last}}, last, true
}

// requestAfterProse: a shipping request read as a label follows other
// sentences on its line ("NAS serial Q21BI04567 is dead. Could you send
// the replacement to: ..."), which stay prose (the unit, the problem).
func requestAfterProse(l string) bool {
	lbl, _, ok := splitLabel(l)
	if t := strings.TrimSpace(l); !ok && strings.HasSuffix(t, ":") {
		// a paragraph too long for a label, its last sentence the request
		// ("Hey team, our Mini X+ (serial ...) ... just send whatever to:")
		lbl, ok = t[:len(t)-1], true
	}
	// "Our TS-873A S/N X fails to boot - please ship the part to:": the
	// fault before the dash is prose
	return ok && lastSentenceEnd(lbl) > 0 || containsAny(strings.ToLower(l), []string{" - please ", " – please "})
}

// headingAddressLabel is the address key of line i when it is an address
// label and nothing else ("Shipping address", "**Lieferadresse**", a bold
// heading in HTML without a colon) over a line, 0 otherwise; only the
// label tables' exact entries count ("Ship to the office asap" starts
// like one).
func headingAddressLabel(lines []string, i int) int {
	if i+1 >= len(lines) || strings.TrimSpace(lines[i+1]) == "" {
		return 0
	}
	t := strings.Trim(strings.TrimSpace(lines[i]), "*_ ")
	if len(t) < 7 || len(t) > 40 || strings.ContainsAny(t, ":：.,!?|\t0123456789") {
		return 0
	}
	// normalised as normForMap does, on the stack (most short lines are
	// tried and are no label)
	var buf [64]byte
	nb := buf[:0]
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			nb = utf8.AppendRune(nb, unicode.ToLower(r))
		}
	}
	if k := labels[string(nb)]; isAddressKey(k) {
		return k
	}
	if len(t) > 3 && strings.EqualFold(t[len(t)-3:], " to") && shipSentence(t) {
		// "send replacement to" over the address, its colon left out
		return kShipTo
	}
	return 0
}

// sharedAddress marks, in labelled.unit, an address read from a label
// that names both ("Ship to and bill to:").
const sharedAddress = -1

// withoutSharedAddresses drops a shared address where the mail also gives
// that address under its own label.
func withoutSharedAddresses(found []labelled) []labelled {
	var explicit [2]bool // ship-to, bill-to
	shared := false
	for _, l := range found {
		switch {
		case l.unit == sharedAddress:
			shared = true
		case l.key == kShipTo:
			explicit[0] = true
		case l.key == kBillTo:
			explicit[1] = true
		}
	}
	if !shared || !explicit[0] && !explicit[1] {
		return found
	}
	out := found[:0]
	for _, l := range found {
		if l.unit == sharedAddress && (l.key == kShipTo && explicit[0] || l.key == kBillTo && explicit[1]) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// isAddressKey: the keys whose value is a postal address.
func isAddressKey(k int) bool { return k == kShipTo || k == kBillTo || k == kShipBill }

// colonShipSentence: line i ends in ':' a shipping request too long for a
// label ("Please ship the replacement controller to our data center, not
// the main campus:") or wrapped from the line before ("yes, please ship
// the advance replacement to our warehouse instead of" / "the office:").
func colonShipSentence(lines []string, i int) bool {
	l := strings.TrimSuffix(strings.TrimSpace(lines[i]), ":")
	if lastSentenceEnd(l) > 0 {
		// "Could you tell us your address? We will send the unit to:": the
		// last sentence is the one that names the block
		return lastSentenceShip(l)
	}
	if len(l) < 160 && shipSentence(l) {
		return true
	}
	if hereRequest(l) {
		return true
	}
	if lastSentenceShip(l) {
		// "... of our customer is dead. Please ship the replacement to us,
		// our address:": the request is the line's last sentence
		return true
	}
	if i == 0 {
		return false
	}
	prev := strings.TrimSpace(lines[i-1])
	if prev == "" || strings.ContainsAny(prev, ":.") || len(prev)+len(l) > 160 {
		return false
	}
	return shipSentence(prev + " " + l)
}

// hereRequest: a wish for the replacement "here", the block under it
// being where ("We would like the advance replacement card here:",
// "Please send the new unit here:").
func hereRequest(l string) bool {
	low := strings.ToLower(strings.TrimSpace(l))
	if !strings.HasSuffix(low, " here") || len(low) > 100 || negated.MatchString(low) || conditionWord.MatchString(low) || reported(low) {
		return false
	}
	return containsAny(low, []string{"replacement", "the new unit", "the new one", "the repaired", "the spare"}) &&
		containsAny(low, []string{"would like", "we'd like", "i'd like", "please", "kindly", "need", "want", "send", "ship", "deliver"})
}

// wrappedRefusal: line i's label ("address:") ends a sentence wrapped
// from the line before that refuses the address under it.
func wrappedRefusal(lines []string, i int) bool {
	if i == 0 {
		return false
	}
	prev := strings.TrimSpace(lines[i-1])
	if prev == "" || strings.ContainsAny(prev, ":：") || strings.ContainsAny(prev[len(prev)-1:], ".!?") || len(strings.Fields(prev)) < 3 {
		return false // a label line or a finished sentence above
	}
	joined := prev + " " + strings.TrimSuffix(strings.TrimSpace(lines[i]), ":")
	return (refusing(joined) || pastAddress.MatchString(joined)) && !shipSentence(joined)
}

// lastWordHasDigit: an address line ending in a postcode ("Brighton BN1
// 1AA") completes an address.
func lastWordHasDigit(s string) bool {
	f := strings.Fields(s)
	return len(f) > 0 && hasDigit(f[len(f)-1])
}

// wordsOnly: an address value without a digit ("see PO", "our address on
// file?", "la atención de Juan, sin dirección todavía", a form's empty
// "....., COUNTRY: ....."), which names no place: a postal address has a
// number (house, postcode, box). Values in scripts without spaces
// (東京都千代田区丸の内) are left alone, and "same as ..." values are for
// sameAsBill and pointsElsewhere.
func wordsOnly(v string) bool {
	if hasDigit(v) || pointsElsewhere(v) || sameAddress.MatchString(v) {
		return false
	}
	for _, r := range v {
		if r >= 0x2E80 {
			return false
		}
	}
	return true
}

// sameAsBillMark stands for a ship-to that is the bill-to ("Ship to: same
// as bill to") until the bill-to is read.
const sameAsBillMark = "\x00same-as-bill"

// sameAsBill: a ship-to value that says it is the bill-to address.
func sameAsBill(v string) bool {
	low := strings.ToLower(strings.Trim(strings.TrimSpace(v), "()[].*\"'"))
	return strings.HasPrefix(low, "same as") && containsAny(low, []string{"bill", "invoice"})
}

// pointsElsewhere: an address value that refers to another place in the
// mail instead of giving one.
func pointsElsewhere(v string) bool {
	low := strings.ToLower(strings.Trim(strings.TrimSpace(v), "()[]*\"'"))
	for _, p := range []string{"same as", "see above", "see below", "as above", "as below", "siehe oben", "siehe unten", "wie oben", "voir ci-dessus", "ver arriba", "vedi sopra"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// cutBillTo ends a ship-to value where a bill-to starts on its line
// ("12 Harbour Road, Leith EH6 6LX and bill to: 1 Main St, ...").
func cutBillTo(v string) string {
	low := strings.ToLower(v)
	for _, m := range []string{" and bill to", "; bill to", ", bill to", " and invoice to", " bill to:"} {
		if i := strings.Index(low, m); i > 0 {
			return strings.TrimRight(v[:i], " ,;")
		}
	}
	return v
}

// afterLeadWords is a ship-to value without the words that lead to the
// address ("not the billing address, please use 1 New Road, ..."): an
// address starts with a number or a capital, so a value starting in
// lower case is cut after its last "use"/"ship to"-like phrase that an
// address follows.
func afterLeadWords(v string) string {
	r, _ := utf8.DecodeRuneInString(v)
	if !unicode.IsLower(r) || strings.HasPrefix(v, "c/o") {
		return v
	}
	low := strings.ToLower(v[:min(len(v), 80)])
	for _, m := range []string{"same as before, ", "same as last time, "} {
		// "2) Ship-to: same as before, Acme Corp, 12 Main Street, ...": the
		// address written out after the words that point back to it
		if rest := v[min(len(v), len(m)):]; strings.HasPrefix(low, m) {
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsDigit(r) || unicode.IsUpper(r) {
				return rest
			}
		}
	}
	for _, m := range []string{"please use ", "use ", "ship to ", "send to ", "deliver to ", "instead: ", "instead, ", "this one: ", "new one: "} {
		i := strings.Index(low, m)
		if i <= 0 {
			continue
		}
		rest := v[i+len(m):]
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsDigit(r) || unicode.IsUpper(r) {
			return rest
		}
	}
	return v
}

// addressEnd drops the full stop of an address written as a sentence
// ("... 05435-000, Brazil."), not that of an abbreviation ("N.L.").
func addressEnd(v string) string {
	if !strings.HasSuffix(v, ".") {
		return v
	}
	w := v[strings.LastIndexAny(v, " ,")+1:]
	if len(strings.ReplaceAll(w, ".", "")) <= 4 && !hasDigit(w) {
		// "St.", "Ave.": an abbreviation's point; a postcode's ("ON K2P
		// 1Y8.") ends the sentence
		return v
	}
	return strings.TrimSuffix(v, ".")
}

// formRowRe is a row of a form under an address: a short label, then a
// colon or a run of spaces (a two-column table copied as text), then its
// value: "Ship from     Acme Corp, ...", "Sales order: SO-448812". Not
// a dash: "Av. Paulista, 1000 - Bela Vista" is one address line.
var formRowRe = regexp.MustCompile(`^(\p{L}[\p{L} .'/-]{0,28}\p{L})(?::\s*|\s{2,}|\t)\S`)

// longFormRow is a label of up to eight words, a colon and a run of
// spaces before its value.
var longFormRow = regexp.MustCompile(`^\p{L}[\p{L}'/-]*(?: [\p{L}'/-]+){0,7}:\s{2,}\S`)

// otherAddressRoles label an address that is not the ship-to.
var otherAddressRoles = []string{"ship from", "shipped from", "sold to", "sender", "pickup from", "pick up from", "collect from", "return from"}

// formRow: t is another row of the form, not the address's next line.
// "Attn: Jane Doe" and "c/o ..." are part of an address.
func formRow(t string) bool {
	if n := itemNumber(t); n > 0 {
		t = t[n:] // "3. Contact phone: 510-555-0132": the next numbered answer
	}
	m := formRowRe.FindStringSubmatch(t)
	if m == nil {
		// "Preferred delivery window for the courier:   weekdays 9-17":
		// a longer label whose colon a run of spaces follows is a form's
		// row too; "Ship from - Acme Lab, ...": another address's label
		// before a dash
		return longFormRow.MatchString(t) || otherRoleRow(t)
	}
	switch strings.ToLower(strings.TrimSpace(m[1])) {
	case "att", "att.", "attn", "attn.", "attention", "c/o", "z.hd", "z.hd.", "zhd", "a/c", "care of", "building", "bldg", "suite", "floor", "dock", "door", "unit":
		return false
	}
	// "Güzeloba Mah. Lara Cad. No: 412": a street, then its house number
	// after "No:" (Turkish, Spanish, Portuguese addresses write it so)
	lbl := strings.TrimSpace(m[1])
	return !(strings.HasSuffix(lbl, " No") && isDigit(strings.TrimSpace(t[len(m[0])-1:])[0]))
}

// otherRoleRow: t is another address's row, its label before a dash
// ("Ship from - Acme Lab, ...", "Pick up defective from – Acme Lab, ..."):
// a role of otherAddressRoles, or a short label of words ending in "from".
func otherRoleRow(t string) bool {
	head := t[:min(len(t), 40)]
	i := strings.Index(head, " - ")
	if j := strings.Index(head, " – "); j > 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 {
		return false
	}
	if hasAnyPrefixFold(t, otherAddressRoles) {
		return true
	}
	f := strings.Fields(strings.ToLower(t[:i]))
	return len(f) >= 2 && len(f) <= 5 && f[len(f)-1] == "from" && !hasDigit(t[:i])
}

// vendorAddress: a labelled address whose first part is one of the
// vendors the desk supports, or its returns or repair site ("Return to:
// QNAP Returns Center, ...", pasted from the vendor's own RMA form), is
// where the customer sends the unit, never where the replacement goes. A
// brand alone is not enough: "Altai" is also a region, and a reseller may
// carry a brand in its name.
func vendorAddress(v string) bool {
	if vendorCompany(v) { // "RMA Dept., QNAP Systems, Inc., 5 Depot Road"
		return true
	}
	first, _, _ := strings.Cut(strings.ToLower(v), ",")
	return vendorBrand.MatchString(first) && containsAny(first, []string{"return", "rma", "repair", "service cent", "depot"})
}

// vendorBrand is a supported vendor's brand as a word.
var vendorBrand = regexp.MustCompile(`\b(?:qnap|qct|quanta|altai|ixsystems|truenas)\b`)

// beforeColumn is an address value up to a run of spaces or a tab that
// another column's label follows ("Ship to: 12 Main Street, Springfield,
// IL 62701    Attn: Mike Brown"): the form's next field, not the address.
func beforeColumn(v string) string {
	for _, sep := range []string{"  ", "\t"} {
		if j := strings.Index(v, sep); j > 0 && columnLabel(strings.TrimLeft(v[j:], " \t")) {
			return strings.TrimSpace(v[:j])
		}
	}
	return v
}

// streetUnder: line i opens an address block without a house number of
// its own: a unit designator with its number ("Unit 4, 12 Main Street"),
// or a name line without a digit (the company, "Outback Freight Co") with
// a line starting with a number right under it.
func streetUnder(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	f := strings.Fields(t)
	if len(f) >= 2 && hasDigit(f[1]) && unitDesignators[strings.ToLower(f[0])] {
		return true
	}
	if t == "" || hasDigit(t) || len(f) > 6 || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ":") || i+1 >= len(lines) {
		return false
	}
	next := strings.TrimSpace(lines[i+1])
	return next != "" && isDigit(next[0]) && addressLine(next)
}

// unitDesignators name the unit, suite or floor before a street.
var unitDesignators = nameSet("unit", "suite", "ste", "ste.", "building", "bldg", "bldg.", "flat", "apt", "apt.", "floor", "level", "room", "block", "lot", "plot")

// belowShipSentence: line i is a shipping request that points at the
// block under it and ends in a full stop or a question mark instead of a
// colon ("Would it be possible to send the replacement to the address
// below?", "Please ship it to the following address."); the request is
// read as colonShipSentence reads one with a colon.
func belowShipSentence(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	if len(t) < 12 || len(t) > 160 || !strings.HasSuffix(t, "?") && !strings.HasSuffix(t, ".") {
		return false
	}
	t = strings.TrimSpace(t[:len(t)-1])
	low := strings.ToLower(t)
	if belowAbroad(low) {
		return true
	}
	if !containsAny(low, []string{"address below", "address beneath", "following address", "address that follows"}) || !strings.HasSuffix(low, "below") && !strings.HasSuffix(low, "beneath") && !strings.HasSuffix(low, "address") && !strings.HasSuffix(low, "follows") {
		return false
	}
	at := []string{t}
	if i > 0 {
		at = []string{lines[i-1], t}
	}
	return colonShipSentence(at, len(at)-1)
}

// belowAbroad: a request, in another language, to send the goods to the
// address below ("Değiştirilecek cihazı aşağıdaki adrese gönderebilir
// misiniz?", "Könnten Sie das Gerät an die folgende Adresse schicken?"):
// the block under it is the ship-to.
func belowAbroad(low string) bool {
	if !strings.Contains(low, "adres") && !strings.Contains(low, "direcci") {
		return false // every phrase names the address so: most lines are tried once
	}
	for _, p := range belowPhrases {
		if strings.Contains(low, p[0]) && strings.Contains(low, p[1]) {
			return !negated.MatchString(low) && !conditionWord.MatchString(low) && !reported(low)
		}
	}
	return false
}

// belowPhrases pair "to the address below" with the language's send verb.
var belowPhrases = [][2]string{{"aşağıdaki adrese", "gönder"}, {"aşağıdaki adrese", "yolla"}, {"an die folgende adresse", "schick"}, {"an die folgende adresse", "send"},
	{"an untenstehende adresse", "schick"}, {"à l'adresse ci-dessous", "envoy"}, {"a la dirección de abajo", "envi"}, {"a la siguiente dirección", "envi"},
	{"naar het onderstaande adres", "stur"}, {"naar onderstaand adres", "stur"}, {"na níže uvedenou adresu", "posl"}, {"na poniższy adres", "wysł"}}

// oldAddressLabel: the label before the line's colon calls the address an
// old one ("Old shipping address:", "기존 배송지:", "Eski teslimat adresi:",
// "旧地址："): where the customer was, not where to send.
func oldAddressLabel(l string) bool {
	head := l
	if i := strings.IndexAny(l, ":："); i >= 0 {
		head = l[:i]
	}
	head = strings.ToLower(strings.TrimLeft(head, " *-•>\t")) + " "
	for _, w := range []string{"old ", "former ", "previous ", "alte ", "alten ", "ancienne ", "antigua ", "anterior ", "vecchio ", "vecchia ", "oude ", "oud ", "gamla ", "stará ", "dawny ", "stary ", "eski ", "기존", "이전", "旧", "舊", "以前", "元の", "旧住所"} {
		if strings.HasPrefix(head, w) {
			return true // (not "New shipping address (previous one closed):")
		}
	}
	return false
}
