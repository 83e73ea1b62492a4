package mailout

import (
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
			if _, err := l.w.Write([]byte("\r\n")); err != nil {
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
	wc, err := conn.Data()
	if err != nil {
		return err
	}
	if err := expand(wc, frame, streams); err != nil {
		// Drop the connection: closing the DATA writer, or any later
		// command on it, would send the final dot, and the server would
		// accept the mail cut short.
		_ = conn.Close()
		return err
	}
	return wc.Close()
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
