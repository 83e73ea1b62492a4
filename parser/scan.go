package parser

import (
	"bytes"
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
	// '’': "Numero d’ordine", "N° d’ordre" as word processors and
	// phones type the apostrophe
	case ' ', '.', '/', '#', '(', ')', '\'', '’', '&', '_', '-', '°', '（', '）':
		return true
	}
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// splitLabel splits a "Label: value" line: an optional bullet ("-", "*",
// "•", ">") and bold markers, a label of one letter and up to 40 more label
// characters, then ":", "：", "=", " - ", " – " or " #", then the value. The
// shortest label that is followed by a separator wins (so a colon in the
// value does not matter). It is the hand-written form of
//
//	^\s*(?:[-*•・>]\s*)?\**([\p{L}][\p{L}\p{N} ./#()（）'’&_°-]{0,40}?)\**\s*(?:[:：=]|\s-\s|\s–\s|\s#\s?)\s*(.*)$
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
		case strings.HasPrefix(l[i:], "・"): // Japanese lists' bullet
			i = skipSpace(l, i+len("・"))
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
			case k > j && c == 0xE2 && strings.HasPrefix(l[k:], "–") && k+3 < len(l) && isSpaceByte(l[k+3]):
				end = k + len("–") // an en dash: "Ship to – Acme Corp, ..."
			case k > j && c == '#':
				end = k + 1 + leader(l, skipOneSpace(l, k+1))
			case k > j && c == '.':
				// a dotted leader, as in a typed table: "PO ....... 45-118842"
				if n := leader(l, k); n > 0 {
					end = k + n
				}
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

// sepBytes are the bytes a label separator starts with (0xEF: "：", 0xE2:
// "–").
var sepBytes = [256]bool{':': true, '=': true, '#': true, '-': true, 0xEF: true, 0xE2: true}

// hasSeparatorByte is the pre-filter of splitLabel: a separator must come
// within the first 180 bytes (bullet, bold markers and 65 label runes).
func hasSeparatorByte(l string) bool {
	for i := 0; i < len(l) && i < 180; i++ {
		if sepBytes[l[i]] || l[i] == '.' && leader(l, i) > 0 {
			return true
		}
	}
	return false
}

// leader is the length of a dotted leader at i (four dots or more, then a
// space) and its space, else 0; three dots are an ellipsis in a sentence.
func leader(l string, i int) int {
	j := i
	for j < len(l) && l[j] == '.' {
		j++
	}
	if j-i < 4 || j >= len(l) || !isSpaceByte(l[j]) {
		return 0
	}
	return j + 1 - i
}

// skipOneSpace is i past one space byte at i, if there is one.
func skipOneSpace(l string, i int) int {
	if i < len(l) && isSpaceByte(l[i]) {
		return i + 1
	}
	return i
}

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
		"thanks heaps", "cheers mate", "ta", "many thanks again", "ngā mihi", "nga mihi", "ngâ mihi", "ngā mihi nui", "nga mihi nui", "mahalo", "med vänliga hälsningar", "vänliga hälsningar", "mvh", "med venlig hilsen", "venlig hilsen", "med vennlig hilsen", "ystävällisin terveisin",
		// the short forms: Swedish, Danish/Norwegian, Finnish, Brazilian "Att." (atenciosamente)
		"hälsningar", "bästa hälsningar", "hälsning", "hilsen", "hilsner", "mvh.", "terveisin", "att", "att.", "atte", "groetjes", "tack",
		// English thanks with an intensifier, as people sign off
		"thanks a lot", "thanks so much", "thank you so much", "thank you very much", "thanks very much", "thanks again", "thank you again",
		"thank you in advance", "many thanks in advance", "thanks a million", "all the best", "kindest regards", "warmest regards", "best regards and thanks",
		// thanks for the help, or in advance, as people sign off in each
		// language ("Merci de votre aide,", "Z góry dziękuję")
		"thanks for your help", "thank you for your help", "thanks for the help", "thanks for your time", "thank you for your time", "thanks for looking into this", "thanks for looking into it",
		"merci de votre aide", "merci pour votre aide", "merci par avance", "d'avance merci", "merci d'avance pour votre aide", "merci de votre retour",
		"danke für ihre hilfe", "danke für die hilfe", "vielen dank für ihre hilfe", "danke im voraus", "vielen dank im voraus", "besten dank",
		"gracias por su ayuda", "gracias por tu ayuda", "gracias de antemano", "gracias por adelantado", "grazie per l'aiuto", "grazie per il vostro aiuto", "grazie in anticipo", "grazie anticipatamente",
		"bedankt voor de hulp", "bedankt", "alvast bedankt", "obrigado pela ajuda", "obrigada pela ajuda", "desde já obrigado", "desde já agradeço", "dziękuję za pomoc", "z góry dziękuję"} {
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
			low := strings.ToLower(t)
			return closings[low] || joinedClosing(low)
		}
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		b = append(b, c)
	}
	return closings[string(b)] || joinedClosingBytes(b)
}

// joinedClosingBytes is joinedClosing of an ASCII line without
// allocating (map lookups of string(bytes) do not).
func joinedClosingBytes(b []byte) bool {
	if len(b) > 48 || bytes.Count(b, []byte{' '}) > 6 {
		return false
	}
	for _, and := range conjunctions {
		if i := bytes.Index(b, []byte(and)); i >= 0 && closings[string(b[:i])] && closings[string(b[i+len(and):])] {
			return true
		}
	}
	return false
}

// conjunctions join two closings (a comma too: "Grazie, saluti",
// "Thanks, regards").
var conjunctions = []string{" and ", " & ", " und ", " et ", " y ", " e ", " en ", " och ", " og ", ", "}

// joinedClosing: two closings joined by "and" in one of the languages
// ("Danke und Grüße", "Thanks and cheers", "Merci et salutations").
func joinedClosing(low string) bool {
	// (most lines tried are no closing: a short line of a few words only)
	if len(low) > 48 || strings.Count(low, " ") > 6 {
		return false
	}
	for _, and := range conjunctions {
		if a, b, ok := strings.Cut(low, and); ok && closings[a] && closings[b] {
			return true
		}
	}
	return false
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
			if strings.HasPrefix(l[i:], "Quanta") || strings.HasPrefix(l[i:], "QSW-") {
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
