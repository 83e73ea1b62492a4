package parser

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	var seeds []string
	if dir := filepath.Join("..", "..", "shared", "corpora"); dirExists(dir) {
		for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
			m, _ := filepath.Glob(filepath.Join(dir, sub, "*"))
			seeds = append(seeds, m...)
		}
	}
	cases, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.eml"))
	seeds = append(seeds, cases...)
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(""))
	f.Add([]byte("From: a@b\n\nhi"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseWith(raw, Options{DayFirst: len(raw)%2 == 0})
		if err != nil {
			if errors.Is(err, errInternal) {
				t.Fatalf("internal error (panic): %v", err)
			}
			if !errors.Is(err, ErrNotMessage) {
				t.Fatalf("unexpected error %v", err)
			}
		} else {
			checkInvariants(t, m)
			if _, err := json.Marshal(m); err != nil {
				t.Fatal(err)
			}
		}
		for i, f := range Files(raw) {
			if f.Index != i+1 || f.Size < 0 {
				t.Fatalf("file %d: %+v", i, f)
			}
			if _, err := io.Copy(io.Discard, io.LimitReader(f.Open(), 1<<20)); err != nil && f.ContentType == "" {
				t.Fatalf("file %d: %v", i, err)
			}
		}
		out, atts, err := StripAttachments(raw)
		if err == nil {
			if atts == nil {
				t.Fatal("nil attachment list")
			}
			// Stripping is idempotent in what remains: nothing more to remove
			// that was not already a note.
			if len(out) > 0 {
				if _, err := Parse(out); errors.Is(err, errInternal) {
					t.Fatalf("parse of stripped output: %v", err)
				}
			}
		}
	})
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// Inputs built to trigger quadratic behaviour must still parse quickly.
func TestPathological(t *testing.T) {
	rep := func(s string, n int) string { return strings.Repeat(s, n) }
	inputs := map[string]string{
		"encoded-word starts": "Subject: " + rep("=?", 200000) + "?=\n\nx",
		"many refs":           "Subject: x\n\n" + rep("TKT-1 RMA-2 ", 100000),
		"attributions":        "Subject: x\n\n" + rep("On Mon, Jan 1, 2025 X <x@y.z> wrote:\n> q\na\n", 20000),
		"deep html":           "Content-Type: text/html\n\n" + rep("<blockquote><table><tr><td>", 20000) + "x",
		"long line":           "Subject: x\n\n" + rep("a", 3<<20),
		"deep multipart":      buildDeepMultipart(200),
		"many parts":          "Content-Type: multipart/mixed; boundary=b\n\n" + rep("--b\nContent-Type: application/x\n\nz\n", 50000),
		"header lines":        rep("X-A: b\n", 200000) + "\nbody",
		"labels":              "Subject: x\n\n" + rep("Serial Number: Q1234567\nModel: TS-873A\n", 20000),
		"table":               "Subject: x\n\nModel  Serial  Part\n" + rep("TS-1  Q1234  P-1\n", 50000),
		"colon lines":         "Subject: x\n\n" + rep("From: a\n", 100000),
	}
	for name, in := range inputs {
		start := time.Now()
		m, err := Parse([]byte(in))
		if err != nil && !errors.Is(err, ErrNotMessage) {
			t.Errorf("%s: %v", name, err)
		}
		if m != nil {
			checkInvariants(t, m)
		}
		if _, _, err := StripAttachments([]byte(in)); err != nil && !errors.Is(err, ErrNotMessage) {
			t.Errorf("%s: strip: %v", name, err)
		}
		if d := time.Since(start); d > timeScale*2*time.Second {
			t.Errorf("%s: took %v", name, d)
		} else {
			t.Logf("%s: %v", name, d)
		}
	}
}

func buildDeepMultipart(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\n\nhello\n")
	return b.String()
}

// FuzzHeaderScan checks the header scanner on any input: the body offset
// is inside the input, the kept fields stay within the limits, and every
// kept From field is counted.
func FuzzHeaderScan(f *testing.F) {
	f.Add([]byte("From: a@b\nFrom: c@d\n\nbody"))
	f.Add([]byte("To: a@b,\n c@d\nbad line\nX: y\n\n"))
	f.Add([]byte(" From: x\n\tcont\nFrom x Mon\n>From y\nKey\x00: v\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := scanHeader(data)
		if s.off < 0 || s.off > len(data) {
			t.Fatalf("body offset %d of %d", s.off, len(data))
		}
		if len(s.h) > maxHeaderFields {
			t.Fatalf("%d fields", len(s.h))
		}
		froms := 0
		for _, fl := range s.h {
			if len(fl.Value) > maxFieldBytes {
				t.Fatalf("value of %d bytes", len(fl.Value))
			}
			if strings.EqualFold(fl.Key, "From") {
				froms++
			}
		}
		if froms > s.froms {
			t.Fatalf("%d From fields kept, %d counted", froms, s.froms)
		}
		if h, off, _ := readHeader(data); off != s.off || len(h) != len(s.h) {
			t.Fatalf("readHeader disagrees: %d/%d, %d/%d", off, s.off, len(h), len(s.h))
		}
	})
}

// FuzzSanitize checks the cleaning functions against their definition
// (isCleanRef) and the msg-id rule against a plain reading of it.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain", "a\x00b\tc\nd\re", "caf\xe9 \u0085 \x7f", "日本\xc2語", "<a@b>", "a@b@c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, multi := range []bool{false, true} {
			if isClean(s, multi) != isCleanRef(s, multi) {
				t.Fatalf("isClean(%q, %v) = %v", s, multi, !isCleanRef(s, multi))
			}
		}
		l, m := cleanLine(s), cleanMulti(s)
		if !isCleanRef(l, false) || !isCleanRef(m, true) || cleanLine(l) != l || cleanMulti(m) != m {
			t.Fatalf("%q: cleanLine %q, cleanMulti %q", s, l, m)
		}
		if isCleanRef(s, false) && l != s {
			t.Fatalf("clean %q changed to %q", s, l)
		}
		want := len(s) > 0 && len(s) <= maxIDLen && strings.Count(s, "@") == 1 && s[0] != '@' && s[len(s)-1] != '@' &&
			!strings.ContainsFunc(s, func(r rune) bool { return r < '!' || r > '~' || r == '<' || r == '>' })
		if validMsgID(s) != want {
			t.Fatalf("validMsgID(%q) = %v", s, !want)
		}
	})
}
