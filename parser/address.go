package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// addresses parses the address fields vs (named key), keeping the first
// maxAddresses addresses in header order. Fields are parsed one at a time
// so the work stops at the cap.
func (m *Message) addresses(vs []string, key string) []Address {
	out := []Address{}
	for _, v := range vs {
		list := parseAddressList(v)
		if n := maxAddresses - len(out); len(list) > n {
			m.defect("more than 100 " + key + " addresses: the rest dropped")
			return append(out, list[:n]...)
		}
		out = append(out, list...)
	}
	return out
}

// parseAddressList parses an address header tolerantly: net/mail first,
// then a forgiving split on commas that finds <addr> or a bare addr@host.
func parseAddressList(v string) []Address {
	out, _ := readAddressList(v)
	return out
}

// readAddressList is parseAddressList that also says whether the list was
// guessed: not valid RFC 5322, read loosely so the mail is still answered.
func readAddressList(v string) ([]Address, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, false
	}
	if list, err := addrParser.ParseList(v); err == nil {
		out := make([]Address, 0, len(list))
		for _, a := range list {
			out = append(out, Address{Name: cleanSubject(validUTF8(a.Name)), Address: strings.ToLower(a.Address)})
		}
		return out, false
	}
	var out []Address
	parts := splitAddresses(v)
	for i := 0; i < len(parts); i++ {
		part := parts[i]
		if surnameBefore(part) && i+1 < len(parts) && strings.Contains(parts[i+1], "<") && !strings.Contains(parts[i+1][:strings.IndexByte(parts[i+1], '<')], "@") {
			// "Roth, Stefanie <s.roth@...>" unquoted: one display name a
			// directory writes surname first, not two mailboxes
			i++
			part = part + "," + parts[i]
		}
		if a, ok := looseAddress(part); ok {
			out = append(out, a)
		}
	}
	return out, true
}

// surnameBefore: a list part of one capitalised word without an address,
// the surname of "Roth, Stefanie <...>".
func surnameBefore(part string) bool {
	t := strings.TrimSpace(part)
	return t != "" && !strings.ContainsAny(t, "@<> ") && t[0] >= 'A' && t[0] <= 'Z'
}

func splitAddresses(v string) []string {
	var out []string
	inQ, inA := false, false
	start := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '"':
			inQ = !inQ
		case '<':
			inA = true
		case '>':
			inA = false
		case ',', ';':
			if !inQ && !inA {
				out = append(out, v[start:i])
				start = i + 1
			}
		}
	}
	return append(out, v[start:])
}

func looseAddress(s string) (Address, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Address{}, false
	}
	var addr, name string
	if i := strings.LastIndexByte(s, '<'); i >= 0 {
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			addr = s[i+1:]
		} else {
			addr = s[i+1 : i+j]
		}
		name = s[:i]
	} else {
		var nb strings.Builder
		for _, w := range strings.Fields(s) {
			if strings.Contains(w, "@") {
				addr = w
			} else {
				nb.WriteString(w)
				nb.WriteByte(' ')
			}
		}
		name = nb.String()
		if addr == "" && !strings.ContainsAny(s, " \t") {
			addr = s // a local name such as MAILER-DAEMON
			name = ""
		}
	}
	addr = strings.Trim(strings.TrimSpace(addr), "\"'()[]")
	name = strings.TrimSpace(stripComment(name))
	name = strings.Trim(name, "\"' ")
	if addr == "" && name == "" {
		return Address{}, false
	}
	return Address{Name: cleanSubject(decodeHeader(name)), Address: strings.ToLower(validUTF8(addr))}, true
}

