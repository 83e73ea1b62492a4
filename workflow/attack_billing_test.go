package workflow

// Security review of 9860efd (vendor billing): who can move money by mail.
// Each TestAttackBilling* plays a customer, a forger or an agent against
// the real desk and PostgreSQL. A failing test is a hole; the passing ones
// guard attacks that were defended. The money rules themselves are attacked
// through the CLI in cmd/rmad/attack_billing_test.go.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/policy"
	"rmad/store"
)

// qnapOut takes a QNAP advance replacement through approval (by the
// agents' mail), the customer's confirmation, shipment and delivery, and
// returns the fixture, the agents' notice and the customer's last desk mail.
func qnapOut(t *testing.T) (f *fixture, agents, cust *store.OutMail) {
	t.Helper()
	f = newFixture(t, func(c *Config, p *policy.Policy) {
		*p = *mustPolicy(t, "qnap")
		c.People.Finance = "finance@desk.example"
	})
	inv := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	msrp := "2899.00"
	importAsset(t, f, store.Asset{SerialNumber: "Q21BI04567", Model: "TS-873A", CustomerEmail: "victor@victim.example", InvoiceDate: &inv,
		MSRP: &msrp, Currency: "USD", Plans: []string{"advance", "card_on_file"}})
	f.ingest("rma", mailText("Victor <victor@victim.example>", rmaAddr, "NAS dead", "r1@victim.example", "",
		fmt.Sprintf(qnapRequest, "200 Technology Dr, Irvine, CA 92618")), t0)
	agents = lastTo(f.outbox(), "agent_new")
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1@desk.example", "In-Reply-To: <"+agents.MessageID+">\n", "#approve advance\n"), t0.Add(time.Hour))
	if ask := lastTo(f.outbox(), "rma_review"); ask != nil {
		f.ingest("rma", mailText("victor@victim.example", rmaAddr, "Re: "+ask.Subject, "v1@victim.example",
			"In-Reply-To: <"+ask.MessageID+">\n", "Yes, the address is right.\n"), t0.Add(2*time.Hour))
	}
	ctx := context.Background()
	if _, err := f.desk.Do(ctx, "TKT-100001", Shipped{Carrier: "UPS", Tracking: "1Z9", Part: "unit"}, "cli", t0.Add(24*time.Hour)); err != nil {
		t.Fatalf("ship: %v", err)
	}
	if _, err := f.desk.Do(ctx, "TKT-100001", Delivered{}, "cli", t0.Add(4*24*time.Hour)); err != nil {
		t.Fatalf("deliver: %v", err)
	}
	rmas := f.rmaRows("TKT-100001")
	if len(rmas) != 1 || rmas[0].Status != RMADelivered || rmas[0].ReturnDue == nil {
		t.Fatalf("setup: %+v", rmas)
	}
	cust = lastTo(f.outbox(), "rma_delivered")
	if cust == nil || cust.Audience != "customer" {
		t.Fatalf("no delivery notice to the customer: %+v", cust)
	}
	return f, agents, cust
}

