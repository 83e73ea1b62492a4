package parser

import "testing"

// Attacks on one reading: a mail whose subject is a forward (FW:, Fwd:,
// WG:, TR:, RV:) with no marker line takes its forwarded mail to start at
// the first Outlook-style header block (From:/Sent:/To:/Subject:), so the
// person signing above with a name and a phone or company is the contact,
// the forwarded part's unit, fault and ship-to are the sender's, and the
// severity may come from the forwarded part. Written as a customer, a
// forger and a spammer would, without reading the parser: each case is a
// mail and the exact value the desk must act on ("" = nothing read, the
// desk asks). Cases listed in outlookFwdHoles fail today: they are
// skipped with the value read, and fail once refused.

// ofMail is a plain-text mail from the given From header to the desk.
func ofMail(from, subject, body string) string {
	return fxMail(from, "support@desk.example", subject, body)
}

// ofJane is Jane's mail to the desk under the given subject.
func ofJane(subject, body string) string {
	return ofMail(widenedFrom, subject, body)
}

// ofBlock is an Outlook header block (with its rule) from the given
// sender, then the forwarded body.
func ofBlock(from, body string) string {
	return "________________________________\nFrom: " + from + "\nSent: Monday, March 9, 2026 10:00 AM\nTo: Jane Doe <jane@customer.example>\nSubject: NAS dead\n\n" + body
}

const (
	ofTom      = "Tom Baker <tom@endcustomer.example>"
	ofDesk     = "RMA Team <rma@desk.example>"
	ofJaneSig  = "Jane Doe\nAcme Reseller Ltd\nTel: 0113 555 0196"
	ofTomShip  = "Acme Warehouse, 17 Example Lane, Brighton BN1 1AA"
	ofMillShip = "Acme Reseller Ltd, 9 Mill Street, Leeds LS1 4AP"
	// Tom's request with his full signature
	ofTomBody = "Hi Jane,\n\nSerial Q21BI04567 does not boot anymore, the whole office is down.\nShip to: " + ofTomShip + "\n\nTom Baker\nEndcustomer Ltd\nTel: 01273 555 0123"
	// the desk's own mail: its depot, its signature and phone
	ofDeskBody = "Dear Jane,\n\nplease ship the defective unit to our depot: RMA Depot, 1 Vendor Park, Reading RG1 1AA\nIf the unit is out of order again, reply to this mail.\n\nKind regards,\nMark Lee\nRMA Team, Vendor Storage Europe B.V.\nTel: +31 20 555 0100\nmark.lee@desk.example"
)

