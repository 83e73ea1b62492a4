package parser

import (
	"slices"
	"strings"
)

// The compositional severity reading (issue 13): when no rating is given
// and the phrase families of severity_seed.go find nothing, the text is
// read clause by clause for CONCEPTS (severity_lexicon.go), which rules
// combine into the seed's levels (seeds/003 lines 231-235):
//   - an incapacity ("can't", "kann nicht", 无法) with a service verb
//     ("access", "print", 访问), a negative universal subject ("nobody",
//     "ingen", 아무도) with a service verb or a standstill, a positive one
//     ("the whole office", "alle Benutzer") with a loss, a totality with
//     an outage state ("completely ... down", 완전히 다운), or a core
//     verb denied ("does not respond", "svarar inte"): out of service,
//     critical;
//   - an interruption said of the unit ("reboots", "se cuelga", 再起動),
//     not the writer's doing: high; an outage that comes with it and
//     passes ("down each time for some minutes") is that interruption,
//     high, not critical;
//   - slowness: figures by their ratio (under half high, else low); in
//     words high only with a strength ("unusable", "significantly"), else
//     low;
//   - a symptom (noise, heat, a light's colour, a warning) while the text
//     says the unit serves, or a cosmetic defect: low.
// A clause about a part, the management side or something else (a fan, the
// BMC, an attachment) gives no outage; a sentence that asks, supposes,
// tells of another time or another thing gives nothing; a denied or ended
// symptom (notNow) and a closed fault (closedNow) give nothing.

const (
	cIncap phraseKinds = 1 << iota
	cService
	cCore
	cNobody
	cEveryone
	cStandstill
	cTotal
	cDown
	cInterrupt
	cByItself
	cFrequency
	cEachTime
	cSlow
	cStrong
	cWeak
	cSymptom
	cCosmetic
	cServing
	cNotUnit
	cHypothetical
	cSpeed
	cPast
	cPartial
	cSchedule
	cAppearance
	cEnded
	cWorks
	cWell
	cAllThings
	cWorkObject
	cStops
	cDoubled
)

var conceptIndex = newConceptIndex(conIncapacity, conService, conCore, conNobody, conEveryone, conStandstill, conTotal, conDown, conInterrupt, conByItself,
	conFrequency, conEachTime, conSlow, conStrong, conWeak, conSymptom, conCosmetic, conServing, conNotUnit, conHypothetical, conSpeed, conPast, conPartial, conSchedule, conAppearance, conEnded, conWorks, conWell, conAllThings, conWorkObject, conStops, conDoubled)

// conceptFacts is what the concepts of a text say.
type conceptFacts struct {
	level string
	// passing: an interruption whose outage passes each time ("is down
	// each time some minutes"): the seed's intermittent impact
	passing bool
}

// span is a clause or sentence of the text, l[i:j].
type span struct{ i, j int }

