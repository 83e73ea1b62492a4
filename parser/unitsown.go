package parser

import (
	"slices"
	"strings"
)

// A serial read from the text is the unit's own only when some place that
// names it says so. The readings before this one take a serial wherever
// its shape and label are; here the words around each place it is written
// are weighed: a serial the sender refuses ("not S/N Y", "your portal lists
// S/N Y, that is a typo"), corrects on a later line, reads off a vendor
// URL's query, or gives to another customer is not a unit of this
// message. A wrong serial decides which unit is checked for warranty and
// replaced, so such a unit is dropped, but only while another unit whose
// serial some place does own remains: the message is about some unit.

// ownUnits drops the units whose serial no place in low owns, after
// applying a correction of one serial (corrected, lower case, "" when the
// text corrects none). domain is the sender's mail domain ("" for a public
// mail service): a page on it is the sender's own record.
func ownUnits(units []Unit, low, corrected, domain string) []Unit {
	if corrected != "" && strings.Contains(low, corrected) {
		units = applyCorrection(units, corrected)
	}
	if len(units) < 2 {
		return units
	}
	own := make([]bool, len(units))
	owned := 0
	for k, u := range units {
		own[k] = u.SerialNumber == "" || serialOwned(strings.ToLower(u.SerialNumber), low, domain)
		if own[k] && u.SerialNumber != "" {
			owned++
		}
	}
	if owned == 0 || owned == len(units) {
		return withoutFineUnits(units, low)
	}
	out := units[:0:0]
	for k, u := range units {
		if own[k] {
			out = append(out, u)
		}
	}
	return withoutFineUnits(out, low)
}

// serialOwned: some place low names sn (lower case) without disowning it.
// A serial not found as written (joined or re-spaced by a reading) counts
// as owned: nothing here can weigh it.
func serialOwned(sn, low, domain string) bool {
	seen := false
	for off := 0; off < len(low); {
		i := strings.Index(low[off:], sn)
		if i < 0 {
			break
		}
		i += off
		off = i + len(sn)
		seen = true
		if !serialDisowned(low, i, off, domain) {
			return true
		}
	}
	return !seen
}

// serialDisowned: the serial written at low[i:j] is given as not the sender's
// unit by the words around it.
func serialDisowned(low string, i, j int, domain string) bool {
	if i > 0 && low[i-1] == '=' {
		// a URL's query ("warranty?sn=Q21BI09999&lang=en"): the vendor
		// page's record the sender points at, not what the sender writes;
		// a page on the sender's own domain ("https://assets.acme-corp.com/
		// view?sn=...", their inventory) is their own record of their unit
		return !ownHost(urlHost(low[:i]), domain)
	}
	start, end := serialSentence(low, i, j)
	before := strings.TrimRight(low[start:i], " :#")
	for _, l := range []string{"s/n", "serial number", "serial", "sn"} {
		before = strings.TrimRight(strings.TrimSuffix(before, l), " :#")
	}
	if hasAnySuffix(before, notSerialWords) {
		return true // "It is S/N X, not S/N Y as your portal says", "S/N X (nicht S/N Y)"
	}
	clause := low[max(start, strings.LastIndexAny(low[:i], "(,")+1):i]
	if containsAny(clause, recordWords) && containsAny(low[j:end], typoWords) {
		return true // "(your portal lists S/N Y, that is a typo on your side)"
	}
	if vendorsReplacement(low, start, i, end, before) {
		return true
	}
	if next := nextReferringSentence(low, end); next > end {
		end = next // "His TS-873A is S/N Y. He will write to you himself."
	}
	return containsAny(low[start:end], otherOwnerWords) && !ownedBefore(low[start:i])
}

// notSerialWords, just before a serial (its label cut), refuse it.
var notSerialWords = []string{" not", "(not", "instead of", "rather than", " nicht", "(nicht", "statt", "(pas", "au lieu de", "(no", "en lugar de", "en vez de"}

