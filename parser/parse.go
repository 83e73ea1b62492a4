package parser

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrNotMessage is returned when the input is not a message at all: empty,
// or binary garbage without a header section.
var ErrNotMessage = errors.New("parser: input is not a mail message")

// errInternal wraps a recovered panic; the fuzz target asserts it never occurs.
var errInternal = errors.New("parser: internal error")

// Options tune Parse for a desk's policy.
type Options struct {
	RefPrefixes []string // ticket-ref prefixes, default {"TKT-", "RMA-"}
	DayFirst    bool     // read ambiguous numeric dates as day/month (policy locale); default month/day
}

// DefaultRefPrefixes are the ticket-reference prefixes used when
// Options.RefPrefixes is empty.
var defaultRefPrefixes = []string{"TKT-", "RMA-"}

// Parse parses one raw RFC 5322 message with default options.
func Parse(raw []byte) (*Message, error) {
	return ParseWith(raw, Options{})
}

// ParseWith parses one raw RFC 5322 message. It returns ErrNotMessage only
// when raw is not a message at all; any readable message, however broken,
// yields a Message (what was wrong is listed in Message.Defects).
func ParseWith(raw []byte, opts Options) (msg *Message, err error) {
	defer func() {
		// A parser bug must not take the desk down with a poison message.
		if r := recover(); r != nil {
			msg, err = nil, fmt.Errorf("%w: %v", errInternal, r)
		}
	}()
	if len(opts.RefPrefixes) == 0 {
		opts.RefPrefixes = defaultRefPrefixes
	}
	data := prepare(raw)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrNotMessage
	}
	hs := scanHeader(data)
	h, off := hs.h, hs.off
	if len(h) == 0 && looksBinary(data) {
		return nil, ErrNotMessage
	}
	m := newMessage()
	for _, d := range hs.defects {
		m.defect(d)
	}
	m.FromCount = hs.froms
	readHeaders(m, h)

	w := &walker{m: m, budget: maxTextBytes}
	out := w.node(h, data[off:], 0, "text/plain")
	full := cleanText(out.text)

	m.Class, m.BounceInfo, m.AutoReplyHint = classify(m, h, w, full)

	newText := stripQuoted(full, forwardSubject.MatchString(m.Subject))
	m.Text = newText
	// Refs and fields are looked for at the start of the text only: a
	// request states them up front, and it bounds the work on huge mail.
	head := cutUTF8(newText, maxFieldText)
	m.TicketRefs = findRefs(m.Subject, head, opts.RefPrefixes)
	m.Commands = findCommands(head)
	if m.Class == Human {
		extractFields(m, head, opts)
	} else {
		m.Fields.Email = m.From.Address
	}
	sanitize(m)
	return m, nil
}

func newMessage() *Message {
	return &Message{
		References:  []string{},
		TicketRefs:  []string{},
		Commands:    []Command{},
		Units:       []Unit{},
		Attachments: []Attachment{},
		To:          []Address{},
		Cc:          []Address{},
		ReplyTo:     []Address{},
		AuthResults: []string{},
		Defects:     []string{},
		Class:       Human,
	}
}

// looksBinary reports whether data without any header is binary garbage
// rather than text: NUL bytes, or many control bytes or invalid UTF-8.
func looksBinary(data []byte) bool {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	ctrl, bad := 0, 0
	for i := 0; i < len(data); {
		c := data[i]
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			ctrl++
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
		}
		i += n
	}
	return ctrl*20 > len(data) || bad*3 > len(data)
}

