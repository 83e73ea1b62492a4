package parser

import (
	"cmp"
	"slices"
	"strings"
)

// replyUnits is proseUnits over the prose lines; for a reply (its
// subject last in pl) the subject's unit counts only when the new text
// names none ("Re: ... S/N Q21BI04567" over "the replacement you sent
// (serial Q21BI09999) is dead too"), though its model still names the one
// unit the text gives.
func replyUnits(units []Unit, pl, plow []string, reply bool, opts Options) []Unit {
	n := len(pl) - 1
	if !reply || len(units) > 0 || !modelCandidate(pl[n]) && !containsAny(plow[n], serialWords) && !strings.Contains(pl[n], "Q") {
		return proseUnits(units, pl, plow, opts)
	}
	if u := proseUnits(nil, pl[:n], plow[:n], opts); len(u) > 0 {
		if len(u) == 1 && u[0].Model == "" {
			u[0].Model = firstModel(pl[n:])
		}
		return u
	}
	return proseUnits(units, pl, plow, opts)
}

// proseUnits finds units in the prose lines when labels and tables gave
// none, a serial when they gave one unit without it, and the model and
// part number of a single unit.
func proseUnits(units []Unit, pl, plow []string, opts Options) []Unit {
	if len(units) > 1 && firmwareOnly(units) {
		// "TS-873A S/N X" / "Firmware: 5.1.4" / "TS-464 S/N Y" / "Firmware:
		// 5.0.1": the labels gave each unit's firmware, the prose its serial
		// and model; labels alone would leave units without serials
		if many := proseUnits(nil, pl, plow, opts); len(many) > 0 && many[0].SerialNumber != "" {
			for i := range min(len(many), len(units)) {
				many[i].Firmware = cmp.Or(many[i].Firmware, units[i].Firmware)
			}
			return many
		}
	}
	if len(units) == 1 && units[0].SerialNumber == "" {
		// "- C1n, S/N C1N2107B03321" / "- C1n, S/N C1N2107B03348" over
		// "Firmware: 1.3.0.0028": the prose lists the units, and what the
		// labels stated once applies to each (as with a table's rows)
		if many := proseUnits(nil, pl, plow, opts); len(many) > 1 {
			for i := range many {
				if m := units[0].Model; strings.HasSuffix(m, " "+many[i].Model) {
					many[i].Model = m // the label's "QuantaPlex T43Z-2U" over the subject's "T43Z-2U"
				}
				many[i].Model = cmp.Or(many[i].Model, units[0].Model)
				many[i].PartNumber = cmp.Or(many[i].PartNumber, units[0].PartNumber)
				many[i].Firmware = cmp.Or(many[i].Firmware, units[0].Firmware)
			}
			return many
		}
	}
	if len(units) == 0 {
		units = serialBlock(pl, plow, opts)
	}
	if len(units) == 0 {
		units = proseSerialUnits(units, pl, plow, opts)
	}
	if len(units) == 0 {
		// no serial anywhere: the first model alone makes the unit
		if ms := firstModel(pl); ms != "" {
			units = append(units, Unit{Model: ms})
			units = withBothModels(units, pl)
		}
	}
	if len(units) <= 1 {
		if lu := listUnits(pl, opts); len(lu) > 1 || len(lu) == 1 && len(units) == 0 {
			units = lu
		}
	}
	if len(units) == 0 || len(units) == 1 && units[0].SerialNumber == "" {
		units = bareSerialUnit(units, pl, opts)
	}
	if len(units) == 1 && units[0].SerialNumber == "" {
		// labels gave the model, a sentence the serial ("Our TrueNAS X20
		// (serial A1-118820) ...")
		if src, low := serialLines(pl, plow); src != "" {
			for _, s := range append(proseSerialAt.findAllSubmatchIndex(src, low, 4), serialOfUnit.findAllSubmatchIndex(src, low, 2)...) {
				sn := src[s[2]:s[3]]
				if hasDigit(sn) && !isRefLike(sn, opts) && !notThisSerial(src[s[3]:]) {
					units[0].SerialNumber = strings.ToUpper(sn)
					break
				}
			}
		}
	}
	if len(units) == 1 && units[0].SerialNumber == "" {
		units[0].SerialNumber = bracketSerial(pl, plow, opts)
	}
	if len(units) == 1 {
		units = sameShapeSerials(units, pl, plow, opts)
	}
	if len(units) == 1 {
		completeUnit(&units[0], pl, plow)
	} else if len(units) > 1 {
		shareFirmware(units, pl, plow)
		shareModel(units, pl)
	}
	return units
}

