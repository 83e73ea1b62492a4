package parser

import "strings"

// phraseSet answers containsAny for fixed lists of phrases in one pass
// over the text, where containsAny scans the text once per phrase: the
// severity vetoes ask it of every sentence a phrase stands in, and of the
// whole text for the "fault is over" lists. A phrase matches anywhere, as
// strings.Contains has it (phraseIndex, for the kinds of phrase a text
// holds, matches only where a word starts). lists[k] is kind 1<<k.
type phraseSet struct {
	// pairs has a bit set for a phrase's first two bytes, folded to their
	// low six bits (4,096 bits): most positions of a text are let go on
	// this one test, and a false pass only costs the check below
	pairs   [64]uint64
	byFirst [256][]kindPhrase // in list order
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
			x.byFirst[p[0]] = append(x.byFirst[p[0]], kindPhrase{p: p, kind: 1 << k})
			x.all |= 1 << k
			key := pairKey(p[0], p[1])
			x.pairs[key>>6] |= 1 << (key & 63)
		}
	}
	return x
}

func pairKey(a, b byte) uint {
	return uint(a&63)<<6 | uint(b&63)
}

// at is the length of the first phrase (in list order) that s holds at
// i, 0 when none.
func (x *phraseSet) at(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	if k := pairKey(s[i], s[i+1]); x.pairs[k>>6]&(1<<(k&63)) == 0 {
		return 0
	}
	for _, kp := range x.byFirst[s[i]] {
		if kp.p[1] == s[i+1] && strings.HasPrefix(s[i:], kp.p) {
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
		// at's pair test, inline: this loop runs once per byte
		if k := pairKey(s[i], s[i+1]); x.pairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, kp := range x.byFirst[s[i]] {
			// (the second byte first: the pair test folds bytes, and a
			// phrase's first byte is shared by many)
			if found&kp.kind == 0 && kp.p[1] == s[i+1] && strings.HasPrefix(s[i:], kp.p) {
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