// hasAnySuffix: s ends with one of sufs.
func hasAnySuffix(s string, sufs []string) bool {
	for _, w := range sufs {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// nextReferringSentence is the end of the sentence after the one ending
// at end when that one only refers back to a person (it opens with a
// pronoun and names no serial: "He will write to you himself."), else
// end: what it says of him is said of the unit the sentence before gives
// him.
func nextReferringSentence(low string, end int) int {
	k := end
	for k < len(low) && strings.IndexByte(".!? \n", low[k]) >= 0 {
		k++
	}
	if k == end || k >= len(low) {
		return end
	}
	w := low[k:min(len(low), k+6)]
	if e := strings.IndexAny(w, " ,"); e > 0 {
		w = w[:e]
	}
	if !slices.Contains(referringPronouns, w) {
		return end
	}
	_, e := serialSentence(low, k, k)
	if strings.ContainsAny(low[k:e], "0123456789") {
		return end
	}
	return e
}

// referringPronouns open a sentence about a person named before.
var referringPronouns = []string{"he", "she", "they", "er", "sie", "il", "elle", "ils", "él", "ella"}

// urlHost is the host of the URL that ends low ("... https://assets.
// acme-corp.com/view?sn=" -> "assets.acme-corp.com"), "" when low does not
// end inside a URL.
func urlHost(low string) string {
	h := low[strings.LastIndexAny(low, " \t\n<>\"(")+1:]
	if k := strings.Index(h, "://"); k >= 0 {
		h = h[k+3:]
	} else if d := strings.IndexAny(h, "/?"); d < 0 || !strings.Contains(h[:d], ".") {
		// a URL without a scheme: a host with a dot, then its path
		// ("assets.acme-corp.com/view?sn=...")
		return ""
	}
	if e := strings.IndexAny(h, "/?#:"); e >= 0 {
		h = h[:e]
	}
	return h
}

// ownHost: host is the sender's organisation's domain or one of its
// subdomains: mail from mail.acme-corp.com owns assets.acme-corp.com.
func ownHost(host, domain string) bool {
	org := orgOf(domain)
	return org != "" && (host == org || strings.HasSuffix(host, "."+org))
}

// orgOf is the registered domain of a mail domain: its last two labels,
// three under a short second-level one ("acme.co.uk", "acme.com.au").
func orgOf(domain string) string {
	parts := strings.Split(domain, ".")
	n := 2
	if len(parts) >= 3 && len(parts[len(parts)-2]) <= 3 && len(parts[len(parts)-1]) == 2 {
		n = 3
	}
	if len(parts) < n {
		return domain
	}
	return strings.Join(parts[len(parts)-n:], ".")
}

// ownedBefore: the nearest possessive before a serial in its sentence is
// the writer's ("Our second unit S/N Y ... fails too; he will write to
// you himself"), not a third person's ("my colleague ... his TS-873A (S/N
// Y) ... he will write to you himself").
func ownedBefore(before string) bool {
	f := strings.Fields(dropAsides(before))
	for k := len(f) - 1; k >= 0; k-- {
		w := strings.Trim(f[k], ".,;:()\"'")
		switch w {
		case "our", "my", "ours", "mine", "unser", "unsere", "unserem", "unseren", "unserer", "mein", "meine", "meinem", "notre", "nos", "mon", "ma", "mes",
			"nuestro", "nuestra", "nuestros", "mi", "mis":
			return true
		case "his", "her", "their", "its", "sein", "seine", "seinem", "seinen", "seiner", "ihrem", "son", "sa", "ses", "leur", "su", "sus":
			return false
		}
		if (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) && !slices.Contains(notPossessors, w) {
			return false // "Our colleague's TS-873A", "My colleague Tom's TS-873A"
		}
	}
	return false
}

// notPossessors end in "'s" but own nothing ("it's", "that's").
var notPossessors = []string{"it's", "that's", "there's", "here's", "what's", "he's", "she's", "let's", "who's"}

// dropAsides cuts the relative clauses set off by commas ("Our second
// unit, which is in his rack, S/N Y"): the possessor of a serial is the
// one of its own phrase, not of a clause about where the unit stands.
func dropAsides(s string) string {
	for _, w := range []string{", which ", ", who ", ", where ", ", der ", ", die ", ", das ", ", qui ", ", que "} {
		for {
			i := strings.LastIndex(s, w)
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i+len(w):], ',')
			if j < 0 {
				break
			}
			s = s[:i] + s[i+len(w)+j:]
		}
	}
	return s
}

