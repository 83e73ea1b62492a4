package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// shipRequest is a request, in a sentence, to ship the goods to an
// address: "please send it to our lab at 17 Example Lane, Brighton BN1
// 1AA", "kindly deliver the replacement to Unit 4, ...", or a "Ship to:"
// label that starts a sentence. Only "please/kindly <verb> <the goods>"
// counts: "you could send it to", "please don't send it to", "please send
// the invoice to", "please send the defective unit to (your centre)" and
// "his lab at" name addresses the replacement must not go to.
var (
	shipRequest        = regexp.MustCompile(`(?i)(?:` + shipRequestEnDe + `)` + shipAddress)
	shipRequestRomance = regexp.MustCompile(`(?i)(?:` + shipRequestEnDe + `|` + shipRequestRomanceText + `)` + shipAddress)
)

// shipAddress is the address a request gives.
const shipAddress = `([0-9\p{Lu}][^;!?\n]{5,200})`

// shipRequestEnDe is the English and German request.
const shipRequestEnDe = `(?:^|[.!]\s+)(?:please\s+)?ship to:\s*|` +
	`(?:^|[.!,;]\s+)(?:pls\s+|plz\s+)?(?:ship|send)\s+(?:it\s+|them\s+)?to\s+(?:(?:our|my)\s+[\p{L}' -]{1,30}?\s+)?(?:at\s+)?|` +
	`\b(?:please|kindly|pls|plz|(?:could|can|would|will)\s+you|(?:would|will)\s+it\s+be\s+possible\s+to|is\s+it\s+possible\s+to)\s+(?:send|ship|deliver|post|courier|return)\s+` + shipObject + `\s+(?:directly\s+|straight\s+|back\s+|now\s+|today\s+|asap\s+)?to\s+` +
	`(?:(?:us|me)\s+at\s+|(?:our|my)\s+(?:new\s+)?address(?:\s+is)?[:,]?\s*|(?:our|my|the)\s+[\p{L}' -]{1,30}?\s+(?:at|in)\s+)?|` +
	// "Bitte senden Sie das Ersatznetzteil an unser Rechenzentrum in
	// Zürich-Altstetten, Beispielstrasse 7, 8048 Zürich": the place's name
	// and district are not the address
	`\bbitte\s+(?:senden|schicken|liefern)\s+sie\s+(?:das|die|den)\s+[\p{L}-]+\s+an\s+(?:(?:unser|unsere|unseren|unserer)\s+[\p{L}-]+(?:\s+in\s+[\p{L}-]+)?,\s*)?`

// shipRequestRomanceText: "¿Podrían enviar el equipo de reemplazo a
// nuestra oficina en Calle Mayor 10, ...?", "Merci d'envoyer le remplaçant
// à notre bureau au 12 rue ...", "Potete spedire il ricambio al nostro
// magazzino in Via Roma 1, ...": the Romance requests, the goods and the
// place. Its regexp runs only on lines with one of romanceShipWords (a
// larger program costs every line it runs on).
const shipRequestRomanceText = romanceShipVerb + `\s+` + romanceGoods + `\s+(?:a|à|al|au|para|ao|à|alla|allo)\s+` +
	`(?:(?:nuestra|nuestro|notre|nostro|nostra|nossa|nosso|mi|mon|ma|il\s+nostro|la\s+nostra|o\s+nosso|a\s+nossa)\s+[\p{L}' -]{1,30}?\s+(?:en|à|au|a|in|em|na|no)\s+)?`

// romanceShipWords: one of them is in every Romance request.
var romanceShipWords = []string{"enviar", "envíen", "envien", "manden", "mandar", "enviem", "envoyer", "envoyez", "expédier", "livrer", "spedire", "spedite", "inviare", "inviate", "mandare"}

