package parser

import (
	"strings"
	"testing"
)

// anwMail builds a plain-text message from a body for the newest-readings attacks.
func anwMail(from, subject, body string) []byte {
	return []byte("From: " + from + "\r\n" +
		"To: support@vendor.example\r\n" +
		"Subject: " + subject + "\r\n" +
		"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n" +
		"Message-ID: <anw@customer.example>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n"))
}

type anwCase struct {
	name  string
	from  string
	body  string
	field string // ship_to, company, contact_name, invoice_date, firmware, severity, serials
	want  string
	hole  string // non-empty: known hole, reason
}

func anwGet(m *Message, field string) string {
	switch field {
	case "ship_to":
		return m.Fields.ShipTo
	case "bill_to":
		return m.Fields.BillTo
	case "company":
		return m.Fields.Company
	case "contact_name":
		return m.Fields.ContactName
	case "invoice_date":
		return m.Fields.InvoiceDate
	case "severity":
		return m.Fields.Severity
	case "firmware":
		var fw []string
		for _, u := range m.Units {
			fw = append(fw, u.Firmware)
		}
		return strings.Join(fw, "|")
	case "serials":
		var s []string
		for _, u := range m.Units {
			s = append(s, u.SerialNumber)
		}
		return strings.Join(s, "|")
	}
	panic("unknown field " + field)
}

