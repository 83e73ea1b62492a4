package parser

import (
	"regexp"
	"slices"
	"strings"
)

// keyedRegexp finds the matches of a pattern every match of which starts
// with one of a few literal keys. Go's regexp has no literal prefix to
// skip to in a case-insensitive alternation, so an unanchored search
// tries every position of its input; here the keys are found with
// strings.Index in the lower-cased text and the pattern is tried,
// anchored, at those positions only, over a window that bounds the work
// of each try.
type keyedRegexp struct {
	anchored *regexp.Regexp // ^(?:pattern)
	keys     []string       // lower-case; every match starts with one
	// boundary are the keys of the pattern's \b alternatives: a key
	// that follows a word byte is no match start ("asn", "iserial"), as
	// no other alternative starts with it
	boundary []string
	// window is how many bytes from a key one try reads; a match that
	// reaches its edge is read again without it. A match that could only
	// be completed past the window (a value more than window bytes of
	// blanks away from its label) is not found: no writer does that.
	window int
}

// newKeyedRegexp compiles pattern (which must be case-insensitive where
// keys alone could not find its matches: keys are looked for in the
// lower-cased text).
func newKeyedRegexp(pattern string, window int, keys, boundary []string) *keyedRegexp {
	return &keyedRegexp{anchored: regexp.MustCompile(`^(?:` + pattern + `)`), keys: keys, boundary: boundary, window: window}
}

// findAllSubmatchIndex is regexp's FindAllStringSubmatchIndex(s, n) for
// the pattern; low is lowerKeep(s) (the same byte offsets).
func (k *keyedRegexp) findAllSubmatchIndex(s, low string, n int) [][]int {
	if len(low) != len(s) {
		low = lowerKeep(s) // a caller's slip costs time, not matches
	}
	var out [][]int
	for _, at := range k.starts(low) {
		if n >= 0 && len(out) >= n {
			break
		}
		if len(out) > 0 && at < out[len(out)-1][1] {
			continue // inside the last match, as FindAll goes on after it
		}
		end := min(len(s), at+k.window)
		m := k.anchored.FindStringSubmatchIndex(s[at:end])
		if m != nil && m[1] == end-at && end < len(s) {
			// the match runs to the window's edge: its last word may go on
			m = k.anchored.FindStringSubmatchIndex(s[at:])
		}
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += at
			}
		}
		out = append(out, m)
	}
	return out
}

// starts returns, in order, the offsets of low where a key begins.
func (k *keyedRegexp) starts(low string) []int {
	var at []int
	for _, key := range k.keys {
		needsBoundary := slices.Contains(k.boundary, key)
		for off := 0; ; {
			i := strings.Index(low[off:], key)
			if i < 0 {
				break
			}
			i += off
			if !needsBoundary || i == 0 || !isWordByte(low[i-1]) {
				at = append(at, i)
			}
			off = i + 1
		}
	}
	slices.Sort(at)
	return slices.Compact(at)
}
