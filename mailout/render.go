package mailout

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	gomail "github.com/wneessen/go-mail"
)

// ErrInvalidMail wraps every reason a Mail cannot be rendered. Such a mail
// will never render, so the sender fails it at once instead of retrying.
var ErrInvalidMail = errors.New("mailout: invalid mail")

// Header names go-mail has no constant for.
const (
	headerAutoSubmitted = gomail.Header("Auto-Submitted") // RFC 3834 section 5
)

// Wire limits.
const (
	// maxIDLen bounds a Message-ID without its brackets, so that even a
	// References line holding one id stays far below the 998 octets of
	// RFC 5322 section 2.1.1.
	maxIDLen = 250
	// maxAddrLen is the longest address SMTP can carry: a path is at most
	// 256 octets with its brackets (RFC 5321 section 4.5.3.1.3).
	maxAddrLen = 254
	// maxWord is the longest run of text without a space that go-mail's
	// folding can place on a line of at most 78 characters (RFC 5322
	// section 2.1.1): go-mail folds only at spaces, so a longer word would
	// stay on one line, however long.
	maxWord = 60
	// maxQWord is the length of the RFC 2047 encoded-words rmad writes
	// itself (RFC 2047 section 2 allows 75). 60 fits after "Subject: ", so
	// the first line is not left empty.
	maxQWord = 60
)

// Render returns the exact RFC 5322 bytes rmad sends for m: the sender puts
// the very same go-mail message on the wire, and `rmad outbox show` prints
// these bytes. Output depends on m alone (no clock, no randomness, no host
// name), so rendering a mail twice, or on another replica, gives identical
// bytes.
func Render(m Mail) ([]byte, error) {
	msg, streams, err := newMsg(m)
	if err != nil {
		return nil, err
	}
	tmpl, err := frame(m, msg)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := expand(&buf, tmpl, streams); err != nil {
		return nil, fmt.Errorf("mailout: render outbox %d: %w", m.ID, err)
	}
	return buf.Bytes(), nil
}

// frame is go-mail's rendering of msg, with a marker line where each
// streamed file goes.
func frame(m Mail, msg *gomail.Msg) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("mailout: render outbox %d: %w", m.ID, err)
	}
	return buf.Bytes(), nil
}

// newMsg builds the go-mail message for m. Every header go-mail would
// otherwise invent is set explicitly: go-mail fills a missing Date with
// time.Now, a missing Message-ID with random bytes @ os.Hostname, and a
// missing User-Agent/X-Mailer with its own version string.
//
// Every header line it writes is at most 78 characters, whatever the
// Subject or display names hold, except where one address (up to
// maxAddrLen) or one id of another system (up to maxIDLen, in In-Reply-To
// and References) is longer by itself: those cannot be folded, and are
// still far below the 998 octets an MTA enforces.
func newMsg(m Mail) (*gomail.Msg, []stream, error) {
	// Our own id must be right: it is what the thread and replays key on.
	if err := checkID("Message-ID", m.MessageID); err != nil {
		return nil, nil, err
	}
	if m.QueuedAt.IsZero() {
		return nil, nil, fmt.Errorf("%w: outbox %d has no QueuedAt for the Date header", ErrInvalidMail, m.ID)
	}
	if len(m.To) == 0 {
		return nil, nil, fmt.Errorf("%w: outbox %d has no recipient", ErrInvalidMail, m.ID)
	}
	from, err := address(m.ID, "From", m.From)
	if err != nil {
		return nil, nil, err
	}
	to := make([]*mail.Address, len(m.To))
	for i, raw := range m.To {
		if to[i], err = address(m.ID, "To", raw); err != nil {
			return nil, nil, err
		}
	}

	// UTF-8 and quoted-printable are go-mail's defaults; spelled out because
	// the wire format is a contract (`rmad outbox show`, the tests).
	// Quoted-printable also keeps the body valid whatever it holds: lines
	// are broken at 76 characters and NUL or a lone CR is encoded.
	msg := gomail.NewMsg(
		gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(gomail.EncodingQP),
		gomail.WithNoDefaultUserAgent(),
	)
	msg.SetAddrHeaderFromMailAddress(gomail.HeaderFrom, from)
	msg.SetAddrHeaderFromMailAddress(gomail.HeaderTo, to...)
	if len(m.Cc) > 0 {
		cc := make([]*mail.Address, len(m.Cc))
		for i, raw := range m.Cc {
			if cc[i], err = address(m.ID, "Cc", raw); err != nil {
				return nil, nil, err
			}
		}
		msg.SetAddrHeaderFromMailAddress(gomail.HeaderCc, cc...)
	}
	if m.ReplyTo != "" {
		rt, err := address(m.ID, "Reply-To", m.ReplyTo)
		if err != nil {
			return nil, nil, err
		}
		msg.SetAddrHeaderFromMailAddress(gomail.HeaderReplyTo, rt)
	}
	msg.Subject(subject(m.Subject))
	msg.SetMessageIDWithValue(m.MessageID)
	// UTC so the bytes do not depend on the replica's time zone.
	msg.SetDateWithValue(m.QueuedAt.UTC())
	// Ids from other systems (a customer's earlier mail) may be malformed;
	// threading is worth less than the mail itself, so a bad one is left
	// out instead of failing the mail.
	if validID(m.InReplyTo) {
		msg.SetGenHeader(gomail.HeaderInReplyTo, "<"+m.InReplyTo+">")
	}
	if refs := validIDs(m.References); len(refs) > 0 {
		// One value: go-mail joins several values with ", ", but RFC 5322
		// section 3.6.4 separates msg-ids with white space.
		msg.SetGenHeader(gomail.HeaderReferences, "<"+strings.Join(refs, "> <")+">")
	}
	if auto := headerText(m.AutoSubmitted); auto != "" {
		msg.SetGenHeader(headerAutoSubmitted, auto)
		// Exchange ignores Auto-Submitted and answers with out-of-office
		// replies unless told not to; that would start a mail loop.
		msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	}
	msg.SetGenHeader(gomail.HeaderXMailer, "rmad")
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	streams := attach(msg, m, m.Attachments)
	return msg, streams, nil
}

