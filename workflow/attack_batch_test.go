package workflow

// Attacks on group commit (IngestBatch): a spammer's flood over concurrent
// lanes, lanes that deadlock on each other's tickets, a commit whose
// acknowledgement is lost, and a batch holding a request, its duplicate and
// its follow-up.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/policy"
	"rmad/store"
)

// bigFixture is newFixture with a pool large enough for concurrent lanes
// plus the test's own connections (the default is four).
func bigFixture(t *testing.T, mutate ...func(*Config, *policy.Policy)) *fixture {
	f := newFixture(t, mutate...)
	cfg := f.pool.Config()
	cfg.MaxConns = 20
	p, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	f.pool, f.desk.pool = p, p
	return f
}

// inbound is raw as the next UID of mailbox, at t0.
func (f *fixture) inbound(mailbox, raw string) Inbound {
	f.uid++
	return Inbound{Mailbox: mailbox, UIDValidity: 7, UID: f.uid,
		Raw: []byte(strings.ReplaceAll(strings.TrimLeft(raw, "\n"), "\n", "\r\n")), At: t0}
}

// waitLocked waits until n backends wait for a lock while running a
// statement that contains what. It waits for a state, not for time; when
// the state does not come it says what the backends do instead.
func (f *fixture) waitLocked(n int, what string) bool {
	f.t.Helper()
	return f.waitLockedOr(n, what, func() int { return 0 })
}

