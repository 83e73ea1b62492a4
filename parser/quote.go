package parser

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

var (
	// Attribution lines before quoted history, in several languages.
	// They are matched on one line or on two lines joined.
	// matched against the lower-cased line (see isAttribution)
	attribution = regexp.MustCompile(`^(` +
		`on\s.{3,300}\swrote\s*:?|` +
		`am\s.{3,300}\sschrieb.{0,200}:|` +
		`le\s.{3,300}\sa\s+écrit\s*:|` +
		`el\s.{3,300}\sescribió\s*:|` +
		`il\s.{3,300}\sha\s+scritto\s*:|` +
		`op\s.{3,300}\sschreef.{0,200}:|` +
		`em\s.{3,300}\sescreveu\s*:|` +
		`w dniu\s.{3,300}\snapisał.{0,100}:|` +
		`den\s.{3,300}\sskrev.{0,100}:|` +
		`.{3,300}\swrote\s*:|` +
		`.{1,300}(のメッセージ|のメール|さんは書きました|は書きました|写道|寫道)\s*[:：]` +
		`)\s*$`)
	// Separator lines of Outlook and others that start quoted history.
	originalMessage = regexp.MustCompile(`(?i)^\s*[-_=*]{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|` +
		`messaggio originale|oorspronkelijk bericht|originalmeddelande|mensagem original|původní zpráva|` +
		`oryginalna wiadomość|元のメッセージ|原始邮件|原始郵件|reply message)\s*[-_=*]{2,}\s*$`)
	// Lines that start forwarded content, which is kept.
	forwardMarker = regexp.MustCompile(`(?i)^\s*(-{2,}\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|` +
		`messaggio inoltrato|doorgestuurd bericht|mensagem encaminhada|転送されたメッセージ|转发的邮件|original message follows)\s*-*\s*$|` +
		`begin forwarded message\s*:|anfang der weitergeleiteten nachricht\s*:|début du message réexpédié\s*:|` +
		`-{2,} ?forwarded by .*-{2,}|` +
		`inicio del mensaje reenviado\s*:)`)
)

// isUnderscoreRule reports a line of ten or more underscores (Outlook's
// separator before a quoted header block); t is trimmed.
func isUnderscoreRule(t string) bool {
	if len(t) < 10 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != '_' {
			return false
		}
	}
	return true
}

