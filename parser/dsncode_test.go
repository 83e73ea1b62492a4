package parser

import (
	"math/rand/v2"
	"os"
	"regexp"
	"testing"
)

// The hand scanners must find what the regexps they replace found.
var (
	statusRegexp   = regexp.MustCompile(`\b[245]\.\d{1,3}\.\d{1,3}\b`)
	smtpCodeRegexp = regexp.MustCompile(`\b([45])\d\d[ -]`)
)

func sameAsRegexps(t *testing.T, s string) {
	t.Helper()
	if got, want := findStatus(s), statusRegexp.FindString(s); got != want {
		t.Errorf("findStatus(%q) = %q, regexp finds %q", s, got, want)
	}
	want := ""
	if m := smtpCodeRegexp.FindStringSubmatch(s); m != nil {
		want = m[1]
	}
	if got := findSMTPClass(s); got != want {
		t.Errorf("findSMTPClass(%q) = %q, regexp finds %q", s, got, want)
	}
}

func TestDSNCodeScanners(t *testing.T) {
	for _, s := range []string{"", "5.1.1", "550 5.1.1 user unknown", "x5.1.1", "5.1.1x", "5.1234.1", "5.1.1234 then 4.4.7",
		"2.0.0", "3.1.1", "5..1", "5.1.", "5.1.1.", "550-5.7.1", "_550 ", "450", "451 ", "v550 x 4.7.0", "1.5.1.1", "é5.1.1",
		"5.1.1é", "452-4.2.2 over quota", "5.1", "4.4.7\n", "9550 x", "55 ", "5501 x"} {
		sameAsRegexps(t, s)
	}
	// random strings over the bytes that matter
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("0123455.. -_a\n\xc3\xa9")
	for range 20000 {
		b := make([]byte, r.IntN(14))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		sameAsRegexps(t, string(b))
	}
	// and every bounce of the corpora
	for _, f := range corpusFiles(t, "bounces") {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameAsRegexps(t, string(raw))
	}
}
