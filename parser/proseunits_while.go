package parser

import (
	"slices"
	"strings"
)

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
	// "(série X) mais ce n'est pas le bon numéro, le vrai est Y": this one
	// is called wrong, the real one is named after it
	for _, p := range realIsNextWords {
		if k := strings.Index(la, p); k >= 0 && digits(la[k:]) >= 4 {
			return true
		}
	}
	return false
}

// realIsNextWords name the real serial after one called wrong, in the
// desk's languages.
var realIsNextWords = []string{
	"not the real one", "not the right one", "not the right number", "not the correct one", "the real one is", "the real serial is", "the correct one is", "the right one is",
	"pas le bon numéro", "n'est pas le bon", "le vrai est", "le bon numéro est", "le vrai numéro est",
	"nicht die richtige", "nicht die echte", "die richtige ist", "die echte ist", "die richtige lautet", "die echte lautet",
	"no es el correcto", "no es el número correcto", "el correcto es", "el verdadero es", "el real es",
	"non è quello giusto", "non è il numero giusto", "quello giusto è", "il vero è", "quello vero è",
	"niet het juiste", "niet de juiste", "het juiste is", "de juiste is", "de echte is", "het echte is",
	"não é o correto", "não é o número correto", "o correto é", "o verdadeiro é",
	"nie jest właściwy", "nie jest prawidłowy", "właściwy to", "prawdziwy to", "prawidłowy to", "prawdziwy jest",
}

// otherWorking: the sentence names another unit before its serial, in a
// clause of its own, and says it works ("The other one, S/N TNR20-B1022,
// works perfectly", "Drugi, numer seryjny ..., działa bez zarzutu"): no
// unit of the request.
func otherWorking(sentence, after string) bool {
	return containsAny(strings.ToLower(sentence), otherUnitWords) && saysWorks(after)
}

// saysWorks: the sentence that after opens says the unit works, and does
// not ask it ("(S/N Y) works fine? please check") or deny it.
func saysWorks(after string) bool {
	if k := sentenceEnd(after); k >= 0 {
		if after[k] == '?' {
			return false
		}
		after = after[:k]
	}
	la := strings.ToLower(after)
	return containsAny(la, workingWords) && !containsAny(la, notWorkingWords) && !worksAWhile(la)
}

// failedTooWords say the unit a sentence calls the second or the other one
// failed as well ("the second NAS on the ferry also failed now: TS-473A,
// serial ..., QTS 5.1.4.2596"): a unit of the request, its version its own.
var failedTooWords = []string{"also failed", "failed too", "also fails", "also died", "also dead", "is also down", "also does not", "also doesn't", "also won't", "now also", "as well failed", "too now"}

// withListedSerials adds the serials listed after a plural "serials"
// ("Units 1-3 are A8n, serials A8N2202A1001, A8N2202A1002 and
// A8N2202A1003"): each code after ", " or "and", upper case with a digit,
// as a match of its own (its whole span), in text order.
func withListedSerials(src, low string, serials [][]int) [][]int {
	var more [][]int
	var drop [][]int
	for _, s := range serials {
		if !strings.HasPrefix(low[s[0]:], "serials") {
			continue
		}
		first := len(more)
		for pos := s[3]; len(more) < 20; {
			rest := src[pos:]
			sep := 0
			for _, w := range []string{", and ", " and ", ", ", " & "} {
				if strings.HasPrefix(rest, w) {
					sep = len(w)
					break
				}
			}
			if sep == 0 {
				break
			}
			end := pos + sep
			for end < len(src) && (isDigit(src[end]) || src[end] >= 'A' && src[end] <= 'Z' || src[end] == '-') {
				end++
			}
			code := src[pos+sep : end]
			if len(code) < 6 || !hasDigit(code) || strings.Trim(code, "0123456789-") == "" || end < len(src) && wordBytes[src[end]] {
				break
			}
			more = append(more, []int{pos + sep, end, pos + sep, end})
			pos = end
		}
		list := append([][]int{s}, more[first:]...)
		keep := listedKeep(low[sentenceBegins(low[:s[0]]):s[0]], low[list[len(list)-1][1]:], len(list))
		if keep == len(list) {
			continue
		}
		// not the customer's faulty units, or only one of them
		for k, l := range list {
			if k != keep {
				drop = append(drop, l)
			}
		}
	}
	if drop != nil {
		serials = slices.DeleteFunc(slices.Concat(serials, more), func(s []int) bool {
			return slices.ContainsFunc(drop, func(d []int) bool { return d[0] == s[0] })
		})
		more = nil
	}
	if more == nil {
		return serials
	}
	serials = append(serials, more...)
	slices.SortFunc(serials, func(a, b []int) int { return a[0] - b[0] })
	return serials
}

