package parser

import "strings"

// extractFields fills m.Fields and m.Units from the new text and subject.
// The passes run in order of precedence, each filling only what the ones
// before left empty: labelled lines and tables, then prose, then the
// contact fallbacks, then the problem text and the severity its words give.
func extractFields(m *Message, text string, opts Options) {
	f := &m.Fields
	body, sig := splitSignature(text)
	lines := strings.Split(body, "\n")
	fwd := forwardStart(lines)
	if fwd < len(lines) && deskForward(m, lines[fwd:]) {
		// a forwarded message the desk itself wrote ("see below, is this
		// still right?" over the desk's own mail): its ship-to, invoice
		// and sender are the desk's, history like a quote
		text = strings.Join(lines[:fwd], "\n")
		body, sig = splitSignature(text)
		lines = strings.Split(body, "\n")
		fwd = len(lines)
	}
	lowBody := lowerKeep(body)
	t := fieldText{
		text:    text,
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

	shipToProse(f, &t, used, found)
	if sameAddress.MatchString(f.BillTo) && f.ShipTo != "" {
		// "Bill to: same as ship-to": the address it points at.
		f.BillTo = f.ShipTo
	}
	m.Units = compactUnits(proseFallback(m, &t, used, units, opts))
	contactFallback(m, &t)

	if f.Problem == "" {
		f.Problem = problemText(t.lines, used, t.fwd)
	}
	if f.Severity == "" {
		subj := m.Subject
		if replyPrefix.MatchString(subj) || strings.HasPrefix(subj, "回复") || strings.HasPrefix(subj, "回覆") || strings.HasPrefix(subj, "返信") {
			// a reply's subject is the earlier mail's (often the desk's
			// own): it says nothing new about the fault
			subj = ""
		}
		f.Severity = severityFromWords(f.Problem + "\n" + subj)
	}
}

// shipToProse reads a ship-to asked for in a sentence when no label gave
// one, or when the label that gave one is in forwarded text: the sender's
// own request wins over what the message they forward says. The sender's
// own lines come first, then the forwarded ones.
func shipToProse(f *Fields, t *fieldText, used []bool, found []labelled) {
	if !containsAny(t.lowBody, shipWords) {
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
	if a := proseShipTo(t.lines[:fwd], t.low[:fwd], used); a != "" {
		f.ShipTo = a
		return
	}
	if f.ShipTo == "" && fwd < len(t.lines) {
		f.ShipTo = proseShipTo(t.lines[fwd:], t.low[fwd:], used[fwd:])
	}
}

// forwardStart is the index of the line that starts forwarded content
// (len(lines) when there is none).
func forwardStart(lines []string) int {
	for i, l := range lines {
		if t := strings.TrimSpace(l); mayBeMarker(t) && forwardMarker.MatchString(t) {
			return i
		}
	}
	return len(lines)
}

// fieldText is the new text as the field passes read it. The body is split
// into lines once and lower-cased once keeping byte offsets (lowerKeep), so
// low[i] is lines[i] lower-cased, and the regexps run only on the few lines
// that pass keyword pre-filters.
type fieldText struct {
	text    string   // the whole new text: forwarded headers are looked for in it
	body    string   // the text before the signature
	sig     string   // the signature, "" if none was found
	lines   []string // body lines
	lowBody string
	low     []string // lowBody lines
	fwd     int      // the line forwarded content starts at (len(lines): none)
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
}

// deskForward: the forwarded message in lines is from the desk.
func deskForward(m *Message, lines []string) bool {
	_, addr := forwardedSender(strings.Join(lines, "\n"))
	return addr != "" && deskAddress(m, addr)
}

// deskAddress: addr is one the mail was sent to, or shares such an
// address's domain while the sender's domain differs.
func deskAddress(m *Message, addr string) bool {
	dom := domainOf(addr)
	for _, to := range m.To {
		if strings.EqualFold(to.Address, addr) {
			return true
		}
		if d := domainOf(to.Address); d != "" && d == dom && dom != domainOf(m.From.Address) {
			return true
		}
	}
	return false
}

func domainOf(addr string) string {
	i := strings.LastIndexByte(addr, '@')
	if i < 0 {
		return ""
	}
	return strings.ToLower(addr[i+1:])
}
