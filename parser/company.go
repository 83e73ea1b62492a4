package parser

import (
	"regexp"
	"strings"
	"unicode"
)

// The company a signature or a display name gives.

// endsWithLegalForm says the last word of s is a legal form (Inc, Corp.,
// GmbH, S.r.l....), not one of the words that only suggest a company.
func endsWithLegalForm(s string) bool {
	f := strings.Fields(lowerKeep(s))
	if len(f) < 2 {
		return false
	}
	return isForm(f[len(f)-1], legalForms)
}

// isForm says the word w (lower case) is one of the forms in set, written
// with or without dots ("S.r.l.", "srl"); a dotted form counts only with
// its dots.
func isForm(w string, set names) bool {
	w = strings.Trim(w, ".,:")
	key := strings.ReplaceAll(w, ".", "")
	return set[key] || dottedForms[key] && strings.Contains(w, ".")
}

var legalForms = nameSet("inc", "llc", "llp", "ltd", "limited", "gmbh", "ag", "kg", "ug", "ohg", "corp", "corporation", "sa", "sas",
	"sarl", "selarl", "selas", "srl", "spa", "ltda", "lda", "bv", "nv", "pty", "pte", "plc", "ab", "oy", "oyj", "aps", "a/s", "asa", "kft", "berhad", "bhd")

var (
	// companyForms: a legal form, or a word only companies and institutions
	// name themselves with
	companyForms = func() names {
		m := nameSet("university", "universität", "université", "universidad", "università", "hospital", "klinikum", "lab", "labs", "kommun", "gemeente", "gemeinde", "kommune", "municipality",
			// public bodies name themselves with these ("Stadtverwaltung Bad
			// Kreuzbach", "Comune di Montecastello", "Ospedale Pediatrico ...")
			"stadtverwaltung", "gemeindeverwaltung", "kreisverwaltung", "landratsamt", "ayuntamiento", "comune", "ospedale", "council",
			"mairie", "ziekenhuis", "urząd", "gmina", "hôpital",
			"systems", "solutions", "technologies", "networks", "group", "studio", "ооо", "зао", "оао", "ао")
		for f := range legalForms {
			m[f] = true
		}
		return m
	}()
	// dottedForms are company forms only when written with their dots
	// ("a.s.", "S.L."): bare, they are ordinary words
	dottedForms     = nameSet("as", "sl", "kk", "sro", "spa", "doo", "dd", "ad", "sc")
	cjkCompanyForms = []string{"株式会社", "有限会社", "合同会社", "有限公司", "股份", "주식회사", "(주)"}
)

// signatureCompany picks the company out of a signature line that also
// carries a title or a phone ("Network Engineer | Harbour Connect Ltd",
// "Infrastructure Lead, Pacific Bio Labs", "PolderLink B.V. · +31 20 555
// 0147"): the segment with a company form, or "" when none has one.
func signatureCompany(line string) string {
	segs := companySeps.Split(joinLegalForm(line), -1)
	if len(segs) == 1 {
		if len(strings.Fields(line)) > 8 {
			return "" // a notice's sentence ("X is part of the Y Group. This email ...")
		}
		// "Sierra Computing Corp.": a legal form at the end outweighs a
		// word that also names a job ("computing", "systems")
		if isTitle(line) && !endsWithLegalForm(line) {
			return ""
		}
		if i := strings.Index(line, " at "); i > 0 && isTitle(line[:i]) {
			return companyOf(line) // "Storage Engineer at Fabrikam Inc."
		}
		return line
	}
	for _, s := range segs {
		s = strings.TrimSpace(strings.ReplaceAll(s, legalComma, ", "))
		if s != "" && isCompany(s) && digits(s) < 3 && !strings.Contains(s, "@") && !isTitle(s) {
			return s
		}
	}
	return ""
}

// legalComma stands for the comma of "Co., Ltd." while a line is split at
// its commas.
const legalComma = "\x00"

