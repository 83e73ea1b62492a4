package parser

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Tests for hostile mail (issue #9): several From fields, invalid
// Message-IDs, header floods, control characters, subjects that only look
// automatic.

func mustParse(t *testing.T, raw string) *Message {
	t.Helper()
	m, err := Parse([]byte(raw))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	checkInvariants(t, m)
	return m
}

func hasDefect(m *Message, sub string) bool {
	for _, d := range m.Defects {
		if strings.Contains(d, sub) {
			return true
		}
	}
	return false
}

func TestFromCount(t *testing.T) {
	cases := []struct {
		name, header string
		want         int
	}{
		{"none", "To: desk@example.com\n", 0},
		{"one", "From: Jane <jane@example.com>\n", 1},
		{"two", "From: Jane <jane@example.com>\nFrom: Agent <agent@desk.example>\n", 2},
		{"case and space", "from: a@example.com\nFROM : b@example.com\n", 2},
		{"folded", "From: Jane\n <jane@example.com>\nSubject: x\nFrom: b@example.com\n", 2},
		// Fields of an enclosed message or a part are not top-level.
		{"part", "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n--b\nFrom: x@example.com\n\nhi\n--b--\n", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := c.header
			if !strings.Contains(raw, "\n\n") {
				raw += "\nbody\n"
			}
			m := mustParse(t, raw)
			if m.FromCount != c.want {
				t.Errorf("FromCount = %d, want %d", m.FromCount, c.want)
			}
		})
	}
	// The first From is still the one reported.
	m := mustParse(t, "From: Jane <jane@example.com>\nFrom: Agent <agent@desk.example>\n\nhi\n")
	if m.From.Address != "jane@example.com" {
		t.Errorf("From = %+v", m.From)
	}
}

func TestInvalidMessageIDs(t *testing.T) {
	long := strings.Repeat("a", 251) + "@x.example"
	cases := []struct {
		name, value string
		want        string // "" when the id must be dropped
	}{
		{"valid", "<abc.123@customer.example>", "abc.123@customer.example"},
		{"bare valid", "abc@customer.example", "abc@customer.example"},
		{"spaces", "<fan noise 1@customer.example>", ""},
		{"bare spaces", "fan noise 1@customer.example", ""},
		{"no at", "<fan-noise.customer.example>", ""},
		{"two at", "<a@b@c.example>", ""},
		{"empty left", "<@customer.example>", ""},
		{"empty right", "<abc@>", ""},
		{"too long", "<" + long + ">", ""},
		{"exactly 250", "<" + long[len(long)-250:] + ">", long[len(long)-250:]},
		{"nul", "<abc\x00def@customer.example>", ""},
		{"control", "<abc\x01def@customer.example>", ""},
		{"del", "<abc\x7fdef@customer.example>", ""},
		{"non-ascii", "<abcé@customer.example>", ""},
		{"bracket inside", "<a<b@customer.example>", ""},
		{"empty", "<>", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := "From: a@example.com\nMessage-ID: " + c.value + "\nIn-Reply-To: " + c.value +
				"\nReferences: <root@desk.example> " + c.value + " <last@desk.example>\nSubject: hi\n\nbody\n"
			m := mustParse(t, raw)
			if m.MessageID != c.want || m.InReplyTo != c.want {
				t.Errorf("message_id %q, in_reply_to %q, want %q", m.MessageID, m.InReplyTo, c.want)
			}
			refs := []string{"root@desk.example", "last@desk.example"}
			if c.want != "" {
				refs = []string{"root@desk.example", c.want, "last@desk.example"}
			}
			if c.name == "bare spaces" || c.name == "bare valid" {
				// Inside brackets the References list is read by its brackets.
				refs = m.References
			}
			if !slices.Equal(m.References, refs) {
				t.Errorf("references %q, want %q", m.References, refs)
			}
			if dropped := c.want == ""; dropped != hasDefect(m, "invalid Message-ID dropped") ||
				dropped != hasDefect(m, "invalid In-Reply-To id dropped") {
				t.Errorf("defects %q (dropped=%v)", m.Defects, dropped)
			}
			if m.Text != "body" || m.From.Address != "a@example.com" {
				t.Errorf("mail lost: text %q from %+v", m.Text, m.From)
			}
		})
	}
	// In-Reply-To: the first valid id wins over an invalid one before it.
	m := mustParse(t, "From: a@example.com\nIn-Reply-To: <bad id@x.example> <good@x.example>\n\nhi\n")
	if m.InReplyTo != "good@x.example" || !hasDefect(m, "invalid In-Reply-To id dropped") {
		t.Errorf("in_reply_to %q defects %q", m.InReplyTo, m.Defects)
	}
	// Bare References words: each valid one is kept, the others dropped.
	m = mustParse(t, "From: a@example.com\nReferences: a@x.example junk b@x.example\n\nhi\n")
	if !slices.Equal(m.References, []string{"a@x.example", "b@x.example"}) || !hasDefect(m, "invalid References id dropped") {
		t.Errorf("references %q defects %q", m.References, m.Defects)
	}
}

