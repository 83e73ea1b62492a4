package parser

import (
	"regexp"
	"slices"
	"strings"
)

// extractFields fills m.Fields and m.Units from the new text and subject.
// The passes run in order of precedence, each filling only what the ones
// before left empty: labelled lines and tables, then prose, then the
// contact fallbacks, then the problem text and the severity its words give.
// head is the new text with its legal notices, which are read for the
// sender's company alone.
func extractFields(m *Message, head string, opts Options) {
	f := &m.Fields
	text := withoutDisclaimers(head)
	body, sig := splitSignature(text)
	lines := strings.Split(body, "\n")
	if from, to, ok := deskForward(m, lines); ok {
		// a forwarded message the desk itself wrote ("see below, is this
		// still right?" over the desk's own mail): its ship-to, invoice
		// and sender are the desk's, history like a quote
		text = strings.Join(append(lines[:from:from], lines[to:]...), "\n")
		head = text // the notices may be the desk's
		body, sig = splitSignature(text)
		lines = strings.Split(body, "\n")
	}
	fwd := forwardStart(lines)
	if fwd == len(lines) && outlookForward.MatchString(m.Subject) {
		// Outlook's forward ("FW:", "WG:", "TR:") has no marker line: the
		// forwarded mail starts at its From:/Sent: block
		for i := range lines {
			if headerBlockAt(lines, i) {
				fwd = i
				// "-----Original Message-----" or a rule over the block
				// opens the forwarded mail, not the sender's signature
				for k := i - 1; k >= 0; k-- {
					if t := strings.TrimSpace(lines[k]); t != "" && !isOriginalMessage(t) && !isUnderscoreRule(t) {
						break
					} else if t != "" {
						fwd = k
					}
				}
				break
			}
		}
	}
	lowBody := lowerKeep(body)
	t := fieldText{
		text:    text,
		head:    head,
		body:    body,
		sig:     sig,
		lines:   lines,
		lowBody: lowBody,
		low:     strings.Split(lowBody, "\n"),
		fwd:     fwd,
	}
	// The lines a label or a table consumed; the others are prose. Kept out
	// of t (whose strings end up in m) so that, for a short body, it stays
	// on the stack.
	used := make([]bool, len(lines))

	found := labelledLines(t.lines, used)
	tableUnits := parseTable(t.lines, t.low, used)
	units := assembleUnits(found, tableUnits)
	applyLabelled(f, found, opts)

	if f.ShipTo == sameAsBillMark {
		// "Ship to: (same as bill to)": the bill-to, when the mail gives one
		f.ShipTo = ""
		if !sameAddress.MatchString(f.BillTo) {
			f.ShipTo = f.BillTo
		}
	}
	shipToProse(f, &t, used, found)
	if sameAddress.MatchString(f.BillTo) && f.ShipTo != "" {
		// "Bill to: same as ship-to": the address it points at.
		f.BillTo = f.ShipTo
	}
	units = proseFallback(m, &t, used, units, opts)
	if len(units) > 1 {
		// a serial the sender refuses, corrects or gives to someone else
		domain := domainOf(m.From.Address)
		if publicMail[domain] {
			domain = "" // a mail service's pages are nobody's own records
		}
		units = ownUnits(units, t.lowBody, strings.ToLower(correctedSerial(t.lines, t.low, opts)), domain)
	}
	m.Units = compactUnits(correctCodes(units, t.body, t.lowBody))
	contactFallback(m, &t)

	if f.Problem == "" {
		f.Problem = problemText(t.lines, used, t.fwd)
	}
	item := strings.TrimPrefix(f.Severity, itemRatingMark)
	if item != f.Severity {
		f.Severity = "" // a label rating one item: weighed below
	}
	if f.Severity == "" {
		subj := m.Subject
		if replySubject(subj) {
			// a reply's subject is the earlier mail's (often the desk's
			// own): it says nothing new about the fault
			subj = ""
		}
		f.Severity = severityFromWords(severityText(subj, f.Problem))
		if f.Severity == "" && t.fwd < len(t.lines) && asksForAction(strings.ToLower(strings.Join(t.lines[:t.fwd], "\n"))) {
			// "Please see our customer's request below": the fault is
			// described in the forwarded mail, which counts as the sender's
			f.Severity = severityFromWords(cutUTF8(strings.Join(t.lines[t.fwd:], "\n"), 3<<10))
		}
		f.Severity = worseSeverity(item, f.Severity)
	}
}

// asksForAction: the sender's own words over a forward ask the desk to act
// on the fault below (an RMA, a replacement, a repair), not "FYI, no
// action needed" or "is this offer relevant?".
func asksForAction(own string) bool {
	if containsAny(own, []string{"no action", "fyi", "for your records", "for your information", "ours is fine", "is fine", "zur info", "pour info"}) {
		return false
	}
	return containsAny(own, []string{"rma", "replace", "repair", "advance", "exchange", "swap", "warranty", "ticket", "defect", "faulty", "broken",
		"dead", "not working", "raise", "open a case", "ersatz", "austausch", "reparatur", "remplacement", "réparation", "reemplazo", "reparación",
		"sostituzione", "riparazione", "vervang", "reparatie", "substitui", "reparo", "wymian", "naprawa", "交換", "修理", "更换", "维修", "更換", "維修", "교체", "수리"})
}

