package workflow

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/parser"
	"rmad/policy"
	"rmad/store"
)

// Job is one clock of the desk. Jobs take now as an argument, find due work
// through indexes, and handle each case in its own transaction that claims a
// (case, stage) row: whichever process runs it, and however often, each
// reminder, void and notice happens once.
type Job struct {
	Name        string
	Description string
	Schedule    string // default cron schedule, in the policy's time zone
}

// Jobs lists the desk's scheduled jobs.
func Jobs() []Job {
	return []Job{
		{"reminders", "return reminders before return and void deadlines", "*/15 * * * *"},
		{"void", "void RMAs whose unit has not arrived by their void date", "5,35 * * * *"},
		{"billing", "overdue advance replacements: billing, running late fees, support holds, terminations", "10,40 * * * *"},
		{"quotes", "out-of-warranty quotes: not accepted, final reminder, disposal", "20 * * * *"},
		{"waiting", "cases waiting on the customer: reminders and closing", "25 * * * *"},
		{"digest", "once a day, a mail to finance with a CSV of every open billing item", "0 8 * * *"},
	}
}

// batch bounds how much one run takes on; the next run continues.
const batch = 5000

// RunJob runs one job (or "all") as of now and returns how many cases it handled.
func (d *Desk) RunJob(ctx context.Context, name string, now time.Time) (int, error) {
	if name == "all" {
		total := 0
		for _, j := range Jobs() {
			n, err := d.RunJob(ctx, j.Name, now)
			total += n
			if err != nil {
				return total, err
			}
		}
		return total, nil
	}
	var fn func(context.Context, time.Time) (int, error)
	switch name {
	case "reminders":
		fn = d.jobReminders
	case "void":
		fn = d.jobVoid
	case "billing":
		fn = d.jobBilling
	case "quotes":
		fn = d.jobQuotes
	case "waiting":
		fn = d.jobWaiting
	case "digest":
		fn = d.jobDigest
	default:
		return 0, fmt.Errorf("workflow: unknown job %q", name)
	}
	n, err := fn(ctx, now)
	rec := store.JobRun{Job: name, LastRunAt: now, LastAsOf: now, LastDone: n}
	if err != nil {
		rec.LastError = err.Error()
	}
	if rerr := store.RecordJobRun(ctx, d.pool, rec); rerr != nil && err == nil {
		err = rerr
	}
	if n > 0 {
		d.log.Info("job ran", "job", name, "done", n, "as_of", now)
	}
	return n, err
}

// perCase runs fn in its own transaction as of now; fn reports whether it did anything.
func (d *Desk) perCase(ctx context.Context, now time.Time, fn func(r *run) (bool, error)) (bool, error) {
	var did bool
	var queued int
	err := pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		r := &run{d: d, tx: tx, in: Inbound{At: now}, m: prepared{parse: &parser.Message{}}, auto: "auto-generated"}
		var err error
		did, err = fn(r)
		queued = r.queued
		return err
	})
	if err != nil {
		return false, err
	}
	if queued > 0 && d.queued != nil {
		d.queued()
	}
	return did, nil
}

// rmaCase locks an RMA and its ticket for a job; ok is false when another
// runner holds the RMA (it will do the work).
//
// Locks are taken ticket first, then RMA, the order mail and commands use,
// so a job and an agent's command never deadlock on one case.
func (r *run) rmaCase(ctx context.Context, id int64) (*store.RMA, *store.Ticket, bool, error) {
	tid, err := store.RMATicketID(ctx, r.tx, id)
	if err != nil {
		return nil, nil, false, err
	}
	t, ok, err := store.LockTicket(ctx, r.tx, tid)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	m, ok, err := store.LockRMA(ctx, r.tx, id)
	if err != nil || !ok {
		return nil, nil, false, err
	}
	r.mb, _ = r.d.mailbox(t.Mailbox)
	return &m, &t, true, nil
}

func (r *run) jobEvent(ctx context.Context, m *store.RMA, to, detail string) error {
	return r.setStatus(ctx, m, to, Cause{Kind: "job"}, detail)
}

