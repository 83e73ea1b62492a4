package parser

import "testing"

func TestPhraseIndex(t *testing.T) {
	x := newPhraseIndex([]string{"hangs", "still serv"}, []string{"port"}, []string{"完全に停止"})
	for _, c := range []struct {
		text string
		want phraseKinds
	}{
		{"the nas hangs every night", 1},
		{"after config changes it is slow", 0}, // "hangs" inside a word
		{"it is still serving files", 1},
		{"lan port 2 is dead", 2},
		{"ports 41 to 48 went down", 2}, // a phrase may end inside a word
		{"please contact support", 0},   // but not start inside one
		{"業務が完全に停止しております", 4},           // no word starts in Japanese
		{"", 0},
		{"h", 0},
	} {
		if got := x.kinds(c.text); got != c.want {
			t.Errorf("kinds(%q) = %b, want %b", c.text, got, c.want)
		}
	}
}
