package parser

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// field keys
const (
	kSerial = iota + 1
	kPart
	kModel
	kFirmware
	kPO
	kInvoice
	kInvoiceDate
	kContact
	kCompany
	kEmail
	kPhone
	kShipTo
	kBillTo
	kProblem
	kSeverity
	kUnit
)

// labels maps a normalised label (lower-case letters and digits only) to
// a field key.
var labels = map[string]int{
	"serialnumber": kSerial, "serialno": kSerial, "sn": kSerial, "serial": kSerial, "seriennummer": kSerial,
	"seriennr": kSerial, "numérodesérie": kSerial, "numerodeserie": kSerial, "nºdesérie": kSerial, "ndesérie": kSerial,
	"serialnr": kSerial, "serialnum": kSerial, "serialnumbers": kSerial, "unitserial": kSerial, "defectiveserial": kSerial,
	"defectiveunitserialnumber": kSerial, "systemserial": kSerial, "systemserialnumber": kSerial, "シリアル番号": kSerial,
	"製造番号": kSerial, "序列号": kSerial, "numerodiserie": kSerial, "serienummer": kSerial, "servicetag": kSerial,
	"partnumber": kPart, "pn": kPart, "partno": kPart, "part": kPart, "partnr": kPart, "teilenummer": kPart,
	"artikelnummer": kPart, "référence": kPart, "reference": kPart, "numérodepièce": kPart, "sku": kPart, "部品番号": kPart, "品番": kPart,
	"model": kModel, "modelno": kModel, "modelnumber": kModel, "modell": kModel, "modèle": kModel, "modele": kModel,
	"product": kModel, "productmodel": kModel, "modelo": kModel, "モデル": kModel, "型番": kModel, "機種": kModel, "型号": kModel, "device": kModel,
	"firmware": kFirmware, "fw": kFirmware, "fwversion": kFirmware, "firmwareversion": kFirmware, "version": kFirmware,
	"qtsversion": kFirmware, "osversion": kFirmware, "softwareversion": kFirmware, "ファームウェア": kFirmware, "bios": kFirmware, "biosversion": kFirmware,
	"po": kPO, "ponumber": kPO, "purchaseorder": kPO, "purchaseordernumber": kPO, "pono": kPO, "bestellnummer": kPO, "bondecommande": kPO, "注文番号": kPO,
	"invoice": kInvoice, "invoiceno": kInvoice, "invoicenumber": kInvoice, "invno": kInvoice, "rechnungsnummer": kInvoice, "rechnungsnr": kInvoice,
	"numérodefacture": kInvoice, "numerodefacture": kInvoice, "facture": kInvoice, "請求書番号": kInvoice, "qctinvoice": kInvoice, "qctinvoiceno": kInvoice,
	"invoicedate": kInvoiceDate, "dateofinvoice": kInvoiceDate, "purchasedate": kInvoiceDate, "dateofpurchase": kInvoiceDate,
	"rechnungsdatum": kInvoiceDate, "kaufdatum": kInvoiceDate, "datedefacture": kInvoiceDate, "datedachat": kInvoiceDate, "購入日": kInvoiceDate, "deliverydate": kInvoiceDate,
	"contact": kContact, "name": kContact, "contactname": kContact, "contactperson": kContact, "ansprechpartner": kContact, "kontakt": kContact,
	"nom": kContact, "担当者": kContact, "yourname": kContact, "fullname": kContact, "customername": kContact, "nameandtitle": kContact,
	"company": kCompany, "companyname": kCompany, "organization": kCompany, "organisation": kCompany, "firma": kCompany, "société": kCompany,
	"societe": kCompany, "entreprise": kCompany, "会社名": kCompany, "customer": kCompany, "unternehmen": kCompany,
	"email": kEmail, "emailaddress": kEmail, "mail": kEmail, "courriel": kEmail, "メール": kEmail, "contactemail": kEmail,
	"phone": kPhone, "tel": kPhone, "telephone": kPhone, "phonenumber": kPhone, "mobile": kPhone, "cell": kPhone, "telefon": kPhone,
	"téléphone": kPhone, "telefono": kPhone, "電話": kPhone, "電話番号": kPhone, "contactphone": kPhone, "handy": kPhone, "tél": kPhone,
	"shipto": kShipTo, "shippingaddress": kShipTo, "returnaddress": kShipTo, "address": kShipTo, "shipaddress": kShipTo, "deliveryaddress": kShipTo,
	"lieferadresse": kShipTo, "adresse": kShipTo, "adressedelivraison": kShipTo, "送付先": kShipTo, "住所": kShipTo, "returnshiptoaddress": kShipTo, "shiptoaddress": kShipTo,
	"billto": kBillTo, "billingaddress": kBillTo, "rechnungsadresse": kBillTo, "adressedefacturation": kBillTo, "billtoaddress": kBillTo,
	"problem": kProblem, "issue": kProblem, "description": kProblem, "symptom": kProblem, "symptoms": kProblem, "fault": kProblem,
	"problemdescription": kProblem, "issuedescription": kProblem, "faultdescription": kProblem, "fehler": kProblem, "fehlerbeschreibung": kProblem,
	"problème": kProblem, "probleme": kProblem, "descriptionduproblème": kProblem, "descriptionduprobleme": kProblem, "症状": kProblem, "問題": kProblem,
	"故障内容": kProblem, "defect": kProblem, "reasonforreturn": kProblem, "error": kProblem, "panne": kProblem,
	"severity": kSeverity, "priority": kSeverity, "urgency": kSeverity, "priorität": kSeverity, "dringlichkeit": kSeverity, "priorité": kSeverity,
	"sévérité": kSeverity, "gravité": kSeverity, "重要度": kSeverity, "緊急度": kSeverity, "impact": kSeverity,
	"unit": kUnit, "device#": kUnit, "gerät": kUnit, "appareil": kUnit, "item": kUnit,
}

