package parser

import (
	"regexp"
	"slices"
	"strings"
)

var (
	proseSerial = regexp.MustCompile(proseSerialPattern)
	// proseSerialAt finds the same over many lines, trying the pattern
	// only where a serial word begins
	proseSerialAt = newKeyedRegexp(proseSerialPattern, 256, []string{"serial", "s/n", "sn", "serie", "numéro", "numero", "numer s", "n°", "nº", "número", "matricola",
		"серийн", "シリアル", "製造番号", "序列号", "序列號", "序號", "시리얼", "일련번호"}, []string{"serial", "s/n", "sn", "matricola"})
	// Prose serials: "serial Q21BI04567", "S/N: Q21...", "SN#123".
	proseSerialPattern = `(?i)(?:\bserial(?:\s+(?:number|no\.?|#))?|\bs/n|\bsn\s*#|\bsn\b|seriennummer|serienummer|num[ée]ro de s[ée]rie|n[°º] de s[ée]rie|` +
		`n[úu]mero de serie|numero di serie|\bmatricola|numer seryjny|серийный номер|серийным номером|серийного номера|` +
		`シリアル番号|シリアルナンバー|製造番号|序列号|序列號|序號|시리얼 ?번호|일련번호)\s*(?:(?:is|was|ist|lautet|est|es|è|are|number is|:|：|#|=|\(|（|は|为|為|是|는|은)\s*)*([A-Z0-9][A-Z0-9-]{4,30})\b`
	// "Serial number of the chassis is A1-204571": kept out of proseSerial,
	// where the optional phrase slowed every match
	serialOfUnit = newKeyedRegexp(`(?i)\bserial(?:\s+(?:number|no\.?))?\s+(?:of|on|for)\s+(?:the|our|my|this)\s+`+
		`(?:chassis|unit|nas|server|system|device|box|radio|appliance)\s*(?:is|was|:)?\s*([A-Z0-9][A-Z0-9-]{4,30})\b`, 256, []string{"serial"}, []string{"serial"})
	// Serials of the desk's vendors written without any keyword
	// ("Sure, it's Q24CE01357"): QNAP's Qyy + 2-3 letters/digits + digits.
	bareSerial = regexp.MustCompile(`\bQ[0-9]{2}[0-9A-Z]{2,3}[0-9]{4,6}\b`)
	// Product models of the vendors the desk ships with.
	proseModel = regexp.MustCompile(`\b(TS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TVS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TS-[0-9]{3,4}[A-Z]*|TBS-[0-9A-Za-z-]+|TL-[A-Z0-9-]+|TR-[0-9]{3,4}[A-Za-z0-9-]*|` +
		`TrueNAS(?: Mini(?: X\+|XL\+| X| XL| E\+| E| R)?| [MRXFH][0-9]{2}[A-Za-z0-9-]*)|FreeNAS Mini(?: XL)?|` +
		`Quanta(?:Grid|Plex|Micro|Edge)\s+[A-Z][A-Z0-9-]+|` +
		`[DST][0-9]{2}[A-Z]{1,3}-[0-9]U(?:[A-Z]{1,3}\b)?|` +
		`Altai\s+[A-Z][A-Za-z0-9-]+|AX[0-9]{3}[A-Za-z0-9-]*|A[0-9][a-z]\b|C1n\b|A2-Ei|A8-Ein|A8n|A8-E?i?n?|X[0-9]n)`)
	prosePart = regexp.MustCompile(`(?i)\b(?:part\s*(?:number|no\.?|#)|p/n|pn)(?:\s+(?:on|of|from|in)\s+(?:the|its|our)?\s*\w+)?\s*(?:is|was|=)?\s*[:#]?\s*([A-Z0-9][A-Z0-9.-]{3,30})\b`)
	boughtRe  = newKeyedRegexp(`(?i)(bought|purchased|purchase date|invoiced|invoice dated|invoice date|fakturadatum|factuurdatum|rechnungsdatum|aangeschaft|\bdated\b|gekauft|erworben|acheté|achetée|購入|\bcompr(?:amos|ad[oa]s?|é)|\b(?:acquistat|comprat)[oaie]\b|\bgekocht\b)`,
		64, []string{"bought", "purchase", "invoice", "dated", "fakturadatum", "factuurdatum", "rechnungsdatum", "aangeschaft", "gekauft", "erworben", "achet", "購入", "compr", "acquistat", "gekocht"},
		[]string{"dated", "compr", "acquistat", "gekocht"})
	orderedRe       = newKeyedRegexp(`(?i)\b(ordered|bestellt|commandé)\b`, 64, []string{"ordered", "bestellt", "commandé"}, []string{"ordered", "bestellt", "commandé"})
	deliveredRe     = newKeyedRegexp(`(?i)\b(delivered|received (?:it|the unit|them))\b`, 64, []string{"delivered", "received"}, []string{"delivered", "received"})
	invoiceProse    = regexp.MustCompile(`(?i)\b(?:invoice|inv\.|rechnung|facture|factura|fattura|factuur|fatura|faktura(?: vat)?|nota fiscal|fakturanummer|factuurnummer|rechnungsnummer)\s*(?:(?:QCT|QNAP|Altai|iXsystems)\s+)?(?:(?:number\s+)?(?:(?:from|to)\s+(?:the\s+|our\s+)?\w+\s+)?(?:is|was)\s+)?(?:#|no\.?|number|nummer|numéro|número|numero|nr\.?|n°|nº|n\.º|n\.)?\s*:?\s*((?:F[TRS] )?[A-Z0-9][A-Z0-9-]{2,30}(?:\.[0-9]{3}){0,3}(?:/[A-Z0-9][A-Z0-9-]{0,20}){0,4})\b`)
	runningFirmware = regexp.MustCompile(`(?i)\b(?:running|currently on)\s+(?:firmware|fw|qts|version)\s+(?:version\s+)?v?([0-9][0-9A-Za-z._-]*[0-9A-Za-z])`)
	firmwareProse   = regexp.MustCompile(`(?i)\b(?:firmware|fw|firmware-update|firmwareupdate|versión|version|versione)\s*(?:version\s*)?(?:attuale\s+|actual\s+|atual\s+|actuelle\s+|aktuell\s+|current\s+|installed\s+)?(?:is\s+|:\s*|auf\s+|to\s+|a\s+|la\s+)?` +
		`((?:QTS|QuTS hero|QuTS|TrueNAS(?: SCALE| CORE)?|FreeNAS|QES)\s+)?v?(h?[0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?)`)
	poCode  = regexp.MustCompile(`\bPO-[0-9][0-9A-Z-]{2,20}\b`) // the PO is the code itself: "PO-88123"
	poProse = regexp.MustCompile(`(?:\bPO|\bP\.O\.|(?i:purchase order)|(?i:\border)\s*(?i:#|no\.?|number))\s*(?i:#|no\.?|number)?` +
		`(?:\s+(?i:for)\s+(?i:the|our|this)\s+(?i:system|unit|nas|server|device|appliance|radio))?\s*(?i:is|was)?\s*:?\s*([A-Z][A-Z0-9]*-[A-Z0-9-]*[0-9][A-Z0-9-]*|[A-Z0-9]*[0-9][A-Z0-9-]{2,30})\b`)
)

