package parser

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPhraseSetIsContainsAny: a phraseSet answers what containsAny
// answers, for every list it stands in for, on the corpus's texts and on
// their pieces (a phrase cut at a text's end, a phrase at its start).
func TestPhraseSetIsContainsAny(t *testing.T) {
	lists := map[string][]string{"symptomSoThat": symptomSoThat, "otherDevices": otherDevices, "netDevices": netDevices, "unitFine": unitFine,
		"ownStopWords": ownStopWords, "plannedMaintWords": plannedMaintWords, "maintenanceWords": maintenanceWords, "conPast": conPast,
		"sinceWords": sinceWords, "closedWords": closedWords, "closeRequests": closeRequests, "clauseCuts": clauseCuts}
	var texts []string
	for _, raw := range benchCorpus(t) {
		if m, err := Parse(raw); err == nil {
			texts = append(texts, lowerKeep(severityText(m.Subject, m.Fields.Problem)))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for name, list := range lists {
		set := newPhraseSet(list)
		probe := append([]string(nil), texts...)
		for _, p := range list {
			// the phrase alone, cut short, at the start and at the end
			probe = append(probe, p, p[:len(p)-1], p+" x", "x "+p, strings.ToUpper(p))
		}
		for _, s := range probe {
			i := r.IntN(len(s) + 1)
			for _, piece := range []string{s, s[:i], s[i:]} {
				if got, want := set.in(piece), containsAny(piece, list); got != want {
					t.Fatalf("%s: in(%q) = %v, containsAny %v", name, piece, got, want)
				}
			}
		}
	}
}

// TestPhraseSetKinds: kinds names each list a text holds a phrase of.
func TestPhraseSetKinds(t *testing.T) {
	set := newPhraseSet([]string{"so loud", "so hot"}, []string{"last year"}, []string{"firewall"})
	for s, want := range map[string]phraseKinds{
		"":                                   0,
		"it is so hot":                       1,
		"last year the firewall was so loud": 7,
		"the firewall":                       4,
		"lastyear":                           0,
		"so loudlast year":                   3,
		"fire wall, so lou":                  0,
	} {
		if got := set.kinds(s); got != want {
			t.Errorf("kinds(%q) = %b, want %b", s, got, want)
		}
	}
	if n := set.at("x so hot", 2); n != len("so hot") {
		t.Errorf("at = %d", n)
	}
}

// TestLastWords: the piece of s lastWords returns without a copy is what
// strings.Fields and a join give.
func TestLastWords(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "a b c", "a  b c", "a\tb c", "no  reboots ", "x y\u00a0z w", "é b c", " a b ", "word"} {
		for n := 0; n < 5; n++ {
			f := strings.Fields(s)
			if got, want := lastWords(s, n), strings.Join(f[max(0, len(f)-n):], " "); got != want {
				t.Errorf("lastWords(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
