package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTicketSearch(t *testing.T) {
	s := newScenario(t, "qct")
	s.registry("serial_number,model,part_number,invoice_number,invoice_date,invoice_price,currency\nQTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,INV-1,2026-03-03,12500.00,USD\n")
	qctRequest(s, "QTFCQ0123456789", "2026-11-20T09:00:00-08:00")
	s.mail("support", "2026-11-21T09:00:00-08:00", "Sam Roe <sam@eu.customer.example>", "Fan noise on S5G", "", "PO Number: PO-77\nThe fans are loud.\n")
	s.mail("support", "2026-11-22T09:00:00-08:00", "Kim Poe <kim@other.example>", "BMC question", "", "How do I reset the BMC?\n")
	s.rmad("rma", "approve", "TKT-100001", "--at", "2026-11-20T10:00:00-08:00")
	s.rmad("rma", "ship", "RMA-100001", "--part", "unit", "--serial", "QTFCQ0999999999", "--at", "2026-11-20T15:00:00-08:00")

	search := func(args ...string) []string {
		t.Helper()
		var got []struct {
			Ref      string `json:"ref"`
			Customer struct {
				Address string `json:"address"`
			} `json:"customer"`
		}
		if err := json.Unmarshal([]byte(s.rmad(append([]string{"ticket", "search", "--json"}, args...)...)), &got); err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, g := range got {
			refs = append(refs, g.Ref)
		}
		return refs
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--serial", "qtfcq0123456789"}, "[TKT-100001]"},
		{[]string{"--serial", "QTFCQ0999999999"}, "[TKT-100001]"}, // the replacement shipped
		{[]string{"--customer", "customer.example"}, "[TKT-100002 TKT-100001]"},
		{[]string{"--customer", "sam@eu.customer.example"}, "[TKT-100002]"},
		{[]string{"--po", "po-77"}, "[TKT-100002]"},
		{[]string{"--rma", "RMA-100001"}, "[TKT-100001]"},
		{[]string{"--text", "fan noise"}, "[TKT-100002]"},
		{[]string{"--text", "fan", "--customer", "other.example"}, "[]"},
	} {
		if got := search(tc.args...); strings.Join(got, " ") != strings.Trim(tc.want, "[]") {
			t.Errorf("ticket search %v: %v, want %s", tc.args, got, tc.want)
		}
	}
	if out := s.refused("ticket", "search"); !strings.Contains(out, "at least one of") {
		t.Fatalf("search without criteria: %s", out)
	}
	if out := s.rmad("ticket", "search", "--serial", "QTFCQ0123456789"); !strings.Contains(out, "TKT-100001") || !strings.Contains(out, "REF") {
		t.Fatalf("table output:\n%s", out)
	}
}
