package parser

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText converts an HTML body to readable plain text with the
// x/net/html tokenizer (one pass, no tree): block elements and <br> give
// line breaks, list items "- ", a table row of two cells "label: value",
// other rows their cells joined with " | ", <blockquote> lines "> " (so the
// quote stripper sees them), script/style/head dropped.
func htmlToText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	c := &htmlConv{}
	c.push(frameRoot)
	skip := 0 // depth inside script/style/head/title
	pre := 0
	var hid hidden
	inStyle := false
	msoLine := false // inside an Outlook <p class=MsoNormal>
	for {
		tt := z.Next()
		// TagName gives the name once per token: read it here for all
		var name []byte
		var hasAttr bool
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken || tt == html.EndTagToken {
			name, hasAttr = z.TagName()
		}
		if hid.depth > 0 && hid.skips(z, tt, name, hasAttr) {
			continue
		}
		switch tt {
		case html.ErrorToken:
			for len(c.stack) > 1 {
				c.closeTop()
			}
			return c.stack[0].b.String()
		case html.TextToken:
			if skip > 0 {
				if inStyle {
					hid.learnClasses(z.Text())
				}
				continue
			}
			c.text(string(z.Text()), pre > 0)
		case html.StartTagToken, html.SelfClosingTagToken:
			a := atom.Lookup(name)
			// a browser opens a "<div .../>" like "<div ...>": so does hiding
			if hasAttr && !isVoid(a) {
				if hide, fontOnly := hid.element(z); hide {
					hid.start(string(name), fontOnly)
					continue
				}
			}
			if a == atom.Style && tt == html.StartTagToken {
				inStyle = true
			}
			switch a {
			case atom.Script, atom.Style, atom.Head, atom.Title, atom.Noscript, atom.Template:
				if tt == html.StartTagToken {
					skip++
				}
			case atom.Br:
				c.newline()
			case atom.Hr:
				c.blockBreak()
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre:
				// Outlook writes every line as <p class=MsoNormal>, shown
				// without a gap (its empty ones make the blank lines)
				msoLine = a == atom.P && hasAttr && bytes.Contains(z.Raw(), []byte("MsoNormal"))
				if msoLine {
					c.blockBreak()
				} else {
					c.paraBreak()
				}
				if a == atom.Pre {
					pre++
				}
			case atom.Li:
				c.blockBreak()
				c.raw("- ")
			case atom.Blockquote:
				c.push(frameQuote)
			case atom.Table:
				c.push(frameTable)
			case atom.Tr:
				c.startRow()
			case atom.Td, atom.Th:
				c.startCell(a == atom.Td)
				if hasAttr {
					c.top().cols, c.top().rowspan = spanOf(z.Raw())
				}
			case atom.Img:
				// no text
			default:
				if isBlock(a) {
					c.blockBreak()
				}
			}
		case html.EndTagToken:
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Head, atom.Title, atom.Noscript, atom.Template:
				if skip > 0 {
					skip--
				}
				if a == atom.Style {
					inStyle = false
				}
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if a == atom.P && msoLine {
					if c.atLineStart() {
						c.newline() // an empty MsoNormal paragraph: a blank line
					} else {
						c.blockBreak()
					}
					msoLine = false
				} else {
					c.paraBreak()
				}
			case atom.Pre:
				if pre > 0 {
					pre--
				}
				c.paraBreak()
			case atom.Blockquote:
				c.closeKind(frameQuote)
			case atom.Table:
				c.closeKind(frameTable)
			case atom.Tr:
				c.endRow()
			case atom.Td, atom.Th:
				c.endCell()
			default:
				if isBlock(a) {
					c.blockBreak()
				}
			}
		}
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Section, atom.Article,
		atom.Header, atom.Footer, atom.Address, atom.Center, atom.Form, atom.Fieldset,
		atom.Main, atom.Nav, atom.Aside, atom.Figure, atom.Caption, atom.Tbody, atom.Thead, atom.Tfoot, atom.Body, atom.Html:
		return true
	}
	return false
}

type frameKind int

const (
	frameRoot frameKind = iota
	frameQuote
	frameTable
	frameCell
)

type frame struct {
	kind    frameKind
	b       strings.Builder
	cells   []string // frameTable: cells of the current row
	inRow   bool
	rowTd   bool       // frameTable: the current row has a td cell
	columns bool       // frameTable: a header row named unit fields: rows are columns
	rows    int        // frameTable: rows with text flushed so far
	pending bool       // a space is due before the next text
	down    []spanDown // frameTable: rowspan cells above, by column
	cols    int        // frameCell: colspan (0 or 1: one column)
	rowspan int        // frameCell: rowspan
}

