package mailout_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"rmad/internal/smtptest"
	"rmad/mailout"
)

// harness wires a Sender to an in-memory queue, a fake clock, a log buffer
// and a real go-smtp sink.
type harness struct {
	t    *testing.T
	q    *memQueue
	clk  *clock
	logs *logBuf
	sink *smtptest.Server
	cfg  mailout.SMTP
	opts mailout.Options
}

func newHarness(t *testing.T, sinkOpts smtptest.Options) *harness {
	t.Helper()
	sink, err := smtptest.Start(sinkOpts)
	if err != nil {
		t.Fatalf("start sink: %v", err)
	}
	t.Cleanup(func() { sink.Close() })
	mode := sinkOpts.TLS
	if mode == "" {
		mode = "none"
	}
	h := &harness{
		t:    t,
		q:    newQueue(),
		clk:  &clock{t: t0.Add(time.Minute)},
		logs: &logBuf{},
		sink: sink,
		cfg: mailout.SMTP{
			Host:               sink.Host(),
			Port:               sink.Port(),
			TLS:                mode,
			HeloName:           "rmad.test",
			Timeout:            5 * time.Second,
			InsecureSkipVerify: true,
		},
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("sender log:\n%s", h.logs)
		}
	})
	return h
}

func (h *harness) sender() *mailout.Sender {
	opts := h.opts
	opts.Logger = h.logs.logger()
	if opts.Now == nil {
		opts.Now = h.clk.Now
	}
	return mailout.NewSender(h.q, h.cfg, opts)
}

func (h *harness) sendDue() (int, error) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return h.sender().SendDue(ctx)
}

// mailTo is a queued mail with a stable, per-id Message-ID.
func mailTo(id int64, to ...string) mailout.Mail {
	m := sampleMail()
	m.ID = id
	m.MessageID = fmt.Sprintf("rmad.%d@desk.example.com", id)
	m.To = to
	m.Attempts = 0
	return m
}

func wantCalls(t *testing.T, q *memQueue, id int64, ops ...string) []call {
	t.Helper()
	calls := q.callsFor(id)
	var got []string
	for _, c := range calls {
		got = append(got, c.op)
	}
	if strings.Join(got, ",") != strings.Join(ops, ",") {
		t.Fatalf("outbox %d marks %q, want %q (calls %+v)", id, got, ops, calls)
	}
	return calls
}

func messageIDs(t *testing.T, rs []smtptest.Received) []string {
	t.Helper()
	var ids []string
	for _, r := range rs {
		h := parse(t, r.Data).h
		id, err := h.MessageID()
		if err != nil {
			t.Fatalf("Message-ID: %v", err)
		}
		ids = append(ids, id)
	}
	return ids
}

func rejectBy(codes map[string]int) func(string, []string) *smtp.SMTPError {
	return func(_ string, to []string) *smtp.SMTPError {
		code, ok := codes[to[0]]
		if !ok {
			return nil
		}
		ec := smtp.EnhancedCode{code / 100, 1, 1}
		msg := "no such user here"
		if code/100 == 4 {
			ec, msg = smtp.EnhancedCode{4, 2, 2}, "mailbox full, try later"
		}
		return &smtp.SMTPError{Code: code, EnhancedCode: ec, Message: msg}
	}
}

