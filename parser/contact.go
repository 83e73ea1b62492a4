package parser

import (
	"regexp"
	"strings"
)

var (
	phoneRe = regexp.MustCompile(`\+?\(?[0-9][0-9 ().\-/]{6,}[0-9]`)
	nameRe  = regexp.MustCompile(`^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]*){0,3}$|^[\p{Han}\p{Katakana}\p{Hiragana}]{2,8}(?:\s[\p{Han}\p{Katakana}\p{Hiragana}]{1,8})?$`)
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
	// The forwarded sender is looked for only when it could matter.
	fwd := (&lazySender{text: t.text}).get
	sig := t.sig
	if fs := labelledForwarded(t, f.ContactName); fs != "" {
		sig = fs
	} else if own := forwarderSignature(t); own != "" {
		// "Forwarding the report from our technician below ... Julia
		// Novak": who forwards and signs asks the desk; the forwarded
		// mail gives the unit and the fault
		sig = own
		fwd = func() (string, string) { return "", "" }
	}
	if f.ContactName == "" {
		f.ContactName = signatureName(sig)
		// "Thanks, Tom" signed by Tom Baker: the From name is fuller.
		if n := f.ContactName; n != "" && !strings.ContainsAny(n, " \t") && strings.ContainsRune(m.From.Name, ' ') &&
			strings.Contains(strings.ToLower(m.From.Name), strings.ToLower(n)) {
			if name, _ := fwd(); name == "" {
				f.ContactName = personOf(m.From.Name)
			} else if t.fwd > 0 && t.fwd < len(t.lines) {
				f.ContactName = name // a bare sign-off over a forward: its sender asks
			}
		}
	}
	if f.ContactName == "" {
		f.ContactName, _ = fwd()
	}
	if f.ContactName == "" {
		// "Marcus Lindqvist (Nordhavn Data)": the person, not the company.
		f.ContactName = personOf(m.From.Name)
	}
	sigLines := strings.Split(sig, "\n")
	if f.Email == "" {
		// An address in the signature, or in a "contact me at ..." line.
		f.Email = contactEmail(sigLines, nil, m.From.Address)
		if f.Email == "" {
			f.Email = contactEmail(lines, low, m.From.Address)
		}
	}
	if f.Email == "" {
		_, f.Email = fwd()
	}
	if f.Email == "" {
		f.Email = m.From.Address
	}
	if d := domainOf(firstRecipient(m)); d != "" && !publicMail[d] && d != domainOf(m.From.Address) && domainOf(f.Email) == d {
		// "mark.lee@desk.example" in a vendor signature pasted under
		// "see below": the desk's own people are never the customer
		f.Email = m.From.Address
	}
	if f.Phone == "" {
		f.Phone = phoneIn(sigLines)
	}
	if f.Phone == "" {
		f.Phone = phoneIn(lines)
	}
	if f.Phone == "" {
		if mayOfferPhone(t.lowBody) {
			f.Phone = prosePhone(lines, low)
		}
	}
	if f.Phone == "" {
		f.Phone = barePhone(sigLines, m.From.Address)
	}
	f.Company = companyFallback(m, t, sigLines)
}

// companyFallback is the company: a label's (m.Fields.Company), else a
// signature line with a company form, the line under the name (or the
// organisation the sender's domain spells under a department), a CJK
// closing, a legal notice, the From display name's bracket; the name
// again and a CJK department are dropped.
func companyFallback(m *Message, t *fieldText, sigLines []string) string {
	name, c := m.Fields.ContactName, m.Fields.Company
	if c == "" {
		c = signatureLineCompany(sigLines, name)
	}
	if c == "" {
		c = companyUnderName(sigLines, name)
		if c != "" && !isCompany(c) && !hasNonASCII(c) && !spelledBy(c, domainLabel(m.From.Address)) {
			// "Einkauf" over "Stadtwerke Hainburg" from stadtwerke-hainburg
			if d := domainCompany(sigLines, m.From.Address); d != "" && d != name {
				c = d
			}
		}
	}
	if c == "" {
		c = closingCJKCompany(t.lines)
	}
	if c != "" && (c == name || c == m.From.Name) && !isCompany(c) {
		c = "" // "Joanna Pratt" under "Joanna" is her name again
	}
	if c == "" {
		own := t.text
		if t.fwd > 0 && t.fwd < len(t.lines) {
			// a forwarded mail's notice is its writer's (often the
			// vendor's own), not the sender's
			own = strings.Join(t.lines[:t.fwd], "\n")
		}
		c = disclaimerCompany(own)
		if c == "" && t.fwd >= len(t.lines) && len(t.head) != len(t.text) {
			// "This message is from Harlow & Finch Insurance Brokers
			// Limited and may contain ...": a notice's phones and
			// addresses are the legal department's, its company is the
			// sender's
			c = disclaimerCompany(t.head)
		}
	}
	if c = withoutDepartment(cjkCompanyInSentence(c)); c == "" {
		c = displayCompany(m.From.Name)
	}
	return c
}

