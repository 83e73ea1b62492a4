package workflow

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/config"
	"rmad/parser"
	"rmad/policy"
	"rmad/store"
	"rmad/templates"
)

// Mailbox is a watched address and its role.
type Mailbox struct {
	Name    string
	Role    string // support | rma
	Address string
}

// People are the desk's staff.
type People struct {
	Agents            []string // addresses or @domain
	Notify            []string // where new-ticket notices go
	Finance           string
	TrustedAuthservID string
	// NotifyOwned: the customer's replies on a ticket an agent owns go to
	// notify as well as to the owner.
	NotifyOwned bool
}

// Config is what the desk needs to decide.
type Config struct {
	Mailboxes      []Mailbox
	People         People
	DeskName       string
	AutoReplyLimit int // automatic answers per sender per hour
	// AutoReplyDomainLimit and AutoReplyDeskLimit cap automatic answers per
	// recipient domain and for the whole desk, per hour (backscatter).
	AutoReplyDomainLimit int
	AutoReplyDeskLimit   int
	// MaxUnits is the most units one request may list for the desk to act
	// on by itself; above it, agents decide.
	MaxUnits       int
	MaxMessageSize int64 // larger mail is kept without attachments
	// NoticeAttachmentLimit bounds the customer's files an agent notice carries.
	NoticeAttachmentLimit int64
	Secret                []byte
	// Retention drives the retention job; zero keeps everything.
	Retention Retention
}

// Desk decides and records.
type Desk struct {
	pool   store.Beginner
	cfg    Config
	pol    *policy.Policy
	tpl    *templates.Set
	log    *slog.Logger
	popts  parser.Options
	queued func()
	// inflight is what the desk's transactions have counted against the
	// caps on automatic answers and not yet committed (autoCounts).
	inflight inflight
}

// sharedCounts is a transaction's autoCounts that concurrent transactions
// see; release it when the transaction has ended.
func (d *Desk) sharedCounts() *autoCounts {
	ac := newAutoCounts()
	ac.shared = &d.inflight
	return ac
}