var outlookFwdAttacks = []tableAttack{
	// ================= legit forwards =================

	{name: "legit/forwarder-signature-phone", field: "phone", want: "0113 555 0196", raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below, please help.\n\n"+ofJaneSig+"\n\n"+ofBlock(ofTom, ofTomBody))},
	{name: "legit/forwarded-ship-to", field: "ship_to", want: ofTomShip, raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below, please help.\n\n"+ofJaneSig+"\n\n"+ofBlock(ofTom, ofTomBody))},
	{name: "legit/forwarded-serial", field: "serials", want: "Q21BI04567", raw: ofJane("Fwd: NAS dead",
		"Hi,\n\nsee below.\n\nThanks,\nJane\n\n"+ofBlock(ofTom, ofTomBody))},
	// Was a hole, refused now (low): a gateway tag "[EXTERNAL]" before "FW:" hides the forward, so the
	// forwarded request's ship-to (and unit) is dropped as history; the desk asks again.
	{name: "legit/external-tag-before-fw", field: "ship_to", want: ofTomShip, raw: ofJane("[EXTERNAL] FW: NAS dead",
		"Hi,\n\nsee below, please help.\n\n"+ofJaneSig+"\n\n"+ofBlock(ofTom, ofTomBody))},

	// ================= replies quoting a forward =================

	// Was a hole, refused now (high): "RE: FW:" is a reply, yet the quoted forward is read as the sender's:
	// the old ship-to in the history becomes the new ship-to.
	{name: "reply/re-fw-quoted-ship", field: "ship_to", want: "", raw: ofJane("RE: FW: NAS dead",
		"Hi,\n\nany update on this?\n\nThanks,\nJane\n\n"+ofBlock(ofTom, ofTomBody))},
	// Was a hole, refused now (medium): the reply's quoted forward gives the end customer's phone as the contact's.
	{name: "reply/re-fw-quoted-phone", field: "phone", want: "", raw: ofJane("RE: FW: NAS dead",
		"Hi,\n\nany update on this?\n\nThanks,\nJane\n\n"+ofBlock(ofTom, ofTomBody))},
	// Was a hole, refused now (medium): the reply's quoted forward makes Tom (quoted history) the contact, not Jane who writes.
	{name: "reply/re-fw-quoted-contact", field: "contact_name", want: "Jane Doe", raw: ofJane("RE: FW: NAS dead",
		"Hi,\n\nany update on this?\n\nThanks,\nJane\n\n"+ofBlock(ofTom, ofTomBody))},
	// Was a hole, refused now (medium): Jane says it is solved and asks to close; the quoted "whole office is
	// down" makes the reply critical.
	{name: "reply/re-fw-quoted-severity", field: "severity", want: "", raw: ofJane("RE: FW: NAS dead",
		"Hi,\n\nall good now, Tom found the spare. You can close this.\n\nThanks,\nJane\n\n"+ofBlock(ofTom, ofTomBody))},
	// Was a hole, refused now (high): the German reply to a forward ("AW: WG:") reads the quoted ship-to as new.
	{name: "reply/aw-wg-quoted-ship", field: "ship_to", want: "", raw: ofJane("AW: WG: NAS defekt",
		"Hallo,\n\ngibt es Neuigkeiten?\n\nGruß\nJane\n\n"+ofBlock(ofTom, ofTomBody))},

	// Was a hole, refused now (high): the same reply in HTML (Outlook's divRplyFwdMsg) reads the quoted ship-to.
	{name: "reply/html-re-fw-ship", field: "ship_to", want: "", raw: "From: Jane Doe <jane@customer.example>\r\nTo: support@desk.example\r\nSubject: RE: FW: NAS dead\r\nMessage-ID: <of-html@customer.example>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		`<html><body><p>Any update?</p><p>Thanks, Jane</p><div id="divRplyFwdMsg"><b>From:</b> Tom Baker &lt;tom@endcustomer.example&gt;<br><b>Sent:</b> Monday, March 9, 2026 10:00 AM<br><b>To:</b> Jane<br><b>Subject:</b> NAS dead</div><p>Serial Q21BI04567 does not boot, the whole office is down.<br>Ship to: Acme Warehouse, 17 Example Lane, Brighton BN1 1AA</p><p>Tom Baker<br>Tel: 01273 555 0123</p></body></html>`},

	// ================= header blocks without Sent: =================

	{name: "block/date-instead-of-sent-desk", field: "phone", want: "", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below.\n\nThanks,\nJane\n\nFrom: RMA Team <rma@desk.example>\nDate: Monday, March 9, 2026 10:00 AM\nTo: Jane\nSubject: RMA-100042\n\n"+ofDeskBody)},
	// Was a hole, refused now (high): a forwarded desk block with no Sent: line (From:/To:/Subject:) is
	// read as Jane's own text: the vendor engineer's phone becomes the customer's.
	{name: "block/no-sent-desk-phone", field: "phone", want: "", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below.\n\nThanks,\nJane\n\nFrom: RMA Team <rma@desk.example>\nTo: Jane\nSubject: RMA-100042\n\n"+ofDeskBody)},
	// Was a hole, refused now (high): the same block makes the vendor's engineer (Mark Lee) the contact.
	{name: "block/no-sent-desk-contact", field: "contact_name", want: "Jane Doe", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below.\n\nThanks,\nJane\n\nFrom: RMA Team <rma@desk.example>\nTo: Jane\nSubject: RMA-100042\n\n"+ofDeskBody)},
	// Was a hole, refused now (high): and the vendor's address mark.lee@desk.example the contact e-mail.
	{name: "block/no-sent-desk-email", field: "email", want: "jane@customer.example", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below.\n\nThanks,\nJane\n\nFrom: RMA Team <rma@desk.example>\nTo: Jane\nSubject: RMA-100042\n\n"+ofDeskBody)},
	// Was a hole, refused now (medium): a forwarded block without Sent: makes its greeting "Hi Jane," the company.
	{name: "block/no-sent-greeting-company", field: "company", want: "", raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below.\n\nThanks,\nJane\n\nFrom: Tom Baker <tom@endcustomer.example>\nTo: Jane\nSubject: NAS\n\nHi Jane,\n\nSerial Q21BI04567 is dead.\n\nTom")},
	// Was a hole, refused now (low): Swedish Outlook's forward ("VB:", Från:/Skickat:) is not taken for one:
	// the forwarded ship-to is dropped and the desk asks again.
	{name: "lang/sv-vb-forwarded-ship", field: "ship_to", want: ofTomShip, raw: ofMail(latestSV, "VB: NAS trasig",
		"Hej,\n\nse nedan.\n\nAnna Berg\nExempel AB\nTel: 08 555 0100\n\nFrån: Tom Baker <tom@endcustomer.example>\nSkickat: den 9 mars 2026 10:00\nTill: Anna Berg <anna@exempel.example>\nÄmne: NAS\n\n"+ofTomBody)},

	// ================= the desk's own mail forwarded back =================

	{name: "desk/fw-desk-mail-phone", field: "phone", want: "", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below, what do I do now? Serial Q21BI04567.\n\nThanks,\nJane\n\n"+ofBlock(ofDesk, ofDeskBody))},
	{name: "desk/fw-desk-mail-email", field: "email", want: "jane@customer.example", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below, what do I do now? Serial Q21BI04567.\n\nThanks,\nJane\n\n"+ofBlock(ofDesk, ofDeskBody))},
	{name: "desk/fw-desk-mail-contact", field: "contact_name", want: "Jane Doe", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below, what do I do now? Serial Q21BI04567.\n\nThanks,\nJane\n\n"+ofBlock(ofDesk, ofDeskBody))},
	{name: "desk/fw-desk-mail-company", field: "company", want: "", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below, what do I do now? Serial Q21BI04567.\n\nThanks,\nJane\n\n"+ofBlock(ofDesk, ofDeskBody))},
	{name: "desk/fw-desk-mail-depot", field: "ship_to", want: "", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below, what do I do now? Serial Q21BI04567.\n\nThanks,\nJane\n\n"+ofBlock(ofDesk, ofDeskBody))},
	{name: "desk/fw-desk-mail-severity", field: "severity", want: "", raw: ofJane("FW: RMA-100042",
		"Hi,\n\nsee below, what do I do now? Serial Q21BI04567.\n\nThanks,\nJane\n\n"+ofBlock(ofDesk, ofDeskBody))},
	{name: "desk/nested-under-tom", field: "phone", want: "", raw: ofJane("FW: RE: RMA-100042",
		"Hi,\n\nsee below.\n\nThanks,\nJane\n\n"+ofBlock(ofTom, "Jane, the vendor wants the unit back, can you handle it?\n\nThanks,\nTom\n\n"+ofBlock(ofDesk, ofDeskBody)))},
	{name: "desk/de-von-rma", field: "phone", want: "", raw: ofJane("WG: RMA-100042",
		"Hallo,\n\nsiehe unten, Seriennummer Q21BI04567.\n\nGruß\nJane\n\nVon: RMA Team <rma@desk.example>\nGesendet: Montag, 9. März 2026 10:00\nAn: Jane Doe <jane@customer.example>\nBetreff: RMA-100042\n\n"+ofDeskBody)},

	// ================= header blocks in other languages =================

	{name: "lang/de-von-gesendet-ship", field: "ship_to", want: "Muster GmbH, Hauptstraße 5, 10115 Berlin", raw: ofMail(latestDE, "WG: NAS defekt",
		"Hallo,\n\nsiehe unten.\n\nJana Muster\nMuster Vertrieb GmbH\nTel.: 030 5555 0100\n\nVon: Tom Baker <tom@endcustomer.example>\nGesendet: Montag, 9. März 2026 10:00\nAn: Jana Muster <jana@muster.example>\nBetreff: NAS defekt\n\nHallo Jana,\n\nSeriennummer Q21BI04567 startet nicht mehr.\nLieferadresse: Muster GmbH, Hauptstraße 5, 10115 Berlin\n\nTom")},
	{name: "lang/de-forwarder-phone", field: "phone", want: "030 5555 0100", raw: ofMail(latestDE, "WG: NAS defekt",
		"Hallo,\n\nsiehe unten.\n\nJana Muster\nMuster Vertrieb GmbH\nTel.: 030 5555 0100\n\nVon: Tom Baker <tom@endcustomer.example>\nGesendet: Montag, 9. März 2026 10:00\nAn: Jana Muster <jana@muster.example>\nBetreff: NAS defekt\n\nHallo Jana,\n\nSeriennummer Q21BI04567 startet nicht mehr.\n\nTom Baker\nTel.: 0171 555 0123")},
	{name: "lang/fr-de-envoye-phone", field: "phone", want: "01 55 55 01 00", raw: ofMail(latestFR, "TR: NAS en panne",
		"Bonjour,\n\nvoir ci-dessous.\n\nClaire Martin\nExemple Distribution SARL\nTél. : 01 55 55 01 00\n\nDe : Luc Petit <luc@client.example>\nEnvoyé : lundi 9 mars 2026 10:00\nÀ : Claire Martin <claire@exemple.example>\nObjet : NAS en panne\n\nBonjour Claire,\n\nle NAS numéro de série Q21BI04567 ne démarre plus.\n\nLuc Petit\nTél. : 06 55 55 01 23")},
	{name: "lang/fr-desk-mail-phone", field: "phone", want: "", raw: ofMail(latestFR, "TR: RMA-100042",
		"Bonjour,\n\nvoir ci-dessous, numéro de série Q21BI04567.\n\nMerci,\nClaire\n\nDe : Équipe RMA <rma@desk.example>\nEnvoyé : lundi 9 mars 2026 10:00\nÀ : Claire Martin <claire@exemple.example>\nObjet : RMA-100042\n\nBonjour Claire,\n\nmerci d'envoyer l'appareil à notre dépôt.\n\nCordialement,\nMarc Leroy\nÉquipe RMA, Vendor Storage Europe B.V.\nTél. : +31 20 555 0100")},
	{name: "lang/es-rv-ship", field: "ship_to", want: "Calle Mayor 5, 28013 Madrid", raw: ofMail(latestES, "RV: NAS averiado",
		"Hola,\n\nver abajo.\n\nLucía García\nEjemplo Distribución S.L.\nTel.: 915 55 01 00\n\nDe: Pablo Ruiz <pablo@cliente.example>\nEnviado el: lunes, 9 de marzo de 2026 10:00\nPara: Lucía García <lucia@ejemplo.example>\nAsunto: NAS averiado\n\nHola Lucía,\n\nel NAS con número de serie Q21BI04567 no arranca.\nDirección de envío: Calle Mayor 5, 28013 Madrid\n\nPablo")},

	// ================= forged header blocks =================

	{name: "forge/fake-block-normal-mail-ship", field: "ship_to", want: "", raw: ofMail("Mallory <m@evil.example>", "Replacement request RMA-100042",
		"Hi,\n\nplease send the replacement as agreed below.\n\nThanks\n\n"+ofBlock("RMA Team <rma@desk.example>", "Dear customer, we will ship the replacement to: 1 Drop Street, Croydon CR0 1AA\n\nRMA Team"))},
	{name: "forge/fake-block-own-ship-wins", field: "ship_to", want: ofMillShip, raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below. Ship to: "+ofMillShip+"\n\n"+ofJaneSig+"\n\n"+ofBlock("Jane Doe <jane@customer.example>", "Serial Q21BI04567 is dead.\nShip to: 1 Drop Street, Croydon CR0 1AA"))},
	{name: "forge/fake-block-normal-mail-phone", field: "phone", want: "", raw: ofJane("Replacement request RMA-100042",
		"Hi,\n\nserial Q21BI04567 is dead.\n\nThanks,\nJane\n\n"+ofBlock("Mallory Smith <m@evil.example>", "Call me about this.\n\nMallory Smith\nEvil Logistics Ltd\nTel: 020 7946 0999"))},
	// HOLE (medium): a forger's forward with a made-up header block "From: Jane Doe
	// <jane@customer.example>" files the ticket under the real customer's e-mail.
	{name: "forge/header-from-address-as-email", field: "email", want: "m@evil.example", raw: ofMail("Mallory <m@evil.example>", "FW: RMA-100042",
		"Hi,\n\nsee below.\n\nThanks\n\n"+ofBlock("Jane Doe <jane@customer.example>", "Serial Q21BI04567 is dead, please replace it."))},

	// ================= who signs above =================

	{name: "above/team-signature", field: "contact_name", want: "Tom Baker", raw: ofMail("Acme IT Helpdesk <helpdesk@acme.example>", "FW: NAS dead",
		"Hi,\n\nplease see below.\n\nIT Helpdesk\nAcme Corp\nTel: 0113 555 0100\n\n"+ofBlock(ofTom, ofTomBody))},
	{name: "above/no-reply-notice", field: "contact_name", want: "Tom Baker", raw: ofMail("Acme Service Desk <noreply@acme.example>", "FW: NAS dead",
		"This is an automated message from Acme Service Desk. Please do not reply to this email.\nAcme Corp Service Desk | Tel: 0800 555 0100\n\n"+ofBlock(ofTom, ofTomBody))},
	// Was a hole, refused now (high): a vendor engineer's pasted signature above the block gives
	// mark.lee@desk.example as the customer's contact e-mail (same in a mail with no forward).
	{name: "above/pasted-vendor-signature-email", field: "email", want: "jane@customer.example", raw: ofJane("FW: NAS dead",
		"see below\n\n--\nMark Lee | Field Engineer | Vendor Storage Europe B.V. | +31 20 555 0100 | mark.lee@desk.example\n\n"+ofBlock(ofTom, "Serial Q21BI04567 does not boot.\n\nTom"))},
	{name: "above/pasted-vendor-signature-phone", field: "phone", want: "", raw: ofJane("FW: NAS dead",
		"see below\n\n--\nMark Lee | Field Engineer | Vendor Storage Europe B.V. | +31 20 555 0100 | mark.lee@desk.example\n\n"+ofBlock(ofTom, "Serial Q21BI04567 does not boot.\n\nTom"))},
	{name: "above/bare-signoff-keeps-tom", field: "phone", want: "01273 555 0123", raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below.\n\nThanks, Jane\n\n"+ofBlock(ofTom, ofTomBody))},

	// ================= ship-to above vs below =================

	{name: "ship/own-label-above-wins", field: "ship_to", want: ofMillShip, raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below. Please send the replacement to us, not to Tom.\nShip to: "+ofMillShip+"\n\n"+ofJaneSig+"\n\n"+ofBlock(ofTom, ofTomBody))},
	// HOLE (medium): the sender's prose ship-to keeps the clause after it
	// (", we will install it for Tom") on the label.
	{name: "ship/own-prose-above-wins", field: "ship_to", want: "9 Mill Street, Leeds LS1 4AP", raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below. Please ship the replacement to our workshop at 9 Mill Street, Leeds LS1 4AP, we will install it for Tom.\n\n"+ofJaneSig+"\n\n"+ofBlock(ofTom, ofTomBody))},
	// Was a hole, refused now (high): the sender's own "Ship the replacement to:" block above is not read,
	// so the forwarded mail's ship-to (the end customer's warehouse) wins.
	{name: "ship/own-block-above-wins", field: "ship_to", want: ofMillShip, raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below. Ship the replacement to:\nAcme Reseller Ltd\n9 Mill Street\nLeeds LS1 4AP\n\n"+ofJaneSig+"\n\n"+ofBlock(ofTom, ofTomBody))},

	// ================= severity =================

	{name: "severity/own-words-win", field: "severity", want: "low", raw: ofJane("FW: NAS dead",
		"Hi,\n\nsee below. Update: Tom got it running again, it is only slow now but still serving files.\n\n"+ofJaneSig+"\n\n"+ofBlock(ofTom, ofTomBody))},
}

var outlookFwdHoles = map[string]bool{
	"forge/header-from-address-as-email": true,
	"ship/own-prose-above-wins":          true,
}

func TestAttackOutlookForward(t *testing.T) {
	runTableAttacks(t, outlookFwdAttacks, outlookFwdHoles, "outlookFwdHoles")
}