// floodMessage builds a ~20 MB message with n To fields of size bytes
// each (addresses folded ten to a line when fold is set), a second From
// after the flood, and a short request body.
func floodMessage(n, size int, fold bool) []byte {
	var b bytes.Buffer
	b.Grow(n*(size+100) + 4096)
	b.WriteString("From: Jane Doe <jane@customer.example>\nSubject: RMA for TS-873A\nMessage-ID: <flood@customer.example>\n")
	k := 0
	for i := 0; i < n; i++ {
		start := b.Len()
		b.WriteString("To: ")
		for j := 0; b.Len()-start < size; j++ {
			if j > 0 {
				b.WriteString(",")
				if fold && j%10 == 0 {
					b.WriteString("\n")
				}
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "user%07d@customer.example", k)
			k++
		}
		b.WriteString("\n")
	}
	b.WriteString("From: Agent <agent@desk.example>\nSubject: hidden\n")
	b.WriteString("\nHello,\n\nSerial Number: Q21BI04567\nModel: TS-873A\n\nThe unit reboots every night.\n\nJane\n")
	return b.Bytes()
}

// A header flood (300 To fields of 64 KB, ~20 MB) used to give 650,000
// addresses and 180 MB of allocations here (1.8 million and ~900 MB RSS in
// the desk). Now, whatever the shape: the header is read up to 256 KB and a
// field value up to 64 KB, To keeps 100 addresses, the body is still found,
// and a From field hidden after the flood is still counted.
func TestHeaderFloodBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 20 MB messages")
	}
	for _, c := range []struct {
		name       string
		n, size    int
		fold       bool
		wantDefect string
	}{
		{"300 folded To fields of 64 KB", 300, 64 << 10, true, headerOverflow},
		{"300 one-line To fields of 64 KB", 300, 64 << 10, false, headerOverflow},
		{"one To line of 20 MB", 1, 300 * 64 << 10, false, "header field over 64 KB truncated"},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := floodMessage(c.n, c.size, c.fold)
			var m *Message
			alloc, inuse := memDelta(func() any {
				var err error
				m, err = Parse(raw)
				if err != nil {
					t.Fatal(err)
				}
				return m
			})
			t.Logf("Parse of %.1f MB: %.2f MB allocated, %.2f MB held after", float64(len(raw))/1e6, float64(alloc)/1e6, float64(inuse)/1e6)
			const limit = 4 << 20
			if alloc > limit || inuse > limit {
				t.Errorf("allocated %d bytes, holds %d (limit %d)", alloc, inuse, limit)
			}
			checkFlood(t, m, c.wantDefect)
		})
	}
}

func checkFlood(t *testing.T, m *Message, wantDefect string) {
	t.Helper()
	checkInvariants(t, m)
	if len(m.To) != maxAddresses || m.To[0].Address != "user0000000@customer.example" {
		t.Errorf("%d To addresses, first %+v", len(m.To), m.To[:min(1, len(m.To))])
	}
	if !hasDefect(m, wantDefect) || !hasDefect(m, "more than 100 To addresses") {
		t.Errorf("defects %q", m.Defects)
	}
	if m.Subject != "RMA for TS-873A" || m.MessageID != "flood@customer.example" || m.From.Address != "jane@customer.example" {
		t.Errorf("header read wrongly: %q %q %+v", m.Subject, m.MessageID, m.From)
	}
	if m.FromCount != 2 {
		t.Errorf("FromCount = %d, want 2 (one From hides after the flood)", m.FromCount)
	}
	if len(m.Units) != 1 || m.Units[0].SerialNumber != "Q21BI04567" || !strings.Contains(m.Text, "reboots every night") {
		t.Errorf("body not parsed: units %+v text %q", m.Units, m.Text)
	}
}

