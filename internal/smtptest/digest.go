package smtptest

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"github.com/emersion/go-message/mail"
)

// DigestAttachments is an Options.Consume that keeps, of each message, only
// a line per attachment: its file name, decoded size and SHA-256, computed
// as the data streams in. A test of a large file checks it byte for byte
// without the sink holding it.
func DigestAttachments(r io.Reader) ([]byte, error) {
	mr, err := mail.CreateReader(r)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return out.Bytes(), nil
		}
		if err != nil {
			return nil, err
		}
		if h, ok := p.Header.(*mail.AttachmentHeader); ok {
			name, _ := h.Filename()
			sum := sha256.New()
			n, err := io.Copy(sum, p.Body)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&out, "%s %d %x\n", name, n, sum.Sum(nil))
		}
	}
}
