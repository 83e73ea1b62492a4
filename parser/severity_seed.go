package parser

import (
	"regexp"
	"slices"
	"strings"
)

// The Altai seed (seeds/003_53b969e1a7f75317.txt lines 231-235, "Severity
// level") is the one vendor text that defines the levels, by what the unit
// still does:
//   Critical: out of order, cannot provide service any more;
//   High: rebooted, intermittent service impact (e.g. reboot daily), or
//         performance significantly degraded (throughput less than half);
//   Low: performance somewhat degraded, can still provide service.
// The readers below follow those descriptions; the customer's own rating
// ("I'd call this low severity") comes first.

// statedRating is a rating the customer gives in a sentence.
// The levels are the words severityOf maps, "minor" and "P3" included
// ("I'd call this minor", "Ticket #77120 – Priority: P3" in a
// help-desk's header line).
var statedRating = regexp.MustCompile(`\b(?:rate|call|classify|consider|treat|treating|mark|log|see)\s+(?:it|this)\s+(?:as\s+)?(?:an?\s+)?` +
	`(critical|high|medium|low|minor|major|p[1-4]|sev ?[1-4])\b|\b(critical|high|medium|low)[ -](?:severity|priority)\b|\b(?:severity|priority)\s*:?\s+(?:is\s+|would be\s+)?(critical|high|medium|low|minor|major|p[1-4]|sev ?[1-4])\b`)

var (
	// "from about 1,100 MB/s to under 400 MB/s", "240 Mbps instead of 300"
	rateFromTo  = regexp.MustCompile(`(?:from|von|de|da)\s+(?:about\s+|around\s+|roughly\s+|ca\.\s+|circa\s+|etwa\s+|environ\s+|~)?([0-9][0-9,.]*)\s*([kmgt]?(?:b(?:it)?(?:/s|ps)|b/s|o/s)|%)?\s+(?:to|auf|à|a)\s+(?:under\s+|below\s+|about\s+|around\s+|roughly\s+|environ\s+|etwa\s+|ca\.\s+|circa\s+|unter\s+|moins de\s+|~)?([0-9][0-9,.]*)`)
	rateInstead = regexp.MustCompile(`([0-9][0-9,.]*)\s*[kmgt]?(?:b(?:it)?(?:/s|ps)|b/s|o/s)\s+(?:instead of|rather than|statt|au lieu de|invece di|en lugar de|en vez de|em vez de|i stället för|istället för|i stedet for|zamiast|in plaats van)\s+(?:about\s+|the\s+usual\s+)?([0-9][0-9,.]*)`)
	// "about 90 Mbps since last week, it used to do 300+ Mbps": the rate
	// now, then the rate before in the same sentence
	rateUsedTo = regexp.MustCompile(`([0-9][0-9,.]*)\s*[kmgt]?(?:b(?:it)?(?:/s|ps)|b/s|o/s)\b[^.!?\n]{0,60}?\b(?:used to (?:do|deliver|get|give|reach|push|manage|be|run at|sit at|be at)|voorheen|previously|vorher|früher)\s+(?:about\s+|around\s+|roughly\s+|over\s+|more than\s+|ca\.\s+|~)?([0-9][0-9,.]*)\+?(?:\s*[kmgt]?(?:b(?:it)?(?:/s|ps)|b/s|o/s))?`)
	pctDown    = regexp.MustCompile(`\b(?:down|dropped|reduced|lower|fell)\s+(?:by\s+)?(?:about\s+|around\s+|roughly\s+|~)?([0-9]{1,3})(?:\s*-\s*[0-9]{1,3})?\s*%|\(?(?:roughly\s+|about\s+)?([0-9]{1,3})(?:\s*-\s*[0-9]{1,3})?\s*%\s*(?:down|lower|slower|less)`)
	fraction   = []string{"三分之一", "twice as long", "times as long", "have tripled", "has tripled", "times longer", "takes ages", "一半", "a tenth", "a third", "a quarter", "half of", "less than half", "under half", "halved", "fraction of", "one tenth", "most of its", "lost most",
		"un tiers", "la moitié", "drittel", "die hälfte", "halbiert", "un tercio", "la mitad", "un terzo", "la metà", "een derde", "de helft", "gehalveerd",
		// "(backups) take twice as long" in other languages
		"el doble", "o dobro", "il doppio", "deux fois plus", "doppelt so lang", "twee keer zo lang", "dubbel zo lang",
		// "run about half the usual speed", "down by more than half"
		"half the usual", "half the normal", "half its usual", "half speed", "by more than half", "down by half", "dropped by half", "cut in half",
		// "less than half" in Korean, French, German, Spanish, Italian,
		// Dutch, Portuguese, Polish and Swedish
		"절반 이하", "절반 미만", "moins de la moitié", "weniger als die hälfte", "menos de la mitad", "meno della metà", "minder dan de helft", "menos da metade", "mniej niż połow", "mindre än hälften"}
	// a number in "down 30%" is the size of a drop, not an outage
	downBy = regexp.MustCompile(`\bdown\s+(?:by\s+)?(?:about\s+|around\s+|roughly\s+|~)?[0-9]|[0-9]\s*%\s*down`)
)