// otherUnitSentence: the sentence before a version is about another unit
// ("Our other NAS, which is fine, runs QTS 5.2.1.2930").
func otherUnitSentence(sentence string) bool {
	low := strings.ToLower(sentence)
	return containsAny(low, otherUnitWords) && !containsAny(low, failedTooWords) || containsAny(low, workingWords)
}

// withBothModels: a mail without serials that names two models of the
// customer's as both or two faulty ones ("Both our TS-1655 and our
// TS-855eU have become very loud") is about one unit of each.
func withBothModels(units []Unit, pl []string) []Unit {
	for _, l := range pl {
		if len(l) > 500 || !strings.Contains(l, units[0].Model) {
			continue
		}
		low := strings.ToLower(l)
		if !containsAny(low, []string{"both ", "two ", "beide ", "les deux", "ambos ", "entrambi"}) || !strings.Contains(low, " and ") && !strings.Contains(low, " und ") && !strings.Contains(low, " et ") && !strings.Contains(low, " y ") && !strings.Contains(low, " e ") {
			continue
		}
		ms := proseModel.FindAllStringIndex(l, 3)
		if len(ms) != 2 {
			return units
		}
		between := low[ms[0][1]:ms[1][0]]
		if m := l[ms[1][0]:ms[1][1]]; m != units[0].Model && len(between) < 16 && containsAny(between, []string{" and ", " und ", " et ", " y ", " e "}) && !otherUnit(l, ms[1][0], ms[1][1]) {
			return append(units, Unit{Model: m})
		}
		return units
	}
	return units
}

// listedKeep reads a plural "serials" list of n codes: n when they are the
// customer's faulty units; -1 when the sentence says they are not (the
// vendor's old replacement boards, "the old serials ... are closed",
// units retired or repaired before); k when a restriction after the list
// names one of them ("... were shipped to us last year; only the first
// one is affected").
func listedKeep(before, after string, n int) int {
	if end := sentenceEnd(after); end >= 0 {
		// the restriction may open the next clause or sentence
		if next := sentenceEnd(after[min(end+2, len(after)):]); next >= 0 {
			after = after[:min(end+2+next, len(after))]
		}
	}
	if len(after) > 160 {
		after = after[:160]
	}
	if containsAny(before, notOursListWords) || containsAny(after, notOursListWords) {
		return -1
	}
	for k, w := range []string{"only the first", "only the second", "only the third"} {
		if strings.Contains(after, w) && k < n {
			return k
		}
	}
	if strings.Contains(after, "only the last") {
		return n - 1
	}
	return n
}

// notOursListWords say a listed serial is no faulty unit of the customer's:
// the vendor's parts, closed cases, units gone.
var notOursListWords = []string{"you used", "you sent", "you fitted", "you installed", "you shipped", "previous rma", "are closed", "were closed", "already closed", "old serials", "retired", "repaired before", "were replaced"}

// versionOfOne: every sentence that states the version names one unit's
// serial and no other's ("Our first TS-473A (serial Q21BI04567) on QTS
// 5.1.0.2348 does not boot. The second NAS also failed now: TS-473A,
// serial Q21BI04568"): the index of that unit, whose version it is alone;
// -1 when the version is the units' all (stated for each, or for none).
func versionOfOne(units []Unit, pl []string, fw string) int {
	f := strings.Fields(fw)
	if len(f) == 0 {
		return -1
	}
	v := f[len(f)-1]
	one := -1
	for _, l := range pl {
		for off := 0; ; {
			i := strings.Index(l[off:], v)
			if i < 0 {
				break
			}
			i += off
			off = i + len(v)
			sent := l[sentenceBegins(l[:i]):]
			if e := sentenceEnd(sent); e >= 0 {
				sent = sent[:e]
			}
			sent = strings.ToUpper(sent)
			named := -1
			for k, u := range units {
				if u.SerialNumber == "" || !strings.Contains(sent, u.SerialNumber) {
					continue
				}
				if named >= 0 || one >= 0 && one != k {
					return -1 // two units' serials: "A and B run 5.1"
				}
				named = k
			}
			if named < 0 {
				return -1 // a sentence of its own: "Both run 5.1"
			}
			one = named
		}
	}
	return one
}

