package parser

// The serials a sentence names apart from a label: one given in brackets
// further on, one given as the right one after a mistake, one the words
// after it give to another unit, and the prose lines that mention a
// serial at all.

import "strings"

// bracketSerial is the code a sentence about the serial gives in
// brackets further on ("The serial number is the same as in my first
// mail (BX5H2201A00311)."): serial-shaped, no ticket reference, and no
// other paper named between the word and the code.
func bracketSerial(pl, plow []string, opts Options) string {
	for i, l := range plow {
		w := firstIndexAny(l, []string{"serial", "s/n", "seriennummer", "numéro de série", "número de serie", "numero di serie"})
		if w < 0 || len(l) > 500 {
			continue
		}
		rest := l[w:]
		if e := sentenceEnd(rest); e >= 0 {
			rest = rest[:e]
		}
		o := strings.IndexByte(rest, '(')
		c := strings.IndexByte(rest, ')')
		if o < 0 || c < o {
			continue
		}
		if containsAny(rest[:o], []string{"invoice", "order", "ticket", "case", "rma", "po ", "rechnung", "facture", "factura", "fattura"}) {
			continue
		}
		if containsAny(rest[:o], []string{" not ", "n't ", "differ", "other", "replacement", "previous", " old ", "nicht", "pas ", "no es", "non è"}) {
			// "The serial number is not the one in my first mail (...)",
			// "differs from the one on your replacement unit (...)": the
			// code in brackets is the one the unit's is not
			continue
		}
		code := strings.TrimSpace(pl[i][w+o+1 : w+c])
		if serialShaped(code) && !isRefLike(code, opts) {
			return code
		}
	}
	return ""
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
const serialASCIIWords = 9

// correctedSerial is the serial a sentence gives as the right one after
// a mistake ("sorry, the serial is actually A1-61240, I swapped the last
// two digits", "The correct serial is A8N1905C00292"), or "": people
// correct a typo further down rather than edit the line above.
func correctedSerial(pl, plow []string, opts Options) string {
	for k, l := range plow {
		if len(l) >= 500 || !containsAny(l, correctionKeys) {
			continue
		}
		for _, w := range serialCorrections {
			i := strings.Index(l, w)
			// A form's or a manual's example ("Your RMA form says the
			// serial should read Q21BI00000 for units without a label")
			// corrects nobody's serial.
			if i < 0 || containsAny(l[max(0, i-40):i], serialExampleWords) {
				continue
			}
			rest := strings.TrimLeft(pl[k][i+len(w):], " :")
			n := 0
			for n < len(rest) && (isWordByte(rest[n]) || rest[n] == '-') {
				n++
			}
			if c := strings.TrimRight(rest[:n], "-"); len(c) >= 6 && hasDigit(c) && !isRefLike(c, opts) {
				r := restated(pl[k+1:], plow[k+1:], strings.ToLower(c))
				if r == "" {
					// taken back: the serial it corrected stands again,
					// as a correction to the taken-back one
					r = restated(pl[:k], plow[:k], strings.ToLower(c))
					if strings.EqualFold(r, c) {
						r = ""
					}
				}
				return strings.ToUpper(r)
			}
		}
	}
	return ""
}

// restated is the serial that stands after the correction c (lower
// case): the near twin the last later line restating it names ("Sorry,
// typo, the right serial is Q21BI04576." / "No wait, my first mail was
// right, it is Q21BI04567." / "it really is Q21BI04576"), as written; c
// itself when none does; "" when a later line takes the correction back
// without naming a serial ("No wait, ignore that, my first mail was
// right"). A line that brings in another unit ("Our second TS-873A, S/N
// Q21BI04577, fails too", "Our spare S/N Q21BI04577 works") restates
// nothing, however near its serial.
func restated(pl, plow []string, c string) string {
	last := c
	for k, l := range plow {
		if containsAny(l, anotherUnitWords) {
			continue
		}
		named := false
		for i := 0; i < len(l); {
			j := i
			for j < len(l) && (isWordByte(l[j]) || l[j] == '-') {
				j++
			}
			if w := l[i:j]; w == c || nearSerial(w, c) {
				last, named = pl[k][i:j], true
			}
			i = j + 1
		}
		if !named && containsAny(l, retractWords) {
			last = ""
		}
	}
	return last
}

// anotherUnitWords bring in a unit besides the one corrected.
var anotherUnitWords = []string{"second", "another", "other", "spare", " too", "also", "as well", "zweite", "andere", "ebenfalls", "auch", "autre", "aussi", "otro", "otra", "también"}

// retractWords take a correction back.
var retractWords = []string{"ignore that", "ignore my", "disregard", "first mail was right", "first mail was correct", "first one was right", "original was right", "original was correct",
	"vergessen sie das", "ignorieren sie", "erste mail war richtig", "erste mail war korrekt", "ignorez", "premier mail était correct", "premier message était correct",
	"ignore eso", "ignora eso", "primer correo era correcto", "primer correo estaba bien"}

// serialExampleWords, just before a correction's words, make it a
// document's instruction rather than the customer's correction.
var serialExampleWords = []string{" says", " form", "example", "manual", "instruction", "template", "format"}

// serialCorrections are the words before a corrected serial.
var serialCorrections = []string{"serial is actually", "serial number is actually", "s/n is actually", "serial should be", "serial number should be",
	"correct serial is", "correct serial number is", "correct s/n is", "right serial is", "right serial number is", "correct serial:",
	// "the serial number should read Q21BI04576", "Correction: S/N Q21BI04576"
	"serial should read", "serial number should read", "s/n should read", "correction: serial number", "correction: serial", "correction: s/n",
	"seriennummer ist eigentlich", "richtige seriennummer ist", "richtige seriennummer lautet", "bon numéro de série est", "numéro de série correct est",
	// Dutch, Italian, Spanish, Portuguese and Polish: "het serienummer is
	// eigenlijk ...", "quello corretto è ...", "el número de serie correcto
	// es ...", "o número de série correto é ...", "prawidłowy numer seryjny to ..."
	"serienummer is eigenlijk", "juiste serienummer is", "correcte serienummer is", "numero di serie corretto è", "quello corretto è", "quello giusto è", "numero di serie giusto è",
	"número de serie correcto es", "el correcto es", "número de série correto é", "o correto é", "prawidłowy numer seryjny to", "poprawny numer seryjny to"}

// correctionKeys: one of them is in every line that corrects a serial.
var correctionKeys = []string{"serial", "s/n", "seriennummer", "série", "serie", "seryjny", "corrett", "correct", "correto", "giusto"}

// notThisSerial: the words after a serial give it to another unit ("(serial
// A1-118820 was the one you replaced last year; this is the other head)").
func notThisSerial(after string) bool {
	sent := strings.ToLower(after[:min(len(after), 160)])
	if e := sentenceEnd(sent); e >= 0 {
		sent = sent[:e]
	}
	after = strings.ToLower(after[:min(len(after), 60)])
	if containsAny(after, []string{"replaced last", "you replaced", "you swapped", "we returned", "was replaced", "was swapped", "was returned"}) &&
		!containsAny(after, []string{"was the one", "the old one", "other", "not this", "not our", "wrong serial"}) && containsAny(sent, faultyNowWords) {
		// "The TS-873A (serial Q21BI04567) that you replaced in March is
		// down again": the unit faulty now, repaired before
		return false
	}
	return containsAny(after, []string{"was the one", "replaced last", "you replaced", "you swapped", "we returned", "was replaced", "was swapped", "was returned",
		"the old one", "old unit", "not this one", "other head", "other unit",
		// "(Q21BI09999 is not this unit's serial, it is our old chassis)"
		"not this unit", "isn't this unit", "not the unit's", "not our unit", "is not ours", "isn't ours", "our old ", "wrong serial"})
}

// faultyNowWords: the sentence says the unit it names is faulty now.
var faultyNowWords = []string{"down again", "is down", "does not boot", "doesn't boot", "won't boot", "will not boot", "failed again", "has failed", "failed now", "is dead", "died", "stopped working", "not working", "does not power", "doesn't power"}