// normLabel lower-cases a label and keeps letters only; a trailing unit
// index ("Serial 2", "SN #2", "Unit 1") is returned separately.
func normLabel(l string) (string, int) {
	l = strings.ToLower(strings.TrimSpace(l))
	idx := 0
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
		idx, _ = strconv.Atoi(l[st:end])
		l = l[:st]
	}
	l = strings.TrimSuffix(strings.TrimSpace(strings.TrimRight(l, " #(")), "(unit")
	// leading "unit 1 serial" form
	if strings.HasPrefix(l, "unit ") {
		rest := l[5:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j > 0 {
			idx, _ = strconv.Atoi(rest[:j])
			if r := strings.TrimSpace(rest[j:]); r != "" {
				l = r
			} else {
				l = "unit"
			}
		}
	}
	var b strings.Builder
	for _, r := range l {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String(), idx
}

type labelled struct {
	key   int
	unit  int // explicit unit index, 0 if none
	value string
	line  int
}

var (
	// "label: value" (also "label：" and "label - value" for short labels).
	labelLine = regexp.MustCompile(`^\s*(?:[-*•>]\s*)?\**([\p{L}][\p{L}\p{N} ./#()'&_-]{0,40}?)\**\s*(?:[:：=]|\s-\s|\s#\s?)\s*(.*)$`)
	// Prose serials: "serial Q21BI04567", "S/N: Q21...", "SN#123".
	proseSerial = regexp.MustCompile(`(?i)(?:\bserial(?:\s+(?:number|no\.?|#))?|\bs/n|\bsn\s*#|\bsn\b|seriennummer|numéro de série)\s*(?:is|was|:|#|=)?\s*([A-Z0-9][A-Z0-9-]{4,30})\b`)
	// Product models of the vendors the desk ships with.
	proseModel = regexp.MustCompile(`\b(TS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TVS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TS-[0-9]{3,4}[A-Z]*|TBS-[0-9A-Za-z-]+|TL-[A-Z0-9-]+|TR-[0-9]{3,4}[A-Za-z0-9-]*|` +
		`TrueNAS(?: Mini(?: X\+|XL\+| X| XL| E\+| E| R)?| [MRXFH][0-9]{2}[A-Za-z0-9-]*)|FreeNAS Mini(?: XL)?|` +
		`Quanta(?:Grid|Plex|Micro|Edge)\s+[A-Z][A-Z0-9-]+|` +
		`[DST][0-9]{2}[A-Z]{1,3}-[0-9]U|` +
		`Altai\s+[A-Z][A-Za-z0-9-]+|AX[0-9]{3}[A-Za-z0-9-]*|A[0-9]n\b|C1n\b|A2-Ei|A8-Ein|A8n|A8-E?i?n?|X[0-9]n)`)
	prosePart  = regexp.MustCompile(`(?i)\b(?:part\s*(?:number|no\.?|#)|p/n|pn)\s*[:#]?\s*([A-Z0-9][A-Z0-9.-]{3,30})\b`)
	phoneRe    = regexp.MustCompile(`\+?\(?[0-9][0-9 ().\-/]{6,}[0-9]`)
	greetingRe = regexp.MustCompile(`(?i)^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|hallo|guten tag|sehr geehrte|liebe|bonjour|madame|monsieur|hola|buongiorno|ciao|greetings|to whom it may concern|お世話になっております|お世話になります|いつもお世話|您好|你好)\b.*$`)
	closingRe  = regexp.MustCompile(`(?i)^\s*(best regards|kind regards|warm regards|regards|best|thanks|thank you|many thanks|thanks in advance|thx|cheers|sincerely|yours|mit freundlichen grüßen|mit freundlichen gruessen|freundliche grüße|viele grüße|gruß|grüße|beste grüße|cordialement|bien cordialement|salutations|merci|saludos|cordiali saluti|met vriendelijke groet|よろしくお願いします|よろしくお願いいたします|宜しくお願い致します|以上|谢谢)[\s,.!]*$`)
	companyRe  = regexp.MustCompile(`(?i)\b(inc\.?|llc|ltd\.?|limited|gmbh|ag|corp\.?|corporation|co\.,? ltd\.?|s\.?a\.?s?\.?|sarl|s\.r\.l\.|b\.v\.|k\.k\.|pty|plc|株式会社|有限公司|university|universität|labs?|systems|solutions|technologies|networks)\b|株式会社|有限公司`)
	nameRe     = regexp.MustCompile(`^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]*){0,3}$|^[\p{Han}\p{Katakana}\p{Hiragana}]{2,8}(?:\s[\p{Han}\p{Katakana}\p{Hiragana}]{1,8})?$`)
	boughtRe   = regexp.MustCompile(`(?i)(bought|purchased|purchase date|invoiced|invoice dated|ordered|delivered|received it|gekauft|erworben|acheté|achetée|購入)`)
	unitHead   = regexp.MustCompile(`(?i)^\s*(?:unit|device|item|gerät|appareil|system|node)\s*#?\s*([0-9]{1,2})\s*[:.)-]\s*(.*)$`)
)

// extractFields fills m.Fields and m.Units from the new text and subject.
func extractFields(m *Message, text string, opts Options) {
	f := &m.Fields
	body, sig := splitSignature(text)
	lines := strings.Split(body, "\n")

	var found []labelled
	used := make([]bool, len(lines))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if len(l) > 500 {
			continue
		}
		if mm := unitHead.FindStringSubmatch(l); mm != nil {
			idx, _ := strconv.Atoi(mm[1])
			found = append(found, labelled{key: kUnit, unit: idx, value: strings.TrimSpace(mm[2]), line: i})
			used[i] = true
			continue
		}
		mm := labelLine.FindStringSubmatch(l)
		if mm == nil {
			continue
		}
		norm, idx := normLabel(mm[1])
		key, ok := labels[norm]
		if !ok {
			continue
		}
		val := strings.TrimSpace(strings.Trim(mm[2], "* "))
		used[i] = true
		// Multi-line values: addresses and problem descriptions continue
		// on the following lines up to a blank line or another label.
		if key == kShipTo || key == kBillTo || key == kProblem || val == "" {
			var parts []string
			if val != "" {
				parts = append(parts, val)
			}
			j := i + 1
			for ; j < len(lines) && j < i+12; j++ {
				t := strings.TrimSpace(lines[j])
				if t == "" {
					if len(parts) == 0 && key != kProblem {
						continue
					}
					if len(parts) == 0 && key == kProblem && j == i+1 {
						continue
					}
					break
				}
				if lm := labelLine.FindStringSubmatch(lines[j]); lm != nil {
					if n, _ := normLabel(lm[1]); labels[n] != 0 {
						break
					}
				}
				if unitHead.MatchString(lines[j]) {
					break
				}
				parts = append(parts, t)
				used[j] = true
			}
			sep := ", "
			if key == kProblem {
				sep = " "
			}
			val = strings.Join(parts, sep)
			i = j - 1
		}
		found = append(found, labelled{key: key, unit: idx, value: val, line: i})
	}

	// Tables: a header row naming unit columns, then one row per unit.
	tableUnits := parseTable(lines, used)

	units := []Unit{}
	cur := -1
	setUnit := func(idx int, fn func(u *Unit) bool) {
		if idx > 0 {
			for len(units) < idx {
				units = append(units, Unit{})
			}
			cur = idx - 1
		} else if cur < 0 {
			units = append(units, Unit{})
			cur = len(units) - 1
		}
		if !fn(&units[cur]) {
			// Field already set: a new unit starts.
			units = append(units, Unit{})
			cur = len(units) - 1
			fn(&units[cur])
		}
	}
	set := func(dst *string, v string) bool {
		if *dst != "" && *dst != v {
			return false
		}
		*dst = v
		return true
	}
	for _, l := range found {
		v := l.value
		switch l.key {
		case kUnit:
			setUnit(l.unit, func(u *Unit) bool { return true })
			if l.unit == 0 {
				units = append(units, Unit{})
				cur = len(units) - 1
			}
			fillUnitFromProse(&units[cur], v)
		case kSerial:
			vals := splitList(v)
			for n, s := range vals {
				idx := l.unit
				if n > 0 {
					idx = 0
					units = append(units, Unit{})
					cur = len(units) - 1
				}
				setUnit(idx, func(u *Unit) bool { return set(&u.SerialNumber, cleanCode(s)) })
			}
		case kPart:
			setUnit(l.unit, func(u *Unit) bool { return set(&u.PartNumber, cleanCode(v)) })
		case kModel:
			setUnit(l.unit, func(u *Unit) bool { return set(&u.Model, v) })
		case kFirmware:
			setUnit(l.unit, func(u *Unit) bool { return set(&u.Firmware, v) })
		case kPO:
			setOnce(&f.PONumber, cleanCode(v))
		case kInvoice:
			if d, _ := findDate(v, opts.DayFirst); d != "" && !strings.ContainsAny(strings.ReplaceAll(v, d, ""), "0123456789") {
				setOnce(&f.InvoiceDate, d)
			} else {
				setOnce(&f.InvoiceNumber, cleanCode(v))
			}
		case kInvoiceDate:
			if d, _ := findDate(v, opts.DayFirst); d != "" {
				setOnce(&f.InvoiceDate, d)
			}
		case kContact:
			setOnce(&f.ContactName, v)
		case kCompany:
			setOnce(&f.Company, v)
		case kEmail:
			if a, _ := findEmail(v, false); a != "" {
				setOnce(&f.Email, a)
			}
		case kPhone:
			setOnce(&f.Phone, v)
		case kShipTo:
			setOnce(&f.ShipTo, v)
		case kBillTo:
			setOnce(&f.BillTo, v)
		case kProblem:
			setOnce(&f.Problem, v)
		case kSeverity:
			setOnce(&f.Severity, severityOf(v))
		}
	}
	// Invoice numbers written "Invoice #12345" without a colon.
	if f.InvoiceNumber == "" {
		if mm := invoiceProse.FindStringSubmatch(body); mm != nil {
			f.InvoiceNumber = cleanCode(mm[1])
		}
	}
	if f.PONumber == "" {
		if mm := poProse.FindStringSubmatch(body); mm != nil {
			f.PONumber = cleanCode(mm[1])
		}
	}
	if len(tableUnits) > 0 && len(units) <= 1 {
		if len(units) == 1 && units[0].SerialNumber == "" {
			// labelled model/part applying to all table rows
			for i := range tableUnits {
				if tableUnits[i].Model == "" {
					tableUnits[i].Model = units[0].Model
				}
				if tableUnits[i].PartNumber == "" {
					tableUnits[i].PartNumber = units[0].PartNumber
				}
			}
			units = tableUnits
		} else if len(units) == 0 {
			units = tableUnits
		}
	}
	// Prose: serials and models in sentences and in the subject.
	proseSrc := m.Subject + "\n" + unusedText(lines, used)
	if len(units) == 0 {
		serials := proseSerial.FindAllStringSubmatchIndex(proseSrc, 20)
		for _, s := range serials {
			sn := proseSrc[s[2]:s[3]]
			if !hasDigit(sn) || isRefLike(sn, opts) {
				continue
			}
			u := Unit{SerialNumber: strings.ToUpper(sn)}
			// the model nearest before this serial, in the same sentence
			from := max(0, s[0]-120)
			if ms := proseModel.FindAllString(proseSrc[from:s[0]], -1); len(ms) > 0 {
				u.Model = ms[len(ms)-1]
			}
			units = appendUnit(units, u)
		}
		if len(units) == 0 {
			if ms := proseModel.FindString(proseSrc); ms != "" {
				units = append(units, Unit{Model: ms})
			}
		}
	}
	for i := range units {
		if units[i].Model == "" && len(units) == 1 {
			units[i].Model = proseModel.FindString(proseSrc)
		}
		if units[i].PartNumber == "" && len(units) == 1 {
			if mm := prosePart.FindStringSubmatch(proseSrc); mm != nil && hasDigit(mm[1]) {
				units[i].PartNumber = strings.ToUpper(mm[1])
			}
		}
	}
	m.Units = compactUnits(units)

	if f.InvoiceDate == "" {
		for _, l := range lines {
			if boughtRe.MatchString(l) {
				if d, _ := findDate(l, opts.DayFirst); d != "" {
					f.InvoiceDate = d
					break
				}
			}
		}
	}

	// Contact: explicit label, then signature, then a forwarded sender, then From.
	fwdName, fwdAddr := forwardedSender(text)
	if f.ContactName == "" {
		f.ContactName = signatureName(body, sig)
	}
	if f.ContactName == "" {
		f.ContactName = fwdName
	}
	if f.ContactName == "" {
		f.ContactName = m.From.Name
	}
	if f.Email == "" {
		f.Email = fwdAddr
	}
	if f.Email == "" {
		f.Email = m.From.Address
	}
	sigLines := strings.Split(sig, "\n")
	if f.Phone == "" {
		for _, l := range append(sigLines, lines...) {
			ll := strings.ToLower(strings.TrimSpace(l))
			if strings.HasPrefix(ll, "t:") || strings.HasPrefix(ll, "m:") || strings.HasPrefix(ll, "p:") || strings.HasPrefix(ll, "tel") ||
				strings.HasPrefix(ll, "phone") || strings.HasPrefix(ll, "mobile") || strings.HasPrefix(ll, "cell") || strings.HasPrefix(ll, "+") {
				if p := phoneRe.FindString(l); p != "" && digits(p) >= 7 {
					f.Phone = strings.TrimSpace(p)
					break
				}
			}
		}
	}
	if f.Company == "" {
		for _, l := range sigLines {
			t := strings.TrimSpace(l)
			if t != "" && len(t) < 80 && companyRe.MatchString(t) && !strings.Contains(t, "@") && !strings.Contains(t, ":") {
				f.Company = t
				break
			}
		}
	}
	if f.Problem == "" {
		f.Problem = problemText(lines, used)
	}
	if f.Severity == "" {
		f.Severity = severityFromWords(f.Problem + "\n" + m.Subject)
	}
}