// waitLockedOr is waitLocked where each of finished() counts as one
// waiting: a lane that had nothing to count does not wait at all.
func (f *fixture) waitLockedOr(n int, what string, finished func() int) bool {
	f.t.Helper()
	for i := 0; ; i++ {
		got := f.count(`SELECT count(*)::int FROM pg_stat_activity
			WHERE wait_event_type = 'Lock' AND query LIKE '%' || $1 || '%'`, what)
		if got+finished() >= n {
			return true
		}
		if i > 3000 {
			rows, _ := f.pool.Query(context.Background(), `SELECT coalesce(wait_event_type, '') || '/' || coalesce(wait_event, '') || ' ' || state || ': ' || left(query, 120) FROM pg_stat_activity WHERE datname = current_database()`)
			ss, _ := pgx.CollectRows(rows, pgx.RowTo[string])
			f.t.Errorf("%d backends wait for a lock in %q, want %d; backends:\n%s", got, what, n, strings.Join(ss, "\n"))
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// holdCounters locks every automatic-answer counter row of t0's hour (made
// first, at 0), so each transaction that counts an answer waits in its flush,
// just before its commit, until release is called: every lane has then
// decided all its answers without seeing another lane's.
func (f *fixture) holdCounters(scopes ...string) (release func()) {
	f.t.Helper()
	ctx := context.Background()
	for _, s := range scopes {
		for shard := 0; shard < 8; shard++ {
			if _, err := f.pool.Exec(ctx, `INSERT INTO auto_reply_counts (scope, hour, shard, n) VALUES ($1, $2, $3, 0)
				ON CONFLICT DO NOTHING`, s, t0, shard); err != nil {
				f.t.Fatal(err)
			}
		}
	}
	tx, err := f.pool.Begin(ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM auto_reply_counts FOR UPDATE`); err != nil {
		f.t.Fatal(err)
	}
	return func() {
		if err := tx.Commit(ctx); err != nil {
			f.t.Fatal(err)
		}
	}
}

// floodLanes runs lanes concurrently, each in one IngestBatch call (as the
// watcher's lanes do), or message by message with perMessage, and fails on
// any message's error.
func (f *fixture) floodLanes(lanes [][]Inbound, perMessage bool, waiting int) {
	f.t.Helper()
	release := f.holdCounters("", "flood.example")
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	var finished atomic.Int32
	for _, lane := range lanes {
		wg.Go(func() {
			defer finished.Add(1)
			if perMessage {
				for _, in := range lane {
					if _, err := f.desk.Ingest(context.Background(), in); err != nil {
						errs <- err
					}
				}
				return
			}
			for _, b := range f.desk.IngestBatch(context.Background(), lane) {
				if b.Err != nil {
					errs <- b.Err
				}
			}
		})
	}
	f.waitLockedOr(waiting, "auto_reply_counts", func() int { return int(finished.Load()) })
	release()
	wg.Wait()
	close(errs)
	for err := range errs {
		f.t.Fatal(err)
	}
}

// floodOf makes n mails to support@ from n strangers of flood.example,
// the sender named by prefix and index.
func (f *fixture) floodOf(prefix string, n int) []Inbound {
	var ins []Inbound
	for i := range n {
		ins = append(ins, f.inbound("support", mailText(fmt.Sprintf("%s%d@flood.example", prefix, i), supportAddr,
			fmt.Sprintf("cheap pills %s%d", prefix, i), fmt.Sprintf("%s%d@flood.example", prefix, i), "", "Buy now\n")))
	}
	return ins
}

func (f *fixture) answersTo(pattern string) int {
	f.t.Helper()
	return f.count(`SELECT count(*)::int FROM outbox WHERE audience = 'customer' AND array_to_string(to_addresses, ',') LIKE $1`, pattern)
}

// Attack (spammer, concurrent lanes): four lanes of a flood from one
// domain, each lane one transaction. The per-domain cap is 30 an hour; each
// lane's counts live in its memory until its commit, so without more each
// lane could answer 30 by itself; and a cap checked before the answer is
// counted let two lanes both take its last answer (30-34 here). Checking
// and counting are one step (work.admit): exactly the cap gets through.
func TestAttackBatchDomainCapAcrossConcurrentLanes(t *testing.T) {
	f := bigFixture(t)
	var lanes [][]Inbound
	for l := range 4 {
		lanes = append(lanes, f.floodOf(fmt.Sprintf("l%d-", l), 32))
	}
	f.floodLanes(lanes, false, 4)
	got := f.answersTo("%@flood.example%")
	counted := f.count(`SELECT coalesce(sum(n), 0)::int FROM auto_reply_counts WHERE scope = 'flood.example'`)
	t.Logf("group commit, 4 lanes of 32: %d answers to flood.example (counted %d), cap 30", got, counted)
	if got != 30 {
		t.Errorf("%d automatic answers to one domain from four concurrent lanes; want the cap: 30", got)
	}
	if got != counted {
		t.Errorf("%d answers queued, %d counted", got, counted)
	}
}

// The same flood message by message (Ingest, one transaction each), the
// behaviour before group commit: the reference for the test above.
func TestAttackBatchDomainCapPerMessageReference(t *testing.T) {
	f := bigFixture(t)
	var lanes [][]Inbound
	for l := range 4 {
		lanes = append(lanes, f.floodOf(fmt.Sprintf("l%d-", l), 32))
	}
	f.floodLanes(lanes, true, 4)
	got := f.answersTo("%@flood.example%")
	t.Logf("message by message, 4 lanes of 32: %d answers to flood.example, cap 30", got)
	if got != 30 {
		t.Errorf("%d automatic answers to one domain; want the cap: 30", got)
	}
}

// Attack (spammer, one address, both desk addresses): the per-sender cap (5
// an hour) counts the answers queued in the outbox; one sender's mails to
// rma@ and to support@ are on two watchers' lanes, two transactions, each
// blind to the other's uncommitted answers.
func TestAttackBatchSenderCapAcrossMailboxes(t *testing.T) {
	f := bigFixture(t, func(c *Config, _ *policy.Policy) { c.AutoReplyDomainLimit = 1000 })
	var lanes [][]Inbound
	for _, box := range []string{"support", "rma"} {
		var lane []Inbound
		addr := supportAddr
		if box == "rma" {
			addr = rmaAddr
		}
		for i := range 8 {
			lane = append(lane, f.inbound(box, mailText("spam@flood.example", addr,
				fmt.Sprintf("pills %s %d", box, i), fmt.Sprintf("%s-%d@flood.example", box, i), "", "Buy now\n")))
		}
		lanes = append(lanes, lane)
	}
	f.floodLanes(lanes, false, 2)
	got := f.answersTo("%spam@flood.example%")
	t.Logf("group commit, one sender on two mailboxes' lanes: %d answers, cap 5", got)
	if got != 5 {
		t.Errorf("%d automatic answers to one sender from two concurrent lanes; want the cap: 5", got)
	}
}

// Attack (two lanes, one ticket each way): lane A has a mail on ticket T
// then one on ticket U, lane B one on U then one on T. Each transaction
// holds its first ticket's lock to its commit, so they deadlock, and
// PostgreSQL aborts one statement with 40P01. Neither message did anything
// wrong: none may come back as its failure (a failed try, and enough of
// them quarantine good mail), and every one must be processed exactly once.
func TestAttackBatchDeadlockBetweenLanesIsNoMessagesFault(t *testing.T) {
	f := bigFixture(t)
	ctx := context.Background()
	tk := func(i int) string {
		return f.ingest("rma", mailText(fmt.Sprintf("Cust %d <cust%d@customer.example>", i, i), rmaAddr,
			fmt.Sprintf("Server %d dead", i), fmt.Sprintf("req%d@customer.example", i), "", incompleteRMA), t0).Ticket
	}
	refT, refU := tk(1), tk(2)
	follow := func(i int, ref, mid string) Inbound {
		return f.inbound("rma", mailText(fmt.Sprintf("Cust %d <cust%d@customer.example>", i, i), rmaAddr,
			fmt.Sprintf("Re: [%s] Server %d dead", ref, i), mid,
			fmt.Sprintf("In-Reply-To: <req%d@customer.example>\n", i), "More details: it still blinks.\n"))
	}
	laneA := []Inbound{follow(1, refT, "a1@customer.example"), follow(2, refU, "a2@customer.example")}
	laneB := []Inbound{follow(2, refU, "b1@customer.example"), follow(1, refT, "b2@customer.example")}
	// Hold lane A between its two messages: its second one's Message-ID
	// is being inserted by a transaction of ours, so A waits on it.
	blocker, err := f.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := blocker.Exec(ctx, `INSERT INTO messages (message_id, content_hash, mailbox, from_address, from_name,
		to_addresses, subject, class, outcome, received_at, raw, raw_size, truncated, parse)
		VALUES ('a2@customer.example', 'blocker'::bytea, 'rma', 'x@x', '', '{}', '', 'customer', 'created', now(), '', 0, false, '{}')`); err != nil {
		t.Fatal(err)
	}
	var outA, outB []Batched
	var wg sync.WaitGroup
	wg.Go(func() { outA = f.desk.IngestBatch(ctx, laneA) })
	f.waitLocked(1, "INSERT INTO messages")
	wg.Go(func() { outB = f.desk.IngestBatch(ctx, laneB) })
	f.waitLocked(1, "FOR UPDATE") // B holds U and waits for T, held by A
	if err := blocker.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for name, out := range map[string][]Batched{"A": outA, "B": outB} {
		for i, b := range out {
			if b.Err != nil {
				t.Errorf("lane %s message %d failed: %v", name, i, b.Err)
			}
		}
	}
	for _, mid := range []string{"a1", "a2", "b1", "b2"} {
		if n := f.count(`SELECT count(*)::int FROM messages WHERE message_id = $1`, mid+"@customer.example"); n != 1 {
			t.Errorf("message %s stored %d times", mid, n)
		}
	}
	for _, ref := range []string{refT, refU} {
		if n := f.count(`SELECT count(*)::int FROM messages m JOIN tickets t ON t.id = m.ticket_id
			WHERE t.ref = $1 AND m.message_id LIKE '__@customer.example'`, ref); n != 2 {
			t.Errorf("ticket %s has %d of its 2 follow-ups", ref, n)
		}
	}
}

// lostAck is a pool whose transactions commit and then report that the
// commit failed: the acknowledgement was lost on the way back.
type lostAck struct {
	store.Beginner
	lost bool
}

func (l *lostAck) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	tx, err := l.Beginner.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &lostAckTx{Tx: tx, l: l}, nil
}

type lostAckTx struct {
	pgx.Tx
	l *lostAck
}

func (t *lostAckTx) Commit(ctx context.Context) error {
	if err := t.Tx.Commit(ctx); err != nil {
		return err
	}
	if !t.l.lost {
		t.l.lost = true
		return errors.New("connection reset by peer (the commit's answer was lost)")
	}
	return nil
}

// Attack (chaos): the batch's commit succeeds but its answer is lost. Every
// message is then run again alone; each must see it was committed (a
// replay), and nothing be done twice.
func TestAttackBatchCommitAckLost(t *testing.T) {
	f := newFixture(t)
	f.desk.pool = &lostAck{Beginner: f.pool}
	out := f.desk.IngestBatch(context.Background(), f.batchOf("one", "two", "three"))
	for i, b := range out {
		if b.Err != nil || b.Result.Outcome != store.OutcomeReplay {
			t.Errorf("message %d: %+v; want a replay of the committed batch", i, b)
		}
	}
	if n := f.count(`SELECT count(*)::int FROM tickets`); n != 3 {
		t.Errorf("%d tickets, want 3", n)
	}
	if n := f.count(`SELECT count(*)::int FROM outbox`); n != 6 {
		t.Errorf("%d mails queued, want 6", n)
	}
	if n := f.count(`SELECT coalesce(sum(n), 0)::int FROM auto_reply_counts WHERE scope = ''`); n != 3 {
		t.Errorf("the desk's counter holds %d, want 3", n)
	}
}

// Attack (customer, one batch): a request, the same mail again (another
// UID: cross-posted, or fetched twice), its follow-up, and a correction
// quoting the request's Message-ID, all in one lane's batch. The batch must
// end as the messages one by one do: one ticket, the duplicate a copy, the
// follow-ups on the ticket made moments before in the same transaction.
func TestAttackBatchRequestDuplicateFollowUpInOneBatch(t *testing.T) {
	mails := func(f *fixture) []Inbound {
		req := mailText("Alice Martin <alice@customer.example>", rmaAddr, "Server dead", "req@customer.example", "", incompleteRMA)
		fu := mailText("Alice Martin <alice@customer.example>", rmaAddr, "Re: Server dead", "fu@customer.example",
			"In-Reply-To: <req@customer.example>\nReferences: <req@customer.example>\n", "Sorry, the serial is QTFCQ0123456780.\n")
		fu2 := mailText("Alice Martin <alice@customer.example>", rmaAddr, "Re: Server dead", "fu2@customer.example",
			"In-Reply-To: <fu@customer.example>\nReferences: <req@customer.example> <fu@customer.example>\n", "And the phone is +1 408 555 0199.\n")
		return []Inbound{f.inbound("rma", req), f.inbound("rma", req), f.inbound("rma", fu), f.inbound("rma", fu2), f.inbound("rma", fu)}
	}
	type state struct{ tickets, messages, copies, outbox, events int }
	end := func(f *fixture) state {
		return state{
			f.count(`SELECT count(*)::int FROM tickets`),
			f.count(`SELECT count(*)::int FROM messages WHERE ticket_id = (SELECT min(id) FROM tickets)`),
			f.count(`SELECT count(*)::int FROM message_copies`),
			f.count(`SELECT count(*)::int FROM outbox`),
			f.count(`SELECT count(*)::int FROM ticket_events`),
		}
	}
	one := newFixture(t)
	var want []store.Outcome
	for _, in := range mails(one) {
		res, err := one.desk.Ingest(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, res.Outcome)
	}
	batch := newFixture(t)
	var got []store.Outcome
	for i, b := range batch.desk.IngestBatch(context.Background(), mails(batch)) {
		if b.Err != nil {
			t.Fatalf("message %d: %v", i, b.Err)
		}
		got = append(got, b.Result.Outcome)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outcomes in one batch %v, one by one %v", got, want)
	}
	if g, w := end(batch), end(one); g != w {
		t.Errorf("end state in one batch %+v, one by one %+v", g, w)
	}
	if s := end(batch); s.tickets != 1 || s.messages != 3 || s.copies != 5 {
		t.Errorf("end state %+v: want one ticket holding the request and both follow-ups, five copies", s)
	}
}
