package parser

import (
	"cmp"
	"regexp"
	"strings"
)

// assembleUnits builds the units from the labelled unit fields in text
// order, lets units listed together share what was stated once for them,
// and takes the table's units when the labels gave at most one unit.
func assembleUnits(found []labelled, tableUnits []Unit) []Unit {
	b := unitBuilder{units: []Unit{}, cur: -1}
	var every Unit // the facts stated for all units
	prevFw := -2   // the line of the last firmware label
	for _, l := range found {
		v := l.value
		if l.unit == allUnits {
			everyUnit(&every, l.key, v)
			continue
		}
		switch l.key {
		case kUnit:
			if l.unit > 0 {
				b.set(l.unit, func(u *Unit) bool { return true })
			} else if b.cur < 0 || b.units[b.cur] != (Unit{}) {
				// a "Unit:" heading starts the next unit; the first one
				// needs no empty unit before it
				b.add()
			}
			fillUnitFromProse(&b.units[b.cur], v)
		case kSerial:
			b.addSerials(l)
		case kPart:
			b.set(l.unit, func(u *Unit) bool { return setField(&u.PartNumber, cleanCode(v)) })
		case kModel:
			b.set(l.unit, func(u *Unit) bool { return setField(&u.Model, v) })
		case kFirmware:
			if v = firmwareNow(v); foreignSoftware(strings.ToLower(v)) {
				continue // "Version: 2016.0.7294 / Virus Database: ..." (an antivirus footer)
			}
			if !versionIn(v) {
				continue // "Firmware: see screenshot", "Firmware: latest", "see screenshot from 2024-11-30": no version
			}
			v = strings.TrimRight(v, ".,;")
			if strings.HasSuffix(v, ")") && !strings.Contains(v, "(") {
				v = strings.TrimRight(v, ").,;") // "... daily (firmware: 1.5.3.4380)."
			}
			if l.unit == 0 && prevFw == l.line-1 && b.cur >= 0 && b.units[b.cur].Firmware != "" {
				// "Firmware: 5.1.4 / BIOS: 3B13 / BMC: 4.30": the lines
				// right under one unit's version give its other
				// components' versions, not more units; the first stays
				prevFw = l.line
				continue
			}
			prevFw = l.line
			b.set(l.unit, func(u *Unit) bool { return setField(&u.Firmware, v) })
		}
	}
	b.shareGroups()
	units := b.units
	if every != (Unit{}) {
		if len(units) == 0 {
			// the prose or a table lists the units; proseUnits and
			// withTableUnits share this one's facts with them
			units = append(units, every)
		}
		for i := range units {
			units[i].Model = cmp.Or(units[i].Model, every.Model)
			units[i].PartNumber = cmp.Or(units[i].PartNumber, every.PartNumber)
			units[i].Firmware = cmp.Or(units[i].Firmware, every.Firmware)
		}
	}
	return withTableUnits(units, tableUnits)
}

// firmwareNow is the version a labelled firmware value says the unit
// runs now: the one after an arrow ("h5.1.0.2424（更新前）→ h5.2.1.2930
// （更新後）"), without a full-width note ("QuTS hero h5.2.1.2930
// （h5.1.0.2424 から更新）"), the current one a note gives beside a planned
// update ("2.2.0.b14 にアップデート予定（現在 2.1.0）"), none when the
// value says it is not known ("不明（h5.2 以降のはず）").
func firmwareNow(v string) string {
	if before, after, ok := cutArrow(v); ok {
		// "5.1.0.2424 → 5.2.1.2930 (planned for next week, not done
		// yet)": the version after the arrow is still to come.
		// "5.1.4 → 5.2.0 (failed, rolled back)": it never ran.
		if low := strings.ToLower(after); containsAny(low, plannedWords) || containsAny(low, notDoneWords) || containsAny(low, fwFailCues) {
			v = before
		} else {
			v = after
		}
	}
	v = strings.TrimSpace(v)
	i := strings.Index(v, "（")
	if i < 0 {
		if hasAnyPrefixFold(v, unknownWords) {
			return ""
		}
		return withoutPlan(v)
	}
	main, note := strings.TrimSpace(v[:i]), v[i+len("（"):]
	if j := strings.Index(note, "）"); j >= 0 {
		note = note[:j]
	}
	switch {
	case hasAnyPrefixFold(main, unknownWords):
		return ""
	case containsAny(strings.ToLower(main), plannedWords):
		for _, w := range []string{"現在", "current", "aktuell", "当前", "目前"} {
			if k := strings.Index(note, w); k >= 0 {
				for _, f := range strings.Fields(note[k+len(w):]) {
					if f = strings.Trim(f, ":： ,"); hasDigit(f) {
						return f
					}
				}
			}
		}
		return ""
	}
	return main
}

