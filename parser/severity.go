package parser

import (
	"regexp"
	"strings"
)

var (
	sevCritical = regexp.MustCompile(`(?i)\b(critical|emergency|outage|production (is )?down|(is|are|went|goes|server|system|network|site|completely|totally) down|down since|data loss|losing data|kritisch|ausfall|critique|panne totale)\b`)
	// urgency is the customer's, not the unit's state: without words that
	// say the unit is out of service (critical), an urgent request is high
	sevUrgent = regexp.MustCompile(`(?i)\b(urgent|urgently|dringend|urgente)\b`)
	sevHigh   = regexp.MustCompile(`(?i)\b(degraded|degradiert|dégradé|degradato|degradado|gedegradeerd|intermittent(ly)?|randomly|sporadic(ally)?|keeps? (rebooting|restarting|crashing|dropping|disconnecting)|drops? (the )?(link|connection)|every few (seconds|minutes|hours)|performance (issue|problem|drop)|unstable|sporadisch|instable)\b`)
	sevLow    = regexp.MustCompile(`(?i)\b(not urgent|nothing urgent|not (very|too|that|so) urgent|no urgency|no hurry|no rush|low priority|cosmetic|not critical|when you (get|have) (a chance|time)|` + notUrgentOther + `|` + cosmeticOther + `)\b`)
)

// notUrgentOther is "not urgent" / "no rush" as people write it in the
// other languages the desk receives; like the English words it is the
// customer's own low rating of the request.
const notUrgentOther = `nessuna urgenza|non (è )?urgente|senza fretta|nicht (so )?(dringend|eilig)|keine eile|(n'est )?pas urgente?|rien d'urgent|sans urgence|` +
	`no es urgente|no urge|sin prisa|sin urgencia|no hay prisa|não é urgente|sem pressa|sem urgência|niet (dringend|urgent)|geen haast|` +
	`nie jest (to )?pilne|niepilne|inte brådskande|ingen brådska|niente di urgente|nada urgente|nichts dringendes|acil değil`

// cosmeticOther is "cosmetic (only)" in the other languages: a defect of
// the look, the seed's and the labellers' Low.
const cosmeticOther = `estético|estética|estetico|estetica|cosmético|cosmetico|cosmétique|esthétique|kosmetisch|rein optisch|nur optisch|kosmetyczn|cosmetisch|kozmetik`

// notUrgentCJK: the same in Japanese, Chinese and Korean, where Go's \b
// (ASCII word boundaries) cannot frame the words, so they are found as
// substrings.
var notUrgentCJK = []string{"急ぎではありません", "急ぎではない", "急ぎません", "至急ではありません", "不着急", "不紧急", "不緊急", "급하지 않", "급한 건 아니", "不急"}

