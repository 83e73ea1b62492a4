package workflow

// Second security review, of the fixes in 0eb4825: each TestAttack2* is an
// attack on a fix or on the money and authority around it. A failing test
// is a hole.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rmad/policy"
	"rmad/store"
)

// qnapConfirmAsked opens a QNAP advance request with ship_to addr, has the
// agent approve it (card on file) so it waits on address_confirmed, and
// returns the desk's request to confirm.
func qnapConfirmAsked(t *testing.T, subject, addr string) (*fixture, *store.OutMail) {
	t.Helper()
	f := newFixture(t, func(_ *Config, p *policy.Policy) { *p = *mustPolicy(t, "qnap") })
	f.ingest("rma", mailText("Victor <victor@victim.example>", rmaAddr, subject, "r1@victim.example", "",
		fmt.Sprintf(qnapRequest, addr)), t0)
	notice := lastTo(f.outbox(), "agent_new")
	f.ingest("rma", mailText(agentAddr, rmaAddr, "Re: x", "a1@desk.example", "In-Reply-To: <"+notice.MessageID+">\n",
		"#set card_authorization=on_file\n#approve advance override the fixture has no registry plan\n"), t0.Add(time.Hour))
	rmas := f.rmaRows("TKT-100001")
	if len(rmas) != 1 || rmas[0].Status != RMARequested || strings.Join(rmas[0].BlockedOn, ",") != "address_confirmed" {
		t.Fatalf("setup: %+v", rmas)
	}
	ask := lastTo(f.outbox(), "rma_review")
	if ask == nil || ask.To[0] != "victor@victim.example" {
		t.Fatalf("no confirmation request: %+v", ask)
	}
	return f, ask
}

// HOLE (high). "Only a plain yes counts", but affirms is a bag of words
// over the first three lines: a question, a cancellation or a correction
// that contains yes/ok/confirm/correct and none of the listed negations
// confirms the ship-to and the advance replacement ships (and is billed to
// the customer if nothing comes back).
func TestAttack2NonConfirmationConfirms(t *testing.T) {
	for name, body := range map[string]string{
		"a puzzled question":   "Yes? Who asked for this? I am confused, what replacement?\n",
		"a cancellation":       "OK, please cancel the RMA. We fixed the NAS ourselves.\n",
		"a correction":         "Please correct the address: our dock is at 12 Elm Street, Suite 400.\n",
		"yes, but elsewhere":   "Yes, but please send it to our Dallas office instead.\n",
		"who confirmed":        "Who confirmed this address? That colleague left the company months ago.\n",
		"P.S. after signature": "Yes\n\nVictor\n\nP.S. wait, that is the old address, we moved, please hold.\n",
	} {
		t.Run(name, func(t *testing.T) {
			f, ask := qnapConfirmAsked(t, "NAS dead", "9 Evil Road, Springfield, IL 62701")
			f.ingest("rma", mailText("victor@victim.example", rmaAddr, "Re: "+ask.Subject, "v1@victim.example",
				"In-Reply-To: <"+ask.MessageID+">\n", body), t0.Add(2*time.Hour))
			if rmas := f.rmaRows("TKT-100001"); rmas[0].Status == RMAIssued || f.ticket("TKT-100001").Fields["address_confirmed"] == "yes" {
				t.Fatalf("%q confirmed the ship-to: RMA %s", body, rmas[0].Status)
			}
		})
	}
}

// HOLE (low). A genuine confirmation fails when it says "no" in passing or
// comes after a short greeting; the customer gets no answer and the
// advance waits for an agent to read it.
func TestAttack2GenuineYesRefused(t *testing.T) {
	for _, s := range []string{
		"Yes, that is correct, no changes.\n",
		"Yes, no problem, go ahead.\n",
		"Hello team,\nthank you for the quick help.\nMuch appreciated.\nYes, the address is right.\n",
	} {
		if !affirms(s) {
			t.Errorf("a plain yes is not one: %q", s)
		}
	}
}

// HOLE (low). A ticket whose subject only looks automatic ("Vacation
// backup job fails": it still becomes a ticket) can never be confirmed by
// mail: every reply "Re: <subject>" carries the AutoReplyHint, so the
// customer's plain yes is refused and nothing tells them why.
func TestAttack2ConfirmationOnAutoLookingSubject(t *testing.T) {
	f, ask := qnapConfirmAsked(t, "Vacation backup job fails", "1 Real Street, Springfield, IL 62701")
	f.ingest("rma", mailText("victor@victim.example", rmaAddr, "Re: "+ask.Subject, "v1@victim.example",
		"In-Reply-To: <"+ask.MessageID+">\n", "Yes, that is right.\n"), t0.Add(2*time.Hour))
	if rmas := f.rmaRows("TKT-100001"); rmas[0].Status != RMAIssued {
		t.Fatalf("a plain yes on a ticket with an automatic-looking subject: RMA %s, events %v", rmas[0].Status, f.events("TKT-100001"))
	}
}