// notTheirModel: the words before a model say it is not the units' own
// ("upgrade to a TS-873A", "a spare PSU from a TS-453D", "they are not
// TS-873A").
func notTheirModel(before string) bool {
	low := strings.ToLower(before[max(0, len(before)-30):])
	return containsAny(low, []string{"upgrade", "from a ", "from an ", "from our ", "from the ", "not ", "instead of", "rather than", "switch to", "swap to",
		"replace it with", "replace them with", "donor"})
}

// shareModel gives units that name no model the one model the text names
// ("two of our QuantaGrid D52BQ-2U servers" over "Unit 1: SN ...", "Unit
// 2: SN ..."), also when another unit names that same model. With two
// models named, which is whose is not known.
func shareModel(units []Unit, pl []string) {
	named := ""
	for _, u := range units {
		switch {
		case u.Model == "":
		case named == "" || named == u.Model:
			named = u.Model
		default:
			return // two models: whose is whose stays unknown
		}
	}
	var models []string // distinct, in order
	respectively := false
	for _, l := range pl {
		if len(l) >= 500 || !modelCandidate(l) {
			continue
		}
		respectively = respectively || strings.Contains(l, "respectively")
		for _, ix := range proseModel.FindAllStringIndex(l, 4) {
			if m := l[ix[0]:ix[1]]; !otherUnit(l, ix[0], ix[1]) && !notTheirModel(l[:ix[0]]) && !slices.Contains(models, m) {
				models = addModel(models, m)
			}
		}
	}
	if len(models) == len(units) && respectively {
		// "a TS-873A and a TS-453D, serials ... and ... respectively"
		for k := range units {
			units[k].Model = models[k]
		}
		return
	}
	if len(models) != 1 {
		return
	}
	only := models[0]
	if named != "" && only != named {
		return
	}
	for k := range units {
		if units[k].Model == "" {
			units[k].Model = only
		}
	}
}

// splitSerialTail is the rest of a QNAP serial typed with a space ("SN is
// q238e 02211"): the digits after its prefix (Q, two digits, two or three
// letters or digits) when 4-6 digits follow alone, else "".
func splitSerialTail(sn, after string) string {
	if len(sn) < 5 || len(sn) > 6 || sn[0]|0x20 != 'q' || !isDigit(sn[1]) || !isDigit(sn[2]) || !strings.HasPrefix(after, " ") {
		return ""
	}
	n := 1
	for n < len(after) && isDigit(after[n]) {
		n++
	}
	if d := n - 1; d < 4 || d > 6 || n < len(after) && (isWordByte(after[n]) || after[n] == '-') {
		return ""
	}
	return after[1:n]
}

// addModel adds m to the distinct models, one model written short and
// with its product line ("D52B-1U" in the subject, "QuantaGrid D52B-1U"
// in the text) counting once, as the longer.
func addModel(models []string, m string) []string {
	for k, o := range models {
		switch {
		case strings.HasSuffix(o, " "+m):
			return models
		case strings.HasSuffix(m, " "+o):
			models[k] = m
			return models
		}
	}
	return append(models, m)
}

// sameShapeSerials adds the serials a sentence names after the first
// without their keyword ("The first controller has serial A1-31550, the
// second one A1-31551"): codes of the same shape (letters, digits and
// dashes in the same places) on the first serial's line.
func sameShapeSerials(units []Unit, pl, plow []string, opts Options) []Unit {
	sn := units[0].SerialNumber
	if len(sn) < 6 {
		return units
	}
	lsn := strings.ToLower(sn)
	for k, l := range pl {
		i := strings.Index(plow[k], lsn) // lowerKeep keeps offsets
		if i < 0 {
			continue
		}
		rest := l[i+len(sn):]
		if e := sentenceEnd(rest); e >= 0 {
			rest = rest[:e]
		}
		prev := ""
		for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '(' || r == ')' }) {
			at := strings.Index(rest, w) + len(w)
			w, denied := strings.ToUpper(strings.Trim(w, ".")), deniedBefore[prev]
			prev = strings.ToLower(w)
			if denied || notThisSerial(rest[at:]) {
				// "(Q21BI04567, not Q21BI04576 as your invoice says)", "(Q21BI09999
				// was the unit you swapped last year)": the code it is not
				continue
			}
			if w != sn && shapeOf(w) == shapeOf(sn) && !isRefLike(w, opts) {
				units = append(units, Unit{SerialNumber: w, Model: units[0].Model, PartNumber: units[0].PartNumber})
			}
		}
		break
	}
	return units
}