// runsSystem is a unit said to run a named system and version ("They run
// TrueNAS 13.0-U6.1"): its firmware, as written.
var runsSystem = regexp.MustCompile(`\b(?:[Rr]uns?|[Rr]unning|is on|are on)\s+((?:QTS|QuTS hero|QuTS|TrueNAS(?: SCALE| CORE)?|FreeNAS|QES)\s+h?[0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?)`)

// Cheap keyword pre-filters that keep the case-insensitive regexps (slow
// in Go's RE2 engine) off text that cannot match.
var (
	boughtWords    = []string{"bought", "purchase", "invoice", "ordered", "fakturadatum", "factuurdatum", "rechnungsdatum", "aangeschaft", "gekauft", "erworben", "achet", "購入", "compr", "acquistat", "comprat", "gekocht"}
	deliveredWords = []string{"delivered", "received"}
	firmwareWords  = []string{"firmware", "fw", "versi", "truenas", "qts", "quts", "freenas"}
	// ("serie" covers Seriennummer, serienummer, número de serie)
	serialWords = []string{"serial", "s/n", "sn", "serie", "seryjny", "série", "серийн", "シリアル", "製造番号",
		"序列号", "序列號", "序號", "시리얼", "일련번호"}
	partWords    = []string{"part", "p/n", "pn"}
	invoiceWords = []string{"invoice", "inv", "rechnung", "factur", "fattur", "factuur"}
	// invoiceProseWords: one of them starts every invoiceProse match ("inv"
	// alone would pick every line with "involved" or "invalid")
	invoiceProseWords = []string{"invoice", "inv.", "rechnung", "factur", "fattur", "factuur", "fatura", "faktura", "nota fiscal"}
)

// proseFallback fills from sentences what no label gave: invoice and PO
// numbers, units (from the subject and the lines no label or table used),
// and an invoice date from a "bought on ..." sentence. It returns the
// units, completed.
func proseFallback(m *Message, t *fieldText, used []bool, units []Unit, opts Options) []Unit {
	f := &m.Fields
	proseCodes(f, t, opts.DayFirst)
	if f.InvoiceNumber == "" && (strings.Contains(m.Subject, "nv") || strings.Contains(m.Subject, "NV")) {
		if mm := invoiceProse.FindStringSubmatch(m.Subject); mm != nil && hasDigit(mm[1]) {
			f.InvoiceNumber = cleanCode(mm[1])
		}
	}
	if f.PONumber == "" && (strings.Contains(m.Subject, "PO") || strings.Contains(m.Subject, "P.O.")) {
		// "RMA request - PO 4500012345": a PO the subject alone gives.
		if mm := poCode.FindStringIndex(m.Subject); mm != nil {
			f.PONumber = m.Subject[codeStart(m.Subject, mm[0]):mm[1]]
		} else if mm := poProse.FindStringSubmatch(m.Subject); mm != nil && !strings.HasPrefix(mm[1], "BOX") {
			f.PONumber = cleanCode(mm[1])
		}
	}
	// The prose lines are the subject and the body lines no label or table
	// used, with their lower-case forms. Made here rather than returned by
	// a helper so that, for a short body, they stay on the stack.
	pl := make([]string, 0, len(t.lines)+1)
	plow := make([]string, 0, len(t.lines)+1)
	// a reply's subject is the earlier mail's: what the new text names
	// comes first ("Re: TS-873A compatibility question" over "our TS-453D
	// is dead")
	reply := replySubject(m.Subject)
	if !reply {
		pl = append(pl, m.Subject)
		plow = append(plow, lowerKeep(m.Subject))
	}
	for i := range t.lines {
		if !used[i] {
			pl = append(pl, t.lines[i])
			plow = append(plow, t.low[i])
		}
	}
	if reply {
		pl = append(pl, m.Subject)
		plow = append(plow, lowerKeep(m.Subject))
	}
	units = replyUnits(units, pl, plow, reply, opts)
	if f.InvoiceDate == "" {
		f.InvoiceDate = proseInvoiceDate(t, opts)
	}
	if f.DeliveryDate == "" {
		f.DeliveryDate = proseDeliveryDate(t, opts)
	}
	return units
}

