package parser

import (
	"cmp"
	"regexp"
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
	"unit": kUnit, "gerät": kUnit, "appareil": kUnit, "item": kUnit,
}

// More languages: Spanish, Italian, Dutch, Polish, Czech, Russian, Chinese,
// Korean, and more Japanese spellings (normalised like the keys above).
var moreLabels = map[int][]string{
	kSerial: {"numerseryjny", "sériovéčíslo", "seriovecislo", "серийныйномер", "заводскойномер", "серийник", "시리얼번호", "일련번호", "시리얼",
		"序號", "序列號", "产品序列号", "númerodeserie", "nºdeserie", "ndeserie", "nodeserie", "númerodesérie", "serienr", "matricola",
		"numeroseriale", "製品シリアル番号", "シリアルno", "シリアルナンバー", "sn码", "snnumber", "serialnumberofdefectiveunit"},
	kModel: {"모델", "모델명", "型號", "产品型号", "產品型號", "機型", "机型", "модель", "modello", "produkt", "produit", "prodotto", "producto",
		"productmodel", "modelname", "製品名", "製品型番", "型式", "gerätemodell", "modèledelappareil", "producttype"},
	kPart: {"númerodeparte", "numerodeparte", "artikelnr", "部件号", "料号", "品號", "부품번호", "referencia", "codiceprodotto", "onderdeelnummer",
		"партномер", "артикул", "productnumber", "ordercode"},
	kFirmware: {"прошивка", "версияпрошивки", "펌웨어", "固件", "固件版本", "韌體", "韌體版本", "ファームウェアバージョン", "versionfirmware",
		"firmwareversie", "versionedelfirmware", "versióndefirmware", "firmwarestand", "qutsheroversion"},
	kPO: {"pedido", "númerodepedido", "numerodepedido", "ordendecompra", "ordinediacquisto", "numeroordine", "ordine", "inkooporder",
		"bestelnummer", "zamówienie", "numerzamówienia", "номерзаказа", "заказ", "采购单号", "订单号", "訂單編號", "発注番号", "주문번호", "ordernumber",
		"orderno", "order", "yourpo", "customerpo", "ponr", "bestellung", "commande", "numérodecommande"},
	kInvoice: {"factura", "númerodefactura", "nºfactura", "nfactura", "fattura", "numerofattura", "nfattura", "factuur", "factuurnummer",
		"rechnung", "faktura", "numerfaktury", "счет", "счёт", "номерсчета", "номерсчёта", "发票号", "发票号码", "發票號碼", "發票號", "インボイス番号",
		"송장번호", "인보이스번호", "invoiceref", "invoicenr", "rechnungnr", "nfacture", "ndefacture", "nodefacture", "invoiceid"},
	kInvoiceDate: {"fechadecompra", "fechadefactura", "datadiacquisto", "datadacquisto", "datafattura", "aankoopdatum", "factuurdatum",
		"datazakupu", "датапокупки", "датасчета", "购买日期", "购买日", "購買日期", "구입일", "구매일", "orderdate", "dateofsale", "saledate",
		"dateachat", "datedelafacture", "purchasedon", "purchased", "boughton", "購入日付", "納品日", "invoicedated"},
	kContact: {"contacto", "nombre", "referente", "contatto", "nome", "contactpersoon", "naam", "контактноелицо", "имя", "фио", "联系人",
		"聯絡人", "담당자", "이름", "お名前", "氏名", "requester", "requestedby", "reportedby", "contactperson"},
	kCompany: {"empresa", "azienda", "società", "societa", "bedrijf", "компания", "организация", "公司", "公司名称", "公司名稱", "회사", "회사명",
		"companyname", "firmenname", "raisonsociale", "ragionesociale", "bedrijfsnaam", "organisationname"},
	kEmail: {"correo", "correoelectrónico", "邮箱", "电子邮件", "電子郵件", "이메일", "почта", "электроннаяпочта", "emailadresse", "adresseemail"},
	kPhone: {"teléfono", "telefoonnummer", "telefoon", "телефон", "тел", "电话", "联系电话", "聯絡電話", "전화", "전화번호", "연락처", "handynummer",
		"mobil", "cellulare", "móvil", "movil", "telefonnummer", "numérodetéléphone", "phoneno", "tel.", "mobilephone", "directline", "携帯", "携帯電話"},
	kShipTo: {"direccióndeenvío", "direcciondeenvio", "direccion", "dirección", "indirizzo", "indirizzodispedizione", "afleveradres", "adres",
		"verzendadres", "adreswysyłki", "адрес", "адресдоставки", "地址", "收货地址", "收貨地址", "送貨地址", "주소", "배송지", "お届け先", "送り先",
		"shippingto", "sendto", "returnto", "deliverto", "lieferanschrift", "versandadresse", "adressedexpédition", "adressedelivraison"},
	kBillTo: {"direcciondefacturacion", "direccióndefacturación", "indirizzodifatturazione", "factuuradres", "rechnungsanschrift", "invoiceaddress"},
	kProblem: {"problema", "descripcióndelproblema", "descripcion", "descripción", "falla", "descrizione", "descrizionedelproblema", "guasto",
		"probleem", "omschrijving", "storing", "opisproblemu", "проблема", "описание", "описаниепроблемы", "неисправность", "问题", "问题描述",
		"故障描述", "故障现象", "問題描述", "故障", "증상", "문제", "고장내용", "不具合内容", "不具合", "faultsymptom", "errordescription",
		"failuredescription", "failure", "problemdetails", "whathappened", "beschreibung", "störung", "symptôme", "symptome", "sintomo", "síntoma"},
	kSeverity: {"prioridad", "urgencia", "priorità", "urgenza", "prioriteit", "urgentie", "приоритет", "срочность", "优先级", "紧急程度",
		"優先順位", "優先度", "우선순위", "긴급도"},
}

