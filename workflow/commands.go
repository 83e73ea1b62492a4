package workflow

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"rmad/parser"
	"rmad/store"
)

// userError is a command that cannot be done as asked: the agent is told
// why and nothing changes.
type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

func refusef(format string, a ...any) error { return userError{fmt.Sprintf(format, a...)} }

// CommandHelp is what #help answers.
const CommandHelp = `Commands go at the top of your reply, one per line:
  #approve [standard|advance|doa] [RMA-n] [override REASON]
                                           issue the RMA number(s) with return instructions; an
                                           advance or DOA replacement the unit is not entitled to
                                           needs override and a reason, which is recorded
  #reject REASON                           refuse the RMA request; the customer is told why
  #rma                                     turn this support ticket into an RMA request
  #shipped CARRIER TRACKING [part=P price=AMOUNT serial=S] [RMA-n]
                                           the advance replacement has shipped; part/price: what
                                           went out (part=unit for a whole unit), billed if the
                                           defective one never comes back; serial: the replacement's,
                                           covered as the unit it replaces
  #delivered [RMA-n]                       the replacement reached the customer
  #returned [CARRIER TRACKING] [YYYY-MM-DD] [RMA-n]
                                           the courier picked the defective unit up (that day, or
                                           today): reminders stop; QNAP's fee is judged by it
  #received [RMA-n] [NOTE]                 the returned unit arrived (stops reminders and billing)
  #repaired [CARRIER TRACKING] [serial=S] [RMA-n]
                                           the repaired unit (or a replacement, serial=) went back to
                                           the customer: repaired-unit coverage runs from today; a
                                           rejected returned unit went back unrepaired (no serial=)
  #void [RMA-n] REASON                     void an RMA number
  #quote AMOUNT CURRENCY [RMA-n]           send an out-of-warranty quote
  #paid [RMA-n]                            finance confirms payment
  #set FIELD=VALUE ...                     correct or supply a field (e.g. card_authorization=on_file,
                                           unit1.msrp=1199.00, unit1.replacement_price=240.00,
                                           same_fault=yes: the fault is the one repaired before)
  #confirm ship_to                         accept the new ship-to address the customer asked for after approval
  #cc add ADDR / #cc remove ADDR           copy a colleague of the customer on the ticket's mail
                                           (never on coverage, quotes or billing), or stop copying them
  #take                                    the ticket is yours: the customer's replies come to you
  #assign ADDR                             give the ticket to another agent
  #note TEXT                               internal note, never sent to the customer
  #workaround                              your reply gives a workaround: the case closes if the customer does not answer in time
  #close / #reopen                         close or reopen the ticket
  #help                                    this list
Anything below the commands is relayed to the customer.`

var rmaArg = regexp.MustCompile(`(?i)^RMA-\d+(-\d+)?$`)

// targetArgs splits an RMA number off a command's arguments: the first
// word, or with trailing the last (#approve advance RMA-7-2, as #help
// writes it; a reason or a note may end in an RMA number that is text).
func targetArgs(args string, trailing bool) (string, string) {
	f := strings.Fields(args)
	switch {
	case len(f) > 0 && rmaArg.MatchString(f[0]):
		return strings.ToUpper(f[0]), strings.Join(f[1:], " ")
	case trailing && len(f) > 0 && rmaArg.MatchString(f[len(f)-1]):
		return strings.ToUpper(f[len(f)-1]), strings.Join(f[:len(f)-1], " ")
	}
	return "", strings.TrimSpace(args)
}

// runCommands executes an agent's commands in order and returns one line
// per command for the confirmation mail.
func (r *run) runCommands(ctx context.Context, t *store.Ticket, cmds []parser.Command, c Cause) ([]string, error) {
	var out []string
	for _, cmd := range cmds {
		op, err := ParseOp(cmd)
		res := ""
		if err == nil {
			res, err = r.commandAtomically(ctx, t, op, c)
		}
		var ue userError
		switch {
		case errors.As(err, &ue):
			out = append(out, fmt.Sprintf("#%s %s: NOT DONE: %s", cmd.Name, cmd.Args, ue.msg))
			if err := r.event(ctx, t.ID, "command_refused", "#"+cmd.Name+" "+cmd.Args+": "+ue.msg); err != nil {
				return nil, err
			}
		case err != nil:
			return nil, err
		default:
			out = append(out, fmt.Sprintf("#%s %s: %s", cmd.Name, cmd.Args, res))
			if err := r.event(ctx, t.ID, "command", "#"+cmd.Name+" "+cmd.Args+" by "+c.Actor); err != nil {
				return nil, err
			}
		}
	}
	t.UpdatedAt = r.now
	if err := store.UpdateTicket(ctx, r.tx, *t); err != nil {
		return nil, fmt.Errorf("workflow: %w", err)
	}
	return out, nil
}

