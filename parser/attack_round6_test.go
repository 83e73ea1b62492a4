package parser

import "testing"

// Black-box attack round 6 on the readings added last (issue 13, round 5's
// fixes): carrier/bank/lessor address heads, conditional ship-to requests,
// numbered answers' lead words, lettered answers, en-dash labels, courier
// numbers, refused fax clauses, denied bracketed serials, vendor people in
// contact rows and 'X, Y and Partners' firms. Mostly over-reach of the new
// word lists (a real customer that is a bank or a logistics firm, a real
// ship-to with 'if' in it, a real serial after 'of'/'old', a real phone near
// 'courier'), and new ways to take an address, contact or phone that is not
// the customer's. The attacker read no parser code and no labelled testdata.
// Cases with hole set are wrong today and skip; the rest guard readings that
// held.

func TestAttackRound6(t *testing.T) {
	runLatCases(t, r6Cases)
	runR4InvoiceCases(t, r6InvoiceCases)
}

var r6Cases = []latCase{
	// ===== holes: wrong values =====
	{name: "r6/Contact/ReportedByCommaVendorFAE", field: "contact_name", want: "Mike Brown",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nReported by: Kevin Lin, QNAP FAE\n\nThanks\n"},
	{name: "r6/Contact/RequestedByYourAccountManager", field: "contact_name", want: "Mike Brown",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nRequested by: Anna Lee (your account manager)\n\nThanks\n"},

	// ===== holes: misses (over-reach of the new readings) =====
	{name: "r6/Serial/BracketWasSwapped", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot (Q21BI09999 was the unit you swapped last year, already returned).\n\nThanks,\nMike Brown\n"},
	{name: "r6/ShipTo/IfQuestionThenAddress", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. I am not sure if the unit can be repaired, but please ship the replacement to:\n\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "r6/ShipTo/BillToWhenShipElsewhere", field: "ship_to", want: "Acme Lab, 4 Side Road, Springfield, IL 62702",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nBill to: Acme Corp, 12 Main Street, Springfield, IL 62701\nPlease do not ship there, the replacement goes to our lab: Acme Lab, 4 Side Road, Springfield, IL 62702\n\nThanks,\nMike Brown\n"},
	{name: "r6/ShipTo/NumberedLeadWordsRealAddress", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nAnswers to your questions:\n1) Serial: Q21BI04567\n2) Ship-to: same as before, Acme Corp, 12 Main Street, Springfield, IL 62701\n\nThanks,\nMike Brown\n"},

	// ===== guards that held =====
	{name: "r6/Company/BankIsTheCustomer", from: "Mike Brown <mike@firstcitybank.example>", field: "company", want: "First City Bank",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. It holds our branch's scanned documents.\n\nShip to:\nFirst City Bank\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\nIT, First City Bank\n"},
	{name: "r6/Company/LogisticsFirmIsTheCustomer", from: "Mike Brown <mike@acmelogistics.example>", field: "company", want: "Acme Logistics Inc.",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\nAcme Logistics Inc.\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "r6/ShipTo/IfInsideRealRequest", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Please send the replacement to Acme Corp, 12 Main Street, Springfield, IL 62701. Let me know if you need anything else.\n\nThanks,\nMike Brown\n"},
	{name: "r6/ShipTo/HypotheticalCouldYou", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you ship it to our Denver office, 40 Elm Street, Denver, CO 80202, in case our main site is closed that week? Not decided yet.\n\nThanks,\nMike Brown\n"},
	{name: "r6/ShipTo/EnDashInAddress", field: "ship_to", want: "Acme Corp, Building 3 – Floor 2, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\nAcme Corp\nBuilding 3 – Floor 2\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "r6/ShipTo/LetteredShipFrom", field: "ship_to", want: "",
		body: "Hello,\n\nAnswers to your questions:\na) Serial: Q21BI04567\nb) Ship from: Acme Lab, 4 Side Road, Springfield, IL 62702\nc) Return to: QNAP RMA Center, 5 Depot Road, Reno, NV 89502\n\nThanks,\nMike Brown\n"},
	{name: "r6/Phone/CourierWordOwnPhone", field: "phone", want: "510-555-0132",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. When the courier arrives, call me, 510-555-0132, I will come down to the dock.\n\nThanks,\nMike Brown\n"},
	{name: "r6/Serial/OfRealSerial", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nThe NAS (serial of the failing unit Q21BI04567) fails to boot.\n\nThanks,\nMike Brown\n"},
}

var r6InvoiceCases = []r4InvCase{
	// guard: a shipping date after an invoice number is not the invoice date
	{name: "r6/InvDate/ShippedDateNotInvoice", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nInvoice no. INV-2291, shipped 2025-03-10\n\nThanks,\nMike Brown\n"},
}
