package workflow

import (
	"context"
	"fmt"
	"time"

	"rmad/policy"
	"rmad/store"
)

// Promise clocks. Every promise the desk makes a customer is a row: the
// answer on an RMA request waiting for an agent (approval.within, "you will
// hear from us by ..."), the repair turnaround once the unit has arrived
// (standard.turnaround), and, when the policy sets support.reply_within, an
// agent's answer to a new ticket. The promises job warns the agents one
// business day before one is due and tells them when it breaks, each once;
// what keeps a promise is looked at again before any notice goes out.

// promiseWords says, for agents, what was promised and what keeps it.
var promiseWords = map[store.PromiseKind]struct{ what, keeps string }{
	store.PromiseApproval:   {"an answer on the RMA request (the RMA number, or why not)", "#approve, #reject or #void keeps it"},
	store.PromiseTurnaround: {"the repaired or replacement unit on its way back", "#repaired keeps it"},
	store.PromiseReply:      {"an agent's answer", "a reply relayed to the customer, or any command on the ticket, keeps it"},
}

// promise records a promise made now and due a period from now, and
// returns when it is due: a promise of that kind made before on the RMA (or
// the ticket) stands, with its own date. The warning is due one business
// day before, or at once when less than that is left.
func (w *work) promise(ctx context.Context, ticket int64, rma *int64, kind store.PromiseKind, period policy.Period) (time.Time, error) {
	due := w.d.pol.Deadline(w.now, period)
	due, err := store.MakePromise(ctx, w.tx, store.Promise{TicketID: ticket, RMAID: rma, Kind: kind, MadeAt: w.now, DueAt: due, WarnAt: warnAt(w.d.pol.Cal, due, w.now)})
	if err != nil {
		return time.Time{}, fmt.Errorf("workflow: %w", err)
	}
	return due, nil
}

// warnAt is when the agents are warned of a promise due at due, made at
// made: when one business day is left. That is the end of the business day
// before the due day, or, when the due day is no business day (a period in
// calendar days ending on a Saturday), before the last business day ahead
// of it; at once when less than that was left when it was made.
func warnAt(cal *policy.Calendar, due, made time.Time) time.Time {
	n := 1
	if !cal.IsBusinessDay(due) {
		n = 2
	}
	warn := cal.BusinessDaysBefore(due, n)
	if warn.Before(made) {
		return made
	}
	return warn
}

// promiseApproval makes the approval promise for each RMA that waits for an
// agent and returns the sentence that tells the customer by when.
func (w *work) promiseApproval(ctx context.Context, rmas []store.RMA) (string, error) {
	within := w.d.pol.Approval.Within
	if within.IsZero() {
		return "", nil
	}
	by := w.d.pol.Deadline(w.now, within)
	first := true
	for _, m := range rmas {
		if approvalKept(m) {
			continue
		}
		due, err := w.promise(ctx, m.TicketID, &m.ID, store.PromiseApproval, within)
		if err != nil {
			return "", err
		}
		if first || due.Before(by) {
			by, first = due, false
		}
	}
	return " You will hear from us by " + w.d.pol.CustomerDate(by) + ".", nil
}

// promiseReply: the acknowledgment of a new ticket promises an agent's
// answer when the policy says within how long. Called as the answer is
// queued, so a held acknowledgment promises nothing.
func (w *work) promiseReply(ctx context.Context, t *store.Ticket, template string, d *mailData) error {
	within := w.d.pol.Support.ReplyWithin
	if within.IsZero() || template != "ack" || w.created != t.ID {
		return nil
	}
	due, err := w.promise(ctx, t.ID, nil, store.PromiseReply, within)
	if err != nil {
		return err
	}
	d.Note = "An agent will answer you by " + w.d.pol.CustomerDate(due) + "."
	return nil
}

// approvalKept: the RMA is no longer waiting for an agent's decision. It
// was issued, rejected, voided or quoted, or an agent approved it and it
// waits for the customer (a card authorization, a street address).
func approvalKept(m store.RMA) bool { return m.Status != RMARequested || len(m.BlockedOn) > 0 }

// turnaroundKept: the received unit went back (or its replacement did),
// or the RMA moved on (rejected, quoted, closed).
func turnaroundKept(m store.RMA) bool { return m.Status != RMAReceived || m.SentBackAt != nil }

// rmaPromises runs after each event of an RMA: the arrival of a unit sent
// for repair promises its turnaround (the received mail says so), and a
// move out of the state a promise waits on keeps it.
func (w *work) rmaPromises(ctx context.Context, m store.RMA, from, to store.RMAStatus) error {
	p := w.d.pol
	var keep []store.PromiseKind
	if from == RMARequested && !p.Approval.Within.IsZero() && approvalKept(m) {
		keep = append(keep, store.PromiseApproval)
	}
	if from == RMAReceived && !p.Standard.Turnaround.IsZero() && turnaroundKept(m) {
		keep = append(keep, store.PromiseTurnaround)
	}
	if len(keep) > 0 {
		if err := store.KeepRMAPromises(ctx, w.tx, m.ID, keep, w.now); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
	}
	arrived := to == RMAReceived && (from == RMAIssued || from == RMAShipped || from == RMADelivered || from == RMABilled)
	if arrived && m.Type != store.RMAAdvance && !p.Standard.Turnaround.IsZero() {
		if _, err := w.promise(ctx, m.TicketID, &m.ID, store.PromiseTurnaround, p.Standard.Turnaround); err != nil {
			return err
		}
	}
	return nil
}

