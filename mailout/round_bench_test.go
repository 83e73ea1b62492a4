package mailout_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rmad/mailout"
)

// BenchmarkSendRound is one round of n mails against the real SMTP sink and
// PostgreSQL: claim, render, send, mark. stmts/mail counts the sender's
// statements; each is its own transaction, so commits/mail is the claims
// and marks that wrote rows. mark_every=1 is the old rule (one mark per
// mail, right after its 250).
//
//	RMAD_REQUIRE_SERVERS=1 go test -run '^$' -bench SendRound -benchmem ./mailout/
func BenchmarkSendRound(b *testing.B) {
	for _, n := range []int{50, 2} {
		for _, markEvery := range []int{1, 0} {
			b.Run(fmt.Sprintf("mails=%d/mark_every=%d", n, markEvery), func(b *testing.B) {
				benchRound(b, n, markEvery)
			})
		}
	}
}

func benchRound(b *testing.B, n, markEvery int) {
	r := newPGRig(b)
	s := r.sender(mailout.Options{Batch: n, MarkEvery: markEvery, Now: time.Now})
	ctx := context.Background()
	sent := 0
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		r.enqueue(n)
		b.StartTimer()
		got, err := s.SendDue(ctx)
		if err != nil || got != n {
			b.Fatalf("SendDue = %d, %v; want %d", got, err, n)
		}
		sent += got
	}
	b.StopTimer()
	c := r.db.counts()
	mails := float64(sent)
	b.ReportMetric(float64(c["claim"]+c["sent"]+c["other"])/mails, "stmts/mail")
	b.ReportMetric(float64(c["claim"]+c["sent"])/mails, "commits/mail")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/mails, "ns/mail")
}
