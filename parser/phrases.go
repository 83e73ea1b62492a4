package parser

import (
	"strings"
)

// phraseIndex finds which kinds of phrase a text holds, for many lists of
// lower-case phrases at once, in one pass over the text's words, where
// strings.Contains per phrase would scan the text once per phrase (the
// severity lists hold some two hundred). A phrase matches where a word
// starts ("hangs" is not in "changes") and may end inside a word ("still
// serv" is in "still serving"). Phrases that start with a non-ASCII byte
// (日本語, 中文: no word starts to anchor on) are looked for as substrings.
type phraseIndex struct {
	// runs holds the phrases of two bytes or more by their first two:
	// most word starts are let go on one lookup. A phrase that starts
	// with a non-ASCII byte is looked for at every position of a text
	// that has such bytes, in one more pass (a strings.Index per phrase
	// scanned a text hundreds of times for one "é" in it).
	runs     runTable
	anywhere []kindPhrase // one-byte phrases
	// veto, when set, drops a match at l[i:j] ("No reboots", "was out of
	// service last month, resolved")
	veto func(l string, i, j int) bool
}

// phraseKinds is a set of phrase kinds, one bit each.
type phraseKinds uint32

type kindPhrase struct {
	p    string
	kind phraseKinds
	// whole: the phrase must end where a word ends
	whole bool
}

// newPhraseIndex indexes lists[k] as kind 1<<k.
func newPhraseIndex(lists ...[]string) phraseIndex {
	var x phraseIndex
	for k, list := range lists {
		for _, p := range list {
			kp := kindPhrase{p: strings.TrimSpace(p), kind: 1 << k}
			switch {
			case kp.p == "":
			case len(kp.p) < 2:
				x.anywhere = append(x.anywhere, kp)
			default:
				x.runs.add(kp)
			}
		}
	}
	return x
}

// newConceptIndex indexes lists[k] as kind 1<<k like newPhraseIndex, but
// keeps a phrase's spaces ("every " is not "everything", Korean "안 " is
// not "안녕") and reads a trailing "$" as "ends where its word ends".
func newConceptIndex(lists ...[]string) phraseIndex {
	var x phraseIndex
	for k, list := range lists {
		for _, p := range list {
			kp := kindPhrase{p: p, kind: 1 << k}
			if len(p) > 1 && p[len(p)-1] == '$' {
				kp.p, kp.whole = p[:len(p)-1], true
			}
			switch {
			case len(kp.p) < 2:
				x.anywhere = append(x.anywhere, kp)
			default:
				x.runs.add(kp)
			}
		}
	}
	return x
}

// run returns the phrases that start with the bytes c, c2.
func (x *phraseIndex) run(c, c2 byte) []kindPhrase {
	return x.runs.at(c, c2)
}

// phraseHit is one phrase found at l[i:j].
type phraseHit struct {
	kind phraseKinds
	i, j int
}

// at: the phrase stands at s[i:], whose first two bytes are known to be
// its own: the third byte is compared before the whole phrase (a run of
// one two-byte start holds up to some seventy phrases).
func (kp kindPhrase) at(s string, i int) bool {
	if len(kp.p) > 2 && (i+2 >= len(s) || s[i+2] != kp.p[2]) {
		return false
	}
	return strings.HasPrefix(s[i:], kp.p)
}

// endsWord: a whole-word phrase ends at j of l.
func (kp kindPhrase) endsWord(l string, j int) bool {
	return !kp.whole || j >= len(l) || !wordBytes[l[j]]
}

// eachRun calls f with each place of l that may start a phrase of x and the
// phrases that may start there, in text order, until f returns false: a
// word start for phrases that start with an ASCII byte, any position for
// the others (日本語, 中文: no word starts to anchor on).
func (x *phraseIndex) eachRun(l string, f func(i int, kps []kindPhrase) bool) {
	inWord := false
	for i := 0; i+1 < len(l); i++ {
		c := l[i]
		if c < 0x80 {
			w := wordBytes[c]
			if !w || inWord {
				inWord = w
				continue
			}
		}
		inWord = true
		if kps := x.run(c, l[i+1]); kps != nil && !f(i, kps) {
			return
		}
	}
}

// all returns every phrase of x that l (lower case) holds, where it is,
// in text order but for the one-byte phrases after.
func (x *phraseIndex) all(l string) []phraseHit {
	out := make([]phraseHit, 0, 32)
	x.eachRun(l, func(i int, kps []kindPhrase) bool {
		for _, kp := range kps {
			if kp.at(l, i) && kp.endsWord(l, i+len(kp.p)) {
				out = append(out, phraseHit{kp.kind, i, i + len(kp.p)})
			}
		}
		return true
	})
	if len(x.anywhere) > 0 && hasNonASCII(l) {
		for _, kp := range x.anywhere {
			for off := 0; ; {
				k := strings.Index(l[off:], kp.p)
				if k < 0 {
					break
				}
				k += off
				off = k + len(kp.p)
				if kp.endsWord(l, off) {
					out = append(out, phraseHit{kp.kind, k, off})
				}
			}
		}
	}
	return out
}

// kinds returns the kinds of phrase l (lower case) holds.
func (x *phraseIndex) kinds(l string) phraseKinds {
	return x.kindsVetoed(l, x.veto)
}

// kindsVetoed is kinds with veto (nil: none) in place of x's: a veto that
// reads facts of the whole text, found once.
func (x *phraseIndex) kindsVetoed(l string, veto func(l string, i, j int) bool) phraseKinds {
	var found phraseKinds
	x.eachRun(l, func(i int, kps []kindPhrase) bool {
		for _, kp := range kps {
			if found&kp.kind == 0 && kp.at(l, i) && kp.endsWord(l, i+len(kp.p)) && (veto == nil || !veto(l, i, i+len(kp.p))) {
				found |= kp.kind
			}
		}
		return true
	})
	if len(x.anywhere) > 0 && hasNonASCII(l) {
		for _, kp := range x.anywhere {
			if found&kp.kind == 0 {
				if i := strings.Index(l, kp.p); i >= 0 && kp.endsWord(l, i+len(kp.p)) && (veto == nil || !veto(l, i, i+len(kp.p))) {
					found |= kp.kind
				}
			}
		}
	}
	return found
}

// wordBytes are the bytes of a word: ASCII letters and digits, and every
// byte of a non-ASCII letter, so "é" does not start a word inside
// "préféré".
var wordBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	return t
}()

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}
