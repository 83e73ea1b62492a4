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