// deniedBefore are the words right before a code that deny it is the
// unit's ("not Q21BI04576", "instead of", "rather than").
var deniedBefore = map[string]bool{"not": true, "nicht": true, "niet": true, "non": true, "nie": true, "pas": true, "never": true, "of": true, "than": true,
	"wrong": true, "incorrect": true, "old": true}

// shapeOf is a code with letters as A and digits as 9 ("A1-31550" is
// "A9-99999").
func shapeOf(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return '9'
		case r >= 'A' && r <= 'Z':
			return 'A'
		}
		return r
	}, s)
}

// proseSerialUnits reads serials written in sentences ("serial Q21...",
// "S/N ...", "Seriennummer lautet ..."), each with the nearest model before
// it; without a serial, the first model alone makes the unit.
func proseSerialUnits(units []Unit, pl, plow []string, opts Options) []Unit {
	// Only lines that mention a serial (and the line before, for the model).
	src, low := serialLines(pl, plow)
	if src == "" {
		return units
	}
	serials := proseSerialAt.findAllSubmatchIndex(src, low, 20)
	if len(serials) == 0 && (strings.Contains(src, " of ") || strings.Contains(src, " on ") || strings.Contains(src, " for ") || strings.Contains(src, " from ")) {
		serials = append(serials, serialOfUnit.findAllSubmatchIndex(src, low, 4)...)
	}
	serials = withListedSerials(src, low, serials)
	prevEnd := 0
	for i, s := range serials {
		sn := src[s[2]:s[3]]
		if !hasDigit(sn) || isRefLike(sn, opts) || pastUnit(src[clauseStart(src[:s[0]]):s[0]], src[s[3]:]) || otherWorking(src[sentenceBegins(src[:s[0]]):s[0]], src[s[3]:]) {
			continue
		}
		u := Unit{SerialNumber: strings.ToUpper(sn + splitSerialTail(sn, src[s[3]:]))}
		// the model nearest before this serial, in the same sentence
		from := max(0, s[0]-120)
		if ms := proseModel.FindAllString(src[from:s[0]], -1); len(ms) > 0 {
			u.Model = ms[len(ms)-1]
		}
		// its part number: after it on its line ("S/N Q21BI04567 P/N
		// TS-873A-8G"), else before it, never past a neighbour's serial
		next := len(src)
		if i+1 < len(serials) {
			next = serials[i+1][0]
		}
		after := src[s[1]:min(next, s[1]+120)]
		if nl := strings.IndexByte(after, '\n'); nl >= 0 {
			after = after[:nl]
		}
		before := src[max(prevEnd, s[0]-120):s[0]]
		if nl := strings.LastIndexByte(before, '\n'); nl >= 0 {
			before = before[nl+1:]
		}
		for _, w := range []string{after, before} {
			if mm := prosePart.FindStringSubmatch(w); mm != nil && hasDigit(mm[1]) {
				u.PartNumber = mm[1]
				break
			}
		}
		// what the serial's own line labels, in any language, wins
		ls := strings.LastIndexByte(src[:s[0]], '\n') + 1
		le := strings.IndexByte(src[s[1]:], '\n')
		if le < 0 {
			le = len(src) - s[1]
		}
		if lf := lineFacts(src[ls : s[1]+le]); lf.SerialNumber == u.SerialNumber {
			for _, p := range [][2]*string{{&u.Model, &lf.Model}, {&u.PartNumber, &lf.PartNumber}, {&u.Firmware, &lf.Firmware}} {
				if *p[1] != "" {
					*p[0] = *p[1]
				}
			}
		}
		prevEnd = s[1]
		units = appendUnit(units, u)
	}
	if len(units) == 0 {
		if ms := firstModel(pl); ms != "" {
			units = append(units, Unit{Model: ms})
			units = withBothModels(units, pl)
		}
	}
	return units
}

// serialBlock reads serials listed one per line under a line that names
// them ("Here are the serials of the two radios:" then "A8EIN2012000731",
// "A8EIN2012000745"), one unit each, sharing the one model the prose names
// ("Both are model A8-Ein.").
func serialBlock(pl, plow []string, opts Options) []Unit {
	for i, l := range pl {
		t := strings.TrimSpace(l)
		if !strings.HasSuffix(t, ":") || !containsAny(plow[i], serialWords) {
			continue
		}
		var units []Unit
		for k := i + 1; k < len(pl) && len(units) < 50; k++ {
			c := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(pl[k]), "-*•·"))
			if c == "" {
				if len(units) > 0 {
					break
				}
				continue
			}
			if !serialShaped(strings.ToUpper(c)) || isRefLike(c, opts) {
				break
			}
			units = append(units, Unit{SerialNumber: strings.ToUpper(c)})
		}
		if len(units) == 0 {
			continue
		}
		if m := firstModel(pl[i:]); m != "" {
			for k := range units {
				units[k].Model = m
			}
		}
		return units
	}
	return nil
}

