package parser

import (
	"io"
	"strings"
)

// File is one attachment of a message, found where it lies in the raw
// bytes: nothing is decoded until Open is read, so listing the files of a
// 25 MB message costs no copy of it.
type File struct {
	// Index numbers the message's files from 1, in the order they appear:
	// how the outbox and `rmad message attachments` name a file.
	Index       int
	Filename    string // decoded; "" when the part names none
	ContentType string // lower-case media type
	Size        int64  // decoded bytes
	ContentID   string // without angle brackets; "" when none
	// Inline is true for a part an HTML body shows in place (a
	// multipart/related part with a Content-ID): signature logos and the
	// pictures of quoted history, not files the sender attached.
	Inline bool

	body []byte
	part partInfo
}

// Open returns a reader of the file's decoded bytes (the transfer encoding
// undone, the charset of a text file left as sent). Each call starts from
// the beginning. A transfer encoding broken partway (base64 with a stray
// character) yields the bytes before the break and ends there, as a mail
// client shows such a file: the reader never fails.
func (f File) Open() io.Reader {
	r, _ := f.part.decoded(f.body, false)
	return &untilBroken{r: r}
}

type untilBroken struct{ r io.Reader }

func (u *untilBroken) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if err != nil && err != io.EOF {
		err = io.EOF
	}
	return n, err
}

// Files lists the attachments of a raw message: every leaf that is not body
// text, inside forwarded messages too. Parts a bounce returns (inside a
// multipart/report), detached signatures and attachments StripAttachments
// removed are not files. Uuencoded files inside the text are not listed.
// The slices stay valid as long as raw is.
func Files(raw []byte) []File {
	data := prepare(raw)
	h, off, _ := readHeader(data)
	fl := &fileLister{}
	fl.entity(h, data[off:], 0, "text/plain", false)
	return fl.files
}

type fileLister struct {
	files []File
	parts int
}

func (fl *fileLister) entity(h header, body []byte, depth int, defaultType string, related bool) {
	fl.parts++
	if fl.parts > maxParts || depth > maxDepth || h.get(removedHeader) != "" {
		return
	}
	p := partOf(h, defaultType)
	switch {
	case strings.HasPrefix(p.ctype, "multipart/"):
		fl.multipart(p, body, depth)
	case (p.ctype == "message/rfc822" || p.ctype == "message/global") && p.disp != "attachment" && identityEncoding(p.cte):
		// A forwarded message: its files are the sender's files.
		inner := prepare(body)
		ih, off, _ := readHeader(inner)
		fl.entity(ih, inner[off:], depth+1, "text/plain", false)
	case p.isBodyText(), notAFile(p.ctype):
	default:
		cid := strings.Trim(strings.TrimSpace(h.get("Content-ID")), "<>")
		fl.files = append(fl.files, File{
			Index:       len(fl.files) + 1,
			Filename:    CleanFileName(p.filename),
			ContentType: cleanLine(p.ctype),
			Size:        p.decodedSize(body),
			ContentID:   cleanLine(cid),
			Inline:      related && cid != "" && p.disp != "attachment",
			body:        body,
			part:        p,
		})
	}
}

func (fl *fileLister) multipart(p partInfo, body []byte, depth int) {
	sub := p.ctype[len("multipart/"):]
	if sub == "report" {
		// What a bounce returns is the desk's own mail, not a file of the sender.
		return
	}
	boundary := p.params["boundary"]
	if boundary == "" {
		boundary = guessBoundary(body)
	}
	if boundary == "" {
		return
	}
	spans, _ := splitMultipart(body, boundary)
	childDefault := "text/plain"
	if sub == "digest" {
		childDefault = "message/rfc822"
	}
	for _, sp := range spans {
		part := body[sp[0]:sp[1]]
		ch, off, _ := readHeader(part)
		fl.entity(ch, part[off:], depth+1, childDefault, sub == "related")
	}
}

// notAFile is what a leaf can be without being a file someone attached.
func notAFile(ctype string) bool {
	switch ctype {
	case "message/partial", "message/external-body",
		"message/delivery-status", "message/global-delivery-status",
		"text/rfc822-headers", "message/rfc822-headers",
		// A detached signature signs the message it came in; relayed it
		// proves nothing and only puzzles the reader.
		"application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature":
		return true
	}
	return false
}

// CleanFileName is a sender's file name fit to show and to write: one line,
// no control characters, and none of the marks that reorder text (a
// right-to-left override makes "report\u202efdp.exe" read as a PDF).
func CleanFileName(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return -1
		}
		return r
	}, cleanLine(s)))
}
