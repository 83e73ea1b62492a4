package parser

import "testing"

// Attacks on the readings widened in 31b09c6 and the commits before it:
// bare imperative ship-to sentences ("ship to our shop 2210 ...", "pls
// send it to 12 ..."), shipping requests as labels of an address block
// (German "an:", "Return ... to:", "yes,/ok,", "instead of / rather
// than / not", wrapped over two lines), wrapped shipping sentences, the
// new address labels (any label starting "Lieferadresse", "Dirección de
// envío", "Adresse de livraison", "Indirizzo di spedizione"; Japanese
// ...送付先; one label for ship-to and bill-to), address lines ending in
// an abbreviation or starting "The", the money readings (a vendor word
// between "Fattura" and "n.", reseller invoices, "12-mar-2025", wrapped
// and foreign purchase dates, "GMS-PO-7781"), the unit readings (chassis
// serials, the first model named, firmware anywhere, "(as shipped)"),
// contacts (pipe signatures, "Dept IT, Company", "Office") and severity
// read from the description. Written without reading the parser: each
// case is a mail and the exact value the desk must act on ("" = nothing
// read, the desk asks). Cases listed in widenedHoles fail today: they
// are skipped with the value read, and fail once refused.

const widenedFrom = "Jane Doe <jane@customer.example>"

// wMail is a plain-text mail from Jane with the default RMA subject.
func wMail(body string) string {
	return tableMail(widenedFrom, "Replacement request RMA-100042", body)
}

// wBlock is a mail whose shipping request is its own paragraph, the
// address block right under it.
func wBlock(label, block string) string {
	return wMail("Hello,\n\nSerial Q21BI04567 is dead.\n\n" + label + "\n" + block + "\n\nJane")
}

const (
	oldOffice    = "Acme Office\n5 Old Road\nLeeds LS1 4AP"
	oldOfficeOut = "Acme Office, 5 Old Road, Leeds LS1 4AP"
	warehouse    = "Acme Warehouse\n17 Example Lane\nBrighton BN1 1AA"
	warehouseOut = "Acme Warehouse, 17 Example Lane, Brighton BN1 1AA"
)

