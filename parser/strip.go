package parser

import (
	"bytes"
	"mime"
	"strconv"
	"strings"
)

// StripAttachments returns the message with every attachment part's content
// removed (replaced by a short text/plain note naming the file), plus the
// list of what was removed. Headers, text and HTML bodies and the MIME
// structure are copied byte for byte; only attachment parts are rewritten.
// Attachment sizes are counted by streaming the decoder into a counter, so
// no decoded attachment is ever held in memory.
func StripAttachments(raw []byte) ([]byte, []Attachment, error) {
	data := prepare(raw)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, ErrNotMessage
	}
	h, _, _ := readHeader(data)
	if len(h) == 0 && looksBinary(data) {
		return nil, nil, ErrNotMessage
	}
	s := &stripper{
		atts: []Attachment{},
		nl:   "\n",
	}
	if bytes.Contains(data[:min(len(data), 4096)], []byte("\r\n")) {
		s.nl = "\r\n"
	}
	// The output is the message without attachment content: do not reserve
	// room for the attachments (a 50 MB attachment would cost 25 MB here).
	s.out.Grow(min(len(data), 64<<10))
	s.entity(data, 0, "text/plain")
	return s.out.Bytes(), s.atts, nil
}

type stripper struct {
	out   bytes.Buffer
	atts  []Attachment
	parts int
	nl    string
}

// entity copies one entity (header and body) to the output, replacing
// attachment content.
func (s *stripper) entity(data []byte, depth int, defaultType string) {
	s.parts++
	h, off, _ := readHeader(data)
	body := data[off:]
	p := partOf(h, defaultType)
	if s.parts > maxParts || depth > maxDepth {
		s.out.Write(data)
		return
	}
	switch {
	case strings.HasPrefix(p.ctype, "multipart/"):
		boundary := p.params["boundary"]
		if boundary == "" {
			boundary = guessBoundary(body)
		}
		var spans [][2]int
		if boundary != "" {
			spans, _ = splitMultipart(body, boundary)
		}
		s.out.Write(data[:off])
		if len(spans) == 0 {
			s.out.Write(body)
			return
		}
		childDefault := "text/plain"
		if p.ctype == "multipart/digest" {
			childDefault = "message/rfc822"
		}
		last := 0
		for _, sp := range spans {
			s.out.Write(body[last:sp[0]])
			s.entity(body[sp[0]:sp[1]], depth+1, childDefault)
			last = sp[1]
		}
		s.out.Write(body[last:])
	case (p.ctype == "message/rfc822" || p.ctype == "message/global") && identityEncoding(p.cte):
		s.out.Write(data[:off])
		s.entity(body, depth+1, "text/plain")
	case p.isBodyText() || p.ctype == "message/delivery-status" || p.ctype == "message/global-delivery-status" ||
		p.ctype == "text/rfc822-headers" || p.ctype == "message/partial" || p.ctype == "message/external-body":
		s.out.Write(data)
	default:
		a := Attachment{Filename: p.filename, ContentType: p.ctype, Size: p.decodedSize(body)}
		s.atts = append(s.atts, a)
		s.out.Write(filterHeader(data[:off], []string{"content-type", "content-transfer-encoding", "content-disposition", "content-length"}))
		s.out.WriteString("Content-Type: text/plain; charset=utf-8" + s.nl)
		s.out.WriteString("Content-Transfer-Encoding: 8bit" + s.nl)
		s.out.WriteString("Content-Disposition: inline" + s.nl)
		s.out.WriteString(removedHeader + ": " + removedValue(a) + s.nl)
		s.out.WriteString(s.nl)
		name := a.Filename
		if name == "" {
			name = "unnamed"
		}
		s.out.WriteString("[attachment removed: " + name + " (" + a.ContentType + ", " + strconv.FormatInt(a.Size, 10) + " bytes)]" + s.nl)
	}
}

// removedHeader marks a note that replaced an attachment; Parse reports
// the note as the attachment it replaced (filename, type, size) and keeps
// it out of the text, so a stripped message parses like the original.
const removedHeader = "X-Rmad-Removed-Attachment"

func removedValue(a Attachment) string {
	v := mime.FormatMediaType("attachment", map[string]string{
		"filename": a.Filename, "type": a.ContentType, "size": strconv.FormatInt(a.Size, 10)})
	if v == "" {
		v = "attachment; size=" + strconv.FormatInt(a.Size, 10)
	}
	return v
}

func identityEncoding(cte string) bool {
	switch cte {
	case "", "7bit", "8bit", "binary":
		return true
	}
	return false
}

// filterHeader copies a raw header section without the fields named in
// drop (lower-case) and without its terminating blank line.
func filterHeader(hdr []byte, drop []string) []byte {
	var out bytes.Buffer
	skipping := false
	for len(hdr) > 0 {
		i := bytes.IndexByte(hdr, '\n')
		var line []byte
		if i < 0 {
			line, hdr = hdr, nil
		} else {
			line, hdr = hdr[:i+1], hdr[i+1:]
		}
		t := bytes.TrimRight(line, "\r\n")
		if len(bytes.TrimSpace(t)) == 0 {
			break // end of header
		}
		if t[0] == ' ' || t[0] == '\t' {
			if !skipping {
				out.Write(line)
			}
			continue
		}
		skipping = false
		if k, _, ok := headerLine(t); ok {
			key := strings.ToLower(string(k))
			for _, d := range drop {
				if key == d {
					skipping = true
				}
			}
		}
		if !skipping {
			out.Write(line)
			if !bytes.HasSuffix(line, []byte("\n")) {
				out.WriteString("\r\n")
			}
		}
	}
	return out.Bytes()
}