func TestSendDeliversOnceAndMarksSent(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	m1 := sampleMail()
	m1.ID, m1.Attempts = 1, 0
	m2 := mailTo(2, "a@customer.example", "b@customer.example")
	h.q.add(m1)
	h.q.add(m2)

	sent, err := h.sendDue()
	if err != nil || sent != 2 {
		t.Fatalf("SendDue = %d, %v; want 2, nil", sent, err)
	}
	got := h.sink.Messages()
	if len(got) != 2 {
		t.Fatalf("sink has %d messages, want 2", len(got))
	}
	// The wire carries exactly what Render shows (`rmad outbox show`).
	want, err := mailout.Render(m1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got[0].Data, want) {
		t.Fatalf("sent bytes differ from Render:\n%s\n---\n%s", got[0].Data, want)
	}
	// Envelope: sender is From's address, recipients are To.
	if got[0].From != "support@example.com" || strings.Join(got[0].To, ",") != "jorg@customer.example" {
		t.Fatalf("envelope %q -> %q", got[0].From, got[0].To)
	}
	if strings.Join(got[1].To, ",") != "a@customer.example,b@customer.example" {
		t.Fatalf("envelope recipients %q", got[1].To)
	}
	p := parse(t, got[0].Data)
	if subj, _ := p.h.Subject(); subj != m1.Subject || p.h.Get("In-Reply-To") != "<"+m1.InReplyTo+">" ||
		p.h.Get("Auto-Submitted") != "auto-replied" {
		t.Fatalf("headers on the wire: %v", p.h)
	}
	if ids := messageIDs(t, got); ids[0] != m1.MessageID || ids[1] != m2.MessageID {
		t.Fatalf("Message-IDs %q", ids)
	}
	calls := wantCalls(t, h.q, 1, "sent")
	if !calls[0].at.Equal(h.clk.Now()) {
		t.Fatalf("Sent at %v, want the injected clock %v", calls[0].at, h.clk.Now())
	}
	wantCalls(t, h.q, 2, "sent")
	if len(h.logs.lines("level=INFO", "mail sent", "outbox_id=1", "message_id="+m1.MessageID, "attempt=1")) != 1 {
		t.Fatalf("no sent log line for outbox 1:\n%s", h.logs)
	}

	// A second round finds nothing: the sink saw each mail once.
	if sent, err := h.sendDue(); sent != 0 || err != nil {
		t.Fatalf("second SendDue = %d, %v", sent, err)
	}
	if n := len(h.sink.Messages()); n != 2 {
		t.Fatalf("sink has %d messages after a second round, want 2", n)
	}
}

func TestTLSModesAndAuth(t *testing.T) {
	tests := []struct {
		name     string
		sink     smtptest.Options
		cfg      func(*mailout.SMTP)
		wantTLS  bool
		wantUser string
		wantErr  string // "" means the mail is sent
	}{
		{name: "none", sink: smtptest.Options{}},
		{name: "starttls", sink: smtptest.Options{TLS: "starttls"}, wantTLS: true},
		{name: "tls", sink: smtptest.Options{TLS: "tls"}, wantTLS: true},
		{
			name: "starttls auth", sink: smtptest.Options{TLS: "starttls", Username: "desk", Password: "pw"},
			cfg:     func(c *mailout.SMTP) { c.Username, c.Password = "desk", "pw" },
			wantTLS: true, wantUser: "desk",
		},
		{
			name: "tls auth", sink: smtptest.Options{TLS: "tls", Username: "desk", Password: "pw"},
			cfg:     func(c *mailout.SMTP) { c.Username, c.Password = "desk", "pw" },
			wantTLS: true, wantUser: "desk",
		},
		{
			// go-mail sends PLAIN in clear only to localhost.
			name: "plain auth to localhost", sink: smtptest.Options{Username: "desk", Password: "pw"},
			cfg:      func(c *mailout.SMTP) { c.Username, c.Password = "desk", "pw" },
			wantUser: "desk",
		},
		{
			name: "wrong password", sink: smtptest.Options{TLS: "starttls", Username: "desk", Password: "pw"},
			cfg:     func(c *mailout.SMTP) { c.Username, c.Password = "desk", "typo" },
			wantErr: "535",
		},
		{
			name: "auth required but not configured", sink: smtptest.Options{TLS: "tls", Username: "desk", Password: "pw"},
			wantErr: "530",
		},
		{
			name: "certificate not trusted", sink: smtptest.Options{TLS: "starttls"},
			cfg:     func(c *mailout.SMTP) { c.InsecureSkipVerify = false },
			wantErr: "certificate",
		},
		{
			// starttls is mandatory: never fall back to clear text.
			name: "starttls not offered", sink: smtptest.Options{},
			cfg:     func(c *mailout.SMTP) { c.TLS = "starttls" },
			wantErr: "STARTTLS",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.sink)
			if tc.cfg != nil {
				tc.cfg(&h.cfg)
			}
			h.q.add(mailTo(1, "c@customer.example"))
			sent, err := h.sendDue()
			if tc.wantErr == "" {
				if err != nil || sent != 1 {
					t.Fatalf("SendDue = %d, %v", sent, err)
				}
				got := h.sink.Messages()
				if len(got) != 1 || got[0].TLS != tc.wantTLS || got[0].User != tc.wantUser {
					t.Fatalf("received %+v", got)
				}
				wantCalls(t, h.q, 1, "sent")
				return
			}
			// A configuration or relay problem is not the mail's fault:
			// the mail is retried with backoff, never failed, and the
			// round reports the error for the operator.
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || sent != 0 {
				t.Fatalf("SendDue = %d, %v; want an error containing %q", sent, err, tc.wantErr)
			}
			calls := wantCalls(t, h.q, 1, "retry")
			if want := h.clk.Now().Add(mailout.DefaultMinBackoff); !calls[0].at.Equal(want) {
				t.Fatalf("next try %v, want %v", calls[0].at, want)
			}
			if n := len(h.sink.Messages()); n != 0 {
				t.Fatalf("sink has %d messages", n)
			}
		})
	}
}

