package parser

import "testing"

// Paraphrases of the seed's levels (seeds/003 lines 231-235) in the desk's
// languages, written for the concept reading (severity_concepts.go): none
// of them is a sentence of a phrase list, each combines concepts ("can't"
// + "print", "nobody" + "work", "reboots" + "every two hours").
var conceptParaphrases = []struct {
	name, body, want string
}{
	// incapacity + a service verb: out of service
	{"en/incap/print", "Since this morning we can't print or save anything to the TS-464 (serial Q22BI04001).", "critical"},
	{"en/incap/unable", "Our QuantaGrid D52B (SN QTFC12345678) - we are unable to log in to any of the VMs on it since the update.", "critical"},
	{"en/incap/stream", "The TS-873A (Q21BI04567) is no longer able to stream to the editing suites, nothing plays.", "critical"},
	{"de/incap", "Seit gestern können wir nicht mehr auf die Freigaben unserer TS-473A (Seriennummer Q21BI04567) zugreifen.", "critical"},
	{"fr/incap", "Depuis ce matin, impossible d'accéder aux partages du TS-464 (numéro de série Q22BI04001).", "critical"},
	{"es/incap", "Desde ayer no podemos acceder a los archivos del TS-464 (número de serie Q22BI04001).", "critical"},
	{"it/incap", "Da stamattina non riusciamo ad accedere alle cartelle condivise del TS-464 (seriale Q22BI04001).", "critical"},
	{"nl/incap", "Sinds vanochtend kunnen we niet meer inloggen op onze TS-464 (serienummer Q22BI04001).", "critical"},
	{"pt/incap", "Desde ontem não conseguimos acessar os arquivos do TS-464 (número de série Q22BI04001).", "critical"},
	{"pl/incap", "Od rana nie można się zalogować do naszego TS-464 (numer seryjny Q22BI04001).", "critical"},
	{"sv/incap", "Sedan i morse går det inte att ansluta till vår TS-464 (serienummer Q22BI04001).", "critical"},
	{"da/incap", "Siden i morges kan vi ikke logge ind på vores TS-464 (serienummer Q22BI04001).", "critical"},
	{"tr/incap", "TS-464 (seri no Q22BI04001) cihazımıza bu sabahtan beri erişemiyoruz.", "critical"},
	{"cs/incap", "Od rána se nelze připojit k našemu TS-464 (sériové číslo Q22BI04001).", "critical"},
	{"ja/incap", "TS-464（シリアル番号：Q22BI04001）に今朝からアクセスできません。", "critical"},
	{"zh/incap", "我们的 TS-464（序列号 Q22BI04001）从今天早上开始无法登录。", "critical"},
	{"ko/incap", "TS-464 (시리얼 번호 Q22BI04001)에 오늘 아침부터 접속할 수 없습니다.", "critical"},
	// a universal subject with a loss
	{"en/nobody", "Nobody in the accounts team can open the ledger share on the TS-464 (Q22BI04001).", "critical"},
	{"en/everyone", "Since the power cut the whole office is at a standstill: the TS-464 (Q22BI04001) holds every project.", "critical"},
	{"de/niemand", "Niemand im Büro kann mit der TS-464 (Seriennummer Q22BI04001) arbeiten.", "critical"},
	{"fr/personne", "Personne ne peut se connecter au TS-464 (numéro de série Q22BI04001) depuis lundi.", "critical"},
	{"es/nadie", "Nadie en la oficina puede trabajar con el TS-464 (número de serie Q22BI04001).", "critical"},
	{"it/nessuno", "Nessuno in ufficio può lavorare, il TS-464 (seriale Q22BI04001) è irraggiungibile.", "critical"},
	{"pt/ninguem", "Ninguém no escritório consegue trabalhar com o TS-464 (número de série Q22BI04001).", "critical"},
	{"pl/nikt", "Nikt w firmie nie może pracować, TS-464 (numer seryjny Q22BI04001) jest niedostępny.", "critical"},
	{"sv/ingen", "Ingen på lagret kan jobba sedan TS-464 (serienummer Q22BI04001) slutade svara.", "critical"},
	{"ja/daremo", "TS-464（シリアル番号：Q22BI04001）に誰も接続できません。", "critical"},
	{"zh/suoyouren", "TS-464（序列号 Q22BI04001）出问题后，所有人都无法工作。", "critical"},
	{"ko/amudo", "TS-464 (시리얼 번호 Q22BI04001) 때문에 아무도 작업을 할 수 없습니다.", "critical"},
	// a totality with an outage state; a core verb denied
	{"en/total", "The QuantaGrid D52B (SN QTFC12345678) has been entirely offline since 2am.", "critical"},
	{"de/total", "Unser Server QuantaGrid D52B (SN QTFC12345678) ist seit heute Nacht vollständig ausgefallen.", "critical"},
	{"en/core", "Our TS-464 (Q22BI04001) does not respond at all since the storm last night.", "critical"},
	{"sv/core", "Vår TS-464 (serienummer Q22BI04001) svarar inte alls sedan i går.", "critical"},
	{"fr/core", "Le TS-464 (numéro de série Q22BI04001) ne répond plus depuis hier soir.", "critical"},
	// an interruption said of the unit: high
	{"en/interrupt", "Our TS-464 (Q22BI04001) locks up every couple of days and we have to pull the plug.", "high"},
	{"en/interrupt/freq", "The A8n link (serial A8N2104456) loses its connection roughly every 20 minutes.", "high"},
	{"de/interrupt", "Die TS-464 (Seriennummer Q22BI04001) friert ein paar Mal pro Woche ein.", "high"},
	{"fr/interrupt", "Le TS-464 (numéro de série Q22BI04001) redémarre toutes les deux heures.", "high"},
	{"es/interrupt", "El TS-464 (número de serie Q22BI04001) se cuelga cada pocos días.", "high"},
	{"it/interrupt", "Il TS-464 (seriale Q22BI04001) si blocca ogni notte verso le due.", "high"},
	{"nl/interrupt", "De TS-464 (serienummer Q22BI04001) loopt een paar keer per week vast.", "high"},
	{"pt/interrupt", "O TS-464 (número de série Q22BI04001) trava várias vezes por dia.", "high"},
	{"pl/interrupt", "TS-464 (numer seryjny Q22BI04001) zawiesza się co kilka godzin.", "high"},
	{"sv/interrupt", "Vår TS-464 (serienummer Q22BI04001) hänger sig varje natt.", "high"},
	{"tr/interrupt", "TS-464 (seri no Q22BI04001) her gün birkaç kez donuyor.", "high"},
	{"ja/interrupt", "TS-464（シリアル番号：Q22BI04001）が毎日フリーズします。", "high"},
	{"zh/interrupt", "我们的 TS-464（序列号 Q22BI04001）每天都会死机。", "high"},
	{"ko/interrupt", "TS-464 (시리얼 번호 Q22BI04001)가 매일 재부팅됩니다.", "high"},
	{"en/interrupt/passing", "The TS-464 (Q22BI04001) restarts by itself 4 or 5 times a day and each time our shop is offline for a few minutes.", "high"},
	// slowness: figures by their ratio, words by their strength
	{"en/slow/strong", "Since the firmware update the TS-464 (Q22BI04001) is so slow it is unusable for the editors.", "high"},
	{"en/slow/weak", "The TS-464 (Q22BI04001) feels a bit sluggish when browsing large folders.", "low"},
	{"en/slow/much", "Copying to the TS-464 (Q22BI04001) is much slower than last month.", "low"},
	{"de/slow", "Die TS-464 (Seriennummer Q22BI04001) ist seit dem Update etwas langsam.", "low"},
	{"fr/slow/pct", "Le lien A8n (N° de série A8N2104456) ne donne plus que 20 % de la normale.", "high"},
	{"sv/slow/instead", "Länken A8n (serienummer A8N2104456) ger 400 Mbit/s i stället för 900.", "high"},
	// symptoms while the unit serves; a cosmetic defect
	{"en/symptom/noise", "The TS-464 (Q22BI04001) makes a rattling noise, but everything still works fine.", "low"},
	{"en/symptom/light", "The status light on our TS-464 (Q22BI04001) is amber, no outage though.", "low"},
	{"de/symptom", "Die TS-464 (Seriennummer Q22BI04001) piept ständig, funktioniert aber normal.", "low"},
	{"es/cosmetic", "El TS-464 (número de serie Q22BI04001) llegó con un arañazo en la tapa, es solo estético.", "low"},
	{"ja/symptom", "TS-464（シリアル番号：Q22BI04001）から異音がしますが、正常に動作しています。", "low"},
	// a work stopped; a time doubled; serving words in a sentence
	{"en/workstop", "Our QuantaGrid D52B (SN QTFC12345678) went dark overnight and the whole production line has stopped.", "critical"},
	{"de/workstop", "Die QuantaGrid D52B (SN QTFC12345678) ist weg, unser Betrieb ist gestoppt.", "critical"},
	{"es/workstop", "El servidor QuantaGrid D52B (SN QTFC12345678) falló y la producción está parada.", "critical"},
	{"en/doubled", "Since the update, nightly jobs on the TS-464 (Q22BI04001) take twice as long and the restore latency doubled.", "high"},
	{"nl/doubled", "Sinds de update duurt een back-up naar de TS-464 (serienummer Q22BI04001) verdubbeld zo lang.", "high"},
	{"en/serving/warning", "The TS-464 (Q22BI04001) shows a SMART warning on its cache SSD but keeps serving our shares without issue.", "low"},
	{"de/slow/noOutage", "Die TS-464 (Seriennummer Q22BI04001) hat spürbare Leistungseinbußen, aber kein Ausfall.", "low"},
	// vetoes: questions, suppositions, other places and times, denials,
	// the writer's own restart, parts and the management side
	{"veto/question", "Would the TS-464 (Q22BI04001) keep running if one PSU failed?", ""},
	{"veto/hypothetical", "If the TS-464 (Q22BI04001) ever goes down, nobody can work, so we want a spare on the shelf.", ""},
	{"veto/past", "Last year our old NAS was down for a week and nobody could work; we now have a TS-464 (Q22BI04001) and want an extended warranty.", ""},
	{"veto/denied", "The TS-464 (Q22BI04001) has not frozen once since the update.", ""},
	{"veto/ended", "The drop-outs of the A8n (serial A8N2104456) have disappeared after the channel change.", ""},
	{"veto/own", "We restarted the TS-464 (Q22BI04001) twice after the update, as the notes suggest, and would like the latest firmware.", ""},
	{"veto/bmc", "We cannot log in to the BMC of the QuantaGrid D52B (SN QTFC12345678); please advise.", ""},
	{"veto/comparative", "Please keep the subject of the RMA for the TS-464 (Q22BI04001) no longer than 80 characters.", ""},
	{"veto/attachment", "I could not open the PDF you sent for the TS-464 (Q22BI04001).", ""},
	{"veto/closed", "Nobody could work on Monday, but the TS-464 (Q22BI04001) is fixed now, please close the ticket.", ""},
}

