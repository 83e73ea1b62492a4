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
	var msgs [][]byte
	var total int64
	for _, sub := range []string{"bounces", "autoreplies", "mime", "ambiguous"} {
		for _, f := range corpusFiles(b, sub) {
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			msgs = append(msgs, raw)
			total += int64(len(raw))
		}
	}
	cases, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.eml"))
	for _, f := range cases {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, raw)
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
