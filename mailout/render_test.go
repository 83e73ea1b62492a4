package mailout_test

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	gomessage "github.com/emersion/go-message/mail"

	"rmad/mailout"
)

var t0 = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

func sampleMail() mailout.Mail {
	return mailout.Mail{
		ID:        42,
		MessageID: "rmad.42.7f3a@desk.example.com",
		From:      "Acme Support <support@example.com>",
		To:        []string{"jorg@customer.example"},
		ReplyTo:   "rma@example.com",
		// Long and non-ASCII: must be RFC 2047 encoded and folded, and
		// decode back to exactly this.
		Subject:       "[RMA-2025-0042] Rücksendung für Gerät SN 4711 — bitte Versandetikett ausdrucken und beilegen",
		Body:          "Hallo Jörg,\n\nIhre RMA-Nummer ist RMA-2025-0042.\nA line with trailing space \n.\nFrom the warehouse: 100 % sure = done.\n" + strings.Repeat("x", 120) + "\n",
		InReplyTo:     "CAF+abc.123@mail.customer.example",
		References:    []string{"first@mail.customer.example", "CAF+abc.123@mail.customer.example"},
		AutoSubmitted: "auto-replied",
		QueuedAt:      t0,
		Attempts:      1,
	}
}

// parsed is a rendered message read back with go-message, the reader the
// rest of rmad (and most mail clients' libraries) use.
type parsed struct {
	h          gomessage.Header
	body       string
	ctype, cte string
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	r, err := gomessage.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("go-message cannot read the rendered mail: %v\n%s", err, raw)
	}
	p, err := r.NextPart()
	if err != nil {
		t.Fatalf("NextPart: %v", err)
	}
	ih, ok := p.Header.(*gomessage.InlineHeader)
	if !ok {
		t.Fatalf("part is %T, want inline", p.Header)
	}
	body, err := io.ReadAll(p.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	if _, err := r.NextPart(); err != io.EOF {
		t.Fatalf("second part: %v, want EOF (single-part message)", err)
	}
	return parsed{h: r.Header, body: string(body), ctype: ih.Get("Content-Type"), cte: ih.Get("Content-Transfer-Encoding")}
}

func TestRenderHeaders(t *testing.T) {
	m := sampleMail()
	raw, err := mailout.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, raw)
	h := p.h

	// Raw values first: these are what other mail systems thread on.
	for key, want := range map[string]string{
		"Message-Id":               "<rmad.42.7f3a@desk.example.com>",
		"In-Reply-To":              "<CAF+abc.123@mail.customer.example>",
		"References":               "<first@mail.customer.example> <CAF+abc.123@mail.customer.example>",
		"Auto-Submitted":           "auto-replied",
		"X-Auto-Response-Suppress": "All",
		"Date":                     "Fri, 14 Mar 2025 09:26:53 +0000",
		"Mime-Version":             "1.0",
		"X-Mailer":                 "rmad",
	} {
		if got := h.Get(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if id, err := h.MessageID(); err != nil || id != m.MessageID {
		t.Errorf("MessageID() = %q, %v", id, err)
	}
	if refs, err := h.MsgIDList("References"); err != nil || !slices.Equal(refs, m.References) {
		t.Errorf("References = %q, %v", refs, err)
	}
	if subj, err := h.Subject(); err != nil || subj != m.Subject {
		t.Errorf("Subject = %q, %v; want %q", subj, err, m.Subject)
	}
	if d, err := h.Date(); err != nil || !d.Equal(m.QueuedAt) {
		t.Errorf("Date = %v, %v", d, err)
	}
	from, err := h.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "Acme Support" || from[0].Address != "support@example.com" {
		t.Errorf("From = %v, %v", from, err)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != m.To[0] {
		t.Errorf("To = %v, %v", to, err)
	}
	rt, err := h.AddressList("Reply-To")
	if err != nil || len(rt) != 1 || rt[0].Address != m.ReplyTo {
		t.Errorf("Reply-To = %v, %v", rt, err)
	}
	if p.ctype != "text/plain; charset=UTF-8" || p.cte != "quoted-printable" {
		t.Errorf("Content-Type %q, Content-Transfer-Encoding %q", p.ctype, p.cte)
	}
	// Quoted-printable puts CRLF on the wire; the text is otherwise exact.
	if got := strings.ReplaceAll(p.body, "\r\n", "\n"); got != m.Body {
		t.Errorf("body = %q, want %q", got, m.Body)
	}

	if !bytes.Contains(raw, []byte("\r\nMessage-ID: <rmad.42.7f3a@desk.example.com>\r\n")) {
		t.Errorf("Message-ID not written verbatim:\n%s", raw)
	}
	// Nothing else: go-mail must not have added a header of its own.
	// (go-message canonicalises the keys it returns.)
	var keys []string
	for f := h.Fields(); f.Next(); {
		keys = append(keys, f.Key())
	}
	slices.Sort(keys)
	want := []string{"Auto-Submitted", "Content-Transfer-Encoding", "Content-Type", "Date", "From", "In-Reply-To",
		"Message-Id", "Mime-Version", "References", "Reply-To", "Subject", "To", "X-Auto-Response-Suppress", "X-Mailer"}
	if !slices.Equal(keys, want) {
		t.Errorf("header fields %q\nwant %q", keys, want)
	}
	for line := range strings.SplitSeq(string(raw), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line longer than 78 characters (RFC 5322 section 2.1.1): %q", line)
		}
	}
	if bytes.Contains(raw, []byte("go-mail")) || bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("go-mail marker or bare LF in output:\n%s", raw)
	}
}