// replyUnits is proseUnits over the prose lines; for a reply (its
// subject last in pl) the subject's unit counts only when the new text
// names none ("Re: ... S/N Q21BI04567" over "the replacement you sent
// (serial Q21BI09999) is dead too"), though its model still names the one
// unit the text gives.
func replyUnits(units []Unit, pl, plow []string, reply bool, opts Options) []Unit {
	n := len(pl) - 1
	if !reply || len(units) > 0 || !modelCandidate(pl[n]) && !containsAny(plow[n], serialWords) && !strings.Contains(pl[n], "Q") {
		return proseUnits(units, pl, plow, opts)
	}
	if u := proseUnits(nil, pl[:n], plow[:n], opts); len(u) > 0 {
		if len(u) == 1 && u[0].Model == "" {
			u[0].Model = firstModel(pl[n:])
		}
		return u
	}
	return proseUnits(units, pl, plow, opts)
}

// proseCodes reads invoice and PO numbers written in sentences ("invoice
// 45521", "PO 4500123987", "order #100234").
func proseCodes(f *Fields, t *fieldText, dayFirst bool) {
	lines, low, body, lowBody := t.lines, t.low, t.body, t.lowBody
	// Invoice numbers written "Invoice #12345" without a colon.
	if f.InvoiceNumber == "" && containsAny(lowBody, invoiceProseWords) {
		src := selectLines(lines, low, invoiceProseWords)
		for _, mm := range invoiceProse.FindAllStringSubmatchIndex(src, 8) {
			if c := cleanCode(src[mm[2]:mm[3]]); hasDigit(c) && !isDate(c) && !voided(src[:mm[0]], src[mm[3]:]) && !othersInvoice(src[:mm[0]], src[mm[3]:]) {
				f.InvoiceNumber = c
				// "Facture n° FA-2025-12093 du 15 janvier 2026": the date
				// right after the number is the invoice's, in the order
				// of the word's language
				df := dayFirst || dayFirstWord(strings.ToLower(src[mm[0]:mm[2]]))
				if d := datedAfter(src[mm[3]:], df); d != "" && f.InvoiceDate == "" {
					f.InvoiceDate = d
				}
				break
			}
		}
	}
	if f.PONumber == "" && strings.Contains(body, "PO-") {
		for _, mm := range poCode.FindAllStringIndex(body, 8) {
			if st := codeStart(body, mm[0]); !othersPO(body[:st], body[mm[1]:]) {
				f.PONumber = body[st:mm[1]] // "GMS-PO-7781" whole
				break
			}
		}
	}
	if f.PONumber == "" && (strings.Contains(body, "PO") || strings.Contains(body, "P.O.") || strings.Contains(lowBody, "purchase order") || strings.Contains(lowBody, "order")) {
		src := selectLinesCase(lines, low, []string{"PO", "P.O."}, []string{"purchase order", "order"})
		for _, mm := range poProse.FindAllStringSubmatchIndex(src, 8) {
			if code := src[mm[2]:mm[3]]; !strings.HasPrefix(code, "BOX") && !othersPO(src[:mm[0]], src[mm[1]:]) {
				// ("PO BOX-12" is a post office box)
				f.PONumber = cleanCode(code)
				break
			}
		}
	}
	if f.PONumber == "" && containsAny(lowBody, intlOrderWords) {
		// "Bon de commande n° BC-2025-0451", "Orden de compra No. 4500-1182"
		if mm := intlOrder.FindStringSubmatchIndex(body); mm != nil && hasDigit(body[mm[2]:mm[3]]) {
			// "Ce n'est pas le bon de commande n° ..." names the wrong one
			if ls := strings.LastIndexByte(body[:mm[0]], '\n') + 1; !negated.MatchString(body[ls:mm[0]]) {
				f.PONumber = body[mm[2]:mm[3]]
			}
		}
	}
	if f.PONumber == "" && containsAny(body, cjkOrderWords) {
		// "注文番号は 4500120087 です。"
		if mm := cjkOrder.FindStringSubmatch(body); mm != nil {
			f.PONumber = mm[1]
		}
	}
}

var (
	intlOrderWords = []string{"bon de commande", "orden de compra", "ordine d'acquisto", "ordine di acquisto", "número de pedido", "numero de pedido",
		"bestellnummer", "bestellung nr", "bestellung lief", "bestellung läuft", "numéro de commande", "commande n"}
	intlOrder     = regexp.MustCompile(`(?i)\b(?:bon de commande|orden de compra|ordine d'acquisto|ordine di acquisto|n[úu]mero de pedido|bestellnummer|bestellung nr\.?|bestellung (?:lief|läuft) unter|num[ée]ro de commande|commande)\s*(?:n[°º]|no\.?|nr\.?|#)?\s*:?\s*([A-Z0-9][A-Z0-9/-]{3,30})\b`)
	cjkOrderWords = []string{"注文番号", "発注番号", "订单号", "采购订单号", "訂單編號", "訂單號碼", "采购单号"}
	cjkOrder      = regexp.MustCompile(`(?:注文番号|発注番号|采购订单号|订单号|訂單編號|訂單號碼|采购单号)\s*(?:は|が|为|為|是|：|:)?\s*([A-Za-z0-9][A-Za-z0-9-]{3,30})`)
)