// joinLegalForm protects the comma before a legal form ("Seoul Bio Co.,
// Ltd.", "Acme, Inc.") so that splitting at commas keeps the name whole.
func joinLegalForm(s string) string {
	return legalAfterComma.ReplaceAllString(s, legalComma+"$1")
}

var legalAfterComma = regexp.MustCompile(`,\s+((?i:ltd|inc|llc|llp|gmbh|ag|s\.?a|s\.?l|b\.?v|plc|co|lda|ltda|s\.r\.l|srl|s\.p\.a|sas|sarl|pty|ab|oy)\b\.?)`)

var companySeps = regexp.MustCompile(`\s+(?:\||·|•|–|—|-)\s+|,\s+|\s*[|｜]\s*`)

// companyUnderName reads the company from where signatures put it: the
// lines under the name, past a job title ("Dana Whitfield / Network Manager
// / Harbour Hill School / Tel ..."). The first line that is neither the
// name, a title, a phone, an address nor a link is the company; on a line
// with separators ("Research Computing, Sussex Genomics", "Systems Engineer
// | Kestrel Media Inc."), the part that is not a title.
func companyUnderName(sig []string, name string) string {
	seenName := false
	for n, l := range sig {
		t := strings.TrimSpace(l)
		if n > 8 {
			break
		}
		if t == "" || isClosing(t) || strings.Trim(t, "-_ ") == "" || notSignatureLine(sig, n) {
			continue // the "--" or "____" that opens a signature
		}
		if !seenName {
			// The signature starts with the name (maybe "Name | Title").
			first := strings.TrimSpace(companySeps.Split(t, 2)[0])
			if c := cjkCompany(t); c != "" {
				return c // "株式会社ミドリ精機 情報システム課" over the name
			}
			if nameRe.MatchString(first) && !isCompany(first) && !isTitle(first) || (name != "" && strings.HasPrefix(t, name)) || lowerFirstName(t) {
				seenName = true
				if i := strings.Index(t, " | "); i > 0 {
					// "Anjali Mehta | Lead - Storage | Sunrise Finance Ltd. | +91 ..."
					if c := companyOf(t[i+3:]); c != "" {
						return c
					}
				} else if segs := companySeps.Split(t, 2); len(segs) == 2 {
					// "Ivan Horvat, AdriaCloud d.o.o., +385 1 5550 447":
					// a company form after the name (a city has none)
					if c := companyOf(segs[1]); c != "" && isCompany(c) {
						return c
					}
				}
				continue
			}
			// no name first: "IT Helpdesk, Lonestar Genomics" under "--"
			if c := companyOf(t); c != "" && (isCompany(c) || c != t) {
				return c
			}
			return ""
		}
		if t == name || strings.HasPrefix(name, t+" ") {
			continue // "Dana" over "Dana Whitfield": the name again
		}
		if c := cjkCompany(t); c != "" {
			return c
		}
		if buildingOverStreet(t, sig[n+1:]) {
			continue // "Meridian House" / "4 Wharf Road": the address's first line
		}
		if c := companyOf(t); c != "" {
			return c
		}
	}
	return ""
}

// buildingOverStreet: t names a building ("Meridian House", "Kings
// Court", "Riverside Centre") and the next line starts with a house
// number: the first line of an address, no company.
func buildingOverStreet(t string, rest []string) bool {
	f := strings.Fields(t)
	if len(f) < 2 || len(f) > 4 || isCompany(t) {
		return false
	}
	switch strings.ToLower(f[len(f)-1]) {
	case "house", "court", "building", "centre", "center", "tower", "hall", "lodge", "chambers", "mill", "mews", "yard", "wharf", "quay", "barn", "cottage", "works":
	default:
		return false
	}
	for _, l := range rest {
		if l = strings.TrimSpace(l); l != "" {
			return isDigit(l[0])
		}
	}
	return false
}

