package parser

import (
	"strings"
	"unicode"
)

// The label tables: every label the parser recognises, per field, in every
// language it reads. lookupLabel (scan.go) normalises a label as written and
// looks it up here.

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
	kDeliveryDate
	// kShipBill: one address for both ("Shipping and billing address:")
	kShipBill
	// kOrderDate: when the goods were ordered ("Order date:"), read as a
	// label so its line is no prose, and never the invoice date: an
	// order is invoiced later ("Order Date: 11 June 2025" over "Invoice
	// Date: 12 June 2025" in a store's confirmation)
	kOrderDate
	// kGivenName and kFamilyName: a web form's "First Name:" and "Last
	// Name:" rows, read together as the contact's name
	kGivenName
	kFamilyName
)

// defectiveWords name the broken unit in an address label.
var defectiveWords = []string{"defeito", "défectueu", "defectuos", "difettos", "defekt", "defective", "defecte", "faulty", "kaputt", "uszkodzon", "vadn"}

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
	"firmware": kFirmware, "fw": kFirmware, "yazılımsürümü": kFirmware, "yazilimsurumu": kFirmware, "sürüm": kFirmware, "fwversion": kFirmware, "firmwareversion": kFirmware, "version": kFirmware, "バージョン": kFirmware, "版本": kFirmware,
	"qtsversion": kFirmware, "osversion": kFirmware, "softwareversion": kFirmware, "ファームウェア": kFirmware, "bios": kFirmware, "biosversion": kFirmware,
	"po": kPO, "ponumber": kPO, "purchaseorder": kPO, "purchaseordernumber": kPO, "pono": kPO, "bestellnummer": kPO, "bondecommande": kPO, "注文番号": kPO,
	"invoice": kInvoice, "invoiceno": kInvoice, "invoicenumber": kInvoice, "invno": kInvoice, "rechnungsnummer": kInvoice, "rechnungsnr": kInvoice,
	"numérodefacture": kInvoice, "numerodefacture": kInvoice, "facture": kInvoice, "請求書番号": kInvoice, "qctinvoice": kInvoice, "qctinvoiceno": kInvoice,
	"invoicedate": kInvoiceDate, "dateofinvoice": kInvoiceDate, "purchasedate": kInvoiceDate, "dateofpurchase": kInvoiceDate,
	"rechnungsdatum": kInvoiceDate, "kaufdatum": kInvoiceDate, "datedefacture": kInvoiceDate, "datedachat": kInvoiceDate, "購入日": kInvoiceDate,
	"deliverydate": kDeliveryDate, "dateofdelivery": kDeliveryDate, "delivereddate": kDeliveryDate, "deliveredon": kDeliveryDate,
	"datedelivered": kDeliveryDate, "lieferdatum": kDeliveryDate, "datedelivraison": kDeliveryDate, "fechadeentrega": kDeliveryDate,
	"contact": kContact, "name": kContact, "contactname": kContact, "contactperson": kContact, "ansprechpartner": kContact, "kontakt": kContact,
	"personadecontacto": kContact, "personadicontatto": kContact, "personadiriferimento": kContact, "interlocuteur": kContact, "interlocutrice": kContact,
	"personnedecontact": kContact, "personacontacto": kContact,
	"nom": kContact, "担当者": kContact, "yourname": kContact, "fullname": kContact, "customername": kContact, "nameandtitle": kContact,
	// ticketing systems' forms name the person who asks "Reporter" (Jira),
	// "Caller" (ServiceNow), "Requester" or "Submitted by"
	"reporter": kContact, "caller": kContact, "callername": kContact, "requestor": kContact, "requestername": kContact, "submittedby": kContact, "raisedby": kContact,
	"firstname": kGivenName, "givenname": kGivenName, "vorname": kGivenName, "prénom": kGivenName, "prenom": kGivenName,
	"lastname": kFamilyName, "surname": kFamilyName, "familyname": kFamilyName, "nachname": kFamilyName, "nomdefamille": kFamilyName, "apellido": kFamilyName, "apellidos": kFamilyName, "sobrenome": kFamilyName, "cognome": kFamilyName, "achternaam": kFamilyName,
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
	kSerial: {"serienummers", "serienumre", "serienummer(s)", "serialnumbers", "númerosdesérie", "numerosdesérie", "ndiserie", "numdiserie", "nrdiserie", "nserie", "nrseryjny", "nºsérie", "nsérie", "numérosdesérie", "numerosdeserie", "seriennummern", "númerosdeserie", "numeridiserie", "serials", "serialnos", "序列号码", "序號碼",
		"numerseryjny", "sériovéčíslo", "seriovecislo", "серийныйномер", "заводскойномер", "серийник", "시리얼번호", "일련번호", "시리얼",
		"序號", "序列號", "产品序列号", "númerodeserie", "nºdeserie", "ndeserie", "nodeserie", "númerodesérie", "serienr", "matricola",
		"numeroseriale", "製品シリアル番号", "シリアルno", "シリアルナンバー", "sn码", "snnumber", "serialnumberofdefectiveunit",
		// the unit's own serial, the noun after it: Dutch "Serienummer
		// systeem", German "Seriennummer System"
		"serienummersysteem", "serienummerapparaat", "seriennummersystem", "seriennummergerät", "numérodesériesystème", "numerodeseriesysteme"},
	kModel: {"모델", "모델명", "型號", "产品型号", "產品型號", "機型", "机型", "модель", "modello", "produkt", "produit", "prodotto", "producto",
		"productmodel", "modelname", "製品名", "製品型番", "型式", "gerätemodell", "modèledelappareil", "producttype"},
	kPart: {"númerodepieza", "numerodepieza", "nºdepieza", "ndepieza", "referenciadepieza", "códigodepieza", "codigodepieza", "referência", "referencia", "códigodapeça", "codigodapeca",
		"numérodepièce", "numerodepiece", "référencepièce", "codicericambio", "codiceparte", "numeroparte", "onderdeelnr", "artikelnummerfabrikant", "numerczesci", "numerczęści", "nrczęści", "numerkatalogowy", "referênciadapeça", "númerodapeça", "numerodapeca", "códigodoproduto", "產品編號", "产品编号", "產品料號", "製品コード", "型式番号", "製品型番号",
		"製品番号", "codicearticolo", "codarticolo", "articolo", "númerodeartículo", "numerodearticulo", "référencearticle", "partnumbers", "品番号", "零件号", "物料号",
		"númerodeparte", "numerodeparte", "artikelnr", "部件号", "料号", "料號", "品號", "부품번호", "referencia", "codiceprodotto", "onderdeelnummer",
		"партномер", "артикул", "productnumber", "ordercode"},
	// a bare "Version" in the desk's languages, as a table's column
	// header next to Model and Serial ("Model<TAB>Serienummer<TAB>Versie")
	kFirmware: {"versie", "versión", "versione", "versão", "wersja", "verze", "versio",
		"versãodofirmware", "versaodofirmware", "versãodefirmware", "versãobios", "versaobios", "versãodobios", "versaodobios", "versãobmc", "versãodobmc", "versãofirmware", "wersjafirmware", "wersjaoprogramowania", "versãodosoftware", "прошивка", "версияпрошивки", "펌웨어", "固件", "固件版本", "韌體", "韌體版本", "ファームウェアバージョン", "versionfirmware",
		"firmwareversie", "versionedelfirmware", "versióndefirmware", "firmwarestand", "qutsheroversion",
		"versionesoftware", "versionedelsoftware", "versióndesoftware", "versiondesoftware", "softwareversie", "softwarestand", "ソフトウェアバージョン", "软件版本", "軟體版本",
		"software", "firmwarebmc", "firmwarebios", "firmwaredelbmc", "firmwarebmcversion", "versionefirmwarebmc", "firmwarever", "fwver", "firmwarerev", "bmc", "bmcversion", "firmwareatual", "firmwareactual", "firmwareattuale", "firmwareaktuell",
		"aktuellefirmware", "firmwareactuelle", "installedfirmware", "firmwareinstalled", "sw", "swversion", "firmwarelevel", "fwlevel", "fwrev", "fwrevision", "softwarelevel", "firmwarerevision", "firmwarerelease", "versionefirmware", "versióndelfirmware", "固件版本号", "韌體版本號",
		// French and Spanish word order: "Version BMC :", "Versión BIOS:"
		"versionbmc", "versiondubmc", "versionbios", "versiondubios", "versiónbmc", "versióndelbmc", "versiónbios", "versióndelbios", "versionedelbmc", "versionebios", "versionedelbios"},
	kPO: {
		// "Our PO ref", Czech "Číslo objednávky", Swedish "(Vår)
		// beställningsreferens", Turkish "Sipariş no", Korean "(구매)
		// 주문번호" (注文番号); a letter's bare "Our Ref" is not one: it is as
		// often the writer's file, ticket or RMA reference (attack 31)
		"poref", "porefno", "poreference", "čísloobjednávky", "cisloobjednavky", "beställningsreferens", "vårbeställningsreferens", "siparişno", "siparisno", "siparişnumarası",
		"siparisnumarasi", "주문번호", "구매주문번호", "발주번호",
		"ordinedacquisto", "beställning", "ordernummer", "inkoopordernummer", "bestelnr", "numerozamowienia", "requisição", "requisicao", "encomenda", "notadeencomenda", "númerodaencomenda", "numerodaencomenda", "nºdaencomenda", "ndaencomenda", "ordemdecompra", "pedidodecompra", "nrzamówienia", "číslobjednávky", "objednávka", "beställningsnummer", "ordrenummer", "bestillingsnummer", "pedido", "númerodepedido", "numerodepedido", "ordendecompra", "ordinediacquisto", "numeroordine", "ordine", "inkooporder",
		"bestelnummer", "zamówienie", "numerzamówienia", "номерзаказа", "заказ", "采购单号", "订单号", "訂單編號", "発注番号", "주문번호", "ordernumber",
		"orderno", "order", "yourpo", "customerpo", "customerorder", "customerordernumber", "ponr", "bestellung", "commande", "numérodecommande",
		"orderref", "orderreference", "ordernr", "bestellnr", "ndecommande", "nºdecommande", "nodecommande", "numerodecommande",
		"númerodeorden", "numerodeorden", "ordendecompranº", "pedidonº", "nºdepedido", "ndepedido", "numerodordine", "nordine",
		"ordinen", "采购订单号", "采购订单", "订单编号", "订单号码", "訂單號碼", "訂單號", "採購單號", "注文no", "発注no", "発注書番号", "purchaseorderref",
		// the customer's own: "Customer's PO:", "Our PO number:" (the
		// apostrophe, straight or typographic, drops out)
		"customerspo", "customersponumber", "customerpurchaseorder", "customerspurchaseorder", "customerspurchaseordernumber", "customersordernumber",
		"ourpo", "ourponumber", "ourpurchaseorder", "ourpurchaseordernumber", "ourordernumber"},
	kInvoice: {"billno", "billnumber", "notafiscal", "notafiscalnº", "notafiscaln", "fakturavat", "fakturavatnr", "fatura", "faturan", "faturanº", "númerodafatura", "numerodafatura", "nºdafatura", "ndafatura", "nrfaktury", "fakturanr", "číslofaktury", "fakturanummer", "factura", "númerodefactura", "nºfactura", "nfactura", "fattura", "numerofattura", "nfattura", "factuur", "factuurnummer",
		"rechnung", "faktura", "numerfaktury", "счет", "счёт", "номерсчета", "номерсчёта", "发票号", "发票号码", "發票號碼", "發票號", "インボイス番号",
		"송장번호", "인보이스번호", "invoiceref", "invoicenr", "rechnungnr", "nfacture", "ndefacture", "nodefacture", "invoiceid",
		"facturen", "facturenº", "nºdefactura", "ndefactura", "nodefactura", "numerofactura", "facturano", "facturanº", "nfactura", "numerodefactura", "fatturan", "fatturano", "numerodifattura",
		"发票编号", "發票編號", "請求書no", "インボイスno", "invoicereference"},
	kInvoiceDate: {"datefacture", "datedelafacture", "fechafactura", "fechadelafactura", "datafatura", "datadellafattura", "rechnungdatum", "invoicedatum", "datadafatura", "datadefatura", "datadecompra", "datadacompra", "datadeaquisição", "datafaktury", "datumfaktury", "fakturadatum", "datadeemissão", "fechadecompra", "fechadefactura", "datadiacquisto", "datadacquisto", "datafattura", "aankoopdatum", "factuurdatum",
		"datazakupu", "датапокупки", "датасчета", "购买日期", "购买日", "購買日期", "구입일", "구매일", "dateofsale", "saledate",
		"dateachat", "datedelafacture", "purchasedon", "purchased", "boughton", "購入日付", "invoicedated",
		// Swedish "Köpt: 2024-11-05" (bought), Indian "Bill Date"
		"köpt", "köptden", "köpdatum", "inköpsdatum", "billdate",
		"开票日期", "開票日", "请款日期", "請求日", "請求書日付", "発行日", "发票日期", "開票日期", "發票日期", "datadellafattura", "datadifattura", "fechafactura", "datumderrechnung",
		"인보이스날짜", "송장날짜", "청구서날짜", "인보이스발행일", "請求書発行日", "請求日付", "datadanf", "datadanota", "datadanotafiscal", "datadeemissãodanf", "datadeemissaodanf"},
	kDeliveryDate: {"納品日", "交付日期", "收货日期", "receivedon", "datereceived"},
	kOrderDate:    {"orderdate", "dateoforder", "orderedon", "bestelldatum", "datedecommande", "fechadepedido", "datadellordine", "besteldatum"},
	kContact: {
		// a web form's "Nome e cognome", "Nombre y apellidos", "Prénom et
		// nom", "Vor- und Nachname": the person's whole name
		"nomeecognome", "nomecognome", "cognomeenome", "nombreyapellidos", "nombreyapellido", "prénometnom", "prenometnom", "vorundnachname", "nomecompleto",
		"pessoadecontacto", "pessoadecontato", "osobakontaktowa", "kontaktperson", "kontaktníosoba", "contacto", "nombre", "referente", "contatto", "nome", "contactpersoon", "naam", "контактноелицо", "имя", "фио", "联系人",
		"聯絡人", "담당자", "이름", "お名前", "氏名", "requester", "requestedby", "reportedby", "contactperson"},
	kCompany: {"empresa", "azienda", "società", "societa", "bedrijf", "компания", "организация", "公司", "公司名称", "公司名稱", "회사", "회사명",
		"companyname", "firmenname", "raisonsociale", "ragionesociale", "bedrijfsnaam", "organisationname",
		// a reseller's "End customer:" line names the company the request
		// is for, like "Customer:" ("Cliente finale: Caseificio ... S.p.A.")
		"endcustomer", "endkunde", "clientefinale", "clientfinal", "clientefinal", "eindklant", "endclient", "klientkońcowy"},
	kEmail: {"correo", "correoelectrónico", "邮箱", "电子邮件", "電子郵件", "이메일", "почта", "электроннаяпочта", "emailadresse", "adresseemail"},
	kPhone: {"telefone", "telemóvel", "telemovel", "celular", "telefonkomórkowy", "komórka", "teléfono", "telefoonnummer", "telefoon", "телефон", "тел", "电话", "联系电话", "聯絡電話", "전화", "전화번호", "연락처", "handynummer",
		"mobil", "cellulare", "móvil", "movil", "telefonnummer", "numérodetéléphone", "phoneno", "tel.", "mobilephone", "directline", "携帯", "携帯電話",
		"direct", "directdial", "office", "officephone", "mob", "cellular", "cellphone", "cel", "手机", "手機", "手机号", "联系方式", "聯絡方式", "固定电话",
		"portable", "tél.", "telmobile", "teléfonomóvil", "numerodetelefono", "númerodeteléfono", "recapitotelefonico", "tel/fax"},
	kShipTo: {"leveringsadres", "afleveringsadres", "bezorgadres", "ouraddressforthereplacement", "addressforthereplacement", "addressforthereplacementunit", "replacementaddress", "adressederetour", "dodacíadresa", "dodaciadresa", "adresadoručení", "moradaparaenvio", "moradadeenvio", "moradadeentrega", "endereçodeentrega", "enderecodeentrega", "endereçoparaenvio", "enderecoparaenvio", "endereçoparadevolução", "enderecoparadevolucao", "morada", "endereço", "endereco", "adresdostawy", "adresdowysyłki", "doručovacíadresa", "leveransadress", "leveringsadresse", "direccióndeenvío", "direcciondeenvio", "direccion", "dirección", "indirizzo", "indirizzodispedizione", "afleveradres", "adres",
		"verzendadres", "adreswysyłki", "адрес", "адресдоставки", "地址", "收货地址", "收貨地址", "送貨地址", "收件地址", "收件人地址", "寄送地址", "送货地址", "配送先", "配送先住所", "お届け先住所", "주소", "배송지", "お届け先", "送り先",
		"returnshipto", "newaddress", "thenewaddress", "newaddressis", "thenewaddressis", "newshippingaddress", "shippingto", "sendto", "returnto", "deliverto", "lieferanschrift", "versandadresse", "adressedexpédition", "adressedelivraison",
		"pleaseshipto", "pleasesendto", "pleasedeliverto", "kindlyshipto", "pleasesenditto", "pleaseshipitto", "pleasesendthereplacementto",
		"pleaseshipthereplacementto", "bitteliefernan", "bittesendenan", "rücksendungbittean", "rücksendungan", "rücksendeadresse", "rücksendeanschrift",
		"退回地址", "寄回地址", "回寄地址", "退貨地址", "退货地址", "merciedenvoyerà", "enviara", "spedirea",
		"lieferungbittean", "lieferungan", "livrerà", "livreradresse", "adressedelivraisonà", "indirizzodiconsegna", "consegnarea", "entregara", "entregaren",
		"배송주소", "반송주소", "배송받을주소", "배송지주소", "leveradres",
		// "返修地址", "寄回地址如下" ("as follows"), Czech "Adresa pro zaslání",
		// Turkish "Teslimat adresi"
		"consigneeaddress", "consignee", "consigneedetails",
		// a bare "Delivery:" or "Replacement parts to:" over a block; "our
		// receiving is:" (the goods-in dock)
		"delivery", "deliveryto", "replacementto", "replacementpartsto", "partsto", "sparesto", "receivingaddress", "ourreceivingis", "receivingis", "goodsinaddress",
		"返修地址", "返修地址如下", "寄回地址如下", "收货地址如下", "收貨地址如下", "寄送地址如下", "地址如下", "adresaprozaslání", "adresaprozaslani", "teslimatadresi", "gönderimadresi", "gonderimadresi", "返送先", "返送先住所", "発送先", "送付先住所", "邮寄地址", "收货人地址"},
	kShipBill: {"sameaddressforshippingandbilling", "sameaddressforbillingandshipping", "sameaddressforbothshippingandbilling", "shiptoandbillto", "shipandbillto", "billandshipto", "shiptobillto", "billtoshipto", "shippingandbillingaddress",
		"billingandshippingaddress", "shippingandinvoiceaddress", "deliveryandinvoiceaddress", "deliveryandbillingaddress",
		"indirizzodispedizioneefatturazione", "indirizzodifatturazioneespedizione", "lieferundrechnungsadresse", "rechnungsundlieferadresse",
		"liefer/rechnungsadresse", "adressedelivraisonetdefacturation", "adressedefacturationetdelivraison", "direccióndeenvíoyfacturación",
		"direcciondeenvioyfacturacion", "direccióndefacturaciónyenvío", "afleverenfactuuradres"},
	kBillTo: {"invoiceto", "invoicingaddress", "sendinvoiceto", "sendtheinvoiceto", "rechnungan", "facturera", "facturara", "fatturarea", "factuurnaar", "moradadefaturação", "moradadefaturacao", "endereçodefaturação", "enderecodefaturacao", "endereçodecobrança", "adresdofaktury", "danedofaktury", "fakturačníadresa", "fakturaadress", "fakturaadresse", "direcciondefacturacion", "direccióndefacturación", "indirizzodifatturazione", "factuuradres", "rechnungsanschrift", "invoiceaddress"},
	kProblem: {"problema", "descripcióndelproblema", "descripcion", "descripción", "falla", "descrizione", "descrizionedelproblema", "guasto",
		"probleem", "omschrijving", "storing", "opisproblemu", "проблема", "описание", "описаниепроблемы", "неисправность", "问题", "问题描述",
		"故障描述", "故障现象", "問題描述", "故障", "증상", "문제", "고장내용", "不具合内容", "不具合", "faultsymptom", "errordescription",
		"failuredescription", "failure", "problemdetails", "whathappened", "beschreibung", "störung", "symptôme", "symptome", "sintomo", "síntoma"},
	kSeverity: {"impacto", "impatto", "auswirkung", "影响程度", "影響程度", "影响", "影響", "schweregrad", "ernsthaftigkeit", "gravedad", "gravidade", "gravità", "severidad", "severidade", "priorytet", "waga", "allvarlighetsgrad", "prioritet", "严重程度", "嚴重程度", "严重性", "嚴重性", "prioridad", "urgencia", "priorità", "urgenza", "prioriteit", "urgentie", "приоритет", "срочность", "优先级", "紧急程度",
		"優先順位", "優先度", "우선순위", "긴급도", "öncelik", "aciliyet", "önemderecesi", "priorita", "naléhavost", "prioritet", "prioriteetti"},
}