func TestTemporaryAndPermanentReplies(t *testing.T) {
	h := newHarness(t, smtptest.Options{Reject: rejectBy(map[string]int{
		"later@customer.example":  451,
		"nobody@customer.example": 550,
	})})
	h.q.add(mailTo(1, "ok@customer.example"))
	h.q.add(mailTo(2, "later@customer.example"))
	h.q.add(mailTo(3, "nobody@customer.example"))
	h.q.add(mailTo(4, "ok2@customer.example"))

	// One connection: the 451 and the 550 do not stop the mails after them.
	sent, err := h.sendDue()
	if err != nil || sent != 2 {
		t.Fatalf("SendDue = %d, %v; want 2, nil", sent, err)
	}
	wantCalls(t, h.q, 1, "sent")
	wantCalls(t, h.q, 4, "sent")

	retry := wantCalls(t, h.q, 2, "retry")
	if want := h.clk.Now().Add(mailout.DefaultMinBackoff); !retry[0].at.Equal(want) {
		t.Fatalf("first retry at %v, want now+MinBackoff %v", retry[0].at, want)
	}
	if !strings.HasPrefix(retry[0].reason, "451 4.2.2 mailbox full") {
		t.Fatalf("retry reason %q", retry[0].reason)
	}

	fail := wantCalls(t, h.q, 3, "fail")
	if fail[0].reason != "550 5.1.1 no such user here" {
		t.Fatalf("fail reason %q, want the server's reply", fail[0].reason)
	}
	if len(h.logs.lines("level=ERROR", "outbox_id=3", `smtp_reply="550 5.1.1 no such user here"`)) != 1 {
		t.Fatalf("no error log with smtp_reply for the 550:\n%s", h.logs)
	}

	// Not due yet: nothing is tried.
	h.clk.Advance(mailout.DefaultMinBackoff - time.Second)
	if sent, err := h.sendDue(); sent != 0 || err != nil || len(h.q.callsFor(2)) != 1 {
		t.Fatalf("early round = %d, %v, marks %+v", sent, err, h.q.callsFor(2))
	}

	// Second failure: the backoff doubles.
	h.clk.Advance(time.Second)
	if _, err := h.sendDue(); err != nil {
		t.Fatal(err)
	}
	retry = wantCalls(t, h.q, 2, "retry", "retry")
	if want := h.clk.Now().Add(2 * mailout.DefaultMinBackoff); !retry[1].at.Equal(want) {
		t.Fatalf("second retry at %v, want now+2*MinBackoff %v", retry[1].at, want)
	}

	// The mailbox recovers: the third try goes through.
	h.sink.SetReject(nil)
	h.clk.Advance(2 * mailout.DefaultMinBackoff)
	if sent, err := h.sendDue(); sent != 1 || err != nil {
		t.Fatalf("third round = %d, %v", sent, err)
	}
	wantCalls(t, h.q, 2, "retry", "retry", "sent")
	if ids := messageIDs(t, h.sink.Messages()); strings.Join(ids, " ") !=
		"rmad.1@desk.example.com rmad.4@desk.example.com rmad.2@desk.example.com" {
		t.Fatalf("sink saw %q", ids)
	}
}

