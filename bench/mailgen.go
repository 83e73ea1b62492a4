package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Kinds of generated inbound mail.
const (
	kindRMA       = "rma_request"     // new RMA request to rma@
	kindSupport   = "support_request" // new support question to support@
	kindFollowUp  = "followup"        // customer's reply in an existing thread
	kindAutoReply = "auto_reply"      // out-of-office answer from a customer
	kindBounce    = "bounce"          // DSN from a customer's mail server
	kindCross     = "cross_posted"    // one question sent to support@ and rma@ (appended to both)
)

const (
	deskSupport = "support@desk.example"
	deskRMA     = "rma@desk.example"
	deskAgent   = "dana@desk.example"
)

// item is one generated message and what the desk must do with it.
type item struct {
	kind    string
	mailbox string // "support", "rma" or "both" (cross-posted: appended to each)
	msgID   string // without angle brackets
	from    string
	thread  int // messages of one thread share it (and a mailbox), so they append in order
	raw     []byte
	// expectAck: a new human request, which must get exactly one customer answer.
	expectAck bool
	// noAnswer: a bounce or auto-reply, which must never be answered.
	noAnswer bool
}

// appends is how many IMAP APPENDs the item costs.
func (it *item) appends() int {
	if it.mailbox == "both" {
		return 2
	}
	return 1
}

func (it *item) mailboxes() []string {
	if it.mailbox == "both" {
		return []string{"support", "rma"}
	}
	return []string{it.mailbox}
}

// mix is the share of each kind, in percent of generated messages. It is a
// guess at a hardware vendor's desk on a busy day: most mail opens a ticket,
// a fifth continues a thread, and one in seven is machine-written.
type mix struct {
	rma, support, followUp, autoReply, bounce, cross float64
	// smallAttach is the share of new requests with a 20-300 KB attachment
	// (invoice PDF, photo, log); bigAttach those with a 1-5 MB one
	// (diagnostic archive).
	smallAttach, bigAttach float64
}

var defaultMix = mix{rma: 34, support: 28, followUp: 21, autoReply: 8, bounce: 7, cross: 2, smallAttach: 12, bigAttach: 0.5}

// generator makes deterministic, realistic mail.
type generator struct {
	r      *rand.Rand
	mix    mix
	prefix string // makes Message-IDs unique per phase
	now    time.Time
	// threads that a follow-up, auto-reply or bounce may refer to
	threads []*threadInfo
	seq     int
}

type threadInfo struct {
	id       int
	mailbox  string
	customer string
	name     string
	company  company
	subject  string
	ids      []string // Message-IDs of the thread so far
	text     string   // the first message's text, quoted by follow-ups
	missing  []string // field blocks not yet sent (a follow-up supplies some)
	replies  int      // follow-ups so far
	offset   int      // position of the opening message in the stream
}

type company struct{ name, domain string }

func newGenerator(seed uint64, prefix string, m mix) *generator {
	return &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), mix: m, prefix: prefix, now: time.Now()}
}

// generate returns n IMAP appends' worth of messages (a cross-posted message
// counts twice), in the order they would arrive. A follow-up, auto-reply or
// bounce refers only to a thread opened at least minGap messages earlier.
func (g *generator) generate(n, minGap int) []*item {
	var out []*item
	appends := 0
	for appends < n {
		it := g.next(len(out), minGap, n-appends)
		out = append(out, it)
		appends += it.appends()
	}
	return out
}

func (g *generator) next(pos, minGap, left int) *item {
	m := g.mix
	total := m.rma + m.support + m.followUp + m.autoReply + m.bounce + m.cross
	x := g.r.Float64() * total
	// Threads old enough to be answered.
	eligible := 0
	for eligible < len(g.threads) && g.threads[eligible].offset <= pos-minGap {
		eligible++
	}
	switch {
	case x < m.rma:
		return g.newRequest(pos, "rma")
	case x < m.rma+m.support:
		return g.newRequest(pos, "support")
	case x < m.rma+m.support+m.followUp && eligible > 0:
		return g.followUp(g.threads[g.r.IntN(eligible)])
	case x < m.rma+m.support+m.followUp+m.autoReply && eligible > 0:
		return g.autoReply(g.threads[g.r.IntN(eligible)])
	case x < m.rma+m.support+m.followUp+m.autoReply+m.bounce:
		return g.bounce(pos)
	case left >= 2 && m.cross > 0:
		return g.newRequest(pos, "both")
	}
	return g.newRequest(pos, "support")
}