// addressLine says whether a line after the first of an address block may
// still be part of it: not a sentence ("Invoice INV-7741 dated 2026-01-15.",
// "Please ship it quickly."), not another field named without a colon
// ("Invoice INV-7741", "Tel +44 ..."), not a closing ("Thanks,").
func addressLine(t string) bool {
	if len(t) > 90 || isClosing(t) || strings.HasPrefix(t, "(") && !bracketedCompanyForm(t) || negated.MatchString(t) {
		return false // "(not to 5 Old Road, ...)" is no part of the address
	}
	if strings.Trim(t, "-_=*~─━═ ") == "" {
		return false // a rule line closes a pasted block ("-----...")
	}
	if openingHours(t) {
		return false // "Dock hours 7am-3pm PT.", "Goods reception Mon-Fri 8-16h only."
	}
	words := strings.Fields(t)
	// ("Great Lakes Compute Co." ends with its company form, no sentence)
	if last := t[len(t)-1]; (last == '.' || last == '!' || last == '?' || last == ':') && len(words) >= 3 && !abbrevEnd(t, words) && !(last == '.' && (endsWithLegalForm(t) || strings.HasSuffix(t, " Co."))) {
		return false
	}
	if poBox.MatchString(t) {
		return true
	}
	first := strings.ToLower(strings.Trim(words[0], ".,:;#"))
	if key, _ := lookupLabel(first); notAddressKey[key] {
		return false
	}
	if sentenceStart[first] && len(words) >= 3 && words[0] != strings.ToUpper(words[0]) && !(first == "the" && titleCase(words)) {
		// "It was ...", "Please ..."; not "IT Services, Room G.14".
		return false
	}
	return true
}

// bracketedCompanyForm: t starts with a Korean or Japanese company form
// written in brackets ("(주)한빛소프트웨어 인프라팀", "(株)サクラ"), a company
// line of an address, not a remark.
func bracketedCompanyForm(t string) bool {
	for _, f := range []string{"(주)", "(유)", "(株)", "(有)", "（株）", "（有）"} {
		if strings.HasPrefix(t, f) {
			return true
		}
	}
	return false
}

// openingHours: a line about when goods are taken in, under an address:
// hours words or a time of day ("7am", "3PM", "16h", "16:00").
func openingHours(t string) bool {
	for i := 0; i < len(t); i++ {
		// (ASCII case folded at each byte: no lower-cased copy of every
		// address line)
		if c := t[i] | 0x20; hoursFirst[c] || t[i] >= 0x80 {
			for _, w := range hoursWords {
				if hasPrefixFold(t[i:], w) {
					return true
				}
			}
		}
		if i == 0 || !isDigit(t[i-1]) {
			continue
		}
		rest := t[i:]
		if hasPrefixFold(rest, "am") || hasPrefixFold(rest, "pm") || hasPrefixFold(rest, " am") || hasPrefixFold(rest, " pm") ||
			// (not a postcode's "P1H 1B2": a letter before the digit)
			rest[0]|0x20 == 'h' && (len(rest) == 1 || !isLetterByte(rest[1])) && (i < 2 || !isLetterByte(t[i-2])) || rest[0] == ':' && len(rest) > 2 && isDigit(rest[1]) && isDigit(rest[2]) && (len(rest) == 3 || !isDigit(rest[3])) {
			return true
		}
	}
	return false
}

// hoursFirst are the first bytes of hoursWords.
var hoursFirst = func() (t [256]bool) {
	for _, w := range hoursWords {
		t[w[0]] = true
	}
	return t
}()

var hoursWords = []string{"hours", "opening times", "öffnungszeit", "annahmezeit", "horaire", "horario", "orari", "openingstijd", "mon-fri", "mon–fri", "mon - fri", "monday to friday", "mo-fr", "lun-ven", "lun-vie"}

// titleCase: every word starts with a capital or a digit ("The Old Mill,
// Example Lane"), as a building's name does and a sentence does not.
func titleCase(words []string) bool {
	for _, w := range words {
		if c := w[0]; !(c >= 'A' && c <= 'Z' || isDigit(c)) {
			return false
		}
	}
	return true
}

// abbrevEnd: a numbered line ending in a short capitalised abbreviation
// ("Av. Constitución 2050 Pte.", "64000 Monterrey, N.L.", "12 High St.")
// ends an address line, not a sentence.
func abbrevEnd(t string, words []string) bool {
	w := strings.TrimSuffix(words[len(words)-1], ".")
	if t[len(t)-1] != '.' || w == "" || len(strings.ReplaceAll(w, ".", "")) > 4 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	return strings.ContainsAny(t, "0123456789")
}

var sentenceStart = map[string]bool{"please": true, "thanks": true, "thank": true, "we": true, "i": true, "our": true, "the": true,
	"it": true, "this": true, "if": true, "can": true, "could": true, "let": true, "kindly": true, "also": true, "note": true,
	"bitte": true, "merci": true, "gracias": true, "grazie": true, "danke": true, "wir": true, "nous": true}

// negated reports the words that turn a request into its opposite ("do
// not ship to", "please stop shipping to", "ne plus envoyer", "dejen de
// enviar"). "No. 88 Jianguo Road" is a number and "Attn: Mai Tran" a name:
// "no" counts only when no number follows it, "mai" (Italian "never") and
// "non" only in lower case.
var negated = negation{}

