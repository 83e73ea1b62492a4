package parser

// The phone and e-mail a mail's prose offers ("call me on ...", "reach
// me at ..."), when no label gives them.

import (
	"regexp"
	"strings"
)

var phonePrefixes = []string{"t:", "m:", "p:", "t.", "m.", "tel", "phone", "mobile", "mob", "cell", "fon", "handy", "+",
	"direct", "office", "ph:", "ph.", "ph ", "☎", "📞", "mobil", "cel:", "o:", "d:",
	"tél", "telefon", "teléfono", "telefono", "telefoon", "телефон", "тел", "電話", "电话", "전화", "연락처", "携帯", "聯絡電話", "联系电话"}

// contactEmail returns an e-mail address the sender gives as a contact:
// in signature lines (low nil), any address; in body lines, one on a line
// that says so ("contact me at", "reach me", "reply to", "e-mail"). The
// From address itself is not "stated" and gives "".
func contactEmail(lines, low []string, from string) string {
	for i, l := range lines {
		if strings.IndexByte(l, '@') < 0 {
			continue
		}
		if low != nil {
			// the address the line offers comes after its "contact me
			// at": "the reseller (sales@x) told us to write to you" offers none
			w := firstIndexAny(low[i], contactWords)
			if w < 0 || containsAny(low[i], leftWords) {
				continue
			}
			l = l[w:]
			// "contact: not Bob (bob@...)": the words up to the address
			if at := strings.IndexByte(l, '@'); at < 0 || notContactLine.MatchString(low[i][w:w+at]) || containsAny(low[i][w:w+at], notGoodsWords) {
				continue // "please email the invoice to ap@...": where papers go, not who to talk to
			}
		}
		if a, _ := findEmail(l, false); a != "" {
			if a == from {
				return ""
			}
			return a
		}
	}
	return ""
}

