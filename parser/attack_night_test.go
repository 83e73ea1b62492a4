package parser

import (
	"strings"
	"testing"
)

// Black-box attacks on the readings of issue 13's night round (commits
// 8f2ff18~12..8f2ff18): invoice number + bare date, "not urgent" in many
// languages, dead on arrival, more ship-to labels, CJK/PT invoice-date labels,
// pairs split at " · ", " • ", " - ", CJK firmware build suffix, "Surname,
// Given" From names, dotted leaders, Nordic closings, PT/ES/IT job titles,
// QNAP build / TrueNAS release names. Cases with hole set are known wrong
// today and skip; the rest guard readings that held.

// nitMail builds a plain-text message from a body for the night attacks.
func nitMail(from, body string) []byte {
	return []byte("From: " + from + "\r\n" +
		"To: support@vendor.example\r\n" +
		"Subject: Replacement needed\r\n" +
		"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n" +
		"Message-ID: <nit@customer.example>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n"))
}

type nitCase struct {
	name  string
	from  string
	body  string
	field string
	want  string
	hole  string // non-empty: known hole, reason
}

func nitGet(m *Message, field string) string {
	switch field {
	case "ship_to":
		return m.Fields.ShipTo
	case "company":
		return m.Fields.Company
	case "contact_name":
		return m.Fields.ContactName
	case "invoice_date":
		return m.Fields.InvoiceDate
	case "invoice_number":
		return m.Fields.InvoiceNumber
	case "po_number":
		return m.Fields.PONumber
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

var nitCases = []nitCase{
	// --- money: invoice date / number / PO ---
	{name: "InvDate/DueDateAfterNumber", field: "invoice_date", want: "",
		body: "Hello,\nInvoice: INV-2025-4411, due 15.09.2025\nSerial: SN-AX-881234\nThanks, Mike"},
	{name: "InvDate/DateRangeAfterNumber", field: "invoice_date", want: "",
		body: "Hello,\nInvoice: INV-2025-4411, 01.06.2025 - 30.06.2025\nSerial: SN-AX-881234\nMike"},
	{name: "InvDate/OrderDateLineAfterInvoice", field: "invoice_date", want: "",
		body: "Invoice: INV-2025-4411\nOrder date: 2025-05-02\nSerial: SN-AX-881234\nMike"},
	{name: "InvDate/QuotedOldInvoice", field: "invoice_date", want: "2025-06-17",
		body: "Serial: SN-AX-881234\nInvoice: INV-4411, 17.06.2025\nMike\n\n-----Original Message-----\nFrom: Billing\nInvoice: INV-1000, 01.01.2019"},
	{name: "InvDate/DateeDuThenDelivery", field: "invoice_date", want: "2025-05-12",
		body: "Bonjour,\nFacture FA-2025-118 datée du 12/05/2025, livraison le 20/05/2025.\nN° de série : SN-AX-881234\nCordialement,\nMike"},
	{name: "InvDate/DateeDuCreditNote", field: "invoice_date", want: "",
		body: "Bonjour,\nAvoir AV-22 datée du 01/09/2025 annulant la facture FA-2025-118.\nN° de série : SN-AX-881234\nMike"},
	{name: "InvDate/DatataOrder", field: "invoice_date", want: "",
		body: "Buongiorno,\nordine 4500123 datata 02/03/2025, fattura non ancora ricevuta.\nNumero di serie: SN-AX-881234\nSaluti, Mike"},
	{name: "InvDate/DatiertDeliveryNote", field: "invoice_date", want: "",
		body: "Hallo,\nLieferschein LS-2025-9 datiert vom 03.04.2025, Rechnung folgt.\nSeriennummer: SN-AX-881234\nGruß Mike"},
	{name: "InvDate/MiddotDeliveryThenInvoiceDate", field: "invoice_date", want: "2025-01-02",
		body: "Serial: SN-AX-881234 · Delivery date: 10.01.2025 - Invoice: INV-77 · Invoice date: 02.01.2025\nMike"},
	{name: "InvDate/DashDeliveryDate", field: "invoice_date", want: "",
		body: "Serial: SN-AX-881234 - Invoice: INV-77 - Delivery date: 10.01.2025\nMike"},
	{name: "InvDate/DottedLeaderTBDThenDelivery", field: "invoice_date", want: "",
		body: "Serial # ..... SN-AX-881234\nInvoice date ...... TBD, delivery 03.03.2025\nMike"},
	{name: "InvDate/JapaneseDueDateInParens", field: "invoice_date", want: "",
		body: "お世話になっております。\nシリアル番号: SN-AX-881234\n請求日付：未定（支払期日 2026/12/31）\nよろしくお願いします。"},
	{name: "InvDate/KoreanChangeRequest", field: "invoice_date", want: "",
		body: "안녕하세요.\n시리얼 번호: SN-AX-881234\n인보이스 날짜 변경 요청: 2026-11-30 (재발행 예정)\n감사합니다."},
	{name: "InvDate/PortugueseOriginalNF", field: "invoice_date", want: "2025-01-10",
		hole: "'data da NF original:' after an NF number on the same line is not read (return NF date rightly skipped)",
		body: "Olá,\nNúmero de série: SN-AX-881234\nData da NF de devolução: 05/11/2026\nNota fiscal: 000123, data da NF original: 10/01/2025\nAtt.\nMike"},
	{name: "InvDate/NumberDateThenCreditNote", field: "invoice_date", want: "2025-06-17",
		hole: "'Invoice: INV-4411, 17.06.2025 / Credit note: CN-90, 01.08.2025' loses the invoice date",
		body: "Serial: SN-AX-881234\nInvoice: INV-4411, 17.06.2025 / Credit note: CN-90, 01.08.2025\nMike"},
	{name: "PO/DottedQuoteIsNotPO", field: "po_number", want: "",
		body: "Quote ........ 45-118842\nSerial # ..... SN-AX-881234\nMike"},
	{name: "PO/DottedVendorOrderRef", field: "po_number", want: "",
		body: "Serial # ..... SN-AX-881234\nVendor order ref ..... 45-118842\nMike"},
	{name: "PO/DottedNotYetIssued", field: "po_number", want: "",
		body: "Serial # ..... SN-AX-881234\nPO ........... not yet issued, Ref 45-118842 is your quote\nMike"},
	{name: "PO/MiddotWithCancelledOldPO", field: "po_number", want: "45-118842",
		hole: "a cancelled 'Old PO' after ' · ' drops the live PO",
		body: "Serial: SN-AX-881234 · PO: 45-118842 · Old PO (cancelled): 45-000001\nMike"},

	// --- ship-to ---
	{name: "ShipTo/QuotedVendorLieferungAn", field: "ship_to", want: "",
		body: "Hallo,\nSerial: SN-AX-881234\nSie schrieben: Lieferung bitte an: Vendor GmbH RMA, Industriestr. 5, 80331 München\nWir haben das Gerät dorthin geschickt.\nGruß Mike"},
	{name: "ShipTo/QuotedLivrerA", field: "ship_to", want: "",
		body: "Please ship the replacement to our usual site.\nSerial: SN-AX-881234\nMike\n\nOn Mon, Support wrote:\n> Livrer à : Entrepôt Vendor, 12 rue des Docks, 13002 Marseille"},
	{name: "ShipTo/KoreanVendorReturnAddress", field: "ship_to", want: "",
		body: "Hello,\nSerial: SN-AX-881234\nYour RMA form says 반송 주소: Vendor Korea RMA Center, 123 Teheran-ro, Seoul\nWe will send the unit there.\nMike"},
	{name: "ShipTo/EntregarANoAddress", field: "ship_to", want: "",
		body: "Hola,\nSerial: SN-AX-881234\nEntregar a: la atención de Juan, sin dirección todavía\nMike"},
	{name: "ShipTo/ConsegnaPreviousNotUsed", field: "ship_to", want: "Via Roma 10, 20121 Milano",
		body: "Ciao,\nSerial: SN-AX-881234\nIndirizzo di consegna: Via Roma 10, 20121 Milano\nIndirizzo di consegna precedente (non usare): Via Torino 5, 10121 Torino\nMike"},
	{name: "ShipTo/MiddotReturnToThenShipTo", field: "ship_to", want: "22 Elm St, Austin TX 78701",
		hole: "'Ship to:' after ' · ' is not read (also alone: 'Serial: X · Ship to: ...')",
		body: "Serial: SN-AX-881234 · Return to: Vendor RMA, 1 Depot Rd, Reno NV 89501 · Ship to: 22 Elm St, Austin TX 78701\nMike"},

	// --- severity ---
	{name: "Severity/DOAQuestion", field: "severity", want: "",
		body: "Hello, what do we do if a unit arrives dead on arrival? Just asking for our process; current unit SN-AX-881234 has a loose bezel.\nMike"},
	// Was a hole: '初期不良ではありません' (it is not DOA) read as critical.
	{name: "Severity/JapaneseNotDOA", field: "severity", want: "",
		body: "お世話になっております。\nシリアル: SN-AX-881234\n初期不良ではありません。ファンの音が少し大きいだけです。\nよろしくお願いします。"},
	{name: "Severity/ItalianOldModelNonFunzionante", field: "severity", want: "",
		hole: "'non funzionante' about an old, already replaced model reads as critical",
		body: "Buongiorno, il display non funzionante era sul vecchio modello, già sostituito. Il nuovo SN-AX-881234 ha solo un graffio.\nMike"},
	{name: "Severity/PasUrgentQuestionDenied", field: "severity", want: "critical",
		body: "Bonjour, ce n est pas urgent? Si! Le serveur SN-AX-881234 est en panne totale, toute la production est arrêtée.\nMike"},
	{name: "Severity/NoEsSinPrisa", field: "severity", want: "critical",
		body: "Hola, esto no es \"sin prisa\": la unidad SN-AX-881234 está caída y la producción está parada.\nMike"},
	{name: "Severity/NichtDringendOtherSystemDown", field: "severity", want: "low",
		body: "Hallo, nicht dringend: SN-AX-881234 has a scratched front panel. But our other system (not yours) is completely down and our business is stopped.\nMike"},

	// --- firmware ---
	{name: "Firmware/QNAPBuild", field: "firmware", want: "QTS 5.1.4.2596 build 20231128",
		body: "Serial: SN-AX-881234\nFirmware: QTS 5.1.4.2596 build 20231128\nMike"},
	{name: "Firmware/TrueNASPlannedRelease", field: "firmware", want: "TrueNAS SCALE 23.10.2",
		body: "Serial: SN-AX-881234\nRunning TrueNAS SCALE 23.10.2, we plan to move to TrueNAS SCALE 24.04.0 (Dragonfish) next week.\nMike"},
	{name: "Firmware/AllUnitsOverriddenForOne", field: "firmware", want: "4.2.1|4.3.0",
		hole: "'Firmware (all units):' is given to a unit the mail says was upgraded to 4.3.0",
		body: "Serials: SN-AX-881234, SN-AX-881235\nFirmware (all units): 4.2.1\nNote: SN-AX-881235 was already upgraded to 4.3.0 yesterday.\nMike"},
	// Was a hole: the planned version and the whole sentence were kept.
	{name: "Firmware/JapanesePlannedUpdate", field: "firmware", want: "2.1.0",
		body: "シリアル番号: SN-AX-881234\nファームウェア：2.2.0.b14 にアップデート予定（現在 2.1.0）"},

	// --- contact / company ---
	// Was a hole: 'Roth, Stefanie' (unquoted) gave only 'Stefanie'.
	{name: "Contact/SurnameGivenFrom", from: "Roth, Stefanie <s.roth@kemper.example>", field: "contact_name", want: "Stefanie Roth",
		body: "Serial: SN-AX-881234\nPlease advise."},
	{name: "Contact/CompanyWithCommaFrom", from: "\"Kemper, Roth & Partner\" <info@kemper.example>", field: "contact_name", want: "",
		body: "Serial: SN-AX-881234\nThanks"},
	{name: "Contact/DepartmentWithCommaFrom", from: "\"IT, Support\" <it@kemper.example>", field: "contact_name", want: "",
		body: "Serial: SN-AX-881234\nThanks"},
	{name: "Contact/HilsenVendorQuote", field: "contact_name", want: "Mike Brown",
		body: "Hei,\nSerial: SN-AX-881234\nHilsen\nMike Brown\nVendor Support wrote earlier: Hilsen fra oss, Ola Nordmann"},
	{name: "Company/EncargadoBar", field: "company", want: "Ferretería López S.A.",
		body: "Hola,\nSerial: SN-AX-881234\nSaludos,\nAna Ruiz\nEncargado de compras | Ferretería López S.A."},
}

func TestAttackNight(t *testing.T) {
	for _, c := range nitCases {
		t.Run(c.name, func(t *testing.T) {
			from := c.from
			if from == "" {
				from = "Mike Brown <mike@acme-corp.com>"
			}
			m, err := Parse(nitMail(from, c.body))
			if err != nil {
				t.Fatal(err)
			}
			got := nitGet(m, c.field)
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