func (g *generator) msgID(domain string) string {
	g.seq++
	return fmt.Sprintf("%s.%d.%x@%s", g.prefix, g.seq, g.r.Uint32(), domain)
}

func (g *generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *generator) date(offset time.Duration) string {
	return g.now.Add(offset).Format(time.RFC1123Z)
}

var (
	firstNames = []string{"Miriam", "Alice", "Jonas", "Wei", "Priya", "Tomás", "Hannah", "Kenji", "Olga", "Samuel", "Fatima", "Lars", "Chen", "Isabel", "Noah", "Aiko", "Rafael", "Ingrid", "Mehmet", "Claire"}
	lastNames  = []string{"Keller", "Martin", "Berg", "Zhang", "Raman", "García", "Schulz", "Tanaka", "Ivanova", "Okafor", "Haddad", "Nilsson", "Liu", "Moreau", "Fischer", "Sato", "Costa", "Larsen", "Yılmaz", "Dubois"}
	companies  = []company{
		{"Keller & Partner Engineering GmbH", "keller-partner.example"}, {"Northwind Hosting", "northwind.example"},
		{"Blue Fjord Data AS", "bluefjord.example"}, {"Acme Render Farm", "acme-render.example"},
		{"Sakura Cloud KK", "sakura-cloud.example"}, {"Lisboa Sistemas Lda", "lisboa-sistemas.example"},
		{"Maple Leaf Storage Inc.", "mapleleaf.example"}, {"Rivergate University IT", "rivergate.example"},
		{"Helios Media", "helios-media.example"}, {"Contoso Labs", "contoso.example"},
	}
	models   = []string{"D52BQ-2U", "D52B-1U", "S5B", "TS-h1290FX", "TS-873A", "TVS-h1688X", "OCP-T3", "S2S-2U", "D43K-1U", "TrueNAS M40"}
	problems = []struct{ subject, text string }{
		{"Server will not power on", "The server does not power on any more. The power LED blinks amber twice, then nothing. We re-seated both PSUs and tried another PDU; same result."},
		{"Drives dropping from RAID 6", "The unit keeps dropping drives from its RAID 6 array. The drives test fine in another chassis, so we suspect the backplane or the SAS controller."},
		{"PSU failure alarm", "The BMC reports a power supply failure on PSU2 and the fans run at full speed. Swapping the PSUs moves the alarm with the unit."},
		{"Memory errors after firmware update", "Since the BIOS update last week the system log shows correctable ECC errors on DIMM_B2 every few minutes, and yesterday one uncorrectable error crashed the host."},
		{"NIC link flapping", "The onboard 25 GbE port goes down and up several times an hour. The switch side and the cable were replaced; the problem stays with this port."},
		{"Fan module noisy and failing", "Fan module 3 makes a grinding noise and the BMC shows it at 0 RPM for seconds at a time, then back to 9000 RPM."},
		{"BMC unreachable", "The BMC stopped answering on its dedicated port; a cold reset from the host does not help. The host itself runs."},
		{"System halts at POST code 0xB2", "The system halts at POST code 0xB2 after we added two NVMe drives; with the drives removed it still halts."},
		{"Overheating warnings", "The chassis reports inlet temperature warnings at 27 °C room temperature, and the CPU throttles under load."},
		{"Question about firmware compatibility", "Before we update, can you confirm which firmware versions support the new 30 TB drives, and whether the update needs a cold restart?"},
		{"Warranty status of our units", "Could you tell us until when our units are covered, and whether the extended warranty we bought with the last order was registered?"},
		{"How to order spare rails", "We need two spare rail kits for the 2U model. Is there a part number we can order directly, or does that go through the reseller?"},
	}
	fieldBlocks = []func(g *generator, t *threadInfo) string{
		func(g *generator, t *threadInfo) string { return "Model: " + g.pick(models) },
		func(g *generator, t *threadInfo) string {
			return fmt.Sprintf("Serial Number: QTFC%010d", g.r.IntN(1e9))
		},
		func(g *generator, t *threadInfo) string {
			return fmt.Sprintf("Part Number: 1S5B%s%04d", string(rune('A'+g.r.IntN(26))), g.r.IntN(1e4))
		},
		func(g *generator, t *threadInfo) string {
			return fmt.Sprintf("Phone: +1 (408) 555-%04d", g.r.IntN(1e4))
		},
		func(g *generator, t *threadInfo) string {
			return fmt.Sprintf("PO Number: PO-%d-%05d", 2024+g.r.IntN(3), g.r.IntN(1e5))
		},
		func(g *generator, t *threadInfo) string {
			return fmt.Sprintf("Invoice Number: INV-%06d", g.r.IntN(1e6))
		},
		func(g *generator, t *threadInfo) string {
			return "Invoice Date: " + g.now.AddDate(0, -1-g.r.IntN(20), -g.r.IntN(28)).Format("2006-01-02")
		},
		func(g *generator, t *threadInfo) string {
			return "Bill-to: " + t.company.name + ", 100 Main St, San Jose, CA 95110"
		},
		func(g *generator, t *threadInfo) string {
			return "Ship-to: " + t.company.name + ", Dock 4, 100 Main St, San Jose, CA 95110"
		},
	}
	logLines = []string{
		"kernel: ata%d.00: exception Emask 0x0 SAct 0x0 SErr 0x0 action 0x6 frozen; failed command: READ FPDMA QUEUED",
		"kernel: mpt3sas_cm0: log_info(0x31120303): originator(PL), code(0x12), sub_code(0x0303) port %d",
		"ipmi: SEL entry %d: Power Supply PS2 | Failure detected | Asserted",
		"kernel: EDAC MC%d: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#1",
		"kernel: ice 0000:3b:00.%d ens1f0: NIC Link is Down",
		"bmc: fan FAN%d speed 0 RPM below lower critical threshold",
	}
)

