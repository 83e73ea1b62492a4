package parser

import (
	"regexp"
	"strings"
)

var (
	phoneRe   = regexp.MustCompile(`\+?\(?[0-9][0-9 ().\-/]{6,}[0-9]`)
	companyRe = regexp.MustCompile(`(?i)\b(inc\.?|llc|llp|ltd\.?|limited|gmbh|ag|kg|ug|ohg|corp\.?|corporation|co\.,? ltd\.?|s\.?a\.?s?\.?|sarl|s\.r\.l\.?|srl|s\.p\.a\.?|spa|s\.l\.?|ltda|b\.?v\.?|n\.?v\.?|k\.k\.?|pty|pte|plc|ab|oy|oyj|aps|a/s|asa|kft|s\.r\.o\.?|a\.s\.?|sp\. z o\.o\.?|` +
		`university|universität|université|universidad|università|hospital|klinikum|labs?|systems|solutions|technologies|networks|group|studio|` +
		`ооо|зао|оао|ао)\b|株式会社|有限会社|合同会社|有限公司|股份|주식회사|\(주\)`)
	nameRe = regexp.MustCompile(`^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]*){0,3}$|^[\p{Han}\p{Katakana}\p{Hiragana}]{2,8}(?:\s[\p{Han}\p{Katakana}\p{Hiragana}]{1,8})?$`)
)

// contactFallback fills the contact fields no label gave. Contact name:
// the signature, then a forwarded sender, then From. E-mail: an address in
// the signature or on a "contact me at ..." line, then the forwarded
// sender, then From. Phone: a Tel/Phone line in the signature, then in the
// body, then a "call me on ..." line. Company: a signature line with a
// company form.
func contactFallback(m *Message, t *fieldText) {
	f := &m.Fields
	lines, low := t.lines, t.low
	fwdName, fwdAddr := forwardedSender(t.text)
	if f.ContactName == "" {
		f.ContactName = signatureName(t.sig)
		// "Thanks, Tom" signed by Tom Baker: the From name is fuller.
		if n := f.ContactName; n != "" && !strings.ContainsAny(n, " \t") && fwdName == "" &&
			strings.Contains(strings.ToLower(m.From.Name), strings.ToLower(n)) && strings.ContainsRune(m.From.Name, ' ') {
			f.ContactName = m.From.Name
		}
	}
	if f.ContactName == "" {
		f.ContactName = fwdName
	}
	if f.ContactName == "" {
		f.ContactName = m.From.Name
	}
	sigLines := strings.Split(t.sig, "\n")
	if f.Email == "" {
		// An address in the signature, or in a "contact me at ..." line.
		f.Email = contactEmail(sigLines, nil, m.From.Address)
		if f.Email == "" {
			f.Email = contactEmail(lines, low, m.From.Address)
		}
	}
	if f.Email == "" {
		f.Email = fwdAddr
	}
	if f.Email == "" {
		f.Email = m.From.Address
	}
	if f.Phone == "" {
		f.Phone = phoneIn(sigLines)
	}
	if f.Phone == "" {
		f.Phone = phoneIn(lines)
	}
	if f.Phone == "" {
		f.Phone = prosePhone(lines, low)
	}
	if f.Phone == "" {
		f.Phone = barePhone(sigLines, m.From.Address)
	}
	if f.Company == "" {
		for _, l := range sigLines {
			t := strings.TrimSpace(l)
			if t != "" && len(t) < 100 && companyRe.MatchString(t) && !strings.Contains(t, "@") && !strings.Contains(t, ":") {
				if c := signatureCompany(t); c != "" {
					f.Company = c
					break
				}
			}
		}
	}
}

var phonePrefixes = []string{"t:", "m:", "p:", "t.", "m.", "tel", "phone", "mobile", "mob", "cell", "fon", "handy", "+",
	"tél", "telefon", "teléfono", "telefono", "telefoon", "телефон", "тел", "電話", "电话", "전화", "연락처", "携帯", "聯絡電話", "联系电话"}

// contactEmail returns an e-mail address the sender gives as a contact:
// in signature lines (low nil), any address; in body lines, one on a line
// that says so ("contact me at", "reach me", "reply to", "e-mail"). The
// From address itself is not "stated" and gives "".
func contactEmail(lines, low []string, from string) string {
	for i, l := range lines {
		if strings.IndexByte(l, '@') < 0 {
			continue
		}
		if low != nil && !containsAny(low[i], contactWords) {
			continue
		}
		if a, _ := findEmail(l, false); a != "" {
			if a == from {
				return ""
			}
			return a
		}
	}
	return ""
}

var contactWords = []string{"contact", "reach me", "reach us", "reply to", "write to", "e-mail", "email", "mail me", "kontakt", "erreichen",
	"joindre", "contacter", "contatt", "contacto"}

// prosePhone finds a phone number on a line that says it is one ("call me
// on +44 7700 900123", "my mobile is ..."): at least eight digits, not a date.
func prosePhone(lines, low []string) string {
	for i, l := range lines {
		if !containsAny(low[i], prosePhoneWords) {
			continue
		}
		for _, p := range phoneRe.FindAllString(l, 4) {
			if digits(p) >= 8 && isoDate.FindString(p) == "" && numDate.FindString(p) != strings.TrimSpace(p) {
				return strings.TrimSpace(p)
			}
		}
	}
	return ""
}