// readHeaders fills the header-derived fields of m.
func readHeaders(m *Message, h header) {
	m.MessageID = m.firstValidID(h.get("Message-Id"), "invalid Message-ID dropped")
	m.InReplyTo = m.firstValidID(h.get("In-Reply-To"), "invalid In-Reply-To id dropped")
	m.References = m.references(h.get("References"))
	fromValue := h.get("From")
	froms, guessed := readAddressList(fromValue)
	if guessed {
		// A loose reading of "Smith, John <j@x>" also yields "Smith":
		// only parts with an address are mailboxes.
		froms = slices.DeleteFunc(froms, func(a Address) bool { return !strings.Contains(a.Address, "@") })
	}
	if len(froms) > 0 {
		m.From = froms[0]
		// Read loosely, "Smith, John <j@x>" is one person; two addresses
		// in a From no parser can split are two candidates.
		m.FromAmbiguous = guessed && strings.Count(fromValue, "@") > 1
	}
	m.FromMailboxes = len(froms)
	m.Subject = cleanSubject(decodeHeader(h.get("Subject")))
	m.Date = parseMailDate(h.get("Date"))
	m.To = m.addresses(h.values("To"), "To")
	m.Cc = m.addresses(h.values("Cc"), "Cc")
	// Only the first Reply-To, as ever: a second one must not add where the
	// desk's answers go.
	m.ReplyTo = m.addresses([]string{h.get("Reply-To")}, "Reply-To")
	if s := parseAddressList(h.get("Sender")); len(s) > 0 {
		m.Sender = s[0]
	}
	if h.has("Return-Path") {
		rp := strings.TrimSpace(h.get("Return-Path"))
		if inner := strings.Trim(rp, "<> \t"); inner == "" {
			m.ReturnPath = "<>"
		} else {
			m.ReturnPath = strings.ToLower(inner)
		}
	}
	m.AuthResults = m.authResults(h.values("Authentication-Results"))
	m.AutoSubmitted = strings.ToLower(strings.TrimSpace(stripComment(h.get("Auto-Submitted"))))
	prec := strings.ToLower(strings.TrimSpace(h.get("Precedence")))
	m.List = h.has("List-Id") || h.has("List-Unsubscribe") || h.has("List-Post") || prec == "list"
}

// Caps on header-derived lists: a hostile message can list millions of
// addresses or ids within the header limits, and nobody needs them.
const (
	maxAddresses   = 100 // per To, Cc, Reply-To
	maxReferences  = 50  // the last ones: the nearest ancestors
	maxAuthResults = 20  // the topmost: added by the receiving servers
	maxDefects     = 50
)

// defect records what was wrong or cut, each once, at most maxDefects.
func (m *Message) defect(s string) {
	if len(m.Defects) < maxDefects && !slices.Contains(m.Defects, s) {
		m.Defects = append(m.Defects, s)
	}
}

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

// authResults keeps the topmost maxAuthResults values: RFC 8601 headers
// are prepended by each receiving server, so the ones below may be the
// sender's own.
func (m *Message) authResults(vs []string) []string {
	switch {
	case vs == nil:
		return []string{}
	case len(vs) > maxAuthResults:
		m.defect("more than 20 Authentication-Results: the lowest dropped")
		return vs[:maxAuthResults:maxAuthResults]
	}
	return vs
}

// firstValidID returns the first valid message id of a header value, ""
// when there is none; an invalid id is dropped with the defect d.
func (m *Message) firstValidID(v, d string) string {
	for _, id := range splitIDs(v, false) {
		if validMsgID(id) {
			return id
		}
		m.defect(d)
	}
	return ""
}

// references returns the valid ids of a References value, the last
// maxReferences of them.
func (m *Message) references(v string) []string {
	ids := splitIDs(v, true)
	out := ids[:0] // filtered in place: splitIDs made ids for us
	for _, id := range ids {
		if validMsgID(id) {
			out = append(out, id)
		} else {
			m.defect("invalid References id dropped")
		}
	}
	if out == nil {
		out = []string{}
	}
	if len(out) > maxReferences {
		m.defect("more than 50 References: the oldest dropped")
		out = slices.Clone(out[len(out)-maxReferences:]) // not the whole list behind it
	}
	return out
}

// maxIDLen is the longest msg-id kept; the desk's mailout refuses longer
// ones, and no real mailer writes them.
const maxIDLen = 250

// validMsgID reports whether id (without angle brackets) can be written as
// an RFC 5322 section 3.6.4 msg-id: printable ASCII (0x21-0x7E) without
// '<' or '>', exactly one '@' with text on both sides, at most maxIDLen
// bytes. Looser than dot-atom (real ids are often sloppy but harmless),
// strict where it matters: no byte can end a header or an id early, and no
// id with spaces or two '@' (which go-message's MessageID() cannot read
// either) becomes a key the desk threads on. It is the rule mailout checks
// before it writes an id.
func validMsgID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	at := -1
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c < '!' || c > '~' || c == '<' || c == '>':
			return false
		case c == '@':
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	return at > 0 && at < len(id)-1
}
func cleanSubject(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// stripComment removes a trailing "(comment)" from a structured value.
func stripComment(s string) string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		return s[:i]
	}
	return s
}

