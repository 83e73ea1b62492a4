package mailin

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bigMsg is a message of about n bytes whose body holds 8-bit bytes and long
// lines, so a read that stops early, pads or rewrites line ends shows.
func bigMsg(i, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: big%d@example.net\r\nTo: support@example.com\r\nSubject: big %d\r\nMessage-ID: <big%d@example.net>\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n", i, i, i)
	line := strings.Repeat("Stra\xdfe \xe9t\xe9 ", 70) + "\r\n"
	for b.Len() < n {
		b.WriteString(line)
	}
	return b.Bytes()
}

// TestFetchKeepsEveryByte fetches one batch of very different sizes (a bare
// header, 3 MB, a small one) and checks each arrives byte for byte with its
// INTERNALDATE: the watcher reads each literal into a buffer of its
// announced size instead of go-imap's Collect.
func TestFetchKeepsEveryByte(t *testing.T) {
	forEach(t, bothKinds, func(t *testing.T, srv server) {
		raws := [][]byte{
			[]byte("From: bare@example.net\r\nTo: support@example.com\r\nSubject: bare\r\nMessage-ID: <bare@example.net>\r\n\r\n"),
			bigMsg(1, 3<<20),
			rawMsg(3, "small"),
			bigMsg(4, 200<<10),
		}
		uids := appendMsgs(t, srv, "INBOX", raws...)
		sink := newMemSink()
		opts := testOptions(t, nil)
		opts.Workers = 2
		r := start(t, NewWatcher(testMailbox(srv), sink, opts))
		got := settle(t, srv, r, sink)
		if len(got) != len(raws) {
			t.Fatalf("delivered %d messages, want %d", len(got), len(raws))
		}
		byUID := map[uint32]Message{}
		for _, m := range got {
			byUID[m.UID] = m
		}
		for i, uid := range uids {
			m, ok := byUID[uid]
			if !ok {
				t.Fatalf("uid %d not delivered", uid)
			}
			if !bytes.Equal(m.Raw, raws[i]) {
				t.Errorf("uid %d: %d bytes delivered, want the %d appended", uid, len(m.Raw), len(raws[i]))
			}
			if m.InternalDate.IsZero() || time.Since(m.InternalDate) > time.Hour {
				t.Errorf("uid %d: internal date %v", uid, m.InternalDate)
			}
		}
	})
}

// sizedReader is a literal: bytes and the size the server announced.
type sizedReader struct {
	io.Reader
	size int64
}

func (s sizedReader) Size() int64 { return s.size }

// TestReadLiteralDistrustsTheSize: an announced size beyond maxPresize is not
// allocated up front (the buffer grows as bytes come), and a literal shorter
// than announced is an error, not a message padded with zeros.
func TestReadLiteralDistrustsTheSize(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b, err := readLiteral(sizedReader{strings.NewReader("abc"), 1 << 40})
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Errorf("1 TB announced, 3 bytes sent: %q, nil error; want an error", b)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 2*maxPresize {
		t.Errorf("1 TB announced: %d bytes allocated, want at most %d", grew, 2*maxPresize)
	}
	if b, err := readLiteral(sizedReader{strings.NewReader("abc"), 10}); err == nil {
		t.Errorf("short literal: %q, nil error; want an error", b)
	}
	big := bytes.Repeat([]byte("x"), maxPresize+12345)
	if b, err := readLiteral(sizedReader{bytes.NewReader(big), int64(len(big))}); err != nil || !bytes.Equal(b, big) {
		t.Errorf("literal past maxPresize: %d bytes, %v; want all %d", len(b), err, len(big))
	}
	if b, err := readLiteral(sizedReader{strings.NewReader(""), 0}); err != nil || b == nil || len(b) != 0 {
		t.Errorf("empty literal: %q, %v; want an empty message", b, err)
	}
}

// BenchmarkReadLiteral reads a 1 MB literal the way the watcher does and the
// way go-imap's Collect does (io.ReadAll).
func BenchmarkReadLiteral(b *testing.B) {
	raw := bigMsg(1, 1<<20)
	b.Run("sized", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if _, err := readLiteral(sizedReader{bytes.NewReader(raw), int64(len(raw))}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("readall", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		for b.Loop() {
			if _, err := io.ReadAll(bytes.NewReader(raw)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
