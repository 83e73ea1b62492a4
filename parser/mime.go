package parser

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // hooks message.CharsetReader for every charset x/text knows
	"github.com/emersion/go-message/textproto"
	htmlcharset "golang.org/x/net/html/charset"
)

// splitMultipart finds the parts of a multipart body by its boundary
// (RFC 2046 section 5.1.1). It returns the [start,end) span of each part's
// content (header and body, without the line break that belongs to the next
// delimiter) and whether the close delimiter was seen. A missing close
// delimiter ends the last part at the end of the body. Only a line that is
// exactly "--boundary" or "--boundary--" (plus trailing white space) is a
// delimiter, so a boundary that is a prefix of a nested one does not clash.
//
// Only the lines that start with "--boundary" are looked at: the body is
// searched for that string (a large base64 attachment is skipped at memory
// speed, not cut into its lines), and a hit that does not start a line
// moves the search to the next line.
func splitMultipart(body []byte, boundary string) (spans [][2]int, closed bool) {
	dash := []byte("--" + boundary)
	pos := 0
	inPart := false
	partStart := 0
	for pos < len(body) {
		k := bytes.Index(body[pos:], dash)
		if k < 0 {
			break
		}
		pos += k
		if pos > 0 && body[pos-1] != '\n' {
			nl := bytes.IndexByte(body[pos:], '\n')
			if nl < 0 {
				break
			}
			pos += nl + 1
			continue
		}
		line, rest := cutLine(body[pos:])
		lineEnd := len(body) - len(rest)
		if bytes.HasPrefix(line, dash) {
			tail := line[len(dash):]
			isClose := bytes.HasPrefix(tail, []byte("--"))
			if isClose {
				tail = tail[2:]
			}
			if len(bytes.TrimSpace(tail)) == 0 {
				if inPart {
					spans = append(spans, [2]int{partStart, trimLineBreakBefore(body, partStart, pos)})
				}
				if isClose {
					return spans, true
				}
				if len(spans) >= maxParts {
					return spans, false
				}
				inPart = true
				partStart = lineEnd
			}
		}
		if rest == nil {
			break
		}
		pos = lineEnd
	}
	if inPart {
		spans = append(spans, [2]int{partStart, len(body)})
	}
	return spans, false
}

// trimLineBreakBefore returns end moved back over the CRLF or LF that
// precedes a delimiter line (it belongs to the delimiter).
func trimLineBreakBefore(body []byte, start, end int) int {
	if end > start && body[end-1] == '\n' {
		end--
		if end > start && body[end-1] == '\r' {
			end--
		}
	}
	return end
}

// guessBoundary finds a boundary for a multipart without one: the first
// line starting with "--" that looks like a delimiter.
func guessBoundary(body []byte) string {
	for len(body) > 0 {
		line, rest := cutLine(body)
		if len(line) > 2 && len(line) < 200 && line[0] == '-' && line[1] == '-' {
			b := strings.TrimRight(string(line[2:]), " \t")
			b = strings.TrimSuffix(b, "--")
			if b != "" && !strings.ContainsAny(b, " \t") {
				return b
			}
		}
		body = rest
	}
	return ""
}

// partInfo is what the walker needs to know about one entity.
type partInfo struct {
	ctype    string            // lower-case media type, "" when absent/garbled
	params   map[string]string // Content-Type parameters
	disp     string            // lower-case disposition
	filename string            // decoded file name ("" if none)
	cte      string            // lower-case Content-Transfer-Encoding
}

func partOf(h header, defaultType string) partInfo {
	ct, params := parseMediaType(h.get("Content-Type"))
	if ct == "" || !strings.Contains(ct, "/") {
		ct = defaultType
	}
	disp, dparams := parseMediaType(h.get("Content-Disposition"))
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	return partInfo{
		ctype:    ct,
		params:   params,
		disp:     disp,
		filename: strings.TrimSpace(decodeHeader(name)),
		cte:      strings.ToLower(strings.TrimSpace(h.get("Content-Transfer-Encoding"))),
	}
}

// isBodyText reports whether a leaf is body text rather than an attachment.
func (p partInfo) isBodyText() bool {
	if p.disp == "attachment" || p.filename != "" {
		return false
	}
	switch p.ctype {
	case "text/plain", "text/html", "text/enriched", "text/richtext", "text/x-plain":
		return true
	}
	return false
}

// decoded returns a reader of the part's body with the transfer encoding
// and, for text, the charset decoded by go-message. It streams: nothing is
// read until the caller reads. ok is false when the encoding or charset is
// unknown (the reader then yields the raw bytes or the undecoded charset).
func (p partInfo) decoded(body []byte, wantCharset bool) (io.Reader, bool) {
	if r, ok := p.decodedUTF8(body, wantCharset); ok {
		return r, true
	}
	var th textproto.Header
	ct := p.ctype
	if wantCharset {
		if cs := strings.TrimSpace(p.params["charset"]); cs != "" {
			if f := mime.FormatMediaType(ct, map[string]string{"charset": cs}); f != "" {
				ct = f
			}
		}
	} else if strings.HasPrefix(ct, "text/") {
		ct = "application/octet-stream"
	}
	th.Set("Content-Type", ct)
	cte := p.cte
	switch cte {
	case "", "7bit", "8bit", "binary", "7-bit", "8-bit", "none":
		cte = ""
	}
	if cte != "" {
		th.Set("Content-Transfer-Encoding", cte)
	}
	e, err := message.New(message.Header{Header: th}, bytes.NewReader(body))
	if e == nil {
		return bytes.NewReader(body), false
	}
	return e.Body, err == nil
}

