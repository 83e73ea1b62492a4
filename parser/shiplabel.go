package parser

// Whether the line over an address block asks to ship the goods there:
// a short request ending in "to:" or naming the address that follows, in
// the languages the desk reads, and what takes that back (a contrast, a
// condition, paperwork rather than goods, the defective unit's return,
// an old address).

import (
	"regexp"
	"strings"
)

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
	if len(label) < 8 || long && (len(label) > 160 || !containsAny(strings.ToLower(label), []string{", please ", ", but please ", " - please "})) {
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
	// "And please send the advance replacement to our DR site, not HQ:":
	// a conjunction joins the request to the sentence before
	for _, p := range []string{"and ", "also ", "also, ", "so ", "then ", "und ", "et ", "y ", "e "} {
		low = strings.TrimPrefix(low, p)
	}
	if i := firstIndexAny(low, []string{", please ", ", kindly ", ", bitte ", ", could you ", ", can you ", ", would you "}); i > 0 && conditionWord.MatchString(low[:i]) {
		// "If it has to go back, please return it to:": the condition is
		// the return itself, the request after it stands
		low = low[i+2:]
	} else if i := firstIndexAny(low, []string{", but please ", ", but kindly ", ", but could you ", ", but can you "}); i > 0 && conditionWord.MatchString(low[:i]) {
		// "I am not sure if the unit can be repaired, but please ship the
		// replacement to:": the doubt is another clause's, the request
		// after "but" stands
		low = low[i+6:]
	}
	if i := firstIndexAny(low, []string{", the replacement ", ", the new unit ", ", the replacement unit "}); i > 0 && negated.MatchString(low[:i]) &&
		containsAny(low[:i], []string{" there", " that address", " to that "}) {
		// "Please do not ship there, the replacement goes to our lab:": the
		// refusal is the address before, the request after it stands
		low = low[i+2:]
	}
	if i := firstIndexAny(low, []string{", please ", ", kindly ", ". please ", ". kindly ", ", just send ", ", just ship ", " - please ", " – please "}); i > 0 && !containsAny(low[:i], shipVerbs) {
		// "We are a small office in a remote area, please ship the
		// replacement to our mailing address:" (or only "area, please
		// ..." where the sentence wrapped; "It's a home office so no dock,
		// just send whatever to:"): the request is the clause after the
		// reason
		low = strings.TrimLeft(low[i+1:], "-– ")
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
			"vi prego", "si prega", "per favore", "graag", "gelieve", "just send", "just ship", "the replacement", "replacement", "the new unit", "any replacement",
			// polite questions: "Could you send ... to:", "Poderiam enviar ... para:"
			"could you", "can you", "would you", "can u ", "could u ", "pls", "plz", "would it be possible", "is it possible", "are you able", "poderiam", "podem ", "pourriez-vous", "pouvez-vous", "podrían", "podrian", "¿podrían", "pueden",
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
	if strings.ContainsAny(label[i:], "0123456789,") || len(w) == 0 || len(w) > 4 {
		return false
	}
	// "... to head office", "... to site": a place's noun without "the"
	return len(w) >= 2 && (w[0] == "the" || w[0] == "our" || w[0] == "my") || placeNouns[w[len(w)-1]]
}

// placeNouns name a place of the sender's that goods go to.
var placeNouns = map[string]bool{"office": true, "warehouse": true, "depot": true, "site": true, "branch": true, "headquarters": true, "hq": true, "lab": true, "store": true, "shop": true, "plant": true, "campus": true, "reception": true}

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
