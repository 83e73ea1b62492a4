package main

// Attacks on issue 12's files: `rmad message attachments` fed hostile file
// names, and the sender fed an attachment that does not decode. Tests
// marked HOLE fail today and say what should happen.

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/internal/imaptest"
	"rmad/parser"
	"rmad/store"
)

// rawWithFiles is a customer's mail with one small base64 file per name
// (RFC 2231 filename*, so any bytes can be named).
func rawWithFiles(names ...string) []byte {
	var b strings.Builder
	b.WriteString("From: alice@customer.example\r\nTo: support@desk.example\r\nSubject: files\r\nMessage-ID: <af-1@customer.example>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfiles\r\n")
	for _, n := range names {
		b.WriteString("--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=utf-8''" +
			pctEncode(n) + "\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD\r\n")
	}
	b.WriteString("--b--\r\n")
	return []byte(b.String())
}

func pctEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		}
	}
	return b.String()
}

func writeAll(t *testing.T, names ...string) (string, []string, error) {
	t.Helper()
	dir := t.TempDir()
	files := parser.Files(rawWithFiles(names...))
	if len(files) != len(names) {
		t.Fatalf("setup: %d files parsed, want %d", len(files), len(names))
	}
	var out bytes.Buffer
	err := writeFiles(&cliEnv{stdout: &out, stderr: &out}, dir, files)
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	return dir, got, err
}

// HOLE: a file name of 120 CJK characters (360 bytes in UTF-8) is cut to
// 120 runes, still over the 255 bytes a Linux file name may have, so
// `rmad message attachments ID --out DIR` fails ("file name too long") and
// writes none of the files after it. A Japanese customer's long but
// ordinary name is enough. Expected: names are cut to fit in bytes
// (255, minus room for the "N-" prefix), and every file is written.
func TestAttackFilesLongUnicodeNameStopsTheWrite(t *testing.T) {
	long := strings.Repeat("障害報告", 40) + ".log" // 160 characters, 484 bytes
	_, got, err := writeAll(t, long, "after.txt")
	if err != nil || len(got) != 2 {
		t.Errorf("HOLE: writing a file with a 120-character Japanese name: %v; written %q (want both files)", err, got)
	}
}

// HOLE: a collision is solved by prefixing the file's number, but the
// prefixed name is not checked against the names already used, so a
// customer naming a file "3-a.txt" before two files named "a.txt" makes
// the third collide with the first: the write stops with "file exists".
// Expected: every file written, each under a distinct name.
func TestAttackFilesCraftedCollisionStopsTheWrite(t *testing.T) {
	_, got, err := writeAll(t, "3-a.txt", "a.txt", "a.txt", "last.txt")
	if err != nil || len(got) != 4 {
		t.Errorf("HOLE: crafted names: %v; written %q (want all four)", err, got)
	}
}

// Refused: traversal, absolute paths, dot names, control characters and
// CRLF stay inside DIR under safe names, and nothing is overwritten
// through a symlink planted in DIR.
func TestAttackFilesTraversalStaysInDir(t *testing.T) {
	dir, got, err := writeAll(t, "../../escape.txt", "/etc/passwd", "..\\..\\win.txt", "..", ".", ".bashrc", "a\r\nb\x1b[2J.txt", "C:evil.txt")
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	if len(got) != 8 {
		t.Errorf("written %q", got)
	}
	for _, n := range got {
		if strings.ContainsAny(n, "/\\:\r\n\x1b") || strings.HasPrefix(n, ".") {
			t.Errorf("unsafe name written: %q", n)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(dir)), "escape.txt")); err == nil {
		t.Error("a file escaped the directory")
	}
	// A symlink in DIR named like the file is not followed.
	dir2 := t.TempDir()
	target := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(target, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir2, "x.txt")); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_ = writeFiles(&cliEnv{stdout: &out, stderr: &out}, dir2, parser.Files(rawWithFiles("x.txt")))
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("a file was written through a symlink: %q", b)
	}
}

