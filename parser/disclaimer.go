package parser

import (
	"strings"
)

// withoutDisclaimers drops the legal notices companies append to every
// mail ("This email and any attachments are confidential... call +44 ...
// or email legal@..."): their phones and addresses are the legal
// department's, not the customer's contact. A paragraph is a notice when
// it starts like one, or when it speaks of confidentiality and of the
// wrong recipient, as only notices do. The text is otherwise unchanged.
func withoutDisclaimers(text string) string {
	if !mayHoldDisclaimer(text) {
		return text
	}
	paras := strings.SplitAfter(text, "\n\n")
	var b strings.Builder
	b.Grow(len(text))
	for i, p := range paras {
		// a notice follows what the person wrote; it never opens a mail
		switch {
		case i == 0:
			b.WriteString(p)
		case isDisclaimer(p):
			if k := noticeLine(p); k < len(p) && !hasRuleLine(p[:k]) && !containsAny(strings.ToLower(p[:k]), registryWords) {
				// the signature the notice is glued under, in one
				// paragraph ("Direct: (415) 555-0126\nCONFIDENTIALITY
				// NOTICE: ..."), is the sender's; lines under a rule
				// ("____", "--") are the footer's, and so is a company's
				// registration ("Registered office: ... Tel ...",
				// "Sitz: Hamburg · Amtsgericht ...")
				b.WriteString(p[:k])
			}
		default:
			// a notice glued under the signature ("Sent from my iPhone\nThis
			// email and any attachments ..."): from its line on
			b.WriteString(p[:noticeLine(p)])
		}
	}
	return b.String()
}

// registryWords are a company footer's registration details.
var registryWords = []string{"registered", "registration", "reg. no", "company no", "sitz:", "amtsgericht", "hrb ", "handelsregister", "ust-id", "siège",
	"rcs ", "kvk", "registro", "vat no", "vat reg", "p.iva", "partita iva", "cif:", "nif:"}

// hasRuleLine: s has a line of rule characters only ("--", "____").
func hasRuleLine(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" && strings.Trim(t, "-_=*~") == "" {
			return true
		}
	}
	return false
}

// noticeLine is the offset of the first line of p that opens a legal
// notice, len(p) if none does.
func noticeLine(p string) int {
	for off := 0; off < len(p); {
		end := strings.IndexByte(p[off:], '\n')
		if end < 0 {
			end = len(p) - off
		}
		low := strings.ToLower(strings.TrimSpace(p[off : off+end]))
		for _, s := range disclaimerStarts {
			if strings.HasPrefix(low, s) {
				return off
			}
		}
		off += end + 1
	}
	return len(p)
}

// mayHoldDisclaimer is the cheap test that keeps almost every mail out of
// the paragraph scan: the stems every notice has (confidential, intended
// recipient, disclaimer...), looked for in the last 3 KB, where notices
// sit, in one pass that compares ASCII case-insensitively at the bytes a
// stem can start with.
func mayHoldDisclaimer(text string) bool {
	if mayHoldDisclaimerTail(text) {
		return true
	}
	// a notice under the sender's signature, above a long forwarded
	// message: the 3 KB before the forward
	for _, m := range []string{"Forwarded message", "Begin forwarded message", "Original Message", "Weitergeleitete Nachricht", "Message transféré"} {
		if i := strings.Index(text, m); i > 0 && len(text)-i > 3<<10 {
			return mayHoldDisclaimerTail(text[:i])
		}
	}
	return false
}

// mayHoldDisclaimerTail is the stem test on the last 3 KB of text.
func mayHoldDisclaimerTail(text string) bool {
	tail := text[len(text)-min(len(text), 3<<10):]
	wide := false
	for i := 0; i < len(tail); i++ {
		c := tail[i]
		if c >= 0x80 {
			wide = true
			continue
		}
		for _, h := range disclaimerHints[c|0x20] {
			if hasPrefixFold(tail[i:], h) {
				return true
			}
		}
	}
	return wide && (strings.Contains(tail, "機密") || strings.Contains(tail, "保密"))
}

// disclaimerHints are the ASCII stems by their first byte.
var disclaimerHints = func() (t [256][]string) {
	for _, h := range []string{"fiden", "ntended", "sclaim", "traulich", "stinatari", "egal notice", "riservat", "ddressee"} {
		t[h[0]] = append(t[h[0]], h)
	}
	return t
}()

func isDisclaimer(p string) bool {
	low := strings.ToLower(strings.TrimLeft(p, " \t\n*_-="))
	for _, s := range disclaimerStarts {
		if strings.HasPrefix(low, s) {
			return true
		}
	}
	secret := containsAny(low, []string{"confidential", "privileged", "named addressee", "intended addressee", "addressee only", "for the addressee", "sole use", "vertraulich", "confidentiel", "confidencial", "riservat", "機密", "保密"})
	wrong := containsAny(low, []string{"intended recipient", "intended solely", "intended only", "intended exclusively", "received this", "notify the sender",
		"received in error", "received it in error", "received this in error", "sent to you in error", "destinataire", "destinatari", "irrtümlich", "falschen adressaten", "par erreur", "por error", "per errore", "誤って", "误收"})
	return secret && wrong
}

// disclaimerStarts open legal notices and nothing else: a person may start
// a paragraph "Ce courriel fait suite à notre appel".
var disclaimerStarts = []string{"disclaimer", "confidentiality notice", "confidentiality:", "legal notice", "important notice:",
	"this email and any attachments", "this e-mail and any attachments", "this message and any attachments", "this email is confidential",
	"this e-mail is confidential", "this message is confidential", "this email may contain confidential", "this e-mail may contain confidential",
	"this message may contain confidential", "the information contained in this e-mail", "the information contained in this email",
	"the information contained in this message", "diese e-mail enthält vertrauliche", "diese nachricht enthält vertrauliche",
	"ce message et ses pièces jointes", "ce message et toutes les pièces jointes", "este mensaje y sus anexos", "este mensaje y sus adjuntos",
	"questo messaggio e i suoi allegati", "le informazioni contenute in questo"}