var (
	invoiceProse = regexp.MustCompile(`(?i)\b(?:invoice|inv\.?|rechnung)\s*(?:#|no\.?|number|nr\.?)\s*:?\s*([A-Z0-9][A-Z0-9-]{2,30})\b`)
	poProse      = regexp.MustCompile(`(?:\bPO|\bP\.O\.|(?i:purchase order))\s*(?i:#|no\.?|number)?\s*(?i:is)?\s*:?\s*([A-Z0-9]*[0-9][A-Z0-9-]{2,30})\b`)
)

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = strings.TrimSpace(v)
	}
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// isRefLike reports a ticket reference (not a serial).
func isRefLike(s string, opts Options) bool {
	u := strings.ToUpper(s)
	for _, p := range opts.RefPrefixes {
		if strings.HasPrefix(u, strings.ToUpper(p)) {
			return true
		}
	}
	return false
}

// cleanCode trims a code value: first token, no trailing punctuation.
func cleanCode(v string) string {
	v = strings.TrimSpace(v)
	v = strings.TrimLeft(v, "#: ")
	if i := strings.IndexAny(v, " \t,;("); i > 0 {
		if hasDigit(v[:i]) || len(v[:i]) > 3 {
			v = v[:i]
		}
	}
	return strings.TrimRight(v, ".,;:")
}