// commandAtomically runs one command in a savepoint: a command refused
// half-way (a bad pair in #set) changes nothing, in the database or in t.
func (r *run) commandAtomically(ctx context.Context, t *store.Ticket, op Op, c Cause) (string, error) {
	outer, queued := r.tx, r.queued
	sp, err := outer.Begin(ctx)
	if err != nil {
		return "", fmt.Errorf("workflow: savepoint: %w", err)
	}
	r.tx = sp
	res, err := op.apply(ctx, r.work, t, c)
	r.tx = outer
	var ue userError
	if errors.As(err, &ue) {
		if rerr := sp.Rollback(ctx); rerr != nil {
			return "", fmt.Errorf("workflow: rollback to savepoint: %w", rerr)
		}
		r.queued = queued
		fresh, lerr := store.TicketByID(ctx, outer, t.ID, false)
		if lerr != nil {
			return "", fmt.Errorf("workflow: %w", lerr)
		}
		*t = fresh
		return "", err
	}
	if err != nil {
		return "", err
	}
	// Written now, not only after the last command: a later command that
	// is refused reloads t, and must find this one's changes there.
	if err := store.UpdateTicket(ctx, sp, *t); err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if err := sp.Commit(ctx); err != nil {
		return "", fmt.Errorf("workflow: release savepoint: %w", err)
	}
	return res, nil
}

var amountRe = regexp.MustCompile(`^\d+(\.\d{1,2})?$`)

// amount reads an agent's amount as the desk stores and shows it
// ("000410.5" is "410.50"): at most 12 digits before the point, what the
// numeric(14,2) columns hold; what must be more than nothing says so.
func amount(key, v string, positive bool) (string, error) {
	whole, _, _ := strings.Cut(strings.TrimLeft(v, "0"), ".")
	if !amountRe.MatchString(v) || len(whole) > 12 {
		return "", refusef("%s must be an amount such as 180.00, not %q", key, v)
	}
	s := money(cents(&v))
	if positive && s == "0.00" {
		return "", refusef("%s must be more than 0.00", key)
	}
	return s, nil
}

func numbers(ms []*store.RMA) string {
	var n []string
	for _, m := range ms {
		n = append(n, m.Number)
	}
	return strings.Join(n, ", ")
}

func dueNote(d *Desk, ms []*store.RMA) string {
	for _, m := range ms {
		if m.ReturnDue != nil {
			return "; defective unit due back " + d.deadlineWords(m.ReturnDue)
		}
	}
	return ""
}

// Do runs one agent operation from the CLI (rmad rma ..., rmad ticket set)
// on the ticket ref names, in its own transaction, exactly as the #command
// in a reply would. A ref naming an RMA (RMA-n-k) aims the op at that RMA
// alone.
func (d *Desk) Do(ctx context.Context, ref string, op Op, actor string, at time.Time) (string, error) {
	if t, ok := op.(targeted); ok && strings.HasPrefix(strings.ToUpper(ref), "RMA-") {
		op = t.onRMA(strings.ToUpper(ref))
	}
	var result string
	err := d.inTx(ctx, at, "", func(w *work) error {
		t, err := w.ticketByRef(ctx, ref)
		if err != nil {
			return err
		}
		res, err := op.apply(ctx, w, t, Cause{Kind: "cli", Actor: actor})
		if err != nil {
			return err
		}
		if err := w.event(ctx, t.ID, "command", op.String()+" by "+actor); err != nil {
			return err
		}
		t.UpdatedAt = at
		if err := store.UpdateTicket(ctx, w.tx, *t); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		result = res
		return nil
	})
	return result, err
}

// IsRefusal reports whether err is a command refused as asked (exit 2 on the CLI).
func IsRefusal(err error) bool {
	var ue userError
	return errors.As(err, &ue)
}

func ptr[T any](v T) *T { return &v }
