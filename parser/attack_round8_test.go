package parser

import "testing"

// Black-box attack round 8 on round 7's readings (issue 13): a CSV of healthy
// units, plural serial lists of the vendor's boards or closed RMAs, "not the
// real one" in French, another device's "firmware shows", a second unit given
// the first one's version, "still works" of a part, another device or a spare,
// company names whose number is part of the name. Mails from
// /work/wt/attack16 (r21..r40). Cases with hole set are wrong today and skip.

func TestAttackRound8(t *testing.T) {
	runLatCases(t, r8Cases)
}

var r8Cases = []latCase{
	{name: "r8/Units/HealthyInventoryCSV", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot.\n\nFor your records, our other healthy units (all working fine, no action needed):\nasset_tag,model,serial,location\nA-100,TS-464,Q22BI04001,rack 2\nA-101,TS-464,Q22BI04002,rack 3\n\nThanks,\nMike Brown\n"},
	{name: "r8/Units/VendorReplacementBoards", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot. It was repaired twice before: the replacement boards you used had serials Q21BI09001, Q21BI09002 and Q21BI09003.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Units/ClosedRMASerials", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "A8N2202A1001",
		body: "Hello,\n\nOur A8n does not power on, serial A8N2202A1001. Previous RMAs for the old serials A8N2101A0001, A8N2101A0002 and A8N2101A0003 are closed.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Units/ShippedListOnlyFirst", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "AX5J22110093",
		body: "Hello,\n\nOur AX500 (serial AX5J22110093) drops clients every hour. The serials AX5J22110093, AX5J22110094 and AX5J22110095 were shipped to us last year; only the first one is affected.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Units/FrSerieNotRealOne", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "Q21BI04567",
		body: "Bonjour,\n\nNotre TS-873A ne démarre plus. Le carton indique (série Q21BI04576) mais ce n'est pas le bon numéro, le vrai est Q21BI04567.\n\nClaire\n"},
	{name: "r8/Firmware/SwitchShowsAfter", from: "Mike Brown <mike@acme-example.com>", field: "firmware", want: "QTS 5.1.0.2348",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) on QTS 5.1.0.2348 does not boot. The switch next to it is fine; its firmware shows 5.2.1.9999.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Firmware/SwitchShowsBefore", from: "Mike Brown <mike@acme-example.com>", field: "firmware", want: "",
		body: "Hello,\n\nOur switch firmware shows 3.2.0.1100 and is fine. The TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Firmware/SecondFailedNoVersion", from: "Mike Brown <mike@acme-example.com>", field: "firmware", want: "QTS 5.1.0.2348|",
		body: "Hello,\n\nOur first TS-473A (serial Q21BI04567) on QTS 5.1.0.2348 does not boot. The second NAS also failed now: TS-473A, serial Q21BI04568; the old one we retired last year ran QTS 4.5.4.1800.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Severity/FanStillWorks", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot. The TS-464 (serial Q22BI04567) does not boot either; only its fan still works.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Severity/UPSStillWorks", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nThe second NAS, a TS-464 with serial Q22BI04567, also does not boot; the UPS it is plugged into still works fine, so it is not power. The first, TS-873A serial Q21BI04567, is dead too.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Severity/SpareStillWorks", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot, nobody can reach the shares. Our spare still works, so we moved the users there.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Company/Gate5Logistics", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "Gate 5 Logistics",
		body: "Hello,\n\nI'm the IT admin at Gate 5 Logistics and our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Company/Pier39Seafood", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "Pier 39 Seafood",
		body: "Hello,\n\nI'm the office manager at Pier 39 Seafood and our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Company/Building7Partners", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "Building 7 Partners",
		body: "Hello,\n\nWe at Building 7 Partners have a TS-873A (serial Q21BI04567) that does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Company/Studio54Ltd", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "Studio 54 Ltd",
		body: "Hello,\n\nHere at Studio 54 Ltd our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Severity/DentStillWorks", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "low",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) arrived with a dent in the side panel. It still works fine.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Severity/ItemIsWhole", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\n1) Priority: Critical - our TS-873A (serial Q21BI04567) has a small scratch on the lid, cosmetic only, it works fine.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Units/CSVStatusOK", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) reboots every hour. Site inventory attached below:\nhostname,model,serial,status\nnas1,TS-873A,Q21BI04567,faulty\nnas2,TS-464,Q22BI04001,ok\nnas3,TS-464,Q22BI04002,ok\n\nThanks,\nMike Brown\n"},
	{name: "r8/Units/BothUpgradePath", from: "Mike Brown <mike@acme-example.com>", field: "models", want: "TS-873A",
		body: "Hello,\n\nOur TS-873A is dead, it does not boot. We are thinking about both our TS-873A and our TS-h1290FX as an upgrade path later, but now we just need the repair.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Company/ResellerSaid", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "",
		body: "Hello,\n\nOur reseller wrote: \"we at NetTrade GmbH cannot help, contact the vendor\". Our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	// ===== the fixer's guards for the readings of round 8 =====
	{name: "r8/Units/DeNotTheRealOne", field: "serials", want: "Q21BI04567",
		body: "Hallo,\n\nUnser TS-873A startet nicht mehr. Auf dem Karton steht (Seriennummer Q21BI04576), aber das ist nicht die richtige, die richtige ist Q21BI04567.\n\nGruß\nJan\n"},
	{name: "r8/Units/EsNotTheRealOne", field: "serials", want: "Q21BI04567",
		body: "Hola,\n\nNuestro TS-873A no arranca. La caja dice (serie Q21BI04576) pero no es el correcto, el correcto es Q21BI04567.\n\nSaludos,\nAna\n"},
	{name: "r8/Units/SerialsListFaultyKept", field: "serials", want: "A8N2202A1001|A8N2202A1002|A8N2202A1003",
		body: "Hello,\n\nUnits 1-3 are A8n, serials A8N2202A1001, A8N2202A1002 and A8N2202A1003; all three lost power after the storm and do not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Company/TerminalAtEndStillCut", field: "company", want: "Heathrow Airport",
		body: "Hello,\n\nI'm the IT admin at Heathrow Airport Terminal 5 and our QuantaGrid D52B-1U (S/N QTFCSB1280441) does not power on.\n\nThanks,\nMike\n"},
	{name: "r8/Firmware/OwnFirmwareAfterSwitchSentence", field: "firmware", want: "5.1.0.2348",
		body: "Hello,\n\nOur switch firmware shows 3.2.0.1100 and is fine. The TS-873A (serial Q21BI04567) does not boot. Its firmware is 5.1.0.2348.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Severity/NoisyFanButItWorks", field: "severity", want: "low",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) has a noisy fan, but it still works fine.\n\nThanks,\nMike Brown\n"},
	{name: "r8/Firmware/SharedVersionForAll", field: "firmware", want: "QTS 5.1.0.2348|QTS 5.1.0.2348",
		body: "Hello,\n\nOur two TS-473A (serial Q21BI04567 and serial Q21BI04568) do not boot since yesterday. Both run QTS 5.1.0.2348.\n\nThanks,\nMike Brown\n"},
}
