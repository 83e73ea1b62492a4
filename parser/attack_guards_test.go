package parser

import "testing"

// Black-box attack on the five guards of commits 0c8a6e1..3e2cbc0 (issue 13):
// vendor company/depot addresses give no ship-to, the next form row ends an
// address, " and then "/" and also " end an address in a sentence, a firmware
// arrow to a planned version gives the one before it, and a signature line
// naming a supported vendor gives no phone. Each guard is attacked both ways:
// dropping or cutting the customer's own value, and letting a wrong one through.
// The attacker read no parser code. Cases with hole set are wrong today and
// skip (and fail once the parser gets them right); the rest guard readings
// that held.

func TestAttackGuards(t *testing.T) { runLatCases(t, grdCases) }

var grdCases = []latCase{
	// --- 1. vendor company / depot as the address ---
	{name: "ShipTo/CustomerNameStartsQuanta", field: "ship_to", want: "Quantum Service Center, 40 Elm Street, Denver, CO 80202",
		body: "Hello,\n\nOur server S/N A1-R20-440215 fails to boot.\n\nShip to: Quantum Service Center, 40 Elm Street, Denver, CO 80202\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/ResellerWithBrandAndServiceCenter", field: "ship_to", want: "QNAP Partner Service Center Acme GmbH, Hauptstrasse 5, 80331 Muenchen, Germany",
		hole: "a reseller's own workshop 'QNAP Partner Service Center Acme GmbH' (the customer says ship to our own workshop) gives no ship-to: the desk asks again",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. We are a reseller, please ship the replacement to our own workshop.\n\nShip to: QNAP Partner Service Center Acme GmbH, Hauptstrasse 5, 80331 Muenchen, Germany\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/AltaiRegionRepairShopKept", field: "ship_to", want: "Altai Radio Repair Service, 7 Lenina Street, Barnaul 656000, Russia",
		from: "Olga Petrova <olga@altai-radio.ru>",
		hole: "a repair shop in the Altai region ('Altai Radio Repair Service, ..., Barnaul', the customer's own) reads as the vendor's repair site: no ship-to",
		body: "Hello,\n\nOur A8n serial AB1234567 is dead. We are a local repair shop, please send the replacement to us.\n\nShip to: Altai Radio Repair Service, 7 Lenina Street, Barnaul 656000, Russia\n\nThanks,\nOlga\n"},
	{name: "ShipTo/QCTRMACenter", field: "ship_to", want: "",
		body: "Hello,\n\nOur server S/N A1-R20-440215 fails to boot. Your RMA form says:\n\nReturn to: QCT RMA Center, 1010 Rincon Circle, San Jose, CA 95131\n\nWhere do I send the broken one?\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/RMADeptBeforeVendorName", field: "ship_to", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. Your RMA form says:\n\nReturn to: RMA Dept., QNAP Systems, Inc., 5 Depot Road, Reno, NV 89502\n\nWhere do I send the broken one?\n\nThanks,\nMike Brown\n"},

	// --- 2. the next form row ends an address ---
	{name: "ShipTo/BuildingRowKept", field: "ship_to", want: "Acme Corp, Building 4:  Receiving, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\nAcme Corp\nBuilding 4:  Receiving\n12 Main Street\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/RoomColonRowKept", field: "ship_to", want: "Acme Corp, 12 Main Street, Room 12: Server Room, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\nAcme Corp\n12 Main Street\nRoom 12: Server Room\nSpringfield, IL 62701\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/DockTabKept", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701, Dock 7",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to:\nAcme Corp\n12 Main Street\nSpringfield, IL 62701\nDock\t7\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/ShipFromDashRowLeaks", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to: Acme Corp, 12 Main Street, Springfield, IL 62701\nShip from - Acme Lab, 4 Side Road, Springfield, IL 62702\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/LongLabelRowLeaks", field: "ship_to", want: "Acme Corp, 12 Main Street, Springfield, IL 62701",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nShip to: Acme Corp, 12 Main Street, Springfield, IL 62701\nPreferred delivery window for the courier:   weekdays 9-17\n\nThanks,\nMike Brown\n"},

	// --- 3. " and then " / " and also " end an address in a sentence ---
	{name: "ShipTo/AndThenfordInName", field: "ship_to", want: "Kent and Thenford Estate, 3 Mill Road, Banbury OX17 2BX",
		from: "Mike Brown <mike@kent-thenford.co.uk>",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease ship the replacement to Kent and Thenford Estate, 3 Mill Road, Banbury OX17 2BX.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/AndThenInSentenceVendorFirst", field: "ship_to", want: "1200 Harbor Blvd, Suite 300, Oakland, CA 94607",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nI will first send the broken unit to 5 Depot Road, Reno, NV 89502 and then please ship the replacement to our lab at 1200 Harbor Blvd, Suite 300, Oakland, CA 94607.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/AndAfterwardsCourier", field: "ship_to", want: "1200 Harbor Blvd, Suite 300, Oakland, CA 94607",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease ship the replacement parts to our lab at 1200 Harbor Blvd, Suite 300, Oakland, CA 94607 and afterwards have the courier take the old parts to 5 Depot Road, Reno, NV 89502.\n\nThanks,\nMike Brown\n"},
	{name: "ShipTo/ThenAfterSemicolon", field: "ship_to", want: "1200 Harbor Blvd, Suite 300, Oakland, CA 94607",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\nPlease ship the replacement parts to our lab at 1200 Harbor Blvd, Suite 300, Oakland, CA 94607; then the courier can take the old parts to 5 Depot Road, Reno, NV 89502.\n\nThanks,\nMike Brown\n"},

	// --- 4. firmware arrow to a planned version ---
	{name: "Firmware/ArrowDoneNotYetIsBIOS", field: "firmware", want: "5.2.1.2930",
		hole: "'5.1.0.2424 \u2192 5.2.1.2930 (updated yesterday, the BIOS update is not yet done)': 'not yet' about the BIOS makes the firmware the old version although the update was done",
		body: "Hello,\n\nThe NAS serial Q21BI04567 reboots every hour.\nFirmware: 5.1.0.2424 → 5.2.1.2930 (updated yesterday, the BIOS update is not yet done)\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/ArrowProblemNotYetSolved", field: "firmware", want: "5.2.1.2930",
		hole: "'5.1.0.2424 \u2192 5.2.1.2930 (updated, problem not yet solved)': 'not yet' about the problem gives the old version although the unit runs the new one",
		body: "Hello,\n\nThe NAS serial Q21BI04567 reboots every hour.\nFirmware: 5.1.0.2424 → 5.2.1.2930 (updated, problem not yet solved)\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/ArrowPlannedUpdateDone", field: "firmware", want: "5.2.1.2930",
		hole: "'5.1.0.2424 \u2192 5.2.1.2930 (the planned update, done last night)': 'planned' of a done update gives the old version",
		body: "Hello,\n\nThe NAS serial Q21BI04567 reboots every hour.\nFirmware: 5.1.0.2424 → 5.2.1.2930 (the planned update, done last night)\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/ArrowScheduled", field: "firmware", want: "5.1.0.2424",
		body: "Hello,\n\nThe NAS serial Q21BI04567 reboots every hour.\nFirmware: 5.1.0.2424 -> 5.2.1.2930 (scheduled for Friday's maintenance window)\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/ArrowToBeApplied", field: "firmware", want: "5.1.0.2424",
		body: "Hello,\n\nThe NAS serial Q21BI04567 reboots every hour.\nFirmware: 5.1.0.2424 => 5.2.1.2930 (to be applied tonight)\n\nThanks,\nMike Brown\n"},
	{name: "Firmware/ArrowWillUpdate", field: "firmware", want: "5.1.0.2424",
		body: "Hello,\n\nThe NAS serial Q21BI04567 reboots every hour.\nFirmware: 5.1.0.2424 → 5.2.1.2930 (will update after your OK)\n\nThanks,\nMike Brown\n"},

	// --- 5. a signature line naming a vendor gives no phone ---
	{name: "Phone/ResellerOfQNAPSignature", field: "phone", want: "+1 (408) 555-0143",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nThanks,\nMike Brown\nAcme Corp | Authorised reseller of QNAP | Tel +1 (408) 555-0143\n"},
	{name: "Phone/PartnerSignatureUnlabelled", field: "phone", want: "+1 (408) 555-0143",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot.\n\nThanks,\nMike Brown | Acme Corp | QNAP Certified Partner | +1 (408) 555-0143\n"},
	{name: "Phone/VendorHotlineInSentence", field: "phone", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. I called QNAP support at +886 2 2641 2000 yesterday but nobody answered.\n\nThanks,\nMike Brown\nAcme Corp\n"},
	{name: "Phone/HTMLVendorHotlineRow", html: true, field: "phone", want: "",
		body: "<html><body><p>Hello,</p><p>Our NAS serial Q21BI04567 fails to boot. I called your hotline as your last mail said:</p><p>QNAP Systems, Inc. | Support Department | Tel. +886 2 2641 2000</p><p>Thanks,<br>Mike Brown<br>Acme Corp</p></body></html>\n"},
	{name: "Phone/VendorNameOnNextLine", field: "phone", want: "",
		body: "Hello,\n\nOur NAS serial Q21BI04567 fails to boot. I called your hotline as your last mail said:\nSupport Department | Tel. +886 2 2641 2000\nQNAP Systems, Inc.\n\nThanks,\nMike Brown\nAcme Corp\n"},
}