// romanceShipVerb asks, in Spanish, Portuguese, French or Italian, to
// send: the polite question ("¿Podrían enviar", "Pourriez-vous envoyer",
// "Potete spedire"), "please" ("Por favor envíen", "Merci d'envoyer",
// "Vi prego di spedire") or the imperative ("Envíen", "Envoyez").
const romanceShipVerb = `(?:\b(?:por\s+favor,?\s+)?(?:podr[ií]an|pueden|poderiam|podem)\s+(?:enviar|mandar)(?:nos)?|\b(?:por\s+favor,?\s+)?(?:env[ií]en|manden|enviem)(?:nos)?|` +
	`\bmerci\s+d'(?:envoyer|expédier|livrer)|\bmerci\s+de\s+(?:nous\s+)?(?:envoyer|expédier|livrer)|\b(?:veuillez|pourriez-vous|pouvez-vous)\s+(?:nous\s+)?(?:envoyer|expédier|livrer)|\benvoyez|` +
	`\b(?:potete|potreste|vi\s+prego\s+di|si\s+prega\s+di|per\s+favore)\s+(?:spedire|inviare|mandare)|\bspedite|\binviate)`

// romanceGoods is the replacement, in those languages.
const romanceGoods = `(?:(?:el|la|los|las|le|les|l'|il|lo|o|a|os|as)\s*(?:equipo|reemplazo|repuesto|unidad|sustituto|dispositivo|remplacement|remplaçant|appareil|équipement|ricambio|sostituto|apparecchio|unità|substituição|substituto|equipamento|aparelho)` +
	`(?:\s+(?:de|di)\s+(?:reemplazo|repuesto|remplacement|substituição|ricambio|sostituzione))?)`

// shipObject is what the desk sends: the replacement or the repaired unit,
// one or several ("the replacement parts", "the new drives").
// Two of them may be named together ("the replacement or repaired unit",
// "the new unit and the cables").
const shipObject = `(?:` + shipGoods + `)(?:\s+(?:or|and|&)\s+(?:the\s+)?(?:(?:new|replacement|repaired|fixed)\s+)?(?:replacement|unit|device|one|drive|disk|part|goods|board|psu|controller|module|radio|server|nas|system|cables?|rails|accessories)(?:\s+unit)?)?`

const shipGoods = `it|them|the\s+(?:new\s+|replacement\s+|repaired\s+|advance\s+)?(?:replacement|unit|device|one|drive|disk|part|goods|swap|board|psu|controller|module|radio|server|nas|system)s?(?:\s+unit)?|(?:a|any)\s+(?:new\s+)?replacement(?:\s+unit)?|(?:the\s+)?(?:new|replacement|repaired)\s+(?:unit|one|device|drive)`

// shipWords keep the regexp off lines that cannot match.
var (
	shipWordsEnDe = []string{"please", "kindly", "pls", "plz", "ship to", "ship it to", "send it to", "send to", "bitte", "could you", "can you", "would you", "will you", "possible to"}
	// shipWords hold the Romance verbs too; a body without them is tried
	// line by line with shipWordsEnDe alone
	shipWords = append(append([]string{}, shipWordsEnDe...), romanceShipWords...)
)

// requestVerbs: every shipRequest match holds one of them.
var requestVerbs = []string{"ship", "send", "deliver", "post", "courier", "return", "senden", "schicken", "liefern",
	"envi", "envoy", "mand", "expédi", "livr", "sped", "invia"}

// proseShipTo is the address of the first affirmative shipping request in
// lines (those a label used are skipped): the address alone, ended at the
// sentence's end or at what is no longer the address ("instead of ...",
// "; deliveries Mon-Fri"). "" when none reads as an address, and for a
// request the sender reports or asks about rather than makes ("the old
// form said: please ship to ...", "why does your portal say please send
// it to ...?").
func proseShipTo(lines, low []string, used []bool) string {
	return proseShipToIn(lines, low, used, romanceVerbs.kinds(strings.Join(low, "\n")) != 0)
}

// romanceVerbs finds romanceShipWords in one pass over a text (a
// strings.Contains per word scanned the whole body fifteen times).
var romanceVerbs = newPhraseIndex(romanceShipWords)

