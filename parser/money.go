package parser

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Readings of money in sentences: which invoice, PO and invoice date a
// sentence gives as the sender's own, and which it names as cancelled,
// someone else's, or another event's.

// proseInvoiceDate is the date that follows the word on the first
// "bought/purchased on ..." line of the body that has one, "" if none: on
// "invoice 118, paid on 2026-02-20, bought 2023-01-05" the purchase, not
// the payment.
//
// The date starts the warranty clock (QCT: "three (3) years from QCT's
// invoice date", seeds/000 line 12; QNAP counts extended warranties "from
// the initial invoice date", seeds/001 line 175), so every date another
// paper, unit or event owns is refused rather than guessed.
func proseInvoiceDate(t *fieldText, opts Options) string {
	// a purchase stated outright wins over an order named in passing
	// ("I ordered a spare PSU on ..."; "we bought the NAS on ...")
	if d := proseDateAfter(t, boughtWords, boughtRe, opts); d != "" {
		return d
	}
	if invoiceNotYet(t) {
		// "We ordered it on 2025-03-01 and the invoice has not arrived
		// yet": an order the sender says is not invoiced yet gives no
		// invoice date (the warranty runs from the invoice)
		return ""
	}
	return proseDateAfter(t, orderedWords, orderedRe, opts)
}

// invoiceNotYetRe is a sentence saying the invoice does not exist or has
// not reached the sender yet.
var invoiceNotYetRe = regexp.MustCompile(`(?i)\binvoice\b[^.!?;]{0,40}\b(?:not (?:yet )?(?:arrived|been (?:issued|sent|received))|hasn't (?:arrived|been)|has not (?:arrived|been)|isn't (?:here|issued)|not (?:here|issued) yet|still (?:missing|pending|outstanding)|to follow)|\b(?:no|without (?:an? )?)invoice (?:yet|so far)|(?:waiting|wait) for (?:the |an? |your )?invoice|(?:not|never) (?:yet )?(?:received|got(?:ten)?) (?:the |an? |any |your )?invoice|(?:haven't|have not|didn't|did not) (?:yet )?(?:received|got(?:ten)?) (?:the |an? |any |your )?invoice`)

// invoiceNotYet reports whether a body line says the invoice has not been
// issued or received yet.
func invoiceNotYet(t *fieldText) bool {
	for _, i := range t.linesHolding([]string{"invoice"}) {
		if l := t.low[i]; len(l) < 2000 && invoiceNotYetRe.MatchString(l) {
			return true
		}
	}
	return false
}

// proseDeliveryDate is the date of a "delivered on ..." / "we received it
// on ..." line: the delivery, which is never the invoice's date.
func proseDeliveryDate(t *fieldText, opts Options) string {
	return proseDateAfter(t, deliveredWords, deliveredRe, opts)
}

var orderedWords = []string{"ordered", "bestellt", "commandé"}

// proseDateAfter is the date the word re finds is about: after it in its
// sentence, up to another event ("bought ..., which we paid on X" and
// "bought it and it was delivered on X" give no purchase date), else
// before it in its clause ("On 3 March 2025 we bought it").
func proseDateAfter(t *fieldText, words []string, re *keyedRegexp, opts Options) string {
	// strings.Contains per word beats a word scan for these few words
	for _, i := range t.linesHolding(words) {
		l := t.lines[i]
		ws := re.findAllSubmatchIndex(l, t.low[i], 4)
		for _, w := range ws {
			if otherDocument[lastWord(l[:w[0]])] {
				continue // "your reminder dated ...": another paper's date
			}
			after := l[w[1]:]
			if i+1 < len(t.lines) && sentenceEnd(after) < 0 {
				// "bought it on Sept 2," / "2024.": the sentence wraps
				after += " " + strings.TrimSpace(t.lines[i+1])
			}
			win := eventWindow(after)
			// what was bought is between the verb and the date ("bought
			// the extended warranty on ...")
			// "Aangeschaft op 12-02-2020", "Fakturadatum ...": a word in a
			// language that writes the day first
			d, pos := findDate(win, opts.DayFirst || dayFirstLanguage(strings.ToLower(l[w[0]:w[1]])))
			if d == "" || notThisPurchase(l[clauseStart(l[:w[0]]):w[0]], win[:max(0, pos)]) || disowned(after[pos:]) || negated.MatchString(win[:max(0, pos)]) ||
				containsAny(strings.ToLower(l[sentenceBegins(l[:w[0]]):w[0]]), otherPaperOrUnit) {
				continue
			}
			if pos >= len(l)-w[1] && strings.EqualFold(l[w[0]:w[1]], "invoice date") {
				// "invoice date" is a column's heading when its date is
				// not on its own line (a table's rows are read as tables)
				continue
			}
			if v := strings.ToLower(l[w[0]:w[1]]); (strings.Contains(v, "dat") || strings.Contains(v, "invoic")) && voidWord.MatchString(strings.ToLower(win)) {
				continue // "Invoice INV-1001, dated 10 January 2026, has been reversed"
			}
			return d
		}
		for _, w := range ws {
			clause := l[clauseStart(l[:w[0]]):w[0]]
			if d, _ := findDate(clause, opts.DayFirst); d != "" && !otherDocument[lastWord(l[:w[0]])] && !notThisPurchase(clause, "") && !disowned(l[w[1]:]) {
				return d
			}
		}
	}
	return ""
}

