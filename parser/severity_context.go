package parser

import (
	"regexp"
	"slices"
	"strings"
)

// Context of the severity reading: the sentences that suppose a fault,
// ask about one or tell of another time are blanked before any reading
// (withoutSuppositions); "N % of normal" is a rate (pctOfRatio).

var supposeIndex = newConceptIndex(conSuppose)

// withoutSuppositions blanks the sentences of s (l its lower case) that
// suppose a fault or ask about one ("What would happen if one PSU
// failed?"): they describe nothing the unit does.
func withoutSuppositions(s, l string, facts phraseKinds) string {
	past := facts&fPast != 0
	if !past && supposeIndex.kinds(l) == 0 {
		return s
	}
	x := blanker{s: s}
	for _, sp := range sentences(l) {
		t := l[sp.i:sp.j]
		// a sentence of another time ("Our other site had an outage last
		// year"), not one of a fault since then ("since last year")
		if past && pastSet.in(t) && !sinceSet.in(t) {
			// only the clause of that time: "used to reboot last year;
			// now the fan grinds" keeps its now
			for _, c := range clauses(l, sp) {
				if pastSet.in(l[c.i:c.j]) {
					x.blank(c)
				}
			}
			continue
		}
		if supposeIndex.kinds(t) == 0 {
			continue
		}
		q := strings.HasSuffix(strings.TrimRight(t, " \n"), "?") || strings.HasSuffix(strings.TrimRight(t, " \n"), "？")
		if !q && !containsAny(t, suppositionWords) {
			continue
		}
		x.blank(sp)
	}
	return x.text()
}

var (
	pastSet  = newPhraseSet(conPast)
	sinceSet = newPhraseSet(sinceWords)
)

// The lists severityFromWords tests the whole text for, as kinds of
// sevFacts: one pass over the text for all of them. Blanking sentences
// (withoutSuppositions, withoutOwnStops) only takes words away, so a fact
// of the text before holds as "may hold" after.
const (
	fOwnStop phraseKinds = 1 << iota // ownStopWords, maintenanceWords, ifWords
	fClosed                          // closedWords
	fEnded                           // closeRequests, fixedWords, sinceChange
	fPast                            // conPast
	fVerbs                           // separable verbs' first words, Turkish stems
	fSoThat                          // symptomSoThat
	fDevice                          // netDevices, otherDevices
)

var sevFacts = newPhraseSet(slices.Concat(ownStopWords, maintenanceWords, ifWords), closedWords, slices.Concat(closeRequests, fixedWords, sinceChange), conPast,
	slices.Concat(separableFirsts(), turkishStems), symptomSoThat, slices.Concat(netDevices, otherDevices))

// blank blanks b[sp.i:sp.j], line breaks kept.
func blank(b []byte, sp span) {
	for k := sp.i; k < sp.j; k++ {
		if b[k] != '\n' {
			b[k] = ' '
		}
	}
}

// blanker blanks spans of s, copying s only at the first one (most texts
// keep every sentence).
type blanker struct {
	s string
	b []byte
}

func (x *blanker) blank(sp span) {
	if x.b == nil {
		x.b = []byte(x.s)
	}
	blank(x.b, sp)
}

// text is s with the spans blanked, s itself when there were none.
func (x *blanker) text() string {
	if x.b == nil {
		return x.s
	}
	return string(x.b)
}

// sinceWords make a time a start ("since last year") or a purchase's
// ("我们去年购买的", "bought last year"), not the time of another fault.
var sinceWords = []string{"bought", "purchased", "gekauft", "erworben", "acheté", "compra", "acquist", "gekocht", "kupi", "köpt", "købt", "satın", "koupil", "購入", "购买", "購買", "구입", "구매", "since", "seit", "depuis", "desde", "dal ", "dall'", "da quando", "sinds", "od ", "sedan", "siden", "beri", "itibaren", "od roku", "以来", "から", "以来", "부터"}

// ratePctOf reads "30 % of normal speed", "30 % av normal hastighet": the
// rate now as a share of the usual one.
var ratePctOf = regexp.MustCompile(`\b([0-9]{1,2})\s*%\s*(?:of|av|af|van|von|de|du|del|della|di|do|da|z)\s+(?:the\s+|its\s+|la\s+|le\s+|der\s+|die\s+|des\s+|a\s+)?(?:normal|usual|nominal|normale|normalen|normaler|habituel|habitual|usuale|normaal|normalnej|vanlig|sædvanlig)`)

// pctOfRatio is how many times slower "N % of normal" says, 0 when l says
// no such thing.
func pctOfRatio(l string) float64 {
	if strings.IndexByte(l, '%') < 0 || !containsAny(l, []string{"norm", "usual", "habitu", "vanlig", "sædvan", "nominal"}) {
		return 0
	}
	if mm := ratePctOf.FindStringSubmatch(l); mm != nil {
		if p := rateNumber(mm[1]); p > 0 {
			return 100 / p
		}
	}
	return 0
}