// proseShipToIn is proseShipTo where the caller knows whether the text
// holds a Romance request verb (romance).
func proseShipToIn(lines, low []string, used []bool, romance bool) string {
	words := shipWordsEnDe
	if romance {
		words = shipWords
	}
	for i, l := range lines {
		if used != nil && used[i] || !containsAny(low[i], words) {
			continue
		}
		if used == nil || i+1 < len(lines) && !used[i+1] {
			// "... to our new data room" / "at 40 Example Quay, Dublin"
			l = withWrapped(lines, i, ".!?:")
		}
		ll := strings.ToLower(l)
		if !containsAny(ll, requestVerbs) {
			continue // "please" alone is most mail's
		}
		re := shipRequest
		if containsAny(ll, romanceShipWords) {
			re = shipRequestRomance
		}
		for off, n := 0, 0; off < len(l) && n < 4; n++ {
			mm := re.FindStringSubmatchIndex(l[off:])
			if mm == nil {
				break
			}
			for k := range mm {
				if mm[k] >= 0 {
					mm[k] += off
				}
			}
			off = mm[1]
			before := l[sentenceBegins(l[:mm[0]]):mm[0]]
			clause := l[clauseStart(l[:mm[0]]):mm[0]]
			if negated.MatchString(before) || conditionWord.MatchString(strings.ToLower(clause)) ||
				negated.MatchString(l[mm[0]:mm[2]]) || reported(before) || asked(l[mm[2]:]) && !politeAsk(before) && !politeVerb(l[mm[0]:mm[2]]) ||
				containsAny(strings.ToLower(l[mm[0]:mm[2]]), notGoodsWords) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(l[mm[2]:])
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
				continue // "to arrive on 20 March": no address starts so
			}
			if !unicode.IsDigit(r) && !containsAny(strings.ToLower(l[mm[0]:mm[2]]), []string{"please", "kindly", "ship to:", "pls", "plz", "bitte", " you ", "possible to",
				"podr", "pueden", "poderiam", "podem", "favor", "env", "mand", "merci", "veuillez", "pourriez", "pouvez", "potete", "potreste", "prego", "prega", "sped", "invia"}) {
				continue // a bare "ship to our X": only a street number starts the address
			}
			a := addressOf(l[mm[2]:mm[3]])
			if a == "" {
				continue
			}
			tail := strings.ToLower(l[mm[2]+len(a):])
			if k := sentenceEnd(tail); k >= 0 {
				tail = tail[:k]
			}
			if containsAny(tail, withdrawnWords) {
				// "ship to 5 Old Road - sorry, wrong one, ship to ...": look
				// on past the address taken back; "- no wait, that's the
				// old office: <address>" gives the right one after a colon
				rest := l[mm[2]+len(a):]
				if c := strings.LastIndex(rest, ": "); c >= 0 && !shipRequest.MatchString(rest) {
					if b := addressOf(rest[c+2:]); b != "" {
						return b
					}
				}
				off = mm[2] + len(a)
				continue
			}
			if containsAny(tail, notYetWords) {
				continue // "... only after we confirm the PO, not now"
			}
			return a
		}
	}
	return ""
}

// withWrapped is line i, joined with the next line when its sentence does
// not end there (it does not end in one of ends): mail clients wrap at 72
// columns, wherever the sentence is.
func withWrapped(lines []string, i int, ends string) string {
	l := lines[i]
	t := strings.TrimSpace(l)
	if i+1 >= len(lines) || t == "" || strings.ContainsAny(t[len(t)-1:], ends) {
		return l
	}
	return l + " " + strings.TrimSpace(lines[i+1])
}

// sentenceBegins is where the sentence that s ends starts.
func sentenceBegins(s string) int {
	start := 0
	for _, sep := range []string{". ", "! ", "? ", "。"} {
		if i := strings.LastIndex(s, sep); i >= 0 && i+len(sep) > start {
			start = i + len(sep)
		}
	}
	return start
}

