package main

import (
	"strings"
	"testing"
)

// `rmad rma repaired` on a rejected returned unit does what #repaired does:
// the unit goes back unrepaired (closed, sent_back_at, the customer told
// why, no coverage), a replacement serial is refused with exit 2, and
// --help says so.
func TestCLIRepairedSendsBackARejectedUnit(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0000000666,S5G-1U,1S5GZZZ0001,INV-2,2026-03-03,4000.00,USD\n")
	qctRequest(s, "QTFCQ0000000666", "2026-11-02T09:00:00-08:00")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-02T10:00:00-08:00")
	s.rmad("rma", "receive", "RMA-100001", "--at", "2026-11-09T10:00:00-08:00")
	s.rmad("rma", "reject", "RMA-100001", "--reason", "customer-induced damage: the chassis is bent", "--at", "2026-11-09T11:00:00-08:00")
	if out := s.refused("rma", "repaired", "RMA-100001", "--serial", "QTFCQ0000000667", "--at", "2026-11-10T10:00:00-08:00"); !strings.Contains(out, "rejected") {
		t.Errorf("refusal does not say why: %s", out)
	}
	mark := s.last()
	out := s.rmad("rma", "repaired", "RMA-100001", "--carrier", "FedEx", "--tracking", "7777", "--at", "2026-11-10T10:00:00-08:00")
	if !strings.Contains(out, "RMA-100001 sent back unrepaired") {
		t.Errorf("output: %q", out)
	}
	m := s.one(s.since(mark), "rma_returned_unrepaired", "alice@customer.example")
	contains(t, m, "returned without repair", "FedEx 7777", "Reason: customer-induced damage: the chassis is bent")
	if strings.Contains(m.Body, "covered") || len(s.since(mark)) != 1 {
		t.Errorf("mails after the return: %+v", s.since(mark))
	}
	if st, _, _, _ := s.rma("RMA-100001"); st != "closed" {
		t.Fatalf("status %s, want closed", st)
	}
	if n := s.count(`SELECT count(*) FROM rmas WHERE number = 'RMA-100001' AND sent_back_at = '2026-11-10T10:00:00-08:00'`); n != 1 {
		t.Fatalf("sent_back_at not recorded (%d)", n)
	}
	if code, out := s.try("rma", "repaired", "RMA-100001", "--at", "2026-11-10T11:00:00-08:00"); code != 2 {
		t.Errorf("a second repaired: exit %d: %s", code, out)
	}
	if code, out, _ := runCLI(t, nil, "rma", "repaired", "--help"); code != 0 || !strings.Contains(out, "refused for a rejected unit") {
		t.Errorf("rma repaired --help: %d %s", code, out)
	}
}