// notThisPurchase: the words around a purchase verb make it no purchase
// of this unit: negated ("No lo compramos el ...", "Non l'abbiamo
// acquistato il ..."), hypothetical ("Se l'avessimo comprato il ..."),
// someone else's ("Our sister company bought theirs on ...") or of
// another thing ("Compré otro igual el ...", "Een nieuwe schijf hebben we
// gekocht op ..."). The date would otherwise put the unit in warranty.
func notThisPurchase(clause, window string) bool {
	low := strings.ToLower(clause)
	if negated.MatchString(clause) || conditionWord.MatchString(low) || hypothetical.MatchString(low) || othersBefore.MatchString(clause) {
		return true
	}
	return otherThings.kinds(low+" "+strings.ToLower(window)) != 0
}

// otherPaperOrUnit, in the sentence before a purchase word, make its date
// another paper's or another unit's ("Kreditfaktura nr 118, fakturadatum
// ...", "De vorige NAS, die deze vervangen heeft, was aangeschaft op ...").
var otherPaperOrUnit = []string{"kreditfaktura", "credit note", "creditnota", "gutschrift", "avoir", "nota de crédito", "nota di credito", "faktura korygująca",
	"proforma", "pro forma", "offert", "quote", "angebot", "devis", "orçamento", "presupuesto", "preventivo",
	"previous nas", "previous unit", "previous server", "vorige", "oude nas", "old nas", "former nas", "alte nas", "ancien", "föregående", "gamla"}

// disowned: the rest of the sentence after a purchase date says the thing
// bought is not the one the mail is about ("The TL-D800S was bought on 2
// November 2023, but that's not the one with the problem").
func disowned(rest string) bool {
	// its sentence and the next ("We bought one on 3 March 2025. That
	// one is fine though")
	end := 0
	for n := 0; n < 2; n++ {
		i := strings.IndexAny(rest[end:], ".;!?\n")
		if i < 0 {
			end = len(rest)
			break
		}
		end += i + 1
	}
	return containsAny(strings.ToLower(rest[:end]), disowning)
}

var disowning = []string{"not the one", "isn't the one", "is not the one", "not the unit", "not the affected", "not the faulty", "not the defective",
	"which is working fine", "which works fine", "which is fine", "that one is fine", "that one works", "that one is ok", "this one is fine",
	"is fine though", "works fine though", "the broken one is", "the dead one is", "the faulty one is",
	"nicht das betroffene", "nicht das defekte", "pas celui", "pas le bon", "no es el", "non è quello", "niet degene", "niet het defecte",
	"niet de defecte", "dat is niet", "das ist nicht", "ce n'est pas", "no es la", "non è la", "não é o", "não é a"}

// hypothetical: the conditionals conditionWord does not know.
var hypothetical = regexp.MustCompile(`\b(wordt|worden|zal|zullen|ska|kommer att|will be|going to|se l'|se lo|se la|se avessimo|si lo|si la|si hubi|si l'|had we|if we had|wenn wir|hätten wir|would have|wish|if only|` +
	`hätten|hätte|magari|avessimo|avremmo|ojalá|hubiéramos|aurions|si seulement|should have|could have)`)

// otherThings: another unit, or a part, bought.
var otherThings = newPhraseIndex([]string{"warranty", "license", "licence", "subscription", "contract", "renewal", "extension", "the same",
	"vorige", "vervangende", "schijven", "nieuwe", "previous", "replacement", "föregående", "anterior", "précédent", "vorherige",
	"our other", "the other", "other invoice", "other order",
	"support plan", "care pack", "service pack", "garantie", "garanzia", "garantía", "lizenz", "another", "otro", "otra", "altro", "altra", "un'altra", "weitere", "weiteres", "un autre", "une autre",
	"een ander", "theirs", "new disk", "new drive", "spare", "nieuwe schijf", "nuevo disco", "neue festplatte", "nuovo disco", "nouveau disque",
	"disk", "drive", "schijf", "disco", "festplatte", "ssd", "hdd", "psu", "netzteil", "ups", "cable", "kabel"})

