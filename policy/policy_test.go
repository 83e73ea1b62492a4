package policy

import (
	"strings"
	"testing"
)

func TestPresetsLoad(t *testing.T) {
	names := Presets()
	if strings.Join(names, ",") != "altai,ixsystems,qct,qnap" {
		t.Fatalf("presets = %v", names)
	}
	for _, n := range names {
		p, err := Load(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if len(p.Required.RMA) == 0 || len(p.Required.Support) == 0 || p.Location == nil {
			t.Fatalf("%s: incomplete: %+v", n, p)
		}
	}
	qct, _ := Load("qct")
	if got := strings.Join(qct.RequiredFor("rma"), ","); got != "contact_name,email,phone,bill_to,ship_to,serial_number,part_number,model,po_number,invoice_number,invoice_date,problem" {
		t.Fatalf("qct rma required = %s", got)
	}
}

func TestParseErrorsNameTheKey(t *testing.T) {
	for text, want := range map[string]string{
		`name = "x"`: "time_zone: missing",
		"name = \"x\"\ntime_zone = \"Mars/Olympus\"":                           "time_zone: unknown time zone",
		"name = \"x\"\ntime_zone = \"UTC\"\n[required]\nrma = [\"shoe_size\"]": "required.rma[0]: unknown field",
		"name = \"x\"\ntime_zone = \"UTC\"\ncolour = 1":                        "colour: unknown key",
		"name = \"x\"\ntime_zone = \"UTC\"\nclosed_reply = \"later\"":          "closed_reply: must be",
	} {
		_, err := Parse([]byte(text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", text, err, want)
		}
	}
}

// support.reply_within is optional, unset in every preset (no vendor
// promises a reply time), and counted in business days, days or weeks.
func TestSupportReplyWithin(t *testing.T) {
	for _, n := range Presets() {
		if p, _ := Load(n); !p.Support.ReplyWithin.IsZero() {
			t.Errorf("%s promises a reply within %s: no seed says so", n, p.Support.ReplyWithin)
		}
	}
	base, err := PresetText("qnap")
	if err != nil {
		t.Fatal(err)
	}
	with := func(v string) string { return string(base) + "\n[support]\nreply_within = \"" + v + "\"\n" }
	p, err := Parse([]byte(with("1bd")))
	if err != nil || p.Support.ReplyWithin != (Period{N: 1, Unit: "bd"}) {
		t.Fatalf("1bd: %+v, %v", p.Support, err)
	}
	for _, bad := range []string{"1y", "2m", "0bd"} {
		if _, err := Parse([]byte(with(bad))); err == nil || !strings.Contains(err.Error(), "support.reply_within") {
			t.Errorf("%q: err = %v, want one naming support.reply_within", bad, err)
		}
	}
}
