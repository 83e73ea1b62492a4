package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/jackc/pgx/v5"

	"rmad/internal/imaptest"
	"rmad/internal/smtptest"
)

// randomBytes is n reproducible bytes of every value.
func randomBytes(n int, seed byte) []byte {
	b := make([]byte, n)
	_, _ = rand.NewChaCha8([32]byte{seed}).Read(b)
	return b
}

func b64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 76 {
		out.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	return out.String() + s + "\n"
}

// filesOf decodes the attachments of a received mail: name to bytes.
func filesOf(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	mr, err := mail.CreateReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if h, ok := p.Header.(*mail.AttachmentHeader); ok {
			name, _ := h.Filename()
			b, err := io.ReadAll(p.Body)
			if err != nil {
				t.Fatal(err)
			}
			out[name] = b
		}
	}
}

func mailTo(t *testing.T, got []smtptest.Received, to string) smtptest.Received {
	t.Helper()
	for i := len(got) - 1; i >= 0; i-- {
		if got[i].To[0] == to {
			return got[i]
		}
	}
	t.Fatalf("no mail to %s among %d", to, len(got))
	return smtptest.Received{}
}

// customerWithFiles is a customer's mail with a photo, a log whose bytes
// no text decoder may touch, and an HTML body.
func customerWithFiles(photo, logBytes []byte) string {
	return "From: Alice Martin <" + custAddr + ">\nTo: " + deskSupport + "\nSubject: NAS makes a clicking noise\n" +
		"Date: Mon, 30 Nov 2026 09:00:00 +0000\nMessage-ID: <files-1@customer.example>\nMIME-Version: 1.0\n" +
		"Content-Type: multipart/mixed; boundary=\"outer\"\n\n" +
		"--outer\nContent-Type: text/plain; charset=utf-8\n\nHello, photo and log attached. Model TS-873A, serial Q21B07654.\n" +
		"--outer\nContent-Type: image/jpeg; name=\"front panel.jpg\"\nContent-Disposition: attachment; filename=\"front panel.jpg\"\n" +
		"Content-Transfer-Encoding: base64\n\n" + b64(photo) +
		"--outer\nContent-Type: application/octet-stream; name=\"dmesg.log\"\nContent-Disposition: attachment; filename=\"dmesg.log\"\n" +
		"Content-Transfer-Encoding: base64\n\n" + b64(logBytes) +
		"--outer--\n"
}

