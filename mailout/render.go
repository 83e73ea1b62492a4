package mailout

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// ErrInvalidMail wraps every reason a Mail cannot be rendered. Such a mail
// will never render, so the sender fails it at once instead of retrying.
var ErrInvalidMail = errors.New("mailout: invalid mail")

// Header names go-mail has no constant for.
const (
	headerAutoSubmitted = gomail.Header("Auto-Submitted") // RFC 3834 section 5
)

// Render returns the exact RFC 5322 bytes rmad sends for m: the sender puts
// the very same go-mail message on the wire, and `rmad outbox show` prints
// these bytes. Output depends on m alone (no clock, no randomness, no host
// name), so rendering a mail twice, or on another replica, gives identical
// bytes.
func Render(m Mail) ([]byte, error) {
	msg, err := newMsg(m)
	if err != nil {
		return nil, err
	}
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
func newMsg(m Mail) (*gomail.Msg, error) {
	if err := checkID("Message-ID", m.MessageID); err != nil {
		return nil, err
	}
	if m.InReplyTo != "" {
		if err := checkID("In-Reply-To", m.InReplyTo); err != nil {
			return nil, err
		}
	}
	for _, ref := range m.References {
		if err := checkID("References", ref); err != nil {
			return nil, err
		}
	}
	if m.QueuedAt.IsZero() {
		return nil, fmt.Errorf("%w: outbox %d has no QueuedAt for the Date header", ErrInvalidMail, m.ID)
	}
	if len(m.To) == 0 {
		return nil, fmt.Errorf("%w: outbox %d has no recipient", ErrInvalidMail, m.ID)
	}

	// UTF-8 and quoted-printable are go-mail's defaults; spelled out because
	// the wire format is a contract (`rmad outbox show`, the tests).
	msg := gomail.NewMsg(
		gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(gomail.EncodingQP),
		gomail.WithNoDefaultUserAgent(),
	)
	if err := msg.From(m.From); err != nil {
		return nil, fmt.Errorf("%w: outbox %d From %q: %w", ErrInvalidMail, m.ID, m.From, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("%w: outbox %d To %q: %w", ErrInvalidMail, m.ID, m.To, err)
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return nil, fmt.Errorf("%w: outbox %d Reply-To %q: %w", ErrInvalidMail, m.ID, m.ReplyTo, err)
		}
	}
	// go-mail RFC 2047-encodes generic header values only when they need it,
	// so an ASCII subject stays readable and a CR/LF cannot inject a header.
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	// UTC so the bytes do not depend on the replica's time zone.
	msg.SetDateWithValue(m.QueuedAt.UTC())
	if m.InReplyTo != "" {
		msg.SetGenHeader(gomail.HeaderInReplyTo, "<"+m.InReplyTo+">")
	}
	if len(m.References) > 0 {
		// One value: go-mail joins several values with ", ", but RFC 5322
		// section 3.6.4 separates msg-ids with white space.
		msg.SetGenHeader(gomail.HeaderReferences, "<"+strings.Join(m.References, "> <")+">")
	}
	if m.AutoSubmitted != "" {
		msg.SetGenHeader(headerAutoSubmitted, m.AutoSubmitted)
		// Exchange ignores Auto-Submitted and answers with out-of-office
		// replies unless told not to; that would start a mail loop.
		msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	}
	msg.SetGenHeader(gomail.HeaderXMailer, "rmad")
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	if len(m.Attachments) > 0 {
		// A boundary derived from the Message-ID keeps Render deterministic.
		msg.SetBoundary("rmad-" + fmt.Sprintf("%x", sha256.Sum256([]byte(m.MessageID)))[:32])
		for _, a := range m.Attachments {
			ct := gomail.ContentType(a.ContentType)
			if ct == "" {
				ct = gomail.TypeAppOctetStream
			}
			if err := msg.AttachReader(a.Filename, bytes.NewReader(a.Data), gomail.WithFileContentType(ct)); err != nil {
				return nil, fmt.Errorf("%w: outbox %d attachment %q: %w", ErrInvalidMail, m.ID, a.Filename, err)
			}
		}
	}
	return msg, nil
}

// checkID rejects ids that would break the header: they are stored without
// angle brackets (RFC 5322 section 3.6.4 msg-id is "<" id-left "@" id-right ">")
// and must be printable ASCII without white space.
func checkID(field, id string) error {
	if id == "" {
		return fmt.Errorf("%w: empty %s", ErrInvalidMail, field)
	}
	for _, r := range id {
		if r <= ' ' || r > '~' || r == '<' || r == '>' {
			return fmt.Errorf("%w: %s %q: want printable ASCII without white space or angle brackets", ErrInvalidMail, field, id)
		}
	}
	return nil
}
