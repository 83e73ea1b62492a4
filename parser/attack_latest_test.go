package parser

import "testing"

// Attacks on the readings added in cd946bd..9a6a23d: a phone keeps the
// extension written after it; a company with its legal form in the
// mail's last lines when no signature names one; versions said in
// passing become the unit's firmware; a forward's severity is read from
// the forwarded mail when the sender's own words describe no fault;
// prose invoice numbers, invoice dates and ship-to label prefixes in more
// languages; a Chinese/Japanese/Korean company without its department.
// Written as a customer, a forger and a spammer would, without reading
// the parser: each case is a mail and the exact value the desk must act
// on ("" = nothing read, the desk asks). Severity follows seeds/003:
// Critical = out of order, cannot provide service; High = reboots /
// intermittent impact; Low = degraded but still serving. Cases listed in
// latestHoles fail today: they are skipped with the value read, and fail
// once refused.

const (
	latestJA = "山田太郎 <yamada@kaze.example>"
	latestKO = "김민수 <minsu@hanbit.example>"
	latestCN = "王伟 <wangwei@yunduan.example>"
	latestNL = "Piet de Vries <piet@polderdata.example>"
	latestDE = "Jana Muster <jana@muster.example>"
	latestFR = "Claire Martin <claire@exemple.example>"
	latestPT = "João Silva <joao@exemplo.example>"
	latestES = "Lucía García <lucia@ejemplo.example>"
	latestSV = "Anna Berg <anna@exempel.example>"
	latestPL = "Jan Kowalski <jan@przyklad.example>"
)

// latestJAMail is Yamada's Japanese request with the given signature
// lines between the closing and his name.
func latestJAMail(sig string) string {
	return tableMail(latestJA, "修理依頼", "お世話になっております。\n\nシリアル番号 Q21BI04567 が起動しません。\n\nよろしくお願いいたします。\n"+sig+"\n山田太郎")
}

// latestTom is a forward of Tom's mail (an end customer) under Jane's intro.
func latestTom(intro, body string) string {
	return fxForward("support@desk.example", "Hi,\n\n"+intro, "From: Tom <tom@endcustomer.example>\nSubject: NAS", body)
}

