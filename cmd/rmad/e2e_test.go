package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message/mail"
	"github.com/jackc/pgx/v5"

	"rmad/config"
	"rmad/internal/imaptest"
	"rmad/internal/pgtest"
	"rmad/internal/smtptest"
)

// TestMain doubles as the rmad binary for crash tests: with RMAD_TEST_EXEC=1
// the test executable runs rmad's main on its arguments, so a test can kill
// it (or let it kill itself) like the real daemon. RMAD_TEST_CRASH=POINT
// makes it exit with 137 at that crash point of serve (see faultHook); only
// this test binary reads it.
func TestMain(m *testing.M) {
	if os.Getenv("RMAD_TEST_EXEC") == "1" {
		if point := os.Getenv("RMAD_TEST_CRASH"); point != "" {
			faultHook = func(at string) {
				if at == point {
					fmt.Fprintf(os.Stderr, "fault injection: exiting at %s\n", at)
					os.Exit(137)
				}
			}
		}
		main()
	}
	pgtest.Main(m)
}

const (
	deskRMA     = "rma@desk.example"
	deskSupport = "support@desk.example"
	deskAgent   = "dana@desk.example"
	custAddr    = "alice@customer.example"
	imapPass    = "pw"
)

type world struct {
	t       *testing.T
	dbURL   string
	imap    imaptest.Server
	smtp    *smtptest.Server
	cfgText string
	cfgFile string
}

func newWorld(t *testing.T, srv imaptest.Server, smtpOpts ...smtptest.Options) *world {
	t.Helper()
	w := &world{t: t, dbURL: pgtest.NewDB(t), imap: srv}
	for _, u := range []string{deskRMA, deskSupport} {
		if err := srv.AddUser(u, imapPass); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.smtp, err = smtptest.Start(append(smtpOpts, smtptest.Options{})[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.smtp.Close() })
	url := func(u string) string {
		return fmt.Sprintf("imap://%s:%s@%s/INBOX?tls=none", strings.ReplaceAll(u, "@", "%40"), imapPass, srv.Addr())
	}
	w.cfgText = fmt.Sprintf(`database_url = %q
policy = "qct"
listen = ""
poll_interval = "1h"
mailbox_lease = "3s"
[smtp]
url = "smtp://%s?tls=none"
timeout = "2s"
[[mailbox]]
name = "rma"
role = "rma"
address = %q
url = %q
[[mailbox]]
name = "support"
role = "support"
address = %q
url = %q
[people]
agents = [%q]
`, w.dbURL, w.smtp.Addr(), deskRMA, url(deskRMA), deskSupport, url(deskSupport), deskAgent)
	w.cfgFile = filepath.Join(t.TempDir(), "rmad.toml")
	if err := os.WriteFile(w.cfgFile, []byte(w.cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	return w
}

// serveInProcess runs serve until the test ends.
func (w *world) serveInProcess() {
	w.t.Helper()
	cfg, err := config.Parse([]byte(w.cfgText), nil)
	if err != nil {
		w.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, slog.New(slog.DiscardHandler), serveOptions{ready: ready}) }()
	select {
	case <-ready:
	case err := <-done:
		w.t.Fatalf("serve: %v", err)
	}
	w.t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				w.t.Errorf("serve returned %v", err)
			}
		case <-time.After(20 * time.Second):
			w.t.Error("serve did not stop within 20s of cancel")
		}
	})
}

func (w *world) deliver(mailbox, raw string) {
	w.t.Helper()
	raw = strings.ReplaceAll(strings.TrimLeft(raw, "\n"), "\n", "\r\n")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := w.imap.Append(ctx, mailbox, imapPass, "INBOX", []byte(raw)); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) waitMails(n int, within time.Duration) []smtptest.Received {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	got, err := w.smtp.Wait(ctx, n)
	if err != nil {
		w.t.Fatalf("waiting for %d mails: %v (have %d)", n, err, len(w.smtp.Messages()))
	}
	return got
}

func header(t *testing.T, r smtptest.Received) mail.Header {
	t.Helper()
	mr, err := mail.CreateReader(bytes.NewReader(r.Data))
	if err != nil {
		t.Fatal(err)
	}
	return mr.Header
}

