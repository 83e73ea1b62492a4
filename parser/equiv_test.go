package parser

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// A prefilter keeps a regexp off a text that cannot match it, so it must
// hold for every text the regexp matches: otherwise a faster parse would
// read something else. prefilters pairs each regexp with its check.
var prefilters = []struct {
	name string
	re   *regexp.Regexp
	may  func(string) bool
}{
	{"rateFromTo", rateFromTo, mayRateFromTo},
	{"rateInstead", rateInstead, func(l string) bool { return containsAny(l, insteadWords) }},
	{"rateUsedTo", rateUsedTo, func(l string) bool { return containsAny(l, usedToWords) }},
	{"pctDown", pctDown, func(l string) bool { return strings.IndexByte(l, '%') >= 0 }},
	{"rateYerine", rateYerine, func(l string) bool { return strings.Contains(l, "yerine") }},
	{"ratePctOf", ratePctOf, func(l string) bool {
		return strings.IndexByte(l, '%') >= 0 && containsAny(l, []string{"norm", "usual", "habitu", "vanlig", "sædvan", "nominal"})
	}},
	{"anyDigit", regexp.MustCompile(`[0-9]`), func(l string) bool { return strings.ContainsAny(l, "0123456789") }},
}

// prefilterSeeds are texts near each regexp's edges.
var prefilterSeeds = []string{
	"throughput went from about 1,100 mb/s to under 400 mb/s",
	"from\t\t~900 to 10", "von etwa 80 auf 20", "de 300mbps à 100", "da 10 a 5", "made 40 to 20", "fromage 1 to 2",
	"from  ca. 5 to 1", "from circa 5 to 1", "from environ 5 to 1", "from roughly\n5\rto 1", "from\f5 to 1", "from\v5 to 1",
	"240 mbps instead of 300", "90 mbps now, it used to do 300+ mbps", "5 gb/s; used to get about 9 gb/s", "90 mbps used to  be\n300mbps", "40mb/s rather than 100", "10 gbit/s statt 25", "5 mbps au lieu de 10", "3 kbps invece di 9", "1 tb/s en lugar de about 2",
	"down by about 30%", "write speed dropped 40 - 50 %", "(roughly 30% slower)", "30 %less", "lower ~12%", "fell 5%", "100% down",
	"400 mbps yerine 300", "400 yerine yaklaşık 300", "30 % av normal hastighet", "25% of the usual speed", "40 % de la normale", "50 %of normal", "250 mbit/s i stället för 850", "10 mb/s em vez de 90", "5 mb/s zamiast 50",
	"no digits at all, only slower", "", "from", "from ", "de\n", "%", "instead of",
}

func TestPrefiltersHoldOnSeeds(t *testing.T) {
	for _, s := range prefilterSeeds {
		checkPrefilters(t, s)
		checkPrefilters(t, lowerKeep(s))
	}
}

// TestPrefiltersHoldOnCorpora checks every prefilter and dropRatio on each
// line and the whole lower-cased text and raw bytes (64 KB) of every test message
// (and of $RMAD_GOLDEN_DIR).
func TestPrefiltersHoldOnCorpora(t *testing.T) {
	eachMessage(t, testRoots(t, true), func(_ string, raw []byte) {
		texts := []string{lowerKeep(string(raw[:min(len(raw), 64<<10)]))}
		if m, err := Parse(raw); err == nil {
			texts = append(texts, lowerKeep(m.Subject+"\n"+m.Text), lowerKeep(m.Fields.Problem))
		}
		for _, s := range texts {
			checkPrefilters(t, s)
			for _, line := range strings.Split(s, "\n") {
				checkPrefilters(t, line)
			}
		}
	})
}

func FuzzPrefilters(f *testing.F) {
	for _, s := range prefilterSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkPrefilters(t, s)
		checkPrefilters(t, lowerKeep(s))
	})
}

func checkPrefilters(t *testing.T, s string) {
	t.Helper()
	for _, p := range prefilters {
		if p.re.MatchString(s) && !p.may(s) {
			t.Fatalf("%s matches %q but its prefilter says it cannot", p.name, s)
		}
	}
	if got, want := dropRatio(s), dropRatioRegexps(s); got != want {
		t.Fatalf("dropRatio(%q) = %v, the regexps alone give %v", s, got, want)
	}
}

// dropRatioRegexps is dropRatio as it was before its prefilters.
func dropRatioRegexps(l string) float64 {
	if mm := rateFromTo.FindStringSubmatch(l); mm != nil && mm[2] != "%" {
		if a, b := rateNumber(mm[1]), rateNumber(mm[3]); a > 0 && b > 0 && a > b {
			return a / b
		}
	}
	if mm := rateInstead.FindStringSubmatch(l); mm != nil {
		if now, was := rateNumber(mm[1]), rateNumber(mm[2]); now > 0 && was > now {
			return was / now
		}
	}
	if mm := rateUsedTo.FindStringSubmatch(l); mm != nil {
		if now, was := rateNumber(mm[1]), rateNumber(mm[2]); now > 0 && was > now {
			return was / now
		}
	}
	if mm := rateYerine.FindStringSubmatch(l); mm != nil {
		if was, now := rateNumber(mm[1]), rateNumber(mm[2]); now > 0 && was > now {
			return was / now
		}
	}
	if mm := ratePctOf.FindStringSubmatch(l); mm != nil {
		if p := rateNumber(mm[1]); p > 0 {
			return 100 / p
		}
	}
	if mm := pctDown.FindStringSubmatch(l); mm != nil {
		if p := rateNumber(mm[1] + mm[2]); p > 0 && p < 100 {
			return 100 / (100 - p)
		}
	}
	return 0
}

