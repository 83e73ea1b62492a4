package parser

import "testing"

// A customer forwards the desk's own mail back ("is this still right?"):
// the desk's depot, invoice and address are not the customer's; a
// colleague's forwarded mail from the customer's own domain still is read.
func TestDeskForwardIsHistory(t *testing.T) {
	desk := "From: Jane Doe <jane@customer.example>\r\nTo: RMA Desk <support@desk.example>\r\nSubject: Fwd: RMA-100042\r\n\r\n" +
		"Hi,\r\n\r\nsee below, is this still right? Serial Q21BI04567.\r\n\r\n---------- Forwarded message ---------\r\n" +
		"From: RMA Desk <support@desk.example>\r\nDate: Mon, 9 Mar 2026 10:00\r\nSubject: RMA-100042\r\nTo: Tom Baker <tom@customer.example>\r\n\r\n" +
		"Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA\r\nInvoice No.: INV-DESK-7781\r\n\r\nJane\r\n"
	m := mustParse(t, desk)
	if m.Fields.ShipTo != "" || m.Fields.InvoiceNumber != "" || m.Fields.Email != "jane@customer.example" {
		t.Errorf("desk forward read as the customer's: ship_to %q, invoice %q, email %q", m.Fields.ShipTo, m.Fields.InvoiceNumber, m.Fields.Email)
	}
	colleague := "From: Jane Doe <jane@customer.example>\r\nTo: RMA Desk <support@desk.example>\r\nSubject: Fwd: dead NAS\r\n\r\n" +
		"Hi,\r\n\r\nsee below from Tom.\r\n\r\n---------- Forwarded message ---------\r\n" +
		"From: Tom Baker <tom@customer.example>\r\nDate: Mon, 9 Mar 2026 10:00\r\nSubject: dead NAS\r\nTo: Jane Doe <jane@customer.example>\r\n\r\n" +
		"Serial Q21BI04567 is dead.\r\nShip to: Acme Warehouse, 17 Example Lane, Brighton BN1 1AA\r\n\r\nTom\r\n"
	if m := mustParse(t, colleague); m.Fields.ShipTo != "Acme Warehouse, 17 Example Lane, Brighton BN1 1AA" {
		t.Errorf("colleague's forward: ship_to %q", m.Fields.ShipTo)
	}
}