func TestAddressAndListCaps(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@example.com\nTo: ")
	for i := 0; i < 150; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "t%d@example.com", i)
	}
	b.WriteString("\nCc: c0@example.com\nCc: ")
	for i := 1; i < 120; i++ {
		if i > 1 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "c%d@example.com", i)
	}
	b.WriteString("\nReferences:")
	for i := 0; i < 80; i++ {
		fmt.Fprintf(&b, " <r%d@example.com>", i)
	}
	b.WriteString("\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "Authentication-Results: mx%d.example; dkim=pass\n", i)
	}
	b.WriteString("\nhi\n")
	m := mustParse(t, b.String())
	if len(m.To) != 100 || m.To[99].Address != "t99@example.com" || !hasDefect(m, "more than 100 To addresses") {
		t.Errorf("To: %d, defects %q", len(m.To), m.Defects)
	}
	if len(m.Cc) != 100 || m.Cc[0].Address != "c0@example.com" || m.Cc[99].Address != "c99@example.com" || !hasDefect(m, "more than 100 Cc addresses") {
		t.Errorf("Cc: %d, defects %q", len(m.Cc), m.Defects)
	}
	if len(m.References) != 50 || m.References[0] != "r30@example.com" || m.References[49] != "r79@example.com" || !hasDefect(m, "more than 50 References") {
		t.Errorf("References: %d %q, defects %q", len(m.References), m.References[:1], m.Defects)
	}
	if len(m.AuthResults) != 20 || m.AuthResults[0] != "mx0.example; dkim=pass" || !hasDefect(m, "more than 20 Authentication-Results") {
		t.Errorf("AuthResults: %d %q, defects %q", len(m.AuthResults), m.AuthResults[:1], m.Defects)
	}
	// Only the first Reply-To counts: a second must not add a recipient.
	m = mustParse(t, "From: a@example.com\nReply-To: r1@example.com\nReply-To: r2@example.com\n\nhi\n")
	if len(m.ReplyTo) != 1 || m.ReplyTo[0].Address != "r1@example.com" {
		t.Errorf("Reply-To %+v", m.ReplyTo)
	}
	// At the caps exactly: nothing dropped, no defect.
	m = mustParse(t, "From: a@example.com\nTo: a@example.com, b@example.com\n\nhi\n")
	if len(m.To) != 2 || len(m.Defects) != 0 {
		t.Errorf("To %+v defects %q", m.To, m.Defects)
	}
}

func TestControlCharacters(t *testing.T) {
	raw := "From: =?utf-8?q?Jane=00_Doe?= <jane@customer.example>\n" +
		"To: \"Desk\x01\" <rma@desk.example>\n" +
		"Subject: =?utf-8?q?Fan_noise=00?= raw\x00nul\ttab \xff\xfe bytes\x7f del \u0085 c1\n" +
		"Message-ID: <ok@customer.example>\n" +
		"Authentication-Results: mx.desk.example;\x00 dkim=pass\n" +
		"Content-Type: multipart/mixed; boundary=b\n\n" +
		"--b\nContent-Type: text/plain; charset=utf-8\n\n" +
		"#approve\x00 advance\x02now\n\nHello\x00 there,\n\tindented\x0bline \xc3\x28 bad\n\n" +
		"Serial Number: Q21BI\x0004567\nModel: TS-873A\x1b\nPhone: +1 408\x00 555 0143\nProblem: fan\x00 noise\x07 at\tnight\n\n" +
		"--b\nContent-Type: application/octet-stream\x00; name=\"log\x00.txt\"\nContent-Disposition: attachment; filename=\"log\x01.txt\"\n\nx\n--b--\n"
	m := mustParse(t, raw)
	for name, c := range map[string][2]string{
		"subject":   {m.Subject, "Fan noise rawnul tab ÿþ bytes del  c1"},
		"from name": {m.From.Name, "Jane Doe"},
		"to name":   {m.To[0].Name, "Desk"},
		"serial":    {m.Units[0].SerialNumber, "Q21BI04567"},
		"model":     {m.Units[0].Model, "TS-873A"},
		"phone":     {m.Fields.Phone, "+1 408 555 0143"},
		"problem":   {m.Fields.Problem, "fan noise at\tnight"},
		"auth":      {m.AuthResults[0], "mx.desk.example; dkim=pass"},
		"command":   {m.Commands[0].Args, "advancenow"},
		"filename":  {m.Attachments[0].Filename, "log.txt"},
	} {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if !strings.Contains(m.Text, "Hello there,\n\tindentedline \u00c3( bad") {
		t.Errorf("text %q", m.Text)
	}
}

// Every string the parser outputs is valid UTF-8 without control
// characters (\n and \t only in the multi-line values), checked on every
// parse the tests and the fuzz target make (checkInvariants).
func TestSanitizeStrings(t *testing.T) {
	for in, want := range map[string]string{
		"plain":             "plain",
		"a\x00b":            "ab",
		"a\tb\nc\rd":        "a b c d",
		"\x7f\u0080\u009fx": "x",
		"caf\xe9":           "café",
		" \x00 pad \x00 ":   "pad",
		"日本\x00語":           "日本語",
	} {
		if got := cleanLine(in); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", in, got, want)
		}
	}
	if got := cleanMulti("a\tb\nc\x00\rd\u0085"); got != "a\tb\ncd" {
		t.Errorf("cleanMulti = %q", got)
	}
	s := "nothing to remove, ünïcode"
	if got := cleanLine(s); got != s || !isClean(s, false) {
		t.Errorf("clean string changed: %q", got)
	}
}

