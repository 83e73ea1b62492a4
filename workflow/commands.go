package workflow

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
  #approve [standard|advance|doa] [RMA-n]  issue the RMA number(s) with return instructions
  #reject REASON                           refuse the RMA request; the customer is told why
  #rma                                     turn this support ticket into an RMA request
  #shipped CARRIER TRACKING [RMA-n]        the advance replacement has shipped
  #delivered [RMA-n]                       the replacement reached the customer
  #received [RMA-n] [NOTE]                 the returned unit arrived (stops reminders and billing)
  #void [RMA-n] REASON                     void an RMA number
  #quote AMOUNT CURRENCY [RMA-n]           send an out-of-warranty quote
  #paid [RMA-n]                            finance confirms payment
  #set FIELD=VALUE ...                     correct or supply a field (e.g. card_authorization=on_file)
  #confirm ship_to                         accept the new ship-to address the customer asked for after approval
  #note TEXT                               internal note, never sent to the customer
  #workaround                              your reply gives a workaround: the case closes if the customer does not answer in time
  #close / #reopen                         close or reopen the ticket
  #help                                    this list
Anything below the commands is relayed to the customer.`

var rmaArg = regexp.MustCompile(`(?i)^RMA-\d+(-\d+)?$`)

// targetArgs splits a leading RMA number off a command's arguments.
func targetArgs(args string) (string, string) {
	f := strings.Fields(args)
	if len(f) > 0 && rmaArg.MatchString(f[0]) {
		return strings.ToUpper(f[0]), strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(args), f[0]))
	}
	return "", strings.TrimSpace(args)
}

// runCommands executes an agent's commands in order and returns one line
// per command for the confirmation mail.
func (r *run) runCommands(ctx context.Context, t *store.Ticket, cmds []parser.Command, c Cause) ([]string, error) {
	var out []string
	for _, cmd := range cmds {
		res, err := r.commandAtomically(ctx, t, cmd, c)
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
	t.UpdatedAt = r.in.At
	if err := store.UpdateTicket(ctx, r.tx, *t); err != nil {
		return nil, fmt.Errorf("workflow: %w", err)
	}
	return out, nil
}

// commandAtomically runs one command in a savepoint: a command refused
// half-way (a bad pair in #set) changes nothing, in the database or in t.
func (r *run) commandAtomically(ctx context.Context, t *store.Ticket, cmd parser.Command, c Cause) (string, error) {
	outer, queued := r.tx, r.queued
	sp, err := outer.Begin(ctx)
	if err != nil {
		return "", fmt.Errorf("workflow: savepoint: %w", err)
	}
	r.tx = sp
	res, err := r.command(ctx, t, cmd, c)
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
	if err := sp.Commit(ctx); err != nil {
		return "", fmt.Errorf("workflow: release savepoint: %w", err)
	}
	return res, nil
}

func (r *run) command(ctx context.Context, t *store.Ticket, cmd parser.Command, c Cause) (string, error) {
	target, args := targetArgs(cmd.Args)
	switch cmd.Name {
	case "help":
		return "see the list below", nil
	case "note":
		if args == "" {
			return "", refusef("#note needs a text")
		}
		return "noted (internal)", r.event(ctx, t.ID, "note", args)
	case "close":
		now := r.in.At
		t.State, t.ClosedAt, t.WaitingSince = StateClosed, &now, nil
		if _, err := store.CancelClockMail(ctx, r.tx, t.ID, 0); err != nil {
			return "", err
		}
		return "ticket closed", nil
	case "workaround":
		if t.State == StateClosed {
			return "", refusef("the ticket is closed")
		}
		now := r.in.At
		t.State, t.WaitingSince = StateAwaitingCustomer, &now
		w := r.d.pol.Clocks.WorkaroundClose
		if w.IsZero() {
			return "waiting for the customer's answer", nil
		}
		return "waiting for the customer's answer; closes " + r.d.deadlineWords(ptr(r.d.pol.Deadline(now, w))) + " without one", nil
	case "reopen":
		if t.State != StateClosed {
			return "", refusef("the ticket is not closed")
		}
		t.ClosedAt = nil
		t.State = StateOpen
		if len(t.Missing) > 0 {
			t.State = StateAwaitingInfo
		}
		return "ticket reopened", nil
	case "set":
		return r.cmdSet(ctx, t, args, c)
	case "confirm":
		return r.cmdConfirm(ctx, t, args, c)
	case "rma":
		return r.cmdRMA(ctx, t, c)
	case "approve":
		return r.cmdApprove(ctx, t, target, args, c)
	}
	rmas, err := store.TicketRMAs(ctx, r.tx, t.ID, true)
	if err != nil {
		return "", fmt.Errorf("workflow: %w", err)
	}
	if len(rmas) == 0 {
		return "", refusef("%s has no RMA yet", t.Ref)
	}
	var picked []*store.RMA
	for i := range rmas {
		if target == "" || rmas[i].Number == target {
			picked = append(picked, &rmas[i])
		}
	}
	if len(picked) == 0 {
		return "", refusef("%s is not an RMA of %s", target, t.Ref)
	}
	switch cmd.Name {
	case "shipped":
		return r.cmdShipped(ctx, t, picked, args, c)
	case "delivered":
		return r.cmdDelivered(ctx, t, picked, c)
	case "received":
		return r.cmdReceived(ctx, t, picked, args, c)
	case "void":
		return r.cmdVoid(ctx, t, picked, args, c)
	case "reject":
		return r.cmdReject(ctx, t, picked, args, c)
	case "quote":
		return r.cmdQuote(ctx, t, picked, args, c)
	case "paid":
		return r.cmdPaid(ctx, picked, c)
	}
	return "", refusef("unknown command #%s (#help lists them)", cmd.Name)
}

var amountRe = regexp.MustCompile(`^\d+(\.\d{1,2})?$`)

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

// Command runs one agent command from the CLI (rmad rma ..., rmad ticket
// set) in its own transaction, exactly as the mail command would.
func (d *Desk) Command(ctx context.Context, ref string, cmd parser.Command, actor string, at time.Time) (string, error) {
	var result string
	var queued int
	err := pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		r := &run{d: d, tx: tx, in: Inbound{At: at}, m: prepared{parse: &parser.Message{}}}
		t, err := r.ticketByRef(ctx, ref)
		if err != nil {
			return err
		}
		if strings.HasPrefix(strings.ToUpper(ref), "RMA-") {
			// An RMA number names one unit: the command acts on it alone.
			cmd.Args = strings.TrimSpace(strings.ToUpper(ref) + " " + cmd.Args)
		}
		r.mb, _ = d.mailbox(t.Mailbox)
		res, err := r.command(ctx, t, cmd, Cause{Kind: "cli", Actor: actor})
		if err != nil {
			return err
		}
		if err := r.event(ctx, t.ID, "command", "#"+cmd.Name+" "+cmd.Args+" by "+actor); err != nil {
			return err
		}
		t.UpdatedAt = at
		if err := store.UpdateTicket(ctx, tx, *t); err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		result, queued = res, r.queued
		return nil
	})
	// The sender is woken after the commit, never before: it would find
	// nothing to send.
	if err == nil && queued > 0 && d.queued != nil {
		d.queued()
	}
	return result, err
}

// IsRefusal reports whether err is a command refused as asked (exit 2 on the CLI).
func IsRefusal(err error) bool {
	var ue userError
	return errors.As(err, &ue)
}

func ptr[T any](v T) *T { return &v }
