package workflow

import (
	"fmt"
	"strings"
	"time"

	"rmad/store"
)

// rmaView is one RMA as the templates show it.
type rmaView struct {
	Number, Type, TypeWords, Model, Serial, Status string
	Covered                                        bool
	Coverage                                       string
	ShipsOn, ReturnBy, VoidBy, ShipBy              string
	ReturnRule                                     string
	Billing                                        string
	Blocked                                        string
	Carrier, Tracking                              string
	Quote                                          string
	Unconfirmed                                    bool // coverage withheld until an agent confirms ownership
	// ByPickup: the return is judged by the courier's pick-up (QNAP), so
	// the customer is asked to hand the unit over by the date.
	ByPickup    bool
	PickedUp    string // when the courier picked the defective unit up
	Shipping    string // who pays the shipping both ways
	Replacement string // the replacement unit's serial
}

func (d *Desk) viewRMA(m store.RMA) rmaView {
	p := d.pol
	v := rmaView{Number: m.Number, Type: string(m.Type), Model: orDash(m.Model), Serial: orDash(m.SerialNumber), Status: string(m.Status),
		Covered: m.Covered, Coverage: m.CoverageReason, Carrier: m.Carrier, Tracking: m.Tracking}
	v.TypeWords = map[string]string{"standard": "return for repair or replacement", "advance": "advance replacement",
		"doa": "dead on arrival (DOA) replacement", "out_of_warranty": "out-of-warranty service"}[string(m.Type)]
	if m.ShipDate != nil {
		v.ShipsOn = p.CustomerDate(*m.ShipDate)
	}
	if m.ReturnDue != nil {
		if m.Type == "advance" {
			v.ReturnBy = p.CustomerDate(*m.ReturnDue)
		} else {
			v.ShipBy = p.CustomerDate(*m.ReturnDue)
		}
	}
	if m.VoidAt != nil {
		v.VoidBy = p.CustomerDate(*m.VoidAt)
	}
	if m.Type == "advance" {
		rw := p.Advance.ReturnWithin
		switch p.Advance.ReturnFrom {
		case "delivered":
			v.ReturnRule = fmt.Sprintf("within %s after the replacement is delivered to you", rw.Words())
		case "shipped":
			v.ReturnRule = fmt.Sprintf("within %s of the replacement's shipment", rw.Words())
		default:
			v.ReturnRule = fmt.Sprintf("within %s of RMA approval", rw.Words())
		}
		if p.Advance.ReturnedBy == "pickup" {
			v.ByPickup = true
			v.ReturnRule += " (what counts is the day the courier picks it up)"
		}
		switch p.Advance.Billing.Kind {
		case "invoice_price":
			v.Billing = "If it is not back in time, you will be billed the full invoice price of the replacement."
		case "per_day":
			v.Billing = fmt.Sprintf("A late return is charged %s %s for each day (or part of a day) it is late, up to the unit's MSRP.", p.Advance.Billing.Currency, p.Advance.Billing.PerDay)
		case "support_hold":
			v.Billing = "If it is not back in time, a support hold is placed on your account and the full cost of the replacement is invoiced."
		}
	}
	if m.ReturnedAt != nil {
		v.PickedUp = p.CustomerDate(*m.ReturnedAt)
	}
	v.Replacement = m.ReplacementSerial
	v.Shipping = p.Standard.Shipping
	if m.Type == store.RMAAdvance {
		v.Shipping = p.Advance.Shipping
	}
	if len(m.BlockedOn) > 0 {
		v.Blocked = strings.Join(m.BlockedOn, ", ")
	}
	if m.QuoteAmount != nil {
		v.Quote = m.QuoteCurrency + " " + *m.QuoteAmount
	}
	return v
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// rmaData adds the RMA views and the policy's instructions to a mail.
func (w *work) rmaData(d mailData, rmas []store.RMA) mailData {
	for _, m := range rmas {
		d.RMAs = append(d.RMAs, w.d.viewRMA(m))
	}
	d.Instructions = w.d.pol.Instructions
	d.DOAConditions = w.d.pol.DOA.Conditions
	if w.d.pol.DOA.AdvanceOnRequest {
		d.DOAConditions += " You may ask for an advance replacement of a DOA unit; a fee applies if the returned unit does not meet these conditions."
	}
	if ta := w.d.pol.Standard.Turnaround; !ta.IsZero() {
		d.Turnaround = ta.Words()
	}
	d.AdvancePackaging = ""
	for _, m := range rmas {
		if m.Type == "advance" {
			d.AdvancePackaging = w.d.pol.Advance.Packaging
		}
	}
	return d
}

// deadlineWords is used by confirmations to agents.
func (d *Desk) deadlineWords(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return d.pol.CustomerDate(*t) + " (" + t.In(d.pol.Location).Format("2006-01-02 15:04 MST") + ")"
}