// firstIndexAny is the index of the first of words in s, -1 if none.
func firstIndexAny(s string, words []string) int {
	first := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

var contactWords = []string{"contact", "reach me", "reach us", "reply to", "write to", "e-mail", "email", "mail me", "kontakt", "erreichen",
	"joindre", "contacter", "contatt", "contacto",
	// "please send everything to my work address from now on: ..."
	"my work address", "my office address", "send everything to"}

// prosePhone finds a phone number on a line that says it is one ("call me
// on +44 7700 900123", "my mobile is ..."): at least eight digits, not a date.
func prosePhone(lines, low []string) string {
	for i, l := range lines {
		if !mayOfferPhone(low[i]) || !prosePhoneWord.MatchString(low[i]) {
			continue // "Bestellnummer" has "tel" in it, and is no phone
		}
		if !phoneRe.MatchString(l) {
			// "Best number to reach me is" / "415-555-0176."
			l = withWrapped(lines, i, ".!?")
		}
		l = proseWithoutFax(l)
		for _, ix := range phoneRe.FindAllStringIndex(l, 4) {
			p := l[ix[0]:ix[1]]
			if digits(p) >= 8 && phoneShaped(strings.TrimSpace(p)) && isoDate.FindString(p) == "" && numDate.FindString(p) != strings.TrimSpace(p) {
				after := l[ix[1]:]
				if i := sentenceEnd(after); i >= 0 {
					after = after[:i]
				}
				if phoneRe.MatchString(after) {
					after = "" // "..., please call me on <another>": its words are the next number's
				}
				clause := l[clauseStart(l[:ix[0]]):ix[0]]
				if strings.TrimSpace(clause) == "" {
					// "Best number to reach me is my cell, 510-555-0132":
					// the number is the clause the comma opens; the words
					// that offer it are the sentence's before the comma
					clause = l[sentenceBegins(l[:ix[0]]):ix[0]]
				}
				if strings.TrimSpace(clause) == "" {
					// "Can someone give me a ring? 07700 900431": the
					// number answers the question just before it
					if prev := strings.TrimRight(l[:ix[0]], " "); strings.HasSuffix(prev, "?") {
						clause = prev[sentenceBegins(prev[:len(prev)-1]):]
					}
				}
				if !callableNumber(clause, after) {
					continue
				}
				if p = strings.TrimSpace(p); strings.Count(p, "(") != strings.Count(p, ")") {
					p = strings.Trim(p, "(") // "(07700 900123" of a bracketed number; "(555) 201-3344" keeps its area code's
				}
				return p + extensionAfter(l[ix[1]:])
			}
		}
	}
	return ""
}

// callableNumber says the words before a number in its clause offer it
// as the sender's: they ask to be called on it ("please call me on",
// "my mobile is"), do not refuse it ("please do not call our reception
// on"; "don't hesitate to call me" is an offer) and do not give someone
// else's ("Bob (07700 ...) is off sick", "our reseller's number is ...").
// The asking words may follow the number in its sentence.
func callableNumber(clause, after string) bool {
	low := strings.ToLower(clause)
	if !prosePhoneWord.MatchString(low) && !prosePhoneWord.MatchString(strings.ToLower(after)) {
		return false // "Our office number is ..., call any time" has it after
	}
	if containsAny(low, []string{"hesitate", "hésite", "zögern", "dude", "esiti"}) {
		return true
	}
	return !negated.MatchString(strings.ReplaceAll(low, "instead", "")) && !containsAny(low, thirdParties) && !carrierNumber.MatchString(low)
}

// thirdParties are people whose number a mail may give besides the sender's.
var thirdParties = []string{"colleague", "reseller", "distributor", "supplier", "reception", "his ", "her ", "their ", "them", "kollege", "collègue"}

// carrierNumber: the clause gives a carrier's number ("please call the
// courier, 510-555-0177"; "the driver's mobile"), not one "if the
// courier needs to call me at".
var carrierNumber = regexp.MustCompile(`\b(?:call|phone|ring|contact|reach|text)\s+(?:the\s+|our\s+|your\s+)?(?:courier|carrier|driver|forwarder|dispatcher)\b|\b(?:courier|carrier|driver|forwarder|dispatcher)(?:'s|’s)`)

// proseWithoutFax is a prose line without its fax number's sentence or
// clause ("Please do not use our fax, 510-555-0199, it is not monitored;
// my cell is 510-555-0132."): the words after it may still offer a phone.
func proseWithoutFax(l string) string {
	for n := 0; n < 4; n++ {
		c := withoutFax(l)
		if len(c) == len(l) {
			return l
		}
		rest := l[len(c):]
		k := sentenceEnd(rest)
		if k < 0 {
			return c
		}
		l = c + "; " + strings.TrimLeft(rest[k:], ".!?;。 \n")
	}
	return withoutFax(l)
}

var prosePhoneWord = regexp.MustCompile(`\b(call|phone|mobile|cell|reach me|tel|whatsapp|anrufen|erreichbar|appeler|llamar|ring me|ring us|text me|my number|joindre|bellen|chiamare|chiamarmi|ligar|llamarme|` +
	// the imperative, as an away notice or a signature writes it
	`direct line|my line|landline|contact me|contact us|llamad|llame|llámenos|llámame|llamadme|appelez|appelez-moi|rufen sie|ruf mich|chiamate|chiamateci|chiamatemi|bel me|bel ons|ligue|ligue-me|give (?:me|us) a (?:ring|bell|buzz))\b`)

// prosePhoneWords: one of them is in every prosePhoneWord match.
var prosePhoneWords = []string{"call", "phone", "mobile", "cell", "reach me", "tel", "whatsapp", "anrufen", "erreichbar", "appeler", "llamar",
	"ring me", "ring us", "text me", "my number", "joindre", "bellen", "chiamar", "ligar"}

// prosePhoneMore are prosePhoneWord's later words, found in one pass
// (another strings.Contains per word would scan each body again).
var prosePhoneMore = newPhraseIndex([]string{"direct line", "my line", "landline", "contact me", "contact us", "llamad", "llame", "llámenos", "llámame",
	"appelez", "rufen sie", "ruf mich", "chiamat", "bel me", "bel ons", "ligue", "give me a", "give us a"})

// mayOfferPhone: low holds a word every prosePhoneWord match holds.
func mayOfferPhone(low string) bool {
	return containsAny(low, prosePhoneWords) || prosePhoneMore.kinds(low) != 0
}

// phoneIn returns the first phone number on a line starting Tel/Phone/
// Mobile/T:/M:/P:/+, as written.
// A labelled segment of a signature line after " | " or " · " counts
// like a line ("priya.n@quillhealth.example.org | Mobile: +1 (617)
// 555-0164"), unless the line names a vendor the desk supports.
func phoneIn(lines []string) string {
	for i, l := range lines {
		if v := phoneInLine(l); v != "" {
			return v
		}
		for _, sep := range []string{" | ", " · "} {
			// "QNAP Systems, Inc. | Support Department | Tel. +886 ...":
			// the vendor's hotline the customer called, not theirs; the
			// vendor may be named on the row's own line or the next
			if strings.Contains(l, sep) && !vendorCompany(l) && !(i+1 < len(lines) && vendorCompany(lines[i+1])) {
				for _, seg := range strings.Split(l, sep)[1:] {
					// a bare "+44 ..." segment may be anyone's (a
					// pasted vendor signature's): only a labelled one
					if strings.HasPrefix(strings.TrimSpace(seg), "+") {
						continue
					}
					if v := phoneInLine(seg); v != "" {
						return v
					}
				}
			}
		}
	}
	return ""
}

// phoneInLine is phoneIn of one line.
func phoneInLine(l string) string {
	t := strings.TrimLeft(l, " \t")
	ok := false
	for _, p := range phonePrefixes {
		if hasPrefixFold(t, p) {
			ok = true
			break
		}
	}
	if !ok {
		return ""
	}
	l = withoutFax(l)
	if ix := phoneRe.FindStringIndex(l); ix != nil && digits(l[ix[0]:ix[1]]) >= 7 {
		return strings.TrimSpace(l[ix[0]:ix[1]]) + extensionAfter(l[ix[1]:])
	}
	return ""
}