// bareSerialUnit gives the first unit a vendor serial written without any
// keyword ("Sure, it's Q24CE01357").
func bareSerialUnit(units []Unit, pl []string, opts Options) []Unit {
	for _, l := range pl {
		if strings.IndexByte(l, 'Q') < 0 {
			continue
		}
		for _, ix := range bareSerial.FindAllStringIndex(l, 4) {
			sn := l[ix[0]:ix[1]]
			if isRefLike(sn, opts) || pastUnit(l[clauseStart(l[:ix[0]]):ix[0]], l[ix[1]:]) || otherWorking(l[sentenceBegins(l[:ix[0]]):ix[0]], l[ix[1]:]) {
				continue
			}
			if len(units) == 0 {
				units = append(units, Unit{})
			}
			units[0].SerialNumber = sn
			return units
		}
	}
	if sn := serialBesideModel(pl, opts); sn != "" {
		if len(units) == 0 {
			units = append(units, Unit{})
		}
		units[0].SerialNumber = sn
	}
	return units
}

// pastUnit: the words around a serial give it to a unit already swapped,
// returned or replaced ("Q20AB01234 is the unit you swapped last year",
// "The unit we returned in 2024 had serial Q20AB01234").
func pastUnit(before, after string) bool {
	sent := after
	if k := sentenceEnd(after); k >= 0 {
		sent = after[:k]
	}
	if otherIsReal(strings.ToLower(sent)) {
		return true
	}
	lb := strings.ToLower(before)
	// "our other NAS (serial Q21BI09999) is fine": another unit, named
	// only to say it works
	return notThisSerial(beforeOtherSerialBracket(sent)) || containsAny(lb, pastUnitWords) || containsAny(lb, otherUnitWords) && saysWorks(beforeOtherSerialBracket(after))
}

// beforeOtherSerialBracket cuts the words after a serial at a bracket that
// opens with another serial ("Q21BI04567 fails to boot (Q21BI09999 was the
// unit you swapped last year)"): what the bracket says is about its own
// serial, not this one.
func beforeOtherSerialBracket(after string) string {
	k := strings.IndexByte(after, '(')
	if k <= 0 || strings.TrimSpace(after[:k]) == "" {
		return after
	}
	rest := after[k+1:]
	n := 0
	for n < len(rest) && n < 40 && (isWordByte(rest[n]) || rest[n] == '-') {
		n++
	}
	if c := rest[:n]; len(c) >= 6 && hasDigit(c) && strings.ToUpper(c) == c {
		return after[:k]
	}
	return after
}

var pastUnitWords = []string{"you swapped", "you replaced", "we returned", "we sent back", "was swapped", "was returned", "was replaced", "already replaced",
	"old unit", "previous unit"}

// completeUnit gives the only unit the first model and part number of the
// prose when no label did.
func completeUnit(u *Unit, pl, plow []string) {
	if u.Model == "" {
		u.Model = firstModel(pl)
	}
	if u.Firmware == "" {
		// "it is running firmware 2.2.8.6": the version the unit has now
		for i, l := range plow {
			if strings.Contains(l, "running") || strings.Contains(l, "currently on") {
				if mm := runningFirmware.FindStringSubmatch(pl[i]); mm != nil {
					if u.Firmware = mm[2]; strings.EqualFold(mm[1], "qts") {
						u.Firmware = mm[1] + " " + mm[2] // "running QTS 5.1.4.2596": the system named as written
					}
					break
				}
			}
		}
	}
	if u.Firmware == "" {
		// "firmware QTS 5.2.0.2737", "Firmware-Update auf 2.3.1.1",
		// "reinstalamos la versión 2.2.9.4": the version named with the
		// word, the system's name kept as written
		for i, l := range plow {
			if containsAny(l, firmwareWords) {
				if ix := ownFirmwareAt(pl[i], plow[i]); ix != nil && !proposed(pl[i][:ix[0]]) && !foreignSoftware(lastWords(plow[i][:ix[0]], 2)) {
					mm := pl[i]
					sys := ""
					if ix[2] >= 0 {
						sys = mm[ix[2]:ix[3]]
					}
					v := ix[4]
					if v > ix[0] && mm[v-1]|0x20 == 'v' {
						v-- // "Firmware is v1.6.1": the version as written
					}
					u.Firmware = strings.TrimRight(sys+mm[v:ix[5]], ".")
					if later := laterVersion(mm[ix[5]:]); later != "" {
						// "from firmware 2.3.5 to 2.4.1": it runs the later one
						u.Firmware = sys + later
					}
					break
				}
				// "They run TrueNAS 13.0-U6.1": the system and its version
				if v := runsNow(pl[i]); v != "" {
					u.Firmware = v
					break
				}
			}
		}
	}
	if u.Firmware == "" {
		u.Firmware = firmwareInProse(pl, plow)
	}
	if u.PartNumber == "" {
		for i, l := range plow {
			if !containsAny(l, partWords) {
				continue
			}
			src := pl[i]
			if i+1 < len(pl) {
				src += "\n" + pl[i+1]
			}
			if mm := prosePart.FindStringSubmatch(src); mm != nil && hasDigit(mm[1]) {
				u.PartNumber = strings.ToUpper(mm[1])
				break
			}
		}
	}
}