// severityOf maps a stated severity/priority to critical|high|low.
func severityOf(v string) string {
	l := strings.ToLower(strings.TrimSpace(withoutLinks(v)))
	switch {
	case l == "":
		return ""
	case strings.Contains(l, "crit") || strings.Contains(l, "urgent") || strings.Contains(l, "emergency") || strings.Contains(l, "blocker") ||
		strings.HasPrefix(l, "p1") || strings.HasPrefix(l, "sev1") || strings.HasPrefix(l, "sev 1") || l == "1" || strings.Contains(l, "kritisch") || strings.Contains(l, "dringend") || strings.Contains(l, "緊急") ||
		strings.Contains(l, "kritiek") || strings.Contains(l, "crític") || strings.Contains(l, "krytycz") || strings.Contains(l, "严重") || strings.Contains(l, "嚴重") || strings.Contains(l, "긴급") || containsAny(l, ratingCritical):
		return "critical"
	case strings.Contains(l, "high") || strings.Contains(l, "hoch") || strings.Contains(l, "élevé") || strings.Contains(l, "haute") || strings.Contains(l, "major") || strings.Contains(l, "hoog") || strings.Contains(l, "alta") || strings.Contains(l, "alto") || strings.Contains(l, "wysok") || strings.Contains(l, "hög") ||
		strings.HasPrefix(l, "p2") || strings.HasPrefix(l, "sev2") || strings.HasPrefix(l, "sev 2") || l == "2" || strings.Contains(l, "高") || containsAny(l, ratingHigh):
		return "high"
	case strings.Contains(l, "low") || strings.Contains(l, "niedrig") || strings.Contains(l, "faible") || strings.Contains(l, "basse") || strings.Contains(l, "minor") || strings.Contains(l, "laag") || strings.Contains(l, "baja") || strings.Contains(l, "bajo") || strings.Contains(l, "bassa") || strings.Contains(l, "basso") || strings.Contains(l, "baixa") || strings.Contains(l, "baixo") || strings.Contains(l, "nisk") || strings.Contains(l, "låg") ||
		strings.Contains(l, "medium") || strings.Contains(l, "normal") || strings.Contains(l, "moderate") || strings.Contains(l, "mittel") || strings.Contains(l, "moyen") ||
		strings.HasPrefix(l, "p3") || strings.HasPrefix(l, "p4") || l == "3" || l == "4" || strings.Contains(l, "低") || strings.Contains(l, "中") || containsAny(l, ratingLow):
		return "low"
	}
	return ""
}

// The level words of a "Priority:" value in the languages the checks above
// do not spell: Korean, Turkish, Russian, Czech, Swedish, Danish and
// Norwegian, Finnish.
var (
	ratingCritical = []string{"kritik", "acil", "критич", "срочн", "kritick", "kriittinen"}
	ratingHigh     = []string{"높음", "높은", "yüksek", "высок", "vysok", "høj", "korkea"}
	ratingLow      = []string{"낮음", "낮은", "보통", "düşük", "orta", "низк", "средн", "nízk", "střed", "lav", "matala", "normaali"}
)

// severityFromWords reads a severity from clear words in the problem.
// The regexps run only on windows around their trigger words.
func severityFromWords(s string) string {
	s = withoutNames(withoutLinks(s))
	if strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "’", "'") // "won’t turn on"
	}
	l := lowerKeep(s)
	if r, tied, rest := statedRatingOf(l); r != "" {
		if !tied {
			return r
		}
		// a rating of one item: the worst of it and the other items' faults
		return worseSeverity(r, severityFromWords(rest))
	}
	facts := sevFacts.kinds(l)
	if s2 := withoutSuppositions(s, l, facts); s2 != s {
		// "What would happen if one PSU failed?", "If it ever goes down,
		// nobody can work": no fault of the unit
		s, l = s2, lowerKeep(s2)
	}
	if s2 := withoutOwnStops(s, l, facts); s2 != s {
		s, l = s2, lowerKeep(s2)
	}
	k := severityPhrases.kindsVetoed(l, func(l string, i, j int) bool { return severityVeto(l, i, j, facts) })
	// closedNow scans the whole text for many phrases: read once
	closed := closedNow(l, facts)
	r := seedSeverity(l, k, closed)
	if r == "low" && !closed && readOpenConcepts(l, facts).level == "critical" {
		// "both controllers show 'pool faulted' ... 200 workstations
		// can't log in": a failed part is low only while the unit serves
		return "critical"
	}
	if r == "" {
		if closed {
			return "" // nothing of a fault that is over
		}
		if r = wordSeverity(s, l, k); r == "" {
			return readOpenConcepts(l, facts).level
		}
	}
	if r == "critical" && k&kTotal == 0 && !closed && readOpenConcepts(l, facts).passing {
		// "restarts by itself 5 or 6 times a day ... the website is
		// down each time some minutes": the seed's intermittent
		// impact, high
		return "high"
	}
	return r
}