// eventWindow is s up to its sentence's end or the next event it names.
func eventWindow(s string) string {
	if i := sentenceEnd(s); i >= 0 {
		s = s[:i]
	}
	low := lowerKeep(s)
	for next := 0; next < len(low); {
		i, j := nextWord(low, next)
		if i == j {
			break
		}
		next = j
		if otherEvent[low[i:j]] {
			return s[:i]
		}
	}
	return s
}

// lastWord is the last word of s, lower-cased ASCII.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t")
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRuneOf(r) {
			break
		}
		i -= n
	}
	return strings.ToLower(s[i:])
}

var (
	// otherEvent: what else a sentence may date after a purchase
	otherEvent = map[string]bool{"which": true, "but": true, "paid": true, "payment": true, "due": true, "delivered": true, "shipped": true,
		"received": true, "arrived": true, "failed": true, "died": true, "broke": true, "installed": true, "geliefert": true, "bezahlt": true,
		"livré": true, "livrée": true, "payé": true, "payée": true, "entregado": true, "entregada": true, "pagado": true, "pagada": true,
		"consegnato": true, "consegnata": true, "pagato": true, "pagata": true}
	// otherDocument: papers other than the invoice that are "dated"
	otherDocument = map[string]bool{"reminder": true, "letter": true, "quote": true, "quotation": true, "email": true, "e-mail": true,
		"mail": true, "notice": true, "statement": true, "message": true, "note": true, "mahnung": true, "rappel": true,
		"kreditfaktura": true, "kreditfakturans": true, "kreditfakturan": true, "offert": true, "offerten": true, "offertens": true, "proforma": true,
		"creditnota": true, "gutschrift": true, "avoir": true, "orçamento": true, "angebot": true, "angebots": true, "devis": true, "offerte": true}
)

// voided reports an invoice its sentence calls cancelled: after the
// number up to the sentence's end or the next invoice named ("INV-1 was
// cancelled and replaced by invoice INV-2", "INV-1 dated ... is no longer
// valid", "RE-77 vom 12.03.2021 wurde storniert", "INV-1 (void)"), or
// before it in its clause ("the cancelled invoice INV-1"). A void
// invoice's number and date are not the unit's. An order partially
// cancelled leaves its invoice valid.
func voided(before, after string) bool {
	if i := sentenceEnd(after); i >= 0 {
		after = after[:i]
	}
	low := strings.ToLower(after)
	if i := nextInvoiceNamed(low); i >= 0 {
		low = low[:i]
	}
	if strings.Contains(low, "partial") || strings.Contains(low, "teilweise") || strings.Contains(low, "partiel") {
		return false
	}
	return voidWord.MatchString(low) || voidBefore.MatchString(before)
}

// nextInvoiceNamed is where low names another invoice: an invoice word
// not followed by "date" (", invoice date 2020-01-05, was cancelled" still
// speaks of the first), -1 when none does.
func nextInvoiceNamed(low string) int {
	for off := 0; off < len(low); {
		i := firstIndexAny(low[off:], invoiceWords)
		if i < 0 {
			return -1
		}
		i += off
		rest := low[i:]
		if j := strings.IndexAny(rest, " \t"); j >= 0 && strings.HasPrefix(strings.TrimLeft(rest[j:], " \t"), "dat") {
			off = i + j
			continue
		}
		return i
	}
	return -1
}

// voidBefore is a cancelled invoice named so right before its number ("the
// cancelled invoice INV-1", "die stornierte Rechnung Nr. RE-77").
var voidBefore = regexp.MustCompile(`(?i)\b(cancell?ed|void(ed)?|old|invalid|credited|stornierte|annulée|anulada|annullata)\s+` +
	`(?:invoice|inv\.?|rechnung|facture|factura|fattura)?\s*(?:#|no\.?|nr\.?|n°|nº)?\s*:?\s*$`)

var voidWord = regexp.MustCompile(`\b(cancell?ed|void(ed)?|withdrawn|superseded|replaced (by|with)|was replaced|no longer valid|invalid|credited|reversed|` +
	`(is|was) wrong|wrong one|wrong invoice|not for this|belongs to|covers only|only covers|for our other|for another|storniert|storno|annulliert|ungültig|` +
	`ist falsch|annulée?|erronée?|anulad[ao]|equivocad[ao]|incorrect[ao]|annullat[ao]|sbagliat[ao]|errat[ao]|` +
	`non è di questo|no es de este|nicht für dieses)\b|\((wrong|falsch|sbagliat[ao]|errat[ao]|incorrect)\)|取消|キャンセル|作废|作廢`)

