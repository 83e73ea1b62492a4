package parser

import (
	"bytes"
	"encoding/base64"
	"io"
	"strings"
	"testing"
)

// blob is bytes no text decoder would leave alone: every byte value, CR and
// LF included.
func blob(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/256)
	}
	return b
}

func b64Lines(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	out.WriteString(s + "\r\n")
	return out.String()
}

func TestFilesFindsAttachmentsByteExact(t *testing.T) {
	pdf, png := blob(70000), blob(3000)
	raw := "From: a@example.com\r\nSubject: logs\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: multipart/related; boundary=\"b2\"\r\n\r\n" +
		"--b2\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>see <img src=\"cid:logo@x\"></p>\r\n" +
		"--b2\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64Lines(png) +
		"--b2--\r\n" +
		"--b1\r\nContent-Type: application/pdf; name=\"label.pdf\"\r\nContent-Disposition: attachment; filename=\"label.pdf\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + b64Lines(pdf) +
		"--b1\r\nContent-Type: text/plain; charset=iso-8859-1; name=\"dmesg.txt\"\r\nContent-Disposition: attachment; filename=\"dmesg.txt\"\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n\r\nerr=3D5 caf=E9\r\n" +
		"--b1\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n" +
		"--b1--\r\n"
	files := Files([]byte(raw))
	if len(files) != 3 {
		t.Fatalf("files = %+v, want logo, label.pdf, dmesg.txt", files)
	}
	want := []struct {
		name, ctype string
		inline      bool
		data        []byte
	}{
		{"", "image/png", true, png},
		{"label.pdf", "application/pdf", false, pdf},
		{"dmesg.txt", "text/plain", false, []byte("err=5 caf\xe9")},
	}
	for i, w := range want {
		f := files[i]
		if f.Index != i+1 || f.Filename != w.name || f.ContentType != w.ctype || f.Inline != w.inline {
			t.Errorf("file %d = %+v, want %+v", i, f, w)
		}
		for range 2 { // Open starts over each time
			got, err := io.ReadAll(f.Open())
			if err != nil || !bytes.Equal(got, w.data) {
				t.Fatalf("file %d: %d bytes (err %v), want %d bytes exactly", i, len(got), err, len(w.data))
			}
		}
		if f.Size != int64(len(w.data)) && w.ctype != "text/plain" {
			t.Errorf("file %d size %d, want %d", i, f.Size, len(w.data))
		}
	}
}

func TestFilesSkipsWhatNoOneAttached(t *testing.T) {
	bounce := "From: MAILER-DAEMON@x\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n" +
		"--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n" +
		"--r\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n" +
		"--r\r\nContent-Type: message/rfc822\r\n\r\nFrom: desk@x\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--q--\r\n" +
		"--r--\r\n"
	if f := Files([]byte(bounce)); len(f) != 0 {
		t.Errorf("a bounce's returned mail gave files %+v", f)
	}
	withFile := "From: a@x\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nhi\r\n" +
		"--m\r\nContent-Type: application/zip; name=logs.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64Lines(blob(500)) + "--m--\r\n"
	stripped, dropped, err := StripAttachments([]byte(withFile))
	if err != nil || len(dropped) != 1 {
		t.Fatalf("strip: %v %+v", err, dropped)
	}
	if f := Files(stripped); len(f) != 0 {
		t.Errorf("a stripped message still lists files %+v", f)
	}
	if f := Files([]byte("From: a@x\r\n\r\njust text\r\n")); len(f) != 0 {
		t.Errorf("plain text gave files %+v", f)
	}
}

func TestFilesOfAForwardedMessage(t *testing.T) {
	raw := "From: a@x\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nfwd below\r\n" +
		"--m\r\nContent-Type: message/rfc822\r\n\r\nFrom: b@y\r\nSubject: photo\r\nContent-Type: multipart/mixed; boundary=n\r\n\r\n" +
		"--n\r\nContent-Type: text/plain\r\n\r\nphoto attached\r\n--n\r\nContent-Type: image/jpeg; name=front.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		b64Lines(blob(900)) + "--n--\r\n" +
		"--m\r\nContent-Type: message/rfc822; name=orig.eml\r\nContent-Disposition: attachment; filename=orig.eml\r\n\r\nFrom: c@z\r\n\r\nbody\r\n" +
		"--m--\r\n"
	f := Files([]byte(raw))
	if len(f) != 2 || f[0].Filename != "front.jpg" || f[1].Filename != "orig.eml" || f[1].ContentType != "message/rfc822" {
		t.Fatalf("files = %+v", f)
	}
	got, _ := io.ReadAll(f[0].Open())
	if !bytes.Equal(got, blob(900)) {
		t.Error("forwarded photo not byte-exact")
	}
}
