package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelled is one value read from a "Label: value" line or a "Unit N:"
// heading.
type labelled struct {
	key   int
	unit  int // explicit unit index, 0 if none
	value string
	line  int
	// supersedes: the label says it replaces an earlier value ("Correct
	// PO:", "Revised invoice:")
	supersedes bool
	// dayFirst: the label is written in a language that puts the day
	// first ("Date de facture : 05/06/2024" is 5 June)
	dayFirst bool
}

// labelledLines is the first pass: the "Label: value" lines and "Unit N:"
// headings of the body in text order, marking the lines it consumes.
func labelledLines(lines []string, used []bool) []labelled {
	var found []labelled
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if len(l) > 500 {
			continue
		}
		if idx, rest, ok := matchUnitHead(l); ok {
			found = append(found, labelled{key: kUnit, unit: idx, value: strings.TrimSpace(rest), line: i})
			used[i] = true
			continue
		}
		if fs, last, ok := addressBlock(lines, used, i); ok {
			// "Ship To<TAB>Bill To" over the two addresses side by side, or
			// a heading without a colon over the address
			found = append(found, fs...)
			for k := i; k <= last; k++ {
				used[k] = true
			}
			i = last
			continue
		}
		if fs, ok := fieldRow(lines, i); ok {
			// "Purchase Order<TAB>Invoice No." over "4500334455<TAB>INV-1"
			found = append(found, fs...)
			for k := i; k < len(lines) && k <= fs[len(fs)-1].line; k++ {
				used[k] = true
			}
			i = fs[len(fs)-1].line
			continue
		}
		key, idx, val := labelOf(l)
		if t := strings.TrimSpace(l); key == 0 && strings.HasSuffix(t, ":") {
			// "see below. Ship the replacement to:", "Kunnen jullie een
			// ventilator opsturen? Adres:": the line's last sentence is
			// the label
			if k := lastSentenceEnd(t); k > 0 {
				if k2, i2, v2 := labelOf(t[k+2:]); k2 == kShipTo || k2 == kBillTo {
					key, idx, val = k2, i2, v2
				}
			}
		}
		if key == 0 && strings.HasSuffix(strings.TrimSpace(l), ":") && colonShipSentence(lines, i) {
			key = kShipTo
		} else if key == 0 && strings.HasSuffix(strings.TrimSpace(l), ":") && billSentence(l) {
			key = kBillTo
		} else if key == kShipTo && wrappedRefusal(lines, i) {
			// "..., not to the old" / "address:": the label ends a sentence
			// that refuses the block under it
			continue
		}
		if key == 0 {
			if v, ship := shipTail(l); ship {
				// the sentences before the request stay prose (the problem)
				found = append(found, labelled{key: kShipTo, value: v, line: i})
			}
			continue
		}
		val = strings.TrimSpace(strings.Trim(val, "* "))
		used[i] = !(key == kShipTo && requestAfterProse(l))
		// Multi-line values: addresses and problem descriptions continue
		// on the following lines up to a blank line or another label.
		if isAddressKey(key) || key == kProblem || val == "" {
			val, i = continuedValue(lines, used, i, key, val)
		}
		if key == kShipBill {
			// unit sharedAddress: an explicit "Ship to:" or "Bill to:"
			// elsewhere in the mail wins over the shared label
			found = append(found, labelled{key: kShipTo, unit: sharedAddress, value: val, line: i},
				labelled{key: kBillTo, unit: sharedAddress, value: val, line: i})
			continue
		}
		if (key == kShipTo || key == kBillTo) && (notPostal(val) || wordsOnly(val)) {
			continue // "our address:" over "+1 408 555 0143", a link or an e-mail address; "Ship to: see PO"
		}
		if key == kShipTo || key == kBillTo || key == kProblem {
			found = append(found, labelled{key: key, unit: idx, value: val, line: i})
			continue
		}
		n := len(found)
		found = appendValue(found, key, idx, val, i, 0)
		superseding := supersedingLabel(l)
		dayFirst := (key == kInvoiceDate || key == kDeliveryDate || key == kInvoice) && dayFirstLabel(l, val)
		for k := n; k < len(found); k++ {
			found[k].supersedes = superseding
			found[k].dayFirst = dayFirst
		}
	}
	return withoutSharedAddresses(found)
}

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
	return ok && lastSentenceEnd(lbl) > 0
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
	return 0
}

