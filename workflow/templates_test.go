package workflow

import (
	"strings"
	"testing"

	"rmad/policy"
	"rmad/templates"
)

// TestEveryTemplateRenders renders each built-in mail with realistic data
// for each preset: a template that fails, prints "<no value>" or leaves an
// empty subject or body would otherwise be found by a customer.
func TestEveryTemplateRenders(t *testing.T) {
	tpl, err := templates.Load("")
	if err != nil {
		t.Fatal(err)
	}
	names := tpl.Names()
	if len(names) < 25 {
		t.Fatalf("only %d templates: %v", len(names), names)
	}
	for _, preset := range []string{"qct", "qnap", "altai", "ixsystems"} {
		pol, err := policy.Load(preset)
		if err != nil {
			t.Fatal(err)
		}
		rma := rmaView{Number: "RMA-100001", Type: "advance", TypeWords: "advance replacement", Model: "D52BQ-2U", Serial: "QTFCQ0123456789",
			Status: "issued", Covered: true, Coverage: "warranty of 3 years from invoice date 2026-03-03", ShipsOn: "Monday, 23 November 2026",
			ReturnBy: "Monday, 7 December 2026", ReturnRule: "within 10 business days of RMA approval", Billing: "If it is not back in time, you will be billed.",
			Carrier: "UPS", Tracking: "1Z999", Quote: "USD 180.00"}
		data := mailData{Ref: "TKT-100001", Kind: "rma", State: "open", Subject: "Server will not power on", Vendor: pol.Vendor,
			DeskName: "Acme Support", DeskAddress: "rma@desk.example", Mailbox: "rma", CustomerName: "Alice Martin",
			CustomerAddress: "alice@customer.example", From: "alice@customer.example", Missing: []string{"Serial number", "PO number"},
			FieldLines: []string{"Phone: +1 (408) 555-0143"}, Dropped: []string{"logs.zip (application/zip, 30.0 MB)"}, Text: "The LED blinks amber.",
			Reason: "The sender is neither the ticket's customer nor an agent.", Held: "the domain has had 30 automatic answers in the last hour",
			Attention: []string{"The customer asks for a new ship-to address."}, RMAs: []rmaView{rma}, Instructions: pol.Instructions,
			DOAConditions: pol.DOA.Conditions, AdvancePackaging: pol.Advance.Packaging, Review: pol.Approval.Why, OutOfWarranty: pol.OutOfWarranty.Text,
			Results: []string{"#approve advance: RMA-100001 issued"}, Note: CommandHelp, Turnaround: "10 business days", Stage: "late",
			BillingKind: "per_day", Amount: "USD 300.00"}
		for _, name := range names {
			var in any = data
			if name == "finance_digest" {
				in = map[string]any{"Date": "2026-12-12", "Count": 3, "DeskName": "Acme Support"}
			}
			if name == "agents_digest" {
				in = agentsDigest{Date: "2026-11-23", AsOf: "2026-11-23 08:00 PST", DeskName: "Acme Support",
					Waiting: []string{"TKT-100001  waiting 2 days 19 hours"}, WaitingTotal: 17, WaitingMore: 16,
					Promises: []string{"RMA-100001  an answer on the RMA request, due Tuesday"}, PromisesTotal: 1}
			}
			if name == "outbox_held" {
				in = heldNotice{Count: 3, Attempts: 30, More: 1, Relay: "mail.example.com:587", AsOf: "2026-11-23 08:00 PST",
					Oldest: "2026-11-21 07:12 PST", DeskName: "Acme Support", Lines: []string{"#12  TKT-100001  ack to alice@customer.example: Server will not power on"}}
			}
			if name == "agent_quarantine" {
				in = map[string]any{"Mailbox": "rma", "UID": 42, "Attempts": 3, "Error": "workflow: boom", "ID": 7}
			}
			r, err := tpl.Render(name, in)
			if err != nil {
				t.Errorf("%s/%s: %v", preset, name, err)
				continue
			}
			if r.Subject == "" || strings.TrimSpace(r.Body) == "" || strings.Contains(r.Subject+r.Body, "<no value>") {
				t.Errorf("%s/%s renders badly:\nSubject: %s\n\n%s", preset, name, r.Subject, r.Body)
			}
		}
	}
}