// A mail out of attempts on temporary failures is held, not failed, and the
// log says so loudly; a NeverHold mail (the notice) goes on being retried.
func TestMaxAttemptsHoldsTheMail(t *testing.T) {
	h := newHarness(t, smtptest.Options{Reject: rejectBy(map[string]int{"later@customer.example": 452, "notify@desk.example": 451})})
	h.opts.MaxAttempts = 3
	h.opts.MinBackoff = time.Minute
	h.q.add(mailTo(1, "later@customer.example"))
	notice := mailTo(2, "notify@desk.example")
	notice.NeverHold = true
	h.q.add(notice)
	for range 4 {
		if _, err := h.sendDue(); err != nil {
			t.Fatal(err)
		}
		h.clk.Advance(time.Hour)
	}
	calls := wantCalls(t, h.q, 1, "retry", "retry", "hold")
	if !strings.Contains(calls[2].reason, "held after 3 attempts") || !strings.Contains(calls[2].reason, "452") {
		t.Fatalf("hold reason %q", calls[2].reason)
	}
	if h.q.state(1) != "held" {
		t.Fatalf("state %s", h.q.state(1))
	}
	if len(h.logs.lines("level=ERROR", "mail HELD", "outbox_id=1")) != 1 {
		t.Fatalf("no error log for the held mail:\n%s", h.logs)
	}
	wantCalls(t, h.q, 2, "retry", "retry", "retry", "retry")
	if h.q.state(2) != "queued" {
		t.Fatalf("the notice is %s, want still queued", h.q.state(2))
	}
}

func TestRejectionAfterData(t *testing.T) {
	h := newHarness(t, smtptest.Options{RejectData: func(r smtptest.Received) *smtp.SMTPError {
		switch r.To[0] {
		case "spam@customer.example":
			return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "rejected as spam"}
		case "busy@customer.example":
			return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "system busy"}
		}
		return nil
	}})
	h.q.add(mailTo(1, "spam@customer.example"))
	h.q.add(mailTo(2, "busy@customer.example"))
	h.q.add(mailTo(3, "ok@customer.example"))
	sent, err := h.sendDue()
	if err != nil || sent != 1 {
		t.Fatalf("SendDue = %d, %v", sent, err)
	}
	if c := wantCalls(t, h.q, 1, "fail"); c[0].reason != "554 5.7.1 rejected as spam" {
		t.Fatalf("fail reason %q", c[0].reason)
	}
	wantCalls(t, h.q, 2, "retry")
	wantCalls(t, h.q, 3, "sent")
}

func TestUnrenderableMailFailsWithoutDialing(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.cfg.Port = closedPort(t) // would fail the round if dialed
	bad := mailTo(1, "c@customer.example")
	bad.MessageID = ""
	h.q.add(bad)
	if sent, err := h.sendDue(); sent != 0 || err != nil {
		t.Fatalf("SendDue = %d, %v", sent, err)
	}
	if c := wantCalls(t, h.q, 1, "fail"); !strings.Contains(c[0].reason, "empty Message-ID") {
		t.Fatalf("fail reason %q", c[0].reason)
	}
}

func TestRelayHangsUpAfterAccepting(t *testing.T) {
	// The relay answers 250 to the first mail and drops the connection:
	// the next MAIL FROM fails on the dead session (no RSET is sent after
	// a mail). The first must be marked sent (not sent twice), and the
	// rest of the batch deferred, not failed.
	h := newHarness(t, smtptest.Options{HangUp: func(smtptest.Received) bool { return true }})
	h.q.add(mailTo(1, "a@customer.example"))
	h.q.add(mailTo(2, "b@customer.example"))
	h.q.add(mailTo(3, "c@customer.example"))
	sent, err := h.sendDue()
	if sent != 1 || err == nil {
		t.Fatalf("SendDue = %d, %v; want 1 and the broken session reported", sent, err)
	}
	wantCalls(t, h.q, 1, "sent")
	wantCalls(t, h.q, 2, "retry")
	wantCalls(t, h.q, 3, "retry")
	if !strings.Contains(err.Error(), "smtp session failed at outbox 2") {
		t.Fatalf("round error %v, want the session failing at outbox 2", err)
	}
	if n := len(h.sink.Messages()); n != 1 {
		t.Fatalf("sink has %d messages, want 1", n)
	}
}

func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

func TestServerDownRetriesWholeBatch(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.cfg.Port = closedPort(t)
	for id := int64(1); id <= 3; id++ {
		h.q.add(mailTo(id, "c@customer.example"))
	}
	sent, err := h.sendDue()
	if err == nil || !strings.Contains(err.Error(), "connection refused") || sent != 0 {
		t.Fatalf("SendDue = %d, %v; want connection refused", sent, err)
	}
	for id := int64(1); id <= 3; id++ {
		c := wantCalls(t, h.q, id, "retry")
		if !c[0].at.Equal(h.clk.Now().Add(mailout.DefaultMinBackoff)) {
			t.Fatalf("outbox %d next %v", id, c[0].at)
		}
	}
}