// lastSentenceEnd is the index of the last ". ", "? " or "! " in t, -1 if
// none.
func lastSentenceEnd(t string) int {
	k := strings.LastIndex(t, ". ")
	if q := strings.LastIndex(t, "? "); q > k {
		k = q
	}
	if q := strings.LastIndex(t, "! "); q > k {
		k = q
	}
	return k
}

// dayFirstLabel tells whether the label of line l (its value val) is in
// a language whose numeric dates put the day first: French, German,
// Dutch, Spanish, Portuguese, Italian, Polish. An English label keeps the
// parser's order (Options.DayFirst): "Invoice date: 05/06/2024" from a
// British or an American writer reads the same.
func dayFirstLabel(l, val string) bool {
	label := l
	if i := strings.LastIndex(l, val); val != "" && i > 0 {
		label = l[:i]
	}
	return dayFirstLanguage(strings.ToLower(label))
}

// dayFirstLanguage tells whether the lower-case words (a label, an invoice
// word, a purchase verb) are French, German, Dutch, Spanish, Portuguese,
// Italian, Polish or Swedish, whose numeric dates put the day first.
func dayFirstLanguage(low string) bool {
	return containsAny(low, dayFirstWords)
}

var dayFirstWords = []string{"date de", "date d'", "datum", "fecha", "data ", "factur", "factuur", "fattur", "fatura", "rechnung", "faktur",
	"nota fiscal", "kauf", "liefer", "aankoop", "aangeschaft", "levering", "compr", "acquist", "achat", "achet", "erworben", "gekocht",
	"livraison", "entrega", "consegna", "zakup", "dostaw"}

// sharedAddress marks, in labelled.unit, an address read from a label
// that names both ("Ship to and bill to:").
const sharedAddress = -1

// allUnits marks, in labelled.unit, a unit fact its label states for
// every unit ("Firmware on all units:", "Firmware en todos:").
const allUnits = -2

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

// continuedValue joins val and the lines after line i, up to a blank line,
// another label or a unit heading (at most 11 lines), marking them used, and
// returns the value and the index of the last line it took. Blank lines
// before the first part are skipped, for a problem only the one right after
// the label. Address lines are joined with ", ", problem lines with " ".
func continuedValue(lines []string, used []bool, i, key int, val string) (string, int) {
	var parts []string
	if val != "" {
		parts = append(parts, val)
	}
	j := i + 1
	for ; j < len(lines) && j < i+12; j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" {
			if len(parts) == 0 && key != kProblem {
				continue
			}
			if len(parts) == 0 && key == kProblem && j == i+1 {
				continue
			}
			break
		}
		if k, _, _ := labelOf(lines[j]); k != 0 {
			break
		}
		if _, _, ok := matchUnitHead(lines[j]); ok {
			break
		}
		if isAddressKey(key) && len(parts) > 0 && !addressLine(t) {
			break
		}
		if isAddressKey(key) && len(parts) > 0 && strings.HasPrefix(t, "The ") && lastWordHasDigit(parts[len(parts)-1]) {
			// "The Old Mill, Example Lane" names a building under the
			// company line; after a street it starts another address
			break
		}
		if key == kSerial {
			// "Serial numbers:" over a bulleted list of them
			t = strings.TrimSpace(strings.TrimLeft(t, "-*•·・"))
		}
		parts = append(parts, t)
		used[j] = true
	}
	sep := ", "
	if key == kProblem {
		sep = " "
	}
	return strings.Join(parts, sep), j - 1
}

// valueSeps separate several "Label: value" pairs written on one line
// ("S/N: Q1 / Model: TS-873A"; Japanese writers use the ideographic
// space: "シリアル番号：Q1\u3000型番：D52BQ-2U"; signatures and phone
// apps use a middot or bullet, and people a dash: "N. serie: A2EI1 ·
// Cod. articolo: 901-A2", "Fattura: 26/FT/00981 - Data fattura: ...").
// A part after one is split off only when it starts with a label.
var valueSeps = []string{" / ", " | ", "; ", "\t", " , ", ", ", "\u3000", " · ", " • ", " - ", " – "}

