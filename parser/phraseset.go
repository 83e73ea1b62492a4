package parser

// phraseSet answers containsAny for fixed lists of phrases in one pass
// over the text, where containsAny scans the text once per phrase: the
// severity vetoes ask it of every sentence a phrase stands in, and of the
// whole text for the "fault is over" lists. A phrase matches anywhere, as
// strings.Contains has it (phraseIndex, for the kinds of phrase a text
// holds, matches only where a word starts). lists[k] is kind 1<<k.
type phraseSet struct {
	runs runTable
	all  phraseKinds
}

// newPhraseSet files the phrases of lists; each must hold two bytes or
// more (one byte would be a test of its own, and no list needs it).
func newPhraseSet(lists ...[]string) *phraseSet {
	x := &phraseSet{}
	for k, list := range lists {
		for _, p := range list {
			if len(p) < 2 {
				panic("parser: phraseSet phrase shorter than two bytes: " + p)
			}
			x.runs.add(kindPhrase{p: p, kind: 1 << k})
			x.all |= 1 << k
		}
	}
	return x
}

// run returns the phrases that may start at s[i] (s[i+1] exists).
func (x *phraseSet) run(s string, i int) []kindPhrase {
	return x.runs.at(s[i], s[i+1])
}

// at is the length of the first phrase (in list order) that s holds at
// i, 0 when none.
func (x *phraseSet) at(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	for _, kp := range x.run(s, i) {
		if kp.at(s, i) {
			return len(kp.p)
		}
	}
	return 0
}

// scan ORs the kinds of the phrases s holds, stopping once it holds every
// kind in want (at the first phrase for want 0).
func (x *phraseSet) scan(s string, want phraseKinds) phraseKinds {
	var found phraseKinds
	for i := 0; i+1 < len(s); i++ {
		for _, kp := range x.run(s, i) {
			if found&kp.kind == 0 && kp.at(s, i) {
				if found |= kp.kind; found&want == want {
					return found
				}
			}
		}
	}
	return found
}

// in says s holds a phrase of x: containsAny(s, the lists).
func (x *phraseSet) in(s string) bool {
	return x.scan(s, 0) != 0
}

// kinds returns the kinds of phrase s holds.
func (x *phraseSet) kinds(s string) phraseKinds {
	return x.scan(s, x.all)
}
