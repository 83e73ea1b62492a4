package workflow

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
)

// commitCounter counts the COMMITs a pool sends.
type commitCounter struct{ n atomic.Int64 }

func (c *commitCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if strings.EqualFold(strings.TrimSpace(d.SQL), "commit") {
		c.n.Add(1)
	}
	return ctx
}

func (c *commitCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// voidFixture is a desk over 2,000 seeded RMAs of which 100 are due to be
// voided at now, with its COMMITs counted.
func voidFixture(t *testing.T) (*fixture, *commitCounter, time.Time) {
	t.Helper()
	now := time.Date(2026, 12, 8, 17, 0, 0, 0, time.UTC)
	pc, err := pgxpool.ParseConfig(pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	cc := &commitCounter{}
	pc.ConnConfig.Tracer = cc
	f := newFixtureWith(t, pc)
	seedRMAs(t, f.pool, 2000, 300, now)
	// The void job takes them by void date: one a second, so in id order.
	if _, err := f.pool.Exec(context.Background(), `UPDATE rmas SET void_at = $1::timestamptz - interval '1 day' + id * interval '1 second'
		WHERE status = 'issued' AND void_at <= $1::timestamptz`, now); err != nil {
		t.Fatal(err)
	}
	return f, cc, now
}

// nthDueVoid is the id of the nth RMA (from 1) the void job takes.
func (f *fixture) nthDueVoid(n int, now time.Time) int64 {
	f.t.Helper()
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM rmas WHERE status = 'issued' AND void_at <= $1
		ORDER BY void_at OFFSET $2 LIMIT 1`, now, n-1).Scan(&id); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// voidState is what the void job left: RMAs voided as of now, their claimed
// stages, the void notices, and RMAs voided or claimed more than once.
func (f *fixture) voidState(now time.Time) (voided, stages, mails, twice int) {
	f.t.Helper()
	err := f.pool.QueryRow(context.Background(), `SELECT
		(SELECT count(*) FROM rmas WHERE status = 'voided' AND voided_at = $1),
		(SELECT count(*) FROM rma_stages WHERE stage = 'void'),
		(SELECT count(*) FROM outbox WHERE template = 'rma_voided'),
		(SELECT count(*) FROM (SELECT rma_id FROM rma_events WHERE to_status = 'voided' GROUP BY rma_id HAVING count(*) > 1
			UNION ALL SELECT rma_id FROM rma_stages WHERE stage = 'void' GROUP BY rma_id HAVING count(*) > 1) x)`, now).
		Scan(&voided, &stages, &mails, &twice)
	if err != nil {
		f.t.Fatal(err)
	}
	return voided, stages, mails, twice
}

// failStage makes claiming a stage of RMA rma fail with SQLSTATE code:
// every time, or (once) only the first time it is tried. The count is a
// sequence, which no rollback takes back.
func (f *fixture) failStage(rma int64, code string, once bool) {
	f.t.Helper()
	cond := "true"
	if once {
		cond = "nextval('stage_failures') = 1"
	}
	for _, q := range []string{
		`CREATE SEQUENCE stage_failures`,
		`CREATE FUNCTION fail_stage() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF NEW.rma_id = ` + strconv.FormatInt(rma, 10) + ` AND ` + cond + ` THEN
				RAISE EXCEPTION 'injected failure on RMA %', NEW.rma_id USING ERRCODE = '` + code + `';
			END IF;
			RETURN NEW;
		END $$`,
		`CREATE TRIGGER fail_stage BEFORE INSERT ON rma_stages FOR EACH ROW EXECUTE FUNCTION fail_stage()`,
	} {
		if _, err := f.pool.Exec(context.Background(), q); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *fixture) dropFailStage() {
	f.t.Helper()
	if _, err := f.pool.Exec(context.Background(), `DROP TRIGGER fail_stage ON rma_stages`); err != nil {
		f.t.Fatal(err)
	}
}

// TestJobsCommitInGroups: 100 voids are 4 transactions (32 a group), not
// 100, and a second run finds nothing left to do.
func TestJobsCommitInGroups(t *testing.T) {
	f, cc, now := voidFixture(t)
	before := cc.n.Load()
	done, err := f.desk.RunJob(context.Background(), "void", now)
	if err != nil || done != 100 {
		t.Fatalf("void: %d done (err %v), want 100", done, err)
	}
	// 4 groups (the run's record is a statement of its own).
	if got := cc.n.Load() - before; got != 4 {
		t.Errorf("void of 100 RMAs sent %d COMMITs, want 4", got)
	}
	if voided, stages, mails, twice := f.voidState(now); voided != 100 || stages != 100 || mails != 100 || twice != 0 {
		t.Errorf("voided %d, stages %d, notices %d, twice %d; want 100, 100, 100, 0", voided, stages, mails, twice)
	}
	if done, err := f.desk.RunJob(context.Background(), "void", now); err != nil || done != 0 {
		t.Errorf("second run: %d done (err %v), want 0", done, err)
	}
	if voided, stages, mails, twice := f.voidState(now); voided != 100 || stages != 100 || mails != 100 || twice != 0 {
		t.Errorf("after a second run: voided %d, stages %d, notices %d, twice %d; want 100, 100, 100, 0", voided, stages, mails, twice)
	}
}

// TestJobCaseFailsAlone: the 40th case (the 8th of the second group) fails,
// every time. It rolls back alone: the 39 before it are committed, each
// with its notice, the run stops there with the error, as it did when each
// case was its own transaction; the next run does the rest, each once.
func TestJobCaseFailsAlone(t *testing.T) {
	f, _, now := voidFixture(t)
	f.failStage(f.nthDueVoid(40, now), "P0001", false)
	done, err := f.desk.RunJob(context.Background(), "void", now)
	if err == nil || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("void: err %v, want the injected failure", err)
	}
	if done != 39 {
		t.Errorf("void: %d done, want the 39 before the failing case", done)
	}
	if voided, stages, mails, twice := f.voidState(now); voided != 39 || stages != 39 || mails != 39 || twice != 0 {
		t.Errorf("after the failure: voided %d, stages %d, notices %d, twice %d; want 39, 39, 39, 0", voided, stages, mails, twice)
	}
	f.dropFailStage()
	if done, err := f.desk.RunJob(context.Background(), "void", now); err != nil || done != 61 {
		t.Errorf("next run: %d done (err %v), want the other 61", done, err)
	}
	if voided, stages, mails, twice := f.voidState(now); voided != 100 || stages != 100 || mails != 100 || twice != 0 {
		t.Errorf("in the end: voided %d, stages %d, notices %d, twice %d; want 100, 100, 100, 0", voided, stages, mails, twice)
	}
}

// TestJobGroupDeadlockRetriesAlone: a deadlock (with mail being routed, say)
// in the 40th case, once, is no fault of that case: the second group's
// transaction rolls back whole, freeing whatever the other side waits for,
// and each of its cases goes again in a transaction of its own. The run
// ends with every RMA voided exactly once and no error.
func TestJobGroupDeadlockRetriesAlone(t *testing.T) {
	f, cc, now := voidFixture(t)
	f.failStage(f.nthDueVoid(40, now), "40P01", true)
	before := cc.n.Load()
	done, err := f.desk.RunJob(context.Background(), "void", now)
	if err != nil || done != 100 {
		t.Fatalf("void: %d done (err %v), want all 100", done, err)
	}
	if voided, stages, mails, twice := f.voidState(now); voided != 100 || stages != 100 || mails != 100 || twice != 0 {
		t.Errorf("voided %d, stages %d, notices %d, twice %d; want 100, 100, 100, 0", voided, stages, mails, twice)
	}
	// Groups 1, 3 and 4, and the second group's 32 cases one by one.
	if got := cc.n.Load() - before; got != 3+32 {
		t.Errorf("%d COMMITs, want 35", got)
	}
}

// TestJobTakesABrieflyHeldCaseInTheSameRun: the ticket of the 5th due void
// is held by another transaction (mail being routed, another replica's
// group) for 300 ms. The first pass skips its cases rather than queue
// behind it; the second pass waits for the lock and does them: the run
// ends with all 100 voided, each once, not some left for the next run.
func TestJobTakesABrieflyHeldCaseInTheSameRun(t *testing.T) {
	f, _, now := voidFixture(t)
	release := f.holdTicketOf(f.nthDueVoid(5, now))
	go func() {
		time.Sleep(300 * time.Millisecond)
		release()
	}()
	done, err := f.desk.RunJob(context.Background(), "void", now)
	if err != nil || done != 100 {
		t.Fatalf("void: %d done (err %v), want all 100 in the one run", done, err)
	}
	if voided, stages, mails, twice := f.voidState(now); voided != 100 || stages != 100 || mails != 100 || twice != 0 {
		t.Errorf("voided %d, stages %d, notices %d, twice %d; want 100, 100, 100, 0", voided, stages, mails, twice)
	}
}
