package parser

import "strings"

// addressColumns reads addresses laid out side by side (an HTML table, or a
// plain-text one with tabs, pipes or columns aligned with spaces): a header
// of address labels ("Ship To<TAB>Bill To") over rows with a cell per
// column, up to a blank line. Each column's cells, joined with ", ", are
// that label's address. A column under a label that is no field of ours
// ("Your RMA return address:", the vendor's) is left out, so its address
// is never merged into the customer's; a label of another field ends the
// reading (fieldRow reads such rows). ok is false when line i heads no
// such table.
func addressColumns(lines []string, i int) (found []labelled, last int, ok bool) {
	split, head, ok := headerColumns(lines[i])
	if !ok || len(head) < 2 || len(head) > 3 {
		return nil, 0, false
	}
	keys := make([]int, len(head))
	addresses := 0
	for k, h := range head {
		t := strings.TrimRight(h, ":：")
		key, _ := lookupLabel(t)
		switch {
		case len(h) > 40:
			return nil, 0, false
		case key == kShipTo || key == kBillTo:
			addresses++
		case key == 0 && t != h:
			// a label of no field of ours: its column is read and dropped
		default:
			return nil, 0, false
		}
		keys[k] = key
	}
	if addresses == 0 {
		return nil, 0, false
	}
	cols := make([][]string, len(head))
	last = i
	for j := i + 1; j < len(lines) && j <= i+8; j++ {
		if strings.TrimSpace(lines[j]) == "" {
			break
		}
		row, ok := split.cells(lines[j])
		if !ok || len(row) != len(head) {
			break
		}
		for k, c := range row {
			if c != "" {
				cols[k] = append(cols[k], c)
			}
		}
		last = j
	}
	if last < i+2 {
		return nil, 0, false // an address has two lines at least
	}
	for k, key := range keys {
		if key != 0 && len(cols[k]) > 0 {
			found = append(found, labelled{key: key, value: strings.Join(cols[k], ", "), line: i})
		}
	}
	return found, last, len(found) > 0
}

// columnSplit cuts a table's rows as its header is cut: at sep (a tab or a
// pipe), or, when sep is "", at the rune offsets where the header's cells
// begin (columns aligned with spaces).
type columnSplit struct {
	sep  string
	offs []int
}

// headerColumns finds how line l is cut into columns and its cells. Cells
// aligned with spaces are apart by two spaces at least: one space is a
// word's.
func headerColumns(l string) (columnSplit, []string, bool) {
	for _, sep := range []string{"\t", "|"} {
		if strings.Contains(l, sep) {
			return columnSplit{sep: sep}, cellsOf(l, sep), true
		}
	}
	if !strings.Contains(l, "  ") {
		return columnSplit{}, nil, false
	}
	r := []rune(l)
	var s columnSplit
	for k := range r {
		if r[k] != ' ' && (k == 0 || r[k-1] == ' ' && (len(s.offs) == 0 || k >= 2 && r[k-2] == ' ')) {
			s.offs = append(s.offs, k)
		}
	}
	cells, ok := s.cells(l)
	return s, cells, ok && len(cells) >= 2
}

// cells cuts row l; false when l does not fit the columns (a cell running
// into the next one).
func (s columnSplit) cells(l string) ([]string, bool) {
	if s.sep != "" {
		return cellsOf(l, s.sep), true
	}
	r := []rune(l)
	out := make([]string, len(s.offs))
	for k, off := range s.offs {
		if off >= len(r) {
			break
		}
		if k > 0 && r[off-1] != ' ' {
			return nil, false
		}
		end := len(r)
		if k+1 < len(s.offs) {
			end = min(end, s.offs[k+1])
		}
		out[k] = strings.TrimSpace(string(r[off:end]))
	}
	return out, true
}
