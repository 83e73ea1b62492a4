package parser

// Evening attacks of 2026-12-01 on the readings the parser gained that day
// (git log main..attack7 -- parser): severity phrases in more languages,
// typographic apostrophes in labels, HTML rows among spacer cells, "Name and
// title:" values, order references with a supplier, shipping requests naming
// two goods or written in Romance prose, full-width firmware notes, unit
// facts stated once for all units, numbered unit lists, the serial in
// brackets further on, pipe and bare sign-off signatures, company footers,
// imperative calls, "Ansprechpartner beim Kunden:" and "Ship-to and bill-to
// are both:". Written black-box: only parse.md, the seeds and the commit
// messages were read. Each want is what parse.md and a careful human say.
// Cases the parser gets right are guards; cases it gets wrong carry hole and
// are skipped; a listed hole that becomes right fails, so the list shrinks.
//
// 60 attacks: 29 refused, 31 holes (35 at first). Wrong values: ship-to from "(same as
// bill to)", "see PO" in an HTML spacer row and "our address on file"; a
// firmware stated for all units beaten by the version of a fine or test unit
// in prose (2); full-width notes holding another version or "unknown" (3);
// serials from brackets that deny them or name the replacement (2) and a
// numbered item said to work fine; severity from a hypothetical, a question,
// a negation ("stürzt nicht mehr ab"), another device (3, including lost data
// on another make) and a fine third unit; the vendor's sales order as PO
// beside "Customer’s PO:"; "Name and title:" values with the title first, a
// title or department alone, a city; "Hälsningar" and "siehe Signatur unten"
// as names; a particle name ("Jan de Vries") and an ad after "--" losing the
// signature; the vendor's footer, e-mail and hotline as the customer's.
// Misses: plural "fail to boot", a fault line before "Please ship to our
// site:", a labelled firmware over prose units, an HTML header row over
// spacer cells, "the order ref ... is now".

import (
	"strings"
	"testing"
)

// eveMail builds a message for the evening attacks; html selects text/html.
func eveMail(from, subject, body string, html bool) []byte {
	if from == "" {
		from = "Mike Brown <mike@acme-corp.com>"
	}
	if subject == "" {
		subject = "Replacement needed"
	}
	ct := "text/plain"
	if html {
		ct = "text/html"
	}
	return []byte("From: " + from + "\r\n" +
		"To: support@vendor.example\r\n" +
		"Subject: " + subject + "\r\n" +
		"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n" +
		"Message-ID: <eve@customer.example>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: " + ct + "; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n"))
}

type eveCase struct {
	name    string
	from    string
	subject string
	html    bool
	body    string
	field   string // a fields key, or serials / firmware / models (every unit, "|"-joined)
	want    string
	hole    string // non-empty: known hole, reason
}

func eveGet(m *Message, field string) string {
	f := m.Fields
	switch field {
	case "contact_name":
		return f.ContactName
	case "company":
		return f.Company
	case "email":
		return f.Email
	case "phone":
		return f.Phone
	case "ship_to":
		return f.ShipTo
	case "bill_to":
		return f.BillTo
	case "po_number":
		return f.PONumber
	case "invoice_date":
		return f.InvoiceDate
	case "severity":
		return f.Severity
	}
	var parts []string
	for _, u := range m.Units {
		switch field {
		case "serials":
			parts = append(parts, u.SerialNumber)
		case "firmware":
			parts = append(parts, u.Firmware)
		case "models":
			parts = append(parts, u.Model)
		default:
			panic("unknown field " + field)
		}
	}
	return strings.Join(parts, "|")
}

func TestAttackEvening(t *testing.T) {
	for _, c := range eveCases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Parse(eveMail(c.from, c.subject, c.body, c.html))
			if err != nil {
				t.Fatal(err)
			}
			got := eveGet(m, c.field)
			if got == c.want && c.hole != "" {
				t.Errorf("listed HOLE is refused now, drop its hole: %s", c.hole)
			}
			if got != c.want {
				if c.hole != "" {
					t.Skipf("HOLE: %s: %s got %q, want %q", c.hole, c.field, got, c.want)
				}
				t.Errorf("%s = %q, want %q", c.field, got, c.want)
			}
		})
	}
}