// HOLE (low): the listing prints the sender's file name as sent, so an
// RFC 2047/2231 name carrying ESC sequences reaches the operator's
// terminal (clear screen, retitle, fake lines), and a right-to-left
// override (U+202E) survives safeFileName ("no control characters"):
// "report\u202Efdp.exe" is shown and written as "reportexe.pdf" reversed.
// Expected: the listing and the written names carry no C0/C1 controls and
// no bidirectional overrides.
func TestAttackFilesNamesCarryTerminalAndBidiControls(t *testing.T) {
	files := parser.Files(rawWithFiles("a\x1b]0;owned\x07\x1b[2Jb.txt", "report\u202Efdp.exe"))
	var out bytes.Buffer
	if err := listFiles(&cliEnv{stdout: &out, stderr: &out}, store.StoredMessage{ID: 1, From: "alice@customer.example"}, files, false); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\x07\u202e") {
		t.Errorf("HOLE: the listing prints control characters to the terminal: %q", out.String())
	}
	if n := safeFileName("report\u202Efdp.exe"); strings.ContainsRune(n, '\u202e') {
		t.Errorf("HOLE: safeFileName keeps a right-to-left override: %q", n)
	}
}

// HOLE: an attachment whose base64 does not decode ("QUJD!!!!") is
// carried by reference on the agent notice; the sender streams it inside
// DATA and the decoder errors mid-mail. sendStreamed returns without
// closing DATA, but the next command on the connection (QUIT, or the next
// mail's MAIL FROM) makes net/textproto close the open dot-writer: the
// server receives ".", accepts the truncated mail (no closing boundary, a
// cut file) and the agents get it; meanwhile the row counts as a broken
// session, so it is queued again (and the rest of its batch with it) and
// delivered truncated again on every retry, up to max attempts. Expected:
// a file that does not decode is carried as the bytes that decode (or
// listed as unreadable) and the notice is sent once, whole, and marked
// sent; a mid-DATA failure must never end in a "." that commits the mail.
func TestAttackFilesCorruptBase64SendsTruncatedNoticeRepeatedly(t *testing.T) {
	w := newWorld(t, imaptest.Mem(t))
	w.serveInProcess()
	w.deliver(deskSupport, "From: Alice <"+custAddr+">\nTo: "+deskSupport+"\nSubject: NAS clicks\nMessage-ID: <bad-b64@customer.example>\n"+
		"Date: Mon, 30 Nov 2026 09:00:00 +0000\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"o\"\n\n"+
		"--o\nContent-Type: text/plain\n\nLog attached. Model TS-873A.\n"+
		"--o\nContent-Type: application/octet-stream; name=\"dmesg.log\"\nContent-Disposition: attachment; filename=\"dmesg.log\"\n"+
		"Content-Transfer-Encoding: base64\n\nQUJD!!!!$$$$REVGR0hJ\n--o--\n")
	got := w.waitMails(2, 30*time.Second)
	notice := mailTo(t, got, deskAgent)
	ctx := context.Background()
	db, err := pgx.Connect(ctx, w.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	var status, lastErr string
	var attempts int
	deadline := time.Now().Add(5 * time.Second)
	for {
		if err := db.QueryRow(ctx, `SELECT status, attempts, last_error FROM outbox WHERE template = 'agent_new'`).Scan(&status, &attempts, &lastErr); err != nil {
			t.Fatal(err)
		}
		if status != "sending" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	h := header(t, notice)
	_, params, _ := h.ContentType()
	if b := params["boundary"]; !strings.Contains(string(notice.Data), "--"+b+"--") {
		t.Errorf("HOLE: the agents received a truncated notice (no closing boundary %q):\n%s", b, notice.Data)
	}
	if status != "sent" {
		t.Errorf("HOLE: the notice was delivered, yet its row is %s after %d attempts (%q): it will be sent again", status, attempts, lastErr)
	}
}
