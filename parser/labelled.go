package parser

import (
	"regexp"
	"strings"
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
		if key == 0 && (strings.HasSuffix(l, "：") || strings.HasSuffix(l, ":")) {
			// "请协助办理返修，返修地址：", "請問…送修？寄回地址如下：": a CJK
			// clause's comma or question mark before the label
			if k := lastCJKClause(l); k > 0 {
				if k2, i2, v2 := labelOf(l[k:]); k2 == kShipTo || k2 == kBillTo {
					key, idx, val = k2, i2, v2
				}
			}
		}
		if key == 0 && (strings.HasSuffix(strings.TrimSpace(l), ":") && colonShipSentence(lines, i) || belowShipSentence(lines, i)) {
			// the request's words are no value (a " - " in it split the
			// line as "Label - value"): the address is the block under it
			key, val = kShipTo, ""
		} else if key == 0 && openShipSentence(lines, i) {
			// "Could you send the replacement to our warehouse at" / "1
			// New Road" / "Austin, TX 78701": the request ends without a
			// colon, the address on the lines under it
			key, val = kShipTo, ""
		} else if key == 0 && strings.HasSuffix(strings.TrimSpace(l), ":") && billSentence(l) {
			key, val = kBillTo, ""
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
		if unitKey(key) && val != "" && !hasDigit(val) {
			if k2, _, v2 := labelOf(val + ":"); k2 == key && strings.TrimSpace(v2) == "" {
				used[i] = true // "Serial | Serial" under "Failed unit | Replacement": a second header row
				continue
			}
		}
		used[i] = !(key == kShipTo && requestAfterProse(l)) && !(unitKey(key) && proseBeforeLabel(l, val))
		// Multi-line values: addresses and problem descriptions continue
		// on the following lines up to a blank line or another label.
		if isAddressKey(key) {
			val = beforeColumn(val)
		}
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
		if (key == kShipTo || key == kBillTo) && (notPostal(val) || wordsOnly(val) || vendorAddress(val) || oldAddressLabel(l)) {
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

// allUnits marks, in labelled.unit, a unit fact its label states for
// every unit ("Firmware on all units:", "Firmware en todos:").
const allUnits = -2

// valueSeps separate several "Label: value" pairs written on one line
// ("S/N: Q1 / Model: TS-873A"; Japanese writers use the ideographic
// space: "シリアル番号：Q1\u3000型番：D52BQ-2U"; signatures and phone
// apps use a middot or bullet, and people a dash: "N. serie: A2EI1 ·
// Cod. articolo: 901-A2", "Fattura: 26/FT/00981 - Data fattura: ...").
// Outlook's text copy of a form and people aligning columns leave a run
// of spaces: "S/N: QTFC0001   P/N: 1S5B0002", "BMC firmware: 4.22.06
// BIOS: 3B10.Q402". Chinese writers use the full-width comma or
// semicolon ("型号：D52B-1U，序列号：CN8A..."). A part after one is split off
// only when it starts with a label.
var valueSeps = []string{" / ", " | ", "; ", "\t", " , ", ", ", "\u3000", " · ", " • ", " - ", " – ", "  ", "，", "；"}

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
			if k, kidx, rest := labelOf(strings.TrimLeft(val[j+len(sep):], " ")); k != 0 && !isAddressKey(k) && k != kProblem {
				if k == kFirmware && key == kFirmware {
					// "BMC firmware: 4.22.06  BIOS: 3B10.Q402": a second
					// component of the same unit, not a second unit; the
					// version named first is the one kept
					return appendValue(found, key, idx, strings.TrimSpace(val[:j]), line, depth+1)
				}
				found = appendValue(found, key, idx, strings.TrimSpace(val[:j]), line, depth+1)
				if kidx == 0 {
					kidx = idx
				}
				return appendValue(found, k, kidx, strings.TrimSpace(strings.Trim(rest, "* ")), line, depth+1)
			}
			if (sep == "  " || sep == "\t") && !isAddressKey(key) && key != kProblem && columnLabel(strings.TrimLeft(val[j+len(sep):], " \t")) {
				// "BMC firmware: 4.22.06    Target BMC: 4.30.01": after a
				// run of spaces another column's label, even one not
				// known, starts another field; the value ends before it
				return appendValue(found, key, idx, strings.TrimSpace(val[:j]), line, depth+1)
			}
		}
		if j, k, kidx, rest := spacedLabel(val); k != 0 {
			found = appendValue(found, key, idx, val[:j], line, depth+1)
			return appendValue(found, k, kidx, rest, line, depth+1)
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

// columnLabel: s starts with a short label, one to three words and a
// colon before a value ("Target BMC: 4.30.01"), as a form's next column.
func columnLabel(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 30 || i+1 >= len(s) || s[i+1] != ' ' || !isLetterByte(s[0]) {
		return false
	}
	ws := strings.Fields(s[:i])
	if len(ws) > 3 || len(ws) != len(strings.Split(s[:i], " ")) {
		return false
	}
	for _, w := range ws {
		if !isLetterByte(w[0]) {
			return false
		}
	}
	return strings.TrimSpace(s[i+1:]) != ""
}

// openShipSentence: line i is a shipping request that ends in "at" or
// "to" with no colon, a street number starting the next line.
func openShipSentence(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	if i+1 >= len(lines) || len(t) > 160 || !(strings.HasSuffix(t, " at") || strings.HasSuffix(t, " to")) {
		return false
	}
	next := strings.TrimSpace(lines[i+1])
	return next != "" && (isDigit(next[0]) || streetUnder(lines, i+1)) && colonShipSentence(lines, i)
}

// orderIsInvoice are notes after an order date that say the invoice bears
// the same date.
var orderIsInvoice = []string{"same day as the invoice", "same date as the invoice", "same as the invoice", "same as invoice", "also the invoice date",
	"invoiced the same day", "invoiced on the same day", "= invoice date", "is the invoice date"}

// orderNotInvoice are words in that note that take it back: a negation,
// an invoice that was only meant to be ("was supposed to be ..., but no
// invoice was ever issued"), or another order's invoice ("same day as the
// invoice for our previous order"). The invoice date decides a warranty:
// a date the note does not give to this unit's invoice is none.
var orderNotInvoice = []string{"not ", "n't ", "never", "no invoice", "supposed", "should have", "would have", "previous", "earlier order",
	"other order", "another", "first batch", "last order", "other unit"}

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
			if num, d := numberThenDate(v, dayFirst); num != "" {
				setMoney(&f.InvoiceNumber, cleanCode(num), l.supersedes)
				setOnce(&f.InvoiceDate, d)
			} else if d, _ := findDate(v, dayFirst); d != "" && !strings.ContainsAny(strings.ReplaceAll(v, d, ""), "0123456789") {
				setOnce(&f.InvoiceDate, d)
			} else if head, _, ok := strings.Cut(v, ", "); ok && !hasDigit(head) {
				// "Invoice: see attached copy, 7 July 2023", "Invoice: (lost),
				// 7 July 2023": words, no number
			} else if code, rest, _ := strings.Cut(strings.TrimSpace(v), " "); !voided("", rest) || !hasDigit(code) {
				setMoney(&f.InvoiceNumber, cleanCode(v), l.supersedes)
				// "Facture : F2025-11873 du 2 février 2026"
				if code, rest, ok := strings.Cut(strings.TrimSpace(v), " "); ok && hasDigit(code) {
					setOnce(&f.InvoiceDate, datedAfter(" "+rest, dayFirst))
					setOnce(&f.InvoiceDate, bareDate(rest, dayFirst))
				}
			}
		case kInvoiceDate:
			if d, _ := findDate(invoiceDatePart(v), opts.DayFirst || l.dayFirst); d != "" {
				setOnce(&f.InvoiceDate, d)
			}
		case kOrderDate:
			// "Order date: 2025-03-03 (same day as the invoice)": the
			// customer's note makes the order date the invoice date too
			if lv := strings.ToLower(v); containsAny(lv, orderIsInvoice) && !containsAny(lv, orderNotInvoice) {
				if d, _ := findDate(v, opts.DayFirst || l.dayFirst); d != "" {
					setOnce(&f.InvoiceDate, d)
				}
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
			if notContact.MatchString(v) || containsAny(strings.ToLower(v), leftWords) || vendorPerson(v) {
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
			} else if a := afterLeadWords(v); !pointsElsewhere(a) { // "Ship to: same as above"
				// ("same as before, Acme Corp, ...": the address after the words)
				setOnce(&f.ShipTo, addressEnd(cutBillTo(a)))
			}
		case kBillTo:
			setOnce(&f.BillTo, addressEnd(v))
		case kProblem:
			setOnce(&f.Problem, v)
		case kSeverity:
			setOnce(&f.Severity, labelRating(v))
		}
	}
	setOnce(&f.ContactName, formName(found))
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

// invoiceDatePart is the part of an invoice-date label's value that can
// hold the invoice's date: none when the value says it is not known yet
// ("TBD, delivery 03.03.2025", "未定（支払期日 2026/12/31）"), else the
// value up to another date's word (delivery, payment, due), whose date
// would decide a warranty that counts from the invoice wrongly (QCT:
// "three (3) years from QCT's invoice date", seeds/000 line 12).
func invoiceDatePart(v string) string {
	v = strings.TrimSpace(v)
	low := strings.ToLower(v)
	for _, w := range unknownDateWords {
		if strings.HasPrefix(low, w) {
			return ""
		}
	}
	if i := firstIndexAny(low, otherDateWords); i >= 0 {
		if len(low) != len(v) {
			return low[:i] // lower-casing changed a letter's length: cut the copy
		}
		return v[:i]
	}
	return v
}

var (
	unknownDateWords = []string{"tbd", "tba", "n/a", "unknown", "not yet", "pending", "to follow", "unbekannt", "offen", "noch nicht",
		"inconnu", "pas encore", "desconocid", "pendiente", "todavía no", "sconosciut", "non ancora", "未定", "不明", "待定", "未知", "미정"}
	otherDateWords = []string{"deliver", "due", "payment", "paid", "pay by", "shipped", "lieferung", "geliefert", "zahlung", "fällig",
		"livraison", "livré", "paiement", "échéance", "entrega", "pago", "vencimiento", "consegna", "pagamento", "scadenza",
		"支払", "納品", "配送", "付款", "交货", "到期", "납품", "지급"}
)