// isDate: the code is a date and nothing else ("2024-06-05" after "Date
// de facture :" is no invoice number).
func isDate(code string) bool {
	d, pos := findDate(code, false)
	return d != "" && pos == 0 && len(code) <= 10
}

// dayFirstWord: the lower-case word names the invoice in a language that
// writes the day first ("facture", "Rechnung", "factuur", "fattura").
func dayFirstWord(w string) bool {
	return containsAny(w, []string{"factur", "rechnung", "factuur", "fattur", "fatura", "faktur", "nota fiscal"})
}

// othersInvoice: the words around an invoice named in a sentence say it is
// not this unit's ("To nie jest Faktura VAT nr ...", "niet factuurnummer
// ..., die is van de switch", the carrier's freight invoice, the
// electricity supplier's).
func othersInvoice(before, after string) bool {
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	clause := strings.ToLower(before[clauseStart(before):])
	if negated.MatchString(lastWords(clause, 3)) {
		return true
	}
	if i := sentenceEnd(after); i >= 0 {
		after = after[:i]
	}
	return containsAny(clause+" "+strings.ToLower(after), otherInvoiceWords)
}

var otherInvoiceWords = []string{"freight", "frete", "transporte", "shipping cost", "carrier", "courier", "electricity", "prąd", "energi", "strom",
	"die is van", "is for the", "is voor de", "dotyczy", "für den switch", "for the switch", "van de switch", "another supplier", "other supplier", "dostawc"}

// datedAfter is the date that directly follows an invoice number with a
// word saying it is the invoice's ("INV-7741 dated 2026-01-15", "du 2
// février 2026", "vom 14.03.2025"): not a due, payment or failure date
// further on.
func datedAfter(s string, dayFirst bool) string {
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "(") {
		// "Invoice: IX-INV-77310 (2024-09-30)": a date alone in brackets
		if end := strings.IndexAny(t, "),;"); end > 0 && end < 24 {
			// "(2024-09-30, due 2024-10-30)": the first date, alone
			if d, n := findDate(t[1:end], dayFirst); d != "" && n <= 1 {
				return d
			}
		}
	}
	if mm := datedWord.FindStringIndex(s); mm != nil {
		if d, n := findDate(s[mm[1]:min(len(s), mm[1]+40)], dayFirst); d != "" && n <= 2 {
			return d
		}
	}
	return ""
}

var datedWord = regexp.MustCompile(`^\s*[,(]?\s*(?:dated|of|from|du|vom|del|de fecha|con fecha|de|en date du|in data|em|emitida em|emitida el|émise le|ausgestellt am|(?i:invoice date|fecha de factura|date de facture|data da fatura|data fattura|factuurdatum|rechnungsdatum|fakturadatum)\s*:?)\s+`)

// proseUnits finds units in the prose lines when labels and tables gave
// none, a serial when they gave one unit without it, and the model and
// part number of a single unit.
func proseUnits(units []Unit, pl, plow []string, opts Options) []Unit {
	if len(units) == 0 {
		units = serialBlock(pl, plow, opts)
	}
	if len(units) == 0 {
		units = proseSerialUnits(units, pl, plow, opts)
	}
	if len(units) == 0 {
		// no serial anywhere: the first model alone makes the unit
		if ms := firstModel(pl); ms != "" {
			units = append(units, Unit{Model: ms})
		}
	}
	if len(units) <= 1 {
		if lu := listUnits(pl, opts); len(lu) > 1 || len(lu) == 1 && len(units) == 0 {
			units = lu
		}
	}
	if len(units) == 0 || len(units) == 1 && units[0].SerialNumber == "" {
		units = bareSerialUnit(units, pl, opts)
	}
	if len(units) == 1 && units[0].SerialNumber == "" {
		// labels gave the model, a sentence the serial ("Our TrueNAS X20
		// (serial A1-118820) ...")
		if src, low := serialLines(pl, plow); src != "" {
			for _, s := range append(proseSerialAt.findAllSubmatchIndex(src, low, 4), serialOfUnit.findAllSubmatchIndex(src, low, 2)...) {
				sn := src[s[2]:s[3]]
				if hasDigit(sn) && !isRefLike(sn, opts) && !notThisSerial(src[s[3]:]) {
					units[0].SerialNumber = strings.ToUpper(sn)
					break
				}
			}
		}
	}
	if len(units) == 1 {
		units = sameShapeSerials(units, pl, plow, opts)
	}
	if len(units) == 1 {
		completeUnit(&units[0], pl, plow)
	} else if len(units) > 1 {
		shareFirmware(units, pl, plow)
		shareModel(units, pl)
	}
	return units
}

// notTheirModel: the words before a model say it is not the units' own
// ("upgrade to a TS-873A", "a spare PSU from a TS-453D", "they are not
// TS-873A").
func notTheirModel(before string) bool {
	low := strings.ToLower(before[max(0, len(before)-30):])
	return containsAny(low, []string{"upgrade", "from a ", "from an ", "from our ", "from the ", "not ", "instead of", "rather than", "switch to", "swap to",
		"replace it with", "replace them with", "donor"})
}

