package parser

import (
	"bytes"
	"strconv"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hidden tracks an element the reader does not see (display:none, the
// hidden attribute, zero font size...): its text is not what the customer
// wrote to us, and mail templates and forwarded HTML use such elements to
// carry text no human checked, so none of it may become a field.
type hidden struct {
	name  string // tag name of the hidden element
	depth int    // open elements of that name, the hidden one included
}

// skips consumes token tt while inside the hidden element and reports
// whether it was consumed; the element's end (or, for an unclosed <p>, the
// next block) ends hiding.
func (h *hidden) skips(z *html.Tokenizer, tt html.TokenType) bool {
	switch tt {
	case html.ErrorToken:
		h.depth = 0
		return false
	case html.StartTagToken:
		name, _ := z.TagName()
		if string(name) == h.name {
			if h.name == "p" {
				// <p> cannot nest: a new one closes the hidden one
				h.depth = 0
				return false
			}
			h.depth++
		} else if h.name == "p" && isBlock(atom.Lookup(name)) {
			h.depth = 0
			return false
		}
	case html.EndTagToken:
		name, _ := z.TagName()
		if string(name) == h.name {
			h.depth--
		}
	}
	return true
}

// isVoid reports elements that hold no content (hiding them hides nothing).
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Hr, atom.Img, atom.Input, atom.Meta, atom.Link, atom.Wbr, atom.Col, atom.Area, atom.Base, atom.Source, atom.Embed:
		return true
	}
	return false
}

// hiddenElement reads the current start tag's attributes: the hidden
// attribute, or a style that hides the content.
func hiddenElement(z *html.Tokenizer) bool {
	if !mayHide(z.Raw()) {
		return false // TagAttr allocates; most tags cannot hide anything
	}
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "hidden":
			return true
		case "style":
			if hidingStyle(v) {
				return true
			}
		}
		if !more {
			return false
		}
	}
}

// mayHide is the cheap test on a start tag's raw bytes: the words every
// hiding attribute or style has, in any case.
func mayHide(raw []byte) bool {
	var buf [512]byte
	n := min(len(raw), len(buf))
	for i := 0; i < n; i++ {
		buf[i] = raw[i] | 0x20 // enough for ASCII letters; others only need not match
	}
	low := buf[:n]
	for _, w := range hideWords {
		if bytes.Contains(low, w) {
			return true
		}
	}
	return len(raw) > len(buf) // a huge tag: read its attributes
}

var hideWords = [][]byte{[]byte("hidden"), []byte("none"), []byte("mso-hide"), []byte("font-size"), []byte("opacity"), []byte("height")}

// hidingStyle reports an inline style that makes the text invisible:
// display:none, visibility:hidden, a zero font size, zero opacity, a zero
// max-height with overflow hidden (the "preheader" trick), mso-hide:all.
// It allocates nothing: HTML mail carries a style on most of its tags.
func hidingStyle(style []byte) bool {
	var zeroHeight, overflowHidden bool
	for len(style) > 0 {
		decl := style
		if i := bytes.IndexByte(style, ';'); i >= 0 {
			decl, style = style[:i], style[i+1:]
		} else {
			style = nil
		}
		k, v, ok := bytes.Cut(decl, []byte(":"))
		if !ok {
			continue
		}
		k = bytes.TrimSpace(k)
		v = bytes.TrimSpace(v)
		if n := len(v) - len("!important"); n >= 0 && bytes.EqualFold(v[n:], []byte("!important")) {
			v = bytes.TrimSpace(v[:n])
		}
		switch {
		case is(k, "display"):
			if is(v, "none") {
				return true
			}
		case is(k, "visibility"):
			if is(v, "hidden") || is(v, "collapse") {
				return true
			}
		case is(k, "mso-hide"):
			if is(v, "all") {
				return true
			}
		case is(k, "font-size"), is(k, "opacity"):
			if zeroLength(v) {
				return true
			}
		case is(k, "max-height"), is(k, "height"):
			zeroHeight = zeroHeight || zeroLength(v)
		case is(k, "overflow"):
			overflowHidden = is(v, "hidden")
		}
	}
	return zeroHeight && overflowHidden
}

// is compares an ASCII CSS word case-insensitively.
func is(b []byte, word string) bool {
	if len(b) != len(word) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if b[i]|0x20 != word[i]|0x20 {
			return false
		}
	}
	return true
}

// zeroLength reports a CSS length or number that is zero ("0", "0px",
// "0.0em", "0%").
func zeroLength(v []byte) bool {
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.') {
		end++
	}
	if end == 0 {
		return false
	}
	f, err := strconv.ParseFloat(string(v[:end]), 64)
	return err == nil && f == 0
}