// readOpenConcepts reads the concepts of l (lower case), a text already
// known not to say the fault is over (closedNow); facts are its sevFacts.
func readOpenConcepts(l string, facts phraseKinds) conceptFacts {
	var f conceptFacts
	hits := conceptIndex.all(l)
	slices.SortFunc(hits, func(a, b phraseHit) int { return a.i - b.i })
	var crit, high, slow, strong, cosmetic, symptom, serving, interrupt, each, freq, appearance, disturb bool
	var all phraseKinds
	// the word-order readers, per sentence and clause, only where the
	// text holds their words at all (most texts: neither)
	verbs := func(string) phraseKinds { return 0 }
	if facts&fVerbs != 0 {
		verbs = func(c string) phraseKinds { return turkishOutage(c) | separableInterrupt(c) }
	}
	for _, s := range sentences(l) {
		hs := hitsIn(hits, s)
		text := l[s.i:s.j]
		sk := kindsOf(hs) | verbs(text)
		if sk == 0 || sk&(cHypothetical|cPast|cSchedule) != 0 || asksOrOther(text) {
			continue
		}
		all |= sk
		if sk&cServing != 0 && servesIn(l, s, hs, cServing) || sk&cWorks != 0 && sk&(cWell|cAllThings) != 0 && sk&cNotUnit == 0 && servesIn(l, s, hs, cWorks) {
			serving = true // "still works", "funktioniert aber normal"
		}
		if sk&cWorks != 0 && worksBut(l, s, hs) {
			serving = true // "the NAS works, but I can't log in to the app"
		}
		for _, c := range clauses(l, s) {
			ch := hitsIn(hs, c)
			k := kindsOf(ch)
			k |= verbs(l[c.i:c.j])
			if k&cWorks != 0 && k&(cWell|cAllThings) != 0 && k&cNotUnit == 0 && servesIn(l, c, ch, cWorks) {
				serving = true // "... but keeps serving our shares without issue"
			}
			if k == 0 || k&cEnded != 0 && k&cWorkObject == 0 {
				// ("the drop-outs have completely disappeared")
				continue
			}
			notUnit := k&cNotUnit != 0 || len(ch) > 0 && facts&fDevice != 0 && otherDeviceAt(l, ch[0].i)
			if len(ch) > 0 && facts&fSoThat != 0 && disturbsPeople(l, ch[len(ch)-1].i) {
				disturb = true // "so loud that nobody can work in that room"
				continue
			}
			if k&cNobody != 0 && nobodyLost(l, c, ch) {
				serving = true // "nobody has lost access": a denial
				continue
			}
			if !notUnit && outOfServiceIn(l, c, ch, k) {
				if k&cPartial != 0 {
					high = true // "some users can't connect": an impact, not all service
				} else {
					crit = true
				}
			}
			if !notUnit && interruptsIn(l, c, ch, k) {
				interrupt, high = true, true
			}
			if k&cDoubled != 0 && (sk&(cSlow|cSpeed) != 0 || containsAny(text, []string{"latenc", "takes", "dauert", "prend", "tarda", "impiega", "duurt", "demora", "trwa", "tar ", "sürüyor", "時間", "时间", "時間", "시간"})) {
				slow, strong = true, true // "write latency roughly doubled"
			}
			if k&cSlow != 0 && !notUnit && !deniedIn(l, c, ch, cSlow) {
				// the strength may stand in the next clause ("deutlich
				// langsamer, nahezu unbrauchbar")
				slow = true
				strong = strong || sk&cStrong != 0
			}
			cosmetic = cosmetic || k&cCosmetic != 0 && !deniedIn(l, c, ch, cCosmetic)
			symptom = symptom || k&cSymptom != 0 && !deniedIn(l, c, ch, cSymptom)
			each = each || k&cEachTime != 0
			freq = freq || oftenIn(ch)
			appearance = appearance || k&cAppearance != 0
		}
	}
	// an outage that passes: the unit restarts by itself so often, and
	// each time the service is back ("is down each time some minutes"),
	// not one that never stays up ("dies after 10 minutes every time,
	// basically unusable")
	f.passing = interrupt && each && freq && all&cStrong == 0
	serving = serving || servingNow.kinds(l) != 0
	switch {
	case crit && serving:
		// "nobody can print, but the NAS still serves files": unclear
		return f
	case crit && !f.passing:
		f.level = "critical"
	case crit || high:
		f.level = "high"
	case pctOfRatio(l) >= 2:
		f.level = "high" // "only 20 % of normal"
	case all&(cSlow|cSpeed) != 0 && dropRatio(l) >= 2:
		f.level = "high"
	case all&(cSlow|cSpeed) != 0 && dropRatio(l) > 1:
		f.level = "low"
	case slow && strong:
		f.level = "high"
	case slow:
		f.level = "low"
	case appearance || disturb || (cosmetic || symptom) && serving:
		f.level = "low"
	}
	return f
}

// oftenIn: a frequency ("5 times a day", "várias vezes por semana") that
// is not part of an "every time".
func oftenIn(hs []phraseHit) bool {
	for _, h := range hs {
		if h.kind != cFrequency {
			continue
		}
		inEach := false
		for _, e := range hs {
			if e.kind == cEachTime && e.i <= h.i && h.j <= e.j {
				inEach = true
			}
		}
		if !inEach {
			return true
		}
	}
	return false
}

// asksOrOther: the sentence asks ("would the system fail over?") or says
// it is about something else.
func asksOrOther(s string) bool {
	t := strings.TrimRight(s, " \n")
	return strings.HasSuffix(t, "?") || strings.HasSuffix(t, "？") || containsAny(s, []string{"unrelated", "not related", "nothing to do with", "was afraid", "were afraid", "i feared", "we feared"})
}

