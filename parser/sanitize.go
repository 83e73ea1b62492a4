package parser

import (
	"strings"
	"unicode/utf8"
)

// sanitize makes every string of m safe to store and show: valid UTF-8
// (invalid bytes read as Windows-1252, as everywhere in this package) and
// no control characters: C0 except \n and \t in the multi-line values (Text
// and Fields.Problem), DEL, and C1. In single-line values \t, \n and \r
// become spaces. PostgreSQL's text type rejects NUL and invalid UTF-8, so one
// such byte in a subject would otherwise fail the desk's insert; the other
// controls can rewrite a terminal or a log line. This is the one place the
// rule is applied, after everything else has run, so no path that builds a
// string can miss it; a string with nothing to remove is not copied.
func sanitize(m *Message) {
	cleanAll(&m.MessageID, &m.InReplyTo, &m.Subject, &m.ReturnPath, &m.AutoSubmitted, &m.AutoReplyHint)
	cleanEach(m.References)
	cleanEach(m.TicketRefs)
	cleanEach(m.AuthResults)
	cleanEach(m.Defects)
	m.Text = cleanMulti(m.Text)
	cleanAll(&m.From.Name, &m.From.Address, &m.Sender.Name, &m.Sender.Address)
	for _, as := range [][]Address{m.To, m.Cc, m.ReplyTo} {
		for i := range as {
			cleanAll(&as[i].Name, &as[i].Address)
		}
	}
	for i := range m.Commands {
		cleanAll(&m.Commands[i].Name, &m.Commands[i].Args)
	}
	f := &m.Fields
	cleanAll(&f.ContactName, &f.Company, &f.Email, &f.Phone, &f.ShipTo, &f.BillTo, &f.PONumber,
		&f.InvoiceNumber, &f.InvoiceDate, &f.Severity)
	f.Problem = cleanMulti(f.Problem)
	for i := range m.Units {
		u := &m.Units[i]
		cleanAll(&u.SerialNumber, &u.PartNumber, &u.Model, &u.Firmware)
	}
	for i := range m.Attachments {
		cleanAll(&m.Attachments[i].Filename, &m.Attachments[i].ContentType)
	}
	if b := m.BounceInfo; b != nil {
		cleanAll(&b.Recipient, &b.Status, &b.Action)
	}
}

// cleanAll applies cleanLine to each string in place.
func cleanAll(ps ...*string) {
	for _, p := range ps {
		*p = cleanLine(*p)
	}
}

// cleanEach applies cleanLine to each element of ss in place.
func cleanEach(ss []string) {
	for i := range ss {
		ss[i] = cleanLine(ss[i])
	}
}

// cleanLine returns s as a clean single-line value: white space controls
// become spaces, other controls go, and the result is trimmed when
// anything changed.
func cleanLine(s string) string {
	if isClean(s, false) {
		return s
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, validUTF8(s)))
}

// cleanMulti returns s as clean multi-line text: \n and \t stay, other
// controls go.
func cleanMulti(s string) string {
	if isClean(s, true) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && isControl(r) {
			return -1
		}
		return r
	}, validUTF8(s))
}

// isControl reports C0, DEL and C1 control characters.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0
}

// isClean reports whether s is valid UTF-8 without control characters
// (\n and \t allowed when multi). It is the fast path of cleanLine and
// cleanMulti, and runs over every string of every message: eight bytes at a
// time while they are ASCII without a forbidden control (branch-free tests
// on a 64-bit word), byte by byte around anything else, the UTF-8 check
// only when there is non-ASCII.
func isClean(s string, multi bool) bool {
	ascii := true
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i:]
		_ = w[7] // one bounds check; the loads below combine into one
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if cleanWord(x, multi) {
			continue
		}
		for j := i; j < i+8; j++ {
			if !cleanByte(s, j, multi, &ascii) {
				return false
			}
		}
	}
	for ; i < len(s); i++ {
		if !cleanByte(s, i, multi, &ascii) {
			return false
		}
	}
	return ascii || utf8.ValidString(s)
}

// Bytes of a 64-bit word (SWAR: SIMD within a register).
const (
	low7s = 0x7f7f7f7f7f7f7f7f
	highs = 0x8080808080808080
	ones  = 0x0101010101010101
)

// zeroBytes has the high bit set in exactly the bytes of x that are 0
// (no carry crosses a byte: (b&0x7f)+0x7f is at most 0xfe).
func zeroBytes(x uint64) uint64 {
	return ^((x&low7s + low7s) | x | low7s)
}

// cleanWord reports whether the 8 bytes in x are printable ASCII (\n and
// \t allowed when multi). False means "look at each byte", not "unclean".
func cleanWord(x uint64, multi bool) bool {
	if (x|(x+ones))&highs != 0 { // a byte >= 0x7f (0xff carries, but is caught itself)
		return false
	}
	ctl := zeroBytes(x & (0xe0 * ones)) // bytes below 0x20
	if ctl != 0 && multi {
		ctl &^= zeroBytes(x^('\n'*ones)) | zeroBytes(x^('\t'*ones))
	}
	return ctl == 0
}

// cleanByte checks s[i] for isClean, noting non-ASCII in *ascii.
func cleanByte(s string, i int, multi bool, ascii *bool) bool {
	switch c := s[i]; {
	case c >= 0x20 && c < 0x7f:
	case c >= 0x80:
		*ascii = false
		// C1 controls are U+0080-U+009F, encoded C2 80-C2 9F.
		return !(c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0)
	case multi && (c == '\n' || c == '\t'):
	default:
		return false
	}
	return true
}