// agentActed runs as each ticket event is recorded: an agent's relayed
// reply or command takes the ticket off the agents' waiting list and keeps
// its reply promise.
func (w *work) agentActed(ctx context.Context, ticket int64, kind string) error {
	if kind != "relayed" && kind != "command" {
		return nil
	}
	if err := store.AgentActed(ctx, w.tx, ticket, w.now); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if w.d.pol.Support.ReplyWithin.IsZero() {
		return nil
	}
	if err := store.KeepTicketPromise(ctx, w.tx, ticket, store.PromiseReply, w.now); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	return nil
}

// jobPromises warns the agents of promises due within one business day and
// tells them of those that broke, each once; a promise kept in fact (the
// RMA moved on, an agent answered, the ticket closed) is marked kept instead.
func (d *Desk) jobPromises(ctx context.Context, now time.Time) (int, error) {
	ids, err := store.DuePromises(ctx, d.pool, now, batch)
	if err != nil {
		return 0, err
	}
	return d.eachCase(ctx, now, ids, func(w *work, id int64) (bool, error) { return w.promiseClock(ctx, id) })
}

// promiseClock handles one due promise, its ticket (and RMA) locked in the
// order mail and commands lock them; a case another runner holds is left
// to it.
func (w *work) promiseClock(ctx context.Context, id int64) (bool, error) {
	p, err := store.PromiseByID(ctx, w.tx, id)
	if err != nil {
		return false, err
	}
	t, ok, err := store.LockTicket(ctx, w.tx, p.TicketID, w.lockWait)
	if err != nil || !ok {
		w.lockSkipped(ok)
		return false, err
	}
	var m *store.RMA
	if p.RMAID != nil {
		r, ok, err := store.LockRMA(ctx, w.tx, *p.RMAID, w.lockWait)
		if err != nil || !ok {
			w.lockSkipped(ok)
			return false, err
		}
		m = &r
	}
	kept, err := w.promiseKept(ctx, p, &t, m)
	if err != nil {
		return false, err
	}
	if kept {
		_, err := store.ClaimPromise(ctx, w.tx, p.ID, store.PromiseKept, w.now)
		return false, err
	}
	stage, template := store.PromiseWarned, "agent_promise_due"
	if w.now.After(p.DueAt) {
		// After downtime only the breach is told: the warning is moot.
		stage, template = store.PromiseBreached, "agent_promise_broken"
	}
	if claimed, err := store.ClaimPromise(ctx, w.tx, p.ID, stage, w.now); err != nil || !claimed {
		return false, err
	}
	words := promiseWords[p.Kind]
	what := fmt.Sprintf("On %s the desk promised %s %s by %s.", w.d.pol.CustomerDate(p.MadeAt), t.CustomerAddress, words.what, w.d.deadlineWords(&p.DueAt))
	d := w.data(&t)
	if m != nil {
		d = w.rmaData(d, []store.RMA{*m})
		what = m.Number + ": " + what
	}
	if stage == store.PromiseBreached {
		d.Note = what + " That time has passed: the promise is broken. " + upper(words.keeps) + "; tell the customer where things stand."
	} else {
		d.Note = what + " At most one business day is left. " + upper(words.keeps) + "."
	}
	if err := w.event(ctx, t.ID, "promise_"+string(stage), fmt.Sprintf("%s due %s", p.Kind, w.d.deadlineWords(&p.DueAt))); err != nil {
		return false, err
	}
	return true, w.queue(ctx, &t, outMail{template: template, to: w.d.cfg.People.Notify, audience: AudienceAgents, auto: store.AutoGenerated, data: d})
}

// promiseKept looks at the case itself: whether what was promised has
// happened, whatever path it took.
func (w *work) promiseKept(ctx context.Context, p store.Promise, t *store.Ticket, m *store.RMA) (bool, error) {
	if t.State == StateClosed {
		return true, nil
	}
	switch p.Kind {
	case store.PromiseApproval:
		return m == nil || approvalKept(*m), nil
	case store.PromiseTurnaround:
		return m == nil || turnaroundKept(*m), nil
	case store.PromiseReply:
		acted, err := store.AgentActedSince(ctx, w.tx, t.ID, p.MadeAt)
		if err != nil {
			return false, fmt.Errorf("workflow: %w", err)
		}
		return acted, nil
	}
	return false, nil
}

func upper(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
