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
