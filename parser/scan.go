package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cheap scanners used instead of case-insensitive regexps on every line.
// Go's regexp engine has no DFA, so a (?i) pattern over 10 KB costs
// hundreds of microseconds; these keep regexps to the few lines that can
// match (see doc.go, "Speed").

// lowerKeep lower-cases s rune by rune where the lower-case rune has the
// same UTF-8 length, so byte offsets in the result match those in s.
func lowerKeep(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		// copy the run that needs no change
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf && !(s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		b.WriteString(s[i:j])
		if j >= len(s) {
			break
		}
		c := s[j]
		if c < utf8.RuneSelf {
			b.WriteByte(c + 32)
			i = j + 1
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if lr := unicode.ToLower(r); lr != r && utf8.RuneLen(lr) == n {
			b.WriteRune(lr)
		} else {
			b.WriteString(s[j : j+n])
		}
		i = j + n
	}
	return b.String()
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

// isLabelRune reports a rune allowed inside a label after its first letter.
func isLabelRune(r rune) bool {
	switch r {
	case ' ', '.', '/', '#', '(', ')', '\'', '&', '_', '-', '°':
		return true
	}
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// splitLabel splits a "Label: value" line: an optional bullet ("-", "*",
// "•", ">") and bold markers, a label of one letter and up to 40 more label
// characters, then ":", "：", "=", " - " or " #", then the value. The
// shortest label that is followed by a separator wins (so a colon in the
// value does not matter). It is the hand-written form of
//
//	^\s*(?:[-*•>]\s*)?\**([\p{L}][\p{L}\p{N} ./#()'&_°-]{0,40}?)\**\s*(?:[:：=]|\s-\s|\s#\s?)\s*(.*)$
func splitLabel(l string) (label, value string, ok bool) {
	if !hasSeparatorByte(l) {
		return "", "", false
	}
	i := skipSpace(l, 0)
	if i < len(l) {
		switch {
		case l[i] == '-' || l[i] == '*' || l[i] == '>':
			i = skipSpace(l, i+1)
		case strings.HasPrefix(l[i:], "•"):
			i = skipSpace(l, i+len("•"))
		}
	}
	for i < len(l) && l[i] == '*' {
		i++
	}
	start := i
	if i >= len(l) {
		return "", "", false
	}
	r, n := utf8.DecodeRuneInString(l[i:])
	if !unicode.IsLetter(r) {
		return "", "", false
	}
	i += n
	bracket := false
	for count := 1; ; count++ {
		// A separator at i ends the label.
		j := i
		for j < len(l) && l[j] == '*' {
			j++
		}
		k := skipSpace(l, j)
		if k < len(l) {
			end := -1
			switch c := l[k]; {
			case c == ':' || c == '=':
				end = k + 1
			case c == 0xEF && strings.HasPrefix(l[k:], "："):
				end = k + len("：")
			case k > j && c == '-' && k+1 < len(l) && isSpaceByte(l[k+1]):
				end = k + 1
			case k > j && c == '#':
				end = k + 1
			}
			if end >= 0 {
				return l[start:i], l[skipSpace(l, end):], true
			}
		}
		if count > 64 || i >= len(l) {
			return "", "", false
		}
		r, n = utf8.DecodeRuneInString(l[i:])
		switch r {
		case '(':
			bracket = true
		case ')':
			bracket = false
		}
		if !isLabelRune(r) && !(bracket && r == ',') { // "Ship to (not a P.O. box, street address):"
			return "", "", false
		}
		i += n
	}
}

// sepBytes are the bytes a label separator starts with (0xEF: "：").
var sepBytes = [256]bool{':': true, '=': true, '#': true, '-': true, 0xEF: true}

// hasSeparatorByte is the pre-filter of splitLabel: a separator must come
// within the first 180 bytes (bullet, bold markers and 65 label runes).
func hasSeparatorByte(l string) bool {
	for i := 0; i < len(l) && i < 180; i++ {
		if sepBytes[l[i]] {
			return true
		}
	}
	return false
}

// benignQualifier: a bracketed note that says where a value was read.
func benignQualifier(q string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	switch q {
	case "from the label", "on the label", "see label", "as printed", "as on the label", "from the sticker", "on the sticker",
		"on the back", "on the bottom", "from the box", "on the box", "if known", "optional", "from the invoice", "as on the invoice",
		"current", "new", "valid", "correct", "aktuell", "neu", "actuel", "actual", "attuale",
		"before the failure", "before the crash", "before it failed", "przed awarią", "vor dem ausfall", "avant la panne", "antes de la falla", "antes da falha":
		return true
	}
	return false
}

// lookupLabel maps a label as written to a field key (0 if unknown) and a
// unit index written with it ("Serial 2", "SN #2", "Unit 1 serial").
// It allocates nothing for labels of up to 96 bytes.
func lookupLabel(label string) (key, idx int) {
	if strings.Contains(label, "（") {
		// "料号（P/N）": full-width brackets read like ASCII ones
		label = strings.NewReplacer("（", "(", "）", ")").Replace(label)
	}
	// "Serial number (from the label)": words in brackets that say where
	// the value was read keep the label's meaning; any other qualifier
	// ("PO (cancelled)", "Invoice (EUR)", "Phone (fax)", "Contact (left
	// the company)", "Serial number (power supply)") makes it another field
	if i := strings.IndexByte(label, '('); i > 0 {
		if j := strings.IndexByte(label[i:], ')'); j > 0 && benignQualifier(label[i+1:i+j]) {
			label = label[:i] + label[i+j+1:]
		} else if j > 0 && strings.TrimSpace(label[i+j+1:]) == "" {
			// "Ordine di acquisto (PO)", "Numéro de série (S/N)": the
			// bracket names the same field in other words
			if k, _ := lookupLabel(label[:i]); k != 0 {
				if q, _ := lookupLabel(label[i+1 : i+j]); q == k {
					return k, 0
				}
			}
		}
	}
	var lbuf [96]byte
	var l []byte
	if len(label) <= len(lbuf) {
		l = lbuf[:0]
		for i := 0; i < len(label); {
			c := label[i]
			if c < utf8.RuneSelf {
				if c >= 'A' && c <= 'Z' {
					c += 32
				}
				l = append(l, c)
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(label[i:])
			l = utf8.AppendRune(l, unicode.ToLower(r))
			i += n
		}
	} else {
		l = []byte(strings.ToLower(label))
	}
	l = trimSpaceBytes(l)
	// trailing number: "serial 2", "serial number (unit 2)", "sn#2"
	end := len(l)
	for end > 0 && (l[end-1] == ')' || l[end-1] == ' ') {
		end--
	}
	st := end
	for st > 0 && l[st-1] >= '0' && l[st-1] <= '9' {
		st--
	}
	if st < end && end-st <= 2 && st > 0 {
		idx = atoiBytes(l[st:end])
		l = l[:st]
	}
	for len(l) > 0 && (l[len(l)-1] == ' ' || l[len(l)-1] == '#' || l[len(l)-1] == '(') {
		l = l[:len(l)-1]
	}
	l = trimSpaceBytes(l)
	if n := len(l); n >= 5 && string(l[n-5:]) == "(unit" {
		l = l[:n-5]
	}
	// leading "unit 1 serial" form
	if len(l) > 5 && string(l[:5]) == "unit " {
		rest := l[5:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j > 0 {
			idx = atoiBytes(rest[:j])
			if r := trimSpaceBytes(rest[j:]); len(r) > 0 {
				l = r
			} else {
				l = append(lbuf[:0], "unit"...)
			}
		}
	}
	// keep letters and digits only
	var nbuf [96]byte
	nb := nbuf[:0]
	for i := 0; i < len(l); {
		c := l[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' {
				nb = append(nb, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(l[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			nb = append(nb, l[i:i+n]...)
		}
		i += n
	}
	if k := labels[string(nb)]; k != 0 {
		return k, idx
	}
	if a, b, ok := strings.Cut(label, " / "); ok && !strings.Contains(b, " / ") {
		// "Invoice date / Factuurdatum": one field named in two languages
		if ka, _ := lookupLabel(a); ka != 0 {
			if kb, _ := lookupLabel(b); kb == ka {
				return ka, idx
			}
		}
	}
	if i := strings.IndexByte(label, '('); i > 0 && !hasDigit(label[i:]) {
		// "New shipping address (previous one closed)": an address label
		// keeps its key whatever the bracket says; labelOf weighs it (a
		// bracket with numbers is an address itself, no qualifier)
		if k, _ := lookupLabel(label[:i]); isAddressKey(k) {
			return k, idx
		}
	}
	// "Our order ref", "Your PO", "My phone": the owner changes nothing.
	for _, own := range []string{"our", "your", "my", "new", "current", "correct", "updated", "revised", "neue", "neuer", "nouveau", "nouvelle", "nuevo", "nueva", "nuovo", "nuova"} {
		if len(nb) > len(own)+1 && string(nb[:len(own)]) == own {
			if k := labels[string(nb[len(own):])]; k != 0 {
				return k, idx
			}
		}
	}
	// "Ship to for the replacement", "Bill to (accounts payable)".
	for _, p := range labelPrefixes {
		if len(nb) > len(p.s) && string(nb[:len(p.s)]) == p.s {
			return p.key, idx
		}
	}
	// "BMC firmware", "Chassis serial number", "Replacement part number".
	for _, sfx := range labelSuffixes {
		if len(nb) > len(sfx.s) && string(nb[len(nb)-len(sfx.s):]) == sfx.s {
			return sfx.key, idx
		}
	}
	return 0, idx
}

func trimSpaceBytes(b []byte) []byte {
	for len(b) > 0 && isSpaceByte(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpaceByte(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func atoiBytes(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// labelOf returns the field key, unit index and value of a labelled line,
// key 0 when the line is not one.
func labelOf(l string) (key, idx int, value string) {
	label, value, ok := splitLabel(l)
	if !ok {
		// A two-column table laid out as text: "Serial Number<TAB>Q23CK00218".
		if strings.IndexByte(l, '\t') < 0 {
			return 0, 0, ""
		}
		if a, b, tab := strings.Cut(strings.TrimSpace(l), "\t"); tab && !strings.Contains(b, "\t") && len(a) < 40 {
			if key, idx = lookupLabel(a); key != 0 {
				return key, idx, strings.TrimSpace(b)
			}
		}
		return 0, 0, ""
	}
	key, idx = lookupLabel(label)
	if key == 0 && shipSentence(label) {
		// "Please ship the replacement unit to:" over an address block
		key = kShipTo
	}
	if isAddressKey(key) {
		if v := strings.TrimSpace(value); strings.HasSuffix(v, ":") && len(strings.Fields(v)) <= 2 {
			// "Ship to - old:" / "Ship to - new:": the value is the label's
			// qualifier, the address is under it
			if pastAddress.MatchString(v) {
				return 0, 0, ""
			}
			value = ""
		}
		if bracketNote(value, nil) && negated.MatchString(value[:strings.IndexByte(value, ')')+1]) {
			return 0, 0, "" // "Ship to: (not this one, see below)"
		}
	}
	if key == kShipTo && requestLabel(label) && refusing(label) && !shipSentence(label) {
		// "Please ship the replacement to our warehouse rather than to:"
		// starts like a label and ends refusing the block under it
		return 0, 0, ""
	}
	if key == kShipTo && containsAny(strings.ToLower(label), defectiveWords) {
		// "Adresse de retour du matériel défectueux :": where the broken
		// unit goes (the vendor's repair centre), not the goods
		return 0, 0, ""
	}
	if key == kShipTo && (containsAny(strings.ToLower(label), invoiceLabelWords) || bracketNote(value, invoiceLabelWords)) {
		// "New address (for invoices only):", 請求書送付先: the paper's
		// address, not the goods'
		return 0, 0, ""
	}
	if isAddressKey(key) && (pastAddress.MatchString(label) && !supersedingLabel(label) && !shipSentence(label) || negatedBracket(label)) {
		// "Ship to (old): ...": the address the goods must no longer go to
		return 0, 0, ""
	}
	return key, idx, value
}

// refusing: a request label with words that may turn it against the block
// under it (a contrast, a negation, the defective unit's return).
func refusing(label string) bool {
	low := strings.ToLower(label)
	return containsAny(low, contrastWords) || returnsDefective(low) || negated.MatchString(low)
}

// bracketNote: the value opens with a bracketed note holding one of words
// ("The new address is: (for invoices only)").
// With words nil it reports a closed bracket at the start.
func bracketNote(value string, words []string) bool {
	v := strings.TrimSpace(value)
	if !strings.HasPrefix(v, "(") {
		return false
	}
	j := strings.IndexByte(v, ')')
	if words == nil {
		return j > 0 && strings.IndexByte(value, ')') >= 0
	}
	if j > 0 {
		v = v[:j]
	}
	return containsAny(strings.ToLower(v), words)
}

// negatedBracket: a bracketed qualifier in a label that negates it ("Ship
// to (not our office)"); "(not a P.O. box, street address)" says what the
// address is not, and keeps it.
func negatedBracket(label string) bool {
	i := strings.IndexByte(label, '(')
	if i < 0 {
		return false
	}
	q := label[i:]
	return negated.MatchString(q) && !containsAny(strings.ToLower(q), []string{"po box", "p.o. box", "p.o.box", "postfach", "p. o. box"})
}

// requestLabel: a label written as a shipping request ("Please ship ...",
// "Ship to the warehouse instead of:"), more than a plain "Ship to".
func requestLabel(label string) bool {
	low := strings.ToLower(label)
	if i := strings.IndexByte(low, '('); i > 0 {
		low = strings.TrimSpace(low[:i]) // "Ship to (not a P.O. box, street address)"
	}
	return strings.HasPrefix(low, "please ") || strings.HasPrefix(low, "kindly ") ||
		len(strings.Fields(low)) >= 4 && (strings.HasPrefix(low, "ship") || strings.HasPrefix(low, "send") || strings.HasPrefix(low, "deliver"))
}

// invoiceLabelWords name the invoice in an address label.
var invoiceLabelWords = []string{"invoice", "rechnung", "factur", "fattur", "factuur", "請求書", "发票", "發票", "インボイス"}

// hasPrefixFold reports whether s starts with prefix, ASCII case folded
// (prefix is lower-case).
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

var unitWords = []string{"unit", "device", "item", "gerät", "appareil", "system", "node"}

// matchUnitHead reads a "Unit 2: ..." line (also Device/Item/Gerät/
// Appareil/System/Node, "#2", "2." or "2)"), returning the index and the
// rest of the line.
func matchUnitHead(l string) (idx int, rest string, ok bool) {
	i := skipSpace(l, 0)
	if i >= len(l) {
		return 0, "", false
	}
	switch l[i] | 0x20 {
	case 'u', 'd', 'i', 'g', 'a', 's', 'n':
	default:
		return 0, "", false
	}
	w := ""
	for _, u := range unitWords {
		if len(l)-i >= len(u) && strings.EqualFold(l[i:i+len(u)], u) {
			w = u
			break
		}
	}
	if w == "" {
		return 0, "", false
	}
	i = skipSpace(l, i+len(w))
	if i < len(l) && l[i] == '#' {
		i++
	}
	i = skipSpace(l, i)
	d := i
	for i < len(l) && l[i] >= '0' && l[i] <= '9' && i-d < 3 {
		i++
	}
	if i == d || i-d > 2 {
		return 0, "", false
	}
	idx = atoi(l[d:i])
	i = skipSpace(l, i)
	if i >= len(l) || !strings.ContainsRune(":.)-", rune(l[i])) {
		return 0, "", false
	}
	return idx, l[skipSpace(l, i+1):], true
}

// Greetings that open a mail (lower-case). ASCII ones must end at a word
// boundary; "sehr geehrte" also covers "Sehr geehrter Herr ...".
var greetings = []string{"hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening", "hallo",
	"guten tag", "guten morgen", "sehr geehrte", "liebe", "lieber", "bonjour", "madame", "monsieur", "hola", "buenos días",
	"buenos dias", "buenas tardes", "estimado", "estimada", "estimados", "buongiorno", "buonasera", "gentile", "gentili", "ciao",
	"salve", "geachte", "beste", "goedemorgen", "goedemiddag", "goedenavond", "moin", "servus", "hej", "hei", "olá", "bom dia",
	"dzień dobry", "witam", "greetings", "to whom it may concern", "здравствуйте", "добрый день", "привет", "안녕하세요", "お世話になっております", "お世話になります", "いつもお世話",
	"ご担当者様", "您好", "你好", "尊敬的"}

// isGreeting reports a greeting line ("Hi Anna,", "Sehr geehrte Damen und Herren,").
func isGreeting(t string) bool {
	t = strings.TrimLeft(t, " \t")
	if t == "" {
		return false
	}
	if c := t[0] | 0x20; c < utf8.RuneSelf && !greetingFirst[c] {
		return false
	}
	for _, g := range greetings {
		if g[0] < utf8.RuneSelf {
			if !hasPrefixFoldUTF8(t, g) {
				continue
			}
			if len(t) > len(g) && isWordByte(t[len(g)]) {
				continue
			}
			return true
		}
		if strings.HasPrefix(t, g) {
			return true
		}
	}
	return false
}

// greetingFirst holds the first bytes of the ASCII greetings (lower case).
var greetingFirst = func() (t [128]bool) {
	for _, g := range greetings {
		if g[0] < utf8.RuneSelf {
			t[g[0]] = true
		}
	}
	return t
}()

// hasPrefixFoldUTF8 is a case-insensitive HasPrefix for a lower-case prefix.
func hasPrefixFoldUTF8(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	return strings.EqualFold(s[:len(prefix)], prefix)
}

// closings are complete closing lines (lower-case, trailing ",.!" removed).
var closings = map[string]bool{}

func init() {
	for _, c := range []string{"best regards", "kind regards", "warm regards", "regards", "best", "thanks", "thank you", "many thanks",
		"thanks in advance", "thanks and regards", "thanks & regards", "best wishes", "thx", "cheers", "sincerely", "yours", "yours sincerely",
		"yours faithfully", "respectfully", "mit freundlichen grüßen", "mit freundlichen gruessen", "mit freundlichen grüssen", "freundliche grüße",
		"freundliche grüsse", "viele grüße", "viele grüsse", "liebe grüße", "herzliche grüße", "gruß", "grüße", "beste grüße", "mfg", "vg", "lg",
		"cordialement", "bien cordialement", "salutations", "sincères salutations", "bien à vous", "merci", "merci d'avance",
		"saludos", "saludos cordiales", "un saludo", "atentamente", "cordiali saluti", "distinti saluti", "saluti", "grazie",
		"met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "groeten", "groet",
		"よろしくお願いします", "よろしくお願いいたします", "宜しくお願い致します", "よろしくお願い致します", "以上", "以上、よろしくお願いいたします",
		"谢谢", "此致", "此致敬礼", "敬具", "謝謝", "多谢", "多謝", "敬上", "祝好", "顺祝商祺", "順祝商祺", "此致敬禮", "感谢", "感謝",
		"rgds", "brgds", "br", "kr", "tks", "ty", "grazie e cordiali saluti", "grazie e saluti", "grazie, cordiali saluti",
		"gracias y saludos", "gracias y un saludo", "danke und viele grüße", "danke und gruß", "merci et bonne journée", "merci et cordialement",
		"thanks and best regards", "thanks & best regards", "thank you and best regards", "gracias", "muchas gracias", "un cordiale saluto", "grazie mille", "vielen dank", "danke", "merci beaucoup", "bonne journée",
		"with kind regards", "감사합니다", "с уважением", "спасибо",
		"cumprimentos", "com os melhores cumprimentos", "melhores cumprimentos", "atenciosamente", "obrigado", "obrigada", "abraço", "abraços",
		"pozdrawiam", "z poważaniem", "pozdrowienia", "dziękuję", "serdecznie pozdrawiam", "s pozdravem", "děkuji",
		"thanks heaps", "cheers mate", "ta", "many thanks again", "ngā mihi", "nga mihi", "ngā mihi nui", "mahalo", "med vänliga hälsningar", "vänliga hälsningar", "mvh", "med venlig hilsen", "venlig hilsen", "med vennlig hilsen", "ystävällisin terveisin"} {
		closings[c] = true
	}
}

// isClosing reports a closing line ("Best regards,", "Mit freundlichen Grüßen").
func isClosing(t string) bool {
	if len(t) <= 60 && strings.IndexByte(t, '/') > 0 {
		if a, b, ok := strings.Cut(t, " / "); ok {
			// "Merci / Thanks,", "Met vriendelijke groet / Kind regards,"
			return isOneClosing(a) && isOneClosing(b)
		}
	}
	return isOneClosing(t)
}

func isOneClosing(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) == 0 || len(t) > 60 {
		return false
	}
	t = strings.TrimRight(t, " \t,.!。、！，．～~")
	var buf [64]byte
	b := buf[:0]
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf {
			return closings[strings.ToLower(t)]
		}
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		b = append(b, c)
	}
	return closings[string(b)]
}

// matchNear runs re on windows of s (about 60 bytes each side) around the
// occurrences in lower (lowerKeep(s)) of the literal trigger words, which
// must cover every match of re. Windows start and end at white space so
// word boundaries are not invented.
func matchNear(re *regexp.Regexp, s, lower string, triggers []string) bool {
	for _, w := range triggers {
		off := 0
		for n := 0; n < 16; n++ {
			i := strings.Index(lower[off:], w)
			if i < 0 {
				break
			}
			i += off
			a, b := i-60, i+len(w)+60
			if a <= 0 {
				a = 0
			} else {
				if k := strings.IndexAny(s[a:i], " \t\n"); k >= 0 {
					a += k
				} else {
					a = i
				}
			}
			if b >= len(s) {
				b = len(s)
			} else {
				if k := strings.LastIndexAny(s[i+len(w):b], " \t\n"); k >= 0 {
					b = i + len(w) + k
				} else {
					b = i + len(w)
					for b < len(s) && !isSpaceByte(s[b]) {
						b++
					}
				}
			}
			if re.MatchString(s[a:b]) {
				return true
			}
			off = i + len(w)
		}
	}
	return false
}

// modelCandidate is a cheap test for a line that may hold a product model
// of proseModel: it has one of the literal starts or an "A"/"C"/"X" letter
// before a digit, or a rack height "-1U".
func modelCandidate(l string) bool {
	for i := 0; i+1 < len(l); i++ {
		c := l[i]
		switch c {
		case 'T':
			if l[i+1] == 'S' || l[i+1] == 'V' || l[i+1] == 'B' || l[i+1] == 'L' || l[i+1] == 'R' || l[i+1] == 'r' {
				return true
			}
		case 'F':
			if strings.HasPrefix(l[i:], "FreeNAS") {
				return true
			}
		case 'Q':
			if strings.HasPrefix(l[i:], "Quanta") {
				return true
			}
		case 'A':
			if l[i+1] == 'X' || l[i+1] >= '0' && l[i+1] <= '9' || strings.HasPrefix(l[i:], "Altai") {
				return true
			}
		case 'C', 'X':
			if l[i+1] >= '0' && l[i+1] <= '9' {
				return true
			}
		case '-':
			if i+2 < len(l) && l[i+1] >= '0' && l[i+1] <= '9' && l[i+2] == 'U' {
				return true
			}
		}
	}
	return false
}
