package parser

import "testing"

// Black-box attack on the readings added last (issue 13, round 5): the
// organisation heading the ship-to/bill-to address as the company, numbered
// answers as address labels, a signed short first name, a phone after a
// comma, 'mail'/'dispatch' and conjunction-led shipping requests, requests
// ending in '?'/'.', addresses ending before 'Ship from - ...' rows, denied
// bracketed serials, hotline rows, 'X, Y & Partner' firms, a unit table's OS
// column, ticketing systems' person labels, bracketed remarks after a contact
// name and Korean/Japanese bracketed company forms. Each is attacked both
// ways: taking a value that is not the customer's, and missing it when
// written a little differently. The attacker read no parser code and no
// labelled testdata. Cases with hole set are wrong today and skip (and fail
// once the parser gets them right); the rest guard readings that held.

func TestAttackRound5(t *testing.T) {
	runLatCases(t, r5Cases)
	runR4InvoiceCases(t, r5InvoiceCases)
}

var r5Cases = []latCase{
	// ===== holes: wrong values =====

	// --- the organisation heading the address becomes the company: a carrier, a bank ---
	{name: "r5/Company/CarrierDepotHeadsShipTo", field: "company", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. I am travelling, so please hold the replacement at the courier's depot for pickup.\n\nShip to:\nDHL Express Service Point\n5 Depot Road\nReno, NV 89502\n\nThanks,\nMike Brown\n"},
	{name: "r5/Company/BankHeadsBillTo", field: "company", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. The unit is leased, so the invoice went to the leasing bank.\n\nBill to:\nHSBC Bank Malaysia Berhad\n2 Leboh Ampang\n50100 Kuala Lumpur\n\nThanks,\nMike Brown\n"},
	{name: "r5/Company/KoreanCourierBracketForm", field: "company", want: "",
		body: "안녕하세요,\n\nNAS serial Q21BI04567 fails to boot. Please hold the replacement at the courier's branch, I will pick it up.\n\nShip to:\n(주)한진택배 강남지점\n서울특별시 강남구 테헤란로 123\n06234\n\nThanks,\nMike Brown\n"},

	// --- a hypothetical ship-to; other rows glued onto the ship-to ---
	{name: "r5/ShipTo/WouldYouBeAbleHypotheticalOnly", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nWould you be able to send it to our Denver office at 40 Elm Street, Denver, CO 80202 if our main site is closed that week? I will confirm the address once we know.\n\nThanks,\nMike Brown\n"},
	{name: "r5/ShipTo/NumberedSameAsBillingButDifferent", field: "ship_to", want: "1 New Road, Austin, TX 78701",
		body: "Hello,\n\nAnswers to your questions:\n1) Serial: Q21BI04567\n2) Ship-to: not the billing address, please use 1 New Road, Austin, TX 78701\n3) Bill-to: Acme Corp, 12 Main Street, Springfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "r5/ShipTo/NumberedDotAnswer", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nAnswers to your questions:\n1. Serial: Q21BI04567\n2. Ship-to: Acme Corp, 12 Main Street, Springfield, IL 62701\n3. Contact phone: 510-555-0132\n\nThanks,\nMike Brown\n"},
	{name: "r5/ShipTo/PickupFromBlockRow", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\nPick up defective from - Acme Lab, 4 Side Road, Springfield, IL 62702\n\nThanks,\nMike Brown\n"},

	// --- a phone after a comma offered by someone else ---
	{name: "r5/Phone/CommaCourier", field: "phone", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. For the pickup please call the courier, 510-555-0177, they have the parcel ready.\n\nThanks,\nMike Brown\n"},

	// --- denied serials in and after brackets ---
	{name: "r5/Serial/BracketNotAsOnInvoice", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS (Q21BI04567, not Q21BI04576 as your invoice says) fails to boot.\n\nThanks,\nMike Brown\n"},
	{name: "r5/Serial/BracketIsNotThisUnit", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Your portal lists a second serial (Q21BI09999 is not this unit's serial, it is our old chassis).\n\nThanks,\nMike Brown\n"},

	// --- contacts who are not the writer ---
	{name: "r5/Contact/TicketReporterVendorFAE", field: "contact_name", want: "Mike Brown",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nReporter: Kevin Lin (QNAP FAE, on site)\n\nThanks\n"},
	{name: "r5/Contact/FirmAndPartnersFrom", from: "\"Smith, Jones and Partners\" <office@sj-partners.example>", field: "contact_name", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nThanks\n"},

	// ===== holes: misses =====
	{name: "r5/ShipTo/LetteredAnswer", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nAnswers to your questions:\na) Serial: Q21BI04567\nb) Ship-to: Acme Corp, 12 Main Street, Springfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "r5/ShipTo/ShipFromEnDashRow", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to – Acme Corp, 12 Main Street, Springfield, IL 62701\nShip from – Acme Lab, 4 Side Road, Springfield, IL 62702\n\nThanks,\nMike Brown\n"},
	{name: "r5/Phone/CommaFax", field: "phone", want: "510-555-0132",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Please do not use our fax, 510-555-0199, it is not monitored; my cell is 510-555-0132.\n\nThanks,\nMike Brown\n"},

	// ===== guards that held =====
	{name: "r5/ShipTo/VendorFormShipToBlock", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Your RMA form told me to send the broken unit here:\n\nShip to:\nQNAP Systems, Inc.\n5 Depot Road\nReno, NV 89502\n\nThanks,\nMike Brown\n"},
	{name: "r5/Company/JapaneseCarrierBracketForm", field: "company", want: "",
		body: "こんにちは\n\nNAS serial Q21BI04567 fails to boot. Please hold the replacement at the courier's office for pickup.\n\nShip to:\n(株)ヤマト運輸 新宿営業所止め\n東京都新宿区西新宿1-1-1\n160-0023\n\nThanks,\nMike Brown\n"},
	{name: "r5/ShipTo/NumberedReturnToVendor", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. To confirm the steps your colleague gave me:\n1) Return to: QNAP RMA Center, 5 Depot Road, Reno, NV 89502\n2) Include a copy of the invoice.\n\nIs that right?\n\nThanks,\nMike Brown\n"},
	{name: "r5/Contact/ShortNameSurnameFirstFrom", from: "\"Turner, William\" <william@acme-corp.com>", field: "contact_name", want: "William Turner",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nThanks,\nWill\n"},
	{name: "r5/Phone/CommaVendorHotline", field: "phone", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. I already called your hotline, 1-800-555-0199, and was told to write here.\n\nThanks,\nMike Brown\n"},
	{name: "r5/ShipTo/AndPleaseDontSend", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nAnd please don't send anything to our DR site, it is being closed:\n\nAcme DR\n7 Backup Lane\nDenver, CO 80202\n\nThanks,\nMike Brown\n"},
	{name: "r5/ShipTo/WeSentDefectiveBelow", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nWe sent the defective unit to your depot at the address below.\n\nQNAP RMA Center\n5 Depot Road\nReno, NV 89502\n\nThanks,\nMike Brown\n"},
	{name: "r5/Contact/TicketAssigneeVendorEngineer", field: "contact_name", want: "Mike Brown",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Still nothing after a week:\n\nTicket: #448812\nAssigned to: Kevin Lin (QNAP Support)\nStatus: Open\n\nThanks,\nMike Brown\n"},
	{name: "r5/Firmware/OSDiskColumn", field: "firmware", want: "",
		body: "Hello,\n\nOur NAS fails to boot.\n\nModel      Serial        OS disk\nTS-873A    Q21BI04567    2x 240GB SSD\n\nThanks,\nMike Brown\n"},
}

var r5InvoiceCases = []r4InvCase{
	// guard: a delivery date after an invoice number is not the invoice date
	{name: "r5/InvDate/FechaDeEntrega", want: "",
		body: "Hola,\n\nOur NAS serial Q21BI04567 fails to boot.\nFactura n.º F-2291, fecha de entrega 2025-03-10\n\nGracias,\nMike Brown\n"},
}
