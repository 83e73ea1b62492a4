package parser

import (
	"regexp"
	"strings"
)

var (
	proseSerial = regexp.MustCompile(proseSerialPattern)
	// proseSerialAt finds the same over many lines, trying the pattern
	// only where a serial word begins
	proseSerialAt = newKeyedRegexp(proseSerialPattern, 256, []string{"serial", "s/n", "sn", "serie", "(série", "(serie", "numéro", "numero", "numer s", "n°", "nº", "número", "matricola",
		"серийн", "シリアル", "製造番号", "序列号", "序列號", "序號", "시리얼", "일련번호", "nr seryjny", "nr. seryjny", "n/s", "numerze seryjnym", "seri no", "sl. no"}, []string{"serial", "s/n", "sn", "matricola", "nr seryjny", "nr. seryjny", "n/s", "seri no", "sl. no"})
	// Prose serials: "serial Q21BI04567", "S/N: Q21...", "SN#123".
	proseSerialPattern = `(?i)(?:\bserials?(?:\s+(?:number|no\.?|#))?|\bs/n|\bsn\s*#|\bsn\b|seriennummer|serienummer|seriennr\.?|num[ée]ro de s[ée]rie|n[°º] de s[ée]rie|\(s[ée]rie\s|` +
		`n[úu]mero de s[ée]rie|numero di serie|\bmatricola|numer seryjny|numerze seryjnym|\bnr\.? seryjny|\bn/s\b|серийный номер|серийным номером|серийного номера|` +
		`シリアル番号|シリアルナンバー|シリアル|製造番号|序列号|序列號|序號|시리얼 ?번호|일련번호|` +
		// Turkish "seri no", Swedish "serienr", Indian "Sl. No."
		`\bseri no\.?|serienr\.?|\bsl\. ?no\.?)\s*(?:(?:is|was|ist|lautet|est|es|è|are|number is|:|：|#|=|\(|（|は|为|為|是|는|은)\s*)*([A-Z0-9][A-Z0-9-]{4,30})\b`
	// "Serial number of the chassis is A1-204571": kept out of proseSerial,
	// where the optional phrase slowed every match
	serialOfUnit = newKeyedRegexp(`(?i)\bserial(?:\s+(?:number|no\.?))?\s+(?:of|on|for|from)\s+(?:the|our|my|this)\s+`+
		// "the serial from the sticker on the back: A1-118203"
		`(?:(?:chassis|unit|nas|server|system|device|box|radio|appliance|back|bottom|rear|label|sticker)(?:\s+(?:on|at)\s+the\s+(?:back|bottom|rear|side|underside))?\s*(?:is|was|:)?|`+
		// "The serial of the TrueNAS X20 is A1-X20-118842": the unit
		// named by its model, then "is"
		`[\w+-]+(?:\s+[\w+-]+){0,2}?\s+(?:is|was|:))\s*([A-Z0-9][A-Z0-9-]{4,30})\b`, 256, []string{"serial"}, []string{"serial"})
	// Serials of the desk's vendors written without any keyword
	// ("Sure, it's Q24CE01357"): QNAP's Qyy + 2-3 letters/digits + digits.
	bareSerial = regexp.MustCompile(`\bQ[0-9]{2}[0-9A-Z]{2,3}[0-9]{4,6}\b`)
	// Product models of the vendors the desk ships with. Altai's indoor
	// and outdoor series are written A2-Ec, A2-Ei, A2-Ein, A8n-Ei, X3-Ein:
	// the letters after the dash are one model, never cut.
	proseModel = regexp.MustCompile(`\b(TS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TVS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TS-[0-9]{3,4}[A-Z]*|TBS-[0-9A-Za-z-]+|TL-[A-Z0-9-]+|QSW-[A-Z0-9]+(?:-[0-9A-Z]+)*|TR-[0-9]{3,4}[A-Za-z0-9-]*|` +
		`TrueNAS(?: Mini(?: XL\+| X\+| XL| X| E\+| E| R)?| [MRXFH][0-9]{2}[A-Za-z0-9-]*)|FreeNAS Mini(?: XL)?|` +
		`Quanta(?:Grid|Plex|Micro|Edge)\s+[A-Z][A-Z0-9-]+|` +
		`[DST][0-9]{2}[A-Z]{1,3}-[0-9]U(?:[A-Z]{1,3}\b)?|` +
		`Altai\s+[A-Z][A-Za-z-]*[0-9][A-Za-z0-9-]*|AX[0-9]{3}[A-Za-z0-9-]*|BX[0-9]{3}[A-Za-z0-9-]*|[AX][0-9]n?-E[a-z]{1,2}\b|A[0-9][a-z]\b|C[0-9]a?n\b|A8n|A8-E?i?n?|X[0-9]n)`)
	prosePart = regexp.MustCompile(`(?i)\b(?:part\s*(?:number|no\.?|#)|p/n|pn)(?:\s+(?:on|of|from|in)\s+(?:the|its|our)?\s*\w+)?\s*(?:is|was|=)?\s*[:#]?\s*([A-Z0-9][A-Z0-9.-]{3,30})\b`)
	boughtRe  = newKeyedRegexp(`(?i)(bought|purchased|purchase date|invoiced|invoice dated|invoice date|fakturadatum|factuurdatum|rechnungsdatum|aangeschaft|\bdated\b|gekauft|erworben|acheté|achetée|購入|\bcompr(?:amos|ad[oa]s?|é)|\b(?:acquistat|comprat)[oaie]\b|\bgekocht\b)`,
		64, []string{"bought", "purchase", "invoice", "dated", "fakturadatum", "factuurdatum", "rechnungsdatum", "aangeschaft", "gekauft", "erworben", "achet", "購入", "compr", "acquistat", "gekocht"},
		[]string{"dated", "compr", "acquistat", "gekocht"})
	orderedRe       = newKeyedRegexp(`(?i)\b(ordered|bestellt|commandé)\b`, 64, []string{"ordered", "bestellt", "commandé"}, []string{"ordered", "bestellt", "commandé"})
	deliveredRe     = newKeyedRegexp(`(?i)\b(delivered|received (?:it|the unit|them))\b`, 64, []string{"delivered", "received"}, []string{"delivered", "received"})
	invoiceProse    = regexp.MustCompile(`(?i)\b(?:invoice|inv\.|rechnungsnummer|fakturanummer|factuurnummer|rechnung|facture|factura|fattura|factuur|fatura|faktura(?: vat)?|nota fiscal)\s*(?:(?:QCT|QNAP|Altai|iXsystems)\s+)?(?:(?:number\s+)?(?:(?:from|to)\s+(?:the\s+|our\s+)?\w+\s+)?(?:is|was|ist|war|lautet|est|es|è|é)\s+)?(?:#|no\.?|number|nummer|numéro|número|numero|nr\.?|n°|nº|n\.º|n\.|ref(?:erence)?\.?)?\s*:?\s*((?:F[TRS] )?[A-Z0-9]{2}(?:/[A-Z0-9][A-Z0-9-]{0,20}){1,4}|(?:F[TRS] )?[A-Z0-9][A-Z0-9-]{2,30}(?:\.[0-9]{3}){0,3}(?:/[A-Z0-9][A-Z0-9-]{0,20}){0,4})\b`)
	runningFirmware = regexp.MustCompile(`(?i)\b(?:running|currently on)\s+(firmware|fw|qts|version)\s+(?:version\s+)?v?([0-9][0-9A-Za-z._-]*[0-9A-Za-z])`)
	firmwareProse   = regexp.MustCompile(`(?i)\b(?:firmware|fw|firmware-update|firmwareupdate|firmwarestand|versión|version|versione)\s*(?:version\s*|versie\s*|ver\.?\s*|rev\.?\s*|revision\s*|level\s*)?(?:attuale\s+|actual\s+|atual\s+|actuelle\s+|aktuell\s+|current\s+|installed\s+)?(?:(?:is|ist|est|es|è|was|shows|reads|says)\s+(?:at\s+|now\s+|la\s+|el\s+|le\s+)?|:\s*|auf\s+|to\s+|a\s+|la\s+|\(\s*)?` +
		`((?:QTS|QuTS hero|QuTS|TrueNAS(?:[ -]SCALE|[ -]CORE)?|FreeNAS|QES)[\s-]+)?v?(h?[0-9]+(?:\.[0-9]+){1,4}(?:-[0-9A-Za-z.]+)?(?:\s+build\s+[0-9]{3,8}\b)?)`)
	poCode  = regexp.MustCompile(`\bPO-[0-9A-Z][0-9A-Z-]{2,20}\b`) // the PO is the code itself: "PO-88123", "PO-NFH-0931"
	invCode = regexp.MustCompile(`\bINV-[0-9A-Z][0-9A-Z-]{2,20}\b`)
	poProse = regexp.MustCompile(`(?:\bPO|\bP\.O\.|(?i:purchase order)|(?i:\border)\s*(?i:#|no\.?|number|reference|ref\.?))\s*(?i:#|no\.?|number)?` +
		`(?:\s+(?i:for)\s+(?:(?i:the|our|this|these|those|both)\s+)?(?i:systems?|units?|nas|servers?|devices?|appliances?|radios?|nodes?|these|those|them|it))?(?:\s+(?i:from|with|at)\s+(?:(?i:the|our)\s+)?[A-Z][\p{L}0-9&.-]*)?\s*(?i:is|was)?\s*:?\s*([A-Z][A-Z0-9]*-[A-Z0-9-]*[0-9][A-Z0-9-]*|[A-Z0-9]*[0-9][A-Z0-9-]{2,30})\b`)
)

