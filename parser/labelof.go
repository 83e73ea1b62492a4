package parser

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// benignQualifier: a bracketed note that says where a value was read.
func benignQualifier(q string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	switch q {
	case "from the label", "on the label", "see label", "as printed", "as on the label", "from the sticker", "on the sticker",
		"on the back", "on the bottom", "from the box", "on the box", "if known", "optional", "from the invoice", "as on the invoice",
		"current", "new", "valid", "correct", "aktuell", "neu", "actuel", "actual", "attuale",
		"before the failure", "before the crash", "before it failed", "przed awarią", "vor dem ausfall", "avant la panne", "antes de la falla", "antes da falha",
		// the version the unit runs now, after an update
		"after the update", "after update", "after the upgrade", "after upgrade", "now", "installed", "currently installed", "nach dem update", "nach update",
		"après mise à jour", "après la mise à jour", "después de la actualización", "tras la actualización", "após atualização", "após a atualização",
		"dopo l'aggiornamento", "na de update", "po aktualizacji", "efter uppdateringen":
		return true
	}
	return false
}

// itemNumber is the length of a numbered or lettered list item's mark and
// the spaces after it ("1) ", "2. ", "(3) ", "b) "), 0 when l starts with
// none.
func itemNumber(l string) int {
	i := 0
	if i < len(l) && l[i] == '(' {
		i++
	}
	d := i
	for i < len(l) && i-d < 2 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i == d && i+1 < len(l) && l[i] >= 'a' && l[i] <= 'h' && l[i+1] == ')' {
		i++ // a lettered answer: "b) Ship-to: ...", "(c) Bill-to: ..."
	} else if i == d || i >= len(l) || l[i] != ')' && (l[i] != '.' || l[0] == '(') {
		return 0
	}
	i++
	if i >= len(l) || !isSpaceByte(l[i]) {
		return 0
	}
	return skipSpace(l, i)
}

// withoutUnitNoun drops the unit itself named after a label ("Numéro de
// série du nœud", "Serial number of the server", "Seriennummer des
// Geräts"): it says whose serial it is, and that is the unit's. A part
// named there ("Serial number of the power supply") is another field and
// stays.
func withoutUnitNoun(label string) string {
	i := strings.LastIndexByte(label, ' ')
	if i <= 0 || !isUnitNoun(label[i+1:]) {
		return label
	}
	head := strings.TrimRight(label[:i], " ")
	for _, p := range unitNounPreps {
		if len(head) > len(p) && strings.EqualFold(head[len(head)-len(p):], p) {
			return head[:len(head)-len(p)]
		}
	}
	return label
}

// isUnitNoun: w is one of unitNouns, case folded without allocating
// (lookupLabel runs on every line).
func isUnitNoun(w string) bool {
	for _, n := range unitNouns {
		if strings.EqualFold(w, n) {
			return true
		}
	}
	return false
}

var (
	unitNounPreps = []string{" of the", " of", " du", " de la", " del", " des", " der", " do", " da", " della", " van het", " van de"}
	unitNouns     = []string{"unit", "server", "node", "device", "system", "chassis", "nas", "appliance", "nœud", "noeud", "serveur", "appareil", "système", "systeme", "châssis",
		"servidor", "equipo", "equipamento", "nodo", "dispositivo", "sistema", "geräts", "gerätes", "servers", "systems", "apparaat", "toestel", "unità"}
)

// lookupLabel maps a label as written to a field key (0 if unknown) and a
// unit index written with it ("Serial 2", "SN #2", "Unit 1 serial").
// It allocates nothing for labels of up to 96 bytes.
func lookupLabel(label string) (key, idx int) {
	if key, idx = labelKey(label); key == 0 && strings.IndexByte(label, ' ') > 0 {
		key = componentLabel(label)
	}
	return key, idx
}