func TestSeverityConceptParaphrases(t *testing.T) {
	for _, c := range conceptParaphrases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Parse(latMail("Mike Brown <mike@acme-corp.com>", "Hello,\n\n"+c.body+"\n\nThanks,\nMike Brown\n", false))
			if err != nil {
				t.Fatal(err)
			}
			if m.Fields.Severity != c.want {
				t.Errorf("severity = %q, want %q (problem %q)", m.Fields.Severity, c.want, m.Fields.Problem)
			}
		})
	}
}

// conceptProbes are more paraphrases, by level: wordings of our own for
// the concepts in more combinations, and requests that describe no fault.
var conceptProbes = [][2]string{
	{"critical", "Vores TS-464 (Q22BI04001) vil ikke starte, og ingen på kontoret kan arbejde."},
	{"critical", "Since Monday our users are locked out of the TS-464 (Q22BI04001) entirely."},
	{"critical", "The TS-464 (Q22BI04001) is stuck on the QNAP logo and never finishes starting, so we have no file server at all."},
	{"critical", "All our cameras stopped recording because the TS-464 (Q22BI04001) no longer accepts connections."},
	{"critical", "La stampa è bloccata: nessuno riesce a stampare da quando il TS-464 (Q22BI04001) non risponde."},
	{"critical", "Desde esta mañana nadie puede conectarse al TS-464 (Q22BI04001)."},
	{"critical", "We lost access to all VMs on the QuantaGrid D52B (SN QTFC12345678) overnight."},
	{"high", "The TS-464 (Q22BI04001) freezes roughly every other day and needs a hard reset."},
	{"high", "Our A8n (A8N2104456) loses the link a few times each evening, then it comes back by itself."},
	{"high", "De QuantaGrid D52B (SN QTFC12345678) valt af en toe uit, ongeveer één keer per dag."},
	{"high", "O A8n (A8N2104456) cai várias vezes por dia."},
	{"high", "TS-464 (Q22BI04001) her gece kendiliğinden yeniden başlıyor."},
	{"low", "Our TS-464 (Q22BI04001) beeps once an hour, otherwise fine."},
	{"low", "The TS-464 (Q22BI04001) display shows a temperature warning, but the shares work fine."},
	{"low", "Le débit du lien A8n (A8N2104456) est un peu plus faible qu'avant, environ 600 au lieu de 700 Mbit/s."},
	{"", "We restart the TS-464 (Q22BI04001) every Sunday as part of our maintenance window."},
	{"", "If the TS-464 (Q22BI04001) fails, can we get an advance replacement?"},
	{"", "Please advise whether the TS-464 (Q22BI04001) can use 3rd party RAM."},
	{"", "We can't find the firmware 5.2 download for the TS-464 (Q22BI04001) on your site."},
	{"", "Everyone in the office was impressed by how quiet the TS-464 (Q22BI04001) is."},
	{"", "We no longer need the spare unit TS-464 (Q22BI04001), can we return it?"},
	{"", "The drop-outs on the A8n (A8N2104456) stopped completely after your firmware fix. Thank you!"},
	// more languages: CS, DA, TR, PL, PT, IT, DE, JA, ZH, KO
	{"", "请问 TS-464（序列号 Q22BI04001）可以使用第三方内存吗？"},
	{"", "TS-464（シリアル番号：Q22BI04001）の保証期間を教えてください。"},
	{"", "TS-464 (시리얼 번호 Q22BI04001)의 보증 기간을 알려주세요."},
	{"", "Prosím o cenovou nabídku na prodlouženou záruku pro TS-464 (Q22BI04001)."},
	{"", "Vi kan ikke finde fakturaen for TS-464 (Q22BI04001), kan I sende den igen?"},
	{"", "TS-464 (Q22BI04001) için fatura bulamıyoruz, tekrar gönderebilir misiniz?"},
	{"", "Nie możemy znaleźć faktury za TS-464 (Q22BI04001), prosimy o ponowne przesłanie."},
	{"", "Não conseguimos encontrar a fatura do TS-464 (Q22BI04001)."},
	{"", "Non riusciamo a trovare il numero di serie sull'etichetta del TS-464."},
	{"", "Wir können den Termin am Freitag leider nicht wahrnehmen, bitte holen Sie das Gerät Montag ab."},
	{"low", "TS-464 (Q22BI04001) 팬에서 소음이 나지만 정상적으로 작동합니다."},
	{"critical", "TS-464 (Q22BI04001) 전원이 켜지지 않습니다. 아무도 파일에 접근할 수 없습니다."},
	{"high", "TS-464（シリアル番号：Q22BI04001）が一日に数回勝手に再起動します。"},
	{"critical", "TS-464（序列号 Q22BI04001）今天早上开始完全无法访问，全公司停工。"},
	{"high", "TS-464（序列号 Q22BI04001）每隔几个小时就会自动重启。"},
	{"low", "TS-464 (Q22BI04001) je trochu pomalejší, ale funguje normálně."},
	{"critical", "TS-464 (Q22BI04001) nereaguje a nikdo se nemůže připojit."},
	{"high", "TS-464 (Q22BI04001) se každou noc restartuje."},
	{"critical", "Vores TS-464 (Q22BI04001) svarer ikke, og vi kan ikke tilgå nogen filer."},
	{"high", "TS-464 (Q22BI04001) genstarter flere gange om dagen."},
}

func TestSeverityConceptProbes(t *testing.T) {
	for _, c := range conceptProbes {
		m, err := Parse(latMail("Mike Brown <mike@acme-corp.com>", "Hello,\n\n"+c[1]+"\n\nThanks,\nMike Brown\n", false))
		if err != nil {
			t.Fatal(err)
		}
		if m.Fields.Severity != c[0] {
			t.Errorf("%q: severity = %q, want %q", c[1], m.Fields.Severity, c[0])
		}
	}
}
