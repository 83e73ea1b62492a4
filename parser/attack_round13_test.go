package parser

import "testing"

// Black-box attack round 13 on the newest UNITS readings: disowned serials
// ("not S/N Y", portal typo, URL query, another customer's unit, a later
// correction, a replacement that arrived/works), BIOS/BMC lines under a
// firmware line, HTML tables with a th header row, planned firmware, a
// "Firmware: V" after a prose sentence, "build N" in prose, "running
// TrueNAS 13". Verdicts in /work/wt/attack25/CASES.md. Cases with hole set
// are wrong today and skip; the rest are guards.

func TestAttackRound13(t *testing.T) { runLatCases(t, c13Cases) }

var c13Cases = []latCase{
	// ===== disowned serials =====
	{name: "c13/Serials/D01CorrectionOfThirdNearTwins", field: "serials", want: "Q21BI04567|Q21BI04568|Q21BI04569",
		body: c12Mail("Our two TS-873A units fail to boot: S/N Q21BI04567 and S/N Q21BI04568. The third one is S/N Q21BI04596.\nSorry, typo, the right serial is Q21BI04569.")},
	{name: "c13/Serials/D02TwoNearTwinsTypoFix", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Our two TS-873A units fail to boot.\nSerial: Q21BI04567\nSerial: Q21BI04586\nSorry, typo, the right serial is Q21BI04568.")},
	{name: "c13/Serials/D03NotOnlyButAlso", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Not only S/N Q21BI04567 but also S/N Q21BI04568 fails to boot since the update.")},
	{name: "c13/Serials/D04NotJust", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("It is not just S/N Q21BI04567, S/N Q21BI04568 fails to boot as well.")},
	{name: "c13/Serials/D05ReplacementArrivedDOA", field: "serials", want: "Q21BI04567|Q21BI09999",
		body: c12Mail("Our TS-873A S/N Q21BI04567 failed last week. The replacement S/N Q21BI09999 arrived today and it is DOA too, it does not power on.")},
	{name: "c13/Serials/D06ReplacementArrivedOnlyDOA", field: "serials", want: "Q21BI09999",
		body: c12Mail("The replacement unit S/N Q21BI09999 arrived today and it is DOA, it does not power on.")},
	{name: "c13/Serials/D07ReplacementWorksButOldStillToReturn", field: "serials", want: "Q21BI04567",
		body: c12Mail("The replacement S/N Q21BI09999 works fine. Please send a return label for the failed unit S/N Q21BI04567.")},
	{name: "c13/Serials/D08OwnPortalURLQuery", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. Inventory record: https://assets.acme-corp.com/view?sn=Q21BI04567")},
	{name: "c13/Serials/D09OwnPortalURLQueryPlusOther", hole: "the customer's own unit given only in their own inventory URL (?sn=Q21BI04567) is dropped because another unit remains", field: "serials", want: "Q21BI04567|Q22CI01234",
		body: c12Mail("Our TS-464 S/N Q22CI01234 fails to boot, and so does the TS-873A in our inventory: https://assets.acme-corp.com/view?sn=Q21BI04567")},
	// Guard for D09's reading in the parser's text order (the hole's want
	// lists the units in another order than the mail names them).
	{name: "c13/Serials/D09bOwnPortalURLQueryTextOrder", field: "serials", want: "Q22CI01234|Q21BI04567",
		body: c12Mail("Our TS-464 S/N Q22CI01234 fails to boot, and so does the TS-873A in our inventory: https://assets.acme-corp.com/view?sn=Q21BI04567")},
	{name: "c13/Serials/D09cVendorURLQueryPlusOther", field: "serials", want: "Q22CI01234",
		body: c12Mail("Our TS-464 S/N Q22CI01234 fails to boot. Your warranty page https://support.example.com/warranty?sn=Q21BI04567 says the other one is covered.")},
	{name: "c13/Serials/D10NotSNButSameMail", field: "serials", want: "Q21BI04567|Q21BI04576",
		body: c12Mail("Both of our TS-873A fail to boot: S/N Q21BI04567 and S/N Q21BI04576. Please do not mix them up, the first is not S/N Q21BI04576.")},
	{name: "c13/Serials/D11OtherCustomerOnlyOne", field: "serials", want: "Q21BI04567|Q21BI07777",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. Our sister company Beta Corp has S/N Q21BI07777 with the same fault; please handle theirs under this ticket as well, they authorised me.")},
	{name: "c13/Serials/D12HeWillWriteButOwn", field: "serials", want: "Q21BI04567|Q21BI07777",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. Our second unit S/N Q21BI07777 that my colleague manages fails too; he will write to you himself with the logs.")},
	{name: "c13/Serials/D13GaveToCustomer", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. The other one, S/N Q21BI07777, we sold to another customer last year.")},
	{name: "c13/Serials/D14PortalTypoOnlyPlace", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. Your portal lists it as S/N Q21BI04576, that is a typo on your side, the label says Q21BI04567.")},
	{name: "c13/Serials/D15NotSNOnly", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. S/N Q21BI04567 (not S/N Q21BI04576).")},
	{name: "c13/Serials/D16CorrectionReverted", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. Serial: Q21BI04567\nSorry, typo, the right serial is Q21BI04576.\nNo wait, my first mail was right, it is Q21BI04567.")},

	// ===== firmware lines under one another =====
	{name: "c13/Firmware/F01TwoUnitsEachBIOS", field: "firmware", want: "5.1.4.2596|5.2.0.2782",
		body: c12Mail("Serial: Q21BI04567\nFirmware: 5.1.4.2596\nBIOS: 3B13.Q402\n\nSerial: Q22CI01234\nFirmware: 5.2.0.2782\nBIOS: 3B14.Q501")},
	{name: "c13/Serials/F01TwoUnitsEachBIOS", field: "serials", want: "Q21BI04567|Q22CI01234",
		body: c12Mail("Serial: Q21BI04567\nFirmware: 5.1.4.2596\nBIOS: 3B13.Q402\n\nSerial: Q22CI01234\nFirmware: 5.2.0.2782\nBIOS: 3B14.Q501")},
	{name: "c13/Serials/F02TwoUnitsNoBlankLine", field: "serials", want: "Q21BI04567|Q22CI01234",
		body: c12Mail("Serial: Q21BI04567\nBIOS: 3B13.Q402\nSerial: Q22CI01234\nBIOS: 3B14.Q501")},
	{name: "c13/Firmware/F03BIOSOnlySecondUnit", field: "firmware", want: "5.1.4.2596|3B14.Q501",
		body: c12Mail("Serial: Q21BI04567\nFirmware: 5.1.4.2596\nSerial: Q22CI01234\nBIOS: 3B14.Q501")},
	{name: "c13/Serials/F04FirmwareBlockBeforeSerials", field: "serials", want: "A1-R20-440215",
		body: c12Mail("Firmware: 5.1.4\nBIOS: 3B13.Q402\nBMC: 4.30.01\nServer S/N: A1-R20-440215")},

	// ===== HTML th header =====
	{name: "c13/Serials/T01QtyColumn", html: true, field: "serials", want: "Q21BI04567|Q22CI01234",
		body: c12HTMLTable([]string{"Qty", "Model", "Serial"}, [][]string{{"1", "TS-873A", "Q21BI04567"}, {"1", "TS-464", "Q22CI01234"}})},
	{name: "c13/Models/T01QtyColumn", html: true, field: "models", want: "TS-873A|TS-464",
		body: c12HTMLTable([]string{"Qty", "Model", "Serial"}, [][]string{{"1", "TS-873A", "Q21BI04567"}, {"1", "TS-464", "Q22CI01234"}})},
	{name: "c13/Models/T02QtyTwoNoSerial", html: true, field: "models", want: "TS-873A",
		body: c12HTMLTable([]string{"Model", "Qty"}, [][]string{{"TS-873A", "2"}})},
	{name: "c13/Serials/T03StatusColumnReplaced", html: true, field: "serials", want: "Q21BI04567",
		body: c12HTMLTable([]string{"Model", "Serial", "Status"}, [][]string{{"TS-873A", "Q21BI04567", "fails to boot"}, {"TS-873A", "Q21BI09999", "replacement, works"}})},
	// Guards for T03's reading: a status that works only sometimes is a
	// fault; a table whose every row works keeps its rows.
	{name: "c13/Serials/T03bStatusNotWorking", html: true, field: "serials", want: "Q21BI04567|Q21BI09999",
		body: c12HTMLTable([]string{"Model", "Serial", "Status"}, [][]string{{"TS-873A", "Q21BI04567", "fails to boot"}, {"TS-873A", "Q21BI09999", "not working since the update"}})},
	{name: "c13/Serials/T03cEveryRowWorks", html: true, field: "serials", want: "Q21BI04567|Q21BI09999",
		body: c12HTMLTable([]string{"Model", "Serial", "Status"}, [][]string{{"TS-873A", "Q21BI04567", "works"}, {"TS-873A", "Q21BI09999", "works"}})},
	{name: "c13/Firmware/T04NotesColumnFirmware", html: true, field: "firmware", want: "5.1.4.2596|5.2.0.2782",
		body: c12HTMLTable([]string{"Model", "Serial", "Firmware", "Notes"}, [][]string{{"TS-873A", "Q21BI04567", "5.1.4.2596", "since 2024"}, {"TS-464", "Q22CI01234", "5.2.0.2782", "no POST"}})},
	{name: "c13/Serials/T05HeaderInThead", html: true, field: "serials", want: "Q21BI04567|Q22CI01234",
		body: "<html><body><p>Hello,</p><p>These fail:</p><table><thead><tr><th>Model</th><th>Serial</th></tr></thead><tbody><tr><td>TS-873A</td><td>Q21BI04567</td></tr><tr><td>TS-464</td><td>Q22CI01234</td></tr></tbody></table><p>Thanks,<br>Mike Brown</p></body></html>\n"},
	{name: "c13/Serials/T06TdHeaderBold", html: true, field: "serials", want: "Q21BI04567|Q22CI01234",
		body: "<html><body><p>Hello,</p><p>These fail:</p><table><tr><td><b>Model</b></td><td><b>Serial</b></td></tr><tr><td>TS-873A</td><td>Q21BI04567</td></tr><tr><td>TS-464</td><td>Q22CI01234</td></tr></table><p>Thanks,<br>Mike Brown</p></body></html>\n"},
	// Guard for T06's reading: a first row of td cells that is a label and
	// its value stays a "label: value" pair.
	{name: "c13/Serials/T06bTdLabelValueFirstRow", html: true, field: "serials", want: "Q21BI04567",
		body: "<html><body><p>Hello,</p><p>Our NAS fails to boot:</p><table><tr><td>Serial</td><td>Q21BI04567</td></tr><tr><td>Model</td><td>TS-873A</td></tr></table><p>Thanks,<br>Mike Brown</p></body></html>\n"},
	{name: "c13/Serials/T07NonUnitTableThHeader", html: true, field: "serials", want: "Q21BI04567",
		body: "<html><body><p>Hello,</p><p>Our TS-873A S/N Q21BI04567 fails to boot. Log excerpt:</p><table><tr><th>Time</th><th>Event</th></tr><tr><td>10:00</td><td>Disk 3 error</td></tr></table><p>Thanks,<br>Mike Brown</p></body></html>\n"},
	{name: "c13/Parts/T08PartColumnHeaderPN", html: true, field: "parts", want: "TS-873A-8G|TS-464-8G",
		body: c12HTMLTable([]string{"Item", "P/N", "Serial"}, [][]string{{"1", "TS-873A-8G", "Q21BI04567"}, {"2", "TS-464-8G", "Q22CI01234"}})},

	// ===== planned firmware =====
	{name: "c13/Firmware/P01PlanThenRunning", field: "firmware", want: "5.1.4.2596",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: we plan to update to 5.2 next week, currently 5.1.4.2596")},
	{name: "c13/Firmware/P02PlanThenRunningSentence", field: "firmware", want: "5.1.4.2596",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: we plan to update to 5.2 next week. It runs 5.1.4.2596 now.")},
	{name: "c13/Firmware/P03BracketPlanSquare", field: "firmware", want: "5.1.4.2596",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: 5.1.4.2596 [update to 5.2 planned]")},
	{name: "c13/Firmware/P04BracketNotPlan", field: "firmware", want: "5.1.4.2596 (build 20240115)",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: 5.1.4.2596 (build 20240115)")},
	{name: "c13/Firmware/P05WillUpdateLabel", field: "firmware", want: "",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: will be updated to 5.2 tomorrow")},
	{name: "c13/Firmware/P06UpdatedAlready", field: "firmware", want: "5.2.0.2782",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: updated to 5.2.0.2782 last week")},
	{name: "c13/Firmware/P07LatestLabel", field: "firmware", want: "5.1.4.2596",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: 5.1.4.2596 (we plan to update to 5.2 next week)\nBIOS: 3B13.Q402")},

	// ===== prose then label =====
	{name: "c13/Serials/L01ProseThenSerialLabel", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. Serial: Q21BI04567")},
	{name: "c13/Models/L02ProseUnitThenFirmwareTwoUnits", field: "models", want: "TS-873A|TS-464",
		body: c12Mail("Our TS-873A (serial Q21BI04567) fails to boot. Firmware: 5.1.4.2596\nOur TS-464 (serial Q22CI01234) fails too. Firmware: 5.2.0.2782")},
	{name: "c13/Firmware/L02ProseUnitThenFirmwareTwoUnits", field: "firmware", want: "5.1.4.2596|5.2.0.2782",
		body: c12Mail("Our TS-873A (serial Q21BI04567) fails to boot. Firmware: 5.1.4.2596\nOur TS-464 (serial Q22CI01234) fails too. Firmware: 5.2.0.2782")},
	{name: "c13/Models/L03ProseUnitThenModelLabel", field: "models", want: "TS-873A",
		body: c12Mail("Our NAS (serial Q21BI04567) fails to boot. Model: TS-873A")},
	{name: "c13/Serials/L04ProseOtherUnitThenFirmware", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nThe TS-464 in the other rack is fine. Firmware: 5.1.4.2596")},

	// ===== build / running =====
	{name: "c13/Firmware/B01BuildProseComma", field: "firmware", want: "5.1.4 build 2596",
		body: c12Mail("Our TS-873A serial Q21BI04567 runs firmware 5.1.4 build 2596, and fails to boot.")},
	{name: "c13/Firmware/B02BuildThenDate", field: "firmware", want: "5.1.4 build 20240115",
		body: c12Mail("Our TS-873A serial Q21BI04567 fails to boot. Firmware 5.1.4 build 20240115.")},
	{name: "c13/Firmware/B03BuildingNotBuild", field: "firmware", want: "5.1.4",
		body: c12Mail("Our TS-873A serial Q21BI04567 fails to boot. Firmware 5.1.4 building 2 is where it sits.")},
	{name: "c13/Firmware/R01RunningTrueNASCore", field: "firmware", want: "TrueNAS CORE 13.0-U6",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 is running TrueNAS CORE 13.0-U6 and the pool disappeared.")},
	{name: "c13/Firmware/R02RunningTrueNAS13Plan", field: "firmware", want: "TrueNAS 13",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 is running TrueNAS 13 and we plan to move to TrueNAS 24 next month. The pool disappeared.")},
	{name: "c13/Firmware/R03RunningFor13Days", field: "firmware", want: "",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 has been running 13 days without a reboot and now the pool disappeared.")},
	{name: "c13/Firmware/R04RunningTrueNAS13Clients", field: "firmware", want: "",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 lost its pool. The clients are running Windows 11.")},
	{name: "c13/Firmware/R05RunningTrueNASScale", field: "firmware", want: "TrueNAS SCALE 24.04",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 is running TrueNAS SCALE 24.04 and the pool disappeared.")},
	{name: "c13/Firmware/R06UsedToRunTrueNAS12", field: "firmware", want: "TrueNAS 13",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 used to run TrueNAS 12, it is running TrueNAS 13 now and the pool disappeared.")},

	// Guard for R06's reading: a system left behind alone gives none.
	{name: "c13/Firmware/R06bUsedToRunOnly", field: "firmware", want: "",
		body: c12Mail("Our TrueNAS Mini X+ serial A1-12345 used to run TrueNAS 12 and the pool disappeared.")},

	// ===== second batch =====
	{name: "c13/Serials/E01NotSNOnlyTwoReal", field: "serials", want: "Q21BI04567|Q22CI01234",
		body: c12Mail("Our TS-873A S/N Q21BI04567 and our TS-464 S/N Q22CI01234 fail to boot. The TS-464 is S/N Q22CI01234, not S/N Q22CI01243 as your portal says.")},
	{name: "c13/Serials/E02ReplacementWorksOnlyUnit", field: "serials", want: "Q21BI09999",
		body: c12Mail("The replacement unit S/N Q21BI09999 arrived and works for a day, then it failed to boot again. Please replace it.")},
	{name: "c13/Serials/E03ReplacementArrivedReturnOld", field: "serials", want: "Q21BI04567",
		body: c12Mail("Replacement for S/N Q21BI04567 arrived, thanks. The new one is S/N Q21BI09999. Where do I send the old one?")},
	// Guards for E03's reading: the unit a replacement is for is the failed
	// one, also after "the"; a new unit said to fail stays.
	{name: "c13/Serials/E03bTheReplacementForReturnOld", field: "serials", want: "Q21BI04567",
		body: c12Mail("The replacement for S/N Q21BI04567 arrived, thanks. The new one is S/N Q21BI09999. Where do I send the old one?")},
	{name: "c13/Serials/E03cNewOneFailsToo", field: "serials", want: "Q21BI04567|Q21BI09999",
		body: c12Mail("Replacement for S/N Q21BI04567 arrived last month. The new one, S/N Q21BI09999, now fails to boot as well.")},
	{name: "c13/Serials/E04URLQueryOnlyPlace", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. Your warranty page https://support.example.com/warranty?sn=Q21BI04567 says it is covered.")},
	{name: "c13/Serials/E05HimselfAboutOurUnit", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. Our admin will write to you himself with the logs.")},
	{name: "c13/Serials/E06CorrectionTwoUnitsLabelled", field: "serials", want: "Q21BI04567|Q22CI01234",
		body: c12Mail("Serial 1: Q21BI04567\nSerial 2: Q22CI01243\nSorry, typo in serial 2, the right serial is Q22CI01234.")},
	{name: "c13/Serials/E07NotSNInProblem", field: "serials", want: "Q21BI04567",
		body: c12Mail("The unit that fails is S/N Q21BI04567 and not S/N Q21BI04568, which works fine.")},
	{name: "c13/Serials/E08TypoOnOurSide", field: "serials", want: "Q21BI04567",
		body: c12Mail("Our TS-873A fails to boot. In my last mail I wrote S/N Q21BI04576, that was a typo on my side; it is S/N Q21BI04567.")},
	{name: "c13/Firmware/E09BMCUnderBIOSTwoServers", field: "firmware", want: "3B13.Q402|3B14.Q501",
		body: c12Mail("Server 1 S/N: A1-R20-440215\nBIOS: 3B13.Q402\nBMC: 4.30.01\nServer 2 S/N: A1-R20-440216\nBIOS: 3B14.Q501\nBMC: 4.31.02")},
	{name: "c13/Serials/E09BMCUnderBIOSTwoServers", field: "serials", want: "A1-R20-440215|A1-R20-440216",
		body: c12Mail("Server 1 S/N: A1-R20-440215\nBIOS: 3B13.Q402\nBMC: 4.30.01\nServer 2 S/N: A1-R20-440216\nBIOS: 3B14.Q501\nBMC: 4.31.02")},
	// Guards for E09's reading: a unit noun and its number before a serial
	// label name which unit; a node of one chassis is no unit.
	{name: "c13/Serials/E09bSystemNSerial", field: "serials", want: "A1-R20-440215|A1-R20-440216",
		body: c12Mail("System 1 serial: A1-R20-440215\nSystem 2 serial: A1-R20-440216\nBoth fail to boot.")},
	{name: "c13/Serials/E09cOneChassisNodeBIOS", field: "serials", want: "A1-R20-440215",
		body: c12Mail("Chassis serial: A1-R20-440215\nNode 1 BIOS: 3B13.Q402\nNode 2 BIOS: 3B14.Q501\nNode 2 fails to boot.")},
	{name: "c13/Firmware/E10PlanParenNoVersion", field: "firmware", want: "5.1.4.2596",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot.\nFirmware: 5.1.4.2596 (latest)")},
	{name: "c13/Firmware/E11ProseBuildTwoUnits", field: "firmware", want: "5.1.4 build 2596|5.2.0 build 2782",
		body: c12Mail("Our TS-873A serial Q21BI04567 fails to boot. Firmware 5.1.4 build 2596.\nOur TS-464 serial Q22CI01234 fails too. Firmware 5.2.0 build 2782.")},
	// Guard for E11's reading: one version on one unit's line only is not
	// split off; the prose's version stays shared as before.
	{name: "c13/Firmware/E11bOneLineVersionShared", field: "firmware", want: "5.1.4 build 2596|5.1.4 build 2596",
		body: c12Mail("Our TS-873A serial Q21BI04567 fails to boot. Firmware 5.1.4 build 2596.\nOur TS-464 serial Q22CI01234 fails too.")},
	{name: "c13/Serials/E12HTMLThTwoTablesQuoted", html: true, field: "serials", want: "Q21BI04567",
		body: "<html><body><p>Hello,</p><p>Our TS-873A S/N Q21BI04567 fails again.</p><p>Thanks,<br>Mike Brown</p><blockquote type=\"cite\"><table><tr><th>Model</th><th>Serial</th></tr><tr><td>TS-464</td><td>Q22CI01234</td></tr></table></blockquote></body></html>\n"},
	{name: "c13/Serials/E13SerialThenFirmwareInline", field: "serials", want: "Q21BI04567",
		body: c12Mail("The TS-873A with serial Q21BI04567 that we bought on March 3, 2025 fails to boot. Firmware: 5.1.4.2596")},
}
