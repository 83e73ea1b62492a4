package parser

import "testing"

// The readings added for issue 13 in the parsefix12 session, each tried in
// a mail written for it (not one of the labelled sets' mails).
var fix12Cases = []fix7Case{
	{name: "address lines ending in their own comma", body: "Hi,\n\nShip to:\nHarbour Labs Pvt Ltd,\nPlot 4, Sector 2,\nPune - 411001,\n\nThanks\nAnn\n", field: "ship_to", want: "Harbour Labs Pvt Ltd, Plot 4, Sector 2, Pune - 411001"},
	{name: "remark in brackets after a contact name", from: "Sam Price <sam@lab.example>", body: "Hello,\n\nOur NAS is dead.\n\nContact: Dr. Ada Obi (she is on site and will do the swap)\nPhone: +1 919 555 0100\n\nThanks,\nSam Price\n", field: "contact_name", want: "Dr. Ada Obi"},
	{name: "department in brackets after a contact name", body: "Hello,\n\nOur NAS is dead.\n\nContact person: Jo Baker (Facilities)\n", field: "contact_name", want: "Jo Baker"},
	{name: "web form first and last name", from: "Web Forms <forms@vendor.example>", body: "New support case submitted\n\nFirst Name: Lena\nLast Name: Park\nEmail: lena@college.example\nProduct: TS-464\n", field: "contact_name", want: "Lena Park"},
	{name: "web form last name before first", from: "Web Forms <forms@vendor.example>", body: "Case\n\nNachname: Roth\nVorname: Eva\nE-Mail: eva@firma.example\n", field: "contact_name", want: "Eva Roth"},
	{name: "ticket system caller", from: "Acme ServiceNow <servicenow@acme.example>", body: "Incident INC0012 has been assigned to you.\n\nCaller: Priya Shah\nCaller phone: +1 212 555 0100\n\nDescription:\nThe NAS is offline.\n", field: "contact_name", want: "Priya Shah"},
	{name: "ticket system reporter with a department", from: "Acme Service Desk <jira@acme.example>", body: "Request: OPS-12  Disk fault\nReporter: Tom Berg (Storage Team)\nPriority: High\n", field: "contact_name", want: "Tom Berg"},
	{name: "contact for delivery gives the phone", body: "Hi,\n\nOur NAS is dead.\n\nContact for delivery: Ruth Cole, +44 20 7946 0999, ruth@shop.example\n", field: "phone", want: "+44 20 7946 0999"},
	{name: "portuguese month fevereiro", body: "Olá,\n\nO NAS não liga.\n\nNota fiscal nº 000.221.904, emitida em 3 de fevereiro de 2025\n", field: "invoice_date", want: "2025-02-03"},
	{name: "portuguese month março", body: "Olá,\n\nO NAS não liga.\n\nData da fatura: 14 de março de 2025\n", field: "invoice_date", want: "2025-03-14"},
	{name: "swedish month maj", body: "Hej,\n\nServern startar inte.\n\nFakturadatum: 12 maj 2025\n", field: "invoice_date", want: "2025-05-12"},
	{name: "spanish fecha in brackets after the invoice", body: "Hola,\n\nEl AP se reinicia.\n\nNº de factura: F-2025/0099 (fecha 22/04/2025)\n", field: "invoice_date", want: "2025-04-22"},
	{name: "indian dt. after the invoice", body: "Hi,\n\nThe NAS LCD is blank.\n\nInv. No. - GST/MH/25-26/0042 dt. 07-Aug-2025\n", field: "invoice_date", want: "2025-08-07"},
	{name: "fecha de factura still read", body: "Hola,\n\nFactura: FA-77, fecha de factura 15/01/2025\n", field: "invoice_date", want: "2025-01-15"},
	{name: "company heads the return address", body: "Hello,\n\nOur NAS reboots.\n\nReturn address:\nKestrel & Finch Surveyors\n9 Mill Lane\nYork\nYO1 7HH\n\nKind regards,\nAnn Example\n", field: "company", want: "Kestrel & Finch Surveyors"},
	{name: "company with its legal form after a comma", body: "Boa tarde,\n\nO servidor não arranca.\n\nMorada de entrega:\nTransportes Douro, S.A.\nRua do Freixo, 12\n4300-219 Porto\n\nCumprimentos,\nAnn Example\n", field: "company", want: "Transportes Douro, S.A."},
	{name: "organisation after the department's dash", body: "Bonjour,\n\nLe nœud ne démarre plus.\n\nAdresse de livraison :\nService Informatique - Université de Caen\nEsplanade de la Paix\n14032 Caen\n\nCordialement,\nAnn Example\n", field: "company", want: "Université de Caen"},
	{name: "the contact over her street is no company", from: "Amy Larsen <amy@vetclinic.example>", body: "Hi,\n\nOur PSU failed.\n\nShip to:\nAmy Larsen\n12 Main St\nBozeman, MT 59715\n\nThanks,\nAmy Larsen\n", field: "company", want: ""},
	{name: "an attn line is no company", body: "Hi,\n\nOur PSU failed.\n\nShip to:\nAttn Receiving\n12 Main St\nBozeman, MT 59715\n\nThanks,\nAnn\n", field: "company", want: ""},
	{name: "polish not urgent with its to", body: "Dzień dobry,\n\ndioda LAN1 świeci na czerwono, ale port działa. Nie jest to pilne.\n", field: "severity", want: "low"},
	{name: "chinese not urgent, short form", body: "您好：\n\n外殼有一道裂痕，設備運作正常，不急。\n", field: "severity", want: "low"},
	{name: "swedish out of service", body: "Hej,\n\nServern startar inte efter uppdateringen och är ur drift.\n", field: "severity", want: "critical"},
	{name: "portuguese server stopped", body: "Boa tarde,\n\nO servidor não arranca e está parado desde ontem.\n", field: "severity", want: "critical"},
	{name: "korean less than half", body: "안녕하세요,\n\nRAID가 계속 운영 중이지만 속도가 절반 이하로 떨어졌습니다.\n", field: "severity", want: "high"},
	{name: "french throughput very reduced", body: "Bonjour,\n\nLe point d'accès a un débit très réduit depuis l'orage, mais il reste en service.\n", field: "severity", want: "high"},
	{name: "are you able to send", body: "Hello,\n\nOur NAS fails to boot.\nAre you able to ship the replacement to 4 Quay Street, Cork T12 AB12, Ireland?\n\nThanks,\nAnn\n", field: "ship_to", want: "4 Quay Street, Cork T12 AB12, Ireland"},
	{name: "would you be able to, invoice", body: "Hello,\n\nOur NAS fails to boot.\nWould you be able to send the invoice to 4 Quay Street, Cork T12 AB12, Ireland?\n\nThanks,\nAnn\n", field: "ship_to", want: ""},
	{name: "request to over a company line then the street", body: "Hi\n\nThe AP is dead.\n\nCan u send a replacement asap to\nHarbour Freight Ltd\n17 Quay Rd\nDubbo NSW 2830\n\nCheers\nDave\n", field: "ship_to", want: "Harbour Freight Ltd, 17 Quay Rd, Dubbo NSW 2830"},
	{name: "request at over a suite line", body: "Hi\n\nThe AP is dead.\n\nPlease ship the replacement to our office at\nSuite 210, 880 Harbor Blvd\nOakland, CA 94607\n\nThanks\nAnn\n", field: "ship_to", want: "Suite 210, 880 Harbor Blvd, Oakland, CA 94607"},
	{name: "returned to a company line is no request", body: "Hi\n\nThe AP is dead.\n\nWe already returned the faulty unit to\nAcme Returns Centre\n5 Depot Road\nReno, NV 89502\n\nThanks\nAnn\n", field: "ship_to", want: ""},
	{name: "request to the following address with a full stop", body: "Hi,\n\nThe NAS is dead.\nPlease send the replacement to the following address.\n\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nAnn\n", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701"},
	{name: "invoice to the address below is no ship-to", body: "Hi,\n\nThe NAS is dead.\nCould you send the invoice to the address below?\n\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nAnn\n", field: "ship_to", want: ""},
	{name: "past shipment to the address below is no request", body: "Hi,\n\nThe NAS is dead.\nYou sent the last replacement to the address below.\n\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nAnn\n", field: "ship_to", want: ""},
	{name: "serial label naming the node", body: "Bonjour,\n\nLe nœud ne démarre plus.\n\nNuméro de série du nœud : QTFCQ6201234\n", field: "serials", want: "QTFCQ6201234"},
	{name: "serial label naming the server", body: "Hi,\n\nThe server is dead.\n\nSerial number of the server: QTFCQ6201235\n", field: "serials", want: "QTFCQ6201235"},
	{name: "serial label naming a part stays another field", body: "Hi,\n\nThe PSU is dead.\n\nSerial: QTFCQ6201236\nSerial number of the power supply: PSU99887766\n", field: "serials", want: "QTFCQ6201236"},
	{name: "portuguese bios version after the update", body: "Boa tarde,\n\nO servidor não arranca.\n\nNº de série: QTFCV2201234\nVersão BIOS (após atualização): 3A16.Q501\n", field: "firmware", want: "3A16.Q501"},
	{name: "phone after a comma that ends the offer", body: "Hi,\n\nThe NAS is dead.\n\nBest number to reach me is my cell, 510-555-0199.\n\nThanks,\nKim\n", field: "phone", want: "510-555-0199"},
	{name: "refused phone after a comma", body: "Hi,\n\nThe NAS is dead.\n\nBob is off sick, please do not call his cell, 510-555-0198.\n\nThanks,\nKim\n", field: "phone", want: ""},
	{name: "mail the replacement to a block", body: "Hi,\n\nThe PSU failed.\n\nPlease mail the replacement PSU to:\nBig Sky Clinic\nP.O. Box 1187\nBozeman, MT 59771\n\nThanks,\nAmy\n", field: "ship_to", want: "Big Sky Clinic, P.O. Box 1187, Bozeman, MT 59771"},
	{name: "mail the replacement in prose", body: "Hi,\n\nThe PSU failed. Please mail the replacement to 12 Main Street, Springfield, IL 62701.\n\nThanks,\nAmy\n", field: "ship_to", want: "12 Main Street, Springfield, IL 62701"},
	{name: "e-mail the details is no shipping", body: "Hi,\n\nThe PSU failed.\n\nPlease e-mail the replacement details to:\nBig Sky Clinic\nP.O. Box 1187\nBozeman, MT 59771\n\nThanks,\nAmy\n", field: "ship_to", want: ""},
	{name: "request joined by and", body: "Hello,\n\nThe server is dead.\n\nAnd please send the advance replacement to our DR site, not HQ:\nAtlas Group\n4800 Westown Pkwy\nWest Des Moines, IA 50266\n\nRegards,\nGreg\n", field: "ship_to", want: "Atlas Group, 4800 Westown Pkwy, West Des Moines, IA 50266"},
	{name: "refusal joined by and", body: "Hello,\n\nThe server is dead.\n\nAnd please do not send the replacement to:\nAtlas Group\n4800 Westown Pkwy\nWest Des Moines, IA 50266\n\nRegards,\nGreg\n", field: "ship_to", want: ""},
}

func TestReadingsFix12(t *testing.T) { runFix7Cases(t, fix12Cases) }
