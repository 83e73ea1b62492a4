package main

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"rmad/internal/imaptest"
)

// kill -9 while batches are in flight: a lane's transaction holds several
// messages under savepoints, so a kill lands between savepoints, before
// the commit, or after it and before the flags. Whatever it hits, the run
// that follows must end with every message processed exactly once and
// every customer answered exactly once.
func TestKill9MidBatchProcessesEachMessageOnce(t *testing.T) {
	const n = 160
	w := newWorld(t, imaptest.NewDovecot(t))
	for i := range n {
		// A customer and a domain each, so no hourly cap holds an answer back.
		w.deliver(deskRMA, fmt.Sprintf("From: Customer %d <c%d@d%d.example>\nTo: %s\nSubject: Server %d will not power on\n"+
			"Date: Fri, 20 Nov 2026 12:59:00 -0800\nMessage-ID: <kill-%d@customer.example>\nContent-Type: text/plain; charset=utf-8\n\n%s",
			i, i, i, deskRMA, i, i, requestBody))
	}
	db := connect(t, w.dbURL)
	ctx := context.Background()
	count := func(q string) int {
		t.Helper()
		var c int
		if err := db.QueryRow(ctx, q).Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	// Two kills, each once some of the mail is in: the first after at least
	// 20 messages, the second after 80.
	for _, atLeast := range []int{20, 80} {
		c := w.rmadProcess(nil, "serve", "--config", w.cfgFile)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(90 * time.Second)
		for count(`SELECT count(*) FROM messages`) < atLeast {
			if time.Now().After(deadline) {
				c.Process.Kill()
				t.Fatalf("fewer than %d messages stored in 90 s", atLeast)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err := c.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		waitExit(t, c, -1)
		if got := count(`SELECT count(*) FROM messages`); got >= n {
			t.Logf("the kill came after all %d messages were stored", got)
		}
	}

	c := w.rmadProcess(nil, "serve", "--config", w.cfgFile)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for {
		unsent := count(`SELECT count(*) FROM outbox WHERE status <> 'sent'`)
		msgs, _ := w.imap.Messages(ctx, deskRMA, imapPass, "INBOX")
		seen := 0
		for _, m := range msgs {
			if m.HasFlag(imap.FlagSeen) {
				seen++
			}
		}
		if unsent == 0 && seen == n && count(`SELECT count(*) FROM messages`) == n {
			break
		}
		if time.Now().After(deadline) {
			c.Process.Kill()
			t.Fatalf("work not finished: %d unsent, %d of %d flagged", unsent, seen, n)
		}
		time.Sleep(200 * time.Millisecond)
	}
	c.Process.Signal(syscall.SIGTERM)
	waitExit(t, c, 0)

	if got := count(`SELECT count(*) FROM message_copies`); got != n {
		t.Errorf("%d fetches recorded, want %d", got, n)
	}
	if got := count(`SELECT count(*) FROM tickets`); got != n {
		t.Errorf("%d tickets, want %d", got, n)
	}
	if got := count(`SELECT count(*) FROM messages WHERE outcome <> 'created'`); got != 0 {
		t.Errorf("%d messages with another outcome than created", got)
	}
	// One answer per customer in the outbox, and at the server one distinct
	// Message-ID per answer (a crash between the server's 250 and the sent
	// mark may send one again, with the same Message-ID).
	if got := count(`SELECT count(*) FROM (SELECT ticket_id FROM outbox WHERE audience = 'customer'
		GROUP BY ticket_id HAVING count(*) <> 1) s`); got != 0 {
		t.Errorf("%d tickets whose customer was not answered exactly once", got)
	}
	if got := count(`SELECT count(DISTINCT ticket_id) FROM outbox WHERE audience = 'customer'`); got != n {
		t.Errorf("%d customers answered, want %d", got, n)
	}
	answered := map[string]bool{}
	for _, r := range w.smtp.Messages() {
		h := header(t, r)
		if to, _ := h.AddressList("To"); len(to) == 1 && to[0].Address != deskAgent {
			mid, _ := h.MessageID()
			answered[mid] = true
		}
	}
	if len(answered) != n {
		t.Errorf("%d distinct customer answers reached the server, want %d", len(answered), n)
	}
	if got := count(`SELECT coalesce(sum(n), 0)::int FROM auto_reply_counts WHERE scope = ''`); got != n {
		t.Errorf("the desk's counter of automatic answers holds %d, want %d", got, n)
	}
}
