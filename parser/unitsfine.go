package parser

import (
	"strings"
)

// A unit the mail says works now, beside units that fail, is listed for
// the record ("The old one, S/N X, works. The new one is S/N Y and fails
// to boot", "Server 2 is fine, only Server 1 fails to boot"): the request
// is about the failed ones, and keeping it would ship a replacement for
// nothing. A unit counts as working when a sentence naming its serial
// alone, or a clause naming it by its number ("Server 2", "System 1"),
// says it works and tells of no fault, read as a table's status cell is.

// withoutFineUnits drops the units said to work while others are not.
// A long list is an inventory, not units weighed one by one: left as is
// (and the reading stays linear on a table of hundreds of rows).
func withoutFineUnits(units []Unit, low string) []Unit {
	if len(units) > maxWeighedUnits || !cellWorkStems.in(low) {
		return units
	}
	fine := make([]bool, len(units))
	for k, u := range units {
		fine[k] = u.SerialNumber != "" && unitSaidFine(units, k, low)
	}
	return withoutFineRows(units, fine)
}

// maxWeighedUnits, maxMentions bound the reading.
const maxWeighedUnits, maxMentions = 8, 4

// unitSaidFine: the text says units[k] works now.
func unitSaidFine(units []Unit, k int, low string) bool {
	sn := strings.ToLower(units[k].SerialNumber)
	for off, n := 0, 0; n < maxMentions; n++ {
		i := strings.Index(low[off:], sn)
		if i < 0 {
			break
		}
		i += off
		off = i + len(sn)
		start, end := serialSentence(low, i, off)
		asks := end < len(low) && low[end] == '?' // "(S/N Y) works fine? please check." asks
		if !asks && !otherSerialIn(units, k, low[start:end]) && fineCell(low[start:end]) && !faultAfter(units, k, low, start, end) {
			return true
		}
		if name := unitNumberName(low[strings.LastIndexByte(low[:i], '\n')+1 : i]); name != "" && namedFine(low, name, off) {
			return true
		}
	}
	// "... it is the TS-464 S/N Y that fails; the TS-873A is fine": a
	// model no other unit has names the unit
	m := strings.ToLower(units[k].Model)
	return len(m) >= 4 && hasDigit(m) && !otherModel(units, k, m) && namedFine(low, m, 0)
}

// otherModel: a unit other than units[k] has the model m (lower case).
func otherModel(units []Unit, k int, m string) bool {
	for o, u := range units {
		if o != k && strings.EqualFold(u.Model, m) {
			return true
		}
	}
	return false
}

// otherSerialIn: s names the serial of a unit other than units[k].
func otherSerialIn(units []Unit, k int, s string) bool {
	for o, u := range units {
		if o != k && u.SerialNumber != "" && strings.Contains(s, strings.ToLower(u.SerialNumber)) {
			return true
		}
	}
	return false
}

// unitNumberWords name a unit by its number ("Server 2", "System 1").
var unitNumberWords = []string{"server", "system", "unit", "node", "nas", "host", "box", "gerät", "serveur", "servidor", "appliance"}

// unitNumberName is the "server 2" that labels a serial on its line
// ("Server 2 S/N: X"), or "".
func unitNumberName(before string) string {
	f := strings.Fields(strings.Trim(before, " :#-"))
	for len(f) > 0 && containsWord([]string{"s/n", "sn", "serial", "number", "no", "no.", "seriennummer", "série", "serie", "de", "numéro", "número", "nummer"}, strings.Trim(f[len(f)-1], ":#")) {
		f = f[:len(f)-1]
	}
	if len(f) < 2 || !containsWord(unitNumberWords, f[len(f)-2]) {
		return ""
	}
	num := f[len(f)-1]
	if strings.Trim(num, "0123456789") != "" || len(num) > 3 {
		return ""
	}
	return f[len(f)-2] + " " + num
}

// namedFine: a clause of low after from names the unit by name (not
// "server 20" for "server 2") and says it works with no fault.
func namedFine(low, name string, from int) bool {
	for off, n := from, 0; n < maxMentions; n++ {
		i := strings.Index(low[off:], name)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(name)
		if off < len(low) && low[off] >= '0' && low[off] <= '9' || i > 0 && isWordByte(low[i-1]) {
			continue
		}
		st := max(strings.LastIndexAny(low[:i], ".;,!?\n")+1, 0)
		en := len(low)
		if e := strings.IndexAny(low[off:], ".;,!?\n"); e >= 0 {
			en = off + e
		}
		if (en == len(low) || low[en] != '?') && fineCell(low[st:en]) {
			// ("The TS-464 is fine?" asks)
			return true
		}
	}
	return false
}

// faultAfter: the sentence after the one ending at end names no other
// unit and tells of a fault it has now: it is about this unit ("The new
// one (S/N Y) works. It shows the same fault after an hour though."). A
// denied or past fault ("No fault at all since then", "It crashed once
// last year, but not since") and one of another unit named without its
// serial ("The first one shows the fault") leave the unit working.
func faultAfter(units []Unit, k int, low string, start, end int) bool {
	n, e := nextSentence(low, end)
	if e <= n || otherSerialIn(units, k, low[n:e]) || !unitFaultIn(low[n:e]) {
		return false
	}
	next := low[n:e]
	for _, o := range otherOneWords {
		if i := strings.Index(next, o); i >= 0 && !strings.Contains(low[start:end], o) && !containsAny(next[max(0, i-9):i], likeWords) {
			return false // ("Like the old one, it now fails too" compares)
		}
	}
	if containsAny(next, []string{"still", "again", "though", "however", "immer noch", "wieder", "toujours", "encore", "todavía", "sigue", "otra vez"}) {
		return true // "Not for long: it crashed again", "No, it still hangs"
	}
	if containsAny(next, faultGoneWords) || (containsAny(next, []string{"not ", "n't ", "never "}) && strings.Contains(next, " since")) {
		return false // "It has not crashed since."
	}
	// a denial opens the clause that tells the fault ("No fault at all
	// since then"), not another ("No idea why, but it reboots nightly",
	// "Nothing helps: it reboots")
	first := next
	if k := strings.IndexAny(next, ",:;"); k >= 0 {
		first = next[:k]
	}
	f := strings.Fields(first)
	return len(f) == 0 || !containsWord(faultDenials, f[0]) || !unitFaultIn(first)
}

// likeWords before another unit's name compare it with this one.
var likeWords = []string{"like ", "as with ", "as ", "wie ", "comme ", "como ", "come "}

// faultDenials open a sentence that denies a fault; faultGoneWords say
// it is past; otherOneWords name a unit without its serial (English,
// German, French, Spanish).
var (
	faultDenials   = []string{"no", "never", "not", "none", "nothing", "kein", "keine", "keinen", "nie", "aucun", "aucune", "jamais", "ningún", "ninguna", "nunca", "nessun", "nessuno", "mai", "geen", "nooit"}
	faultGoneWords = []string{"not since", "none since", "not once since", "no more since", "nicht mehr seit", "seitdem nicht", "plus depuis", "no desde"}
	otherOneWords  = []string{"the first one", "the old one", "the other one", "the first unit", "the old unit", "the other unit", "the original one", "the failed one", "the faulty one", "the broken one", "the defective one",
		"das erste", "das alte", "das andere", "le premier", "l'ancien", "l'autre", "el primero", "el viejo", "el otro"}
)
