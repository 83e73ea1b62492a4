package mailout

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net/textproto"

	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// stream is a file written into the mail as it is sent: marker is the
// base64 line go-mail wrote in its place.
type stream struct {
	marker string
	open   func() io.Reader
}

// marker is the stand-in content of streamed file i: 45 bytes, one base64
// line of 60 characters, unguessable without the mail's Message-ID.
func marker(m Mail, i int) []byte {
	return fmt.Appendf(nil, "rmad-file-%02d-%x", i, sha256.Sum256([]byte(m.MessageID+"\x00file")))[:45]
}

// expand writes the framed mail to w with each marker line replaced by its
// file, base64 in lines of 76 characters (RFC 2045 section 6.8).
func expand(w io.Writer, frame []byte, streams []stream) error {
	rest := frame
	for _, s := range streams {
		at := bytes.Index(rest, []byte("\r\n\r\n"+s.marker+"\r\n"))
		if at < 0 {
			return fmt.Errorf("mailout: streamed file missing from the rendered mail")
		}
		at += 4
		if _, err := w.Write(rest[:at]); err != nil {
			return err
		}
		lw := &lineWriter{w: w}
		enc := base64.NewEncoder(base64.StdEncoding, lw)
		if _, err := io.Copy(enc, s.open()); err != nil {
			return fmt.Errorf("mailout: read streamed file: %w", err)
		}
		if err := enc.Close(); err != nil {
			return err
		}
		rest = rest[at+len(s.marker):]
	}
	_, err := w.Write(rest)
	return err
}

// lineWriter breaks a base64 stream into lines of 76 characters, with no
// line break after the last one (the frame has it).
type lineWriter struct {
	w   io.Writer
	col int
}

func (l *lineWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		if l.col == 76 {
			if _, err := l.w.Write(crlfDot[:2]); err != nil {
				return n, err
			}
			l.col = 0
		}
		k := min(len(p), 76-l.col)
		if _, err := l.w.Write(p[:k]); err != nil {
			return n, err
		}
		l.col += k
		n += k
		p = p[k:]
	}
	return n, nil
}

// sendStreamed sends a mail with streamed files by the SMTP commands
// go-mail would use, writing the frame and the files straight into DATA.
// The error is the server's reply when there is one (a *textproto.Error).
func sendStreamed(conn *gosmtp.Client, msg *gomail.Msg, frame []byte, streams []stream) error {
	from, err := msg.GetSender(false)
	if err != nil {
		return err
	}
	rcpts, err := msg.GetRecipients()
	if err != nil {
		return err
	}
	if err := conn.Mail(from); err != nil {
		_ = conn.Reset()
		return err
	}
	for _, r := range rcpts {
		if err := conn.Rcpt(r); err != nil {
			_ = conn.Reset()
			return err
		}
	}
	// DATA by hand (as go-mail's Data does, with textproto's exported
	// calls) so that the mail goes through dataWriter, not go-mail's
	// DataCloser over textproto's byte-at-a-time DotWriter.
	id, err := conn.Text.Cmd("DATA")
	if err != nil {
		return err
	}
	conn.Text.StartResponse(id)
	_, _, err = conn.Text.ReadResponse(354)
	conn.Text.EndResponse(id)
	if err != nil {
		// The transaction (MAIL, RCPT) is still open: without RSET the
		// next mail's MAIL FROM would be refused as nested.
		_ = conn.Reset()
		return err
	}
	dw := &dataWriter{w: conn.Text.W}
	if err := expand(dw, frame, streams); err != nil {
		// Drop the connection: closing the DATA writer, or any later
		// command on it, would send the final dot, and the server would
		// accept the mail cut short.
		_ = conn.Close()
		return err
	}
	if err := dw.Close(); err != nil {
		return err
	}
	_, _, err = conn.Text.ReadResponse(250)
	return err
}

// dataWriter writes the DATA of a mail to the session's buffer exactly as
// textproto's DotWriter does (the same bytes for any input: a dot at the
// start of a line doubled, a bare LF sent as CRLF, the final dot line on
// Close), but copies the runs between line ends at once instead of one
// byte at a time: a streamed file is many kilobytes, and the per-byte
// writer was a visible share of the sender's CPU.
type dataWriter struct {
	w     *bufio.Writer
	state int
}

// dataWriter states, as textproto's.
const (
	dwBegin     = iota // nothing written yet
	dwBeginLine        // at the start of a line
	dwCR               // just wrote a CR
	dwData             // inside a line
)

var crlfDot = []byte("\r\n.\r\n")

func (d *dataWriter) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		switch d.state {
		case dwBegin, dwBeginLine:
			d.state = dwData
			if p[n] == '.' {
				if err := d.w.WriteByte('.'); err != nil {
					return n, err
				}
			}
		case dwCR:
			d.state = dwData
			if p[n] == '\n' {
				d.state = dwBeginLine
			}
			if err := d.w.WriteByte(p[n]); err != nil {
				return n, err
			}
			n++
			continue
		}
		// Inside a line: copy up to the next CR or LF.
		rest := p[n:]
		end := bytes.IndexByte(rest, '\r')
		if end < 0 {
			end = len(rest)
		}
		if lf := bytes.IndexByte(rest[:end], '\n'); lf >= 0 {
			end = lf
		}
		if _, err := d.w.Write(rest[:end]); err != nil {
			return n, err
		}
		n += end
		if n == len(p) {
			break
		}
		c := p[n]
		if c == '\r' {
			d.state = dwCR
		} else { // a bare LF: sent as CRLF
			if err := d.w.WriteByte('\r'); err != nil {
				return n, err
			}
			d.state = dwBeginLine
		}
		if err := d.w.WriteByte(c); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Close ends the data with CRLF (unless at the start of a line), the dot
// line, and flushes, as textproto's DotWriter does.
func (d *dataWriter) Close() error {
	var tail []byte
	switch d.state {
	case dwBeginLine:
		tail = crlfDot[2:]
	case dwCR:
		tail = crlfDot[1:]
	default:
		tail = crlfDot
	}
	if _, err := d.w.Write(tail); err != nil {
		return err
	}
	return d.w.Flush()
}

// classifyStreamed is classify for sendStreamed's error.
func classifyStreamed(err error) (outcome, int) {
	if err == nil {
		return outSent, 0
	}
	te, ok := err.(*textproto.Error)
	if !ok {
		return outBroken, 0
	}
	switch {
	case te.Code == 530:
		return outBroken, te.Code
	case te.Code >= 500 && te.Code < 600:
		return outFail, te.Code
	case te.Code >= 400 && te.Code < 500:
		return outRetry, te.Code
	}
	return outBroken, 0
}