// signatureLineCompany is the company of the first of the signature's
// first lines with a company form. The company is near the name: a
// disclaimer further down is not worth a case-insensitive regexp per line.
func signatureLineCompany(sigLines []string, name string) string {
	for _, l := range sigLines[:min(len(sigLines), 10)] {
		s := strings.TrimSpace(l)
		if s != "" && len(s) < 100 && s != name && digits(s) <= 4 && !strings.ContainsAny(s, "@:") && isCompany(s) &&
			!footerSegment(s) && !containsAny(s, cjkResellerWords) {
			if c := signatureCompany(s); c != "" {
				return c
			}
		}
	}
	return ""
}

// firstRecipient is the address the mail was sent to first (the desk's).
func firstRecipient(m *Message) string {
	if len(m.To) == 0 {
		return ""
	}
	return m.To[0].Address
}

// closingCJKCompany is the company a Chinese or Japanese mail names in its
// last lines when no signature was told apart ("株式会社サクラネット
// 情報システム部" between two rules, "宏遠資訊股份有限公司｜專案經理" under the
// name).
func closingCJKCompany(lines []string) string {
	seen := 0
	for i := len(lines) - 1; i >= 0 && seen < 8; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		seen++
		if c := cjkCompany(t); c != "" {
			return c
		}
	}
	return ""
}

// forwarderSignature is the signature block the sender puts under their
// own words above a forwarded message: a name with a phone or a company
// ("Julia Novak / Research Computing, Brightwater University / +1 ...").
// A bare sign-off ("Thanks, Mike"), a one-line "see below" or no forward
// gives "": then the forwarded customer's own signature says who asks.
func forwarderSignature(t *fieldText) string {
	if t.fwd <= 0 || t.fwd >= len(t.lines) {
		return ""
	}
	_, sig := splitSignature(strings.Join(t.lines[:t.fwd], "\n"))
	name := signatureName(sig)
	if name == "" {
		return ""
	}
	lines := strings.Split(sig, "\n")
	if phoneIn(lines) == "" && companyUnderName(lines, name) == "" {
		return ""
	}
	return sig
}

// labelledForwarded is the forwarded mail's signature when the contact a
// label names ("Contact : Julien Petit – Mairie de Saint-Aubin",
// "Ansprechpartner beim Kunden: Eva Hofer") is the one who signs it, not
// the forwarder: their signature, not the forwarder's, gives their company
// and address. "" otherwise.
func labelledForwarded(t *fieldText, contact string) string {
	if contact == "" || t.fwd <= 0 || t.fwd >= len(t.lines) {
		return ""
	}
	if signatureName(t.sig) == contact {
		return t.sig // the mail's last signature is the forwarded one
	}
	if _, fs := splitSignature(strings.Join(t.lines[t.fwd:], "\n")); signatureName(fs) == contact {
		return fs
	}
	return ""
}

// lazySender finds the forwarded sender once, and only when asked (a
// sync.OnceValues would cost two allocations on every message).
type lazySender struct {
	text       string
	done       bool
	name, addr string
}

func (l *lazySender) get() (string, string) {
	if !l.done {
		l.done = true
		l.name, l.addr = forwardedSender(l.text)
		if machineSender(l.addr) {
			// a forwarded bounce: the mail system is nobody to contact
			l.name, l.addr = "", ""
		}
	}
	return l.name, l.addr
}

// machineSender reports the address of a mail system rather than a person
// (postmaster@, MAILER-DAEMON@, no-reply@...).
func machineSender(addr string) bool {
	local := strings.ToLower(addr[:max(0, strings.IndexByte(addr, '@'))])
	switch local {
	case "postmaster", "mailer-daemon", "mailerdaemon", "noreply", "no-reply", "donotreply", "do-not-reply", "bounce", "bounces":
		return true
	}
	return false
}

