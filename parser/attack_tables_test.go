package parser

import (
	"fmt"
	"strings"
	"testing"
)

// Attacks on the readings added since e3116c6 (the two-row PO/invoice
// table, firmware in sentences, Apple Mail quoted forwards, bracketed
// labels, grouped serials, 'purchase order for the system was', 'invoice
// date' after a number, a bounce's From name) and on the performance
// rewrites that must behave like the regexps they replaced (negation,
// company forms, attributions, purchase-date events, the disclaimer
// pre-filter). Each case states the exact value the desk must act on
// ("" = nothing read, the desk asks). Cases listed in tableHoles fail
// today: they are skipped with the value read, and fail once refused.

// tableAttack is one mail and the value one field must have. field is a
// Fields name fieldOf knows, or a unit column over all units, joined with
// ",": "serials", "firmwares", "parts", "models".
type tableAttack struct {
	name     string
	raw      string
	field    string
	want     string
	dayFirst bool // parse with the policy locale day/month
}

// tableMail is a plain-text mail from the given From header.
func tableMail(from, subject, body string) string {
	return "From: " + from + "\r\n" +
		"To: support@desk.example\r\n" +
		"Subject: " + subject + "\r\n" +
		"Date: Mon, 16 Mar 2026 09:30:00 +0000\r\n" +
		"Message-ID: <table-attack@customer.example>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n")
}

// kernelLog is a pasted log of about 4 KB.
func kernelLog() string {
	var b strings.Builder
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, "2026-03-0%d 10:%02d:00 kernel: md1: Disk 3 I/O error, sector %d\n", i%9+1, i%60, 100000+i)
	}
	return b.String()
}

func unitColumn(units []Unit, field string) string {
	var vs []string
	for _, u := range units {
		switch field {
		case "serials":
			vs = append(vs, u.SerialNumber)
		case "firmwares":
			vs = append(vs, u.Firmware)
		case "parts":
			vs = append(vs, u.PartNumber)
		case "models":
			vs = append(vs, u.Model)
		}
	}
	return strings.Join(vs, ",")
}

// appleNestedDesk is an Apple Mail forward (quoted with '>') of a
// colleague's Outlook reply, under which the desk's own mail sits as
// history at the same quoting level.
const appleNestedDesk = `Hi,

please see below from our colleague.

Begin forwarded message:

> From: Tom Baker <tom@customer.example>
> Subject: RE: RMA-100042
> Date: 9 March 2026 at 11:00:00 GMT
> To: Jane Doe <jane@customer.example>
>
> Jane, can you answer them? The unit is still dead.
>
> From: RMA Desk <support@desk.example>
> Sent: Monday, March 9, 2026 10:00 AM
> To: Tom Baker <tom@customer.example>
> Subject: RMA-100042
>
> Dear customer, we will ship the replacement to our partner depot:
> Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA
> Invoice No.: INV-DESK-7781
> Invoice date: 2026-03-09

Jane`

