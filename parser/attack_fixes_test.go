package parser

import (
	"strings"
	"testing"
)

// Attacks on the rules added in the commits up to 08163c4: the desk's own
// forwarded mail cut as history, Apple Mail quoted forwards, ship-to
// refusals (request labels, "return the defective unit to:", old/previous
// address labels, invoice-only labels, the shared "Ship to and bill to:",
// prose corrections, "only after we confirm the PO", "and bill to"), the
// money refusals (negated, hypothetical, someone else's or another
// thing's purchase; wrong, void or cancelled invoices; PO labels needing a
// digit; internal tickets; "new/current/correct/revised" labels; one-row
// tables), the unit readings (available/released versions, other units,
// replaced serials, the reply's subject), contacts (team signatures,
// legal notices, short phones) and severity (negated or resolved
// symptoms, negated or reported ratings). Written without reading the
// parser, as a forger, a careless customer and a spammer. Each case is a
// mail and the exact value the desk must act on ("" = nothing read, the
// desk asks). Cases listed in fixesHoles fail today: they are skipped
// with the value read, and fail once refused.

// fxMail is a plain-text mail with its own From and To headers.
func fxMail(from, to, subject, body string) string {
	return "From: " + from + "\r\n" +
		"To: " + to + "\r\n" +
		"Subject: " + subject + "\r\n" +
		"Date: Mon, 16 Mar 2026 09:30:00 +0000\r\n" +
		"Message-ID: <fixes-attack@customer.example>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n")
}

// fxJane is a mail from Jane to the desk with the default RMA subject.
func fxJane(body string) string {
	return fxMail(widenedFrom, "support@desk.example", "Replacement request RMA-100042", body)
}

// fxForward is Jane's mail forwarding one message (Gmail separator)
// under her intro, sent to the given To header.
func fxForward(to, intro, header, body string) string {
	return fxMail(widenedFrom, to, "Fwd: RMA-100042", intro+"\n\n---------- Forwarded message ---------\n"+header+"\n\n"+body+"\n\nJane")
}

// fxBlock is Jane's mail with a label and an address block under it,
// followed by the rest of the mail.
func fxBlock(label, block, rest string) string {
	return fxJane("Hello,\n\nSerial Q21BI04567 is dead.\n\n" + label + "\n" + block + "\n\n" + rest + "Jane")
}

// fxSpam is a newsletter from a promotions address.
func fxSpam(body string) string {
	return fxMail("Deals <deals@promo.example>", "support@desk.example", "Newsletter March", "Dear partner,\n\n"+body+"\n\nUnsubscribe here.")
}

const (
	// the desk's own mail: its depot and its invoice
	fxDepot = "Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA\nInvoice No.: INV-DESK-7781\nInvoice date: 2026-03-09"
	// a colleague's or end customer's real request
	fxTomBody = "Serial Q21BI04567 is dead.\nShip to: Acme Warehouse, 17 Example Lane, Brighton BN1 1AA\nPO: 4500012345"
	fxTomHdr  = "From: Tom Baker <tom@customer.example>\nDate: Mon, 9 Mar 2026 10:00\nSubject: dead NAS\nTo: Jane Doe <jane@customer.example>"
	// the head of an Apple Mail quoted forward from Tom
	fxAppleTom = "Hi,\n\nsee below.\n\nBegin forwarded message:\n\n" +
		"> From: Tom Baker <tom@customer.example>\n> Subject: Re: RMA-100042\n" +
		"> Date: 9 March 2026 at 11:00:00 GMT\n> To: Jane Doe <jane@customer.example>\n>\n"
	fxHarbour = "12 Harbour Road, Leith EH6 6LX"
)

