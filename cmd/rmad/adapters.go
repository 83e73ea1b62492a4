package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"rmad/health"
	"rmad/mailin"
	"rmad/mailout"
	"rmad/parser"
	"rmad/store"
	"rmad/workflow"
)

// sink hands fetched messages to the desk; it is mailin's view of the store.
// db is bounded (store.Bounded): every call it makes has the database deadline.
type sink struct {
	desk    *workflow.Desk
	db      store.DBTX
	now     func() time.Time
	metrics *metrics
	health  *serveHealth
	holder  string // this process, for mailbox leases
}

// Lease implements mailin.Leaser: one process fetches a mailbox at a time.
func (s *sink) Lease(ctx context.Context, mailbox string, ttl time.Duration) (bool, error) {
	ok, err := store.LeaseMailbox(ctx, s.db, mailbox, s.holder, ttl)
	return ok, s.health.observe("mailbox "+mailbox+": lease", err)
}

func (s *sink) inbound(m mailin.Message) workflow.Inbound {
	return workflow.Inbound{Mailbox: m.Mailbox, UIDValidity: m.UIDValidity, UID: m.UID, Raw: m.Raw, At: s.now()}
}

func (s *sink) Deliver(ctx context.Context, m mailin.Message) error {
	start := s.now()
	res, err := s.desk.Ingest(ctx, s.inbound(m))
	if err = s.health.observe("mailbox "+m.Mailbox+": deliver", err); err != nil {
		return err
	}
	s.metrics.message(m.Mailbox, string(res.Outcome))
	s.metrics.ingested(m.Mailbox, start, m.InternalDate, s.now())
	return nil
}

// DeliverBatch implements mailin.BatchSink: a lane of a fetched batch is
// committed in one transaction, a savepoint per message (group commit).
// The messages share one "now": the batch's start.
func (s *sink) DeliverBatch(ctx context.Context, ms []mailin.Message) []error {
	start := s.now()
	ins := make([]workflow.Inbound, len(ms))
	for i, m := range ms {
		ins[i] = s.inbound(m)
		ins[i].At = start
	}
	res := s.desk.IngestBatch(ctx, ins)
	errs := make([]error, len(ms))
	end := s.now()
	for i, m := range ms {
		if errs[i] = s.health.observe("mailbox "+m.Mailbox+": deliver", res[i].Err); errs[i] != nil {
			continue
		}
		s.metrics.message(m.Mailbox, string(res[i].Result.Outcome))
		s.metrics.ingested(m.Mailbox, start, m.InternalDate, end)
	}
	return errs
}

// Failed counts a failed try, unless the database ran into its deadline: a
// stalled database is no fault of the message, and counting it would
// quarantine good mail during an outage. The message is retried until the
// database answers; /healthz shows the stall meanwhile.
func (s *sink) Failed(ctx context.Context, m mailin.Message, cause error) (int, error) {
	if health.IsTimeout(cause) {
		s.metrics.message(m.Mailbox, "stalled")
		return 0, nil
	}
	s.metrics.message(m.Mailbox, "failed")
	n, err := s.desk.RecordFailure(ctx, s.inbound(m), cause)
	return n, s.health.observe("mailbox "+m.Mailbox+": record failure", err)
}

func (s *sink) Quarantine(ctx context.Context, m mailin.Message, cause error) error {
	s.metrics.message(m.Mailbox, "quarantined")
	return s.health.observe("mailbox "+m.Mailbox+": quarantine", s.desk.Quarantine(ctx, s.inbound(m), cause, m.Attempts))
}

func (s *sink) Mark(ctx context.Context, mailbox string) (mailin.Mark, error) {
	v, u, err := store.MailboxMark(ctx, s.db, mailbox)
	return mailin.Mark{UIDValidity: v, UID: u}, s.health.observe("mailbox "+mailbox+": mark", err)
}

func (s *sink) SetMark(ctx context.Context, mailbox string, mk mailin.Mark) error {
	return s.health.observe("mailbox "+mailbox+": mark", store.SetMailboxMark(ctx, s.db, mailbox, mk.UIDValidity, mk.UID))
}