// TestFilesBothWaysThroughTheRealServers: a customer's files reach the
// agents, an agent's file reaches the customer, byte for byte, through
// Dovecot, the desk and SMTP; the agent's signature logo stays behind, the
// outbox holds references, and the CLI writes the stored files back out.
func TestFilesBothWaysThroughTheRealServers(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	w.serveInProcess()
	photo, logBytes, label, logo := randomBytes(300_000, 1), append([]byte("ata1: failed\r\n\x00\xff\r"), randomBytes(999, 2)...), randomBytes(120_000, 3), randomBytes(4000, 4)

	w.deliver(deskSupport, customerWithFiles(photo, logBytes))
	got := w.waitMails(2, 30*time.Second)
	notice, ack := mailTo(t, got, deskAgent), mailTo(t, got, custAddr)
	files := filesOf(t, notice.Data)
	if len(files) != 2 || !bytes.Equal(files["front panel.jpg"], photo) || !bytes.Equal(files["dmesg.log"], logBytes) {
		t.Fatalf("the agent notice carries %d files, not the customer's two byte for byte", len(files))
	}
	if !strings.Contains(string(notice.Data), "Attached from the customer: front panel.jpg (image/jpeg, 292 KB), dmesg.log") {
		t.Errorf("the notice does not list the files:\n%.1500s", notice.Data)
	}
	if len(filesOf(t, ack.Data)) != 0 {
		t.Error("the customer's files went back to the customer")
	}
	nh := header(t, notice)
	noticeID, _ := nh.MessageID()

	// The agent answers with a return label; the HTML signature's logo is
	// shown in place and is not a file for the customer.
	w.deliver(deskSupport, "From: Dana <"+deskAgent+">\nTo: "+deskSupport+"\nSubject: Re: [TKT-100001] New support ticket\n"+
		"Message-ID: <agent-1@desk.example>\nIn-Reply-To: <"+noticeID+">\nMIME-Version: 1.0\n"+
		"Content-Type: multipart/mixed; boundary=\"m\"\n\n"+
		"--m\nContent-Type: multipart/related; boundary=\"r\"\n\n"+
		"--r\nContent-Type: text/html; charset=utf-8\n\n<p>Label attached, print it and stick it on the box.</p><p><img src=\"cid:logo@desk\"> Dana</p>\n"+
		"--r\nContent-Type: image/png; name=logo.png\nContent-ID: <logo@desk>\nContent-Disposition: inline; filename=logo.png\nContent-Transfer-Encoding: base64\n\n"+b64(logo)+
		"--r--\n"+
		"--m\nContent-Type: application/pdf; name=\"return-label.pdf\"\nContent-Disposition: attachment; filename=\"return-label.pdf\"\n"+
		"Content-Transfer-Encoding: base64\n\n"+b64(label)+
		"--m--\n")
	got = w.waitMails(3, 30*time.Second)
	relay := mailTo(t, got, custAddr)
	rh := header(t, relay)
	if files := filesOf(t, relay.Data); len(files) != 1 || !bytes.Equal(files["return-label.pdf"], label) {
		t.Fatalf("the relay carries %d files, want the label byte for byte", len(files))
	}
	ah := header(t, ack)
	ackID, _ := ah.MessageID()
	if rh.Get("In-Reply-To") != "<"+ackID+">" || !strings.Contains(rh.Get("References"), "<files-1@customer.example>") || !strings.Contains(string(relay.Data), "Label attached") {
		t.Fatalf("relay: In-Reply-To %q\n%.800s", rh.Get("In-Reply-To"), relay.Data)
	}

	ctx := context.Background()
	db, err := pgx.Connect(ctx, w.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	// Stored once: the outbox names the files, it does not copy them.
	var refs, biggest int
	var msgID int64
	if err := db.QueryRow(ctx, `SELECT sum(jsonb_array_length(files)), max(pg_column_size(files) + pg_column_size(attachments)),
		(SELECT id FROM messages WHERE message_id = 'files-1@customer.example') FROM outbox`).Scan(&refs, &biggest, &msgID); err != nil {
		t.Fatal(err)
	}
	if refs != 3 || biggest > 1000 {
		t.Fatalf("outbox: %d file references, largest file columns %d bytes", refs, biggest)
	}

	dir := t.TempDir()
	environ := []string{"RMAD_DATABASE_URL=" + w.dbURL}
	code, out, errOut := runCLI(t, environ, "message", "attachments", "--config", w.cfgFile, fmt.Sprint(msgID), "--out", dir)
	if code != 0 {
		t.Fatalf("rmad message attachments: %d %s %s", code, out, errOut)
	}
	for name, want := range map[string][]byte{"front panel.jpg": photo, "dmesg.log": logBytes} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(b, want) {
			t.Errorf("%s written by the CLI: %d bytes, %v", name, len(b), err)
		}
	}
	// Nothing is overwritten.
	if code, _, _ := runCLI(t, environ, "message", "attachments", "--config", w.cfgFile, "<files-1@customer.example>", "--out", dir); code == 0 {
		t.Error("a second write into the same directory overwrote the files")
	}
	_, list, _ := runCLI(t, environ, "message", "attachments", "--config", w.cfgFile, "files-1@customer.example")
	if !strings.Contains(list, "300000") || !strings.Contains(list, "front panel.jpg") || !strings.Contains(list, "TKT-100001") {
		t.Errorf("listing:\n%s", list)
	}
}

// TestFilesOverTheNoticeLimitAreListed: a file larger than
// notice_attachment_limit is not carried; the notice names it with its size
// and the command that writes it out.
func TestFilesOverTheNoticeLimitAreListed(t *testing.T) {
	w := newWorld(t, imaptest.Mem(t))
	w.cfgText = strings.Replace(w.cfgText, "listen = \"\"\n", "listen = \"\"\nnotice_attachment_limit = 100000\n", 1)
	w.serveInProcess()
	photo, logBytes := randomBytes(300_000, 1), randomBytes(2000, 2)
	w.deliver(deskSupport, customerWithFiles(photo, logBytes))
	notice := mailTo(t, w.waitMails(2, 30*time.Second), deskAgent)
	files := filesOf(t, notice.Data)
	if len(files) != 1 || !bytes.Equal(files["dmesg.log"], logBytes) {
		t.Fatalf("the notice carries %d files, want only the log", len(files))
	}
	body := string(notice.Data)
	body = strings.ReplaceAll(body, "=\r\n", "")
	if !strings.Contains(body, "Not attached (over the notice limit): front panel.jpg (image/jpeg, 292 KB)") ||
		!strings.Contains(body, "rmad message attachments 1 --out DIR") {
		t.Fatalf("the held file is not listed:\n%.2000s", body)
	}
}
