package mailout

import (
	"bufio"
	"bytes"
	"io"
	"math/rand/v2"
	"net/textproto"
	"testing"
	"time"
)

// dataWriter must put on the wire exactly what textproto's DotWriter
// would, for any input cut into any writes.
func TestDataWriterMatchesTextprotoDotWriter(t *testing.T) {
	inputs := []string{
		"", ".", "..", "\r\n", "\n", "\r", "\r\r\n", "a\nb", ".a\r\n.b\r\n", "a\r\n.\r\n",
		"Subject: x\r\n\r\n.hidden\r\nend", "x\r", "x\r\n", "\n.\n..\r.\r\n", "no newline at all",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab.\r\n")
	for range 300 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		var want bytes.Buffer
		tw := textproto.NewWriter(bufio.NewWriter(&want))
		dw := tw.DotWriter()
		if _, err := dw.Write([]byte(in)); err != nil {
			t.Fatal(err)
		}
		if err := dw.Close(); err != nil {
			t.Fatal(err)
		}
		// Every way of cutting the input in two writes, and one write.
		for cut := 0; cut <= len(in); cut++ {
			var got bytes.Buffer
			w := &dataWriter{w: bufio.NewWriter(&got)}
			for _, part := range []string{in[:cut], in[cut:]} {
				if n, err := w.Write([]byte(part)); n != len(part) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", part, n, err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("input %q cut at %d: got %q, textproto writes %q", in, cut, got.Bytes(), want.Bytes())
			}
		}
	}
}

// BenchmarkStreamedData writes a mail with a 256 KiB streamed file into a
// session's buffer (over io.Discard) through textproto's DotWriter (what
// go-mail's Data gives) and through dataWriter.
func BenchmarkStreamedData(b *testing.B) {
	m := Mail{ID: 1, MessageID: "rmad.1@desk.example.com", From: "Desk <desk@example.com>", To: []string{"c@customer.example"},
		Subject: "[TKT-1] Re: your files", Body: "Here are the files.\n", QueuedAt: time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)}
	file := bytes.Repeat([]byte("0123456789abcdef\x00\xff\n"), 256*1024/20)
	m.Files = nil
	m.Attachments = []Attachment{{Filename: "log.bin", ContentType: "application/octet-stream", Open: func() io.Reader { return bytes.NewReader(file) }}}
	msg, streams, err := newMsg(m)
	if err != nil {
		b.Fatal(err)
	}
	fr, err := frame(m, msg)
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		w    func(*bufio.Writer) io.WriteCloser
	}{
		{"textproto", func(bw *bufio.Writer) io.WriteCloser { return textproto.NewWriter(bw).DotWriter() }},
		{"dataWriter", func(bw *bufio.Writer) io.WriteCloser { return &dataWriter{w: bw} }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			bw := bufio.NewWriter(io.Discard)
			b.SetBytes(int64(len(file)))
			b.ReportAllocs()
			for range b.N {
				w := tc.w(bw)
				if err := expand(w, fr, streams); err != nil {
					b.Fatal(err)
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