// splitList splits "A, B and C" lists of serials.
func splitList(v string) []string {
	v = strings.ReplaceAll(v, " and ", ",")
	v = strings.ReplaceAll(v, " und ", ",")
	v = strings.ReplaceAll(v, " et ", ",")
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '/' && false }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{v}
	}
	return out
}

func appendUnit(units []Unit, u Unit) []Unit {
	for _, x := range units {
		if x.SerialNumber == u.SerialNumber {
			return units
		}
	}
	return append(units, u)
}

// compactUnits drops empty units and merges a unit holding only a model
// or part into its neighbour.
func compactUnits(units []Unit) []Unit {
	out := []Unit{}
	for _, u := range units {
		if u == (Unit{}) {
			continue
		}
		out = append(out, u)
	}
	return out
}

func fillUnitFromProse(u *Unit, v string) {
	if mm := proseSerial.FindStringSubmatch(v); mm != nil && hasDigit(mm[1]) {
		u.SerialNumber = strings.ToUpper(mm[1])
	}
	if ms := proseModel.FindString(v); ms != "" && u.Model == "" {
		u.Model = ms
	}
	if mm := prosePart.FindStringSubmatch(v); mm != nil && u.PartNumber == "" && hasDigit(mm[1]) {
		u.PartNumber = strings.ToUpper(mm[1])
	}
	if mm := fwProse.FindStringSubmatch(v); mm != nil && u.Firmware == "" {
		u.Firmware = mm[1]
	}
}