// New returns a desk. onQueued, when not nil, is called after a commit that
// queued mail (to wake the sender).
//
// pool is a *pgxpool.Pool, or store.Bounded around one so that every
// statement the desk sends has a deadline.
func New(pool store.Beginner, cfg Config, pol *policy.Policy, tpl *templates.Set, log *slog.Logger, onQueued func()) *Desk {
	if cfg.AutoReplyLimit == 0 {
		cfg.AutoReplyLimit = config.DefaultAutoReplyLimit
	}
	if cfg.MaxMessageSize == 0 {
		cfg.MaxMessageSize = config.DefaultMaxMessageSize
	}
	if cfg.NoticeAttachmentLimit == 0 {
		cfg.NoticeAttachmentLimit = config.DefaultNoticeAttachmentLimit
	}
	if log == nil {
		// As in every rmad package: no logger means no logging.
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.AutoReplyDomainLimit == 0 {
		cfg.AutoReplyDomainLimit = config.DefaultAutoReplyDomainLimit
	}
	if cfg.AutoReplyDeskLimit == 0 {
		cfg.AutoReplyDeskLimit = config.DefaultAutoReplyDeskLimit
	}
	if cfg.MaxUnits == 0 {
		cfg.MaxUnits = config.DefaultMaxUnits
	}
	for i := range cfg.Mailboxes {
		cfg.Mailboxes[i].Address = strings.ToLower(cfg.Mailboxes[i].Address)
	}
	d := &Desk{pool: pool, cfg: cfg, pol: pol, tpl: tpl, log: log, queued: onQueued}
	d.popts.DayFirst = pol.DateOrder == "dmy"
	return d
}

// Inbound is one message to process.
type Inbound struct {
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	Raw         []byte
	At          time.Time // when it is processed: the desk's "now"
}

// Result says what became of a message.
type Result struct {
	Outcome store.Outcome
	Ticket  string // the ticket's ref, when it has one
	Queued  int    // mails queued
}

// Ingest processes one message exactly once: a replay of the same
// (mailbox, UIDVALIDITY, UID), or another copy of the same message, is
// recognised and changes nothing.
func (d *Desk) Ingest(ctx context.Context, in Inbound) (res Result, err error) {
	mb, ok := d.mailbox(in.Mailbox)
	if !ok {
		return res, fmt.Errorf("workflow: unknown mailbox %q", in.Mailbox)
	}
	m, err := d.safePrepare(in)
	if err != nil {
		return res, err
	}
	return d.ingestAlone(ctx, mb, in, m)
}

// ingestAlone is one prepared message in a transaction of its own.
func (d *Desk) ingestAlone(ctx context.Context, mb Mailbox, in Inbound, m prepared) (res Result, err error) {
	// A replay of a fetch (a crash between commit and flag) is recognised
	// inside the transaction, by its (mailbox, UIDVALIDITY, UID) row: no
	// extra round trip for every fresh message.
	defer recoverMessage(in, &err)
	tx, err := d.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return res, fmt.Errorf("workflow: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	ac := d.sharedCounts()
	defer ac.release()
	res, err = d.ingestTx(ctx, tx, ac, mb, in, m)
	if err != nil {
		return res, err
	}
	if err := ac.flush(ctx, tx); err != nil {
		return Result{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return Result{}, fmt.Errorf("workflow: commit: %w", err)
	}
	d.committed([]Inbound{in}, []prepared{m}, []Result{res})
	return res, nil
}

// recoverMessage turns a panic while processing in into its error: a parser
// or workflow bug must not take the daemon down; the watcher counts it as a
// failed try and quarantines the message eventually.
func recoverMessage(in Inbound, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("workflow: panic processing %s uid %d: %v\n%s", in.Mailbox, in.UID, p, debug.Stack())
	}
}

// safePrepare is prepare with a panic turned into the message's error.
func (d *Desk) safePrepare(in Inbound) (m prepared, err error) {
	defer recoverMessage(in, &err)
	return d.prepare(in), nil
}

// committed wakes the sender and logs each message, once its transaction
// has committed.
func (d *Desk) committed(ins []Inbound, ms []prepared, rs []Result) {
	queued := false
	for i, res := range rs {
		queued = queued || res.Queued > 0
		d.log.Info("message processed", "mailbox", ins[i].Mailbox, "uid", ins[i].UID, "message_id", ms[i].parse.MessageID,
			"ticket", res.Ticket, "outcome", res.Outcome, "queued", res.Queued)
	}
	if queued && d.queued != nil {
		d.queued()
	}
}

// prepared is an inbound message parsed and sized, before the transaction.
type prepared struct {
	parse     *parser.Message
	parseJSON []byte
	raw       []byte
	rawSize   int64
	truncated bool
	dropped   []parser.Attachment
	hash      []byte
	readable  bool
}

func (d *Desk) prepare(in Inbound) prepared {
	p := prepared{raw: in.Raw, rawSize: int64(len(in.Raw))}
	if p.rawSize > d.cfg.MaxMessageSize {
		if stripped, dropped, err := parser.StripAttachments(in.Raw); err == nil {
			p.raw, p.dropped, p.truncated = stripped, dropped, true
		}
	}
	msg, err := parser.ParseWith(p.raw, d.popts)
	if err != nil {
		msg = &parser.Message{Class: parser.Human}
	} else {
		p.readable = true
	}
	p.parse = msg
	p.parseJSON, _ = msg.MarshalJSON()
	p.hash = contentHash(in.Raw, msg)
	return p
}

// contentHash identifies a message without a Message-ID: its author-written
// headers and its text, not the trace headers each delivery adds.
func contentHash(raw []byte, m *parser.Message) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", m.From.Address, m.Subject, m.Date.UTC().Format(time.RFC3339))
	for _, a := range m.To {
		fmt.Fprintf(h, "%s,", a.Address)
	}
	if i := headerEnd(raw); i >= 0 {
		h.Write(raw[i:])
	} else {
		h.Write(raw)
	}
	return h.Sum(nil)
}

func headerEnd(raw []byte) int {
	head := raw[:min(len(raw), 1<<20)]
	if i := bytes.Index(head, []byte("\r\n\r\n")); i >= 0 {
		return i + 4
	}
	if i := bytes.Index(head, []byte("\n\n")); i >= 0 {
		return i + 2
	}
	return -1
}

func (d *Desk) mailbox(name string) (Mailbox, bool) {
	for _, mb := range d.cfg.Mailboxes {
		if mb.Name == name {
			return mb, true
		}
	}
	return Mailbox{}, false
}

func (d *Desk) isDeskAddress(addr string) bool {
	addr = strings.ToLower(addr)
	for _, mb := range d.cfg.Mailboxes {
		if mb.Address == addr {
			return true
		}
	}
	return false
}

func (d *Desk) isAgent(addr string) bool {
	addr = strings.ToLower(addr)
	if addr == "" {
		return false
	}
	for _, a := range d.cfg.People.Agents {
		a = strings.ToLower(a)
		if a == addr || (strings.HasPrefix(a, "@") && strings.HasSuffix(addr, a)) {
			return true
		}
	}
	return false
}

// Location is the policy's time zone, in which schedules are read.
func (d *Desk) Location() *time.Location { return d.pol.Location }
