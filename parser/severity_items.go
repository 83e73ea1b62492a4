package parser

import (
	"slices"
	"strings"
)

// Severity by item: a rating, a serving statement and a fault each belong
// to the sentence or list item that says them. The mail's severity is the
// worst fault the customer describes; a rating decides alone only when it
// rates the request as a whole, and a rating tied to one of several items
// ("1) ... dead. 2) Priority: Low - the bezel has a scratch", "Also a
// feature request (Priority: low): ...") counts as that item's level: the
// mail's is the worst of the items.

// itemRatingMark prefixes a labelled rating tied to one item ("2)
// Priority: Low - the front bezel has a scratch"); fields resolves it
// against the faults the rest of the mail describes.
const itemRatingMark = "\x00item:"

// statedRatingOf is the customer's own rating in l (lower case): the level,
// whether it is tied to one item, and l with the tied ratings' sentences
// blanked (for the faults of the other items). A negated or reported
// rating is none.
func statedRatingOf(l string) (level string, tied bool, rest string) {
	if ratingWords.kinds(l) == 0 {
		return "", false, l
	}
	var b []byte
	for _, ix := range statedRating.FindAllStringSubmatchIndex(l, 4) {
		// "This is not low severity!", "your colleague said it is low
		// severity, but ...": no rating of the customer's
		clause := l[clauseStart(l[:ix[0]]):ix[0]]
		if negated.MatchString(clause[max(0, len(clause)-12):]) || reported(clause) {
			continue
		}
		var w string
		for g := 2; g < len(ix); g += 2 {
			if ix[g] >= 0 {
				w = l[ix[g]:ix[g+1]]
			}
		}
		r := severityOf(w)
		if r == "" {
			continue
		}
		st, en := itemBounds(l, ix[0], ix[1])
		if !ratesItem(l, st, ix[0], ix[1], en) {
			if !tied {
				return r, false, l
			}
			continue
		}
		if b == nil {
			b = []byte(l)
		}
		for k := st; k < en; k++ {
			if b[k] != '\n' {
				b[k] = ' '
			}
		}
		level, tied = worseSeverity(level, r), true
	}
	if b == nil {
		return level, tied, l
	}
	return level, tied, string(b)
}

// itemBounds are the bounds of the sentence or list item around l[i:j].
func itemBounds(l string, i, j int) (int, int) {
	st := sentenceFrom(l, i)
	if k := strings.LastIndexByte(l[:i], '\n'); k+1 > st {
		st = k + 1
	}
	en := len(l)
	if k := strings.IndexByte(l[j:], '\n'); k >= 0 {
		en = j + k
	}
	for _, sep := range []string{". ", "! ", "? "} {
		if k := strings.Index(l[j:en], sep); k >= 0 {
			en = j + k + 1
		}
	}
	return st, en
}

// ratesItem: the rating at l[i:j], in the item l[st:en], rates that item,
// not the request: it stands in brackets ("a feature request (Priority:
// low): ..."), its item is numbered or lettered ("2) Priority: Low - ..."),
// or the item goes on after it with what it rates ("Priority: low - the
// bezel has a scratch").
func ratesItem(l string, st, i, j, en int) bool {
	if k := strings.LastIndexByte(l[st:i], '('); k >= 0 && !strings.Contains(l[st+k:i], ")") {
		return true
	}
	if itemMarked(strings.TrimLeft(l[st:i], " \t")) {
		return true
	}
	after := strings.TrimLeft(l[j:en], " ")
	if !hasAnyPrefix(after, []string{"- ", "– ", "— ", ": ", ", "}) {
		return false
	}
	return len(strings.Fields(after)) >= 4
}

// itemMarked: s starts with a list item's number or letter ("1) ", "2. ",
// "b) ").
func itemMarked(s string) bool {
	k := 0
	for k < len(s) && k < 2 && isDigit(s[k]) {
		k++
	}
	if k == 0 && len(s) > 1 && s[0] >= 'a' && s[0] <= 'h' && s[1] == ')' {
		k = 1
	}
	return k > 0 && k+1 < len(s) && (s[k] == ')' || s[k] == '.') && s[k+1] == ' '
}

// labelRating is the level of a Severity/Priority label's value; one tied
// to an item (the value going on with what it rates: "Low - the front
// bezel of the TS-464 has a scratch") is marked for fields to weigh
// against the rest of the mail.
func labelRating(v string) string {
	r := severityOf(v)
	if r == "" {
		return ""
	}
	if k := strings.IndexAny(v, "-–—:,"); k > 0 && len(strings.Fields(v[k:])) >= 5 {
		return itemRatingMark + r
	}
	return r
}

// withoutNames blanks a severity word that is part of a name in title
// case, a capitalised word before it and an organisation's noun after it
// ("I run IT for Northside Urgent Care", "St Mary's Emergency
// Department"): a name says nothing of the fault. A title-case subject
// ("RMA Request Urgent Replacement") keeps its word.
func withoutNames(s string) string {
	var b []byte
	for _, w := range []string{"Urgent ", "Critical ", "Emergency "} {
		for off := 0; ; {
			i := strings.Index(s[off:], w)
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			j := strings.LastIndexByte(strings.TrimRight(s[:i], " "), ' ')
			prev := strings.TrimRight(s[j+1:i], " ")
			next, _, _ := strings.Cut(s[off:], " ")
			if prev == "" || prev[0] < 'A' || prev[0] > 'Z' || strings.ToUpper(prev) == prev || !slices.Contains(nameNouns, strings.TrimRight(next, ".,;:)")) {
				continue
			}
			if b == nil {
				b = []byte(s)
			}
			for k := i; k < off; k++ {
				b[k] = ' '
			}
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// nameNouns end an organisation's name that holds a severity word.
var nameNouns = []string{"Care", "Centre", "Center", "Clinic", "Services", "Service", "Department", "Vets", "Veterinary", "Medical", "Medicine", "Hospital", "Physicians", "Dental", "Plumbing", "Repairs"}

var severityRank = map[string]int{"low": 1, "high": 2, "critical": 3}

// worseSeverity is the worse of two levels.
func worseSeverity(a, b string) string {
	if severityRank[b] > severityRank[a] {
		return b
	}
	return a
}