// cutArrow splits a value at its last arrow ("→", "->" or "=>").
func cutArrow(v string) (before, after string, ok bool) {
	for _, a := range []string{"→", "->", "=>"} {
		if i := strings.LastIndex(v, a); i >= 0 {
			return v[:i], v[i+len(a):], true
		}
	}
	return v, "", false
}

// unknownWords open a value that says the version is not known;
// plannedWords say a version is one to come, notDoneWords that a change
// has not happened.
var (
	unknownWords = []string{"不明", "未知", "不详", "不詳", "unknown", "unbekannt", "inconnu", "desconocid", "sconosciut", "onbekend"}
	plannedWords = []string{"予定", "计划", "計劃", "planned", "geplant", "prévu", "previst", "gepland"}
	notDoneWords = []string{"not done yet", "not yet", "scheduled", "will update", "will be", "to be applied", "to be installed", "pending", "noch nicht", "pas encore", "todavía no", "todavia no", "ainda não", "non ancora", "nog niet", "まだ", "尚未", "还没", "還沒"}
)

// versionIn: a firmware value holds a version, a word with a digit that
// is not a date or a year alone ("Firmware: see screenshot from
// 2024-11-30", "unknown, cannot log in since 2024" hold none).
func versionIn(v string) bool {
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '(' || r == ')' }) {
		w = strings.TrimRight(w, ".")
		if !hasDigit(w) || isYear(w) || isDate(w) && hasYear(w) {
			continue // ("4.22.06" reads as a date too: a version)
		}
		return true
	}
	return false
}

// hasYear: one of the parts of a date-like word is a four-digit year.
func hasYear(w string) bool {
	for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '.' || r == '/' }) {
		if isYear(p) {
			return true
		}
	}
	return false
}

// isYear: four digits from 1990 to 2099.
func isYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") && w[2] == '9' || strings.HasPrefix(w, "20")) && digits(w) == 4
}

// everyUnit records a unit fact a label states for all units ("Firmware
// en todos: 1.3.0.0028"): the first value of each field.
func everyUnit(u *Unit, key int, v string) {
	v = strings.TrimRight(strings.TrimSpace(v), ".,;")
	switch {
	case key == kFirmware && versionIn(v) && !foreignSoftware(strings.ToLower(v)):
		u.Firmware = cmp.Or(u.Firmware, v)
	case key == kModel:
		u.Model = cmp.Or(u.Model, v)
	case key == kPart:
		u.PartNumber = cmp.Or(u.PartNumber, cleanCode(v))
	}
}

// unitBuilder assembles units from labelled values in text order.
type unitBuilder struct {
	units  []Unit
	cur    int      // the unit being filled; -1 before the first
	groups [][2]int // [first, end) of the units made from one list of serials
}

// set applies fn to unit idx (1-based, created if missing), or with idx 0
// to the current unit (created if none).
func (b *unitBuilder) set(idx int, fn func(u *Unit) bool) {
	if idx > 0 {
		for len(b.units) < idx {
			b.units = append(b.units, Unit{})
		}
		b.cur = idx - 1
	} else if b.cur < 0 {
		b.add()
	}
	if !fn(&b.units[b.cur]) {
		// Field already set: a new unit starts.
		b.add()
		fn(&b.units[b.cur])
	}
}

// add starts a new unit and makes it the current one.
func (b *unitBuilder) add() {
	b.units = append(b.units, Unit{})
	b.cur = len(b.units) - 1
}

// setField sets *dst to v, reporting false if it holds another value.
func setField(dst *string, v string) bool {
	if *dst != "" && *dst != v {
		return false
	}
	*dst = v
	return true
}