func (g *generator) person() (name, first string) {
	first = g.pick(firstNames)
	return first + " " + g.pick(lastNames), first
}

// newRequest opens a thread: an RMA request, a support question, or a
// question sent to both addresses.
func (g *generator) newRequest(pos int, mailbox string) *item {
	co := companies[g.r.IntN(len(companies))]
	name, first := g.person()
	tid := len(g.threads)
	// One customer address per thread, so the hourly auto-answer limit (5)
	// is never reached: a thread gets at most 3 automatic answers.
	addr := fmt.Sprintf("%s.%s%d@%s", strings.ToLower(asciiOnly(first)), g.prefix, tid, co.domain)
	pr := problems[g.r.IntN(len(problems))]
	t := &threadInfo{id: tid, mailbox: mailbox, customer: addr, name: name, company: co, subject: pr.subject, offset: pos}
	if mailbox == "both" {
		t.mailbox = "support" // its follow-ups go to one of them
	}
	kind := kindSupport
	if mailbox == "rma" {
		kind = kindRMA
		t.subject = "RMA request: " + pr.subject
	}
	if mailbox == "both" {
		kind = kindCross
	}
	// The customer gives some of the fields now and keeps the rest for a follow-up.
	var now []string
	for _, f := range g.r.Perm(len(fieldBlocks)) {
		if g.r.IntN(3) > 0 {
			now = append(now, fieldBlocks[f](g, t))
		} else {
			t.missing = append(t.missing, fieldBlocks[f](g, t))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Hello %s team,\r\n\r\n", map[string]string{"rma": "RMA", "support": "support", "both": "support"}[mailbox])
	b.WriteString(wrap(pr.text))
	b.WriteString("\r\n\r\n")
	if g.r.IntN(2) == 0 {
		b.WriteString("What we have already tried:\r\n- re-seated the components and cables\r\n- updated BIOS and BMC firmware to the latest release\r\n- ran the built-in hardware diagnostics\r\n\r\n")
	}
	if len(now) > 0 {
		b.WriteString("Unit details:\r\n")
		for _, l := range now {
			b.WriteString(l + "\r\n")
		}
		fmt.Fprintf(&b, "Contact: %s\r\nCompany: %s\r\nEmail: %s\r\n\r\n", name, co.name, addr)
	}
	// Log excerpts make most mail 2-10 KB, like real requests.
	if n := g.r.IntN(60); n > 5 {
		b.WriteString("The system log shows:\r\n\r\n")
		for i := 0; i < n; i++ {
			ts := g.now.Add(-time.Duration(n-i) * 7 * time.Minute).Format("2006-01-02 15:04:05")
			fmt.Fprintf(&b, "%s %s\r\n", ts, fmt.Sprintf(g.pick(logLines), g.r.IntN(8)))
		}
		b.WriteString("\r\n")
	}
	fmt.Fprintf(&b, "Best regards,\r\n%s\r\n%s\r\n", name, co.name)
	text := b.String()
	t.text = text

	to := map[string]string{"rma": deskRMA, "support": deskSupport, "both": deskSupport}[mailbox]
	id := g.msgID(co.domain)
	t.ids = append(t.ids, id)
	g.threads = append(g.threads, t)

	h := header{
		{"From", fmt.Sprintf("%s <%s>", qname(name), addr)},
		{"To", "Desk <" + to + ">"},
	}
	if mailbox == "both" {
		h = append(h, field{"Cc", "RMA <" + deskRMA + ">"})
	}
	h = append(h, field{"Subject", t.subject}, field{"Date", g.date(-time.Duration(g.r.IntN(600)) * time.Second)},
		field{"Message-ID", "<" + id + ">"}, field{"MIME-Version", "1.0"})
	if g.r.IntN(4) == 0 {
		h = append(h, field{"X-Mailer", "Microsoft Outlook 16.0"})
	}
	raw := g.body(h, text)
	return &item{kind: kind, mailbox: mailbox, msgID: id, from: addr, thread: tid, raw: raw, expectAck: true}
}

// body renders text as plain text, as text+HTML, or with an attachment.
func (g *generator) body(h header, text string) []byte {
	var b bytes.Buffer
	h.write(&b)
	x := g.r.Float64() * 100
	switch {
	case x < g.mix.bigAttach:
		g.multipartMixed(&b, text, "diagnostics.tar.gz", "application/gzip", (1+g.r.IntN(5))<<20-g.r.IntN(1<<19))
	case x < g.mix.bigAttach+g.mix.smallAttach:
		att := []struct{ name, ct string }{{"invoice.pdf", "application/pdf"}, {"photo.jpg", "image/jpeg"}, {"bmc-sel.log", "text/plain"}}[g.r.IntN(3)]
		g.multipartMixed(&b, text, att.name, att.ct, 20<<10+g.r.IntN(280<<10))
	case x < 40:
		bd := fmt.Sprintf("alt_%x", g.r.Uint64())
		fmt.Fprintf(&b, "Content-Type: multipart/alternative; boundary=%q\r\n\r\n", bd)
		fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n", bd, text)
		fmt.Fprintf(&b, "--%s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<html><body><div>%s</div></body></html>\r\n", bd,
			strings.ReplaceAll(htmlEscape(text), "\r\n", "<br>\r\n"))
		fmt.Fprintf(&b, "--%s--\r\n", bd)
	default:
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
		b.WriteString(text)
	}
	return b.Bytes()
}

func (g *generator) multipartMixed(b *bytes.Buffer, text, name, ct string, size int) {
	bd := fmt.Sprintf("mix_%x", g.r.Uint64())
	fmt.Fprintf(b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n", bd)
	fmt.Fprintf(b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n", bd, text)
	fmt.Fprintf(b, "--%s\r\nContent-Type: %s; name=%q\r\nContent-Disposition: attachment; filename=%q\r\nContent-Transfer-Encoding: base64\r\n\r\n", bd, ct, name, name)
	data := make([]byte, size)
	for i := 0; i+8 <= len(data); i += 8 {
		v := g.r.Uint64()
		for j := 0; j < 8; j++ {
			data[i+j] = byte(v >> (8 * j))
		}
	}
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76])
		b.WriteString("\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc)
	fmt.Fprintf(b, "\r\n--%s--\r\n", bd)
}

// followUp is the customer's reply in their thread: most supply some of the
// fields still missing (and get an answer), the rest just ask for news
// (which the desk records for the agents without answering).
func (g *generator) followUp(t *threadInfo) *item {
	var b strings.Builder
	if len(t.missing) > 0 && g.r.IntN(10) < 6 {
		k := 1 + g.r.IntN(len(t.missing))
		b.WriteString("Hello,\r\n\r\nhere is the information you asked for:\r\n\r\n")
		for _, l := range t.missing[:k] {
			b.WriteString(l + "\r\n")
		}
		t.missing = t.missing[k:]
	} else {
		b.WriteString(g.pick([]string{
			"Hello,\r\n\r\nany news on this? The unit is still down and we would appreciate an update.\r\n",
			"Hi,\r\n\r\nthanks for the quick answer. We will wait for your engineer's reply.\r\n",
			"Hello again,\r\n\r\nthe problem happened twice more tonight, same symptoms as before.\r\n",
		}))
	}
	fmt.Fprintf(&b, "\r\nRegards,\r\n%s\r\n\r\n", t.name)
	fmt.Fprintf(&b, "On %s, %s <%s> wrote:\r\n", g.date(-time.Hour), t.name, t.customer)
	for _, l := range strings.Split(strings.TrimRight(t.text, "\r\n"), "\r\n") {
		b.WriteString("> " + l + "\r\n")
	}
	id := g.msgID(t.company.domain)
	prev := t.ids[len(t.ids)-1]
	refs := "<" + strings.Join(t.ids, "> <") + ">"
	t.ids = append(t.ids, id)
	t.replies++
	to := map[string]string{"rma": deskRMA, "support": deskSupport}[t.mailbox]
	h := header{
		{"From", fmt.Sprintf("%s <%s>", qname(t.name), t.customer)},
		{"To", "Desk <" + to + ">"},
		{"Subject", "Re: " + t.subject},
		{"Date", g.date(0)},
		{"Message-ID", "<" + id + ">"},
		{"In-Reply-To", "<" + prev + ">"},
		{"References", refs},
		{"MIME-Version", "1.0"},
		{"Content-Type", "text/plain; charset=utf-8"},
		{"Content-Transfer-Encoding", "8bit"},
	}
	var raw bytes.Buffer
	h.write(&raw)
	raw.WriteString("\r\n")
	raw.WriteString(b.String())
	return &item{kind: kindFollowUp, mailbox: t.mailbox, msgID: id, from: t.customer, thread: t.id, raw: raw.Bytes()}
}

// autoReply is a customer's out-of-office answer to the desk's mail.
func (g *generator) autoReply(t *threadInfo) *item {
	id := g.msgID(t.company.domain)
	to := map[string]string{"rma": deskRMA, "support": deskSupport}[t.mailbox]
	h := header{
		{"From", fmt.Sprintf("%s <%s>", qname(t.name), t.customer)},
		{"To", to},
		{"Subject", g.pick([]string{"Automatic reply: ", "Out of Office: ", "Abwesenheitsnotiz: "}) + "Re: " + t.subject},
		{"Date", g.date(0)},
		{"Message-ID", "<" + id + ">"},
		{"In-Reply-To", "<" + t.ids[len(t.ids)-1] + ">"},
		{"Auto-Submitted", "auto-replied"},
		{"X-Auto-Response-Suppress", "All"},
		{"MIME-Version", "1.0"},
		{"Content-Type", "text/plain; charset=utf-8"},
	}
	var raw bytes.Buffer
	h.write(&raw)
	fmt.Fprintf(&raw, "\r\nI am out of the office until %s with limited access to e-mail.\r\nFor urgent matters please call our IT hotline.\r\n\r\n%s\r\n",
		g.now.AddDate(0, 0, 3+g.r.IntN(10)).Format("Monday, 2 January"), t.name)
	return &item{kind: kindAutoReply, mailbox: t.mailbox, msgID: id, from: t.customer, thread: t.id, raw: raw.Bytes(), noAnswer: true}
}

// bounce is a delivery status notification (RFC 3464) for one of the desk's
// answers that a customer's server refused.
func (g *generator) bounce(pos int) *item {
	co := companies[g.r.IntN(len(companies))]
	mbox := []string{"rma", "support"}[g.r.IntN(2)]
	desk := map[string]string{"rma": deskRMA, "support": deskSupport}[mbox]
	tid := len(g.threads) + 1_000_000 + pos // its own "thread": no order constraint
	id := g.msgID("mx." + co.domain)
	rcpt := fmt.Sprintf("old.contact%d@%s", g.r.IntN(1e5), co.domain)
	bd := fmt.Sprintf("dsn_%x", g.r.Uint64())
	from := "MAILER-DAEMON@mx." + co.domain
	h := header{
		{"From", "Mail Delivery System <" + from + ">"},
		{"To", desk},
		{"Subject", "Undelivered Mail Returned to Sender"},
		{"Date", g.date(0)},
		{"Message-ID", "<" + id + ">"},
		{"Auto-Submitted", "auto-replied"},
		{"MIME-Version", "1.0"},
		{"Content-Type", fmt.Sprintf("multipart/report; report-type=delivery-status; boundary=%q", bd)},
	}
	var raw bytes.Buffer
	h.write(&raw)
	fmt.Fprintf(&raw, "\r\nThis is a MIME-encapsulated message.\r\n\r\n--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n", bd)
	fmt.Fprintf(&raw, "This is the mail system at host mx.%s.\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<%s>: host mx.%s said: 550 5.1.1 User unknown\r\n\r\n", co.domain, rcpt, co.domain)
	fmt.Fprintf(&raw, "--%s\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.%s\r\n\r\nFinal-Recipient: rfc822; %s\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n", bd, co.domain, rcpt)
	fmt.Fprintf(&raw, "--%s\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: Desk <%s>\r\nTo: %s\r\nSubject: Re: %s [TKT-%d]\r\nMessage-ID: <tkt-%d-1@desk.example>\r\n\r\n--%s--\r\n",
		bd, desk, rcpt, problems[g.r.IntN(len(problems))].subject, 100001+g.r.IntN(max(1, len(g.threads))), g.r.IntN(1e6), bd)
	return &item{kind: kindBounce, mailbox: mbox, msgID: id, from: from, thread: tid, raw: raw.Bytes(), noAnswer: true}
}

type field struct{ k, v string }
type header []field

func (h header) write(b *bytes.Buffer) {
	for _, f := range h {
		b.WriteString(f.k)
		b.WriteString(": ")
		b.WriteString(encodeHeader(f.v))
		b.WriteString("\r\n")
	}
}

// encodeHeader MIME-encodes a value with non-ASCII text (RFC 2047), as mail
// clients do for names and subjects.
func encodeHeader(v string) string {
	if asciiOnly(v) == v {
		return v
	}
	// Keep an address in angle brackets outside the encoded word.
	if i := strings.LastIndex(v, " <"); i > 0 && strings.HasSuffix(v, ">") {
		return "=?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(strings.Trim(v[:i], `"`))) + "?=" + v[i:]
	}
	return "=?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(v)) + "?="
}

func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func qname(name string) string {
	if strings.ContainsAny(name, ",.&") {
		return `"` + name + `"`
	}
	return name
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// wrap breaks text at about 76 columns.
func wrap(s string) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(s) {
		if i > 0 {
			if col+1+len(w) > 76 {
				b.WriteString("\r\n")
				col = 0
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
