package parser

import (
	"strings"
	"testing"
)

// Black-box attacks on the readings of issue 13's late round (commits
// 4a701a7..parsefix9): labels apart from values by a run of spaces,
// "Customer's PO:", ship-to blocks headed by "so any replacement should go
// to:" / "send the new unit here:", ended by opening hours or "and have ...",
// firmware component items, the running version beside a planned one or after
// an arrow, severity phrases in Chinese/Spanish/Portuguese/Dutch, rate drops
// ("it used to do 300 Mbps"), contact values that are titles or pointers,
// "Surname, Given" From names, Altai model names, more closings. The test is
// named TestAttackNightLate so `go test -run TestAttackNight` runs it too.
// Cases with hole set are known wrong today and skip (and fail once the
// parser gets them right); the rest guard readings that held.

// latMail builds a message from a body (plain text, or HTML when html is set).
func latMail(from, body string, html bool) []byte {
	ct := "text/plain"
	if html {
		ct = "text/html"
	}
	return []byte("From: " + from + "\r\n" +
		"To: support@vendor.example\r\n" +
		"Subject: Replacement needed\r\n" +
		"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n" +
		"Message-ID: <lat@customer.example>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: " + ct + "; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n"))
}

type latCase struct {
	name  string
	from  string
	html  bool
	body  string
	field string // ship_to, bill_to, po_number, invoice_number, invoice_date, company, phone, email, contact_name, severity, firmware, serials, parts, models
	want  string
	hole  string // non-empty: known hole, reason
}

func latUnits(m *Message, f func(Unit) string) string {
	var s []string
	for _, u := range m.Units {
		s = append(s, f(u))
	}
	return strings.Join(s, "|")
}

func latGet(m *Message, field string) string {
	switch field {
	case "ship_to":
		return m.Fields.ShipTo
	case "bill_to":
		return m.Fields.BillTo
	case "po_number":
		return m.Fields.PONumber
	case "invoice_number":
		return m.Fields.InvoiceNumber
	case "invoice_date":
		return m.Fields.InvoiceDate
	case "company":
		return m.Fields.Company
	case "phone":
		return m.Fields.Phone
	case "email":
		return m.Fields.Email
	case "contact_name":
		return m.Fields.ContactName
	case "severity":
		return m.Fields.Severity
	case "firmware":
		return latUnits(m, func(u Unit) string { return u.Firmware })
	case "serials":
		return latUnits(m, func(u Unit) string { return u.SerialNumber })
	case "parts":
		return latUnits(m, func(u Unit) string { return u.PartNumber })
	case "models":
		return latUnits(m, func(u Unit) string { return u.Model })
	}
	panic("unknown field " + field)
}

func TestAttackNightLate(t *testing.T) { runLatCases(t, latCases) }