// companyOf is the company a signature line names, or "" when the line is
// something else (a title, a phone, an e-mail, a link, an address).
func companyOf(t string) string {
	low := strings.ToLower(t)
	if len(t) > 100 || strings.ContainsAny(t, "@:：") || strings.Contains(low, "www.") || strings.Contains(t, "http") || containsAny(t, cjkResellerWords) ||
		strings.HasPrefix(t, "+") || strings.HasPrefix(t, "(") || clientFooter(low) || hasAnyPrefix(low, behalfWords) {
		return "" // ("Sent on behalf of Dr. Daniel Feldman" names a person)
	}
	if i := strings.Index(t, " at "); i > 0 && isTitle(t[:i]) {
		// "Senior Systems Engineer at Kestrel Media"
		c := strings.TrimSpace(t[i+4:])
		if possessive(c) {
			return "" // "Storage Engineer at our Berlin office": a place, no name
		}
		if c != "" && digits(c) == 0 && !isTitle(c) && len(strings.Fields(c)) <= 6 {
			return c
		}
	}
	segs := companySeps.Split(joinLegalForm(t), -1)
	for i := range segs {
		segs[i] = strings.ReplaceAll(segs[i], legalComma, ", ")
	}
	if len(segs) > 1 {
		// "Polderdata B.V. | Systeembeheer | +31 ...": the segment with a
		// legal form is the company, whatever stands beside it
		for _, s := range segs {
			if s = strings.TrimSpace(s); isCompany(s) && digits(s) == 0 && !isTitle(s) && len(strings.Fields(s)) <= 7 && !footerSegment(s) {
				return s
			}
		}
	}
	if n := len(segs); n > 2 && isRegionCode(strings.TrimSpace(segs[n-1])) {
		// "Cascade Health Partners, Portland, OR": a city and its state
		segs = segs[:n-2]
	}
	for i := len(segs) - 1; i >= 0; i-- {
		s := strings.TrimSpace(segs[i])
		if footerSegment(s) {
			continue
		}
		if s == "" || digits(s) > 0 || isTitle(s) || len(segs) > 1 && i == 0 && itDepartment(s) || len(strings.Fields(s)) > 7 {
			continue
		}
		if len(segs) > 1 && i == len(segs)-1 && !isTitle(segs[0]) && !itDepartment(segs[0]) && !isCompany(s) {
			// "Berlin, Germany": two parts, neither a title: not a company line.
			continue
		}
		return s
	}
	return ""
}

// withoutDepartment drops the department written after a Chinese,
// Japanese or Korean company's name ("株式会社かぜネット　技術部",
// "(주)누리영상 IT팀", "华信无线科技有限公司 技术支持部"): the company is the
// organisation alone.
func withoutDepartment(c string) string {
	if !hasNonASCII(c) || !containsAny(c, cjkCompanyForms) {
		return c
	}
	parts := strings.FieldsFunc(c, func(r rune) bool { return r == ' ' || r == '　' })
	if len(parts) < 2 || !containsAny(parts[0], cjkCompanyForms) {
		return c
	}
	for _, p := range parts[1:] {
		if !isDepartment(p) {
			return c
		}
	}
	return parts[0]
}

// isDepartment: a CJK word naming a department or team.
func isDepartment(w string) bool {
	for _, sfx := range []string{"部", "課", "科", "室", "팀", "部门", "部門", "处", "處", "组", "組", "センター", "グループ", "本部", "事業部", "부", "실"} {
		if strings.HasSuffix(w, sfx) {
			return true
		}
	}
	return false
}

// disclaimerCompany is the company a mail's last lines name with its
// legal form, in a legal notice or a footer ("This message is from Harlow
// & Finch Insurance Brokers Limited and may contain ...", "Halden Foods
// AS" under a shared mailbox's note), when no signature named one.
func disclaimerCompany(text string) string {
	tail := text
	for n, i := 0, len(text); n < 15; n++ {
		j := strings.LastIndexByte(text[:i], '\n')
		if j < 0 {
			tail = text
			break
		}
		tail, i = text[j+1:], j
	}
	// the regexp runs only on the lines that hold a legal form's word
	for _, l := range strings.Split(cutUTF8(tail, 4<<10), "\n") {
		if len(l) > 3000 || !containsAny(l, legalFormWords) || bankLine(l, tail) {
			continue
		}
		for _, m := range legalName.FindAllStringSubmatchIndex(l, 4) {
			name := strings.TrimSpace(l[m[2]:m[3]])
			if n := len(strings.Fields(name)); n < 2 || n < 3 && strings.HasPrefix(name, "The ") {
				continue
			}
			if ownCompany(l[:m[2]], l[m[3]:], name, l) {
				return name
			}
		}
	}
	return ""
}