var prosePhoneWords = []string{"call", "phone", "mobile", "cell", "reach me", "tel", "whatsapp", "anrufen", "erreichbar", "appeler", "llamar"}

// phoneIn returns the first phone number on a line starting Tel/Phone/
// Mobile/T:/M:/P:/+, as written.
func phoneIn(lines []string) string {
	for _, l := range lines {
		t := strings.TrimLeft(l, " \t")
		ok := false
		for _, p := range phonePrefixes {
			if hasPrefixFold(t, p) {
				ok = true
				break
			}
		}
		if !ok {
			continue
		}
		if p := phoneRe.FindString(l); p != "" && digits(p) >= 7 {
			return strings.TrimSpace(p)
		}
	}
	return ""
}

// splitSignature splits text at the "-- " signature delimiter, or at a
// closing line ("Best regards,") near the end.
func splitSignature(text string) (body, sig string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l == "-- " || l == "--" || l == "—" {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i+1:], "\n")
		}
	}
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-15; i-- {
		if isClosing(lines[i]) {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i+1:], "\n")
		}
	}
	// No delimiter or closing: a short last paragraph that starts with a
	// name ("Liu Yang / company / phone") is the signature.
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	b := end - 1
	for b >= 0 && strings.TrimSpace(lines[b]) != "" {
		b--
	}
	if b > 0 && end-b-1 >= 1 && end-b-1 <= 6 {
		first := strings.TrimSpace(lines[b+1])
		if len(first) < 50 && nameRe.MatchString(first) && !companyRe.MatchString(first) {
			return strings.Join(lines[:b], "\n"), strings.Join(lines[b+1:end], "\n")
		}
	}
	return text, ""
}

// signatureName is the name in the first signature line that looks like
// one (or the line after a closing such as "Best regards,").
func signatureName(sig string) string {
	for _, l := range strings.Split(sig, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if nameRe.MatchString(t) && !companyRe.MatchString(t) && len(t) < 50 {
			return t
		}
		break
	}
	return ""
}

var fwdFromLine = regexp.MustCompile(`(?i)^\s*\*?(from|von|de|van|da)\s*\*?\s*:\s*(.+)$`)

// forwardedSender returns the sender named in the first forwarded header
// block of text (a reseller forwarding a customer's request).
func forwardedSender(text string) (string, string) {
	lines := strings.Split(text, "\n")
	in := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if mayBeMarker(t) && forwardMarker.MatchString(t) {
			in = true
			continue
		}
		if in || headerBlockAt(lines, i) {
			if mayBeField(l) {
				if mm := fwdFromLine.FindStringSubmatch(l); mm != nil {
					if a, ok := looseAddress(mm[2]); ok && strings.Contains(a.Address, "@") {
						return a.Name, a.Address
					}
				}
			}
			if in && i > 0 && t == "" {
				in = false
			}
		}
	}
	return "", ""
}

// contactParts splits a contact value that carries more than the name
// ("Dana Whitfield, +1 (408) 555-0143, dana@example.net", "Kim Lee |
// kim@x.example | Tel 555 0100") into the name and the phone and e-mail
// it names. A value with nothing but a name is the name.
func contactParts(v string) (name, phone, email string) {
	if !hasDigit(v) && !strings.Contains(v, "@") {
		return v, "", ""
	}
	var rest []string
	for _, part := range contactSeps.Split(v, -1) {
		p := strings.TrimSpace(part)
		switch {
		case p == "":
		case strings.Contains(p, "@") && email == "":
			email, _ = findEmail(p, false)
		case phone == "" && digits(p) >= 7:
			if ph := phoneRe.FindString(p); ph != "" && digits(ph) >= 7 {
				phone = strings.TrimSpace(ph)
			}
		case name == "" && !hasDigit(p):
			name = p
		default:
			rest = append(rest, p)
		}
	}
	if name == "" && phone == "" && email == "" {
		return v, "", ""
	}
	if name == "" && len(rest) > 0 && !hasDigit(rest[0]) {
		name = rest[0]
	}
	return name, phone, email
}

var contactSeps = regexp.MustCompile(`\s*(?:,|;|\||·|•|/| - | – )\s*`)

// signatureCompany picks the company out of a signature line that also
// carries a title or a phone ("Network Engineer | Harbour Connect Ltd",
// "Infrastructure Lead, Pacific Bio Labs", "PolderLink B.V. · +31 20 555
// 0147"): the segment with a company form, or "" when none has one.
func signatureCompany(line string) string {
	segs := companySeps.Split(line, -1)
	if len(segs) == 1 {
		return line
	}
	for _, s := range segs {
		s = strings.TrimSpace(s)
		if s != "" && companyRe.MatchString(s) && digits(s) < 3 && !strings.Contains(s, "@") {
			return s
		}
	}
	return ""
}

var companySeps = regexp.MustCompile(`\s+(?:\||·|•|–|—|-)\s+|,\s+|\s*\|\s*`)