// stripQuoted removes quoted history from text (see doc.go):
// ">" lines, attribution lines ("On ... wrote:" and translations), and
// everything from an "Original Message" separator or an Outlook header
// block (From:/Sent:/To:/Subject:) on. Inline replies between quote
// blocks are kept. Forwarded content is kept: the header block right
// after a forward marker (or the first one of a forwarded message without
// marker) is the forwarded message's own and does not cut.
//
// The second result is the text the fields are read from when an inline
// reply answers quoted questions (answerText), else "".
func stripQuoted(text string, forward bool) (string, string) {
	if text == "" {
		return "", ""
	}
	lines := strings.Split(text, "\n")
	cut := len(lines)
	fwdHeaderAllowed := forward // the next header block is a forward's
	attributions := 0           // bounds the inline-reply look-ahead
	fwdAt := -1                 // the first forward marker's line
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, ">") {
			continue
		}
		if isForwardMarker(t) {
			fwdHeaderAllowed = true
			if fwdAt < 0 {
				fwdAt = i
			}
			continue
		}
		if isOriginalMessage(t) {
			if fwdHeaderAllowed {
				continue
			}
			cut = i
			break
		}
		if isUnderscoreRule(t) && i+1 < len(lines) && headerBlockAt(lines, nextNonBlank(lines, i+1)) {
			if fwdHeaderAllowed {
				continue
			}
			cut = i
			break
		}
		if headerBlockAt(lines, i) {
			if fwdHeaderAllowed {
				fwdHeaderAllowed = false
				i = skipHeaderBlock(lines, i)
				continue
			}
			cut = i
			break
		}
		if len(t) < 400 {
			joined := t
			n := 1
			at := isAttribution(joined)
			if !at && i+1 < len(lines) && len(t) < 300 && mayEndAttribution(lines[i+1]) {
				joined = t + " " + strings.TrimSpace(lines[i+1])
				n = 2
				at = isAttribution(joined)
			}
			if at && (quotedFollows(lines, i+n) || clientAttribution(joined)) {
				attributions++
				if attributions <= 20 && inlineReplies(lines, i+n) {
					// Drop only the attribution; ">" lines go below.
					for k := i; k < i+n; k++ {
						lines[k] = ">"
					}
					i += n - 1
					continue
				}
				cut = i
				break
			}
		}
	}
	fwdFrom, fwdTo := -1, -1
	if fwdAt >= 0 && fwdQuoted(lines, fwdAt) {
		fwdFrom, fwdTo = quotedForward(lines, fwdAt)
	}
	var b strings.Builder
	b.Grow(len(text))
	var ans answerText
	for i, l := range lines[:cut] {
		if t := strings.TrimLeft(l, " \t"); strings.HasPrefix(t, ">") {
			// Apple Mail forwards with the message quoted ("Begin
			// forwarded message:" then "> From: ..."): one level is the
			// forwarded message, the sender's content; deeper is its history
			if i < fwdFrom || i >= fwdTo {
				ans.quoted(t)
				continue
			}
			t = strings.TrimPrefix(strings.TrimPrefix(t, ">"), " ")
			if strings.HasPrefix(t, ">") {
				continue
			}
			l = t
		}
		ans.line(b.String(), l)
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return cleanText(b.String()), ans.text()
}

// quotedForward is the part of a forward written quoted (the marker at
// line at) that is the forwarded message: the '>' lines right after the
// marker, up to the first unquoted line, and within them up to the start
// of the forwarded message's own history: an "Original Message"
// separator, a second header block (the first is the forwarded message's
// own), or an attribution. The desk's earlier mail in that history is not
// the sender's.
func quotedForward(lines []string, at int) (from, to int) {
	from, to = at+1, len(lines)
	for k := at + 1; k < len(lines); k++ {
		t := strings.TrimLeft(lines[k], " \t")
		if t != "" && !strings.HasPrefix(t, ">") {
			if rewrapped(lines, k) {
				continue // a quoted line the client wrapped without its '>'
			}
			to = k
			break
		}
	}
	one := make([]string, to-from) // the region, one level unquoted
	for k := range one {
		t := strings.TrimLeft(lines[from+k], " \t")
		one[k] = strings.TrimPrefix(strings.TrimPrefix(t, ">"), " ")
	}
	blocks := 0
	for k := 0; k < len(one); k++ {
		t := strings.TrimSpace(one[k])
		switch {
		case t == "" || strings.HasPrefix(t, ">"):
		case isOriginalMessage(t), isUnderscoreRule(t), blocks > 0 && isAttribution(t):
			return from, from + k
		case headerBlockAt(one, k):
			if blocks++; blocks > 1 {
				return from, from + k
			}
			k = skipHeaderBlock(one, k)
		case blocks > 0 && fromDateAt(one, k):
			return from, from + k // a short "From:" / "Date:" header of its history
		}
	}
	return from, to
}

// rewrapped: line k, unquoted between two quoted lines, continues the
// quoted line before it ("... after the power cut in the" / "building.").
func rewrapped(lines []string, k int) bool {
	if k == 0 || k+1 >= len(lines) {
		return false
	}
	prev := strings.TrimSpace(lines[k-1])
	next := strings.TrimLeft(lines[k+1], " \t")
	return strings.HasPrefix(prev, ">") && len(prev) > 40 && !strings.ContainsAny(prev[len(prev)-1:], ".!?:") && strings.HasPrefix(next, ">")
}

