package parser

import "testing"

// Black-box attack on round 4's new readings (issue 13): a serial corrected
// later in the mail, labels split at a run of spaces, a rule line ending an
// address and a 'Co.'/'Inc.' line continuing it, a ship request after a reason
// and a polite question without 'please', 'Sent on behalf of', surname
// particles and academic titles, an order date never the invoice date, the
// new severity phrases and a first 'Unit:' heading. Each is attacked both
// ways: taking a value that is not the customer's, and missing the value when
// written a little differently. The attacker read no parser code and no
// labelled testdata. Cases with hole set are wrong today and skip (and fail
// once the parser gets them right); the rest guard readings that held.

func TestAttackRound4(t *testing.T) {
	runLatCases(t, r4Cases)
	runR4InvoiceCases(t, r4InvoiceCases)
}

// r4InvCase checks the invoice date, which latGet does not read; same rules
// as runLatCases (a hole skips while wrong, fails once right).
type r4InvCase struct {
	name string
	body string
	want string
	hole string
}

func runR4InvoiceCases(t *testing.T, cases []r4InvCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Parse(latMail("Mike Brown <mike@acme-corp.com>", c.body, false))
			if err != nil {
				t.Fatal(err)
			}
			got := m.Fields.InvoiceDate
			if got == c.want && c.hole != "" {
				t.Errorf("listed HOLE is refused now, drop its hole: %s", c.hole)
			}
			if got != c.want {
				if c.hole != "" {
					t.Skipf("HOLE: %s: invoice_date got %q, want %q", c.hole, got, c.want)
				}
				t.Errorf("invoice_date = %q, want %q", got, c.want)
			}
		})
	}
}

