package parser

import (
	"regexp"
	"strings"
)

// selfIntroduced is the company a writer names as their own in a sentence
// when no signature, notice or address did: "We at Northwind Traders have
// ...", "I'm the IT admin for Dunmore Dental", "I work at Kestrel Media",
// "ich bin IT-Administrator bei Müller Logistik", "je travaille chez
// Dupont Frères". The name is the run of capitalised words after the
// words; a lower-case word, a digit or punctuation ends it. "" when none
// reads as a name (a place, "our office", a vendor).
func selfIntroduced(text string) string {
	if len(text) > 3<<10 {
		text = cutUTF8(text, 3<<10) // the introduction opens a mail
	}
	low := strings.ToLower(text)
	if !containsAny(low, selfIntroWords) {
		return ""
	}
	m := selfIntro.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	c := m[1]
	if i := strings.IndexAny(c, "\n\r"); i >= 0 {
		c = c[:i] // the name does not run over a line break
	}
	if i := strings.Index(c, ". "); i >= 0 {
		c = c[:i] // nor past its sentence: "bei Müller Logistik. Unser TS-873A"
	}
	c = strings.TrimRight(c, " .,&")
	for _, w := range []string{" of", " and", " de", " du", " für", " di", " del"} {
		c = strings.TrimRight(strings.TrimSuffix(c, w), " .,&") // "Dunmore Dental and we ..."
	}
	if c == "" || digits(c) > 0 || isTitle(c) || vendorCompany(c) || possessive(c) {
		return ""
	}
	switch strings.ToLower(strings.Fields(c)[0]) {
	case "the", "a", "an", "our", "my", "home", "der", "die", "das", "le", "la", "el", "il":
		return ""
	}
	return c
}

// selfIntroWords are the literals one of which every selfIntro match holds.
var selfIntroWords = []string{"we at ", "here at ", "i'm ", "i am ", "i work ", "i do ", " bei ", " chez ", "trabajo en ", "lavoro presso ", "lavoro per "}

var selfIntro = regexp.MustCompile(`(?:\b[Ww]e at|\b[Hh]ere at|\bI(?:'m| am)\s+(?:the|an?)\s+(?:(?:IT|network|system|systems|office|site)\s+)?(?:admin|administrator|manager|engineer|technician|person|guy|contact)\s+(?:for|at)|` +
	`\bI\s+(?:work|do (?:the )?IT)\s+(?:at|for)|\b(?:[Ii]ch bin|[Ii]ch arbeite)\s+(?:(?:der|die|als)\s+)?(?:IT-?\s?(?:Admin|Administrator(?:in)?|Leiter(?:in)?)\s+)?bei|` +
	`\b(?:[Jj]e suis|[Jj]e travaille)\s+(?:(?:l'|le |la )?(?:administrat(?:eur|rice)|responsable informatique|informaticien(?:ne)?)\s+)?chez|\b[Tt]rabajo en|\b[Ll]avoro (?:presso|per))\s+` +
	`((?:[A-Z][\p{L}'’.-]*|&)(?:\s+(?:[A-Z][\p{L}'’.-]*|&|of|and|de|du|für|di|del))*)`)