// runLatCases parses each case's mail and checks its field: a case with a
// hole skips while the parser gets it wrong, and fails once it gets it
// right (drop the hole then).
func runLatCases(t *testing.T, cases []latCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			from := c.from
			if from == "" {
				from = "Mike Brown <mike@acme-corp.com>"
			}
			m, err := Parse(latMail(from, c.body, c.html))
			if err != nil {
				t.Fatal(err)
			}
			got := latGet(m, c.field)
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

var latCases = []latCase{
	// --- ShipTo: addresses that are not the customer's ---
	{name: "ShipTo/SpacedReturnToVendor", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Your portal says:\n\nReturn to     QNAP Returns Center, 5 Depot Road, Reno, NV 89502\n\nWhere do I send the broken one, and when does the replacement come?\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/SpacedVendorFormShipFromLeaks", field: "ship_to", want: "",
		hole: "the vendor's RMA form row 'Ship to <vendor depot>' is taken as ship-to and the next row 'Ship from     <customer>' is glued onto it",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. This is what your RMA form showed me:\n\nRMA number    pending\nShip to       Vendor Returns Center, 5 Depot Road, Reno, NV 89502\nShip from     Acme Corp, 12 Main Street, Springfield, IL 62701\n\nSo I am supposed to send the broken one to you first?\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/HTMLReturnToRowLeaksNextRow", html: true, field: "ship_to", want: "",
		hole: "an HTML 'Return to' row (vendor's depot, spacer cell) is read as ship-to, with the next row 'Sales order |  | SO-448812' glued on",
		body: "<html><body><p>Hello,</p><p>Our NAS serial Q21BI04567 fails to boot. Your RMA form printed this, where do I send the broken one?</p>\n<table><tr><td>Return to</td><td>&nbsp;</td><td>Vendor Returns Center, 5 Depot Road, Reno, NV 89502</td></tr><tr><td>Sales order</td><td>&nbsp;</td><td>SO-448812</td></tr></table><p>Thanks,<br>Mike Brown</p></body></html>\n"},
	// Integrator's guard for the fix: the next row of a form ends the address.
	{name: "ShipTo/ShipFromRowEndsIt", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:      Acme Corp, 12 Main Street, Springfield, IL 62701\nShip from:    Acme Lab, 4 Side Road, Springfield, IL 62702\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/BrandAsPlaceNameKept", field: "ship_to", want: "Altai Mountain Lodge, 12 Lake Road, Gorno-Altaysk 649000, Russia",
		body: "Hello,\n\nOur A8n serial AB1234567 is dead.\n\nShip to: Altai Mountain Lodge, 12 Lake Road, Gorno-Altaysk 649000, Russia\n\nThanks,\nOlga\n"},
	{name: "ShipTo/AttnLineKept", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701, Attn: Jane Doe",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to: Acme Corp, 12 Main Street, Springfield, IL 62701\nAttn: Jane Doe\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/AndThenHaveCourier", field: "ship_to", want: "1200 Harbor Blvd, Suite 300, Oakland, CA 94607",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease ship the replacement parts to our lab at 1200 Harbor Blvd, Suite 300, Oakland, CA 94607 and then have the courier take the old parts to 5 Depot Road, Reno, NV 89502.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/AndHaveTechnicianKept", field: "ship_to", want: "1200 Harbor Blvd, Suite 300, Oakland, CA 94607",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease ship the replacement parts to our lab at 1200 Harbor Blvd, Suite 300, Oakland, CA 94607 and have the technician bring them, he works from 55 Field Road, Fresno, CA 93650.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/SoAnyReplacementQuoted", field: "ship_to", want: "",
		body: "Hello,\n\nIs there any update on the replacement? The NAS serial Q21BI04567 is still down.\n\nThanks,\nMike Brown\n\n-----Original Message-----\nFrom: Mike Brown <mike@acme-corp.com>\nSent: Monday, November 30, 2026 9:00 AM\nSubject: Replacement needed\n\n> We moved last month, so any replacement should go to:\n> 1 New Road, Austin, TX 78701\n"},
	{name: "ShipTo/SoAnyReplacementResellerAside", field: "ship_to", want: "1 New Road, Austin, TX 78701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease ship the replacement to our office. We moved last month, so any replacement should go to:\n1 New Road, Austin, TX 78701\n(not to the old site, and not to our reseller: TechResale, 5 Depot Road, Reno, NV 89502)\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/SendHereNegated", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease do not send the new unit here:\nAcme Corp, 12 Main Street, Springfield, IL 62701\nwe are closing this office, I will send the new address tomorrow.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/SendHereQuoted", field: "ship_to", want: "",
		body: "Hello,\n\nAny news on the replacement for NAS serial Q21BI04567? It is still down.\n\nThanks,\nMike Brown\n\n> On Mon, 30 Nov 2026, Mike Brown wrote:\n> Please send the new unit here:\n> Acme Corp, 12 Main Street, Springfield, IL 62701\n"},
	{name: "ShipTo/DockHoursThenVendorReturn", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nShip to:\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\nDock hours 7am-3pm CT.\nReturn address for the defective unit per your label: Vendor Returns Center, 5 Depot Road, Reno, NV 89502\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/HTMLQuotedRows", html: true, field: "ship_to", want: "",
		body: "<html><body><p>Hello,</p><p>Any news on the replacement for NAS serial Q21BI04567? Still down.</p><p>Thanks,<br>Mike Brown</p>\n<blockquote type=\"cite\"><p>On Mon, Support wrote:</p><table><tr><td>Ship to</td><td>&nbsp;</td><td>Vendor Returns Center, 5 Depot Road, Reno, NV 89502</td></tr><tr><td>PO</td><td>&nbsp;</td><td>4500999999</td></tr></table></blockquote></body></html>\n"},
	{name: "ShipTo/SpacedTwoPairsOnOneLine", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		hole: "two spaced label/value pairs on one line ('System serial   X      Ship to   <address>', a two-column table) give neither the ship-to nor the serial",
		body: "Hello,\n\nOur NAS fails to boot.\n\nSystem serial   Q21BI04567      Ship to   Acme Corp, 12 Main Street, Springfield, IL 62701\nBill to   Acme Accounts, PO Box 77, Boston, MA 02110\n\nThanks,\nMike Brown\n"},
	{name: "Serial/SpacedTwoPairsOnOneLine", field: "serials", want: "Q21BI04567",
		hole: "the serial of a two-column spaced row ('System serial   Q21BI04567      Ship to   ...') is lost: no unit at all",
		body: "Hello,\n\nOur NAS fails to boot.\n\nSystem serial   Q21BI04567      Ship to   Acme Corp, 12 Main Street, Springfield, IL 62701\nBill to   Acme Accounts, PO Box 77, Boston, MA 02110\n\nThanks,\nMike Brown\n"},

	// --- PO: numbers that are not the customer's order reference ---
	{name: "PO/CustomersPOOfSisterCompany", field: "po_number", want: "PO-77812",
		hole: "a 'Customer's PO:' line the customer says is not theirs beats their own 'Our PO number:' on the next line",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Please send the replacement.\n\nYour order confirmation said:\nCustomer's PO: 4500999999 (this was the PO of our sister company, not ours, ours is below)\nOur PO number: PO-77812\n\nThanks,\nMike Brown\n"},
	{name: "PO/CustomersPOOverSpacedSalesOrder", field: "po_number", want: "4500123456",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nSales order   SO-448812\nCustomer's PO:   4500123456\n\nThanks,\nMike Brown\n"},
	{name: "PO/SpacedOrderNumberIsVendorSO", field: "po_number", want: "",
		hole: "a spaced 'Order number      SO-448812' row of the vendor's order confirmation is read as the customer's PO (the PO row says not yet issued)",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. From your order confirmation:\n\nOrder number      SO-448812\nPO                see attached (not yet issued)\n\nThanks,\nMike Brown\n"},
	{name: "PO/HTMLYourOrderNoIsVendorSO", html: true, field: "po_number", want: "",
		hole: "an HTML row 'Your order no. | | SO-448812' (the vendor's order, spacer cells) is the PO although the 'Customer's PO' row says none",
		body: "<html><body><p>Hello,</p><p>Our NAS serial Q21BI04567 fails to boot.</p>\n<table><tr><td>Our reference</td><td>&nbsp;</td><td></td><td>TKT-55</td></tr><tr><td>Customer's PO</td><td>&nbsp;</td><td></td><td>(none, warranty)</td></tr><tr><td>Your order no.</td><td></td><td>&nbsp;</td><td>SO-448812</td></tr></table><p>Thanks,<br>Mike Brown</p></body></html>\n"},
	{name: "Part/HTMLOurReferenceIsNotPart", html: true, field: "parts", want: "",
		hole: "an HTML row 'Our reference | | | TKT-55' (the customer's own ticket reference) gives the unit part number TKT-55",
		body: "<html><body><p>Hello,</p><p>Our NAS serial Q21BI04567 fails to boot.</p>\n<table><tr><td>Our reference</td><td>&nbsp;</td><td></td><td>TKT-55</td></tr><tr><td>Customer's PO</td><td>&nbsp;</td><td></td><td>(none, warranty)</td></tr><tr><td>Your order no.</td><td></td><td>&nbsp;</td><td>SO-448812</td></tr></table><p>Thanks,<br>Mike Brown</p></body></html>\n"},
	{name: "PO/CustomersPOToFollow", field: "po_number", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCustomer's PO: to follow, purchasing is still on it (our quote was Q-2026-1182)\n\nThanks,\nMike Brown\n"},
	{name: "PO/CustomersPOQuotedFromPortal", field: "po_number", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nYour portal shows \"Customer's PO: 4500999999\" on our case, but that is not our number, it belongs to another customer. We have no PO for this.\n\nThanks,\nMike Brown\n"},
	{name: "PO/CustomersPOInQuote", field: "po_number", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Please send a replacement.\n\nThanks,\nMike Brown\n\nOn Mon, 30 Nov 2026, Mike Brown wrote:\n> Customer's PO: 4500999999\n> Ship to       12 Main Street, Springfield, IL 62701\n"},

	// --- Firmware: planned versions, other devices ---
	{name: "Firmware/ArrowToPlannedVersion", field: "firmware", want: "5.1.0.2424",
		body: "Hello,\n\nThe NAS serial Q21BI04567 reboots every hour.\nFirmware: 5.1.0.2424 → 5.2.1.2930 (planned for next week, not done yet)\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/ArrowRollbackFailed", field: "firmware", want: "5.2.1.2930",
		body: "Hello,\n\nNAS serial Q21BI04567 reboots every hour since the update.\nFirmware: 5.2.1.2930 → rolled back to 5.1.0.2424 yesterday? No, the rollback failed, still on 5.2.1.2930.\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/AllUnitsExceptSecond", field: "firmware", want: "5.1.0.2424|5.2.1.2930",
		hole: "'Firmware (all units): 5.1.0.2424, except the second one which we already updated to 5.2.1.2930' gives both units the whole sentence",
		body: "Hello,\n\nTwo NAS units fail to boot:\nSN: Q21BI04567\nSN: Q21BI04568\nFirmware (all units): 5.1.0.2424, except the second one which we already updated to 5.2.1.2930\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/JapanesePlannedBIOSMakesUnit", field: "firmware", want: "5.1.0.2424",
		body: "お世話になっております。\n\nシリアル番号：Q21BI04567\n毎時間再起動します。\nファームウェア：5.2.1.2930 にアップデート予定（現在 5.1.0.2424）\nBIOS：3B13 にアップデート予定\n\nよろしくお願いいたします。\n山田太郎\n"},
	{name: "Firmware/BMCOfBackupServer", field: "firmware", want: "|",
		body: "Hello,\n\nTwo units fail:\nSN: Q21BI04567\nSN: Q21BI04568\nBMC 4.30.01 (this is the BMC of our backup server, the NAS units run 5.1.0)\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/BIOSItemOnSecondUnitOnly", field: "firmware", want: "|BIOS 3B13.Q402",
		body: "Hello,\n\nTwo servers fail to boot:\nS/N A1-R20-440215, P/N 1S5BZZZ0ST1\nS/N A1-R20-440216, P/N 1S5BZZZ0ST1, BIOS 3B13.Q402\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/QuotedRecommendedBMC", field: "firmware", want: "",
		body: "Hello,\n\nThe NAS serial Q21BI04567 still reboots after the update you asked for.\n\nThanks,\nMike Brown\n\nOn Mon, 30 Nov 2026, Support wrote:\n> Please update to BMC 4.30.01 and report back.\n"},
	{name: "Model/AltaiInQuoteNotTaken", field: "models", want: "X3-Ein",
		body: "Hello,\n\nOur access point serial AT2201-5567 drops clients every hour. It is an X3-Ein.\n\nThanks,\nMike Brown\n\n> Support wrote: if you have an A8n-Ei, please update.\n"},

	// --- Severity: hypotheticals, questions, other devices ---
	{name: "Severity/ChineseHypotheticalCannotStart", field: "severity", want: "low",
		body: "您好，\n\nNAS 序列号 Q21BI04567 的风扇噪音有点大，目前运行正常。\n如果风扇坏了，系统可能会无法启动，所以请尽快更换风扇。\n\n谢谢\n李明\n"},
	{name: "Severity/ChineseOtherDeviceCannotStart", field: "severity", want: "low",
		body: "您好，\n\nNAS 序列号 Q21BI04567 的一个硬盘指示灯变成橙色，系统运行正常，不影响业务。\n（另外，我们的打印机无法启动，但那不是你们的产品。）\n\n谢谢\n李明\n"},
	{name: "Severity/MbpsDropOfISPLine", field: "severity", want: "low",
		body: "Hello,\n\nThe NAS serial Q21BI04567 has one fan that is louder than the others, otherwise fine.\nUnrelated: our ISP line gives 20 Mbps today, it used to do 300 Mbps, we are on it with the ISP.\n\nThanks,\nMike Brown\n"},
	{name: "Severity/SpanishQuestionSlowdown", field: "severity", want: "low",
		hole: "'¿Es normal que las copias tarden el doble después de cambiar el ventilador? Solo pregunto' (a question about a future step) reads as a large slowdown: high",
		body: "Hola,\n\nEl NAS con número de serie Q21BI04567 tiene un ventilador ruidoso, pero funciona bien.\n¿Es normal que las copias tarden el doble después de cambiar el ventilador? Solo pregunto antes de hacerlo.\n\nSaludos,\nCarlos Ruiz\n"},
	{name: "Severity/DutchHypotheticalSlow", field: "severity", want: "low",
		hole: "'Als de schijf uitvalt, wordt de performance erg slecht' (if the disk fails, performance gets very bad) reads high for a disk warning",
		body: "Hallo,\n\nDe NAS met serienummer Q21BI04567 geeft een waarschuwing over schijf 3, verder werkt alles.\nAls de schijf uitvalt, wordt de performance erg slecht, dus graag een vervangende schijf.\n\nGroeten,\nJan de Vries\n"},
	{name: "Severity/StandstillNegated", field: "severity", want: "low",
		body: "Hello,\n\nThe NAS serial Q21BI04567 shows a degraded disk warning. Work is not at a standstill, everything still runs.\n\nThanks,\nMike Brown\n"},

	// --- Contact ---
	{name: "Contact/DutchGroetenSignature", field: "contact_name", want: "Jan de Vries",
		body: "Hallo,\n\nDe NAS met serienummer Q21BI04567 geeft een waarschuwing over schijf 3.\n\nGroeten,\nJan de Vries\n"},
	{name: "Contact/SeeSignatureForwardedVendorReply", field: "contact_name", want: "Mike Brown",
		hole: "'Contact: see signature below' over a forwarded reply of the vendor's engineer takes her signature (Anna Lee, QNAP) as the customer contact",
		body: latVendorFwd},
	{name: "Email/SeeSignatureForwardedVendorReply", field: "email", want: "mike@acme-corp.com",
		hole: "the forwarded vendor reply's From (anna.lee@qnap.com) becomes the contact e-mail: the desk would write to the vendor's own engineer",
		body: latVendorFwd},
	{name: "Phone/VendorHotlineSegment", field: "phone", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. I called your hotline as your last mail said:\nQNAP Systems, Inc. | Support Department | Tel. +886 2 2641 2000\n\nThanks,\nMike Brown\nAcme Corp\n"},
	{name: "Company/ResellerOfVendorLine", field: "company", want: "Acme Corp",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nThanks a lot,\nMike Brown\nIT Manager\nAcme Corp · +1 (408) 555-0143\nAuthorised reseller of QNAP Systems, Inc.\n"},
}

// latVendorFwd: the customer's request with a contact pointer, above a
// forwarded reply from the vendor's engineer.
const latVendorFwd = "Hello,\n\nContact: see signature below\nOur NAS serial Q21BI04567 fails to boot.\n\nKindest regards,\nMike Brown\n\n" +
	"---------- Forwarded message ---------\nFrom: Anna Lee <anna.lee@qnap.com>\nSubject: RE: case\n\nPlease send us the serial.\n\n" +
	"Best regards,\nAnna Lee\nTechnical Support Engineer\nQNAP Systems, Inc.\n"
