package parser

import (
	"slices"
	"strings"
)

// The spans the severity concepts are read in: a text cut into sentences,
// a sentence into clauses, and the phrase hits that fall in each.

// sentences cuts l at sentence ends and line breaks.
func sentences(l string) []span {
	var out []span
	st := 0
	for i := 0; i < len(l); i++ {
		n := 0
		switch c := l[i]; {
		case c == '\n' && lineBreakEnds(l, i, st):
			n = 1
		case (c == '.' || c == '!' || c == '?') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\n'):
			n = 1
		case c < 0xe3:
			// (most bytes: no test of the full stops below, which start
			// with e3 and ef)
		case strings.HasPrefix(l[i:], "。") || strings.HasPrefix(l[i:], "！") || strings.HasPrefix(l[i:], "？"):
			n = 3
		}
		if n == 0 {
			continue
		}
		if i+n > st {
			out = append(out, span{st, i + n})
		}
		st = i + n
		i += n - 1
	}
	if st < len(l) {
		out = append(out, span{st, len(l)})
	}
	return out
}

// lineBreakEnds: the line break at l[i] ends a sentence: the first one
// (after the subject), a blank line, or a next line that starts a list
// item; a wrapped line ("está um pouco\nlento") goes on.
func lineBreakEnds(l string, i, st int) bool {
	if !strings.Contains(l[:i], "\n") {
		return true
	}
	next := strings.TrimLeft(l[i+1:min(len(l), i+8)], " \t")
	if next == "" || next[0] == '\n' || hasAnyPrefix(next, []string{"- ", "* ", "• ", "> "}) || len(next) > 1 && isDigit(next[0]) && (next[1] == ')' || next[1] == '.') {
		return true
	}
	_ = st
	return false
}

// clauseCuts end a clause inside a sentence: a comma, a "but".
var clauseCuts = []string{"; ", ", ", "，", "、", " but ", " aber ", " mais ", " pero ", " ma ", " maar ", " mas ", " ale ", " men ", " ama ", "지만 ", "但"}

// clauseCutSet finds the cuts in one test per byte: a space starts most
// of them, and a loop over the cuts at every space was the cost.
var clauseCutSet = newPhraseSet(clauseCuts)

// clauses cuts the sentence s of l into its clauses.
func clauses(l string, s span) []span {
	var out []span
	st := s.i
	for i := s.i; i < s.j; i++ {
		if n := clauseCutSet.at(l[:s.j], i); n > 0 {
			out = append(out, span{st, i})
			st = i + n
			i = st - 1
		}
	}
	return append(out, span{st, s.j})
}

// hitsIn returns the hits of hs (sorted by start) that fall in s: a part
// of hs unless a hit runs past s's end (no copy for most spans).
func hitsIn(hs []phraseHit, s span) []phraseHit {
	k, _ := slices.BinarySearchFunc(hs, s.i, func(h phraseHit, i int) int { return h.i - i })
	m := k
	for m < len(hs) && hs[m].i < s.j && hs[m].j <= s.j {
		m++
	}
	if m == len(hs) || hs[m].i >= s.j {
		return hs[k:m:m]
	}
	out := slices.Clone(hs[k:m])
	for _, h := range hs[m:] {
		if h.i >= s.j {
			break
		}
		if h.j <= s.j {
			out = append(out, h)
		}
	}
	return out
}

func kindsOf(hs []phraseHit) phraseKinds {
	var k phraseKinds
	for _, h := range hs {
		k |= h.kind
	}
	return k
}

// sentenceBack bounds how far back sentenceFrom looks: in a text with no
// sentence end (a log, a table, a pasted header) every phrase's look back
// scanned all of the text before it, and no sentence runs this long.
const sentenceBack = 400

// sentenceFrom is where the sentence that ends at l[i] starts (after
// ". ", "! ", "? " or "。"), at most sentenceBack bytes back.
func sentenceFrom(l string, i int) int {
	st := max(0, i-sentenceBack)
	return st + sentenceBegins(l[st:i])
}

// sentenceBefore is the sentence up to l[i] (sentenceFrom).
func sentenceBefore(l string, i int) string {
	return l[sentenceFrom(l, i):i]
}