var fwProse = regexp.MustCompile(`(?i)\b(?:firmware|fw|qts|bios)\s*(?:version|v\.?)?\s*:?\s*(v?[0-9][0-9A-Za-z._-]*)`)

// parseTable reads a text table: a header row with a serial column and
// cells separated by "|", tabs or runs of spaces, then one row per unit.
func parseTable(lines []string, used []bool) []Unit {
	var units []Unit
	for i := 0; i < len(lines); i++ {
		cells := splitCells(lines[i])
		if len(cells) < 2 {
			continue
		}
		cols := make([]int, len(cells))
		hasSerial := false
		for c, cell := range cells {
			n, _ := normLabel(cell)
			cols[c] = labels[n]
			if cols[c] == kSerial {
				hasSerial = true
			}
		}
		if !hasSerial {
			continue
		}
		used[i] = true
		for j := i + 1; j < len(lines); j++ {
			row := splitCells(lines[j])
			if len(row) != len(cells) {
				if strings.TrimSpace(strings.Trim(lines[j], "-=+| ")) == "" && strings.TrimSpace(lines[j]) != "" {
					used[j] = true
					continue // a rule line
				}
				break
			}
			used[j] = true
			var u Unit
			for c, v := range row {
				switch cols[c] {
				case kSerial:
					u.SerialNumber = cleanCode(v)
				case kPart:
					u.PartNumber = cleanCode(v)
				case kModel:
					u.Model = v
				case kFirmware:
					u.Firmware = v
				}
			}
			if u.SerialNumber != "" {
				units = append(units, u)
			}
			i = j
		}
		if len(units) > 0 {
			return units
		}
	}
	return units
}

