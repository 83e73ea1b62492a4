package parser

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Zone abbreviations seen in Date headers (RFC 5322 section 4.3 plus common
// ones). Mapped here so parsing never depends on the host's time zone.
var zoneAbbr = map[string]string{
	"UT": "+0000", "UTC": "+0000", "GMT": "+0000", "Z": "+0000", "WET": "+0000", "BST": "+0100",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"CET": "+0100", "CEST": "+0200", "MET": "+0100", "MEST": "+0200", "EET": "+0200", "EEST": "+0300",
	"JST": "+0900", "KST": "+0900", "HKT": "+0800", "SGT": "+0800", "IST": "+0530",
	"AEST": "+1000", "AEDT": "+1100", "NZST": "+1200", "NZDT": "+1300",
}

var mailDateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 -0700",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04 -0700",
	"2-Jan-2006 15:04:05 -0700",
	"2-Jan-06 15:04:05 -0700",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2 15:04:05 2006 -0700",
	"Jan 2 15:04:05 -0700 2006",
	"January 2 2006 15:04:05 -0700",
	"January 2 2006 3:04 PM -0700",
	"January 2 2006 3:04:05 PM -0700",
	"Jan 2 2006 3:04 PM -0700",
	"2006-01-02T15:04:05 -0700",
	"2006-01-02T15:04:05.999999999 -0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04 -0700",
	"2006/01/02 15:04:05 -0700",
	"2 Jan 2006 -0700",
	"2006-01-02 -0700",
}

// numericZoneDate reports a date whose last token (before an optional
// comment) is a numeric zone such as +0100.
func numericZoneDate(s string) bool {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, " \t")
	if len(s) < 6 {
		return false
	}
	z := s[len(s)-5:]
	if z[0] != '+' && z[0] != '-' || s[len(s)-6] != ' ' {
		return false
	}
	for i := 1; i < 5; i++ {
		if !isDigit(z[i]) {
			return false
		}
	}
	return true
}

var (
	weekdayPrefix = regexp.MustCompile(`(?i)^\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*,?\s*`)
	numZone       = regexp.MustCompile(`^[+-]\d{4}$`)
	colonZone     = regexp.MustCompile(`^[+-]\d\d:\d\d$`)
)

// parseMailDate reads a Date header tolerantly and returns it in UTC, or the
// zero time. A missing zone is read as UTC.
func parseMailDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC()
	}
	if numericZoneDate(s) {
		// The exact RFC 5322 form most mailers write, with or without a
		// comment after the zone: one layout is much cheaper than the list
		// net/mail tries.
		if t, err := time.Parse("Mon, 2 Jan 2006 15:04:05 -0700", s); err == nil && t.Year() >= 1970 && t.Year() <= 2200 {
			return t.UTC()
		}
		// The common case, "Fri, 14 Mar 2025 08:47:21 +0100": net/mail reads
		// it exactly (a named zone would get a made-up zero offset there).
		if t, err := mail.ParseDate(s); err == nil && t.Year() >= 1970 && t.Year() <= 2200 {
			return t.UTC()
		}
	}
	return parseMailDateSlow(s)
}

// parseMailDateSlow is the tolerant reader behind parseMailDate.
func parseMailDateSlow(s string) time.Time {
	// Drop comments, the weekday, commas and "at".
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	s = weekdayPrefix.ReplaceAllString(s, "")
	s = strings.NewReplacer(",", " ", " at ", " ").Replace(s)
	fs := strings.Fields(s)
	// Keep tokens up to the zone; turn a named zone into an offset.
	zone := ""
	var keep []string
	for _, f := range fs {
		uf := strings.ToUpper(strings.Trim(f, "\"."))
		switch {
		case numZone.MatchString(f):
			zone = f
		case colonZone.MatchString(f):
			zone = f[:3] + f[4:]
		case zoneAbbr[uf] != "" && len(keep) >= 3:
			zone = zoneAbbr[uf]
		case (strings.HasPrefix(uf, "GMT") || strings.HasPrefix(uf, "UTC")) && len(uf) > 3 && len(keep) >= 3:
			// GMT+0100 / UTC-05:00
			z := strings.ReplaceAll(uf[3:], ":", "")
			if len(z) == 3 {
				z = z[:1] + "0" + z[1:] + "00"
			} else if len(z) == 2 {
				z = z[:1] + "0" + z[1:] + "00"
			}
			if numZone.MatchString(z) {
				zone = z
			}
		case strings.HasSuffix(uf, "Z") && strings.Count(f, ":") >= 1 && len(keep) >= 1:
			keep = append(keep, strings.TrimSuffix(strings.TrimSuffix(f, "Z"), "z"))
			zone = "+0000"
		default:
			if zone == "" {
				keep = append(keep, f)
			}
			continue
		}
		if zone != "" {
			break
		}
	}
	if zone == "" {
		zone = "+0000"
	}
	// A year written after the time ("Mon Jan 2 15:04:05 2006 -0700" style).
	v := strings.Join(keep, " ") + " " + zone
	for _, l := range mailDateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			if t.Year() < 1970 || t.Year() > 2200 {
				return time.Time{}
			}
			return t.UTC()
		}
	}
	return time.Time{}
}

