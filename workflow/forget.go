package workflow

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/store"
)

// ForgetReport is what a forget did, or with DryRun would do.
type ForgetReport struct {
	// Subject is the keyed hash the audit row (erasures) records instead
	// of the address.
	Subject string        `json:"subject"`
	Tag     string        `json:"tag"` // what replaces the address where a row must stay
	DryRun  bool          `json:"dry_run"`
	Tickets []string      `json:"tickets"`          // their tickets, deleted
	Shells  []string      `json:"kept_for_billing"` // of those, kept anonymised for their billing rows
	Tables  store.Changes `json:"tables"`
	// Copies are the mailbox copies of their mail the IMAP server may still
	// hold (a mailbox with after = "seen" keeps them): delete them there.
	Copies []store.MailboxCopy `json:"mailbox_copies"`
	// Held are the RMAs whose case still runs: while there is one, nothing
	// is forgotten.
	Held []string `json:"held"`
}

// ForgetBlockedError refuses a forget while a case of the person still
// needs their data.
type ForgetBlockedError struct{ Held []string }

func (e *ForgetBlockedError) Error() string {
	return "not forgotten, nothing changed: their cases still run (the desk needs the address to finish them): " + strings.Join(e.Held, "; ")
}

// ForgetAddress checks what `rmad customer forget` is given: exactly one
// bare address, lower-cased. A domain, a display name or a list is refused:
// a typo must not erase a whole company.
func ForgetAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "@") || !strings.Contains(s, "@") {
		return "", &NotAddressError{fmt.Sprintf("%q is a domain or no address; forget takes one person's exact address (name@example.com), never a whole domain", s)}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || strings.ContainsAny(s, "\"\\ ,;<>*%") {
		return "", &NotAddressError{fmt.Sprintf("%q is not one bare address (name@example.com)", s)}
	}
	if local, domain, _ := strings.Cut(a.Address, "@"); local == "" || domain == "" {
		return "", &NotAddressError{fmt.Sprintf("%q is not one bare address (name@example.com)", s)}
	}
	return strings.ToLower(a.Address), nil
}

// staffAddress says why addr is the desk's or its staff's, not a
// customer's ("" when it is not): forgetting a desk address would take
// the content out of every message.
func (d *Desk) staffAddress(addr string) string {
	switch {
	case d.isDeskAddress(addr):
		return "it is one of the desk's own mailboxes"
	case d.isAgent(addr):
		return "it is an agent's address (people.agents)"
	case strings.EqualFold(addr, d.cfg.People.Finance):
		return "it is finance's address (people.finance)"
	}
	for _, n := range d.cfg.People.Notify {
		if strings.EqualFold(addr, n) {
			return "it is where notices go (people.notify)"
		}
	}
	return ""
}

// Forgotten returns the audit rows of the forgets of addr, newest first:
// the proof, to whoever holds the desk's secret, that addr was forgotten.
func (d *Desk) Forgotten(ctx context.Context, addr string) ([]store.Erasure, error) {
	addr, err := ForgetAddress(addr)
	if err != nil {
		return nil, err
	}
	return store.Erasures(ctx, d.pool, d.personHash(addr), 100)
}

// Forget erases one person's data everywhere, in one transaction: their
// tickets are deleted (a ticket with billing rows stays as an anonymised
// shell), their messages and the mail to them lose their content, mail
// still queued for them is cancelled, and their address, names and phones
// are taken out of the rest of the desk. An audit row records the forget
// under a keyed hash. While one of their RMAs still runs (a clock, an
// unpaid bill, their unit at the vendor) nothing changes and the error
// lists them.
func (d *Desk) Forget(ctx context.Context, addr string, now time.Time, dryRun bool) (ForgetReport, error) {
	addr, err := ForgetAddress(addr)
	if err != nil {
		return ForgetReport{}, err
	}
	if why := d.staffAddress(addr); why != "" {
		return ForgetReport{}, &NotAddressError{fmt.Sprintf("%s: %s, not a customer's", addr, why)}
	}
	rep := ForgetReport{Subject: d.personHash(addr), Tag: d.personTag("forgotten", addr), DryRun: dryRun,
		Tickets: []string{}, Shells: []string{}, Held: []string{}, Copies: []store.MailboxCopy{}, Tables: store.Changes{}}
	tx, err := d.bulkTx(ctx)
	if err != nil {
		return rep, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := d.forgetTx(ctx, tx, addr, now, &rep); err != nil {
		return rep, err
	}
	if dryRun {
		return rep, nil
	}
	if err := tx.Commit(ctx); err != nil {
		return rep, fmt.Errorf("workflow: commit: %w", err)
	}
	d.log.Info("customer forgotten", "subject", rep.Subject, "tickets", len(rep.Tickets), "kept_for_billing", len(rep.Shells))
	return rep, nil
}

func (d *Desk) forgetTx(ctx context.Context, tx pgx.Tx, addr string, now time.Time, rep *ForgetReport) error {
	ds, err := store.PersonTickets(ctx, tx, addr)
	if err != nil {
		return err
	}
	held, err := store.PersonHeld(ctx, tx, addr)
	if err != nil {
		return err
	}
	for _, h := range held {
		why := string(h.Status)
		if h.Unpaid {
			why += ", billed and not paid"
		}
		rep.Held = append(rep.Held, fmt.Sprintf("%s (%s) of %s", h.Number, why, h.Ticket))
	}
	if len(held) > 0 {
		return &ForgetBlockedError{Held: rep.Held}
	}
	strs, err := store.PersonStrings(ctx, tx, addr)
	if err != nil {
		return err
	}
	if rep.Copies, err = store.PersonCopies(ctx, tx, addr); err != nil {
		return err
	}
	if len(ds) > 0 {
		c, shells, err := store.EraseTickets(ctx, tx, ds, func(string) string { return rep.Tag }, now, "erased at the customer's request")
		if err != nil {
			return err
		}
		rep.Tables.Add(c)
		rep.Shells = append(rep.Shells, shells...)
		for _, t := range ds {
			rep.Tickets = append(rep.Tickets, t.Ref)
		}
	}
	c, err := store.ForgetElsewhere(ctx, tx, addr, rep.Tag, strs, now)
	if err != nil {
		return err
	}
	rep.Tables.Add(c)
	return store.RecordErasure(ctx, tx, store.Erasure{Kind: "forget", Subject: rep.Subject, At: now, Counts: rep.Tables})
}
