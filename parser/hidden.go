package parser

import (
	"bytes"
	"strconv"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hidden tracks an element the reader does not see (display:none, the
// hidden attribute, a class a <style> block hides, text moved off screen,
// a font too small to read): its text is not what the customer wrote to
// us, and mail templates and forwarded HTML use such elements to carry
// text no human checked, so none of it may become a field.
type hidden struct {
	name     string // tag name of the hidden element
	depth    int    // open elements of that name, the hidden one included
	fontOnly bool   // hidden by its font size alone: a child may set its own
	island   string // a child of a fontOnly element that is visible again
	idepth   int    // open elements of the island's name
	classes  map[string]bool
}

// start begins hiding at an element named name.
func (h *hidden) start(name string, fontOnly bool) {
	h.name, h.depth, h.fontOnly, h.island, h.idepth = name, 1, fontOnly, "", 0
}

// skips consumes token tt (a tag's name and hasAttr as TagName gave them)
// while inside the hidden element and reports
// whether it was consumed; the element's end (or, for an unclosed <p> or
// <li>, the next one or the next block) ends hiding. Inside an element
// hidden by "font-size:0" alone (the usual e-mail template trick against
// whitespace between inline blocks), a child with its own readable font
// size is shown.
func (h *hidden) skips(z *html.Tokenizer, tt html.TokenType, name []byte, hasAttr bool) bool {
	if tt == html.ErrorToken {
		h.depth = 0
		return false
	}
	if h.island != "" {
		switch {
		case tt == html.StartTagToken && string(name) == h.island:
			h.idepth++
		case tt == html.EndTagToken && string(name) == h.island:
			if h.idepth--; h.idepth == 0 {
				h.island = ""
			}
		}
		return false
	}
	switch tt {
	case html.StartTagToken:
		a := atom.Lookup(name)
		if string(name) == h.name {
			if a == atom.P || a == atom.Li {
				// they cannot nest: a new one closes the hidden one
				h.depth = 0
				return false
			}
			h.depth++
		} else if h.name == "p" && isBlock(a) {
			h.depth = 0
			return false
		}
		if h.fontOnly && hasAttr && !isVoid(a) && readableFont(z.Raw()) {
			h.island, h.idepth = string(name), 1
			return false
		}
	case html.EndTagToken:
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

// element reads the current start tag's attributes: the hidden attribute,
// a style that hides the content, or a class a <style> block hides.
// fontOnly says only a too small font hides it.
func (h *hidden) element(z *html.Tokenizer) (hide, fontOnly bool) {
	if !mayHide(z.Raw()) && len(h.classes) == 0 {
		return false, false // TagAttr allocates; most tags cannot hide anything
	}
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "hidden":
			return true, false
		case "style":
			if hide, fontOnly = hidingStyle(v); hide {
				return hide, fontOnly
			}
		case "class":
			for _, c := range bytes.Fields(v) {
				if h.classes[string(bytes.ToLower(c))] {
					return true, false
				}
			}
		}
		if !more {
			return false, false
		}
	}
}

// learnClasses reads a <style> block's rules and remembers the classes a
// rule hides (".preheader { display: none }"), simple selectors only.
func (h *hidden) learnClasses(css []byte) {
	for len(css) > 0 && len(h.classes) < 200 {
		open := bytes.IndexByte(css, '{')
		if open < 0 {
			return
		}
		end := bytes.IndexByte(css[open:], '}')
		if end < 0 {
			return
		}
		sel, decls := css[:open], css[open+1:open+end]
		css = css[open+end+1:]
		if hide, fontOnly := hidingStyle(decls); !hide || fontOnly {
			continue
		}
		for _, s := range bytes.Split(sel, []byte(",")) {
			s = bytes.TrimSpace(s)
			if i := bytes.LastIndexByte(s, '.'); i >= 0 && !bytes.ContainsAny(s[i+1:], " >+~:[") && !bytes.ContainsAny(s[:i], " >+~:[") {
				if h.classes == nil {
					h.classes = map[string]bool{}
				}
				h.classes[string(bytes.ToLower(s[i+1:]))] = true
			}
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

var hideWords = [][]byte{[]byte("hidden"), []byte("none"), []byte("mso-hide"), []byte("font-size"), []byte("opacity"), []byte("height"),
	[]byte("-9"), []byte("-5"), []byte("-1"), []byte("-2")}

// readableFont reports a start tag whose style sets a font size one can
// read (the visible child of a "font-size:0" wrapper).
func readableFont(raw []byte) bool {
	low := bytes.ToLower(raw)
	i := bytes.Index(low, []byte("font-size"))
	if i < 0 {
		return false
	}
	v := bytes.TrimLeft(low[i+len("font-size"):], " :")
	return !tinyLength(v)
}

// hidingStyle reports an inline style that makes the text invisible:
// display:none, visibility:hidden, a font size under 3px or zero opacity,
// a zero max-height with overflow hidden (the "preheader" trick), text
// moved far off screen, mso-hide:all. fontOnly: the font size alone hides
// it. It allocates nothing: HTML mail carries a style on most of its tags.
func hidingStyle(style []byte) (hide, fontOnly bool) {
	var zeroHeight, overflowHidden, tinyFont bool
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
				return true, false
			}
		case is(k, "visibility"):
			if is(v, "hidden") || is(v, "collapse") {
				return true, false
			}
		case is(k, "mso-hide"):
			if is(v, "all") {
				return true, false
			}
		case is(k, "opacity"):
			if zeroLength(v) {
				return true, false
			}
		case is(k, "font-size"):
			tinyFont = tinyLength(v)
		case is(k, "left"), is(k, "top"), is(k, "text-indent"), is(k, "margin-left"), is(k, "margin-top"):
			if offScreen(v) {
				return true, false
			}
		case is(k, "max-height"), is(k, "height"):
			zeroHeight = zeroHeight || zeroLength(v)
		case is(k, "overflow"):
			overflowHidden = is(v, "hidden")
		}
	}
	if zeroHeight && overflowHidden {
		return true, false
	}
	return tinyFont, tinyFont
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

// number reads the number a CSS value starts with.
func number(v []byte) (float64, bool) {
	end := 0
	for end < len(v) && (v[end] >= '0' && v[end] <= '9' || v[end] == '.' || end == 0 && v[end] == '-') {
		end++
	}
	if end == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v[:end]), 64)
	return f, err == nil
}

// zeroLength reports a CSS length or number that is zero ("0", "0px",
// "0.0em", "0%").
func zeroLength(v []byte) bool {
	f, ok := number(v)
	return ok && f == 0
}

// tinyLength reports a font size no one reads: under 3px or 3pt (a size
// in em, % or a keyword counts only when zero).
func tinyLength(v []byte) bool {
	f, ok := number(v)
	if !ok {
		return false
	}
	unit := bytes.TrimLeft(v, "-0123456789.")
	if f == 0 {
		return true
	}
	return (len(unit) >= 2 && (is(unit[:2], "px") || is(unit[:2], "pt"))) && f < 3
}

// offScreen reports a position far outside the page (-999px and beyond).
func offScreen(v []byte) bool {
	f, ok := number(v)
	return ok && f <= -500
}
