package parser

import "strings"

// componentLabel reads a part number or firmware label that names the
// component it belongs to after it, as most languages but English do:
// "Artikelnummer des Netzteils", "Firmware des BMC", "Artikelnr. Node",
// "Codice alimentatore". The head alone is the label; 0 when the head is
// no part or firmware label (a serial of a component is not the unit's).
func componentLabel(label string) int {
	i := strings.LastIndexByte(label, ' ')
	if i <= 0 || strings.Count(label, " ") > 3 {
		return 0
	}
	head, qual := strings.TrimRight(label[:i], " "), label[i+1:]
	prep := false
	for _, p := range qualifierPreps {
		if len(head) > len(p) && strings.EqualFold(head[len(head)-len(p):], p) {
			head, prep = strings.TrimRight(head[:len(head)-len(p)], " "), true
			break
		}
	}
	// a firmware label needs its preposition: "firmware QTS 5.1" is a
	// label and the start of its value
	if k, _ := labelKey(head); k != kPart && (k != kFirmware || !prep) {
		return 0
	} else if q, _ := labelKey(qual); q != 0 && q != k || hasDigit(qual) || containsAny(strings.ToLower(qual), documentWords) {
		return 0 // "Référence commande": another paper's number
	} else {
		return k
	}
}

// documentWords name papers whose numbers are no unit's part number.
var documentWords = []string{"order", "invoice", "ticket", "case", "rma", "commande", "factur", "bestell", "auftrag", "rechnung", "ordine", "fattur", "pedido", "encomenda", "zamówien", "faktur", "bestelling", "lieferschein", "delivery", "livraison", "spedizione", "envío", "envio", "tracking"}

var qualifierPreps = []string{" des", " der", " du", " de la", " de", " del", " della", " dell'", " di", " do", " da", " van het", " van de", " van"}