// addSerials sets the serial of a labelled value. A list ("A, B and C")
// gives one unit per serial, kept as a group for shareGroups.
func (b *unitBuilder) addSerials(l labelled) {
	v := l.value
	if i := strings.Index(v, ". "); i > 0 && i+2 < len(v) && v[i+2] >= 'A' && v[i+2] <= 'Z' {
		v = v[:i] // "A8N2104B00219 and A8N2104B00220. Both run ...": the list ends with its sentence
	}
	v, note := listNote(joinedSerial(v))
	vals := splitList(v)
	first, nset := -1, 0
	for n, s := range vals {
		idx := l.unit
		if n > 0 {
			// Only code-like items continue a list of serials
			// ("Q1, Q2 and Q3", not "Q1, model TS-473A").
			if c := cleanCode(s); !hasDigit(c) || strings.ContainsAny(strings.TrimSpace(s), " \t") && len(strings.Fields(s)) > 1 {
				break
			}
			idx = 0
			b.add()
		}
		if c := cleanCode(s); n == 0 && !serialValue(c) {
			break // "Serial: TBC BY 20 MAR", "Serial: see label", "Serial: unknown"
		}
		b.set(idx, func(u *Unit) bool { return setField(&u.SerialNumber, cleanCode(s)) })
		if first < 0 {
			first = b.cur
		}
		nset++
	}
	if nset > 1 && first >= 0 {
		b.groups = append(b.groups, [2]int{first, len(b.units)})
	}
	for i := max(first, 0); nset > 0 && i < len(b.units); i++ {
		noteFacts(&b.units[i], note)
	}
	// "Serial: Q22AF09876, model TS-473A", "SN:Q21BI04567 TS-873A dead"
	if b.cur >= 0 && b.units[b.cur].Model == "" && (len(vals) > 1 || nset == 1 && strings.ContainsRune(v, ' ')) && modelCandidate(v) {
		if ix := proseModel.FindStringIndex(v); ix != nil && !notTheirModel(v[:ix[0]]) && !otherUnit(v, ix[0], ix[1]) {
			b.units[b.cur].Model = v[ix[0]:ix[1]]
		}
	}
}

// joinedSerial joins a serial copied off a label in groups ("QTFC Q230
// 4001 183"): three or more groups of two to five capitals and digits and
// nothing else are one code.
func joinedSerial(v string) string {
	f := strings.Fields(v)
	if len(f) < 3 || len(f) > 6 {
		return v
	}
	for _, g := range f {
		if len(g) < 2 || len(g) > 5 {
			return v
		}
		for i := 0; i < len(g); i++ {
			if c := g[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return v
			}
		}
	}
	// one group mixes letters and digits ("Q230"): "TBC BY 20 MAR" and
	// "10231 10232 10233" are words and a list, not one code
	mixed := false
	for _, g := range f {
		mixed = mixed || hasDigit(g) && strings.IndexFunc(g, func(r rune) bool { return r >= 'A' && r <= 'Z' }) >= 0
	}
	if j := strings.Join(f, ""); mixed && len(j) >= 10 && len(j) <= 24 {
		return j
	}
	return v
}

// shareGroups lets units listed together ("Serial numbers: A, B and C")
// share the model, part number and firmware stated once for them.
func (b *unitBuilder) shareGroups() {
	units := b.units
	for _, g := range b.groups {
		if g[0] < 0 || g[1] > len(units) {
			continue
		}
		var shared Unit
		for _, u := range units[g[0]:g[1]] {
			shared.Model = cmp.Or(shared.Model, u.Model)
			shared.PartNumber = cmp.Or(shared.PartNumber, u.PartNumber)
			shared.Firmware = cmp.Or(shared.Firmware, u.Firmware)
		}
		for i := g[0]; i < g[1]; i++ {
			u := &units[i]
			u.Model = cmp.Or(u.Model, shared.Model)
			u.PartNumber = cmp.Or(u.PartNumber, shared.PartNumber)
			u.Firmware = cmp.Or(u.Firmware, shared.Firmware)
		}
	}
}

// withTableUnits takes the table's units when the labels gave none, or
// gave one without a serial: its model, part and firmware then apply to
// every row.
func withTableUnits(units, tableUnits []Unit) []Unit {
	if len(tableUnits) > 0 && len(units) <= 1 {
		if len(units) == 1 && units[0].SerialNumber == "" {
			// labelled model/part applying to all table rows
			for i := range tableUnits {
				if tableUnits[i].Model == "" {
					tableUnits[i].Model = units[0].Model
				}
				if tableUnits[i].PartNumber == "" {
					tableUnits[i].PartNumber = units[0].PartNumber
				}
				// ("Firmware on all units:" under the table)
				tableUnits[i].Firmware = cmp.Or(tableUnits[i].Firmware, units[0].Firmware)
			}
			units = tableUnits
		} else if len(units) == 0 {
			units = tableUnits
		}
	}
	return units
}

// splitList splits "A, B and C" lists of serials.
func splitList(v string) []string {
	v = strings.ReplaceAll(v, " and ", ",")
	v = strings.ReplaceAll(v, " und ", ",")
	v = strings.ReplaceAll(v, " et ", ",")
	// Spanish, Italian/Portuguese, Dutch, Swedish/Danish/Norwegian "and"
	for _, c := range []string{" y ", " e ", " en ", " och ", " og ", " i ", " a "} {
		v = strings.ReplaceAll(v, c, ",")
	}
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{v}
	}
	return out
}

