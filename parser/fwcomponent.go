package parser

import (
	"regexp"
	"strings"
)

// firmwareInProse is the version the prose says the unit runs, by the
// readings in order of how sure they are: a system named with its
// version, a version said in passing, a CJK sentence's, then any
// component's version by its shape.
func firmwareInProse(pl, plow []string) string {
	if v := namedSystem(pl, plow); v != "" {
		return v
	}
	if v := versionInPassing(pl, plow); v != "" {
		return v
	}
	if v := cjkFirmware(pl); v != "" {
		return v
	}
	return componentVersion(pl, plow)
}

// componentVersion reads a firmware version said in a sentence of any
// language by its structure: a firmware word or a component's name
// ("bmc", "BIOS-Update", "fw") and, within four words of no digits after
// it, a token shaped like a version ("bmc was 4.22.06", "aktualizacji
// BIOS do 3B16.Q501", "BMC-Version ist 4.30.01"). The verbs and
// prepositions between differ by language; the shape does not. When the
// sentence goes on to a later version ("före uppdatering: 5.13.01,
// efter: 5.18.04") the later one is what the unit runs. A version of
// another device or one only proposed is none. Read last, when no other
// reading found a firmware.
func componentVersion(pl, plow []string) string {
	for i, low := range plow {
		if strings.IndexByte(low, '.') < 0 || !containsAny(low, componentWords) {
			continue
		}
		w := strings.Fields(pl[i])
		for j := range w {
			if !componentWord(strings.ToLower(w[j])) {
				continue
			}
			for k := j + 1; k < len(w) && k <= j+5; k++ {
				t := strings.TrimRight(strings.TrimLeft(w[k], "(\"'"), ".,;:)\"'")
				if versionToken.MatchString(t) && !isIPv4(t) && !dottedDate(t) {
					at := strings.Index(pl[i], w[k])
					if at < 0 || at+len(t) > len(low) || proposed(pl[i][:at]) || otherVersion(low, at, at+len(t)) {
						break
					}
					if later := laterToken(w[k+1:]); later != "" {
						return later
					}
					return t
				}
				if hasDigit(w[k]) {
					break // another number first: not this word's version
				}
			}
		}
	}
	return ""
}

// laterToken is a version after the first one's "after"/"to"/"efter"
// within its sentence's next three words ("5.13.01, efter: 5.18.04").
func laterToken(rest []string) string {
	for k := 0; k < len(rest) && k < 3; k++ {
		t := strings.TrimRight(strings.TrimLeft(rest[k], "(\"'"), ".,;:)\"'")
		if versionToken.MatchString(t) {
			if k > 0 && containsAny(strings.ToLower(rest[k-1]), afterWords) {
				return t
			}
			return ""
		}
		if strings.HasSuffix(rest[k], ".") {
			return ""
		}
	}
	return ""
}

var (
	componentWords = []string{"bmc", "bios", "uefi", "firmware", "fw"}
	afterWords     = []string{"after", "efter", "nach", "après", "apres", "dopo", "después", "despues", "na", "po", "to", "now", "jetzt", "maintenant", "ora", "ahora", "nu", "teraz"}
	// a version: two to five dotted parts of digits, or a vendor's BIOS
	// code ("3B16.Q501"); a leading "v" is the writer's
	versionToken = regexp.MustCompile(`^[vV]?(?:[0-9]+(?:\.[0-9]+){1,4}(?:\.b[0-9]+)?|[0-9][0-9A-Z]{2,4}\.[0-9A-Z]{2,6})$`)
)

// componentWord: w (lower case) is a firmware word or a component name,
// alone or as the head of a compound ("bios-update", "bmc-webben",
// "firmware-version") but not inside another word.
func componentWord(w string) bool {
	w = strings.Trim(w, "(\"':,")
	for _, c := range componentWords {
		if w == c || strings.HasPrefix(w, c+"-") || strings.HasPrefix(w, c+"'") {
			return true
		}
	}
	return false
}

// dottedDate: t is a day, month and year written with dots ("14.03.2025",
// "3.4.25"), not a version.
func dottedDate(t string) bool {
	p := strings.Split(t, ".")
	if len(p) != 3 || len(p[2]) != 2 && len(p[2]) != 4 {
		return false
	}
	d, m := atoiBytes([]byte(p[0])), atoiBytes([]byte(p[1])) // digits only: checked below
	return d >= 1 && d <= 31 && m >= 1 && m <= 12 && !strings.ContainsFunc(t, func(r rune) bool { return r != '.' && (r < '0' || r > '9') })
}

// otherVersion: the sentence around low[a:b] is about another device's
// version ("BMC 4.30.01 (this is the BMC of our backup server)").
func otherVersion(low string, a, b int) bool {
	around := sentenceAround(low, a, b)
	return containsAny(around, versionOfOther) || containsAny(around, otherDeviceWords) || containsAny(around, []string{"backup server", "other ", "another "})
}
