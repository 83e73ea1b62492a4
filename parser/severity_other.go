package parser

import (
	"slices"
	"strings"
)

// Readings of the severity that keep a fault from being the unit's or
// from being one now (issue 13, attack round 10): a "nobody can" without
// a service verb, a "nobody has lost access" (a denial), a noise so loud
// that people cannot work beside it, another device of the site, and
// stops the writer makes.

// serviceIndex finds the service verbs of conService.
var serviceIndex = newConceptIndex(conService)

// bareNobody are the "nobody can" phrases of totalOutage without a verb.
var bareNobody = []string{"niemand kann", "niemand kan", "personne ne peut", "nadie puede", "nessuno può", "ninguém consegue", "nikt nie może"}

// clauseAfter is l from j to the end of its clause.
func clauseAfter(l string, j int) string {
	r := l[j:]
	if k := strings.IndexAny(r, ",;.!?\n"); k >= 0 {
		r = r[:k]
	}
	return r
}

// nobodyWithoutService: "Nadie puede decirme la fecha", "Niemand kann mir
// sagen, wann ...": a "nobody can" whose verb is no service tells of no
// outage.
func nobodyWithoutService(l string, i, j int) bool {
	return slices.Contains(bareNobody, l[i:j]) && serviceIndex.kinds(clauseAfter(l, j)) == 0
}

// lossWords: a loss verb; with a negative universal subject ("nobody has
// lost access", "niemand hat den Zugriff verloren") it denies the loss.
var lossWords = []string{"lost", "verloren", "perdu", "perdido", "perdió", "perso", "perdeu", "stracił", "straciło", "förlorat", "mistet", "tappat", "kaybet"}

// nobodyLost: the clause c says nobody lost anything: a denial, the unit
// serves.
func nobodyLost(l string, c span, hs []phraseHit) bool {
	for _, h := range hs {
		if h.kind == cNobody && containsAny(l[h.j:c.j], lossWords) {
			return true
		}
	}
	return false
}

// symptomSoThat: a symptom so strong that people cannot work beside it
// ("the fan is so loud that nobody can work in that room"): the noise is
// the fault, not an outage.
var symptomSoThat = []string{"so loud", "so noisy", "so hot", "so much noise", "such a noise", "so laut", "so heiß", "so warm", "tanto ruido", "tan ruidoso", "tan caliente", "tanto calor",
	"si bruyant", "tellement de bruit", "tellement bruyant", "si chaud", "così rumoroso", "talmente rumoroso", "tanto rumore", "zo luid", "zo heet", "zoveel lawaai", "tak głośn", "så högljudd", "så varm", "tão barulhento", "tanto barulho"}

// disturbsPeople: the phrase at i follows such a symptom in its sentence.
func disturbsPeople(l string, i int) bool {
	return symptomSoThatSet.in(sentenceBefore(l, i))
}

var symptomSoThatSet = newPhraseSet(symptomSoThat)

// otherDevices are the site's other devices and services: a firewall, the
// internet access, a switch, a printer, the power company.
var otherDevices = []string{"firewall", "our isp", "the isp", "isp has", "internet", "the printer", "our printer", "printers",
	"power company", "electricity company", "utility company", "internetanbieter", "provider", "drucker", "imprimante", "impresora", "stampante", "fournisseur d'accès", "la box", "notre box"}

// netDevices may be the unit itself (a switch, a router): another device
// only when the text says the unit is fine ("The TS-464 itself is fine").
var netDevices = []string{"the router", "our router", "the switch", "our switch", "a switch", "switches"}

// unitFine: the text says the unit is fine.
var unitFine = []string{"itself is fine", "is fine", "are fine", "is ok", "va bien", "läuft normal", "funktioniert normal", "nothing to do with", "funciona bien", "funziona bene"}

// unitNamed: the words name the unit: "NAS", "server", "unit" or a code
// with letters and digits (a model, a serial: "TS-464", "QSW-M408-4C").
func unitNamed(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,;:!?()[]\"'")
		switch w {
		case "nas", "server", "unit", "servidor", "serveur", "gerät", "storage":
			return true
		}
		letter, digit := false, false
		for k := 0; k < len(w); k++ {
			letter = letter || w[k] >= 'a' && w[k] <= 'z'
			digit = digit || isDigit(w[k])
		}
		if letter && digit && len(w) >= 4 {
			return true
		}
	}
	return false
}