// reported says the words before a request make it someone else's: it is
// quoted, or something said, showed or asked it.
func reported(before string) bool {
	// an opening quote (an apostrophe inside a word is none)
	if strings.ContainsAny(before, "\"“”‘«»「") || strings.HasPrefix(before, "'") || strings.Contains(before, " '") {
		return true
	}
	low := strings.ToLower(before)
	return containsAny(low, []string{"said", "says", "say ", "shows", "showed", "stated", "states", "wrote", "writes", "asked", "told",
		"form", "portal", "confirmation", "template", "why", "would have", "used to", "last time", "previous"})
}

// asked says the sentence a request starts is a question (it ends in "?").
// politeAsk: the words before a request make it a polite question, which
// asks for the shipment ("Could you please send the replacement to ...?").
func politeAsk(before string) bool {
	b := strings.ToLower(strings.TrimSpace(before))
	for _, p := range []string{"could you", "can you", "would you", "will you", "could we ask you to"} {
		if b == p || strings.HasSuffix(b, " "+p) {
			return true
		}
	}
	return false
}

// politeVerb: a request that is itself the polite question ("¿Podrían
// enviar ...?", "Pourriez-vous envoyer ...?", "Could you send the
// replacement to ...?").
func politeVerb(req string) bool {
	return containsAny(strings.ToLower(req), []string{"podrían", "podrian", "pueden", "poderiam", "podem", "pourriez-vous", "pouvez-vous", "potete", "potreste",
		"could you", "can you", "would you", "will you", "be possible to", "is it possible to"})
}

func asked(rest string) bool {
	end := len(rest)
	for _, sep := range []string{". ", "! ", "\n"} {
		if i := strings.Index(rest, sep); i >= 0 && i < end {
			end = i
		}
	}
	return strings.Contains(rest[:end], "?")
}

// addressOf cuts the address off the rest of its sentence and checks that
// it reads as one: a number, a comma between its parts, not a question.
func addressOf(s string) string {
	low := strings.ToLower(s)
	end := len(s)
	for _, stop := range addressStops {
		if i := strings.Index(low, stop); i >= 0 && i < end {
			end = i
		}
	}
	// a sentence ends at ". " (not inside "St. John's" with a capital
	// after it: an address goes on with a number or a capital, too; the
	// request is over when a new sentence starts with a common word)
	for off := 0; off < end; {
		i := strings.Index(s[off:end], ". ")
		if i < 0 {
			break
		}
		i += off
		// (a lower-case word after the full stop starts a sentence in a
		// hurried mail: "..., Hong Kong. call me on ...")
		if next := strings.Fields(s[i+2:]); len(next) > 0 && (sentenceStart[strings.ToLower(next[0])] || next[0][0] >= 'a' && next[0][0] <= 'z') || i > 0 && isDigit(s[i-1]) || i > 1 && s[i-1] >= 'A' && s[i-1] <= 'Z' && s[i-2] >= 'A' && s[i-2] <= 'Z' {
			end = i
			break
		}
		off = i + 2
	}
	a := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[:end]), ".,"))
	if first, _, _ := strings.Cut(strings.ToLower(a), " "); notOurs[first] {
		return "" // "to his lab at ...", "to your warehouse at ..."
	}
	if len(a) < 8 || len(a) > 150 || !hasDigit(a) || !strings.Contains(a, ",") || strings.ContainsAny(a, "@?") || negated.MatchString(a) {
		return ""
	}
	return a
}

// withdrawnWords after an address take it back; notYetWords make the
// request one for later, on a condition.
var (
	withdrawnWords = []string{"no wait", "wait,", "sorry", "wrong one", "wrong address", "correction", "i mean", "scratch that", "ignore that", "my mistake", "typo"}
	notYetWords    = []string{"not now", "not yet", "not before", "after we", "once we", "once the po", "erst wenn", "dopo che", "only after", "only once", "only when", "only if", "nur wenn", "erst nach", "seulement après", "solo dopo"}
)

// notOurs start a place that is someone else's.
var notOurs = map[string]bool{"his": true, "her": true, "their": true, "your": true, "its": true, "him": true, "them": true, "a": true, "an": true}

