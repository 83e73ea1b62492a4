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

// hidingStyle reports an inline style that makes the text invisible:
// display:none, visibility:hidden, a zero font size, zero opacity, a zero
// max-height with overflow hidden (the "preheader" trick), mso-hide:all.
func hidingStyle(style []byte) bool {
	var zeroHeight, overflowHidden bool
	for _, decl := range bytes.Split(style, []byte(";")) {
		k, v, ok := bytes.Cut(decl, []byte(":"))
		if !ok {
			continue
		}
		k = bytes.ToLower(bytes.TrimSpace(k))
		v = bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(bytes.ToLower(v)), []byte("!important")))
		switch string(k) {
		case "display":
			if string(v) == "none" {
				return true
			}
		case "visibility":
			if string(v) == "hidden" || string(v) == "collapse" {
				return true
			}
		case "mso-hide":
			if string(v) == "all" {
				return true
			}
		case "font-size", "opacity":
			if zeroLength(v) {
				return true
			}
		case "max-height", "height":
			zeroHeight = zeroHeight || zeroLength(v)
		case "overflow":
			overflowHidden = string(v) == "hidden"
		}
	}
	return zeroHeight && overflowHidden
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
