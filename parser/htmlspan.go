package parser

import (
	"bytes"
	"strconv"
	"strings"
)

// A table is a grid: a cell spanning columns (colspan) or rows (rowspan)
// fills every place of the grid it covers, so that the cells of a row
// stand under their header ("Qty | Unit (colspan 2) | Serial" over "1 |
// QNAP | TS-873A | Q21BI04567") and a row under a rowspan cell keeps it
// ("2 | TS-873A (rowspan 2) | Q21BI04567" / "Q21BI04568").

// spanOf reads a cell tag's colspan and rowspan (1 when absent or absurd).
func spanOf(raw []byte) (cols, rows int) {
	cols, rows = 1, 1
	if !bytes.Contains(raw, []byte("span")) {
		return
	}
	low := bytes.ToLower(raw)
	return spanAttr(low, "colspan"), spanAttr(low, "rowspan")
}

// spanAttr is the value of the span attribute name in a lower-case tag,
// 1 when absent, not a number or more than 20.
func spanAttr(low []byte, name string) int {
	i := bytes.Index(low, []byte(name))
	if i < 0 {
		return 1
	}
	v := bytes.TrimLeft(low[i+len(name):], " =\"'")
	n := 0
	for n < len(v) && v[n] >= '0' && v[n] <= '9' {
		n++
	}
	k, err := strconv.Atoi(string(v[:n]))
	if err != nil || k < 1 || k > 20 {
		return 1
	}
	return k
}

// spanDown is a rowspan cell's text and how many rows below still hold it.
type spanDown struct {
	text string
	left int
}

// addCell puts a cell's text in the row, after the cells rowspan cells
// above carry into the row's next places, and remembers it for the rows
// below it spans.
// Only a short value's copies hold its text (a layout table's block of
// prose spanning rows is written once); a long one's are empty places.
func (t *frame) addCell(text string, cols, rows int) {
	t.fillDown()
	copied := text
	if len(strings.TrimSpace(text)) > 40 || strings.Contains(strings.TrimSpace(text), "\n") {
		copied = ""
	}
	for k := 0; k < cols; k++ {
		if rows > 1 {
			for len(t.down) <= len(t.cells) {
				t.down = append(t.down, spanDown{})
			}
			t.down[len(t.cells)] = spanDown{copied, rows - 1}
		}
		if k == 0 {
			t.cells = append(t.cells, text)
		} else {
			t.cells = append(t.cells, copied)
		}
	}
}

// fillDown puts the texts of the rowspan cells above into the row's next
// places they cover.
func (t *frame) fillDown() {
	for len(t.cells) < len(t.down) && t.down[len(t.cells)].left > 0 {
		d := &t.down[len(t.cells)]
		d.left--
		t.cells = append(t.cells, d.text)
	}
}