// outOfServiceIn: the clause c describes the unit out of service.
func outOfServiceIn(l string, c span, hs []phraseHit, k phraseKinds) bool {
	switch {
	case turkishOutage(l[c.i:c.j]) != 0:
		return true // "erişemiyoruz": the verb and its "cannot" in one word
	case k&cIncap != 0 && k&cNobody == 0 && lockedOutIn(l, hs) && !deniedIn(l, c, hs, cIncap):
		return true // "our users are locked out", "we lost access to all VMs"
	case k&cIncap != 0 && k&cService != 0 && k&cNobody == 0 && incapOf(l, hs) && !deniedIn(l, c, hs, cIncap) && !comparative(l, hs):
		return true
	case k&cNobody != 0 && k&(cService|cStandstill) != 0 && nobodyOf(l, hs):
		return true
	case k&cEveryone != 0 && (k&(cStandstill|cDown) != 0 || k&cIncap != 0 && (lockedOutIn(l, hs) || k&cService != 0 && incapOf(l, hs))) && !deniedIn(l, c, hs, cEveryone):
		// (not "the whole office can't wait for the new model")
		return true
	case k&cTotal != 0 && k&cDown != 0 && !deniedIn(l, c, hs, cDown):
		return true
	case k&cWorkObject != 0 && k&cStops != 0 && !deniedIn(l, c, hs, cStops):
		return true // "la production de notre client est arrêtée"
	}
	if k&cCore != 0 {
		for _, h := range hs {
			if h.kind == cCore && coreDenied(l, c, h) {
				return true
			}
		}
	}
	return false
}

// verbUse: the service word at h is used as a verb: not after an article
// ("the boot"), not before a noun it names ("boot pool").
func verbUse(l string, h phraseHit) bool {
	if l[h.i] >= 0x80 {
		return true
	}
	before := strings.Fields(l[max(0, h.i-12):h.i])
	if len(before) > 0 && slices.Contains([]string{"the", "a", "an", "its", "our", "my", "your", "their", "this", "that", "file", "remote", "web"}, before[len(before)-1]) {
		return false
	}
	rest := l[h.j:]
	for len(rest) > 0 && wordBytes[rest[0]] {
		rest = rest[1:] // "boot|ing"
	}
	next := strings.Fields(rest[:min(len(rest), 20)])
	return len(next) == 0 || !slices.Contains(nounAfter, strings.Trim(next[0], ".,;:!\"'"))
}

// incapOf: an incapacity governs a service verb: before it in the
// languages that put it there ("can't print", "impossible d'accéder",
// 无法访问), after it in Japanese and Korean (アクセスできません, 접속할
// 수 없습니다); "without access" is not read with a "nobody".
func incapOf(l string, hs []phraseHit) bool {
	for _, in := range hs {
		if in.kind != cIncap {
			continue
		}
		for _, sv := range hs {
			if sv.kind != cService || !verbUse(l, sv) {
				continue
			}
			if ownChoice(l, in) {
				continue // "we no longer use it": the writer's choice
			}
			jaKo := containsAny(l[in.i:in.j], []string{"でき", "出来", "不可", "수 없", "안 ", "안되", "못", "불가"})
			if jaKo && sv.j <= in.i || !jaKo && in.j <= sv.i {
				return true
			}
		}
	}
	return false
}

// ownChoice: a "no longer" right after the writer ("we no longer use
// it", "wir nutzen es nicht mehr"): a choice, not an incapacity.
func ownChoice(l string, in phraseHit) bool {
	if !hasAnyPrefix(l[in.i:in.j], []string{"no longer", "nicht mehr", "niet meer", "ya no", "non più", "já não", "już nie", "inte längre", "ikke længere"}) {
		return false
	}
	w := strings.Fields(l[max(0, in.i-30):in.i])
	return len(w) > 0 && slices.Contains([]string{"we", "i", "wir", "ich", "nous", "je", "nosotros", "noi", "wij", "we've", "nós", "my", "vi", "jeg", "biz"}, w[len(w)-1]) ||
		len(w) > 1 && slices.Contains([]string{"we", "i", "wir", "ich", "wij", "vi"}, w[len(w)-2]) && slices.Contains([]string{"nutzen", "brauchen", "gebruiken", "use", "need", "använder", "bruger"}, w[len(w)-1])
}