// Bodies shared by several cases.
const (
	eveSwedishQuestion = `Hej,

NAS serienummer Q21BI04567: är det normalt att den startar om vid varje uppdatering? Annars fungerar allt.

Hälsningar
Erik Svensson
`
	eveAllUnitsFineUnit = `Hi,

Firmware (all units): 5.1.0
The NAS Q21BI04567 and Q21BI04999 fail to boot. Q21BI03333 runs firmware 4.5.4 and works normally.

Thanks,
Mike Brown
`
	eveModelOnceProse = `Hi,

Model: TS-873A
Firmware: 5.1.0
The NAS Q21BI04567 and Q21BI04999 fail to boot. Our third NAS, serial Q21BI05555, is fine.

Thanks,
Mike Brown
`
	eveFrenchInvoiceOurAddress = `Bonjour,

Le NAS numéro de série Q21BI04567 ne démarre plus.
Merci d'envoyer la facture à notre adresse :
Acme SARL, Service comptabilité, 3 rue de la Paix, 75002 Paris

Cordialement,
Michel Dupont
`
	eveTypoCustomersPO = `Hi,

NAS serial Q21BI04567 fails to boot.
Customer’s PO: 4500123
Vendor’s order no.: SO-99812

Thanks,
Mike Brown
`
	eveVendorContactTable = `<html><body><p>Hello, our server serial QTFCOD5120077 fails to boot.</p>
<p>Thanks,<br>Mike Brown</p>
<table><tr><td>Phone:</td><td></td><td>+1 510 270 6216</td></tr>
<tr><td>QCT RMA E-Mail:</td><td></td><td>rma@qct.example</td></tr></table>
</body></html>
`
	eveFwdSeeSignature = `Hallo,

anbei die Meldung unseres Kunden.
Ansprechpartner beim Kunden: siehe Signatur unten

Grüße
Thomas Maier
TechResale GmbH

---------- Forwarded message ---------
From: Eva Hofer <e.hofer@tirol-med.example>
Date: Mon, 30 Nov 2026 09:00
Subject: NAS defekt

Hallo Thomas,

unser NAS Seriennummer Q21BI04567 startet nicht mehr.

Grüße
Eva Hofer
Tirol Medizintechnik GmbH
`
)