// otherDeviceAt: the phrase at i stands in a clause, or a sentence, that
// names another device and not the unit ("The TS-464 is fine, but our
// firewall is down and nobody can work", "Notre box internet ne
// fonctionne plus, personne ne peut travailler"): that device's fault.
func otherDeviceAt(l string, i int) bool {
	st := sentenceFrom(l, i)
	if k := strings.IndexAny(l[st:i], "\n"); k >= 0 {
		st += strings.LastIndexByte(l[st:i], '\n') + 1
	}
	en := i + strings.IndexAny(l[i:]+".", ".!?\n")
	sent := l[st:en]
	// one scan for both lists: a network device counts only when the
	// text says the unit is fine
	devices, dk := otherDeviceSet, deviceSet.kinds(sent)
	if dk&1 != 0 && unitFineSet.in(l) {
		devices = anyDeviceSet
	} else {
		dk &^= 1
	}
	if dk == 0 {
		return false
	}
	cst := st + max(strings.LastIndex(l[st:i], ", "), strings.LastIndex(l[st:i], "; "), strings.LastIndex(l[st:i], " but "), -1) + 1
	cen := i + strings.IndexAny(l[i:en]+",", ",;")
	if cl := l[cst:cen]; devices.in(cl) && !unitNamed(cl) {
		return true
	}
	return !unitNamed(sent)
}

var (
	otherDeviceSet = newPhraseSet(otherDevices)
	deviceSet      = newPhraseSet(netDevices, otherDevices)
	anyDeviceSet   = newPhraseSet(netDevices, otherDevices)
	unitFineSet    = newPhraseSet(unitFine)
)

// closeRequests: the writer asks to close the case, the fault is over.
var closeRequests = []string{"close the rma", "close the case", "close this case", "close the ticket", "close this ticket", "chiudere la pratica", "chiudere il ticket", "zaak sluiten", "ticket sluiten",
	"zamknąć zgłoszenie", "cerrar el caso", "cerrar el ticket", "fermer le dossier", "fermer le ticket", "fall schließen", "ticket schließen", "fechar o caso", "fechar o chamado", "stäng ärendet", "kapatabilirsiniz"}

// fixedWords: someone fixed the fault ("your engineer fixed it remotely").
var fixedWords = []string{"fixed it", "you fixed", "engineer fixed", "technician fixed", "was fixed", "has been fixed", "got fixed"}

// sinceChange: a change the fault ended with; wellNow: the unit works as
// it should after it ("since the update it works perfectly", "アップデート
// 後は正常です", "güncellemeden sonra sorun kalmadı").
var (
	sinceChange = []string{"since the update", "since your firmware", "since the firmware", "since the new firmware", "after the update", "dopo l'aggiornamento", "sinds de update", "od aktualizacji",
		"desde la actualización", "depuis la mise à jour", "seit dem update", "nach dem update", "desde a atualização", "アップデート後", "업데이트 후", "güncellemeden sonra", "升级固件后", "升级后"}
	wellNow = []string{"perfect", "stable", "bez zarzutu", "正常", "정상", "sorun kalmadı", "fine", "normal", "einwandfrei", "sin problemas", "senza problemi", "sans problème"}
	// stillOn: words after a fix that say the fault goes on
	stillOn = []string{"again", "still", "now ", "jetzt", "maintenant", "ahora", "adesso", " nu ", "teraz", "agora", " but ", "however", "wieder", "immer noch", "toujours", "otra vez", "di nuovo", "opnieuw", "nadal"}
)