// attach adds files to msg and returns the streamed ones. go-mail holds
// each part it writes whole in memory, encoded; so a file read from a
// stored message is written by go-mail as a short marker, which expand
// replaces with the file as it streams by. A boundary derived from the
// Message-ID keeps Render deterministic.
func attach(msg *gomail.Msg, m Mail, files []Attachment) []stream {
	if len(files) == 0 {
		return nil
	}
	msg.SetBoundary("rmad-" + fmt.Sprintf("%x", sha256.Sum256([]byte(m.MessageID)))[:32])
	var streams []stream
	for i, a := range files {
		ct := gomail.ContentType(a.ContentType)
		if ct == "" {
			ct = gomail.TypeAppOctetStream
		}
		name := headerText(a.Filename)
		if name == "" {
			name = fmt.Sprintf("attachment-%d", i+1)
		}
		if a.Open != nil {
			mark := marker(m, i)
			streams = append(streams, stream{marker: base64.StdEncoding.EncodeToString(mark), open: a.Open})
			msg.AttachReadSeeker(name, bytes.NewReader(mark), gomail.WithFileContentType(ct))
			continue
		}
		msg.AttachReadSeeker(name, bytes.NewReader(a.Data), gomail.WithFileContentType(ct))
	}
	return streams
}

// invalidRefs returns the ids of m's In-Reply-To and References that Render
// leaves out because they are not valid Message-IDs (see checkID), so the
// sender can log what a mail loses.
func invalidRefs(m Mail) []string {
	var bad []string
	if m.InReplyTo != "" && !validID(m.InReplyTo) {
		bad = append(bad, m.InReplyTo)
	}
	for _, id := range m.References {
		if !validID(id) {
			bad = append(bad, id)
		}
	}
	return bad
}

// address parses one address header value and makes its display name safe
// to write: go-mail writes it with net/mail, which quotes an ASCII name
// as one string, so a name with a word longer than maxWord would produce a
// line go-mail cannot fold.
func address(id int64, field, raw string) (*mail.Address, error) {
	a, err := mail.ParseAddress(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: outbox %d %s %q: %w", ErrInvalidMail, id, field, raw, err)
	}
	if len(a.Address) > maxAddrLen {
		return nil, fmt.Errorf("%w: outbox %d %s address is %d octets long, more than SMTP carries (%d)", ErrInvalidMail, id, field, len(a.Address), maxAddrLen)
	}
	// A display name is only shown, so white space is collapsed and an
	// over-long word is broken up rather than failing the mail. A non-ASCII
	// name is RFC 2047-encoded by net/mail in words that fold anyway.
	words := strings.Fields(headerText(a.Name))
	if name := strings.Join(words, " "); !isASCII(name) {
		a.Name = name
		return a, nil
	}
	for i, w := range words {
		words[i] = breakWord(w)
	}
	a.Name = strings.Join(words, " ")
	return a, nil
}