// Customers' subjects that only look automatic: human, with a hint.
func TestAutoSubjectWithoutHeaderSignal(t *testing.T) {
	for _, subj := range []string{
		"NAS reboots every night out of office hours",
		"Thank you for your quote - please go ahead",
		"Vacation backup job fails",
		"Re: Out of office hours support",
		"Automatic reply settings in Outlook break after update?",
		"Automatic reply: [TKT-100311] TrueNAS M40 controller",
		"AUTO: ticket 4711",
	} {
		m := mustParse(t, "From: Jane <jane@customer.example>\nSubject: "+subj+"\nMessage-ID: <x@customer.example>\n\nHello, the unit fails.\n")
		if m.Class != Human {
			t.Errorf("%q: class %q, want human", subj, m.Class)
		}
		if subj == "Vacation backup job fails" || subj == "NAS reboots every night out of office hours" ||
			strings.HasPrefix(subj, "Automatic reply") || subj == "AUTO: ticket 4711" {
			if !strings.Contains(m.AutoReplyHint, "subject looks like an automatic reply") || len(m.AutoReplyHint) >= 120 {
				t.Errorf("%q: hint %q", subj, m.AutoReplyHint)
			}
		}
	}
	m := mustParse(t, "From: Jane <jane@customer.example>\nSubject: Automatic reply: "+strings.Repeat("long ", 60)+"\n\nhi\n")
	if !strings.HasPrefix(m.AutoReplyHint, `subject looks like an automatic reply: "Automatic reply: long`) ||
		!strings.HasSuffix(m.AutoReplyHint, `..."`) || len(m.AutoReplyHint) >= 120 {
		t.Errorf("hint %q (%d bytes)", m.AutoReplyHint, len(m.AutoReplyHint))
	}
	// An ordinary subject gets no hint.
	m = mustParse(t, "From: Jane <jane@customer.example>\nSubject: Fan noise\n\nhi\n")
	if m.AutoReplyHint != "" {
		t.Errorf("hint %q", m.AutoReplyHint)
	}
}

// Each header signal makes an auto-reply on its own or with an automatic
// subject, as doc.go says; the class needs no help from the subject for
// RFC 3834 and its non-standard equivalents.
func TestAutoReplyHeaderSignals(t *testing.T) {
	const ordinary = "Re: your request"
	const auto = "Automatic reply: your request"
	cases := []struct {
		name, header, subject string
		want                  Class
	}{
		{"auto-submitted", "Auto-Submitted: auto-replied", ordinary, AutoReply},
		{"auto-submitted no", "Auto-Submitted: no", auto, Human},
		{"x-autoreply", "X-Autoreply: yes", ordinary, AutoReply},
		{"x-autorespond", "X-Autorespond: yes", ordinary, AutoReply},
		{"x-autoresponder", "X-Autoresponder: yes", ordinary, AutoReply},
		{"x-autogenerated", "X-Autogenerated: Reply", ordinary, AutoReply},
		{"precedence bulk", "Precedence: bulk", ordinary, AutoReply},
		{"precedence auto_reply", "Precedence: auto_reply", ordinary, AutoReply},
		{"null return-path", "Return-Path: <>", ordinary, AutoReply},
		{"x-mailer vacation", "X-Mailer: vacation 1.2", ordinary, AutoReply},
		{"apple vacation", "X-Apple-Action: VACATION", "Auto reply: your request", AutoReply},
		{"suppress + subject", "X-Auto-Response-Suppress: All", auto, AutoReply},
		{"suppress + vacation subject", "X-Auto-Response-Suppress: All", "Vacation: your request", AutoReply},
		{"suppress, ordinary subject", "X-Auto-Response-Suppress: All", ordinary, Human},
		{"inbox rules loop + subject", "X-MS-Exchange-Inbox-Rules-Loop: bob@contoso.example", auto, AutoReply},
		{"exchange thread-topic", "Thread-Topic: your request", "Out of Office AutoReply: your request", AutoReply},
		{"exchange thread-topic, human", "Thread-Topic: Out of office hours support", "Out of office hours support", Human},
		{"exchange thread-topic, forward", "Thread-Topic: your request", "FW: Automatic reply: your request", Human},
		{"domino", "X-MIMETrack: Serialize by Router on EURMAIL02", "AUTO: Smith, John is out of the office.", AutoReply},
		{"domino, other subject", "X-MIMETrack: Serialize by Router on EURMAIL02", "Auto: ticket 4711", Human},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := mustParse(t, "From: Bob <bob@contoso.example>\n"+c.header+"\nSubject: "+c.subject+"\n\nhi\n")
			if m.Class != c.want {
				t.Errorf("class %q, want %q", m.Class, c.want)
			}
			if m.Class != Human && m.AutoReplyHint != "" {
				t.Errorf("hint %q on class %q", m.AutoReplyHint, m.Class)
			}
		})
	}
}