// HOLE (medium). The domain cap counts the registrable domain, but
// publicsuffix refuses a domain with a trailing dot, and rateDomain then
// keeps the whole host: x@h1.victim.example., x@h2.victim.example. ...
// (which MTAs deliver to h1.victim.example) each get their own cap.
func TestAttack2RateCapTrailingDot(t *testing.T) {
	f := newFixture(t, func(c *Config, _ *policy.Policy) { c.AutoReplyDomainLimit = 8; c.AutoReplyDeskLimit = 100 })
	for i := range 20 {
		f.ingest("support", mailText(fmt.Sprintf("x@h%d.victim.example.", i), supportAddr, "Hi", fmt.Sprintf("s%d@x", i), "", "help\n"), t0)
	}
	n := 0
	var to []string
	for _, m := range f.outbox() {
		if m.Audience == "customer" {
			n++
			to = append(to, m.To...)
		}
	}
	if n > 8 {
		t.Fatalf("%d automatic answers to one organisation in an hour (domain cap 8): %v", n, to)
	}
}

// HOLE (low/medium). A From the strict parser cannot read falls back to a
// loose reading that takes the last word with an @: "mallory@evil.example
// bob@bigcorp.example" is one mailbox to the desk (bob) while the MTA may
// have judged DMARC for mallory's domain, so bob's dmarc=fail never shows
// and the desk issues bob's RMA on a forgery. Like two mailboxes, an
// unparseable From should refuse authority.
func TestAttack2AmbiguousFromFallsBackToOwner(t *testing.T) {
	for name, from := range map[string]string{
		"two bare addresses":  "mallory@evil.example bob@bigcorp.example",
		"two angle addresses": "Mal <mallory@evil.example> <bob@bigcorp.example>",
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, func(cfg *Config, p *policy.Policy) {
				*p = *mustPolicy(t, "ixsystems")
				cfg.People.TrustedAuthservID = "mx.desk.example"
			})
			inv := t0.AddDate(-1, 0, 0)
			importAsset(t, f, store.Asset{SerialNumber: "A1-0001", Model: "TrueNAS X20", CustomerEmail: "bob@bigcorp.example", InvoiceDate: &inv})
			f.ingest("rma", mailText(from, rmaAddr, "Pool degraded", "m1@evil.example",
				"Authentication-Results: mx.desk.example; dkim=pass header.d=evil.example; dmarc=pass header.from=evil.example\n",
				fmt.Sprintf(ixRequest, "Bob", "A1-0001")), t0)
			tk := f.ticket("TKT-100001")
			if tk.CustomerAddress != "bob@bigcorp.example" {
				t.Skipf("customer %s", tk.CustomerAddress)
			}
			if rmas := f.rmaRows("TKT-100001"); len(rmas) == 1 && rmas[0].Status == RMAIssued {
				t.Fatalf("RMA issued to %s on a From the desk could not parse: %+v", tk.CustomerAddress, rmas[0])
			}
		})
	}
}

// Regression (attack failed): a From naming no mailbox (group syntax
// "undisclosed-recipients:;") is no_sender: no ticket, no answer.
func TestAttack2EmptyGroupFrom(t *testing.T) {
	f := newFixture(t)
	raw := "From: undisclosed-recipients:;\nTo: " + rmaAddr + "\nSubject: Server dead\nMessage-ID: <g1@x>\nContent-Type: text/plain\n\n" + completeQCT
	res := f.ingest("rma", raw, t0)
	t.Logf("result %+v", res)
	for _, m := range f.outbox() {
		t.Logf("out %s to %v aud %s", m.Template, m.To, m.Audience)
		if m.Audience == "customer" {
			t.Errorf("customer mail %s to %v for a From without a mailbox", m.Template, m.To)
		}
	}
	if res.Ticket != "" {
		if rmas := f.rmaRows(res.Ticket); len(rmas) > 0 && rmas[0].Status == RMAIssued {
			t.Errorf("RMA issued for a From without a mailbox: %+v", rmas[0])
		}
	}
}
