package parser

import "strings"

// addressColumns reads addresses laid out side by side (an HTML table or
// a plain-text one with tabs or pipes): a header of address labels ("Ship
// To<TAB>Bill To") over rows with a cell per column, up to a blank line.
// Each column's cells, joined with ", ", are that label's address; a
// label that is not an address ends the reading. ok is false when line i
// heads no such table.
func addressColumns(lines []string, i int) (found []labelled, last int, ok bool) {
	sep := "\t"
	if !strings.Contains(lines[i], sep) {
		if sep = "|"; !strings.Contains(lines[i], sep) {
			return nil, 0, false
		}
	}
	head := cellsOf(lines[i], sep)
	if len(head) < 2 || len(head) > 3 {
		return nil, 0, false
	}
	keys := make([]int, len(head))
	for k, h := range head {
		key, _ := lookupLabel(strings.TrimRight(h, ":："))
		if key != kShipTo && key != kBillTo || len(h) > 40 {
			return nil, 0, false
		}
		keys[k] = key
	}
	cols := make([][]string, len(head))
	last = i
	for j := i + 1; j < len(lines) && j <= i+8; j++ {
		if strings.TrimSpace(lines[j]) == "" {
			break
		}
		row := cellsOf(lines[j], sep)
		if len(row) != len(head) {
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
		if len(cols[k]) > 0 {
			found = append(found, labelled{key: key, value: strings.Join(cols[k], ", "), line: i})
		}
	}
	return found, last, len(found) > 0
}