func init() {
	for key, ls := range moreLabels {
		for _, l := range ls {
			labels[normForMap(l)] = key
		}
	}
}

// normForMap normalises a label table key like lookupLabel does.
func normForMap(l string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(l) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// labelPrefixes and labelSuffixes match labels not in the map by their
// start ("Ship to for the replacement") or end ("BMC firmware", "Chassis
// serial number"), normalised like the map keys.
var labelPrefixes = []struct {
	s   string
	key int
}{{"shipto", kShipTo}, {"billto", kBillTo}, {"shippingaddress", kShipTo}, {"returnaddress", kShipTo}, {"deliveryaddress", kShipTo},
	{"pleaseshipto", kShipTo}, {"pleasesendto", kShipTo}, {"pleasesendit", kShipTo}, {"pleasedeliverto", kShipTo}, {"kindlyshipto", kShipTo},
	{"pleasesendthereplacementto", kShipTo}, {"pleaseshipthereplacementto", kShipTo}, {"pleasebillto", kBillTo},
	{"returnshipto", kShipTo}, {"indirizzodispedizione", kShipTo}, {"lieferadresse", kShipTo}, {"direccióndeenvío", kShipTo},
	{"direcciondeenvio", kShipTo}, {"adressedelivraison", kShipTo}, {"indirizzodifatturazione", kBillTo}, {"rechnungsadresse", kBillTo},
	{"adressederetour", kShipTo}, {"endereçoparadevolução", kShipTo}, {"endereçodeentrega", kShipTo}, {"moradaparaenvio", kShipTo},
	{"adresdowysyłki", kShipTo}, {"adresdostawy", kShipTo}, {"leveransadress", kShipTo}, {"afleveradres", kShipTo}, {"verzendadres", kShipTo}}

var labelSuffixes = []struct {
	s   string
	key int
}{
	{"serialnumber", kSerial}, {"serialno", kSerial}, {"firmware", kFirmware}, {"firmwareversion", kFirmware},
	{"partnumber", kPart}, {"modelnumber", kModel}, {"invoicenumber", kInvoice}, {"invoicedate", kInvoiceDate},
	{"phonenumber", kPhone}, {"shippingaddress", kShipTo}, {"배송지", kShipTo}, {"배송주소", kShipTo}, {"送付先", kShipTo}, {"送り先", kShipTo}, {"お届け先", kShipTo},
	{"固件版本", kFirmware}, {"韌體版本", kFirmware}, {"ファームウェア", kFirmware}, {"ファームウェアバージョン", kFirmware}, {"biosversion", kFirmware},
	// a component's firmware in Chinese and Japanese: "BMC 版本", "BMC
	// 固件", "BIOSバージョン"
	{"固件", kFirmware}, {"韌體", kFirmware}, {"版本", kFirmware}, {"バージョン", kFirmware},
}