var latestAttacks = []tableAttack{
	// ================= phone: the extension after the number =================

	{name: "phone/ext-legit", field: "phone", want: "0113 555 0196 ext. 2210", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Tel: 0113 555 0196 ext. 2210`)},
	{name: "phone/ext-then-mobile-legit", field: "phone", want: "0113 555 0196 x204", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Tel: 0113 555 0196 x204 / 07700 900123 (mobile)`)},
	// Was a hole, refused now (low): office hours "x 9-5 Mon-Fri" become the extension "x 9".
	{name: "phone/x-office-hours-range", field: "phone", want: "0113 555 0196", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Tel: 0113 555 0196 x 9-5 Mon-Fri`)},
	// Was a hole, refused now (low): "x 24/7" (reachable around the clock) becomes the extension "x 24".
	{name: "phone/x-24-7", field: "phone", want: "0113 555 0196", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Tel: 0113 555 0196 x 24/7`)},
	// Was a hole, refused now (low): "x 2 rings then it goes to voicemail" (a count) becomes the extension "x 2".
	{name: "phone/x-multiplication", field: "phone", want: "07700 900123", raw: wMail(`Hi,

Serial Q21BI04567 is dead, please call 07700 900123 x 2 rings then it goes to voicemail.

Jane Doe`)},
	{name: "phone/fax-with-extension-only", field: "phone", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Fax: 0113 555 0100 ext. 12`)},
	// Was a hole, refused now (medium): the extension is Bob's desk (away); the desk calls his
	// empty desk instead of the switchboard that reaches Jane.
	{name: "phone/colleague-desk-extension", field: "phone", want: "0113 555 0196", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Tel 0113 555 0196 ext. 204 (Bob's desk, he is away; ask the switchboard for me)`)},
	// Was a hole, refused now (medium): "ramal 22" is the finance department's (Sra. Ana), not
	// João's; it is kept with his number.
	{name: "phone/pt-ramal-other-person", field: "phone", want: "(11) 5555-0123", raw: tableMail(latestPT, "Pedido RMA", `Olá,

Número de série Q21BI04567 avariado.

João Silva
Tel. (11) 5555-0123 ramal 22 (financeiro, Sra. Ana)`)},
	{name: "phone/ja-extension-of-fax", field: "phone", want: "03-1234-5678", raw: latestJAMail("TEL 03-1234-5678 / FAX 03-1234-5679（内線204）")},

	// ================= company: a legal form in the last lines =================

	{name: "company/footer-legal-form-legit", field: "company", want: "Harlow & Finch Insurance Brokers Limited", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane

This message is from Harlow & Finch Insurance Brokers Limited, registered in England and Wales.`)},
	{name: "company/quoted-vendor-footer", field: "company", want: "", raw: wMail(`Hi,

Still dead, serial Q21BI04567. Please send the replacement.

Jane

On Mon, 9 Mar 2026, Support <support@desk.example> wrote:
> Dear Jane, please confirm the serial.
> Regards, RMA Team
> QNAP Systems, Inc. is registered in Taiwan.`)},
	// Was a hole, refused now (high): the vendor's own footer in a forwarded desk mail becomes
	// the customer's company.
	{name: "company/forwarded-vendor-footer", field: "company", want: "", raw: fxForward("support@desk.example", "Hi,\n\nSerial Q21BI04567 is still dead, see what your colleague wrote below.",
		"From: RMA Team <rma@vendor.example>\nSubject: Re: RMA-100042",
		"Dear Jane, please send us the serial.\n\nRMA Team\nThis email is from Vendor Storage Europe B.V., registered in the Netherlands.")},
	// Was a hole, refused now (high): the mail gateway's scan notice ("scanned ... by Mimecast
	// Ltd.") becomes the customer's company.
	{name: "company/virus-scanner-footer", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane

This email has been scanned for viruses and malware by Mimecast Ltd.`)},
	// Was a hole, refused now (high): the parent company ("a subsidiary of Globex Holdings
	// plc") is read as the customer.
	{name: "company/subsidiary-of-parent", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane

Harlow & Finch is a trading name and a subsidiary of Globex Holdings plc.`)},
	// Was a hole, refused now (high): the principal firm of an appointed representative
	// (regulatory notice) is read as the customer.
	{name: "company/appointed-representative-of", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane

Harlow & Finch is an appointed representative of Northgate Brokers Ltd, which is authorised and regulated by the Financial Conduct Authority.`)},
	// Was a hole, refused now (high): a helpdesk tool's "Powered by Freshworks Inc." is read
	// as the company, "Powered by" included.
	{name: "company/powered-by-footer", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane

--
Powered by Freshworks Inc. | Sent from our helpdesk`)},
	// Was a hole, refused now (high): a mailing list's hosting provider is read as the customer.
	{name: "company/mailing-list-footer", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane

_______________________________________________
nas-users mailing list, hosted by Example Hosting Ltd.
To unsubscribe visit https://lists.example/nas-users`)},
	// Was a hole, refused now (high): the customer's bank in the payment line is read as the company.
	{name: "company/bank-in-footer", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane

Payments: Barclays Bank PLC, sort code 20-00-00, account 12345678.`)},
	// Was a hole, refused now (high): the reseller the unit was bought from, named in the last
	// lines, becomes the customer's company.
	{name: "company/reseller-bought-from", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. We bought it from Harlow Computers Ltd, the reseller, invoice attached.

Jane`)},
	// HOLE (low): a newsletter's sender company becomes a customer record.
	{name: "company/newsletter-spam", field: "company", want: "", raw: fxSpam(`Serial Q21BI04567 special offer: 20% off all NAS units this week!

This message is from Deals Direct Limited, registered in England.`)},

	// ================= company: CJK without the department =================

	{name: "company/ja-dept-dropped-legit", field: "company", want: "株式会社かぜネット", raw: latestJAMail("株式会社かぜネット　技術部")},
	{name: "company/ja-name-ends-in-bu-legit", field: "company", want: "株式会社服部", raw: latestJAMail("株式会社服部　営業部")},
	// HOLE (medium): the reseller in brackets stays in the company
	// ("株式会社かぜネット（販売店：株式会社ミナミ商事）").
	{name: "company/ja-two-companies", field: "company", want: "株式会社かぜネット", raw: latestJAMail("株式会社かぜネット（販売店：株式会社ミナミ商事）")},
	// Was a hole, refused now (high): "販売代理店 株式会社ミナミ商事 経由" (via our reseller) is
	// read as the customer's company, reseller and all.
	{name: "company/ja-via-reseller", field: "company", want: "", raw: latestJAMail("販売代理店 株式会社ミナミ商事 経由")},
	// HOLE (medium): the department and the distributor stay in the company
	// ("上海云端科技有限公司 技术部 / 代理商：北京星辰贸易有限公司").
	{name: "company/cn-two-companies", field: "company", want: "上海云端科技有限公司", raw: tableMail(latestCN, "RMA申请", `您好，

序列号 Q21BI04567 无法开机。

谢谢
王伟
上海云端科技有限公司 技术部 / 代理商：北京星辰贸易有限公司`)},
	// HOLE (medium): a Korean legal form written first ("주식회사 한빛")
	// keeps only "주식회사": the name is lost.
	{name: "company/ko-legal-form-first", field: "company", want: "주식회사 한빛", raw: tableMail(latestKO, "RMA 요청", `안녕하세요,

시리얼 번호 Q21BI04567 장비가 부팅되지 않습니다.

김민수
주식회사 한빛 기술지원부`)},

	// ================= firmware: versions said in passing =================

	{name: "unit/in-passing-legit", field: "firmwares", want: "5.2.0.2802", raw: wMail(`Hi,

Serial Q21BI04567 keeps rebooting, it's on 5.2.0.2802.

Jane`)},
	{name: "unit/proposed-version", field: "firmwares", want: "5.2.0.2802", raw: wMail(`Hi,

Serial Q21BI04567 keeps rebooting, it's on 5.2.0.2802. Should we go to 5.2.2.2950?

Jane`)},
	{name: "unit/ip-address", field: "firmwares", want: "", raw: wMail(`Hi,

Serial Q21BI04567 keeps rebooting since we moved to 10.20.30.40 (new subnet).

Jane`)},
	// Was a hole, refused now (medium): the version rolled back from is kept; the unit runs
	// the one rolled back to.
	{name: "unit/rolled-back", field: "firmwares", want: "5.1.9.2750", raw: wMail(`Hi,

Serial Q21BI04567: after we went to 5.2.1.2860 on the firmware it kept rebooting, so we rolled back to 5.1.9.2750.

Jane`)},
	// Was a hole, refused now (medium): another NAS's version ("our backup NAS ... is on") is
	// given to the dead unit.
	{name: "unit/other-unit-version", field: "firmwares", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Our backup NAS in the other office is on 5.2.1.2860 and works fine.

Jane`)},
	// Was a hole, refused now (medium): the switch's firmware becomes the NAS's.
	{name: "unit/switch-firmware", field: "firmwares", want: "", raw: wMail(`Hi,

Serial Q21BI04567 keeps rebooting since we went to 7.1.2 on the switch firmware.

Jane`)},
	// Was a hole, refused now (medium): a BIOS flashed on another server becomes the NAS's firmware.
	{name: "unit/bios-other-server", field: "firmwares", want: "", raw: wMail(`Hi,

Serial Q21BI04567 keeps rebooting since we flashed BIOS 3B13 on our other server.

Jane`)},

	// ================= severity: forwards =================

	{name: "severity/fwd-legit", field: "severity", want: "critical", raw: latestTom("please see below from our customer.",
		"Serial Q21BI04567 is dead, nobody can work.")},
	// HOLE (medium): a forwarded incident the sender says was resolved (no
	// action needed) jumps the queue as critical.
	{name: "severity/fwd-resolved-incident", field: "severity", want: "", raw: latestTom("FYI for your records: the incident below was resolved on 3 March by replacing the disk. No action needed.",
		"Serial Q21BI04567 is completely down, nobody can work.")},
	// HOLE (medium): a forwarded vendor advert ("when your NAS is down,
	// nobody can work") is read as a critical outage.
	{name: "severity/fwd-vendor-marketing", field: "severity", want: "", raw: fxForward("support@desk.example", "Hi,\n\nIs this offer relevant for our serial Q21BI04567?",
		"From: Vendor News <news@vendor.example>\nSubject: Don't let downtime stop you",
		"When your NAS is down, nobody can work. Protect your business with our Advance Replacement plan!")},
	// HOLE (medium): a forwarded KB article's symptom, asked about to
	// prevent it, is read as a critical outage.
	{name: "severity/fwd-kb-article", field: "severity", want: "", raw: fxForward("support@desk.example", "Hi,\n\nDoes this KB article apply to our serial Q21BI04567? We want to prevent it.",
		"From: Vendor KB <kb@vendor.example>\nSubject: KB-2231",
		"Symptom: the NAS does not power on and is completely out of service.")},
	// HOLE (medium): the forwarded mail's latest word is "back up and runs
	// fine, no need for an RMA"; its earlier outage is read as critical.
	{name: "severity/fwd-latest-back-up", field: "severity", want: "", raw: latestTom("for your information, see below.",
		"Update: serial Q21BI04567 is back up and runs fine after the reboot, no need for an RMA.\n\nEarlier: serial Q21BI04567 is completely down, nobody can work.")},
	// HOLE (medium): the sender says her unit is fine; the forwarded outage
	// of a sister site's other NAS is read as hers.
	{name: "severity/fwd-sister-site-ours-fine", field: "severity", want: "", raw: fxForward("support@desk.example", "Hi,\n\nFYI, this is what happened at our sister site with their NAS. Ours (serial Q21BI04567) is fine; can we get a spare PSU just in case?",
		"From: Tom <tom@sister.example>\nSubject: NAS",
		"Our NAS serial Q21BI09999 is completely down, nobody can work.")},

	// ================= money: invoice numbers in more languages =================

	// "Die Rechnungsnummer ist RE-2024-0815" in prose (a hole until the
	// parse branch's fixes of 2026-12-01).
	{name: "invoice/de-rechnungsnummer-prose", field: "invoice_number", want: "RE-2024-0815", raw: tableMail(latestDE, "RMA Anfrage", `Hallo,

Seriennummer Q21BI04567 ist defekt. Die Rechnungsnummer ist RE-2024-0815.

Jana`)},
	// The everyday Polish code "FV/2024/10/118" (letters, then several
	// slashes) after "Faktura VAT nr" (a hole until the parse branch's
	// fixes of 2026-12-01).
	{name: "invoice/pl-fv-prefix-code", field: "invoice_number", want: "FV/2024/10/118", raw: tableMail(latestPL, "Zgłoszenie RMA", `Dzień dobry,

Numer seryjny Q21BI04567 nie działa. Faktura VAT nr FV/2024/10/118.

Jan`)},
	{name: "invoice/pl-korekta-after-original", field: "invoice_number", want: "118/10/2024", raw: tableMail(latestPL, "Zgłoszenie RMA", `Dzień dobry,

Numer seryjny Q21BI04567 nie działa. Faktura VAT nr 118/10/2024, potem Faktura korygująca (VAT) nr 5/11/2024.

Jan`)},
	// Was a hole, refused now (high): "To nie jest Faktura VAT nr 118/10/2024, tamta dotyczy
	// innego serwera" (that is NOT the invoice, it is another server's) is read.
	{name: "invoice/pl-negated", field: "invoice_number", want: "", raw: tableMail(latestPL, "Zgłoszenie RMA", `Dzień dobry,

Numer seryjny Q21BI04567 nie działa. To nie jest Faktura VAT nr 118/10/2024, tamta dotyczy innego serwera.

Jan`)},
	// Was a hole, refused now (high): the electricity supplier's invoice ("od naszego dostawcy
	// prądu") is read as the unit's.
	{name: "invoice/pl-electricity-supplier", field: "invoice_number", want: "", raw: tableMail(latestPL, "Zgłoszenie RMA", `Dzień dobry,

Numer seryjny Q21BI04567 nie działa. Faktura VAT nr 118/10/2024 jest od naszego dostawcy prądu.

Jan`)},
	// Was a hole, refused now (high): "Niet factuurnummer F-2024-118, die is van de switch"
	// (not that one, it is the switch's) is read.
	{name: "invoice/nl-niet-factuurnummer", field: "invoice_number", want: "", raw: tableMail(latestNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot. Niet factuurnummer F-2024-118, die is van de switch.

Piet`)},
	// Was a hole, refused now (high): the carrier's freight nota fiscal ("é da transportadora
	// (frete)") is read as the unit's invoice.
	{name: "invoice/pt-nota-fiscal-freight", field: "invoice_number", want: "", raw: tableMail(latestPT, "Pedido RMA", `Olá,

Número de série Q21BI04567 avariado. A nota fiscal nº 000.123.456 é da transportadora (frete), a do equipamento eu envio depois.

João`)},

	// ================= money: invoice dates in more languages =================

	// Was a hole, refused now (high): "Nota fiscal nº ... emitida em 05/06/2024" (Brazilian, 5
	// June) is read month first, 6 May: a month of warranty off.
	{name: "invoice_date/pt-emitida-em-day-first", field: "invoice_date", want: "2024-06-05", raw: tableMail(latestPT, "Pedido RMA", `Olá,

Número de série Q21BI04567 avariado. Nota fiscal nº 000.123.456 emitida em 05/06/2024.

João`)},
	// HOLE (low): "Fecha de factura: 02/03/2025." in a sentence after the
	// fault reads nothing.
	{name: "invoice_date/es-fecha-de-factura-sentence", field: "invoice_date", want: "2025-03-02", raw: tableMail(latestES, "Solicitud RMA", `Hola,

El número de serie Q21BI04567 no arranca. Fecha de factura: 02/03/2025.

Lucía`)},
	// Was a hole, refused now (high): a credit note's date ("Kreditfaktura ..., fakturadatum")
	// is read as the purchase invoice's.
	{name: "invoice_date/sv-kreditfaktura", field: "invoice_date", want: "", raw: tableMail(latestSV, "RMA-ärende", `Hej,

Serienummer Q21BI04567 startar inte. Kreditfaktura nr 118, fakturadatum 2024-08-01.

Anna`)},
	// Was a hole, refused now (high): a quote's future invoice date ("Offertens fakturadatum
	// blir") is read as the purchase date.
	{name: "invoice_date/sv-offert-future", field: "invoice_date", want: "", raw: tableMail(latestSV, "RMA-ärende", `Hej,

Serienummer Q21BI04567 startar inte. Offertens fakturadatum blir 2024-08-01.

Anna`)},
	// Was a hole, refused now (high): "Fakturadatum är inte 2024-06-05, det var leveransdatum"
	// (is NOT the invoice date) is read.
	{name: "invoice_date/sv-negated", field: "invoice_date", want: "", raw: tableMail(latestSV, "RMA-ärende", `Hej,

Serienummer Q21BI04567 startar inte. Fakturadatum är inte 2024-06-05, det var leveransdatum.

Anna`)},
	{name: "invoice_date/nl-aangeschaft-legit", field: "invoice_date", want: "2020-02-12", raw: tableMail(latestNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot, aangeschaft op 12-02-2020.

Piet`)},
	// Was a hole, refused now (high): the previous NAS's purchase date is read as this unit's.
	{name: "invoice_date/nl-aangeschaft-previous-unit", field: "invoice_date", want: "", raw: tableMail(latestNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot. De vorige NAS, die deze vervangen heeft, was aangeschaft op 12-02-2016.

Piet`)},
	// Was a hole, refused now (high): "niet aangeschaft op 12-02-2020 zoals in uw systeem staat"
	// (NOT bought then) is read.
	{name: "invoice_date/nl-niet-aangeschaft-op", field: "invoice_date", want: "", raw: tableMail(latestNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot. Hij is niet aangeschaft op 12-02-2020 zoals in uw systeem staat, de factuur zoek ik nog op.

Piet`)},
	// Was a hole, refused now (high): the replacement disks' purchase date is read as the NAS's.
	{name: "invoice_date/nl-replacement-disks", field: "invoice_date", want: "", raw: tableMail(latestNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot. Vervangende schijven aangeschaft op 03-04-2023.

Piet`)},
	// Was a hole, refused now (high): a future purchase ("wordt aangeschaft op 03-04-2026 als
	// we budget hebben") is read as the invoice date.
	{name: "invoice_date/nl-future-aangeschaft", field: "invoice_date", want: "", raw: tableMail(latestNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot. Wordt aangeschaft op 03-04-2026 als we budget hebben, voor nu graag reparatie.

Piet`)},

	// ================= ship-to: label prefixes in more languages =================

	{name: "ship/pt-devolucao-legit", field: "ship_to", want: "Exemplo Ltda, Rua das Flores 120, 01000-000 São Paulo SP", raw: tableMail(latestPT, "Pedido RMA", `Olá,

Número de série Q21BI04567 avariado.

Endereço para devolução do equipamento:
Exemplo Ltda
Rua das Flores 120
01000-000 São Paulo SP

João`)},
	// Was a hole, refused now (high): the vendor's repair centre, quoted back as where the
	// defective unit goes ("... do equipamento com defeito"), becomes the ship-to.
	{name: "ship/pt-devolucao-defeito-vendor", field: "ship_to", want: "", raw: tableMail(latestPT, "Pedido RMA", `Olá,

Número de série Q21BI04567 avariado. Recebi de vocês o endereço abaixo para enviar o equipamento com defeito.

Endereço para devolução do equipamento com defeito:
Centro de Reparos Vendor
Av. Industrial 500
06000-000 Osasco SP

João`)},
	// Was a hole, refused now (high): the vendor's RMA centre, quoted back as where the
	// defective unit goes ("Adresse de retour du matériel défectueux"),
	// becomes the ship-to.
	{name: "ship/fr-retour-defectueux-vendor", field: "ship_to", want: "", raw: tableMail(latestFR, "Demande RMA", `Bonjour,

Numéro de série Q21BI04567 en panne. Vous m'avez donné l'adresse ci-dessous pour vous envoyer l'appareil défectueux, est-ce bien correct ?

Adresse de retour du matériel défectueux :
Centre RMA Vendor
3 rue de l'Industrie
69000 Lyon

Claire`)},
	{name: "ship/nl-retouradres-vendor", field: "ship_to", want: "", raw: tableMail(latestNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot. Hieronder het retouradres dat u ons gaf om het defecte apparaat naar u te sturen, klopt dat?

Retouradres voor het defecte apparaat:
Vendor RMA Center
Industrieweg 5
5600 AA Eindhoven

Piet`)},
}

var latestHoles = map[string]bool{
	// high
	// medium
	"company/ja-two-companies":           true,
	"company/cn-two-companies":           true,
	"company/ko-legal-form-first":        true,
	"severity/fwd-resolved-incident":     true,
	"severity/fwd-vendor-marketing":      true,
	"severity/fwd-kb-article":            true,
	"severity/fwd-latest-back-up":        true,
	"severity/fwd-sister-site-ours-fine": true,
	// low
	"company/newsletter-spam":                   true,
	"invoice_date/es-fecha-de-factura-sentence": true,
}

func TestAttackLatest(t *testing.T) {
	runTableAttacks(t, latestAttacks, latestHoles, "latestHoles")
}