// breakWord splits an ASCII word that would be longer than maxWord once
// quoted (net/mail adds the quotes and a backslash before '"' and '\\')
// into pieces separated by a space.
func breakWord(w string) string {
	var b strings.Builder
	n := 2 // the quotes around the name
	for i := 0; i < len(w); i++ {
		c := w[i]
		size := 1
		if c == '"' || c == '\\' {
			size = 2
		}
		if n+size > maxWord {
			b.WriteByte(' ')
			n = 2
		}
		b.WriteByte(c)
		n += size
	}
	return b.String()
}

// subject returns the Subject value to hand to go-mail. go-mail leaves
// printable ASCII as it is and folds only at spaces, so an ASCII subject
// with a word longer than maxWord (or white space a fold could turn into a
// line of only blanks, which RFC 5322 section 3.2.2 forbids) is RFC 2047
// encoded here: encoded-words are short and separated by spaces, and the
// text decodes back exactly. Other text is encoded by go-mail itself
// (mime.QEncoding), which splits it into words of at most 75 characters.
func subject(s string) string {
	s = headerText(s)
	if !isASCII(s) || foldable(s) {
		return s
	}
	return qEncode(s)
}

// foldable reports whether go-mail can fold the ASCII text s within 78
// characters: single spaces between words of at most maxWord characters.
func foldable(s string) bool {
	if s == "" {
		return true
	}
	for w := range strings.SplitSeq(s, " ") {
		if w == "" || len(w) > maxWord {
			return false
		}
	}
	return true
}

// qEncode writes s as RFC 2047 "Q" encoded-words of at most maxQWord
// characters, separated by a space, never splitting a UTF-8 sequence
// (RFC 2047 section 5, rule 3).
func qEncode(s string) string {
	const open, end = "=?UTF-8?q?", "?="
	room := maxQWord - len(open) - len(end)
	var out, word strings.Builder
	flush := func() {
		if out.Len() > 0 {
			out.WriteByte(' ')
		}
		out.WriteString(open + word.String() + end)
		word.Reset()
	}
	var buf [utf8.UTFMax]byte
	for _, r := range s {
		var enc strings.Builder
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			switch {
			case c == ' ':
				enc.WriteByte('_') // RFC 2047 section 4.2 (2)
			case c > ' ' && c <= '~' && c != '=' && c != '?' && c != '_':
				enc.WriteByte(c)
			default:
				fmt.Fprintf(&enc, "=%02X", c)
			}
		}
		if word.Len()+enc.Len() > room {
			flush()
		}
		word.WriteString(enc.String())
	}
	if word.Len() > 0 || out.Len() == 0 {
		flush()
	}
	return out.String()
}

// headerText makes s usable as header text: invalid UTF-8 becomes U+FFFD,
// CR, LF and TAB become a space (they are line structure, and a CR or LF
// must never start a new header), and every other control character (C0,
// DEL, C1) is dropped.
func headerText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r' || r == '\n' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// checkID rejects an id that is not a valid Message-ID (see validID).
func checkID(field, id string) error {
	if id == "" {
		return fmt.Errorf("%w: empty %s", ErrInvalidMail, field)
	}
	if !validID(id) {
		return fmt.Errorf("%w: %s %q: want id-left@id-right in printable ASCII, without white space or angle brackets, at most %d characters", ErrInvalidMail, field, id, maxIDLen)
	}
	return nil
}

// validID reports whether id, stored without angle brackets, can be written
// as an RFC 5322 section 3.6.4 msg-id ("<" id-left "@" id-right ">"):
// printable ASCII without white space or brackets, exactly one '@' with
// text on both sides, and at most maxIDLen characters. It is deliberately
// looser than dot-atom-text (customers' ids are often sloppy but harmless)
// and strict where it matters to the wire: no byte can end the header or
// the msg-id early.
func validID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c < '!' || c > '~' || c == '<' || c == '>' {
			return false
		}
	}
	at := strings.IndexByte(id, '@')
	return at > 0 && at < len(id)-1 && strings.Count(id, "@") == 1
}

// validIDs returns the valid ids of ids, in order.
func validIDs(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if validID(id) {
			out = append(out, id)
		}
	}
	return out
}