// deadlineOf is the deadline reminders count down to: the return date of an
// RMA out for return, or the void date of an issued one.
func deadlineOf(m store.RMA) (time.Time, string) {
	switch {
	case m.ReturnDue != nil && (m.Status == RMAIssued || m.Status == RMAShipped || m.Status == RMADelivered):
		if m.Type == "advance" {
			return *m.ReturnDue, "return"
		}
		return *m.ReturnDue, "ship"
	case m.VoidAt != nil && m.Status == RMAIssued:
		return *m.VoidAt, "void"
	}
	return time.Time{}, ""
}

func (d *Desk) jobReminders(ctx context.Context, now time.Time) (int, error) {
	offsets := append([]policy.Period(nil), d.pol.Clocks.ReturnReminders...)
	if len(offsets) == 0 {
		return 0, nil
	}
	span := 0
	for _, o := range offsets {
		span = max(span, o.N*7/5+o.N+10) // business days to calendar days, generously
	}
	ids, err := store.DueDeadlines(ctx, d.pool, now, now.AddDate(0, 0, span), batch)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, id := range ids {
		did, err := d.perCase(ctx, now, func(r *run) (bool, error) {
			m, t, ok, err := r.rmaCase(ctx, id)
			if err != nil || !ok {
				return false, err
			}
			deadline, kind := deadlineOf(*m)
			if kind == "" || !deadline.After(now) {
				return false, nil
			}
			// The latest reminder that is due is sent; earlier ones a run
			// missed (downtime) are recorded as superseded, not sent late.
			sort.Slice(offsets, func(i, j int) bool {
				return d.pol.Before(deadline, offsets[i]).Before(d.pol.Before(deadline, offsets[j]))
			})
			latest := -1
			for i, o := range offsets {
				if !d.pol.Before(deadline, o).After(now) {
					latest = i
				}
			}
			if latest < 0 {
				return false, nil
			}
			key := func(o policy.Period) string { return fmt.Sprintf("reminder:%s:%s:%d", kind, o, deadline.Unix()) }
			claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, key(offsets[latest]), now, true)
			if err != nil || !claimed {
				return false, err
			}
			for _, o := range offsets[:latest] {
				if _, err := store.ClaimRMAStage(ctx, r.tx, m.ID, key(o), now, false); err != nil {
					return false, err
				}
			}
			dt := r.rmaData(r.data(t), []store.RMA{*m})
			dt.Note = kind
			return true, r.queue(ctx, t, outMail{template: "rma_reminder", to: []string{t.CustomerAddress}, audience: AudienceCustomer,
				auto: "auto-generated", data: dt, rma: &m.ID, clock: true})
		})
		if err != nil {
			return done, err
		}
		if did {
			done++
		}
	}
	return done, nil
}

func (d *Desk) jobVoid(ctx context.Context, now time.Time) (int, error) {
	ids, err := store.DueVoids(ctx, d.pool, now, batch)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, id := range ids {
		did, err := d.perCase(ctx, now, func(r *run) (bool, error) {
			m, t, ok, err := r.rmaCase(ctx, id)
			if err != nil || !ok || m.Status != RMAIssued || m.VoidAt == nil || m.VoidAt.After(now) {
				return false, err
			}
			if claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, "void", now, true); err != nil || !claimed {
				return false, err
			}
			m.VoidedAt = &now
			reason := "the unit had not arrived by " + d.pol.CustomerDate(*m.VoidAt)
			if err := r.jobEvent(ctx, m, RMAVoided, reason); err != nil {
				return false, err
			}
			if _, err := store.CancelClockMail(ctx, r.tx, t.ID, m.ID); err != nil {
				return false, err
			}
			return true, r.customerUpdate(ctx, t, "rma_voided", []*store.RMA{m}, reason+".")
		})
		if err != nil {
			return done, err
		}
		if did {
			done++
		}
	}
	return done, nil
}

// lateAmount is QNAP's delayed-return fee: per calendar day (or part of
// one) in the policy's zone after the due date, capped at the MSRP (cap 0:
// no cap known). Days are local dates, not 24-hour blocks, so a DST change
// never adds a day.
func lateAmount(due, now time.Time, loc *time.Location, perDay, capCents int64) (days int, cents int64, capped bool) {
	d, n := due.In(loc), now.In(loc)
	dueDay := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC)
	nowDay := time.Date(n.Year(), n.Month(), n.Day(), 12, 0, 0, 0, time.UTC)
	days = int(nowDay.Sub(dueDay).Hours() / 24)
	if days < 1 {
		days = 1
	}
	cents = int64(days) * perDay
	if capCents > 0 && cents >= capCents {
		return days, capCents, true
	}
	return days, cents, false
}

