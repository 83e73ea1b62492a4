package parser

// The signature block: where it starts (closings, footers, client lines)
// and the name and company it gives.

import (
	"regexp"
	"strings"
)

// splitSignature splits text at the "-- " signature delimiter, or at a
// closing line ("Best regards,") near the end.
func splitSignature(text string) (body, sig string) {
	body, sig = splitSignatureAt(text)
	// A forwarded message after the signature ("Regards, Kieran" over an
	// Outlook header block of the bounce he forwards) is content, not
	// signature: its addresses are not the sender's.
	if sig == "" {
		return body, sig
	}
	lines := strings.Split(sig, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if isForwardMarker(t) || isUnderscoreRule(t) || headerBlockAt(lines, i) || isPostscript(t) {
			// ("P.S. serial is Q23BI07750": a postscript is the body's)
			return body + "\n\n" + strings.Join(lines[i:], "\n"), strings.Join(lines[:i], "\n")
		}
	}
	return body, sig
}

// closingWithName is the name of a closing written with it on one line
// ("Kind regards, Dana Whitfield", "Thanks - Dana"), "" for any other line.
func closingWithName(l string) string {
	t := strings.TrimSpace(l)
	if len(t) > 80 {
		return ""
	}
	for _, sep := range []string{", ", " - ", " – "} {
		if a, b, ok := strings.Cut(t, sep); ok && isClosing(a) {
			if b = strings.TrimRight(strings.TrimSpace(b), "."); len(b) < 50 && nameRe.MatchString(b) && !isCompany(b) && !teamName(b) {
				return b
			}
		}
	}
	return ""
}

// initialsSignOff: a line that signs with initials after a dash or a
// slash ("/KJ", "—JM", "- AB"): it closes the text as a closing does.
func initialsSignOff(l string) bool {
	t := strings.TrimSpace(l)
	for _, p := range []string{"/", "—", "–", "-", "~"} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			rest = strings.TrimSpace(rest)
			if len(rest) < 2 || len(rest) > 3 {
				return false
			}
			for i := 0; i < len(rest); i++ {
				if rest[i] < 'A' || rest[i] > 'Z' {
					return false
				}
			}
			return true
		}
	}
	return false
}

// isPostscript: a line that opens a postscript ("P.S.", "PS:", "PS -").
func isPostscript(t string) bool {
	return strings.HasPrefix(t, "P.S.") || strings.HasPrefix(t, "PS:") || strings.HasPrefix(t, "PS -") || strings.HasPrefix(t, "P.S ") ||
		strings.HasPrefix(t, "PS ") && len(t) > 3 && t[3] >= 'a' && t[3] <= 'z'
}

// splitSignatureAt is splitSignature before the forwarded part is taken
// back out of the signature.
func splitSignatureAt(text string) (body, sig string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l == "-- " || l == "--" || l == "—" {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i+1:], "\n")
		}
	}
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-15; i-- {
		if isClosing(lines[i]) || initialsSignOff(lines[i]) {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i+1:], "\n")
		}
		if name := closingWithName(lines[i]); name != "" {
			// "Kind regards, Dana Whitfield": the name opens the signature
			return strings.Join(lines[:i], "\n"), name + "\n" + strings.Join(lines[i+1:], "\n")
		}
	}
	// No delimiter or closing: a short last paragraph that starts with a
	// name ("Liu Yang / company / phone"), or with the company and then the
	// name, is the signature; a mail client's footer after it does not count.
	end := len(lines)
	for end > 0 && (strings.TrimSpace(lines[end-1]) == "" || clientFooter(strings.ToLower(strings.TrimSpace(lines[end-1]))) || serviceFooter(lines[end-1])) {
		end--
	}
	b := end - 1
	for b >= 0 && strings.TrimSpace(lines[b]) != "" {
		b--
	}
	if b > 0 && end-b-1 >= 1 && end-b-1 <= 6 && !unitTableHeader(lines[b+1]) {
		first := sigLeadName(strings.TrimSpace(lines[b+1]))
		if len(first) < 50 && nameRe.MatchString(first) && !isCompany(first) {
			return strings.Join(lines[:b], "\n"), strings.Join(lines[b+1:end], "\n")
		}
		if len(first) < 60 && isCompany(first) && b+2 < end {
			if second := strings.TrimSpace(lines[b+2]); len(second) < 50 && nameRe.MatchString(second) {
				return strings.Join(lines[:b], "\n"), strings.Join(lines[b+1:end], "\n")
			}
		}
		if end-b-1 == 1 && companyFooter(strings.TrimSpace(lines[b+1])) {
			return strings.Join(lines[:b], "\n"), strings.TrimSpace(lines[b+1])
		}
		if end-b-1 >= 2 && lowerFirstName(first) && signatureTail(lines[b+2:end]) {
			// "sarah" / "Quill & Ink Press" / "(503) 555-0109" typed on a
			// phone: a first name in lower case over a company or a phone
			return strings.Join(lines[:b], "\n"), strings.Join(lines[b+1:end], "\n")
		}
	}
	return text, ""
}