// A text that only reads like a delivery report, without a machine's
// signal, is a customer pasting a bounce: human with a hint. The well-known
// NDR subjects still classify alone: five real bounces in the corpora carry
// nothing else (see doc.go).
func TestBounceTextNeedsMachineSignal(t *testing.T) {
	const body = "\n\nDelivery has failed to these recipients or groups:\n\nbob@contoso.example\n"
	m := mustParse(t, "From: Jane <jane@customer.example>\nSubject: mail to Bob fails"+body)
	if m.Class != Human || m.AutoReplyHint != "text starts like a mail server's delivery failure report" {
		t.Errorf("class %q hint %q", m.Class, m.AutoReplyHint)
	}
	for _, hdr := range []string{"From: postmaster@contoso.example", "From: Jane <jane@customer.example>\nReturn-Path: <>",
		"From: Jane <jane@customer.example>\nAuto-Submitted: auto-replied", "From: Jane <jane@customer.example>\nX-Failed-Recipients: bob@contoso.example"} {
		m := mustParse(t, hdr+"\nSubject: mail to Bob fails"+body)
		if m.Class != Bounce || m.AutoReplyHint != "" || m.BounceInfo == nil || m.BounceInfo.Recipient != "bob@contoso.example" {
			t.Errorf("%q: class %q hint %q bounce %+v", hdr, m.Class, m.AutoReplyHint, m.BounceInfo)
		}
	}
	m = mustParse(t, "From: Jane <jane@customer.example>\nSubject: Undeliverable: [TKT-100311] TrueNAS"+body)
	if m.Class != Bounce {
		t.Errorf("NDR subject: class %q", m.Class)
	}
}

// Severity words inside a URL, an address or a ticket reference say nothing.
func TestSeverityIgnoresURLs(t *testing.T) {
	for body, want := range map[string]string{
		"Problem: see https://kb.example.com/critical-updates/high-availability for what I tried.\n": "",
		"Priority: https://portal.example.com/priority/high\n":                                       "",
		"Priority: high\n": "high",
		"The system went down last night, see www.example.com/x\n": "critical",
		"I wrote to urgent@customer.example about it.\n":           "",
	} {
		m := mustParse(t, "From: Jane <jane@customer.example>\nSubject: Support request\n\nHello,\n\n"+body)
		if m.Fields.Severity != want {
			t.Errorf("%q: severity %q, want %q", body, m.Fields.Severity, want)
		}
	}
}

// checkClean fails when any string of m is invalid UTF-8 or holds a
// control character (\n and \t are allowed in Text and Fields.Problem).
func checkClean(t testing.TB, m *Message) {
	t.Helper()
	var walk func(v reflect.Value, name string)
	walk = func(v reflect.Value, name string) {
		switch v.Kind() {
		case reflect.String:
			multi := name == "Text" || name == "Problem"
			if s := v.String(); !isCleanRef(s, multi) {
				t.Fatalf("%s is not clean: %q", name, s)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), v.Type().Field(i).Name)
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), name)
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), name)
			}
		}
	}
	walk(reflect.ValueOf(*m), "Message")
}

