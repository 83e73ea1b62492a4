package parser

import (
	"regexp"
	"slices"
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
	ix := selfIntro.FindStringSubmatchIndex(text)
	if ix == nil {
		return ""
	}
	// "the driver said we at UPS cannot accept it": someone else's words
	if before := low[sentenceBegins(low[:ix[0]]):ix[0]]; reported(before) || containsAny(before, []string{"said", "told", "says", "wrote"}) {
		return ""
	}
	c, numbered := withPlaceNumber(text[ix[2]:ix[3]], text[ix[3]:])
	if strings.HasPrefix(low[ix[0]:], "we at") || strings.HasPrefix(low[ix[0]:], "here at") {
		if !strings.Contains(strings.TrimSpace(c), " ") {
			// "We at London have had two outages": one word may be a
			// place alone
			return ""
		}
	}
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
	if c == "" || (!numbered && digits(c) > 0) || isTitle(c) || vendorCompany(c) || possessive(c) {
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

// placeParts name a part of a site ("Terminal 5", "Building 3", "Warehouse 3").
var placeParts = []string{"Terminal", "Building", "Site", "Campus", "Hall", "Gate", "Plant", "Floor", "Unit", "Store", "Branch", "Station", "Wing", "Block",
	"Warehouse", "Depot", "Factory", "Facility", "Lab", "Office", "Yard", "Dock", "Tower", "Workshop", "Shop", "Location"}

// withPlaceNumber: a name the number after it ends ("Heathrow Airport
// Terminal 5") loses its trailing site part ("Heathrow Airport"): the
// organisation, not a site of it, nor a part cut at its digit. A number
// the name goes on after ("Gate 5 Logistics", "Studio 54 Ltd") is part of
// the name, which is kept whole (numbered).
func withPlaceNumber(c, rest string) (string, bool) {
	if len(rest) < 2 || rest[0] != ' ' || !isDigit(rest[1]) {
		return c, false
	}
	if m := nameAfterNumber.FindStringSubmatch(rest); m != nil {
		return c + " " + m[1] + m[2], true
	}
	f := strings.Fields(c)
	if len(f) > 1 && slices.Contains(placeParts, f[len(f)-1]) {
		return strings.Join(f[:len(f)-1], " "), false
	}
	return c, false
}

// nameAfterNumber: the name's capitalised words going on after its number
// on the same line ("Gate 5| Logistics", "Pier 39| Seafood").
var nameAfterNumber = regexp.MustCompile(`^ (\d{1,4})((?:[ \t]+(?:[A-Z][\p{L}'’.-]*|&))+)`)

// letterheadCompany is the company a letterhead at the top of the text
// names: its first line, a name ending in a legal form, alone over a rule
// or beside the address after " | " or " · " ("Holloway Ridge Vineyards
// LLC | 4410 Silverado Trail, Napa CA 94558").
func letterheadCompany(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if len(t) > 100 {
			return ""
		}
		if hasAnyPrefix(strings.ToLower(t), []string{"an:", "to:", "attn", "z. hd", "à l'attention", "a la atención"}) || containsAny(strings.ToLower(t), []string{"ticket", "priority", "case #", "request #"}) {
			return "" // an addressee ("An: NetTrade ... GmbH · ..."), a ticket system's header
		}
		segs := companySeps.Split(joinLegalForm(t), 2)
		first := strings.TrimSpace(strings.ReplaceAll(segs[0], legalComma, ", "))
		if !endsWithLegalForm(first) || isTitle(first) || len(strings.Fields(first)) > 7 {
			return ""
		}
		if len(segs) == 2 && (strings.Contains(t, " | ") || strings.Contains(t, " · ")) {
			return first
		}
		if len(segs) == 1 && i+1 < len(lines) && len(strings.TrimSpace(lines[i+1])) >= 3 && strings.Trim(strings.TrimSpace(lines[i+1]), "-=_") == "" {
			return first
		}
		return ""
	}
	return ""
}

// publicBodies and streetWords: a public body's word after a street word
// names a square ("place de la Mairie"), not the body (isCompany).
var (
	publicBodies = nameSet("mairie", "comune", "ayuntamiento", "gemeinde", "gemeente", "council", "urząd", "gmina", "kommun", "kommune", "hôpital", "ospedale", "hospital", "university", "universität", "université", "universidad", "università")
	streetWords  = nameSet("place", "piazza", "plaza", "platz", "praça", "plein", "rue", "via", "calle", "largo", "avenida", "avenue", "viale", "corso", "strada", "carrer", "plaça", "road", "street", "straße", "strasse", "weg", "allee", "ul.", "plac", "square", "rua", "chemin", "boulevard")
)

// isCompany says s names a company form ("Ltd", "GmbH", "S.r.l.",
// "株式会社", "University", "Labs"...). It looks words up rather than run
// an alternation of sixty forms: it runs on every line of a signature.
func isCompany(s string) bool {
	if containsAny(s, cjkCompanyForms) {
		return true
	}
	low := lowerKeep(s)
	if strings.Contains(low, "sp. z o.o") || strings.Contains(low, "sp.z o.o") {
		return true
	}
	street := false
	for _, w := range strings.FieldsFunc(low, func(r rune) bool {
		return r == ' ' || r == ',' || r == '(' || r == ')' || r == '|' || r == '·' || r == ';' || r == '\t' || r == '"'
	}) {
		if isForm(w, companyForms) && (!street || !publicBodies[w]) {
			return true
		}
		street = street || streetWords[w] // "2 place de la Mairie": a square
	}
	return false
}
