package workflow

import (
	"context"
	"fmt"
	"strings"

	"rmad/store"
)

// heldRejected: m's returned unit arrived, was rejected (a wrong product,
// missing parts, customer-induced damage) and is still with the vendor.
// Until it goes back, its ticket is kept (store's retention holds it).
func heldRejected(m *store.RMA) bool {
	return m.Status == RMARejected && m.ReceivedAt != nil && m.SentBackAt == nil
}

// sendBackRejected records that the rejected units of picked the vendor
// still held went back to the customer as they came, and tells the
// customer why they were not repaired: no repaired-unit coverage, no
// replacement. Store's LastRepair never counts such a return as a repair.
func (w *work) sendBackRejected(ctx context.Context, t *store.Ticket, picked []*store.RMA, o Repaired, c Cause) ([]*store.RMA, error) {
	var back []*store.RMA
	var why []string
	for _, m := range picked {
		if !heldRejected(m) {
			continue
		}
		// An advance replacement that has shipped is with the customer:
		// sending back the rejected unit too would leave them both units
		// and close the case unbilled. Money first: it needs a charge
		// (then #paid). QCT's terms: the defective hardware is returned
		// "or be billed for the replacement material at full invoice
		// price" (seeds/000 lines 43 and 131), and a unit with
		// discrepancies is returned/rejected "at customer's expense"
		// (line 134): a rejected unit is no return.
		if m.Type == store.RMAAdvance && m.ShippedAt != nil && m.BilledAt == nil {
			return nil, refusef("%s is an advance replacement and its returned unit was rejected: the customer has the replacement, so bill it before the rejected unit goes back", m.Number)
		}
		reason, err := store.RejectionReason(ctx, w.tx, m.ID)
		if err != nil {
			return nil, fmt.Errorf("workflow: %w", err)
		}
		if err := w.sendBack(ctx, m, o, c, "sent back unrepaired", ""); err != nil {
			return nil, err
		}
		back = append(back, m)
		if reason != "" {
			why = append(why, m.Number+": "+reason)
		}
	}
	if len(back) == 0 {
		return nil, nil
	}
	note := "It did not meet the conditions for repair, as we wrote when it arrived."
	switch {
	case len(back) == 1 && len(why) == 1:
		note = "Reason: " + strings.TrimPrefix(why[0], back[0].Number+": ")
	case len(why) > 0:
		note = "Reasons:\n" + strings.Join(why, "\n")
	}
	if r := w.d.pol.Returns.Rejected; r != "" {
		note += "\n" + r
	}
	return back, w.customerUpdate(ctx, t, "rma_returned_unrepaired", back, note)
}