// splitIDs returns the message ids of a header value without brackets,
// valid or not: the <...> tokens; without any, the whole value as one id,
// or, when list is set (References), its whitespace/comma-separated words.
// Reading the bracketless value as one id keeps "fan noise 1@host" whole,
// so it is dropped as invalid instead of yielding the fragment "1@host".
func splitIDs(v string, list bool) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	var ids []string
	rest := v
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		// "<>" is an empty id: kept, so it is reported as invalid.
		ids = append(ids, strings.TrimSpace(rest[i+1:i+j]))
		rest = rest[i+j+1:]
	}
	if ids != nil {
		return ids
	}
	if !list {
		return []string{strings.Trim(v, "<>\"'")}
	}
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' }) {
		if f = strings.Trim(f, "<>\"'"); f != "" {
			ids = append(ids, f)
		}
	}
	return ids
}

var addrParser = &mail.AddressParser{WordDecoder: wordDecoder}

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
	for _, part := range splitAddresses(v) {
		if a, ok := looseAddress(part); ok {
			out = append(out, a)
		}
	}
	return out, true
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

// cleanText normalises line endings, drops trailing spaces and NULs, and
// collapses runs of more than two blank lines. One pass, one allocation.
func cleanText(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	started := false
	for len(s) > 0 {
		var l string
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			l, s = s[:i], s[i+1:]
		} else {
			l, s = s, ""
		}
		if strings.IndexByte(l, 0) >= 0 {
			l = strings.ReplaceAll(l, "\x00", "")
		}
		l = strings.TrimRight(l, " \t\r\u00a0")
		if l == "" {
			blank++
			continue
		}
		if started {
			b.WriteByte('\n')
			for k := 0; k < min(blank, 2); k++ {
				b.WriteByte('\n')
			}
		}
		blank = 0
		started = true
		b.WriteString(l)
	}
	return b.String()
}

// walker walks the MIME tree of one message, collecting text,
// attachments and delivery-status details.
type walker struct {
	m          *Message
	budget     int // decoded text bytes still allowed
	parts      int
	inReport   int      // depth of multipart/report nesting
	reportType string   // report-type of the outermost multipart/report
	dsn        []string // message/delivery-status bodies (capped)
	sawDSN     bool
	enclosed   int // message/rfc822 parts seen (returned originals etc.)
	origHeader header
}

type textOut struct {
	text string
	html bool
}

func (w *walker) defect(s string) { w.m.defect(s) }

// node handles one entity: h is its header, body its raw body.
func (w *walker) node(h header, body []byte, depth int, defaultType string) textOut {
	w.parts++
	if w.parts > maxParts {
		w.defect("too many parts")
		return textOut{}
	}
	p := partOf(h, defaultType)
	if v := h.get(removedHeader); v != "" {
		_, params := parseMediaType(v)
		size, _ := strconv.ParseInt(params["size"], 10, 64)
		w.m.Attachments = append(w.m.Attachments, Attachment{Filename: params["filename"], ContentType: params["type"], Size: size})
		return textOut{}
	}
	switch {
	case strings.HasPrefix(p.ctype, "multipart/"):
		return w.multipart(p, body, depth)
	case p.ctype == "message/rfc822" || p.ctype == "message/global":
		return w.enclosedMessage(p, body, depth)
	case p.ctype == "message/delivery-status" || p.ctype == "message/global-delivery-status":
		w.sawDSN = true
		if len(w.dsn) < 4 {
			s, _ := p.readText(body, 64<<10)
			w.dsn = append(w.dsn, s)
		}
		return textOut{}
	case p.ctype == "text/rfc822-headers" || p.ctype == "text/rfc822-header" || p.ctype == "message/rfc822-headers":
		if w.inReport > 0 && w.origHeader == nil {
			s, _ := p.readText(body, 64<<10)
			w.origHeader, _, _ = readHeader([]byte(s))
		}
		return textOut{}
	case p.isBodyText():
		if w.budget <= 0 {
			w.defect("text limit reached")
			return textOut{}
		}
		s, ok := p.readText(body, w.budget)
		if !ok {
			w.defect("undecodable text part")
		}
		w.budget -= len(s)
		if p.ctype == "text/html" {
			return textOut{text: htmlToText(s), html: true}
		}
		return textOut{text: w.uu(s)}
	default:
		if p.ctype == "message/partial" || p.ctype == "message/external-body" {
			return textOut{}
		}
		if len(w.m.Attachments) < maxParts {
			w.m.Attachments = append(w.m.Attachments, Attachment{
				Filename:    p.filename,
				ContentType: p.ctype,
				Size:        p.decodedSize(body),
			})
		}
		return textOut{}
	}
}

// uu moves uuencoded files in a plain-text body to the attachments.
func (w *walker) uu(s string) string {
	s, atts := extractUU(s)
	for _, a := range atts {
		if len(w.m.Attachments) < maxParts {
			w.m.Attachments = append(w.m.Attachments, a)
		}
	}
	return s
}

