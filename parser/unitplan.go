package parser

import "strings"

// withoutPlan is a labelled firmware value without the update it plans:
// the running version the sentence names when the plan comes before any
// version, none when it names none ("we plan to update to 5.2
// next week" names no running one), the version alone when the plan is a
// bracketed note after it ("5.1.4.2596 (we plan to update to 5.2 ...)"),
// and the version a past update reached.
func withoutPlan(v string) string {
	d := strings.IndexFunc(v, func(r rune) bool { return r >= '0' && r <= '9' })
	if d > 0 && hasAnyPrefix(strings.ToLower(v), []string{"updated to ", "upgraded to "}) {
		// a past update names the running version ("updated to
		// 5.2.0.2782 last week"): the words up to it, not the sentence
		_, rest, _ := strings.Cut(v, " to ")
		var out []string
		for _, f := range strings.Fields(rest) {
			out = append(out, strings.TrimRight(f, ".,;"))
			if hasDigit(f) {
				return strings.Join(out, " ")
			}
		}
	}
	if d < 0 || !containsAny(strings.ToLower(v), planWords) {
		return v
	}
	if containsAny(strings.ToLower(v[:d]), planWords) {
		return runningAfter(v) // ("..., currently 5.1.4.2596")
	}
	for _, note := range []string{" (", " ["} {
		if j := strings.Index(v, note); j > 0 && containsAny(strings.ToLower(v[j:]), planWords) {
			return v[:j] // ("5.1.4.2596 [update to 5.2 planned]")
		}
	}
	return v
}

// planWords say an update is still to come.
var planWords = []string{"plan ", "planning", "will update", "will upgrade", "will be updated", "will be upgraded", "going to", "scheduled", "planned", "next week", "tomorrow"}

// runningAfter is the version a plan's sentence gives as the one running
// now ("we plan to update to 5.2 next week, currently 5.1.4.2596", "...
// It runs 5.1.4.2596 now."), "" when it gives none.
func runningAfter(v string) string {
	low := strings.ToLower(v)
	for _, w := range []string{"currently", "running ", "runs ", "is on ", "at the moment", "right now"} {
		k := strings.Index(low, w)
		if k < 0 {
			continue
		}
		for _, f := range strings.Fields(v[k+len(w):]) {
			if f = strings.Trim(f, ".,;:()"); hasDigit(f) {
				return f
			}
		}
	}
	return ""
}
