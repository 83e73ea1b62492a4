package imaptest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"rmad/internal/imapmem"
	"sync"
	"testing"
	"time"
)

func rawMsg(n int) []byte {
	return fmt.Appendf(nil, "From: a@example.com\r\nTo: b@example.com\r\nSubject: test %d\r\nMessage-ID: <%d@example.com>\r\n\r\nbody %d\r\n", n, n, n)
}

func TestDovecotLifecycle(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	d := NewDovecot(t)
	// A user added after start must be able to log in at once.
	if err := d.AddUser("alice", "pw1"); err != nil {
		t.Fatal(err)
	}
	uid1, err := d.Append(ctx, "alice", "pw1", "INBOX", rawMsg(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.AddUser("bob", "pw2"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Append(ctx, "bob", "pw2", "Other", rawMsg(2)); err != nil {
		t.Fatalf("append to a missing folder: %v", err)
	}
	if _, err := d.Append(ctx, "alice", "wrong", "INBOX", rawMsg(3)); err == nil {
		t.Fatal("append with a wrong password succeeded")
	}
	uid2, err := d.Append(ctx, "alice", "pw1", "INBOX", rawMsg(4))
	if err != nil {
		t.Fatal(err)
	}
	if uid2 <= uid1 {
		t.Fatalf("uids %d then %d", uid1, uid2)
	}

	oldAddr, dir := d.Addr(), d.Dir()
	if err := d.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if d.Addr() != oldAddr {
		t.Fatalf("restart moved the server from %s to %s", oldAddr, d.Addr())
	}
	msgs, err := d.Messages(ctx, "alice", "pw1", "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].UID != uid1 || msgs[1].UID != uid2 || !bytes.Equal(msgs[1].Raw, rawMsg(4)) {
		t.Fatalf("after restart: %+v", msgs)
	}
	if msgs[0].HasFlag(`\Seen`) {
		t.Fatal("Messages set \\Seen")
	}

	before := uidValidity(t, ctx, d, "alice", "INBOX")
	after, err := d.ChangeUIDValidity(ctx, "alice", "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if got := uidValidity(t, ctx, d, "alice", "INBOX"); got == before || got != after {
		t.Fatalf("uidvalidity %d -> %d, ChangeUIDValidity said %d", before, got, after)
	}
	if msgs, err := d.Messages(ctx, "alice", "pw1", "INBOX"); err != nil || len(msgs) != 2 {
		t.Fatalf("messages after uidvalidity change: %v, %v", msgs, err)
	}

	if err := d.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := d.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("temp dir left behind: %v", err)
	}
	if _, err := d.Append(ctx, "alice", "pw1", "INBOX", rawMsg(5)); err == nil {
		t.Fatal("append after Stop succeeded")
	}
}

func uidValidity(t *testing.T, ctx context.Context, s Server, user, folder string) uint32 {
	t.Helper()
	c, done, err := imapmem.Login(ctx, s.Addr(), false, user, map[string]string{"alice": "pw1"}[user])
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	sel, err := c.Select(folder, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return sel.UIDValidity
}

func TestMemConcurrentAppend(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m := Mem(t)
	if err := m.AddUser("alice", "pw1"); err != nil {
		t.Fatal(err)
	}
	const n = 20
	var wg sync.WaitGroup
	uids := make(chan uint32, n)
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			uid, err := m.Append(ctx, "alice", "pw1", "INBOX", rawMsg(i))
			if err != nil {
				errs <- err
				return
			}
			uids <- uid
		})
	}
	wg.Wait()
	close(errs)
	close(uids)
	for err := range errs {
		t.Fatal(err)
	}
	seen := map[uint32]bool{}
	for uid := range uids {
		if seen[uid] {
			t.Fatalf("uid %d handed out twice", uid)
		}
		seen[uid] = true
	}
	msgs, err := m.Messages(ctx, "alice", "pw1", "INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != n {
		t.Fatalf("%d messages, want %d", len(msgs), n)
	}
	if _, err := m.Append(ctx, "alice", "pw1", "Processed", rawMsg(99)); err != nil {
		t.Fatalf("append to a missing folder: %v", err)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}