func TestAttackNewest(t *testing.T) {
	for _, c := range anwCases {
		t.Run(c.name, func(t *testing.T) {
			from := c.from
			if from == "" {
				from = "Mike Brown <mike@acme-corp.com>"
			}
			m, err := Parse(anwMail(from, "Replacement needed", c.body))
			if err != nil {
				t.Fatal(err)
			}
			got := anwGet(m, c.field)
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

var anwCases = []anwCase{
	// --- ShipTo ---
	{name: "ShipTo/AsksWhichAddress", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you send the label to which address? Our warehouse or our office:\n12 Main Street, Springfield, IL 62701\n\nThanks,\nMike Brown\n"},
	// Was a HOLE (the vendor's depot after 'Could you tell us your address? We will send the unit to:' was taken as ship-to); fixed by parsefix7 (colonShipSentence).
	{name: "ShipTo/AsksVendorAddress", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you tell us your address? We will send the unit to:\nVendor Returns Center, 5 Depot Road, Reno, NV 89502\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/PastConditionalLastTime", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you have sent it to: 9 Old Lane, Dover, DE 19901 last time? It got lost.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/OldAddress", field: "ship_to", want: "1 New Road, Austin, TX 78701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease do not ship the replacement to us, our old address:\n9 Old Lane, Dover, DE 19901\nWe moved. Please ship to: 1 New Road, Austin, TX 78701\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/NegatedPolite", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you NOT send the replacement to: 9 Old Lane, Dover, DE 19901? We have closed that site, new address follows tomorrow.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/QuotedOldRequest", field: "ship_to", want: "",
		body: "Hello,\n\nThe second NAS serial Q21BI04999 now fails too, please open a new case.\n\nMike\n\nOn Mon, 2 Nov 2026, Mike Brown wrote:\n> Could you send the replacement to:\n> 9 Old Lane, Dover, DE 19901\n"},
	{name: "ShipTo/VendorAfterColon", hole: "a polite request withdrawn in the same line keeps the prose after the colon, vendor depot included, as ship-to", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you send the replacement to: the same place we sent the broken one, your depot at 5 Depot Road, Reno, NV 89502? No, sorry, we keep it here, please just tell us the next steps.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/ThirdPartyShipFrom", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you send the replacement to us once our reseller has returned the broken one? Their address: TechResale GmbH, Hauptstr. 1, 10115 Berlin\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/FrenchPoliteKept", field: "ship_to", want: "Acme SARL, 3 rue de la Paix, 75002 Paris",
		body: "Bonjour,\n\nNotre NAS numéro de série Q21BI04567 ne démarre plus. Pourriez-vous envoyer le remplaçant à : Acme SARL, 3 rue de la Paix, 75002 Paris ?\n\nCordialement,\nMichel Dupont\n"},
	{name: "ShipTo/FrenchQuestionWhere", field: "ship_to", want: "",
		body: "Bonjour,\n\nNotre NAS numéro de série Q21BI04567 ne démarre plus. Pourriez-vous envoyer le remplaçant à quelle adresse : la nôtre ou celle du revendeur ?\n\nCordialement,\nMichel Dupont\n"},
	{name: "ShipTo/DutchLongLineKept", field: "ship_to", want: "Keizersgracht 100, 1015 CX Amsterdam",
		body: "Hallo,\n\nOnze NAS met serienummer Q21BI04567 start niet meer op sinds de update van vorige week en we hebben alles al geprobeerd, kunnen jullie de vervanger opsturen? Adres: Keizersgracht 100, 1015 CX Amsterdam\n\nGroeten,\nJan de Vries\n"},
	// Was a HOLE; fixed the same day (tailAddress).
	{name: "ShipTo/ItalianAsksAddressOnFile", field: "ship_to", want: "",
		body: "Buongiorno,\n\nil NAS seriale Q21BI04567 non si avvia. Dove dobbiamo spedire il guasto? Potete spedire il ricambio a: quale indirizzo avete in archivio per noi?\n\nSaluti,\nMarco Rossi\n"},
	{name: "ShipTo/MyAddressKept", field: "ship_to", want: "Jane Roe, 44 Elm St, Boston, MA 02110",
		body: "Hi,\n\nMy NAS serial Q21BI04567 is dead.\nPlease ship the replacement to me, my address:\nJane Roe, 44 Elm St, Boston, MA 02110\n\nThanks,\nJane Roe\n"},
	{name: "ShipTo/BillingNotShipping", field: "ship_to", want: "",
		body: "Hi,\n\nMy NAS serial Q21BI04567 is dead.\nPlease send the invoice to us, our address:\nAcme Accounts, PO Box 77, Boston, MA 02110\n\nThanks,\nJane Roe\n"},
	{name: "ShipTo/EmptyAfterColon", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Could you send the replacement to: ?\n\nThanks,\nMike Brown\n"},
	// Was a HOLE; fixed the same day (tailAddress).
	{name: "ShipTo/EmailNotAddress", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Could you send the RMA label to: mike@acme-corp.com?\n\nThanks,\nMike Brown\n"},
	// Was a HOLE; fixed the same day (tailAddress).
	{name: "ShipTo/UsualAddressNoAddress", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Could you send the replacement to: our usual address?\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/PortugueseKept", field: "ship_to", want: "Rua Augusta 10, 1100-053 Lisboa",
		body: "Olá,\n\nO NAS número de série Q21BI04567 não arranca. Podem enviar a substituição para: Rua Augusta 10, 1100-053 Lisboa?\n\nObrigado,\nJoão Silva\n"},
	{name: "ShipTo/DutchSeeBelow", field: "ship_to", want: "",
		body: "Hallo,\n\nOnze NAS met serienummer Q21BI04567 start niet. Kunnen jullie de vervanger opsturen? Adres: zie hieronder in mijn handtekening.\n\nGroeten,\nJan de Vries\n"},
	// Was a HOLE; fixed the same day (notPostal).
	{name: "ShipTo/PhoneAfterOurAddress", field: "ship_to", want: "", body: "Hi,\n\nNAS serial Q21BI04567 is dead.\nPlease ship the replacement to us, our address:\n+1 408 555 0143\n\nThanks,\nMike Brown\n"},
	// Was a HOLE; fixed the same day (tailAddress).
	{name: "ShipTo/URLAfterColon", field: "ship_to", want: "", body: "Hi,\n\nOur NAS serial Q21BI04567 is dead. Could you send the replacement to: https://acme-corp.example/shipping-form?\n\nThanks,\nMike Brown\n"},
	// Was a HOLE; fixed the same day (tailAddress).
	{name: "ShipTo/VendorDepotForTesting", field: "ship_to", want: "", body: "Hi,\n\nOur NAS serial Q21BI04567 is dead. Could you send the replacement to: your Reno depot first for burn-in testing?\n\nThanks,\nMike Brown\n"},
	// Was a HOLE; fixed the same day (tailAddress).
	{name: "ShipTo/TrailingPickupQuestion", field: "ship_to", want: "12 Main Street, Springfield, IL 62701", body: "Hi,\n\nOur NAS serial Q21BI04567 is dead. Could you send the replacement to: 12 Main Street, Springfield, IL 62701? Or should we pick it up at your depot, 5 Depot Road, Reno?\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/WhyDidYouSendLastTime", field: "ship_to", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 is dead. Why did you send the last replacement to: 9 Old Lane, Dover, DE 19901? We never lived there.\n\nThanks,\nMike Brown\n"},
	// Was a HOLE ('If you cannot repair it, could you send the replacement to:' over the address gave no ship-to); fixed by parsefix7 (shipSentence).
	{name: "ShipTo/ConditionalPoliteNextLine", field: "ship_to", want: "12 Main Street, Springfield, IL 62701",
		body: "Hi,\n\nNAS serial Q21BI04567 is dead.\nIf you cannot repair it, could you send the replacement to:\n12 Main Street, Springfield, IL 62701\n\nThanks,\nMike Brown\n"},
	// --- Serial ---
	{name: "Serial/OtherNASIsFine", field: "serials", want: "Q21BI04567",
		body: "Hi,\n\nThe NAS with serial Q21BI04567 fails to boot; our other NAS (serial Q21BI04999) is fine.\n\nThanks,\nMike Brown\n"},
	{name: "Serial/OtherIsFineButBrokenInParens", field: "serials", want: "Q21BI04999",
		body: "Hi,\n\nOur other NAS (serial Q21BI04567) is fine, but this one, serial Q21BI04999, fails to boot.\n\nThanks,\nMike Brown\n"},
	{name: "Serial/WasFineNowBroken", field: "serials", want: "Q21BI04567",
		body: "Hi,\n\nOur other NAS (serial Q21BI04567) was fine until yesterday, now it fails to boot too.\n\nThanks,\nMike Brown\n"},
	{name: "Serial/NotFine", field: "serials", want: "Q21BI04567",
		body: "Hi,\n\nOur other NAS (serial Q21BI04567) is not fine anymore: disk 2 fails every night.\n\nThanks,\nMike Brown\n"},
	{name: "Serial/OnlySerialIsTheFineOne", field: "serials", want: "",
		body: "Hi,\n\nThis NAS fails to boot (no label on it); our other NAS (serial Q21BI04999) works fine.\n\nThanks,\nMike Brown\n"},
	// Was a HOLE ('NAS serial X is dead. Could you send the replacement to: <addr>?' on one line lost the unit); fixed by parsefix7 (labelledLines).
	{name: "Serial/NASSerialLineWithPoliteShipTo", field: "serials", want: "Q21BI04567",
		body: "Hi,\n\nNAS serial Q21BI04567 is dead. Could you send the replacement to: 12 Main Street, Springfield, IL 62701?\n\nThanks,\nMike Brown\n"},
	// --- Contact ---
	{name: "Contact/MikeWritesRealContent", hole: "'Thanks, Mike' under Mike's own real request over a forward gives the forwarded sender as contact", field: "contact_name", want: "Mike Brown",
		body: "Hi support,\n\nI am the admin here. Our own NAS serial Q21BI04567 fails to boot as well, and I need the replacement for it urgently, please call me at +1 408 555 0143.\n\nThanks, Mike\n\n---------- Forwarded message ---------\nFrom: Sara Lee <sara@acme-corp.com>\nDate: Mon, 30 Nov 2026 09:00\nSubject: NAS dead\n\nMike, the NAS in room 4 is dead.\nSara\n"},
	{name: "Contact/BareSignoffForward", field: "contact_name", want: "Sara Lee",
		body: "Thanks, Mike\n\n---------- Forwarded message ---------\nFrom: Sara Lee <sara@client.example>\nDate: Mon, 30 Nov 2026 09:00\nSubject: NAS dead\n\nOur NAS serial Q21BI04567 is dead, please replace.\nSara Lee\n"},
	{name: "Contact/ForwardOfVendorReply", field: "contact_name", want: "Mike Brown",
		body: "Thanks, Mike\n\n---------- Forwarded message ---------\nFrom: Vendor Support <support@vendor.example>\nDate: Mon, 30 Nov 2026 09:00\nSubject: Re: NAS dead\n\nDear customer, please send us the serial number of your NAS.\nKind regards,\nPeter Agent\n"},
	// --- Company ---
	{name: "Company/TitleAtCustomersCustomer", field: "company", want: "",
		body: "Hi,\n\nI am the IT contractor for our client; the NAS serial Q21BI04567 at their site fails to boot.\nThe on-site person is John Smith, Facility Manager at Bigshop Inc., who can receive it.\n\nThanks,\nMike Brown\n"},
	{name: "Company/TitleAtOurOffice", field: "company", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\nIT Manager at our Berlin office\n"},
	// Was a HOLE (the legal data of the sender's bank gave the sender's company); fixed by parsefix7 (notOwnCompany).
	{name: "Company/BankLegalNotice", field: "company", want: "",
		body: "Hallo,\n\nunser NAS Seriennummer Q21BI04567 startet nicht.\nBitte überweisen Sie eine eventuelle Gutschrift an unser Konto bei der Musterbank AG, Sitz Frankfurt am Main, Registergericht Frankfurt HRB 12345.\n\nGrüße\nMichael Braun\n"},
	{name: "Company/ResellerLegalNotice", field: "company", want: "Braun IT GmbH",
		body: "Hallo,\n\nunser NAS Seriennummer Q21BI04567 startet nicht.\n\nGrüße\nMichael Braun\nBraun IT GmbH\n\nGekauft bei: Reseller Handel GmbH, Sitz München, Registergericht München HRB 99999\n"},
	// Was a HOLE (a third party's legal data inside a delivery address gave the sender's company); fixed by parsefix7 (notOwnCompany).
	{name: "Company/LandlordInAddress", field: "company", want: "",
		body: "Hallo,\n\nunser NAS Seriennummer Q21BI04567 startet nicht. Lieferung bitte an die Hausverwaltung: Immo Verwaltung GmbH, Sitz Köln, HRB 4711, Domstr. 1, 50667 Köln\n\nGrüße\nMichael Braun\n"},
	{name: "Company/CroatianSignatureKept", field: "company", want: "Tehno d.o.o.",
		body: "Pozdrav,\n\nNAS serijski broj Q21BI04567 se ne pokreće.\n\nIvan Horvat, Tehno d.o.o., +385 1 234 5678\n"},
	{name: "Company/CroatianCustomerMentioned", field: "company", want: "",
		body: "Pozdrav,\n\nNAS serijski broj Q21BI04567 se ne pokreće. Kupac je: Ana Kovač, Klijent d.o.o., +385 1 999 8888\n\nPozdrav\n"},
	{name: "Company/JapaneseIntroPlusSignature", field: "company", want: "株式会社テスト",
		body: "お世話になります。\n株式会社サンプルの山田様からご紹介いただきました。\nNAS シリアル番号 Q21BI04567 が起動しません。\n\n株式会社テスト\n佐藤 花子\n"},
	// --- Firmware ---
	// Was a HOLE ('Firmware: see screenshot from <date>' gave firmware, the digit from the date); fixed by parsefix7 (versionIn).
	{name: "Firmware/SeeScreenshotDated", field: "firmware", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 fails.\nFirmware: see screenshot from 2024-11-30\n\nMike Brown\n"},
	// Was a HOLE ('Firmware: unknown, ... since 2024' gave firmware, the digit from a year); fixed by parsefix7 (versionIn).
	{name: "Firmware/UnknownVersion", field: "firmware", want: "",
		body: "Hi,\n\nNAS serial Q21BI04567 fails.\nFirmware: unknown, cannot log in since 2024\n\nMike Brown\n"},
	// --- Severity ---
	{name: "Severity/BMCHangsAndDown", field: "severity", want: "critical",
		body: "Hi,\n\nServer serial Q21BI04567: the BMC web UI hangs, and the host is down, no longer serving anything since this morning.\n\nMike Brown\n"},
	{name: "Severity/KeepsServingNegated", field: "severity", want: "critical",
		body: "Hi,\n\nServer serial Q21BI04567: the IPMI hangs. It no longer keeps serving, all VMs are down.\n\nMike Brown\n"},
	// Was a HOLE ('alle paar Stunden' in a past, resolved sentence gave high); fixed by parsefix7 (resolvedWords).
	{name: "Severity/AllePaarStundenNegated", field: "severity", want: "",
		body: "Hallo,\n\nServer Seriennummer Q21BI04567: der Lüfter war früher alle paar Stunden laut, seit dem Firmware-Update ist alles in Ordnung. Nur zur Info.\n\nGrüße\nMichael Braun\n"},
	// Was a HOLE ('keeps serving' while files are corrupted and lost gave no severity); fixed by parsefix7 (totalOutage).
	{name: "Severity/WebUIHangsButDataLoss", field: "severity", want: "critical",
		body: "Hi,\n\nNAS serial Q21BI04567: the web UI hangs while the unit keeps serving, but files written since Monday are corrupted and lost.\n\nMike Brown\n"},
	// --- InvoiceDate ---
	{name: "InvoiceDate/PolishDeliveryZDnia", field: "invoice_date", want: "2023-01-15",
		body: "Dzień dobry,\n\nNAS numer seryjny Q21BI04567 nie uruchamia się. Faktura FV/123/2023 z dnia 15.01.2023, dostawa WZ/55/2023 z dnia 20.01.2023.\n\nPozdrawiam\nJan Kowalski\n"},
	{name: "InvoiceDate/PolishPaymentZDnia", field: "invoice_date", want: "",
		body: "Dzień dobry,\n\nNAS numer seryjny Q21BI04567 nie uruchamia się. Przelew z dnia 30.01.2023 do FV/123/2023.\n\nPozdrawiam\nJan Kowalski\n"},
	{name: "InvoiceDate/PolishWZOnly", field: "invoice_date", want: "",
		body: "Dzień dobry,\n\nNAS numer seryjny Q21BI04567 nie uruchamia się. Dostawa WZ/55/2023 z dnia 20.01.2023.\n\nPozdrawiam\nJan Kowalski\n"},
	{name: "InvoiceDate/PolishCorrectionInvoice", field: "invoice_date", want: "2023-01-15",
		body: "Dzień dobry,\n\nNAS numer seryjny Q21BI04567 nie uruchamia się. Faktura FV/12/2023 z dnia 15.01.2023 (korekta FV/KOR/3/2023 z dnia 02.02.2023).\n\nPozdrawiam\nJan Kowalski\n"},
}
