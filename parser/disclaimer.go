package parser

import "strings"

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
		if i == 0 || !isDisclaimer(p) {
			b.WriteString(p)
		}
	}
	return b.String()
}

// mayHoldDisclaimer is the cheap test that keeps almost every mail out of
// the paragraph scan: the stems every notice has, in the cases notices are
// written in (no lower-casing of the whole text).
func mayHoldDisclaimer(text string) bool {
	for _, h := range disclaimerHints {
		if strings.Contains(text, h) {
			return true
		}
	}
	return false
}

var disclaimerHints = []string{"onfidential", "ONFIDENTIAL", "ntended recipient", "NTENDED RECIPIENT", "isclaimer", "ISCLAIMER",
	"ertraulich", "ERTRAULICH", "estinataire", "estinatario", "in error", "IN ERROR", "eceived this", "ECEIVED THIS", "egal notice", "EGAL NOTICE", "機密", "保密"}

func isDisclaimer(p string) bool {
	low := strings.ToLower(strings.TrimLeft(p, " \t\n*_-="))
	for _, s := range disclaimerStarts {
		if strings.HasPrefix(low, s) {
			return true
		}
	}
	secret := containsAny(low, []string{"confidential", "privileged", "vertraulich", "confidentiel", "confidencial", "riservat", "機密", "保密"})
	wrong := containsAny(low, []string{"intended recipient", "intended solely", "intended only", "received this", "in error", "irrtümlich",
		"falschen adressaten", "par erreur", "por error", "per errore", "誤って", "误收"})
	return secret && wrong
}

var disclaimerStarts = []string{"disclaimer", "confidentiality notice", "confidentiality:", "legal notice", "important notice:",
	"this email and any", "this e-mail and any", "this message and any", "this email is confidential", "this e-mail is confidential",
	"this message is confidential", "this email may contain", "this e-mail may contain", "this message may contain",
	"the information contained in this", "the information in this e-mail", "the information in this email",
	"diese e-mail enthält", "diese nachricht enthält", "ce message et toutes", "ce courriel", "este mensaje y sus", "este correo electrónico",
	"questo messaggio", "le informazioni contenute", "please consider the environment"}