// Cheap keyword pre-filters that keep the case-insensitive regexps (slow
// in Go's RE2 engine) off text that cannot match.
var (
	boughtWords    = []string{"bought", "purchase", "invoice", "ordered", "fakturadatum", "factuurdatum", "rechnungsdatum", "aangeschaft", "gekauft", "erworben", "achet", "購入", "compr", "acquistat", "comprat", "gekocht"}
	deliveredWords = []string{"delivered", "received"}
	firmwareWords  = []string{"firmware", "fw", "versi", "truenas", "qts", "quts", "freenas"}
	// ("serie" covers Seriennummer, serienummer, número de serie)
	serialWords = []string{"serial", "s/n", "n/s", "sn", "serie", "seryjny", "matricola", "seri no", "sl. no", "série", "серийн", "シリアル", "製造番号",
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
	if f.PONumber == "" && hasDigit(m.Subject) && containsAny(strings.ToLower(m.Subject), subjectOrderWords) {
		// "Bestellung 4500012345 - Defekt", "Commande CMD-2025-88 : NAS en
		// panne", "Order 100234 - faulty unit": an order the subject names
		if mm := subjectOrder.FindStringSubmatch(m.Subject); mm != nil && len(mm[1]) >= 4 && hasDigit(mm[1]) && !isDate(mm[1]) {
			f.PONumber = mm[1]
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
	if len(units) == 1 && units[0].SerialNumber != "" {
		if c := correctedSerial(pl, plow, opts); c != "" {
			units[0].SerialNumber = c
		}
	}
	if f.InvoiceDate == "" {
		f.InvoiceDate = proseInvoiceDate(t, opts)
	}
	if f.DeliveryDate == "" {
		f.DeliveryDate = proseDeliveryDate(t, opts)
	}
	return units
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
				df := dayFirst || dayFirstLanguage(strings.ToLower(src[mm[0]:mm[2]]))
				if d := datedAfter(src[mm[3]:], df); d != "" && f.InvoiceDate == "" {
					f.InvoiceDate = d
				}
				if f.InvoiceDate == "" {
					// "Invoice 55231-SE 2025-05-27": the number and its date
					// side by side, nothing else on the line
					rest, _, _ := strings.Cut(src[mm[3]:], "\n")
					f.InvoiceDate = bareDate(rest, df)
				}
				break
			}
		}
	}
	if f.InvoiceNumber == "" && strings.Contains(body, "INV-") {
		// "the correct one is INV-55168, dated 2 April 2025": the code
		// names the invoice without the word
		for _, mm := range invCode.FindAllStringIndex(body, 8) {
			word := body[strings.LastIndexAny(body[:mm[0]], " \t\n(")+1 : mm[0]]
			if !strings.ContainsAny(word, "/=@") && !voided(body[:mm[0]], body[mm[1]:]) && !othersInvoice(body[:mm[0]], body[mm[1]:]) {
				// (not a link's path: ".../Invoice/INV-URL-1")
				f.InvoiceNumber = body[codeStart(body, mm[0]):mm[1]] // "TG-INV-4420" whole
				if d := datedAfter(body[mm[1]:], dayFirst); d != "" && f.InvoiceDate == "" {
					f.InvoiceDate = d
				}
				break
			}
		}
	}
	if f.PONumber == "" && strings.Contains(body, "PO-") {
		for _, mm := range poCode.FindAllStringIndex(body, 8) {
			// (a code has a digit; "PO-BOX-12" is a post office box)
			if st := codeStart(body, mm[0]); hasDigit(body[mm[0]:mm[1]]) && !strings.HasPrefix(body[mm[0]:mm[1]], "PO-BOX") && !othersPO(body[:st], body[mm[1]:]) {
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
		// the first that gives a code ("wir haben die Bestellung
		// storniert ... Bestellnummer lautet B-77": a mention before it)
		for _, mm := range intlOrder.FindAllStringSubmatchIndex(body, 4) {
			if !hasDigit(body[mm[2]:mm[3]]) {
				continue
			}
			// "Ce n'est pas le bon de commande n° ..." names the wrong one
			if ls := strings.LastIndexByte(body[:mm[0]], '\n') + 1; !negated.MatchString(body[ls:mm[0]]) {
				f.PONumber = body[mm[2]:mm[3]]
			}
			break
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
		"bestellnummer", "bestellung nr", "bestellung lief", "bestellung läuft", "numéro de commande", "commande n", "ordine n", "pedido n", "bestelnummer", "inkooporder",
		"bestell-nr", "bestellnr", "ordernummer", "numero d'ordine", "numero d’ordine", "numero ordine", "número da encomenda", "numero da encomenda"}
	// "unsere Bestellnummer lautet 4500123987", "Notre numéro de commande
	// est CMD-2025-88", "il nostro numero d'ordine è ORD-2025-5"
	intlOrder = regexp.MustCompile(`(?i)\b(?:bon de commande|orden de compra|ordine d'acquisto|ordine di acquisto|n[úu]mero de pedido|bestellnummer|bestell-nr\.?|bestellnr\.?|bestellung nr\.?|bestellung (?:lief|läuft) unter|num[ée]ro de commande|` +
		`numero d['’]ordine|numero ordine|n[úu]mero da encomenda|ordernummer|commande|ordine|pedido|bestelnummer|inkooporder)\s*(?:n[°º]|no\.?|nr\.?|n\.|#)?\s*:?\s*` +
		`(?:(?:lautet|ist|war|est|était|es|era|è|é|is|was)\s+)?([A-Z0-9][A-Z0-9/-]{3,30})\b`)
	// subjectOrder: an order word and its code in a subject (one of
	// subjectOrderWords is in every match: the regexp has no literal
	// prefix and would step through every subject)
	subjectOrderWords = []string{"order", "bestell", "commande", "pedido", "ordine", "encomenda"}
	subjectOrder      = regexp.MustCompile(`(?i)\b(?:order|bestellung|bestellnummer|commande|pedido|ordine|bestelling|encomenda)\s*(?:n[°º.]?|no\.?|nr\.?|#)?\s*:?\s*([A-Z0-9][A-Z0-9/-]*[0-9][A-Z0-9/-]*)\b`)
	cjkOrderWords     = []string{"注文番号", "発注番号", "订单号", "采购订单号", "訂單編號", "訂單號碼", "采购单号"}
	cjkOrder          = regexp.MustCompile(`(?:注文番号|発注番号|采购订单号|订单号|訂單編號|訂單號碼|采购单号)\s*(?:は|が|为|為|是|：|:)?\s*([A-Za-z0-9][A-Za-z0-9-]{3,30})`)
)

// isDate: the code is a date and nothing else ("2024-06-05" after "Date
// de facture :" is no invoice number).
func isDate(code string) bool {
	d, pos := findDate(code, false)
	return d != "" && pos == 0 && len(code) <= 10
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

// bareDate reads the value after an invoice number that is one date and
// nothing else ("Invoice: DK-2025-9981, 17.06.2025", "Invoice 55231-SE
// 2025-05-27"): people give the number and its date side by side without
// a word between. A date among other words is not read: it may be a due
// date or the day the mail was written.
func bareDate(rest string, dayFirst bool) string {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(rest), ".,;()"))
	if t == "" {
		return ""
	}
	if strings.ContainsAny(t, " \t") {
		return wholeDate(t, dayFirst) // "Invoice #CC-2291774, September 4, 2024."
	}
	if d, pos := findDate(t, dayFirst); d != "" && pos == 0 {
		return d
	}
	return ""
}

// numberThenDate reads an invoice value that is its number, a comma and
// its date, bare or after a dated word ("QCT-UK-100874, 7 July 2023",
// "FV 1182/04/2026, data wystawienia 16.04.2026"); d is "" otherwise.
//
// num is the number alone when it is one code (at most two words, no
// brackets: not "INV-4471 (the disks were on invoice INV-4480"), also
// when no date follows; the date may be any comma part after a dated
// word ("FV 1182/04/2026, data sprzedaży 10.04.2026, data wystawienia
// 16.04.2026" is issued on the 16th).
func numberThenDate(v string, dayFirst bool) (num, d string) {
	num, rest, ok := strings.Cut(strings.TrimSpace(v), ", ")
	if !ok || !hasDigit(num) || !hasDigit(rest) || voided("", rest) || strings.ContainsAny(num, "()[]") || len(strings.Fields(num)) > 2 {
		return "", ""
	}
	if d = wholeDate(rest, dayFirst); d != "" {
		return num, d
	}
	for _, part := range strings.Split(rest, ", ") {
		if !strings.ContainsAny(part, "()") {
			if d = datedAfter(", "+part, dayFirst); d != "" {
				return num, d
			}
		}
	}
	return num, ""
}

// wholeDate is s when s is one date and nothing else, written with spaces
// ("7 July 2023", "September 4, 2024", "9. 5. 2025"): it starts with the
// date and ends with its year.
func wholeDate(s string, dayFirst bool) string {
	t := strings.Trim(strings.TrimSpace(s), ".,;()")
	if len(t) > 24 || len(strings.Fields(t)) > 4 || digitRuns(t) > 3 {
		return "" // (not a range "01.06.2025 - 30.06.2025")
	}
	if d, pos := findDate(t, dayFirst); d != "" && pos == 0 && strings.HasSuffix(t, d[:4]) {
		return d
	}
	return ""
}

// digitRuns counts the runs of digits in s.
func digitRuns(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) && (i == 0 || !isDigit(s[i-1])) {
			n++
		}
	}
	return n
}