// wordSeverity is the older word reading: urgency, "outage", "degraded".
func wordSeverity(s, l string, k phraseKinds) string {
	if strings.Contains(l, "down") && downBy.MatchString(l) {
		// "write performance is down about 30%": a drop, not an outage
		s = downBy.ReplaceAllString(s, "  ")
		l = lowerKeep(s)
	}
	switch {
	case sevWordIndex.kinds(l) == 0:
		return ""
	case nearLow.match(s, l) || containsAny(l, notUrgentCJK):
		return "low"
	case k&kComponent == 0 && (k&kStillServes == 0 || servingNow.kinds(l) == 0) && assertedCritical(l) && nearCritical.match(s, l):
		// (a serving phrase denied, "none of the shares are reachable",
		// says the unit does not serve)
		return "critical"
	case strings.Contains(l, "緊急") || nearUrgent.match(s, l):
		return "high"
	case nearHigh.match(s, l):
		// a RAID set or pool running degraded still serves: the seed's
		// "somewhat degraded but it can still provide service"
		if storageDegraded.MatchString(l) && !nearHighNotDegraded.match(s, l) {
			return "low"
		}
		if k&kStillServes != 0 && servingNow.kinds(l) != 0 {
			// "beeping every few minutes ... everything still works": no
			// interruption the seed reading found, and the unit serves
			return "low"
		}
		return "high"
	}
	return ""
}

// nearTest is a matchNear of re with its trigger words, the text first
// tested for any of them in one pass (a strings.Index per word scanned
// the text some thirty times for each test).
type nearTest struct {
	re       *regexp.Regexp
	triggers []string
	set      *phraseSet
}

func newNearTest(re *regexp.Regexp, triggers []string) nearTest {
	return nearTest{re, triggers, newPhraseSet(triggers)}
}

func (t nearTest) match(s, lower string) bool {
	return t.set.in(lower) && matchNear(t.re, s, lower, t.triggers)
}

var (
	nearLow             = newNearTest(sevLow, sevLowWords)
	nearCritical        = newNearTest(sevCritical, sevCriticalWords)
	nearUrgent          = newNearTest(sevUrgent, sevUrgentWords)
	nearHigh            = newNearTest(sevHigh, sevHighWords)
	nearHighNotDegraded = newNearTest(sevHigh, sevHighNotDegraded)
)

var (
	sevLowWords = []string{"not urgent", "nothing urgent", "urgency", "hurry", "no rush", "estétic", "estetic", "cosmétic", "cosmetic", "esthétique", "kosmeti", "optisch", "kozmetik", "acil", "low priority", "cosmetic", "not critical", "when you", "urgenza", "urgente", "fretta", "dringend", "eilig", "eile",
		"urgent", "urge", "prisa", "urgencia", "pressa", "urgência", "haast", "pilne", "brådsk"}
	sevCriticalWords = []string{"critical", "emergency", "outage", "down", "data loss", "losing data", "kritisch", "ausfall", "critique", "panne totale"}
	sevUrgentWords   = []string{"urgent", "dringend"}
	// sevHighNotDegraded: the high triggers other than "degraded"
	sevHighNotDegraded = []string{"drop", "every few", "intermittent", "random", "sporadic", "keep", "performance", "unstable", "sporadisch", "instable"}
	storageDegraded    = regexp.MustCompile(`\b(raid|pool|array|volume|storage|raid-gruppe|speicherpool|havuz\w*|pula|grupa raid|matriz|volumen|gruppo raid|conjunto|lagringspool)\b[^.\n]{0,40}\b(degraded|degradiert|dégradé|degradato|degradado)|\b(degraded|degradiert)\s+(raid|pool|array|volume|mode)`)
	sevHighWords       = []string{"drop", "every few", "degraded", "degradiert", "dégradé", "degradato", "degradado", "gedegradeerd", "intermittent", "random", "sporadic", "keep", "performance", "unstable", "sporadisch", "instable"}
)