var multiSpace = regexp.MustCompile(`\s{2,}|\t`)

func splitCells(l string) []string {
	t := strings.TrimSpace(l)
	if t == "" || len(t) > 400 {
		return nil
	}
	var cells []string
	if strings.Contains(t, "|") {
		t = strings.Trim(t, "|")
		cells = strings.Split(t, "|")
	} else {
		cells = multiSpace.Split(t, -1)
	}
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// splitSignature splits text at the "-- " signature delimiter, or at a
// closing line ("Best regards,") near the end.
func splitSignature(text string) (body, sig string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l == "-- " || l == "--" || l == "—" {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i+1:], "\n")
		}
	}
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-15; i-- {
		if closingRe.MatchString(lines[i]) {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i+1:], "\n")
		}
	}
	return text, ""
}

// signatureName is the name in the first signature line that looks like
// one (or the line after a closing such as "Best regards,").
func signatureName(body, sig string) string {
	for _, l := range strings.Split(sig, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if nameRe.MatchString(t) && !companyRe.MatchString(t) && len(t) < 50 {
			return t
		}
		break
	}
	return ""
}

var fwdFromLine = regexp.MustCompile(`(?i)^\s*\*?(from|von|de|van|da)\s*\*?\s*:\s*(.+)$`)

// forwardedSender returns the sender named in the first forwarded header
// block of text (a reseller forwarding a customer's request).
func forwardedSender(text string) (string, string) {
	lines := strings.Split(text, "\n")
	in := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if mayBeMarker(t) && forwardMarker.MatchString(t) {
			in = true
			continue
		}
		if in || headerBlockAt(lines, i) {
			if mm := fwdFromLine.FindStringSubmatch(l); mm != nil {
				if a, ok := looseAddress(mm[2]); ok && strings.Contains(a.Address, "@") {
					return a.Name, a.Address
				}
			}
			if in && i > 0 && t == "" {
				in = false
			}
		}
	}
	return "", ""
}