// vendorsReplacement: the serial at low[i:] (its sentence low[start:end],
// the words before it without its label) is the good unit the vendor sent:
// named as the replacement or the new one, said in its sentence or the one
// before to have come or to work, and not said to fail ("The replacement
// unit S/N Y arrived, thanks", "Replacement for S/N X arrived. The new one
// is S/N Y."). The serial a replacement is for ("replacement for S/N X")
// is the failed unit.
func vendorsReplacement(low string, start, i, end int, before string) bool {
	if !containsAny(low[start:i], replacementWords) || strings.HasSuffix(before, " for") || strings.HasSuffix(before, " of") || hasAnySuffix(before, []string{" für", " pour", " para", " per", " voor"}) {
		return false
	}
	sent := low[start:end]
	if unitFaultIn(sent) || end < len(low) && low[end] == '?' || asksQuestion(sent) {
		return false // ("The new one (S/N Y) works fine? please check." asks)
	}
	if k, e := nextSentence(low, end); e > k && !strings.ContainsAny(low[k:e], "0123456789") && unitFaultIn(low[k:e]) {
		// "The new one is S/N Y. DOA.", "... S/N Y.\nUnfortunately it is
		// dead on arrival": the next sentence, naming no other unit, tells
		// of the replacement's fault
		return false
	}
	prev, _ := serialSentence(low, max(0, start-2), max(0, start-2))
	return containsAny(sent, arrivedWords) || containsAny(low[prev:start], arrivedWords)
}

// unitFaultIn: the text tells of a fault, as a description does: the
// words of a unit faulty now, dead on arrival, or any symptom the
// severity reading finds ("works intermittently and reboots every hour").
func unitFaultIn(s string) bool {
	return containsAny(s, faultyNowWords) || containsAny(s, doaWords) || severityFromWords(s) != ""
}

// doaWords: a unit that came faulty or shows a fault, in the languages
// the desk receives ("It shows the same fault after an hour though", "Es
// stürzt aber nach einer Stunde ab").
var doaWords = []string{"fail", "dead", "doa", "defekt", "kaputt", "défectueu", "en panne", "defectuos", "averiad", "guasto", "difettos", "kapot", "uszkodz", "trasig",
	"fault", "error", "crash", "freez", "hangs", "reboot", "same problem", "same issue", "stürzt", "absturz", "fehler", "plante", "planté", "se bloque", "se cuelga", "si blocca", "loopt vast", "storing"}

// nextSentence is the bounds of the sentence after the one ending at end.
func nextSentence(low string, end int) (int, int) {
	k := end
	for k < len(low) && strings.IndexByte(".!? \n", low[k]) >= 0 {
		k++
	}
	if k == end || k >= len(low) {
		return end, end
	}
	_, e := serialSentence(low, k, k)
	return k, e
}

// replacementWords, before a serial in its sentence, name the unit the
// vendor sent; arrivedWords say it came and works (English, German,
// French, Spanish, Italian, Dutch).
var (
	replacementWords = []string{"replacement unit", "replacement you sent", "replacement device", "replacement arrived", "the replacement", "the new one", "the new unit",
		"das neue gerät", "der ersatz", "das ersatzgerät", "le nouveau", "la nouvelle", "le remplacement", "l'appareil de remplacement",
		"el nuevo", "la nueva", "el reemplazo", "il nuovo", "la nuova", "il sostitutivo", "het nieuwe", "de vervanging"}
	arrivedWords = []string{"arrived", "received", "works fine", "is working", "works well", "works now",
		"angekommen", "erhalten", "eingetroffen", "est arrivé", "reçu", "llegó", "ha llegado", "recibido", "recibimos", "è arrivato", "ricevuto", "aangekomen", "ontvangen"}
)

// serialSentence returns the bounds of the sentence holding low[i:j]: a
// full stop, question or exclamation mark before a space, or a blank line.
func serialSentence(low string, i, j int) (start, end int) {
	for _, sep := range []string{". ", "! ", "? ", "\n\n", ".\n"} {
		if k := strings.LastIndex(low[max(0, i-300):i], sep); k >= 0 {
			start = max(start, max(0, i-300)+k+len(sep))
		}
	}
	end = min(len(low), j+300)
	for _, sep := range []string{". ", "! ", "? ", "\n\n", ".\n"} {
		if k := strings.Index(low[j:end], sep); k >= 0 {
			end = j + k
		}
	}
	return start, end
}

// recordWords name a record of a serial the sender may call wrong: the
// vendor's, or the sender's own earlier mail ("In my last mail I wrote S/N
// Y, that was a typo on my side").
var recordWords = []string{"portal", "your system", "your record", "your database", "your website", "your site", "your tool", "i wrote", "we wrote", "i typed", "i gave you", "i sent you",
	// the vendor's last mail, and the sender's own in German, French, Spanish
	"you wrote", "you typed", "habe ich", "ich habe", "haben wir", "wir haben", "j'ai écrit", "j'ai indiqué", "escribí", "puse"}

