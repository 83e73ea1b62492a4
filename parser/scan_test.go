package parser

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The regexps the hand-written scanners replace; the scanners must agree
// with them on every line of the corpora and the cases.
var (
	refLabelLine = regexp.MustCompile(`^\s*(?:[-*•・>]\s*)?\**([\p{L}][\p{L}\p{N} ./#()（）'’&_°-]{0,64}?)\**\s*(?:[:：=]|\s-\s|\s–\s|\s#(?:\s?\.{4,}\s|\s?)|\s\.{4,}\s)\s*(.*)$`)
	refUnitHead  = regexp.MustCompile(`(?i)^\s*(?:unit|device|item|gerät|appareil|system|node)\s*#?\s*([0-9]{1,2})\s*[:.)-]\s*(.*)$`)
)

func scanLines(t *testing.T) []string {
	var files []string
	for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
		files = append(files, corpusFiles(t, sub)...)
	}
	cases, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.eml"))
	files = append(files, cases...)
	var lines []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(raw)
		if err != nil {
			continue
		}
		lines = append(lines, strings.Split(m.Text, "\n")...)
		lines = append(lines, m.Subject)
	}
	return append(lines,
		"Serial Number: Q21BI04567", "**S/N**: X1", "- Model - TS-873A", "• Firmware = 5.1", "Invoice # 12345", "Invoice #12345",
		"SN#: 7", "Seriennummer：Q1", "> P/N: 1", "Unit 2: AX500", "unit#3) x", "GERÄT 1: x", "Item 123: no", "Node 7- y",
		"シリアル番号：Q123", "・ファームウェア：1.5", "料号（P/N）：1S5", "Serial\t: tab", "Serial 2: Q2", " * * x: y", "a: b: c", "Ship to:", "PO ....... 45-118842", "Serial # ..... A1", "Well... ok", "Wait .... what", "Invoice ...", strings.Repeat("a", 45)+": x")
}

func TestScannersMatchRegexps(t *testing.T) {
	for _, l := range scanLines(t) {
		if len(l) > 500 {
			continue
		}
		label, value, ok := splitLabel(l)
		mm := refLabelLine.FindStringSubmatch(l)
		if ok != (mm != nil) || ok && (label != mm[1] || value != mm[2]) {
			t.Errorf("splitLabel(%q) = %q, %q, %v; regexp %q", l, label, value, ok, mm)
		}
		idx, rest, ok := matchUnitHead(l)
		um := refUnitHead.FindStringSubmatch(l)
		if ok != (um != nil) || ok && (idx != atoi(um[1]) || rest != um[2]) {
			t.Errorf("matchUnitHead(%q) = %d, %q, %v; regexp %q", l, idx, rest, ok, um)
		}
	}
}

func TestLookupLabel(t *testing.T) {
	for _, c := range []struct {
		label    string
		key, idx int
	}{
		{"Serial Number", kSerial, 0}, {"S/N", kSerial, 0}, {"SN#", kSerial, 0}, {"Serial 2", kSerial, 2},
		{"Serial Number (Unit 2)", kSerial, 2}, {"SN #3", kSerial, 3}, {"Unit 1 Serial", kSerial, 1},
		{"P.O. Number", kPO, 0}, {"Numéro de série", kSerial, 0}, {"NUMÉRO DE SÉRIE", kSerial, 0},
		{"シリアル番号", kSerial, 0}, {"Unit 4", kUnit, 4}, {"Inv. No.", kInvoice, 0}, {"Banana", 0, 0},
	} {
		key, idx := lookupLabel(c.label)
		if key != c.key || idx != c.idx {
			t.Errorf("lookupLabel(%q) = %d, %d; want %d, %d", c.label, key, idx, c.key, c.idx)
		}
	}
}

func TestLowerKeep(t *testing.T) {
	for _, s := range []string{"Hello World", "SÉRIE Ärger", "İstanbul K", "日本語 ABC", "plain"} {
		l := lowerKeep(s)
		if len(l) != len(s) {
			t.Errorf("lowerKeep(%q) = %q changed length", s, l)
		}
	}
	if got := lowerKeep("SÉRIE Nr"); got != "série nr" {
		t.Errorf("lowerKeep = %q", got)
	}
}