// fromDateAt: a "From:" line with an address followed by a "Date:" or
// "Sent:" line, the shortest header a forwarded message's history has.
func fromDateAt(lines []string, k int) bool {
	if !mayBeField(lines[k]) || !hdrFrom.MatchString(lines[k]) || !strings.Contains(lines[k], "@") {
		return false
	}
	n := nextNonBlank(lines, k+1)
	return n < len(lines) && n <= k+2 && headerKind(lines[n])&hkSent != 0
}

// fwdQuoted reports a forward whose message is written quoted: the first
// non-blank line after the marker at line at starts with ">".
func fwdQuoted(lines []string, at int) bool {
	k := nextNonBlank(lines, at+1)
	return k < len(lines) && strings.HasPrefix(strings.TrimLeft(lines[k], " \t"), ">")
}

// isForwardMarker: t (trimmed) is a line that starts forwarded content.
func isForwardMarker(t string) bool {
	return mayBeMarker(t) && gForwardMarker.match(t, strings.ToLower(t))
}

// isOriginalMessage: t (trimmed) is an "----- Original Message -----" rule.
func isOriginalMessage(t string) bool {
	return mayBeMarker(t) && gOriginalMessage.match(t, strings.ToLower(t))
}

// The marker regexps are long alternations; a dashed line that names none
// of their words (a table rule, a signature separator) skips them.
var (
	gForwardMarker = guarded{forwardMarker, []string{"forwarded", "weitergeleitet", "transféré", "reenviado", "inoltrato", "doorgestuurd",
		"encaminhada", "転送", "转发", "original message follows", "réexpédié"}}
	gOriginalMessage = guarded{originalMessage, []string{"original", "ursprüngliche", "d'origine", "oorspronkelijk", "původní", "oryginalna",
		"元のメッセージ", "原始", "reply message"}}
)

// mayBeMarker is a cheap test before the separator regexps: they start
// with a dash-like character or one of a few words.
func mayBeMarker(t string) bool {
	if t == "" || len(t) > 200 {
		return false
	}
	switch t[0] {
	case '-', '_', '=', '*':
		// every dashed separator starts with two such characters
		return len(t) > 1 && (t[1] == '-' || t[1] == '_' || t[1] == '=' || t[1] == '*')
	}
	return hasPrefixFold(t, "begin forwarded") || hasPrefixFold(t, "anfang der weitergeleiteten") ||
		hasPrefixFoldUTF8(t, "début du message") || hasPrefixFold(t, "inicio del mensaje")
}

// mayBeField is a cheap test before the header-line regexps: a colon
// within the first 40 bytes.
func mayBeField(l string) bool {
	c := colonIndex(headOf(l, 40))
	return c > 0
}

// colonIndex is strings.IndexAny(s, ":：") without its slow path for
// non-ASCII sets.
func colonIndex(s string) int {
	i := strings.IndexByte(s, ':')
	if strings.IndexByte(s, 0xEF) < 0 {
		return i
	}
	j := strings.Index(s, "：")
	if j >= 0 && (i < 0 || j < i) {
		return j
	}
	return i
}

// Names of the header lines of an Outlook-style quoted header block.
var (
	hdrFrom    = nameSet("from", "von", "de", "van", "da", "från", "fra", "od", "差出人", "发件人", "寄件者")
	hdrSent    = nameSet("sent", "date", "gesendet", "datum", "envoyé", "date d'envoi", "enviado", "enviado el", "fecha de envío", "fecha", "verzonden", "inviato", "data", "skickat", "sendt", "wysłano", "送信日時", "日付", "发送时间", "時間", "傳送時間", "寄件日期", "发送日期", "發送日期")
	hdrTo      = nameSet("to", "an", "à", "a", "para", "aan", "till", "til", "do", "宛先", "收件人", "收件者")
	hdrSubject = nameSet("subject", "betreff", "objet", "asunto", "onderwerp", "oggetto", "ämne", "emne", "temat", "assunto", "件名", "主题", "主旨")
)