// companyFooter: a last line that is an organisation's footer rather
// than a sentence: "Pacific Distribution Pty Ltd · RMA Department · 1800
// 555 014", a company with its legal form first, then a department or a
// phone, set apart by " · " or " | ".
func companyFooter(t string) bool {
	if len(t) > 120 || !strings.Contains(t, " · ") && !strings.Contains(t, " | ") {
		return false
	}
	segs := companySeps.Split(joinLegalForm(t), -1)
	if len(segs) < 2 || !endsWithLegalForm(strings.ReplaceAll(segs[0], legalComma, ", ")) {
		return false
	}
	for _, s := range segs[1:] {
		if isTitle(s) || digits(s) >= 7 {
			return true
		}
	}
	return false
}

// serviceFooter: a ticketing or mail service's line under the text
// ("This email is a service from Kestrel IT. Powered by Zendesk") or the
// rule over it.
func serviceFooter(l string) bool {
	t := strings.TrimSpace(l)
	return len(t) >= 5 && strings.Trim(t, "-_=") == "" || len(t) < 120 && strings.Contains(strings.ToLower(t), "powered by ")
}

// particleName is a name with a lower-case particle before the surname
// ("Jan de Vries", "Ana dos Santos", "Jan van der Berg"), which nameRe
// (capitals only) leaves out; "Departamento de Sistemas" has the same
// shape, so a title word rules it out.
var particleName = regexp.MustCompile(`^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+)?(?: (?:de|van|von|der|den|ter|ten|da|di|du|del|della|dos|das|le|la))+ \p{Lu}[\p{L}'.-]+$`)

// signatureName is the name in the first signature line that looks like
// one (or the line after a closing such as "Best regards,").
func signatureName(sig string) string {
	lines := strings.Split(sig, "\n")
	for n, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if (nameRe.MatchString(t) || particleName.MatchString(t) && !isTitle(t)) && !isCompany(t) && (!strings.Contains(t, "-") || !isCompany(strings.ReplaceAll(t, "-", " "))) && !teamName(t) && len(t) < 50 {
			return withoutHonorific(fullNameBelow(t, lines[n+1:]))
		}
		if i := strings.LastIndex(t, " ("); i > 0 && strings.HasSuffix(t, ")") {
			// "Dana Whitfield (IT)": the bracket is a note on the name
			if n := t[:i]; nameRe.MatchString(n) && !isCompany(n) && !teamName(n) && len(n) < 50 {
				return withoutHonorific(n)
			}
		}
		// "Jane Doe, Head of IT", "Jane Doe | IT Manager" ("·" and "•"
		// set the parts apart as "|" does)
		t = strings.NewReplacer(" · ", " | ", " • ", " | ").Replace(t)
		if i := strings.IndexAny(t, ",|"); i > 0 && (len(t) < 80 || t[i] == '|' && len(t) < 200) {
			first, rest := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:])
			if t[i] == '|' {
				// "Tan Wei Jie | Senior DC Engineer | LionPort ... | T: ...":
				// the segment after the name is the title
				rest, _, _ = strings.Cut(rest, "|")
			}
			if nameRe.MatchString(first) && !isCompany(first) && !teamName(first) && isTitle(rest) {
				return withoutHonorific(first)
			}
			if t[i] == '|' && nameRe.MatchString(first) && !isCompany(first) && !teamName(first) && !isTitle(first) &&
				(strings.Count(t, "|") >= 2 || isCompany(rest) || digits(rest) >= 7) {
				// "Dana Whitfield | Harbour Connect | +44 20 7946 0958"
				return withoutHonorific(first)
			}
		}
		break
	}
	return ""
}