// The kinds of phrase the severity readers look for, found in one pass.
const (
	kStillServes phraseKinds = 1 << iota
	kOutOfService
	kInterrupts
	kUnitParts
	kUnitPartFaults
	kDaily
	kSlower
	kFraction
	kSignificant
	kSomewhat
	kComponent
	kDropsOut
	kFault
	kTotal
)

// totalOutage: nobody can use the unit at all. It outweighs any part
// that still works ("the BMC still works but the host never starts, all
// VMs are offline") and a colleague's "no user impact".
var totalOutage = []string{"nobody can work", "none of our staff can", "none of our users can", "none of the users can", "whole tower is down", "whole site is down",
	"volume is inaccessible", "data is inaccessible", "cannot access any data", "can't access any data", "no one can work", "nobody can use", "no one can use", "nobody can access", "no one can access",
	"all vms are offline", "all vms are down", "volume is offline", "corrupted and lost", "data is lost", "data was lost", "files are lost", "files were lost", "no power at all", "never starts", "completely down", "kompletter ausfall",
	"niemand kann", "niemand kan", "personne ne peut", "nadie puede", "nessuno può", "ninguém consegue", "nikt nie może",
	// data lost: "perdemos dados", "perdimos datos", "we lost data"; a
	// production at a stop
	"pool is inaccessible", "pool is offline", "can't open any files", "cannot open any files", "can't access any files", "cannot access any files",
	"we lost data", "perdemos dados", "perdimos datos", "abbiamo perso dati", "production est arrêtée", "production is stopped", "production has stopped", "produktion steht",
	// no share serves at all
	"none of the shares are usable", "none of the shares are accessible", "none of the shares are available", "none of the shares work"}

// severityPhrases is read with severityVeto (kindsVetoed).
var severityPhrases = newPhraseIndex(stillServes, outOfService, interrupts, unitParts, unitPartFaults,
	[]string{"once a day", "times a day", "times a week", "times per week", "times an hour", "every afternoon", "every morning", "every evening", "mehrmals pro woche", "plusieurs fois par semaine",
		"varias veces por semana", "più volte alla settimana", "times per day", "every day", "every night", "plusieurs fois par jour", "várias vezes por dia",
		"varias veces al día", "più volte al giorno", "mehrmals täglich", "mehrmals am tag", "meerdere keren per dag", "kilka razy dziennie",
		// "every hour", "hourly", "every day" in more languages
		"every hour", "co godzinę", "codziennie", "her gün", "her saat", "günde birkaç kez", "jede stunde", "stündlich", "chaque heure", "cada hora", "ogni ora", "elk uur", "elke dag"},
	slowerWords, fraction,
	[]string{"significantly", "severely", "drastically", "massively", "dramatically", "massiv", "erheblich", "drastisch", "considérablement", "fortement",
		"drásticamente", "notablemente", "notevolmente", "drasticamente", "aanzienlijk",
		// "performance is very poor", "o desempenho caiu muito"
		"very poor", "erg slecht", "zeer slecht", "caiu muito", "cayó mucho", "bajó mucho", "calato molto", "sceso molto", "stark gesunken", "stark eingebrochen", "sehr schlecht", "très mauvais", "muy mal",
		// "(throughput) very / heavily reduced"
		"très réduit", "fortement réduit", "stark reduziert", "muy reducid", "molto ridott", "sterk verminderd", "greatly reduced", "severely reduced", "heavily reduced"},
	[]string{"slower", "somewhat", "slightly", "a bit", "a little", "un peu", "etwas", "reduced", "lower", "degraded", "dégradé"},
	// a part that goes "down" (a port, a radio, a fan) leaves the unit
	// serving, which the seed never calls critical
	[]string{"port", "radio", "fan", "psu", "link", "bay", "slot"},
	[]string{"keep dropping", "keeps dropping", "dropping out", "drop out", "drops out"},
	faultWords, totalOutage)