// ownCompany: the words around a legal name in a notice make it the
// sender's company: the line is the name alone ("Halden Foods AS" under a
// footer), "This message is from X", "X is registered in ...", "X,
// registered office ..."; a scanner's, a bank's, a parent's, a host's or
// a reseller's name in the same notice is not.
func ownCompany(before, after, name, line string) bool {
	for _, seg := range companySeps.Split(strings.TrimSpace(line), -1) {
		if strings.TrimRight(strings.TrimSpace(seg), ".") == strings.TrimRight(name, ".") {
			return true // "Polderdata B.V. | Systeembeheer | +31 ..."
		}
	}
	b := strings.ToLower(before)
	a := strings.ToLower(after)
	if containsAny(b, notOwnCompany) {
		return false
	}
	return strings.HasSuffix(strings.TrimSpace(b), " is from") || strings.HasSuffix(strings.TrimSpace(b), "sent on behalf of") ||
		containsAny(a[:min(len(a), 40)], []string{" is registered", " is a company registered", ", registered in", " registered in", " is a limited company",
			", registered office", " registered office", " is authorised", " is authorized", ", sitz ", ", registergericht", ", amtsgericht", ", handelsregister", ", hrb "})
}

var notOwnCompany = []string{"konto", "account with", "account at", "compte", "cuenta", "conto presso", // a bank the money goes to
	"liefer", "deliver", "ship to", "livraison", "entrega", "consegna", "hausverwaltung", "landlord", // a delivery address's other party
	"scanned", "powered by", "subsidiary", "representative of", "bank", "hosted by", "via ", "bought", "reseller", "distributor",
	"unsubscribe", "newsletter", "mailing list", "member of", "part of", "partner of", "on behalf of our", "courier",
	"gesendet mit", "sent with", "sent from", "envoyé avec", "enviado con", "inviato con"} // a mail service's own footer

// legalFormWords: one of them is in every legalName match.
var legalFormWords = []string{" Ltd", " Limited", " GmbH", " AG", " Inc", " LLC", " LLP", " plc", " PLC", " B.V.", " BV", " N.V.", " AS", " AB", " Oy",
	" A/S", " ApS", " S.A.", " SAS", " SARL", " S.r.l.", " S.p.A.", " Pty", " Sp. z"}

var legalName = regexp.MustCompile(`(?:^|[^\p{L}])((?:[A-Z][\p{L}0-9&'.-]*)(?:\s+(?:[A-Z][\p{L}0-9&'.-]*|&|and|of|für|de)){0,6}\s+` +
	`(?:Ltd\.?|Limited|GmbH|AG|Inc\.?|LLC|LLP|plc|PLC|B\.V\.|BV|N\.V\.|AS|ASA|AB|Oy|Oyj|A/S|ApS|S\.A\.|SAS|SARL|S\.r\.l\.|S\.p\.A\.|Pty\.? Ltd\.?|Sp\. z o\.o\.))(?:[^\p{L}]|$)`)

// footerSegment: a tool's or a gateway's line, not the sender's company
// ("Powered by Freshworks Inc.", "Sent via ...", "Scanned by ...").
func footerSegment(s string) bool {
	low := strings.ToLower(s)
	return containsAny(low, []string{"powered by", "sent from", "sent via", "scanned by", "protected by", "delivered by", "hosted by", "sent with"})
}

