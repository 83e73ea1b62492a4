package parser

import "testing"

// Black-box attack round 21 (attack 33) on the last fixes: working units and
// the next sentence, capital-only register words near phones, new ship-to
// labels over address blocks, Portuguese/plural serial labels and joined
// serial lists. Cases with hole set are wrong today and skip; the rest guard.

func TestAttackRound21(t *testing.T) {
	runLatCases(t, c21Cases)
}

const c21Pre = "Our TS-873A S/N Q21BI04567 fails to boot. The new one (S/N Q21BI04568) works. "

func c21Sig(line string) string {
	return "Hi,\n\nOur TS-873A S/N Q21BI04567 fails to boot.\n\nMike Brown\n" + line + "\n"
}

func c21Ship(label string) string {
	return "Hi,\n\nOur TS-873A S/N Q21BI04567 fails to boot.\n\n" + label + "\nAcme Corp\n1 New Road\nAustin, TX 78701\n\nThanks,\nMike Brown\n"
}

var c21Cases = []latCase{
	// 1. working unit and the next sentence
	{name: "c21/Serials/W01NoFaultFirstClause", field: "serials", want: "Q21BI04567",
		body: c12Mail(c21Pre + "No fault at all since then.")},
	{name: "c21/Serials/W02NoIdeaButReboots", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c21Pre + "No idea why, but it reboots every night.")},
	{name: "c21/Serials/W03NoneSemicolonFault", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c21Pre + "Nothing changed; it reboots every night.")},
	{name: "c21/Serials/W04NotSinceMidSentence", field: "serials", want: "Q21BI04567",
		body: c12Mail(c21Pre + "It is fine and has not rebooted once since Monday.")},
	{name: "c21/Serials/W05OtherOneFault", field: "serials", want: "Q21BI04567",
		body: c12Mail(c21Pre + "The other one still shows a red LED.")},
	{name: "c21/Serials/W06UnlikeOldOne", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c21Pre + "Unlike the old one, it now reboots every hour.")},
	{name: "c21/Serials/W07AsTheFirstOne", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c21Pre + "Now it fails to boot as the first one did.")},
	{name: "c21/Serials/W08HoweverFault", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c21Pre + "However, since this morning it fails to boot.")},
	{name: "c21/Serials/W09FrEncore", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Notre TS-873A S/N Q21BI04567 ne démarre pas. Le nouveau (S/N Q21BI04568) fonctionne. Aujourd'hui il a encore planté.")},
	{name: "c21/Serials/W10EsTodavia", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Nuestro TS-873A S/N Q21BI04567 no arranca. El nuevo (S/N Q21BI04568) funciona. Pero todavía se reinicia cada noche.")},
	{name: "c21/Serials/W11QuestionWorksFine", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Our TS-873A S/N Q21BI04567 fails to boot. The new one (S/N Q21BI04568) works fine? please check. It has not crashed since.")},
	{name: "c21/Serials/W12NoNewsFault", hole: "'No complaints: no crash, no reboot.' keeps the working unit; a denied fault in a later clause counts as a fault", field: "serials", want: "Q21BI04567",
		body: c12Mail(c21Pre + "No complaints: no crash, no reboot.")},
	{name: "c21/Serials/W13DeAnderesGeraet", field: "serials", want: "Q21BI04567",
		body: c12Mail("Unser TS-873A S/N Q21BI04567 startet nicht. Das neue Gerät (S/N Q21BI04568) funktioniert. Das alte Gerät zeigt weiterhin eine rote LED.")},
	{name: "c21/Serials/W14NoNeedButFails", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c21Pre + "Not sure it matters: it fails to boot after a power cut.")},

	{name: "c21/Serials/W15FrEncoreNeDemarre", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Notre TS-873A S/N Q21BI04567 ne démarre pas. Le nouveau (S/N Q21BI04568) fonctionne. Mais encore ce matin il ne démarre pas.")},
	{name: "c21/Serials/W16NeverFailedSince", field: "serials", want: "Q21BI04567",
		body: c12Mail(c21Pre + "Never a single crash since then.")},
	{name: "c21/Serials/W17LikeTheOtherOne", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail(c21Pre + "But now it reboots like the other one.")},

	// 2. capital-only register words near phones
	{name: "c21/Phone/H01PANCapsRegister", field: "phone", want: "",
		body: c21Sig("Acme India Pvt Ltd PAN AAACA1234B 1234567890")},
	{name: "c21/Phone/H02TinWordPhone", field: "phone", want: "+1 512 555 0143",
		body: c21Sig("Acme Tin Works +1 512 555 0143")},
	{name: "c21/Phone/H03TvaCapsThenPhone", field: "phone", want: "+33 1 42 68 53 00",
		body: c21Sig("Acme SARL, TVA FR12345678901, Tél. +33 1 42 68 53 00")},
	{name: "c21/Phone/H04IvaWordPhone", field: "phone", want: "+39 02 1234 5678",
		body: c21Sig("Acme Iva Srl +39 02 1234 5678")},
	{name: "c21/Phone/H05TvaWordPhone", field: "phone", want: "+33 1 42 68 53 00",
		body: c21Sig("Tva Consulting +33 1 42 68 53 00")},
	{name: "c21/Phone/H06IVACapsNumberNoPhone", field: "phone", want: "",
		body: c21Sig("Acme Srl, P. IVA 01234567890")},

	{name: "c21/Phone/H07TINCapsNoPhone", field: "phone", want: "",
		body: c21Sig("Acme Corp, TIN 123456789012")},
	{name: "c21/Phone/H08CINCapsThenPhone", field: "phone", want: "+91 80 4123 4567",
		body: c21Sig("Acme Pvt Ltd, CIN U72200KA2010PTC012345, +91 80 4123 4567")},

	// 4. new ship-to labels over an address block
	{name: "c21/ShipTo/A01Delivery", field: "ship_to", want: "Acme Corp, 1 New Road, Austin, TX 78701",
		body: c21Ship("Delivery:")},
	{name: "c21/ShipTo/A02ReplacementPartsTo", field: "ship_to", want: "Acme Corp, 1 New Road, Austin, TX 78701",
		body: c21Ship("Replacement parts to:")},
	{name: "c21/ShipTo/A03SparesTo", field: "ship_to", want: "Acme Corp, 1 New Road, Austin, TX 78701",
		body: c21Ship("Spares to:")},
	{name: "c21/ShipTo/A04GoodsIn", field: "ship_to", want: "Acme Corp, 1 New Road, Austin, TX 78701",
		body: c21Ship("Goods-in address:")},
	{name: "c21/ShipTo/A05DeliveryDateNoAddr", field: "ship_to", want: "",
		body: "Hi,\n\nOur TS-873A S/N Q21BI04567 fails to boot.\n\nDelivery: next week please\n\nThanks,\nMike Brown\nAcme Corp\n1 New Road\nAustin, TX 78701\n"},
	{name: "c21/ShipTo/A06ReceivingAddressLower", field: "ship_to", want: "Acme Corp, 1 New Road, Austin, TX 78701",
		body: c21Ship("receiving address:")},

	{name: "c21/ShipTo/A07PartsToBelowBillTo", field: "ship_to", want: "Acme Depot, 4 Dock Street, Leeds LS1 4AP",
		body: "Hi,\n\nOur TS-873A S/N Q21BI04567 fails to boot.\n\nParts to:\nAcme Depot\n4 Dock Street\nLeeds LS1 4AP\n\nThanks,\nMike Brown\n"},
	{name: "c21/ShipTo/A08ReplacementTo", field: "ship_to", want: "Acme Corp, 1 New Road, Austin, TX 78701",
		body: c21Ship("Replacement to:")},

	// 5. serial labels and joined lists
	{name: "c21/Serials/S01PtNumeroDeSerie", field: "serials", want: "Q21BI04567",
		body: c12Mail("O nosso TS-873A com número de série Q21BI04567 não arranca.")},
	{name: "c21/Serials/S02NumerosDeSerieE", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Os TS-873A não arrancam. Números de série: Q21BI04567 e Q21BI04568.")},
	{name: "c21/Serials/S03NlSerienummersEn", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Onze TS-873A starten niet. Serienummers: Q21BI04567 en Q21BI04568.")},
	{name: "c21/Serials/S04SvOch", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Våra TS-873A startar inte. Serienummer: Q21BI04567 och Q21BI04568.")},
	{name: "c21/Serials/S05PlI", field: "serials", want: "Q21BI04567|Q21BI04568",
		body: c12Mail("Nasze TS-873A nie startują. S/N: Q21BI04567 i Q21BI04568.")},
	{name: "c21/Serials/S06EsYThreeItems", field: "serials", want: "Q21BI04567|Q21BI04568|Q21BI04569",
		body: c12Mail("Nuestros TS-873A no arrancan. Números de serie: Q21BI04567, Q21BI04568 y Q21BI04569.")},
	{name: "c21/Serials/S07ModelAfterA", field: "serials", want: "Q21BI04567",
		body: c12Mail("Naše TS-873A S/N Q21BI04567 a TS-453D nestartují.")},
}