type htmlConv struct {
	stack []*frame
}

func (c *htmlConv) push(k frameKind) {
	if len(c.stack) > 200 {
		// Absurd nesting: keep writing into the current frame.
		return
	}
	c.stack = append(c.stack, &frame{kind: k})
}

func (c *htmlConv) top() *frame { return c.stack[len(c.stack)-1] }

// outFrame is the frame text goes to: the innermost frame that holds text.
func (c *htmlConv) outFrame() *frame {
	t := c.top()
	if t.kind == frameTable {
		// Text directly inside a table (outside cells): treat as a cell.
		c.startCell(true)
		t = c.top()
	}
	return t
}

func (c *htmlConv) out() *strings.Builder { return &c.outFrame().b }

func (f *frame) atLineStart() bool {
	s := f.b.String()
	return len(s) == 0 || s[len(s)-1] == '\n'
}

func (c *htmlConv) atLineStart() bool { return c.outFrame().atLineStart() }

func (c *htmlConv) text(t string, pre bool) {
	f := c.outFrame()
	if pre {
		f.pending = false
		f.b.WriteString(strings.ReplaceAll(t, "\u00a0", " "))
		return
	}
	t = collapseSpace(t)
	if t == "" {
		return
	}
	lead, trail := t[0] == ' ', t[len(t)-1] == ' '
	t = strings.Trim(t, " ")
	if lead && !f.atLineStart() {
		f.pending = true
	}
	if t != "" {
		if f.pending && !f.atLineStart() {
			f.b.WriteByte(' ')
		}
		f.pending = false
		f.b.WriteString(t)
	}
	if trail {
		f.pending = true
	}
}

func (c *htmlConv) raw(s string) {
	f := c.outFrame()
	f.pending = false
	f.b.WriteString(s)
}

func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u200b':
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func (c *htmlConv) newline() {
	f := c.outFrame()
	f.pending = false
	f.b.WriteByte('\n')
}

// blockBreak ensures the output is at the start of a line.
func (c *htmlConv) blockBreak() {
	if !c.atLineStart() {
		c.newline()
	}
}

// paraBreak ensures a blank line (unless at the very start).
func (c *htmlConv) paraBreak() {
	b := c.out()
	s := b.String()
	if len(s) == 0 {
		return
	}
	if !strings.HasSuffix(s, "\n") {
		c.newline()
		s = b.String()
	}
	if !strings.HasSuffix(s, "\n\n") {
		b.WriteByte('\n')
	}
}

// table handling

func (c *htmlConv) table() *frame {
	for i := len(c.stack) - 1; i >= 0; i-- {
		switch c.stack[i].kind {
		case frameTable:
			return c.stack[i]
		case frameQuote:
			return nil
		}
	}
	return nil
}

func (c *htmlConv) startRow() {
	// Close an open cell and row of the innermost table.
	for c.top().kind == frameCell {
		c.endCell()
	}
	if t := c.table(); t != nil {
		if t.inRow {
			c.flushRow(t)
		}
		t.inRow = true
	}
}

func (c *htmlConv) endRow() {
	for c.top().kind == frameCell {
		c.endCell()
	}
	if t := c.table(); t != nil && t.inRow {
		c.flushRow(t)
	}
}

func (c *htmlConv) flushRow(t *frame) {
	t.inRow = false
	t.fillDown()
	var cells []string
	for _, s := range t.cells {
		cells = append(cells, strings.TrimSpace(s))
	}
	t.cells = t.cells[:0]
	if !t.rowTd && unitHeader(cells) || t.rowTd && t.rows == 0 && tdHeader(cells) {
		// th cells, or a first row of td cells (often in <b>) each
		// naming a field ("Model | Serial"): the table's header
		t.columns = true
	}
	t.rowTd = false
	nonEmpty := 0
	for _, s := range cells {
		if s != "" {
			nonEmpty++
		}
	}
	if nonEmpty == 0 {
		return // a spacer row: the header may come under it
	}
	t.rows++
	var line string
	switch {
	case len(cells) == 2 && cells[0] != "" && cells[1] != "" && !strings.Contains(cells[0], "\n") && len(cells[0]) < 60 && !t.columns:
		line = strings.TrimRight(cells[0], ": ") + ": " + strings.ReplaceAll(cells[1], "\n", ", ")
	case nonEmpty == 2 && spacedPair(cells):
		// "| Número de serie |  | QTFCOD5120077 |": a layout table's
		// spacer cells between a label and its value
		ne := nonEmptyOf(cells)
		line = strings.TrimRight(ne[0], ": ") + ": " + strings.ReplaceAll(ne[1], "\n", ", ")
	case nonEmpty == 1:
		for _, s := range cells {
			if s != "" {
				line = s
			}
		}
	default:
		multi := false
		for _, s := range cells {
			if strings.Contains(s, "\n") {
				multi = true
			}
		}
		if multi {
			line = strings.Join(nonEmptyOf(cells), "\n")
		} else {
			line = strings.Join(cells, " | ")
		}
	}
	b := &t.b
	if s := b.String(); len(s) > 0 && !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
	b.WriteString(line)
	b.WriteByte('\n')
}

