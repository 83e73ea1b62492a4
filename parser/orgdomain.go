package parser

import (
	"strings"
	"unicode"
)

// The sender's domain names the organisation more often than not
// ("katrin.vogel@stadtwerke-hainburg.example" signs "Stadtwerke
// Hainburg"): when the signature line read as the company has no company
// form, a line under it that the domain spells is the company, and the
// first is a department ("Einkauf", "Servizi Informatici").

// domainCompany is the first of the signature's first lines that the
// sender's domain spells, "" when none does.
func domainCompany(sig []string, from string) string {
	label := domainLabel(from)
	if len(label) < 4 {
		return ""
	}
	for n, l := range sig {
		if n > 10 {
			break
		}
		t := strings.TrimSpace(l)
		if t == "" || len(t) > 80 || strings.ContainsAny(t, "@:") || digits(t) > 0 {
			continue
		}
		if spelledBy(t, label) {
			return t
		}
	}
	return ""
}

// domainLabel is the name part of the address's domain, letters and
// digits only ("stadtwerke-hainburg.example" -> "stadtwerkehainburg"),
// "" for public mail services.
func domainLabel(addr string) string {
	d := domainOf(addr)
	if d == "" || publicMail[d] {
		return ""
	}
	parts := strings.Split(d, ".")
	if len(parts) < 2 {
		return ""
	}
	name := parts[len(parts)-2]
	if len(parts) >= 3 && len(name) <= 3 { // "example.co.uk"
		name = parts[len(parts)-3]
	}
	return lettersOnly(name)
}

// spelledBy: the line's letters are the domain's label, or the label
// holds its initials-free start of two words at least ("Harlow Finch"
// for harlowfinch, "Stadtwerke Hainburg" for stadtwerke-hainburg).
func spelledBy(line, label string) bool {
	l := lettersOnly(line)
	if len(l) < 4 {
		return false
	}
	return l == label || len(strings.Fields(line)) >= 2 && (strings.HasPrefix(l, label) || strings.HasPrefix(label, l))
}

// lettersOnly lower-cases s and keeps its letters and digits.
func lettersOnly(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
