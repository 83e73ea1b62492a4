package workflow

import (
	"context"
	"fmt"
	"strings"

	"rmad/parser"
	"rmad/policy"
	"rmad/store"
)

// mailData is what every template may use.
type mailData struct {
	Ref             string
	Kind            string
	State           string
	Subject         string
	Vendor          string
	DeskName        string
	DeskAddress     string
	Mailbox         string
	CustomerName    string
	CustomerAddress string
	From            string
	Missing         []string // labels
	FieldLines      []string
	Dropped         []string
	Text            string
	Reason          string
	Held            string   // why no automatic answer went to the customer
	Attention       []string // what the desk held back, for agents
	Unverified      bool     // the message claims to be the customer's but cannot prove it
	Reopened        bool

	RMAs             []rmaView
	Instructions     policy.Instructions
	DOAConditions    string
	AdvancePackaging string
	Review           string   // why an agent must approve
	OutOfWarranty    string   // what an uncovered unit gets
	Blocked          string   // what stops issue
	Results          []string // agent command results
	Note             string
	Turnaround       string // the repair turnaround the policy promises
	Stage            string // billing stage: billed, late, final, terminate
	BillingKind      string
	Amount           string
	Waived           bool     // a fee the pick-up date showed was not owed
	Earlier          []string // the units' earlier RMAs, for agents
	Files            []string // the files this mail carries
	FilesHeld        []string // files too large to carry, for agents
	StoredMessage    int64    // the stored message FilesHeld are in
	Cc               []string // the ticket's participants, copied on customer mail
	Owner            string   // the agent who took the ticket
}

func (w *work) data(t *store.Ticket) mailData {
	name := echo(t.CustomerName, 40)
	if name == "" {
		name = "customer"
	}
	var missing []string
	for _, f := range t.Missing {
		missing = append(missing, w.d.pol.Label(f))
	}
	var dropped []string
	text, from := "(no text)", ""
	if w.mail != nil {
		for _, a := range w.mail.m.dropped {
			dropped = append(dropped, fmt.Sprintf("%s (%s, %s)", orUnnamed(a.Filename), a.ContentType, humanSize(a.Size)))
		}
		if s := strings.TrimSpace(w.mail.m.parse.Text); s != "" {
			text = s
		}
		from = w.mail.m.parse.From.Address
	}
	// The subject and the name are the sender's words repeated in the
	// desk's answers: kept short and without links (backscatter).
	return mailData{
		Ref: t.Ref, Kind: t.Kind, State: string(t.State), Subject: echo(t.Subject, 100), Vendor: w.d.pol.Vendor,
		DeskName: w.d.deskName(), DeskAddress: t.DeskAddress, Mailbox: t.Mailbox,
		CustomerName: name, CustomerAddress: t.CustomerAddress, From: from,
		Missing: missing, FieldLines: fieldLines(w.d, t), Dropped: dropped, Text: text,
		Cc: t.Participants, Owner: t.Owner,
	}
}

func (d *Desk) deskName() string {
	if d.cfg.DeskName != "" {
		return d.cfg.DeskName
	}
	if d.pol.Vendor != "" {
		return d.pol.Vendor + " Support"
	}
	return "Support"
}

func fieldLines(d *Desk, t *store.Ticket) []string {
	var out []string
	for _, f := range []string{"contact_name", "company", "email", "phone", "ship_to", "bill_to", "po_number", "invoice_number", "invoice_date", "delivery_date", "severity"} {
		if v := t.Fields[f]; v != "" {
			out = append(out, d.pol.Label(f)+": "+v)
		}
	}
	for i, u := range t.Units {
		var parts []string
		for _, f := range []string{"model", "serial_number", "part_number", "firmware"} {
			if v := u[f]; v != "" {
				parts = append(parts, d.pol.Label(f)+" "+v)
			}
		}
		out = append(out, fmt.Sprintf("Unit %d: %s", i+1, strings.Join(parts, ", ")))
	}
	return out
}

