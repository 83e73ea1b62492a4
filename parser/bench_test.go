package parser

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseRequest10KB parses a realistic 10 KB customer RMA request:
// labelled fields, an address block, a log excerpt, a signature and a
// quoted Outlook thread. The target is well under a millisecond.
func BenchmarkParseRequest10KB(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "cases", "request_10kb_thread.eml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCorpus parses every message of the shared corpora and of
// testdata/cases once per iteration; MB/s is over their raw bytes and
// allocs/msg is the mean number of allocations per message.
func BenchmarkParseCorpus(b *testing.B) {
	msgs := benchCorpus(b)
	var total int64
	for _, raw := range msgs {
		total += int64(len(raw))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	allocs := testing.AllocsPerRun(1, func() {
		for _, raw := range msgs {
			_, _ = Parse(raw)
		}
	})
	b.ResetTimer()
	for b.Loop() {
		for _, raw := range msgs {
			_, _ = Parse(raw)
		}
	}
	b.ReportMetric(float64(len(msgs)), "msgs")
	b.ReportMetric(allocs/float64(len(msgs)), "allocs/msg")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/msg")
}

// BenchmarkParseMix parses the first 500 messages (sorted by name) under
// $RMAD_BENCH_MAILS, e.g. mails written by the load bench's generator
// (bench/mailgen.go: mean 34 KB, attachments, HTML, many charsets), the
// way the desk does (ParseWith, then MarshalJSON for the stored parse).
// It is skipped when the variable is unset.
func BenchmarkParseMix(b *testing.B) {
	dir := os.Getenv("RMAD_BENCH_MAILS")
	if dir == "" {
		b.Skip("RMAD_BENCH_MAILS unset")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no mails in %s: %v", dir, err)
	}
	files = files[:min(len(files), 500)]
	msgs := make([][]byte, 0, len(files))
	var total int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, raw)
		total += int64(len(raw))
	}
	b.SetBytes(total / int64(len(msgs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m, err := ParseWith(msgs[i%len(msgs)], Options{DayFirst: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSeverityCorpus reads the severity of the benchmark corpus's
// texts alone (subject and problem, as extractFields gives them): the
// phrase and concept readers, without the MIME walk's noise around them.
func BenchmarkSeverityCorpus(b *testing.B) {
	var texts []string
	for _, raw := range benchCorpus(b) {
		m, err := Parse(raw)
		if err != nil || m.Fields.Problem == "" {
			continue
		}
		texts = append(texts, severityText(m.Subject, m.Fields.Problem))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			_ = severityFromWords(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/text")
}

// benchCorpus is the corpora's bounces, auto-replies, odd MIME and
// ambiguous mail, and the labelled cases.
func benchCorpus(b testing.TB) [][]byte {
	var msgs [][]byte
	files, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.eml"))
	for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
		files = append(corpusFiles(b, sub), files...)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, raw)
	}
	return msgs
}
