package parser

// Where a labelled value ends: on the lines under its label (an address,
// a description), or at a second label on its line (after a value and one
// space, or after a CJK clause).

import (
	"strings"
	"unicode"
)

// spacedLabel finds a second label after a value and one space ("Bill
// No.: ALT/IN/2025/0771 Bill Date: 03/02/2025"): where the value ends, the
// label's key and unit, and its value. Only a known label of one to three
// words before a colon counts; k is 0 when there is none.
func spacedLabel(val string) (j, k, kidx int, rest string) {
	c := strings.IndexByte(val, ':')
	if c <= 0 || c+1 >= len(val) {
		return 0, 0, 0, ""
	}
	words := strings.Fields(val[:c])
	for n := min(3, len(words)-1); n >= 1; n-- {
		lbl := strings.Join(words[len(words)-n:], " ")
		j = strings.LastIndex(val[:c], lbl)
		if j <= 0 || val[j-1] != ' ' {
			continue
		}
		if k, kidx, rest = labelOf(val[j:]); k != 0 && !isAddressKey(k) && k != kProblem {
			return j - 1, k, kidx, strings.TrimSpace(rest)
		}
	}
	return 0, 0, 0, ""
}

// lastCJKClause is where the last clause after a full-width comma,
// question mark or full stop starts in l, 0 if none.
func lastCJKClause(l string) int {
	k := 0
	for _, sep := range []string{"，", "？", "。", "！"} {
		if i := strings.LastIndex(l, sep); i >= 0 && i+len(sep) > k {
			k = i + len(sep)
		}
	}
	return k
}

// continuedValue joins val and the lines after line i, up to a blank line,
// another label or a unit heading (at most 11 lines), marking them used, and
// returns the value and the index of the last line it took. Blank lines
// before the first part are skipped, for a problem only the one right after
// the label. Address lines are joined with ", ", problem lines with " ".
func continuedValue(lines []string, used []bool, i, key int, val string) (string, int) {
	var parts []string
	if val != "" {
		parts = append(parts, val)
	}
	j := i + 1
	for ; j < len(lines) && j < i+12; j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" {
			if len(parts) == 0 && key != kProblem {
				continue
			}
			if len(parts) == 0 && key == kProblem && j == i+1 {
				continue
			}
			break
		}
		if len(parts) == 0 && j == i+1 && strings.Trim(t, "-_=*~─━═ ") == "" {
			// "Ship to:" / "--------" / the address: a rule right under
			// the label underlines it, the value starts below
			continue
		}
		if k, _, _ := labelOf(lines[j]); k != 0 {
			break
		}
		if _, _, ok := matchUnitHead(lines[j]); ok {
			break
		}
		if isAddressKey(key) && len(parts) > 0 && (!addressLine(t) || formRow(t)) {
			break
		}
		if isAddressKey(key) && len(parts) > 0 && strings.HasPrefix(t, "The ") && lastWordHasDigit(parts[len(parts)-1]) {
			// "The Old Mill, Example Lane" names a building under the
			// company line; after a street it starts another address
			break
		}
		if key == kSerial {
			// "Serial numbers:" over a bulleted list of them
			t = strings.TrimSpace(strings.TrimLeft(t, "-*•·・"))
		}
		if isAddressKey(key) && len(parts) > 0 {
			// "Deccan Cloud Services Pvt Ltd," / "Plot No 17,": lines that
			// end in their own comma are joined without doubling it
			parts[len(parts)-1] = strings.TrimRight(parts[len(parts)-1], ", ")
		}
		parts = append(parts, t)
		// a problem's lines stay prose: a web form's or a ticket's
		// "Description:" is where the writer names the unit's model
		used[j] = key != kProblem
	}
	sep := ", "
	if key == kProblem {
		sep = " "
	}
	if isAddressKey(key) && len(parts) > 1 {
		parts[len(parts)-1] = strings.TrimRight(parts[len(parts)-1], ", ")
	}
	return strings.Join(parts, sep), j - 1
}

// bareAddressLabel reads "address 22 Jalan Besar #01-03 Singapore 208789",
// the label written without its colon in a hurried mail: the address,
// when the word starts the line and a street number and words follow; ""
// otherwise.
func bareAddressLabel(l string) string {
	if len(l) < 16 || l[0]|0x20 != 'a' && l[0] != ' ' {
		return "" // (most lines: one byte read)
	}
	t := strings.TrimSpace(l)
	if len(t) < 16 || len(t) > 120 || t[0]|0x20 != 'a' || !hasPrefixFold(t, "address ") {
		return ""
	}
	v := strings.TrimSpace(t[len("address "):])
	if !isDigit(v[0]) || len(strings.Fields(v)) < 3 || strings.IndexFunc(v, unicode.IsLetter) < 0 || notPostal(v) {
		return ""
	}
	return v
}
