package parser

import (
	"fmt"
	"strings"
	"testing"
)

// Black-box attack round 12 on the new UNITS reading (serial_number,
// part_number, model, firmware per unit): HTML tables with a header row,
// a "Label: value" glued after a prose sentence, BIOS/BMC lines that make
// phantom units, a corrected serial, the replacement vs the failed unit,
// a forwarded vendor reply naming another customer's unit, "not S/N X",
// a serial in a URL query, another customer's unit in passing, planned
// versions as the firmware, "5.1.4 build 2596" in prose, "running
// TrueNAS 13", and floods. Mails and verdicts in /work/wt/attack24/CASES.md.
// Cases with hole set are wrong today and skip; the rest are guards that
// held and that a fix must not break.

func TestAttackRound12(t *testing.T) { runLatCases(t, c12Cases) }

// c12Mail wraps a body in the usual greeting and closing.
func c12Mail(s string) string { return "Hello,\n\n" + s + "\n\nThanks,\nMike Brown\n" }

// c12HTMLTable is an HTML mail with one table: a header row of th cells and rows of td cells.
func c12HTMLTable(header []string, rows [][]string) string {
	var b strings.Builder
	b.WriteString("<html><body><p>Hello,</p><p>These units fail to boot:</p><table><tr>")
	for _, h := range header {
		b.WriteString("<th>" + h + "</th>")
	}
	b.WriteString("</tr>")
	for _, r := range rows {
		b.WriteString("<tr>")
		for _, c := range r {
			b.WriteString("<td>" + c + "</td>")
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</table><p>Thanks,<br>Mike Brown</p></body></html>\n")
	return b.String()
}

// c12Serials returns n serials Q21BI00000.. and their "|" join.
func c12Serials(n int) ([]string, string) {
	var s []string
	for i := 0; i < n; i++ {
		s = append(s, fmt.Sprintf("Q21BI%05d", i))
	}
	return s, strings.Join(s, "|")
}

func c12HTMLFlood(n int) string {
	s, _ := c12Serials(n)
	var rows [][]string
	for _, x := range s {
		rows = append(rows, []string{"TS-873A", x})
	}
	return c12HTMLTable([]string{"Model", "Serial"}, rows)
}

func c12PipeFlood(n int) string {
	s, _ := c12Serials(n)
	var b strings.Builder
	b.WriteString("These units fail to boot:\n\n| Model | Serial | Firmware |\n|---|---|---|\n")
	for _, x := range s {
		b.WriteString("| TS-873A | " + x + " | 5.1.4.2596 |\n")
	}
	return c12Mail(b.String())
}

func c12Join(n int) string { _, j := c12Serials(n); return j }

var c12Cases = []latCase{
	// ===== HTML tables with a header row =====

	// H01 attacks an HTML table whose header row is "Serial | Model": WRONG today, the unit's serial is "MODEL" (the header cell) and the second unit is lost.
	{name: "c12/Serials/H01HTMLHeaderSerialFirst", field: "serials", want: "Q21BI04567|Q22CI01234",
		html: true, body: c12HTMLTable([]string{"Serial", "Model"}, [][]string{{"Q21BI04567", "TS-873A"}, {"Q22CI01234", "TS-464"}})},
	// H02 attacks a two-column HTML table "Model | Serial" with two rows: WRONG today, one unit, model "Serial".
	{name: "c12/Serials/H02HTMLHeaderModelSerial", field: "serials", want: "Q21BI04567|Q22CI01234",
		html: true, body: c12HTMLTable([]string{"Model", "Serial"}, [][]string{{"TS-873A", "Q21BI04567"}, {"TS-464", "Q22CI01234"}})},
	// H02 (models): same mail, WRONG today: the model is the header word "Serial".
	{name: "c12/Models/H02HTMLHeaderModelSerial", field: "models", want: "TS-873A|TS-464",
		html: true, body: c12HTMLTable([]string{"Model", "Serial"}, [][]string{{"TS-873A", "Q21BI04567"}, {"TS-464", "Q22CI01234"}})},
	// H02 (flood): 300 rows of the same two-column HTML table, WRONG today: one unit Q21BI00000 with model "Serial".
	{name: "c12/Serials/H02HTMLFlood300", field: "serials", want: c12Join(300),
		html: true, body: c12HTMLFlood(300)},
	// Guard: a three-column HTML table with a th header row (Model | Serial Number | Firmware): right today.
	{name: "c12/Guard/G01HTMLThreeColumns/serials", field: "serials", want: "Q21BI04567|Q22CI01234",
		html: true, body: c12HTMLTable([]string{"Model", "Serial Number", "Firmware"}, [][]string{{"TS-873A", "Q21BI04567", "5.1.4.2596"}, {"TS-464", "Q22CI01234", "5.2.0.2782"}})},
	{name: "c12/Guard/G01HTMLThreeColumns/firmware", field: "firmware", want: "5.1.4.2596|5.2.0.2782",
		html: true, body: c12HTMLTable([]string{"Model", "Serial Number", "Firmware"}, [][]string{{"TS-873A", "Q21BI04567", "5.1.4.2596"}, {"TS-464", "Q22CI01234", "5.2.0.2782"}})},
	// Guard: a three-column HTML table, serial first, part numbers: right today.
	{name: "c12/Guard/G02HTMLSerialFirstThreeColumns", field: "parts", want: "TS-873A-8G|TS-464-8G",
		html: true, body: c12HTMLTable([]string{"S/N", "Model", "P/N"}, [][]string{{"Q21BI04567", "TS-873A", "TS-873A-8G"}, {"Q22CI01234", "TS-464", "TS-464-8G"}})},
	// Guard: a plain-text two-column pipe table: right today.
	{name: "c12/Guard/G03PipeTwoColumns", field: "serials", want: "Q21BI04567|Q22CI01234",
		body: c12Mail("These fail:\n\nModel | Serial\nTS-873A | Q21BI04567\nTS-464 | Q22CI01234")},
	// Guard: a tab table, serial first, with part numbers: right today.
	{name: "c12/Guard/G04TabTable", field: "parts", want: "TS-873A-8G|TS-464-8G",
		body: c12Mail("These fail:\n\nS/N\tModel\tP/N\nQ21BI04567\tTS-873A\tTS-873A-8G\nQ22CI01234\tTS-464\tTS-464-8G")},
	// Guard (flood): a 300-row markdown pipe table gives 300 units, fast: right today.
	{name: "c12/Guard/G05PipeFlood300", field: "serials", want: c12Join(300), body: c12PipeFlood(300)},

	// ===== a "Label: value" after a prose sentence; firmware component lines =====

	// H03 attacks "Our TS-873A (serial X) fails to boot. Firmware: V" on one line: WRONG today, the serial and model are lost.
	{name: "c12/Serials/H03ProseThenFirmwareLabelSameLine", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A (serial Q21BI04567) fails to boot. Firmware: 5.1.4.2596")},
	{name: "c12/Models/H03ProseThenFirmwareLabelSameLine", field: "models", want: "TS-873A",
		body: c12Mail("Our TS-873A (serial Q21BI04567) fails to boot. Firmware: 5.1.4.2596")},
	// Guard: the same with the firmware label on its own line: right today.
	{name: "c12/Guard/G06ProseThenFirmwareLabelNextLine", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: 5.1.4.2596")},
	// H04 attacks "Server S/N: X" followed by "BIOS:" and "BMC:" lines: WRONG today, no serial at all, two firmware-only units.
	{name: "c12/Serials/H04ServerSNBIOSBMCLines", field: "serials", want: "A1-R20-440215",
		body: c12Mail("Server S/N: A1-R20-440215\nBIOS: 3B13.Q402\nBMC: 4.30.01\nIt fails POST.")},
	// H05 attacks "Serial number: X" + BIOS + BMC lines: WRONG today, a phantom second unit (serial "") carrying the BMC version.
	{name: "c12/Serials/H05BIOSBMCPhantomUnit", field: "serials", want: "A1-R20-440215",
		body: c12Mail("Serial number: A1-R20-440215\nBIOS: 3B13.Q402\nBMC: 4.30.01")},
	// H05b: "Serial / Firmware / BIOS" lines: WRONG today, phantom second unit with the BIOS.
	{name: "c12/Serials/H05FirmwareBIOSPhantomUnit", field: "serials", want: "Q21BI04567",
		body: c12Mail("Serial: Q21BI04567\nFirmware: 5.1.4.2596\nBIOS: 3B13.Q402")},
	// Guard: one serial and one BMC line: right today.
	{name: "c12/Guard/G07SerialOneBMCLine", field: "firmware", want: "4.30.01",
		body: c12Mail("S/N: A1-R20-440215\nBMC: 4.30.01")},
	// Guard: one serial line then BIOS line: right today.
	{name: "c12/Guard/G08SerialOneBIOSLine", field: "serials", want: "A1-R20-440215",
		body: c12Mail("S/N: A1-R20-440215\nBIOS: 3B13.Q402")},

	// ===== firmware: planned versions, build, running =====

	// H06 attacks "Firmware: we plan to update to 5.2 next week": WRONG today, the plan sentence is the firmware.
	{name: "c12/Firmware/H06LabelIsPlanSentence", field: "firmware", want: "",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: we plan to update to 5.2 next week")},
	// H07 attacks "Firmware: 5.1.4.2596 (we plan to update to 5.2 next week)": WRONG today, the note is kept in the value.
	{name: "c12/Firmware/H07PlannedParenthetical", field: "firmware", want: "5.1.4.2596",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: 5.1.4.2596 (we plan to update to 5.2 next week)")},
	// Guard: "We plan to update to 5.2 next week." in prose, no current version: right today.
	{name: "c12/Guard/G09PlanInProse", field: "firmware", want: "",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. We plan to update to 5.2 next week.")},
	// H08 attacks "Firmware 5.1.4 build 2596." in prose: WRONG today, the build is cut ("5.1.4").
	{name: "c12/Firmware/H08ProseBuildCut", field: "firmware", want: "5.1.4 build 2596",
		body: c12Mail("Our TS-873A serial Q21BI04567 fails to boot. Firmware 5.1.4 build 2596.")},
	// Guard: the labelled form keeps the build: right today.
	{name: "c12/Guard/G10LabelledBuildKept", field: "firmware", want: "5.1.4 build 2596",
		body: c12Mail("Our TS-873A serial Q21BI04567 fails to boot.\nFirmware: 5.1.4 build 2596")},
	// H09 attacks "is running TrueNAS 13 and ...": WRONG today, no firmware.
	{name: "c12/Firmware/H09RunningTrueNAS13", field: "firmware", want: "TrueNAS 13",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 is running TrueNAS 13 and the pool disappeared.")},
	// Guard: "running TrueNAS 13.0.": right today.
	{name: "c12/Guard/G11RunningTrueNAS130", field: "firmware", want: "TrueNAS 13.0",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 lost its pool. It is running TrueNAS 13.0.")},
	// Guard: "fw 1.3" on an Altai radio: right today.
	{name: "c12/Guard/G12FwShort", field: "firmware", want: "1.3",
		body: c12Mail("Our radio serial AT2201-5567 (X3-Ein) drops clients, fw 1.3.")},
	// Guard: other software versions are not the firmware: right today.
	{name: "c12/Guard/G13OtherSoftwareVersions", field: "firmware", want: "",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. The clients run Windows 11 23H2, ESXi 8.0U2, Chrome 120 and Veeam 12.1.")},
	{name: "c12/Guard/G14VersionLabelVeeam", field: "firmware", want: "",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nVersion: Veeam 12.1")},
	{name: "c12/Guard/G15VersionLabelESXi", field: "firmware", want: "",
		body: c12Mail("Server S/N A1-R20-440215 crashes. Version: ESXi 8.0U2")},

	// ===== serials that are not the customer's unit =====

	// H10 attacks a corrected serial on the next line: WRONG today, the typo serial is a unit too.
	{name: "c12/Serials/H10CorrectedNextLine", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. Serial: Q21BI04576\nSorry, typo, the right serial is Q21BI04567.")},
	// Guard: the correction in a parenthesis on the same line: right today.
	{name: "c12/Guard/G16CorrectedSameLine", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. Serial: Q21BI04576 (typo, the right one is Q21BI04567)")},
	// H11 attacks the replacement unit that works vs the failed one to return: WRONG today, the working replacement is unit 1.
	{name: "c12/Serials/H11ReplacementArrivedFailedToReturn", field: "serials", want: "Q21BI04567",
		body: c12Mail("The replacement unit S/N Q21BI09999 arrived, thanks. Please send a label so we can return the failed unit, S/N Q21BI04567.")},
	// Guard: "S/N X was the old one you replaced": right today.
	{name: "c12/Guard/G17OldOneReplaced", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. S/N Q21BI03333 was the old one you replaced in 2024.")},
	// H12 attacks "It is S/N X, not S/N Y as your portal says": WRONG today, Y is a unit.
	{name: "c12/Serials/H12NotSN", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. It is S/N Q21BI04567, not S/N Q21BI04576 as your portal says.")},
	{name: "c12/Serials/H12PortalTypo", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot (your portal lists S/N Q21BI04576, that is a typo on your side).")},
	// H13 attacks a forwarded vendor reply naming another customer's unit: WRONG today, a second unit with firmware 5.2.1.
	{name: "c12/Serials/H13FwdVendorOtherCustomerUnit", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A serial Q21BI04567 fails to boot. See below what your colleague said about a similar case.\n\nMike\n\n---------- Forwarded message ---------\nFrom: Kevin Lin <kevin.lin@qnap.example>\nDate: Mon, 2 Mar 2026 at 10:12\nSubject: Re: RMA\n\nDear customer,\nthe unit S/N Q21BI09999 of another customer had the same issue, please update the firmware to 5.2.1.\n\nKevin Lin\n"},
	// Guard: a serial in quoted history: right today.
	{name: "c12/Guard/G18QuotedHistorySerial", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A serial Q21BI04567 fails to boot again.\n\nThanks,\nMike Brown\n\nOn Mon, 30 Nov 2026, Support wrote:\n> Your other unit S/N Q21BI09999 was replaced last year.\n"},
	// H14 attacks a serial inside a URL query of the vendor's portal: WRONG today, a second unit.
	{name: "c12/Serials/H14SerialInURLQuery", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. Your portal: https://support.example.com/warranty?sn=Q21BI09999&lang=en shows wrong data.")},
	// Guard: the customer's own serial only in a URL path, nowhere else: right today.
	{name: "c12/Guard/G19OwnSerialInURLPath", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. I checked it at https://support.example.com/warranty/Q21BI04567 and it is in warranty.")},
	// H15 attacks another customer's unit mentioned in passing: WRONG today, a second unit.
	{name: "c12/Serials/H15OtherCustomerInPassing", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. My colleague at Beta Corp has the same issue with his TS-873A (S/N Q21BI07777) but he will write to you himself.")},
	// Guard: one model for several serials, plus another model: right today.
	{name: "c12/Guard/G20OneModelManySerials", field: "models", want: "TS-873A|TS-873A|TS-464",
		body: c12Mail("Our TS-873A units with serials Q21BI04567, Q21BI04568 fail. Also one TS-464, serial Q22CI01234.")},

	// ===== serial-shaped numbers that are not serials: guards, right today =====
	{name: "c12/Guard/G21IPAndMAC", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. IP 192.168.10.25, MAC 24:5E:BE:01:02:03.")},
	{name: "c12/Guard/G22MACLabelBare", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. MAC: 245EBE010203\nSerial: Q21BI04567")},
	{name: "c12/Guard/G23PhoneExt", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. Call me at +1 408 555 0143 ext 2201.")},
	{name: "c12/Guard/G24VATAndIBANInSignature", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A S/N Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\nAcme GmbH\nVAT: DE123456789\nIBAN DE89370400440532013000\n"},
	{name: "c12/Guard/G25OrderInvoiceTracking", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. Order no. SO4488123, invoice INV2026001234, tracking 1Z999AA10123456784.")},
	{name: "c12/Guard/G26SignatureProductCodes", field: "models", want: "TS-873A",
		body: "Hello,\n\nOur TS-873A S/N Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\nAcme Corp | ISO 9001:2015 | Cert. No. TUV-12345678\nPowered by TS-1685 and ES2486dc\n"},
	{name: "c12/Guard/G27DisclaimerCodes", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A S/N Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\n\nThis e-mail is confidential. Ref: DISC-2026-X77, Form SF-1120A.\n"},

	// ===== languages, glued and split labels: guards, right today =====
	{name: "c12/Guard/G28GluedSN", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/NQ21BI04567 fails to boot.")},
	{name: "c12/Guard/G29SpaceInSerialAfterLabel", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. S/N: Q21BI 04567")},
	{name: "c12/Guard/G30German", field: "firmware", want: "5.1.4.2596",
		body: "Guten Tag,\n\nGerät: TS-873A\nSeriennummer: Q21BI04567\nFirmware-Version: 5.1.4.2596\n\nMit freundlichen Grüßen\nHans Becker\n"},
	{name: "c12/Guard/G31French", field: "serials", want: "Q21BI04567",
		body: "Bonjour,\n\nModèle : TS-873A\nNuméro de série : Q21BI04567\nVersion du micrologiciel : 5.1.4.2596\n\nCordialement,\nClaire Dubois\n"},
	{name: "c12/Guard/G32Italian", field: "models", want: "TS-873A",
		body: "Buongiorno,\n\nModello: TS-873A\nNumero di serie: Q21BI04567\nVersione firmware: 5.1.4.2596\n\nSaluti,\nGiulia\n"},
	{name: "c12/Guard/G33Dutch", field: "serials", want: "Q21BI04567",
		body: "Hallo,\n\nModel: TS-873A\nSerienummer: Q21BI04567\nFirmwareversie: 5.1.4.2596\n\nGroeten,\nJan\n"},
	{name: "c12/Guard/G34JapaneseList", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("故障したユニット：\n1. TS-873A シリアル番号 Q21BI04567\n2. TS-873A シリアル番号 Q21BI04568")},
	{name: "c12/Guard/G35ChineseList", field: "models", want: "TS-873A|TS-464",
		body: c12Mail("故障设备：\n- 型号 TS-873A，序列号 Q21BI04567\n- 型号 TS-464，序列号 Q22CI01234")},
	{name: "c12/Guard/G36SpanishLabels", field: "firmware", want: "5.1.4.2596",
		body: "Hola,\n\nModelo: TS-873A\nNúmero de serie: Q21BI04567\nVersión de firmware: 5.1.4.2596\n\nSaludos,\nPablo\n"},

	// ===== floods: guards, right today =====
	{name: "c12/Guard/G37SerialShaped5000Chars", field: "serials", want: "",
		body: c12Mail("Our NAS S/N: " + strings.Repeat("QA", 2500) + " fails.")},
	{name: "c12/Guard/G38SameSerial50Times", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails.\n" + strings.Repeat("Serial: Q21BI04567\n", 50))},
	{name: "c12/Guard/G39HTMLNested500Lists", field: "serials", want: "Q21BI04567", html: true,
		body: "<html><body><p>Units:</p>" + strings.Repeat("<ul><li>", 500) + "TS-873A S/N Q21BI04567" + strings.Repeat("</li></ul>", 500) + "</body></html>\n"},
}