// isCleanRef is the definition isClean implements, rune by rune.
func isCleanRef(s string, multi bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if multi && (r == '\n' || r == '\t') {
			continue
		}
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return false
		}
	}
	return true
}

// isClean's eight-byte test agrees with the byte-wise definition for every
// byte value at every position of a block.
func TestIsCleanWord(t *testing.T) {
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			for _, multi := range []bool{false, true} {
				if got, want := isClean(string(b), multi), isCleanRef(string(b), multi); got != want {
					t.Fatalf("isClean with %#x at %d (multi %v) = %v", c, pos, multi, got)
				}
			}
		}
	}
}

func BenchmarkIsClean(b *testing.B) {
	s := strings.Repeat("Hello, the unit reboots every night between 1 and 3 am.\n", 150)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if !isClean(s, true) {
			b.Fatal("not clean")
		}
	}
}

// A message/rfc822 nested 15 deep around 3.8 MB of text used to allocate
// 142 MB (a copy of the rest of the raw message at every level); plain
// parts are now read in place. What remains is one copy of the decoded
// text (at most maxTextBytes) per level: bounded by the nesting limit, not
// by the size of the message.
func TestNestedMessageMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@b.example\nSubject: x\n")
	for i := 0; i < 15; i++ {
		b.WriteString("Content-Type: message/rfc822\n\nFrom: c@d.example\nSubject: level\n")
	}
	b.WriteString("Content-Type: text/plain\n\nSerial Number: Q21BI04567\n")
	b.WriteString(strings.Repeat("hello world this is text\n", 150000))
	raw := []byte(b.String())
	var m *Message
	alloc, inuse := memDelta(func() any {
		var err error
		if m, err = Parse(raw); err != nil {
			t.Fatal(err)
		}
		return m
	})
	t.Logf("%.1f MB nested 15 deep: %.1f MB allocated, %.1f MB held", float64(len(raw))/1e6, float64(alloc)/1e6, float64(inuse)/1e6)
	if limit := 3 * maxDepth * maxTextBytes; alloc > uint64(limit) {
		t.Errorf("allocated %d bytes (limit %d)", alloc, limit)
	}
	if !strings.Contains(m.Text, "Serial Number: Q21BI04567") || strings.Count(m.Text, "Forwarded message") != 15 {
		t.Errorf("text %q...", m.Text[:min(len(m.Text), 2000)])
	}
}

// The problem text is cut at 4000 bytes on a character boundary: a cut
// inside a character used to leave invalid UTF-8 (mojibake once cleaned).
func TestProblemCutWholeCharacters(t *testing.T) {
	// 4000 is not a multiple of 3 (nor is 4000-len("Problem: ")).
	m := mustParse(t, "From: Jane <jane@customer.example>\nSubject: fan\nContent-Type: text/plain; charset=utf-8\n\nProblem: "+strings.Repeat("€", 2000)+"\n")
	if p := m.Fields.Problem; len(p) > 4000 || len(p) < 3990 || !utf8.ValidString(p) || !strings.HasSuffix(p, "€") {
		t.Errorf("problem of %d bytes ends %q", len(p), p[max(0, len(p)-8):])
	}
}

// The desk refuses authority when it cannot tell which single mailbox a
// From names: several in one field, or several that only a loose reading
// finds. One person written loosely ("Smith, John <j@x>") is not that.
func TestFromMailboxesAndAmbiguity(t *testing.T) {
	for from, want := range map[string]struct {
		boxes     int
		ambiguous bool
		addr      string
	}{
		"<bob@bigcorp.example>, <mallory@evil.example>":    {2, false, "bob@bigcorp.example"},
		"mallory@evil.example bob@bigcorp.example":         {1, true, ""},
		"Mal <mallory@evil.example> <bob@bigcorp.example>": {1, true, ""},
		"Smith, John <j@x.example>":                        {1, false, "j@x.example"},
		"John Q. Public <jqp@x.example>":                   {1, false, "jqp@x.example"},
	} {
		m, err := Parse([]byte("From: " + from + "\r\nSubject: x\r\n\r\nhello\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		if m.FromMailboxes != want.boxes || m.FromAmbiguous != want.ambiguous || (want.addr != "" && m.From.Address != want.addr) {
			t.Errorf("From %q: mailboxes %d ambiguous %v address %q, want %+v", from, m.FromMailboxes, m.FromAmbiguous, m.From.Address, want)
		}
	}
}
