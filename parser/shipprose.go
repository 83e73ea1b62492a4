package parser

import (
	"regexp"
	"strings"
)

// shipRequest is a request, in a sentence, to ship to an address: "please
// send it to our lab at 17 Example Lane, Brighton BN1 1AA", "kindly
// deliver the replacement to Unit 4, ...", or a "Ship to:" label inside a
// sentence. Only "please/kindly <verb>" counts: "you could send it to",
// "last time you sent it to", "please don't send it to" and "his lab at"
// name addresses the goods must not go to.
var shipRequest = regexp.MustCompile(`(?i)(?:\b(?:please|kindly)\s+(?:send|ship|deliver|post|courier|return)\b[^.;:!?\n]{0,60}?\bto\s+` +
	`(?:(?:our|my|the)\s+[\p{L}' -]{1,30}?\s+(?:at|in)\s+)?|\bship to:\s*)` +
	`([0-9\p{L}][^;!?\n]{5,200})`)

// shipWords keep the regexp off lines that cannot match.
var shipWords = []string{"please", "kindly", "ship to:"}

// proseShipTo is the address of the first affirmative shipping request in
// lines (those a label used are skipped): the address alone, ended at the sentence's end or at what is no
// longer the address ("instead of ...", "; deliveries Mon-Fri"). "" when
// none reads as an address.
func proseShipTo(lines, low []string, used []bool) string {
	for i, l := range lines {
		if used != nil && used[i] || !containsAny(low[i], shipWords) {
			continue
		}
		for _, mm := range shipRequest.FindAllStringSubmatchIndex(l, 4) {
			before := l[clauseStart(l[:mm[0]]):mm[0]]
			if negated.MatchString(before) || conditionWord.MatchString(strings.ToLower(before)) ||
				negated.MatchString(l[mm[0]:mm[2]]) {
				continue
			}
			if a := addressOf(l[mm[2]:mm[3]]); a != "" {
				return a
			}
		}
	}
	return ""
}

// addressOf cuts the address off the rest of its sentence and checks that
// it reads as one: a number, a comma between its parts, not a question.
func addressOf(s string) string {
	low := strings.ToLower(s)
	end := len(s)
	for _, stop := range addressStops {
		if i := strings.Index(low, stop); i >= 0 && i < end {
			end = i
		}
	}
	// a sentence ends at ". " (not inside "St. John's" with a capital
	// after it: an address goes on with a number or a capital, too; the
	// request is over when a new sentence starts with a common word)
	for off := 0; off < end; {
		i := strings.Index(s[off:end], ". ")
		if i < 0 {
			break
		}
		i += off
		if next := strings.Fields(s[i+2:]); len(next) > 0 && sentenceStart[strings.ToLower(next[0])] || i > 0 && isDigit(s[i-1]) || i > 1 && s[i-1] >= 'A' && s[i-1] <= 'Z' && s[i-2] >= 'A' && s[i-2] <= 'Z' {
			end = i
			break
		}
		off = i + 2
	}
	a := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[:end]), ".,"))
	if first, _, _ := strings.Cut(strings.ToLower(a), " "); notOurs[first] {
		return "" // "to his lab at ...", "to your warehouse at ..."
	}
	if len(a) < 8 || len(a) > 150 || !hasDigit(a) || !strings.Contains(a, ",") || strings.ContainsAny(a, "@?") || negated.MatchString(a) {
		return ""
	}
	return a
}

// notOurs start a place that is someone else's.
var notOurs = map[string]bool{"his": true, "her": true, "their": true, "your": true, "its": true, "him": true, "them": true, "a": true, "an": true}

// addressStops end an address written in a sentence.
var addressStops = []string{" instead of ", " rather than ", "; ", " - ", " – ", " (", ", deliveries", ", delivery", ", someone", ", which",
	", where", ", as ", ", thanks", ", thank you", ", please", ", but ", " and not ", ", not ", " asap", " as soon as", " by friday",
	" before ", " for testing", " thanks", " if ", " unless ", " once ", " when "}