var eveCases = []eveCase{
	// --- wrong ship-to ---
	{name: "ShipTo/SameAsBillTo", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hi,\n\nOur server serial QTFCOD5120077 fails to boot.\nShip to: (same as bill to)\nBill to: Acme Corp, 12 Main Street, Springfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/HTMLSpacerRowSeePO", html: true, field: "ship_to", want: "",
		body: "<html><body><p>Hello, our server serial QTFCOD5120077 fails to boot.</p>\n<table>\n<tr><td>Ship to:</td><td>&nbsp;</td><td>see PO</td></tr>\n<tr><td>PO</td><td>&nbsp;</td><td>4500123</td></tr>\n</table>\n<p>Thanks,<br>Mike Brown</p></body></html>\n"},
	{name: "ShipTo/AddressOnFile", field: "ship_to", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 is dead. Could you send the replacement to: our address on file?\nOur old address, 9 Old Lane, Dover, DE 19901, is no longer valid.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/CreditNoteOrInvoiceToAccounts", field: "ship_to", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 is dead.\nPlease send the credit note or the invoice to our accounts office at 77 Ledger Lane, Boston, MA 02110.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/WeSendBrokenAndCablesToYourDepot", field: "ship_to", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 is dead.\nWe will send the broken unit and the cables to your depot at 5 Depot Road, Reno, NV 89502 tomorrow.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/ReplacementOrRepairedKept", field: "ship_to", want: "12 Main Street, Springfield, IL 62701",
		body: "Hi,\n\nNAS serial Q21BI04567 is dead.\nPlease send the replacement or repaired unit to our office at 12 Main Street, Springfield, IL 62701.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/FrenchInvoiceToOurAddress", field: "ship_to", want: "", body: eveFrenchInvoiceOurAddress},
	{name: "ShipTo/SpanishNegatedOffice", field: "ship_to", want: "",
		body: "Hola,\n\nEl NAS con número de serie Q21BI04567 no arranca.\nPor favor no envíen el equipo de reemplazo a nuestra oficina en Calle Mayor 5, 28013 Madrid, está cerrada por obras.\nLa dirección correcta os la mando mañana.\n\nSaludos,\nCarlos García\n"},
	{name: "ShipTo/ItalianSeatThenWarehouse", field: "ship_to", want: "Via Po 3, 10124 Torino",
		body: "Buongiorno,\n\nil NAS seriale Q21BI04567 non si avvia.\nIl nostro indirizzo: Via Garibaldi 7, 10122 Torino (sede legale, non riceviamo merci).\nVi prego di spedire il ricambio al nostro magazzino in Via Po 3, 10124 Torino.\n\nSaluti,\nMarco Rossi\n"},
	{name: "ShipTo/FrenchReturnToYourAddressQuestion", field: "ship_to", want: "",
		body: "Bonjour,\n\nLe NAS numéro de série Q21BI04567 ne démarre plus. Pourriez-vous envoyer le remplaçant à notre bureau à Lyon ? Ou faut-il d'abord vous retourner l'appareil défectueux à votre adresse : Centre RMA, 9 avenue de l'Europe, 67000 Strasbourg ?\n\nCordialement,\nMichel Dupont\n"},
	{name: "ShipTo/BothUnchangedFromOldRMA", field: "ship_to", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\nShip-to and bill-to are both unchanged from RMA-100042.\n\nThanks,\nMike Brown\n"},

	// --- wrong serial, firmware or unit facts ---
	{name: "Firmware/AllUnitsBeatenByFineUnit", field: "firmware", want: "5.1.0|5.1.0",
		hole: "'Firmware (all units): 5.1.0' loses to the firmware of a third unit said to work normally (4.5.4 on both units)", body: eveAllUnitsFineUnit},
	{name: "Firmware/AllUnitsBeatenByTestBox", field: "firmware", want: "5.1.0|5.1.0",
		hole: "'Firmware (all units): 5.1.0' loses to a test box rolled back to 4.5.4 in prose",
		body: "Hi,\n\nFirmware (all units): 5.1.0\nThe NAS Q21BI04567 and Q21BI04999 fail to boot.\nWe rolled one test box back to firmware 4.5.4 and it boots.\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/PerUnitBeatsAllUnits", field: "firmware", want: "5.1.0.2466|5.0.1",
		body: "Hi,\n\nTwo NAS fail to boot since the update:\n- TS-873A, S/N Q21BI04567\n- TS-873A, S/N Q21BI04999, still on firmware 5.0.1 (we held it back)\nFirmware (all units): 5.1.0.2466\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/LabelledOnceOverProseUnits", field: "firmware", want: "5.1.0|5.1.0",
		hole: "a firmware labelled once over two units in a sentence reaches only the first (the model reaches both)", body: eveModelOnceProse},
	// Was a hole: 'h5.1.0.2424（更新前）→ h5.2.1.2930（更新後）' kept the old version, its note and the arrow.
	{name: "Firmware/FullWidthBeforeAfter", field: "firmware", want: "h5.2.1.2930",
		body: "お世話になっております。\n\nNAS（シリアル番号 Q21BI04567）が起動しません。\nファームウェア：h5.1.0.2424（更新前）→ h5.2.1.2930（更新後）\n\nよろしくお願いいたします。\n山田 太郎\n"},
	// Was a hole: a full-width note holding another version was kept in the firmware.
	{name: "Firmware/FullWidthNoteWithVersion", field: "firmware", want: "QuTS hero h5.2.1.2930",
		body: "お世話になっております。\n\nNAS（シリアル番号 Q21BI04567）が起動しません。\nファームウェア：QuTS hero h5.2.1.2930（h5.1.0.2424 から更新）\n\nよろしくお願いいたします。\n山田 太郎\n"},
	// Was a hole: '不明（h5.2 以降のはず）' (unknown, a guess in the note) gave a firmware.
	{name: "Firmware/FullWidthUnknown", field: "firmware", want: "",
		body: "お世話になっております。\n\nNAS（シリアル番号 Q21BI04567）が起動しません。\nファームウェア：不明（h5.2 以降のはず）\n\nよろしくお願いいたします。\n山田 太郎\n"},
	{name: "Serial/NumberedItemTheFineReplacement", field: "serials", want: "Q21BI04567",
		hole: "a numbered item about the replacement that 'works fine' becomes a unit",
		body: "Hi,\n\nUnits with the fault:\n1. Q21BI04567 (TS-873A)\n2) Q21BI04999 (TS-873A) - the replacement you sent us last year, this one works fine\n\nThanks,\nMike Brown\n"},
	{name: "Serial/NumberedOrdersNotUnits", field: "serials", want: "Q21BI04567",
		body: "Hi,\n\nThe NAS serial Q21BI04567 (TS-873A) fails to boot. It was bought with these orders:\n1. PO4500123 (TS-873A and rails)\n2. PO4500124 (TS-873A disks)\n\nThanks,\nMike Brown\n"},
	{name: "Serial/TrackingNumberNotUnit", field: "serials", want: "Q21BI04567|Q21BI04999",
		body: "Hi,\n\nModel: TS-873A\nThe units Q21BI04567 and Q21BI04999 fail to boot. They were delivered by UPS with tracking 1Z999AA10123456784.\n\nThanks,\nMike Brown\n"},
	{name: "Serial/BracketSerialDenied", field: "serials", want: "",
		body: "Hi,\n\nModel: BX500\nThe bridge drops the link every few hours. The serial number is not the one in my first mail (BX5H2201A00311), that was our old bridge; I will send the right one tomorrow.\n\nThanks,\nMike Brown\n"},
	{name: "Serial/BracketSerialOfReplacement", field: "serials", want: "",
		body: "Hi,\n\nModel: BX500\nThe bridge drops the link every few hours. The serial number differs from the one on your replacement unit (BX5H2201A00999).\n\nThanks,\nMike Brown\n"},
	{name: "Serial/BracketSerialOfFineBridge", field: "serials", want: "",
		body: "Hi,\n\nModel: BX500\nThe serial number of the broken bridge is unreadable. The serial number of our other bridge, which works fine, is visible in the photo (BX5H2201A00999).\n\nThanks,\nMike Brown\n"},
	{name: "Serial/HTMLHeaderRowOverSpacer", html: true, field: "serials", want: "QTFCOD5120077",
		hole: "an HTML header row 'Serial Number: | | Part Number:' over its values row gives no unit",
		body: "<html><body><p>Hello, our server fails to boot.</p>\n<table>\n<tr><td>Serial Number:</td><td></td><td>Part Number:</td></tr>\n<tr><td>QTFCOD5120077</td><td></td><td>1S5BZZZ000B</td></tr>\n</table>\n<p>Thanks,<br>Mike Brown</p></body></html>\n"},
	{name: "Serial/HTMLQuotedSpacerRowsNotRead", html: true, field: "serials", want: "QTFCOD5120077",
		body: "<html><body><p>Hello, our server serial QTFCOD5120077 fails to boot.</p>\n<p>Thanks,<br>Mike Brown</p>\n<blockquote type=\"cite\"><p>On Mon, Support wrote:</p>\n<table>\n<tr><td>Ship to</td><td>&nbsp;</td><td>QCT Service Center, 1010 Rincon Circle, San Jose, CA 95131</td></tr>\n<tr><td>Número de serie</td><td></td><td>QTFCOD5129999</td></tr>\n</table></blockquote>\n</body></html>\n"},
	{name: "Model/UpgradePlanNotFuller", subject: "TrueNAS M40 fails", field: "models", want: "TrueNAS M40",
		body: "Hi,\n\nOur TrueNAS M40 serial A1-123456 fails to boot. We plan to move to the TrueNAS M40-HA next year.\n\nThanks,\nMike Brown\n"},

	// --- wrong severity ---
	{name: "Severity/FrenchHypotheticalHalf", field: "severity", want: "",
		body: "Bonjour,\n\nLe NAS numéro de série Q21BI04567 fonctionne normalement. Une question : si le débit tombe à la moitié après l'activation du chiffrement, est-ce couvert par la garantie ?\n\nCordialement,\nMichel Dupont\n"},
	{name: "Severity/GermanNoLongerCrashes", field: "severity", want: "",
		// was a hole: 'stürzt nicht mehr ab' (no longer crashes) gives high
		body: "Hallo,\n\nder NAS Seriennummer Q21BI04567 stürzt nicht mehr ab, seit wir die Firmware aktualisiert haben. Nur zur Info für Ihre Unterlagen, alles läuft.\n\nGrüße\nMichael Braun\n"},
	{name: "Severity/SwedishQuestionRestart", field: "severity", want: "",
		hole: "a question whether restarting during an update is normal ('är det normalt att den startar om ...?') gives high", body: eveSwedishQuestion},
	{name: "Severity/FrenchOtherDeviceFreezes", field: "severity", want: "",
		hole: "another device that 'se fige' (not the vendor's) gives high while the NAS works normally",
		body: "Bonjour,\n\nLe PC portable de l'accueil se fige tous les jours, mais ce n'est pas votre produit. Le NAS numéro de série Q21BI04567 fonctionne normalement ; nous voulons seulement vérifier sa garantie.\n\nCordialement,\nMichel Dupont\n"},
	{name: "Severity/IfItDoesntComeBackUp", field: "severity", want: "",
		hole: "'If it doesn't come back up after the second reboot, we will call you. For now it works.' gives critical",
		body: "Hi,\n\nNAS serial Q21BI04567 was updated last night. If it doesn't come back up after the second reboot, we will call you. For now it works.\n\nThanks,\nMike Brown\n"},
	{name: "Severity/DataLostOnOtherProduct", field: "severity", want: "low",
		hole: "'last year data was lost on our old Synology (not your product)' makes a slow web UI critical",
		body: "Hi,\n\nNAS serial Q21BI04567: the web UI is somewhat slow, everything else works. We are careful because last year data was lost on our old Synology (not your product).\n\nThanks,\nMike Brown\n"},
	{name: "Severity/ThirdNASWorksFine", field: "severity", want: "critical",
		hole: "two units that fail to boot are rated low because a third 'works fine'",
		body: "Hi,\n\nFirmware (all units): 5.1.0.2466\n1. Q21BI04567 (TS-873A) fails to boot\n2. Q21BI04999 (TS-873A) fails to boot\nOur third NAS, Q21BI05555 (TS-873A), was never updated and works fine.\n\nThanks,\nMike Brown\n"},
	{name: "Severity/PluralFailToBoot", field: "severity", want: "critical",
		hole: "'Both fail to boot after the update' (plural) gives no severity",
		body: "Hi,\n\nModel for both: TS-873A\nSerials: Q21BI04567, Q21BI04999\nBoth fail to boot after the update.\n\nThanks,\nMike Brown\n"},
	{name: "Severity/FaultLineThenShipRequestNextLine", field: "severity", want: "critical",
		hole: "'NAS serial X fails to boot. Please ship to our site:' with the address on the next line loses the problem and its severity",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot. Please ship to our site:\nReceiving Dock | Harbour Connect Ltd | 4 Quay Road, Bristol BS1 4QA\n\nThanks,\nDana Whitfield\n"},
	{name: "Severity/GermanThirdNegated", field: "severity", want: "low",
		body: "Hallo,\n\nBX500 Seriennummer BX5H2201A00311: der Durchsatz ist nicht auf ein Drittel gefallen, sondern nur leicht gesunken (von 900 auf etwa 800 MB/s). Alle VMs laufen normal.\n\nGrüße\nMichael Braun\n"},
	{name: "Severity/DutchNoLongerFailsKept", field: "severity", want: "",
		body: "Hallo,\n\nde NAS met serienummer Q21BI04567 valt niet meer uit sinds de nieuwe voeding. Alles werkt weer.\n\nGroeten,\nJan Visser\n"},
	{name: "Severity/ItalianNotRegularly", field: "severity", want: "high",
		body: "Buongiorno,\n\nl'alimentatore del NAS seriale Q21BI04567 è rumoroso. Il NAS non funziona regolarmente: si spegne da solo ogni notte.\n\nSaluti,\nMarco Rossi\n"},
	{name: "Severity/GermanSwitchInOrderNASRestarts", field: "severity", want: "high",
		body: "Hallo,\n\nbeim Switch ist alles in Ordnung. Der NAS Seriennummer Q21BI04567 startet aber alle paar Stunden neu.\n\nGrüße\nMichael Braun\n"},
	{name: "Severity/FrenchResellerSaysResolvedButNot", field: "severity", want: "high",
		body: "Bonjour,\n\nLe NAS numéro de série Q21BI04567 redémarre toutes les nuits. Le support de notre revendeur dit que tout est rentré dans l'ordre, mais ce n'est pas vrai.\n\nCordialement,\nMichel Dupont\n"},

	// --- wrong PO ---
	// Was a hole: 'Customer’s PO:' was no label, so the vendor's sales
	// order 'Vendor’s order no.: SO-99812' became the PO.
	{name: "PO/TypographicCustomersPO", field: "po_number", want: "4500123", body: eveTypoCustomersPO},
	{name: "PO/SupplierRefIsNow", field: "po_number", want: "SC-1182234",
		hole: "'the order ref from Scorptec is now SC-1182234' (after a cancelled one) gives no PO",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot. The order ref from Scorptec was SC-1180000 but it was cancelled; the order ref from Scorptec is now SC-1182234.\n\nThanks,\nMike Brown\n"},
	{name: "PO/SupplierStatusNotPO", field: "po_number", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot. The order status from Scorptec is SHIPPED, it arrived last week.\n\nThanks,\nMike Brown\n"},
	{name: "PO/SupplierRefNotPackingSlip", field: "po_number", want: "SC-1182234",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot. Our order ref with Scorptec is SC-1182234, not SC-1182000 as on the packing slip.\n\nThanks,\nMike Brown\n"},
	{name: "PO/ItalianTypographicSeeInvoice", field: "po_number", want: "",
		body: "Buongiorno,\n\nil NAS seriale Q21BI04567 non si avvia.\nNumero d’ordine: lo trovate nella fattura allegata\n\nSaluti,\nMarco Rossi\n"},
	{name: "InvoiceDate/FrenchSwitchPurchaseDate", field: "invoice_date", want: "",
		body: "Bonjour,\n\nLe NAS numéro de série Q21BI04567 ne démarre plus.\nDate d’achat du switch (pas le NAS) : 12/03/2021\nNuméro d’ordre : CMD-2024-5512\n\nCordialement,\nMichel Dupont\n"},

	// --- wrong contact, company, e-mail or phone ---
	{name: "Contact/NameAndTitleTitleFirst", field: "contact_name", want: "Rahul Menon",
		// was a hole: 'Name and title: Network Engineer, Rahul Menon' (title first) gives the whole value
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\nName and title: Network Engineer, Rahul Menon\n\nThanks,\nRahul\n"},
	{name: "Contact/NameAndTitleTitleOnly", field: "contact_name", want: "Mike Brown",
		// was a hole: 'Name and title: Sales Manager' (a title, no name) is the contact
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\nName and title: Sales Manager\n\nThanks,\nMike Brown\n"},
	{name: "Contact/NameAndTitleDepartment", field: "contact_name", want: "Mike Brown",
		// was a hole: 'Name and title: IT Department, Infra Solutions Pvt Ltd' is the contact
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\nName and title: IT Department, Infra Solutions Pvt Ltd\n\nThanks,\nMike Brown\n"},
	{name: "Contact/NameAndTitleCity", field: "contact_name", want: "Rahul Menon",
		// was a hole: 'Name and title: Rahul Menon, Bangalore' keeps the city in the name
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\nName and title: Rahul Menon, Bangalore\n\nThanks,\nRahul\n"},
	{name: "Contact/SwedishHalsningar", field: "contact_name", want: "Erik Svensson", body: eveSwedishQuestion},
	{name: "Contact/DutchTussenvoegsel", field: "contact_name", want: "Jan de Vries",
		body: "Hallo,\n\nde NAS met serienummer Q21BI04567 valt steeds uit.\n\nMet vriendelijke groet,\nJan de Vries\n"},
	{name: "Contact/AnsprechpartnerSeeSignature", from: "Reseller Support <rma@techresale.de>", field: "contact_name", want: "Eva Hofer",
		hole: "'Ansprechpartner beim Kunden: siehe Signatur unten' points to the forwarded customer's signature; the forwarder's signature (Thomas Maier) is read instead (it gave 'siehe Signatur unten' itself before)", body: eveFwdSeeSignature},
	{name: "Contact/AdAfterDashDash", field: "contact_name", want: "Michael Braun",
		hole: "a mail provider's ad after '--' hides the signature above it; the From display name is the contact",
		body: "Hallo,\n\nder NAS Seriennummer Q21BI04567 startet nicht mehr. Bitte senden Sie das Austauschgerät an die Adresse in meiner Signatur.\n\nGrüße\nMichael Braun\n\n--\nAktion: Senden Sie Ihr altes Handy an unsere Adresse: Mailo Recycling, Postfach 1, 76128 Karlsruhe und erhalten Sie 10 EUR!\n"},
	{name: "Contact/SamNotSamsung", field: "contact_name", want: "Sam",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\n\nThanks\nSam\n\nSamsung Electronics UK\n+44 20 7946 0000\n"},
	{name: "Contact/ResellerPipeLineInProse", field: "contact_name", want: "Dana Whitfield",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot. Our reseller contact is:\nPriya Shah | TechResale Ltd | +44 161 555 0199\n\nThanks,\nDana Whitfield\nKestrel Media\n"},
	// Was a hole: the vendor's own footer as the last line ('QNAP Systems,
	// Inc. · Support Department · +886 ...') gave the customer's company.
	{name: "Company/VendorFooterLastLine", field: "company", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\nQNAP Systems, Inc. · Support Department · +886 2 2641 2000\n"},
	{name: "Email/VendorContactTableHTML", html: true, field: "email", want: "mike@acme-corp.com",
		hole: "a pasted HTML row 'QCT RMA E-Mail: | | rma@qct.example' under the signature gives the vendor's address as the contact e-mail", body: eveVendorContactTable},
	{name: "Phone/FrenchHotlineImperative", field: "phone", want: "+33 6 12 34 56 78",
		hole: "'appelez le +33 1 ...' about the vendor's own hotline wins over 'je suis joignable au +33 6 ...'",
		body: "Bonjour,\n\nle NAS numéro de série Q21BI04567 ne démarre plus. Nous avons déjà appelé votre hotline, appelez le +33 1 70 00 00 00 si vous voulez la joindre aussi ; moi je suis joignable au +33 6 12 34 56 78.\n\nCordialement,\nMichel Dupont\n"},
}