type names map[string]bool

func nameSet(ns ...string) names {
	m := names{}
	for _, n := range ns {
		m[n] = true
	}
	return m
}

// headerKey returns the lower-cased name of a "Name: ..." line ("*" bold
// markers and spaces around the name allowed), nil if it is none. It
// allocates only for non-ASCII names.
func headerKey(l string, buf *[24]byte) []byte {
	c := colonIndex(headOf(l, 48))
	if c <= 0 {
		return nil
	}
	k := strings.Trim(l[:c], " \t*")
	if len(k) > 24 || k == "" || isDigit(k[0]) {
		return nil
	}
	b := buf[:0]
	for i := 0; i < len(k); i++ {
		ch := k[i]
		if ch >= 'A' && ch <= 'Z' {
			ch += 32
		} else if ch >= utf8.RuneSelf {
			return []byte(strings.ToLower(k))
		}
		b = append(b, ch)
	}
	return b
}

// MatchString reports whether line l is "Name: ..." with a name of the set
// (case-insensitive, "*" bold markers and spaces around the name allowed).
func (n names) MatchString(l string) bool {
	var buf [24]byte
	k := headerKey(l, &buf)
	return k != nil && n[string(k)]
}

// Kinds of quoted-header lines, as bits.
const (
	hkFrom = 1 << iota
	hkSent
	hkTo
	hkSubject
)

// headerKinds maps every name of the sets above to its kinds.
var headerKinds = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, set := range map[uint8]names{hkFrom: hdrFrom, hkSent: hdrSent, hkTo: hdrTo, hkSubject: hdrSubject} {
		for n := range set {
			m[n] |= bit
		}
	}
	return m
}()

// headerKind returns the kinds of quoted-header line l is (0 if none).
func headerKind(l string) uint8 {
	var buf [24]byte
	k := headerKey(l, &buf)
	if k == nil {
		return 0
	}
	return headerKinds[string(k)]
}