// isRegionCode: a US state or a country written as two capitals ("OR",
// "NY", "UK").
func isRegionCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// cjkCompany is the company a Chinese, Japanese or Korean signature line
// names, without the department or title beside it ("株式会社ミドリ精機
// 情報システム課", "宏遠資訊股份有限公司｜專案經理").
func cjkCompany(t string) string {
	if !hasNonASCII(t) || !containsAny(t, cjkCompanyForms) || strings.ContainsAny(t, "@:：") || containsAny(t, cjkResellerWords) ||
		containsAny(t, cjkIntroducerWords) {
		return ""
	}
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '　' || r == '|' || r == '｜' || r == '/' || r == '\t' }) {
		if containsAny(w, cjkCompanyForms) && digits(w) == 0 {
			return w
		}
	}
	return ""
}

// cjkCompanyInSentence is the company of a Japanese self-introduction
// ("お世話になっております。株式会社サクラネットの鈴木です。"): after the
// greeting's "。", before the "の" that leads to the writer's name.
func cjkCompanyInSentence(w string) string {
	if !strings.HasSuffix(w, "です。") && !strings.HasSuffix(w, "です") && !strings.HasSuffix(w, "でございます。") {
		return w
	}
	form := len(w)
	for _, f := range cjkCompanyForms {
		if i := strings.Index(w, f); i >= 0 && i < form {
			form = i
		}
	}
	start := strings.LastIndex(w[:form], "。")
	if start < 0 {
		start = 0
	} else {
		start += len("。")
	}
	end := strings.Index(w[start:], "の")
	if end <= 0 {
		return w
	}
	return w[start : start+end]
}

// cjkIntroducerWords mark a line that names who introduced the writer
// ("株式会社エービーシーの田中様からご紹介いただきました"): another company.
var cjkIntroducerWords = []string{"紹介", "介绍", "介紹", "様から", "さんから"}

// cjkResellerWords mark a line that names who sold the unit ("販売代理店
// 株式会社ミナミ商事 経由"), not the sender's company.
var cjkResellerWords = []string{"代理店", "経由", "代理商", "经销商", "經銷商", "販売店", "购买自", "購自", "대리점"}

// itDepartment: "Biomedical IT", "Broadcast IT" beside the company's name
// on one line; alone on its line ("Sangamon County IT") it may be the
// organisation itself.
func itDepartment(s string) bool {
	t := strings.TrimSpace(s)
	if t == "IT" || strings.HasSuffix(t, " IT") && len(strings.Fields(t)) <= 3 {
		return true
	}
	// "IT Helpdesk, Lonestar Genomics", "Service Desk | ...": a desk or a
	// support team beside the company's name
	low := strings.ToLower(t)
	return len(strings.Fields(t)) <= 3 && containsAny(low, []string{"helpdesk", "help desk", "service desk", "it support", "support team", "it team", "it-team"})
}