func orUnnamed(s string) string {
	if s == "" {
		return "unnamed attachment"
	}
	return s
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// outMail is a mail to queue.
type outMail struct {
	template string
	to       []string
	audience Audience
	auto     store.AutoSubmitted
	data     mailData
	rma      *int64 // the RMA a clock notice is about
	clock    bool   // cancelled if the case moves on before it is sent
	attach   []store.OutAttachment
	files    []store.FileRef // files of stored messages this mail carries
}

// queue renders and enqueues a mail on ticket t, threaded for its audience.
func (w *work) queue(ctx context.Context, t *store.Ticket, o outMail) error {
	if len(o.to) == 0 {
		return nil
	}
	if o.audience == AudienceAgents {
		// What the desk held back during this message, whenever it was noted.
		o.data.Attention = w.attention
	}
	rendered, err := w.d.tpl.Render(o.template, o.data)
	if err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	om := store.OutMail{
		TicketID: &t.ID, Template: o.template, From: formatFrom(w.d.deskName(), t.DeskAddress),
		To: o.to, Subject: rendered.Subject, Body: rendered.Body, AutoSubmitted: o.auto,
		Audience: o.audience, QueuedAt: w.now, RMAID: o.rma, Clock: o.clock, Attachments: o.attach, Files: o.files,
		MessageID: w.d.newMessageID(t.Ref, o.audience, domainOf(t.DeskAddress)),
	}
	switch o.audience {
	case AudienceCustomer:
		var thread []string
		if w.created != t.ID {
			// A ticket opened by this message has no thread yet but the
			// message itself, which threadHeaders adds.
			var err error
			if thread, err = store.CustomerThread(ctx, w.tx, t.ID, t.CustomerAddress); err != nil {
				return fmt.Errorf("workflow: %w", err)
			}
		}
		var cur *parser.Message
		if w.mail != nil {
			cur = w.mail.m.parse
		}
		om.InReplyTo, om.References = threadHeaders(thread, cur, t)
		om.Cc = ccFor(t, o.template, o.to)
		if o.auto != "" {
			om.RateKey = rateKey(o.to[0])
			w.countQueued(t, om.RateKey)
			var err error
			if om.Cc, err = w.capCc(ctx, t, om.Cc); err != nil {
				return err
			}
		}
	case AudienceAgents, AudienceFinance:
		om.ReplyTo = t.DeskAddress
		if root := w.roots[string(o.audience)+"/"+fmt.Sprint(t.ID)]; root != "" {
			om.InReplyTo, om.References = root, []string{root}
		} else if w.created != t.ID {
			root, err := store.ThreadRoot(ctx, w.tx, t.ID, string(o.audience))
			if err != nil {
				return fmt.Errorf("workflow: %w", err)
			}
			if root != "" {
				om.InReplyTo, om.References = root, []string{root}
			}
		}
	}
	if _, err := store.Enqueue(ctx, w.tx, om); err != nil {
		return fmt.Errorf("workflow: %w", err)
	}
	if o.audience != AudienceCustomer && om.InReplyTo == "" {
		if w.roots == nil {
			w.roots = map[string]string{}
		}
		w.roots[string(o.audience)+"/"+fmt.Sprint(t.ID)] = om.MessageID
	}
	// Our own Message-IDs need no thread_ids row: they name their ticket
	// and carry an HMAC (findTicket reads them directly).
	w.queued++
	return nil
}

// threadHeaders answers the customer's latest message: In-Reply-To is the
// message being answered (the current one when it is the customer's), and
// References the first and the last few of the thread (RFC 5322 3.6.4 allows
// trimming the middle). cur is nil when no mail is being answered.
func threadHeaders(thread []string, cur *parser.Message, t *store.Ticket) (string, []string) {
	if cur == nil {
		cur = &parser.Message{}
	}
	customerSide := strings.EqualFold(cur.From.Address, t.CustomerAddress) || isParticipant(t, cur.From.Address)
	if cur.MessageID != "" && customerSide {
		found := false
		for _, id := range thread {
			if id == cur.MessageID {
				found = true
			}
		}
		if !found {
			thread = append(thread, cur.MessageID)
		}
	}
	if len(thread) == 0 {
		return "", nil
	}
	irt := thread[len(thread)-1]
	if cur.MessageID != "" && customerSide {
		irt = cur.MessageID
	}
	refs := thread
	if len(refs) > 10 {
		refs = append([]string{refs[0]}, refs[len(refs)-9:]...)
	}
	return irt, append([]string(nil), refs...)
}

func formatFrom(name, addr string) string {
	if name == "" {
		return addr
	}
	return fmt.Sprintf("%q <%s>", name, addr)
}