// spacedPair: a row of two filled cells among empty ones whose first is
// a field's label (ends in ":" or is one the label tables know; a row of
// codes, "Q1 | | TS-873A", or a footer's links, "Privacy Policy | |
// Customer Support", stays a row).
func spacedPair(cells []string) bool {
	if len(cells) < 3 {
		return false
	}
	for _, s := range cells {
		if s == "" {
			continue
		}
		if len(s) >= 60 || strings.Contains(s, "\n") || hasDigit(s) {
			return false
		}
		k, _ := lookupLabel(strings.TrimRight(s, ":： "))
		return k != 0 || strings.HasSuffix(s, ":")
	}
	return false
}

func nonEmptyOf(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (c *htmlConv) startCell(td bool) {
	for c.top().kind == frameCell {
		c.endCell()
	}
	t := c.top()
	if t.kind != frameTable {
		// A cell outside any table: just a separator.
		if !c.atLineStart() {
			c.raw(" ")
		}
		return
	}
	if !t.inRow {
		t.inRow = true
	}
	t.rowTd = t.rowTd || td
	c.push(frameCell)
}

func (c *htmlConv) endCell() {
	if c.top().kind != frameCell || len(c.stack) < 2 {
		return
	}
	cell := c.top()
	c.stack = c.stack[:len(c.stack)-1]
	c.top().addCell(cell.b.String(), max(1, cell.cols), cell.rowspan)
}

// closeKind closes frames up to and including the innermost of kind k.
func (c *htmlConv) closeKind(k frameKind) {
	for i := len(c.stack) - 1; i > 0; i-- {
		if c.stack[i].kind == k {
			for len(c.stack) > i {
				c.closeTop()
			}
			return
		}
	}
}

// closeTop pops the top frame and writes its text into the parent.
func (c *htmlConv) closeTop() {
	if len(c.stack) < 2 {
		return
	}
	f := c.top()
	switch f.kind {
	case frameCell:
		c.endCell()
		return
	case frameTable:
		if f.inRow {
			c.flushRow(f)
		}
	}
	c.stack = c.stack[:len(c.stack)-1]
	s := strings.Trim(f.b.String(), "\n")
	if strings.TrimSpace(s) == "" {
		return
	}
	if f.kind == frameQuote {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = "> " + l
		}
		s = strings.Join(lines, "\n")
	}
	c.blockBreak()
	c.out().WriteString(s)
	c.out().WriteByte('\n')
}

// unitHeader: a row of header cells (th, no td) naming a unit field among
// words ("Model | Serial", "Model | Qty"): the rows under it are a table's
// columns, not "label: value" pairs, which a two-cell row otherwise reads
// as. (A cell opening with a digit is a value, "TS-873A", not a heading;
// "Bought 2025" is one.)
func unitHeader(cells []string) bool {
	if len(cells) < 2 {
		return false
	}
	unit := false
	for _, s := range cells {
		if f := strings.Fields(s); len(f) > 0 && hasDigit(f[0]) {
			return false
		}
		k, _ := lookupLabel(strings.ToLower(s))
		unit = unit || unitKey(k)
	}
	return unit
}

// tdHeader: a first row of td cells is a header when every cell is a
// short field label and one a unit field's, as a header's are (a row of td
// cells that are "label | value" has a value that is none). Short cells
// without digits first: layout tables' first rows are long text.
func tdHeader(cells []string) bool {
	if len(cells) < 2 {
		return false
	}
	for _, s := range cells {
		if s == "" || len(s) > 40 || hasDigit(s) {
			return false
		}
	}
	unit := false
	for _, s := range cells {
		k, _ := lookupLabel(strings.ToLower(s))
		if k == 0 {
			return false
		}
		unit = unit || unitKey(k)
	}
	return unit
}
