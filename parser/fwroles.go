package parser

import "strings"

// A labelled firmware value that is a sentence about versions ("the update
// to 5.2 was planned but we stayed on 5.1.4.2596", "updated from 5.1.4.2596
// to 5.2.0.2782 last week") is read version by version, each by its role
// in its clause: a version left behind ("from X", "used to", "vorher"), one
// still to come (a plan, a schedule, a failed attempt, "not yet updated to
// X"), or the one running ("currently", "still on", "rolled back to X", a
// past "updated to X", a clause of the value alone). The unit runs the last
// running one named; a value naming only plans and old ones gives none.

// fwClauseSeps end a clause of a firmware value.
var fwClauseSeps = strings.NewReplacer(". ", "|", "? ", "|", "! ", "|", ",", "|", ";", "|", " but ", "|", " aber ", "|", " mais ", "|", " pero ", "|", " then ", "|", " dann ", "|",
	" puis ", "|", " - ", "|", " – ", "|", "[", "|", "]", "|", "(", "|", ")", "|")

// Role words, lower case: a clause naming a plan's (or failed attempt's)
// version, an old one, or the running one.
var (
	fwPlanCues = []string{"will ", "plan ", "plans", "planned", "planning", "planen", "schedul", "tomorrow", "tonight", "next week", "soon", "should", "geplant", "wird ", "werden ", "morgen", "nächste",
		"prévu", "prochaine", "demain", "ce soir", "going to", "tried", "failed", "not yet", "noch nicht", "pas encore", "todavía no", "updating", "upgrading",
		"programad", "próxima", "mañana", "previst", "fehlgeschlagen", "échoué", "falló", "fallid"}
	// A failed or undone update: its version never ran.
	fwFailCues = []string{"failed", "fehlgeschlagen", "échoué", "echoue", "falló", "fallid", "rolled back", "reverted"}
	fwOldCues  = []string{"used to", "previous", "vorher", "früher", "avant", "antes", "was on ", "before "}
	// "the newest", "since yesterday", "installed": said of the running one.
	fwNowCues = []string{"newest", "neueste", "latest", "since ", "depuis", "seit ", "installed", "installiert", "installé", "instalad",
		"currently", " now", "now ", "still", "stayed", "running", "runs ", "aktuell", "derzeit", "jetzt", "actuellement", "actualmente", "rolled back", "downgraded", "updated", "upgraded", "is on ", "at the moment", "recently"}
	fwFromWords = []string{"from", "von", "de", "desde"}
)

// versionByRole is the running version a sentence-like firmware value
// names ("" when it names only plans and old ones); ok is false for a
// value with no role words, which stays as written ("QTS 5.1.4.2596",
// "5.1.4.2596 [build 20240115]").
func versionByRole(v string) (now string, ok bool) {
	low := strings.ToLower(v)
	if !containsAny(low, fwPlanCues) && !containsAny(low, fwOldCues) && !containsAny(low, fwNowCues) {
		return "", false
	}
	named, prev := false, ""
	for _, clause := range strings.Split(fwClauseSeps.Replace(nowEndsClause(v)), "|") {
		lc := strings.ToLower(clause)
		plan, old, cued := containsAny(lc, fwPlanCues), containsAny(lc, fwOldCues), containsAny(lc, fwNowCues)
		f := strings.Fields(clause)
		if containsAny(lc, fwFailCues) && !versionIn(clause) {
			now = prev // "5.1.4; 5.2.0 beta tested but rolled back": undone
		}
		prev = now
		for k, w := range f {
			w = strings.Trim(w, ".,;:()[]")
			if !fwVersionWord(w) {
				continue
			}
			named = true
			if plan || old || k > 0 && containsFold(fwFromWords, f[k-1]) {
				continue
			}
			if !cued {
				now = strings.TrimSpace(strings.Trim(strings.TrimSpace(clause), ".:"))
			} else {
				now = w
				if k > 0 && fwProductWord(f[k-1]) {
					now = f[k-1] + " " + w // "running QTS 5.1.4.2596"
				}
			}
			break
		}
	}
	return now, named
}

// nowEndsClause ends a clause after "now" that follows a version
// ("5.1.4 now 5.2 planned"): the next version is another's role.
func nowEndsClause(v string) string {
	if i := strings.Index(v, " now "); i > 0 && fwVersionWord(v[strings.LastIndexByte(v[:i], ' ')+1:i]) {
		return v[:i+4] + "|" + v[i+5:]
	}
	return v
}

// fwVersionWord: a word that is a version (a digit and a dot, or three
// digits: "5.2", "h5.1.0", "2596"), not a year or a date.
func fwVersionWord(w string) bool {
	return hasDigit(w) && (strings.IndexByte(w, '.') > 0 || digits(w) >= 3) && !isYear(w) && !(isDate(w) && hasYear(w))
}

// fwProductWord: the word before a version names the system ("QTS",
// "DSM", "TrueNAS"): a capitalised word that is no role or link word.
func fwProductWord(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' || hasDigit(w) {
		return false
	}
	lw := strings.ToLower(w)
	return !containsAny(lw, fwNowCues) && !containsAny(lw, fwPlanCues) && lw != "to" && lw != "on" && lw != "auf" && lw != "vers"
}

// containsFold: ws holds w, any case.
func containsFold(ws []string, w string) bool {
	for _, x := range ws {
		if strings.EqualFold(x, w) {
			return true
		}
	}
	return false
}

// withoutPlan is a labelled firmware value without the updates it plans
// or leaves behind: the running version by role when it is a sentence
// about versions, else the value as written.
func withoutPlan(v string) string {
	if now, ok := versionByRole(v); ok {
		return now
	}
	return v
}