func TestStalledServerTimesOut(t *testing.T) {
	// Accepts TCP but never greets: only the SMTP timeout ends the round.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		conns []net.Conn
	)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})

	h := newHarness(t, smtptest.Options{})
	h.cfg.Port = ln.Addr().(*net.TCPAddr).Port
	h.cfg.Timeout = 300 * time.Millisecond
	h.q.add(mailTo(1, "c@customer.example"))
	start := time.Now()
	sent, err := h.sendDue()
	if err == nil || sent != 0 {
		t.Fatalf("SendDue = %d, %v; want a timeout", sent, err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("round took %v with a 300ms timeout", took)
	}
	wantCalls(t, h.q, 1, "retry")
}

// errCrash stands in for the process dying.
var errCrash = errors.New("simulated crash")

func TestCrashBetweenAcceptanceAndSentResendsSameMessageID(t *testing.T) {
	for _, how := range []string{"process dies", "database unreachable"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t, smtptest.Options{})
			m := mailTo(1, "c@customer.example")
			h.q.add(m)

			first := h.sender()
			var crashed bool
			switch how {
			case "process dies":
				h.opts.AfterSend = func(mailout.Mail) { panic(errCrash) }
				first = h.sender()
				h.opts.AfterSend = nil
				func() {
					defer func() { crashed = recover() == errCrash }()
					first.SendDue(context.Background())
				}()
			case "database unreachable":
				h.q.setSentErr(errDBDown)
				_, err := first.SendDue(context.Background())
				crashed = errors.Is(err, errDBDown) && strings.Contains(err.Error(), "not marked sent")
				h.q.setSentErr(nil)
			}
			if !crashed {
				t.Fatal("the fault was not injected")
			}
			if n := len(h.sink.Messages()); n != 1 {
				t.Fatalf("sink has %d messages after the crash, want 1", n)
			}
			wantCalls(t, h.q, 1) // nothing recorded: Sent never happened

			// A restarted sender: the mail is still leased, so not yet.
			restarted := h.sender()
			if sent, err := restarted.SendDue(context.Background()); sent != 0 || err != nil {
				t.Fatalf("round inside the lease = %d, %v", sent, err)
			}
			// The lease runs out: claimed again and sent again.
			h.clk.Advance(mailout.DefaultLease + time.Second)
			if sent, err := restarted.SendDue(context.Background()); sent != 1 || err != nil {
				t.Fatalf("round after the lease = %d, %v", sent, err)
			}
			got := h.sink.Messages()
			if len(got) != 2 {
				t.Fatalf("sink has %d messages, want 2 (at-least-once)", len(got))
			}
			// At-least-once with a stable identity: the duplicate is the same
			// message, so receivers (and rmad's own intake) can drop it.
			ids := messageIDs(t, got)
			if ids[0] != m.MessageID || ids[1] != m.MessageID || !bytes.Equal(got[0].Data, got[1].Data) {
				t.Fatalf("resent message differs: ids %q", ids)
			}
			wantCalls(t, h.q, 1, "sent")
			if n := len(h.sink.Messages()); n != 2 {
				t.Fatalf("sink has %d messages", n)
			}
		})
	}
}

