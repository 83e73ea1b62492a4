package parser

import (
	"regexp"
	"strconv"
	"strings"
)

// The rates a text compares ("from 900 to 120 MB/s", "40 instead of 110",
// "used to be 1,100"): how many times slower the unit got.

// dropRatio is how many times slower the text says the unit got (2 for
// half), 0 when it gives no figures.
//
// The four regexps have no literal prefix, so Go's engine steps through
// every byte of l with each; the checks before them are conditions every
// match meets (a digit; "%"; an "instead of" word; "used to"; "from" and a
// number after it), which keep them off the many texts that only say "slower".
func dropRatio(l string) float64 {
	if !strings.ContainsAny(l, "0123456789") {
		return 0
	}
	if mayRateFromTo(l) {
		if r := ratioFromTo(l); r != 0 {
			return r
		}
	}
	if containsAny(l, insteadWords) {
		if mm := rateInstead.FindStringSubmatch(l); mm != nil {
			if now, was := rateNumber(mm[1]), rateNumber(mm[2]); now > 0 && was > now {
				return was / now
			}
		}
	}
	if containsAny(l, usedToWords) {
		if mm := rateUsedTo.FindStringSubmatch(l); mm != nil {
			if now, was := rateNumber(mm[1]), rateNumber(mm[2]); now > 0 && was > now {
				return was / now
			}
		}
	}
	if strings.Contains(l, "yerine") {
		if mm := rateYerine.FindStringSubmatch(l); mm != nil {
			if was, now := rateNumber(mm[1]), rateNumber(mm[2]); now > 0 && was > now {
				return was / now
			}
		}
	}
	if r := pctOfRatio(l); r > 0 {
		return r // "30 % of normal speed"
	}
	if strings.IndexByte(l, '%') >= 0 {
		if mm := pctDown.FindStringSubmatch(l); mm != nil {
			if p := rateNumber(mm[1] + mm[2]); p > 0 && p < 100 {
				return 100 / (100 - p)
			}
		}
	}
	return 0
}

// usedToWords are rateUsedTo's literals, one of which every match holds
// ("180 MB/s, voorheen 1.100 MB/s").
var usedToWords = []string{"used to ", "voorheen", "previously", "vorher", "früher"}

// insteadWords are rateInstead's literals, one of which every match holds.
var insteadWords = []string{"instead of", "rather than", "statt", "au lieu de", "invece di", "en lugar de", "en vez de", "em vez de", "i stället för", "istället för", "i stedet for", "zamiast", "in plaats van"}

// rateYerine is Turkish "400 Mbps yerine 300": the rate before, "instead
// of" after it, then the rate now.
var rateYerine = regexp.MustCompile(`([0-9][0-9,.]*)\s*(?:[kmgt]?(?:b(?:it)?(?:/s|ps)|b/s)\s+)?yerine\s+(?:yaklaşık\s+|~)?([0-9][0-9,.]*)`)

func ratioFromTo(l string) float64 {
	if mm := rateFromTo.FindStringSubmatch(l); mm != nil && mm[2] != "%" {
		if a, b := rateNumber(mm[1]), rateNumber(mm[3]); a > 0 && b > 0 && a > b {
			return a / b
		}
	}
	return 0
}

// rateFromQualifiers are the words rateFromTo allows between "from" and
// the number.
var rateFromQualifiers = []string{"about", "around", "roughly", "ca.", "circa", "etwa", "environ", "~"}

// mayRateFromTo reports whether l has what every rateFromTo match starts
// with: "from", "von", "de" or "da", regexp white space (\s: tab, line
// feed, form feed, carriage return, space), then a digit or a qualifier.
func mayRateFromTo(l string) bool {
	for i := 1; i < len(l); i++ {
		if !isRESpace(l[i]) || isRESpace(l[i-1]) {
			continue
		}
		w := l[:i]
		if !strings.HasSuffix(w, "from") && !strings.HasSuffix(w, "von") && !strings.HasSuffix(w, "de") && !strings.HasSuffix(w, "da") {
			continue
		}
		j := i
		for j < len(l) && isRESpace(l[j]) {
			j++
		}
		if j < len(l) && (isDigit(l[j]) || hasAnyPrefix(l[j:], rateFromQualifiers)) {
			return true
		}
	}
	return false
}

// isRESpace is the regexp class \s.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// rateNumber reads "1,100", "40", "2.5" as written in a rate.
func rateNumber(s string) float64 {
	s = strings.TrimRight(s, ".,")
	if strings.Count(s, ",") == 1 && len(s)-strings.IndexByte(s, ',') == 4 {
		s = strings.ReplaceAll(s, ",", "") // "1,100"
	}
	if k := strings.IndexByte(s, '.'); k > 0 && s[0] != '0' && strings.Count(s, ".") == 1 && len(s)-k == 4 && !strings.Contains(s, ",") {
		s = s[:k] + s[k+1:] // "1.100 MB/s": a thousands dot
	}
	s = strings.ReplaceAll(s, ",", ".")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return f
}
