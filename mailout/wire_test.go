package mailout_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"

	"rmad/internal/smtptest"
	"rmad/mailout"
)

// wireProblem reports the first way raw breaks RFC 5322 / RFC 5321 as a
// strict MTA reads it, or "" when it is clean: a line longer than max
// octets, a CR or LF that is not part of a CRLF, a NUL, an 8-bit byte (rmad
// sends 7-bit: encoded-words and quoted-printable), or a header line made
// of white space only (RFC 5322 section 3.2.2), which ends the header early
// for some readers.
func wireProblem(raw []byte, max int) string {
	for i, c := range raw {
		switch {
		case c == 0:
			return fmt.Sprintf("NUL at offset %d", i)
		case c >= 0x80:
			return fmt.Sprintf("8-bit byte %#x at offset %d", c, i)
		case c == '\r' && (i+1 == len(raw) || raw[i+1] != '\n'):
			return fmt.Sprintf("bare CR at offset %d", i)
		case c == '\n' && (i == 0 || raw[i-1] != '\r'):
			return fmt.Sprintf("bare LF at offset %d", i)
		}
	}
	header := true
	for n, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > max {
			return fmt.Sprintf("line %d is %d octets long: %.80q...", n+1, len(line), line)
		}
		if header && line == "" {
			header = false
		}
		if header && strings.TrimLeft(line, " \t") == "" {
			return fmt.Sprintf("header line %d is only white space", n+1)
		}
	}
	return ""
}

// strictMTA is what Postfix or Exim answer at the final dot: a line over
// 998 octets (RFC 5322 section 2.1.1) or a bare CR/LF (RFC 5321 section
// 2.3.8) is refused for good.
func strictMTA(r smtptest.Received) *smtp.SMTPError {
	if p := wireProblem(r.Data, 998); p != "" {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message not RFC 5322 compliant: " + p}
	}
	return nil
}

func TestRenderIsValidOnTheWireWhateverTheText(t *testing.T) {
	long := strings.Repeat("W", 2100)
	for name, tc := range map[string]struct {
		subject, wantSubject string
		from                 string
		body, wantBody       string
	}{
		"2100-char subject word": {subject: "[RMA-1] " + long + " end", body: "ok\n"},
		"only the long word":     {subject: long, body: "ok\n"},
		"long non-ASCII word":    {subject: strings.Repeat("ü", 700), body: "ok\n"},
		"white space runs": {subject: "  lead" + strings.Repeat(" ", 300) + "trail  ",
			body: "ok\n"},
		"control characters": {subject: "a\x00b\x07c\x1bd\x7fe\u0085f\rg\nh\ti",
			wantSubject: "abcdef g h i", body: "ok\n"},
		"invalid UTF-8": {subject: "caf\xe9 ok", wantSubject: "caf\uFFFD ok", body: "ok\n"},
		"long display name": {subject: "x", from: `"Acme ` + long + `" <support@example.com>`,
			body: "ok\n"},
		"display name with quotes": {subject: "x", from: `"` + strings.Repeat(`\"`, 100) + `" <support@example.com>`,
			body: "ok\n"},
		"control chars in display name": {subject: "x", from: "=?UTF-8?q?Acme=01=0D=0A_Support?= <support@example.com>",
			body: "ok\n"},
		"5000-char body line": {subject: "x", body: strings.Repeat("b", 5000) + "\n"},
		"NUL, lone CR, bare LF": {subject: "x", body: "a\x00b\rc\nd\r\ne",
			wantBody: "a\x00b\r\nc\r\nd\r\ne"},
	} {
		t.Run(name, func(t *testing.T) {
			m := sampleMail()
			m.Subject, m.Body = tc.subject, tc.body
			if tc.from != "" {
				m.From = tc.from
			}
			raw, err := mailout.Render(m)
			if err != nil {
				t.Fatal(err)
			}
			// 78 is RFC 5322's SHOULD; every header here is one rmad
			// controls, so it holds even for hostile text.
			if p := wireProblem(raw, 78); p != "" {
				t.Fatalf("%s in:\n%s", p, raw)
			}
			p := parse(t, raw)
			want := tc.wantSubject
			if want == "" {
				want = tc.subject
			}
			if got, err := p.h.Subject(); err != nil || got != want {
				t.Errorf("Subject = %q, %v\nwant %q", got, err, want)
			}
			wantBody := tc.wantBody
			if wantBody == "" {
				wantBody = strings.ReplaceAll(tc.body, "\n", "\r\n")
			}
			if p.body != wantBody {
				t.Errorf("body = %.100q, want %.100q", p.body, wantBody)
			}
			from, err := p.h.AddressList("From")
			if err != nil || len(from) != 1 || from[0].Address != "support@example.com" {
				t.Fatalf("From = %v, %v", from, err)
			}
			if tc.from == "" && from[0].Name != "Acme Support" {
				t.Errorf("From name = %q", from[0].Name)
			}
			// A display name is only shown: its characters survive, an
			// over-long word gains spaces and control characters go.
			if strings.Contains(tc.from, long) && strings.ReplaceAll(from[0].Name, " ", "") != "Acme"+long {
				t.Errorf("From name lost characters: %.100q", from[0].Name)
			}
			if strings.Contains(tc.from, "=01") && from[0].Name != "Acme Support" {
				t.Errorf("From name = %q, want the control character dropped", from[0].Name)
			}
		})
	}
}