// nobodyOf: a negative universal subject before a service verb or a
// standstill ("nobody can print", "ingen kan jobba"), not one with a
// "without" ("ninguém ficou sem acesso": everybody has access).
func nobodyOf(l string, hs []phraseHit) bool {
	for _, in := range hs {
		if in.kind == cIncap && hasAnyPrefix(l[in.i:in.j], []string{"sem ", "sin ", "sans ", "senza ", "ohne ", "bez ", "without", "no access", "kein", "geen ", "brak ", "ingen "}) {
			return false
		}
	}
	for _, n := range hs {
		if n.kind != cNobody {
			continue
		}
		for _, sv := range hs {
			if (sv.kind == cService && verbUse(l, sv) || sv.kind == cStandstill) && (n.j <= sv.i || l[sv.i] >= 0x80) {
				return true
			}
		}
	}
	return false
}

// comparative: the clause's only incapacity is "no longer than" (a
// length, not a loss).
func comparative(l string, hs []phraseHit) bool {
	than := false
	for _, h := range hs {
		if h.kind == cIncap {
			if !strings.HasPrefix(l[h.j:], " than") {
				return false
			}
			than = true
		}
	}
	return than
}

// coreDenied: a core verb ("respond", "boot", "svarar") denied: "does not
// respond", "svarar inte", "起動しません"; not "does not start the backup".
func coreDenied(l string, c span, h phraseHit) bool {
	after := strings.Fields(l[h.j:c.j])
	if l[h.i] >= 0x80 {
		// Japanese and Korean deny after the verb (起動しません, 응답하지
		// 않), Chinese before it (不启动, 没有响应)
		return containsAny(l[h.j:min(c.j, h.j+15)], []string{"ない", "ません", "않", "안 ", "못", "없"}) || containsAny(l[max(c.i, h.i-9):h.i], []string{"不", "没", "沒", "无", "無", "안 ", "못 "})
	}
	if h.j < len(l) && wordBytes[l[h.j]] && hasAnyPrefix(l[h.j:], []string{"able", "ible", "at om", "et neu"}) {
		return false // "no bootable device", "inte startat om" (restarted)
	}
	if len(after) > 0 && slices.Contains([]string{"the", "a", "an", "any", "my", "our", "its", "properly", "correctly", "right", "well", "reliably", "om", "neu", "opnieuw", "again"}, after[0]) {
		return false
	}
	// the denial right before the verb, or an auxiliary between them
	// ("does not respond", "is not reachable"); not "never finish booting"
	before := strings.Fields(l[c.i:h.i])
	if len(before) > 0 {
		last := strings.Trim(before[len(before)-1], ".,;:!")
		near := strings.Join(before[max(0, len(before)-3):], " ")
		if (negated.MatchString(last) || slices.Contains(denials, last) || slices.Contains(auxiliaries, last)) &&
			(negated.MatchString(near) || containsAny(" "+near+" ", []string{" geen ", " ne ", " n'", " no ", " non ", " nie ", " inte ", " ikke "})) {
			return true
		}
	}
	for _, w := range after[:min(2, len(after))] {
		if slices.Contains([]string{"not", "nicht", "inte", "niet", "ikke", "pas", "plus", "mehr", "değil", "más", "più", "meer"}, strings.Trim(w, ".,;:!")) {
			return true
		}
	}
	return false
}

// deniedIn: the clause's phrase of kind k is denied or over ("no
// scratches", "the noise has stopped").
func deniedIn(l string, c span, hs []phraseHit, k phraseKinds) bool {
	denied := false
	for _, h := range hs {
		if h.kind != k {
			continue
		}
		near := lastWords(l[c.i:h.i], 2)
		if (k&(cIncap|cEveryone|cDown|cStandstill) != 0 && notNow(l, h.i, h.j)) || symptomEnded(l[h.j:min(len(l), h.j+40)]) || containsAny(" "+near+" ", []string{" no ", " not ", " never ", " geen ", " kein", " keine ", " aucun", " sans ", " ningún ", " sin ", " nessun", " senza ", " sem ", " bez ", " inga ", " ingen ", " yok "}) {
			denied = true
			continue
		}
		return false
	}
	return denied
}