// unusedText is the text of lines not consumed by labels or tables.
func unusedText(lines []string, used []bool) string {
	var b strings.Builder
	for i, l := range lines {
		if !used[i] {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// problemText is the description as written: the text without greeting,
// field lines, commands, forwarded headers and the closing/signature.
func problemText(lines []string, used []bool) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case used[i]:
			// An intro to the fields ("Please see the details below:") is no description.
			if len(cur) > 0 && strings.HasSuffix(cur[len(cur)-1], ":") {
				cur = nil
			} else if len(cur) == 0 && len(paras) > 0 && strings.HasSuffix(paras[len(paras)-1], ":") {
				paras = paras[:len(paras)-1]
			}
			flush()
			continue
		case t == "":
			flush()
			continue
		case greetingRe.MatchString(t) && len(t) < 60:
			continue
		case strings.HasPrefix(t, "#"):
			continue
		case mayBeMarker(t) && (forwardMarker.MatchString(t) || originalMessage.MatchString(t)):
			flush()
			continue
		case fwdFromLine.MatchString(t) || hdrSent.MatchString(t) || hdrTo.MatchString(t) || hdrSubject.MatchString(t) || strings.HasPrefix(strings.ToLower(t), "cc:"):
			continue
		case closingRe.MatchString(t):
			flush()
			return finishProblem(paras)
		}
		cur = append(cur, t)
	}
	flush()
	return finishProblem(paras)
}

