package parser

import (
	"strings"
	"testing"
)

// The guards added against the prose attacks must not cost real mail its
// fields: each reads what a person plainly wrote.

func TestHidingStyle(t *testing.T) {
	for style, want := range map[string]bool{
		"display:none": true, "DISPLAY: NONE !IMPORTANT": true, "visibility:hidden": true, "font-size:0": true,
		"font-size: 0px": true, "opacity:0.0": true, "max-height:0;overflow:hidden": true, "mso-hide:all": true,
		"font-size:0.9em": false, "font-size:10px": false, "display:block": false, "max-height:0": false,
		"color:#000;font-family:Arial": false, "": false,
	} {
		if got, _ := hidingStyle([]byte(style)); got != want {
			t.Errorf("hidingStyle(%q) = %v, want %v", style, got, want)
		}
	}
}

func TestHiddenHTMLKeepsVisibleText(t *testing.T) {
	got := htmlToText(`<p>Serial Q21BI04567</p><div style="display:none"><div>inner</div>hidden</div><p>after</p>` +
		`<p hidden>gone<p>visible again</p><span style="font-size:12px">PO 4500012345</span>`)
	for _, w := range []string{"Q21BI04567", "after", "visible again", "PO 4500012345"} {
		if !strings.Contains(got, w) {
			t.Errorf("%q lost from %q", w, got)
		}
	}
	for _, w := range []string{"inner", "hidden", "gone"} {
		if strings.Contains(got, w) {
			t.Errorf("hidden %q kept in %q", w, got)
		}
	}
}

func TestPersonsAttributionIsNotHistory(t *testing.T) {
	text := "Hi,\n\nOn Monday the controller wrote:\nERROR disk 3 offline\nSerial Q21BI04567\n"
	if got, _ := stripQuoted(text, false); !strings.Contains(got, "Q21BI04567") {
		t.Errorf("a person's 'wrote:' cut the mail: %q", got)
	}
	text = "Still broken.\n\nOn 9 Mar 2026, Support <support@desk.example> wrote:\nPlease send it to our repair centre.\n"
	if got, _ := stripQuoted(text, false); strings.Contains(got, "repair centre") {
		t.Errorf("a client's attribution kept the history: %q", got)
	}
}

func TestDisclaimerNeverOpensAMail(t *testing.T) {
	text := "The confidential drive was sent to you in error, serial Q21BI04567.\n\nJane"
	if got := withoutDisclaimers(text); got != text {
		t.Errorf("first paragraph dropped: %q", got)
	}
	text = "Serial Q21BI04567.\n\nJane\n\nCONFIDENTIALITY NOTICE: call +44 20 7946 0000.\n"
	if got := withoutDisclaimers(text); strings.Contains(got, "7946") {
		t.Errorf("notice kept: %q", got)
	}
}

func TestFaxIsNoPhone(t *testing.T) {
	for line, want := range map[string]string{
		"Tel +1 408 555 0143 | Fax +1 408 555 0999": "Tel +1 408 555 0143 | ",
		"Fax: +1 408 555 0999":                      "",
		"Tel/Fax: +1 408 555 0143":                  "Tel/Fax: +1 408 555 0143",
		"Mobile 07700 900123":                       "Mobile 07700 900123",
	} {
		if got := withoutFax(line); got != want {
			t.Errorf("withoutFax(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestShipRequestInASentence(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"Once approved, please send it to our lab at 17 Example Lane, Brighton BN1 1AA. Someone is at reception 9-5.", "17 Example Lane, Brighton BN1 1AA"},
		{"Please ship the replacement to Unit 4, Riverside Estate, Leeds LS11 5QT; deliveries Mon-Fri only.", "Unit 4, Riverside Estate, Leeds LS11 5QT"},
		{"Please send it to 17 Example Lane, Brighton BN1 1AA instead of 5 Old Road, Leeds LS1 4AP.", "17 Example Lane, Brighton BN1 1AA"},
		{"If you approve it, please send it to 17 Example Lane, Brighton BN1 1AA.", "17 Example Lane, Brighton BN1 1AA"},
		{"Please send it to 17 Example Lane, Brighton BN1 1AA if it is still covered.", "17 Example Lane, Brighton BN1 1AA"},
		{"If it were covered you could send it to 17 Example Lane, Brighton BN1 1AA.", ""},
		{"Please don't send it to 5 Old Road, Leeds LS1 4AP.", ""},
		{"Please send it to our lab, the address will follow.", ""},
		{"Please send it to his lab at 9 Other Way, Hove BN3 2AA.", ""},
	} {
		if got := proseShipTo([]string{c.line}, []string{strings.ToLower(c.line)}, nil); got != c.want {
			t.Errorf("proseShipTo(%q) = %q, want %q", c.line, got, c.want)
		}
	}
}