var fixesAttacks = []tableAttack{
	// ================= 1. the desk's own forwarded mail =================

	// The desk's notifications come from a subdomain of the address the
	// customer writes to: its depot is read as the customer's ship-to.
	{name: "desk/subdomain-sender-ship", field: "ship_to", want: "", raw: fxMail(widenedFrom, "support@desk.example", "FW: RMA-100042",
		"Hi,\n\nsee below, is this still right? Serial Q21BI04567.\n\n"+
			"________________________________\nFrom: RMA Desk <noreply@rma.desk.example>\nSent: Monday, March 9, 2026 10:00 AM\nTo: Jane Doe\nSubject: RMA-100042\n\n"+
			fxDepot+"\n\nJane")},
	// Outlook's forward header names the desk without its address (as
	// the To: header's display name does): the desk's invoice date
	// dates an old unit into warranty.
	{name: "desk/outlook-name-only-invoice-date", field: "invoice_date", want: "", raw: fxMail(widenedFrom, "RMA Desk <support@desk.example>", "FW: RMA-100042",
		"Hi,\n\nsee below, is this still right? Serial Q21BI04567.\n\n"+
			"________________________________\nFrom: RMA Desk\nSent: Monday, March 9, 2026 10:00 AM\nTo: Jane Doe\nSubject: RMA-100042\n\n"+
			fxDepot+"\n\nJane")},
	{name: "desk/mailto-header-refused", field: "ship_to", want: "", raw: fxForward("support@desk.example", "Hi,\n\nsee below, is this still right? Serial Q21BI04567.",
		"From: RMA Desk [mailto:support@desk.example]\nSent: Monday, March 9, 2026 10:00 AM\nTo: Tom Baker\nSubject: RMA-100042", fxDepot)},
	// A reseller forwards the end customer's request and puts the end
	// customer's purchasing in To: the request is cut as the desk's.
	{name: "desk/reseller-end-customer-in-to", field: "ship_to", want: "Enduser Ltd, 3 Mill Lane, York YO1 7HH", raw: fxMail("Jane Doe <jane@reseller.example>", "support@desk.example, purchasing@enduser.example", "Fwd: dead NAS",
		"Hi,\n\nour customer's request below, please ship directly to them.\n\n---------- Forwarded message ---------\n"+
			"From: Bob End <bob@enduser.example>\nDate: Mon, 9 Mar 2026 10:00\nSubject: dead NAS\n\n"+
			"Serial Q21BI04567 is dead.\nShip to: Enduser Ltd, 3 Mill Lane, York YO1 7HH\nPO: 4500012345\n\nJane\nReseller Ltd")},
	// Jane writes To: the desk and Tom; Tom's forwarded request is cut.
	{name: "desk/colleague-in-to", field: "po_number", want: "4500012345", raw: fxForward("support@desk.example, Tom Baker <tom@customer.example>", "Hi,\n\nsee below from Tom.", fxTomHdr, fxTomBody)},
	// The desk writes from a public mail domain: a colleague's mail
	// from the same provider is cut.
	{name: "desk/public-mail-domain", field: "ship_to", want: "Acme Warehouse, 17 Example Lane, Brighton BN1 1AA", raw: fxForward("rmadesk@gmail.com", "Hi,\n\nsee below from Tom.",
		"From: Tom Baker <tombaker@gmail.com>\nDate: Mon, 9 Mar 2026 10:00\nSubject: dead NAS", fxTomBody)},
	// The desk's question forwarded first, Tom's answer below it: the
	// answer is cut with the desk's mail.
	{name: "desk/colleague-forward-after-desk-forward", field: "po_number", want: "4500012345", raw: fxJane("Hi,\n\nsee both mails below: yours, and Tom's with the details.\n\n" +
		"---------- Forwarded message ---------\nFrom: RMA Desk <support@desk.example>\nDate: Mon, 9 Mar 2026 10:00\nSubject: RMA-100042\nTo: Jane Doe <jane@customer.example>\n\n" +
		"Please send us the serial number and the shipping address.\n\n" +
		"---------- Forwarded message ---------\n" + fxTomHdr + "\n\n" + fxTomBody + "\n\nJane")},
	// Legitimate: the customer's domain is the desk's; the sender's
	// domain is the same, so only the desk's own address is history.
	{name: "desk/customer-domain-is-desk-domain", field: "ship_to", want: "Acme Warehouse, 17 Example Lane, Brighton BN1 1AA", raw: fxMail("Jane Doe <jane@desk.example>", "support@desk.example", "Fwd: dead NAS",
		"Hi,\n\nsee below from Tom.\n\n---------- Forwarded message ---------\nFrom: Tom Baker <tom@desk.example>\nDate: Mon, 9 Mar 2026 10:00\nSubject: dead NAS\n\n"+fxTomBody+"\n\nJane")},

	// ================= 2. Apple Mail quoted forwards =================

	{name: "apple/colleague-forward-read", field: "po_number", want: "4500012345", raw: fxJane(fxAppleTom + "> Serial Q21BI04567 is dead.\n> Ship to: Acme Warehouse, 17 Example Lane, Brighton BN1 1AA\n> PO: 4500012345\n\nJane")},
	// The sender's own correction above the forward wins over the
	// forwarded old office.
	{name: "apple/own-text-above-wins", field: "ship_to", want: "Acme Warehouse, 17 Example Lane, Brighton BN1 1AA", raw: fxJane("Hi,\n\nsee below from Tom. Please ship to our new warehouse instead:\n" +
		"Ship to: Acme Warehouse, 17 Example Lane, Brighton BN1 1AA\n\nBegin forwarded message:\n\n" +
		"> From: Tom Baker <tom@customer.example>\n> Subject: dead NAS\n> Date: 9 March 2026 at 11:00:00 GMT\n>\n" +
		"> Serial Q21BI04567 is dead.\n> Ship to: Acme Office, 5 Old Road, Leeds LS1 4AP\n\nJane")},
	{name: "apple/outlook-history-refused", field: "ship_to", want: "", raw: fxJane(fxAppleTom + "> Serial Q21BI04567, still dead. Can you answer them?\n>\n" +
		"> ________________________________\n> From: RMA Desk <support@desk.example>\n> Sent: Monday, March 9, 2026 10:00 AM\n>\n" +
		"> Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA\n> Invoice No.: INV-DESK-7781\n\nJane")},
	// A second header block of only From and Date (no Subject/Sent) is
	// not taken for history: the desk's depot and invoice are read.
	{name: "apple/short-desk-header-block", field: "ship_to", want: "", raw: fxJane(fxAppleTom + "> Serial Q21BI04567, still dead. Can you answer them?\n>\n" +
		"> From: \"RMA Desk\" <support@desk.example>\n> Date: 9 March 2026 at 10:00:00 GMT\n" +
		"> Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA\n> Invoice No.: INV-DESK-7781\n\nJane")},
	// A long line wrapped by the sender's client loses its '>': the
	// colleague's ship-to below it is dropped.
	{name: "apple/wrapped-line-unquoted", field: "ship_to", want: "Acme Warehouse, 17 Example Lane, Brighton BN1 1AA", raw: fxJane(fxAppleTom +
		"> Our NAS (serial Q21BI04567) stopped booting this morning after the power cut in the\nbuilding.\n" +
		"> Ship to: Acme Warehouse, 17 Example Lane, Brighton BN1 1AA\n\nJane")},

	// ================= 3. ship-to refusals =================

	// An old address under a qualified label, the new one below: the
	// old office is read.
	{name: "ship/obsolete-label-then-new", field: "ship_to", want: warehouseOut, raw: fxBlock("Shipping address (obsolete):", oldOffice, "Shipping address (new):\n"+warehouse+"\n\n")},
	{name: "ship/dash-old-label", field: "ship_to", want: warehouseOut, raw: fxBlock("Ship to - old:", oldOffice, "Ship to - new:\n"+warehouse+"\n\n")},
	// "instead of:" / "rather than to:" after a request naming another
	// place: the refused block is read.
	{name: "ship/instead-of-after-request", field: "ship_to", want: "", raw: fxBlock("Ship to the warehouse instead of:", oldOffice, "")},
	{name: "ship/rather-than-to-after-request", field: "ship_to", want: "", raw: fxBlock("Ship to the warehouse rather than to:", oldOffice, "")},
	{name: "ship/not-this-one-bracket-value", field: "ship_to", want: "", raw: fxBlock("Ship to: (not this one, see below)", oldOffice, "")},
	// "ship to X - no wait, that's the old office: Y": X is read.
	{name: "ship/no-wait-correction", field: "ship_to", want: fxHarbour, raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead. ship to 5 Old Road, Leeds LS1 4AP - no wait, that's the old office: " + fxHarbour + "\n\nJane")},
	{name: "ship/sorry-wrong-one-legit", field: "ship_to", want: fxHarbour, raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead. ship to 5 Old Road, Leeds LS1 4AP - sorry, wrong one, ship to " + fxHarbour + "\n\nJane")},
	// "after we send the PO, not before" is read, with the condition.
	{name: "ship/after-po-not-before", field: "ship_to", want: "", raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead.\n\nPlease ship the replacement to " + fxHarbour + " after we send the PO, not before.\n\nJane")},
	// A labelled ship-to followed by "and bill to:" on the same line.
	{name: "ship/label-and-bill-to-same-line", field: "ship_to", want: fxHarbour, raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead.\n\nShip to: " + fxHarbour + " and bill to: 1 Main St, London EC1A 1BB\n\nJane")},
	{name: "ship/prose-and-bill-to-legit", field: "ship_to", want: fxHarbour, raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead. ship to " + fxHarbour + " and bill to 1 Main St, London EC1A 1BB\n\nJane")},
	// "Ship to: same as above" under a Bill to block.
	{name: "ship/same-as-above", field: "ship_to", want: "", raw: fxBlock("Bill to:", warehouse, "Ship to: same as above\n\n")},
	{name: "ship/return-defective-refused", field: "ship_to", want: "", raw: fxBlock("Please return the defective unit to:", warehouse, "")},
	// Over-refusals: the customer's one real address.
	{name: "ship/replacement-for-defective-unit", field: "ship_to", want: warehouseOut, raw: fxBlock("Please ship the replacement for the defective unit to:", warehouse, "")},
	{name: "ship/this-address-not-the-old-one", field: "ship_to", want: warehouseOut, raw: fxBlock("Please send the replacement to this address, not to the old one:", warehouse, "")},
	{name: "ship/not-a-po-box-bracket", field: "ship_to", want: warehouseOut, raw: fxBlock("Ship to (not a P.O. box, street address):", warehouse, "")},
	{name: "ship/new-address-previous-closed", field: "ship_to", want: warehouseOut, raw: fxBlock("New shipping address (previous one closed):", warehouse, "")},
	{name: "ship/ship-now-no-wait-for-po", field: "ship_to", want: fxHarbour, raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead.\n\nPlease ship the replacement now to " + fxHarbour + ", no need to wait for the PO.\n\nJane")},
	// A US city starting "The" after a street line ending "St".
	{name: "ship/the-woodlands-city", field: "ship_to", want: "Acme Inc, 1 Main St, The Woodlands, TX 77380", raw: fxBlock("Ship to:", "Acme Inc\n1 Main St\nThe Woodlands, TX 77380", "")},
	{name: "ship/the-sentence-after-address-legit", field: "ship_to", want: warehouseOut, raw: fxBlock("Ship to:", "Acme Warehouse\n17 Example Lane\nBrighton BN1 1AA\nThe unit is dead since Monday.", "")},

	// ================= 4. money =================

	// Purchases of other things, or hypothetical ones, date an old unit
	// into warranty.
	{name: "money/extended-warranty-bought", field: "invoice_date", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. We bought the extended warranty on 10 January 2026.\n\nJane")},
	{name: "money/license-bought", field: "invoice_date", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. We bought the license on 10 January 2026.\n\nJane")},
	{name: "money/neighbour-bought-same-nas", field: "invoice_date", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. Our neighbour bought the same NAS on 10 January 2026 and it works fine.\n\nJane")},
	{name: "money/wish-we-had-bought", field: "invoice_date", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. I wish we had bought it on 10 January 2026.\n\nJane")},
	{name: "money/would-have-bought", field: "invoice_date", want: "2021-03-03", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. We would have bought it on 10 January 2026 but the budget was frozen; it was bought on 3 March 2021.\n\nJane")},
	{name: "money/haetten-wir-gekauft", field: "invoice_date", want: "", raw: fxJane("Hallo,\n\nunser TS-873A, Seriennummer Q21BI04567, ist defekt. Hätten wir es doch am 10.01.2026 gekauft.\n\nJane")},
	{name: "money/magari-avessimo-acquistato", field: "invoice_date", want: "", raw: fxJane("Ciao,\n\nil nostro TS-873A, seriale Q21BI04567, è guasto. Magari l'avessimo acquistato il 10/01/2026.\n\nJane")},
	{name: "money/colleague-bought-it-legit", field: "invoice_date", want: "2025-03-03", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. Tom bought it on 3 March 2025.\n\nJane")},
	// Over-refusal: the unit's own purchase, with a spare bought along.
	{name: "money/bought-with-spare-disk", field: "invoice_date", want: "2025-03-03", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. We bought it on 3 March 2025 together with a spare disk.\n\nJane")},
	// Invoices the text says are for another thing or reversed.
	{name: "money/invoice-covers-psu-only", field: "invoice_number", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. Invoice INV-1001 of 10 January 2026 covers only the PSU we bought.\n\nJane")},
	{name: "money/invoice-belongs-to-other-nas", field: "invoice_number", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead.\n\nInvoice: INV-1001 (belongs to our other NAS)\n\nJane")},
	{name: "money/invoice-reversed-date", field: "invoice_date", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. Invoice INV-1001, dated 10 January 2026, has been reversed.\n\nJane")},
	{name: "money/wrong-then-correct-invoice-legit", field: "invoice_number", want: "INV-2002", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. Invoice INV-1001 was wrong, the correct invoice is INV-2002 dated 3 March 2025.\n\nJane")},
	// Over-refusals: "wrong" about the address on the invoice, and
	// "cancelled" about another order.
	{name: "money/invoice-shows-wrong-address", field: "invoice_number", want: "INV-2002", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. Invoice INV-2002 of 3 March 2025 shows the wrong delivery address, but it is the invoice for this unit.\n\nJane")},
	{name: "money/other-order-cancelled", field: "invoice_date", want: "2025-03-03", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead.\n\nInvoice INV-2002, invoice date 2025-03-03. The order for a second unit was cancelled.\n\nJane")},
	// A labelled PO with a digit that is no PO.
	{name: "money/po-to-follow-in-2-days", field: "po_number", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead.\n\nPO: to follow in 2 days\n\nJane")},
	// PO-shaped codes named an internal reference or ticket.
	{name: "money/po-shaped-is-internal-ticket", field: "po_number", want: "", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead. PO-7781 is our internal ticket number, the PO follows.\n\nJane")},
	// "Correct PO:" / "Revised invoice:" under the wrong one.
	{name: "money/correct-po-label", field: "po_number", want: "4500012345", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead.\n\nPO: 4500011111 (wrong)\nCorrect PO: 4500012345\n\nJane")},
	{name: "money/revised-invoice-label", field: "invoice_number", want: "INV-2002", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead.\n\nInvoice: INV-1001\nRevised invoice: INV-2002\n\nJane")},
	{name: "money/neue-bestellnummer-legit", field: "po_number", want: "4500012345", raw: fxJane("Hallo,\n\nSeriennummer Q21BI04567 ist defekt.\n\nAlte Bestellnummer: 4500011111\nNeue Bestellnummer: 4500012345\n\nJane")},
	// One-row tables.
	{name: "money/table-failure-date-column", field: "po_number", want: "4500012345", raw: fxJane("Hi,\n\nOur TS-873A, serial Q21BI04567, is dead.\n\nPO\tInvoice\tFailure date\n4500012345\tINV-2002\t2026-03-10\n\nJane")},

	// ================= 5. units =================

	// The serial of the unit swapped or returned earlier is read, the
	// dead unit's is lost.
	{name: "unit/serial-swapped-last-year", field: "serials", want: "Q21BI04567", raw: fxJane("Hi,\n\nQ20AB01234 is the unit you swapped last year; Q21BI04567 is the one that died now. Model TS-873A.\n\nJane")},
	{name: "unit/serial-returned-in-2024", field: "serials", want: "Q21BI04567", raw: fxJane("Hi,\n\nThe unit we returned in 2024 had serial Q20AB01234. The dead one now is Q21BI04567 (TS-873A).\n\nJane")},
	// A reply's subject names the unit already replaced.
	{name: "unit/reply-subject-replaced-serial", field: "serials", want: "Q21BI09999", raw: tableMail(widenedFrom, "Re: RMA-100042 TS-873A S/N Q21BI04567", "Hi,\n\nthe replacement you sent (serial Q21BI09999) is dead too.\n\nJane")},
	// A serial typed with a space: its first half is read.
	{name: "unit/serial-with-space-typo", field: "serials", want: "", raw: fxJane("Hi,\n\nSerial: Q21BI 04567\nModel: TS-873A\n\nJane")},
	{name: "unit/release-notes-version", field: "firmwares", want: "", raw: fxJane("Hi,\n\nSerial Q21BI04567, TS-873A. Your release notes for QTS 5.2.1.2800 mention this bug.\n\nJane")},
	{name: "unit/model-worked-fine-until-legit", field: "models", want: "TS-873A", raw: fxJane("Hi,\n\nThe TS-873A worked fine until Monday, now it does not boot. Serial Q21BI04567.\n\nJane")},

	// ================= 6. contacts =================

	{name: "contact/name-head-of-it", field: "contact_name", want: "Jane Doe", raw: fxMail("Acme Helpdesk <helpdesk@customer.example>", "support@desk.example", "Replacement request RMA-100042",
		"Hi,\n\nSerial Q21BI04567 is dead.\n\nRegards,\nJane Doe, Head of IT\nAcme Ltd")},
	// A customer's paragraph about a misdelivered parcel is dropped as a
	// legal notice, with the serial, ship-to and phone in it.
	{name: "contact/addressee-error-paragraph", field: "serials", want: "Q21BI04567", raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead. Your label named the wrong addressee and our reception received it in error. " +
		"Please ship to Acme Warehouse, 17 Example Lane, Brighton BN1 1AA, phone +44 1273 496000.\n\nJane")},
	{name: "contact/legal-notice-phone-refused", field: "phone", want: "", raw: fxJane("Hi,\n\nSerial Q21BI04567 is dead.\n\nJane\n\n" +
		"This e-mail is intended for the named recipient only. If you received it in error, please notify the sender at +44 20 7946 0000 and delete it.")},

	// ================= 7. severity =================

	{name: "severity/not-a-critical-issue", field: "severity", want: "", raw: fxJane("Hi,\n\nSerial Q21BI04567. This is NOT a critical issue, just a question about the front LED.\n\nJane")},
	{name: "severity/colleague-said-critical", field: "severity", want: "", raw: fxJane("Hi,\n\nSerial Q21BI04567. Your colleague said it is critical, but it is only the front LED.\n\nJane")},
	{name: "severity/spam-never-goes-down", field: "severity", want: "", raw: fxSpam("Our cloud NAS never goes down. Order today!")},
	{name: "severity/spam-critical-security-update", field: "severity", want: "", raw: fxSpam("CRITICAL SECURITY UPDATE for all NAS owners! Click here to protect your data.")},
	{name: "severity/for-no-reason-out-of-service", field: "severity", want: "critical", raw: fxJane("Hi,\n\nSerial Q21BI04567. For no reason the NAS is out of service.\n\nJane")},
	{name: "severity/out-again-although-fixed", field: "severity", want: "critical", raw: fxJane("Hi,\n\nSerial Q21BI04567. The NAS is out of service again, although you fixed it last month.\n\nJane")},
	{name: "severity/high-not-low-bracket", field: "severity", want: "high", raw: fxJane("Hi,\n\nSerial Q21BI04567. Severity: high (not low as your form says). The fan is failing.\n\nJane")},
	{name: "severity/down-since-last-month-legit", field: "severity", want: "critical", raw: fxJane("Hi,\n\nSerial Q21BI04567. The NAS has been out of service since last month and we are losing data.\n\nJane")},
}

// fixesHoles are the attacks that succeed today.
var fixesHoles = map[string]bool{
	// high: the desk's own depot is read as the customer's ship-to (goods
	// to the vendor's depot) when its notifications come from a subdomain
	// high: Outlook's name-only forward header of the desk: the desk's
	// invoice date 2026-03-09 is read (an old unit dated into warranty)
	// medium: a reseller's forward of the end customer's request is cut
	// when the end customer is in To: (the contract reads it)
	// medium: a colleague named in To: makes his forwarded request history
	// medium: a desk on a public mail domain cuts every customer's
	// colleague on that provider
	// medium: a colleague's forward below a desk forward is cut with it
	// high: a From/Date-only second header block inside an Apple forward
	// is not history: the desk's depot becomes the ship-to
	// medium: a wrapped line without '>' drops the rest of the forward
	// high: the old office under "Shipping address (obsolete):" is read
	// although a new one follows (goods to the old address)
	// high: "Ship to - old:" reads "old:, Acme Office, ..."
	// high: the block under "Ship to the warehouse instead of:" is read
	// high: the block under "Ship to the warehouse rather than to:" is read
	// high: "Ship to: (not this one, see below)" reads the refused block
	// with the bracket in front
	// high: the address the customer took back ("no wait, that's the old
	// office") is read
	// high: "... after we send the PO, not before" is read (with the
	// condition in the address), the desk ships before the PO
	// high: "Ship to: X and bill to: Y" reads both addresses as the
	// ship-to
	// medium: "same as above" is read as the ship-to address
	// medium: the replacement's address is refused because the label
	// names the defective unit
	// medium: "to this address, not to the old one:" refuses this address
	// medium: "(not a P.O. box, ...)" refuses the street address the
	// vendor asks for
	// medium: "New shipping address (previous one closed):" refused
	// medium: "now ..., no need to wait for the PO" refused
	// medium: the city line "The Woodlands, TX 77380" is cut, the ship-to
	// is an undeliverable "Acme Inc, 1 Main St"
	// high: the extended warranty's purchase date is the invoice date
	// high: the license's purchase date is the invoice date
	// high: the neighbour's purchase is this unit's
	// high: "I wish we had bought it on" dates the unit into warranty
	// high: the hypothetical 2026-01-10 wins over the real 2021-03-03
	// high: "Hätten wir es doch am 10.01.2026 gekauft" is read
	// high: "Magari l'avessimo acquistato il 10/01/2026" is read (as
	// 2026-10-01)
	// medium: a spare bought along refuses the unit's own purchase date
	// high: an invoice that "covers only the PSU" is the unit's invoice
	// high: "(belongs to our other NAS)" does not void the invoice
	// high: "has been reversed" does not void the invoice date
	// medium: "wrong delivery address" on the invoice voids the invoice
	// medium: another order's cancellation voids this invoice's date
	// high: "to follow in 2 days" is read as the PO
	// high: "PO-7781 is our internal ticket number" is read as the PO
	// high: "Correct PO:" loses to the PO marked "(wrong)"
	// high: "Revised invoice:" loses to the superseded invoice
	// medium: a "Failure date" column drops the whole PO/invoice row
	// high: the serial of the unit swapped last year is the only unit
	// (replacement and warranty for the wrong serial)
	// high: the serial of the unit returned in 2024 is the only unit
	// medium: the reply's subject adds the already replaced unit as a
	// second unit
	// medium: "Q21BI 04567" is read as serial "Q21BI"
	"unit/serial-with-space-typo": true,
	// low: a version named in the vendor's release notes is the firmware
	// low: "Jane Doe, Head of IT" is refused as a team; the From name
	// "Acme Helpdesk" is the contact
	// medium: a customer's paragraph about a wrong addressee and a parcel
	// received in error is dropped with its serial, ship-to and phone
	// medium: "NOT a critical issue" is critical
	// medium: the colleague's "it is critical" is the customer's rating
	// medium: a spammer's "never goes down" is critical
	// medium: a spammer's "CRITICAL SECURITY UPDATE" jumps the queue
	// medium: "For no reason the NAS is out of service" is not counted
	// medium: "out of service again, although you fixed it last month"
	// is not counted
	// medium: "Severity: high (not low ...)" is refused
}

func TestAttackFixes(t *testing.T) {
	runTableAttacks(t, fixesAttacks, fixesHoles, "fixesHoles")
}
