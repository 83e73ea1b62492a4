package parser

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestCases parses testdata/cases/*.eml and compares the JSON keys that the
// matching .json sets. In "fields" only the listed sub-keys are compared.
// Extra assertions: "_text_contains" / "_text_excludes" (substrings of
// text), "_options" ({"day_first": true}).
func TestCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 90 {
		t.Errorf("only %d cases", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".eml")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wantRaw, err := os.ReadFile(strings.TrimSuffix(f, ".eml") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			if err := json.Unmarshal(wantRaw, &want); err != nil {
				t.Fatalf("bad expectation: %v", err)
			}
			var opts Options
			if o, ok := want["_options"].(map[string]any); ok {
				opts.DayFirst, _ = o["day_first"].(bool)
			}
			m, err := ParseWith(raw, opts)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, m)
			b, _ := json.Marshal(m)
			var got map[string]any
			_ = json.Unmarshal(b, &got)
			for k, w := range want {
				switch k {
				case "_options":
				case "_text_contains":
					for _, s := range w.([]any) {
						if !strings.Contains(m.Text, s.(string)) {
							t.Errorf("text does not contain %q:\n%s", s, m.Text)
						}
					}
				case "_text_excludes":
					for _, s := range w.([]any) {
						if strings.Contains(m.Text, s.(string)) {
							t.Errorf("text contains %q:\n%s", s, m.Text)
						}
					}
				case "fields":
					gf := got["fields"].(map[string]any)
					for fk, fv := range w.(map[string]any) {
						if !reflect.DeepEqual(gf[fk], fv) {
							t.Errorf("fields.%s = %q, want %q", fk, gf[fk], fv)
						}
					}
				default:
					if !reflect.DeepEqual(got[k], w) {
						t.Errorf("%s = %s, want %s", k, js(got[k]), js(w))
					}
				}
			}
		})
	}
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func TestStripAttachments(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "cases", "attach_pdf_and_log.eml"))
	if err != nil {
		t.Fatal(err)
	}
	out, atts, err := StripAttachments(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 2 {
		t.Fatalf("removed %d attachments, want 2: %+v", len(atts), atts)
	}
	if len(out) >= len(raw) {
		t.Errorf("output (%d bytes) not smaller than input (%d)", len(out), len(raw))
	}
	before, _ := Parse(raw)
	after, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if after.Text != before.Text || after.Subject != before.Subject || after.MessageID != before.MessageID {
		t.Errorf("text or headers changed:\n%q\n%q", before.Text, after.Text)
	}
	// The notes report the attachments they replaced.
	if !reflect.DeepEqual(after.Attachments, before.Attachments) {
		t.Errorf("attachments after strip: %+v, want %+v", after.Attachments, before.Attachments)
	}
	for i, a := range atts {
		if a != before.Attachments[i] {
			t.Errorf("attachment %d: %+v, parse saw %+v", i, a, before.Attachments[i])
		}
	}
	if !strings.Contains(string(out), "[attachment removed: diag.log (text/plain, ") {
		t.Errorf("no note for diag.log in\n%s", out)
	}
	// The header section is copied byte for byte.
	hdrEnd := strings.Index(string(raw), "\r\n\r\n")
	if hdrEnd < 0 || string(out[:hdrEnd]) != string(raw[:hdrEnd]) {
		t.Errorf("header changed")
	}
	// Nothing to strip: output equals input.
	plain := []byte("From: a@example.com\r\nSubject: hi\r\n\r\nhello\r\n")
	out, atts, err = StripAttachments(plain)
	if err != nil || len(atts) != 0 || string(out) != string(plain) {
		t.Errorf("plain message changed: %q %v %v", out, atts, err)
	}
	if _, _, err := StripAttachments(nil); err != ErrNotMessage {
		t.Errorf("empty input: %v", err)
	}
}

func TestNotMessage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("   \r\n\n"), {0, 1, 2, 3, 0xff, 0xfe, 0, 0}} {
		if _, err := Parse(in); err != ErrNotMessage {
			t.Errorf("%q: err %v, want ErrNotMessage", in, err)
		}
	}
}

// An id with two '@' is not a msg-id (go-message's MessageID() gives ""
// for it): it is dropped with a defect, and the mail is still parsed.
func TestMalformedMessageID(t *testing.T) {
	m, err := Parse([]byte("Message-ID: <a@b@c.example>\nIn-Reply-To: x@y@z\nFrom: A <A@Example.COM>\n\nhi\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageID != "" || m.InReplyTo != "" || m.From.Address != "a@example.com" || m.Text != "hi" {
		t.Errorf("got %q %q %q %q", m.MessageID, m.InReplyTo, m.From.Address, m.Text)
	}
	if !slices.Equal(m.Defects, []string{"invalid Message-ID dropped", "invalid In-Reply-To id dropped"}) {
		t.Errorf("defects %q", m.Defects)
	}
}
