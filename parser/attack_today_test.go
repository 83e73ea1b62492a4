package parser

// Attacks of 2026-12-01 on the readings added that day (inline answers under
// quoted questions, side-by-side and multilingual ship-to/bill-to, Outlook
// "-----Original Message-----" forwards, firmware and severity shapes,
// companies, phones, serials, POs and invoices), written without reading the
// parser. Each case states what a careful human labels from the contract and
// the seeds. Cases the parser gets right are regression tests ("Refused");
// cases it gets wrong carry hole and are skipped after asserting; a listed
// hole that becomes right fails, so the list only shrinks.
//
// 76 attacks: 52 refused, 24 holes. 11 holes are wrong values: Ship To /
// Bill To columns aligned with spaces merged into one address (2), a tab
// column "Your RMA return address:" merged into the ship-to, a forwarded end
// user's answer beating the reseller's own ship-to request, a BMC hang while
// serving rated high, companies from "Title at ..." (2) and a Japanese
// referral, a P.S. unit said to be fine, a bare "Thanks, Mike" over an
// Outlook forward as contact, "Firmware: see screenshot". 13 are misses that
// read nothing (one-line ship requests in six languages, ...).

import (
	"os"
	"strings"
	"testing"
)

type todayAttack struct {
	name string
	raw  string
	want map[string]string // field key -> wanted value (see todayField)
	hole string            // non-empty: a known HOLE, skipped
}

func todayMail(from, subject, body string) string {
	return "From: " + from + "\r\n" +
		"To: RMA Desk <rma@desk.example.net>\r\n" +
		"Subject: " + subject + "\r\n" +
		"Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n" +
		"Message-ID: <" + strings.ReplaceAll(strings.ToLower(subject), " ", "") + "@example.com>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n\r\n" +
		strings.ReplaceAll(body, "\n", "\r\n")
}

func todayField(m *Message, key string) string {
	f := m.Fields
	switch key {
	case "contact_name":
		return f.ContactName
	case "company":
		return f.Company
	case "email":
		return f.Email
	case "phone":
		return f.Phone
	case "ship_to":
		return f.ShipTo
	case "bill_to":
		return f.BillTo
	case "po_number":
		return f.PONumber
	case "invoice_number":
		return f.InvoiceNumber
	case "invoice_date":
		return f.InvoiceDate
	case "severity":
		return f.Severity
	}
	var parts []string
	for _, u := range m.Units {
		switch key {
		case "serials":
			if u.SerialNumber != "" {
				parts = append(parts, u.SerialNumber)
			}
		case "firmware":
			if u.Firmware != "" {
				parts = append(parts, u.Firmware)
			}
		case "models":
			if u.Model != "" {
				parts = append(parts, u.Model)
			}
		}
	}
	return strings.Join(parts, "|")
}

func TestAttackToday(t *testing.T) {
	for _, a := range todayAttacks {
		a := a
		t.Run(a.name, func(t *testing.T) {
			m, err := Parse([]byte(a.raw))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if os.Getenv("PA_DUMP") != "" {
				for _, k := range []string{"contact_name", "company", "email", "phone", "ship_to", "bill_to", "po_number", "invoice_number", "invoice_date", "severity", "serials", "firmware", "models"} {
					t.Logf("%s=%q", k, todayField(m, k))
				}
			}
			bad := false
			for k, want := range a.want {
				if got := todayField(m, k); got != want {
					bad = true
					if a.hole == "" {
						t.Errorf("%s = %q, want %q", k, got, want)
					}
				}
			}
			if a.hole != "" {
				if !bad {
					t.Errorf("listed HOLE is refused now, drop its hole: %s", a.hole)
				}
				t.Skip("HOLE: " + a.hole)
			}
		})
	}
}