// severityVeto drops a severity phrase at l[i:j] that is not the unit's
// fault now; facts are sevFacts of the text (the tests that need a list
// the text does not hold are skipped). The cheap tests come first: this
// runs at every phrase found.
func severityVeto(l string, i, j int, facts phraseKinds) bool {
	return strings.HasSuffix(l[:i], "再") || notUnitEvent(l, i, j) || nobodyWithoutService(l, i, j) ||
		facts&fSoThat != 0 && disturbsPeople(l, i) || notThisUnit(l, i) || facts&fDevice != 0 && otherDeviceAt(l, i) || notNow(l, i, j)
}

// notThisUnit: a phrase in a sentence the writer marks as about another
// thing ("Unrelated: our old printer is not reachable any more") or as a
// fear that was not borne out ("I was afraid we lost data, but the RAID is
// intact"): nothing of the unit's state.
func notThisUnit(l string, i int) bool {
	w := l[max(0, i-160):i]
	before := w[sentenceBegins(w):]
	return containsAny(before, []string{"unrelated", "not related", "nothing to do with"}) ||
		containsAny(lastClause(before), []string{"was afraid", "were afraid", "i feared", "we feared", "was worried", "were worried", "was scared", "were scared", "at first i thought", "at first we thought", "first thought"})
}

// lastClause is the part of s after its last comma, semicolon or dash.
func lastClause(s string) string {
	if k := strings.LastIndexAny(s, ",;"); k >= 0 {
		return s[k+1:]
	}
	return s
}

// notUnitEvent: an interruption word said of something other than the
// unit's service, in its sentence: an alarm that repeats ("beeping every
// few minutes"), a management controller or a command that hangs ("a BMC
// cold reset from the OS just hangs").
func notUnitEvent(l string, i, j int) bool {
	switch l[i:j] {
	case "every few", "alle paar", "hangs", "freezes", "randomly", "intermittent", "sporadic":
	case "still off", "still powered off":
		// "the LAN2 LED is still off": a light, not the unit
		return containsAny(sentenceBefore(l, i), []string{" led", "light", "lamp", "indicator"})
	case "not reachable", "nicht mehr erreichbar", "niet meer bereikbaar", "stopped responding":
		// "the BMC is not reachable any more": the host serves on
		return containsAny(sentenceBefore(l, i), managementParts)
	default:
		return false
	}
	return containsAny(sentenceBefore(l, i), []string{"beep", "alarm", "buzz", "blink", "flash", "led ", "notification", "e-mail", "email",
		"warning", "bmc", "ipmi", "web ui", "webui", "gui", "management", "reset", "command", "browser", "app "})
}

// ratingWords are the words statedRating needs, found without the veto:
// "not urgent - low priority" is a rating however "not" stands before it.
var ratingWords = newPhraseIndex([]string{"rate", "call", "severity", "priority", "treat", "consider", "classify"})

func withVeto(x phraseIndex, veto func(l string, i, j int) bool) phraseIndex {
	x.veto = veto
	return x
}

// closedWords say the fault is over and the ticket can close.
var closedWords = []string{"works fine again", "working again", "works again", "is fixed now", "please close the ticket", "you can close the ticket",
	"can be closed", "issue is resolved", "problem is solved", "problem is resolved", "funktioniert wieder", "fonctionne à nouveau", "funciona de nuevo"}

// servingNow finds the still-serving phrases that say the unit serves
// now: not denied ("niet 'geen impact'"), asked ("can we keep it still in
// production ...?"), for a while ("no user impact yet", "stays up for 2
// minutes"), said of another thing ("the BMC still works", "our other NAS
// stays up") or reported ("your colleague said there is no user impact").
var servingNow = withVeto(newPhraseIndex(stillServes), notServingNow)