func request(mid, extra, body string) string {
	return fmt.Sprintf("From: Alice Martin <%s>\nTo: %s\nSubject: Server will not power on\nDate: Fri, 20 Nov 2026 12:59:00 -0800\nMessage-ID: <%s>\n%sContent-Type: text/plain; charset=utf-8\n\n%s",
		custAddr, deskRMA, mid, extra, body)
}

const requestBody = "Hello,\n\nOur server does not power on; the power LED blinks amber.\n\nModel: D52BQ-2U\nSerial Number: QTFCQ0123456789\nPhone: +1 (408) 555-0143\n\nAlice Martin\n"

func TestEndToEnd(t *testing.T) {
	for name, start := range map[string]func(*testing.T) imaptest.Server{
		"dovecot": func(t *testing.T) imaptest.Server { return imaptest.NewDovecot(t) },
		"memory":  func(t *testing.T) imaptest.Server { return imaptest.Mem(t) },
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, start(t))
			w.serveInProcess()
			// IDLE: poll_interval is an hour, so only IDLE can wake the watcher.
			w.deliver(deskRMA, request("req-1@customer.example", "", requestBody))
			got := w.waitMails(2, 30*time.Second)
			var ack, notice smtptest.Received
			for _, r := range got {
				if r.To[0] == custAddr {
					ack = r
				} else {
					notice = r
				}
			}
			h := header(t, ack)
			subj, _ := h.Subject()
			if subj != "Re: Server will not power on [TKT-100001]" || h.Get("Auto-Submitted") != "auto-replied" || h.Get("In-Reply-To") != "<req-1@customer.example>" {
				t.Fatalf("ack headers: subject %q auto %q irt %q", subj, h.Get("Auto-Submitted"), h.Get("In-Reply-To"))
			}
			nh := header(t, notice)
			nsubj, _ := nh.Subject()
			if notice.To[0] != deskAgent || nh.Get("Reply-To") != "<"+deskRMA+">" && nh.Get("Reply-To") != deskRMA || !strings.Contains(nsubj, "[TKT-100001]") {
				t.Fatalf("notice: to %v reply-to %q subject %q", notice.To, nh.Get("Reply-To"), nsubj)
			}
			ackID, _ := h.MessageID()
			// The follow-up threads by In-Reply-To.
			w.deliver(deskRMA, request("req-2@customer.example", "In-Reply-To: <"+ackID+">\nReferences: <req-1@customer.example> <"+ackID+">\n",
				"Part Number: 1S5BZZZ0003\nPO Number: PO-77812\nInvoice Number: INV-2025-0311\nInvoice Date: 2025-03-03\nBill-to: Example Corp, 100 Main St, San Jose, CA 95110\nShip-to: Example Corp, Dock 4, 100 Main St, San Jose, CA 95110\nProblem: the server does not power on, LED blinks amber\n"))
			got = w.waitMails(4, 30*time.Second)
			var complete mail.Header
			for _, r := range got[2:] {
				if r.To[0] == custAddr {
					complete = header(t, r)
				}
			}
			if s, _ := complete.Subject(); s != "Re: Server will not power on [TKT-100001]" || complete.Get("In-Reply-To") != "<req-2@customer.example>" {
				t.Fatalf("completion: subject %q irt %q", s, complete.Get("In-Reply-To"))
			}
			// Committed messages are flagged \Seen on the server.
			deadline := time.Now().Add(10 * time.Second)
			for {
				msgs, err := w.imap.Messages(context.Background(), deskRMA, imapPass, "INBOX")
				if err != nil {
					t.Fatal(err)
				}
				seen := 0
				for _, m := range msgs {
					if m.HasFlag(imap.FlagSeen) {
						seen++
					}
				}
				if seen == 2 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%d of %d messages flagged \\Seen", seen, len(msgs))
				}
				time.Sleep(100 * time.Millisecond)
			}
			if n := len(w.smtp.Messages()); n != 4 {
				t.Fatalf("%d mails sent, want 4", n)
			}
		})
	}
}