// firstModel returns the first product model in the prose lines.
func firstModel(pl []string) string {
	tried := 0
	for _, l := range pl {
		if len(l) < 500 && modelCandidate(l) {
			if tried++; tried > 200 {
				break
			}
			for _, ix := range proseModel.FindAllStringIndex(l, 4) {
				if !otherUnit(l, ix[0], ix[1]) && !notTheirModel(l[:ix[0]]) {
					return fullerModel(l[ix[0]:ix[1]], pl)
				}
			}
		}
	}
	return ""
}

// fullerModel is m as the lines write it in full when one of them adds
// a variant after a dash ("TrueNAS M40" in the subject, "TrueNAS M40-HA"
// in the text) or the product line before it ("D53X-1U" in the subject,
// "our QuantaGrid D53X-1U" in the text): the subject is where people
// shorten.
func fullerModel(m string, pl []string) string {
	if !strings.HasPrefix(m, "Quanta") {
		if lined := withProductLine(m, pl); lined != "" {
			return lined
		}
	}
	tried, md := 0, m+"-"
	for _, l := range pl {
		i := strings.Index(l, md)
		if i < 0 || len(l) >= 500 {
			continue
		}
		if tried++; tried > 20 {
			break
		}
		if ix := proseModel.FindStringIndex(l[i:]); ix != nil && ix[0] == 0 && ix[1] > len(m)+1 && !otherUnit(l, i, i+ix[1]) {
			return l[i : i+ix[1]]
		}
	}
	return m
}

// withProductLine is m as a line writes it after its QCT product line
// ("QuantaGrid D53X-1U", "QuantaPlex T43Z-2U"), or "".
func withProductLine(m string, pl []string) string {
	tried, sm := 0, " "+m
	for _, l := range pl {
		i := strings.Index(l, sm)
		if i < len("QuantaGrid") || len(l) >= 500 {
			continue
		}
		if tried++; tried > 20 {
			break
		}
		j := strings.LastIndex(l[:i], "Quanta")
		if j < 0 || i-j > len("QuantaMicro") {
			continue
		}
		if ix := proseModel.FindStringIndex(l[j:]); ix != nil && ix[0] == 0 && ix[1] == i-j+len(sm) && !otherUnit(l, j, i+len(sm)) {
			return l[j : i+len(sm)]
		}
	}
	return ""
}

// otherUnit: the clause around s[i:j] (a model or a version) says it is
// not the faulty unit's ("Unlike our TS-453D, which works fine, ...", "Our
// other NAS, which is fine, runs QTS 5.2.1").
func otherUnit(s string, i, j int) bool {
	before := strings.ToLower(s[clauseStart(s[:i]):i])
	after := s[j:]
	if k := clauseEnd(after); k >= 0 {
		if rest := after[k+1:]; strings.HasPrefix(strings.TrimSpace(rest), "which") {
			// "TS-453D, which works fine, ...": the clause after it too
			if k2 := clauseEnd(rest); k2 >= 0 {
				k += 1 + k2
			} else {
				k = len(after)
			}
		}
		after = after[:k]
	}
	return containsAny(before, otherUnitWords) || containsAny(strings.ToLower(after), workingWords)
}

// firmwareOnly: every unit has a firmware and nothing else.
func firmwareOnly(units []Unit) bool {
	for _, u := range units {
		if u.Firmware == "" || u.SerialNumber != "" || u.Model != "" || u.PartNumber != "" {
			return false
		}
	}
	return true
}
