package parser

import "testing"

// Unit readings of round 12 (units by structure), written anew: other
// mails, languages or layouts than the ones that showed the cause.
var units12Readings = []tableAttack{
	// a part number or firmware label names its component after it, in
	// the languages that put a qualifier behind the noun
	{name: "pn/artikelnummer-des-netzteils", field: "parts", want: "1S5PZZZ0ST3", raw: wMail("Hallo,\n\nNetzteil defekt.\n\nSeriennummer: CN8A3401456\nArtikelnummer des Netzteils: 1S5PZZZ0ST3\n\nAnna")},
	{name: "pn/artikelnr-node", field: "parts", want: "1S5TZZZ0071", raw: wMail("Hallo,\n\nNode 3 defekt.\n\nGehäuse-SN: QTFCT4Z110392\nArtikelnr. Node: 1S5TZZZ0071\n\nAnna")},
	{name: "fw/firmware-des-bmc", field: "firmwares", want: "4.22.06", raw: wMail("Bonjour,\n\nle serveur ne démarre plus.\n\nN° de série : CN8A3401456\nFirmware du BMC : 4.22.06\n\nAnne")},
	{name: "pn/reference-commande-not-part", field: "parts", want: "", raw: wMail("Bonjour,\n\nle NAS ne démarre plus.\n\nN° de série : Q21CJ05512\nRéférence commande : CMD-88120\n\nAnne")},
	// a "Unit N:" heading names its unit by the serial-shaped code in it
	{name: "sn/unit-heading-code", field: "serials", want: "Q23BH02291,Q22CE03317", raw: wMail("Hello,\n\nboth NAS fail.\n\nUnit 1: Q23BH02291\nUnit 2: Q22CE03317\n\nTom")},
	{name: "sn/unit-heading-model-code", field: "serials", want: "Q23BH02291,Q22CE03317", raw: wMail("Hello,\n\nboth NAS fail.\n\nUnit 1: TS-664, Q23BH02291\nUnit 2: TS-464, Q22CE03317\n\nTom")},
	{name: "sn/unit-heading-model-not-serial", field: "serials", want: ",", raw: wMail("Hello,\n\nboth NAS fail.\n\nUnit 1: TS-h1290FX-7302P\nUnit 2: TS-h1290FX-7302P\n\nTom")},
	// a firmware word or component name and, a few digit-free words on, a
	// version-shaped token: the unit's firmware in any language's sentence
	{name: "fw/component-was-version", field: "firmwares", want: "4.22.06", raw: wMail("Hi,\n\nOur QuantaGrid D52B-1U, serial QTFCQ0901005510, is dead. BMC was 4.22.06 when it died.\n\nTom")},
	{name: "fw/bios-update-auf", field: "firmwares", want: "3B16.Q501", raw: wMail("Hallo,\n\nunser QuantaGrid D52B-1U (SN QTFCQ0901005510) startet nach dem BIOS-Update auf 3B16.Q501 nicht mehr.\n\nTom")},
	{name: "fw/component-before-after", field: "firmwares", want: "5.18.04", raw: wMail("Hej,\n\nServern QuantaGrid D54Q-2U (serienummer QTFCR2503A118) startar inte.\nBMC före uppdatering: 5.13.01, efter: 5.18.04\n\nMagnus")},
	{name: "fw/component-proposed-not", field: "firmwares", want: "", raw: wMail("Hi,\n\nOur A8n, serial A8N2202A1001, reboots; should we update the firmware to 2.4.1?\n\nTom")},
	{name: "fw/component-date-not", field: "firmwares", want: "", raw: wMail("Hallo,\n\nunser QuantaGrid D52B-1U (SN QTFCQ0901005510) startet seit dem BIOS-Update am 14.03.2025 nicht mehr.\n\nTom")},
	// a note in brackets after a labelled serial or list of serials gives
	// each listed unit its facts; its commas are not the list's
	{name: "sn/list-with-note", field: "serials", want: "Q23BH02291,Q22CE03317", raw: wMail("Hello,\n\nboth NAS fail.\n\nSerial numbers: Q23BH02291, Q22CE03317 (both TS-664, QTS 5.1.6.2722)\n\nTom")},
	{name: "fw/list-note-shared", field: "firmwares", want: "QTS 5.1.6.2722,QTS 5.1.6.2722", raw: wMail("Hello,\n\nboth NAS fail.\n\nSerial numbers: Q23BH02291, Q22CE03317 (both TS-664, QTS 5.1.6.2722)\n\nTom")},
	{name: "fw/serial-note", field: "firmwares", want: "QTS 5.1.6.2722", raw: wMail("Hello,\n\nthe NAS fails.\n\nSerial: Q23BH02291 (TS-664, QTS 5.1.6.2722)\n\nTom")},
	// a serial-shaped code right beside a model, no label: the serial; a
	// code led by a digit (a part number) or after an order word is not
	{name: "sn/beside-model-subject", field: "serials", want: "AL2203A01987", raw: tableMail("Kevin <k@x.example>", "[Case 123456] A8n AL2203A01987 reboots", "Hello,\n\nthe unit reboots every hour.\n\nKevin")},
	{name: "sn/beside-model-part-not", field: "serials", want: "", raw: wMail("Hello,\n\nour D52B-1U 1S5BZZZ0ST1 is dead.\n\nKevin")},
	{name: "sn/beside-model-order-not", field: "serials", want: "", raw: wMail("Hello,\n\nour A8n from order ORD20240117 is dead.\n\nKevin")},
}

func TestUnits12Readings(t *testing.T) {
	runTableAttacks(t, units12Readings, nil, "")
}
