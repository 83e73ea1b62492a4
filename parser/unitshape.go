package parser

import "strings"

// The shapes of unit codes, by which a token is read as a serial.

// serialShaped: one word of capitals and digits, both, eight or more.
func serialShaped(s string) bool {
	if len(s) < 8 || len(s) > 24 {
		return false
	}
	letters, nums := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9':
			nums++
		case c == '-':
		default:
			return false
		}
	}
	return letters > 0 && nums >= 4
}

// serialValue: a labelled serial's value is one code: with a digit, or a
// word of five or more letters that is no placeholder.
func serialValue(c string) bool {
	if c == "" || strings.ContainsAny(c, " \t") {
		return false
	}
	if hasDigit(c) {
		return true
	}
	switch strings.ToLower(c) {
	case "unknown", "pending", "later", "missing", "none", "unbekannt", "inconnu", "desconocido", "sconosciuto", "follows", "to-follow":
		return false
	}
	return len(c) >= 5
}

// serialBesideModel is a code shaped like a serial written right beside
// a model with no label ("RMA QTFCQ0901005510 D52B-1U", "A8n AL2203A01987
// reboots"): capitals and digits, led by a letter (part numbers such as
// 1S5BZZZ0ST1 lead with a digit), within two words of the model, and no
// reference or order number; "" when none.
func serialBesideModel(pl []string, opts Options) string {
	for k, l := range pl {
		if k >= 12 && k != len(pl)-1 {
			// the subject (first, or last for a reply) and the opening
			// lines: where a unit is named without labels
			continue
		}
		if !hasSerialShape(l) || !proseModel.MatchString(l) {
			continue // the shape first: one pass over the bytes, no regexp
		}
		w := strings.Fields(l)
		for i, t := range w {
			t = strings.Trim(t, "()[],;:.")
			if !serialShaped(t) || t[0] < 'A' || t[0] > 'Z' || isRefLike(t, opts) || proseModel.MatchString(t) {
				continue
			}
			near := false
			for j := max(0, i-2); j <= min(len(w)-1, i+2); j++ {
				near = near || j != i && proseModel.MatchString(w[j])
			}
			if near && (i == 0 || !containsAny(strings.ToLower(w[i-1]), []string{"order", "po", "invoice", "ticket", "case", "rma", "p/n", "pn", "part"})) {
				return t
			}
		}
	}
	return ""
}

// hasSerialShape: l holds a run of eight or more capitals, digits and
// dashes led by a capital, with four digits or more.
func hasSerialShape(l string) bool {
	run, digits := 0, 0
	for i := 0; i <= len(l); i++ {
		c := byte(' ')
		if i < len(l) {
			c = l[i]
		}
		switch {
		case c >= 'A' && c <= 'Z' || c == '-' && run > 0:
			run++
		case c >= '0' && c <= '9' && run > 0:
			run++
			digits++
		default:
			if run >= 8 && digits >= 4 {
				return true
			}
			run, digits = 0, 0
		}
	}
	return false
}
