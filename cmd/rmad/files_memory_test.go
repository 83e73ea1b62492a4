package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/internal/smtptest"
	"rmad/mailout"
	"rmad/store"
)

// TestStoredTwentyMBFileIsSentWithoutCopies sends a mail whose 20 MB file
// is read from the stored customer message, as an agent notice does: it
// arrives byte for byte, and sending it allocates about the stored message
// once (PostgreSQL's bytea), not the decoded file, its encoding or
// go-mail's buffer of it on top.
func TestStoredTwentyMBFileIsSentWithoutCopies(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	data := randomBytes(20<<20, 9)
	raw := []byte("From: " + custAddr + "\r\nTo: " + deskSupport + "\r\nSubject: dump\r\nMessage-ID: <big-1@customer.example>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nthe dump\r\n" +
		"--b\r\nContent-Type: application/octet-stream; name=dump.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(data) + "--b--\r\n")
	msgID, _, err := store.InsertMessage(ctx, pool, store.Message{MessageID: "big-1@customer.example", ContentHash: []byte{1}, Mailbox: "support",
		FromAddress: custAddr, Subject: "dump", Class: "human", Outcome: store.OutcomeCreated, ReceivedAt: time.Now(), Raw: raw,
		RawSize: int64(len(raw)), Parse: []byte("{}")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Enqueue(ctx, pool, store.OutMail{Template: "agent_new", MessageID: "rmad.big.1@desk.example", From: deskSupport,
		To: []string{deskAgent}, Subject: "dump", Body: "see the file", QueuedAt: time.Now(), Audience: store.AudienceAgents,
		Files: []store.FileRef{{Message: msgID, Index: 1, Filename: "dump.bin", ContentType: "application/octet-stream", Size: int64(len(data))}}}); err != nil {
		t.Fatal(err)
	}
	raw = nil
	sink, err := smtptest.Start(smtptest.Options{Consume: smtptest.DigestAttachments})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	s := mailout.NewSender(&queue{db: pool, metrics: newMetrics()}, mailout.SMTP{Host: sink.Host(), Port: sink.Port(), TLS: "none",
		HeloName: "rmad.test", Timeout: time.Minute}, mailout.Options{})

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if n, err := s.SendDue(ctx); n != 1 || err != nil {
		t.Fatalf("sent %d: %v", n, err)
	}
	runtime.ReadMemStats(&after)
	if got := sink.Messages(); len(got) != 1 || string(got[0].Data) != fmt.Sprintf("dump.bin %d %x\n", len(data), sha256.Sum256(data)) {
		t.Fatalf("the sink saw %d mails: %+v", len(got), got)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("sending a 20 MB file stored in a %.1f MB message allocated %.1f MB", float64(len(b64(data)))/(1<<20), float64(alloc)/(1<<20))
	if alloc > 3*(27<<20) {
		t.Errorf("sending allocated %d MB: the file is copied", alloc>>20)
	}
}