func init() {
	for key, ls := range moreLabels {
		for _, l := range ls {
			n, _ := normForMap(l)
			labels[n] = key
		}
	}
}

// normForMap normalises a label table key like lookupLabel does.
func normForMap(l string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToLower(l) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

type labelled struct {
	key   int
	unit  int // explicit unit index, 0 if none
	value string
	line  int
}

var (
	// Prose serials: "serial Q21BI04567", "S/N: Q21...", "SN#123".
	proseSerial = regexp.MustCompile(`(?i)(?:\bserial(?:\s+(?:number|no\.?|#))?|\bs/n|\bsn\s*#|\bsn\b|seriennummer|serienummer|num[ée]ro de s[ée]rie|n[°º] de s[ée]rie|` +
		`n[úu]mero de serie|numero di serie|numer seryjny|серийный номер|серийным номером|серийного номера|` +
		`シリアル番号|シリアルナンバー|製造番号|序列号|序列號|序號|시리얼 ?번호|일련번호)\s*(?:(?:is|was|ist|lautet|est|es|è|are|number is|:|：|#|=|\(|（|は|为|為|是|는|은)\s*)*([A-Z0-9][A-Z0-9-]{4,30})\b`)
	// Serials of the desk's vendors written without any keyword
	// ("Sure, it's Q24CE01357"): QNAP's Qyy + 2-3 letters/digits + digits.
	bareSerial = regexp.MustCompile(`\bQ[0-9]{2}[0-9A-Z]{2,3}[0-9]{4,6}\b`)
	// Product models of the vendors the desk ships with.
	proseModel = regexp.MustCompile(`\b(TS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TVS-h?[0-9]{3,4}[A-Za-z0-9+-]*|TS-[0-9]{3,4}[A-Z]*|TBS-[0-9A-Za-z-]+|TL-[A-Z0-9-]+|TR-[0-9]{3,4}[A-Za-z0-9-]*|` +
		`TrueNAS(?: Mini(?: X\+|XL\+| X| XL| E\+| E| R)?| [MRXFH][0-9]{2}[A-Za-z0-9-]*)|FreeNAS Mini(?: XL)?|` +
		`Quanta(?:Grid|Plex|Micro|Edge)\s+[A-Z][A-Z0-9-]+|` +
		`[DST][0-9]{2}[A-Z]{1,3}-[0-9]U|` +
		`Altai\s+[A-Z][A-Za-z0-9-]+|AX[0-9]{3}[A-Za-z0-9-]*|A[0-9]n\b|C1n\b|A2-Ei|A8-Ein|A8n|A8-E?i?n?|X[0-9]n)`)
	prosePart = regexp.MustCompile(`(?i)\b(?:part\s*(?:number|no\.?|#)|p/n|pn)\s*[:#]?\s*([A-Z0-9][A-Z0-9.-]{3,30})\b`)
	phoneRe   = regexp.MustCompile(`\+?\(?[0-9][0-9 ().\-/]{6,}[0-9]`)
	companyRe = regexp.MustCompile(`(?i)\b(inc\.?|llc|llp|ltd\.?|limited|gmbh|ag|kg|ug|ohg|corp\.?|corporation|co\.,? ltd\.?|s\.?a\.?s?\.?|sarl|s\.r\.l\.?|srl|s\.p\.a\.?|spa|s\.l\.?|ltda|b\.?v\.?|n\.?v\.?|k\.k\.?|pty|pte|plc|ab|oy|oyj|aps|a/s|asa|kft|s\.r\.o\.?|a\.s\.?|sp\. z o\.o\.?|` +
		`university|universität|université|universidad|università|hospital|klinikum|labs?|systems|solutions|technologies|networks|group|studio|` +
		`ооо|зао|оао|ао)\b|株式会社|有限会社|合同会社|有限公司|股份|주식회사|\(주\)`)
	nameRe   = regexp.MustCompile(`^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]*){0,3}$|^[\p{Han}\p{Katakana}\p{Hiragana}]{2,8}(?:\s[\p{Han}\p{Katakana}\p{Hiragana}]{1,8})?$`)
	boughtRe = regexp.MustCompile(`(?i)(bought|purchased|purchase date|invoiced|invoice dated|ordered|delivered|received it|gekauft|erworben|acheté|achetée|購入)`)
)

// extractFields fills m.Fields and m.Units from the new text and subject.
// The text is lower-cased once (offsets kept) and split into lines once;
// labels are found by a hand-written scanner and a map, and the regexps
// run only on the few lines that pass keyword pre-filters.
func extractFields(m *Message, text string, opts Options) {
	f := &m.Fields
	body, sig := splitSignature(text)
	lines := strings.Split(body, "\n")
	lowBody := lowerKeep(body)
	low := strings.Split(lowBody, "\n")

	var found []labelled
	used := make([]bool, len(lines))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if len(l) > 500 {
			continue
		}
		if idx, rest, ok := matchUnitHead(l); ok {
			found = append(found, labelled{key: kUnit, unit: idx, value: strings.TrimSpace(rest), line: i})
			used[i] = true
			continue
		}
		key, idx, val := labelOf(l)
		if key == 0 {
			continue
		}
		val = strings.TrimSpace(strings.Trim(val, "* "))
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
				if k, _, _ := labelOf(lines[j]); k != 0 {
					break
				}
				if _, _, ok := matchUnitHead(lines[j]); ok {
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
		if key == kShipTo || key == kBillTo || key == kProblem {
			found = append(found, labelled{key: key, unit: idx, value: val, line: i})
			continue
		}
		found = appendValue(found, key, idx, val, i, 0)
	}

	// Tables: a header row naming unit columns, then one row per unit.
	tableUnits := parseTable(lines, low, used)

	units := []Unit{}
	cur := -1
	var groups [][2]int // units made from one list of serials
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
			first, nset := -1, 0
			for n, s := range vals {
				idx := l.unit
				if n > 0 {
					// Only code-like items continue a list of serials
					// ("Q1, Q2 and Q3", not "Q1, model TS-473A").
					if c := cleanCode(s); !hasDigit(c) || strings.ContainsAny(strings.TrimSpace(s), " \t") && len(strings.Fields(s)) > 1 {
						break
					}
					idx = 0
					units = append(units, Unit{})
					cur = len(units) - 1
				}
				setUnit(idx, func(u *Unit) bool { return set(&u.SerialNumber, cleanCode(s)) })
				if first < 0 {
					first = cur
				}
				nset++
			}
			if nset > 1 && first >= 0 {
				groups = append(groups, [2]int{first, len(units)})
			}
			// "Serial: Q22AF09876, model TS-473A"
			if len(vals) > 1 && cur >= 0 && units[cur].Model == "" && modelCandidate(v) {
				units[cur].Model = proseModel.FindString(v)
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
	// Units listed together ("Serial numbers: A, B and C") share the model,
	// part number and firmware stated once for them.
	for _, g := range groups {
		if g[0] < 0 || g[1] > len(units) {
			continue
		}
		var shared Unit
		for _, u := range units[g[0]:g[1]] {
			shared.Model = cmp.Or(shared.Model, u.Model)
			shared.PartNumber = cmp.Or(shared.PartNumber, u.PartNumber)
			shared.Firmware = cmp.Or(shared.Firmware, u.Firmware)
		}
		for i := g[0]; i < g[1]; i++ {
			u := &units[i]
			u.Model = cmp.Or(u.Model, shared.Model)
			u.PartNumber = cmp.Or(u.PartNumber, shared.PartNumber)
			u.Firmware = cmp.Or(u.Firmware, shared.Firmware)
		}
	}
	// Invoice numbers written "Invoice #12345" without a colon.
	if f.InvoiceNumber == "" && containsAny(lowBody, invoiceWords) {
		for _, mm := range invoiceProse.FindAllStringSubmatch(selectLines(lines, low, invoiceWords), 8) {
			if c := cleanCode(mm[1]); hasDigit(c) {
				f.InvoiceNumber = c
				break
			}
		}
	}
	if f.PONumber == "" && (strings.Contains(body, "PO") || strings.Contains(body, "P.O.") || strings.Contains(lowBody, "purchase order") || strings.Contains(lowBody, "order")) {
		if mm := poProse.FindStringSubmatch(selectLinesCase(lines, low, []string{"PO", "P.O."}, []string{"purchase order", "order"})); mm != nil {
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
	// Prose: serials and models in sentences and in the subject. The
	// prose lines are the subject and the lines no label or table used.
	pl := make([]string, 0, len(lines)+1)
	plow := make([]string, 0, len(lines)+1)
	pl = append(pl, m.Subject)
	plow = append(plow, lowerKeep(m.Subject))
	for i := range lines {
		if !used[i] {
			pl = append(pl, lines[i])
			plow = append(plow, low[i])
		}
	}
	if len(units) == 0 {
		// Only lines that mention a serial (and the line before, for the model).
		src := serialLines(pl, plow)
		if src != "" {
			serials := proseSerial.FindAllStringSubmatchIndex(src, 20)
			for _, s := range serials {
				sn := src[s[2]:s[3]]
				if !hasDigit(sn) || isRefLike(sn, opts) {
					continue
				}
				u := Unit{SerialNumber: strings.ToUpper(sn)}
				// the model nearest before this serial, in the same sentence
				from := max(0, s[0]-120)
				if ms := proseModel.FindAllString(src[from:s[0]], -1); len(ms) > 0 {
					u.Model = ms[len(ms)-1]
				}
				units = appendUnit(units, u)
			}
			if len(units) == 0 {
				if ms := firstModel(pl); ms != "" {
					units = append(units, Unit{Model: ms})
				}
			}
		}
	}
	if len(units) == 0 || len(units) == 1 && units[0].SerialNumber == "" {
		for _, l := range pl {
			if strings.IndexByte(l, 'Q') < 0 {
				continue
			}
			if sn := bareSerial.FindString(l); sn != "" && !isRefLike(sn, opts) {
				if len(units) == 0 {
					units = append(units, Unit{})
				}
				units[0].SerialNumber = sn
				break
			}
		}
	}
	if len(units) == 1 {
		if units[0].Model == "" {
			units[0].Model = firstModel(pl)
		}
		if units[0].PartNumber == "" {
			for i, l := range plow {
				if !containsAny(l, partWords) {
					continue
				}
				src := pl[i]
				if i+1 < len(pl) {
					src += "\n" + pl[i+1]
				}
				if mm := prosePart.FindStringSubmatch(src); mm != nil && hasDigit(mm[1]) {
					units[0].PartNumber = strings.ToUpper(mm[1])
					break
				}
			}
		}
	}
	m.Units = compactUnits(units)

	if f.InvoiceDate == "" {
		for i, l := range lines {
			if containsAny(low[i], boughtWords) && boughtRe.MatchString(l) {
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
		// "Thanks, Tom" signed by Tom Baker: the From name is fuller.
		if n := f.ContactName; n != "" && !strings.ContainsAny(n, " \t") && fwdName == "" &&
			strings.Contains(strings.ToLower(m.From.Name), strings.ToLower(n)) && strings.ContainsRune(m.From.Name, ' ') {
			f.ContactName = m.From.Name
		}
	}
	if f.ContactName == "" {
		f.ContactName = fwdName
	}
	if f.ContactName == "" {
		f.ContactName = m.From.Name
	}
	sigLines := strings.Split(sig, "\n")
	if f.Email == "" {
		// An address in the signature, or in a "contact me at ..." line.
		f.Email = contactEmail(sigLines, nil, m.From.Address)
		if f.Email == "" {
			f.Email = contactEmail(lines, low, m.From.Address)
		}
	}
	if f.Email == "" {
		f.Email = fwdAddr
	}
	if f.Email == "" {
		f.Email = m.From.Address
	}
	if f.Phone == "" {
		f.Phone = phoneIn(sigLines)
	}
	if f.Phone == "" {
		f.Phone = phoneIn(lines)
	}
	if f.Phone == "" {
		f.Phone = prosePhone(lines, low)
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

var phonePrefixes = []string{"t:", "m:", "p:", "t.", "m.", "tel", "phone", "mobile", "mob", "cell", "fon", "handy", "+",
	"tél", "telefon", "teléfono", "telefono", "telefoon", "телефон", "тел", "電話", "电话", "전화", "연락처", "携帯", "聯絡電話", "联系电话"}

// valueSeps separate several "Label: value" pairs written on one line
// ("S/N: Q1 / Model: TS-873A").
var valueSeps = []string{" / ", " | ", "; ", "\t", " , ", ", "}

// appendValue appends the labelled value of line i, split when the line
// holds more labels ("S/N: Q1 / Model: TS-873A") or a unit value carries
// more unit facts ("TS-464 (S/N Q22AA11111), firmware 5.1.0").
func appendValue(found []labelled, key, idx int, val string, line, depth int) []labelled {
	if depth < 4 {
		for _, sep := range valueSeps {
			j := strings.Index(val, sep)
			if j <= 0 {
				continue
			}
			if k, kidx, rest := labelOf(val[j+len(sep):]); k != 0 && k != kShipTo && k != kBillTo && k != kProblem {
				found = appendValue(found, key, idx, strings.TrimSpace(val[:j]), line, depth+1)
				if kidx == 0 {
					kidx = idx
				}
				return appendValue(found, k, kidx, strings.TrimSpace(strings.Trim(rest, "* ")), line, depth+1)
			}
		}
	}
	var extra []labelled
	if key == kModel || key == kPart || key == kFirmware {
		cut := -1
		for _, sep := range []string{" (", ", ", " / ", " | ", "; "} {
			if j := strings.Index(val, sep); j > 0 && (cut < 0 || j < cut) {
				cut = j
			}
		}
		if cut > 0 {
			rest := val[cut:]
			if mm := proseSerial.FindStringSubmatch(rest); mm != nil && hasDigit(mm[1]) {
				extra = append(extra, labelled{key: kSerial, unit: idx, value: mm[1], line: line})
			}
			if key != kFirmware {
				if mm := fwProse.FindStringSubmatch(rest); mm != nil {
					extra = append(extra, labelled{key: kFirmware, unit: idx, value: mm[1], line: line})
				}
			}
			if key == kModel {
				val = strings.TrimSpace(val[:cut])
			}
		}
	}
	found = append(found, labelled{key: key, unit: idx, value: val, line: line})
	return append(found, extra...)
}

// contactEmail returns an e-mail address the sender gives as a contact:
// in signature lines (low nil), any address; in body lines, one on a line
// that says so ("contact me at", "reach me", "reply to", "e-mail"). The
// From address itself is not "stated" and gives "".
func contactEmail(lines, low []string, from string) string {
	for i, l := range lines {
		if strings.IndexByte(l, '@') < 0 {
			continue
		}
		if low != nil && !containsAny(low[i], contactWords) {
			continue
		}
		if a, _ := findEmail(l, false); a != "" {
			if a == from {
				return ""
			}
			return a
		}
	}
	return ""
}

var contactWords = []string{"contact", "reach me", "reach us", "reply to", "write to", "e-mail", "email", "mail me", "kontakt", "erreichen",
	"joindre", "contacter", "contatt", "contacto"}

// prosePhone finds a phone number on a line that says it is one ("call me
// on +44 7700 900123", "my mobile is ..."): at least eight digits, not a date.
func prosePhone(lines, low []string) string {
	for i, l := range lines {
		if !containsAny(low[i], prosePhoneWords) {
			continue
		}
		for _, p := range phoneRe.FindAllString(l, 4) {
			if digits(p) >= 8 && isoDate.FindString(p) == "" && numDate.FindString(p) != strings.TrimSpace(p) {
				return strings.TrimSpace(p)
			}
		}
	}
	return ""
}

var prosePhoneWords = []string{"call", "phone", "mobile", "cell", "reach me", "tel", "whatsapp", "anrufen", "erreichbar", "appeler", "llamar"}

// phoneIn returns the first phone number on a line starting Tel/Phone/
// Mobile/T:/M:/P:/+, as written.
func phoneIn(lines []string) string {
	for _, l := range lines {
		t := strings.TrimLeft(l, " \t")
		ok := false
		for _, p := range phonePrefixes {
			if hasPrefixFold(t, p) {
				ok = true
				break
			}
		}
		if !ok {
			continue
		}
		if p := phoneRe.FindString(l); p != "" && digits(p) >= 7 {
			return strings.TrimSpace(p)
		}
	}
	return ""
}

// firstModel returns the first product model in the prose lines.
func firstModel(pl []string) string {
	tried := 0
	for _, l := range pl {
		if len(l) < 500 && modelCandidate(l) {
			if tried++; tried > 200 {
				break
			}
			if ms := proseModel.FindString(l); ms != "" {
				return ms
			}
		}
	}
	return ""
}

// selectLines joins the lines whose lower-case form contains one of words,
// each with the line after it (a value may follow on the next line).
func selectLines(lines, low []string, words []string) string {
	return selectLinesCase(lines, low, nil, words)
}

// selectLinesCase is selectLines with case-sensitive words too.
func selectLinesCase(lines, low []string, exact, lower []string) string {
	var b strings.Builder
	last := -1
	for i, l := range lines {
		if !containsAny(l, exact) && !containsAny(low[i], lower) {
			continue
		}
		for k := max(i, last+1); k <= i+1 && k < len(lines); k++ {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(lines[k])
			last = k
		}
	}
	return b.String()
}

var (
	invoiceProse = regexp.MustCompile(`(?i)\b(?:invoice|inv\.|rechnung|facture|factura|fattura|factuur)\s*(?:#|no\.?|number|nr\.?|n°|nº)?\s*:?\s*([A-Z0-9][A-Z0-9-]{2,30})\b`)
	poProse      = regexp.MustCompile(`(?:\bPO|\bP\.O\.|(?i:purchase order)|(?i:\border)\s*(?i:#|no\.?|number))\s*(?i:#|no\.?|number)?\s*(?i:is)?\s*:?\s*([A-Z0-9]*[0-9][A-Z0-9-]{2,30})\b`)
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
func parseTable(lines, low []string, used []bool) []Unit {
	var units []Unit
	for i := 0; i < len(lines); i++ {
		if l := lines[i]; strings.IndexByte(l, '|') < 0 && strings.IndexByte(l, '\t') < 0 && !strings.Contains(l, "  ") ||
			!containsAny(low[i], tableSerialWords) {
			continue
		}
		cells := splitCells(lines[i])
		if len(cells) < 2 {
			continue
		}
		cols := make([]int, len(cells))
		hasSerial := false
		for c, cell := range cells {
			cols[c], _ = lookupLabel(cell)
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
			if t := strings.TrimSpace(lines[j]); t != "" && strings.Trim(t, "-=+|: ") == "" {
				used[j] = true
				continue // a rule line ("|---|---|")
			}
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

// splitCells splits a table row on "|", or on tabs and runs of two or
// more spaces. A line that is not a row of at least two cells gives nil.
func splitCells(l string) []string {
	t := strings.TrimSpace(l)
	if t == "" || len(t) > 400 {
		return nil
	}
	var cells []string
	if strings.IndexByte(t, '|') >= 0 {
		t = strings.Trim(t, "|")
		cells = strings.Split(t, "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		return cells
	}
	if strings.IndexByte(t, '\t') < 0 && !strings.Contains(t, "  ") {
		return nil
	}
	start := 0
	for i := 0; i < len(t); {
		if !isSpaceByte(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isSpaceByte(t[j]) {
			j++
		}
		if j-i >= 2 || t[i] == '\t' {
			cells = append(cells, t[start:i])
			start = j
		}
		i = j
	}
	return append(cells, t[start:])
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
		if isClosing(lines[i]) {
			return strings.Join(lines[:i], "\n"), strings.Join(lines[i+1:], "\n")
		}
	}
	// No delimiter or closing: a short last paragraph that starts with a
	// name ("Liu Yang / company / phone") is the signature.
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	b := end - 1
	for b >= 0 && strings.TrimSpace(lines[b]) != "" {
		b--
	}
	if b > 0 && end-b-1 >= 1 && end-b-1 <= 6 {
		first := strings.TrimSpace(lines[b+1])
		if len(first) < 50 && nameRe.MatchString(first) && !companyRe.MatchString(first) {
			return strings.Join(lines[:b], "\n"), strings.Join(lines[b+1:end], "\n")
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
			if mayBeField(l) {
				if mm := fwdFromLine.FindStringSubmatch(l); mm != nil {
					if a, ok := looseAddress(mm[2]); ok && strings.Contains(a.Address, "@") {
						return a.Name, a.Address
					}
				}
			}
			if in && i > 0 && t == "" {
				in = false
			}
		}
	}
	return "", ""
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
		case len(t) < 60 && isGreeting(t):
			continue
		case strings.HasPrefix(t, "#"):
			continue
		case mayBeMarker(t) && (forwardMarker.MatchString(t) || originalMessage.MatchString(t)):
			flush()
			continue
		case mayBeField(t) && (headerKind(t) != 0 || hasPrefixFold(t, "cc:")):
			continue
		case isClosing(t):
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
	s := cutUTF8(strings.Join(paras, "\n\n"), 4000) // never half a character
	return strings.TrimSpace(s)
}

var courtesy = regexp.MustCompile(`(?i)^(thanks?( you)?( in advance)?( for your (help|support|assistance))?|please advise|let me know.*|looking forward.*|vielen dank.*|merci.*)[.!]*$`)

var (
	sevCritical = regexp.MustCompile(`(?i)\b(critical|urgent|urgently|emergency|outage|production (is )?down|(is|are|went|goes|server|system|network|site|completely|totally) down|down since|data loss|losing data|kritisch|dringend|ausfall|critique|panne totale|緊急)\b`)
	sevHigh     = regexp.MustCompile(`(?i)\b(degraded|degradiert|dégradé|degradato|degradado|gedegradeerd|intermittent(ly)?|randomly|sporadic(ally)?|keeps? (rebooting|restarting|crashing|dropping|disconnecting)|drops? (the )?(link|connection)|every few (seconds|minutes|hours)|performance (issue|problem|drop)|unstable|sporadisch|instable)\b`)
	sevLow      = regexp.MustCompile(`(?i)\b(not urgent|no rush|low priority|cosmetic|not critical|when you (get|have) (a chance|time))\b`)
)

// severityOf maps a stated severity/priority to critical|high|low.
func severityOf(v string) string {
	l := strings.ToLower(strings.TrimSpace(withoutLinks(v)))
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
// The regexps run only on windows around their trigger words.
func severityFromWords(s string) string {
	s = withoutLinks(s)
	l := lowerKeep(s)
	switch {
	case !containsAny(l, sevWords):
		return ""
	case matchNear(sevLow, s, l, sevLowWords):
		return "low"
	case strings.Contains(l, "緊急") || matchNear(sevCritical, s, l, sevCriticalWords):
		return "critical"
	case matchNear(sevHigh, s, l, sevHighWords):
		return "high"
	}
	return ""
}

var (
	sevLowWords      = []string{"not urgent", "no rush", "low priority", "cosmetic", "not critical", "when you"}
	sevCriticalWords = []string{"critical", "urgent", "emergency", "outage", "down", "data loss", "losing data", "kritisch", "dringend",
		"ausfall", "critique", "panne totale"}
	sevHighWords = []string{"drop", "every few", "degraded", "degradiert", "dégradé", "degradato", "degradado", "gedegradeerd", "intermittent", "random", "sporadic", "keep", "performance", "unstable", "sporadisch", "instable"}
)

// Cheap keyword pre-filters that keep the case-insensitive regexps (slow
// in Go's RE2 engine) off text that cannot match.
var (
	sevWords = []string{"drop", "every few", "degrad", "dégradé", "critical", "urgent", "emergency", "outage", "down", "data loss", "losing data", "kritisch", "dringend",
		"ausfall", "critique", "panne", "緊急", "degraded", "intermittent", "random", "sporadic", "keep", "performance",
		"unstable", "instable", "rush", "priority", "cosmetic", "when you"}
	boughtWords = []string{"bought", "purchase", "invoice", "ordered", "delivered", "received it", "gekauft", "erworben", "achet", "購入"}
	serialWords = []string{"serial", "s/n", "sn", "seriennummer", "serienummer", "série", "serie", "seryjny", "серийн", "シリアル", "製造番号",
		"序列号", "序列號", "序號", "시리얼", "일련번호"}
	partWords = []string{"part", "p/n", "pn"}
	// words one of which every serial column header contains
	tableSerialWords = []string{"seri", "sn", "s/n", "s/ n", "série", "service", "シリアル", "製造番号", "序列号"}
	invoiceWords     = []string{"invoice", "inv", "rechnung"}
)

// withoutLinks blanks the words of s that are URLs, host names, e-mail
// addresses or references ("https://kb/high-availability", "urgent@x",
// "CRIT-4711"): a severity word inside them says nothing about the fault.
// Everything else, line breaks included, stays where it was.
func withoutLinks(s string) string {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") && !strings.Contains(s, "@") && !hasRefDash(s) {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		if isSpaceByte(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && !isSpaceByte(b[j]) {
			j++
		}
		t := strings.Trim(s[i:j], "()[]<>{}\"',.;:!?")
		if strings.Contains(t, "://") || hasPrefixFold(t, "www.") || strings.Contains(t, "@") || isRefWord(t) {
			for k := i; k < j; k++ {
				b[k] = ' '
			}
		}
		i = j
	}
	return string(b)
}

// hasRefDash reports a '-' followed by a digit, as in "TKT-100042".
func hasRefDash(s string) bool {
	for i := strings.IndexByte(s, '-'); i >= 0 && i+1 < len(s); {
		if isDigit(s[i+1]) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '-')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// isRefWord reports a reference: letters, a '-' and digits to the end.
func isRefWord(t string) bool {
	i := strings.LastIndexByte(t, '-')
	if i <= 0 || i == len(t)-1 {
		return false
	}
	for j := i + 1; j < len(t); j++ {
		if !isDigit(t[j]) {
			return false
		}
	}
	return true
}

func containsAny(lower string, words []string) bool {
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// serialLines keeps the prose lines that mention a serial, each with the
// line before it, joined.
func serialLines(pl, plow []string) string {
	var b strings.Builder
	for i := range pl {
		if b.Len() > 16<<10 {
			break
		}
		if containsAny(plow[i], serialWords) || i+1 < len(pl) && containsAny(plow[i+1], serialWords) {
			b.WriteString(pl[i])
			b.WriteByte('\n')
		}
	}
	return b.String()
}