func TestShutdownAfterAcceptanceStillMarksSent(t *testing.T) {
	// A cancel (SIGTERM) right after the server accepted must not turn into
	// a duplicate: the mark runs on a context detached from cancellation,
	// and the rest of the batch is handed back unattempted.
	h := newHarness(t, smtptest.Options{})
	h.q.add(mailTo(1, "a@customer.example"))
	h.q.add(mailTo(2, "b@customer.example"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h.opts.AfterSend = func(mailout.Mail) { cancel() }
	sent, err := h.sender().SendDue(ctx)
	if sent != 1 || err != nil {
		t.Fatalf("SendDue = %d, %v", sent, err)
	}
	wantCalls(t, h.q, 1, "sent")
	c := wantCalls(t, h.q, 2, "retry")
	if !c[0].at.Equal(h.clk.Now()) || !strings.Contains(c[0].reason, "not attempted") {
		t.Fatalf("outbox 2 released as %+v, want due now", c[0])
	}
	if n := len(h.sink.Messages()); n != 1 {
		t.Fatalf("sink has %d messages, want 1", n)
	}
}

func TestLeaseGuardLeavesMailItCannotFinish(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.q.add(mailTo(1, "a@customer.example"))
	h.q.add(mailTo(2, "b@customer.example"))
	// The first send "takes" most of the lease (the clock is ours).
	h.opts.AfterSend = func(mailout.Mail) { h.clk.Advance(mailout.DefaultLease - h.cfg.Timeout/2) }
	if sent, err := h.sendDue(); sent != 1 || err != nil {
		t.Fatalf("SendDue = %d, %v", sent, err)
	}
	wantCalls(t, h.q, 1, "sent")
	wantCalls(t, h.q, 2) // left leased, untouched
	if len(h.logs.lines("level=WARN", "lease too short")) != 1 {
		t.Fatalf("no lease warning:\n%s", h.logs)
	}
	h.opts.AfterSend = nil
	h.clk.Advance(h.cfg.Timeout)
	if sent, err := h.sendDue(); sent != 1 || err != nil {
		t.Fatalf("after the lease: %d, %v", sent, err)
	}
	wantCalls(t, h.q, 2, "sent")
}

func TestRunPokeAndCancel(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.opts.Poll = time.Hour // only a Poke can wake it within the test
	s := h.sender()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()

	// Wait for the first (empty) round, so Run is now waiting on Poll.
	waitFor(t, func() bool { return h.q.claimCount() >= 1 })
	h.q.add(mailTo(1, "c@customer.example"))
	s.Poke()
	wctx, wcancel := context.WithTimeout(ctx, 5*time.Second)
	defer wcancel()
	if _, err := h.sink.Wait(wctx, 1); err != nil {
		t.Fatalf("Poke did not wake Run: %v", err)
	}
	waitFor(t, func() bool { return h.q.state(1) == "sent" })

	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v, want nil on cancel", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not stop within 2s of cancel")
	}
	if took := time.Since(start); took > time.Second {
		t.Fatalf("Run took %v to stop", took)
	}
}

func TestRunDrainsFullBatches(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.opts.Batch = 2
	h.opts.Poll = time.Hour // only the full-batch rule can send all five
	for id := int64(1); id <= 5; id++ {
		h.q.add(mailTo(id, "c@customer.example"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.sender().Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v", err)
		}
	}()
	wctx, wcancel := context.WithTimeout(ctx, 5*time.Second)
	defer wcancel()
	if _, err := h.sink.Wait(wctx, 5); err != nil {
		t.Fatal(err)
	}
	// Rounds of 2, 2 and 1: the short round ends the burst.
	waitFor(t, func() bool { return h.q.claimCount() == 3 })
	time.Sleep(50 * time.Millisecond)
	if n := h.q.claimCount(); n != 3 {
		t.Fatalf("%d claims, want 3 then a wait for Poll", n)
	}
}

func TestRunIdlePollsWithoutSpinning(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.opts.Poll = 50 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := h.sender().Run(ctx); err != nil {
		t.Fatal(err)
	}
	// About one claim per Poll (6 in 300ms), not a busy loop.
	if n := h.q.claimCount(); n < 2 || n > 10 {
		t.Fatalf("%d claims in 300ms with a 50ms poll", n)
	}
}

func TestRunDoesNotSpinWhileRelayIsDown(t *testing.T) {
	h := newHarness(t, smtptest.Options{})
	h.cfg.Port = closedPort(t)
	h.opts.Batch = 1
	h.opts.Poll = 50 * time.Millisecond
	h.opts.MinBackoff = time.Nanosecond // every mail is due again at once
	h.opts.Now = time.Now               // ...which takes a clock that moves
	for id := int64(1); id <= 3; id++ {
		h.q.add(mailTo(id, "c@customer.example"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := h.sender().Run(ctx); err != nil {
		t.Fatal(err)
	}
	// A full batch that failed to connect waits Poll like an idle round.
	if n := h.q.claimCount(); n > 10 {
		t.Fatalf("%d claims in 300ms against a dead relay with a 50ms poll", n)
	}
	if len(h.logs.lines("level=ERROR", "round failed", "connection refused")) == 0 {
		t.Fatalf("round failure not logged:\n%s", h.logs)
	}
	for _, c := range h.q.allCalls() {
		if c.op != "retry" {
			t.Fatalf("unexpected mark %+v", c)
		}
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