// labelKey is lookupLabel for a label as the tables write it.
func labelKey(label string) (key, idx int) {
	if strings.Contains(label, "（") {
		// "料号（P/N）": full-width brackets read like ASCII ones
		label = strings.NewReplacer("（", "(", "）", ")").Replace(label)
	}
	label = withoutUnitNoun(label)
	if a, b, ok := strings.Cut(label, "/"); ok && len(strings.TrimSpace(a)) >= 3 && len(strings.TrimSpace(b)) >= 3 && !strings.Contains(b, "/") {
		// "Ente/Azienda", "Company / Organisation": alternatives of one
		// label; an organisation word beside an unknown one is the company
		ka, _ := lookupLabel(a)
		kb, _ := lookupLabel(b)
		if ka == kb && ka != 0 || ka == kCompany && kb == 0 && !otherParty(b) {
			return ka, 0
		}
		if kb == kCompany && ka == 0 && !otherParty(a) {
			return kb, 0
		}
	}
	// "Serial number (from the label)": words in brackets that say where
	// the value was read keep the label's meaning; any other qualifier
	// ("PO (cancelled)", "Invoice (EUR)", "Phone (fax)", "Contact (left
	// the company)", "Serial number (power supply)") makes it another field
	if i := strings.IndexByte(label, '('); i > 0 {
		if j := strings.IndexByte(label[i:], ')'); j > 0 && benignQualifier(label[i+1:i+j]) {
			label = label[:i] + label[i+j+1:]
		} else if j > 0 && strings.TrimSpace(label[i+j+1:]) == "" {
			// "Ordine di acquisto (PO)", "Numéro de série (S/N)": the
			// bracket names the same field in other words
			if k, _ := lookupLabel(label[:i]); k != 0 {
				if q, _ := lookupLabel(label[i+1 : i+j]); q == k {
					return k, 0
				}
			}
		}
	}
	var lbuf [96]byte
	var l []byte
	if len(label) <= len(lbuf) {
		l = lbuf[:0]
		for i := 0; i < len(label); {
			c := label[i]
			if c < utf8.RuneSelf {
				if c >= 'A' && c <= 'Z' {
					c += 32
				}
				l = append(l, c)
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(label[i:])
			l = utf8.AppendRune(l, unicode.ToLower(r))
			i += n
		}
	} else {
		l = []byte(strings.ToLower(label))
	}
	l = trimSpaceBytes(l)
	// trailing number: "serial 2", "serial number (unit 2)", "sn#2"
	end := len(l)
	for end > 0 && (l[end-1] == ')' || l[end-1] == ' ') {
		end--
	}
	st := end
	for st > 0 && l[st-1] >= '0' && l[st-1] <= '9' {
		st--
	}
	if st < end && end-st <= 2 && st > 0 {
		idx = atoiBytes(l[st:end])
		l = l[:st]
	}
	for len(l) > 0 && (l[len(l)-1] == ' ' || l[len(l)-1] == '#' || l[len(l)-1] == '(') {
		l = l[:len(l)-1]
	}
	l = trimSpaceBytes(l)
	if n := len(l); n >= 5 && string(l[n-5:]) == "(unit" {
		l = l[:n-5]
	}
	if idx > 0 && wholeUnitNoun(string(l)) {
		// "Server 1:" heads its unit's lines as "Unit 1:" does: its
		// "Server 1 BIOS:" lines are that unit's, not units of their own
		l = append(lbuf[:0], "unit"...)
	}
	// leading "unit 1 serial" form, "Server 2 BIOS" too
	if w := numberedNoun(l); w > 0 {
		rest := l[w:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j > 0 {
			idx = atoiBytes(rest[:j])
			if r := trimSpaceBytes(rest[j:]); len(r) > 0 {
				l = r
			} else {
				l = append(lbuf[:0], "unit"...)
			}
		}
	}
	// keep letters and digits only
	var nbuf [96]byte
	nb := nbuf[:0]
	for i := 0; i < len(l); {
		c := l[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' {
				nb = append(nb, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(l[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			nb = append(nb, l[i:i+n]...)
		}
		i += n
	}
	if k := labels[string(nb)]; k != 0 {
		return k, idx
	}
	if k, n := numberedUnitSerial(l); k != 0 {
		return k, n // (read only for a label the tables do not know: labelKey runs on every line)
	}
	if a, b, ok := strings.Cut(label, " / "); ok && !strings.Contains(b, " / ") {
		// "Invoice date / Factuurdatum": one field named in two languages
		if ka, _ := lookupLabel(a); ka != 0 {
			if kb, _ := lookupLabel(b); kb == ka {
				return ka, idx
			}
		}
	}
	if i := strings.IndexByte(label, '('); i > 0 && !hasDigit(label[i:]) {
		// "New shipping address (previous one closed)": an address label
		// keeps its key whatever the bracket says; labelOf weighs it (a
		// bracket with numbers is an address itself, no qualifier)
		if k, _ := lookupLabel(label[:i]); isAddressKey(k) {
			return k, idx
		}
	}
	// "Our order ref", "Your PO", "My phone": the owner changes nothing.
	for _, own := range []string{"our", "your", "my", "new", "current", "correct", "updated", "revised", "neue", "neuer", "nouveau", "nouvelle", "nuevo", "nueva", "nuovo", "nuova"} {
		if len(nb) > len(own)+1 && string(nb[:len(own)]) == own {
			if k := labels[string(nb[len(own):])]; k != 0 {
				return k, idx
			}
		}
	}
	if bothAddresses(nb) {
		return kShipBill, idx
	}
	// "Ship to for the replacement", "Bill to (accounts payable)".
	for _, p := range labelPrefixes {
		if len(nb) > len(p.s) && string(nb[:len(p.s)]) == p.s {
			return p.key, idx
		}
	}
	// "BMC firmware", "Chassis serial number", "Replacement part number".
	for _, sfx := range labelSuffixes {
		if len(nb) > len(sfx.s) && string(nb[len(nb)-len(sfx.s):]) == sfx.s {
			return sfx.key, idx
		}
	}
	if k, all := qualifiedLabel(nb); all {
		return k, allUnits
	} else if k != 0 {
		return k, idx
	}
	return placeWithAddressLabel(label), idx
}

// placeWithAddressLabel is the key of a place named with the address label
// it is in brackets ("Kantoor (factuuradres)", "Warehouse (delivery
// address)"), 0 for any other label.
func placeWithAddressLabel(label string) int {
	i := strings.IndexByte(label, '(')
	j := strings.LastIndexByte(label, ')')
	if i <= 0 || j < i || strings.TrimSpace(label[j+1:]) != "" || strings.Count(label[:i], " ") > 3 || hasDigit(label) {
		return 0
	}
	if k, _ := lookupLabel(label[i+1 : j]); isAddressKey(k) {
		return k
	}
	return 0
}

// bothAddresses: the label starts by naming both addresses ("Ship-to and
// bill-to are both:", "Shipping and billing address (same for both)"),
// which is tried before the ship-to prefix.
func bothAddresses(nb []byte) bool {
	for _, p := range shipBillPrefixes {
		if len(nb) > len(p) && string(nb[:len(p)]) == p {
			return true
		}
	}
	return false
}

// qualifiedLabel is the key of a label the map knows with a qualifier
// that changes nothing of its field: where or which contact ("Ansprechpartner
// beim Kunden", "On-site contact"), or a unit fact stated for every unit
// ("Firmware en todos", "Firmware (all units)", "Model for both"; all is
// then true). nb is the label normalised as lookupLabel does.
func qualifiedLabel(nb []byte) (key int, all bool) {
	for _, q := range contactAtSuffixes {
		if len(nb) > len(q) && string(nb[len(nb)-len(q):]) == q && labels[string(nb[:len(nb)-len(q)])] == kContact {
			return kContact, false
		}
	}
	for _, q := range contactKinds {
		if len(nb) > len(q) && string(nb[:len(q)]) == q && labels[string(nb[len(q):])] == kContact {
			return kContact, false
		}
	}
	for _, q := range scopeSuffixes {
		if len(nb) > len(q) && string(nb[len(nb)-len(q):]) == q {
			if k := labels[string(nb[:len(nb)-len(q)])]; k == kFirmware || k == kModel || k == kPart {
				return k, true
			}
		}
	}
	return 0, false
}

// contactAtSuffixes place a contact at the customer's or on site.
var contactAtSuffixes = []string{"surplace", "sursite", "ensitio", "insede", "beimkunden", "beikunden", "desendkunden", "deskunden", "vorort", "atthecustomer", "atcustomer", "atcustomersite",
	"attheendcustomer", "onsite", "fordelivery", "forthedelivery", "forshipping", "forreceiving", "forpickup", "fürdielieferung", "pourlalivraison", "chezleclient", "duclient", "cliente", "delcliente", "delclientefinal", "pressoilcliente", "bijdeklant", "vandeklant", "doclient", "nocliente"}

// contactKinds name, before a contact label, which contact it is.
var contactKinds = []string{"onsite", "site", "local", "technical", "tech", "primary", "main", "it", "customer", "enduser", "endcustomer"}

// shipBillPrefixes start labels that name both addresses.
var shipBillPrefixes = []string{"sameaddressforshippingandbilling", "sameaddressforbillingandshipping", "sameaddressforbothshippingandbilling", "shiptoandbillto", "billtoandshipto", "shipandbillto", "billandshipto", "shippingandbillingaddress", "billingandshippingaddress",
	"deliveryandbillingaddress", "deliveryandinvoiceaddress", "lieferundrechnungsadresse", "rechnungsundlieferadresse", "adressedelivraisonetdefacturation",
	"adressedefacturationetdelivraison", "direccióndeenvíoyfacturación", "indirizzodispedizioneefatturazione"}

// scopeSuffixes say a label's value holds for all the units (letters
// only, as lookupLabel normalises a label).
var scopeSuffixes = []string{"onallunits", "forallunits", "ofallunits", "allunits", "onallofthem", "onall", "forall", "onboth", "forboth", "bothunits",
	"entodos", "entodas", "paratodos", "paratodas", "entodoslosequipos", "füralle", "beiallen", "allergeräte", "surtous", "surtoutes", "pourtous",
	"pourtoutes", "sututti", "sututte", "pertutti", "pertutte", "emtodos", "paratodos", "opalle", "vooralle", "bijalle",
	// in brackets: "Firmware (beide):", "Modelo (ambos):"
	"both", "all", "beide", "beiden", "alle", "todos", "todas", "ambos", "ambas", "tous", "toutes", "lesdeux", "tutti", "tutte", "entrambi"}

func trimSpaceBytes(b []byte) []byte {
	for len(b) > 0 && isSpaceByte(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpaceByte(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func atoiBytes(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// itemAddressLabel reads an address label after an item's number or
// letter ("1) Ship-to: same as billing address", "2) Billing address:",
// "b) Ship-to: ..."): answers to a desk's numbered questions. Only
// addresses: a numbered line of unit facts ("1. Customer: X - A8n, S/N
// ...") is a list item the unit readers take.
func itemAddressLabel(l string) (key, idx int, value string) {
	t := strings.TrimLeft(l, " \t")
	if n := itemNumber(t); n > 0 {
		if k, i, v := labelOf(t[n:]); isAddressKey(k) {
			return k, i, v
		}
	}
	return 0, 0, ""
}

// labelOf returns the field key, unit index and value of a labelled line,
// key 0 when the line is not one.
func labelOf(l string) (key, idx int, value string) {
	if v := bareAddressLabel(l); v != "" {
		return kShipTo, 0, v // (its "#01-03" is no label's separator)
	}
	label, value, ok := splitLabel(l)
	if !ok {
		if k, i, v := itemAddressLabel(l); k != 0 {
			return k, i, v
		}
		if v, ok := commaShipLabel(l); ok {
			return kShipTo, 0, v
		}
		return gapLabel(l)
	}
	key, idx = lookupLabel(label)
	if key == 0 {
		if k, i, v := itemAddressLabel(l); k != 0 {
			return k, i, v // "b) Ship-to: ...": the letter reads as the label's start
		}
	}
	if key == 0 && (shipSentence(label) || lastSentenceShip(label)) {
		// "Please ship the replacement unit to:" over an address block
		key = kShipTo
		value = strings.TrimRight(strings.TrimSpace(value), " ?") // "potete spedire il ricambio a: <address>?"
	}
	if isAddressKey(key) {
		if v := strings.TrimSpace(value); strings.HasSuffix(v, ":") && len(strings.Fields(v)) <= 2 {
			// "Ship to - old:" / "Ship to - new:": the value is the label's
			// qualifier, the address is under it
			if pastAddress.MatchString(v) {
				return 0, 0, ""
			}
			value = ""
		}
		if bracketNote(value, nil) && negated.MatchString(value[:strings.IndexByte(value, ')')+1]) {
			return 0, 0, "" // "Ship to: (not this one, see below)"
		}
	}
	if key == kShipTo && requestLabel(label) && refusing(label) && !shipSentence(label) {
		// "Please ship the replacement to our warehouse rather than to:"
		// starts like a label and ends refusing the block under it
		return 0, 0, ""
	}
	if key == kShipTo && containsAny(strings.ToLower(label), defectiveWords) {
		// "Adresse de retour du matériel défectueux :": where the broken
		// unit goes (the vendor's repair centre), not the goods
		return 0, 0, ""
	}
	if key == kShipTo && (containsAny(strings.ToLower(label), invoiceLabelWords) || bracketNote(value, invoiceLabelWords)) {
		// "New address (for invoices only):", 請求書送付先: the paper's
		// address, not the goods'
		return 0, 0, ""
	}
	if isAddressKey(key) && (pastAddress.MatchString(label) && !supersedingLabel(label) && !shipSentence(label) || negatedBracket(label)) {
		// "Ship to (old): ...": the address the goods must no longer go to
		return 0, 0, ""
	}
	return key, idx, value
}

// gapLabel reads a two-column table laid out as text, label and value
// apart by a tab or a run of spaces ("Serial Number<TAB>Q23CK00218";
// Outlook's plain-text copy of an HTML table: "System serial   A1-M40-210387").
// A value with another gap is a row of a wider table, not this layout.
func gapLabel(l string) (key, idx int, value string) {
	t := strings.TrimSpace(l)
	i := strings.IndexByte(t, '\t')
	if j := strings.Index(t, "  "); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 || i >= 40 {
		return 0, 0, ""
	}
	a, b := t[:i], strings.TrimSpace(t[i:])
	if b == "" || strings.IndexByte(b, '\t') >= 0 || strings.Contains(b, "   ") {
		return 0, 0, ""
	}
	if key, idx = lookupLabel(a); key != 0 {
		return key, idx, b
	}
	return 0, 0, ""
}

// refusing: a request label with words that may turn it against the block
// under it (a contrast, a negation, the defective unit's return).
func refusing(label string) bool {
	low := strings.ToLower(label)
	return containsAny(low, contrastWords) || returnsDefective(low) || negated.MatchString(low)
}

// bracketNote: the value opens with a bracketed note holding one of words
// ("The new address is: (for invoices only)").
// With words nil it reports a closed bracket at the start.
func bracketNote(value string, words []string) bool {
	v := strings.TrimSpace(value)
	if !strings.HasPrefix(v, "(") {
		return false
	}
	j := strings.IndexByte(v, ')')
	if words == nil {
		return j > 0 && strings.IndexByte(value, ')') >= 0
	}
	if j > 0 {
		v = v[:j]
	}
	return containsAny(strings.ToLower(v), words)
}

// negatedBracket: a bracketed qualifier in a label that negates it ("Ship
// to (not our office)"); "(not a P.O. box, street address)" says what the
// address is not, and keeps it.
func negatedBracket(label string) bool {
	i := strings.IndexByte(label, '(')
	if i < 0 {
		return false
	}
	q := label[i:]
	return negated.MatchString(q) && !containsAny(strings.ToLower(q), []string{"po box", "p.o. box", "p.o.box", "postfach", "p. o. box"})
}

// requestLabel: a label written as a shipping request ("Please ship ...",
// "Ship to the warehouse instead of:"), more than a plain "Ship to".
func requestLabel(label string) bool {
	low := strings.ToLower(label)
	if i := strings.IndexByte(low, '('); i > 0 {
		low = strings.TrimSpace(low[:i]) // "Ship to (not a P.O. box, street address)"
	}
	return strings.HasPrefix(low, "please ") || strings.HasPrefix(low, "kindly ") ||
		len(strings.Fields(low)) >= 4 && (strings.HasPrefix(low, "ship") || strings.HasPrefix(low, "send") || strings.HasPrefix(low, "deliver"))
}

// invoiceLabelWords name the invoice in an address label.
var invoiceLabelWords = []string{"invoice", "rechnung", "factur", "fattur", "factuur", "請求書", "发票", "發票", "インボイス"}

// commaShipLabel reads a shipping request with a comma in it before the
// address on its line ("Please do not ship there, the replacement goes to
// our lab: Acme Lab, 4 Side Road, ..."), which splitLabel does not take as
// a label.
func commaShipLabel(l string) (string, bool) {
	c := strings.Index(l, ": ")
	if c < 8 || c > 160 || strings.IndexByte(l[:c], ',') < 0 {
		return "", false
	}
	label, value := strings.TrimSpace(l[:c]), strings.TrimSpace(l[c+2:])
	if value == "" || !shipSentence(label) {
		return "", false
	}
	return strings.TrimRight(value, " ?"), true
}

// otherPartyWords name a party other than the customer, or a department:
// "Spedition/Firma: Dachser SE" is the carrier, "Firma/Abteilung:
// IT-Abteilung" the department, neither the customer's company.
var otherPartyWords = nameSet("abteilung", "department", "dept", "spedition", "carrier", "lieferant", "supplier", "händler", "haendler", "reseller", "dealer", "distributor", "vermieter", "landlord",
	"bank", "rechnungsempfänger", "empfänger", "recipient", "hersteller", "manufacturer", "transporteur", "transportista", "fornitore", "fournisseur", "proveedor", "spediteur", "vendor", "service", "dienstleister")

func otherParty(side string) bool {
	return otherPartyWords[strings.ToLower(strings.TrimSpace(side))]
}

// numberedUnitSerial reads a serial label after a unit noun and its number
// ("Server 1 S/N", "System 2 serial"; l lower case): whose serial it is,
// and which unit. A node is not such a noun: the nodes of one multi-node
// chassis ("Node 1 S/N") may be numbered parts of one unit; other labels
// after such a noun ("Server 1 BIOS") stay unknown as before.
func numberedUnitSerial(l []byte) (key, idx int) {
	sp := bytes.IndexByte(l, ' ')
	if sp <= 0 || sp+1 >= len(l) || l[sp+1] < '0' || l[sp+1] > '9' || !isUnitNoun(string(l[:sp])) || chassisPart(string(l[:sp])) {
		return 0, 0
	}
	rest := l[sp+1:]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	// (a serial label's words first: the full lookup costs more)
	if r := string(trimSpaceBytes(rest[j:])); j <= 2 && containsAny(r, tableSerialWords) {
		if k, _ := labelKey(r); k == kSerial {
			return kSerial, atoiBytes(rest[:j])
		}
	}
	return 0, 0
}

// numberedNoun is the length of a leading "unit " or whole-unit noun
// ("server ", "system ") before a number, 0 when l has none.
// (labelKey runs on every line: the number after the first word is
// looked at first.)
func numberedNoun(l []byte) int {
	sp := bytes.IndexByte(l, ' ')
	if sp <= 0 || sp+1 >= len(l) || l[sp+1] < '0' || l[sp+1] > '9' {
		return 0
	}
	if wholeUnitNoun(string(l[:sp])) {
		return sp + 1
	}
	return 0
}

// wholeUnitNoun: a noun that numbers whole units ("Server 2"), not the
// parts of one (a chassis's nodes).
func wholeUnitNoun(w string) bool {
	switch w {
	case "unit", "server", "system", "nas", "appliance", "device", "host", "serveur", "servidor", "sistema":
		return true
	}
	return false
}

// chassisPart: the unit noun may name a numbered part of one unit (the
// nodes of a chassis), or is "unit", whose numbered form labelKey reads.
func chassisPart(noun string) bool {
	switch noun {
	case "unit", "node", "nodo", "nœud", "noeud":
		return true
	}
	return false
}