// queue is mailout's view of the outbox table. db is bounded
// (store.Bounded), so a claim or a mark on a stalled database ends at the
// deadline and the sender tries again.
type queue struct {
	db      store.DBTX
	metrics *metrics
	health  *serveHealth
	// desk holds mail and tells notify (set once the desk is built); relay
	// names the SMTP server in that notice.
	desk  *workflow.Desk
	relay string
}

func (q *queue) Claim(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]mailout.Mail, error) {
	rows, err := store.ClaimOutbox(ctx, q.db, now, limit, lease)
	if err = q.health.observe("outbox", err); err != nil {
		return nil, err
	}
	out := make([]mailout.Mail, len(rows))
	for i, r := range rows {
		out[i] = q.toMail(r)
	}
	return out, nil
}

func (q *queue) toMail(r store.OutMail) mailout.Mail {
	m := mailout.Mail{ID: r.ID, MessageID: r.MessageID, From: r.From, To: r.To, ReplyTo: r.ReplyTo,
		Subject: r.Subject, Body: r.Body, InReplyTo: r.InReplyTo, References: r.References,
		AutoSubmitted: string(r.AutoSubmitted), QueuedAt: r.QueuedAt, Attempts: r.Attempts,
		NeverHold: r.Template == store.HoldNoticeTemplate}
	for _, a := range r.Attachments {
		m.Attachments = append(m.Attachments, mailout.Attachment{Filename: a.Filename, ContentType: a.ContentType, Data: a.Data})
	}
	m.Cc = r.Cc
	if len(r.Files) > 0 {
		refs := r.Files
		m.Files = func(ctx context.Context) ([]mailout.Attachment, error) { return storedFiles(ctx, q.db, r.ID, refs) }
	}
	return m
}

// storedFiles reads the files a mail carries from the stored messages they
// came in: the bytes are decoded as the mail is written, never copied here.
func storedFiles(ctx context.Context, db store.DBTX, outbox int64, refs []store.FileRef) ([]mailout.Attachment, error) {
	byMsg := map[int64][]parser.File{}
	out := make([]mailout.Attachment, 0, len(refs))
	for _, ref := range refs {
		files, ok := byMsg[ref.Message]
		if !ok {
			sm, err := store.MessageRaw(ctx, db, strconv.FormatInt(ref.Message, 10))
			if errors.Is(err, store.ErrNotFound) {
				return nil, fmt.Errorf("%w: outbox %d: stored message %d is gone", mailout.ErrInvalidMail, outbox, ref.Message)
			}
			if err != nil {
				return nil, err
			}
			files = parser.Files(sm.Raw)
			byMsg[ref.Message] = files
		}
		if ref.Index < 1 || ref.Index > len(files) {
			return nil, fmt.Errorf("%w: outbox %d: message %d has no file %d", mailout.ErrInvalidMail, outbox, ref.Message, ref.Index)
		}
		f := files[ref.Index-1]
		out = append(out, mailout.Attachment{Filename: ref.Filename, ContentType: ref.ContentType, Open: f.Open})
	}
	return out, nil
}

// Sent marks a round's accepted mails in one statement.
func (q *queue) Sent(ctx context.Context, mails []mailout.Accepted) error {
	ids, at := make([]int64, len(mails)), make([]time.Time, len(mails))
	for i, m := range mails {
		ids[i], at[i] = m.ID, m.At
		q.metrics.sent("sent")
	}
	return q.health.observe("outbox", store.MarkOutboxSent(ctx, q.db, ids, at))
}

func (q *queue) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	q.metrics.sent("retry")
	return q.health.observe("outbox", store.MarkOutboxRetry(ctx, q.db, id, next, reason))
}

func (q *queue) Fail(ctx context.Context, id int64, now time.Time, reason string) error {
	q.metrics.sent("failed")
	return q.health.observe("outbox", store.MarkOutboxFailed(ctx, q.db, id, now, reason))
}

func (q *queue) Hold(ctx context.Context, id int64, now time.Time, reason string, attempts int) error {
	q.metrics.sent("held")
	if q.desk == nil {
		return q.health.observe("outbox", store.MarkOutboxHeld(ctx, q.db, id, now, reason))
	}
	_, err := q.desk.HoldMail(ctx, id, now, reason, q.relay, attempts)
	return q.health.observe("outbox", err)
}

// errNotFound maps the store's sentinel to a CLI message.
func lookupErr(what string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s not found", what)
	}
	return err
}
