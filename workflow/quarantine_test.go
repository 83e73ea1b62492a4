package workflow

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"rmad/store"
)

func TestQuarantineTellsAgentsAndReplays(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	raw := []byte(strings.ReplaceAll(mailText(customer, supportAddr, "Fan noise", "q-1@customer.example", "", "The fan is loud.\n"), "\n", "\r\n"))
	in := Inbound{Mailbox: "support", UIDValidity: 9, UID: 42, Raw: raw, At: t0}
	for i := 1; i <= 3; i++ {
		n, err := f.desk.RecordFailure(ctx, in, errors.New("boom"))
		if err != nil || n != i {
			t.Fatalf("try %d: n=%d err=%v", i, n, err)
		}
	}
	if err := f.desk.Quarantine(ctx, in, errors.New("boom"), 3); err != nil {
		t.Fatal(err)
	}
	// A second call (the watcher retrying after a crash) changes nothing.
	if err := f.desk.Quarantine(ctx, in, errors.New("boom"), 3); err != nil {
		t.Fatal(err)
	}
	qs, err := f.desk.ListQuarantine(ctx)
	if err != nil || len(qs) != 1 || string(qs[0].Raw) != string(raw) || qs[0].Error != "boom" || qs[0].Attempts != 3 {
		t.Fatalf("quarantine = %+v, %v", qs, err)
	}
	out := f.outbox()
	if len(out) != 1 || out[0].To[0] != agentAddr || !strings.Contains(out[0].Body, "--quarantined") || !strings.Contains(out[0].Subject, "support") {
		t.Fatalf("agents not told: %+v", out)
	}
	res, err := f.desk.Replay(ctx, qs[0], t0.Add(time.Hour))
	if err != nil || res.Outcome != "created" {
		t.Fatalf("replay: %+v %v", res, err)
	}
	if qs, _ := store.ListQuarantine(ctx, f.pool); len(qs) != 0 {
		t.Fatalf("still listed after replay: %+v", qs)
	}
}

func TestUnreadableAndSenderlessMailIsKept(t *testing.T) {
	f := newFixture(t)
	for _, raw := range []string{"\x00\x01\x02 garbage", "Subject: nobody\n\nno From header at all\n"} {
		res := f.ingest("support", raw, t0)
		if res.Queued != 0 || res.Outcome == "" {
			t.Fatalf("%q: %+v", raw, res)
		}
	}
	var n int
	f.pool.QueryRow(context.Background(), `SELECT count(*) FROM messages`).Scan(&n)
	if n != 2 {
		t.Fatalf("%d messages stored, want 2", n)
	}
}

func TestOwnMessageIDRoundTrip(t *testing.T) {
	f := newFixture(t)
	id := f.desk.newMessageID("TKT-100042", AudienceAgents, "desk.example")
	if got := f.desk.ownMessageID(id); got != "TKT-100042" {
		t.Fatalf("ownMessageID(%s) = %q", id, got)
	}
	if len("Message-ID: <"+id+">") > 78 {
		t.Fatalf("Message-ID too long to stay on one header line: %s", id)
	}
	tampered := strings.Replace(id, "tkt-100042", "tkt-100043", 1)
	if got := f.desk.ownMessageID(tampered); got != "" {
		t.Fatalf("tampered id accepted as %q", got)
	}
}

// A message quarantined because the IMAP server never sent it whole holds no
// bytes: replaying it is refused with where it still is, and it stays
// listed, with no message stored and no ticket opened.
func TestReplayOfAMessageNeverSentWholeIsRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := Inbound{Mailbox: "support", UIDValidity: 9, UID: 77, Raw: []byte{}, At: t0}
	cause := errors.New("the IMAP server did not send the message whole (FETCH BODY[]); it is still there as uid 77")
	if err := f.desk.Quarantine(ctx, in, cause, 3); err != nil {
		t.Fatal(err)
	}
	qs, err := f.desk.ListQuarantine(ctx)
	if err != nil || len(qs) != 1 {
		t.Fatalf("quarantine = %+v, %v", qs, err)
	}
	_, err = f.desk.Replay(ctx, qs[0], t0.Add(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "holds no bytes") || !strings.Contains(err.Error(), "mailbox support uid 77") {
		t.Fatalf("replay of an empty quarantine: %v; want a refusal naming mailbox and uid", err)
	}
	if qs, _ := store.ListQuarantine(ctx, f.pool); len(qs) != 1 {
		t.Fatalf("listed %d after the refused replay, want 1", len(qs))
	}
	if n := f.count(`SELECT count(*) FROM messages`); n != 0 {
		t.Fatalf("%d messages stored by a refused replay", n)
	}
}