func notServingNow(l string, i, j int) bool {
	if notNow(l, i, j) {
		return true
	}
	st := sentenceFrom(l, i)
	before := l[st:i]
	if near := strings.Trim(lastWords(before, 2), " \"'“”„"); containsAny(near+" ", []string{"not ", "nicht ", "niet ", "non ", "pas ", "no longer", "n't ", "nie "}) {
		return true
	}
	if containsAny(lastWords(before, 3)+" ", noneOf) {
		return true // "none of the shares are reachable"
	}
	clause := before
	if k := strings.LastIndex(before, "; "); k >= 0 {
		clause = before[k+2:] // "the BMC hangs; the server itself keeps running"
	}
	clause = afterContrast(clause)
	// (a status quoted in the clause before, "shows “Failed”; the NAS
	// works normally", reports nothing of this one)
	if reported(clause) || containsAny(clause, []string{"bmc", "ipmi", "web ui", "webui", "gui", "management", "other nas", "other server", "other unit",
		"other ap", "our other", "the others", "colleague", "article", "kb ", "loaner", "loan unit", "spare unit", "our spare", "the spare", "the replacement", "leihgerät", " led", "power light",
		"its fan", "only the fan", "the ups", "the switch", "our switch", "the router", "our router", "only its ", "email", "e-mail", "rest of the network", "the internet", "cloud"}) || otherPlace(l[:st], clause) ||
		strings.HasSuffix(before, "can ") || strings.HasSuffix(before, "can still ") {
		// ("Only Anna can still work": a person works, not the unit)
		return true
	}
	rest := l[j:]
	if hasAnyPrefix(strings.TrimLeft(rest, " ,"), servingOnlyUntil) {
		// "everything works except the storage", "działa poprawnie tylko
		// przez godzinę, potem się wyłącza": no unit that serves
		return true
	}
	if e := strings.IndexAny(rest, ".!?\n"); e >= 0 && rest[e] == '?' {
		return true
	}
	after := strings.TrimLeft(rest, " ")
	return strings.HasPrefix(after, "yet") || strings.HasPrefix(after, "for ") && len(after) > 4 && after[4] >= '0' && after[4] <= '9' || strings.HasPrefix(after, "again")
}

// servingOnlyUntil are the words after a serving phrase that take it
// back: a part excepted, or a while it lasts ("for an hour, then ...",
// "bis er nach zehn Minuten abstürzt").
var servingOnlyUntil = []string{"except", "apart from", "but not", "außer", "ausser", "sauf", "excepto", "salvo", "tranne", "behalve", "oprócz", "z wyjątkiem",
	"only for", "for an hour", "for about", "for a few", "for a while", "until", "till ", "only until", "bis ", "jusqu", "pendant ", "nur für", "nur eine", "tylko przez", "tylko do", "przez godzinę", "hasta que", "durante ", "solo per", "fino a", "per un'ora", "tot ", "slechts"}

// otherPlace: a serving clause names its unit by a place ("the A8n at the
// depot still works fine") that differs from the place the text before
// names ("the A8n at the hill site is dead"): another unit serves.
func otherPlace(before, clause string) bool {
	k := strings.Index(clause, " at the ")
	if k < 0 {
		return false
	}
	here, _, _ := strings.Cut(clause[k+8:], " ")
	for off := 0; ; {
		i := strings.Index(before[off:], " at the ")
		if i < 0 {
			return false
		}
		off += i + 8
		if there, _, _ := strings.Cut(before[off:], " "); there != here {
			return true
		}
	}
}

// afterContrast is the part of a clause after its last ", but" (in the
// desk's languages): "the BMC does not respond, but the server works
// normally" says the server serves, whatever the BMC does.
func afterContrast(clause string) string {
	for _, w := range []string{", but ", ", aber ", ", mais ", ", pero ", ", ma ", ", maar ", ", mas ", ", ale ", ", men ", "，但", "，但是"} {
		if k := strings.LastIndex(clause, w); k >= 0 {
			clause = clause[k+len(w):]
		}
	}
	return clause
}

// afterConjunction is what of the words near follows their last "and"
// ("reageert niet meer en niemand kan ...": the "niet" is the clause
// before's).
func afterConjunction(near string) string {
	for _, and := range []string{"and", "en", "und", "et", "y", "e", "och"} {
		// the word and, as a whole word, the last time in near
		for end := len(near); end > 0; {
			i := strings.LastIndex(near[:end], and)
			if i < 0 {
				break
			}
			if (i == 0 || near[i-1] == ' ') && (i+len(and) == len(near) || near[i+len(and)] == ' ') {
				near = near[i+len(and):]
				break
			}
			end = i
		}
	}
	return near
}

// noneOf say that nothing of what follows does it.
var noneOf = []string{"none of", "no one of", "geen van", "geen enkele", "aucun des", "aucune des", "keine der", "keiner der", "ninguno de", "ninguna de", "nessuno dei", "nessuna delle"}