// typoWords, after a serial, call it a mistake.
var typoWords = []string{"typo", "mistake", "is wrong", "is incorrect", "not correct", "not right", "tippfehler", "vertippt", "ist falsch", "faute de frappe", "erreur", "error de", "errata"}

// otherOwnerWords give the unit a sentence names to someone else, who
// is not the sender's company.
var otherOwnerWords = []string{"another customer", "other customer", "another company", "other company", "write to you himself", "write to you herself",
	"write to you themselves", "contact you himself", "contact you herself", "contact you themselves", "his own ticket", "her own ticket", "their own ticket",
	// German, French, Spanish: "er schreibt Ihnen selbst", "il vous écrira
	// lui-même", "él le escribirá directamente"
	"schreibt ihnen selbst", "schreibt ihnen selber", "wird ihnen selbst schreiben", "meldet sich selbst", "vous écrira lui-même", "vous écrira elle-même",
	"vous contactera lui-même", "vous contactera elle-même", "le escribirá directamente", "le escribirá él mismo", "le escribirá ella misma", "se pondrá en contacto"}

// applyCorrection gives the corrected serial to the one unit whose serial
// it corrects ("Serial: Q21BI04576 / Sorry, typo, the right serial is
// Q21BI04567"), or drops that unit when another already has it. The
// corrected unit is the one whose serial is the correction with two
// neighbours swapped, else the one a character or two apart; when two
// units are as near (real units one digit apart), which one the writer
// meant is a guess, and a guess would drop or rename a real unit: none.
func applyCorrection(units []Unit, corrected string) []Unit {
	has, k := false, typoOf(units, corrected, swapped)
	if k < 0 {
		k = typoOf(units, corrected, nearSerial)
	}
	if k < 0 {
		// the only other serial of its length is the one corrected,
		// however many characters the typo got wrong: a correction
		// corrects some serial ("Serial: Q21BI04567 / Sorry, typo, the
		// right serial is Q21BI04999")
		k = typoOf(units, corrected, sameLength)
	}
	for _, u := range units {
		has = has || strings.EqualFold(u.SerialNumber, corrected)
	}
	switch {
	case k < 0:
		return units
	case has:
		return slices.Delete(slices.Clone(units), k, k+1)
	}
	out := slices.Clone(units)
	out[k].SerialNumber = strings.ToUpper(corrected)
	return out
}

// typoOf is the one unit whose serial is a typo of corrected by near, -1
// when none or more than one is.
func typoOf(units []Unit, corrected string, near func(a, b string) bool) int {
	k := -1
	for i, u := range units {
		if sn := strings.ToLower(u.SerialNumber); sn != "" && sn != corrected && near(sn, corrected) {
			if k >= 0 {
				return -1
			}
			k = i
		}
	}
	return k
}

// swapped: a is b with two neighbouring characters swapped.
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := 0; k+1 < len(a); k++ {
		if a[k] != b[k] {
			return a[k] == b[k+1] && a[k+1] == b[k] && a[k+2:] == b[k+2:]
		}
	}
	return false
}

// sameLength: a and b are as long (a typo of any number of characters).
func sameLength(a, b string) bool { return len(a) == len(b) }

// nearSerial: a and b differ by a typo: the same length and at most two
// characters apart (a swap of two digits, one digit mistyped).
func nearSerial(a, b string) bool {
	if len(a) != len(b) || len(a) < 6 {
		return false
	}
	diff := 0
	for k := 0; k < len(a); k++ {
		if a[k] != b[k] {
			diff++
		}
	}
	return diff <= 2
}

// proseBeforeLabel: a unit label of line l comes after a sentence of its
// own ("Our TS-873A (serial Q21BI04567) fails to boot. Firmware: 5.1.4"):
// the line stays prose too, so that the sentence's unit is read.
func proseBeforeLabel(l, val string) bool {
	j := strings.LastIndex(l, val)
	if j <= 0 {
		return false
	}
	// a sentence of three words or more, not "N. di serie:" nor the
	// dotted leader of "Serial # ..... A1-53108"
	k := lastSentenceEnd(l[:j])
	return k > 0 && l[k-1] != '.' && len(strings.Fields(l[:k])) >= 3
}
