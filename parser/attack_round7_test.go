package parser

import "testing"

// Black-box attack round 7 on round 6's readings (issue 13): severity read
// from one phrase anywhere in the mail ("Priority: low" on a feature
// request or a second item, another unit's or a loaner's "still works",
// "everything works except ...", an LED "is off", a planned outage), "we
// at X" companies that are a city, a carrier or reported speech, a box
// sticker's serial the sentence calls not the real one, and a unit that
// "works ... only for an hour, then ...". The attacker read no parser code
// and no labelled testdata. Cases with hole set are wrong today and skip;
// the rest guard readings that held.

func TestAttackRound7(t *testing.T) {
	runLatCases(t, r7Cases)
}

var r7Cases = []latCase{
	{name: "r7/Severity/PriorityLowOnFeatureRequest", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) is down since this morning, no access to any share, the whole office cannot work.\n\nAlso a feature request (Priority: low): please add dark mode to the admin page.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/PriorityLowOnSecondItem", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\n1) Our TS-873A (serial Q21BI04567) is dead, whole office down.\n2) Priority: Low - the front bezel of the TS-464 has a scratch.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/OtherUnitStillWorks", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nOur A8n at the hill site (S/N A8N2011000932) is dead since 6am, no service to any subscriber there. The A8n at the depot still works fine.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/EverythingWorksExcept", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nEverything works except the storage: our TS-873A (serial Q21BI04567) lost its RAID volume, all data inaccessible, the office is down.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/LoanerWorksOriginalDead", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nThe loaner you sent works fine. Our original TS-873A (serial Q21BI04567) still does not boot, please repair it.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/LEDIsOff", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "low",
		body: "Hello,\n\nThe LAN2 LED on our TS-873A (serial Q21BI04567) is still off, the port does not link; LAN1 carries all traffic fine.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/PlannedOutageCosmetic", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "low",
		body: "Hello,\n\nOur A8n (S/N A8N2011000932) has a cracked radome, cosmetic only, it works. We will have 60 subs offline on Saturday for the planned swap, so please ship the replacement before then.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Company/WeAtCity", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "",
		body: "Hello,\n\nWe at London have had two outages this week; our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike\n"},
	{name: "r7/Company/WeAtCarrierReported", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "",
		body: "Hello,\n\nThe TS-873A (serial Q21BI04567) you sent arrived damaged; the driver said we at UPS cannot accept it back without a label. The chassis is bent and it does not power on.\n\nThanks,\nMike\n"},
	{name: "r7/Company/AdminAtAirportTerminal5", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "Heathrow Airport",
		body: "Hello,\n\nI'm the IT admin at Heathrow Airport Terminal 5 and our QuantaGrid D52B-1U (S/N QTFCSB1280441) does not power on.\n\nThanks,\nMike\n"},
	{name: "r7/Serial/BoxStickerNotReal", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "Q21BI04576",
		body: "Hello,\n\nHere's the serial from the sticker on the box: Q21BI04567 (the unit itself has a different sticker, Q21BI04576, which is the real one). The TS-873A does not boot.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Serial/FrWorksOnlyAnHour", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: "Bonjour,\n\nNotre TS-873A (série Q21BI04567) ne démarre plus. L'autre (série Q21BI04568) fonctionne parfaitement pendant une heure, puis redémarre tout seul.\n\nClaire\n"},
	{name: "r7/Serial/PlWorksOnlyAnHour", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "QTFCSB1280441|QTFCSB1280457",
		body: "Dzień dobry,\n\nSerwer D52B-1U (nr seryjny QTFCSB1280441) nie uruchamia się. Drugi serwer (nr seryjny QTFCSB1280457) działa poprawnie tylko przez godzinę, potem się wyłącza.\n\nPiotr\n"},
	{name: "r7/Severity/PlDoesNotStart", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Dzień dobry,\n\nSerwer D52B-1U (nr seryjny QTFCSB1280441) nie uruchamia się. Drugi serwer (nr seryjny QTFCSB1280457) działa poprawnie tylko przez godzinę, potem się wyłącza.\n\nPiotr\n"},
	{name: "r7/Severity/OutageButPowerLEDWorks", from: "Mike Brown <mike@acme-example.com>", field: "severity", want: "critical",
		body: "Hello,\n\nThe TS-873A (serial Q21BI04567) does not serve anything anymore, all shares are gone and users cannot work, but the power LED works.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Firmware/UpgradeFailedRolledBack", from: "Mike Brown <mike@acme-example.com>", field: "firmware", want: "1.5.2.4100",
		body: "Hello,\n\nOur AX500 (serial AX5J22110093) runs firmware 1.5.2.4100. We tried to upgrade it to 1.5.3.4380, it failed and rolled back to 1.5.2.4100, and since then clients drop every hour.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Serial/CSVClosedRMAs", from: "Mike Brown <mike@acme-example.com>", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot.\n\nOur past RMAs, already closed:\nmodel,serial,rma,closed\nTS-873A,Q21BI04111,RMA-100001,2024-05-02\nTS-873A,Q21BI04222,RMA-100017,2024-09-12\n\nThanks,\nMike Brown\n"},
	{name: "r7/Phone/RingVendorHotline", from: "Mike Brown <mike@acme-example.com>", field: "phone", want: "",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) is dead. Should I give your hotline a ring instead? 0800 123 4567 is what the website says.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Company/EndCustomerOnlyQuoted", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "NetTrade Reseller GmbH",
		body: "Hello,\n\nNow the second TS-464 (serial Q22BI04567) at our own office does not power on.\n\nThanks,\nMike Brown\nNetTrade Reseller GmbH\n\nOn Mon, 1 Dec 2025, Mike Brown wrote:\n> End customer: Kestrel Media Ltd\n> Serial: Q21BI04567\n> Does not boot.\n"},
	{name: "r7/Company/WeAtVendor", from: "Mike Brown <mike@acme-example.com>", field: "company", want: "",
		body: "Hello,\n\nYour colleague told me that we at QNAP Support should collect logs first, so here they are. Our TS-873A (serial Q21BI04567) does not boot.\n\nThanks,\nMike\n"},
	{name: "r7/Phone/LowercaseVendorBlockMidMail", from: "Mike Brown <mike@acme-example.com>", field: "phone", want: "+44 161 496 0732",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) does not boot. I spoke with your engineer:\n\nkevin\nQNAP Support\n+886 2 2641 2000\n\nsaid to open an RMA.\n\nThanks,\nMike Brown\n+44 161 496 0732\n"},

	// ===== "also seen, not filed" =====
	{name: "r7/Severity/DeStartetNichtZweiterStuerztAb", field: "severity", want: "critical",
		body: "Hallo,\n\nDer Server mit Seriennummer QTFCSB1280441 startet nicht. Der zweite Server (Seriennummer QTFCSB1280457) läuft einwandfrei, bis er nach etwa zehn Minuten abstürzt.\n\nGruß\nPiotr\n"},
	{name: "r7/Severity/NlStartNietAndereOok", field: "severity", want: "critical",
		body: "Hallo,\n\nOnze TS-873A (serienummer Q21BI04567) start niet. De andere (serienummer Q21BI04568) werkt ook niet meer.\n\nGroeten,\nJan\n"},
	{name: "r7/Severity/WorksAgainOnlyAfterPowerCycleThenHangs", field: "severity", want: "high",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) only works again after a power cycle, then hangs within hours.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/OnlyBMCPageSlow", field: "severity", want: "low",
		body: "Hello,\n\nOur D52B-1U (S/N QTFCSB1280441) POSTs fine and serves VMs; only the BMC web page is slow.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/NoLongerOffFanNoisy", field: "severity", want: "low",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) is no longer off after the PSU swap, it runs, but the fan is noisy.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/RebootsStoppedNowBack", field: "severity", want: "high",
		body: "Hello,\n\nOn our TS-873A (serial Q21BI04567) the random reboots stopped after the firmware update for a day, now they are back.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/PastRebootsNowFanNoise", field: "severity", want: "low",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) used to have random reboots last year; now the fan makes a grinding noise but everything works.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Severity/ScratchAndWorseNoPower", field: "severity", want: "critical",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) has a scratch on the front, and worse, it does not power on.\n\nThanks,\nMike Brown\n"},
	{name: "r7/Phone/RingNotReceptionMobile", field: "phone", want: "07700 900431",
		body: "Hello,\n\nOur TS-873A (serial Q21BI04567) is dead. Can someone give me a ring? Not on 0161 496 0999 though, that's our reception, use my mobile 07700 900431.\n\nThanks,\nMike Brown\n"},
}