func money(cents int64) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }

func cents(s *string) int64 {
	if s == nil {
		return 0
	}
	whole, frac, _ := strings.Cut(*s, ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac[:2], 10, 64)
	return w*100 + f
}

func (d *Desk) jobBilling(ctx context.Context, now time.Time) (int, error) {
	b := d.pol.Advance.Billing
	done := 0
	late, err := store.DueLate(ctx, d.pool, now, batch)
	if b.Kind == "" {
		late = nil
	}
	if err != nil {
		return 0, err
	}
	for _, id := range late {
		did, err := d.perCase(ctx, now, func(r *run) (bool, error) {
			m, t, ok, err := r.rmaCase(ctx, id)
			if err != nil || !ok || m.Type != "advance" || m.ReturnDue == nil || m.ReturnDue.After(now) {
				return false, err
			}
			switch m.Status {
			case RMAIssued, RMAShipped, RMADelivered:
			default:
				return false, nil
			}
			if claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, "billed", now, true); err != nil || !claimed {
				return false, err
			}
			return true, r.bill(ctx, t, m)
		})
		if err != nil {
			return done, err
		}
		if did {
			done++
		}
	}
	comps, err := store.DueComponents(ctx, d.pool, now, batch)
	if err != nil {
		return done, err
	}
	for _, id := range comps {
		did, err := d.perCase(ctx, now, func(r *run) (bool, error) {
			m, t, ok, err := r.rmaCase(ctx, id)
			if err != nil || !ok || m.ComponentsDue == nil || m.ComponentsDue.After(now) {
				return false, err
			}
			due := *m.ComponentsDue
			m.ComponentsDue = nil
			if err := store.UpdateRMA(ctx, r.tx, *m); err != nil {
				return false, fmt.Errorf("workflow: %w", err)
			}
			return true, r.charge(ctx, t, m, "components", nil, fmt.Sprintf("The missing components (%s) did not arrive by %s: charge them.", m.MissingComponents, d.pol.CustomerDate(due)), Cause{Kind: "job"})
		})
		if err != nil {
			return done, err
		}
		if did {
			done++
		}
	}
	if b.Kind != "per_day" && b.Kind != "support_hold" {
		return done, nil // an invoice-price bill has no later stage
	}
	n, err := d.pages(ctx, func(after int64) ([]int64, error) { return store.Billed(ctx, d.pool, after, batch) },
		func(id int64) (bool, error) {
			return d.perCase(ctx, now, func(r *run) (bool, error) {
				m, t, ok, err := r.rmaCase(ctx, id)
				if err != nil || !ok || m.Status != RMABilled {
					return false, err
				}
				return r.billingFollowUp(ctx, t, m)
			})
		})
	return done + n, err
}

// pages walks due work in id order, a page at a time, so cases that stay
// open for long (an unpaid bill, a quote the customer answered) never keep
// newer ones from being looked at.
func (d *Desk) pages(ctx context.Context, page func(after int64) ([]int64, error), each func(id int64) (bool, error)) (int, error) {
	done := 0
	var after int64
	for {
		ids, err := page(after)
		if err != nil {
			return done, err
		}
		for _, id := range ids {
			did, err := each(id)
			if err != nil {
				return done, err
			}
			if did {
				done++
			}
			after = id
		}
		if len(ids) < batch || ctx.Err() != nil {
			return done, ctx.Err()
		}
	}
}