// addressStops end an address written in a sentence.
var addressStops = []string{", no need", ", no rush", " and bill to", " and invoice to", " and the invoice to", " only ", " sorry", " instead of ", " rather than ", "; ", " - ", " – ", ", deliveries", " and let ", " and please", " and send",
	" by dhl", " by ups", " by fedex", " by tnt", " by courier", " by post", " via ", " with ", " using ", "'", "\"", " directly", " on or before", " until ", ", delivery", ", someone", ", which",
	", where", ", as ", ", thanks", ", thank you", ", please", ", but ", " and not ", ", not ", " asap", " as soon as", " by friday",
	// who takes it in, after the address: "..., Hong Kong, attention of the IT room"
	", attention of ", ", for the attention of ",
	" before ", " for testing", " thanks", " if ", " unless ", " once ", " when ",
	// a second request joined to the first ("... CA 94607 and have the
	// technician ask for me at the front desk")
	" and have ", " and then ", " and also ", " and afterwards ", " and later ", " and after that ", " and ask ", " and call ", " and tell ", " and contact ", " and notify ", " and mark ", " and include ", " and put ", " and make sure ", " and get "}

// shipSentence is a short request to send something somewhere: ending in
// "to" ("Please ship the replacement unit to:") or naming the address that
// follows ("Bitte das Austauschgerät an diese Adresse schicken:", "Merci
// d'envoyer le remplacement à l'adresse suivante :"): the label of the
// address under it.
func shipSentence(label string) bool {
	label = strings.TrimSpace(label)
	// (a reason before ", please ..." may be long: "Our reseller is at 5
	// Depot Road, Reno, NV 89502, please ship the replacement to us
	// directly:"; the request after it is held to the short length below)
	long := len(label) > 120 || strings.Count(label, " ") > 14
	if len(label) < 8 || long && (len(label) > 160 || !strings.Contains(strings.ToLower(label), ", please ")) {
		return false
	}
	// cheap tests first: most lines with a colon are no such request
	tail := label[len(label)-3:]
	// "Bitte schicken Sie das Ersatzgerät an:", "Merci d'envoyer ... à :",
	// "Por favor, envíen ... a:", "Graag ... sturen naar:"
	endsTo := strings.EqualFold(tail, " to") || tail == " an" || tail == " à" || strings.HasSuffix(label, " a") || strings.HasSuffix(label, " naar") ||
		strings.HasSuffix(label, " para") || toPlace(label) || toUs(label)
	contrast := false
	if !endsTo && !containsAny(label, addressStems) {
		// "Please ship the replacement to our data center, not the main
		// campus:": the place is named, the other one refused after it
		if contrast = contrastedPlace(label); !contrast {
			return false
		}
	}
	low := strings.ToLower(label)
	for _, p := range []string{"yes, ", "yes ", "ok, ", "okay, ", "ja, ", "oui, ", "sí, "} {
		low = strings.TrimPrefix(low, p)
	}
	if i := firstIndexAny(low, []string{", please ", ", kindly ", ", bitte ", ", could you ", ", can you ", ", would you "}); i > 0 && conditionWord.MatchString(low[:i]) {
		// "If it has to go back, please return it to:": the condition is
		// the return itself, the request after it stands
		low = low[i+2:]
	}
	if i := firstIndexAny(low, []string{", please ", ", kindly ", ". please ", ". kindly "}); i > 0 && !containsAny(low[:i], shipVerbs) {
		// "We are a small office in a remote area, please ship the
		// replacement to our mailing address:" (or only "area, please
		// ..." where the sentence wrapped): the request is the clause
		// after the reason
		low = low[i+2:]
	}
	if i := strings.LastIndex(low, ", so "); i > 0 && endsTo {
		// "we moved last month, so any replacement should go to:": the
		// request is the clause after the reason
		low = low[i+5:]
	}
	if !endsTo && !contrast && !containsAny(low, addressWords) {
		return false
	}
	request := low
	if contrast {
		request = low[:strings.Index(low, " to ")]
	} else if i := firstIndexAny(low, []string{", not ", " instead of ", " rather than "}); i > 0 && containsAny(low[:i], addressWords) {
		// "Please send the replacement to this address, not to the old
		// one:": the request names the block before refusing another
		request = low[:i]
	}
	// an affirmative request only: "Never ship the replacement unit to:"
	// names the one address the goods must not go to
	if len(strings.Fields(low)) > 14 || !containsAny(request, shipVerbs) || negated.MatchString(request) || conditionWord.MatchString(low) ||
		containsAny(low, notGoodsWords) && !goodsAmongObjects(low) || returnsDefective(low) || pastAddress.MatchString(request) || reported(low) {
		return false
	}
	if endsTo && containsAny(low, contrastWords) {
		// "... to our warehouse rather than to:": the block under it is
		// the place refused
		return false
	}
	if endsTo || contrast {
		for _, p := range []string{"could you please", "can you please", "would you please"} {
			low = strings.TrimPrefix(low, p)
		}
		low = strings.TrimSpace(low)
		for _, p := range []string{"please", "kindly", "ship", "send", "deliver", "return", "bitte", "merci", "veuillez", "por favor", "favor",
			"vi prego", "si prega", "per favore", "graag", "gelieve", "the replacement", "replacement", "the new unit", "any replacement",
			// polite questions: "Could you send ... to:", "Poderiam enviar ... para:"
			"could you", "can you", "would you", "poderiam", "podem ", "pourriez-vous", "pouvez-vous", "podrían", "podrian", "¿podrían", "pueden",
			"potete", "potreste", "kunnen jullie", "kunt u", "könnten sie", "können sie"} {
			if strings.HasPrefix(low, p) {
				return true
			}
		}
		return false
	}
	return true
}

