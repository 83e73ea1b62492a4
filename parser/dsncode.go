package parser

// The status codes of a bounce's text are found by hand rather than by
// regexp: with no literal to anchor on, Go's regexp tries every position
// of a 4 KB head, and bounces are the bulk of a desk's machine mail.

// digitRun is the length of the run of ASCII digits at the start of s.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// findStatus returns the first enhanced status code in s ("5.1.1"): a
// class digit 2, 4 or 5 and two groups of one to three digits, standing
// alone as a word.
func findStatus(s string) string {
	for i := 0; i+4 < len(s); i++ {
		c := s[i]
		if c != '2' && c != '4' && c != '5' || s[i+1] != '.' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		j := i + 2
		n := digitRun(s[j:])
		if n < 1 || n > 3 || j+n >= len(s) || s[j+n] != '.' {
			continue
		}
		j += n + 1
		n = digitRun(s[j:])
		if n < 1 || n > 3 || j+n < len(s) && isWordByte(s[j+n]) {
			continue
		}
		return s[i : j+n]
	}
	return ""
}

// findSMTPClass returns the class digit ("4" or "5") of the first SMTP
// reply code in s that stands at a word start and is followed by a space
// or a dash ("550 5.1.1", "554-"), "" if there is none.
func findSMTPClass(s string) string {
	for i := 0; i+3 < len(s); i++ {
		c := s[i]
		if c != '4' && c != '5' || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		if digitRun(s[i+1:i+3]) == 2 && (s[i+3] == ' ' || s[i+3] == '-') {
			return s[i : i+1]
		}
	}
	return ""
}
