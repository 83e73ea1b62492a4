package parser

import "strings"

// Inline answers: a customer who answers the desk's numbered questions
// under each quoted question ("> 1. Serial number of the unit" then
// "A2C2301C0077") gives the fields without labels of their own. The
// quoted question is history and leaves the text, but it labels the
// answer under it: the text the fields are read from gets "Serial number:
// A2C2301C0077" where Message.Text keeps the answer as written.

// answerText builds that fields text while stripQuoted writes the new
// text; it is started only at the first labelled answer, so a mail
// without one costs nothing.
type answerText struct {
	b        strings.Builder
	on       bool
	question string // the last quoted line with text, "" after an answer
}

// quoted notes a quoted line that leaves the text.
func (a *answerText) quoted(t string) {
	if q := strings.TrimSpace(strings.TrimLeft(t, "> \t")); q != "" {
		a.question = q
	}
}

// line takes the unquoted line l that stripQuoted writes after done (the
// new text so far).
func (a *answerText) line(done, l string) {
	t := strings.TrimSpace(l)
	if t == "" {
		if a.on {
			a.b.WriteString(l)
			a.b.WriteByte('\n')
		}
		return
	}
	q := a.question
	a.question = ""
	label := ""
	if q != "" {
		label = answerLabel(q, t)
	}
	if label == "" && !a.on {
		return
	}
	if !a.on {
		a.on = true
		a.b.Grow(len(done) + 256)
		a.b.WriteString(done)
	}
	if label != "" {
		a.b.WriteString(label)
		a.b.WriteString(": ")
		l = t
	}
	a.b.WriteString(l)
	a.b.WriteByte('\n')
}

// text is the fields text, "" when no answer was labelled.
func (a *answerText) text() string {
	if !a.on {
		return ""
	}
	return cleanText(a.b.String())
}

// answerLabels are the labels written before an answer, by field.
var answerLabels = map[int]string{kSerial: "Serial number", kPart: "Part number", kModel: "Model", kFirmware: "Firmware",
	kPO: "PO number", kInvoice: "Invoice number", kInvoiceDate: "Invoice date", kDeliveryDate: "Delivery date",
	kContact: "Contact", kCompany: "Company", kEmail: "Email", kPhone: "Phone", kShipTo: "Ship to", kBillTo: "Bill to"}

// answerLabel is the label the quoted question q gives its answer t, ""
// when q asks for no field ("How often does it happen?"), is itself a
// labelled value ("> Tel: +852 ..."), or t does not answer it (a label
// of its own, a code or an address without a digit: "Yes", "N/A").
func answerLabel(q, t string) string {
	if len(q) > 100 || len(t) > 200 || !strings.HasSuffix(q, "?") && !strings.HasSuffix(q, ":") && !listItem(q) {
		return ""
	}
	q = strings.TrimRight(strings.TrimLeft(q, "0123456789.)-*• \t"), "?:： \t")
	low := strings.ToLower(q)
	for _, p := range []string{"what is the ", "what's the ", "what is your ", "which ", "please provide the ", "please provide your ", "please confirm the ", "your ", "the "} {
		if strings.HasPrefix(low, p) {
			q, low = q[len(p):], low[len(p):]
			break
		}
	}
	for _, p := range []string{" of the unit", " of your unit", " of the device", " of the affected unit", " of the defective unit", " of the product", " of the system"} {
		if strings.HasSuffix(low, p) {
			q = q[:len(q)-len(p)]
			break
		}
	}
	key, _, value := labelOf(q + ":")
	label := answerLabels[key]
	if label == "" || value != "" {
		return ""
	}
	if k, _, _ := labelOf(t); k != 0 {
		return ""
	}
	if key != kContact && key != kCompany && key != kEmail && !hasDigit(t) || key == kEmail && !strings.Contains(t, "@") {
		return ""
	}
	return label
}

// listItem: a numbered or bulleted line ("1. Serial number", "- Model").
func listItem(q string) bool {
	i := 0
	for i < len(q) && q[i] >= '0' && q[i] <= '9' {
		i++
	}
	if i > 0 && i < len(q) && (q[i] == '.' || q[i] == ')') {
		return true
	}
	return strings.HasPrefix(q, "- ") || strings.HasPrefix(q, "* ") || strings.HasPrefix(q, "• ")
}
