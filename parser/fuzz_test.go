package parser

import (
	"encoding/json"
	"errors"
	"fmt"
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