// fullNameBelow is the full name a signature block under a bare sign-off
// starts with ("Thanks" / "Dana" / "" / "Dana Whitfield" / "Senior
// Engineer"): the first of the next three lines when it starts with the
// first name, else the name itself.
func fullNameBelow(name string, below []string) string {
	if strings.ContainsAny(name, " \t") {
		return name
	}
	seen := 0
	for _, l := range below {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if seen++; seen > 3 {
			break
		}
		if strings.HasPrefix(t, name+" ") && len(t) < 50 && nameRe.MatchString(t) && !isCompany(t) && !teamName(t) {
			return t
		}
	}
	return name
}

// teamName: a signature that names a team, not a person ("Nordwind-Labs
// Support", "IT Helpdesk").
func teamName(t string) bool {
	f := strings.Fields(strings.ToLower(t))
	if len(f) == 0 {
		return false
	}
	switch f[len(f)-1] {
	case "support", "helpdesk", "team", "desk", "department", "dept", "operations", "ops", "services", "service", "it":
		return true
	}
	// "Equipo de Sistemas", "Équipe informatique", "Servizio di
	// assistenza": a team's word first, as the Romance languages write it
	return len(f) >= 2 && teamFirst[f[0]]
}

// teamFirst are the words that start a team's or department's name in
// the languages that put the noun first.
var teamFirst = map[string]bool{"equipo": true, "équipe": true, "equipe": true, "servicio": true, "servicios": true, "soporte": true, "departamento": true,
	"departement": true, "département": true, "dipartimento": true, "servizio": true, "servizi": true, "ufficio": true, "squadra": true, "área": true,
	"sección": true, "secção": true, "serviço": true, "serviços": true, "suporte": true, "service": true, "team": true, "afdeling": true, "abteilung": true}

// clientFooter is a line a mail client adds ("Sent from my iPhone").
func clientFooter(low string) bool {
	for _, p := range []string{"sent from my", "envoyé de mon", "von meinem", "enviado desde", "inviato da", "get outlook", "sent via", "iphoneから送信"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// unitTableHeader: a row of cells one of which heads a serial column
// ("Model | Serial | FW"). A mail that ends with its units' table has no
// signature there, however name-like the first cell ("Model") looks.
func unitTableHeader(l string) bool {
	cells := splitCells(l)
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		if k, _ := lookupLabel(c); k == kSerial {
			return true
		}
	}
	return false
}

// lowerFirstName: one word of 2-15 lower-case letters, as a first name
// typed on a phone ("sarah").
func lowerFirstName(s string) bool {
	if len(s) < 2 || len(s) > 15 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// signatureTail: the lines under a name are a signature's: each is short,
// and one is a company or a phone number (seven digits or more).
func signatureTail(ls []string) bool {
	found := false
	for _, l := range ls {
		t := strings.TrimSpace(l)
		if len(t) > 60 || strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") {
			return false
		}
		if digits(t) >= 7 && digits(t) <= 15 || isCompany(t) || strings.Contains(t, " & ") {
			found = true
		}
	}
	return found
}