var datedWord = regexp.MustCompile(`^\s*[,(]?\s*(?:dated|datée du|daté du|datata|datato|datiert vom|fechada el|fechada|datada de|datado de|of|from|du|vom|del|de fecha|con fecha|de|en date du|in data|em|emitida em|emitida el|émise le|ausgestellt am|z dnia|data wystawienia|datum vystavení|datum vystaveni|van|d\.d\.|gedateerd|(?i:invoice date|fecha de factura|date de facture|data da fatura|data fattura|factuurdatum|rechnungsdatum|fakturadatum)\s*:?|fecha|dt\.|dtd\.?)\s+`)

// lastWords is the last n words of s, one space between them.
func lastWords(s string, n int) string {
	if t := strings.Trim(s, " "); n > 0 && simpleSpaced(t) {
		// a piece of s as it stands, no copy: this runs on every phrase
		// the severity vetoes look at
		i := len(t)
		for range n {
			k := strings.LastIndexByte(t[:i], ' ')
			if k < 0 {
				return t
			}
			i = k
		}
		return t[i+1:]
	}
	f := strings.Fields(s)
	return strings.Join(f[max(0, len(f)-n):], " ")
}

// simpleSpaced: t is ASCII, its words one space apart (strings.Fields and
// a split at spaces agree on it).
func simpleSpaced(t string) bool {
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 0x80 || c < ' ' || c == ' ' && t[i-1] == ' ' {
			return false
		}
	}
	return true
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

