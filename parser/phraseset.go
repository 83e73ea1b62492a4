package parser

import (
	"slices"
	"strings"
)

// phraseSet answers containsAny for fixed lists of phrases in one pass
// over the text, where containsAny scans the text once per phrase: the
// severity vetoes ask it of every sentence a phrase stands in, and of the
// whole text for the "fault is over" lists. A phrase matches anywhere, as
// strings.Contains has it (phraseIndex, for the kinds of phrase a text
// holds, matches only where a word starts). lists[k] is kind 1<<k.
type phraseSet struct {
	// second[c] has bit b set when a phrase starts with the bytes c, b:
	// most positions of a text are let go on this one test; byFirst
	// holds the phrases by first byte, in runs by second byte, in list
	// order (as phraseIndex's)
	second  [256][4]uint64
	byFirst [256][]phraseRun
	all     phraseKinds
}

// newPhraseSet files the phrases of lists; each must hold two bytes or
// more (one byte would be a pair test of its own, and no list needs it).
func newPhraseSet(lists ...[]string) *phraseSet {
	x := &phraseSet{}
	for k, list := range lists {
		for _, p := range list {
			if len(p) < 2 {
				panic("parser: phraseSet phrase shorter than two bytes: " + p)
			}
			c, b := p[0], p[1]
			x.second[c][b>>6] |= 1 << (b & 63)
			x.all |= 1 << k
			kp := kindPhrase{p: p, kind: 1 << k}
			if i := slices.IndexFunc(x.byFirst[c], func(r phraseRun) bool { return r.b == b }); i >= 0 {
				x.byFirst[c][i].kps = append(x.byFirst[c][i].kps, kp)
			} else {
				x.byFirst[c] = append(x.byFirst[c], phraseRun{b: b, kps: []kindPhrase{kp}})
			}
		}
	}
	return x
}

// run returns the phrases that may start at s[i] (s[i+1] exists).
func (x *phraseSet) run(s string, i int) []kindPhrase {
	c, b := s[i], s[i+1]
	if x.second[c][b>>6]&(1<<(b&63)) == 0 {
		return nil
	}
	for _, r := range x.byFirst[c] {
		if r.b == b {
			return r.kps
		}
	}
	return nil
}

// at is the length of the first phrase (in list order) that s holds at
// i, 0 when none.
func (x *phraseSet) at(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	for _, kp := range x.run(s, i) {
		if strings.HasPrefix(s[i:], kp.p) {
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
			if found&kp.kind == 0 && strings.HasPrefix(s[i:], kp.p) {
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