// bill turns an overdue advance replacement into a billing case.
func (r *run) bill(ctx context.Context, t *store.Ticket, m *store.RMA) error {
	now := r.in.At
	b := r.d.pol.Advance.Billing
	var price, msrp *string
	if a, err := store.AssetBySerial(ctx, r.tx, m.SerialNumber); err == nil {
		price, msrp = a.InvoicePrice, a.MSRP
		if a.Currency != "" {
			m.Currency = a.Currency
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("workflow: %w", err)
	}
	if m.Currency == "" {
		m.Currency = b.Currency
	}
	m.BilledAt = &now
	var note string
	switch b.Kind {
	case "invoice_price", "support_hold":
		m.Amount = price
		if price == nil {
			note = "The invoice price is not in the asset registry: finance must look it up."
		}
	case "per_day":
		m.Currency = b.Currency
		days, c, _ := lateAmount(*m.ReturnDue, now, r.d.pol.Location, b.PerDay.Cents, cents(msrp))
		amt := money(c)
		m.Amount = &amt
		note = fmt.Sprintf("%d day(s) late so far; the fee grows by %s %s a day up to the MSRP (%s).", days, b.Currency, b.PerDay, orDash(deref(msrp)))
		if _, err := store.ClaimRMAStage(ctx, r.tx, m.ID, fmt.Sprintf("late:%d", days), now, true); err != nil {
			return err
		}
	}
	if err := r.jobEvent(ctx, m, RMABilled, b.Kind); err != nil {
		return err
	}
	return r.billingMails(ctx, t, m, "billed", note)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// billingMails tells finance and the customer about a billing stage.
func (r *run) billingMails(ctx context.Context, t *store.Ticket, m *store.RMA, stage, note string) error {
	d := r.rmaData(r.data(t), []store.RMA{*m})
	d.Note = note
	d.Stage = stage
	d.BillingKind = r.d.pol.Advance.Billing.Kind
	d.Amount = m.Currency + " " + orDash(deref(m.Amount))
	if m.Amount == nil {
		d.Amount = map[string]string{"components": "(the price of the missing components)",
			"damage": "(the MSRP of the replacement)"}[stage]
		if d.Amount == "" {
			d.Amount = "(invoice price of the replacement)"
		}
	}
	if f := r.d.cfg.People.Finance; f != "" {
		if err := r.queue(ctx, t, outMail{template: "finance_billing", to: []string{f}, audience: AudienceFinance, auto: "auto-generated", data: d, rma: &m.ID}); err != nil {
			return err
		}
	}
	if stage == "late" {
		return nil // running amounts go to finance only
	}
	return r.queue(ctx, t, outMail{template: "customer_billing", to: []string{t.CustomerAddress}, audience: AudienceCustomer, auto: "auto-generated", data: d, rma: &m.ID})
}

// billingFollowUp: QNAP's running late fee, and iXsystems' termination
// notice when a support-hold invoice stays unpaid.
func (r *run) billingFollowUp(ctx context.Context, t *store.Ticket, m *store.RMA) (bool, error) {
	b := r.d.pol.Advance.Billing
	now := r.in.At
	switch {
	case b.Kind == "per_day" && m.ReceivedAt == nil && m.PaidAt == nil && m.ReturnDue != nil:
		stages, err := store.RMAStages(ctx, r.tx, m.ID)
		if err != nil {
			return false, err
		}
		if _, final := stages["final"]; final {
			return false, nil
		}
		var msrp *string
		if a, err := store.AssetBySerial(ctx, r.tx, m.SerialNumber); err == nil {
			msrp = a.MSRP
		}
		days, c, capped := lateAmount(*m.ReturnDue, now, r.d.pol.Location, b.PerDay.Cents, cents(msrp))
		if claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, fmt.Sprintf("late:%d", days), now, true); err != nil || !claimed {
			return false, err
		}
		amt := money(c)
		m.Amount = &amt
		if err := store.UpdateRMA(ctx, r.tx, *m); err != nil {
			return false, fmt.Errorf("workflow: %w", err)
		}
		stage, note := "late", fmt.Sprintf("Running amount after %d day(s) late.", days)
		if capped {
			if _, err := store.ClaimRMAStage(ctx, r.tx, m.ID, "final", now, true); err != nil {
				return false, err
			}
			stage, note = "final", fmt.Sprintf("Final amount: the cap (the unit's MSRP) is reached after %d day(s).", days)
		}
		return true, r.billingMails(ctx, t, m, stage, note)
	case b.Kind == "support_hold" && m.PaidAt == nil && m.BilledAt != nil && !b.TerminateAfter.IsZero():
		if r.d.pol.Deadline(*m.BilledAt, b.TerminateAfter).After(now) {
			return false, nil
		}
		if claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, "terminate", now, true); err != nil || !claimed {
			return false, err
		}
		if err := r.rmaEvent(ctx, *m, m.Status, m.Status, Cause{Kind: "job"}, "unpaid: termination notice"); err != nil {
			return false, err
		}
		return true, r.billingMails(ctx, t, m, "terminate", fmt.Sprintf("The invoice of %s is unpaid %s after it was issued.", r.d.pol.CustomerDate(*m.BilledAt), b.TerminateAfter.Words()))
	}
	return false, nil
}