// shipToProse reads a ship-to asked for in a sentence when no label gave
// one, or when the label that gave one is in forwarded text: the sender's
// own request wins over what the message they forward says. The sender's
// own lines come first, then the forwarded ones.
func shipToProse(f *Fields, t *fieldText, used []bool, found []labelled) {
	romance := romanceVerbs.kinds(t.lowBody) != 0
	if !romance && !containsAny(t.lowBody, shipWordsEnDe) {
		return
	}
	fwd := t.fwd
	labelledFwd := false
	for _, l := range found {
		if l.key == kShipTo {
			labelledFwd = l.line >= fwd
			break
		}
	}
	if f.ShipTo != "" && !labelledFwd {
		return
	}
	if a := proseShipToIn(t.lines[:fwd], t.low[:fwd], used, romance); a != "" {
		f.ShipTo = a
		return
	}
	if f.ShipTo == "" && fwd < len(t.lines) {
		f.ShipTo = proseShipToIn(t.lines[fwd:], t.low[fwd:], used[fwd:], romance)
	}
}

// forwardStart is the index of the line that starts forwarded content
// (len(lines) when there is none).
func forwardStart(lines []string) int {
	for i, l := range lines {
		if t := strings.TrimSpace(l); isForwardMarker(t) {
			return i
		}
	}
	return len(lines)
}

// outlookForward is a subject that is a forward first ("FW:", "[EXTERNAL]
// WG:", Swedish "VB:", Polish "PD:"), not a reply to one ("RE: FW:" quotes
// the forward as history).
var outlookForward = regexp.MustCompile(`(?i)^\s*(?:\[[^\]]{1,20}\]\s*)?(?:fw|fwd|wg|tr|rv|vs|vb|pd|doorst|i|enc)\s*:`)

// fieldText is the new text as the field passes read it. The body is split
// into lines once and lower-cased once keeping byte offsets (lowerKeep), so
// low[i] is lines[i] lower-cased, and the regexps run only on the few lines
// that pass keyword pre-filters.
type fieldText struct {
	text    string   // the whole new text: forwarded headers are looked for in it
	head    string   // text with the legal notices withoutDisclaimers drops
	body    string   // the text before the signature
	sig     string   // the signature, "" if none was found
	lines   []string // body lines
	lowBody string
	low     []string // lowBody lines
	fwd     int      // the line forwarded content starts at (len(lines): none)
	starts  []int    // where each line of lowBody starts, then len(lowBody)+1; see linesHolding
}

// linesHolding returns, in order, the index of each line of t.low that
// holds one of words (lower case, without a line break). Each word is
// looked for in lowBody, once over the text, where strings.Contains per
// line and word would make a call for every pair.
func (t *fieldText) linesHolding(words []string) []int {
	var out []int
	for _, w := range words {
		for off := 0; off <= len(t.lowBody); {
			k := strings.Index(t.lowBody[off:], w)
			if k < 0 {
				break
			}
			i := t.lineAt(off + k)
			out = append(out, i)
			off = t.starts[i+1] // the rest of the line holds it already
		}
	}
	if len(out) > 1 {
		slices.Sort(out)
		out = slices.Compact(out)
	}
	return out
}

// lineAt is the index of the line of t.low that lowBody[k] is on.
func (t *fieldText) lineAt(k int) int {
	if t.starts == nil {
		t.starts = make([]int, 0, len(t.low)+1)
		off := 0
		for _, l := range t.low {
			t.starts = append(t.starts, off)
			off += len(l) + 1
		}
		t.starts = append(t.starts, off)
	}
	i, found := slices.BinarySearch(t.starts, k)
	if !found {
		i--
	}
	return i
}

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

// severityText is the text severity is read from: the subject and the
// start of the problem. A subject runs to a line (a longer one is no
// subject a person wrote); the description comes first in a mail (pasted
// logs further down say "critical" of other things); bounds keep the
// phrase scans short.
func severityText(subj, problem string) string {
	return cutUTF8(subj, 1<<10) + "\n" + cutUTF8(problem, 3<<10)
}

