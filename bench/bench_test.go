package main

import (
	"bytes"
	"net/mail"
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		out := make([]time.Duration, len(xs))
		for i, x := range xs {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	s := ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	for _, c := range []struct {
		p    float64
		want int
	}{{50, 5}, {95, 10}, {99, 10}, {10, 1}, {0, 1}, {100, 10}, {51, 6}} {
		if got := percentile(s, c.p); got != time.Duration(c.want)*time.Millisecond {
			t.Errorf("p%v of 1..10 = %v, want %dms", c.p, got, c.want)
		}
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("p50 of nothing = %v", got)
	}
	sum := summarize(ms(300, 100, 200))
	if sum.P50 != 200 || sum.Max != 300 || sum.Answered != 3 {
		t.Errorf("summarize = %+v", sum)
	}
}

func TestParseStat(t *testing.T) {
	// A command name with spaces and a ')' of its own, as proc(5) allows.
	line := "4242 (postgres: a) b) S 17 4242 4242 0 -1 4194560 1234 0 0 0 250 75 30 12 20 0 1 0 99 1000 10 18446744073709551615\n"
	st, err := parseStat(line)
	if err != nil {
		t.Fatal(err)
	}
	if st.pid != 4242 || st.ppid != 17 || st.utime != 250 || st.stime != 75 || st.cutime != 30 || st.cstime != 12 {
		t.Fatalf("parseStat = %+v", st)
	}
	if st.own() != 325 || st.tree() != 367 {
		t.Fatalf("own %d tree %d", st.own(), st.tree())
	}
	if _, err := parseStat("garbage"); err == nil {
		t.Fatal("garbage parsed")
	}
	if _, err := parseStat("1 (x) S 0 1"); err == nil {
		t.Fatal("short line parsed")
	}
}

func TestSumTree(t *testing.T) {
	stats := map[int]procStat{
		1:  {pid: 1, ppid: 0, utime: 1000},
		10: {pid: 10, ppid: 1, utime: 5, stime: 5, cutime: 100, cstime: 20}, // master with reaped children
		11: {pid: 11, ppid: 10, utime: 7},
		12: {pid: 12, ppid: 11, stime: 3},
		20: {pid: 20, ppid: 1, utime: 500}, // not in the tree
	}
	got, err := sumTree(stats, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got != 10+120+7+3 {
		t.Fatalf("sumTree = %d, want 140", got)
	}
	if _, err := sumTree(stats, 99); err == nil {
		t.Fatal("missing root accepted")
	}
}

func TestParseStatusKB(t *testing.T) {
	status := []byte("Name:\trmad\nVmPeak:\t 1300000 kB\nVmHWM:\t   81234 kB\nVmRSS:\t   70000 kB\n")
	if v, err := parseStatusKB(status, "VmHWM"); err != nil || v != 81234 {
		t.Fatalf("VmHWM = %d, %v", v, err)
	}
	if v, err := parseStatusKB(status, "VmRSS"); err != nil || v != 70000 {
		t.Fatalf("VmRSS = %d, %v", v, err)
	}
	if _, err := parseStatusKB(status, "VmSwap"); err == nil {
		t.Fatal("missing key found")
	}
}

func TestParseOutcomes(t *testing.T) {
	text := `# HELP rmad_messages_total Inbound messages by mailbox and outcome.
# TYPE rmad_messages_total counter
rmad_messages_total{mailbox="rma",outcome="created"} 10
rmad_messages_total{mailbox="support",outcome="created"} 5
rmad_messages_total{mailbox="support",outcome="replay"} 3
rmad_messages_total{mailbox="support",outcome="duplicate"} 1
rmad_outbox_results_total{result="sent"} 30
`
	o := parseOutcomes(text)
	if o["created"] != 15 || o["replay"] != 3 || o["duplicate"] != 1 || len(o) != 3 {
		t.Fatalf("outcomes = %v", o)
	}
	if n := committedIngests(o); n != 16 {
		t.Fatalf("committed = %d, want 16 (replays are no-ops)", n)
	}
}

// TestGenerateMix checks the generated mail is well-formed, unique, in the
// asked amount and ordered so that a thread's replies follow its opening.
func TestGenerateMix(t *testing.T) {
	m := defaultMix
	m.bigAttach = 0 // keep the test fast; sizes are checked below for the rest
	gen := newGenerator(1, "t", m)
	items := gen.generate(600, 1)
	appends := 0
	kinds := map[string]int{}
	ids := map[string]bool{}
	opened := map[int]string{}
	for _, it := range items {
		appends += it.appends()
		kinds[it.kind]++
		if ids[it.msgID] {
			t.Fatalf("duplicate Message-ID %s", it.msgID)
		}
		ids[it.msgID] = true
		msg, err := mail.ReadMessage(bytes.NewReader(it.raw))
		if err != nil {
			t.Fatalf("%s: %v", it.kind, err)
		}
		if got := msg.Header.Get("Message-ID"); got != "<"+it.msgID+">" {
			t.Fatalf("Message-ID header %q, want <%s>", got, it.msgID)
		}
		if len(it.raw) < 500 || len(it.raw) > 6<<20 {
			t.Fatalf("%s of %d bytes", it.kind, len(it.raw))
		}
		switch it.kind {
		case kindRMA, kindSupport, kindCross:
			opened[it.thread] = it.mailbox
			if !it.expectAck || it.noAnswer {
				t.Fatalf("%s: expectAck %v noAnswer %v", it.kind, it.expectAck, it.noAnswer)
			}
		case kindFollowUp, kindAutoReply:
			mb, ok := opened[it.thread]
			if !ok {
				t.Fatalf("%s before its thread opened", it.kind)
			}
			if mb != it.mailbox && !(mb == "both" && it.mailbox == "support") {
				t.Fatalf("%s in %s, thread in %s", it.kind, it.mailbox, mb)
			}
			if msg.Header.Get("In-Reply-To") == "" {
				t.Fatalf("%s without In-Reply-To", it.kind)
			}
		case kindBounce:
			if !it.noAnswer {
				t.Fatal("bounce may be answered")
			}
		}
	}
	if appends != 600 {
		t.Fatalf("%d appends, want 600", appends)
	}
	for _, k := range []string{kindRMA, kindSupport, kindFollowUp, kindAutoReply, kindBounce, kindCross} {
		if kinds[k] == 0 {
			t.Errorf("no %s in %v", k, kinds)
		}
	}
	// Same seed, same mail (apart from the ids' prefix).
	// The clock is the generator's only other input (Date headers).
	gen2 := newGenerator(1, "t", m)
	gen2.now = gen.now
	again := gen2.generate(600, 1)
	if len(again) != len(items) || !bytes.Equal(again[7].raw, items[7].raw) {
		t.Fatal("generation is not deterministic")
	}
}

func TestParseMachineTicks(t *testing.T) {
	busy, total, err := parseMachineTicks("cpu  100 5 50 800 20 3 2 1 0 0\ncpu0 1 2 3 4\n")
	if err != nil {
		t.Fatal(err)
	}
	if busy != 100+5+50+3+2+1 || total != 100+5+50+800+20+3+2+1 {
		t.Fatalf("busy %d total %d", busy, total)
	}
	if _, _, err := parseMachineTicks("intr 1 2 3"); err == nil {
		t.Fatal("a first line that is not the cpu line was accepted")
	}
}
