package parser

import (
	"io"
	"strconv"
	"strings"
)

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
