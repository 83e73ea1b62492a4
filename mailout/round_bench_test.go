package mailout_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"rmad/mailout"
)

// BenchmarkSendRound is one round of n mails against the real SMTP sink and
// PostgreSQL: claim, render, send, mark. stmts/mail counts the sender's
// statements; each is its own transaction, so commits/mail is the claims
// and marks that wrote rows; cpu-ns/mail is this process's CPU (sender and
// the in-process sink, not PostgreSQL) during the rounds, which a loaded
// machine disturbs less than ns/mail. mark_every=1 is the old rule (one
// mark per mail, right after its 250).
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
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		r.enqueue(n)
		b.StartTimer()
		before := cpuTime(b)
		got, err := s.SendDue(ctx)
		cpu += cpuTime(b) - before
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
	b.ReportMetric(float64(cpu.Nanoseconds())/mails, "cpu-ns/mail")
}

// cpuTime is the user and system CPU this process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
