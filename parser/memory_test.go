package parser

import (
	"bytes"
	"encoding/base64"
	"runtime"
	"testing"
)

// bigMessage builds a ~50 MB request: a short text part and a 37.5 MB
// binary attachment, base64 in 76-column lines (~50 MB encoded).
func bigMessage(tb testing.TB) []byte {
	tb.Helper()
	const attSize = 37_500_000
	var b bytes.Buffer
	b.Grow(attSize*4/3 + attSize/38 + 4096)
	b.WriteString("From: Jane Doe <jane@example.com>\r\nTo: rma@desk.example\r\nSubject: RMA for TS-873A, diagnostics attached\r\n" +
		"Message-ID: <big@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n\r\nSerial Number: Q21BI04567\r\nModel: TS-873A\r\n\r\n" +
		"The unit reboots every few hours. Full disk image attached.\r\n\r\nJane\r\n" +
		"--b1\r\nContent-Type: application/octet-stream; name=\"disk.img\"\r\nContent-Disposition: attachment; filename=\"disk.img\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding
	chunk := make([]byte, 57) // one 76-column line
	line := make([]byte, 76)
	x := uint32(2463534242)
	for n := 0; n < attSize; n += len(chunk) {
		for i := range chunk {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			chunk[i] = byte(x)
		}
		k := min(len(chunk), attSize-n)
		enc.Encode(line, chunk[:k])
		b.Write(line[:enc.EncodedLen(k)])
		b.WriteString("\r\n")
	}
	b.WriteString("--b1--\r\n")
	return b.Bytes()
}

// memDelta runs f after a GC and returns the bytes allocated while it ran
// and the growth of the in-use heap while its result is still held.
func memDelta(f func() any) (alloc, inuse uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(res)
	inuse = 0
	if after.HeapInuse > before.HeapInuse {
		inuse = after.HeapInuse - before.HeapInuse
	}
	return after.TotalAlloc - before.TotalAlloc, inuse
}

// A 50 MB message with a large attachment must not hold more than a few MB
// of heap beyond its raw bytes, in Parse and in StripAttachments.
func TestLargeAttachmentMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 50 MB message")
	}
	raw := bigMessage(t)
	const limit = 4 << 20
	var m *Message
	alloc, inuse := memDelta(func() any {
		var err error
		m, err = Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		return m
	})
	t.Logf("Parse of %.1f MB: %.2f MB allocated, %.2f MB held after", float64(len(raw))/1e6, float64(alloc)/1e6, float64(inuse)/1e6)
	if alloc > limit || inuse > limit {
		t.Errorf("Parse allocated %d bytes and holds %d beyond the raw message (limit %d)", alloc, inuse, limit)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "disk.img" || m.Attachments[0].Size != 37_500_000 {
		t.Errorf("attachments %+v", m.Attachments)
	}
	if len(m.Units) != 1 || m.Units[0].SerialNumber != "Q21BI04567" {
		t.Errorf("units %+v", m.Units)
	}

	var out []byte
	alloc, inuse = memDelta(func() any {
		var err error
		var atts []Attachment
		out, atts, err = StripAttachments(raw)
		if err != nil || len(atts) != 1 || atts[0].Size != 37_500_000 {
			t.Fatalf("strip: %v %+v", err, atts)
		}
		return out
	})
	t.Logf("StripAttachments: %.2f MB allocated, %.2f MB held after (output %d bytes)", float64(alloc)/1e6, float64(inuse)/1e6, len(out))
	if alloc > limit || inuse > limit {
		t.Errorf("StripAttachments allocated %d bytes and holds %d (limit %d)", alloc, inuse, limit)
	}
	if len(out) > 4096 {
		t.Errorf("stripped output is %d bytes", len(out))
	}
}
