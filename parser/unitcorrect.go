package parser

import (
	"strings"

	"rmad/internal/spelling"
)

// A model or part number the writer corrects further down ("Model: TS-873
// / Sorry, typo, the right model is TS-873A", "In my last mail I wrote
// model TS-873, that was a typo on my side, the model is TS-873A") is the
// unit's: the one unit whose code is a typo of it (a character or two
// apart) takes it. As with serials, people correct a line rather than
// edit it.

// codeCorrection is the words before a corrected code and the field.
type codeCorrection struct {
	words string
	part  bool // the part number, else the model
	typo  bool // the line must say "typo" before the words ("the model is" alone states one)
}

var codeCorrections = []codeCorrection{
	{"right model is", false, false}, {"correct model is", false, false}, {"model is actually", false, false}, {"model should be", false, false},
	{"richtige modell ist", false, false}, {"bon modèle est", false, false}, {"modelo correcto es", false, false}, {"the model is", false, true},
	{"right part number is", true, false}, {"correct part number is", true, false}, {"part number should be", true, false},
	{"right p/n is", true, false}, {"correct p/n is", true, false}, {"p/n should be", true, false}, {"the part number is", true, true},
}

// correctCodes applies the corrections of models and part numbers low
// (the body, lower case; body as written) makes.
func correctCodes(units []Unit, body, low string) []Unit {
	if len(units) == 0 || len(body) != len(low) {
		return units
	}
	hasModel, hasPart := false, false
	for _, u := range units {
		hasModel, hasPart = hasModel || u.Model != "", hasPart || u.PartNumber != ""
	}
	for _, key := range []string{"model", "modèle", "part number", "p/n"} {
		// one pass per field word some unit has a value of; the
		// corrections' words are read only around where it is written
		if part := key[0] == 'p'; part && !hasPart || !part && !hasModel {
			continue
		}
		for off := 0; ; {
			k := strings.Index(low[off:], key)
			if k < 0 {
				break
			}
			k += off
			off = k + len(key)
			lo := max(0, k-12)
			win := low[lo:min(len(low), off+14)]
			for _, c := range codeCorrections {
				if j := strings.Index(win, c.words); j >= 0 {
					units = applyCodeCorrection(units, body, low, lo+j, c)
				}
			}
		}
	}
	return units
}

// applyCodeCorrection applies the correction c whose words are at
// low[i:].
func applyCodeCorrection(units []Unit, body, low string, i int, c codeCorrection) []Unit {
	if c.typo && !strings.Contains(low[max(0, strings.LastIndexByte(low[:i], '\n')):i], "typo") {
		return units
	}
	rest := strings.TrimLeft(body[i+len(c.words):], " :")
	n := 0
	for n < len(rest) && (isWordByte(rest[n]) || rest[n] == '-') {
		n++
	}
	code := strings.TrimRight(rest[:n], "-")
	if len(code) < 4 || !hasDigit(code) {
		return units
	}
	return correctCode(units, code, c.part)
}

// correctCode gives code to the one unit whose model (part number) is a
// typo of it; none when no unit's is, or more than one's.
func correctCode(units []Unit, code string, part bool) []Unit {
	k := -1
	for j := range units {
		v := &units[j].Model
		if part {
			v = &units[j].PartNumber
		}
		if *v == "" || strings.EqualFold(*v, code) || !typoApart(strings.ToUpper(*v), strings.ToUpper(code)) {
			continue
		}
		if k >= 0 {
			return units
		}
		k = j
	}
	if k < 0 {
		return units
	}
	out := append([]Unit(nil), units...)
	if part {
		out[k].PartNumber = code
		if strings.EqualFold(out[k].Model, code) {
			out[k].Model = "" // read off the correction's sentence: the P/N, not a model
		}
	} else {
		out[k].Model = code
	}
	return out
}

// typoApart: a and b are at most two edits apart (a character added,
// dropped or changed), and not short.
func typoApart(a, b string) bool {
	if len(a) < 4 || len(b) < 4 || len(a)-len(b) > 2 || len(b)-len(a) > 2 {
		return false
	}
	return spelling.Distance(a, b) <= 2
}