var r4Cases = []latCase{
	// --- 1. a serial corrected later in the mail ---
	{name: "r4/Serial/PrintedOnTheBackPSU2", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\n\nSorry, the serial is actually printed on the back next to PSU2, not on the bottom as your guide says.\n\nThanks,\nMike Brown\n"},
	{name: "r4/Serial/CorrectedPONotSerial", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\nPO: 4500123456\n\nSorry, the correct PO is actually 4500123999, I mistyped it.\n\nThanks,\nMike Brown\n"},
	{name: "r4/Serial/CorrectionOfColleagueUnit", field: "serials", want: "Q21BI04567",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\n\nMy colleague Tom opened a ticket for his own NAS last week; he says the correct serial for his unit is actually Q21BI07777, he had swapped two digits there. That one works fine now.\n\nThanks,\nMike Brown\n"},
	{name: "r4/Serial/ShouldReadCorrection", field: "serials", want: "Q21BI04576",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\n\nMy mistake, the serial number should read Q21BI04576 (last two digits swapped).\n\nThanks,\nMike Brown\n"},
	{name: "r4/Serial/CorrectionColonLine", field: "serials", want: "Q21BI04576",
		body: "Hello,\n\nOur NAS fails to boot.\nSerial: Q21BI04567\n\nCorrection: S/N Q21BI04576, I swapped the last two digits.\n\nThanks,\nMike Brown\n"},

	// --- 2. labels split at a run of spaces / a second firmware label ---
	{name: "r4/Firmware/BMCThenTargetBMC", field: "firmware", want: "4.22.06",
		body: "Hello,\n\nOur server S/N QTFCJ05230041 reboots every hour.\nBMC firmware: 4.22.06    Target BMC: 4.30.01 (not installed yet)\n\nThanks,\nMike Brown\n"},

	// --- 3. a rule line ends an address; a 'Co.' line continues it ---
	{name: "r4/ShipTo/RuleUnderLabel", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\n--------\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "r4/ShipTo/CoSentenceAfterAddress", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\nWe bought the spare disks from Northern Supply Co.\nthey work fine in another box.\n\nThanks,\nMike Brown\n"},

	// --- 4. ship request after a reason / a polite question ---
	{name: "r4/ShipTo/CouldYouSendManual", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you send me the printed manual to 12 Main Street, Springfield, IL 62701? The PDF is unreadable.\n\nThanks,\nMike Brown\n"},
	{name: "r4/ShipTo/CouldYouSendInvoiceCopy", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you send a copy of the invoice to our accounts office at 40 Elm Street, Denver, CO 80202?\n\nThanks,\nMike Brown\n"},
	{name: "r4/ShipTo/ReasonThenDoNotShip", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nOur office is being renovated, please do not ship anything to our mailing address:\n12 Main Street\nSpringfield, IL 62701\nI will send a temporary address tomorrow.\n\nThanks,\nMike Brown\n"},
	{name: "r4/ShipTo/WouldItBePossible", field: "ship_to", want: "1 New Road, Austin, TX 78701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nWould it be possible to send the replacement to 1 New Road, Austin, TX 78701?\n\nThanks,\nMike Brown\n"},

	{name: "r4/ShipTo/ReasonNamesResellerThenShipToUs", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nOur reseller is at 5 Depot Road, Reno, NV 89502, please ship the replacement to us directly:\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "r4/ShipTo/CouldYouSendWarehouseAtNextLines", field: "ship_to", want: "1 New Road, Austin, TX 78701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nCould you send the replacement to our warehouse at\n1 New Road\nAustin, TX 78701\n\nThanks,\nMike Brown\n"},
	{name: "r4/ShipTo/ResellerDefectiveBackToTheirs", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nThe reseller asked, please ship the defective unit back to their warehouse:\nTechResale\n5 Depot Road\nReno, NV 89502\n\nThanks,\nMike Brown\n"},

	// --- 5. Sent on behalf of / particles / titles ---
	{name: "r4/Contact/OnBehalfOfCompany", field: "contact_name", want: "Mike Brown",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\nSent on behalf of Northwind Traders Ltd.\n"},
	{name: "r4/Contact/OnBehalfOfWithColon", field: "contact_name", want: "Anna Schmidt",
		from: "Office Assistant <office@acme-corp.com>",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nBest regards,\nOffice Assistant\nOn behalf of: Dr. Anna Schmidt, Head of IT\n"},
	{name: "r4/Contact/ParticleDepartment", field: "contact_name", want: "Mike Brown",
		body: "Hola,\n\nNuestro NAS con serie Q21BI04567 no arranca.\n\nSaludos,\nEquipo de Sistemas\n"},
	{name: "r4/Contact/TerParticle", field: "contact_name", want: "Karin ter Horst",
		from: "K. ter Horst <karin@acme-corp.nl>",
		body: "Hallo,\n\nOnze NAS met serienummer Q21BI04567 start niet meer op.\n\nMet vriendelijke groet,\nKarin ter Horst\n"},
	{name: "r4/Contact/CzechMgrTitle", field: "contact_name", want: "Jana Nováková",
		from: "J. Novakova <jana@acme-corp.cz>",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nBest regards,\nMgr. Jana Nováková\n"},

	{name: "r4/Contact/OnBehalfOfProfDr", field: "contact_name", want: "Hans Weber",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nRegards,\nSarah Lee\nExecutive Assistant\nSent on behalf of Prof. Dr. Hans Weber\n"},
	{name: "r4/Company/OnBehalfOfCompanyLine", field: "company", want: "Acme Corp",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\nSent on behalf of Acme Corp\n"},

	// --- 6. severity ---
	{name: "r4/Severity/NotReachableOtherDevice", field: "severity", want: "low",
		body: "Hello,\n\nOur NAS serial Q21BI04567 shows a fan warning in the log, it works fine otherwise. Not urgent.\nUnrelated: our old printer is not reachable any more, but we will replace it anyway.\n\nThanks,\nMike Brown\n"},
	{name: "r4/Severity/LostDataNegated", field: "severity", want: "low",
		body: "Hello,\n\nOur NAS serial Q21BI04567 logs a disk warning. I was afraid we lost data, but the RAID is intact and everything is accessible. No rush.\n\nThanks,\nMike Brown\n"},
	{name: "r4/Severity/UnaffectedOtherServers", field: "severity", want: "critical",
		body: "Hello,\n\nOur NAS serial Q21BI04567 is down, none of the shares can be opened and nobody can work. Our other servers are unaffected.\n\nThanks,\nMike Brown\n"},

	{name: "r4/Severity/NotReachableThenReachableAgain", field: "severity", want: "low",
		body: "Hello,\n\nOur NAS serial Q21BI04567 is not reachable any more since this morning? No - it is reachable again after a reboot, only a fan warning remains. Not urgent.\n\nThanks,\nMike Brown\n"},
}

var r4InvoiceCases = []r4InvCase{
	{name: "r4/InvDate/OrderIsInvoiceDate", want: "2025-03-03",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nOrder date: 2025-03-03 (this is also the invoice date, we paid at checkout)\n\nThanks,\nMike Brown\n"},
	{name: "r4/InvDate/PODateNotInvoice", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPO: 4500123456\nPO date: 2025-03-01\n\nThanks,\nMike Brown\n"},
	{name: "r4/InvDate/OrderedOnProse", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. We ordered it on 2025-03-01 and the invoice has not arrived yet.\n\nThanks,\nMike Brown\n"},
	{name: "r4/InvDate/OrderDateSameAsInvoice", want: "2025-03-03",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nInvoice: INV-2025-0042\nOrder date: 2025-03-03 (same day as the invoice)\n\nThanks,\nMike Brown\n"},
}
