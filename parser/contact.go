package parser

import (
	"regexp"
	"strings"
	"unicode"
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
	if answerToSender(t, m.From.Address) {
		// the vendor's earlier answer forwarded by the customer: the
		// customer's own part says who asks
		_, sig = splitSignature(strings.Join(t.lines[:t.fwd], "\n"))
		lines, low = t.lines[:t.fwd], t.low[:min(t.fwd, len(t.low))]
		fwd = func() (string, string) { return "", "" }
	}
	if f.ContactName == "" {
		// "Sent on behalf of Dr. Daniel Feldman" under an assistant's
		// name: the person asking is the one the mail is sent for
		f.ContactName = behalfName(sig)
	}
	if f.ContactName == "" {
		f.ContactName = signatureName(sig)
		// "Thanks, Tom" signed by Tom Baker: the From name is fuller.
		if n := f.ContactName; n != "" && !strings.ContainsAny(n, " \t") && strings.ContainsRune(m.From.Name, ' ') &&
			(strings.Contains(strings.ToLower(m.From.Name), strings.ToLower(n)) || nicknameOf(n, m.From.Name)) {
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
	if f.ContactName == "" && !(strings.Contains(m.From.Name, ",") && (isTitle(m.From.Name) || itDepartment(m.From.Name) || firmName(m.From.Name))) {
		// "Marcus Lindqvist (Nordhavn Data)": the person, not the
		// company; a department in a directory's "X, Y" form ("IT,
		// Support") or a firm's partners ("Kemper, Roth & Partner")
		// names nobody
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

// formName is the name a form gives in "First Name:" and "Last Name:"
// rows, or "" when it gives no first name.
func formName(found []labelled) string {
	var given, family string
	for _, l := range found {
		switch v := strings.TrimSpace(l.value); {
		case l.key == kGivenName && given == "" && !hasDigit(v):
			given = v
		case l.key == kFamilyName && family == "" && !hasDigit(v):
			family = v
		}
	}
	if given == "" {
		return ""
	}
	return strings.TrimSpace(given + " " + family)
}

// nicknameOf: the signed first name is the usual short form of the From
// name's first name ("Dave" signed by David Kowalczyk, "Bill" by William
// Hart); short forms that are the name's start ("Tom", "Kim") need no
// table.
func nicknameOf(short, full string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(full), " ")
	for _, f := range nicknames[strings.ToLower(short)] {
		if strings.EqualFold(first, f) {
			return true
		}
	}
	return false
}

var nicknames = map[string][]string{
	"dave": {"david"}, "mike": {"michael"}, "bob": {"robert"}, "rob": {"robert"}, "bill": {"william"}, "will": {"william"},
	"liam": {"william"}, "jim": {"james"}, "jimmy": {"james"}, "kate": {"katherine", "catherine", "kathryn"}, "katie": {"katherine", "catherine"},
	"cathy": {"catherine"}, "kathy": {"katherine", "kathleen"}, "liz": {"elizabeth"}, "beth": {"elizabeth"}, "betty": {"elizabeth"},
	"becky": {"rebecca"}, "sue": {"susan", "suzanne"}, "tony": {"anthony", "antonio"}, "andy": {"andrew", "andreas"}, "steve": {"steven", "stephen"},
	"joe": {"joseph"}, "rick": {"richard"}, "dick": {"richard"}, "ted": {"edward"}, "ned": {"edward"}, "peggy": {"margaret"}, "maggie": {"margaret"},
	"meg": {"margaret"}, "chuck": {"charles"}, "charlie": {"charles"}, "harry": {"henry", "harold"}, "hank": {"henry"}, "jack": {"john"},
	"sandy": {"sandra", "alexandra"}, "nate": {"nathan", "nathaniel"}, "larry": {"lawrence"}, "jerry": {"gerald", "jerome"}, "bert": {"albert", "herbert"},
	"fred": {"frederick"}, "pete": {"peter"}, "wes": {"wesley"}, "zach": {"zachary"}, "josh": {"joshua"}, "gabe": {"gabriel"}, "jake": {"jacob"},
	"jenny": {"jennifer"}, "jess": {"jessica"}, "vicky": {"victoria"}, "nicky": {"nicola", "nicole"}, "mandy": {"amanda"}, "penny": {"penelope"},
	"sepp": {"josef"}, "hans": {"johannes"}, "paco": {"francisco"}, "pepe": {"josé", "jose"}, "sasha": {"alexander", "aleksandr"},
}

// behalfName is the person a signature line says the mail is sent for
// ("Sent on behalf of Hiroshi Yamada", "Sent on behalf of Ashok Menon by
// Carla Diaz, IT Service Desk", "Im Auftrag von Dr. Eva Roth"), or "".
func behalfName(sig string) string {
	for _, l := range strings.Split(sig, "\n") {
		t := strings.TrimSpace(l)
		n := 0
		for _, p := range behalfWords {
			if hasPrefixFold(t, p) {
				n = len(p)
				break
			}
			if q := p[:len(p)-1]; hasPrefixFold(t, q+":") {
				n = len(q) + 1 // "On behalf of: Dr. Anna Schmidt, Head of IT"
				break
			}
		}
		if n == 0 {
			continue
		}
		name := strings.TrimSpace(t[n:])
		if i := strings.Index(name, " by "); i > 0 {
			name = name[:i]
		}
		if i := strings.IndexAny(name, ",|(;"); i > 0 {
			name = strings.TrimSpace(name[:i])
		}
		name = withoutHonorific(strings.TrimRight(name, ". "))
		if strings.Contains(name, " ") && nameRe.MatchString(name) && !isCompany(name) && !teamName(name) {
			return name
		}
	}
	return ""
}

// behalfWords start a line naming whom a mail is sent for.
var behalfWords = []string{"sent on behalf of ", "on behalf of ", "im auftrag von ", "envoyé au nom de ", "au nom de ", "enviado en nombre de ", "en nombre de ", "inviato per conto di ", "per conto di "}

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
		if c != "" && bodyOnly(t, c) {
			c = "" // a recipient block, a third party quoted in the body
		}
		if c == "" && t.fwd >= len(t.lines) && len(t.head) != len(t.text) {
			// "This message is from Harlow & Finch Insurance Brokers
			// Limited and may contain ...": a notice's phones and
			// addresses are the legal department's, its company is the
			// sender's
			c = disclaimerCompany(t.head)
		}
	}
	if c == "" {
		c = letterheadCompany(t.text)
	}
	if c == "" {
		c = addressCompany(&m.Fields, name, m.From.Name)
	}
	if c == "" {
		// "We at Northwind Traders have ...", "I'm the IT admin for
		// Dunmore Dental": the writer's own words
		own := t.text
		if t.fwd > 0 && t.fwd < len(t.lines) {
			own = strings.Join(t.lines[:t.fwd], "\n")
		}
		c = selfIntroduced(own)
	}
	if c = withoutDepartment(cjkCompanyInSentence(c)); c == "" || vendorCompany(c) {
		c = displayCompany(m.From.Name)
	}
	return c
}

// signatureLineCompany is the company of the first of the signature's
// first lines with a company form. The company is near the name: a
// disclaimer further down is not worth a case-insensitive regexp per line.
func signatureLineCompany(sigLines []string, name string) string {
	lines := sigLines[:min(len(sigLines), 10)]
	for k, l := range lines {
		s := strings.TrimSpace(l)
		if notSignatureLine(lines, k) {
			continue // "Website by Pixelwerk Studio GmbH", "Commerzbank AG · IBAN ..."
		}
		for _, p := range behalfWords {
			if hasPrefixFold(s, p) {
				// "Sent on behalf of Acme Corp": the company is the one
				// named, never the line whole
				s = strings.TrimSpace(s[len(p):])
				break
			}
		}
		// ("PolderLink B.V. · +31 20 555 0147": a phone beside the
		// company on its line; signatureCompany takes the segment
		// without it)
		if f := strings.Fields(s); len(f) > 3 && unicode.IsLower([]rune(f[0])[0]) {
			continue // a notice's sentence running on ("attachments are confidential. X Ltd, ...")
		}
		if s != "" && len(s) < 100 && s != name && (digits(s) <= 4 || companySeps.MatchString(s)) && !strings.ContainsAny(s, "@:") && isCompany(s) &&
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
		if containsAny(t, cjkCarrierWords) || addresseeAt(lines, i) {
			continue // "(주)한진택배 강남지점" over a street: a carrier's branch to pick up from
		}
		if c := cjkCompany(t); c != "" {
			return c
		}
	}
	return ""
}

// cjkCarrierWords name a parcel carrier or its branch ("택배", "急便",
// "快递"): a pickup address, never the writer's company.
var cjkCarrierWords = []string{"택배", "대한통운", "急便", "快递", "快遞", "宅急便", "宅配便"}

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

// firmName: a From name in a directory's "X, Y" form that joins names
// ("Kemper, Roth & Partner", "Smith, Jones and Partners") or names
// partners or associates is a firm, not a surname and a first name.
func firmName(n string) bool {
	low := " " + strings.ToLower(n) + " "
	return containsAny(low, []string{" & ", " and ", " und ", " et ", " partners ", " partner ", " associates ", " sons "})
}

// vendorPerson: the bracket after a contact's name makes them the
// vendor's or the desk's own people ("Kevin Lin (QNAP FAE, on site)",
// "Ana Ruiz (your field engineer)"), not the customer who asks.
func vendorPerson(v string) bool {
	i := strings.Index(v, " (")
	if i <= 0 {
		// "Kevin Lin, QNAP FAE": the role after a comma
		if c := strings.Index(v, ", "); c > 0 {
			b := " " + strings.ToLower(v[c+2:min(len(v), c+80)]) + " "
			return containsAny(b, vendorPersonWords)
		}
		return false
	}
	b := strings.ToLower(v[i+2 : min(len(v), i+80)])
	if j := strings.IndexByte(b, ')'); j >= 0 {
		b = b[:j]
	}
	return vendorBrand.MatchString(b) || containsAny(" "+b+" ", vendorPersonWords)
}

// vendorPersonWords name a vendor's or the desk's engineer.
var vendorPersonWords = []string{" fae ", " fae,", "field application", "vendor", "manufacturer", "your engineer", "your technician", "your field", "your support", "your colleague", "from your",
	"your account manager", "your sales"}

// contactParts splits a contact value that carries more than the name
// ("Dana Whitfield, +1 (408) 555-0143, dana@example.net", "Kim Lee |
// kim@x.example | Tel 555 0100") into the name and the phone and e-mail
// it names. A value with nothing but a name is the name.
func contactParts(v string) (name, phone, email string) {
	if i := strings.Index(v, " ("); i > 0 && !hasDigit(v[:i]) && strings.Count(v, "(") == 1 {
		// "Dana Whitfield (+1 408 555 0143, dana@example.net)", "Ashok
		// Menon (ashok@x.example), cell 919-555-0116": the bracket holds
		// details ("+1 (408) 555-0143" has its own)
		if j := strings.IndexByte(v[i:], ')'); j > 0 && (strings.Contains(v[i:i+j], "@") || digits(v[i:i+j]) >= 7) {
			v = v[:i] + ", " + v[i+2:i+j] + v[i+j+1:]
		}
	}
	if i := strings.Index(v, " ("); i > 0 && strings.HasSuffix(v, ")") && strings.Count(v, "(") == 1 {
		// "Dr. Nnamdi Eze (he is the one on site)", "Hannah Schultz
		// (Infrastructure Operations)": a remark or department after
		// the name is not part of it
		v = strings.TrimSpace(v[:i])
	}
	if !hasDigit(v) && !strings.Contains(v, "@") {
		return nameInValue(v), "", ""
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

// nameInValue is the person a contact label's value names: "Name and
// title: Rahul Menon, Network Engineer" or "Network Engineer, Rahul
// Menon" give the name without the title, "Rahul Menon, Bangalore"
// without the city; a title or department alone ("Sales Manager", "IT
// Department, Infra Solutions Pvt Ltd") or a pointer to the signature
// ("siehe Signatur unten") names nobody, and the signature or the From
// name says who asks.
func nameInValue(v string) string {
	if hasAnyPrefixFold(v, seeWords) && containsAny(strings.ToLower(v), []string{"signatur", "signature", "firma abajo", "firma sotto", "firma in calce", "handtekening"}) {
		return ""
	}
	notName := func(p string) bool { return isTitle(p) || isCompany(p) || itDepartment(p) }
	if !strings.Contains(v, ", ") {
		if notName(v) {
			return "" // "Sales Manager": a title, no one's name
		}
		return v
	}
	var names []string
	for _, p := range strings.Split(v, ", ") {
		if p = strings.TrimSpace(p); p != "" && nameRe.MatchString(p) && !notName(p) {
			names = append(names, p)
		}
	}
	if len(names) == 0 {
		if notName(v) {
			return "" // "IT Department, Infra Solutions Pvt Ltd"
		}
		return v
	}
	for _, n := range names {
		if strings.Contains(n, " ") {
			return n // the full name, not the city beside it
		}
	}
	return names[0]
}

// seeWords start a value that points elsewhere ("siehe Signatur unten").
var seeWords = []string{"see ", "siehe ", "voir ", "ver ", "vedi ", "zie ", "as per ", "in my ", "in the ", "below", "unten", "ci-dessous"}

// hasAnyPrefixFold: s starts with one of the lower-case prefixes, ASCII
// case folded.
func hasAnyPrefixFold(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if hasPrefixFold(s, p) {
			return true
		}
	}
	return false
}

var contactSeps = regexp.MustCompile(`\s*(?:,|;|\||·|•|/| - | – )\s*`)

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
	if mm := surnameFirst.FindStringSubmatch(name); mm != nil && !isCompany(name) && !isTitle(name) && !itDepartment(name) {
		return mm[2] + " " + mm[1] // ("IT, Support" is a department, no surname first)
	}
	return name
}

var surnameFirst = regexp.MustCompile(`^(\p{Lu}[\p{L}'-]+),\s+(\p{Lu}[\p{L}'-]+(?:\s\p{Lu}[\p{L}'-]+)?)$`)

// withoutHonorific drops a title before a name ("Dr Aisha Karimi").
func withoutHonorific(name string) string {
	// ("Prof. Dr. Hans Weber", "Prof. Dr.-Ing. ...": each title dropped)
	for range 3 {
		first, rest, ok := strings.Cut(name, " ")
		if !ok || !honorifics[strings.ToLower(strings.TrimRight(first, "."))] || !strings.Contains(rest, " ") {
			break
		}
		name = rest
	}
	return name
}

var honorifics = map[string]bool{"dr": true, "prof": true, "mr": true, "mrs": true, "ms": true, "mx": true, "herr": true, "frau": true,
	"mme": true, "mlle": true, "sr": true, "sra": true, "sig": true, "sig.ra": true, "ing": true, "dipl.-ing": true,
	// academic titles written before the name in Spanish, Italian, Dutch
	// and Austrian mail ("Lic. Fernanda Garza", "Dott.ssa Anna Neri")
	"lic": true, "licda": true, "lcda": true, "lcdo": true, "dra": true, "arq": true, "mtro": true, "mtra": true, "dott": true, "dott.ssa": true,
	"dr.ssa": true, "avv": true, "mag": true, "drs": true, "ir": true,
	// Czech and Slovak academic titles ("Mgr. Jana Nováková", "Ing. ...")
	"mgr": true, "bc": true, "phdr": true, "rndr": true, "judr": true, "mudr": true, "paeddr": true, "dr.-ing": true}