// rmadProcess runs this test binary as rmad with args.
func (w *world) rmadProcess(env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "RMAD_TEST_EXEC=1"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	w.t.Cleanup(func() {
		if cmd.Process != nil && cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		if w.t.Failed() {
			w.t.Logf("rmad %v output:\n%s", args, out.String())
		}
	})
	return cmd
}

func TestCrashBetweenCommitAndFlagAndBetweenSendAndMark(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	w.deliver(deskRMA, request("req-1@customer.example", "", requestBody))

	// 1. Crash right after the commit, before the message is flagged.
	c := w.rmadProcess([]string{"RMAD_TEST_CRASH=after_deliver"}, "serve", "--config", w.cfgFile)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	waitExit(t, c, 137)
	msgs, _ := w.imap.Messages(context.Background(), deskRMA, imapPass, "INBOX")
	if len(msgs) != 1 || msgs[0].HasFlag(imap.FlagSeen) {
		t.Fatalf("after the crash the message should still be unflagged: %+v", msgs)
	}

	// 2. Crash after the SMTP server accepted a mail, before it is marked sent.
	c = w.rmadProcess([]string{"RMAD_TEST_CRASH=after_send"}, "serve", "--config", w.cfgFile)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	waitExit(t, c, 137)

	// 3. A clean run finishes the work; SIGTERM stops it cleanly.
	c = w.rmadProcess(nil, "serve", "--config", w.cfgFile)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	db := connect(t, w.dbURL)
	deadline := time.Now().Add(60 * time.Second)
	for {
		var pending int
		db.QueryRow(context.Background(), `SELECT count(*) FROM outbox WHERE status <> 'sent'`).Scan(&pending)
		msgs, _ := w.imap.Messages(context.Background(), deskRMA, imapPass, "INBOX")
		if pending == 0 && len(msgs) == 1 && msgs[0].HasFlag(imap.FlagSeen) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("work not finished: %d unsent, messages %+v", pending, msgs)
		}
		time.Sleep(200 * time.Millisecond)
	}
	c.Process.Signal(syscall.SIGTERM)
	waitExit(t, c, 0)

	var tickets, outbox, messages int
	db.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM outbox), (SELECT count(*) FROM messages)`).Scan(&tickets, &outbox, &messages)
	if tickets != 1 || outbox != 2 || messages != 1 {
		t.Fatalf("tickets=%d outbox=%d messages=%d, want 1, 2, 1", tickets, outbox, messages)
	}
	// Every reply reached the server; the one caught between acceptance and
	// marking is sent again with the same Message-ID (receivers drop the copy).
	ids := map[string]int{}
	for _, r := range w.smtp.Messages() {
		h := header(t, r)
		mid, _ := h.MessageID()
		ids[mid]++
	}
	if len(ids) != 2 {
		t.Fatalf("distinct Message-IDs at the server: %v", ids)
	}
	// Each of the two crashes can catch one mail between acceptance and
	// marking (the sender may already be sending when the first process
	// exits after its commit), so a mail is sent at most once per crash
	// more, and the two crashes add at most two copies in all.
	total := 0
	for _, n := range ids {
		total += n
		if n > 3 {
			t.Fatalf("a mail was sent more than once per crash: %v", ids)
		}
	}
	if total > 4 {
		t.Fatalf("a mail was sent more than once beyond the crash windows: %v", ids)
	}
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func waitExit(t *testing.T, c *exec.Cmd, want int) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		c.Process.Kill()
		t.Fatalf("rmad did not exit (want code %d)", want)
	}
	if got := c.ProcessState.ExitCode(); got != want {
		t.Fatalf("rmad exit code %d, want %d", got, want)
	}
}

func runCLI(t *testing.T, environ []string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), &cliEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), environ: environ}, args)
	return code, out.String(), errb.String()
}

func TestCLIErrorsAndExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("database_url = \"postgres://x@127.0.0.1:1/x\"\n[smtp]\nurl = \"smtp://h\"\n[[mailbox]]\nname = \"a\"\nrole = \"support\"\naddress = \"a@b.example\"\nurl = \"imap:///INBOX\"\n"), 0o600)
	code, _, stderr := runCLI(t, nil, "config", "check", "--config", bad)
	if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "mailbox[0].url: missing host") {
		t.Fatalf("bad config: code %d stderr %q", code, stderr)
	}
	good := filepath.Join(dir, "good.toml")
	os.WriteFile(good, []byte(strings.Replace(mustRead(t, bad), "imap:///INBOX", "imap://u:p@127.0.0.1:1/INBOX", 1)), 0o600)
	code, _, stderr = runCLI(t, nil, "ticket", "list", "--config", good)
	if code != 1 || !strings.Contains(stderr, "database postgres://x@127.0.0.1:1/x") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("unreachable database: code %d stderr %q", code, stderr)
	}
	// Environment overrides name the mailbox.
	code, _, stderr = runCLI(t, []string{"RMAD_MAILBOX_A_URL=imaps://"}, "config", "check", "--config", good)
	if code != 2 || !strings.Contains(stderr, "mailbox[0].url") {
		t.Fatalf("env override: code %d stderr %q", code, stderr)
	}
	if code, out, _ := runCLI(t, nil, "serve", "--help"); code != 0 || !strings.Contains(out, "Usage: rmad serve") {
		t.Fatalf("serve --help: %d %q", code, out)
	}
	if code, _, _ := runCLI(t, nil, "frobnicate"); code != 2 {
		t.Fatalf("unknown command exit %d", code)
	}
}

func mustRead(t *testing.T, f string) string {
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestIngestAndTicketShow(t *testing.T) {
	w := newWorld(t, imaptest.Mem(t))
	msg := filepath.Join(t.TempDir(), "req.eml")
	os.WriteFile(msg, []byte(strings.ReplaceAll(request("req-9@customer.example", "", requestBody), "\n", "\r\n")), 0o600)
	code, out, stderr := runCLI(t, nil, "ingest", msg, "--mailbox", "rma", "--config", w.cfgFile, "--at", "2026-11-20T13:00:00-08:00")
	if code != 0 || !strings.Contains(out, "created\tTKT-100001") {
		t.Fatalf("ingest: %d %q %q", code, out, stderr)
	}
	code, out, stderr = runCLI(t, nil, "ticket", "show", "--json", "TKT-100001", "--config", w.cfgFile)
	if code != 0 {
		t.Fatalf("ticket show: %d %q", code, stderr)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"ref", "kind", "state", "customer", "fields", "missing", "rma", "entitlement", "messages"} {
		if _, ok := v[k]; !ok {
			t.Errorf("ticket show --json lacks %q", k)
		}
	}
	if v["state"] != "awaiting_info" || len(v["messages"].([]any)) != 3 {
		t.Fatalf("ticket: %v", v)
	}
	code, out, _ = runCLI(t, nil, "outbox", "list", "--json", "--config", w.cfgFile)
	var ob []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &ob) != nil || len(ob) != 2 || ob[0]["status"] != "queued" {
		t.Fatalf("outbox list: %d %s", code, out)
	}
	code, out, _ = runCLI(t, nil, "outbox", "show", fmt.Sprint(ob[0]["id"]), "--config", w.cfgFile)
	if code != 0 || !strings.Contains(strings.ReplaceAll(out, "\r\n ", " "), "Message-ID: <"+ob[0]["message_id"].(string)+">") {
		t.Fatalf("outbox show: %d %s", code, out)
	}
}

func TestTwoServeProcessesShareTheWork(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	for i := 0; i < 12; i++ {
		w.deliver(deskRMA, strings.Replace(request(fmt.Sprintf("two-%d@customer.example", i), "", requestBody),
			"From: Alice Martin <alice@customer.example>", fmt.Sprintf("From: Customer %d <c%d@customer.example>", i, i), 1))
	}
	w.serveInProcess()
	w.serveInProcess()
	w.waitMails(24, 60*time.Second)
	time.Sleep(2 * time.Second) // anything sent twice would show up by now
	if n := len(w.smtp.Messages()); n != 24 {
		t.Fatalf("%d mails sent for 12 requests, want 24", n)
	}
	db := connect(t, w.dbURL)
	var tickets, outbox int
	db.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM tickets), (SELECT count(*) FROM outbox)`).Scan(&tickets, &outbox)
	if tickets != 12 || outbox != 24 {
		t.Fatalf("tickets=%d outbox=%d", tickets, outbox)
	}
}
