package workflow

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/store"
)

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
