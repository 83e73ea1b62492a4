package parser

import "testing"

// Black-box attack on the newest readings (issue 13, second pass): 'Would it
// be possible / Is it possible to send ... to <address>?', a request line
// ending in 'at'/'to' over a street line, 'to us'/'to me' over a block (and a
// reason before ', please ...'), an order date noted as the invoice's, a rule
// under a label, a short 'Words:' label after a run of spaces, and 'should
// read' / 'Correction: S/N' serials. Each is attacked both ways: taking a
// value that is not the customer's, and missing it when written a little
// differently. The attacker read no parser code and no labelled testdata.
// Cases with hole set are wrong today and skip (and fail once the parser gets
// them right); the rest guard readings that held.

func TestAttackNewest2(t *testing.T) {
	runLatCases(t, n2Cases)
	runR4InvoiceCases(t, n2InvoiceCases)
}

var n2Cases = []latCase{
	// --- 1. 'Would it be possible / Is it possible to send ... to <address>?' ---
	{name: "n2/ShipTo/WouldItBePossibleInvoiceCopy", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nWould it be possible to send a copy of the invoice to our accounts office at 40 Elm Street, Denver, CO 80202?\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/IsItPossibleShippingCost", field: "ship_to", want: "",
		hole: "a question whether shipping abroad is possible and what it costs ('... and what would the shipping cost be? If it is too expensive we will collect it') is taken as the ship-to, with the question glued on",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nIs it possible to send the replacement to 9 Harbour Road, Auckland 1010, New Zealand, and what would the shipping cost be? If it is too expensive we will collect it in Sydney.\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/WouldItBePossibleHypotheticalOther", field: "ship_to", want: "12 Main Street, Springfield, IL 62701",
		hole: "after 'it would not be possible to send ... to <branch>', the real request on the same line ', so please ship it to <address>' is missed",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nI know it would not be possible to send the replacement to our branch at 77 Lake Road, Duluth, MN 55802, so please ship it to 12 Main Street, Springfield, IL 62701.\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/WouldYouBeAbleToSend", field: "ship_to", want: "12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nWould you be able to send the replacement to 12 Main Street, Springfield, IL 62701?\n\nThanks,\nMike Brown\n"},

	// --- 2. a request line ending in 'at'/'to' over a street line ---
	{name: "n2/ShipTo/AtLineReturnToVendor", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nWe already sent the faulty unit back to your returns center at\n5 Depot Road\nReno, NV 89502\nlast Monday. When does the replacement ship?\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/ToLineDoNotSend", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease do not send the replacement to\n12 Main Street\nSpringfield, IL 62701\nas that office is closed; I will give you the new address tomorrow.\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/AtLineUnitNumberFirst", field: "ship_to", want: "Unit 4, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you send the replacement to our warehouse at\nUnit 4, 12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/AtLineColleagueHome", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nLast year my colleague asked you to send his own replacement to his home at\n5 Oak Lane\nAustin, TX 78701\nand it got lost. This time I will collect ours at your depot.\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/WouldItBePossibleAddressBelow", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nWould it be possible to send the replacement to the address below?\n\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},

	// --- 3. 'to us'/'to me' over a block ---
	{name: "n2/ShipTo/ForwardedResellerToUs", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Below is what our reseller wrote to us, for your information:\n\nFrom our reseller: please ship the defective unit to us, we handle the warranty:\nNorthern Supply Co.\n88 Industrial Way\nFresno, CA 93721\n\nWe would rather deal with you directly.\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/ReasonOverlongToUs", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nThe last time you did not ship the replacement to us but to our reseller in Reno by mistake, please make sure it does not happen again, see below:\n5 Depot Road\nReno, NV 89502\n\nThanks,\nMike Brown\n"},

	// --- 5. rule under a label; a short 'Words:' label after spaces ---
	{name: "n2/ShipTo/EqualsRuleUnderLabel", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShipping address:\n==================\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "n2/ShipTo/SpacedAttnLabelEndsValue", field: "ship_to", want: "12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nShip to: 12 Main Street, Springfield, IL 62701    Attn: Mike Brown\n\nThanks,\nMike Brown\n"},

	// --- serials corrected in quoted text or for another unit ---
	{name: "n2/Serial/QuotedCorrectionColon", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\n\nYour colleague asked the wrong customer earlier; from that old thread:\n> Correction: S/N Q21BI09999, I swapped the last two digits.\n\nThat is not our unit.\n\nThanks,\nMike Brown\n"},
	{name: "n2/Serial/ShouldReadOtherUnit", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\n\nBy the way, on your last invoice the serial of our other NAS (the one that works) should read Q21BI07777, not Q21BI07771.\n\nThanks,\nMike Brown\n"},
	{name: "n2/Serial/ShouldReadVendorFormExample", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\n\nYour RMA form says the serial should read Q21BI00000 for units without a label; ours has a label.\n\nThanks,\nMike Brown\n"},
}

var n2InvoiceCases = []r4InvCase{
	{name: "n2/InvDate/SameDayAsInvoiceWasNot", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nOrder date: 2025-03-03 (the invoice was not issued on the same day as the order)\n\nThanks,\nMike Brown\n"},
	{name: "n2/InvDate/SameDayAsOtherOrdersInvoice", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nOrder date: 2025-03-03 (same day as the invoice for our previous order, which is another unit)\n\nThanks,\nMike Brown\n"},
	{name: "n2/InvDate/SameDayConflictsInvoiceLabel", want: "2025-03-05",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nInvoice date: 2025-03-05\nOrder date: 2025-03-03 (same day as the invoice of the first batch)\n\nThanks,\nMike Brown\n"},
	{name: "n2/InvDate/SameDayAsInvoiceButNeverIssued", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nOrder date: 2025-03-03 (was supposed to be the same day as the invoice, but no invoice was ever issued)\n\nThanks,\nMike Brown\n"},
}
