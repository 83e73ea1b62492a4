package workflow

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/store"
)

// RecordFailure counts a failed try of a message and returns the tries so far.
func (d *Desk) RecordFailure(ctx context.Context, in Inbound, cause error) (int, error) {
	n, err := store.RecordFailure(ctx, d.pool, in.Mailbox, in.UIDValidity, in.UID, cause.Error(), in.At)
	if err != nil {
		return 0, fmt.Errorf("workflow: %w", err)
	}
	d.log.Warn("message failed", "mailbox", in.Mailbox, "uid", in.UID, "attempt", n, "err", cause)
	return n, nil
}

// Quarantine keeps a message that keeps failing, with its raw bytes and the
// error, and tells the agents, in one transaction.
func (d *Desk) Quarantine(ctx context.Context, in Inbound, cause error, attempts int) error {
	return pgx.BeginTxFunc(ctx, d.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		id, fresh, err := store.Quarantine(ctx, tx, store.Quarantined{Mailbox: in.Mailbox, UIDValidity: in.UIDValidity,
			UID: in.UID, Raw: in.Raw, Error: cause.Error(), Attempts: attempts, CreatedAt: in.At})
		if err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		if !fresh {
			return nil
		}
		d.log.Error("message quarantined", "mailbox", in.Mailbox, "uid", in.UID, "quarantine", id, "err", cause)
		mb, _ := d.mailbox(in.Mailbox)
		r, err := d.tpl.Render("agent_quarantine", map[string]any{"Mailbox": in.Mailbox, "UID": in.UID,
			"Attempts": attempts, "Error": cause.Error(), "ID": id})
		if err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		if len(d.cfg.People.Notify) == 0 {
			return nil
		}
		from := mb.Address
		if from == "" && len(d.cfg.Mailboxes) > 0 {
			from = d.cfg.Mailboxes[0].Address
		}
		_, err = store.Enqueue(ctx, tx, store.OutMail{Template: "agent_quarantine", From: formatFrom(d.deskName(), from),
			To: d.cfg.People.Notify, Subject: r.Subject, Body: r.Body, AutoSubmitted: "auto-generated", Audience: "agents",
			QueuedAt: in.At, MessageID: d.newMessageID(fmt.Sprintf("q%d", id), AudienceAgents, domainOf(from))})
		if err != nil {
			return fmt.Errorf("workflow: %w", err)
		}
		return nil
	})
}

// ListQuarantine lists quarantined messages not yet replayed.
func (d *Desk) ListQuarantine(ctx context.Context) ([]store.Quarantined, error) {
	return store.ListQuarantine(ctx, d.pool)
}

// Replay processes a quarantined message again (after a fix) and marks it replayed.
func (d *Desk) Replay(ctx context.Context, q store.Quarantined, now time.Time) (Result, error) {
	if len(q.Raw) == 0 {
		// Set aside because the IMAP server never sent it whole: there is
		// nothing to replay, and marking it replayed would hide a message
		// still unread on the server.
		return Result{}, fmt.Errorf("workflow: quarantined message %d holds no bytes (%s); it is still on the server, mailbox %s uid %d (uidvalidity %d): deliver it again there",
			q.ID, q.Error, q.Mailbox, q.UID, q.UIDValidity)
	}
	// A replay is not a fetch: UID 0 skips the copy bookkeeping, and the
	// message's own identity (Message-ID or hash) still prevents duplicates.
	res, err := d.Ingest(ctx, Inbound{Mailbox: q.Mailbox, Raw: q.Raw, At: now})
	if err != nil {
		return res, err
	}
	if err := store.MarkReplayed(ctx, d.pool, q.ID, now); err != nil {
		return res, fmt.Errorf("workflow: %w", err)
	}
	return res, nil
}