// appendValue appends the labelled value of line i, split when the line
// holds more labels ("S/N: Q1 / Model: TS-873A") or a unit value carries
// more unit facts ("TS-464 (S/N Q22AA11111), firmware 5.1.0").
func appendValue(found []labelled, key, idx int, val string, line, depth int) []labelled {
	if depth < 4 {
		for _, sep := range valueSeps {
			j := strings.Index(val, sep)
			if j <= 0 {
				continue
			}
			if k, kidx, rest := labelOf(val[j+len(sep):]); k != 0 && !isAddressKey(k) && k != kProblem {
				found = appendValue(found, key, idx, strings.TrimSpace(val[:j]), line, depth+1)
				if kidx == 0 {
					kidx = idx
				}
				return appendValue(found, k, kidx, strings.TrimSpace(strings.Trim(rest, "* ")), line, depth+1)
			}
		}
	}
	var extra []labelled
	if key == kModel || key == kPart || key == kFirmware {
		cut := -1
		for _, sep := range []string{" (", ", ", " / ", " | ", "; "} {
			if j := strings.Index(val, sep); j > 0 && (cut < 0 || j < cut) {
				cut = j
			}
		}
		if cut > 0 {
			rest := val[cut:]
			if mm := proseSerial.FindStringSubmatch(rest); mm != nil && hasDigit(mm[1]) {
				extra = append(extra, labelled{key: kSerial, unit: idx, value: mm[1], line: line})
			}
			if key != kFirmware {
				if mm := fwProse.FindStringSubmatch(rest); mm != nil {
					extra = append(extra, labelled{key: kFirmware, unit: idx, value: mm[1], line: line})
				}
			}
			if key == kModel {
				val = strings.TrimSpace(val[:cut])
			}
		}
	}
	found = append(found, labelled{key: key, unit: idx, value: val, line: line})
	return append(found, extra...)
}

// notContact is a contact value that starts by saying whom not to contact
// (names such as "Mai" or "Non" are names: the words must be these).
var notContact = regexp.MustCompile(`(?i)^\s*(not|never|don't|do not|nicht|pas|jamais|no|nunca)\b`)

// notContactLine is a "contact ..." line that names someone not to write to.
var notContactLine = regexp.MustCompile(`\b(not|never|don't|do not|no longer|nicht|pas|jamais|nunca)\b`)

// fieldRow reads a two-row table of message fields laid out with tabs or
// pipes (a header of labels such as "Purchase Order | Invoice No. | Invoice
// Date" over one row of values): each value goes to its column's field.
// A header with a unit column is a unit table (parseTable's) and is left.
func fieldRow(lines []string, i int) ([]labelled, bool) {
	if i+1 >= len(lines) {
		return nil, false
	}
	sep := "\t"
	if !strings.Contains(lines[i], sep) {
		if sep = "|"; !strings.Contains(lines[i], sep) {
			return nil, false
		}
	}
	head := cellsOf(lines[i], sep)
	r := i + 1
	if isRuleRow(lines[r]) {
		r++ // a markdown table's |---|---| row
	}
	if r >= len(lines) {
		return nil, false
	}
	row := cellsOf(lines[r], sep)
	if len(head) < 2 || len(row) != len(head) {
		return nil, false
	}
	// one row of values only: a table of several orders names no one
	// order, and values the mail calls examples are nobody's
	if r+1 < len(lines) && len(cellsOf(lines[r+1], sep)) == len(head) && strings.Contains(lines[r+1], sep) {
		return nil, false
	}
	if i > 0 && containsAny(strings.ToLower(lines[i-1]), exampleWords) || i > 1 && containsAny(strings.ToLower(lines[i-2]), exampleWords) {
		return nil, false
	}
	var out []labelled
	for c, h := range head {
		key, _ := lookupLabel(h)
		v := row[c]
		if pastAddress.MatchString(h) || voidWord.MatchString(strings.ToLower(h)) {
			continue // "Old PO", "PO (cancelled)" beside the current one
		}
		switch key {
		case 0:
			if dateHeader(h) {
				continue // "PO | Invoice | Date": whose date is not said
			}
			return nil, false
		case kPO, kInvoice, kInvoiceDate, kDeliveryDate:
			if voidWord.MatchString(strings.ToLower(lines[r])) {
				return nil, false // a void row: neither its number nor its date
			}
			if v != "" && hasDigit(v) {
				out = append(out, labelled{key: key, value: v, line: r})
			}
		default:
			return nil, false // a unit or contact table: not this reading
		}
	}
	return out, len(out) > 0
}