// contrastWords set the place a request names against another.
var contrastWords = []string{" rather than", " instead", ", not ", " not to", "anstatt", " statt", "anstelle", "plutôt que", "au lieu de",
	"en lugar de", "en vez de", "invece di", "anziché"}

// contrastedPlace: "... to <place>, not <other>" / "... to <place> instead
// of <other>" (the request is before " to ", the refusal after it, and the
// block under the label is the place). When the other place is left
// unnamed or is "the old address", the block is the refused one.
func contrastedPlace(label string) bool {
	i := strings.Index(label, " to ")
	if i < 0 {
		return false
	}
	after := strings.ToLower(label[i:]) + " "
	if containsAny(after, addressWords) {
		return true // "... to this address, not to the old one:": the block is "this address"
	}
	for _, m := range []string{", not ", " instead of ", " rather than "} {
		j := strings.Index(after, m)
		if j < 0 {
			continue
		}
		var other []string
		for _, w := range strings.Fields(after[j+len(m):]) {
			if w != "to" && w != "the" && w != "our" && w != "my" {
				other = append(other, w)
			}
		}
		if len(other) == 0 || pastAddress.MatchString(strings.Join(other, " ")) {
			return false
		}
		switch other[len(other)-1] {
		case "address", "one", "below", "following", "this", "these", "here":
			return false
		}
		return true
	}
	return false
}

// notGoodsWords are what else a sentence asks to send somewhere: the
// invoice's address is the bill-to's business, never the ship-to.
var notGoodsWords = []string{"invoice", "bill", "rechnung", "factur", "fattur", "payment", "accounts", "statement", "documents", "paperwork",
	"papers", "receipt", "quote", "tracking", "records", "buchhaltung", "comptab", "contabil", "amministraz", "correspondence", "letters", "unterlagen", "dokumente", "papiere"}

// toPlace: a request label that ends naming the place the block under it
// is ("Please send the repaired unit to the school:", "... to our
// warehouse"): "to", then the/our/my and at most three words.
func toPlace(label string) bool {
	i := strings.LastIndex(label, " to ")
	if i < 0 {
		return false
	}
	if containsAny(strings.ToLower(label), contrastWords) {
		return false // "... to this address, not to the old one:"
	}
	w := strings.Fields(strings.ToLower(label[i+4:]))
	return len(w) >= 2 && len(w) <= 4 && (w[0] == "the" || w[0] == "our" || w[0] == "my") && !strings.ContainsAny(label[i:], "0123456789,")
}