// shareModel gives units that name no model the one model the text names
// ("two of our QuantaGrid D52BQ-2U servers" over "Unit 1: SN ...", "Unit
// 2: SN ..."), also when another unit names that same model. With two
// models named, which is whose is not known.
func shareModel(units []Unit, pl []string) {
	named := ""
	for _, u := range units {
		switch {
		case u.Model == "":
		case named == "" || named == u.Model:
			named = u.Model
		default:
			return // two models: whose is whose stays unknown
		}
	}
	var models []string // distinct, in order
	respectively := false
	for _, l := range pl {
		if len(l) >= 500 || !modelCandidate(l) {
			continue
		}
		respectively = respectively || strings.Contains(l, "respectively")
		for _, ix := range proseModel.FindAllStringIndex(l, 4) {
			if m := l[ix[0]:ix[1]]; !otherUnit(l, ix[0], ix[1]) && !notTheirModel(l[:ix[0]]) && !slices.Contains(models, m) {
				models = append(models, m)
			}
		}
	}
	if len(models) == len(units) && respectively {
		// "a TS-873A and a TS-453D, serials ... and ... respectively"
		for k := range units {
			units[k].Model = models[k]
		}
		return
	}
	if len(models) != 1 {
		return
	}
	only := models[0]
	if named != "" && only != named {
		return
	}
	for k := range units {
		if units[k].Model == "" {
			units[k].Model = only
		}
	}
}

// sameShapeSerials adds the serials a sentence names after the first
// without their keyword ("The first controller has serial A1-31550, the
// second one A1-31551"): codes of the same shape (letters, digits and
// dashes in the same places) on the first serial's line.
func sameShapeSerials(units []Unit, pl, plow []string, opts Options) []Unit {
	sn := units[0].SerialNumber
	if len(sn) < 6 {
		return units
	}
	lsn := strings.ToLower(sn)
	for k, l := range pl {
		i := strings.Index(plow[k], lsn) // lowerKeep keeps offsets
		if i < 0 {
			continue
		}
		rest := l[i+len(sn):]
		if e := sentenceEnd(rest); e >= 0 {
			rest = rest[:e]
		}
		for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '(' || r == ')' }) {
			w = strings.ToUpper(strings.Trim(w, "."))
			if w != sn && shapeOf(w) == shapeOf(sn) && !isRefLike(w, opts) {
				units = append(units, Unit{SerialNumber: w, Model: units[0].Model, PartNumber: units[0].PartNumber})
			}
		}
		break
	}
	return units
}

// shapeOf is a code with letters as A and digits as 9 ("A1-31550" is
// "A9-99999").
func shapeOf(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return '9'
		case r >= 'A' && r <= 'Z':
			return 'A'
		}
		return r
	}, s)
}

// shareFirmware gives units that state none the one firmware the prose
// names for them all ("They run TrueNAS 13.0-U6.1").
func shareFirmware(units []Unit, pl, plow []string) {
	for _, u := range units {
		if u.Firmware != "" {
			return
		}
	}
	var u Unit
	completeUnit(&u, pl, plow)
	if u.Firmware == "" {
		return
	}
	for k := range units {
		units[k].Firmware = u.Firmware
	}
}

// proseSerialUnits reads serials written in sentences ("serial Q21...",
// "S/N ...", "Seriennummer lautet ..."), each with the nearest model before
// it; without a serial, the first model alone makes the unit.
func proseSerialUnits(units []Unit, pl, plow []string, opts Options) []Unit {
	// Only lines that mention a serial (and the line before, for the model).
	src, low := serialLines(pl, plow)
	if src == "" {
		return units
	}
	serials := proseSerialAt.findAllSubmatchIndex(src, low, 20)
	if len(serials) == 0 && (strings.Contains(src, " of ") || strings.Contains(src, " on ") || strings.Contains(src, " for ")) {
		serials = append(serials, serialOfUnit.findAllSubmatchIndex(src, low, 4)...)
	}
	prevEnd := 0
	for i, s := range serials {
		sn := src[s[2]:s[3]]
		if !hasDigit(sn) || isRefLike(sn, opts) || pastUnit(src[clauseStart(src[:s[0]]):s[0]], src[s[3]:]) {
			continue
		}
		u := Unit{SerialNumber: strings.ToUpper(sn)}
		// the model nearest before this serial, in the same sentence
		from := max(0, s[0]-120)
		if ms := proseModel.FindAllString(src[from:s[0]], -1); len(ms) > 0 {
			u.Model = ms[len(ms)-1]
		}
		// its part number: after it on its line ("S/N Q21BI04567 P/N
		// TS-873A-8G"), else before it, never past a neighbour's serial
		next := len(src)
		if i+1 < len(serials) {
			next = serials[i+1][0]
		}
		after := src[s[1]:min(next, s[1]+120)]
		if nl := strings.IndexByte(after, '\n'); nl >= 0 {
			after = after[:nl]
		}
		before := src[max(prevEnd, s[0]-120):s[0]]
		if nl := strings.LastIndexByte(before, '\n'); nl >= 0 {
			before = before[nl+1:]
		}
		for _, w := range []string{after, before} {
			if mm := prosePart.FindStringSubmatch(w); mm != nil && hasDigit(mm[1]) {
				u.PartNumber = mm[1]
				break
			}
		}
		// what the serial's own line labels, in any language, wins
		ls := strings.LastIndexByte(src[:s[0]], '\n') + 1
		le := strings.IndexByte(src[s[1]:], '\n')
		if le < 0 {
			le = len(src) - s[1]
		}
		if lf := lineFacts(src[ls : s[1]+le]); lf.SerialNumber == u.SerialNumber {
			for _, p := range [][2]*string{{&u.Model, &lf.Model}, {&u.PartNumber, &lf.PartNumber}, {&u.Firmware, &lf.Firmware}} {
				if *p[1] != "" {
					*p[0] = *p[1]
				}
			}
		}
		prevEnd = s[1]
		units = appendUnit(units, u)
	}
	if len(units) == 0 {
		if ms := firstModel(pl); ms != "" {
			units = append(units, Unit{Model: ms})
		}
	}
	return units
}