// exampleWords say the values that follow are examples, not the sender's.
var exampleWords = []string{"example", "e.g.", "sample", "for instance", "beispiel", "exemple", "ejemplo", "esempio"}

// isRuleRow reports a table's rule line ("|---|---|", "----+----").
func isRuleRow(l string) bool {
	t := strings.TrimSpace(l)
	return t != "" && strings.Trim(t, "-=+|: \t") == ""
}

// cellsOf splits a table line at sep, cells trimmed, outer pipes dropped.
func cellsOf(l, sep string) []string {
	l = strings.Trim(strings.TrimSpace(l), "|")
	if sep == "\t" {
		for strings.Contains(l, "\t\t") {
			l = strings.ReplaceAll(l, "\t\t", "\t") // columns aligned with two tabs
		}
	}
	cs := strings.Split(l, sep)
	for k := range cs {
		cs[k] = strings.TrimSpace(cs[k])
	}
	return cs
}

// supersedingLabel: a label that starts by saying its value replaces an
// earlier one.
func supersedingLabel(l string) bool {
	w, _, _ := strings.Cut(strings.TrimLeft(l, " \t*-•"), " ")
	if len(w) < 3 || len(w) > 11 {
		return false
	}
	switch strings.ToLower(w) {
	case "correct", "corrected", "revised", "updated", "new", "neue", "neuer", "korrigierte", "nouveau", "nouvelle", "nuevo", "nueva", "nuovo", "nuova":
		return true
	}
	return false
}

// setMoney sets a money field: the first value, unless a later label says
// it supersedes it.
func setMoney(dst *string, v string, supersedes bool) {
	if supersedes && v != "" {
		*dst = v
		return
	}
	setOnce(dst, v)
}

// leftWords say a person named as the contact is no longer there.
var leftWords = []string{"he left", "she left", "they left", "has left", "no longer", "retired", "former", "ex-colleague",
	"on leave", "parental leave", "maternity", "paternity", "off sick", "on sick", "on holiday", "on vacation", "out of office", "away until",
	"use me", "contact me instead", "nicht mehr", "ausgeschieden", "im urlaub", "ne travaille plus", "en congé", "ya no", "de baja"}

