package parser

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"slices"
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

	newText, answered := stripQuoted(full, outlookForward.MatchString(m.Subject))
	m.Text = newText
	// Refs and fields are looked for at the start of the text only: a
	// request states them up front, and it bounds the work on huge mail.
	head := cutUTF8(newText, maxFieldText)
	m.TicketRefs = findRefs(m.Subject, head, opts.RefPrefixes)
	m.Commands = findCommands(head)
	switch m.Class {
	case Bounce:
		// A report of the mail system, not a person's request: its text
		// names no one to contact; the contract's last resort, the From
		// display name and address, says who sent it.
		m.Fields.Email = m.From.Address
		m.Fields.ContactName = m.From.Name
	case AutoReply:
		// A responder's text names no unit and asks for nothing, but it is
		// signed by a person: who they are and where they work.
		contactFields(m, withoutDisclaimers(head))
	default:
		if answered != "" {
			head = cutUTF8(answered, maxFieldText) // answers under quoted questions labelled
		}
		extractFields(m, head, opts)
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

// maxIDLen is the longest msg-id kept; the desk's mailout refuses longer
// ones, and no real mailer writes them.
const maxIDLen = 250

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

var addrParser = &mail.AddressParser{WordDecoder: wordDecoder}

// cleanText normalises line endings, drops trailing spaces and NULs, and
// collapses runs of more than two blank lines. One pass, one allocation.
// trimRightBlank is strings.TrimRight(l, " \t\r\u00a0") without the
// rune-decoding path a non-ASCII cut set takes (it runs on every line).
func trimRightBlank(l string) string {
	for len(l) > 0 {
		switch c := l[len(l)-1]; {
		case c == ' ' || c == '\t' || c == '\r':
			l = l[:len(l)-1]
		case c == 0xa0 && len(l) >= 2 && l[len(l)-2] == 0xc2:
			l = l[:len(l)-2]
		default:
			return l
		}
	}
	return l
}

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
		l = trimRightBlank(l)
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

// defect records what was wrong or cut, each once, at most maxDefects.
func (m *Message) defect(s string) {
	if len(m.Defects) < maxDefects && !slices.Contains(m.Defects, s) {
		m.Defects = append(m.Defects, s)
	}
}
