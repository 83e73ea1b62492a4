package workflow

import (
	"context"
	"fmt"
	"time"

	"rmad/policy"
	"rmad/store"
)

func (d *Desk) jobQuotes(ctx context.Context, now time.Time) (int, error) {
	o := d.pol.OutOfWarranty
	if o.QuoteAnswer.IsZero() {
		return 0, nil
	}
	return d.pages(ctx, func(after int64) ([]int64, error) { return store.Quoted(ctx, d.pool, now, after, batch) }, func(ids []int64) (int, error) {
		return d.eachRMA(ctx, now, ids, func(w *work, m *store.RMA, t *store.Ticket) (bool, error) {
			if m.Status != RMAQuoted || m.QuotedAt == nil || m.PaidAt != nil {
				return false, nil
			}
			stages, err := store.RMAStages(ctx, w.tx, m.ID)
			if err != nil {
				return false, err
			}
			// Only acceptance (#approve) or payment (#paid) stops these
			// clocks: a reply that does neither does not.
			step := func(stage, template, note string) (bool, error) {
				if claimed, err := store.ClaimRMAStage(ctx, w.tx, m.ID, stage, now, true); err != nil || !claimed {
					return false, err
				}
				if err := w.rmaEvent(ctx, *m, m.Status, m.Status, Cause{Kind: "job"}, stage); err != nil {
					return false, err
				}
				return true, w.customerUpdate(ctx, t, template, []*store.RMA{m}, note)
			}
			expired, hasExpired := stages["quote_expired"]
			final, hasFinal := stages["quote_final"]
			switch {
			case !hasExpired:
				if d.pol.Deadline(*m.QuotedAt, o.QuoteAnswer).After(now) {
					return false, nil
				}
				did, err := step("quote_expired", "quote_expired", d.precheckNote(*m))
				if err != nil || !did {
					return did, err
				}
				// Not accepted: the pre-check fee is owed (Altai, seed 003 5.1(e)(ii):
				// "If the Customer finally decides not to repair, a pre-check fee
				// of US$100 per unit will be charged"; 5.2: US$10 for C1n), and
				// finance keeps it on the books until #paid.
				if fee := d.precheckFee(*m); fee.Cents > 0 {
					amt := fee.String()
					if m.Currency == "" {
						m.Currency = o.Currency
					}
					return true, w.charge(ctx, t, m, "precheck", &amt, "The quote was not accepted within "+o.QuoteAnswer.Words()+": charge the pre-check fee.", Cause{Kind: "job"})
				}
				return true, nil
			case !hasFinal && !o.FinalReminder.IsZero():
				if d.pol.Deadline(expired, o.FinalReminder).After(now) {
					return false, nil
				}
				return step("quote_final", "quote_final", d.precheckNote(*m))
			case hasFinal && !o.DisposeAfter.IsZero():
				if d.pol.Deadline(final, o.DisposeAfter).After(now) {
					return false, nil
				}
				m.ClosedAt = &now
				if err := w.jobEvent(ctx, m, RMAClosed, "disposed: no reply"); err != nil {
					return false, err
				}
				return step("quote_disposed", "quote_disposed", "")
			}
			return false, nil
		})
	})
}

// precheckFee is the pre-check fee of a unit (a series may have its own).
func (d *Desk) precheckFee(m store.RMA) policy.Money {
	o := d.pol.OutOfWarranty
	fee := o.PrecheckFee
	for pat, f := range o.SeriesFees {
		if (policy.Restriction{Models: []string{pat}}).Matches(m.Model) {
			fee = f
		}
	}
	return fee
}

// precheckNote names the pre-check fee for a unit.
func (d *Desk) precheckNote(m store.RMA) string {
	fee := d.precheckFee(m)
	if fee.Cents == 0 {
		return ""
	}
	return fmt.Sprintf("A pre-check fee of %s %s for this unit applies.", d.pol.OutOfWarranty.Currency, fee)
}
