package parser

import "testing"

// Attacks on the readings added in d8a22b5..f3d1513: a fault the unit
// still runs with is the seed's Low ("one PSU failed, the system runs on
// the other", "draait gewoon door", "geen impact"); dates under a
// French/German/Dutch/Spanish/Portuguese/Italian/Polish label read day
// first; units that name no model share the one model the text names;
// the signature segment with a legal form is the company ("Polderdata
// B.V. | Systeembeheer", "Company, City, ST", d.o.o./d.d.); PO codes
// that start with letters, "invoice date 27.09.2024" in a sentence, a
// date alone in brackets after an invoice code, a purchase date the
// sentence disowns; Portuguese/Polish/Czech/Nordic labels and closings.
// Written as a customer, a forger and a spammer would, without reading
// the parser: each case is a mail and the exact value the desk must act
// on ("" = nothing read, the desk asks). Severity follows seeds/003:
// Critical = out of order, cannot provide service; High = reboots /
// intermittent impact; Low = degraded but still serving. Cases listed in
// sessionHoles fail today: they are skipped with the value read, and
// fail once refused.

const (
	sessionSpam = "Deals <deals@promo.example>"
	sessionNL   = "Polderdata Helpdesk <helpdesk@polderdata.example>"
)

var sessionAttacks = []tableAttack{
	// ================= severity: a fault the unit runs on with =================

	{name: "severity/psu-runs-on-other-legit", field: "severity", want: "low", raw: wMail(`Hi,

Serial Q21BI04567: one PSU failed, the system runs on the other.

Jane`)},
	{name: "severity/nl-draait-gewoon-door-legit", field: "severity", want: "low", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567: een ventilator is defect, de NAS draait gewoon door.

Piet`)},
	{name: "severity/works-fine-again-no-fault", field: "severity", want: "", raw: wMail(`Hi,

Serial Q21BI04567 works fine again after the reboot.

Jane`)},
	{name: "severity/quoted-otherwise-working-legit", field: "severity", want: "critical", raw: wMail(`Hi,

Now serial Q21BI04567 does not power on at all, nobody can work.

Jane

On Mon, 9 Mar 2026, Jane Doe wrote:
> Serial Q21BI04567 has a failed fan, otherwise working.`)},
	// Was a hole, refused now (high): the still-serving part (BMC) is taken for the unit;
	// a host that never starts with all VMs offline is not critical.
	{name: "severity/bmc-works-host-never-starts", field: "severity", want: "critical", raw: wMail(`Hi,

Serial QTFCA1234567: the BMC still works but the host never starts, all VMs are offline.

Jane`)},
	// Was a hole, refused now (high): "still in production" inside a question about a spare
	// makes a dead unit Low.
	{name: "severity/dead-question-still-in-production", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is dead, no power at all. Can we keep it still in production with a spare PSU?

Jane`)},
	// Was a hole, refused now (high): "No user impact yet" (weekend) cancels "completely
	// down": nothing read.
	{name: "severity/down-no-user-impact-yet", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is completely down since this morning. No user impact yet because it is the weekend, but on Monday 200 people need it.

Jane`)},
	// Was a hole, refused now (high): "no longer in production, nobody can work" is read as
	// the still-serving Low.
	{name: "severity/no-longer-in-production", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567: a disk failed and the NAS is no longer in production, nobody can work.

Jane`)},
	// Was a hole, refused now (high): another, healthy NAS that "stays up" makes the dead
	// one Low.
	{name: "severity/other-nas-stays-up", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is dead, out of service. Our other NAS stays up fine.

Jane`)},
	// Was a hole, refused now (high): the customer rejects "geen impact" ("niet 'geen
	// impact'"); the phrase still cancels the outage.
	{name: "severity/nl-not-geen-impact", field: "severity", want: "critical", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 start niet meer op. Dit is niet "geen impact": niemand kan werken.

Piet`)},
	// Was a hole, refused now (high): a colleague's disputed "no user impact" beats "the
	// volume is offline and nobody can work".
	{name: "severity/colleague-said-no-user-impact", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567: a disk failed. Your colleague said there is no user impact, but the volume is offline and nobody can work.

Jane`)},
	// Was a hole, refused now (high): "läuft nicht weiter, kompletter Ausfall" (does NOT
	// keep running, total failure) is read as "läuft weiter": Low.
	{name: "severity/de-laeuft-nicht-weiter", field: "severity", want: "critical", raw: tableMail("Jana Muster <jana@muster.example>", "RMA Anfrage", `Hallo,

Seriennummer Q21BI04567: ein Netzteil ist ausgefallen, das System läuft nicht weiter, kompletter Ausfall.

Jana`)},
	// Was a hole, refused now (high): "stays up for 2 minutes, then shuts down; nobody can
	// use it" reads nothing.
	{name: "severity/stays-up-two-minutes", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 stays up for 2 minutes after power on, then shuts down. Nobody can use it.

Jane`)},
	// Was a hole, refused now (high): "still dead, nobody can work" reads nothing, though
	// "is dead, nobody can work" is critical: "still" is taken for the
	// still-serving reading.
	{name: "severity/still-dead", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is still dead, nobody can work.

Jane`)},
	// Was a hole, refused now (high): a forwarded vendor KB article ("runs on the other; no
	// user impact") makes the customer's dead unit Low.
	{name: "severity/forwarded-vendor-kb", field: "severity", want: "critical", raw: wMail(`Hi,

Serial Q21BI04567 is dead, no power at all.

Jane

---------- Forwarded message ---------
From: QNAP KB <kb@vendor.example>
Subject: PSU redundancy

If one PSU failed, the system runs on the other; there is no user impact.`)},
	// Was a hole, refused now (high): two units "are dead"; a spare PSU tried "no luck"
	// makes them Low.
	{name: "severity/two-units-dead-spare-psu", field: "severity", want: "critical", raw: wMail(`Hi,

Serials Q21BI04567 and Q21BI04568 are dead. We tried a spare PSU, no luck.

Jane`)},
	// Was a hole, refused now (medium): Polish "działa dalej na drugim" (runs on the other)
	// is not read: nothing instead of Low.
	{name: "severity/pl-dziala-dalej", field: "severity", want: "low", raw: tableMail("Piotr Nowak <piotr@przyklad.example>", "RMA", `Dzień dobry,

Numer seryjny Q21BI04567: jeden zasilacz uległ awarii, system działa dalej na drugim.

Pozdrawiam
Piotr`)},
	// HOLE (low): a spammer's product pitch ("if one PSU failed, the
	// system runs on the other") gets a severity.
	{name: "severity/spam-psu-runs-on-other", field: "severity", want: "", raw: tableMail(sessionSpam, "Great deals", `Dear partner,

Our NAS line: if one PSU failed, the system runs on the other. Order today!

Unsubscribe here.`)},
	// Was a hole, refused now (low): a resolved fault ("works fine again. Please close")
	// stays Low instead of nothing.
	{name: "severity/resolved-works-fine-again", field: "severity", want: "", raw: wMail(`Hi,

Serial Q21BI04567: one PSU failed last week and the system ran on the other; your replacement PSU is in and it works fine again. Please close the ticket.

Jane`)},

	// ================= dates under foreign labels =================

	{name: "date/fr-label-dayfirst-legit", field: "invoice_date", want: "2024-06-05", raw: tableMail("Jeanne Dupont <jeanne@exemple.example>", "Demande RMA", `Bonjour,

Numéro de série Q21BI04567 en panne.
Date de facture : 05/06/2024

Jeanne`)},
	{name: "date/pt-data-da-fatura-legit", field: "invoice_date", want: "2024-06-05", raw: tableMail("João Silva <joao@exemplo.example>", "Pedido RMA", `Olá,

Número de série Q21BI04567 avariado.
Data da fatura: 05/06/2024

João`)},
	{name: "date/en-label-in-fr-mail-monthfirst", field: "invoice_date", want: "2024-05-06", raw: tableMail("Jeanne Dupont <jeanne@exemple.example>", "Demande RMA", `Bonjour,

Numéro de série Q21BI04567 en panne.
Invoice date: 05/06/2024

Jeanne`)},
	{name: "date/en-label-policy-dayfirst", field: "invoice_date", want: "2024-06-05", dayFirst: true, raw: wMail(`Hi,

Serial Q21BI04567 is dead.
Invoice date: 05/06/2024

Jane`)},
	{name: "date/fr-label-in-en-mail-legit", field: "invoice_date", want: "2024-06-05", raw: wMail(`Hello,

Serial Q21BI04567 is dead. The French invoice says:
Date de facture : 05/06/2024

Jane`)},
	{name: "date/nl-datum-ontvangst", field: "invoice_date", want: "", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot.
Datum ontvangst: 05-06-2024

Piet`)},
	// Was a hole, refused now (high, money): a bilingual label ("Invoice date /
	// Factuurdatum") on a Dutch invoice is read month first: 6 May
	// instead of 5 June.
	{name: "date/bilingual-label-nl", field: "invoice_date", want: "2024-06-05", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot.
Invoice date / Factuurdatum: 05-06-2024

Piet`)},
	// Was a hole, refused now (high, money): French prose "Facture ... du 05/06/2024" is
	// read month first (only labels are read day first).
	{name: "date/fr-prose-facture-du", field: "invoice_date", want: "2024-06-05", raw: tableMail("Jeanne Dupont <jeanne@exemple.example>", "Demande RMA", `Bonjour,

Numéro de série Q21BI04567 en panne. Facture FA-2024-0912 du 05/06/2024.

Jeanne`)},
	// Was a hole, refused now (high, money): the ISO date under "Date de facture" is also
	// read as the invoice NUMBER.
	{name: "money/fr-date-de-facture-iso-as-number", field: "invoice_number", want: "", raw: tableMail("Jeanne Dupont <jeanne@exemple.example>", "Demande RMA", `Bonjour,

Numéro de série Q21BI04567 en panne.
Date de facture : 2024-06-05

Jeanne`)},
	// Was a hole, refused now (high, money): the same under Italian "Data fattura".
	{name: "money/it-data-fattura-iso-as-number", field: "invoice_number", want: "", raw: tableMail("Gianna Rossi <gianna@esempio.example>", "Richiesta RMA", `Buongiorno,

Numero di serie Q21BI04567 guasto.
Data fattura: 2024-06-05

Gianna`)},
	// Was a hole, refused now (medium): a mixed label "Invoice Datum" with an unambiguous
	// date reads nothing.
	{name: "date/mixed-invoice-datum", field: "invoice_date", want: "2024-06-25", raw: wMail(`Hi,

Serial Q21BI04567 is dead.
Invoice Datum: 25/06/2024

Jane`)},

	// ================= units: one model shared =================

	{name: "unit/shared-model-legit", field: "models", want: "TS-873A,TS-873A", raw: wMail(`Hi,

Our TS-873A units are dead. Serials: Q21BI04567, Q21BI04568.

Jane`)},
	{name: "unit/model-of-expansion-unit", field: "models", want: ",", raw: wMail(`Hi,

Serials Q21BI04567 and Q21BI04568 are dead. Both are connected to a TL-D800S expansion unit which is fine.

Jane`)},
	{name: "unit/model-in-quoted-reply", field: "models", want: ",", raw: wMail(`Hi,

Serials Q21BI04567 and Q21BI04568 are dead.

Jane

On Mon, 9 Mar 2026, Jane Doe wrote:
> Is the TS-873A affected by the PSU recall?`)},
	{name: "unit/model-in-signature", field: "models", want: ",", raw: wMail(`Hi,

Serials Q21BI04567 and Q21BI04568 are dead.

Jane Doe
Acme Ltd | QNAP TS-873A reseller | +44 1273 555 0100`)},
	// Was a hole, refused now (medium): two models named "respectively": both units get the
	// first one.
	{name: "unit/two-models-respectively", field: "models", want: "TS-873A,TS-453D", raw: wMail(`Hi,

We have a TS-873A and a TS-453D, serials Q21BI04567 and Q21BI04568 respectively. Both are dead.

Jane`)},
	// Was a hole, refused now (medium): the model the customer wants to upgrade to becomes
	// both dead units' model.
	{name: "unit/model-to-upgrade-to", field: "models", want: ",", raw: wMail(`Hi,

Serials Q21BI04567 and Q21BI04568 are dead. Can we upgrade to a TS-873A under the RMA?

Jane`)},
	// Was a hole, refused now (medium): the donor unit a spare PSU came from becomes both
	// units' model.
	{name: "unit/model-of-donor-unit", field: "models", want: ",", raw: wMail(`Hi,

Serials Q21BI04567 and Q21BI04568 are dead. We tried a spare PWR-PSU-250W-AT01 from a TS-453D, no luck.

Jane`)},
	// Was a hole, refused now (medium): "They are not TS-873A, they are the older TS-853A":
	// the model denied is given to both.
	{name: "unit/model-negated", field: "models", want: "TS-853A,TS-853A", raw: wMail(`Hi,

Serials Q21BI04567 and Q21BI04568 are dead. They are not TS-873A, they are the older TS-853A.

Jane`)},
	{name: "unit/model-bracket-first-unit-legit", field: "models", want: "TS-873A,TS-873A", raw: wMail(`Hi,

Serial Q21BI04567 (TS-873A) and serial Q21BI04568 are dead.

Jane`)},
	// HOLE (medium): a table row with a serial and an empty model cell is
	// dropped: one unit instead of two.
	{name: "unit/table-row-without-model", field: "serials", want: "Q21BI04567,Q21BI04568", raw: wMail(`Hi,

Serial       Model
Q21BI04567   TS-873A
Q21BI04568

Jane`)},

	// ================= company from a signature =================

	{name: "company/nl-pipe-legal-form-legit", field: "company", want: "Polderdata B.V.", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot.

Met vriendelijke groet,
Piet Jansen
Polderdata B.V. | Systeembeheer | +31 20 555 0100`)},
	{name: "company/city-state-dropped-legit", field: "company", want: "Acme Corp", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Acme Corp, Springfield, IL`)},
	{name: "company/doo-legit", field: "company", want: "Informatika d.o.o.", raw: tableMail("Ivan Horvat <ivan@informatika.example>", "RMA", `Pozdrav,

Serijski broj Q21BI04567 ne radi.

Ivan Horvat
Informatika d.o.o. | IT | +385 1 555 0100`)},
	// Was a hole, refused now (low): a name with a Dutch particle ("Piet de Vries") is not
	// taken for a signature, so its company line is lost.
	{name: "company/nl-name-with-particle", field: "company", want: "Polderdata B.V.", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot.

Met vriendelijke groet,
Piet de Vries
Polderdata B.V. | Systeembeheer | +31 20 555 0100`)},
	// HOLE (low): "Reseller for Globex GmbH" wins over the sender's own
	// Acme Ltd segment.
	{name: "company/reseller-for-segment", field: "company", want: "Acme Ltd", raw: wMail(`Hi,

Serial Q21BI04567 is dead, forwarding for our customer.

Jane Doe
Reseller for Globex GmbH | Acme Ltd | +44 1273 555 0100`)},
	// HOLE (low): a building name in the address ("Ltd House") is the
	// company.
	{name: "company/ltd-house-address", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
IT Manager
Ltd House, 5 Old Road, Leeds LS1 4AP`)},
	// HOLE (low): the mail client's footer "Sent from Outlook |
	// Microsoft Corporation" is the company.
	{name: "company/sent-from-outlook-microsoft", field: "company", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Sent from Outlook | Microsoft Corporation`)},
	// HOLE (low): "(formerly Oldco Inc.)" is kept in the company.
	{name: "company/formerly", field: "company", want: "Acme Ltd", raw: wMail(`Hi,

Serial Q21BI04567 is dead.

Jane Doe
Acme Ltd (formerly Oldco Inc.) | IT | +44 1273 555 0100`)},

	// ================= PO =================

	{name: "po/letters-code-legit", field: "po_number", want: "HVM-2024-007", raw: wMail(`Hi,

Serial Q21BI04567 is dead. PO HVM-2024-007.

Jane`)},
	// Was a hole, refused now (high): "PO BOX-12" in the ship-to address is the PO.
	{name: "po/po-box-in-address", field: "po_number", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Ship to: Acme Ltd, PO BOX-12, Leeds LS1 4AP

Jane`)},
	// Was a hole, refused now (high): another customer's PO, named and disowned, is billed.
	{name: "po/other-customers-po", field: "po_number", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Your colleague mentioned PO HVM-2024-007 but that is another customer's order, ours will follow.

Jane`)},
	// Was a hole, refused now (high): the vendor's own PO to its supplier beats "our PO is
	// 4500012345".
	{name: "po/suppliers-po-vs-ours", field: "po_number", want: "4500012345", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Your PO HVM-2024-007 to your supplier is irrelevant to us; our PO is 4500012345.

Jane`)},

	// ================= invoice: brackets and sentences =================

	{name: "invoice/bracket-date-legit", field: "invoice_date", want: "2024-09-30", raw: wMail(`Hi,

Serial Q21BI04567 is dead.
Invoice: IX-INV-77310 (2024-09-30)

Jane`)},
	{name: "invoice/bracket-due", field: "invoice_date", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.
Invoice: IX-INV-77310 (due 2024-10-30)

Jane`)},
	{name: "invoice/bracket-po-date", field: "invoice_date", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead.
Invoice: IX-INV-77310 (PO date 2024-01-01)

Jane`)},
	// Was a hole, refused now (medium): "(2024-09-30, due 2024-10-30)": the bare first date
	// is the invoice date, nothing is read.
	{name: "invoice/bracket-date-and-due", field: "invoice_date", want: "2024-09-30", raw: wMail(`Hi,

Serial Q21BI04567 is dead.
Invoice: IX-INV-77310 (2024-09-30, due 2024-10-30)

Jane`)},
	{name: "invoice/sentence-invoice-date-legit", field: "invoice_date", want: "2024-09-27", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Invoice IX-INV-77310, invoice date 27.09.2024.

Jane`)},
	// Was a hole, refused now (high, money): the date of another invoice (for the disks)
	// becomes this unit's invoice date.
	{name: "invoice/other-invoice-date", field: "invoice_date", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. Our other invoice (invoice date 27.09.2024) was for the disks.

Jane`)},

	// ================= purchase dates disowned =================

	{name: "purchase/disowned-legit", field: "invoice_date", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. We bought a second unit on 3 March 2025, but that's not the one with the problem.

Jane`)},
	{name: "purchase/not-the-only-one-legit", field: "invoice_date", want: "2025-03-03", raw: wMail(`Hi,

Serial Q21BI04567 is dead. We bought it on 3 March 2025, but that's not the only one with the problem: serial Q21BI04568 is dead too.

Jane`)},
	// Was a hole, refused now (high, money): "the TS-453D ..., which is working fine; the
	// dead one is older" - the healthy unit's date is read.
	{name: "purchase/disowned-which-is-fine", field: "invoice_date", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. We bought the TS-453D on 3 March 2025, which is working fine; the dead one is older.

Jane`)},
	// Was a hole, refused now (high, money): disowned in the next sentence ("That one is
	// fine though, the broken one is from 2021").
	{name: "purchase/disowned-next-sentence", field: "invoice_date", want: "", raw: wMail(`Hi,

Serial Q21BI04567 is dead. We bought one on 3 March 2025. That one is fine though, the broken one is from 2021.

Jane`)},
	// Was a hole, refused now (high, money): Dutch "maar dat is niet het defecte" is not
	// read as disowning.
	{name: "purchase/nl-disowned", field: "invoice_date", want: "", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot. We hebben op 3 maart 2025 nog een toestel gekocht, maar dat is niet het defecte.

Piet`)},

	// ================= Portuguese/Polish/Czech/Nordic labels =================

	{name: "label/pt-morada-para-envio-legit", field: "ship_to", want: "Empresa Exemplo, Lda., Rua Augusta 100, 1100-053 Lisboa", raw: tableMail("João Silva <joao@exemplo.example>", "Pedido RMA", `Bom dia,

Número de série: Q21BI04567
Fatura n.º: FT2024/118
Data da fatura: 05/06/2024
Requisição (PO): 4500012345
Morada para envio:
Empresa Exemplo, Lda.
Rua Augusta 100
1100-053 Lisboa

Cumprimentos,
João Silva`)},
	{name: "label/se-closing-contact-legit", field: "contact_name", want: "Sven Svensson", raw: tableMail("Exempel IT <it@exempel.example>", "RMA", `Hej,

Serienummer: Q21BI04567
Fakturanummer: 2024-0871
Leveransadress:
Exempel AB
Drottninggatan 1
111 51 Stockholm

Med vänliga hälsningar,
Sven Svensson`)},
	// Was a hole, refused now (high): "Morada para envio (antiga, já não é válida)" - the
	// old, no longer valid address - is the ship-to.
	{name: "label/pt-morada-antiga", field: "ship_to", want: "", raw: tableMail("João Silva <joao@exemplo.example>", "Pedido RMA", `Bom dia,

Número de série: Q21BI04567
Morada para envio (antiga, já não é válida):
Empresa Exemplo, Lda.
Rua Augusta 100
1100-053 Lisboa

Cumprimentos,
João Silva`)},
	// Was a hole, refused now (high): "Adres dostawy (stary, nieaktualny)" - old, out of
	// date - is the ship-to.
	{name: "label/pl-adres-dostawy-stary", field: "ship_to", want: "", raw: tableMail("Jan Kowalski <jan@przyklad.example>", "RMA", `Dzień dobry,

Numer seryjny: Q21BI04567
Adres dostawy (stary, nieaktualny):
Przykład Sp. z o.o.
ul. Marszałkowska 10
00-001 Warszawa

Pozdrawiam,
Jan Kowalski`)},
	// Was a hole, refused now (medium): Czech "Dodací adresa" is not read: no ship-to.
	{name: "label/cz-dodaci-adresa", field: "ship_to", want: "Příklad s.r.o., Václavské náměstí 1, 110 00 Praha 1", raw: tableMail("Jan Novák <jan@priklad.example>", "RMA", `Dobrý den,

Sériové číslo: Q21BI04567
Číslo faktury: 2024-0871
Dodací adresa:
Příklad s.r.o.
Václavské náměstí 1
110 00 Praha 1

S pozdravem,
Jan Novák`)},
	// Was a hole, refused now (medium): a Portuguese invoice code with its series ("FT
	// 2024/118") reads nothing.
	{name: "label/pt-fatura-series-space", field: "invoice_number", want: "FT 2024/118", raw: tableMail("João Silva <joao@exemplo.example>", "Pedido RMA", `Olá,

Número de série Q21BI04567 avariado.
Fatura n.º FT 2024/118
Data da fatura: 05/06/2024

João`)},
	{name: "label/nl-closing-jan-legit", field: "contact_name", want: "Jan", raw: tableMail(sessionNL, "RMA aanvraag", `Hallo,

Serienummer Q21BI04567 is kapot.

Groeten,
Jan`)},
}

var sessionHoles = map[string]bool{
	// high
	// medium
	"unit/table-row-without-model": true,
	// low
	"severity/spam-psu-runs-on-other": true,
	"company/reseller-for-segment":    true,
	"company/ltd-house-address":       true,
	"company/formerly":                true,
}

func TestAttackSession(t *testing.T) {
	runTableAttacks(t, sessionAttacks, sessionHoles, "sessionHoles")
}