func finishProblem(paras []string) string {
	// Drop trailing courtesy lines ("Thanks for your help.", "Please advise.").
	for len(paras) > 0 && courtesy.MatchString(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	s := strings.Join(paras, "\n\n")
	if len(s) > 4000 {
		s = s[:4000]
	}
	return strings.TrimSpace(s)
}

var courtesy = regexp.MustCompile(`(?i)^(thanks?( you)?( in advance)?( for your (help|support|assistance))?|please advise|let me know.*|looking forward.*|vielen dank.*|merci.*)[.!]*$`)

var (
	sevCritical = regexp.MustCompile(`(?i)\b(critical|urgent|urgently|emergency|outage|production (is )?down|(is|are|went|goes|server|system|network|site|completely|totally) down|down since|data loss|losing data|kritisch|dringend|ausfall|critique|panne totale|緊急)\b`)
	sevHigh     = regexp.MustCompile(`(?i)\b(degraded|intermittent(ly)?|randomly|sporadic(ally)?|keeps? (rebooting|restarting|crashing)|performance (issue|problem|drop)|unstable|sporadisch|instable)\b`)
	sevLow      = regexp.MustCompile(`(?i)\b(not urgent|no rush|low priority|cosmetic|not critical|when you (get|have) (a chance|time))\b`)
)

// severityOf maps a stated severity/priority to critical|high|low.
func severityOf(v string) string {
	l := strings.ToLower(strings.TrimSpace(v))
	switch {
	case l == "":
		return ""
	case strings.Contains(l, "crit") || strings.Contains(l, "urgent") || strings.Contains(l, "emergency") || strings.Contains(l, "blocker") ||
		strings.HasPrefix(l, "p1") || strings.HasPrefix(l, "sev1") || strings.HasPrefix(l, "sev 1") || l == "1" || strings.Contains(l, "kritisch") || strings.Contains(l, "dringend") || strings.Contains(l, "緊急"):
		return "critical"
	case strings.Contains(l, "high") || strings.Contains(l, "hoch") || strings.Contains(l, "élevé") || strings.Contains(l, "haute") || strings.Contains(l, "major") ||
		strings.HasPrefix(l, "p2") || strings.HasPrefix(l, "sev2") || strings.HasPrefix(l, "sev 2") || l == "2" || strings.Contains(l, "高"):
		return "high"
	case strings.Contains(l, "low") || strings.Contains(l, "niedrig") || strings.Contains(l, "faible") || strings.Contains(l, "basse") || strings.Contains(l, "minor") ||
		strings.Contains(l, "medium") || strings.Contains(l, "normal") || strings.Contains(l, "moderate") || strings.Contains(l, "mittel") || strings.Contains(l, "moyen") ||
		strings.HasPrefix(l, "p3") || strings.HasPrefix(l, "p4") || l == "3" || l == "4" || strings.Contains(l, "低") || strings.Contains(l, "中"):
		return "low"
	}
	return ""
}

// severityFromWords reads a severity from clear words in the problem.
func severityFromWords(s string) string {
	switch {
	case sevLow.MatchString(s):
		return "low"
	case sevCritical.MatchString(s):
		return "critical"
	case sevHigh.MatchString(s):
		return "high"
	}
	return ""
}