// interruptsIn: the clause says the unit interrupts its service by itself,
// not the writer's restart ("we restarted it twice") nor an alarm's.
func interruptsIn(l string, c span, hs []phraseHit, k phraseKinds) bool {
	if k&cInterrupt == 0 {
		return false
	}
	if separableInterrupt(l[c.i:c.j]) != 0 && !ownDoing(l[c.i:c.j]) {
		return true
	}
	for _, h := range hs {
		if h.kind != cInterrupt || notNow(l, h.i, h.j) || ownDoing(l[c.i:h.i]) || hasAnyPrefix(l[h.j:], afterOwnRestart) {
			continue
		}
		return true
	}
	return false
}

func ownDoing(before string) bool {
	for _, w := range strings.Fields(lastWords(before, 3)) {
		if slices.Contains(firstPerson, strings.Trim(w, ".,;:!()")) {
			return true
		}
	}
	return containsAny(before, []string{"私が", "私は", "저희가", "제가"})
}

// separableInterrupt finds a separable interruption verb in the clause c.
func separableInterrupt(c string) phraseKinds {
	if !separableSet.in(c) {
		return 0
	}
	for _, p := range separablePairs {
		i := strings.Index(c, p[0])
		if i < 0 || i > 0 && wordBytes[c[i-1]] {
			continue
		}
		for _, w := range strings.Fields(c[i+len(p[0]):]) {
			w = strings.Trim(w, ".,;:!")
			if w == p[1] {
				return cInterrupt
			}
			if slices.Contains([]string{"nicht", "niet", "inte", "nie", "nooit", "niemals", "nie", "kein", "keine", "geen", "aldrig"}, w) {
				break // "stürzt nicht mehr ab", "valt niet meer uit"
			}
		}
	}
	return 0
}

// servesIn: the sentence says the unit serves, the phrase not denied
// ("no longer works normally").
func servesIn(l string, s span, hs []phraseHit, kind phraseKinds) bool {
	for _, h := range hs {
		if h.kind != kind {
			continue
		}
		near := lastWords(l[s.i:h.i], 2)
		if negated.MatchString(near) || strings.Contains(near, "longer") {
			continue
		}
		return true
	}
	return false
}

// turkishOutage reads a Turkish service verb with its "cannot" or "not"
// suffix in one word ("erişemiyoruz", "bağlanamıyor", "açılmıyor").
func turkishOutage(c string) phraseKinds {
	if !strings.Contains(c, "yor") && !strings.Contains(c, "ama") && !strings.Contains(c, "eme") {
		return 0
	}
	for _, st := range turkishStems {
		for off := 0; ; {
			i := strings.Index(c[off:], st)
			if i < 0 {
				break
			}
			i += off
			off = i + len(st)
			if i > 0 && wordBytes[c[i-1]] {
				continue
			}
			end := off
			for end < len(c) && wordBytes[c[end]] {
				end++
			}
			if containsAny(c[off:end], turkishIncap) {
				return cIncap | cService
			}
		}
	}
	return 0
}

// worksBut: the sentence says the unit works, then what does not ("the
// NAS works, but ...", "läuft, aber ...", "fonctionne, mais ...").
func worksBut(l string, s span, hs []phraseHit) bool {
	for _, h := range hs {
		if h.kind != cWorks {
			continue
		}
		after := l[h.j:min(s.j, h.j+12)]
		near := lastWords(l[s.i:h.i], 2)
		if hasAnyPrefix(after, []string{", but", ", aber", ", mais", ", pero", ", ma ", ", maar", ", mas ", ", ale", ", men", " but ", " aber "}) && !negated.MatchString(near) && !containsAny(l[s.i:h.i], conNotUnitPlain) {
			return true
		}
	}
	return false
}

// lockedOutIn: an incapacity that holds its service ("locked out").
func lockedOutIn(l string, hs []phraseHit) bool {
	for _, h := range hs {
		if h.kind == cIncap && hasAnyPrefix(l[h.i:h.j], lockedOut) {
			return true
		}
	}
	return false
}
