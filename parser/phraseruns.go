package parser

// runTable files phrases by their first two bytes, so that one lookup
// gives the phrases that may start at a position of a text: phraseIndex
// and phraseSet both scan a text with it. A search through the runs of a
// first byte cost more than the phrase tests themselves (the concept
// lists hold some 1,500 phrases, up to seventy of one two-byte start).
type runTable struct {
	// place[c][b] is one more than the place of the run of phrases that
	// start with the bytes c, b in runs[c]; 0: no phrase starts so. A
	// table is made only for first bytes that start a phrase.
	place [256]*[256]uint8
	runs  [256][][]kindPhrase
}

// add files kp (two bytes or more) after the phrases of its two-byte
// start filed before it: a run keeps its lists' order.
func (t *runTable) add(kp kindPhrase) {
	c, b := kp.p[0], kp.p[1]
	if t.place[c] == nil {
		t.place[c] = new([256]uint8)
	}
	if k := t.place[c][b]; k != 0 {
		t.runs[c][k-1] = append(t.runs[c][k-1], kp)
		return
	}
	t.runs[c] = append(t.runs[c], []kindPhrase{kp})
	t.place[c][b] = uint8(len(t.runs[c])) // (at most 256 second bytes)
}

// at returns the phrases that start with the bytes c, b.
func (t *runTable) at(c, b byte) []kindPhrase {
	if p := t.place[c]; p != nil {
		if k := p[b]; k != 0 {
			return t.runs[c][k-1]
		}
	}
	return nil
}