var tableAttacks = []tableAttack{
	// ================= money: the two-row PO/invoice table =================

	// A statement of several orders: the first row is not this unit's.
	{name: "money/table-several-orders", field: "po_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 died. These are our orders with you this year:

PO Number	Invoice No.	Invoice Date
4500011111	INV-1001	2025-01-10
4500012345	INV-2002	2025-03-03

Jane`)},
	{name: "money/html-table-several-orders", field: "invoice_date", want: "", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead. Our orders with you:</p><table><tr><th>PO</th><th>Invoice</th><th>Invoice date</th></tr><tr><td>4500011111</td><td>INV-1001</td><td>2020-01-05</td></tr><tr><td>4500012345</td><td>INV-2002</td><td>2025-03-03</td></tr></table><p>Jane</p></body></html>`)},
	// The RMA form's example values copied back as a table.
	{name: "money/table-example-values", field: "po_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Your RMA form says to fill in these fields, for example:

PO Number	Invoice No.	Invoice Date
4500000000	INV-0000	2025-01-01

We will send ours when finance has them.

Jane`)},
	{name: "money/table-example-invoice-date", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Your RMA form says to fill in these fields, for example:

PO Number	Invoice No.	Invoice Date
4500000000	INV-0000	2025-01-01

We will send ours when finance has them.

Jane`)},
	// The void invoice's row: its number is refused, its date is taken
	// and paired with the valid invoice's number.
	{name: "money/table-void-row-date", field: "invoice_date", want: "2025-03-03", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Invoice	Invoice date
INV-1001 (void)	2020-01-05

Invoice: INV-2002 dated 2025-03-03

Jane`)},
	// Column headers qualified in brackets: the cancelled PO is read.
	{name: "money/table-cancelled-column", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

PO (cancelled)	PO (current)
4500099999	4500012345

Jane`)},
	// An amount column "Invoice (EUR)": the price becomes invoice "1".
	{name: "money/table-amount-column", field: "invoice_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

PO	Invoice (EUR)	Invoice date
4500012345	1,299.00	2025-03-03

Jane`)},
	{name: "money/table-to-follow", field: "invoice_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

PO	Invoice
(none yet)	to follow

Jane`)},
	// A markdown table: its rule row is read as the values ("---").
	{name: "money/table-markdown-rule", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 died.

| PO | Invoice | Invoice Date |
|---|---|---|
| 4500012345 | INV-2002 | 2025-03-03 |

Jane`)},
	{name: "money/table-old-new-po", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Old PO	New PO
4500011111	4500012345

Jane`)},
	// An HTML table of two columns becomes "PO: Invoice Date".
	{name: "money/html-two-column-table", field: "po_number", want: "4500012345", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead.</p><table><tr><th>Purchase Order</th><th>Invoice Date</th></tr><tr><td>4500012345</td><td>2025-03-03</td></tr></table><p>Jane</p></body></html>`)},
	// Real tables not read.
	{name: "money/table-date-column-missed", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

PO	Invoice	Date
4500012345	INV-2002	2025-03-03

Jane`)},
	{name: "money/table-double-tabs-missed", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

PO Number		Invoice No.		Invoice Date
4500012345		INV-2002		2025-03-03

Jane`)},
	{name: "money/unit-table-po-column-missed", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

the unit below is dead.

Serial	Model	PO	Invoice date
Q21BI04567	TS-873A	4500012345	2025-03-03

Jane`)},
	// controls
	{name: "money/table-hidden-html", field: "po_number", want: "", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead. PO follows.</p><table style="display:none"><tr><th>PO</th><th>Invoice</th></tr><tr><td>4500099999</td><td>INV-9999</td></tr></table><p>Jane</p></body></html>`)},
	{name: "money/table-quoted", field: "po_number", want: "", raw: attackMail("", `Hi, serial Q21BI04567 failed again, PO to follow.

On Mon, 9 Mar 2026 at 10:00, RMA Desk <support@desk.example> wrote:
> PO Number	Invoice No.
> 4500099999	INV-DESK-1`)},
	{name: "plain/table-tab", field: "invoice_date", want: "2025-03-03", raw: attackMail("", `Hi,

Serial Q21BI04567 died.

PO Number	Invoice No.	Invoice Date
4500012345	INV-2025-0042	2025-03-03

Jane`)},
	{name: "plain/table-pipe", field: "invoice_number", want: "INV-2025-0042", raw: attackMail("", `Hi,

Serial Q21BI04567 died.

PO | Invoice | Invoice Date
4500012345 | INV-2025-0042 | 2025-03-03

Jane`)},
	{name: "plain/html-table-3col", field: "po_number", want: "4500012345", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead.</p><table><tr><th>PO</th><th>Invoice</th><th>Invoice date</th></tr><tr><td>4500012345</td><td>INV-2002</td><td>2025-03-03</td></tr></table><p>Jane</p></body></html>`)},

	// ================= money: labels qualified in brackets =================

	{name: "money/label-po-cancelled-bracket", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
PO (cancelled): 4500099999
PO: 4500012345

Jane`)},
	{name: "money/label-invoice-void-bracket", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice (void): INV-1001
Invoice: INV-2002

Jane`)},
	{name: "money/label-invoice-pdf-attached", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice (PDF): attached
Invoice No.: INV-2002

Jane`)},
	{name: "money/label-invoice-amount-bracket", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice (EUR): 1,299.00
Invoice No.: INV-2002

Jane`)},
	{name: "money/label-po-example-bracket", field: "po_number", want: "", raw: attackMail("", `Hi,

The unit is dead, serial Q21BI04567. Finance will send the PO; your form shows:
PO (example): 4500000000

Jane`)},

	// ================= money: prose =================

	{name: "money/po-of-distributor-was", field: "po_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
The purchase order of our distributor was 4500099999, we paid them, not you.

Jane`)},
	{name: "money/order-number-of-replacement-was", field: "po_number", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
The order number of the replacement was 7781234 and it also failed.

Jane`)},
	{name: "money/invoice-date-of-cancelled", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice INV-1001, invoice date 2020-01-05, was cancelled and replaced by INV-2002.

Jane`)},
	// The policy reads 03/04/2025 day first: 3 April.
	{name: "money/invoice-date-word-dayfirst", field: "invoice_date", want: "2025-04-03", dayFirst: true, raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice: INV-2002, invoice date 03/04/2025

Jane`)},
	{name: "money/dated-dayfirst", field: "invoice_date", want: "2025-04-03", dayFirst: true, raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice INV-2002 dated 03/04/2025.

Jane`)},
	// Events glued by a dash or an ellipsis: the word scan misses them.
	{name: "money/delivered-em-dash", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. We bought it from your reseller—delivered on 2025-03-10—and it failed last week.

Jane`)},
	{name: "money/paid-ellipsis", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. We purchased it last year…paid on 2025-03-10.

Jane`)},
	{name: "plain/po-for-the-system-was", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

The NAS died, serial Q21BI04567.
The purchase order for the system was 4500012345.

Jane`)},
	{name: "plain/invoice-date-after-number", field: "invoice_date", want: "2025-03-03", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice INV-2002, invoice date 2025-03-03.

Jane`)},

	// ================= forwards quoted with '>' =================

	// The desk's own mail, history of the forwarded message, is read as
	// the sender's: its invoice, date and depot address.
	{name: "fwd/apple-nested-desk-invoice", field: "invoice_number", want: "", raw: attackMail("", appleNestedDesk)},
	{name: "fwd/apple-nested-desk-ship", field: "ship_to", want: "", raw: attackMail("", appleNestedDesk)},
	{name: "fwd/apple-nested-original-message", field: "po_number", want: "", raw: attackMail("", `Hi,

see below from our colleague.

Begin forwarded message:

> From: Tom Baker <tom@customer.example>
> Subject: RE: RMA-100042
> Date: 9 March 2026 at 11:00:00 GMT
> To: Jane Doe <jane@customer.example>
>
> Jane, the unit is still dead, please chase them.
>
> -----Original Message-----
> From: RMA Desk <support@desk.example>
> Sent: Monday, March 9, 2026 10:00 AM
> Subject: RMA-100042
>
> PO: 4500099999 (our internal repair order)
> Invoice date: 2019-01-05

Jane`)},
	{name: "fwd/apple-html-nested-desk", field: "invoice_date", want: "", raw: attackHTML(`<html><body><div>Serial Q21BI04567 still dead.</div><div>Begin forwarded message:</div><blockquote type="cite"><div><b>From: </b>Tom Baker &lt;tom@customer.example&gt;</div><div><b>Subject: </b>dead NAS</div><div><b>Date: </b>9 March 2026 at 11:00:00 GMT</div><div><b>To: </b>Jane Doe &lt;jane@customer.example&gt;</div><br><div>Jane, please handle.</div><div><br></div><div style="border-top:solid #E1E1E1 1.0pt"><b>From:</b> RMA Desk &lt;support@desk.example&gt;<br><b>Sent:</b> Monday, March 9, 2026 10:00 AM<br><b>To:</b> Tom Baker<br><b>Subject:</b> RMA-100042</div><div>Invoice No.: INV-DESK-7781<br>Invoice date: 2019-01-05<br>Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA</div></blockquote></body></html>`)},
	// A forward first, then inline answers to the desk's questions: the
	// desk's quoted lines after the attribution lose their '>' too.
	{name: "fwd/apple-then-inline-reply", field: "invoice_date", want: "", raw: attackMail("", `Hi,

my colleague Tom wrote this to me:

Begin forwarded message:

> From: Tom Baker <tom@customer.example>
> Subject: NAS dead
> Date: 9 March 2026 at 11:00:00 GMT
> To: Jane Doe <jane@customer.example>
>
> The NAS with serial Q21BI04567 is dead again.

And here are my answers to your questions:

On Mon, 9 Mar 2026 at 10:00, RMA Desk <support@desk.example> wrote:
> Is the unit still under warranty? Our records show invoice INV-DESK-7781 dated 2019-01-05.
No, we bought it in 2023, see the attached invoice.
> Where should we ship the replacement?
To our office, address below.

Jane`)},
	// The desk's own mail forwarded back: the desk would write to itself.
	{name: "fwd/apple-forward-of-desk-mail", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

see below, is this still right?

Begin forwarded message:

> From: RMA Desk <support@desk.example>
> Date: 9 March 2026 at 10:00:00 GMT
> Subject: RMA-100042
> To: Tom Baker <tom@customer.example>
>
> Dear customer,
> Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA
> Invoice No.: INV-DESK-7781

Jane`)},
	// controls
	{name: "fwd/reply-quoting-desk-forward", field: "po_number", want: "", raw: attackMail("", `Hi,

still broken, serial Q21BI04567.

On Mon, 9 Mar 2026 at 10:00, RMA Desk <support@desk.example> wrote:
> Begin forwarded message:
>
> > From: Logistics <log@desk.example>
> > PO: 4500099999
> > Ship to: RMA Depot, 1 Vendor Park, Reading RG1 1AA
>
> Please confirm.`)},
	{name: "plain/apple-forward-customer", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

please handle the request of our customer below.

Begin forwarded message:

> From: Tom Baker <tom@enduser.example>
> Subject: NAS dead
> Date: 9 March 2026 at 11:00:00 GMT
> To: Jane Doe <jane@customer.example>
>
> Our NAS with serial Q21BI04567 is dead.
> Ship to: 17 Example Lane, Brighton BN1 1AA

Jane`)},

	// ================= goods: ship-to =================

	// "—no, sorry" after the address: the word scan reads "4ap—no" as one word.
	{name: "ship/em-dash-no-sorry", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send the replacement to 5 Old Road, Leeds LS1 4AP—no, sorry, that office is closed; the new address follows.

Jane`)},
	{name: "ship/block-not-em-dash", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Ship to:
17 Example Lane
Brighton BN1 1AA
Not—5 Old Road, Leeds LS1 4AP

Jane`)},
	{name: "ship/label-bracket-not-our-office", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Ship to (not our office): 5 Old Road, Leeds LS1 4AP

Jane Doe`)},
	// A courier note (发件人/日期/收件人) is taken for a quoted header: the
	// rest of the mail, ship-to and PO, is cut.
	{name: "ship/cn-courier-note-cuts", field: "ship_to", want: "北京市朝阳区建国路88号 100022", raw: attackMail("", `您好，

序列号 Q21BI04567 的设备故障，我们已寄回故障设备：
发件人：李四
日期：2026-03-10
收件人：RMA 中心
运单号：SF1234567890

请将更换设备寄到：
收货地址：北京市朝阳区建国路88号 100022
采购订单号：4500012345

李四`)},

	// ================= contact =================

	{name: "contact/bracket-left-company", field: "contact_name", want: "Jane Doe", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Contact (left the company): Bob Smith, +44 20 7946 0111, bob@customer.example

Jane Doe`)},
	{name: "phone/bracket-fax", field: "phone", want: "+44 7700 900123", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Phone (fax): +44 20 7946 0999
Mobile: +44 7700 900123

Jane`)},
	// The stem "in error" is no longer a pre-filter hint.
	{name: "phone/disclaimer-in-error", field: "phone", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead, please call me.

Jane Doe
Acme Ltd

This email and any attachments are for the named addressee only. If you have received it in error, please call +44 20 7946 0999 and delete it.`)},
	// The notice sits more than 3 KB before the end (a long forward follows).
	{name: "phone/disclaimer-before-long-forward", field: "phone", want: "", raw: attackMail("", `Hi,

please see the request from our customer below, call me if needed.

Jane Doe
Acme Ltd

This email is confidential. If you are not the intended recipient, call +44 20 7946 0999 and delete it.

---------- Forwarded message ---------
From: Tom Baker <tom@enduser.example>
Date: Mon, 9 Mar 2026 at 10:00
Subject: NAS dead
To: Jane Doe <jane@customer.example>

Serial Q21BI04567 died, log below.

`+kernelLog()+`
Tom`)},
	// "Nordwind-Labs" is a company form only to the old regexp.
	{name: "contact/company-hyphen-labs", field: "contact_name", want: "Jane Doe", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Best regards,
Nordwind-Labs Support`)},
	{name: "contact/bounce-daemon-name", field: "contact_name", want: "", raw: tableMail("Mail Delivery System <MAILER-DAEMON@mx.customer.example>", "Undelivered Mail Returned to Sender", `This is the mail system at host mx.customer.example.

I am sorry to inform you that your message could not be delivered.

<jane@customer.example>: user unknown`)},

	// ================= units =================

	{name: "unit/firmware-should-we-update", field: "firmwares", want: "", raw: attackMail("", `Hi,

The NAS with serial Q21BI04567 keeps rebooting. Should we update the firmware to 5.2.1 first?

Jane`)},
	{name: "unit/firmware-told-to-update", field: "firmwares", want: "", raw: attackMail("", `Hi,

The NAS with serial Q21BI04567 keeps rebooting. Your support told us to update firmware to 5.2.1.2930 but we are still on the old one.

Jane`)},
	{name: "unit/firmware-windows-version", field: "firmwares", want: "", raw: attackMail("", `Hi,

The NAS with serial Q21BI04567 keeps rebooting. I tried it from my laptop (Windows version 10.0.19045) and the web UI does not load.

Jane`)},
	{name: "unit/firmware-avg-footer", field: "firmwares", want: "", raw: attackMail("", `Hi,

The NAS with serial Q21BI04567 keeps rebooting.
Checked by AVG - www.avg.com
Version: 2016.0.7294 / Virus Database: 4522/11734 - Release Date: 03/01/16`)},
	// Two bracketed firmware labels become two units and the serial is lost.
	{name: "unit/firmware-bracket-before-after", field: "serials", want: "Q21BI04567", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Firmware (before the update): 4.5.4.2012
Firmware (now): 5.2.0.2737

Jane Doe`)},
	{name: "unit/serial-bracket-psu", field: "serials", want: "Q21BI04567", raw: attackMail("", `Hi,

Serial number (power supply): PSU-7781234
Serial number: Q21BI04567
Model: TS-873A

Jane`)},
	{name: "unit/serials-space-list-joined", field: "serials", want: "10231,10232,10233", raw: attackMail("", `Hi,

three of our sensors failed.
Serial numbers: 10231 10232 10233
Model: TS-873A

Jane`)},
	{name: "unit/serial-caps-words-joined", field: "serials", want: "", raw: attackMail("", `Hi,

Serial: TBC BY 20 MAR
Model: TS-873A

Jane`)},
	{name: "unit/table-trailing-prose-row", field: "serials", want: "Q21BI04567,Q21BI04568", raw: attackMail("", `Hi,

Serial Number | Model | Firmware
Q21BI04567 | TS-873A | 5.1.0
Q21BI04568 | TS-873A | 5.1.0
Total 2 units | replaced twice

Jane`)},
	// A wrapped line ending in "wrote" (no colon) before an inline quote is
	// taken for an attribution and dropped with the serial on it.
	{name: "unit/attribution-wrote-no-colon", field: "serials", want: "Q21BI04567", raw: attackMail("", `Hi,

The NAS with serial Q21BI04567 died again, exactly as your technician wrote
> it may fail again if the PSU is not replaced
so please send us a new PSU.

Jane`)},
	{name: "plain/serial-bracket-label", field: "serials", want: "Q21BI04567", raw: attackMail("", `Hi,

Serial number (from the label): Q21BI04567
Model: TS-873A

Jane`)},
	{name: "plain/serial-groups", field: "serials", want: "QTFCQ2304001183", raw: attackMail("", `Hi,

S/N: QTFC Q230 4001 183

Jane`)},
	{name: "plain/firmware-prose-qts", field: "firmwares", want: "QTS 5.2.0.2737", raw: attackMail("", `Hi,

Our TS-873A with serial Q21BI04567 died after the update to firmware QTS 5.2.0.2737.

Jane`)},
}

// tableHoles are the attacks that succeed today.
var tableHoles = map[string]bool{
	"money/html-two-column-table":       true,
	"money/unit-table-po-column-missed": true,
	// disputed: parse.md makes the From display name the last resort for
	// contact_name, and the labelled bounces follow it
	"contact/bounce-daemon-name":      true,
	"unit/serials-space-list-joined":  true,
	"unit/attribution-wrote-no-colon": true,
}

func TestAttackTables(t *testing.T) {
	runTableAttacks(t, tableAttacks, tableHoles, "tableHoles")
}
