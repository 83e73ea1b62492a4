package parser

import "testing"

// Black-box attack round 18 (attack 30) on the last refusals of round 17:
// numbered "Server N BIOS:" labels, firmware-only label lines under prose
// units, questions that say a unit works, and the next sentence's fault
// keeping a replacement said to work. Mails in /work/wt/attack30. Cases
// with hole set are wrong today and skip; the rest are guards.

func TestAttackRound18(t *testing.T) { runLatCases(t, c18Cases) }

const c18Crash = "The TS-873A S/N Q21BI04567 crashes every hour.\n"

var c18Cases = []latCase{
	// ===== 1. numbered firmware labels =====
	{name: "c18/Firmware/A01ServerBIOSAfterEach", field: "firmware", want: "3A10|3B20",
		body: c12Mail("Server 1: TS-873A S/N Q21BI04567\nServer 1 BIOS: 3A10\nServer 2: TS-873A S/N Q21BI04568\nServer 2 BIOS: 3B20\n\nServer 1 fails to boot, server 2 too.")},
	{name: "c18/Firmware/A02ServerBIOSReversed", field: "firmware", want: "3A10|3B20",
		body: c12Mail("Server 1: TS-873A S/N Q21BI04567\nServer 2: TS-873A S/N Q21BI04568\n\nServer 2 BIOS: 3B20\nServer 1 BIOS: 3A10\n\nBoth fail to boot.")},
	{name: "c18/Serials/A03ServerThreeBIOSNoServerThree", hole: "'Server 3 BIOS:' with only two numbered units makes a phantom third unit of firmware only", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Servidor 1: TS-873A S/N Q21BI04567\nServidor 2: TS-873A S/N Q21BI04568\nServer 3 BIOS: 9Z99\nServidor 2 firmware: 5.1.4\n\nAmbos fallan.")},
	{name: "c18/Firmware/D01UnitTwoFirmwareUnderServerTwo", field: "firmware", want: "|5.1.9",
		body: c12Mail("Server 1: TS-873A S/N Q21BI04567\nServer 2: TS-873A S/N Q21BI04568\nUnit 2 firmware: 5.1.9\n\nBoth fail.")},

	// ===== 2. firmware-only label lines under prose units =====
	{name: "c18/Firmware/A04TwoFirmwareLinesTwoUnits", hole: "two 'Firmware:' lines in a row under two units give both units the first: by position the second unit runs the second", field: "firmware", want: "5.1.4|5.1.5",
		body: c12Mail("TS-873A S/N Q21BI04567\nTS-873A S/N Q21BI04568\nFirmware: 5.1.4\nFirmware: 5.1.5\n\nBoth fail.")},
	{name: "c18/Firmware/A05FirmwareUnderEachUnit", field: "firmware", want: "5.1.4|5.1.5",
		body: c12Mail("TS-873A S/N Q21BI04567\nFirmware: 5.1.4\nTS-873A S/N Q21BI04568\nFirmware: 5.1.5\n\nBoth fail.")},
	{name: "c18/Firmware/D02ProseSerialsTwoFirmwareLines", hole: "prose serials with one Model: line and two Firmware: lines give both units the first firmware", field: "firmware", want: "5.1.4|5.2.0",
		body: c12Mail("We bought units Q21BI04567 and Q21BI04568; both crash.\n\nModel: TS-873A\nFirmware: 5.1.4\nFirmware: 5.2.0")},
	{name: "c18/Firmware/D02cOneUnitTwoFirmwareLines", field: "firmware", want: "5.1.4",
		body: c12Mail("Model: TS-873A\nFirmware: 5.1.4\nFirmware: 5.2.0\nIt crashes.")},
	{name: "c18/Firmware/D02dLabelledSerialsTwoFirmwareLines", hole: "'Serial: X' / 'Serial: Y' / 'Firmware: 5.1.4' / 'Firmware: 5.1.5' gives the first firmware to the second unit and none to the first", field: "firmware", want: "5.1.4|5.1.5",
		body: c12Mail("Serial: Q21BI04567\nSerial: Q21BI04568\nFirmware: 5.1.4\nFirmware: 5.1.5\nBoth crash.")},
	{name: "c18/Firmware/D02bOneFirmwareLineShared", field: "firmware", want: "5.1.4|5.1.4",
		body: c12Mail("We bought units Q21BI04567 and Q21BI04568; both crash.\n\nModel: TS-873A\nFirmware: 5.1.4")},

	// ===== 3. questions and denials =====
	{name: "c18/Serials/A06QuestionAnsweredNo", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Our units Q21BI04567 and Q21BI04568 fail.\n\nS/N Q21BI04567 is fine to keep using? No, it crashes hourly.\nS/N Q21BI04568 isn't fine.")},
	{name: "c18/Serials/B01OtherOneWorksFine", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "The other one (S/N Q21BI04568) works fine.")},
	{name: "c18/Serials/B05WorksSeeStatusURL", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "The other one (S/N Q21BI04568) works, see https://status.example.com/check?sn=Q21BI04568")},
	{name: "c18/Serials/B06OtherOneWorksFineQuestion", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "The other one (S/N Q21BI04568) works fine? please check.")},
	{name: "c18/Serials/C01IsSerialFineToKeepUsing", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "Is S/N Q21BI04568 fine to keep using?")},
	{name: "c18/Serials/C02IsntFineEither", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "S/N Q21BI04568 isn't fine either.")},
	{name: "c18/Serials/C03DoesntWorkEither", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "S/N Q21BI04568 doesn't work either.")},
	{name: "c18/Serials/C04TableWorksQuestionCell", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: "| Serial | Status |\n|---|---|\n| Q21BI04567 | crashes |\n| Q21BI04568 | works? |\n"},
	{name: "c18/Serials/C05WorksFineURLInParens", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "S/N Q21BI04568 works fine (see https://x.example.com/a?sn=Q21BI04568).")},

	// ===== 4. the next sentence after "works" =====
	{name: "c18/Serials/B02SameFaultAfterAnHour", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "The new one (S/N Q21BI04568) works. It shows the same fault after an hour though.")},
	{name: "c18/Serials/B03NoFaultAtAllSince", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "The new one (S/N Q21BI04568) works. No fault at all since then.")},
	{name: "c18/Serials/B04FirstOneShowsTheFault", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "The other one (S/N Q21BI04568) works. The first one shows the fault after an hour.")},
	{name: "c18/Serials/B07RebootsFixedNothingOnFirst", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "The other one (S/N Q21BI04568) works. Reboots fixed nothing on the first one, it still hangs.")},
	{name: "c18/Serials/B08NeverHadAnErrorOrCrash", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "The other one (S/N Q21BI04568) works. Never had an error or crash.")},
	{name: "c18/Serials/D03CrashedOnceButNotSince", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "The new one (S/N Q21BI04568) works. It crashed once last year, but not since.")},
	{name: "c18/Serials/D04StillCrashesGuard", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "The new one (S/N Q21BI04568) works. It still crashes twice a day though.")},

	{name: "c18/Serials/D05NoCommaStillCrashes", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "The new one (S/N Q21BI04568) works. No, wait: it crashed again this morning.")},
	{name: "c18/Serials/D06NotForLongCrashedAgain", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "The new one (S/N Q21BI04568) works. Not for long: it crashed again at noon.")},
	{name: "c18/Serials/D07OtherOneNamedInBoth", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c18Crash + "The other one (S/N Q21BI04568) works. The other one shows the same fault after an hour though.")},
	{name: "c18/Serials/D08GermanKeinFehler", field: "serials", want: "Q21BI04567",
		body: c12Mail(c18Crash + "Das neue Gerät (S/N Q21BI04568) läuft. Kein Fehler seitdem.")},

	// ===== 5. severity of "both fail" =====
	{name: "c18/Severity/E01ServerOneFailsToBootTwoToo", field: "severity", want: "critical",
		body: c12Mail("Server 1: TS-873A S/N Q21BI04567\nServer 2: TS-873A S/N Q21BI04568\n\nServer 1 fails to boot, server 2 too.")},
	{name: "c18/Severity/E02BothFailToBoot", hole: "'Both fail to boot.' gives no severity though 'Server 1 fails to boot' is critical", field: "severity", want: "critical",
		body: c12Mail("Server 1: TS-873A S/N Q21BI04567\nServer 2: TS-873A S/N Q21BI04568\n\nBoth fail to boot.")},
}