func containsAny(lower string, words []string) bool {
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// contactFields fills, of an automatic reply, who wrote it: the name and
// company its signature gives (else the From name), and the From address.
func contactFields(m *Message, text string) {
	f := &m.Fields
	_, sig := splitSignature(text)
	f.Email = m.From.Address
	if f.ContactName = signatureName(sig); f.ContactName == "" {
		f.ContactName = personOf(m.From.Name)
	}
	sigLines := strings.Split(sig, "\n")
	f.Company = companyUnderName(sigLines, f.ContactName)
	// the signer's own number; the text's ("call our hotline on ...",
	// "contact my colleague, phone ...") is someone else's
	if f.Phone = phoneIn(sigLines); f.Phone == "" {
		f.Phone = barePhone(sigLines, m.From.Address)
	}
	if low := strings.ToLower(text); f.Phone == "" && mayOfferPhone(low) {
		// "If it is urgent, you can reach me on my mobile +1 312 555
		// 0148": the signer's own number, offered in the notice
		// (callableNumber refuses a colleague's or a hotline's)
		// Only a sentence offers it: a notice's "Phone: ..." line under
		// "Please contact our Client Service Support Team" is the team's
		var lines, lows []string
		for _, l := range strings.Split(text, "\n") {
			if ll := lowerKeep(l); !hasAnyPrefix(strings.TrimSpace(ll), phonePrefixes) {
				lines, lows = append(lines, l), append(lows, ll)
			}
		}
		f.Phone = prosePhone(lines, lows)
	}
}

// deskForward finds a forwarded message the desk wrote: lines[from:to],
// from its marker (or an Outlook header block without one) up to the next
// forwarded message.
func deskForward(m *Message, lines []string) (from, to int, ok bool) {
	if len(m.To) == 0 {
		return 0, 0, false
	}
	from = forwardStart(lines)
	if from >= len(lines) {
		if from = firstHeaderBlock(lines, 0); from >= len(lines) {
			return 0, 0, false
		}
		if from > 0 && isUnderscoreRule(strings.TrimSpace(lines[from-1])) {
			from--
		}
	}
	name, addr := forwardedSender(strings.Join(lines[from:], "\n"))
	if addr == "" {
		name = forwardedName(lines[from:min(len(lines), from+8)])
	}
	if !deskSender(m, name, addr) {
		return 0, 0, false
	}
	// past the desk message's own header, the next forwarded message
	k := from + 1
	for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
		k++ // blank lines after a marker
	}
	for k < len(lines) && strings.TrimSpace(lines[k]) != "" {
		k++ // the header
	}
	to = len(lines)
	for ; k < len(lines); k++ {
		if t := strings.TrimSpace(lines[k]); isForwardMarker(t) || headerBlockAt(lines, k) {
			to = k
			break
		}
	}
	return from, to, true
}

// forwardedName is the value of the first "From:" line of a forwarded
// header that gives a name only ("From: RMA Desk", as Outlook writes it).
func forwardedName(lines []string) string {
	for _, l := range lines {
		if mayBeField(l) {
			if mm := fwdFromLine.FindStringSubmatch(l); mm != nil && !strings.Contains(mm[2], "@") {
				return strings.TrimSpace(mm[2])
			}
		}
	}
	return ""
}

// firstHeaderBlock is the first line from i that starts a From:/Sent:
// header block, len(lines) if none.
func firstHeaderBlock(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if headerBlockAt(lines, i) {
			return i
		}
	}
	return len(lines)
}

// deskSender: a forwarded message's sender is the desk: the address the
// mail was sent to (its first To), an address of that domain or one under
// it ("noreply@rma.desk.example") when it is not the sender's own domain
// nor a public mail service, or, with no address given, that recipient's
// display name ("From: RMA Desk").
func deskSender(m *Message, name, addr string) bool {
	desk := m.To[0]
	if addr == "" {
		return name != "" && desk.Name != "" && strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(desk.Name))
	}
	if strings.EqualFold(desk.Address, addr) {
		return true
	}
	d, dom := domainOf(desk.Address), domainOf(addr)
	if d == "" || publicMail[d] || d == domainOf(m.From.Address) {
		return false
	}
	return dom == d || strings.HasSuffix(dom, "."+d)
}

// publicMail are mail services anyone has an address at: sharing their
// domain says nothing.
var publicMail = nameSet("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com", "me.com",
	"aol.com", "gmx.de", "gmx.net", "web.de", "t-online.de", "proton.me", "protonmail.com", "qq.com", "163.com", "126.com", "mail.ru", "yandex.ru",
	"orange.fr", "free.fr", "libero.it", "naver.com")

func domainOf(addr string) string {
	i := strings.LastIndexByte(addr, '@')
	if i < 0 {
		return ""
	}
	return strings.ToLower(addr[i+1:])
}

// replySubject: "Re:", "AW:", "回复："...: the subject of a reply, the
// earlier mail's. The colon comes early; the regexp runs only then.
func replySubject(subj string) bool {
	if strings.HasPrefix(subj, "回复") || strings.HasPrefix(subj, "回覆") || strings.HasPrefix(subj, "返信") {
		return true
	}
	i := strings.IndexByte(subj, ':')
	return i > 0 && i < 16 && replyPrefix.MatchString(subj)
}