// systemVersion is a vendor's system named with its version, wherever it
// is written ("both on QTS 5.1.7.2770", "(S/N Q22..., QTS 5.1.6.2722)",
// "Firmware war QuTS hero h5.2.0.2782").
var systemVersion = regexp.MustCompile(`\b(?:QTS|QuTS hero|QuTS|TrueNAS(?: SCALE| CORE)?|FreeNAS|QES)\s+h?[0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?`)

// namedSystem is the first system version of the prose the unit runs now:
// not one proposed ("should I update to QTS 5.2") nor one left behind
// ("upgraded from QTS 5.1.0 to ...", "previously on QTS 5.0").
func namedSystem(pl, plow []string) string {
	for i, l := range plow {
		if !containsAny(l, []string{"qts", "quts", "truenas", "freenas", "qes"}) {
			continue
		}
		for _, ix := range systemVersion.FindAllStringIndex(pl[i], 4) {
			before := pl[i][:ix[0]]
			if proposed(before) || leftBehind(before) || offered(pl[i][ix[1]:]) || otherUnitSentence(before[sentenceBegins(before):]) {
				continue
			}
			return strings.TrimRight(pl[i][ix[0]:ix[1]], ".")
		}
	}
	return ""
}

// foreignSoftware: the words name software that is not the unit's
// ("Windows version 10.0.19045", "Virus Database: 4522/11734").
func foreignSoftware(low string) bool {
	return foreignSoftwareWords.kinds(low) != 0
}

var foreignSoftwareWords = newPhraseIndex([]string{"windows", "macos", "mac os", "ios ", "android", "chrome", "firefox", "safari", "browser",
	"java", "outlook", "avg", "antivirus", "virus", "app version", "driver", "vmware", "esxi", "veeam", "laptop"})

// lastWords is the last n words of s.
func lastWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[max(0, len(f)-n):], " ")
}

// offered: the words after a version say it is one on offer ("QTS
// 5.2.1.2930 is available", "... was released last week").
func offered(after string) bool {
	after = strings.ToLower(after[:min(len(after), 40)])
	return containsAny(after, []string{"is available", "available", "is out", "released", "release notes", "is the latest", "is newer"})
}

// leftBehind: the words before a version that say the unit no longer
// runs it.
func leftBehind(before string) bool {
	low := strings.ToLower(before[clauseStart(before):])
	switch lastWord(low) {
	case "from", "von", "de":
		return true // "upgraded from QTS 5.1.0 to ..."
	}
	return containsAny(low, []string{"previous", "before", "old ", "older", "used to", "was on", "were on", "vorher", "früher", "avant", "anterior"})
}

// proposed says the words before a version make it one to install, not
// the one installed ("should we update to firmware 5.2.1?", "we were told
// to update to 5.2.1.2930").
func proposed(before string) bool {
	low := strings.ToLower(before[clauseStart(before):])
	return containsAny(low, []string{"should", "shall", "could", "told", "recommend", "advise", "suggest", "plan", "will ", "going to",
		"want to", "need to", "latest", "new ", "available", "release note", "changelog", "notes for", "sollen", "empfehl", "devrions", "debemos"})
}

// serialBlock reads serials listed one per line under a line that names
// them ("Here are the serials of the two radios:" then "A8EIN2012000731",
// "A8EIN2012000745"), one unit each, sharing the one model the prose names
// ("Both are model A8-Ein.").
func serialBlock(pl, plow []string, opts Options) []Unit {
	for i, l := range pl {
		t := strings.TrimSpace(l)
		if !strings.HasSuffix(t, ":") || !containsAny(plow[i], serialWords) {
			continue
		}
		var units []Unit
		for k := i + 1; k < len(pl) && len(units) < 50; k++ {
			c := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(pl[k]), "-*•·"))
			if c == "" {
				if len(units) > 0 {
					break
				}
				continue
			}
			if !serialShaped(strings.ToUpper(c)) || isRefLike(c, opts) {
				break
			}
			units = append(units, Unit{SerialNumber: strings.ToUpper(c)})
		}
		if len(units) == 0 {
			continue
		}
		if m := firstModel(pl[i:]); m != "" {
			for k := range units {
				units[k].Model = m
			}
		}
		return units
	}
	return nil
}