func (d *Desk) jobQuotes(ctx context.Context, now time.Time) (int, error) {
	o := d.pol.OutOfWarranty
	if o.QuoteAnswer.IsZero() {
		return 0, nil
	}
	return d.pages(ctx, func(after int64) ([]int64, error) { return store.Quoted(ctx, d.pool, now, after, batch) }, func(id int64) (bool, error) {
		return d.perCase(ctx, now, func(r *run) (bool, error) {
			m, t, ok, err := r.rmaCase(ctx, id)
			if err != nil || !ok || m.Status != RMAQuoted || m.QuotedAt == nil || m.PaidAt != nil {
				return false, err
			}
			stages, err := store.RMAStages(ctx, r.tx, m.ID)
			if err != nil {
				return false, err
			}
			repliedSince := func(at time.Time) bool { return t.CustomerReplied != nil && t.CustomerReplied.After(at) }
			step := func(stage, template, note string) (bool, error) {
				if claimed, err := store.ClaimRMAStage(ctx, r.tx, m.ID, stage, now, true); err != nil || !claimed {
					return false, err
				}
				if err := r.rmaEvent(ctx, *m, m.Status, m.Status, Cause{Kind: "job"}, stage); err != nil {
					return false, err
				}
				return true, r.customerUpdate(ctx, t, template, []*store.RMA{m}, note)
			}
			expired, hasExpired := stages["quote_expired"]
			final, hasFinal := stages["quote_final"]
			switch {
			case !hasExpired:
				if repliedSince(*m.QuotedAt) || d.pol.Deadline(*m.QuotedAt, o.QuoteAnswer).After(now) {
					return false, nil
				}
				return step("quote_expired", "quote_expired", d.precheckNote(*m))
			case !hasFinal && !o.FinalReminder.IsZero():
				if repliedSince(expired) || d.pol.Deadline(expired, o.FinalReminder).After(now) {
					return false, nil
				}
				return step("quote_final", "quote_final", d.precheckNote(*m))
			case hasFinal && !o.DisposeAfter.IsZero():
				if repliedSince(final) || d.pol.Deadline(final, o.DisposeAfter).After(now) {
					return false, nil
				}
				m.ClosedAt = &now
				if err := r.jobEvent(ctx, m, RMAClosed, "disposed: no reply"); err != nil {
					return false, err
				}
				return step("quote_disposed", "quote_disposed", "")
			}
			return false, nil
		})
	})
}

// precheckNote names the pre-check fee for a unit (a series may have its own).
func (d *Desk) precheckNote(m store.RMA) string {
	o := d.pol.OutOfWarranty
	fee := o.PrecheckFee
	for pat, f := range o.SeriesFees {
		if (policy.Restriction{Models: []string{pat}}).Matches(m.Model) {
			fee = f
		}
	}
	if fee.Cents == 0 {
		return ""
	}
	return fmt.Sprintf("A pre-check fee of %s %s for this unit applies.", o.Currency, fee)
}