// appendUnit appends u unless a unit with its serial is there already (a
// serial named twice in the prose).
func appendUnit(units []Unit, u Unit) []Unit {
	for _, x := range units {
		if x.SerialNumber == u.SerialNumber {
			return units
		}
	}
	return append(units, u)
}

// compactUnits drops the empty units assembly leaves behind (a "Unit N:"
// heading with nothing read from it, units skipped by a "Serial 3:" label).
func compactUnits(units []Unit) []Unit {
	out := []Unit{}
	for _, u := range units {
		if u == (Unit{}) {
			continue
		}
		// serials are matched against the vendor's records upper-cased
		// ("a1-44817" typed on a phone is A1-44817)
		u.SerialNumber = strings.ToUpper(u.SerialNumber)
		if i := strings.LastIndex(u.Firmware, " ("); i > 0 && strings.HasSuffix(u.Firmware, ")") && !hasDigit(u.Firmware[i:]) {
			u.Firmware = u.Firmware[:i] // "2.7.1.0830 (as shipped)"
		} else if i := strings.LastIndex(u.Firmware, "（"); i > 0 && strings.HasSuffix(u.Firmware, "）") && !hasDigit(u.Firmware[i:]) {
			u.Firmware = strings.TrimSpace(u.Firmware[:i]) // "h5.2.1.2930（更新後）": full-width brackets, no space before
		}
		// a CJK sentence's full stop is no part of the version ("韌體版本 3.1.0。")
		u.Firmware = strings.TrimRight(u.Firmware, "。．")
		u.Model = withoutVendor(u.Model)
		out = append(out, u)
	}
	return out
}

// withoutVendor drops the vendor's company name written before a model
// ("Altai A8n", "QNAP TS-873A"): the model is the product's own name. A
// product line's name stays ("TrueNAS X10", "QuantaGrid D52BQ-2U").
func withoutVendor(m string) string {
	for _, v := range []string{"Altai ", "QNAP ", "QCT ", "iXsystems ", "Quanta "} {
		if len(m) > len(v) && strings.EqualFold(m[:len(v)], v) {
			return strings.TrimSpace(m[len(v):])
		}
	}
	return m
}

// fillUnitFromProse reads the serial, model, part number and firmware
// written in the value of a "Unit N:" heading.
func fillUnitFromProse(u *Unit, v string) {
	if mm := proseSerial.FindStringSubmatch(v); mm != nil && hasDigit(mm[1]) {
		u.SerialNumber = strings.ToUpper(mm[1])
	}
	ms := proseModel.FindString(v)
	if ms != "" && u.Model == "" {
		u.Model = ms
	}
	if u.SerialNumber == "" {
		// "Unit 1: Q23BH02291 (TS-664)": the code a heading names its
		// unit by is its serial, when shaped like one and not the model
		for _, w := range strings.Fields(v) {
			if w = strings.Trim(w, "()[],;:."); w != ms && serialShaped(w) && !proseModel.MatchString(w) {
				u.SerialNumber = w
				break
			}
		}
	}
	if mm := prosePart.FindStringSubmatch(v); mm != nil && u.PartNumber == "" && hasDigit(mm[1]) {
		u.PartNumber = strings.ToUpper(mm[1])
	}
	if mm := fwProse.FindStringSubmatch(v); mm != nil && u.Firmware == "" {
		u.Firmware = mm[1]
	}
}

var fwProse = regexp.MustCompile(`(?i)\b(?:firmware|fw|qts|bios)\s*(?:version|v\.?)?\s*:?\s*(v?[0-9][0-9A-Za-z._-]*)`)

