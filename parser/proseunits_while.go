package parser

import "strings"

// worksAWhile: the working words last only a while ("fonctionne
// parfaitement pendant une heure, puis redémarre", "działa poprawnie
// tylko przez godzinę, potem się wyłącza"): a fault, not a working unit.
func worksAWhile(la string) bool {
	for _, w := range workingWords {
		if i := strings.Index(la, w); i >= 0 && hasAnyPrefix(strings.TrimLeft(la[i+len(w):], " ,"), servingOnlyUntil) {
			return true
		}
	}
	return false
}

// otherIsReal: the sentence after a serial names another one as the real
// one ("Q21BI04567 (the unit itself has a different sticker, Q21BI04576,
// which is the real one)"): this one is not the unit's.
func otherIsReal(la string) bool {
	for _, p := range []string{"which is the real one", "is the real one", "is the correct one", "which is the right one", "is the right one"} {
		if k := strings.Index(la, p); k > 0 && digits(la[:k]) >= 4 {
			return true
		}
	}
	return false
}

// otherWorking: the sentence names another unit before its serial, in a
// clause of its own, and says it works ("The other one, S/N TNR20-B1022,
// works perfectly", "Drugi, numer seryjny ..., działa bez zarzutu"): no
// unit of the request.
func otherWorking(sentence, after string) bool {
	if k := sentenceEnd(after); k >= 0 {
		after = after[:k]
	}
	la := strings.ToLower(after)
	return containsAny(strings.ToLower(sentence), otherUnitWords) && containsAny(la, workingWords) && !containsAny(la, notWorkingWords) && !worksAWhile(la)
}

// failedTooWords say the unit a sentence calls the second or the other one
// failed as well ("the second NAS on the ferry also failed now: TS-473A,
// serial ..., QTS 5.1.4.2596"): a unit of the request, its version its own.
var failedTooWords = []string{"also failed", "failed too", "also fails", "also died", "also dead", "is also down", "also does not", "also doesn't", "also won't", "now also", "as well failed", "too now"}