var todayAttacks = []todayAttack{
	// --- answers under quoted questions ---
	{
		name: "InlineAnswersTaken",
		raw: todayMail("Dana Whitfield <dana@northwind.example.com>", "Re: [RMA-100311] Information needed", `Hi,

answers below.

> 1. Serial number of the unit
Q21BI04567
> 2. Phone number for the courier
+1 (408) 555-0143
> 3. Shipping address for the replacement
Northwind Traders, 400 Harbor Blvd, Oakland, CA 94607

Dana Whitfield
Northwind Traders
`),
		want: map[string]string{"serials": "Q21BI04567", "phone": "+1 (408) 555-0143", "ship_to": "Northwind Traders, 400 Harbor Blvd, Oakland, CA 94607"},
	},
	{
		name: "InlineAnswersOldHistoryNotTaken",
		raw: todayMail("Dana Whitfield <dana@northwind.example.com>", "Re: [RMA-100312] Information needed", `Hi,

> 1. Serial number of the unit
Q22CJ11223

Dana Whitfield

On Mon, 30 Nov 2026 at 09:12, RMA Desk <rma@desk.example.net> wrote:
> Please answer the questions below.
> 1. Serial number of the unit
> 2. Shipping address
>
> On Fri, 20 Mar 2026 at 11:00, Dana Whitfield <dana@northwind.example.com> wrote:
>> Our old unit, serial Q19AA00001, failed.
>> Ship to: Northwind Traders, 12 Old Mill Road, Fresno, CA 93650
>> Phone: +1 (559) 555-0100
`),
		want: map[string]string{"serials": "Q22CJ11223", "ship_to": "", "phone": ""},
	},
	{
		name: "InlineAnswerSameAsBefore",
		raw: todayMail("Dana Whitfield <dana@northwind.example.com>", "Re: [RMA-100313] Information needed", `> 1. Serial number of the unit
Q22CJ11224
> 2. Shipping address for the replacement
same as before
> 3. Phone number
same as last time

Dana
`),
		want: map[string]string{"serials": "Q22CJ11224", "ship_to": "", "phone": ""},
	},
	{
		name: "InlineAnswerNA",
		raw: todayMail("Dana Whitfield <dana@northwind.example.com>", "Re: [RMA-100314] Information needed", `> 1. Serial number of the unit
Q22CJ11225
> 2. Purchase order number
n/a
> 3. Invoice number
don't know, bought through a reseller
> 4. Firmware version
no idea, it won't boot

Dana
`),
		want: map[string]string{"serials": "Q22CJ11225", "po_number": "", "invoice_number": "", "firmware": ""},
	},
	{
		name: "InlineAnswersOfThirdPartyQuoted",
		raw: todayMail("Bram Olsen <bram@fabrikam.example.org>", "Re: [RMA-100315] Information needed", `Hello, I have the same problem with our unit, can you open a ticket for us too?

Bram Olsen

On Mon, 30 Nov 2026 at 15:40, Dana Whitfield <dana@northwind.example.com> wrote:
> > 1. Serial number of the unit
> Q21BI04567
> > 2. Phone number
> +1 (408) 555-0143
> > 3. Shipping address
> Northwind Traders, 400 Harbor Blvd, Oakland, CA 94607
`),
		want: map[string]string{"serials": "", "phone": "", "ship_to": ""},
	},
	{
		// Was a HOLE (the end user's forwarded answer won over 'to us, our address:'); fixed the same day.
		name: "InlineAnswersForwardedThirdParty",
		raw: todayMail("Marta Ruiz <marta@reseller.example.es>", "Fwd: replacement for our customer", `Hi, see the customer's answers below. Please ship the replacement to us, our address:
Reseller Iberia SL, Calle Mayor 10, 28013 Madrid, Spain

Marta Ruiz
Reseller Iberia SL
+34 91 555 0100

---------- Forwarded message ---------
From: Pedro Gil <pedro@enduser.example.es>
Date: Mon, 30 Nov 2026
Subject: Re: datos

> 1. Número de serie
Q21BI07777
> 2. Dirección de envío
Calle Luna 5, 41001 Sevilla
`),
		want: map[string]string{"serials": "Q21BI07777", "ship_to": "Reseller Iberia SL, Calle Mayor 10, 28013 Madrid, Spain", "contact_name": "Marta Ruiz", "phone": "+34 91 555 0100"},
	},
	// --- addresses ---
	{
		// Was a HOLE (both addresses merged into ship_to); fixed the same day.
		name: "SideBySideShipBill",
		raw: todayMail("Lars Berg <lars@contoso.example.se>", "RMA request TS-873A", `Hello, the NAS TS-873A serial Q21BI04568 does not boot.

Ship To:                          Bill To:
Contoso AB                        Contoso AB Finance
Lagergatan 4                      Box 55
41101 Göteborg                    10005 Stockholm

Regards,
Lars Berg
`),
		want: map[string]string{"ship_to": "Contoso AB, Lagergatan 4, 41101 Göteborg", "bill_to": "Contoso AB Finance, Box 55, 10005 Stockholm"},
	},
	{
		// Was a HOLE (both merged into bill_to); fixed the same day.
		name: "SideBySideBillLeftShipRight",
		raw: todayMail("Lars Berg <lars@contoso.example.se>", "RMA request TS-464", `Hello, TS-464 serial Q21BI04569 has a dead fan.

Bill To:                          Ship To:
Contoso AB Finance                Contoso AB Lab
Box 55                            Industrivägen 9
10005 Stockholm                   58330 Linköping

Lars Berg
`),
		want: map[string]string{"bill_to": "Contoso AB Finance, Box 55, 10005 Stockholm", "ship_to": "Contoso AB Lab, Industrivägen 9, 58330 Linköping"},
	},
	{
		name: "InvoicesOnlyThenShip",
		raw: todayMail("Ines Kraft <ines@tailspin.example.de>", "Replacement PSU", `Hello,

the PSU of our server failed. Our address below is for invoices only:
Tailspin GmbH, Buchhaltung, Postfach 1020, 80001 München

Please ship the replacement to our data centre:
Tailspin GmbH, Rechenzentrum, Am Werk 7, 85748 Garching

Ines Kraft
`),
		want: map[string]string{"bill_to": "Tailspin GmbH, Buchhaltung, Postfach 1020, 80001 München", "ship_to": "Tailspin GmbH, Rechenzentrum, Am Werk 7, 85748 Garching"},
	},
	{
		name: "VendorReturnAddressNotShipTo",
		raw: todayMail("Ines Kraft <ines@tailspin.example.de>", "Defective unit sent back", `Hello,

as instructed we sent the defective unit TS-873A (serial Q21BI04570) to your return address:
QNAP RMA Center, 168 Vendor Way, Fremont, CA 94538
Tracking number 1Z999AA10123456784.

Ines Kraft
`),
		want: map[string]string{"ship_to": "", "serials": "Q21BI04570"},
	},
	{
		name: "OldAddressInPassing",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "NAS no longer boots", `Hi,

the TS-453D (serial Q20AB01234) we bought when we were still at 12 Old Street, Springfield, IL 62701 no longer boots. We moved last year.

Tom Hale
Adatum Corp
`),
		want: map[string]string{"ship_to": ""},
	},
	{
		name: "ThirdPartyCustomerLocationNotShipTo",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Unit at customer site failing", `Hi,

our customer is at 45 Harbor Road, Portland, OR 97201 and the unit installed there (serial Q20AB01235) reboots every hour. We will collect it ourselves and send it to you.

Tom Hale
Adatum Corp
`),
		want: map[string]string{"ship_to": "", "severity": "high"},
	},
	{
		name: "SignatureAddressNotShipTo",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Fan noise", `Hi,

the fan of the TS-464 (serial Q20AB01236) is noisy, but the NAS still serves files normally.

Tom Hale
Adatum Corp
P.O. Box 4410
Springfield, IL 62708
+1 217 555 0188
`),
		want: map[string]string{"ship_to": "", "bill_to": "", "phone": "+1 217 555 0188", "severity": "low"},
	},
	{
		name: "ShipRequestWithPOBoxInSignature",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Replacement please", `Hi,

please send the replacement to our site: Adatum Corp, 200 Main Street, Springfield, IL 62701.

Tom Hale
Adatum Corp
P.O. Box 4410, Springfield, IL 62708
`),
		want: map[string]string{"ship_to": "Adatum Corp, 200 Main Street, Springfield, IL 62701"},
	},
	{
		// Was a HOLE ('Poderiam enviar a unidade de substituição para: <address>?' on one line gave no ship_to); fixed the same day.
		name: "PortugueseShipRequest",
		raw: todayMail("João Lima <joao@empresa.example.com.br>", "Substituição NAS", `Olá,

o NAS TS-873A (número de série Q21BI04571) não liga. Poderiam enviar a unidade de substituição para: Empresa Exemplo Ltda, Rua das Flores 123, 01000-000 São Paulo - SP?

Obrigado,
João Lima
`),
		want: map[string]string{"ship_to": "Empresa Exemplo Ltda, Rua das Flores 123, 01000-000 São Paulo - SP", "severity": "critical"},
	},
	{
		name: "GermanBitteSendenAnLager",
		raw: todayMail("Jonas Weber <jonas@beispiel.example.de>", "Ersatzgerät", `Hallo,

die TS-1673AU (Seriennummer Q21BI04572) startet nicht mehr. Bitte senden Sie das Ersatzgerät an unser Lager in Hamburg, Hafenstraße 12, 20457 Hamburg.

Gruß
Jonas Weber
`),
		want: map[string]string{"ship_to": "Hafenstraße 12, 20457 Hamburg"},
	},
	{
		name: "GermanNegatedOldAddress",
		raw: todayMail("Jonas Weber <jonas@beispiel.example.de>", "Ersatzgerät TS-464", `Hallo,

bitte senden Sie das Ersatzgerät NICHT an unsere alte Adresse Bahnhofstraße 3, 10115 Berlin, wir sind umgezogen. Die neue Adresse schicke ich morgen.

Gruß
Jonas Weber
`),
		want: map[string]string{"ship_to": ""},
	},
	{
		// Was a HOLE ('... opsturen? Adres: <address>' on the same line gave no ship_to); fixed the same day.
		name: "DutchLabelAfterQuestion",
		raw: todayMail("Eva de Vries <eva@voorbeeld.example.nl>", "Vervanging TS-464", `Hallo,

de TS-464 (serienummer Q21BI04573) is defect. Kunnen jullie het vervangende toestel opsturen? Adres: Keizersgracht 100, 1015 AA Amsterdam

Groet,
Eva de Vries
`),
		want: map[string]string{"ship_to": "Keizersgracht 100, 1015 AA Amsterdam"},
	},
	{
		name: "DutchLabelPointsToEarlierMail",
		raw: todayMail("Eva de Vries <eva@voorbeeld.example.nl>", "Vervanging TS-464 bis", `Hallo,

kunnen jullie het vervangende toestel opsturen? Adres: zie mijn vorige mail.

Groet,
Eva de Vries
`),
		want: map[string]string{"ship_to": ""},
	},
	{
		name: "ChineseShipRequest",
		raw: todayMail("王伟 <wang@shili.example.cn>", "更换设备", `您好，

我们的 TS-873A（序列号 Q21BI04574）无法开机。请将替换设备寄到：上海市浦东新区世纪大道100号。

王伟
`),
		want: map[string]string{"ship_to": "上海市浦东新区世纪大道100号", "serials": "Q21BI04574"},
		// Was a HOLE ('请将替换设备寄到：<address>。' gave no ship_to); fixed by parsefix7 (cjkShipLabel).
	},
	{
		name: "FrenchAlreadySentToRepairCentre",
		raw: todayMail("Luc Martin <luc@exemple.example.fr>", "Appareil renvoyé", `Bonjour,

nous avons déjà envoyé l'appareil défectueux à votre centre de réparation, 5 avenue des Réparations, 69000 Lyon, le 25 novembre.

Cordialement,
Luc Martin
`),
		want: map[string]string{"ship_to": ""},
	},
	{
		// Was a HOLE ('Pourriez-vous envoyer le remplaçant à : <address> ?' on one line gave no ship_to); fixed the same day.
		name: "FrenchCouldYouSend",
		raw: todayMail("Luc Martin <luc@exemple.example.fr>", "Remplacement TS-464", `Bonjour,

le TS-464 (numéro de série Q21BI04575) ne démarre plus. Pourriez-vous envoyer le remplaçant à : 12 rue de la Paix, 75002 Paris ?

Cordialement,
Luc Martin
`),
		want: map[string]string{"ship_to": "12 rue de la Paix, 75002 Paris"},
	},
	{
		name: "SpanishCouldYouSend",
		raw: todayMail("Ana Torres <ana@ejemplo.example.es>", "Reemplazo", `Hola,

¿Podrían enviar el equipo de reemplazo a nuestra oficina en Calle Mayor 10, 28013 Madrid?

Saludos,
Ana Torres
`),
		want: map[string]string{"ship_to": "Calle Mayor 10, 28013 Madrid"},
		// Was a HOLE ('¿Podrían enviar el equipo de reemplazo a nuestra oficina en <address>?' gave no ship_to); fixed by parsefix7 (romanceShipVerb).
	},
	{
		// Was a HOLE ('potete spedire il ricambio a: <address>?' gave no ship_to); fixed the same day.
		name: "ItalianCouldYouSend",
		raw: todayMail("Marco Rossi <marco@esempio.example.it>", "Sostituzione", `Buongiorno,

potete spedire il ricambio a: Via Roma 1, 20121 Milano?

Grazie,
Marco Rossi
`),
		want: map[string]string{"ship_to": "Via Roma 1, 20121 Milano"},
	},
	{
		name: "ReturnItToQuotedFromVendorSite",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Return question", `Hi,

your website says: "If it has to go back, please return it to: QNAP RMA Center, 168 Vendor Way, Fremont, CA 94538". Is that still correct for the TS-464 with serial Q20AB01237?

Tom Hale
`),
		want: map[string]string{"ship_to": ""},
	},
	{
		// Was a HOLE (a miss); fixed the same day.
		name: "IfItHasToGoBackReturnItTo",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Unit under test", `Hi,

we sent you the TS-464 (serial Q20AB01238) for testing. If it has to go back, please return it to:
Adatum Corp
200 Main Street
Springfield, IL 62701

Tom Hale
`),
		want: map[string]string{"ship_to": "Adatum Corp, 200 Main Street, Springfield, IL 62701"},
	},
	// --- Outlook forwards and replies ---
	{
		name: "OutlookForwardForwarderSigns",
		raw: todayMail("Kate Moss <kate@reseller.example.co.uk>", "FW: NAS failure", `Hi team, please handle the below for our customer.

Kate Moss
Reseller Ltd
+44 20 5550 0123

-----Original Message-----
From: Ron Ames <ron@enduser.example.co.uk>
Sent: 30 November 2026 14:02
To: Kate Moss <kate@reseller.example.co.uk>
Subject: NAS failure

Our TS-873A serial Q21BI04576 is completely dead, nobody can work.

Ron Ames
End User plc
+44 161 555 0987
`),
		want: map[string]string{"contact_name": "Kate Moss", "phone": "+44 20 5550 0123", "serials": "Q21BI04576", "severity": "critical"},
	},
	{
		name: "OutlookReplyHistoryNotRead",
		raw: todayMail("Kate Moss <kate@reseller.example.co.uk>", "RE: [RMA-100320] NAS failure", `Thanks, received the label. We will ship it on Monday.

Kate Moss

-----Original Message-----
From: Kate Moss <kate@reseller.example.co.uk>
Sent: 10 March 2026 09:00
To: RMA Desk <rma@desk.example.net>
Subject: NAS failure

Old unit serial Q19AA00002. Ship to: Reseller Ltd, 1 Old Lane, Leeds LS1 1AA
PO: 4500000001
`),
		want: map[string]string{"ship_to": "", "po_number": "", "serials": ""},
	},
	// --- firmware ---
	{
		name: "IPAddressIsNotFirmware",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Cannot reach NAS", `Hi,

the TS-464 (serial Q20AB01239) at 10.20.30.40 no longer answers; the gateway 192.168.100.254 is fine.

Tom Hale
`),
		want: map[string]string{"firmware": ""},
	},
	{
		name: "FourPartBuildWithoutWordFirmware",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Crash after update", `Hi,

since we updated the TS-464 (serial Q20AB01240) to 5.1.2.2533 it reboots every night.

Tom Hale
`),
		want: map[string]string{"firmware": "5.1.2.2533", "severity": "high"},
	},
	{
		name: "WindowsBuildIsNotFirmware",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "SMB share issue", `Hi,

clients on Windows 10.0.19045.3803 cannot open shares on the TS-464 (serial Q20AB01241).

Tom Hale
`),
		want: map[string]string{"firmware": ""},
	},
	{
		name: "ReleaseNotesVersionIsNotCurrent",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Known bug?", `Hi,

the release notes of 5.2.0.2802 say the RAID rebuild bug is fixed; our TS-464 (serial Q20AB01242) runs firmware 5.1.0.2466 and the rebuild stalls.

Tom Hale
`),
		want: map[string]string{"firmware": "5.1.0.2466"},
	},
	{
		// Was a HOLE ('fällt das Netzwerk alle paar Stunden aus' gave no severity); fixed the same day.
		name: "GermanFirmwareSentence",
		raw: todayMail("Jonas Weber <jonas@beispiel.example.de>", "Firmware Problem", `Hallo,

auf unserer TS-464 (Seriennummer Q21BI04577) läuft die Firmware-Version 5.1.0.2466, seit dem Update fällt das Netzwerk alle paar Stunden aus.

Jonas Weber
`),
		want: map[string]string{"firmware": "5.1.0.2466", "severity": "high"},
	},
	// --- severity ---
	{
		// Was a HOLE (a repeating fan alarm while 'the NAS keeps serving files fine' gave no severity); fixed the same day.
		name: "RepeatingAlarmWhileServing",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Fan alarm", `Hi,

the fan alarm on the TS-464 (serial Q20AB01243) repeats every 10 minutes, but the NAS keeps serving files fine.

Tom Hale
`),
		want: map[string]string{"severity": "low"},
	},
	{
		// Was a HOLE (a BMC web UI hanging daily while the server keeps running was high); fixed the same day.
		name: "BMCHangsWhileServing",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "BMC hang", `Hi,

the BMC web interface of our server (serial QTFCOB1234567) hangs every day; the server itself keeps running our VMs without issue.

Tom Hale
`),
		want: map[string]string{"severity": "low"},
	},
	{
		name: "AlarmThenReboot",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Temperature alarm", `Hi,

the temperature alarm on the TS-464 (serial Q20AB01244) repeats and each time the unit reboots itself.

Tom Hale
`),
		want: map[string]string{"severity": "high"},
	},
	// --- company, contact, phone ---
	{
		// Was a HOLE (the legal notice's 'Tailspin Systems GmbH, Sitz München, Registergericht ...' gave no company); fixed the same day.
		name: "LegalNoticeNamesSendersCompany",
		raw: todayMail("Ines Kraft <ines@tailspin.example.de>", "Defekte Platte", `Hallo,

in der TS-873A (Seriennummer Q21BI04578) ist eine Platte ausgefallen, das RAID läuft degraded weiter.

Ines Kraft

--
Diese E-Mail ist vertraulich. Tailspin Systems GmbH, Sitz München, Registergericht München HRB 123456, Geschäftsführer: Max Muster.
`),
		want: map[string]string{"company": "Tailspin Systems GmbH"},
	},
	{
		name: "LegalNoticeOfMailProvider",
		raw: todayMail("Ines Kraft <ines@freemail.example.de>", "Defekte Platte 2", `Hallo,

in der TS-873A (Seriennummer Q21BI04579) ist eine Platte ausgefallen.

Ines Kraft

--
Gesendet mit FreeMail. FreeMail Dienste AG, Registergericht Köln HRB 99999. Diese Nachricht wurde automatisch auf Viren geprüft.
`),
		want: map[string]string{"company": ""},
	},
	{
		// Was a HOLE ('Ivan Horvat, Primjer d.o.o., +385 1 555 0123' gave neither company nor phone); fixed the same day.
		name: "OneLineNameCompanyPhoneCroatia",
		raw: todayMail("Ivan Horvat <ivan@primjer.example.hr>", "RMA TS-464", `Hello,

the TS-464 (serial Q21BI04580) does not power on.

Ivan Horvat, Primjer d.o.o., +385 1 555 0123
`),
		want: map[string]string{"contact_name": "Ivan Horvat", "company": "Primjer d.o.o.", "phone": "+385 1 555 0123"},
	},
	{
		// Was a HOLE ('Storage Engineer at Fabrikam Inc.' kept whole as the company); fixed the same day.
		name: "TitleAtCompanySignature",
		raw: todayMail("Nina Park <nina@fabrikam.example.com>", "NAS fault", `Hi,

our TS-873A (serial Q21BI04581) shows a failed DIMM slot but still serves.

Nina Park
Storage Engineer at Fabrikam Inc.
`),
		want: map[string]string{"company": "Fabrikam Inc.", "contact_name": "Nina Park"},
	},
	{
		name: "TitleAtOtherCompanyInProse",
		raw: todayMail("Nina Park <nina@gmail.example.com>", "NAS fault 2", `Hi,

I spoke with John Reed, the account manager at Tailspin Toys, who told me to write to you. Our TS-873A (serial Q21BI04582) does not start.

Nina Park
`),
		want: map[string]string{"company": "", "contact_name": "Nina Park"},
	},
	{
		name: "JapaneseSelfIntroduction",
		raw: todayMail("山田 太郎 <yamada@sample.example.jp>", "修理依頼", `お世話になっております。
株式会社サンプル商事の山田です。

TS-873A（シリアル番号 Q21BI04583）が起動しません。

よろしくお願いいたします。
`),
		want: map[string]string{"company": "株式会社サンプル商事"},
	},
	{
		// Was a HOLE (the line naming who introduced the writer, '株式会社エービーシーの田中様からご紹介いただきました。', was taken whole as the company); fixed the same day.
		name: "JapaneseIntroducedByOtherCompany",
		raw: todayMail("山田 太郎 <yamada@gmail.example.com>", "修理依頼2", `はじめまして。山田と申します。
株式会社エービーシーの田中様からご紹介いただきました。

TS-873A（シリアル番号 Q21BI04584）が起動しません。
`),
		want: map[string]string{"company": ""},
	},
	{
		name: "RingMeOn",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Dead PSU", `Hi,

the PSU in our TS-1673AU (serial Q21BI04585) died, the second PSU keeps it running. Ring me on 020 5550 1234 if you need anything.

Sam Cole
`),
		want: map[string]string{"phone": "020 5550 1234", "severity": "low"},
	},
	{
		name: "RingMeOnNotMobile",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Dead PSU 2", `Hi,

please don't ring me on my old mobile 07700 555 999, it is switched off. Ring me on the office line 020 5550 1235 instead.

Sam Cole
`),
		want: map[string]string{"phone": "020 5550 1235"},
	},
	// --- serials ---
	{
		name: "ItalianMatricola",
		raw: todayMail("Marco Rossi <marco@esempio.example.it>", "Guasto NAS", `Buongiorno,

il NAS TS-464, matricola Q21BI04586, non si accende.

Marco Rossi
`),
		want: map[string]string{"serials": "Q21BI04586"},
	},
	{
		name: "SerialOnTheBack",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "NAS dead", `Hi,

our NAS is dead. The sticker on the back says Q21BI04587.

Sam Cole
`),
		want: map[string]string{"serials": "Q21BI04587"},
	},
	{
		// Was a HOLE (the P.S.'s other NAS that 'is fine' added a second unit); fixed the same day.
		name: "PostscriptOtherUnitIsFine",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "NAS dead 2", `Hi,

our TS-464 with serial Q21BI04588 is dead.

Sam Cole

P.S. our other NAS (serial Q21BI09999) is fine, no need to look at it.
`),
		want: map[string]string{"serials": "Q21BI04588"},
	},
	{
		name: "PostscriptSerial",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "NAS dead 3", `Hi,

our TS-464 is dead, it does not power on.

Sam Cole

P.S. the serial is Q21BI04589
`),
		want: map[string]string{"serials": "Q21BI04589"},
	},
	{
		name: "QNAPSerialWithSpace",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "NAS dead 4", `Hi,

our TS-464, serial number Q21BI 04590, does not power on.

Sam Cole
`),
		want: map[string]string{"serials": "Q21BI04590"},
	},
	// --- PO and invoices ---
	{
		name: "POForThese",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Out of warranty repair", `Hi,

please quote the repair of the two TS-464 units. Here is the PO for these: 4500012345.

Sam Cole
`),
		want: map[string]string{"po_number": "4500012345"},
	},
	{
		name: "OrderReferenceIs",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Repair order", `Hi,

our order reference is ORD-77812 for the repair of the TS-464 (serial Q21BI04591).

Sam Cole
`),
		want: map[string]string{"po_number": "ORD-77812"},
	},
	{
		name: "DistributorsOrderReference",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Repair order 2", `Hi,

the distributor's order reference is DX-5512, that is their number, not ours; we have no PO yet.

Sam Cole
`),
		want: map[string]string{"po_number": ""},
	},
	{
		name: "ItalianOrdineN",
		raw: todayMail("Marco Rossi <marco@esempio.example.it>", "Riparazione", `Buongiorno,

Ordine n. 2024/118 per la riparazione del TS-464 (matricola Q21BI04592).

Marco Rossi
`),
		want: map[string]string{"po_number": "2024/118"},
	},
	{
		name: "CustomerOrderSeeAttached",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Repair order 3", `Hi,

Customer order: see attached PDF
Serial: Q21BI04593

Sam Cole
`),
		want: map[string]string{"po_number": ""},
	},
	{
		name: "CustomerOrderLabel",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Repair order 4", `Hi,

Customer order: CO-99812
Serial: Q21BI04594

Sam Cole
`),
		want: map[string]string{"po_number": "CO-99812"},
	},
	{
		// Was a HOLE ('FV/2023/01/0457 z dnia 15.01.2023' gave no invoice date); fixed the same day.
		name: "PolishFVInvoice",
		raw: todayMail("Piotr Nowak <piotr@przyklad.example.pl>", "Reklamacja", `Dzień dobry,

NAS TS-464 (numer seryjny Q21BI04595) nie uruchamia się. Faktura VAT nr FV/2023/01/0457 z dnia 15.01.2023.

Piotr Nowak
`),
		want: map[string]string{"invoice_number": "FV/2023/01/0457", "invoice_date": "2023-01-15"},
	},
	{
		name: "BareINVCancelledThenCorrect",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Invoice correction", `Hi,

INV-88123 was cancelled, the correct one is INV-88150 dated March 3, 2025. Serial Q21BI04596.

Sam Cole
`),
		want: map[string]string{"invoice_number": "INV-88150", "invoice_date": "2025-03-03"},
	},
	{
		name: "BareINVCode",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Warranty claim", `Hi,

we bought the TS-464 (serial Q21BI04597) on INV-88124.

Sam Cole
`),
		want: map[string]string{"invoice_number": "INV-88124"},
	},
	{
		name: "GermanRechnungsnummerStorniert",
		raw: todayMail("Jonas Weber <jonas@beispiel.example.de>", "Rechnung", `Hallo,

Rechnungsnummer RE-2024-0815 wurde storniert, die neue Rechnung ist RE-2024-0902 vom 02.09.2024. Seriennummer Q21BI04598.

Jonas Weber
`),
		want: map[string]string{"invoice_number": "RE-2024-0902", "invoice_date": "2024-09-02"},
	},
	{
		name: "GermanRechnungsnummer",
		raw: todayMail("Jonas Weber <jonas@beispiel.example.de>", "Garantie", `Hallo,

Rechnungsnummer RE-2024-0816, Rechnungsdatum 05.06.2024, Seriennummer Q21BI04599.

Jonas Weber
`),
		want: map[string]string{"invoice_number": "RE-2024-0816", "invoice_date": "2024-06-05"},
	},
	// --- second round ---
	{
		name: "SideBySideTabs",
		raw:  todayMail("Tom Hale <tom@adatum.example.com>", "Dead TS-464", "Hi, the TS-464 (serial Q20AB01250) is dead.\n\nShip To:\t\t\tBill To:\nAdatum Corp\t\t\tAdatum Corp Accounts\n200 Main Street\t\t\t55 Finance Ave\nSpringfield, IL 62701\t\tChicago, IL 60601\n\nTom Hale\n"),
		want: map[string]string{"ship_to": "Adatum Corp, 200 Main Street, Springfield, IL 62701", "bill_to": "Adatum Corp Accounts, 55 Finance Ave, Chicago, IL 60601"},
	},
	{
		// Was a HOLE (the vendor's RMA centre in ship_to); fixed the same day.
		name: "SideBySideTabsRightIsVendorReturn",
		raw:  todayMail("Tom Hale <tom@adatum.example.com>", "Dead TS-464 b", "Hi, the TS-464 (serial Q20AB01251) is dead.\n\nShip To:\t\t\tYour RMA return address:\nAdatum Corp\t\t\tQNAP RMA Center\n200 Main Street\t\t\t168 Vendor Way\nSpringfield, IL 62701\t\tFremont, CA 94538\n\nTom Hale\n"),
		want: map[string]string{"ship_to": "Adatum Corp, 200 Main Street, Springfield, IL 62701", "bill_to": ""},
	},
	{
		// Was a HOLE ('to us, our address:' + next line gave no ship_to); fixed the same day.
		name: "ShipToUsOurAddressNextLine",
		raw: todayMail("Marta Ruiz <marta@reseller.example.es>", "Replacement to reseller", `Hi, the TS-464 (serial Q21BI07778) of our customer is dead. Please ship the replacement to us, our address:
Reseller Iberia SL, Calle Mayor 10, 28013 Madrid, Spain

Marta Ruiz
`),
		want: map[string]string{"ship_to": "Reseller Iberia SL, Calle Mayor 10, 28013 Madrid, Spain"},
	},
	{
		// Was a HOLE (a bare 'Thanks, Mike' over an Outlook forward gave contact 'Mike'); fixed the same day.
		name: "OutlookForwardBareThanks",
		raw: todayMail("Mike Dunn <mike@reseller.example.co.uk>", "FW: PSU failure", `Please see below.

Thanks, Mike

-----Original Message-----
From: Ron Ames <ron@enduser.example.co.uk>
Sent: 30 November 2026 14:02
To: Mike Dunn <mike@reseller.example.co.uk>
Subject: PSU failure

One PSU of our TS-1673AU (serial Q21BI04600) failed, the unit keeps running on the other one.

Ron Ames
End User plc
+44 161 555 0987
`),
		want: map[string]string{"contact_name": "Ron Ames", "phone": "+44 161 555 0987", "serials": "Q21BI04600", "severity": "low"},
	},
	{
		name: "UpgradeTargetIsNotFirmware",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Upgrade question", `Hi,

should we upgrade to 5.2.0.2802 to fix the stalled rebuild? The TS-464 (serial Q20AB01252) is still on 5.1.0.2466.

Tom Hale
`),
		want: map[string]string{"firmware": "5.1.0.2466"},
	},
	{
		name: "FirmwareServerIPIsNotFirmware",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Firmware download", `Hi,

we download the firmware for the TS-464 (serial Q20AB01253) from our mirror at 10.1.1.5 and the update fails with a checksum error.

Tom Hale
`),
		want: map[string]string{"firmware": ""},
	},
	{
		name: "RepeatingAlarmAllVMsOffline",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Alarm and outage", `Hi,

the disk alarm on the TS-873A (serial Q20AB01254) keeps repeating and all VMs are offline since this morning.

Tom Hale
`),
		want: map[string]string{"severity": "critical"},
	},
	{
		name: "RingMeOnMonday",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Call back", `Hi,

ring me on Monday about the TS-464 (serial Q21BI04601), it does not boot.

Sam Cole
`),
		want: map[string]string{"phone": ""},
	},
	{
		// Was a HOLE ('Storage Engineer at our Berlin office' gave company 'our Berlin office'); fixed the same day.
		name: "TitleAtOurOffice",
		raw: todayMail("Nina Park <nina@gmail.example.com>", "NAS fault 3", `Hi,

our TS-873A (serial Q21BI04602) does not start.

Nina Park
Storage Engineer at our Berlin office
`),
		want: map[string]string{"company": ""},
	},
	{
		name: "POForTheseWillFollow",
		raw: todayMail("Sam Cole <sam@adatum.example.com>", "Quote please", `Hi,

please quote the repair of the TS-464 (serial Q21BI04603); the PO for these will follow next week.

Sam Cole
`),
		want: map[string]string{"po_number": ""},
	},
	// --- third round ---
	{
		name: "InlineAnswerSeeSignature",
		raw: todayMail("Dana Whitfield <dana@northwind.example.com>", "Re: [RMA-100330] Information needed", `> 1. Serial number of the unit
Q22CJ11230
> 2. Shipping address for the replacement
see my signature
> 3. Phone number
see below

Dana Whitfield
`),
		want: map[string]string{"serials": "Q22CJ11230", "ship_to": "", "phone": ""},
	},
	{
		name: "InlineAnswerSerialLater",
		raw: todayMail("Dana Whitfield <dana@northwind.example.com>", "Re: [RMA-100331] Information needed", `> 1. Serial number of the unit
I will send it tomorrow, the unit is in a locked rack
> 2. Model
TS-873A

Dana Whitfield
`),
		want: map[string]string{"serials": "", "models": "TS-873A"},
	},
	{
		name: "InlineAnswerCorrectsOldSerial",
		raw: todayMail("Dana Whitfield <dana@northwind.example.com>", "Re: [RMA-100332] Information needed", `> 1. Serial number of the unit
Q22CJ11232 (not Q19AA00003, that was the unit we replaced last year)

Dana Whitfield
`),
		want: map[string]string{"serials": "Q22CJ11232"},
	},
	{
		// Was a HOLE ('Firmware: see screenshot' gave firmware 'see screenshot'); fixed the same day.
		name: "FirmwareSeeScreenshot",
		raw: todayMail("Tom Hale <tom@adatum.example.com>", "Firmware", `Hi,

Firmware: see screenshot
Serial: Q20AB01260

The TS-464 reboots every night.

Tom Hale
`),
		want: map[string]string{"firmware": "", "serials": "Q20AB01260", "severity": "high"},
	},
	{
		name: "SpamShipToAnywhere",
		raw: todayMail("Deals <news@deals.example.biz>", "Huge NAS sale", `Best prices on NAS drives this week!

Order now, free shipping. Ship to: anywhere in the EU.
Our software version 2.3.4.5 is included for free.
Call +1 800 555 0199 today.
`),
		want: map[string]string{"ship_to": "", "firmware": "", "serials": ""},
	},
}