// shareFirmware gives units that state none the versions their own lines
// name, else the one firmware the prose names for them all ("They run
// TrueNAS 13.0-U6.1").
func shareFirmware(units []Unit, pl, plow []string) {
	for _, u := range units {
		if u.Firmware != "" {
			return
		}
	}
	if ownLineVersions(units, pl, plow) {
		return
	}
	var u Unit
	completeUnit(&u, pl, plow)
	if u.Firmware == "" {
		return
	}
	one := versionOfOne(units, pl, u.Firmware)
	for k := range units {
		if one < 0 || k == one {
			units[k].Firmware = u.Firmware
		}
	}
}

// ownLineVersions gives each unit the version its own lines name, when
// two units' lines name two versions: a line's sentences are about its
// unit ("Our TS-873A serial Q1 fails to boot. Firmware 5.1.4 build 2596."
// / "Our TS-464 serial Q2 fails too. Firmware 5.2.0 build 2782."). False,
// and nothing set, otherwise.
func ownLineVersions(units []Unit, pl, plow []string) bool {
	if len(units) > 64 {
		return false // the named units of a line are a 64-bit set
	}
	named := namedUnits(units, plow)
	fws := make([]string, len(units))
	distinct := 0
	for k := range units {
		lines := ownLines(named, k)
		if len(lines) == 0 || units[k].SerialNumber == "" {
			continue
		}
		var one Unit
		var p, pw []string
		for _, i := range lines {
			p, pw = append(p, pl[i]), append(pw, plow[i])
		}
		completeUnit(&one, p, pw)
		if fws[k] = one.Firmware; fws[k] != "" && !slices.Contains(fws[:k], fws[k]) {
			distinct++
		}
	}
	if distinct < 2 {
		return false
	}
	for k := range units {
		units[k].Firmware = fws[k]
	}
	return true
}

// namedUnits is, for each line, the set of units it names: by serial, or
// by a model no other unit has.
func namedUnits(units []Unit, plow []string) []uint64 {
	keys := make([][]string, len(units))
	for k, u := range units {
		if sn := strings.ToLower(u.SerialNumber); sn != "" {
			keys[k] = append(keys[k], sn)
		}
		if m := strings.ToLower(u.Model); len(m) >= 4 && hasDigit(m) && !otherModel(units, k, m) {
			keys[k] = append(keys[k], m)
		}
	}
	named := make([]uint64, len(plow))
	for i, l := range plow {
		for k, ks := range keys {
			if slices.ContainsFunc(ks, func(w string) bool { return strings.Contains(l, w) }) {
				named[i] |= 1 << k
			}
		}
	}
	return named
}

// ownLines are the lines about unit k: those naming it and no other unit,
// each with the lines after it (two at most) that name no unit ("Our
// TS-464 serial Q2 fails too." / "Firmware 5.2.0 build 2782."); when none
// does, the one line naming it with others ("Our TS-464 serial Q2 and our
// TS-453 serial Q3 fail too. Firmware 5.2.0 build 2782." is about both).
// Nil when several such shared lines name it.
func ownLines(named []uint64, k int) []int {
	var own []int
	shared, several := -1, false
	for i, n := range named {
		switch {
		case n&(1<<k) == 0:
		case n == 1<<k:
			own = append(own, i)
			for j := i + 1; j < len(named) && j < i+3 && named[j] == 0; j++ {
				own = append(own, j)
			}
		case shared >= 0:
			several = true
		default:
			shared = i
		}
	}
	if len(own) == 0 && shared >= 0 && !several {
		own = []int{shared}
	}
	return own
}