func (w *walker) multipart(p partInfo, body []byte, depth int) textOut {
	if depth >= maxDepth {
		w.defect("nesting too deep")
		return textOut{}
	}
	boundary := p.params["boundary"]
	if boundary == "" {
		boundary = guessBoundary(body)
		w.defect("multipart without boundary")
	}
	var spans [][2]int
	closed := false
	if boundary != "" {
		spans, closed = splitMultipart(body, boundary)
	}
	if len(spans) == 0 {
		// Not really multipart: read it as text.
		w.defect("multipart without parts")
		tp := partInfo{ctype: "text/plain", params: map[string]string{}, cte: p.cte}
		s, _ := tp.readText(body, max(w.budget, 0))
		w.budget -= len(s)
		return textOut{text: w.uu(s)}
	}
	if !closed {
		w.defect("multipart without final boundary")
	}
	sub := p.ctype[len("multipart/"):]
	if sub == "report" {
		if w.inReport == 0 {
			w.reportType = strings.ToLower(p.params["report-type"])
		}
		w.inReport++
		defer func() { w.inReport-- }()
	}
	childDefault := "text/plain"
	if sub == "digest" {
		childDefault = "message/rfc822"
	}
	outs := make([]textOut, 0, len(spans))
	for _, sp := range spans {
		part := body[sp[0]:sp[1]]
		ch, off, defs := readHeader(part)
		for _, d := range defs {
			if d != "no header section" {
				w.defect("part: " + d)
			}
		}
		outs = append(outs, w.node(ch, part[off:], depth+1, childDefault))
	}
	switch sub {
	case "alternative":
		for _, o := range outs {
			if !o.html && strings.TrimSpace(o.text) != "" {
				return o
			}
		}
		for i := len(outs) - 1; i >= 0; i-- {
			if strings.TrimSpace(outs[i].text) != "" {
				return outs[i]
			}
		}
		return textOut{}
	case "related":
		for _, o := range outs {
			if strings.TrimSpace(o.text) != "" {
				return o
			}
		}
		return textOut{}
	default:
		var b strings.Builder
		html := false
		for _, o := range outs {
			if strings.TrimSpace(o.text) == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(o.text)
			html = html || o.html
		}
		return textOut{text: b.String(), html: html}
	}
}

// enclosedMessage handles message/rfc822. Inside a report it is the
// returned original: its header is kept for the bounce details, its text
// is not the message's text. Elsewhere it is forwarded content and counts
// as the sender's own (contracts/parse.md).
func (w *walker) enclosedMessage(p partInfo, body []byte, depth int) textOut {
	w.enclosed++
	if depth >= maxDepth {
		w.defect("nesting too deep")
		return textOut{}
	}
	inner := body[:min(len(body), maxEnclosedBytes)]
	if !identityEncoding(p.cte) {
		// Only an encoded part is copied: reading a plain one in place keeps a
		// message nested 15 deep from costing 15 copies of itself.
		var err error
		r, _ := p.decoded(body, false)
		if inner, err = readAllLimit(r, maxEnclosedBytes); err != nil {
			w.defect("undecodable message/rfc822 part")
		}
	}
	inner = prepare(inner)
	ih, off, _ := readHeader(inner)
	if w.inReport > 0 {
		if w.origHeader == nil {
			w.origHeader = ih
		}
		return textOut{}
	}
	if depth > 0 && w.origHeader == nil {
		w.origHeader = ih
	}
	out := w.node(ih, inner[off:], depth+1, "text/plain")
	if strings.TrimSpace(out.text) == "" {
		return textOut{}
	}
	var b strings.Builder
	b.Grow(len(out.text) + 512) // one copy of the text per level, not a doubling series
	b.WriteString("---------- Forwarded message ----------\n")
	for _, k := range []string{"From", "Date", "Subject", "To"} {
		if v := ih.get(k); v != "" {
			b.WriteString(k + ": " + cleanSubject(decodeHeader(v)) + "\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(out.text)
	return textOut{text: b.String(), html: out.html}
}

func readAllLimit(r io.Reader, limit int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, limit))
}

// maxEnclosedBytes is how much of an enclosed message is read.
const maxEnclosedBytes = 4 << 20

// maxFieldText is how much of the new text is searched for ticket
// references, commands and fields.
const maxFieldText = 64 << 10

// cutUTF8 returns at most n bytes of s, cut at a rune boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