// endedNow: the text says the fault is over: the writer asks to close the
// case, someone fixed it and nothing after says it goes on, or the unit
// works well since a change ("since your firmware 5.2.1 it has been stable
// for 5 days").
func endedNow(l string, facts phraseKinds) bool {
	if facts&fEnded == 0 {
		return false // most texts: one pass instead of a scan per phrase
	}
	for _, w := range closeRequests {
		if k := strings.Index(l, w); k >= 0 && !containsAny(l[max(0, k-16):k], []string{"not ", "n't ", "nicht", "non ", "no ", "niet ", "nie "}) {
			return true // (not "please do not close the case yet")
		}
	}
	for _, w := range fixedWords {
		if k := strings.Index(l, w); k >= 0 && !containsAny(l[k:], stillOn) {
			return true
		}
	}
	for _, w := range sinceChange {
		k := strings.Index(l, w)
		if k < 0 {
			continue
		}
		rest := l[k+len(w):]
		if e := strings.IndexAny(rest, ".!?\n"); e >= 0 {
			rest = rest[:e]
		}
		if containsAny(rest, wellNow) && !negated.MatchString(rest) && !containsAny(rest, []string{"not ", "nicht", "non ", "niet", "nie ", "no ", "pas ", "않", "ない", "不", " but", " ma ", " aber", "seemed", "then", "until", "only for", "for a day"}) {
			return true
		}
	}
	return false
}

// ownStopWords: the writer stopped the unit on purpose ("We unplugged it
// ourselves to move it", "deliberately shut down every night to save
// power", "selbst vom Strom genommen").
var ownStopWords = []string{"ourselves", "myself", "deliberately", "on purpose", "intentionally", "to save power", "to save energy", "selbst vom strom", "selbst abgeschaltet", "selbst heruntergefahren", "absichtlich", "bewusst abgeschaltet",
	"nous-mêmes", "exprès", "volontairement", "nosotros mismos", "a propósito", "intencionadamente", "noi stessi", "apposta", "volutamente", "zelf uitgezet", "expres", "opzettelijk", "nós mesmos", "de propósito", "celowo", "sami wyłączyliśmy", "medvetet", "med vilje", "bilerek", "záměrně"}

// ownSubject: the writer as subject.
var ownSubject = []string{"we ", "i ", "wir ", "ich ", "nous ", "je ", "j'ai", "hemos", "abbiamo", "wij ", "we hebben", "nós ", "my ", "vi ", "biz "}

// plannedMaintWords and maintenanceWords: a planned maintenance ("Am Samstag ist
// eine geplante Wartung", "maintenance planifiée", "mantenimiento
// programado").
var (
	plannedMaintWords = []string{"planned", "scheduled", "geplant", "planifié", "programmé", "programado", "programada", "programmato", "programmata", "pianificat", "gepland", "planejad", "agendad", "zaplanowan", "schemalagd", "planlagt", "planlı"}
	maintenanceWords  = []string{"maintenance", "wartung", "mantenimiento", "manutenzione", "onderhoud", "manutenção", "konserwac", "underhåll", "vedligehold", "bakım", "údržb"}
)

// ifWords open a supposition; ifFault: its condition holds the fault ("Si
// el TS-464 se cae, nadie puede trabajar"), which then is supposed, not
// told; "if we copy large files, it reboots" tells of a fault.
var (
	ifWords = []string{"if ", "si ", "falls ", "jeśli ", "jeżeli ", "hvis ", "eğer ", "pokud ", "indien "}
	ifFault = []string{"fails", "failed", "ausfällt", "ausfallen", "tombe en panne", "falla", "fallara", "si rompe", "se rompe", "uitvalt", "awarii", "går sönder"}
)

var (
	ownStopSet      = newPhraseSet(ownStopWords)
	plannedMaintSet = newPhraseSet(plannedMaintWords)
	maintenanceSet  = newPhraseSet(maintenanceWords)
)

// withoutOwnStops blanks the sentences of s that tell of a stop the writer
// makes on purpose, of a planned maintenance, or suppose a fault in an "if"
// clause: nothing the unit does.
func withoutOwnStops(s, l string, facts phraseKinds) string {
	if facts&fOwnStop == 0 {
		return s
	}
	x := blanker{s: s}
	for _, sp := range sentences(l) {
		t := strings.TrimLeft(l[sp.i:sp.j], " \n")
		own := ownStopSet.in(t) && containsAny(" "+t, ownSubject)
		planned := plannedMaintSet.in(t) && maintenanceSet.in(t)
		supposed := false
		if hasAnyPrefix(t, ifWords) {
			cond, _, _ := strings.Cut(t, ",")
			supposed = conceptIndex.kinds(cond)&(cDown|cInterrupt) != 0 || containsAny(cond, ifFault)
		}
		if !own && !planned && !supposed {
			continue
		}
		x.blank(sp)
	}
	return x.text()
}
