package parser

import (
	"strings"
	"unicode"
)

// A table's status cell is read as a short description of its unit: a
// unit counts as working ("fine", "OK", "Ersatz, funktioniert",
// "reemplazo, funciona bien", "no fault found") only when the cell says
// it works now and tells of no fault at all. A cell that tells of any
// fault ("works intermittently", "works, but the fan is loud", "fine
// until yesterday", "no longer works", "works only with old firmware") is
// a failed unit: dropping a failed unit costs a needless question,
// keeping a working one a replacement shipped for nothing.

// cellWorkWords say a unit works, as single words of the languages the
// desk receives.
var cellWorkWords = []string{"works", "working", "fine", "healthy", "ok", "okay", "good", "funktioniert", "läuft", "fonctionne", "marche",
	"funciona", "funziona", "werkt", "działa", "fungerar", "virker", "fungerer", "toimii", "çalışıyor", "funguje", "работает"}

// cellAllClear are whole phrases that say a unit was found without a
// fault; they hold fault words ("fault", "problem") that are denied.
var cellAllClear = []string{"no fault found", "no faults found", "no fault", "nff", "no issue", "no issues", "no problem", "no problems", "no error", "no errors",
	"kein fehler", "keine fehler", "keine probleme", "kein problem", "in ordnung", "aucun défaut", "aucun problème", "sans problème", "sin fallos", "sin problemas", "sin fallo",
	"nessun problema", "nessun guasto", "geen fouten", "geen problemen", "sem problemas", "sem falhas", "bez problemów", "inga problem", "inga fel"}

// cellFaultWords, as single words, tell of a fault, a denial or a limit
// of the working state: a contrast ("works, but ..."), a time it ended
// ("until yesterday", "before the update", "worked"), a condition
// ("only with old firmware"), a denial ("funktioniert nicht").
var cellFaultWords = []string{
	"but", "aber", "mais", "pero", "ma", "maar", "men", "ale", "mas", "however", "jedoch", "cependant", "però",
	"until", "till", "before", "worked", "was", "used", "anymore", "bis", "vorher", "jusqu", "avant", "hasta", "antes", "fino", "prima", "tot", "voorheen", "przed",
	"funktionierte", "fonctionnait", "marchait", "funcionaba", "funzionava", "werkte", "działał", "fungerade",
	"only", "nur", "seulement", "solo", "sólo", "alleen", "tylko", "bara", "kun", "sadece",
	"not", "nicht", "ne", "pas", "no", "non", "niet", "nie", "inte", "ikke", "kein", "keine", "never",
	"isn", "aren", "doesn", "don", "didn", "wasn", "weren", "won", "can", "cannot", // "isn't fine", "can't say it works"
	"sometimes", "manchmal", "parfois", "veces", "volte", "soms", "czasem", "intermittent", "intermittently", "sporadic", "sporadisch",
	"again", "wieder", "loud", "hot", "noisy", "slow", "laut", "langsam", "bruyant", "lent", "lento", "ruidoso", "rumoroso",
}

// cellWorkStems find, in one pass, whether a text may say a unit works
// (the stems of cellWorkWords and cellAllClear): most texts do not, and
// the word reading is skipped.
var cellWorkStems = newPhraseSet([]string{"work", "fine", "ok", "healthy", "good", "funktion", "läuft", "fonction", "marche", "funcion", "funzion", "werkt", "dzia",
	"fungera", "virker", "fungerer", "toimii", "çalış", "funguje", "работ", "no fault", "nff", "no issue", "no problem", "no error", "kein", "in ordnung", "aucun",
	"sans prob", "sin ", "nessun", "geen", "sem ", "bez ", "inga "})

// fineCell: a row's note cell says its unit works now and tells of no
// fault: a unit listed for the record beside the failed ones, like a
// healthy table's.
func fineCell(v string) bool {
	low := lowerKeep(v)
	if !cellWorkStems.in(low) || asksQuestion(low) {
		// a question ("works fine? please check", "Is S/N X fine to keep
		// using?") asks, it does not say the unit works
		return false
	}
	clear := false
	for _, p := range cellAllClear {
		if i := strings.Index(low, p); i >= 0 && wordAt(low, i, i+len(p)) {
			clear = true
			low = low[:i] + " " + low[i+len(p):]
		}
	}
	works := clear
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch {
		case containsWord(cellFaultWords, w):
			return false
		case containsWord(cellWorkWords, w):
			works = true
		}
	}
	if !works || containsAny(low, []string{"fail", "dead", "error", "doa", "broken", "no post", "down", "crash", "reboot", "faulty", "defect", "beep", "degraded"}) {
		return false
	}
	// the severity reading knows symptoms, intermittence and outages in
	// the other languages; any fault it finds is the unit's
	return severityFromWords(v) == "" && severityPhrases.kinds(low)&^kStillServes == 0
}

// wordAt: l[i:j] is framed by non-letters.
func wordAt(l string, i, j int) bool {
	return (i == 0 || !isWordByte(l[i-1])) && (j == len(l) || !isWordByte(l[j]))
}

func containsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// asksQuestion: s holds a question mark that ends a clause (not a URL's
// "view?sn=").
func asksQuestion(s string) bool {
	if strings.ContainsAny(s, "¿？") {
		return true
	}
	for i := strings.IndexByte(s, '?'); i >= 0; {
		if i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == ')' || s[i+1] == '"' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '?')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}