// notNow drops a symptom the text denies ("No reboots, no drop-outs", "our
// NAS never goes out of service") or says is over ("was out of service
// for two days last month; you fixed it", "..., resolved").
func notNow(l string, i, j int) bool {
	before := l[max(0, i-24):i]
	if k := strings.LastIndexAny(before, ",;.!?\n"); k >= 0 {
		before = before[k+1:]
	}
	// the words right before it ("no reboots", "never goes out of
	// service"), not "for no reason the NAS is out of service"
	near := lastWords(before, 3)
	if ac := afterConjunction(near); negated.MatchString(ac) || strings.Contains(near, "without") || strings.Contains(near, "ohne") || strings.Contains(near, "sans") || noneWordSet.in(" "+ac+" ") {
		return true
	}
	if hasAnyPrefix(l[j:], []string{" nicht ", " niet ", " inte ", " ikke ", "ではありません", "ではない", "ではなく", "じゃない"}) {
		// "stürzt nicht mehr ab", "初期不良ではありません": the negation
		// after the verb or noun
		return true
	}
	if symptomEnded(l[j:min(len(l), j+40)]) && !cameBack(l[j:min(len(l), j+90)]) || plannedOutage(l, i, j) {
		return true
	}
	after := l[j:min(len(l), j+90)]
	if k := strings.IndexAny(after, "\n!?"); k >= 0 {
		if after[k] == '?' && answeredNoAgain(l[j+k+1:min(len(l), j+k+121)]) {
			// "is not reachable any more since this morning? No - it is
			// reachable again after a reboot": the writer's own question,
			// denied in the next sentence
			return true
		}
		after = after[:k]
	}
	if k := strings.Index(after, ". "); k >= 0 {
		after = after[:k]
	}
	// "out of service again, although you fixed it last month" is now
	return containsAny(after, resolvedWords) && !containsAny(after, []string{"again", "although", "even though", "wieder", "de nouveau", "otra vez", "di nuovo"})
}

// noneWords deny the noun after them ("geen herstarts meer", "inga
// omstarter", "aucun redémarrage").
var noneWordSet = newPhraseSet(noneWords)

var noneWords = []string{" geen ", " inga ", " ingen ", " aucun ", " aucune ", " ningún ", " ninguna ", " nessun ", " nessuna ", " nenhum ", " nenhuma ", " żadnych ", " żadnego ", " hiç ", " žádné ", " žádný "}

// cameBack: the sentence that says a symptom stopped says it is back
// ("the random reboots stopped after the update for a day, now they are
// back").
func cameBack(after string) bool {
	if k := strings.IndexAny(after, ".!?\n"); k >= 0 {
		after = after[:k]
	}
	return containsAny(after, []string{"are back", "is back", "came back", "come back", "started again", "returned", "sind wieder da", "sont revenu"})
}

// closedNow: the text says the fault is over, not only for a while ("only
// works again after a power cycle, then hangs within hours"); facts are
// sevFacts of the text.
func closedNow(l string, facts phraseKinds) bool {
	if endedNow(l, facts) {
		return true
	}
	if facts&fClosed == 0 {
		return false
	}
	for _, w := range closedWords {
		for off := 0; ; {
			i := strings.Index(l[off:], w)
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			if !strings.HasSuffix(l[:i], "only ") {
				return true
			}
		}
	}
	return false
}

// plannedOutage: an outage the writer plans for later ("We will have 60
// subs offline on Saturday for the planned swap"): nothing the unit does
// now.
func plannedOutage(l string, i, j int) bool {
	before := sentenceBefore(l, i)
	after := l[j:min(len(l), j+60)]
	if k := strings.IndexAny(after, ".!?\n"); k >= 0 {
		after = after[:k]
	}
	return containsAny(before, []string{" will have ", "we will ", "we'll ", "going to ", "planned", "scheduled"}) &&
		containsAny(before+after, []string{"planned", "scheduled", "maintenance", " swap", "on saturday", "on sunday", "tomorrow", "next week", "tonight"})
}

// symptomEnded: the words right after a symptom say it is over ("the
// random reboots stopped after I swapped the RAM", "the drop-outs have gone
// away"). rest starts where the phrase ended, maybe inside its word.
func symptomEnded(rest string) bool {
	for len(rest) > 0 && wordBytes[rest[0]] {
		rest = rest[1:] // "reboot|s stopped"
	}
	return hasAnyPrefix(rest, []string{" stopped after", " stopped since", " have stopped", " has stopped", " are gone", " have gone away", " went away", " disappeared", " have disappeared",
		" sind weg", " haben aufgehört", " ont cessé", " han desaparecido", " sono spariti", " zijn verdwenen"})
}