type negation struct{}

func (negation) MatchString(s string) bool {
	// a word scan, not a regexp: this runs on every line of an address
	// block and an alternation of thirty words is slow in Go's engine
	low := lowerKeep(s)
	prev := ""
	for next := 0; next < len(low); {
		i, j := nextWord(low, next)
		if i == j {
			break
		}
		next = j
		w := low[i:j]
		switch {
		case negWords[w], strings.HasSuffix(w, "n't"), strings.HasSuffix(w, "n’t"):
			return true
		case w == "plus" && (prev == "ne" || strings.HasPrefix(prev, "n'")), w == "de" && prev == "dejar":
			return true
		case (w == "mai" || w == "non") && s[i:j] == w:
			return true // lower case only: "Attn: Mai Tran" is a name
		case w == "non" && j+1 < len(s) && s[j] == ' ' && s[j+1] >= 'a' && s[j+1] <= 'z':
			return true // "Non l'abbiamo acquistato": a sentence, not a name
		case w == "no":
			// "No. 88 Jianguo Road", "Lara Cad. No: 412" are numbers
			if rest := strings.TrimLeft(low[j:], ".: "); rest == "" || !isDigit(rest[0]) {
				return true
			}
		}
		prev = w
	}
	return false
}

// anyWord reports whether f holds for a word of low (lower case), given
// the word before it ("" for the first). (negation.MatchString scans by
// hand: it needs the words' offsets in the original case.)
func anyWord(low string, f func(prev, w string) bool) bool {
	prev := ""
	for next := 0; next < len(low); {
		i, j := nextWord(low, next)
		if i == j {
			return false
		}
		next = j
		if f(prev, low[i:j]) {
			return true
		}
		prev = low[i:j]
	}
	return false
}

// nextWord returns the bounds of the first word of s at or after i:
// letters, digits and apostrophes ("don't", "don’t"); an em dash or an
// ellipsis separates words ("4AP—no", "…paid").
func nextWord(s string, i int) (int, int) {
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRuneOf(r) {
			break
		}
		i += n
	}
	j := i
	for j < len(s) {
		r, n := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[j:])
		}
		if !isWordRuneOf(r) {
			break
		}
		j += n
	}
	return i, j
}

func isWordRuneOf(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '\'') ||
		r >= utf8.RuneSelf && (r == '’' || unicode.IsLetter(r) || unicode.IsDigit(r))
}

var negWords = map[string]bool{"not": true, "don't": true, "dont": true, "never": true, "instead": true, "nothing": true, "stop": true,
	"cease": true, "cancel": true, "don’t": true, "nicht": true, "kein": true, "keine": true, "nie": true, "pas": true, "jamais": true,
	"nunca": true, "dejen": true, "smettete": true, "smettere": true, "nessun": true, "nessuno": true,
	"keinesfalls": true, "niemals": true, "keineswegs": true, "niet": true, "nooit": true, "inte": true, "aldrig": true, "não": true, "nunka": true}

var shipVerbs = []string{"send", "ship", "deliver", "return", "mail it", "post it", " mail the ", " mail a ", " mail us ", " mail me ", " courier ", " dispatch ", "schicken", "senden", "liefern", "envoyer", "expédier", "livrer",
	"enviar", "mandar", "spedire", "inviare", "envíen", "envien", "envoyez", "spedite", "inviate", "sturen", "verzenden", "leveren", "go to", "goes to",
	// "Replacement to be sent to our warehouse:"
	"to be sent"}

// notAddressKey are the fields whose label starting a line ends an address
// block ("Invoice INV-7741 ...", "Tel +44 ..."); "Unit 4", "Attn" and the
// like belong to it.
var notAddressKey = map[int]bool{kSerial: true, kPart: true, kPO: true, kInvoice: true, kInvoiceDate: true, kPhone: true,
	kEmail: true, kFirmware: true, kProblem: true, kSeverity: true, kDeliveryDate: true}

var poBox = regexp.MustCompile(`(?i)^(?:p\.?\s?o\.?\s*box|postfach|boîte postale|bp|apartado|casella postale)\b`)

var sameAddress = regexp.MustCompile(`(?i)^(?:same|idem|dito|ditto|identi(?:que|sch|ca|co)|wie oben|comme ci-dessus|igual)\b.{0,40}$`)
