package parser

import (
	"strings"
	"testing"
)

// Black-box attacks on the prose readings of ship-to, bill-to, PO/invoice
// numbers, invoice date and contact details. Each case states the value the
// desk must (not) act on. "HOLE" notes say what the attack found before
// it was refused; every case is refused now.

func attackMail(subject, body string) string {
	if subject == "" {
		subject = "Replacement request RMA-100042"
	}
	return "From: Jane Doe <jane@customer.example>\r\n" +
		"To: support@desk.example\r\n" +
		"Subject: " + subject + "\r\n" +
		"Date: Mon, 16 Mar 2026 09:30:00 +0000\r\n" +
		"Message-ID: <attack@customer.example>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n")
}

func attackHTML(body string) string {
	return "From: Jane Doe <jane@customer.example>\r\n" +
		"To: support@desk.example\r\n" +
		"Subject: Replacement RMA-100042\r\n" +
		"Message-ID: <attack@customer.example>\r\n" +
		"Content-Type: text/html; charset=utf-8\r\n\r\n" + body
}

type proseAttack struct {
	name  string
	raw   string
	field string // ship_to, bill_to, po_number, invoice_number, invoice_date, phone, email, contact_name
	want  string // exact wanted value ("" = nothing read)
	// notContain: the value must not contain this (used instead of want when set)
	notContain string
}

func fieldOf(f Fields, name string) string {
	switch name {
	case "ship_to":
		return f.ShipTo
	case "bill_to":
		return f.BillTo
	case "po_number":
		return f.PONumber
	case "invoice_number":
		return f.InvoiceNumber
	case "invoice_date":
		return f.InvoiceDate
	case "phone":
		return f.Phone
	case "email":
		return f.Email
	case "contact_name":
		return f.ContactName
	}
	panic("unknown field " + name)
}

const fwdMallory = `

-------- Forwarded message --------
From: Mallory <m@evil.example>
`

