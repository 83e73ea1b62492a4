package mailout_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"rmad/internal/smtptest"
	"rmad/mailout"
)

// noise is n reproducible bytes of every value, made as they are read: the
// test itself holds none of a 20 MB file.
type noise struct {
	r    *rand.ChaCha8
	left int64
}

func newNoise(n int64) *noise { return &noise{r: rand.NewChaCha8([32]byte{7}), left: n} }

func (z *noise) Read(p []byte) (int, error) {
	if z.left == 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), z.left)]
	_, _ = z.r.Read(p)
	z.left -= int64(len(p))
	return len(p), nil
}

// TestLargeFileIsStreamed sends a mail carrying a 20 MB file read from its
// source as the mail is written: it arrives byte for byte, and sending it
// allocates a small fraction of its size (the file is never held whole,
// decoded or encoded).
func TestLargeFileIsStreamed(t *testing.T) {
	const size = 20 << 20
	h := newHarness(t, smtptest.Options{Consume: smtptest.DigestAttachments})
	h.cfg.Timeout = time.Minute // 27 MB on the wire, under the race detector
	m := mailTo(1, "jorg@customer.example")
	opened := 0
	m.Files = func(context.Context) ([]mailout.Attachment, error) {
		return []mailout.Attachment{{Filename: "full-dump.bin", ContentType: "application/octet-stream",
			Open: func() io.Reader { opened++; return newNoise(size) }}}, nil
	}
	h.q.add(m)
	want := sha256.New()
	if _, err := io.Copy(want, newNoise(size)); err != nil {
		t.Fatal(err)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if n, err := h.sendDue(); n != 1 || err != nil {
		t.Fatalf("sent %d, err %v", n, err)
	}
	runtime.ReadMemStats(&after)
	wantCalls(t, h.q, 1, "sent")
	got := h.sink.Messages()
	if len(got) != 1 || string(got[0].Data) != fmt.Sprintf("full-dump.bin %d %x\n", size, want.Sum(nil)) {
		t.Fatalf("the sink saw %q", got[0].Data)
	}
	if opened != 1 {
		t.Errorf("the file was opened %d times, want once", opened)
	}
	// The sender, go-mail, the SMTP client and the sink's decoder together;
	// holding the file once would be 20 MB, encoded 27 MB.
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("sending a %d MB file allocated %.1f MB", size>>20, float64(alloc)/(1<<20))
	if alloc > size/2 {
		t.Error("the file was held in memory")
	}
}

// TestFilesThatCannotBeReadAreRetriedOrFailed: a database hiccup is retried,
// a file whose stored message is gone fails the mail at once.
func TestFilesThatCannotBeReadAreRetriedOrFailed(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	hiccup, gone := mailTo(1, "a@customer.example"), mailTo(2, "b@customer.example")
	hiccup.Files = func(context.Context) ([]mailout.Attachment, error) { return nil, errors.New("connection reset") }
	gone.Files = func(context.Context) ([]mailout.Attachment, error) {
		return nil, fmt.Errorf("%w: stored message 9 is gone", mailout.ErrInvalidMail)
	}
	h.q.add(hiccup)
	h.q.add(gone)
	if n, _ := h.sendDue(); n != 0 {
		t.Fatalf("sent %d", n)
	}
	wantCalls(t, h.q, 1, "retry")
	wantCalls(t, h.q, 2, "fail")
	if len(h.sink.Messages()) != 0 {
		t.Error("a mail without its files went out")
	}
}

// TestStreamedFileRendersAsSent: what `rmad outbox show` prints is the very
// bytes the server receives, files included, and the file decodes exactly.
func TestStreamedFileRendersAsSent(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	data := make([]byte, 5000)
	_, _ = io.ReadFull(newNoise(5000), data)
	m := mailTo(1, "jorg@customer.example")
	m.Cc = []string{"kim@customer.example"}
	file := mailout.Attachment{Filename: "label.pdf", ContentType: "application/pdf", Open: func() io.Reader { return bytes.NewReader(data) }}
	m.Files = func(context.Context) ([]mailout.Attachment, error) { return []mailout.Attachment{file}, nil }
	h.q.add(m)
	if n, err := h.sendDue(); n != 1 || err != nil {
		t.Fatalf("sent %d, err %v", n, err)
	}
	got := h.sink.Messages()
	if len(got) != 1 || fmt.Sprint(got[0].To) != "[jorg@customer.example kim@customer.example]" {
		t.Fatalf("envelope %+v", got)
	}
	shown := m
	shown.Files, shown.Attachments = nil, []mailout.Attachment{file}
	raw, err := mailout.Render(shown)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, got[0].Data) {
		t.Fatalf("Render differs from what was sent:\n%s\n---\n%s", raw, got[0].Data)
	}
	sum, err := smtptest.DigestAttachments(bytes.NewReader(raw))
	if err != nil || string(sum) != fmt.Sprintf("label.pdf 5000 %x\n", sha256.Sum256(data)) {
		t.Fatalf("file in the mail: %q %v", sum, err)
	}
	for _, l := range bytes.Split(raw, []byte("\r\n")) {
		if len(l) > 78 {
			t.Fatalf("line of %d characters: %q", len(l), l)
		}
	}
}

type failingReader struct{ left int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, errors.New("disk on fire")
	}
	n := min(len(p), r.left)
	for i := range p[:n] {
		p[i] = 'x'
	}
	r.left -= n
	return n, nil
}

// TestAFileFailingMidwayIsNeverSentCutShort: a file that fails while the
// mail is being written drops the connection, so the server never gets the
// final dot and never accepts the mail cut short; the mail is retried.
func TestAFileFailingMidwayIsNeverSentCutShort(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	m := mailTo(1, "jorg@customer.example")
	m.Files = func(context.Context) ([]mailout.Attachment, error) {
		return []mailout.Attachment{{Filename: "x.bin", Open: func() io.Reader { return &failingReader{left: 100_000} }}}, nil
	}
	h.q.add(m)
	if n, _ := h.sendDue(); n != 0 {
		t.Fatalf("sent %d", n)
	}
	wantCalls(t, h.q, 1, "retry")
	time.Sleep(200 * time.Millisecond) // let the sink notice the dropped connection
	if got := h.sink.Messages(); len(got) != 0 {
		t.Fatalf("the server accepted %d mails cut short:\n%.300s", len(got), got[0].Data)
	}
}
