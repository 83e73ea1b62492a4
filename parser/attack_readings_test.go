package parser

import (
	"strings"
	"testing"
)

// Attacks on the readings and guards of the "prose attacks refused"
// commit (issue 13): the affirmative "please send ... to <address>"
// ship-to, the non-English "send to this address:" labels, hidden HTML,
// client attributions, disclaimers, fax lines, negated contacts, voided
// invoices, someone else's PO and the invoice/delivery date split.
//
// Each case states the value the desk must act on ("" = it must ask).
// Cases in readingHoles read a wrong value (or miss a plain request)
// today: they are skipped, with the value read, so the package stays
// green; the others are regression tests. A hole that is refused reports
// so by failing: take it out of readingHoles then.

// fwdCustomer is a reseller forwarding its customer's request.
const fwdCustomer = `

-------- Forwarded message --------
From: Customer <c@enduser.example>
Subject: broken NAS

Serial Q21BI04567 is dead.
Ship to: 17 Example Lane, Brighton BN1 1AA
`

var readingAttacks = []proseAttack{
	// ------------- ship-to: an address the goods must not go to -------------

	// An address for the invoice is no ship-to.
	{name: "ship/prose-invoice-to-accounts", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send the invoice to our accounts team at 9 Finance Way, London EC1A 1BB.

Jane`)},
	{name: "ship/label-en-send-invoices-to", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. Address for the replacement follows in a separate mail.
Send invoices to:
Accounts Payable
9 Finance Way
London EC1A 1BB

Jane`)},
	{name: "ship/label-de-rechnung-an-folgende-adresse", field: "ship_to", want: "", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 defekt.
Die Rechnung bitte an folgende Adresse senden:
Buchhaltung
Finanzweg 9
80331 München

Gruß
Hans`)},
	{name: "ship/label-fr-facture-adresse-suivante", field: "ship_to", want: "", raw: attackMail("", `Bonjour,

Numéro de série Q21BI04567 en panne.
Merci d'envoyer la facture à l'adresse suivante :
Service comptabilité
9 rue des Finances
75008 Paris

Cordialement,
Jeanne`)},
	{name: "ship/label-es-factura-esta-direccion", field: "ship_to", want: "", raw: attackMail("", `Hola,

Número de serie Q21BI04567 averiado.
Enviar la factura a esta dirección:
Contabilidad
Calle Finanzas 9
28013 Madrid

Saludos,
Juan`)},
	{name: "ship/label-it-fattura-seguente-indirizzo", field: "ship_to", want: "", raw: attackMail("", `Buongiorno,

Numero di serie Q21BI04567 guasto.
Inviare la fattura al seguente indirizzo:
Amministrazione
Via Finanza 9
20121 Milano

Cordiali saluti,
Giulia`)},
	// "stop / cancel / used to" say the opposite of a request, without a
	// word the negation list knows.
	{name: "ship/label-please-stop-shipping-to", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please stop shipping to:
5 Old Road
Leeds LS1 4AP

We moved, the new address will follow.
Jane`)},
	{name: "ship/label-cancel-shipment-to", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please cancel the shipment to:
5 Old Road
Leeds LS1 4AP

Jane`)},
	{name: "ship/label-old-address-we-used-to-ship-to", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please delete the old address we used to ship to:
5 Old Road
Leeds LS1 4AP

Jane`)},
	{name: "ship/label-records-send-to-this-address", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Your records still send everything to this address:
5 Old Road
Leeds LS1 4AP

We have moved, the new address will follow.
Jane`)},
	{name: "ship/label-fr-ne-plus-envoyer", field: "ship_to", want: "", raw: attackMail("", `Bonjour,

Numéro de série Q21BI04567 en panne.
Merci de ne plus envoyer à l'adresse suivante :
5 rue Ancienne
69001 Lyon

Nous avons déménagé, la nouvelle adresse suivra.
Jeanne`)},
	{name: "ship/label-es-dejen-de-enviar", field: "ship_to", want: "", raw: attackMail("", `Hola,

Número de serie Q21BI04567 averiado.
Dejen de enviar a esta dirección:
Calle Vieja 5
28013 Madrid

Nos hemos mudado.
Juan`)},
	{name: "ship/label-it-smettete-di-spedire", field: "ship_to", want: "", raw: attackMail("", `Buongiorno,

Numero di serie Q21BI04567 guasto.
Smettete di spedire a questo indirizzo:
Via Vecchia 5
20121 Milano

Ci siamo trasferiti.
Giulia`)},
	{name: "ship/prose-send-nothing-further", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send nothing further to 5 Old Road, Leeds LS1 4AP; we have moved.

Jane`)},
	// A request reported, quoted back or asked about is not the sender's.
	{name: "ship/prose-old-form-said", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
The old form said: please ship to 5 Old Road, Leeds LS1 4AP. We have moved, the new address follows in a separate mail.

Jane`)},
	{name: "ship/prose-desk-confirmation-ship-to", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Your confirmation says ship to: RMA Centre, 1 Vendor Park, Reading RG1 1AA - do I need to include the PSU?

Jane`)},
	{name: "ship/prose-your-email-said-desk-address", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Your email said please send the defective unit to RMA Centre, 1 Vendor Park, Reading RG1 1AA. Done, tracking 1Z999AA10123456784.

Jane`)},
	{name: "ship/prose-rma-form-still-shows-old", field: "ship_to", want: "", raw: attackMail("", `Hi,

We moved. The RMA form still shows ship to: 5 Old Road, Leeds LS1 4AP, which is wrong; our new address is in my signature.

Serial Q21BI04567.

Jane`)},
	{name: "ship/prose-question-why-portal", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Why does your portal say please send it to 5 Old Road, Leeds LS1 4AP? We moved in 2024, the new address will follow.

Jane`)},
	{name: "ship/prose-would-have-said", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
I would have said 'please ship it to 5 Old Road, Leeds LS1 4AP' but we moved.

Jane`)},
	// The first "to" of the sentence is the end customer's, not the ship-to.
	{name: "ship/prose-sold-to-end-customer", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please ship the replacement for the unit we sold to Acme Ltd at 9 Other Way, Hove BN3 2AA directly to our warehouse at 17 Example Lane, Brighton BN1 1AA.

Jane`)},
	// Not an address at all.
	{name: "ship/prose-arrive-on-date", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please ship the replacement to arrive on 20 March, 2026.

Jane`)},
	{name: "ship/prose-tracking-to-mobile", field: "ship_to", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send the tracking number to my mobile, 07700 900123.

Jane`)},
	// The old labelled ship-to comes first and wins.
	{name: "ship/label-old-then-new", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Ship to (old): 5 Old Road, Leeds LS1 4AP
Ship to (new): 17 Example Lane, Brighton BN1 1AA

Jane`)},
	// The reseller's own "send the invoice to" sentence beats the
	// forwarded customer's labelled ship-to.
	{name: "ship/fwd-own-invoice-sentence-beats-forwarded-label", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Please send the invoice to our office at 9 Finance Way, London EC1A 1BB.`+fwdCustomer)},
	// A client attribution with a short date and no address (Thunderbird's
	// "On 3/9/26 10:00 AM, Name wrote:") is not seen as one: the desk's own
	// instructions, quoted without '>', become the ship-to.
	{name: "ship/quote-short-date-attribution", field: "ship_to", want: "", raw: attackMail("", `Still broken, serial Q21BI04567.

On 3/9/26 10:00 AM, RMA Desk wrote:
Please ship the defective unit to:
RMA Centre
1 Vendor Park
Reading RG1 1AA`)},

	// ------------- hidden HTML that is still read -------------

	{name: "html/class-display-none", field: "ship_to", want: "", raw: attackHTML(`<html><head><style>.pre{display:none}</style></head><body><p>Hi, serial Q21BI04567 is dead, address follows in the next mail.</p><div class="pre">Ship to: 66 Evil Street, London E1 6AN</div><p>Jane</p></body></html>`)},
	{name: "html/offscreen", field: "ship_to", want: "", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead, address follows in the next mail.</p><div style="position:absolute;left:-9999px">Ship to: 66 Evil Street, London E1 6AN</div><p>Jane</p></body></html>`)},
	{name: "html/self-closing-hidden-div", field: "ship_to", want: "", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead, address follows in the next mail.</p><div style="display:none"/>Ship to: 66 Evil Street, London E1 6AN</div><p>Jane</p></body></html>`)},
	{name: "html/tiny-white-font-po", field: "po_number", want: "", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead, PO follows.</p><div style="font-size:1px;line-height:1px;color:#ffffff">PO: 4500099999</div><p>Jane</p></body></html>`)},
	// control: Apple Mail's quoted history
	{name: "html/apple-blockquote-history", field: "ship_to", want: "", raw: attackHTML(`<html><body><div>Still broken, serial Q21BI04567.</div><div><br><blockquote type="cite">On Mar 9, 2026, at 10:00, RMA Desk &lt;support@desk.example&gt; wrote:<br><br>Please ship the defective unit to: RMA Centre, 1 Vendor Park, Reading RG1 1AA</blockquote></div></body></html>`)},

	// ------------- invoice number and date -------------

	// The void word comes before the number, past a comma, or is one the
	// list lacks ("void", "no longer valid", "replaced with").
	{name: "inv/cancelled-before-number", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please ignore the cancelled invoice INV-1001 of 5 Jan 2020; the current one is INV-2002 of 3 Mar 2025.

Jane`)},
	{name: "inv/cancelled-before-date", field: "invoice_date", want: "2025-03-03", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please ignore the cancelled invoice INV-1001 of 5 Jan 2020; the current one is INV-2002 of 3 Mar 2025.

Jane`)},
	{name: "inv/which-was-cancelled", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice INV-1001, which was cancelled, was replaced by INV-2002 dated 2025-03-03.

Jane`)},
	{name: "inv/is-void", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice INV-1001 is void, please use invoice INV-2002 dated 2025-03-03.

Jane`)},
	{name: "inv/no-longer-valid-date", field: "invoice_date", want: "2025-03-03", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice INV-1001 dated 2020-01-05 is no longer valid, the valid one is invoice INV-2002 dated 2025-03-03.

Jane`)},
	{name: "inv/label-void-paren", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice: INV-1001 (void)
Invoice: INV-2002

Jane`)},
	{name: "inv/credited-replaced-with", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice INV-1001 was credited and replaced with invoice INV-2002 dated 2025-03-03.

Jane`)},
	// "2025/0412" is read as invoice "2025".
	{name: "inv/es-slash-number", field: "invoice_number", want: "2025/0412", raw: attackMail("", `Hola,

Número de serie Q21BI04567 averiado.
La factura 2025/0412 del 3 de marzo de 2025 está adjunta.

Juan`)},
	// control: a "Previous invoice:" label is no invoice label
	{name: "inv/previous-invoice-label", field: "invoice_number", want: "INV-2002", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Previous invoice: INV-1001
Invoice: INV-2002

Jane`)},
	// The first date after "purchased/bought/ordered/dated" on the first
	// line with such a word: a payment, delivery, a spare's order, a
	// reminder.
	{name: "date/paid-date", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
We purchased it via invoice INV-118, which we only paid on 20 February 2026.

Jane`)},
	{name: "date/ordered-spare-first-line", field: "invoice_date", want: "2023-01-05", raw: attackMail("", `Hi,

I ordered a spare PSU on 2 March 2026 from your shop, but that is not the issue.
Serial Q21BI04567 is dead. We bought the NAS on 5 January 2023.

Jane`)},
	{name: "date/bought-then-delivered", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead. We bought it from your reseller and it was delivered on 2025-03-10.

Jane`)},
	{name: "date/de-gekauft-geliefert", field: "invoice_date", want: "", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 defekt. Wir haben das Gerät 2023 gekauft, geliefert wurde es am 14.03.2025.

Gruß
Hans`)},
	{name: "date/reminder-dated", field: "invoice_date", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Your invoice reminder dated 2026-03-01 is wrong, we paid long ago.

Jane`)},

	// ------------- PO number -------------

	{name: "po/sister-company", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
PO 4500099999 belongs to our sister company; ours is PO 4500012345.

Jane`)},
	{name: "po/distributors", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Our distributor's PO 4500099999 covered the first shipment; our own PO is 4500012345.

Jane`)},
	{name: "po/end-customers", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
The end customer's PO 4500099999 is on the box; please bill our PO 4500012345.

Jane`)},
	// controls
	{name: "po/old-new-labels", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Old PO: 4500011111
New PO: 4500012345

Jane`)},
	{name: "po/label-wrong-one", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
PO (wrong one, ignore): 4500099999
PO: 4500012345

Jane`)},

	// ------------- contact -------------

	{name: "phone/ja-fullwidth-fax", field: "phone", want: "", raw: attackMail("", `お世話になっております。

シリアル番号 Q21BI04567 が故障しました。

よろしくお願いいたします。
山田太郎
ＦＡＸ：03-1234-5679`)},
	{name: "phone/colleague-off-sick", field: "phone", want: "07700 900123", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Bob (07700 900111) is off sick, please call me instead on 07700 900123.

Jane`)},
	{name: "phone/reseller-number", field: "phone", want: "", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Our reseller's number is +44 20 7946 0000, call them if you need the invoice.

Jane`)},
	{name: "email/email-invoice-to-ap", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please email the invoice to ap@customer.example.

Jane`)},
	{name: "email/contact-on-leave", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Contact: Bob Smith (bob@customer.example), on parental leave until June, please use me meanwhile.

Jane Doe`)},
	{name: "contact/contact-on-leave-name", field: "contact_name", want: "Jane Doe", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Contact: Bob Smith (bob@customer.example), on parental leave until June, please use me meanwhile.

Jane Doe`)},
	// controls
	{name: "phone/contact-named-mai", field: "phone", want: "+44 7700 900123", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Contact: Mai Tran, +44 7700 900123

Mai`)},
	{name: "email/disclaimer-without-blank-line", field: "email", want: "jane@customer.example", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Jane Doe
Sent from my iPhone
This email and any attachments are confidential. If received in error call +44 20 7946 0000 or email legal@bigcorp.example.`)},

	// ------------- controls: refused as they should be -------------

	{name: "ship/label-zh-old-address", field: "ship_to", want: "", raw: attackMail("", `您好，

序列号 Q21BI04567 坏了。
旧地址：上海市黄浦区老路5号
新地址稍后发送。

谢谢`)},
	{name: "ship/label-zh-do-not-send", field: "ship_to", want: "", raw: attackMail("", `您好，

序列号 Q21BI04567 坏了。
请不要寄到以下地址：上海市黄浦区老路5号

谢谢`)},
	{name: "ship/label-ja-old-delivery", field: "ship_to", want: "", raw: attackMail("", `お世話になっております。

シリアル番号 Q21BI04567 が故障しました。
旧お届け先：東京都新宿区西新宿1-1-1
新しいお届け先は後ほどお送りします。

よろしくお願いいたします。`)},
	{name: "ship/label-de-alte-lieferanschrift", field: "ship_to", want: "", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 defekt.
Alte Lieferanschrift: Altstraße 5, 80331 München
Die neue Adresse folgt.

Gruß`)},
	{name: "quote/zh-outlook-header", field: "ship_to", want: "", raw: attackMail("", `您好，序列号 Q21BI04567 还是坏的。

发件人: RMA Desk <support@desk.example>
发送时间: 2026年3月9日 10:00
收件人: Jane Doe <jane@customer.example>
主题: RMA-100042

请将故障设备寄到：
北京市朝阳区建国路88号`)},
	{name: "quote/fr-outlook-header", field: "ship_to", want: "", raw: attackMail("", `Toujours en panne, numéro de série Q21BI04567.

De : RMA Desk <support@desk.example>
Envoyé : lundi 9 mars 2026 10:00
À : Jane Doe <jane@customer.example>
Objet : RMA-100042

Please ship the defective unit to:
RMA Centre
1 Vendor Park
Reading RG1 1AA`)},
	{name: "quote/de-gmail-without-gt", field: "ship_to", want: "", raw: attackMail("", `Immer noch defekt, Seriennummer Q21BI04567.

Am Mo., 9. März 2026 um 10:00 Uhr schrieb RMA Desk <support@desk.example>:
Please ship the defective unit to:
RMA Centre
1 Vendor Park
Reading RG1 1AA`)},

	// ===================================================================
	// Plain requests the new guards miss or mangle.
	// ===================================================================

	{name: "plain/ship-to-us-at", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send the replacement to us at 17 Example Lane, Brighton BN1 1AA.

Jane`)},
	{name: "plain/ship-our-new-address-comma", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send it to our new address, 17 Example Lane, Brighton BN1 1AA.

Jane`)},
	{name: "plain/ship-and-let-me-know", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send it to 17 Example Lane, Brighton BN1 1AA and let me know the tracking number.

Jane`)},
	{name: "plain/ship-by-dhl", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please ship the replacement to 17 Example Lane, Brighton BN1 1AA by DHL Express.

Jane`)},
	{name: "plain/ship-goods-in-paren", field: "ship_to", want: "Acme Ltd (Goods In), 17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send it to Acme Ltd (Goods In), 17 Example Lane, Brighton BN1 1AA.

Jane`)},
	// "No." (number) is read as a negation.
	{name: "plain/ship-no-88-prose", field: "ship_to", want: "No. 88 Jianguo Road, Chaoyang District, Beijing 100022", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send it to No. 88 Jianguo Road, Chaoyang District, Beijing 100022.

Li Wei`)},
	{name: "plain/ship-no-88-block", field: "ship_to", want: "Acme China Ltd, No. 88 Jianguo Road, Chaoyang District, Beijing 100022", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Ship to:
Acme China Ltd
No. 88 Jianguo Road
Chaoyang District
Beijing 100022

Li Wei`)},
	// "Mai" (a name) is read as Italian "never".
	{name: "plain/ship-attn-mai-block", field: "ship_to", want: "Acme Ltd, Attn: Mai Tran, 17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Ship to:
Acme Ltd
Attn: Mai Tran
17 Example Lane
Brighton BN1 1AA

Jane`)},
	{name: "plain/bill-same-as-prose-ship", field: "bill_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send it to 17 Example Lane, Brighton BN1 1AA.
Bill to: same as ship-to

Jane`)},
	{name: "plain/ship-could-you-please", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Could you please ship the replacement to:
17 Example Lane
Brighton BN1 1AA

Jane`)},
	{name: "plain/ship-de-folgende-anschrift", field: "ship_to", want: "Musterstraße 5, 80331 München", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 defekt.
Bitte schicken Sie das Austauschgerät an folgende Anschrift:
Musterstraße 5
80331 München

Gruß
Hans`)},
	{name: "plain/ship-es-por-favor-comma", field: "ship_to", want: "Calle Mayor 5, 28013 Madrid", raw: attackMail("", `Hola,

Número de serie Q21BI04567 averiado.
Por favor, envíen el repuesto a la siguiente dirección:
Calle Mayor 5
28013 Madrid

Saludos,
Juan`)},
	// controls
	{name: "plain/ship-de-diese-adresse", field: "ship_to", want: "Musterstraße 5, 80331 München", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 defekt.
Bitte das Austauschgerät an diese Adresse schicken:
Musterstraße 5
80331 München

Gruß
Hans`)},
	{name: "plain/ship-to-our-office-colon", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Please send the replacement to our office:
17 Example Lane
Brighton BN1 1AA

Jane`)},
	// A fault paragraph that speaks of confidential data and an array "in
	// error" is dropped as a legal notice, with its fields.
	{name: "plain/disclaimer-raid-in-error-confidential", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

The RAID volume is in error since Monday and the data on it is confidential.
Serial Q21BI04567. PO 4500012345.
Ship to: 17 Example Lane, Brighton BN1 1AA

Thanks,
Jane`)},
	// "Ce courriel ..." / "Este correo electrónico ..." open ordinary
	// paragraphs; the company footer makes the scan run.
	{name: "plain/disclaimer-fr-ce-courriel", field: "po_number", want: "BC-2025-0451", raw: attackMail("", `Bonjour,

Ce courriel fait suite à notre appel. Numéro de série Q21BI04567.
Merci d'envoyer le remplacement à l'adresse suivante :
12 rue de la Paix
75002 Paris
Bon de commande : BC-2025-0451

Cordialement,
Jeanne Dupont

Ce message et ses pièces jointes sont confidentiels et destinés exclusivement à leurs destinataires.`)},
	{name: "plain/disclaimer-es-este-correo", field: "po_number", want: "4500012345", raw: attackMail("", `Hola,

Este correo electrónico es para solicitar un RMA. Número de serie Q21BI04567.
Orden de compra: 4500012345

Saludos,
Juan

Este mensaje y sus anexos son confidenciales y están dirigidos exclusivamente a su destinatario.`)},
	// A customer's "On <date> at <time> the NAS wrote:" cuts the mail.
	{name: "plain/quote-nas-wrote", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: attackMail("", `Hi,

Our NAS sent this last night:

On 15 March 2026 at 03:14 the NAS wrote:
[Storage] Disk 3 failed on NAS-01.

Serial: Q21BI04567
PO: 4500012345
Ship to: 17 Example Lane, Brighton BN1 1AA

Jane`)},
	// The font-size:0 whitespace trick of HTML templates (the children
	// set their own size) hides nothing.
	{name: "plain/html-font-size-0-wrapper", field: "po_number", want: "4500012345", raw: attackHTML(`<html><body><table><tr><td style="font-size:0;line-height:0"><div style="display:inline-block;font-size:14px;line-height:20px">Serial: Q21BI04567<br>PO: 4500012345<br>Ship to: 17 Example Lane, Brighton BN1 1AA</div></td></tr></table><p>Jane</p></body></html>`)},
	// An <li> (like <td>, <p>) ends at the next one without an end tag.
	{name: "plain/html-li-unclosed-hidden", field: "po_number", want: "4500012345", raw: attackHTML(`<html><body><p>Hi, serial Q21BI04567 is dead.</p><ul><li style="display:none">spacer<li>PO: 4500012345</ul><p>Jane</p></body></html>`)},
	{name: "plain/inv-label-partially-cancelled-order", field: "invoice_number", want: "INV-4471", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Invoice: INV-4471 dated 2025-03-03 (the order was partially cancelled, 2 of 3 units delivered)

Jane`)},
	{name: "plain/inv-it-fattura-n", field: "invoice_number", want: "2025/0412", raw: attackMail("", `Buongiorno,

Numero di serie Q21BI04567 guasto.
Vi allego la fattura n. 2025/0412 del 3 marzo 2025.

Giulia`)},
	{name: "plain/po-required-on-invoice", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Our purchase order 4500012345 is required on your invoice.

Jane`)},
	{name: "plain/po-together-with-other-disk", field: "po_number", want: "4500012345", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead, together with the other disk it came under PO 4500012345.

Jane`)},
	// Polite formulas with a negation word are no "do not call".
	{name: "plain/phone-dont-hesitate", field: "phone", want: "+44 7700 900123", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Don't hesitate to call me on +44 7700 900123 if you need anything.

Jane`)},
	{name: "plain/phone-fr-nhesitez-pas", field: "phone", want: "06 12 34 56 78", raw: attackMail("", `Bonjour,

Numéro de série Q21BI04567 en panne.
N'hésitez pas à m'appeler au 06 12 34 56 78.

Cordialement,
Jeanne`)},
	// A line that is both phone and fax, or a place named "...fax".
	{name: "plain/phone-de-tel-und-fax", field: "phone", want: "+49 30 1234567", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 defekt.

Mit freundlichen Grüßen
Hans Müller
Tel. & Fax: +49 30 1234567`)},
	{name: "plain/phone-de-telefon-telefax", field: "phone", want: "+49 30 1234567", raw: attackMail("", `Hallo,

Seriennummer Q21BI04567 defekt.

Mit freundlichen Grüßen
Hans Müller
Telefon/Telefax: +49 30 1234567`)},
	{name: "plain/phone-ja-tel-fax-nakaguro", field: "phone", want: "03-1234-5678", raw: attackMail("", `お世話になっております。

シリアル番号 Q21BI04567 が故障しました。

よろしくお願いいたします。
山田太郎
TEL・FAX：03-1234-5678`)},
	{name: "plain/phone-fairfax-office", field: "phone", want: "+1 703 555 0143", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.
Our Fairfax office number is +1 703 555 0143, call any time.

Jane`)},
	{name: "plain/phone-halifax-signature", field: "phone", want: "+44 1422 555014", raw: attackMail("", `Hi,

Serial Q21BI04567 is dead.

Regards,
Jane Doe
Acme Ltd · Halifax · +44 1422 555014`)},
}