var proseAttacks = []proseAttack{
	// ---------------- ship-to / bill-to ----------------

	// Refused: "do not ship it to our old address at ..." is not a ship-to.
	{name: "ship/do-not-ship-sentence", field: "ship_to", want: "", raw: attackMail("", `Hello,

Our unit SN Q21BI04567 died. Please do not ship it to our old address at 5 Old Road, Leeds LS1 4AP, we moved.

Thanks,
Jane`)},
	// Refused: "our old address was X. Please send the replacement to Y" gives Y.
	{name: "ship/old-address-then-new", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hello,

Serial Q21BI04567 is dead.
Our old address was 5 Old Road, Leeds LS1 4AP. Please send the replacement to 17 Example Lane, Brighton BN1 1AA.

Jane`)},
	// Refused: a ship-to in quoted history is not read.
	{name: "ship/quoted-history", field: "ship_to", want: "", raw: attackMail("", `Hi, serial Q21BI04567 failed again.

On Mon, 2 Mar 2026, Jane Doe wrote:
> Please send it to our lab at 17 Example Lane, Brighton BN1 1AA.
> PO: 4500012345`)},
	{name: "ship/would-not-like", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
We would NOT like you to send it to 5 Old Road, Leeds LS1 4AP anymore.

Jane`)},
	{name: "ship/dont-send-to-our-lab", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please don't send it to our lab at 5 Old Road, Leeds LS1 4AP.

Jane`)},
	{name: "ship/last-time-you-sent", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Last time you sent it to our lab at 5 Old Road, Leeds LS1 4AP and it got lost.

Jane`)},
	// Refused: a quoted "Ship to:" does not override the new one.
	{name: "ship/quoted-label-after-own", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Ship to: 17 Example Lane, Brighton BN1 1AA

> Ship to: 66 Evil Street, London E1 6AN
> Bill to: same as ship-to

Jane Doe`)},
	// Refused: a labelled ship-to beats a later sentence about an old lab / a colleague.
	{name: "ship/label-beats-old-lab-sentence", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 died.
Ship to: 17 Example Lane, Brighton BN1 1AA
Our old lab was at 5 Old Road, Leeds LS1 4AP, please send it there no longer.

Jane`)},
	{name: "ship/label-beats-colleague-ps", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 died.
Ship to: 17 Example Lane, Brighton BN1 1AA
P.S. my colleague asked me to tell you to send it to his lab at 9 Other Way, Hove BN3 2AA, please ignore him.

Jane`)},
	// Refused: "Bill to: not the same as ship-to" does not copy the ship-to.
	{name: "bill/not-same-as-ship", field: "bill_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Bill to: not the same as ship-to, invoice goes to head office (address to follow).
Please send it to our lab at 17 Example Lane, Brighton BN1 1AA.

Jane Doe`)},
	// Correct reading (control): the block + "same as ship-to".
	{name: "bill/same-as-ship-block", field: "bill_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please ship the replacement unit to:
17 Example Lane
Brighton BN1 1AA

Bill to: same as ship-to`)},

	// HOLE (high): "Never ship the replacement unit to:" over a block is read
	// as the ship-to; a negated instruction must give no ship-to.
	{name: "ship/never-ship-block", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Never ship the replacement unit to:
5 Old Road
Leeds LS1 4AP

Jane`)},
	// HOLE (high): same with "Do not ship the replacement unit to:".
	{name: "ship/do-not-ship-block", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Do not ship the replacement unit to:
5 Old Road
Leeds LS1 4AP

Jane`)},
	// HOLE (high): "send it to our lab, not to X" ships to X, the one address
	// the customer refused. Should give no ship-to.
	{name: "ship/not-to-x", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send it to our lab, not to 5 Old Road, Leeds LS1 4AP. The lab address will follow.

Jane`)},
	// HOLE (high): a third party's address told "that was wrong" becomes the ship-to.
	{name: "ship/neighbour-that-was-wrong", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Our neighbour asked you to send it to his lab at 9 Other Way, Hove BN3 2AA, that was wrong.

Jane`)},
	// HOLE (medium): the desk's own warehouse ("your warehouse"), mentioned in
	// passing, becomes the ship-to (with trailing prose). Should be "".
	{name: "ship/desk-warehouse", field: "ship_to", want: "", raw: attackMail("", `Hello,

Serial Q21BI04567 is dead. Your colleague said you would send it to your warehouse at 1 Desk Park, Reading RG1 1AA for testing first.

Jane`)},
	// HOLE (medium): a counterfactual ("If it were still under warranty you
	// could send it to ...") is read as the ship-to, with the rest of the
	// sentence glued on ("..., but I guess it is not"). Should be "".
	{name: "ship/counterfactual", field: "ship_to", want: "", raw: attackMail("", `Hello,

Serial Q21BI04567 is dead.
If it were still under warranty you could send it to our lab at 17 Example Lane, Brighton BN1 1AA, but I guess it is not.

Jane`)},
	// HOLE (medium): a conditional ("Should you want to send it to ..., please
	// call first") is read as the ship-to with ", please call first" appended.
	{name: "ship/conditional-should-you", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Should you want to send it to our lab at 17 Example Lane, Brighton BN1 1AA, please call first.

Jane`)},
	// HOLE (medium): a question with "I'll confirm the address first" is read
	// as a confirmed ship-to ("... BN1 1AA? I'll confirm the address first").
	{name: "ship/question-unconfirmed", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Can you confirm whether you could send it to our lab at 17 Example Lane, Brighton BN1 1AA? I'll confirm the address first.

Jane`)},
	// HOLE (medium): "send it to Y instead of X" gives "Y instead of X": the
	// refused address ends up in ship_to. Should be Y alone.
	{name: "ship/instead-of", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send it to 17 Example Lane, Brighton BN1 1AA instead of 5 Old Road, Leeds LS1 4AP.

Jane`)},
	// HOLE (medium): a "(not to X)" line under the block is appended to the
	// ship-to. Should be the block alone.
	{name: "ship/block-plus-not-to", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please ship the replacement unit to:
17 Example Lane
Brighton BN1 1AA
(not to 5 Old Road, Leeds LS1 4AP)

Jane`)},
	// HOLE (high): the sender's own "Ship to:" label is overridden by a
	// sentence inside a forwarded stranger's message. The sender's own
	// statement must win over forwarded content.
	{name: "ship/forward-overrides-own-label", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi, forwarding a customer's request. Ship to: 17 Example Lane, Brighton BN1 1AA

-------- Forwarded message --------
From: Mallory <m@evil.example>
Subject: broken
Serial Q21BI04567 died. Please send it to our lab at 66 Evil Street, London E1 6AN.`)},
	// HOLE (high): the sender's own ship-to sentence is overridden by a
	// "Please ship the replacement unit to:" block in forwarded text.
	{name: "ship/forward-block-overrides-own-sentence", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 died.
Please send it to our lab at 17 Example Lane, Brighton BN1 1AA.

Jane`+fwdMallory+`Please ship the replacement unit to:
66 Evil Street
London E1 6AN`)},
	// HOLE (high): a reply whose quoted desk message is not ">"-prefixed
	// (plain-text "On ... wrote:" followed by unindented text) gives the
	// desk's repair-centre address as ship-to (also its PO, phone, e-mail).
	{name: "ship/unprefixed-quote-on-wrote", field: "ship_to", want: "", raw: attackMail("", `Hi, still broken, serial Q21BI04567.

Jane

On Mon, Mar 9, 2026 at 10:00 AM Support <support@desk.example> wrote:
Dear Jane, we have logged this under our PO 4500088888.
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.
Contact: Desk Agent, +44 118 496 0000, agent@desk.example`)},
	{name: "po/unprefixed-quote-on-wrote", field: "po_number", want: "", raw: attackMail("", `Hi, still broken, serial Q21BI04567.

Jane

On Mon, Mar 9, 2026 at 10:00 AM Support <support@desk.example> wrote:
Dear Jane, we have logged this under our PO 4500088888.
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.
Contact: Desk Agent, +44 118 496 0000, agent@desk.example`)},
	// HOLE (high): same with a French attribution line ("... a écrit :"):
	// contact e-mail becomes the desk agent's.
	{name: "email/unprefixed-quote-french", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi, still broken, serial Q21BI04567.

Jane

Le lun. 9 mars 2026 à 10:00, Support <support@desk.example> a écrit :
Dear Jane, we have logged this under our PO 4500088888.
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.
Contact: Desk Agent, +44 118 496 0000, agent@desk.example`)},
	// Refused: Outlook plain-text quote headers (with and without the rule).
	{name: "ship/outlook-underscore-quote", field: "ship_to", want: "", raw: attackMail("", `Hi, still broken, serial Q21BI04567.

Jane

________________________________
From: Support <support@desk.example>
Sent: Monday, March 9, 2026 10:00 AM
To: Jane Doe <jane@customer.example>
Subject: RE: RMA-100042

Dear Jane, we have logged this under our PO 4500088888.
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.
Contact: Desk Agent, +44 118 496 0000, agent@desk.example`)},
	{name: "po/outlook-bare-header-quote", field: "po_number", want: "", raw: attackMail("", `Hi, still broken, serial Q21BI04567.

Jane

From: Support <support@desk.example>
Date: Monday, March 9, 2026
Subject: RE: RMA-100042

Dear Jane, we have logged this under our PO 4500088888.
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.`)},
	{name: "po/original-message-quote", field: "po_number", want: "", raw: attackMail("", `Hi, still broken, serial Q21BI04567.

Jane

-----Original Message-----
From: Support <support@desk.example>
Sent: Monday, March 9, 2026 10:00 AM
Subject: RE: RMA-100042

Dear Jane, we have logged this under our PO 4500088888, invoice number INV-DESK-9 of 2026-03-09.
Please ship the faulty unit to: 1 Desk Park, Reading RG1 1AA.`)},
	{name: "ship/prefixed-quote-block", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Jane

On Mon, 9 Mar 2026 Support <support@desk.example> wrote:
> Your PO 4500088888 has been logged.
> Please ship the faulty unit to:
> 1 Desk Park
> Reading RG1 1AA`)},
	// Refused: HTML quotes (Gmail, Outlook divRplyFwdMsg, blockquote cite).
	{name: "ship/html-gmail-quote", field: "ship_to", want: "", raw: attackHTML(`<html><body><div dir="ltr">Hi, still broken, serial Q21BI04567.<br>Jane</div><br>
<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Mar 9, 2026 at 10:00 AM Support &lt;support@desk.example&gt; wrote:<br></div>
<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">
Dear Jane, we have logged this under our PO 4500088888.<br>
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.<br>
Contact: Desk Agent, +44 118 496 0000, agent@desk.example</blockquote></div></body></html>`)},
	{name: "po/html-outlook-quote", field: "po_number", want: "", raw: attackHTML(`<html><body><div>Hi, still broken, serial Q21BI04567.<br>Jane</div>
<div id="appendonsend"></div><hr style="display:inline-block;width:98%">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Support &lt;support@desk.example&gt;<br><b>Sent:</b> Monday, March 9, 2026 10:00 AM<br><b>Subject:</b> RE: RMA-100042</font><div>&nbsp;</div></div>
<div>Dear Jane, we have logged this under our PO 4500088888.<br>
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.</div></body></html>`)},
	{name: "email/html-blockquote-cite", field: "email", want: "jane@customer.example", raw: attackHTML(`<html><body><div>Hi, still broken, serial Q21BI04567.<br>Jane</div>
<blockquote type="cite">Dear Jane, we have logged this under our PO 4500088888.<br>
Please send it to our repair centre at 1 Desk Park, Reading RG1 1AA.<br>
Contact: Desk Agent, +44 118 496 0000, agent@desk.example</blockquote></body></html>`)},
	// Refused: an HTML comment is not text.
	{name: "ship/html-comment", field: "ship_to", want: "", raw: attackHTML(`<html><body><p>Serial Q21BI04567 is dead.</p>
<!-- Please send it to our lab at 66 Evil Street, London E1 6AN. -->
<p>Jane</p></body></html>`)},

	// HOLE (medium): text in an HTML element the reader never sees
	// (display:none, hidden, visibility:hidden, font-size:0, white on white)
	// is read as fields; the agent approving the ticket cannot see it.
	// Hidden elements should be dropped.
	{name: "ship/html-display-none", field: "ship_to", want: "", raw: attackHTML(`<html><body><p>Serial Q21BI04567 is dead.</p>
<div style="display:none">Please send it to our lab at 66 Evil Street, London E1 6AN.</div>
<p>Jane</p></body></html>`)},
	{name: "ship/html-hidden-attr-block", field: "ship_to", want: "", raw: attackHTML(`<html><body><p>Serial Q21BI04567 is dead.</p>
<p hidden>Please ship the replacement unit to:<br>66 Evil Street<br>London E1 6AN</p>
<p>Jane</p></body></html>`)},
	{name: "po/html-font-size-0", field: "po_number", want: "", raw: attackHTML(`<html><body><p>Serial Q21BI04567 is dead.</p>
<span style="font-size:0">PO: 4500099999</span>
<p>Jane</p></body></html>`)},
	{name: "bill/html-display-none-important", field: "bill_to", want: "", raw: attackHTML(`<html><body><p>Serial Q21BI04567 is dead.</p>
<p style="DISPLAY: NONE !important">Bill to: 66 Evil Street, London E1 6AN</p>
<p>Jane</p></body></html>`)},
	{name: "phone/html-visibility-hidden", field: "phone", want: "", raw: attackHTML(`<html><body><p>Serial Q21BI04567 is dead.</p>
<p style="visibility:hidden">Contact: Mal, +44 20 7946 0999, mal@evil.example</p>
<p>Jane</p></body></html>`)},

	// ---------------- PO / invoice / date ----------------

	// Refused: PO/invoice inside a URL or an e-mail address.
	{name: "po/url-query", field: "po_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. See our order at https://shop.example/orders?po=4500077777&invoice=INV-55 for details.

Jane`)},
	{name: "invoice/url-path", field: "invoice_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Tracking: https://track.example/PO/4500077777/Invoice/INV-URL-1

Jane`)},
	{name: "po/email-local-part", field: "po_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Please cc po-4500077777@ap.customer.example.

Jane`)},

	// HOLE (high): a due date after the invoice number is read as the
	// invoice date (a later date makes an old unit look in warranty).
	// Should be "".
	{name: "date/due-date", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Invoice # INV-2024-118 (due 2026-04-30).

Jane`)},
	// HOLE (high): the failure date after the invoice number becomes the invoice date.
	{name: "date/failure-date", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Invoice No. INV-2024-118, the unit failed on 2026-03-01.

Jane`)},
	// HOLE (high): the date the customer is writing becomes the invoice date.
	{name: "date/writing-date", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Invoice number INV-2024-118 — I am writing on 2026-03-16.

Jane`)},
	// HOLE (high): a labelled delivery date on the next line becomes the invoice date.
	{name: "date/delivered-next-line", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Invoice INV-2024-118.
Delivered: 2026-02-01

Jane`)},
	// HOLE (low): a payment date after the invoice number becomes the invoice date.
	// (The purchase date the same line gives, 2023-01-05, is the invoice
	// date the desk may use; what it must not use is the payment's.)
	{name: "date/paid-on", field: "invoice_date", notContain: "2026-02-20", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Invoice INV-2024-118, paid on 2026-02-20, unit bought 2023-01-05.

Jane`)},
	// HOLE (medium): number and date of two different invoices are paired
	// (the cancelled INV-OLD-1 with the date of INV-NEW-2). Should be
	// INV-NEW-2 (checked here: the number must not be the cancelled one).
	{name: "invoice/cancelled-paired-with-new-date", field: "invoice_number", notContain: "INV-OLD-1", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Invoice INV-OLD-1 was cancelled and replaced by invoice INV-NEW-2 dated 2025-01-05.

Jane`)},
	// HOLE (medium): German: the cancelled ("storniert") invoice and its date
	// are taken, not the new one.
	{name: "invoice/german-storniert", field: "invoice_number", want: "RE-2025-01", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 ist defekt. Die Rechnung Nr. RE-2024-77 vom 12.03.2021 wurde storniert, die neue Rechnung Nr. RE-2025-01 vom 05.01.2025.

Jane`)},
	// HOLE (medium): French negation "Ce n'est pas le bon de commande n° X"
	// gives PO X. Should be "".
	{name: "po/french-negated", field: "po_number", want: "", raw: attackMail("", `Bonjour,

Le numéro de série Q21BI04567 est en panne. Ce n'est pas le bon de commande n° 4500099999, le vrai suit.

Jane`)},
	// HOLE (medium): another person's PO "for a different order" wins over
	// "ours is PO ...". Should be 4500012345.
	{name: "po/colleagues-po", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. My colleague's PO 4500099999 is for a different order; ours is PO 4500012345.

Jane`)},
	// HOLE (medium): a PO the desk's quote asked for, which the customer says
	// they do not have, is read as their PO. Should be "".
	{name: "po/quoted-requirement-we-have-none", field: "po_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Your quote said "PO 4500077777 required" but we don't have a PO.

Jane`)},

	// ---------------- phone / e-mail / contact ----------------

	// Refused: the desk's hotline and the desk's own addresses mentioned in passing.
	{name: "phone/desk-hotline", field: "phone", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Your hotline +1 800 555 0100 was busy all day.

Jane Doe`)},
	{name: "email/desk-addresses", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. I already wrote to support@desk.example and to your colleague bob@desk.example.

Jane Doe`)},

	// HOLE (high): the reseller's e-mail mentioned in passing becomes the
	// contact e-mail (the desk writes to a third party). Should stay the From address.
	{name: "email/reseller-in-passing", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. The reseller (Acme, +1 212 555 0199, sales@acme.example) told us to write to you.

Jane Doe
+1 408 555 0143`)},
	// HOLE (medium): "do not call our reception on X" gives phone X. Should be "".
	{name: "phone/do-not-call", field: "phone", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Please do not call our reception on +1 212 555 0199, they can't help.

Jane Doe`)},
	// HOLE (medium): a legal disclaimer's phone and e-mail under the
	// signature become the contact's. Should be "" / the From address.
	{name: "phone/disclaimer", field: "phone", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Jane Doe
Sent from my iPhone

This email and any attachments are confidential. If received in error call +44 20 7946 0000 or email legal@bigcorp.example.`)},
	{name: "email/disclaimer", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Jane Doe
Sent from my iPhone

This email and any attachments are confidential. If received in error call +44 20 7946 0000 or email legal@bigcorp.example.`)},
	// HOLE (low): a labelled fax number in the signature becomes the phone.
	{name: "phone/fax-in-signature", field: "phone", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Jane Doe
Order ref 4500012345
Fax: +1 408 555 0999`)},
	// HOLE (low): "Contact: not Bob (bob@..., +1 ...) — he left; ask for Jane."
	// gives Bob's e-mail and phone, and contact_name "ask for Jane.".
	{name: "email/contact-line-negated", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Contact: not Bob (bob@customer.example, +1 212 555 0199) — he left; ask for Jane.

Jane Doe`)},
}

func TestAttackProse(t *testing.T) {
	for _, a := range proseAttacks {
		t.Run(a.name, func(t *testing.T) {
			m, err := Parse([]byte(a.raw))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := fieldOf(m.Fields, a.field)
			if a.notContain != "" {
				if strings.Contains(got, a.notContain) {
					t.Errorf("%s = %q, must not contain %q", a.field, got, a.notContain)
				}
				return
			}
			if got != a.want {
				t.Errorf("%s = %q, want %q", a.field, got, a.want)
			}
		})
	}
}
