package parser

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// isAttribution reports an attribution line; the cheap suffix test keeps
// the regexp off ordinary lines.
func isAttribution(t string) bool {
	if len(t) > 600 {
		return false
	}
	if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") && !(len(t) >= 5 && strings.EqualFold(t[len(t)-5:], "wrote")) {
		return false
	}
	// Gmail in many languages: "2025年3月17日(月) 10:15 Name <addr>:".
	if strings.HasSuffix(t, ">:") && strings.Contains(t, "@") && strings.Contains(t, "<") && hasDigitRun(t, 2) {
		return true
	}
	l := strings.ToLower(t)
	// The English forms, most of them, without the regexp: anything of
	// four or more characters, a space, then "wrote" and maybe a colon.
	if e := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(l, " \t"), ":"), " \t"); strings.HasSuffix(e, "wrote") {
		if head := e[:len(e)-len("wrote")]; len(head) >= 4 && utf8.RuneCountInString(head) <= 301 && (strings.HasSuffix(head, " ") || strings.HasSuffix(head, "\t")) {
			return true
		}
	}
	for _, k := range attributionWords {
		if strings.Contains(l, k) {
			return attribution.MatchString(l)
		}
	}
	return false
}

// clientAttribution reports an attribution a mail client wrote (a time of
// day and an address or a year: "On Mon, Mar 9, 2026 at 10:00 AM Support
// <support@desk.example> wrote:"): history follows it even when the client
// did not mark the quoted lines with ">", as Outlook and phones often do,
// and the desk's own words quoted back must not become the customer's
// fields. A person's "On Monday the controller wrote:" has neither.
func clientAttribution(t string) bool {
	timeOfDay := false
	for i := 1; i+2 < len(t); i++ {
		if t[i] == ':' && isDigit(t[i-1]) && isDigit(t[i+1]) && isDigit(t[i+2]) {
			timeOfDay = true
			break
		}
	}
	at, year := strings.Contains(t, "@"), hasDigitRun(t, 4) || slashDate.MatchString(t)
	if !(timeOfDay && (at || year) || at && year) {
		return false
	}
	// "On 15 March 2026 at 03:14 the NAS wrote:" quotes a device's log,
	// not a mail: a client names the writer, never "the NAS"
	return !deviceWrote.MatchString(t)
}

var (
	slashDate   = regexp.MustCompile(`\b\d{1,2}[/.]\d{1,2}[/.]\d{2}\b`)
	deviceWrote = regexp.MustCompile(`(?i)\b(the|our|my|a|an|its)\s+[\w-]+(\s+[\w-]+)?\s+(wrote|logged|reported|said)\b`)
)

// mayEndAttribution is the cheap suffix test of isAttribution for the
// second line of an attribution wrapped over two lines.
func mayEndAttribution(l string) bool {
	t := strings.TrimRight(l, " \t")
	return strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：") || len(t) >= 5 && strings.EqualFold(t[len(t)-5:], "wrote")
}

// hasDigitRun reports n digits in a row (a date or time in an attribution).
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

var attributionWords = []string{"wrote", "schrieb", "écrit", "escribió", "scritto", "schreef", "escreveu", "napisał", "skrev",
	"のメッセージ", "のメール", "書きました", "写道", "寫道"}
