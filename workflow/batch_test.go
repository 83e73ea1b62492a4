package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/policy"
	"rmad/store"
)

// countingPool is the real pool, counting the transactions begun and
// committed through it: group commit is about how many there are.
type countingPool struct {
	*pgxpool.Pool
	begun, committed atomic.Int64
}

func (c *countingPool) Begin(ctx context.Context) (pgx.Tx, error) {
	return c.BeginTx(ctx, pgx.TxOptions{})
}

func (c *countingPool) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	tx, err := c.Pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.begun.Add(1)
	return &countingTx{Tx: tx, c: c}, nil
}

type countingTx struct {
	pgx.Tx
	c *countingPool
}

func (t *countingTx) Commit(ctx context.Context) error {
	err := t.Tx.Commit(ctx)
	if err == nil {
		t.c.committed.Add(1)
	}
	return err
}

// batchFixture is a desk whose pool counts transactions.
func batchFixture(t *testing.T) (*fixture, *countingPool) {
	f := newFixture(t)
	cp := &countingPool{Pool: f.pool}
	f.desk.pool = cp
	return f, cp
}

// batchOf makes one new RMA request per subject, from a customer each.
func (f *fixture) batchOf(subjects ...string) []Inbound {
	var ins []Inbound
	for i, s := range subjects {
		f.uid++
		from := fmt.Sprintf("Customer %d <c%d@customer.example>", i, i)
		raw := mailText(from, rmaAddr, s, fmt.Sprintf("b%d-%d@customer.example", f.uid, i), "", incompleteRMA)
		ins = append(ins, Inbound{Mailbox: "rma", UIDValidity: 7, UID: f.uid,
			Raw: []byte(strings.ReplaceAll(raw, "\n", "\r\n")), At: t0})
	}
	return ins
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

func (f *fixture) exec(query string) {
	f.t.Helper()
	if _, err := f.pool.Exec(context.Background(), query); err != nil {
		f.t.Fatal(err)
	}
}

func TestIngestBatchCommitsOnce(t *testing.T) {
	f, cp := batchFixture(t)
	ins := f.batchOf("one", "two", "three", "four", "five")
	out := f.desk.IngestBatch(context.Background(), ins)
	for i, b := range out {
		if b.Err != nil || b.Result.Outcome != store.OutcomeCreated || b.Result.Queued != 2 {
			t.Fatalf("message %d: %+v", i, b)
		}
	}
	if b, c := cp.begun.Load(), cp.committed.Load(); b != 1 || c != 1 {
		t.Fatalf("%d transactions begun, %d committed; want one of each for the batch", b, c)
	}
	if n := f.count(`SELECT count(*) FROM tickets`); n != 5 {
		t.Fatalf("%d tickets", n)
	}
	if n := f.count(`SELECT count(*) FROM outbox`); n != 10 {
		t.Fatalf("%d mails queued", n)
	}
	// The same batch again (a crash between the commit and the flags):
	// every message is a replay, nothing more is queued.
	for i, b := range f.desk.IngestBatch(context.Background(), ins) {
		if b.Err != nil || b.Result.Outcome != store.OutcomeReplay {
			t.Fatalf("replayed message %d: %+v", i, b)
		}
	}
	if n := f.count(`SELECT count(*) FROM outbox`); n != 10 {
		t.Fatalf("%d mails queued after the replay", n)
	}
}

// A message that fails inside the transaction rolls back to its savepoint:
// the others commit in the same transaction, and only it reports an error.
func TestIngestBatchPoisonFailsAlone(t *testing.T) {
	f, cp := batchFixture(t)
	f.exec(`CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.subject = 'poison' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$`)
	f.exec(`CREATE TRIGGER poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION poison()`)
	out := f.desk.IngestBatch(context.Background(), f.batchOf("first", "poison", "last"))
	if out[0].Err != nil || out[2].Err != nil || out[0].Result.Outcome != store.OutcomeCreated || out[2].Result.Outcome != store.OutcomeCreated {
		t.Fatalf("the good messages: %+v, %+v", out[0], out[2])
	}
	if out[1].Err == nil || !strings.Contains(out[1].Err.Error(), "poisoned") || errors.Is(out[1].Err, errGroup) {
		t.Fatalf("the poison message: %+v", out[1])
	}
	if b, c := cp.begun.Load(), cp.committed.Load(); b != 1 || c != 1 {
		t.Fatalf("%d transactions begun, %d committed; want one of each", b, c)
	}
	if n := f.count(`SELECT count(*) FROM tickets`); n != 2 {
		t.Fatalf("%d tickets, want 2", n)
	}
	if n := f.count(`SELECT count(*) FROM messages WHERE subject = 'poison'`); n != 0 {
		t.Fatal("the poison message was stored")
	}
	if n := f.count(`SELECT count(*) FROM message_copies`); n != 2 {
		t.Fatalf("%d copies recorded, want 2", n)
	}
}

// A message that breaks the transaction itself (here its connection dies)
// must not take its neighbours down with it: they are processed again, each
// alone, and commit; only the breaker fails.
func TestIngestBatchBrokenTransactionRetriesAlone(t *testing.T) {
	f, cp := batchFixture(t)
	f.exec(`CREATE FUNCTION killer() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.subject = 'killer' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$`)
	f.exec(`CREATE TRIGGER killer BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION killer()`)
	out := f.desk.IngestBatch(context.Background(), f.batchOf("first", "killer", "last"))
	for _, i := range []int{0, 2} {
		if out[i].Err != nil || out[i].Result.Outcome != store.OutcomeCreated || out[i].Result.Ticket == "" {
			t.Fatalf("message %d: %+v", i, out[i])
		}
	}
	if out[1].Err == nil || errors.Is(out[1].Err, errGroup) {
		t.Fatalf("the breaking message: %+v; want its own failure", out[1])
	}
	// The group, then each message alone.
	if b, c := cp.begun.Load(), cp.committed.Load(); b != 4 || c != 2 {
		t.Fatalf("%d transactions begun, %d committed; want 4 and 2", b, c)
	}
	if n := f.count(`SELECT count(*) FROM tickets`); n != 2 {
		t.Fatalf("%d tickets, want 2", n)
	}
	if n := f.count(`SELECT count(*) FROM outbox`); n != 4 {
		t.Fatalf("%d mails queued, want 4", n)
	}
}

// The hourly caps count the answers queued earlier in the same batch (not
// yet committed, not yet written to the counters), and a message rolled
// back to its savepoint counts nothing.
func TestIngestBatchCapsCountTheBatch(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.AutoReplyDomainLimit = 3; c.AutoReplyDeskLimit = 100 })
	f.exec(`CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.subject LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned'; END IF; RETURN NEW; END $$`)
	f.exec(`CREATE TRIGGER poison BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION poison()`)
	var ins []Inbound
	for i, subject := range []string{"a", "b", "Re: poison", "c", "d", "e"} {
		f.uid++
		raw := mailText(fmt.Sprintf("u%d@flood.example", i), supportAddr, subject, fmt.Sprintf("cap%d@flood.example", i), "", "help\n")
		ins = append(ins, Inbound{Mailbox: "support", UIDValidity: 7, UID: f.uid, Raw: []byte(strings.ReplaceAll(raw, "\n", "\r\n")), At: t0})
	}
	out := f.desk.IngestBatch(context.Background(), ins)
	if out[2].Err == nil {
		t.Fatalf("the poison message did not fail: %+v", out[2])
	}
	answered := 0
	for _, m := range f.outbox() {
		if m.Audience == "customer" {
			answered++
		}
	}
	if answered != 3 {
		t.Fatalf("%d automatic answers to one domain from one batch; the cap is 3", answered)
	}
	if n := f.count(`SELECT coalesce(sum(n), 0)::int FROM auto_reply_counts WHERE scope = 'flood.example'`); n != 3 {
		t.Fatalf("the domain's counter holds %d, want 3 (the rolled-back message must not count)", n)
	}
	if n := f.count(`SELECT coalesce(sum(n), 0)::int FROM auto_reply_counts WHERE scope = ''`); n != 3 {
		t.Fatalf("the desk's counter holds %d, want 3", n)
	}
}