// The trigger words of the guarded regexps must not hide a match: on every
// subject and sender of the corpora and cases, and on every alternative of
// the patterns, guarded and plain matching agree.
func TestGuardedRegexps(t *testing.T) {
	var inputs []string
	for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
		for _, f := range corpusFiles(t, sub) {
			raw, _ := os.ReadFile(f)
			if m, err := Parse(raw); err == nil {
				inputs = append(inputs, m.Subject, m.From.Name+" "+m.From.Address)
			}
		}
	}
	for _, g := range []guarded{gNdrStrong, gNdrWeak, gNdrAnywhere, gAutoStart, gAutoAny, gDaemon} {
		// Each top-level alternative, with its regexp syntax removed, as input.
		src := g.re.String()
		src = src[strings.Index(src, "(")+1:]
		for _, alt := range strings.Split(src, "|") {
			alt = strings.NewReplacer("\\s*", "", "\\s+", " ", "\\s", " ", "\\b", "", "^", "", "$", "", "(", "", ")", "", "?", "", "\\", "", "[- ]", "-", "[-_ ]", "-", "*", "").Replace(alt)
			inputs = append(inputs, alt, strings.ToUpper(alt), "Re: "+alt)
		}
	}
	inputs = append(inputs, "MAILSYSTEM@example.com", "Mail Router <x@y>", "The Mail Transport System", "Post_Master", "bounces@lists.example",
		"jane@gmail.com", "-----Original Message-----", "---------- Forwarded message ---------", "-------- Message transféré --------",
		"----- Weitergeleitete Nachricht -----", "-- forwarded by Jane Doe on 03/04 --", "__ Reply Message __", "------ 原始邮件 ------",
		"----------------------------------------", "-- ", "--- Original message follows ---")
	for _, g := range []guarded{gNdrStrong, gNdrWeak, gNdrAnywhere, gAutoStart, gAutoAny, gDaemon, gForwardMarker, gOriginalMessage} {
		for _, s := range inputs {
			if got, want := g.match(s, lowerKeep(s)), g.re.MatchString(s); got != want {
				t.Errorf("%.40s... on %q: guarded %v, regexp %v", g.re.String(), s, got, want)
			}
		}
	}
}

// The net/mail fast path of parseMailDate agrees with the tolerant reader
// on every Date header of the corpora.
func TestMailDateFastPath(t *testing.T) {
	n := 0
	for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
		for _, f := range corpusFiles(t, sub) {
			raw, _ := os.ReadFile(f)
			h, _, _ := readHeader(prepare(raw))
			d := strings.TrimSpace(h.get("Date"))
			if d == "" || !numericZoneDate(d) {
				continue
			}
			n++
			if fast, slow := parseMailDate(d), parseMailDateSlow(d); !fast.Equal(slow) {
				t.Errorf("%s: %q: fast %v, slow %v", f, d, fast, slow)
			}
		}
	}
	t.Logf("%d dates compared", n)
}

// namesSerial tries serialWords[serialASCIIWords:] only on non-ASCII lines:
// the split must fall where the ASCII words end.
func TestSerialWordsASCIIFirst(t *testing.T) {
	for i, w := range serialWords {
		if ascii := !hasNonASCII(w); ascii != (i < serialASCIIWords) {
			t.Errorf("serialWords[%d] %q: ASCII %v, but serialASCIIWords is %d", i, w, ascii, serialASCIIWords)
		}
	}
}

func TestTrimRightBlank(t *testing.T) {
	for _, s := range []string{"", "a", "a ", "a \t\r", "a\u00a0", "a \u00a0 \t", "\u00a0", "a\xa0", "a\xc2", "é\u00a0 ", "  ", "a\xc2\xa0\xc2\xa0"} {
		if got, want := trimRightBlank(s), strings.TrimRight(s, " \t\r\u00a0"); got != want {
			t.Errorf("trimRightBlank(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestExtensionAfter(t *testing.T) {
	for rest, want := range map[string]string{
		" ext. 2210":       " ext. 2210",
		" x204, or email":  " x204",
		" ramal 22":        " ramal 22",
		" wew. 31":         " wew. 31",
		" (내선 305)":        " (내선 305)",
		"（内線204）":          "（内線204）",
		" ext 12 (mobile)": " ext 12",
		" xyz":             "",
		" extra lines":     "",
		", 9am-5pm":        "",
		"":                 "",
	} {
		if got := extensionAfter(rest); got != want {
			t.Errorf("extensionAfter(%q) = %q, want %q", rest, got, want)
		}
	}
}