func (d *Desk) jobWaiting(ctx context.Context, now time.Time) (int, error) {
	c := d.pol.Clocks
	if c.MissingReminder.IsZero() && c.MissingClose.IsZero() && c.WorkaroundClose.IsZero() {
		return 0, nil
	}
	return d.pages(ctx, func(after int64) ([]int64, error) { return store.Waiting(ctx, d.pool, now, after, batch) }, func(id int64) (bool, error) {
		return d.perCase(ctx, now, func(r *run) (bool, error) {
			t, ok, err := store.LockTicket(ctx, r.tx, id)
			if err != nil || !ok || t.WaitingSince == nil {
				return false, err
			}
			r.mb, _ = d.mailbox(t.Mailbox)
			since := *t.WaitingSince
			key := strconv.FormatInt(since.Unix(), 10)
			act := func(stage, template string, close bool) (bool, error) {
				if claimed, err := store.ClaimTicketStage(ctx, r.tx, t.ID, stage+":"+key, now); err != nil || !claimed {
					return false, err
				}
				if close {
					t.State, t.ClosedAt, t.WaitingSince = StateClosed, &now, nil
					if _, err := store.CancelClockMail(ctx, r.tx, t.ID, 0); err != nil {
						return false, err
					}
				}
				t.UpdatedAt = now
				if err := store.UpdateTicket(ctx, r.tx, t); err != nil {
					return false, fmt.Errorf("workflow: %w", err)
				}
				if err := r.event(ctx, t.ID, stage, "no answer from the customer since "+since.Format(time.RFC3339)); err != nil {
					return false, err
				}
				return true, r.queue(ctx, &t, outMail{template: template, to: []string{t.CustomerAddress}, audience: AudienceCustomer,
					auto: "auto-generated", data: r.data(&t), clock: !close})
			}
			switch t.State {
			case StateAwaitingInfo:
				if !c.MissingClose.IsZero() && !d.pol.Deadline(since, c.MissingClose).After(now) {
					return act("missing_close", "missing_closed", true)
				}
				if !c.MissingReminder.IsZero() && !d.pol.Deadline(since, c.MissingReminder).After(now) {
					return act("missing_reminder", "missing_reminder", false)
				}
			case StateAwaitingCustomer:
				if !c.WorkaroundClose.IsZero() && !d.pol.Deadline(since, c.WorkaroundClose).After(now) {
					return act("workaround_close", "workaround_closed", true)
				}
			}
			return false, nil
		})
	})
}

// jobDigest sends finance one mail a day (in the policy's zone) with every
// open billing item as CSV; nothing when there is none.
func (d *Desk) jobDigest(ctx context.Context, now time.Time) (int, error) {
	if d.cfg.People.Finance == "" || len(d.cfg.Mailboxes) == 0 {
		return 0, nil
	}
	period := now.In(d.pol.Location).Format("2006-01-02")
	did := false
	err := pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		claimed, err := store.ClaimJobPeriod(ctx, tx, "digest", period, now)
		if err != nil || !claimed {
			return err
		}
		items, err := store.OpenBilling(ctx, tx)
		if err != nil || len(items) == 0 {
			return err
		}
		var buf bytes.Buffer
		w := csvWriter{csv.NewWriter(&buf)}
		w.Write([]string{"rma", "ticket", "customer", "serial_number", "model", "type", "status", "amount", "currency", "billed_at", "return_due", "received_at"})
		ts := func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.In(d.pol.Location).Format(time.RFC3339)
		}
		for _, it := range items {
			w.Write([]string{it.Number, it.Ticket, it.Customer, it.Serial, it.Model, it.Type, it.Status, deref(it.Amount), it.Currency, ts(it.BilledAt), ts(it.ReturnDue), ts(it.ReceivedAt)})
		}
		w.Flush()
		rendered, err := d.tpl.Render("finance_digest", map[string]any{"Date": period, "Count": len(items), "DeskName": d.deskName()})
		if err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		from := d.cfg.Mailboxes[0].Address
		_, err = store.Enqueue(ctx, tx, store.OutMail{Template: "finance_digest", From: formatFrom(d.deskName(), from),
			To: []string{d.cfg.People.Finance}, Subject: rendered.Subject, Body: rendered.Body, AutoSubmitted: "auto-generated",
			Audience: "finance", QueuedAt: now, MessageID: d.newMessageID("digest-"+period, AudienceFinance, domainOf(from)),
			Attachments: []store.OutAttachment{{Filename: "open-billing-" + period + ".csv", ContentType: "text/csv", Data: buf.Bytes()}}})
		if err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		did = true
		return nil
	})
	if err != nil {
		return 0, err
	}
	if did {
		if d.queued != nil {
			d.queued()
		}
		return 1, nil
	}
	return 0, nil
}