func TestLongSubjectWordAcceptedByStrictMTA(t *testing.T) {
	h := newHarness(t, smtptest.Options{RejectData: strictMTA})
	m := mailTo(1, "jorg@customer.example")
	m.Subject = "[RMA-2025-0042] " + strings.Repeat("x", 2100)
	h.q.add(m)

	if sent, err := h.sendDue(); sent != 1 || err != nil {
		t.Fatalf("SendDue = %d, %v; want 1 sent", sent, err)
	}
	wantCalls(t, h.q, 1, "sent")
	got := h.sink.Messages()
	if len(got) != 1 {
		t.Fatalf("sink has %d messages, want 1", len(got))
	}
	if p := wireProblem(got[0].Data, 78); p != "" {
		t.Fatalf("%s in:\n%s", p, got[0].Data)
	}
	p := parse(t, got[0].Data)
	if subj, err := p.h.Subject(); err != nil || subj != m.Subject {
		t.Fatalf("Subject on the wire decodes to %.60q (%d chars), %v; want the stored subject", subj, len(subj), err)
	}
}

func TestRenderDropsInvalidThreadIDs(t *testing.T) {
	valid := []string{"first@mail.customer.example", "CAF+abc.123@mail.customer.example"}
	for name, tc := range map[string]struct {
		inReplyTo string
		refs      []string
		wantIRT   string   // raw header value, "" = absent
		wantRefs  []string // nil = header absent
	}{
		"id with spaces in In-Reply-To": {inReplyTo: "fan noise 1@customer.example", refs: valid,
			wantRefs: valid},
		"id with spaces among References": {inReplyTo: valid[1],
			refs:    []string{valid[0], "fan noise 1@customer.example", valid[1]},
			wantIRT: "<" + valid[1] + ">", wantRefs: valid},
		"every kind of bad id": {inReplyTo: "no-at-sign",
			refs: []string{"a@b@c", "@left.empty", "right.empty@", "<bracketed@x>", "crlf@x\r\nBcc: v@example.org",
				"tab\t@x", "ü@x", strings.Repeat("l", 250) + "@x", valid[0]},
			wantRefs: valid[:1]},
		"all references bad": {inReplyTo: valid[0], refs: []string{"a b@c"},
			wantIRT: "<" + valid[0] + ">"},
	} {
		t.Run(name, func(t *testing.T) {
			m := sampleMail()
			m.InReplyTo, m.References = tc.inReplyTo, tc.refs
			raw, err := mailout.Render(m)
			if err != nil {
				t.Fatalf("Render = %v; an id of another system must never fail the mail", err)
			}
			if p := wireProblem(raw, 998); p != "" {
				t.Fatalf("%s in:\n%s", p, raw)
			}
			h := parse(t, raw).h
			if got := h.Get("In-Reply-To"); got != tc.wantIRT || h.Has("In-Reply-To") != (tc.wantIRT != "") {
				t.Errorf("In-Reply-To = %q (present %v), want %q", got, h.Has("In-Reply-To"), tc.wantIRT)
			}
			refs, err := h.MsgIDList("References")
			if err != nil || !slices.Equal(refs, tc.wantRefs) || h.Has("References") != (tc.wantRefs != nil) {
				t.Errorf("References = %q, %v; want %q", refs, err, tc.wantRefs)
			}
			if h.Has("Bcc") || bytes.Contains(raw, []byte("v@example.org")) {
				t.Errorf("a bad id reached the header:\n%s", raw)
			}
		})
	}
}