var sevWordIndex = newPhraseIndex(sevWords)

// sevWords is a cheap pre-filter that keeps the case-insensitive severity
// regexps (slow in Go's RE2 engine) off text that cannot match.
var sevWords = []string{"drop", "every few", "degrad", "dégradé", "critical", "urgent", "emergency", "outage", "down", "data loss", "losing data", "kritisch", "dringend",
	"ausfall", "critique", "panne", "緊急", "degraded", "intermittent", "random", "sporadic", "keep", "performance",
	"unstable", "instable", "rush", "priority", "cosmetic", "when you", "urgenza", "fretta", "eilig", "eile", "urge", "prisa", "urgencia", "pressa", "urgência",
	"haast", "pilne", "brådsk", "急ぎ", "至急", "急", "급", "hurry", "estétic", "estetic", "cosmétic", "esthétique", "kosmeti", "optisch", "kozmetik", "acil"}

// withoutLinks blanks the words of s that are URLs, host names, e-mail
// addresses or references ("https://kb/high-availability", "urgent@x",
// "CRIT-4711"): a severity word inside them says nothing about the fault.
// Everything else, line breaks included, stays where it was.
func withoutLinks(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") && !strings.Contains(s, "@") && !hasRefDash(s) {
		return s
	}
	var b []byte // a copy made at the first word blanked
	for i := 0; i < len(s); {
		if isSpaceByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && !isSpaceByte(s[j]) {
			j++
		}
		t := trimPunct(s[i:j])
		if strings.Contains(t, "://") || hasPrefixFold(t, "www.") || strings.Contains(t, "@") || isRefWord(t) {
			if b == nil {
				b = []byte(s)
			}
			for k := i; k < j; k++ {
				b[k] = ' '
			}
		}
		i = j
	}
	if b == nil {
		return s
	}
	return string(b)
}

// linkPunct are the bytes around a link or an address in prose.
var linkPunct = func() (t [256]bool) {
	for _, c := range []byte("()[]<>{}\"',.;:!?") {
		t[c] = true
	}
	return t
}()

// trimPunct is strings.Trim(w, linkPunct) without building the cutset on
// every word.
func trimPunct(w string) string {
	i, j := 0, len(w)
	for i < j && linkPunct[w[i]] {
		i++
	}
	for j > i && linkPunct[w[j-1]] {
		j--
	}
	return w[i:j]
}

// hasRefDash reports a '-' followed by a digit, as in "TKT-100042".
func hasRefDash(s string) bool {
	for i := strings.IndexByte(s, '-'); i >= 0 && i+1 < len(s); {
		if isDigit(s[i+1]) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '-')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// isRefWord reports a reference: letters, a '-' and digits to the end.
func isRefWord(t string) bool {
	i := strings.LastIndexByte(t, '-')
	if i <= 0 || i == len(t)-1 {
		return false
	}
	for j := i + 1; j < len(t); j++ {
		if !isDigit(t[j]) {
			return false
		}
	}
	return true
}

// assertedCritical: one of the critical words is the customer's, not
// negated ("This is NOT a critical issue", "never goes down"), reported
// ("your colleague said it is critical") or naming something else ("a
// critical security update", "critical alert").
func assertedCritical(l string) bool {
	for _, w := range sevCriticalWords {
		for off := 0; off < len(l); {
			i := strings.Index(l[off:], w)
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			before := l[clauseStart(l[:i]):i]
			if negated.MatchString(lastWords(before, 3)) || reported(before) || otherDeviceAt(l, i) {
				continue
			}
			next, _, _ := strings.Cut(strings.TrimLeft(l[off:], " "), " ")
			switch strings.Trim(next, ".,;:!") {
			case "update", "updates", "security", "patch", "patches", "alert", "alerts", "error", "errors", "warning", "warnings", "event", "events", "fix", "fixes", "firmware":
				continue
			}
			return true
		}
	}
	return false
}