// The customer, in their own signed thread, and forgers with an agent's
// From, cannot record a pick-up, an MSRP, a price or a payment; fields in
// a customer's mail named like the money fields are not applied to the RMA.
func TestAttackBillingCustomerCannotCommandMoney(t *testing.T) {
	f, _, cust := qnapOut(t)
	due := *f.rmaRows("TKT-100001")[0].ReturnDue
	money := "#returned UPS 1ZFAKE 2026-11-25\n#set unit1.msrp=1.00 unit1.replacement_price=1.00\n#paid\n#received\n\nMSRP: 1.00\nReplacement price: 1.00\nPaid amount: 9999.00\n"
	for name, m := range map[string]struct{ from, headers string }{
		"the customer in their signed thread":           {"victor@victim.example", "In-Reply-To: <" + cust.MessageID + ">\n"},
		"an agent's From on the customer's thread":      {agentAddr, "In-Reply-To: <" + cust.MessageID + ">\nReferences: <" + cust.MessageID + ">\n"},
		"an agent's From with the ticket ref only":      {agentAddr, ""},
		"an agent's From, forged agents' id (bad mac)":  {agentAddr, "In-Reply-To: <rmad.tkt-100001.a.aaaaaaaa.0000000000000000@desk.example>\n"},
		"an agent's From, the customer's own thread id": {agentAddr, "In-Reply-To: <r1@victim.example>\n"},
	} {
		f.ingest("rma", mailText(m.from, rmaAddr, "Re: NAS dead [TKT-100001]", "x-"+strings.ReplaceAll(name, " ", "-")+"@evil.example", m.headers, money), t0.Add(5*24*time.Hour))
		r := f.rmaRows("TKT-100001")[0]
		if r.ReturnedAt != nil || r.MSRP != nil || r.ReplacementPrice != nil || r.PaidAt != nil || r.PaidAmount != nil || r.Status != RMADelivered {
			t.Fatalf("%s moved money: returned %v msrp %v price %v paid %v status %s", name, r.ReturnedAt, r.MSRP, r.ReplacementPrice, r.PaidAt, r.Status)
		}
	}
	// The fee is billed as the terms say: 3 days late at the registry's cap.
	if _, err := f.desk.RunJob(context.Background(), "billing", due.Add(2*24*time.Hour+time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r := f.rmaRows("TKT-100001")[0]; r.Status != RMABilled || r.Amount == nil || *r.Amount != "300.00" {
		t.Fatalf("after the forgeries the bill is %v %v", r.Status, r.Amount)
	}
}

// The agent's own #returned in the agents' thread does work, and a second
// one (an attempt to move the date) is refused and changes nothing.
func TestAttackBillingSecondReturnedCannotMoveTheDate(t *testing.T) {
	f, agents, _ := qnapOut(t)
	thread := "In-Reply-To: <" + agents.MessageID + ">\n"
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a2@desk.example", thread, "#returned UPS 1ZBACK 2026-11-27\n"), t0.Add(8*24*time.Hour))
	r := f.rmaRows("TKT-100001")[0]
	if r.ReturnedAt == nil || r.ReturnCarrier != "UPS" || r.ReturnTracking != "1ZBACK" {
		t.Fatalf("agent's #returned: %+v", r)
	}
	first := *r.ReturnedAt
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a3@desk.example", thread, "#returned DHL 99 2026-11-25\n"), t0.Add(9*24*time.Hour))
	r = f.rmaRows("TKT-100001")[0]
	if !r.ReturnedAt.Equal(first) || r.ReturnCarrier != "UPS" {
		t.Fatalf("a second #returned moved the pick-up: %v %s", r.ReturnedAt, r.ReturnCarrier)
	}
	res := lastTo(f.outbox(), "agent_result")
	if res == nil || !strings.Contains(res.Body, "NOT DONE") || !strings.Contains(res.Body, "already picked up") {
		t.Fatalf("the agent was not told the second #returned was refused: %+v", res)
	}
}

// Was a hole (low), fixed: An amount is stored as typed: leading zeros pass amountRe,
// and completeBill bills the raw string, so finance and the customer read
// "USD 000000000000000000410.00" (a careless or playful agent's amount
// reaches the customer unnormalised).
func TestAttackBillingAmountShownAsTyped(t *testing.T) {
	f := newFixture(t, func(c *Config, p *policy.Policy) {
		*p = *mustPolicy(t, "ixsystems")
		c.People.Finance = "finance@desk.example"
	})
	inv := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: "pat@labs.example", InvoiceDate: &inv, Currency: "USD", Plans: []string{"sla"}})
	f.ingest("rma", mailText("Pat <pat@labs.example>", rmaAddr, "Pool degraded", "p1@labs.example", "", fmt.Sprintf(ixRequest, "Pat", "A1-0001")), t0)
	ctx := context.Background()
	if _, err := f.desk.Do(ctx, "TKT-100001", Approve{Type: store.RMAAdvance}, "cli", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.desk.Do(ctx, "TKT-100001", Shipped{}, "cli", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.desk.RunJob(ctx, "billing", t0.AddDate(0, 0, 32)); err != nil {
		t.Fatal(err)
	}
	if r := f.rmaRows("TKT-100001")[0]; r.Status != RMABilled || r.Amount != nil {
		t.Fatalf("setup: %s %v", r.Status, r.Amount)
	}
	mark := len(f.outbox())
	if _, err := f.desk.Do(ctx, "TKT-100001", Set{Pairs: [][2]string{{"unit1.replacement_part", "SSD"}, {"unit1.replacement_price", "000000000000000000410.00"}}}, "cli", t0.AddDate(0, 0, 33)); err != nil {
		t.Fatal(err)
	}
	for _, m := range f.since(mark) {
		if strings.Contains(m.Body, "000000000000000000410.00") {
			t.Fatalf("%s to %v shows the amount as typed:\n%s", m.Template, m.To, m.Body)
		}
	}
}
