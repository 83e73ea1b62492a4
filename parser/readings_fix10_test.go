package parser

import (
	"strings"
	"testing"
)

// The readings added for issue 13 in the parsefix10 session, each tried in
// a mail written for it (not one of the labelled sets' mails).
var fix10Cases = []fix7Case{
	{name: "product line from the text", subject: "D52BQ-2U PSU fault", body: "Hello,\n\nOne PSU of our QuantaGrid D52BQ-2U failed.\n\nSerial: QTFCAB1234567\n", field: "units", want: "QTFCAB1234567/QuantaGrid D52BQ-2U//"},
	{name: "vendor name is still dropped", subject: "A8n link drops", body: "Hello,\n\nOur Altai A8n drops its link.\n\nSerial: A8N2104B00219\n", field: "units", want: "A8N2104B00219/A8n//"},
	{name: "mini xl plus not cut to mini x", body: "Hi,\n\nOur TrueNAS Mini XL+ arrived dead.\n\nSerial: TNM-XLP-2506-0001\n", field: "units", want: "TNM-XLP-2506-0001/TrueNAS Mini XL+//"},
	{name: "altai solution name is no model", subject: "Super WiFi radio drops", body: "Hi,\n\nOur Altai Super WiFi setup (A8-Ein base station) drops its 2.4 GHz radio.\n\nS/N A8E2302R00999\n", field: "units", want: "A8E2302R00999/A8-Ein//"},
	{name: "rule line ends an address", body: "Hi,\n\nOrder pasted below.\n\n-----------------\nShip to:\nRua Augusta 1\n1100-053 Lisboa\n-----------------\n", field: "ship_to", want: "Rua Augusta 1, 1100-053 Lisboa"},
	{name: "labels apart by a run of spaces", body: "Hi,\n\nS/N: QTFCAB1234567   P/N: 1S5BZZZ0ST9\nBMC firmware: 4.22.06  BIOS: 3B10.Q402\n", field: "units", want: "QTFCAB1234567//1S5BZZZ0ST9/4.22.06"},
	{name: "request after a reason, wrapped", body: "Hi,\n\nOur NAS is dead. We are a small office in a remote\narea, please ship the replacement to our mailing address:\n\nP.O. Box 4411\nBethel, AK 99559\n\nThanks\nAnn\n", field: "ship_to", want: "P.O. Box 4411, Bethel, AK 99559"},
	{name: "reason names the invoice", body: "Hi,\n\nOur NAS is dead. The invoice went to accounting, please send the invoice copy to:\n\n12 Main St\nBethel, AK 99559\n\nThanks\nAnn\n", field: "ship_to", want: ""},
	{name: "french version bmc label", body: "Bonjour,\n\nNuméro de série : QTFCQ5209999\nVersion BMC : 4.61.00\n", field: "units", want: "QTFCQ5209999///4.61.00"},
	{name: "korean ship-to address label", body: "안녕하세요,\n\n배송지 주소:\n서울특별시 금천구 가산디지털1로 168\n우림라이온스밸리 A동 1203호\n", field: "ship_to", want: "서울특별시 금천구 가산디지털1로 168, 우림라이온스밸리 A동 1203호"},
	{name: "place with its address label in brackets", body: "Hi,\n\nOffice (billing address):\n1 Bill St\nLeeds LS1 1AA\n\nWarehouse (delivery address):\n5 Dock Rd\nLeeds LS11 5QT\n\nThanks\nAnn\n", field: "ship_to", want: "5 Dock Rd, Leeds LS11 5QT"},
	{name: "place with another bracket is no label", body: "Hi,\n\nWarehouse (closed on Fridays):\n5 Dock Rd\nLeeds LS11 5QT\n\nThanks\nAnn\n", field: "bill_to", want: ""},
	{name: "academic title before a signed name", body: "Hola,\n\nEl NAS no arranca.\n\nSaludos,\nLic. Fernanda Garza Treviño\nGrupo Norteño\n", field: "contact_name", want: "Fernanda Garza Treviño"},
	{name: "invoice code with a prefix kept whole", body: "Hi,\n\nOur NAS is dead.\nInvoice reference on our side: TG-INV-4420.\n", field: "invoice_number", want: "TG-INV-4420"},
	{name: "contact with e-mail in brackets then a phone", from: "Carla Diaz <carla@lab.example>", body: "Hi,\n\nOur NAS is dead.\n\nContact: Ashok Menon (ashok@lab.example), cell 919-555-0116\n", field: "contact_name", want: "Ashok Menon"},
	{name: "sent on behalf of", from: "Sarah Kim <sarah@lab.example>", body: "Hi,\n\nOur NAS is dead.\n\nKind regards,\n\nSarah Kim\nExecutive Assistant\nSent on behalf of Dr. Daniel Feldman\nAssociate Professor, Dept. of Computational Biology\nPacific Institute of Life Sciences\n", field: "contact_name", want: "Daniel Feldman"},
	{name: "sent on behalf of is no company", from: "Sarah Kim <sarah@lab.example>", body: "Hi,\n\nOur NAS is dead.\n\nKind regards,\n\nSarah Kim\nExecutive Assistant\nSent on behalf of Dr. Daniel Feldman\nAssociate Professor, Dept. of Computational Biology\nPacific Institute of Life Sciences\n", field: "company", want: "Pacific Institute of Life Sciences"},
	{name: "sent on behalf of, by", from: "Carla Diaz <carla@lab.example>", body: "Hi,\n\nOur NAS is dead.\n\n--\nSent on behalf of Ashok Menon by Carla Diaz, IT Service Desk\n", field: "contact_name", want: "Ashok Menon"},
	{name: "unit heading makes no empty unit before it", body: "Hi,\n\nUnit: QuantaGrid D53XQ-2U, S/N QTFCWD0909999, P/N 1S5XQZZ0STK\nBMC FW 2.10.07\n\nThe server shows errors.\n", field: "units", want: "QTFCWD0909999/QuantaGrid D53XQ-2U/1S5XQZZ0STK/2.10.07"},
	{name: "company line with Co. inside an address", body: "Hi,\n\nOur PSU failed.\n\nPlease ship the replacement PSU to:\nReceiving Dock 3\nGreat Lakes Compute Co.\n2200 Commerce Dr\nAuburn Hills, MI 48326\n\nRegards,\nBrian\n", field: "ship_to", want: "Receiving Dock 3, Great Lakes Compute Co., 2200 Commerce Dr, Auburn Hills, MI 48326"},
	{name: "labelled product line over listed units", subject: "RMA - 2 nodes T43Z-2U", body: "Hi,\n\nModel: QuantaPlex T43Z-2U (both nodes in chassis 2)\n\n- Node 1: S/N QTFCZ1300001, P/N 1S5Z2ZZ0STG\n- Node 2: S/N QTFCZ1300002, P/N 1S5Z2ZZ0STG\n", field: "units",
		want: "QTFCZ1300001/QuantaPlex T43Z-2U/1S5Z2ZZ0STG/|QTFCZ1300002/QuantaPlex T43Z-2U/1S5Z2ZZ0STG/"},
	{name: "polite question without please", body: "Hi,\n\nOur AP drops clients.\n\nCould you send the replacement to our warehouse at 12 Kwai Fung Crescent, Kwai Chung, Hong Kong, attention of the IT room? Someone will be there.\n\nThanks\nAnn\n", field: "ship_to", want: "12 Kwai Fung Crescent, Kwai Chung, Hong Kong"},
	{name: "polite question about the invoice", body: "Hi,\n\nOur AP drops clients.\n\nCould you send the invoice to our office at 12 Kwai Fung Crescent, Kwai Chung, Hong Kong?\n\nThanks\nAnn\n", field: "ship_to", want: ""},
	{name: "could you, asked whether", body: "Hi,\n\nOur AP drops clients.\n\nWhy could you not send the replacement to 12 Kwai Fung Crescent, Kwai Chung, Hong Kong?\n\nThanks\nAnn\n", field: "ship_to", want: ""},
	{name: "prose firmware keeps its v", body: "Hi,\n\nOur A2-Ec (serial A2EC2006999) drops all clients every hour. Firmware is v1.6.1.\n", field: "firmware", want: "v1.6.1"},
	{name: "pool inaccessible, no files open", body: "hi,\n\nDisk 2 shows errors and now the whole storage pool is inaccessible, we can't open any files.\n", field: "severity", want: "critical"},
	{name: "ship request heading without its colon", body: "hi,\n\nthe NAS is dead\n\nsend replacement to\nLindqvist Dental Clinic\nStorgatan 18\n753 31 Uppsala\nInvoice 55231-SE 2025-05-27\n\nErik\n", field: "ship_to", want: "Lindqvist Dental Clinic, Storgatan 18, 753 31 Uppsala"},
	{name: "refused ship heading without its colon", body: "hi,\n\nthe NAS is dead\n\ndo not send replacement to\nLindqvist Dental Clinic\nStorgatan 18\n753 31 Uppsala\n\nErik\n", field: "ship_to", want: ""},
	{name: "invoice number and its date side by side in prose", body: "hi,\n\nthe NAS is dead\nInvoice 55231-SE 2025-05-27\n", field: "invoice_date", want: "2025-05-27"},
	{name: "invoice date among other words is not read", body: "hi,\n\nthe NAS is dead\nInvoice 55231-SE is due 2025-05-27\n", field: "invoice_date", want: ""},
	{name: "any replacement, hurried one-paragraph mail", body: "hi, our AP reboots daily. pls ship any replacement to Pier 7 Warehouse, 21 Container Port Rd, Kwai Chung, Hong Kong. call me on +852 9123 0000 if u need anything. Kevin\n", field: "ship_to", want: "Pier 7 Warehouse, 21 Container Port Rd, Kwai Chung, Hong Kong"},
	{name: "two closings joined by a comma", from: "Giulia Rinaldi <g.rinaldi78@libero.example>", body: "Ciao,\n\nil modulo è guasto.\n\nGrazie, saluti\nGiulia Rinaldi · Ufficio Tecnico · Telenet Valtellina S.r.l. · giulia.rinaldi@telenetvaltellina.example\n", field: "email", want: "giulia.rinaldi@telenetvaltellina.example"},
	{name: "work address for everything", from: "Jon Whitaker <jon1972@gmail.example>", body: "Hi,\n\nThe pool won't import.\n\nAlso please send everything to my work address from now on: j.whitaker@whitakerlaw.example (the office mail is on that NAS).\n\nJon Whitaker\n", field: "email", want: "j.whitaker@whitakerlaw.example"},
	{name: "german no longer reachable", body: "Hallo,\n\nunser NAS ist seit gestern nicht mehr erreichbar.\n", field: "severity", want: "critical"},
	{name: "german bmc no longer reachable", body: "Hallo,\n\nbei unserem Server ist der BMC nicht mehr erreichbar, der Host läuft.\n", field: "severity", want: ""},
	{name: "chinese intermittent reboots", body: "您好，\n\n服务器最近出现间歇性重启。\n", field: "severity", want: "high"},
	{name: "korean intermittent", body: "안녕하세요,\n\n장비가 간헐적으로 응답이 없습니다.\n", field: "severity", want: "high"},
	{name: "apps unaffected", body: "Hi,\n\nOne DIMM failed; the server runs and our apps are unaffected.\n", field: "severity", want: "low"},
	{name: "polish everything accessible", body: "Dzień dobry,\n\ndysk jest uszkodzony, ale wszystko jest dostępne.\n", field: "severity", want: "low"},
	{name: "half the usual speed", body: "Hi,\n\nSince the fan failed, copies run at half the usual speed.\n", field: "severity", want: "high"},
	{name: "portuguese data lost", body: "Olá,\n\no pool ficou inativo e perdemos dados.\n", field: "severity", want: "critical"},
	{name: "serial corrected further down", body: "Hi,\n\nS/N: Q23AK11502\n\nSorry, the serial is actually Q23AK11520.\n", field: "serials", want: "Q23AK11520"},
	{name: "serial correction without a code", body: "Hi,\n\nS/N: Q23AK11502\n\nThe serial should be on the label at the back.\n", field: "serials", want: "Q23AK11502"},
}

func TestReadingsFix10(t *testing.T) { runFix7Cases(t, fix10Cases) }

// An automatic reply's own sentence offers the signer's number; a
// "Phone:" line under a team it points to is the team's.
func TestAutoReplyProsePhone(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"I am out of the office until Monday. If it is urgent, you can reach me on my mobile +1 312 555 0148.\n\nBest regards,\nLinda Chen\n", "+1 312 555 0148"},
		{"I am out of the office until Monday. Please contact our support team if you need help:\nPhone: +1 312 555 0100\n\nBest regards,\nLinda Chen\n", ""},
	} {
		raw := "From: Linda Chen <linda@freight.example>\r\nTo: rma@desk.example\r\nSubject: Automatic reply: RMA\r\nAuto-Submitted: auto-replied\r\n" +
			"Date: Tue, 01 Dec 2026 06:00:12 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + strings.ReplaceAll(c.body, "\n", "\r\n")
		m, err := Parse([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		if m.Class != AutoReply || m.Fields.Phone != c.want {
			t.Errorf("%q: class %v, phone %q, want %q", c.body, m.Class, m.Fields.Phone, c.want)
		}
	}
}