// goodsAmongObjects: a request sends several things, one of them the
// goods ("send all correspondence and the repaired unit to"): the goods'
// conjunct holds no paper word.
func goodsAmongObjects(low string) bool {
	to := strings.LastIndex(low, " to ")
	if to < 0 {
		return false
	}
	for _, part := range strings.Split(low[:to], " and ") {
		if containsAny(part, []string{" unit", "replacement", "repaired", " device", " drive", " part"}) && !containsAny(part, notGoodsWords) {
			return true
		}
	}
	return false
}

// returnsDefective: the object sent is the defective unit, which goes to
// the vendor's depot ("Please return the defective unit within 5 days to:"
// pasted from the desk's own mail); the desk ships a replacement or a
// repaired unit ("the replacement for the defective unit" is one).
func returnsDefective(low string) bool {
	return defectiveObject.MatchString(low)
}

var defectiveObject = regexp.MustCompile(`\b(return|send|ship|deliver|schicken|senden|envoyer|enviar|spedire|inviare)\s+(the\s+|your\s+|our\s+|das\s+|le\s+|el\s+|il\s+)?` +
	`(defective|faulty|broken|failed|defekte|défectueu|difettos|defectuos)`)

// pastAddress says an address is one the goods went to before, or one
// the text calls wrong. A word lookup, not a regexp: it runs on every
// address label.
var pastAddress = pastAddressWords{}

type pastAddressWords struct{}

func (pastAddressWords) MatchString(s string) bool {
	if strings.Contains(s, "旧") {
		return true
	}
	return anyWord(lowerKeep(s), func(prev, w string) bool {
		return pastWords[w] || pastPairs[prev] == w && w != ""
	})
}

var (
	pastWords = nameSet("old", "previous", "former", "earlier", "obsolete", "outdated", "veraltet", "obsolète", "obsoleto", "closed", "wrong", "incorrect", "invalid", "alte", "alten", "bisher", "bisherige",
		"ehemalige", "vorherige", "falsch", "falsche", "ancienne", "précédente", "precedente", "erronée", "antigua", "anterior", "errónea",
		"incorrecta", "vecchio", "vecchia", "errato", "errata", "sbagliato", "sbagliata", "antiga", "antigo", "stary", "stara", "stare", "nieaktualny",
		"nieaktualna", "nieaktualne", "oude", "oud", "vorige", "gamla", "gammal", "ancien", "starý", "stará", "neplatná", "neplatný", "inválida", "inválido")
	// pastPairs: two-word phrases, by their first word
	pastPairs = map[string]string{"used": "to", "no": "longer", "nicht": "mehr", "plus": "valable", "ya": "no", "non": "più", "já": "não", "niet": "meer", "inte": "längre"}
)

// addressStems are in every addressWords phrase whatever its case.
var addressStems = []string{"dress", "nschrift", "irecci", "ndirizzo"}

// toUs: a request ends by sending the goods to the writer ("... to us",
// "... to me directly"), the block under it being where.
func toUs(label string) bool {
	low := strings.ToLower(label)
	for _, sfx := range []string{" directly", " here", " please"} {
		low = strings.TrimSuffix(low, sfx)
	}
	// (asked for: "Delivered to us: 14 Feb 2025" is a date's label)
	return (strings.HasSuffix(low, " to us") || strings.HasSuffix(low, " to me")) && containsAny(low, []string{"please ", "kindly ", " you "})
}

// addressWords name "this address" in a shipping request.
var addressWords = []string{"diese adresse", "folgende adresse", "folgende anschrift", "diese anschrift", "adresse suivante", "cette adresse", "siguiente dirección", "siguiente direccion",
	"esta dirección", "esta direccion", "seguente indirizzo", "questo indirizzo", "following address", "this address", "address below", "us, our address", "me, my address",
	"our address", "my address", "notre adresse", "mon adresse", "nuestra dirección", "nuestra direccion", "mi dirección", "unsere adresse", "unsere anschrift", "meine adresse",
	"nostro indirizzo", "mio indirizzo", "nossa morada", "nosso endereço", "ons adres", "mijn adres"}