// bareSerialUnit gives the first unit a vendor serial written without any
// keyword ("Sure, it's Q24CE01357").
func bareSerialUnit(units []Unit, pl []string, opts Options) []Unit {
	for _, l := range pl {
		if strings.IndexByte(l, 'Q') < 0 {
			continue
		}
		for _, ix := range bareSerial.FindAllStringIndex(l, 4) {
			sn := l[ix[0]:ix[1]]
			if isRefLike(sn, opts) || pastUnit(l[clauseStart(l[:ix[0]]):ix[0]], l[ix[1]:]) {
				continue
			}
			if len(units) == 0 {
				units = append(units, Unit{})
			}
			units[0].SerialNumber = sn
			return units
		}
	}
	return units
}

// pastUnit: the words around a serial give it to a unit already swapped,
// returned or replaced ("Q20AB01234 is the unit you swapped last year",
// "The unit we returned in 2024 had serial Q20AB01234").
func pastUnit(before, after string) bool {
	if k := sentenceEnd(after); k >= 0 {
		after = after[:k]
	}
	return notThisSerial(after) || containsAny(strings.ToLower(before), pastUnitWords)
}

var pastUnitWords = []string{"you swapped", "you replaced", "we returned", "we sent back", "was swapped", "was returned", "was replaced", "already replaced",
	"old unit", "previous unit"}

// completeUnit gives the only unit the first model and part number of the
// prose when no label did.
func completeUnit(u *Unit, pl, plow []string) {
	if u.Model == "" {
		u.Model = firstModel(pl)
	}
	if u.Firmware == "" {
		// "it is running firmware 2.2.8.6": the version the unit has now
		for i, l := range plow {
			if strings.Contains(l, "running") || strings.Contains(l, "currently on") {
				if mm := runningFirmware.FindStringSubmatch(pl[i]); mm != nil {
					u.Firmware = mm[1]
					break
				}
			}
		}
	}
	if u.Firmware == "" {
		// "firmware QTS 5.2.0.2737", "Firmware-Update auf 2.3.1.1",
		// "reinstalamos la versión 2.2.9.4": the version named with the
		// word, the system's name kept as written
		for i, l := range plow {
			if containsAny(l, firmwareWords) {
				if ix := firmwareProse.FindStringSubmatchIndex(pl[i]); ix != nil && !proposed(pl[i][:ix[0]]) && !foreignSoftware(lastWords(plow[i][:ix[0]], 2)) {
					mm := pl[i]
					sys := ""
					if ix[2] >= 0 {
						sys = mm[ix[2]:ix[3]]
					}
					u.Firmware = strings.TrimRight(sys+mm[ix[4]:ix[5]], ".")
					break
				}
				// "They run TrueNAS 13.0-U6.1": the system and its version
				if mm := runsSystem.FindStringSubmatchIndex(pl[i]); mm != nil && !otherUnitSentence(pl[i][sentenceBegins(pl[i][:mm[0]]):mm[0]]) {
					u.Firmware = strings.TrimRight(pl[i][mm[2]:mm[3]], ".")
					break
				}
			}
		}
	}
	if u.Firmware == "" {
		u.Firmware = namedSystem(pl, plow)
	}
	if u.Firmware == "" {
		u.Firmware = versionInPassing(pl, plow)
	}
	if u.PartNumber == "" {
		for i, l := range plow {
			if !containsAny(l, partWords) {
				continue
			}
			src := pl[i]
			if i+1 < len(pl) {
				src += "\n" + pl[i+1]
			}
			if mm := prosePart.FindStringSubmatch(src); mm != nil && hasDigit(mm[1]) {
				u.PartNumber = strings.ToUpper(mm[1])
				break
			}
		}
	}
}

// serialLines keeps the prose lines that mention a serial, each with the
// line before it, joined.
func serialLines(pl, plow []string) (src, low string) {
	var b, lb strings.Builder
	// has tells whether line i names a serial; each line is tested once
	has := len(pl) > 0 && namesSerial(plow[0])
	for i := range pl {
		if b.Len() > 16<<10 {
			break
		}
		next := i+1 < len(pl) && namesSerial(plow[i+1])
		if has || next {
			b.WriteString(pl[i])
			b.WriteByte('\n')
			lb.WriteString(plow[i])
			lb.WriteByte('\n')
		}
		has = next
	}
	return b.String(), lb.String()
}

// namesSerial tells whether the lower-case line l holds one of serialWords;
// the words past the ASCII ones are tried only on a line that has a
// non-ASCII byte, as most lines have none.
func namesSerial(l string) bool {
	if containsAny(l, serialWords[:serialASCIIWords]) {
		return true
	}
	return hasNonASCII(l) && containsAny(l, serialWords[serialASCIIWords:])
}

// serialASCIIWords is how many of serialWords are ASCII (they come first).
const serialASCIIWords = 5