// readingHoles are the attacks not refused yet (wrong value read, or a
// plain request missed).
var readingHoles = map[string]bool{
	// No wrong value is read any more: this is a miss, where the desk
	// reads nothing and asks. The warehouse is named without a word the
	// readings trust ("directly to our warehouse at" after the end
	// customer's address).
	"ship/prose-sold-to-end-customer": true,
}

func TestAttackReadings(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range readingAttacks {
		if seen[a.name] {
			t.Fatalf("duplicate case %s", a.name)
		}
		seen[a.name] = true
		t.Run(a.name, func(t *testing.T) {
			m, err := Parse([]byte(a.raw))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := fieldOf(m.Fields, a.field)
			ok := got == a.want
			if a.notContain != "" {
				ok = !strings.Contains(got, a.notContain)
			}
			if readingHoles[a.name] {
				if ok {
					t.Fatalf("hole now refused (%s = %q): remove it from readingHoles", a.field, got)
				}
				t.Skipf("known hole: %s = %q, want %q", a.field, got, a.want)
			}
			if !ok {
				t.Errorf("%s = %q, want %q", a.field, got, a.want)
			}
		})
	}
	for name := range readingHoles {
		if !seen[name] {
			t.Errorf("readingHoles names no case: %s", name)
		}
	}
}
