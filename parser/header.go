package parser

import (
	"bytes"
	"mime"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
)

// Limits that bound the work done on one message.
const (
	maxHeaderFields = 4000     // header fields kept per entity
	maxFieldBytes   = 64 << 10 // bytes kept of one unfolded header value
	maxDepth        = 16       // nesting of multiparts and message/rfc822
	maxParts        = 400      // MIME parts visited per message
	maxTextBytes    = 1 << 20  // decoded text kept from all text bodies together
	// maxHeaderBytes bounds the header section whose fields are read, of the
	// message and of each part: a header flood costs a scan, not memory
	// (the largest real header block in the corpora is about 200 KB).
	maxHeaderBytes = 256 << 10
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// field is one header field: Key as written (trimmed), Value unfolded.
type field struct {
	Key   string
	Value string
}

// header is a header section in its original order (topmost first).
type header []field

// get returns the first value of key (case-insensitive), or "".
func (h header) get(key string) string {
	for _, f := range h {
		if strings.EqualFold(f.Key, key) {
			return f.Value
		}
	}
	return ""
}

// has reports whether key is present at all.
func (h header) has(key string) bool {
	for _, f := range h {
		if strings.EqualFold(f.Key, key) {
			return true
		}
	}
	return false
}

// values returns every value of key in order.
func (h header) values(key string) []string {
	var out []string
	for _, f := range h {
		if strings.EqualFold(f.Key, key) {
			out = append(out, f.Value)
		}
	}
	return out
}

// prepare strips what comes before the header section: a UTF-8 BOM, blank
// or whitespace-only lines, and an mbox "From " envelope line.
func prepare(raw []byte) []byte {
	data := bytes.TrimPrefix(raw, utf8BOM)
	for len(data) > 0 {
		line, rest := cutLine(data)
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			data = rest
		case isMboxFrom(line):
			data = rest
		default:
			return data
		}
	}
	return data
}

// isMboxFrom reports whether line is an mbox envelope line ("From addr date").
// A "From: x" header has a colon right after "From", this has a space.
func isMboxFrom(line []byte) bool {
	if !bytes.HasPrefix(line, []byte("From ")) {
		return false
	}
	// "From " followed by a token and something that looks like a date.
	rest := bytes.TrimSpace(line[5:])
	return len(rest) > 0 && !bytes.HasPrefix(rest, []byte(":"))
}

// cutLine returns the first line of data (without the line ending) and the rest.
func cutLine(data []byte) (line, rest []byte) {
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		return trimCR(data), nil
	}
	return trimCR(data[:i]), data[i+1:]
}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

func validKey(k []byte) bool {
	if len(k) == 0 || len(k) > 200 {
		return false
	}
	for _, c := range k {
		if c < 33 || c > 126 || c == ':' {
			return false
		}
	}
	return true
}

// headerLine reports whether l is "Key: value" with a valid key.
func headerLine(l []byte) (key []byte, value []byte, ok bool) {
	colon := bytes.IndexByte(l, ':')
	if colon <= 0 {
		return nil, nil, false
	}
	k := bytes.TrimRight(l[:colon], " \t")
	if !validKey(k) {
		return nil, nil, false
	}
	return k, l[colon+1:], true
}

// readHeader reads the header section at the start of data (see
// scanHeader) and returns it with the offset where the body starts.
func readHeader(data []byte) (h header, bodyOff int, defects []string) {
	s := scanHeader(data)
	return s.h, s.off, s.defects
}

// headerScan is what scanHeader found in one header section.
type headerScan struct {
	h       header
	off     int      // where the body starts
	defects []string // each once
	froms   int      // From fields in the whole section, kept or not
}

func (s *headerScan) defect(d string) {
	if !slices.Contains(s.defects, d) {
		s.defects = append(s.defects, d)
	}
}

// headerOverflow is the defect of a header section longer than maxHeaderBytes.
const headerOverflow = "header section over 256 KB: later fields ignored"