var widenedAttacks = []tableAttack{
	// ================= ship: bare imperative sentences =================

	{name: "ship/bare-imperative-legit", field: "ship_to", want: "2210 W Main St, Bismarck ND 58501", raw: wMail(`Hi,

Serial Q21BI04567 is dead. ship to our shop 2210 W Main St, Bismarck ND 58501

Jane`)},
	{name: "ship/pls-send-it-legit", field: "ship_to", want: "12 Harbour Road, Leith EH6 6LX", raw: wMail(`Hi,

Serial Q21BI04567 is dead. pls send it to 12 Harbour Road, Leith EH6 6LX thanks

Jane`)},
	{name: "ship/pls-dont-send", field: "ship_to", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. pls don't send it to 12 Harbour Road, Leith EH6 6LX, we moved.

Jane`)},
	{name: "ship/spam-plz-send-order", field: "ship_to", want: "", raw: tableMail("Deals <deals@promo.example>", "Great deals", `Dear valued partner,

plz send your order to 99 Promo Street, Springfield IL 62701 to get 50% off all drives this month!

Unsubscribe`)},
	// HOLE (high): the customer corrects himself; the address he took
	// back is read, the corrected one dropped.
	{name: "ship/imperative-corrected", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: wMail(`Hi,

Serial Q21BI04567 is dead. pls ship to 5 Old Road, Leeds LS1 4AP - sorry, wrong one, ship to 17 Example Lane, Brighton BN1 1AA

Jane`)},
	// HOLE (medium): the bill-to clause is read into the ship-to.
	{name: "ship/imperative-and-bill-to", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: wMail(`Hi,

Serial Q21BI04567 is dead. ship to 17 Example Lane, Brighton BN1 1AA and bill to 12 Finance Road, Leeds LS1 4AP

Jane`)},
	// HOLE (medium): a conditional request ("only after we confirm the
	// PO, not now") is read, condition and all.
	{name: "ship/imperative-only-after-po", field: "ship_to", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. plz ship to 12 Harbour Road, Leith EH6 6LX only after we confirm the PO, not now.

Jane`)},

	// ================= ship: a request as the label of a block =================

	{name: "ship/de-an-legit", field: "ship_to", want: "Muster GmbH, Hauptstraße 5, 10115 Berlin", raw: tableMail(widenedFrom, "RMA Anfrage", `Hallo,

Seriennummer Q21BI04567 ist defekt.

Bitte schicken Sie das Ersatzgerät an:
Muster GmbH
Hauptstraße 5
10115 Berlin

Jana`)},
	// HOLE (high): "keinesfalls" (under no circumstances) is not read as
	// a negation: the address the customer forbids is the ship-to.
	{name: "ship/de-an-keinesfalls", field: "ship_to", want: "", raw: wBlock("Bitte senden Sie das Ersatzgerät keinesfalls an:", oldOffice)},
	{name: "ship/de-rechnung-an", field: "ship_to", want: "", raw: wBlock("Bitte schicken Sie die Rechnung an:", oldOffice)},
	{name: "ship/return-repaired-legit", field: "ship_to", want: warehouseOut, raw: wBlock("Return the repaired unit to:", warehouse)},
	// HOLE (medium): the desk's own return instruction pasted back by
	// the customer: the vendor's depot for the defective unit becomes
	// the replacement's ship-to.
	{name: "ship/return-defective-pasted", field: "ship_to", want: "", raw: wBlock("Please return the defective unit within 5 business days to:", "RMA Depot\n1 Vendor Park\nReading RG1 1AA")},
	// HOLE (high): "rather than to:" labels the address NOT to use.
	{name: "ship/rather-than-to", field: "ship_to", want: "", raw: wBlock("Please ship the replacement to our warehouse rather than to:", oldOffice)},
	// HOLE (high): "instead of:" labels the address NOT to use.
	{name: "ship/instead-of-colon", field: "ship_to", want: "", raw: wBlock("Please ship the replacement to our warehouse instead of:", oldOffice)},
	// HOLE (high): a wrapped "yes, ... not to the old / address:" reads
	// the old address as the ship-to.
	{name: "ship/wrapped-not-to-old-address", field: "ship_to", want: "", raw: wMail(`Hello,

yes, please ship the advance replacement to our Hamburg warehouse, not to the old
address:

Acme Office
5 Old Road
Leeds LS1 4AP

I will send the form separately.

Jane`)},
	{name: "ship/wrapped-yes-instead-legit", field: "ship_to", want: "Elbkontor Logistik GmbH, Lager Billbrook, Liebigstraße 61, 22113 Hamburg", raw: wMail(`Hello,

yes, please ship the advance replacement to our Hamburg warehouse instead of
the office:

Elbkontor Logistik GmbH
Lager Billbrook
Liebigstraße 61
22113 Hamburg

I will send the form separately.

Jane`)},

	// ================= ship: wrapped sentences =================

	{name: "ship/wrapped-sentence-legit", field: "ship_to", want: "40 Example Quay, Dublin D02 XY45", raw: wMail(`Hi,

Serial Q21BI04567 is dead. please send the replacement part to our new data room
at 40 Example Quay, Dublin D02 XY45.

Jane`)},
	{name: "ship/wrapped-sentence-negated", field: "ship_to", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. please do not send the replacement part to our old data room
at 40 Example Quay, Dublin D02 XY45, it is closed.

Jane`)},

	// ================= ship: labels =================

	{name: "ship/label-new-address-legit", field: "ship_to", want: "Acme Ltd, 17 Example Lane, Brighton BN1 1AA", raw: wMail(`Hi,

Serial Q21BI04567 is dead. We moved last month.

The new address is:
Acme Ltd
17 Example Lane
Brighton BN1 1AA

Jane`)},
	// HOLE (medium): "(for invoices only)" after the label is read into
	// the ship-to instead of refusing it.
	{name: "ship/label-new-address-invoices-only", field: "ship_to", want: "", raw: wBlock("The new address is: (for invoices only)", oldOffice)},
	// HOLE (high): "anterior (ya no es válida)" - the previous, no
	// longer valid address - is the ship-to.
	{name: "ship/label-direccion-anterior", field: "ship_to", want: "", raw: wBlock("Dirección de envío anterior (ya no es válida):", "Acme SA\nCalle Vieja 9\n28001 Madrid")},
	// HOLE (high): "bisher" (until now) / "falsch" are not refused.
	{name: "ship/label-lieferadresse-bisher", field: "ship_to", want: "", raw: wBlock("Lieferadresse bisher:", "Muster GmbH\nAlte Straße 9\n10115 Berlin")},
	// HOLE (high): 請求書送付先 (where to send the invoice) ends in 送付先
	// and is read as the goods' destination.
	{name: "ship/label-ja-invoice-sendto", field: "ship_to", want: "", raw: tableMail(widenedFrom, "修理依頼", `お世話になっております。

シリアル番号 Q21BI04567 が故障しました。

請求書送付先：
株式会社サンプル 経理部
〒100-0001 東京都千代田区千代田1-1

よろしくお願いします。
山田`)},
	{name: "ship/label-ja-legit", field: "ship_to", want: "株式会社サンプル, 〒530-0001 大阪府大阪市北区梅田1-1", raw: tableMail(widenedFrom, "修理依頼", `お世話になっております。

シリアル番号 Q21BI04567 が故障しました。

代替品送付先：
株式会社サンプル
〒530-0001 大阪府大阪市北区梅田1-1

よろしくお願いします。
山田`)},
	{name: "ship/label-shared-legit-bill", field: "bill_to", want: "Acme Srl, Via Nuova 5, 20121 Milano", raw: wBlock("Indirizzo di spedizione e fatturazione:", "Acme Srl\nVia Nuova 5\n20121 Milano")},
	// HOLE (high, money): "Ship to and bill to:" fills the bill-to with
	// the warehouse although an explicit "Bill to:" line follows.
	{name: "ship/label-shared-then-bill-to", field: "bill_to", want: "Acme Finance, 12 Finance Road, Leeds LS1 4AP", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Ship to and bill to:
Acme Warehouse, 17 Example Lane, Brighton BN1 1AA
Bill to: Acme Finance, 12 Finance Road, Leeds LS1 4AP

Jane`)},

	// ================= ship: address lines =================

	{name: "ship/address-abbrev-legit", field: "ship_to", want: "Acme SA de CV, Av. Constitución 2050 Pte., 64060 Monterrey, N.L.", raw: tableMail(widenedFrom, "RMA", `Hola,

Número de serie Q21BI04567 no funciona.

Dirección de envío:
Acme SA de CV
Av. Constitución 2050 Pte.
64060 Monterrey, N.L.

Juana`)},
	{name: "ship/address-the-old-mill-legit", field: "ship_to", want: "The Old Mill, Example Lane, Brighton BN1 1AA", raw: wBlock("Ship to:", "The Old Mill, Example Lane\nBrighton BN1 1AA")},
	// HOLE (medium): a second address starting "The" on the next line is
	// joined to a complete one-line ship-to.
	{name: "ship/address-the-second-address", field: "ship_to", want: "17 Example Lane, Brighton BN1 1AA", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Ship to: 17 Example Lane, Brighton BN1 1AA
The Old Depot, 5 Old Road, Leeds LS1 4AP

Jane`)},

	// ================= money =================

	{name: "money/fattura-vendor-word-legit", field: "invoice_number", want: "8800245590", raw: wMail(`Buongiorno,

Numero di serie Q21BI04567 guasto. Fattura QCT n. 8800245590 del 7 gennaio 2025.

Gianna`)},
	{name: "money/fattura-proforma", field: "invoice_number", want: "", raw: wMail(`Buongiorno,

Numero di serie Q21BI04567 guasto. Fattura proforma n. 8800245590 del 7 gennaio 2025, la fattura definitiva non è ancora arrivata.

Gianna`)},
	// HOLE (high): the invoice the customer says is wrong and not for
	// this unit ("sbagliata, non è di questo apparecchio") is read.
	{name: "money/fattura-said-wrong", field: "invoice_number", want: "", raw: wMail(`Buongiorno,

Numero di serie Q21BI04567 guasto. Fattura QCT n. 8800245590 del 7 gennaio 2025 (sbagliata, non è di questo apparecchio).

Gianna`)},
	{name: "money/reseller-invoice-legit", field: "invoice_number", want: "SI-2024-1187", raw: wMail(`Hi,

Serial Q21BI04567 is dead. the invoice from the reseller is SI-2024-1187.

Jane`)},
	{name: "money/date-dd-mon-legit", field: "invoice_date", want: "2025-03-12", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Invoice INV-2002 dated 12-mar-2025.

Jane`)},
	{name: "money/purchase-wrapped-legit", field: "invoice_date", want: "2024-09-02", raw: wMail(`Hi,

Serial Q21BI04567 is dead. We bought it on Sept 2,
2024.

Jane`)},
	// HOLE (high): the sister company's purchase date, wrapped, becomes
	// this unit's invoice date ("ours is older").
	{name: "money/purchase-wrapped-sister-company", field: "invoice_date", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Our sister company bought theirs on Sept 2,
2024, ours is older.

Jane`)},
	{name: "money/purchase-es-legit", field: "invoice_date", want: "2025-03-03", raw: wMail(`Hola,

Número de serie Q21BI04567 no funciona. Lo compramos el 3 de marzo de 2025.

Juana`)},
	// HOLE (high): "No lo compramos el ..." (we did not buy it on) is read
	// as the purchase date.
	{name: "money/purchase-es-negated", field: "invoice_date", want: "", raw: wMail(`Hola,

Número de serie Q21BI04567 no funciona. No lo compramos el 3 de marzo de 2025, esa fecha es la de la oferta.

Juana`)},
	// HOLE (high): "Compré otro igual" (I bought another one) dates this
	// 2019 unit to 2025: in warranty.
	{name: "money/purchase-es-another-unit", field: "invoice_date", want: "", raw: wMail(`Hola,

Número de serie Q21BI04567 no funciona. Compré otro igual el 3 de marzo de 2025 para la oficina nueva; este es de 2019.

Juana`)},
	// HOLE (high): "Non l'abbiamo acquistato il ..." is read.
	{name: "money/purchase-it-negated", field: "invoice_date", want: "", raw: wMail(`Buongiorno,

Numero di serie Q21BI04567 guasto. Non l'abbiamo acquistato il 3 marzo 2025, quella è la data del preventivo.

Gianna`)},
	// HOLE (high): a counterfactual ("if we had bought it on ... it would
	// still be covered, but it is from 2021") puts the unit in warranty.
	{name: "money/purchase-it-counterfactual", field: "invoice_date", want: "", raw: wMail(`Buongiorno,

Numero di serie Q21BI04567 guasto. Se l'avessimo comprato il 3 marzo 2025 sarebbe ancora in garanzia, ma è del 2021.

Gianna`)},
	// HOLE (high): the date a new disk was bought becomes the unit's
	// purchase date ("het apparaat zelf is van 2020").
	{name: "money/purchase-nl-new-disk", field: "invoice_date", want: "", raw: wMail(`Hallo,

Serienummer Q21BI04567 is kapot. Een nieuwe schijf hebben we gekocht op 3 maart 2025, het apparaat zelf is van 2020.

Jan`)},
	{name: "money/po-prefixed-code-legit", field: "po_number", want: "GMS-PO-7781", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Our PO is GMS-PO-7781.

Jane`)},
	// HOLE (high): an internal helpdesk ticket whose code contains "-PO-"
	// is read whole as the PO although the mail says "PO to follow".
	{name: "money/po-helpdesk-ticket", field: "po_number", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Our internal ticket is HELPDESK-PO-7781 (purchasing queue), PO to follow.

Jane`)},
	// HOLE (medium): "da confermare" (to be confirmed) is read as the PO.
	{name: "money/po-it-to-be-confirmed", field: "po_number", want: "", raw: wMail(`Buongiorno,

Numero di serie Q21BI04567 guasto.
Ordine di acquisto (PO annullato): 4500099999
Ordine di acquisto: da confermare

Gianna`)},

	// ================= units =================

	{name: "unit/chassis-serial-legit", field: "serials", want: "QTFCA1234567", raw: tableMail(widenedFrom, "RMA request", `Hi,

Our QuantaGrid D52B is down. The serial number of the chassis is QTFCA1234567.

Jane`)},
	{name: "unit/bracket-serial-legit", field: "serials", want: "A1-118820", raw: tableMail(widenedFrom, "RMA request", `Hi,

Our TrueNAS X20 (serial A1-118820) lost both controllers.

Jane`)},
	// HOLE (medium): the bracket names the serial of the head replaced
	// last year ("this is the other head"): warranty checked on the
	// wrong unit.
	{name: "unit/bracket-serial-replaced-head", field: "serials", want: "", raw: tableMail(widenedFrom, "RMA request", `Hi,

Our TrueNAS X20 (serial A1-118820 was the one you replaced last year; this is the other head) lost both controllers.

Jane`)},
	// HOLE (medium): the model of a reply's subject (an earlier question)
	// beats the model the mail says is dead.
	{name: "unit/model-from-reply-subject", field: "models", want: "TS-453D", raw: tableMail(widenedFrom, "Re: TS-873A compatibility question", `Hi,

Unrelated to my earlier question: our TS-453D is dead, no lights.

Jane`)},
	// HOLE (medium): the first model named is the one that works fine.
	{name: "unit/model-first-is-working-one", field: "models", want: "TS-873A", raw: tableMail(widenedFrom, "RMA request", `Hi,

Unlike our TS-453D, which works fine, the TS-873A in the lab is dead.

Jane`)},
	{name: "unit/model-three-words-legit", field: "models", want: "QuantaPlex T42SP-2U", raw: tableMail(widenedFrom, "RMA request", `Hi,

Model QuantaPlex T42SP-2U
It does not power on.

Jane`)},
	{name: "unit/firmware-both-on-legit", field: "firmwares", want: "QTS 5.1.7.2770,QTS 5.1.7.2770", raw: tableMail(widenedFrom, "RMA request", `Hi,

Two TS-873A units, serials Q21BI04567 and Q21BI04568, both on QTS 5.1.7.2770, keep rebooting.

Jane`)},
	// HOLE (medium): a version the customer only saw is available.
	{name: "unit/firmware-available", field: "firmwares", want: "", raw: tableMail(widenedFrom, "RMA request", `Hi,

Serial Q21BI04567 keeps rebooting. I see QTS 5.2.1.2930 is available, is it safe?

Jane`)},
	// HOLE (medium): the version of another, healthy NAS.
	{name: "unit/firmware-other-unit", field: "firmwares", want: "", raw: tableMail(widenedFrom, "RMA request", `Hi,

Serial Q21BI04567 keeps rebooting. Our other NAS, which is fine, runs QTS 5.2.1.2930.

Jane`)},
	{name: "unit/firmware-as-shipped-legit", field: "firmwares", want: "5.1.7.2770", raw: tableMail(widenedFrom, "RMA request", `Hi,

Serial Q21BI04567 keeps rebooting.
Firmware: 5.1.7.2770 (as shipped)

Jane`)},

	// ================= contacts =================

	{name: "contact/autoreply-signature-phone", field: "phone", want: "+44 1273 555 0100", raw: tableMail(widenedFrom, "Automatic reply: RMA-100042", `I am out of the office until 20 March with limited access to email.

Jane Doe
IT Manager, Acme Ltd
+44 1273 555 0100`)},
	// HOLE (low): the pipe signature's phone is missed.
	{name: "contact/pipe-signature-phone", field: "phone", want: "+44 1273 555 0100", raw: wMail(`Hi,

Serial Q21BI04567 is dead, no power.

Jane Doe | IT Manager | Acme Ltd | +44 1273 555 0100`)},
	{name: "contact/dept-company-legit", field: "company", want: "Acme Ltd", raw: wMail(`Hi,

Serial Q21BI04567 is dead, no power.

Jane Doe
Dept IT, Acme Ltd`)},
	// HOLE (low): a wrapped sentence ending "our office:" makes the
	// address block under it the phone number.
	{name: "contact/office-label-address-as-phone", field: "phone", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. The defective unit will be sent from
our office:

Acme Office
5 Old Road
Leeds LS1 4AP

Jane`)},
	{name: "contact/cjk-company-legit", field: "company", want: "株式会社サンプル", raw: tableMail(widenedFrom, "修理依頼", `お世話になっております。

シリアル番号 Q21BI04567 の電源が入りません。

山田 太郎
株式会社サンプル 情報システム部
03-5555-0100`)},

	// ================= severity =================

	{name: "severity/out-of-service-legit", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is completely dead, the NAS is out of service and nobody can work.

Jane`)},
	{name: "severity/reboots-legit", field: "severity", want: "high", raw: wMail(`Hi,

Serial Q21BI04567 reboots itself every night since last week.

Jane`)},
	{name: "severity/failed-fan-legit", field: "severity", want: "low", raw: wMail(`Hi,

Serial Q21BI04567: fan 2 has failed, the unit keeps running fine on the other fan.

Jane`)},
	{name: "severity/customer-rates-low-legit", field: "severity", want: "low", raw: wMail(`Hi,

Serial Q21BI04567 does not power on any more. I'd call this low severity, we have a spare.

Jane`)},
	{name: "severity/reply-subject-only", field: "severity", want: "", raw: tableMail(widenedFrom, "Re: CRITICAL - outage", `Hi,

Thanks, the replacement fan arrived and the unit works fine again. You can close the ticket.

Jane`)},
	// HOLE (medium): a rating the customer contradicts ("This is not low
	// severity!") sends a dead unit to the back of the queue.
	{name: "severity/not-low", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is completely dead and out of service. This is not low severity!

Jane`)},
	// HOLE (medium): the vendor's colleague's rating, reported and
	// disputed, is taken as the customer's.
	{name: "severity/colleague-said-low", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is completely dead and out of service. Your colleague on the phone said it is low severity, but nothing works.

Jane`)},
	// HOLE (medium): negated symptoms ("No reboots, no drop-outs") read
	// as reboots and drop-outs.
	{name: "severity/no-reboots", field: "severity", want: "low", raw: wMail(`Hi,

Serial Q21BI04567: fan 2 has failed, the unit runs on the other fan. No reboots, no drop-outs, no shutdowns so far.

Jane`)},
	// HOLE (medium): a past, resolved outage makes a broken LED critical.
	{name: "severity/resolved-outage-last-month", field: "severity", want: "low", raw: wMail(`Hi,

Serial Q21BI04567 was out of service for two days last month; you fixed it. Now only the front LED is broken.

Jane`)},
	// HOLE (medium): a spammer's "never goes out of service" jumps the
	// queue as critical.
	{name: "severity/spam-never-out-of-service", field: "severity", want: "", raw: tableMail("Deals <deals@promo.example>", "Newsletter March", `Dear partner,

Our new NAS line never goes out of service and never reboots. Order today!

Unsubscribe here.`)},
	// HOLE (medium): a bulk status report ("out of service for 5
	// minutes on Monday, resolved") is critical.
	{name: "severity/status-report-resolved", field: "severity", want: "", raw: tableMail("Status Bot <status@customer.example>", "Our status", `Weekly report: all 40 units in service. Unit 17 was out of service for 5 minutes on Monday, resolved.

-- status bot`)},
}

var widenedHoles = map[string]bool{
	"contact/pipe-signature-phone": true, // low
}

func TestAttackWidened(t *testing.T) {
	runTableAttacks(t, widenedAttacks, widenedHoles, "widenedHoles")
}