// decodedUTF8 is decoded for the usual part, one that needs no charset
// conversion and has a transfer encoding go-message knows, without a
// header built and parsed again to ask it: the same readers go-message's
// message.New would choose. ok is false for any other part.
func (p partInfo) decodedUTF8(body []byte, wantCharset bool) (r io.Reader, ok bool) {
	if wantCharset {
		switch strings.ToLower(strings.TrimSpace(p.params["charset"])) {
		case "", "utf-8", "us-ascii":
		default:
			return nil, false
		}
	}
	if strings.HasPrefix(p.ctype, "multipart/") {
		return bytes.NewReader(body), true // go-message decodes no multipart
	}
	switch strings.ToLower(p.cte) {
	case "", "7bit", "8bit", "binary", "7-bit", "8-bit", "none":
		return bytes.NewReader(body), true
	case "quoted-printable":
		return quotedprintable.NewReader(bytes.NewReader(body)), true
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, blanksAsBreaks{bytes.NewReader(body)}), true
	}
	return nil, false
}

// blanksAsBreaks turns spaces and tabs into line breaks, which the base64
// decoder skips: an indented base64 body still decodes (go-message's
// whitespaceReplacingReader does the same).
type blanksAsBreaks struct{ r io.Reader }

func (b blanksAsBreaks) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	for i, c := range p[:n] {
		if c == ' ' || c == '\t' {
			p[i] = '\n'
		}
	}
	return n, err
}

// countingDiscard counts what is written to it and keeps nothing.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// decodedSize streams the decoded body into a counter and returns its size.
func (p partInfo) decodedSize(body []byte) int64 {
	if strings.EqualFold(strings.TrimSpace(p.cte), "base64") {
		// Length minus line breaks and padding: exact for well-formed base64,
		// and it never decodes a large attachment only to measure it.
		n := int64(len(body) - bytes.Count(body, []byte{'\n'}) - bytes.Count(body, []byte{'\r'}) -
			bytes.Count(body, []byte{' '}) - bytes.Count(body, []byte{'\t'}))
		t := bytes.TrimRight(body, " \t\r\n")
		pad := int64(len(t) - len(bytes.TrimRight(t, "=")))
		return max(0, n/4*3-min(pad, 2))
	}
	r, _ := p.decoded(body, false)
	var c countingDiscard
	if _, err := io.Copy(&c, r); err != nil && c.n == 0 {
		return int64(len(body))
	}
	return c.n
}

// readText decodes a text part, reading at most limit bytes, and returns
// valid UTF-8 with LF line endings.
func (p partInfo) readText(body []byte, limit int) (string, bool) {
	var b []byte
	ok := true
	if identityEncoding(p.cte) && isUTF8Charset(p.params["charset"]) {
		// Nothing to decode: the body is the text.
		b = body
		if len(b) > limit {
			b = b[:limit]
		}
	} else {
		r, dok := p.decoded(body, true)
		// Sized for the usual outcome (decoding shrinks transfer-encoded
		// text, a charset may widen it a little), where io.ReadAll would
		// start at 512 bytes and copy as it doubles.
		buf := bytes.NewBuffer(make([]byte, 0, min(len(body)+len(body)/4+bytes.MinRead, limit+bytes.MinRead)))
		_, err := buf.ReadFrom(io.LimitReader(r, int64(limit)))
		b = buf.Bytes()
		ok = dok && err == nil
	}
	if p.params["charset"] == "" || !ok {
		if !utf8.Valid(b) && p.ctype == "text/html" {
			if enc, _, _ := htmlcharset.DetermineEncoding(b, "text/html"); enc != nil {
				if d, err := enc.NewDecoder().Bytes(b); err == nil {
					b = d
				}
			}
		}
	}
	if bytes.IndexByte(b, '\r') >= 0 {
		b = lfOnly(b)
	}
	return validUTF8(string(b)), ok
}

// lfOnly returns b with CRLF and lone CR turned into LF (a new slice).
func lfOnly(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(out, b...)
		}
		out = append(out, b[:i]...)
		if i+1 >= len(b) || b[i+1] != '\n' {
			out = append(out, '\n')
		}
		b = b[i+1:]
	}
	return out
}

// isUTF8Charset reports a charset parameter whose text needs no decoding
// (UTF-8 or ASCII; invalid bytes are handled by validUTF8 afterwards).
func isUTF8Charset(cs string) bool {
	switch strings.ToLower(strings.Trim(cs, " \t\"'")) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
}