func nextNonBlank(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

// headerBlockAt reports whether an Outlook-style header block starts at
// line i: a From line, then within five lines a Sent/Date line and a To or
// Subject line.
func headerBlockAt(lines []string, i int) bool {
	if i >= len(lines) || !mayBeField(lines[i]) || !hdrFrom.MatchString(lines[i]) {
		return false
	}
	sent, to, subject := false, false, false
	for k := i + 1; k < len(lines) && k <= i+6; k++ {
		l := lines[k]
		if !mayBeField(l) {
			continue
		}
		switch k := headerKind(l); {
		case k&hkSent != 0:
			sent = true
		case k&hkTo != 0:
			to = true
		case k&hkSubject != 0:
			subject = true
		}
	}
	// From: with Sent: or Date:, or with both To: and Subject: (a client
	// that writes no date)
	return sent && (to || subject) || to && subject
}

func skipHeaderBlock(lines []string, i int) int {
	k := i
	for k+1 < len(lines) && strings.TrimSpace(lines[k+1]) != "" && k-i < 8 {
		k++
	}
	return k
}

// quotedFollows reports whether quoted text (or the end) follows line i:
// an attribution line is only history when history comes after it.
func quotedFollows(lines []string, i int) bool {
	k := nextNonBlank(lines, i)
	if k >= len(lines) {
		return true
	}
	t := strings.TrimSpace(lines[k])
	return strings.HasPrefix(t, ">") || headerBlockAt(lines, k)
}

// inlineReplies reports whether unquoted lines (other than a signature)
// follow quoted ones after line i: an inline or bottom-posted reply.
func inlineReplies(lines []string, i int) bool {
	sawQuote := false
	for k := i; k < len(lines); k++ {
		t := strings.TrimSpace(lines[k])
		switch {
		case t == "":
		case strings.HasPrefix(t, ">"):
			sawQuote = true
		case lines[k] == "-- " || t == "--":
			return false
		default:
			if sawQuote {
				return true
			}
		}
	}
	return false
}

// findRefs returns the ticket references in subject, then text:
// prefix + digits, not inside a longer word, upper-cased, de-duplicated.
func findRefs(subject, text string, prefixes []string) []string {
	dash := true
	for _, p := range prefixes {
		p = strings.TrimSpace(p)
		if p == "" || p[len(p)-1] != '-' || strings.IndexFunc(p, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
			dash = false
		}
	}
	if dash {
		return findDashRefs(subject, text, prefixes)
	}
	out := []string{}
	seen := map[string]bool{}
	for _, s := range []string{subject, text} {
		up := asciiUpper(s)
		type hit struct {
			pos int
			ref string
		}
		var hits []hit
		for _, p := range prefixes {
			p = asciiUpper(strings.TrimSpace(p))
			if p == "" {
				continue
			}
			for off := 0; off < len(up); {
				i := strings.Index(up[off:], p)
				if i < 0 {
					break
				}
				i += off
				j := i + len(p)
				k := j
				for k < len(up) && up[k] >= '0' && up[k] <= '9' {
					k++
				}
				if k > j && (i == 0 || !isWordByte(up[i-1]) || !isWordByte(p[0])) && (k == len(up) || !isWordByte(up[k])) {
					hits = append(hits, hit{i, up[i:k]})
				}
				off = j
			}
		}
		// order of appearance across prefixes
		sort.SliceStable(hits, func(a, b int) bool { return hits[a].pos < hits[b].pos })
		for _, h := range hits {
			if !seen[h.ref] {
				seen[h.ref] = true
				out = append(out, h.ref)
			}
		}
	}
	return out
}

// findDashRefs is findRefs for ASCII prefixes ending in "-" (the usual
// "TKT-", "RMA-"): it visits the dashes followed by a digit and compares
// the bytes before them, without upper-casing the text.
func findDashRefs(subject, text string, prefixes []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range []string{subject, text} {
		for off := 0; off < len(s); {
			i := strings.IndexByte(s[off:], '-')
			if i < 0 {
				break
			}
			i += off
			off = i + 1
			if i+1 >= len(s) || !isDigit(s[i+1]) {
				continue
			}
			for _, p := range prefixes {
				p = strings.TrimSpace(p)
				st := i + 1 - len(p)
				if st < 0 || !strings.EqualFold(s[st:i+1], p) {
					continue
				}
				if st > 0 && isWordByte(s[st-1]) && isWordByte(p[0]) {
					continue
				}
				k := i + 1
				for k < len(s) && isDigit(s[k]) {
					k++
				}
				if k < len(s) && isWordByte(s[k]) {
					continue
				}
				ref := asciiUpper(s[st:k])
				if !seen[ref] && len(out) < 1000 {
					seen[ref] = true
					out = append(out, ref)
				}
				break
			}
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// asciiUpper upper-cases ASCII letters only, so byte offsets are kept.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// findCommands returns the "#word args" lines at the very top of the new
// text (blank lines between them allowed), names lower-cased.
func findCommands(text string) []Command {
	out := []Command{}
	for _, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if len(t) < 2 || t[0] != '#' {
			break
		}
		end := 1
		for end < len(t) && (isWordByte(t[end]) || t[end] == '-') {
			end++
		}
		if end == 1 || !(t[1] >= 'a' && t[1] <= 'z' || t[1] >= 'A' && t[1] <= 'Z') {
			break
		}
		if end < len(t) && t[end] != ' ' && t[end] != '\t' {
			break
		}
		out = append(out, Command{Name: strings.ToLower(t[1:end]), Args: strings.TrimSpace(t[end:])})
		if len(out) >= 50 {
			break
		}
	}
	return out
}
