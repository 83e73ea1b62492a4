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
	`\b(?:please|kindly|pls|plz|(?:could|can|would|will)\s+you(?:\s+be\s+able\s+to)?|are\s+you\s+able\s+to|(?:would|will)\s+it\s+be\s+possible\s+to|is\s+it\s+possible\s+to)\s+(?:send|ship|deliver|post|courier|return|mail|dispatch)\s+` + shipObject + `\s+(?:directly\s+|straight\s+|back\s+|now\s+|today\s+|asap\s+)?to\s+` +
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
	shipWordsEnDe = []string{"please", "kindly", "pls", "plz", "ship to", "ship it to", "send it to", "send to", "bitte", "could you", "can you", "would you", "will you", "possible to", "are you able"}
	// shipWords hold the Romance verbs too; a body without them is tried
	// line by line with shipWordsEnDe alone
	shipWords = append(append([]string{}, shipWordsEnDe...), romanceShipWords...)
)

// requestVerbs: every shipRequest match holds one of them.
var requestVerbs = []string{"ship", "send", "deliver", "post", "courier", "return", " mail ", "dispatch", "senden", "schicken", "liefern",
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
			next := ""
			if k := sentenceEnd(tail); k >= 0 {
				tail, next = tail[:k], tail[k:min(len(tail), k+160)]
			}
			if containsAny(tail, hypotheticalWords) || containsAny(next, unconfirmedWords) {
				continue // "... if our main site is closed? I will confirm the address once we know."
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
	// one backward pass to the nearest end of ". ", "! ", "? " or "。":
	// a LastIndex per separator walked the whole text back for each one
	// it does not hold ("。" in Latin mail), on every phrase it vetoes
	for e := len(s); e >= 2; e-- {
		switch s[e-1] {
		case ' ':
			if c := s[e-2]; c == '.' || c == '!' || c == '?' {
				return e
			}
		case 0x82: // "。" is e3 80 82
			if e >= 3 && s[e-3] == 0xe3 && s[e-2] == 0x80 {
				return e
			}
		}
	}
	return 0
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
		"could you", "can you", "would you", "will you", "be possible to", "is it possible to", "are you able to"})
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

// hypotheticalWords after an address make its request a condition's
// ("send it to ... if our main site is closed"); unconfirmedWords in the
// next sentence say the address is not settled yet.
var (
	hypotheticalWords = []string{" if our ", " if the ", " if we ", " if my ", " if it turns out", " in case ", " unless ", " should our ", " should the ", " falls unser", " wenn unser", " si notre ", " si nuestra ", " si nuestro "}
	unconfirmedWords  = []string{"will confirm the address", "'ll confirm the address", "will confirm the final address", "confirm the address later", "address to be confirmed", "address tbc", "address is not final", "not confirmed yet", "let you know the final address"}
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