// versionInPassing is a version said in passing: "it's on 5.2.0.2802",
// "after we went to 5.2.1 on the firmware", "since we flashed BIOS 3B13",
// "we moved to SCALE 24.04.2" (the version the unit runs now, without
// the edition's name). A bare number needs three parts after "on" and a
// firmware word on its line after "went/moved/upgraded to".
func versionInPassing(pl, plow []string) string {
	for i, l := range plow {
		if !hasDottedNumber(l) && !strings.Contains(pl[i], "BIOS") || !containsAny(l, []string{" on ", " to ", "bios"}) {
			continue
		}
		if containsAny(l, versionOfOther) {
			continue // "our backup NAS ... is on 5.2.1", "the switch firmware", "on our other server"
		}
		if mm := rolledBackTo.FindStringSubmatch(pl[i]); mm != nil {
			return mm[1] // "... so we rolled back to 5.1.9.2750": what it runs now
		}
		if mm := onVersion.FindStringSubmatch(pl[i]); mm != nil {
			return mm[1]
		}
		if containsAny(l, firmwareWords) || strings.Contains(l, "bios") || strings.Contains(l, "scale") {
			if mm := movedToVersion.FindStringSubmatch(pl[i]); mm != nil && !proposed(pl[i][:strings.Index(pl[i], mm[0])]) {
				return mm[1]
			}
		}
		if mm := biosVersion.FindStringSubmatch(pl[i]); mm != nil && hasDigit(mm[1]) && strings.IndexFunc(mm[1], func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0 {
			return mm[1]
		}
	}
	return ""
}

// hasDottedNumber: s holds a digit, a dot and a digit ("5.2").
func hasDottedNumber(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}

// versionOfOther: a line about another device's version.
var versionOfOther = []string{"switch", "router", "firewall", "other nas", "other server", "backup nas", "other unit", "other office", "vcenter", "esxi", "windows", "client"}

var rolledBackTo = regexp.MustCompile(`(?i)\b(?:rolled|went|gone|downgraded)\s+back\s+to\s+v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){0,2}(?:-U[0-9.]+)?)\b`)

var (
	onVersion      = regexp.MustCompile(`(?i)\b(?:it's|it is|is|are|we're|we are|still|now|currently)\s+on\s+v?([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{3,5}(?:-[0-9A-Za-z.]+)?)\b`)
	movedToVersion = regexp.MustCompile(`(?i)\b(?:went|moved|upgraded|updated|flashed|migrated)\s+(?:\w+\s+){0,3}?to\s+(?:(?:QTS|QuTS hero|SCALE|CORE|TrueNAS SCALE|TrueNAS CORE|firmware|version)\s+)?v?([0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,5}){0,2}(?:-U[0-9.]+)?)\b`)
	biosVersion    = regexp.MustCompile(`\bBIOS\s+(?:version\s+)?([0-9][0-9A-Z]{2,7}(?:\.[0-9A-Z]{1,6})?)\b`)
)

// firstModel returns the first product model in the prose lines.
func firstModel(pl []string) string {
	tried := 0
	for _, l := range pl {
		if len(l) < 500 && modelCandidate(l) {
			if tried++; tried > 200 {
				break
			}
			for _, ix := range proseModel.FindAllStringIndex(l, 4) {
				if !otherUnit(l, ix[0], ix[1]) && !notTheirModel(l[:ix[0]]) {
					return l[ix[0]:ix[1]]
				}
			}
		}
	}
	return ""
}

// notThisSerial: the words after a serial give it to another unit ("(serial
// A1-118820 was the one you replaced last year; this is the other head)").
func notThisSerial(after string) bool {
	after = strings.ToLower(after[:min(len(after), 60)])
	return containsAny(after, []string{"was the one", "replaced last", "you replaced", "you swapped", "we returned", "was replaced", "was swapped", "was returned",
		"the old one", "old unit", "not this one", "other head", "other unit"})
}

// otherUnit: the clause around s[i:j] (a model or a version) says it is
// not the faulty unit's ("Unlike our TS-453D, which works fine, ...", "Our
// other NAS, which is fine, runs QTS 5.2.1").
func otherUnit(s string, i, j int) bool {
	before := strings.ToLower(s[clauseStart(s[:i]):i])
	after := s[j:]
	if k := clauseEnd(after); k >= 0 {
		if rest := after[k+1:]; strings.HasPrefix(strings.TrimSpace(rest), "which") {
			// "TS-453D, which works fine, ...": the clause after it too
			if k2 := clauseEnd(rest); k2 >= 0 {
				k += 1 + k2
			} else {
				k = len(after)
			}
		}
		after = after[:k]
	}
	return containsAny(before, otherUnitWords) || containsAny(strings.ToLower(after), workingWords)
}

// otherUnitSentence: the sentence before a version is about another unit
// ("Our other NAS, which is fine, runs QTS 5.2.1.2930").
func otherUnitSentence(sentence string) bool {
	low := strings.ToLower(sentence)
	return containsAny(low, otherUnitWords) || containsAny(low, workingWords)
}

var (
	otherUnitWords = []string{"unlike", "other nas", "other unit", "our other", "another", "the other", "besides", "apart from", "not the"}
	workingWords   = []string{"works fine", "which is fine", "is fine", "working fine", "works normally", "is healthy", "no problem"}
)

// selectLines joins the lines whose lower-case form contains one of words,
// each with the line after it (a value may follow on the next line).
func selectLines(lines, low []string, words []string) string {
	return selectLinesCase(lines, low, nil, words)
}

// selectLinesCase is selectLines with case-sensitive words too.
func selectLinesCase(lines, low []string, exact, lower []string) string {
	var b strings.Builder
	last := -1
	for i, l := range lines {
		if !containsAny(l, exact) && !containsAny(low[i], lower) {
			continue
		}
		for k := max(i, last+1); k <= i+1 && k < len(lines); k++ {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(lines[k])
			last = k
		}
	}
	return b.String()
}

// codeStart is where the code around s[i] starts: "GMS-PO-7781" is one
// code, not "PO-7781" with a prefix.
func codeStart(s string, i int) int {
	for i > 0 {
		c := s[i-1]
		if !(c == '-' || isDigit(c) || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			break
		}
		i--
	}
	return i
}