var (
	otherUnitWords = []string{"unlike", "other nas", "other unit", "our other", "another", "the other", "besides", "apart from", "not the", "the third", "the second",
		// "the other (one)", "the third (unit)" in the desk's other languages
		"el otro", "la otra", "l'autre", "l’autre", "der andere", "die andere", "das andere", "l'altro", "l'altra", "de andere", "het andere", "o outro", "a outra",
		"drugi", "drugie", "trzeci", "trzecie", "el tercer", "la tercera", "le troisième", "la troisième", "das dritte", "der dritte", "il terzo", "la terza", "o terceiro", "de derde", "het derde"}
	workingWords = []string{"works fine", "which is fine", "is fine", "working fine", "works normally", "is healthy", "no problem", "works perfectly",
		"funciona perfectamente", "funciona bien", "funciona correctamente", "funciona sin problemas", "fonctionne bien", "fonctionne parfaitement", "fonctionne correctement",
		"funktioniert einwandfrei", "funktioniert problemlos", "läuft einwandfrei", "läuft problemlos", "funziona bene", "funziona perfettamente", "funziona correttamente",
		"werkt prima", "werkt goed", "werkt perfect", "działa poprawnie", "działa prawidłowo", "działa bez problemu", "działa bez zarzutu", "funciona perfeitamente", "funciona bem"}
	// notWorkingWords deny the working words ("no funciona bien")
	notWorkingWords = []string{"not work", "no funciona", "ne fonctionne", "funktioniert nicht", "läuft nicht", "non funziona", "werkt niet", "nie działa", "não funciona", "isn't fine", "is not fine"}
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