// scanHeader reads the header section at the start of data tolerantly.
// Malformed lines inside the header are skipped; a non-header line followed
// by no more header lines ends the header (a missing blank line). A
// whitespace-only line ends it too. Fields that start after maxHeaderBytes,
// or after maxHeaderFields fields, are not kept, but the scan goes on to the
// end of the section: the body must still be found, and every From field
// counted (a second From hidden after a flood of fields is what a forger
// would try).
func scanHeader(data []byte) headerScan {
	var s headerScan
	pos := 0
	var cur []byte // value being unfolded
	var curKey string
	ignoring := false // inside a field that is not kept
	flush := func() {
		if curKey != "" {
			s.h = append(s.h, field{Key: curKey, Value: string(bytes.TrimSpace(cur))})
			curKey, cur = "", cur[:0]
		}
	}
	for pos < len(data) {
		line, rest := cutLine(data[pos:])
		next := len(data) - len(rest)
		if len(bytes.TrimSpace(line)) == 0 {
			flush()
			s.off = next
			return s
		}
		if (line[0] == ' ' || line[0] == '\t') && (curKey != "" || ignoring) {
			if !ignoring {
				cur = s.appendValue(cur, []byte{' '})
				cur = s.appendValue(cur, bytes.TrimSpace(line))
			}
			pos = next
			continue
		}
		l := line
		if line[0] == ' ' || line[0] == '\t' {
			l = bytes.TrimLeft(line, " \t")
		}
		if k, v, ok := headerLine(l); ok {
			flush()
			ignoring = !s.keep(k, pos)
			if !ignoring {
				curKey = string(k)
				cur = s.appendValue(cur[:0], bytes.TrimSpace(v))
			}
			pos = next
			continue
		}
		if isMboxFrom(l) || bytes.HasPrefix(l, []byte(">From ")) {
			pos = next
			continue
		}
		flush()
		ignoring = false
		n, end := s.nonField(data, l, pos, next, rest)
		if end {
			s.off = n
			return s
		}
		pos = n
	}
	flush()
	s.off = len(data)
	return s
}

// appendValue appends b to a field value, cut at maxFieldBytes: one line
// can be as long as the message, and a 20 MB To line would otherwise be
// kept whole.
func (s *headerScan) appendValue(cur, b []byte) []byte {
	if n := maxFieldBytes - len(cur); len(b) > n {
		s.defect("header field over 64 KB truncated")
		b = b[:max(n, 0)]
	}
	return append(cur, b...)
}

// keep counts a field starting at pos with key k and reports whether it is
// kept: within maxHeaderBytes and maxHeaderFields.
func (s *headerScan) keep(k []byte, pos int) bool {
	if bytes.EqualFold(k, []byte("From")) {
		s.froms++
	}
	switch {
	case pos >= maxHeaderBytes:
		s.defect(headerOverflow)
		return false
	case len(s.h) >= maxHeaderFields:
		s.defect("too many header fields")
		return false
	}
	return true
}

// nonField handles a line l at pos that is neither a field nor an mbox
// line (next is the start of the following line, rest the data from there):
// it returns where to go on, or where the body starts when end is true.
func (s *headerScan) nonField(data, l []byte, pos, next int, rest []byte) (int, bool) {
	if len(s.h) == 0 {
		s.defect("no header section")
		return pos, true
	}
	if c := bytes.IndexByte(l, ':'); c > 0 && c < 120 {
		// A field with an illegal name: skip it and its continuation lines.
		s.defect("malformed header line skipped")
		pos = next
		for pos < len(data) && (data[pos] == ' ' || data[pos] == '\t') {
			cl, r := cutLine(data[pos:])
			if len(bytes.TrimSpace(cl)) == 0 {
				break
			}
			pos = len(data) - len(r)
		}
		return pos, false
	}
	if nl, _ := cutLine(rest); len(rest) > 0 {
		if _, _, ok := headerLine(nl); ok {
			s.defect("malformed header line skipped")
			return next, false
		}
	}
	s.defect("missing blank line after header")
	return pos, true
}

// parseMediaType parses a Content-Type or Content-Disposition value
// tolerantly: the type lower-cased, parameters with lower-cased names.
func parseMediaType(v string) (string, map[string]string) {
	if v == "" {
		return "", map[string]string{}
	}
	t, params, err := mime.ParseMediaType(v)
	if err == nil {
		return strings.ToLower(t), params
	}
	// Manual fallback: split on ';' outside quotes.
	params = map[string]string{}
	parts := splitParams(v)
	t = strings.ToLower(strings.TrimSpace(parts[0]))
	if i := strings.IndexAny(t, " \t\"'<>,"); i >= 0 {
		t = t[:i]
	}
	for _, p := range parts[1:] {
		k, val, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		k = strings.TrimSuffix(k, "*")
		val = strings.TrimSpace(val)
		if len(val) >= 2 && val[0] == '"' {
			if j := strings.LastIndexByte(val, '"'); j > 0 {
				val = val[1:j]
			} else {
				val = val[1:]
			}
		}
		if k == "" {
			continue
		}
		if _, seen := params[k]; !seen {
			params[k] = val
		}
	}
	return t, params
}

