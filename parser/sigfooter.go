package parser

import "strings"

// Lines of a signature that name someone else's company (issue 13, attack
// round 11): a credit line ("Website by Pixelwerk Studio GmbH", "Sent with
// Spark" over "Readdle Inc."), a bank's line in a legal footer
// ("Commerzbank AG · IBAN ..."), a name alone over a rule line after a
// blank one (a tool's or a parent group's footer).

// creditWords start a line that credits a maker or a provider.
var creditWords = []string{"website by", "site by", "web design by", "designed by", "design by", "powered by", "provided by", "hosted by", "sent with", "sent from", "sent via", "created with", "made with"}

// bankWords mark a bank's details.
var bankWords = []string{"iban", " bic ", "bic:", "swift", "blz", "kto.", "konto-nr", "bankverbindung", "bank account", "sort code"}

// notSignatureLine: line k of lines names no company of the sender.
func notSignatureLine(lines []string, k int) bool {
	s := strings.ToLower(strings.TrimSpace(lines[k]))
	if s == "" {
		return false
	}
	if containsAny(s, creditWords) || containsAny(" "+s+" ", bankWords) || strings.HasPrefix(s, "forwarded ") || containsAny(s, []string{" who ", " which "}) {
		return true
	}
	if k > 0 && hasAnyPrefix(strings.ToLower(strings.TrimSpace(lines[k-1])), []string{"sent with", "sent from", "sent via"}) {
		return true // "Sent with Spark" over "Readdle Inc."
	}
	prev := ""
	if k > 0 {
		prev = strings.TrimSpace(lines[k-1])
	}
	return k+1 < len(lines) && isRuleLine(lines[k+1]) && (prev == "" || isRuleLine(prev))
}

// isRuleLine: a line of dashes, underscores or equals signs.
func isRuleLine(l string) bool {
	t := strings.TrimSpace(l)
	return len(t) >= 3 && strings.Trim(t, "-_=") == ""
}

// bodyOnly: the company c stands, in a mail with a signature, only in
// the text before it, and there in a recipient's block over the greeting
// ("NetTrade Distribution GmbH / Reklamationsabteilung / ..." then "Sehr
// geehrte Damen und Herren,") or right under a quotation of someone else
// ("Our electrician wrote: \"...\"" then "Fischer Elektrotechnik GmbH,
// +49 ...").
func bodyOnly(t *fieldText, c string) bool {
	if t.sig == "" {
		return false
	}
	i := strings.LastIndex(t.text, t.sig)
	if i < 0 || strings.Contains(t.text[i:], c) {
		return false
	}
	lines := strings.Split(t.text[:i], "\n")
	for k, l := range lines {
		if !strings.Contains(l, c) {
			continue
		}
		for _, m := range lines[k+1:] {
			if isGreeting(strings.TrimSpace(m)) {
				return true
			}
		}
		for j := max(0, k-3); j < k; j++ {
			if low := strings.ToLower(lines[j]); strings.Contains(low, "wrote:") || strings.Contains(low, "schrieb:") || strings.HasPrefix(strings.TrimSpace(lines[j]), "\"") {
				return true
			}
		}
	}
	return false
}

// addresseeMarks end the line of the one a letter is addressed to: 御中
// (to the attention of), 様, 殿, 귀하, 님께.
var addresseeMarks = []string{"御中", "様", "殿", "귀하", "님께", "님 귀중", "귀중"}

// addresseeAt: line i of lines is, or heads, the addressee's block
// ("ネットトレード株式会社" over "サポートセンター 御中").
func addresseeAt(lines []string, i int) bool {
	if containsAny(lines[i], addresseeMarks) {
		return true
	}
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		if t := strings.TrimSpace(lines[j]); t == "" {
			return false
		} else if containsAny(t, addresseeMarks) {
			return true
		}
	}
	return false
}

// bankLine: line l of a legal footer (the text tail) gives a bank's
// details or names a bank ("Commerzbank AG" under "Registergericht: ..."):
// the company's bank, not the company.
func bankLine(l, tail string) bool {
	low := " " + strings.ToLower(l) + " "
	if containsAny(low, bankWords) {
		return true
	}
	lt := strings.ToLower(tail)
	return containsAny(low, []string{"bank ", "bank,", "sparkasse", "banque", "banca ", "banco "}) && containsAny(lt, []string{"registergericht", "hrb ", "sitz der gesellschaft", "iban", "ust-id", "handelsregister", "rcs ", "registered in"})
}

// answerToSender: the forwarded mail is an answer to the sender (its To:
// is the sender, its Subject a reply's: "Re: TS-873A does not boot"): the
// other side's reply the customer forwards ("Below is what your colleague
// wrote in March"), whose writer, address and phone are not the
// customer's. A reseller forwarding a customer's request forwards a new
// mail, not a reply.
func answerToSender(t *fieldText, from string) bool {
	if t.fwd <= 0 || t.fwd >= len(t.lines) || from == "" {
		return false
	}
	to, re := false, false
	for _, l := range t.lines[t.fwd:min(len(t.lines), t.fwd+10)] {
		low := strings.ToLower(strings.TrimSpace(strings.Trim(l, "* ")))
		k := strings.Index(low, ":")
		if k <= 0 {
			continue
		}
		key, v := low[:k], strings.TrimSpace(low[k+1:])
		switch key {
		case "to", "an", "à", "a", "para", "aan", "do", "till":
			to = to || strings.Contains(v, strings.ToLower(from))
		case "subject", "betreff", "objet", "asunto", "oggetto", "onderwerp", "assunto", "temat", "ämne":
			re = hasAnyPrefix(v, []string{"re:", "aw:", "antw:", "sv:", "r:", "rif:", "ref:", "res:", "odp:", "回复", "答复", "返信"})
		}
	}
	return to && re
}

// vendorCompany: the company is one of the vendors the desk supports
// (a pasted footer: "QNAP Systems, Inc. · Support Department · +886 ..."),
// never the customer asking it.
func vendorCompany(c string) bool {
	low := strings.ToLower(c)
	return containsAny(low, []string{"qnap systems", "quanta cloud technology", "quanta computer", "altai technologies", "ixsystems"})
}
