package parser

import "testing"

// Black-box attack round 9 on round 8's readings (issue 13): the vendor's
// "you replaced" said of the unit that is down again, a healthy-table
// introduction whose "but the rest" are faulty, a site word with its number
// at the end of a company, plural outages ("both do not boot"), and the
// guards that held. Mails from /work/wt/attack17 (r41..r57, r52 and r55
// unused). Cases with hole set are wrong today and skip.

func TestAttackRound9(t *testing.T) {
	runLatCases(t, r9Cases)
}

const r9From = "Mike Brown <mike@acme-example.com>"

var r9Cases = []latCase{
	// ===== holes =====
	{name: "r9/Units/YouReplacedDownAgain", from: r9From, field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nThe TS-873A (serial Q21BI04567) that you replaced in March is down again, it does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/TableRestFaulty", from: r9From, field: "serials", want: "Q22BI04003|Q22BI04004",
		body: "Hello,\n\nNo action needed on the first two, but the rest do not boot:\nmodel,serial\nTS-464,Q22BI04001\nTS-464,Q22BI04002\nTS-464,Q22BI04003\nTS-464,Q22BI04004\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/TableRestFaulty", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nNo action needed on the first two, but the rest do not boot:\nmodel,serial\nTS-464,Q22BI04001\nTS-464,Q22BI04002\nTS-464,Q22BI04003\nTS-464,Q22BI04004\n\nThanks,\nMike Brown\n"},
	{name: "r9/Company/SiteNumberCut", from: r9From, field: "company", want: "Acme Logistics",
		body: "Hello,\n\nI'm the IT admin at Acme Logistics Warehouse 3. Our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/PluralDoNotBoot", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nWe retired our old TS-451 last year. Our TS-873A units with serials Q21BI04567 and Q21BI04568 do not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/RetiredThenOurs", from: r9From, field: "serials", want: "Q21BI04567|Q21BI04568",
		body: "Hello,\n\nWe retired our old TS-451 last year. Our TS-873A units with serials Q21BI04567 and Q21BI04568 do not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/BothDoNotBoot", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nOur two TS-473A units, serials Q21BI04567 and Q21BI04568, both run QTS 5.1.0.2348. Since the update both do not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/OldSerialsBothDoNotBoot", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nOur old serials Q21BI04567 and Q21BI04568 (bought 2021) both do not boot now.\n\nThanks,\nMike Brown\n"},
	// ===== guards that held =====
	{name: "r9/Firmware/AltaiAPKept", from: r9From, field: "firmware", want: "2.1.3.0045",
		body: "Hello,\n\nOur Altai A8n access point (serial A8N2202A1001) on firmware 2.1.3.0045 keeps rebooting every hour.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/AltaiAPHigh", from: r9From, field: "severity", want: "high",
		body: "Hello,\n\nOur Altai A8n access point (serial A8N2202A1001) on firmware 2.1.3.0045 keeps rebooting every hour.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Firmware/QSWSwitchKept", from: r9From, field: "firmware", want: "2.0.1.37588",
		body: "Hello,\n\nOur QNAP switch QSW-M408-4C (serial Q22CH01234) on firmware 2.0.1.37588 has no link on any port, the whole office is offline.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/QSWSwitchCritical", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nOur QNAP switch QSW-M408-4C (serial Q22CH01234) on firmware 2.0.1.37588 has no link on any port, the whole office is offline.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/ReplacedPartsDownAgain", from: r9From, field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) is down again and does not boot, although its board and fans were replaced in March.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/OnlyFirstRebootsSecondDead", from: r9From, field: "serials", want: "Q21BI04567|Q21BI04568",
		body: "Hello,\n\nWe have TS-473A units with serials Q21BI04567 and Q21BI04568. Only the first reboots randomly, the second is dead too and does not boot at all.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/OnlyFirstRebootsSecondDead", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nWe have TS-473A units with serials Q21BI04567 and Q21BI04568. Only the first reboots randomly, the second is dead too and does not boot at all.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/SpareAlsoDied", from: r9From, field: "serials", want: "Q21BI04567|Q21BI04570",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot. Our spare TS-873A (serial Q21BI04570) also died, so nothing works now.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/SpareAlsoDied", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot. Our spare TS-873A (serial Q21BI04570) also died, so nothing works now.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Firmware/DropsOffTheSwitch", from: r9From, field: "firmware", want: "QTS 5.1.0.2348",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) on QTS 5.1.0.2348 drops off the switch every few minutes and then stops responding.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Firmware/BothRunShared", from: r9From, field: "firmware", want: "QTS 5.1.0.2348|QTS 5.1.0.2348",
		body: "Hello,\n\nOur two TS-473A units, serials Q21BI04567 and Q21BI04568, both run QTS 5.1.0.2348. Since the update both do not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/EsNotTheRightNumber", from: r9From, field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nLa etiqueta dice serie Q21BI04576 pero no es el número correcto, el correcto es Q21BI04567. El TS-873A no arranca.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Company/Unit7Studios", from: r9From, field: "company", want: "Unit 7 Studios",
		body: "Hello,\n\nI'm the IT admin at Unit 7 Studios. Our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/OldSerialsOurs", from: r9From, field: "serials", want: "Q21BI04567|Q21BI04568",
		body: "Hello,\n\nOur old serials Q21BI04567 and Q21BI04568 (bought 2021) both do not boot now.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/WereReplacedDownAgain", from: r9From, field: "serials", want: "Q21BI04567|Q21BI04568",
		body: "Hello,\n\nThe TS-873A units with serials Q21BI04567 and Q21BI04568 were replaced in March and are down again, they do not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/WereReplacedDownAgain", from: r9From, field: "severity", want: "critical",
		body: "Hello,\n\nThe TS-873A units with serials Q21BI04567 and Q21BI04568 were replaced in March and are down again, they do not boot.\n\nThanks,\nMike Brown\n"},
	// ===== the fixer's guards for the readings of round 9 =====
	{name: "r9/Units/TableFirstOneOthersFaulty", field: "serials", want: "Q22BI04002|Q22BI04003",
		body: "Hello,\n\nThe first one is fine, no action needed, but the others do not boot:\nmodel,serial\nTS-464,Q22BI04001\nTS-464,Q22BI04002\nTS-464,Q22BI04003\n\nThanks,\nMike Brown\n"},
	{name: "r9/Units/HealthyTableWithoutRestStillNone", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot. The first two below are our spares, no action needed:\nmodel,serial\nTS-464,Q22BI04001\nTS-464,Q22BI04002\n\nThanks,\nMike Brown\n"},
	{name: "r9/Company/DepotNumberCut", field: "company", want: "Nordic Freight",
		body: "Hello,\n\nI'm the IT admin at Nordic Freight Depot 12. Our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Company/WarehouseNameGoesOn", field: "company", want: "Warehouse 9 Supplies",
		body: "Hello,\n\nI'm the IT admin at Warehouse 9 Supplies. Our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/NoneOfThemBoots", field: "severity", want: "critical",
		body: "Hello,\n\nWe have three TS-464 (serials Q22BI04001, Q22BI04002 and Q22BI04003). Since the power cut none of them boots.\n\nThanks,\nMike Brown\n"},
	{name: "r9/Severity/DePluralStartenNicht", field: "severity", want: "critical",
		body: "Hallo,\n\nUnsere zwei TS-473A (Seriennummern Q21BI04567 und Q21BI04568) starten nicht mehr.\n\nGruß\nJan\n"},
	{name: "r9/Severity/FrPluralNeDemarrentPlus", field: "severity", want: "critical",
		body: "Bonjour,\n\nNos deux TS-473A (série Q21BI04567 et Q21BI04568) ne démarrent plus.\n\nClaire\n"},
	{name: "r9/Severity/EsPluralNoArrancan", field: "severity", want: "critical",
		body: "Hola,\n\nNuestros dos TS-473A (serie Q21BI04567 y Q21BI04568) no arrancan.\n\nSaludos,\nAna\n"},
	{name: "r9/Severity/PluralWorkingNotCritical", field: "severity", want: "low",
		body: "Hello,\n\nOur two TS-473A (serials Q21BI04567 and Q21BI04568) have noisy fans, but both still work fine.\n\nThanks,\nMike Brown\n"},
}