// conditionWord makes a shipping request hypothetical ("if you ship it to
// this address, ..."), which names no ship-to.
var conditionWord = regexp.MustCompile(`\b(if|unless|should you|in case|wenn|falls|si vous|si le|si la|si el)\b`)

// lastSentenceShip: the last sentence of a label is a shipping request
// ("... não liga. Poderiam enviar a unidade de substituição para: <address>").
func lastSentenceShip(label string) bool {
	k := lastSentenceEnd(label)
	return k > 0 && shipSentence(label[k+2:])
}

// shipTail reads a line whose last sentence is a shipping request with the
// address after its colon ("... ne démarre plus. Pourriez-vous envoyer le
// remplaçant à : 12 rue de la Paix, 75002 Paris ?"): the address.
func shipTail(l string) (string, bool) {
	c := strings.IndexByte(l, ':')
	if c < 0 {
		c = strings.Index(l, "：")
	}
	if c < 0 || len(l) > 400 {
		return "", false
	}
	k, next := lastSentenceEnd(l[:c]), 2
	if j := strings.LastIndex(l[:c], "。"); j > k {
		// "…无法开机。请将替换设备寄到：<address>。": the CJK full stop
		k, next = j, len("。")
	}
	if k <= 0 {
		return "", false
	}
	label, value, ok := splitLabel(l[k+next:])
	if ok && cjkShipLabel(label) {
		return tailAddress(strings.TrimRight(strings.TrimSpace(value), "。"))
	}
	if ok && !shipSentence(label) && l[k] == '?' && containsAny(strings.ToLower(l[sentenceBegins(l[:k]):k]), shipVerbs) {
		// "Kunnen jullie het vervangende toestel opsturen? Adres: <address>"
		if key, _ := lookupLabel(label); key == kShipTo { // not "Adres: zie mijn vorige mail."
			return tailAddress(value)
		}
	}
	if !ok || !shipSentence(label) {
		return "", false
	}
	return tailAddress(value)
}

// cjkShipLabel: a Chinese or Japanese request that ends "send it to"
// ("请将替换设备寄到", "交換品は以下に送ってください" is a label of its own).
func cjkShipLabel(label string) bool {
	for _, sfx := range []string{"寄到", "寄至", "寄往", "发到", "發到", "发往", "發往", "送到", "送至"} {
		if strings.HasSuffix(label, sfx) {
			return !negated.MatchString(label) && !strings.ContainsAny(label, "不别別")
		}
	}
	return false
}

// tailAddress is the address after a shipping request's colon, up to the
// question mark that ends the request ("..., IL 62701? Or should we pick it
// up ..."), when it is one: a street number and words, not a link, an
// e-mail address, a phone number, "our usual address" or a place of the
// vendor's ("your depot at ...").
func tailAddress(v string) (string, bool) {
	if i := strings.IndexAny(v, "?？"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimSpace(v)
	low := strings.ToLower(v)
	letters := strings.IndexFunc(v, unicode.IsLetter) >= 0
	if !hasDigit(v) || !letters || notPostal(v) || containsAny(low, []string{"your ", "votre ", "vostro ", "vuestro ", "uw ", "ihr "}) || pointsElsewhere(v) {
		return "", false
	}
	return v, true
}

// notPostal: an address value that is a phone number, a link or an e-mail
// address, which no carrier delivers to.
func notPostal(v string) bool {
	low := strings.ToLower(v)
	return phoneLike(v) || strings.Contains(v, "@") && !strings.Contains(v, ",") || containsAny(low, []string{"://", "www."})
}

// phoneLike: a value that is mostly a phone number's digits and signs.
func phoneLike(v string) bool {
	n := 0
	for _, r := range v {
		if unicode.IsDigit(r) || strings.ContainsRune("+()-./ ", r) {
			n++
		}
	}
	return n*10 >= len([]rune(v))*8
}
