package parser

import "testing"

// Readings of round 6 (issue 13), found by root cause in the focused
// training sets and written here anew: other mails, languages or layouts
// than the ones that showed the cause.
var fix15Readings = []tableAttack{
	// a customer's own rating, in words the level readers did not know
	{name: "sev/rating-tr-dusuk", field: "severity", want: "low", raw: wMail("Merhaba,\n\nÖncelik: Düşük\n\nTS-464 (seri no Q22BI04567) fanı biraz gürültülü.\n\nAyşe")},
	{name: "sev/rating-ko-high", field: "severity", want: "high", raw: wMail("안녕하세요,\n\n우선순위: 높음\n\nAX500 (시리얼 AX5J22110093) 가 접속이 끊깁니다.\n\n김민수")},
	{name: "sev/rating-call-it-major", field: "severity", want: "high", raw: wMail("Hi,\n\nWe would call this major: the A8n at our depot (S/N A8N2011000932) loses its uplink now and then.\n\nPriya")},
	{name: "sev/rating-inline-priority-p2", field: "severity", want: "high", raw: wMail("Case 4411 / Priority: P2 / Site Leeds\n\nThe TS-873A (Q21BI04567) shows a warning in the log.\n\nJane")},
	{name: "sev/rating-inline-priority-not-p", field: "severity", want: "", raw: wMail("Hi,\n\nWhat is the priority of a P2 case at your desk? Our TS-873A (Q21BI04567) shows a warning.\n\nJane")},
	// a fault the unit serves on ("everything works", per language): the
	// seed's Low; a cosmetic defect is Low; "nothing urgent" is no urgency
	{name: "sev/serves-fr-ventilateur-bruyant", field: "severity", want: "low", raw: wMail("Bonjour,\n\nLe ventilateur de notre TS-464 (série Q22BI04567) est devenu bruyant, mais tout marche, les partages sont accessibles.\n\nClaire")},
	{name: "sev/serves-nl-oranje-led", field: "severity", want: "low", raw: wMail("Hallo,\n\nDe status-LED van onze TS-873A (Q21BI04567) is oranje sinds gisteren, maar alles werkt.\n\nAnna")},
	{name: "sev/serves-en-slow-gui", field: "severity", want: "low", raw: wMail("Hi,\n\nThe admin page of our TS-873A (Q21BI04567) is slow to load since Monday. Everything else is working, backups complete.\n\nJane")},
	{name: "sev/cosmetic-de", field: "severity", want: "low", raw: wMail("Hallo,\n\nunser neuer TS-464 (Q22BI04567) hat eine Delle im Gehäuse, rein optisch. Können Sie eine Blende schicken?\n\nJana")},
	{name: "sev/cosmetic-it", field: "severity", want: "low", raw: wMail("Buongiorno,\n\nil TS-464 (Q22BI04567) è arrivato con un graffio sul pannello, difetto solo estetico.\n\nLuca")},
	{name: "sev/nothing-urgent", field: "severity", want: "low", raw: wMail("Hi,\n\nNothing urgent: our A8n (S/N A8N2011000932) shows a config warning in the log since the update.\n\nPriya")},
	{name: "sev/checked-parts-normal-not-serving", field: "severity", want: "", raw: wMail("您好，\n\nD52BQ-2U 服务器开机后报错。已经检查过电源和风扇，均正常。\n\n谢谢")},
	// out of service and interruptions in Turkish and Polish; the people
	// a unit serves cut off; a unit that dies minutes after booting
	{name: "sev/tr-acilmiyor", field: "severity", want: "critical", raw: wMail("Merhaba,\n\nTS-873A cihazımız (seri no Q21BI04567) dünden beri açılmıyor, tüm dosyalara erişim yok.\n\nMehmet")},
	{name: "sev/tr-yeniden-basliyor", field: "severity", want: "high", raw: wMail("Merhaba,\n\nAX500 erişim noktamız (seri AX5J22110093) günde birkaç kez kendiliğinden yeniden başlıyor.\n\nMehmet")},
	{name: "sev/pl-przestal-dzialac", field: "severity", want: "critical", raw: wMail("Dzień dobry,\n\nserwer QuantaGrid D52B-1U (nr seryjny QTFCSB1280441) przestał działać po aktualizacji BIOS.\n\nPiotr")},
	{name: "sev/pl-zawiesza-sie", field: "severity", want: "high", raw: wMail("Dzień dobry,\n\nnasz TS-464 (Q22BI04567) zawiesza się mniej więcej raz dziennie i trzeba go restartować.\n\nPiotr")},
	{name: "sev/customers-offline", field: "severity", want: "critical", raw: wMail("Hi,\n\nA8n at the hill site (S/N A8N2011000932) lost power supply, 40 customers offline since 6am.\n\nPriya")},
	{name: "sev/dies-after-boot", field: "severity", want: "critical", raw: wMail("Hi,\n\nOur TS-873A (Q21BI04567) starts, then dies after a minute or two. We cannot keep it up.\n\nJane")},
	{name: "sev/dies-after-denied", field: "severity", want: "", raw: wMail("Hi,\n\nOur TS-873A (Q21BI04567) no longer dies after a minute like last month; please confirm the new firmware name.\n\nJane")},
	// a unit that won't POST or is (still) off; random reboots; a degraded
	// volume that stays accessible; a BMC that stopped responding while
	// the server serves (Polish)
	{name: "sev/wont-post-en", field: "severity", want: "critical", raw: wMail("Hi,\n\nAfter the DIMM swap our QuantaGrid D52B-1U (S/N QTFCSB1280441) will not POST any more.\n\nJane")},
	{name: "sev/es-sigue-apagado", field: "severity", want: "critical", raw: wMail("Hola,\n\nEl TS-464 (número de serie Q22BI04567) sigue apagado desde el corte de luz y no podemos trabajar con los ficheros.\n\nCarmen")},
	{name: "sev/random-restarts", field: "severity", want: "high", raw: wMail("Hi,\n\nOur TS-873A (Q21BI04567) has random restarts about twice a week since the update.\n\nJane")},
	{name: "sev/es-degradado-sigue-accesible", field: "severity", want: "low", raw: wMail("Hola,\n\nEl disco 2 del TS-464 (Q22BI04567) falló; el volumen está degradado pero sigue accesible.\n\nCarmen")},
	{name: "sev/pl-bmc-nie-odpowiada", field: "severity", want: "low", raw: wMail("Dzień dobry,\n\nBMC w serwerze D52B-1U (QTFCSB1280441) nie odpowiada od wczoraj, ale serwer działa prawidłowo.\n\nPiotr")},
	{name: "sev/stays-reachable-but-collapses", field: "severity", want: "high", raw: wMail("Hallo,\n\nUnser TS-873A (Q21BI04567) verliert sporadisch die 10GbE-Verbindung, mehrmals täglich. Das Gerät bleibt über den 1GbE-Port erreichbar, aber die Arbeit steht dabei.\n\nJana")},
	// a symptom the next words say is over
	{name: "sev/drop-outs-went-away", field: "severity", want: "", raw: wMail("Hi,\n\nUpdate on our AX500 (AX5J22110093): the disconnects went away after the firmware update. Can I close the case?\n\nPriya")},
	{name: "sev/de-neustarts-sind-weg", field: "severity", want: "", raw: wMail("Hallo,\n\ndie Neustarts sind weg, seit wir das Netzteil des TS-873A (Q21BI04567) getauscht haben. Danke!\n\nJana")},
	{name: "sev/reboots-stopped-not-ended", field: "severity", want: "high", raw: wMail("Hi,\n\nOur TS-873A (Q21BI04567) reboots every few hours; it stopped serving SMB twice today.\n\nJane")},
	// Altai's C-series written with its letters ("C1an" as well as "C1n")
	{name: "unit/altai-c1an-prose-de", field: "models", want: "C1an", raw: wMail("Hallo,\n\nunser C1an (Seriennummer AL2105C00077) startet seit gestern nicht mehr.\n\nJana")},
	{name: "unit/altai-c1n-still", field: "models", want: "C1n", raw: wMail("Hi,\n\nOur C1n (S/N C1N2107B03321) reboots daily.\n\nJane")},
	// a mail that ends with its units' table (no closing, no name after it)
	{name: "unit/table-last-tab-separated", field: "serials", want: "Q21BI04567,Q21BI04568", raw: wMail("Hello,\n\nboth NAS below lost a disk bay after the update.\n\nModel\tS/N\tQTS\nTS-873A\tQ21BI04567\t5.1.4\nTS-873A\tQ21BI04568\t5.1.4\n")},
	{name: "unit/table-last-pipe-de", field: "firmwares", want: "3B15,3B15", raw: wMail("Hallo,\n\nzwei Server starten nicht mehr.\n\nModell | Seriennummer | BIOS\nD52B-1U | QTFCSB1280441 | 3B15\nD52B-1U | QTFCSB1280457 | 3B15")},
	// abbreviated serial labels in prose: Polish "nr seryjny", Spanish and
	// Portuguese "N/S"
	{name: "unit/pl-nr-seryjny-prose", field: "serials", want: "QTFCSB1280441", raw: wMail("Dzień dobry,\n\nserwer D52B-1U, nr seryjny QTFCSB1280441, nie uruchamia się.\n\nPiotr")},
	{name: "unit/pt-n-s-prose", field: "serials", want: "Q22BI04567", raw: wMail("Olá,\n\no nosso TS-464 (N/S Q22BI04567) não liga desde ontem.\n\nAna")},
	{name: "unit/n-s-not-a-word", field: "serials", want: "", raw: wMail("Hi,\n\nthe N/S link between the buildings is down; our radios are fine.\n\nAna")},
	// an asset export pasted as CSV; a bare "Version" column header
	{name: "unit/csv-semicolon-de", field: "serials", want: "Q21BI04567,Q21BI04568", raw: wMail("Hallo,\n\nExport aus unserer Inventarliste:\nModell;Seriennummer;Firmware\nTS-873A;Q21BI04567;5.1.4.2596\nTS-873A;Q21BI04568;5.1.4.2596\n\nBeide melden Lüfterfehler.\n\nJana")},
	{name: "unit/csv-comma-firmware", field: "firmwares", want: "1.5.3.4380,1.5.3.4380", raw: wMail("Hi,\n\nserial,model,version\nAX5J22110093,AX500,1.5.3.4380\nAX5J22110101,AX500,1.5.3.4380\n\nBoth reboot nightly.\n\nPriya")},
	{name: "unit/csv-sentence-not-header", field: "serials", want: "Q21BI04567", raw: wMail("Hi,\n\nSerial, model, firmware: see below.\nOur TS-873A (serial Q21BI04567) reboots.\n\nJane")},
	{name: "unit/es-version-column", field: "firmwares", want: "TrueNAS-13.0-U6.2,TrueNAS-13.0-U6.2", raw: wMail("Hola,\n\nModelo\tN.º de serie\tVersión\nTrueNAS Mini X\tA1-50271\tTrueNAS-13.0-U6.2\nTrueNAS Mini X\tA1-50288\tTrueNAS-13.0-U6.2\n\nAmbos se apagan solos.\n\nSofía")},
	// a firmware said with the version it went to: the later one runs
	{name: "unit/fw-from-to-de", field: "firmwares", want: "5.1.4.2596", raw: wMail("Hallo,\n\nwir haben den TS-873A (Seriennummer Q21BI04567) von Firmware 5.1.0.2348 auf 5.1.4.2596 aktualisiert, seitdem startet er neu.\n\nJana")},
	{name: "unit/fw-arrow", field: "firmwares", want: "1.5.3.4380", raw: wMail("Hi,\n\nAX500 serial AX5J22110093, firmware 1.5.2.4100 -> 1.5.3.4380 last week, clients drop since.\n\nPriya")},
	{name: "unit/fw-ja-kara-ni", field: "firmwares", want: "1.5.3.4380", raw: wMail("お世話になっております。\n\nAX500（シリアル番号 AX5J22110093）のファームウェアを1.5.2.4100から1.5.3.4380に更新してから再起動を繰り返します。\n\nよろしくお願いいたします。")},
	{name: "unit/fw-to-be-not-version", field: "firmwares", want: "1.5.2.4100", raw: wMail("Hi,\n\nAX500 serial AX5J22110093 runs firmware 1.5.2.4100 to this day; clients drop.\n\nPriya")},
	// a CJK sentence's full stop after a labelled version
	{name: "unit/fw-zh-sentence-full-stop", field: "firmwares", want: "2.4.1", raw: wMail("您好，\n\n我们的 A8n（序列号 AL2111A00872）每天重启两次，固件版本 2.4.1。\n\n谢谢")},
	// several labels on one line, separated by the full-width comma or
	// semicolon
	{name: "unit/zh-fullwidth-comma-labels", field: "parts", want: "1S5PZZZ0ST3", raw: wMail("您好，\n\n序列号：QTFCSB1280441，料号：1S5PZZZ0ST3，型号：D52B-1U\n\n电源故障。\n\n谢谢")},
	{name: "unit/zh-fullwidth-semicolon-labels", field: "serials", want: "QTFCSB1280441", raw: wMail("您好，\n\n型號：QuantaGrid D52B-1U；序號：QTFCSB1280441\n\n無法開機。\n\n謝謝")},
	// another unit named only to say it works is no unit to return
	{name: "unit/fr-l-autre-fonctionne", field: "serials", want: "Q21BI04567", raw: wMail("Bonjour,\n\nNotre TS-873A (série Q21BI04567) redémarre sans cesse. L'autre (série Q21BI04568) fonctionne parfaitement.\n\nClaire")},
	{name: "unit/de-der-dritte-laeuft", field: "serials", want: "QTFCSB1280441", raw: wMail("Hallo,\n\nder Server mit Seriennummer QTFCSB1280441 startet nicht. Der dritte Server (Seriennummer QTFCSB1280457) läuft einwandfrei.\n\nJana")},
	{name: "unit/es-el-otro-no-funciona", field: "serials", want: "A1-23345,A1-23351", raw: wMail("Hola,\n\nEl TrueNAS Mini E (S/N A1-23345) se apaga solo. El otro (S/N A1-23351) no funciona bien tampoco.\n\nSofía")},
	// a "thanks for your help" sign-off opens the signature
	{name: "company/de-danke-fuer-ihre-hilfe", field: "company", want: "Stadtwerke Lindenau GmbH", raw: wMail("Hallo,\n\nder TS-873A (Q21BI04567) startet nicht mehr.\n\nVielen Dank für Ihre Hilfe,\nJana Vogt\nNetzwerkbetrieb\nStadtwerke Lindenau GmbH")},
	{name: "company/es-gracias-de-antemano", field: "contact_name", want: "Lucía Márquez", raw: wMail("Hola,\n\nel TS-464 (Q22BI04567) no arranca.\n\nGracias de antemano,\nLucía Márquez\nClínica Dental Sol")},
	// a department line between the name and the organisation
	{name: "company/pl-wydzial-then-gmina", field: "company", want: "Gmina Stare Pole", raw: wMail("Dzień dobry,\n\nserwer D52B-1U (nr seryjny QTFCSB1280441) nie uruchamia się.\n\nPozdrawiam\nTomasz Zieliński\nWydział Organizacyjny\nGmina Stare Pole")},
	{name: "company/cz-oddeleni-then-firma", field: "company", want: "Pivovar Horní Ves s.r.o.", raw: wMail("Dobrý den,\n\nTS-464 (Q22BI04567) se nespouští.\n\nS pozdravem\nPetr Novák\nOddělení IT\nPivovar Horní Ves s.r.o.")},
	// the writer's own company named in a sentence
	{name: "company/here-at", field: "company", want: "Kestrel Media", raw: wMail("Hi,\n\nHere at Kestrel Media our TS-873A (Q21BI04567) keeps rebooting.\n\nJane")},
	{name: "company/i-work-for-trailing-and", field: "company", want: "Harbour Hill School", raw: wMail("Hi,\n\nI'm the IT person for Harbour Hill School and our NAS (Q21BI04567) is dead.\n\nJane")},
	{name: "company/de-ich-bin-bei", field: "company", want: "Müller Logistik", raw: wMail("Hallo,\n\nich bin IT-Administrator bei Müller Logistik. Unser TS-873A (Q21BI04567) startet nicht.\n\nJana")},
	{name: "company/we-at-home-not", field: "company", want: "", raw: wMail("Hi,\n\nwe at home have a TS-233 (Q21BI04567) that beeps.\n\nJane")},
	{name: "company/here-at-our-office-not", field: "company", want: "", raw: wMail("Hi,\n\nHere at the office our TS-873A (Q21BI04567) keeps rebooting.\n\nJane")},
	// a building's name over its street is the address, not a company
	{name: "company/building-over-street", field: "company", want: "", raw: wMail("Hi,\n\nOur TS-233 (Q21BI04567) beeps.\n\nRegards,\nTom Hale\nRiverside Court\n12 Mill Lane\nYork YO1 7PX")},
	{name: "company/works-company-not-over-street", field: "company", want: "Riverside Works Ltd", raw: wMail("Hi,\n\nOur TS-233 (Q21BI04567) beeps.\n\nRegards,\nTom Hale\nRiverside Works Ltd\n12 Mill Lane\nYork YO1 7PX")},
	// a reseller's "End customer:" label names the company
	{name: "company/de-endkunde-label", field: "company", want: "Bäckerei Sonnenkorn GmbH", raw: wMail("Hallo,\n\nwir schreiben als Händler für unseren Kunden.\n\nEndkunde: Bäckerei Sonnenkorn GmbH\nSeriennummer: Q21BI04567\n\nDas Gerät startet nicht.\n\nGruß\nJana Vogt\nNetzHandel KG")},
	{name: "company/nl-eindklant-label", field: "company", want: "Tandartspraktijk De Linde", raw: wMail("Hallo,\n\nEindklant: Tandartspraktijk De Linde\nSerienummer: Q21BI04567\n\nDe NAS start niet.\n\nGroet\nAnna\nITPartners B.V.")},
	// a serial corrected further down, in other languages
	{name: "unit/es-serial-correcto", field: "serials", want: "Q21BI04576", raw: wMail("Hola,\n\nNuestro TS-873A (número de serie Q21BI04567) no arranca.\n\nPerdón, el número de serie correcto es Q21BI04576.\n\nLucía")},
	{name: "unit/pl-prawidlowy-numer", field: "serials", want: "QTFCSB1280414", raw: wMail("Dzień dobry,\n\nserwer D52B-1U, nr seryjny QTFCSB1280441, nie uruchamia się.\nPrzepraszam, prawidłowy numer seryjny to QTFCSB1280414.\n\nPiotr")},
	{name: "unit/it-corretto-model-not-serial", field: "serials", want: "AX5J22110093", raw: wMail("Ciao,\n\nl'AX500 (matricola AX5J22110093) si riavvia. Il modello, quello corretto è AX500.\n\nLuca")},
	// the serial read off a sticker or label somewhere on the unit
	{name: "unit/serial-from-label-underside", field: "serials", want: "Q23BI07750", raw: wMail("Hi,\n\nThe serial from the label on the underside is Q23BI07750. The TS-233 beeps every few minutes.\n\nMia")},
	{name: "unit/serial-from-the-old-box-not", field: "serials", want: "", raw: wMail("Hi,\n\nI could not find the serial from the old box, will check tomorrow. The TS-233 beeps.\n\nMia")},
	// a phone-typed lower-case first name over a company or a phone
	{name: "contact/lowercase-name-sig-phone", field: "phone", want: "0412 555 019", raw: wMail("hi our TS-233 (Q21BI04567) beeps all night\n\nmia\nThe Daily Grind Cafe\n0412 555 019\n\nSent from my iPhone")},
	{name: "contact/lowercase-name-sig-company", field: "company", want: "Smith & Sons Joinery", raw: wMail("hi the nas Q21BI04567 wont turn on\n\ntom\nSmith & Sons Joinery")},
	{name: "contact/lowercase-words-not-sig", field: "company", want: "", raw: wMail("Hi,\n\nOur TS-233 (Q21BI04567) beeps.\n\nthanks\nwill call later today.")},
	// a number that answers the question asking for a call
	{name: "contact/give-us-a-bell-question", field: "phone", want: "0161 496 0732", raw: wMail("Hi,\n\nOur TS-873A (Q21BI04567) is dead. Could you give us a bell? 0161 496 0732\n\nDave")},
	{name: "contact/question-then-number-no-call", field: "phone", want: "", raw: wMail("Hi,\n\nOur TS-873A (Q21BI04567) is dead. Is this the right model? 0161 496 0732 is the reseller's line.\n\nDave")},
	// QNAP's switches are units too
	{name: "unit/qnap-switch-model", field: "models", want: "QSW-M408-4C", raw: wMail("Hi,\n\nPort 2 of our QSW-M408-4C (serial Q213D01234) no longer links at 10G.\n\nJane")},
}

func TestFix15Readings(t *testing.T) {
	runTableAttacks(t, fix15Readings, nil, "")
}