// isTitle says whether s reads as a job title or a department.
func isTitle(s string) bool {
	if f := strings.Fields(s); len(f) >= 2 && f[0] == "Amt" && unicode.IsUpper([]rune(f[1])[0]) {
		return false // "Amt Hüttener Berge": a municipal authority ("Amt für ..." is an office)
	}
	low := strings.ToLower(s)
	// (words end at a dot too: "Dept. of Computational Biology")
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return r == ' ' || r == '/' || r == '&' || r == '-' || r == '.' }) {
		if titleWords[w] {
			return true
		}
	}
	for _, w := range strings.Fields(low) {
		if companyForms[w] {
			continue // "Stadtverwaltung" is a body, "Verwaltung" a department
		}
		for _, sfx := range titleSuffixes {
			if strings.HasSuffix(w, sfx) {
				return true // "Büroleitung", "IT-Leiterin", "Datenschutzbeauftragter"
			}
		}
	}
	for _, w := range titleSubstrings {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

var titleWords = map[string]bool{
	"reception": true, "receptionist": true, "empfang": true, "accueil": true, "recepción": true, "samordnare": true, "ansvarig": true, "systemadministratör": true, "driftansvarig": true, "beheerder": true, "systeembeheerder": true,
	"engineer": true, "administrator": true, "admin": true, "sysadmin": true, "manager": true, "director": true, "head": true,
	"lead": true, "officer": true, "technician": true, "specialist": true, "analyst": true, "consultant": true, "developer": true,
	"coordinator": true, "support": true, "operations": true, "president": true, "vp": true, "ceo": true, "cto": true, "cio": true,
	"coo": true, "cfo": true, "owner": true, "founder": true, "co-founder": true, "assistant": true, "supervisor": true,
	"architect": true, "department": true, "dept": true, "team": true, "helpdesk": true, "desk": true, "computing": true,
	"infrastructure": true, "procurement": true, "purchasing": true, "intern": true, "principal": true,
	"senior": true, "junior": true, "chief": true, "ops": true, "devops": true, "noc": true, "sre": true,
	"leiter": true, "leiterin": true, "geschäftsführer": true, "geschäftsführerin": true, "systemadministrator": true,
	"ingénieur": true, "responsable": true, "directeur": true, "directrice": true, "technicien": true, "jefe": true,
	"gerente": true, "responsabile": true, "tecnico": true, "técnico": true, "ingeniero": true, "ingegnere": true,
	"sistemista": true, "informatique": true, "informática": true, "informatica": true,
	"leder": true, "daglig": true, "direktør": true, "konsulent": true, "ansvarlig": true, "tekniker": true, "ingeniør": true, "sjef": true,
	"chef": true, "vd": true, "it-chef": true, "projektleder": true, "afdelingsleder": true,
	// Portuguese, Spanish and Italian titles ("Coordenador de TI")
	"coordenador": true, "coordenadora": true, "coordinador": true, "coordinadora": true, "coordinatore": true, "coordinatrice": true,
	"diretor": true, "diretora": true, "analista": true, "engenheiro": true, "engenheira": true, "administrador": true, "administradora": true,
	"encargado": true, "encargada": true, "técnica": true, "amministratore": true,
	// departments in other languages ("Departamento de Sistemas")
	"assistante": true, "assistente": true, "asistente": true, "amt": true, "uoc": true, "informativi": true,
	"departamento": true, "dipartimento": true, "département": true, "departement": true, "afdeling": true, "ufficio": true,
	// Polish and Czech departments ("Referat Informatyki", "Wydział
	// Organizacyjny", "Oddělení IT")
	"referat": true, "wydział": true, "dział": true, "informatyki": true, "oddělení": true, "odbor": true,
	// academic posts ("Associate Professor, Dept. of Computational Biology")
	"professor": true, "professorin": true, "professeur": true, "profesor": true, "profesora": true, "professore": true, "professoressa": true,
	"lecturer": true, "researcher": true, "scientist": true, "postdoc": true, "dozent": true, "dozentin": true,
}

var titleSuffixes = []string{"leitung", "leiter", "leiterin", "referent", "referentin", "assistenz", "sachbearbeiter", "sachbearbeiterin",
	"beauftragter", "beauftragte", "verwaltung", "abteilung"}

var titleSubstrings = []string{"it support", "it manager", "it department", "it-leiter", "it team", "it operations", "it services manager", "部長", "課長", "主任", "係長", "担当", "经理", "工程师", "主管", "總監", "工程師", "經理", "情報システム", "信息部", "資訊部"}

// displayCompany is the company a From display name gives in brackets:
// "Dana Whitfield (Harbour Connect)", "Marcus | Nordhavn Data".
func displayCompany(name string) string {
	if i := strings.IndexByte(name, '('); i > 0 {
		if j := strings.IndexByte(name[i:], ')'); j > 1 {
			c := strings.TrimSpace(name[i+1 : i+j])
			if c != "" && !strings.Contains(c, "@") && !isTitle(c) {
				return c
			}
		}
	}
	for _, sep := range []string{" | ", " - ", " – ", " @ "} {
		if _, c, ok := strings.Cut(name, sep); ok && (isCompany(c) || len(strings.Fields(c)) <= 4) && !isTitle(c) && !strings.Contains(c, "@") {
			return strings.TrimSpace(c)
		}
	}
	return ""
}

// possessive: "our Berlin office", "my team" name the writer's own place,
// not a company.
func possessive(s string) bool {
	low := strings.ToLower(s)
	return strings.HasPrefix(low, "our ") || strings.HasPrefix(low, "my ")
}

// sigLeadName is the name a one-line signature starts with: "Anjali Mehta
// | Lead - Storage | Sunrise Finance Ltd. | +91 ...", "Ivan Horvat, Primjer
// d.o.o., +385 1 555 0123" (a name, then a company); else the line.
func sigLeadName(first string) string {
	if i := strings.Index(first, " | "); i > 0 {
		return strings.TrimSpace(first[:i])
	}
	if a, b, ok := strings.Cut(first, ", "); ok && len(a) < 50 && isCompany(signatureCompany(b)) && !isCompany(a) {
		return a
	}
	return first
}

// addressCompany is the organisation that heads the ship-to (else the
// bill-to) address, for a mail whose signature, labels and notices name
// no company: people write the company over the street ("Return address:
// / Harlow & Pike Architects / 14 Kings Yard / Bristol"), and it is the
// company the request comes from. A first part that is a person (the
// contact, the From name), a department, a title, a building or an
// "Attn" line is no company; a legal form after a comma is kept with
// its name ("Lusitânia Transportes, S.A."), a site beside " - " dropped
// ("Northgate Cloud Inc. - DC2").
func addressCompany(f *Fields, contact, fromName string) string {
	addr := f.ShipTo
	if addr == "" {
		addr = f.BillTo
	}
	parts := strings.Split(addr, ", ")
	if len(parts) < 3 {
		return "" // a company, a street and a town at least
	}
	first := parts[0]
	if len(strings.Fields(parts[1])) == 1 && dottedLegal(parts[1]) {
		first += ", " + parts[1]
	}
	if i := strings.Index(first, " - "); i > 0 {
		// the organisation on either side of the dash: "Northgate Cloud
		// Inc. - DC2", "Laboratoire IMATH - Université de Lorraine"
		if right := first[i+3:]; isCompany(right) && !isCompany(first[:i]) {
			first = right
		} else {
			first = first[:i]
		}
	}
	if hasDigit(first) || !unicode.IsUpper([]rune(first)[0]) || isTitle(first) || itDepartment(first) || hasAnyPrefixFold(first, addressHeadWords) {
		return ""
	}
	if containsAny(" "+strings.ToLower(first)+" ", thirdPartyHeads) {
		return "" // a carrier's depot, a bank or a lessor: never the customer
	}
	if isCompany(first) || strings.Contains(first, "&") {
		return first
	}
	words := strings.Fields(first)
	if len(words) < 2 || len(words) > 6 {
		return ""
	}
	// "Amy Larsen" over her street is the person, not her company
	person := strings.Fields(strings.ToLower(contact + " " + personOf(fromName)))
	for _, w := range words {
		for _, p := range person {
			if len(p) > 2 && strings.ToLower(w) == p {
				return ""
			}
		}
	}
	return first
}

// dottedLegal: a legal form written with dots after a comma ("S.A.",
// "Co.", "Ltd.").
func dottedLegal(s string) bool {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), ".", ""))
	return legalForms[t] || dottedForms[t] || t == "co"
}

// thirdPartyHeads name an organisation that heads an address without
// being the customer's company: a carrier's depot or pickup point (the
// replacement held for collection), a bank or a lessor (a leased unit's
// invoice).
var thirdPartyHeads = []string{" dhl ", " fedex ", " ups ", " usps ", " tnt ", " dpd ", " gls ", " hermes ", " postnl ", " royal mail ", " la poste ", " correos ",
	"service point", "servicepoint", "pickup point", "pick-up point", "parcel shop", "parcelshop", "packstation", "post office", "courier", "logistics depot",
	" bank ", " bank,", " banco ", " banque ", " sparkasse ", " leasing ", " lease ", " lessor "}

// addressHeadWords start an address's first line that names a place or a
// person to ask for, not the organisation.
var addressHeadWords = []string{"attn", "att.", "att:", "attention", "c/o", "z.hd", "z. hd", "a/c", "care of", "building", "bldg", "floor", "dock", "receiving", "warehouse", "unit ", "suite", "p.o.", "po box", "postfach", "the "}