func splitParams(v string) []string {
	var out []string
	inQ := false
	start := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			if inQ {
				i++
			}
		case '"':
			inQ = !inQ
		case ';':
			if !inQ {
				out = append(out, v[start:i])
				start = i + 1
			}
		}
	}
	return append(out, v[start:])
}

var wordDecoder = &mime.WordDecoder{CharsetReader: charset.Reader}

// decodeHeader decodes RFC 2047 encoded words tolerantly: a word that
// cannot be decoded (unknown charset, bad encoding) is kept as written.
// Whitespace between adjacent encoded words is dropped. The result is
// valid UTF-8 (raw 8-bit text in another charset is read as Windows-1252).
func decodeHeader(s string) string {
	if !strings.Contains(s, "=?") {
		return validUTF8(s)
	}
	if out, err := wordDecoder.DecodeHeader(s); err == nil && !strings.Contains(out, "=?") {
		return validUTF8(out)
	}
	var b strings.Builder
	rest := s
	lastWasWord := false
	lastTerm := strings.LastIndex(s, "?=") // no word can end after it
	for {
		i := strings.Index(rest, "=?")
		if i < 0 || len(s)-len(rest)+i+2 > lastTerm {
			b.WriteString(rest)
			break
		}
		word, n := encodedWordAt(rest[i:])
		if n == 0 {
			b.WriteString(rest[:i+2])
			rest = rest[i+2:]
			lastWasWord = false
			continue
		}
		between := rest[:i]
		dec, err := decodeWord(word)
		if err != nil {
			b.WriteString(between)
			b.WriteString(word)
			lastWasWord = false
		} else {
			if !(lastWasWord && strings.TrimSpace(between) == "") {
				b.WriteString(between)
			}
			b.WriteString(dec)
			lastWasWord = true
		}
		rest = rest[i+n:]
	}
	return validUTF8(b.String())
}

// encodedWordAt returns the encoded word at the start of s ("=?cs?e?text?=").
func encodedWordAt(s string) (string, int) {
	// =?charset?X?text?=
	q1 := strings.IndexByte(s[2:], '?')
	if q1 <= 0 || q1 > 64 {
		return "", 0
	}
	q1 += 2
	if len(s) < q1+3 || s[q1+2] != '?' {
		return "", 0
	}
	switch s[q1+1] {
	case 'b', 'B', 'q', 'Q':
	default:
		return "", 0
	}
	end := strings.Index(s[q1+3:], "?=")
	if end < 0 {
		return "", 0
	}
	n := q1 + 3 + end + 2
	w := s[:n]
	if strings.ContainsAny(w, " \t\r\n") {
		// Some mailers put spaces in Q words; accept them by replacing.
		w = strings.NewReplacer(" ", "_", "\t", "_", "\r", "", "\n", "").Replace(w)
	}
	return w, n
}

// validUTF8 returns s as valid UTF-8: invalid input is read as Windows-1252.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return latin1ToUTF8(s)
}

// cp1252 maps 0x80-0x9F of Windows-1252; others are Latin-1.
var cp1252 = [32]rune{
	'€', 0xFFFD, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0xFFFD, 'Ž', 0xFFFD,
	0xFFFD, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0xFFFD, 'ž', 'Ÿ',
}

func latin1ToUTF8(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || n > 1 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		c := s[i]
		if c >= 0x80 && c < 0xA0 {
			b.WriteRune(cp1252[c-0x80])
		} else {
			b.WriteRune(rune(c))
		}
		i++
	}
	return b.String()
}

// decodeWord decodes one encoded word, also with an RFC 2231 language
// suffix on the charset ("iso-8859-2*sl") or bad base64 padding.
func decodeWord(word string) (string, error) {
	dec, err := wordDecoder.Decode(word)
	if err == nil {
		return dec, nil
	}
	// =?cs?e?text?=
	parts := strings.SplitN(word[2:len(word)-2], "?", 3)
	if len(parts) != 3 {
		return "", err
	}
	cs, enc, text := parts[0], parts[1], parts[2]
	if i := strings.IndexByte(cs, '*'); i >= 0 {
		cs = cs[:i]
	}
	if enc == "b" || enc == "B" {
		text = strings.TrimRight(text, "=")
		if n := len(text) % 4; n != 0 {
			text += strings.Repeat("=", 4-n)
		}
	}
	if dec, err2 := wordDecoder.Decode("=?" + cs + "?" + enc + "?" + text + "?="); err2 == nil {
		return dec, nil
	}
	return "", err
}