// lineFacts reads the unit facts a line of prose or a list item labels in
// any language the label tables know, segment by segment: "Seriennummer
// QTFCQ2207001140, Modell D52B-1U, Artikelnummer 1S5BZZZ000Z", "NAS:
// TS-464, serial Q23AH07730, firmware 5.2.0.2802".
func lineFacts(line string) (u Unit) {
	line = strings.NewReplacer("：", ": ", "　", " ", "，", ", ", "、", ", ", "（", " (", "）", ") ").Replace(line)
	for _, seg := range factSeps.Split(line, 12) {
		w := strings.Fields(seg)
		for i := 0; i < len(w); i++ {
			// the longest run of up to three words that is a label, then its
			// value; inside a segment only a label with a colon counts
			// ("... S/N: Q1 Model: TS-873A", not "updated to firmware 5.1")
			for n := min(3, len(w)-1-i); n >= 1; n-- {
				label := strings.Join(w[i:i+n], " ")
				if i > 0 && !strings.HasSuffix(label, ":") {
					continue
				}
				key, _ := lookupLabel(strings.TrimRight(label, ":#"))
				v := strings.Trim(w[i+n], ":#()[],;")
				if !unitKey(key) || v == "" || !hasDigit(v) && key != kModel {
					continue
				}
				switch key {
				case kSerial:
					setOnce(&u.SerialNumber, strings.ToUpper(v))
				case kPart:
					setOnce(&u.PartNumber, v)
				case kModel:
					// "Model QuantaPlex T42SP-2U": a model of several
					// capitalised words, up to three
					k := i + n + 1
					for ; k < len(w) && k < i+n+3 && (w[k][0] >= 'A' && w[k][0] <= 'Z' || isDigit(w[k][0])); k++ {
					}
					if k > i+n+1 {
						v = strings.Trim(strings.Join(w[i+n:k], " "), ":#()[],;")
					}
					setOnce(&u.Model, v)
				case kFirmware:
					v = strings.TrimRight(v, ".")
					if later := laterVersion(" " + strings.Join(w[i+n+1:], " ")); later != "" {
						v = later // "firmware 2.3.5 to 2.4.1": it runs the later one
					}
					if c := componentName(label); c != "" {
						// "..., P/N 1S5KZZZ0ST1, BIOS 3B13.Q402", "BIOS
						// 3A08, BMC 4.18.02": a component's version
						// written as an item keeps its name, as written,
						// and a second component's item joins it
						v = c + " " + v
						if u.Firmware != "" && componentName(u.Firmware[:strings.IndexByte(u.Firmware+" ", ' ')]) != "" {
							u.Firmware += ", " + v
						}
					}
					setOnce(&u.Firmware, v)
				}
				i += n
				break
			}
		}
	}
	return u
}

// componentName is the label word when it names a component whose
// firmware a list item gives without a colon ("BIOS", "BMC"), else "".
func componentName(label string) string {
	if label == "BIOS" || label == "BMC" {
		return label
	}
	return ""
}

func unitKey(k int) bool { return k == kSerial || k == kPart || k == kModel || k == kFirmware }

var factSeps = regexp.MustCompile(`\s*(?:,|;|\||\(|\)|\s-\s|\s–\s|\s/\s|^\s*[-*•·・]\s*)\s*`)

// listUnits reads a list of units written without a serial label, one per
// item ("- A8N2203001122 / A8n / P/N AT-A8N-E5-HK / firmware 2.3.1.1"):
// an item that starts with a code shaped like a serial (letters and
// digits, eight or more) and names at least one more unit fact.
func listUnits(pl []string, opts Options) []Unit {
	var units []Unit
	for _, l := range pl {
		t := strings.TrimSpace(l)
		if len(t) < 10 {
			continue
		}
		rest, ok := "", false
		for _, b := range []string{"-", "*", "•", "·"} {
			if strings.HasPrefix(t, b) {
				rest, ok = strings.TrimSpace(t[len(b):]), true
				break
			}
		}
		if !ok {
			// "1. Q21BI04567 (TS-873A)", "2) ...": a numbered list
			rest, ok = numberedItem(t)
		}
		// the item must start with a serial-shaped code: checked before
		// the split, which costs a regexp on every bulleted line
		if !ok || !serialShaped(strings.TrimRight(rest[:max(0, strings.IndexAny(rest+" ", " /,|;(\t"))], ":")) {
			continue
		}
		segs := factSeps.Split(rest, 8)
		code := strings.Trim(segs[0], " :")
		if len(segs) < 2 || !serialShaped(code) || isRefLike(code, opts) {
			continue
		}
		u := lineFacts(strings.Join(segs[1:], ", "))
		u.SerialNumber = strings.ToUpper(code)
		for _, s := range segs[1:] {
			if m := proseModel.FindString(s); m != "" && u.Model == "" && strings.TrimSpace(s) == m {
				u.Model = m
			}
		}
		if u.Model == "" && u.PartNumber == "" && u.Firmware == "" {
			continue
		}
		units = append(units, u)
	}
	return units
}

// numberedItem is the item of a numbered list line ("1. x", "12) x").
func numberedItem(t string) (string, bool) {
	n := 0
	for n < len(t) && n < 3 && isDigit(t[n]) {
		n++
	}
	if n == 0 || n > 2 || n+1 >= len(t) || t[n] != '.' && t[n] != ')' || t[n+1] != ' ' {
		return "", false
	}
	return strings.TrimSpace(t[n+1:]), true
}