// answeredNoAgain: the sentence after a question answers it "No" and
// says the fault is over ("No - it is reachable again", "No, it works
// again").
func answeredNoAgain(next string) bool {
	next = strings.TrimLeft(next, " ")
	if !hasAnyPrefix(next, []string{"no ", "no,", "no -", "no –", "no—", "no.", "nope"}) {
		return false
	}
	if k := strings.IndexAny(next[2:], ".!?\n"); k >= 0 {
		next = next[:k+2]
	}
	return strings.Contains(next, "again") || containsAny(next, resolvedWords)
}

// resolvedWords say a fault is over.
var resolvedWords = []string{"resolved", "you fixed", "was fixed", "been fixed", "fixed it", "back to normal", "back online", "restored", "works again",
	"working again", "last month", "last year", "behoben", "résolu", "resuelto", "risolto",
	"alles in ordnung", "wieder in ordnung", "tout est rentré dans l'ordre", "todo está bien", "tutto è a posto", "alles is in orde", "everything is fine since"}

// seedSeverity reads the level the seed's descriptions give the fault, ""
// when the text describes none. l is the lower-case text, k the kinds of
// phrase it holds, closed whether it says the fault is over (closedNow).
func seedSeverity(l string, k phraseKinds, closed bool) string {
	serving := k&kStillServes != 0 && servingNow.kinds(l) != 0
	if k&(kTotal|kOutOfService) == 0 && closed {
		return "" // "the replacement PSU is in and it works fine again"
	}
	switch {
	case k&kTotal != 0:
		return "critical"
	case !serving && k&kOutOfService != 0 && !(k&kDaily != 0 && loopOnly(l)):
		// ("redémarre en boucle" with "plusieurs fois par jour" is a unit
		// that reboots again and again, not one stuck in a boot loop)
		return "critical"
	case k&kInterrupts != 0:
		// ("beeps every few minutes; everything still works" serves)
		return "high"
	case k&kDropsOut != 0 && !serving:
		// a disk dropping out of its pool while the NAS "still serves"
		// has no service impact
		return "high"
	case k&(kSlower|kFraction) != 0 && (dropRatio(l) >= 2 || k&(kFraction|kSignificant) != 0):
		// "throughput reduce less than half", even when one port is the
		// cause: the unit's service is what the seed rates
		return "high"
	case k&kUnitParts != 0 && k&kUnitPartFaults != 0:
		// a failed fan, PSU, DIMM or port the unit runs on without: the
		// seed's "can still provide service"
		return "low"
	case serving && containsAny(l, managementParts) && containsAny(l, managementFaults):
		// "the BMC web interface hangs every day; the server itself keeps
		// running our VMs": the management side fails, the service runs
		return "low"
	case k&kDaily != 0 && !serving:
		// "fails every night" while "everything else works": no impact
		return "high"
	case k&(kSlower|kFraction) == 0:
		return stillServing(serving, k)
	}
	if r := dropRatio(l); r >= 2 {
		return "high" // "throughput reduce less than half"
	} else if r > 1 {
		return "low"
	}
	if k&(kFraction|kSignificant) != 0 {
		return "high"
	}
	if serving && k&kSomewhat != 0 {
		return "low"
	}
	return stillServing(serving, k)
}

// loopWords say a unit reboots in a loop.
var loopWords = []string{"boot loop", "bootloop", "reboot loop", "en boucle", "en bucle"}

// loopOnly: the only out-of-service words of l are a loop's. It runs
// only when a loop comes with a frequency (kDaily), a rare text.
func loopOnly(l string) bool {
	if !containsAny(l, loopWords) {
		return false
	}
	for _, p := range outOfService {
		if !slices.Contains(loopWords, p) && strings.Contains(l, p) {
			return false
		}
	}
	return true
}

// stillServing is the level of a fault the unit runs on with ("one PSU
// failed, the system runs on the other", "still in production"): the
// seed's Low, "can still provide service"; "" when the text says no such
// thing.
func stillServing(serving bool, k phraseKinds) string {
	if serving && k&kFault != 0 {
		return "low"
	}
	return ""
}