// applyLabelled sets the message fields (not the unit fields) from the
// labelled values; the first value of each field wins.
func applyLabelled(f *Fields, found []labelled, opts Options) {
	for _, l := range found {
		v := l.value
		switch l.key {
		case kPO:
			// "Ordine di acquisto: da confermare", "PO: to follow in 2 days",
			// "PO: 4500011111 (wrong)"
			if code, rest, _ := strings.Cut(strings.TrimSpace(v), " "); hasDigit(code) && (rest == "" || !voidWord.MatchString(strings.ToLower(rest))) {
				setMoney(&f.PONumber, cleanCode(v), l.supersedes)
			}
		case kInvoice:
			dayFirst := opts.DayFirst || l.dayFirst
			if d, _ := findDate(v, dayFirst); d != "" && !strings.ContainsAny(strings.ReplaceAll(v, d, ""), "0123456789") {
				setOnce(&f.InvoiceDate, d)
			} else if code, rest, _ := strings.Cut(strings.TrimSpace(v), " "); !voided("", rest) || !hasDigit(code) {
				setMoney(&f.InvoiceNumber, cleanCode(v), l.supersedes)
				// "Facture : F2025-11873 du 2 février 2026"
				if code, rest, ok := strings.Cut(strings.TrimSpace(v), " "); ok && hasDigit(code) {
					setOnce(&f.InvoiceDate, datedAfter(" "+rest, dayFirst))
					setOnce(&f.InvoiceDate, bareDate(rest, dayFirst))
				}
			}
		case kInvoiceDate:
			if d, _ := findDate(v, opts.DayFirst || l.dayFirst); d != "" {
				setOnce(&f.InvoiceDate, d)
			}
		case kDeliveryDate:
			// Warranties that count from delivery need it (Altai: "twelve
			// (12) months from the date a Product unit is delivered",
			// seeds/003 line 14). It is never the invoice date: a unit
			// reaches its buyer days or weeks after it is invoiced, and
			// reading it as the invoice date would stretch a warranty that
			// counts from the invoice (QCT: "three (3) years from QCT's
			// invoice date", seeds/000 line 12).
			if d, _ := findDate(v, opts.DayFirst || l.dayFirst); d != "" {
				setOnce(&f.DeliveryDate, d)
			}
		case kContact:
			// "Contact: Dana Whitfield, +1 (408) 555-0143, dana@example.net":
			// the name is the name; the phone and address are theirs too.
			if notContact.MatchString(v) || containsAny(strings.ToLower(v), leftWords) {
				// "Contact: not Bob (bob@..., +1 ...), he left": the person
				// the line names is the one not to contact
				continue
			}
			name, phone, email := contactParts(v)
			setOnce(&f.ContactName, name)
			setOnce(&f.Phone, phone)
			setOnce(&f.Email, email)
		case kCompany:
			setOnce(&f.Company, v)
		case kEmail:
			if a, _ := findEmail(v, false); a != "" {
				setOnce(&f.Email, a)
			}
		case kPhone:
			if digits(v) >= 6 { // "... sent from" / "our office:" over an address is no number
				setOnce(&f.Phone, v)
			}
		case kShipTo:
			if sameAsBill(v) {
				setOnce(&f.ShipTo, sameAsBillMark) // resolved once the bill-to is known
			} else if !pointsElsewhere(v) { // "Ship to: same as above"
				setOnce(&f.ShipTo, addressEnd(cutBillTo(v)))
			}
		case kBillTo:
			setOnce(&f.BillTo, addressEnd(v))
		case kProblem:
			setOnce(&f.Problem, v)
		case kSeverity:
			setOnce(&f.Severity, severityOf(v))
		}
	}
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

// wordsOnly: an address value of a few words without a digit or a comma
// ("see PO", "our address on file?", "TBD"), which names no place. A
// postal address has a number (house, postcode, box) or several parts;
// values in scripts without spaces (東京都千代田区丸の内) are left alone, and
// "same as ..." values are for sameAsBill and pointsElsewhere.
func wordsOnly(v string) bool {
	if hasDigit(v) || strings.ContainsAny(v, ",，、;") || len(strings.Fields(v)) > 5 || pointsElsewhere(v) || sameAddress.MatchString(v) {
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
	return pointsElsewhere(low) && strings.HasPrefix(low, "same as") && containsAny(low, []string{"bill", "invoice", "billing"})
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

// addressEnd drops the full stop of an address written as a sentence
// ("... 05435-000, Brazil."), not that of an abbreviation ("N.L.").
func addressEnd(v string) string {
	if !strings.HasSuffix(v, ".") {
		return v
	}
	w := v[strings.LastIndexAny(v, " ,")+1:]
	if len(strings.ReplaceAll(w, ".", "")) <= 4 {
		return v
	}
	return strings.TrimSuffix(v, ".")
}

// dateHeader: a column headed only "Date" (in a few languages).
func dateHeader(h string) bool {
	low := strings.ToLower(strings.TrimSpace(h))
	switch low {
	case "date", "datum", "fecha", "data", "日付", "日期":
		return true
	}
	// "Failure date", "Ausfalldatum": a date, of something else
	return strings.HasSuffix(low, " date") || strings.HasSuffix(low, "datum")
}