// splitMultipartLines is splitMultipart as it was: every line looked at.
func splitMultipartLines(body []byte, boundary string) (spans [][2]int, closed bool) {
	dash := []byte("--" + boundary)
	pos := 0
	inPart := false
	partStart := 0
	for pos < len(body) {
		line, rest := cutLine(body[pos:])
		lineEnd := len(body) - len(rest)
		if bytes.HasPrefix(line, dash) {
			tail := line[len(dash):]
			isClose := bytes.HasPrefix(tail, []byte("--"))
			if isClose {
				tail = tail[2:]
			}
			if len(bytes.TrimSpace(tail)) == 0 {
				if inPart {
					spans = append(spans, [2]int{partStart, trimLineBreakBefore(body, partStart, pos)})
				}
				if isClose {
					return spans, true
				}
				if len(spans) >= maxParts {
					return spans, false
				}
				inPart = true
				partStart = lineEnd
			}
		}
		if rest == nil {
			break
		}
		pos = lineEnd
	}
	if inPart {
		spans = append(spans, [2]int{partStart, len(body)})
	}
	return spans, false
}

func checkSplit(t *testing.T, body []byte, boundary string) {
	t.Helper()
	s1, c1 := splitMultipart(body, boundary)
	s2, c2 := splitMultipartLines(body, boundary)
	if c1 != c2 || !reflect.DeepEqual(s1, s2) {
		t.Fatalf("boundary %q: split %v %v, line by line %v %v", boundary, s1, c1, s2, c2)
	}
}

var boundaryParam = regexp.MustCompile(`(?i)boundary="?([^"\s;]+)`)

// TestSplitMultipartAsLines splits every test message at each boundary it
// declares (and at a few that are not its own) both ways.
func TestSplitMultipartAsLines(t *testing.T) {
	eachMessage(t, testRoots(t, true), func(_ string, raw []byte) {
		for _, mm := range boundaryParam.FindAllSubmatch(raw, -1) {
			checkSplit(t, raw, string(mm[1]))
			checkSplit(t, raw, string(mm[1][:len(mm[1])/2]))
		}
		checkSplit(t, raw, "")
		checkSplit(t, raw, "-")
	})
}

func FuzzSplitMultipart(f *testing.F) {
	f.Add([]byte("--b\r\nX: y\r\n\r\nbody\r\n--b--\r\n"), "b")
	f.Add([]byte("pre\n--b\nA\n--bb\n--b \t\nB\n x--b\n--b--"), "b")
	f.Add([]byte("--b\n\n--b\r\r\n--b\r\n"), "b\r")
	f.Add([]byte("a\n--\n--x\n"), "")
	f.Fuzz(func(t *testing.T, body []byte, boundary string) {
		checkSplit(t, body, boundary)
	})
}

func checkLinesHolding(t *testing.T, body string, words []string) {
	t.Helper()
	lowBody := lowerKeep(body)
	ft := &fieldText{body: body, lines: strings.Split(body, "\n"), lowBody: lowBody, low: strings.Split(lowBody, "\n")}
	var want []int
	for i, l := range ft.low {
		if containsAny(l, words) {
			want = append(want, i)
		}
	}
	if got := ft.linesHolding(words); !reflect.DeepEqual(got, want) {
		t.Fatalf("linesHolding(%q, %q) = %v, line by line %v", body, words, got, want)
	}
}

var lineWordLists = [][]string{boughtWords, orderedWords, deliveredWords, {"a"}, {"\u00e9", "ab", "b"}}

// TestLinesHoldingAsContainsAny compares linesHolding with containsAny per
// line on the text of every test message.
func TestLinesHoldingAsContainsAny(t *testing.T) {
	for _, s := range prefilterSeeds {
		for _, w := range lineWordLists {
			checkLinesHolding(t, s, w)
		}
	}
	eachMessage(t, testRoots(t, false), func(_ string, raw []byte) {
		if m, err := Parse(raw); err == nil {
			for _, w := range lineWordLists {
				checkLinesHolding(t, m.Text, w)
			}
		}
	})
}

func FuzzLinesHolding(f *testing.F) {
	f.Add("I bought it\non 3 May\n\nreceived, delivered\nachet\u00e9", "b")
	f.Fuzz(func(t *testing.T, body, word string) {
		if word == "" || strings.Contains(word, "\n") {
			return
		}
		checkLinesHolding(t, body, []string{word, "bought"})
		checkLinesHolding(t, body, boughtWords)
	})
}