func TestRenderOptionalHeadersAbsent(t *testing.T) {
	m := sampleMail()
	m.ReplyTo, m.InReplyTo, m.References, m.AutoSubmitted = "", "", nil, ""
	m.Subject = "plain ascii"
	raw, err := mailout.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	h := parse(t, raw).h
	for _, key := range []string{"Reply-To", "In-Reply-To", "References", "Auto-Submitted", "X-Auto-Response-Suppress"} {
		if h.Has(key) {
			t.Errorf("%s present: %q", key, h.Get(key))
		}
	}
	if !bytes.Contains(raw, []byte("\r\nSubject: plain ascii\r\n")) {
		t.Errorf("ASCII subject was encoded:\n%s", raw)
	}
}

func TestRenderDeterministic(t *testing.T) {
	m := sampleMail()
	first, err := mailout.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	// The same instant read back in another zone (pgx hands out local time).
	m.QueuedAt = m.QueuedAt.In(time.FixedZone("CET", 3600))
	for range 20 {
		again, err := mailout.Render(m)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("Render is not deterministic:\n%s\n---\n%s", first, again)
		}
	}
}

func TestRenderRejectsUnusableMail(t *testing.T) {
	for name, mut := range map[string]func(*mailout.Mail){
		"no message id":       func(m *mailout.Mail) { m.MessageID = "" },
		"bracketed id":        func(m *mailout.Mail) { m.MessageID = "<a@b>" },
		"id with space":       func(m *mailout.Mail) { m.MessageID = "a b@c" },
		"id without @":        func(m *mailout.Mail) { m.MessageID = "rmad.42" },
		"id with two @":       func(m *mailout.Mail) { m.MessageID = "a@b@c" },
		"id with empty right": func(m *mailout.Mail) { m.MessageID = "a@" },
		"id too long":         func(m *mailout.Mail) { m.MessageID = strings.Repeat("a", 240) + "@example.com" },
		"id with crlf":        func(m *mailout.Mail) { m.MessageID = "a@b\r\nBcc: x@y" },
		"no recipient":        func(m *mailout.Mail) { m.To = nil },
		"bad from":            func(m *mailout.Mail) { m.From = "not an address" },
		"address too long":    func(m *mailout.Mail) { m.To = []string{strings.Repeat("a", 250) + "@example.com"} },
		"no date":             func(m *mailout.Mail) { m.QueuedAt = time.Time{} },
	} {
		t.Run(name, func(t *testing.T) {
			m := sampleMail()
			mut(&m)
			if _, err := mailout.Render(m); !errors.Is(err, mailout.ErrInvalidMail) {
				t.Fatalf("Render = %v, want ErrInvalidMail", err)
			}
		})
	}
}

func TestRenderSubjectCannotInjectHeaders(t *testing.T) {
	m := sampleMail()
	m.Subject = "hello\r\nBcc: victim@example.org"
	raw, err := mailout.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	h := parse(t, raw).h
	if h.Has("Bcc") {
		t.Fatalf("subject injected a header:\n%s", raw)
	}
}