var phonePrefixes = []string{"t:", "m:", "p:", "t.", "m.", "tel", "phone", "mobile", "mob", "cell", "fon", "handy", "+",
	"direct", "office", "ph:", "ph.", "☎", "📞", "mobil", "cel:", "o:", "d:",
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
		if low != nil {
			// the address the line offers comes after its "contact me
			// at": "the reseller (sales@x) told us to write to you" offers none
			w := firstIndexAny(low[i], contactWords)
			if w < 0 || containsAny(low[i], leftWords) {
				continue
			}
			l = l[w:]
			// "contact: not Bob (bob@...)": the words up to the address
			if at := strings.IndexByte(l, '@'); at < 0 || notContactLine.MatchString(low[i][w:w+at]) || containsAny(low[i][w:w+at], notGoodsWords) {
				continue // "please email the invoice to ap@...": where papers go, not who to talk to
			}
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

// firstIndexAny is the index of the first of words in s, -1 if none.
func firstIndexAny(s string, words []string) int {
	first := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

var contactWords = []string{"contact", "reach me", "reach us", "reply to", "write to", "e-mail", "email", "mail me", "kontakt", "erreichen",
	"joindre", "contacter", "contatt", "contacto"}

// prosePhone finds a phone number on a line that says it is one ("call me
// on +44 7700 900123", "my mobile is ..."): at least eight digits, not a date.
func prosePhone(lines, low []string) string {
	for i, l := range lines {
		if !mayOfferPhone(low[i]) || !prosePhoneWord.MatchString(low[i]) {
			continue // "Bestellnummer" has "tel" in it, and is no phone
		}
		if !phoneRe.MatchString(l) {
			// "Best number to reach me is" / "415-555-0176."
			l = withWrapped(lines, i, ".!?")
		}
		l = withoutFax(l)
		for _, ix := range phoneRe.FindAllStringIndex(l, 4) {
			p := l[ix[0]:ix[1]]
			if digits(p) >= 8 && phoneShaped(strings.TrimSpace(p)) && isoDate.FindString(p) == "" && numDate.FindString(p) != strings.TrimSpace(p) {
				after := l[ix[1]:]
				if i := sentenceEnd(after); i >= 0 {
					after = after[:i]
				}
				if phoneRe.MatchString(after) {
					after = "" // "..., please call me on <another>": its words are the next number's
				}
				if !callableNumber(l[clauseStart(l[:ix[0]]):ix[0]], after) {
					continue
				}
				if p = strings.TrimSpace(p); strings.Count(p, "(") != strings.Count(p, ")") {
					p = strings.Trim(p, "(") // "(07700 900123" of a bracketed number; "(555) 201-3344" keeps its area code's
				}
				return p + extensionAfter(l[ix[1]:])
			}
		}
	}
	return ""
}

// callableNumber says the words before a number in its clause offer it
// as the sender's: they ask to be called on it ("please call me on",
// "my mobile is"), do not refuse it ("please do not call our reception
// on"; "don't hesitate to call me" is an offer) and do not give someone
// else's ("Bob (07700 ...) is off sick", "our reseller's number is ...").
// The asking words may follow the number in its sentence.
func callableNumber(clause, after string) bool {
	low := strings.ToLower(clause)
	if !prosePhoneWord.MatchString(low) && !prosePhoneWord.MatchString(strings.ToLower(after)) {
		return false // "Our office number is ..., call any time" has it after
	}
	if containsAny(low, []string{"hesitate", "hésite", "zögern", "dude", "esiti"}) {
		return true
	}
	return !negated.MatchString(strings.ReplaceAll(low, "instead", "")) && !containsAny(low, thirdParties)
}

// thirdParties are people whose number a mail may give besides the sender's.
var thirdParties = []string{"colleague", "reseller", "distributor", "supplier", "reception", "his ", "her ", "their ", "them", "kollege", "collègue"}

var prosePhoneWord = regexp.MustCompile(`\b(call|phone|mobile|cell|reach me|tel|whatsapp|anrufen|erreichbar|appeler|llamar|ring me|ring us|text me|my number|joindre|bellen|chiamare|chiamarmi|ligar|llamarme|` +
	// the imperative, as an away notice or a signature writes it
	`direct line|my line|landline|contact me|contact us|llamad|llame|llámenos|llámame|llamadme|appelez|appelez-moi|rufen sie|ruf mich|chiamate|chiamateci|chiamatemi|bel me|bel ons|ligue|ligue-me)\b`)

// prosePhoneWords: one of them is in every prosePhoneWord match.
var prosePhoneWords = []string{"call", "phone", "mobile", "cell", "reach me", "tel", "whatsapp", "anrufen", "erreichbar", "appeler", "llamar",
	"ring me", "ring us", "text me", "my number", "joindre", "bellen", "chiamar", "ligar"}

// prosePhoneMore are prosePhoneWord's later words, found in one pass
// (another strings.Contains per word would scan each body again).
var prosePhoneMore = newPhraseIndex([]string{"direct line", "my line", "landline", "contact me", "contact us", "llamad", "llame", "llámenos", "llámame",
	"appelez", "rufen sie", "ruf mich", "chiamat", "bel me", "bel ons", "ligue"})

// mayOfferPhone: low holds a word every prosePhoneWord match holds.
func mayOfferPhone(low string) bool {
	return containsAny(low, prosePhoneWords) || prosePhoneMore.kinds(low) != 0
}

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
		l = withoutFax(l)
		if ix := phoneRe.FindStringIndex(l); ix != nil && digits(l[ix[0]:ix[1]]) >= 7 {
			return strings.TrimSpace(l[ix[0]:ix[1]]) + extensionAfter(l[ix[1]:])
		}
	}
	return ""
}

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
		if isClosing(lines[i]) {
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
	for end > 0 && (strings.TrimSpace(lines[end-1]) == "" || clientFooter(strings.ToLower(strings.TrimSpace(lines[end-1])))) {
		end--
	}
	b := end - 1
	for b >= 0 && strings.TrimSpace(lines[b]) != "" {
		b--
	}
	if b > 0 && end-b-1 >= 1 && end-b-1 <= 6 {
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

// signatureName is the name in the first signature line that looks like
// one (or the line after a closing such as "Best regards,").
func signatureName(sig string) string {
	lines := strings.Split(sig, "\n")
	for n, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if nameRe.MatchString(t) && !isCompany(t) && (!strings.Contains(t, "-") || !isCompany(strings.ReplaceAll(t, "-", " "))) && !teamName(t) && len(t) < 50 {
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
	return false
}

var fwdFromLine = regexp.MustCompile(`(?i)^\s*\*?(from|von|de|van|da)\s*\*?\s*:\s*(.+)$`)

// forwardedSender returns the sender named in the first forwarded header
// block of text (a reseller forwarding a customer's request).
func forwardedSender(text string) (string, string) {
	lines := strings.Split(text, "\n")
	in := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if isForwardMarker(t) {
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
	if i := strings.Index(v, " ("); i > 0 && strings.HasSuffix(v, ")") && !hasDigit(v[:i]) && (strings.Contains(v[i:], "@") || digits(v[i:]) >= 7) &&
		strings.Count(v, "(") == 1 {
		// "Dana Whitfield (+1 408 555 0143, dana@example.net)": the
		// bracket holds the details ("+1 (408) 555-0143" has its own)
		v = v[:i] + ", " + strings.TrimSuffix(v[i+2:], ")")
	}
	if !hasDigit(v) && !strings.Contains(v, "@") {
		// "Name and title: Rahul Menon, Network Engineer": the name without
		// the job title after it
		if n, title, ok := strings.Cut(v, ", "); ok && isTitle(title) && !isTitle(n) && nameRe.MatchString(n) {
			return n, "", ""
		}
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
			if ix := phoneRe.FindStringIndex(p); ix != nil && digits(p[ix[0]:ix[1]]) >= 7 {
				phone = strings.TrimSpace(p[ix[0]:ix[1]]) + extensionAfter(p[ix[1]:])
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

// clientFooter is a line a mail client adds ("Sent from my iPhone").
func clientFooter(low string) bool {
	for _, p := range []string{"sent from my", "envoyé de mon", "von meinem", "enviado desde", "inviato da", "get outlook", "sent via", "iphoneから送信"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// personOf is a display name without the company some senders put in it.
func personOf(name string) string {
	if i := strings.IndexByte(name, '('); i > 0 && strings.HasSuffix(strings.TrimSpace(name), ")") {
		return strings.TrimSpace(name[:i])
	}
	for _, sep := range []string{" | ", " @ "} {
		if p, _, ok := strings.Cut(name, sep); ok {
			return strings.TrimSpace(p)
		}
	}
	// Directories (Outlook/Exchange) list people surname first: "Roth,
	// Stefanie" is Stefanie Roth.
	if mm := surnameFirst.FindStringSubmatch(name); mm != nil && !isCompany(name) {
		return mm[2] + " " + mm[1]
	}
	return name
}

var surnameFirst = regexp.MustCompile(`^(\p{Lu}[\p{L}'-]+),\s+(\p{Lu}[\p{L}'-]+(?:\s\p{Lu}[\p{L}'-]+)?)$`)

// withoutHonorific drops a title before a name ("Dr Aisha Karimi").
func withoutHonorific(name string) string {
	if first, rest, ok := strings.Cut(name, " "); ok && honorifics[strings.ToLower(strings.TrimRight(first, "."))] && strings.Contains(rest, " ") {
		return rest
	}
	return name
}

var honorifics = map[string]bool{"dr": true, "prof": true, "mr": true, "mrs": true, "ms": true, "mx": true, "herr": true, "frau": true,
	"mme": true, "mlle": true, "sr": true, "sra": true, "sig": true, "sig.ra": true, "ing": true, "dipl.-ing": true}
