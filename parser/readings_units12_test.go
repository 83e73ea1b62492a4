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
}

func TestUnits12Readings(t *testing.T) {
	runTableAttacks(t, units12Readings, nil, "")
}