var (
	isoDate    = regexp.MustCompile(`\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	numDate    = regexp.MustCompile(`\b(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)?\d\d)\b`)
	monthFirst = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*((?:19|20)\d\d)\b`)
	dayFirstRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th|er|º)?(?:\.?\s*|-)(?:of\s+|de\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mär|maerz|mai|juni|juli|okt|dez|janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|` +
		`gen|mag|giu|lug|ago|set|ott|dic|ene|abr|maa|mei|okt|fev|out|maj)[a-zéèûç]*(?:\.?,?\s+|-)(?:del?\s+)?((?:19|20)\d\d)\b`)
	jaDate      = regexp.MustCompile(`((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]`)
	monthByName = map[string]int{
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
		"januar": 1, "februar": 2, "märz": 3, "mär": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7, "okt": 10, "dez": 12,
		"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
		"septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
		"gen": 1, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "dic": 12, "ene": 1, "abr": 4, "maa": 3, "mei": 5,
		// Portuguese "fevereiro", "outubro" ("março" is "mar" then "ço"),
		// Swedish and Danish "maj"
		"fev": 2, "out": 10, "maj": 5,
	}
)

// findDate returns the first date in s as YYYY-MM-DD. Numeric dates where
// only one order is valid are read that way; ambiguous ones (04/05/2025)
// follow dayFirst. Dotted dates (14.03.2025) are day first (the European
// convention).
func findDate(s string, dayFirst bool) (string, int) {
	type cand struct {
		pos int
		val string
	}
	best := cand{pos: -1}
	try := func(pos int, y, mo, d int) {
		if !validDate(y, mo, d) {
			return
		}
		if best.pos < 0 || pos < best.pos {
			best = cand{pos, ymd(y, mo, d)}
		}
	}
	// Cheap pre-filters: every date has a digit; month names need a
	// letter; ISO dates a 4-digit year; Japanese dates 年.
	if !strings.ContainsAny(s, "0123456789") {
		return "", -1
	}
	letters := false
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' || s[i] >= utf8.RuneSelf {
			letters = true
			break
		}
	}
	if hasYearRun(s) {
		if m := isoDate.FindStringSubmatchIndex(s); m != nil {
			try(m[0], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
		}
	}
	if strings.Contains(s, "年") || strings.Contains(s, "년") {
		if m := jaDate.FindStringSubmatchIndex(s); m != nil {
			try(m[0], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
		}
	}
	if !letters || !containsAny(lowerKeep(s), monthStems) {
		goto numeric
	}
	if m := monthFirst.FindStringSubmatchIndex(s); m != nil {
		try(m[0], atoi(s[m[6]:m[7]]), monthByName[strings.ToLower(s[m[2]:m[3]])], atoi(s[m[4]:m[5]]))
	}
	if m := dayFirstRe.FindStringSubmatchIndex(s); m != nil {
		name := strings.ToLower(s[m[4]:m[5]])
		mo := monthByName[name]
		if mo == 0 && len(name) >= 3 {
			mo = monthByName[name[:3]]
		}
		try(m[0], atoi(s[m[6]:m[7]]), mo, atoi(s[m[2]:m[3]]))
	}
numeric:
	if !strings.ContainsAny(s, "./-") {
		return best.val, best.pos
	}
	for _, m := range numDate.FindAllStringSubmatchIndex(s, 4) {
		// skip the inside of an ISO date
		if m[0] > 0 && (s[m[0]-1] == '-' || s[m[0]-1] == '/') {
			continue
		}
		a, b := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]])
		y := atoi(s[m[6]:m[7]])
		if y < 100 {
			y += 2000
		}
		sep := s[m[2]+len(s[m[2]:m[3]])]
		var mo, d int
		switch {
		case a > 12 && b <= 12:
			d, mo = a, b
		case b > 12 && a <= 12:
			mo, d = a, b
		case sep == '.' || dayFirst:
			d, mo = a, b
		default:
			mo, d = a, b
		}
		try(m[0], y, mo, d)
		break
	}
	if best.pos < 0 && strings.Contains(s, ". ") && hasYearRun(s) {
		// "9. 5. 2025": Czech, Slovak and Polish space the dotted date
		// (day first, its year in full)
		if m := spacedDate.FindStringSubmatchIndex(s); m != nil {
			try(m[0], atoi(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]]))
		}
	}
	return best.val, best.pos
}

// spacedDate is a dotted date with a space after each point.
var spacedDate = regexp.MustCompile(`\b(\d{1,2})\. (\d{1,2})\. ((?:19|20)\d\d)\b`)

// monthStems are the first three letters of every month name the date
// regexps know: a string without one has no written month.
var monthStems = func() []string {
	seen := map[string]bool{}
	var out []string
	for name := range monthByName {
		r := []rune(name)
		stem := string(r[:min(3, len(r))])
		if !seen[stem] {
			seen[stem] = true
			out = append(out, stem)
		}
	}
	return out
}()

// hasYearRun reports four digits in a row starting 19 or 20.
func hasYearRun(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func validDate(y, mo, d int) bool {
	if y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func ymd(y, mo, d int) string {
	return strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