// sentenceEnd is where the sentence s starts ends (-1: at its end); the
// dots of "12.03.2021", "3. März" and "No. 88" do not end it.
func sentenceEnd(s string) int {
	end := -1
	for _, sep := range []string{"! ", "? ", "; ", "。", "\n"} {
		if i := strings.Index(s, sep); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	for off := 0; ; {
		i := strings.Index(s[off:], ". ")
		if i < 0 {
			break
		}
		i += off
		if end >= 0 && i > end {
			break
		}
		if i >= 2 && strings.EqualFold(s[i-2:i], "no") || i > 0 && isDigit(s[i-1]) && !newSentenceAfterNumber(s[i+2:]) {
			off = i + 2
			continue
		}
		return i
	}
	return end
}

// newSentenceAfterNumber: after "2025-03-03. " a capitalised word that is
// no month ("The order ...") starts a sentence; "3. März", "12.03. bis"
// do not.
func newSentenceAfterNumber(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	w := s
	if i := strings.IndexAny(w, " ,."); i > 0 {
		w = w[:i]
	}
	w = strings.ToLower(w)
	for _, m := range monthStems {
		if strings.HasPrefix(w, m) {
			return false
		}
	}
	return true
}

// othersPO reports a PO number its sentence says is not the sender's
// order's: someone else's ("my colleague's PO 45... is for a different
// order"), a requirement quoted back ("your quote said "PO 45... required""),
// or a cancelled one.
func othersPO(before, after string) bool {
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	clause := before[clauseStart(before):]
	if othersBefore.MatchString(clause) || negated.MatchString(clause) {
		return true
	}
	if containsAny(strings.ToLower(clause), []string{"ticket", "incident", "case number", "case no", "case id", "tracking"}) {
		return true // "Our internal ticket is HELPDESK-PO-7781"
	}
	if i := clauseEnd(after); i >= 0 {
		after = after[:i]
	}
	after = strings.ToLower(after)
	if voidWord.MatchString(after) || containsAny(after, othersAfter) {
		return true
	}
	// "PO 45... required" is a requirement, the sender's own only when
	// they state it ("our PO ... is required on your invoice"), not when
	// they quote it back
	return containsAny(after, []string{"required", "needed", "mandatory", "erforderlich", "obligatoire", "obligatorio"}) &&
		reported(before[sentenceBegins(before):])
}

// othersBefore is a PO named as someone else's right before it: "my
// colleague's PO", "the end customer's PO", "our distributor's order".
var othersBefore = regexp.MustCompile(`(?i)\b(colleague|sister company|distributor|reseller|partner|end[ -]customer|customer|client|supplier|his|her|their|neighbou?r|friend|nachbar|voisin|vecino|vicino|` +
	`another|other|different|wrong|old|previous|your|kollegen?|collègue|colega|collega)(?:'s|s'|’s)?\s+(?:own\s+)?$`)

// othersAfter say a PO named is not the sender's order's.
var othersAfter = []string{"ticket", "internal ref", "reference number", "is for a different", "is for another", "belongs to", "is wrong", "was wrong", "not ours", "is theirs", "is his", "is hers",
	"another customer", "another company", "someone else", "not our ", "irrelevant", "to your supplier", "of your supplier"}

// clauseEnd is where the clause s starts ends (-1: at its end).
func clauseEnd(s string) int {
	end := -1
	for _, sep := range []string{", ", "; ", ". ", "! ", "? ", "，", "。", "\n"} {
		if i := strings.Index(s, sep); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	return end
}

// clauseStart is where the clause that s ends starts: after the last ", ",
// "; " or sentence end (dots inside "14.03.2025" do not end one).
func clauseStart(s string) int {
	start := 0
	for _, sep := range []string{", ", "; ", ". ", "! ", "? ", "，", "。"} {
		i := strings.LastIndex(s, sep)
		for sep == ". " && i > 0 && isDigit(s[i-1]) && !newSentenceAfterNumber(s[i+2:]) {
			// "am 14. März 2025 gekauft": the day's dot ends nothing
			i = strings.LastIndex(s[:i], sep)
		}
		if i >= 0 && i+len(sep) > start {
			start = i + len(sep)
		}
	}
	return start
}
