package parser

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// keyedSame checks that k finds in s what the plain regexp finds.
func keyedSame(t *testing.T, name string, k *keyedRegexp, plain *regexp.Regexp, s string) {
	t.Helper()
	want := plain.FindAllStringSubmatchIndex(s, 20)
	got := k.findAllSubmatchIndex(s, lowerKeep(s), 20)
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s in %.200q:\n got %v\nwant %v", name, s, got, want)
	}
}

func TestKeyedRegexpsMatchPlain(t *testing.T) {
	plainOf := func(k *keyedRegexp) *regexp.Regexp {
		return regexp.MustCompile(strings.TrimSuffix(strings.TrimPrefix(k.anchored.String(), `^(?:`), `)`))
	}
	keyed := map[string]*keyedRegexp{"proseSerialAt": proseSerialAt, "serialOfUnit": serialOfUnit, "boughtRe": boughtRe, "orderedRe": orderedRe, "deliveredRe": deliveredRe}
	var texts []string
	for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
		for _, f := range corpusFiles(t, sub) {
			raw, _ := os.ReadFile(f)
			texts = append(texts, string(raw))
		}
	}
	cases, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.eml"))
	for _, f := range cases {
		raw, _ := os.ReadFile(f)
		if m, err := Parse(raw); err == nil {
			texts = append(texts, m.Subject+"\n"+m.Text)
		}
	}
	texts = append(texts, "SN: Q21BI04567", "iSN Q21BI04567", "S/N Q21BI04567 and SN#ABC12345", "Seriennummer: 12345AB",
		"GERÄTESERIENNUMMER ist X1234567", "N° de série : FR12345", "número de serie: ES12345", "СЕРИЙНЫЙ НОМЕР 1234567",
		"シリアル番号は Q1234567 です", "serial number of the chassis is A1-204571", "the serial of our unit: A12345",
		"serial "+strings.Repeat(" ", 200)+"Q21BI04567", "serial Q21BI04567"+strings.Repeat("7", 300))
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"serial", "SN", "s/n", "sn#", "Seriennummer", "numéro de série", " ", " is ", ": ", "#", "Q21BI0456", "7", "-", "x", "\n", "of the unit",
		"bought", "Purchased", "dated", "undated", "COMPRADO", "acquistato", "gekocht", "ordered", "reordered", "received it", "Delivered", "achetée"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(words[r.IntN(len(words))])
		}
		texts = append(texts, b.String())
	}
	for name, k := range keyed {
		plain := plainOf(k)
		for _, s := range texts {
			keyedSame(t, name, k, plain, s)
		}
	}
}
