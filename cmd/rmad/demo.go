package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"

	"rmad/config"
	"rmad/internal/imapmem"
	"rmad/internal/pgserver"
	"rmad/internal/smtptest"
)

// The demo's cast. Everyone has a mailbox on the embedded IMAP server, so
// mail rmad sends through the embedded SMTP server lands there (a closed loop).
const (
	demoSupport  = "support@demo.example"
	demoRMA      = "rma@demo.example"
	demoAgent    = "dana@demo.example"
	demoCustomer = "alice@customer.example"
	demoAsker    = "bob@reseller.example"
	demoAway     = "carol@partner.example"
	demoFinance  = "finance@demo.example"
	demoDave     = "dave@lab.example"
	demoPass     = "demo"
)

func cmdDemo(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "demo", "demo [--verbose]   (needs PostgreSQL's initdb/pg_ctl; `make deps` installs them)")
	verbose := fs.Bool("verbose", false, "also print rmad's log")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	d := &demo{out: env.stdout}
	defer d.close()
	if err := d.start(ctx, *verbose, env.stderr); err != nil {
		return err
	}
	if err := d.scene(ctx); err != nil {
		return err
	}
	return nil
}

type demo struct {
	out     io.Writer
	pg      *pgserver.Server
	imap    *imapmem.MemServer
	smtp    *smtptest.Server
	stop    func()
	stopped chan error
	seen    int // sink messages already shown
	dir     string
	cfgFile string
}

func (d *demo) say(format string, a ...any) { fmt.Fprintf(d.out, format+"\n", a...) }

func (d *demo) start(ctx context.Context, verbose bool, logw io.Writer) error {
	d.say("== rmad demo: the whole desk on embedded servers ==")
	var err error
	d.say("Starting a throwaway PostgreSQL, an in-memory IMAP server and an SMTP server that delivers into it...")
	if d.pg, err = pgserver.Start(ctx, pgserver.Options{}); err != nil {
		return err
	}
	if err := d.pg.CreateDatabase(ctx, "rmad", ""); err != nil {
		return err
	}
	users := map[string]string{}
	for _, u := range []string{demoSupport, demoRMA, demoAgent, demoCustomer, demoAsker, demoAway, demoFinance, demoDave} {
		users[u] = demoPass
	}
	if d.imap, err = imapmem.StartMem(imapmem.MemOptions{Users: users}); err != nil {
		return err
	}
	d.smtp, err = smtptest.Start(smtptest.Options{Deliver: func(r smtptest.Received) error {
		for _, rcpt := range r.To {
			rcpt = strings.ToLower(rcpt)
			if _, ok := users[rcpt]; !ok {
				continue
			}
			if _, err := d.imap.Append(context.Background(), rcpt, demoPass, "INBOX", r.Data); err != nil {
				return err
			}
		}
		return nil
	}})
	if err != nil {
		return err
	}
	imapURL := func(user string) string {
		return fmt.Sprintf("imap://%s:%s@%s/INBOX?tls=none", strings.ReplaceAll(user, "@", "%40"), demoPass, d.imap.Addr())
	}
	text := fmt.Sprintf(`database_url = %q
policy = "qct"
listen = ""
poll_interval = "1s"
[desk]
name = "Demo Hardware Support"
[smtp]
url = "smtp://%s?tls=none"
[[mailbox]]
name = "support"
role = "support"
address = %q
url = %q
[[mailbox]]
name = "rma"
role = "rma"
address = %q
url = %q
[people]
agents = [%q]
notify = %q
finance = %q
[jobs]
reminders = "off"   # the demo runs the clocks itself, as of chosen times
void = "off"
billing = "off"
quotes = "off"
waiting = "off"
digest = "off"
`, d.pg.URL("rmad"), d.smtp.Addr(), demoSupport, imapURL(demoSupport), demoRMA, imapURL(demoRMA), demoAgent, demoAgent, demoFinance)
	cfg, err := config.Parse([]byte(text), nil)
	if err != nil {
		return err
	}
	if d.dir, err = os.MkdirTemp("", "rmad-demo-"); err != nil {
		return err
	}
	d.cfgFile = filepath.Join(d.dir, "rmad.toml")
	if err := os.WriteFile(d.cfgFile, []byte(text), 0o600); err != nil {
		return err
	}
	var log *slog.Logger
	if verbose {
		log = slog.New(slog.NewTextHandler(logw, nil))
	} else {
		log = slog.New(slog.DiscardHandler)
	}
	sctx, scancel := context.WithCancel(ctx)
	d.stop = scancel
	ready := make(chan struct{})
	d.stopped = make(chan error, 1)
	go func() { d.stopped <- serve(sctx, cfg, log, serveOptions{ready: ready}) }()
	select {
	case <-ready:
	case err := <-d.stopped:
		d.stopped <- err
		return fmt.Errorf("rmad serve did not start: %w", err)
	case <-ctx.Done():
		return ctx.Err()
	}
	d.say("rmad serve is watching %s (role rma) and %s (role support), policy qct.\n", demoRMA, demoSupport)
	return nil
}

func (d *demo) close() {
	if d.stop != nil {
		d.stop()
		select {
		case <-d.stopped:
		case <-time.After(15 * time.Second):
		}
	}
	if d.smtp != nil {
		d.smtp.Close()
	}
	if d.imap != nil {
		d.imap.Close()
	}
	if d.pg != nil {
		d.pg.Stop()
	}
	if d.dir != "" {
		os.RemoveAll(d.dir)
	}
}

// cli runs an rmad command against the demo's desk, as an operator would.
func (d *demo) cli(ctx context.Context, args ...string) (string, error) {
	var out, errb strings.Builder
	code := run(ctx, &cliEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), environ: nil}, append(args, "--config", d.cfgFile))
	if code != 0 {
		return "", fmt.Errorf("rmad %s: %s%s", strings.Join(args, " "), out.String(), errb.String())
	}
	return out.String(), nil
}

// send delivers a message into a desk mailbox, as the customer's MTA would.
func (d *demo) send(ctx context.Context, to string, raw string) error {
	raw = strings.ReplaceAll(strings.TrimLeft(raw, "\n"), "\n", "\r\n")
	_, err := d.imap.Append(ctx, to, demoPass, "INBOX", []byte(raw))
	return err
}

// expect waits for n more mails at the SMTP server and prints them.
func (d *demo) expect(ctx context.Context, n int) ([]smtptest.Received, error) {
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	all, err := d.smtp.Wait(wctx, d.seen+n)
	if err != nil {
		return nil, fmt.Errorf("waiting for %d mails from rmad: %w", n, err)
	}
	got := all[d.seen : d.seen+n]
	d.seen += n
	for _, r := range got {
		d.show(r)
	}
	return got, nil
}

func (d *demo) show(r smtptest.Received) {
	h, body := headersAndBody(r.Data)
	d.say("  rmad -> %s", strings.Join(r.To, ", "))
	for _, k := range []string{"From", "Subject", "In-Reply-To", "Auto-Submitted"} {
		if v := h.Get(k); v != "" {
			if k == "Subject" {
				v, _ = h.Subject()
			}
			d.say("    %s: %s", k, v)
		}
	}
	for _, l := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
		d.say("    | %s", strings.TrimRight(l, "\r"))
	}
	d.say("")
}

func headersAndBody(raw []byte) (mail.Header, string) {
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		return mail.Header{}, string(raw)
	}
	defer mr.Close()
	var body strings.Builder
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		if _, ok := p.Header.(*mail.InlineHeader); ok {
			b, _ := io.ReadAll(p.Body)
			body.Write(b)
		}
	}
	return mr.Header, body.String()
}

func findMail(rs []smtptest.Received, to string) (mail.Header, bool) {
	for _, r := range rs {
		for _, t := range r.To {
			if strings.EqualFold(t, to) {
				h, _ := headersAndBody(r.Data)
				return h, true
			}
		}
	}
	return mail.Header{}, false
}

func (d *demo) scene(ctx context.Context) error {
	now := time.Now().UTC().Format(time.RFC1123Z)
	th, err := d.incompleteRequest(ctx, now)
	if err != nil {
		return err
	}
	for _, act := range []func(context.Context, string, threads) error{d.customerCompletes, d.agentAnswers, d.supportQuestion, d.autoReplyIgnored} {
		if err := act(ctx, now, th); err != nil {
			return err
		}
	}
	if err := d.timeTravel(ctx); err != nil {
		return err
	}
	d.say("-- The desk now --")
	return d.summary(ctx)
}

// threads are the desk's first answers, which the next mails of the scene
// reply to as a mail client would.
type threads struct {
	ackID, ackSubject       string // the customer's acknowledgment
	noticeID, noticeSubject string // the agents' notice
}

func (d *demo) incompleteRequest(ctx context.Context, now string) (threads, error) {
	d.say("-- 1. A customer asks for an RMA but leaves out half of what QCT needs --")
	d.say("  %s -> %s: \"Server will not power on\" (model, serial and phone only)\n", demoCustomer, demoRMA)
	if err := d.send(ctx, demoRMA, fmt.Sprintf(`
From: Alice Martin <%s>
To: %s
Subject: Server will not power on
Date: %s
Message-ID: <req-1@customer.example>
Content-Type: text/plain; charset=utf-8

Hello,

Our QCT server stopped powering on after a firmware update last night.
The power LED blinks amber and nothing else happens.

Model: D52BQ-2U
Serial Number: QTFCQ0123456789
Phone: +1 (408) 555-0143

Alice Martin
`, demoCustomer, demoRMA, now)); err != nil {
		return threads{}, err
	}
	got, err := d.expect(ctx, 2)
	if err != nil {
		return threads{}, err
	}
	ack, ok := findMail(got, demoCustomer)
	if !ok {
		return threads{}, errors.New("the customer got no acknowledgment")
	}
	notice, _ := findMail(got, demoAgent)
	var th threads
	th.ackID, _ = ack.MessageID()
	th.noticeID, _ = notice.MessageID()
	th.ackSubject, _ = ack.Subject()
	th.noticeSubject, _ = notice.Subject()
	return th, nil

}

func (d *demo) customerCompletes(ctx context.Context, now string, th threads) error {
	d.say("-- 2. The customer answers in the thread with the missing details --")
	if err := d.send(ctx, demoRMA, fmt.Sprintf(`
From: Alice Martin <%s>
To: %s
Subject: Re: %s
Date: %s
Message-ID: <req-2@customer.example>
In-Reply-To: <%s>
References: <req-1@customer.example> <%s>
Content-Type: text/plain; charset=utf-8

Here is the rest:

Part Number: 1S5BZZZ0003
PO Number: PO-77812
Invoice Number: INV-2025-0311
Invoice Date: 2025-03-03
Bill-to: Example Corp, 100 Main St, San Jose, CA 95110
Ship-to: Example Corp, Dock 4, 100 Main St, San Jose, CA 95110

> Dear Alice Martin,
> Thank you for contacting QCT RMA.
`, demoCustomer, demoRMA, th.ackSubject, now, th.ackID, th.ackID)); err != nil {
		return err
	}
	if _, err := d.expect(ctx, 2); err != nil {
		return err
	}

	return nil
}

func (d *demo) agentAnswers(ctx context.Context, now string, th threads) error {
	d.say("-- 3. The agent answers from their own mail client; rmad relays it from the desk --")
	if err := d.send(ctx, demoRMA, fmt.Sprintf(`
From: Dana Agent <%s>
To: %s
Subject: Re: %s
Date: %s
Message-ID: <agent-1@demo.example>
In-Reply-To: <%s>
References: <%s>
Content-Type: text/plain; charset=utf-8

Hi Alice, thanks for the details. Please try a BMC cold reset first
(hold the ID button for 10 seconds); if the LED still blinks amber we
will issue the RMA today.

Dana
`, demoAgent, demoRMA, th.noticeSubject, now, th.noticeID, th.noticeID)); err != nil {
		return err
	}
	if _, err := d.expect(ctx, 1); err != nil {
		return err
	}

	return nil
}

func (d *demo) supportQuestion(ctx context.Context, now string, _ threads) error {
	d.say("-- 4. A reseller asks a support question --")
	if err := d.send(ctx, demoSupport, fmt.Sprintf(`
From: Bob Reseller <%s>
To: %s
Subject: Fan noise on a new unit
Date: %s
Message-ID: <q-1@reseller.example>
Content-Type: text/plain; charset=utf-8

Hi, one of the units we sold last month is very loud at idle.
Is there a BMC fan profile we can change?

Bob
`, demoAsker, demoSupport, now)); err != nil {
		return err
	}
	if _, err := d.expect(ctx, 2); err != nil {
		return err
	}

	return nil
}

func (d *demo) autoReplyIgnored(ctx context.Context, now string, _ threads) error {
	d.say("-- 5. An out-of-office auto-reply arrives at support@: recorded, never answered --")
	if err := d.send(ctx, demoSupport, fmt.Sprintf(`
From: Carol Partner <%s>
To: %s
Subject: Automatic reply: Fan noise on a new unit
Date: %s
Message-ID: <ooo-1@partner.example>
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset=utf-8

I am out of the office until Monday with limited access to e-mail.
`, demoAway, demoSupport, now)); err != nil {
		return err
	}
	// Give rmad time to see it, then prove nothing was sent.
	time.Sleep(3 * time.Second)
	if n := len(d.smtp.Messages()); n != d.seen {
		return fmt.Errorf("rmad answered an auto-reply (%d unexpected mails)", n-d.seen)
	}
	d.say("  (no mail sent: %d mails in all, as before)\n", d.seen)

	return nil
}

// timeTravel approves RMAs and runs the clocks as of later dates, the way
// `rmad jobs run all --at TIME` replays weeks in a minute.
func (d *demo) timeTravel(ctx context.Context) error {
	now := time.Now()
	at := func(t time.Time) string { return t.Format(time.RFC3339) }
	d.say("-- 6. The operator imports the asset registry; the agent approves Alice's RMA --")
	csv := filepath.Join(d.dir, "assets.csv")
	if err := os.WriteFile(csv, []byte("serial_number,model,part_number,customer,invoice_number,invoice_date,invoice_price,currency\n"+
		"QTFCQ0123456789,D52BQ-2U,1S5BZZZ0003,Example Corp,INV-2026-0303,2026-03-03,12500.00,USD\n"), 0o600); err != nil {
		return err
	}
	d.say("  $ rmad registry import assets.csv   (the unit was invoiced 2026-03-03: first year, so QCT's advance replacement applies)")
	if _, err := d.cli(ctx, "registry", "import", csv); err != nil {
		return err
	}
	d.say("  $ rmad rma approve TKT-100001")
	if _, err := d.cli(ctx, "rma", "approve", "TKT-100001", "--at", at(now)); err != nil {
		return err
	}
	if _, err := d.expect(ctx, 1); err != nil {
		return err
	}
	// What went out is what is billed if the defective unit never comes back.
	d.say("  $ rmad rma ship RMA-100001 --carrier UPS --tracking 1Z999AA10123456784 --part unit   (a whole server)")
	if _, err := d.cli(ctx, "rma", "ship", "RMA-100001", "--carrier", "UPS", "--tracking", "1Z999AA10123456784", "--part", "unit", "--at", at(now)); err != nil {
		return err
	}
	if _, err := d.expect(ctx, 1); err != nil {
		return err
	}
	d.say("-- 7. Another customer's complete request, approved as a standard RMA (void after 30 days) --")
	if err := d.send(ctx, demoRMA, fmt.Sprintf(`
From: Dave Lab <%s>
To: %s
Subject: PSU failure
Date: %s
Message-ID: <dave-1@lab.example>
Content-Type: text/plain; charset=utf-8

Contact: Dave Lab
Phone: +1 650 555 0111
Serial Number: QTFCQ9999000001
Part Number: 1S5BZZZ0042
Model: S5G-1U
PO Number: PO-9
Invoice Number: INV-2024-0042
Invoice Date: 2024-05-02
Bill-to: Lab Inc, 5 Page Mill Rd, Palo Alto, CA 94304
Ship-to: Lab Inc, 5 Page Mill Rd, Palo Alto, CA 94304
Problem: PSU 1 failed, the fan does not spin.
`, demoDave, demoRMA, now.UTC().Format(time.RFC1123Z))); err != nil {
		return err
	}
	if _, err := d.expect(ctx, 2); err != nil {
		return err
	}
	d.say("  $ rmad rma approve TKT-100003")
	if _, err := d.cli(ctx, "rma", "approve", "TKT-100003", "--at", at(now)); err != nil {
		return err
	}
	if _, err := d.expect(ctx, 1); err != nil {
		return err
	}
	pool, err := openDB(ctx, d.pg.URL("rmad"))
	if err != nil {
		return err
	}
	defer pool.Close()
	var due, void time.Time
	if err := pool.QueryRow(ctx, `SELECT (SELECT return_due FROM rmas WHERE number = 'RMA-100001'), (SELECT void_at FROM rmas WHERE number = 'RMA-100003')`).Scan(&due, &void); err != nil {
		return err
	}
	for _, step := range []struct {
		title, job string
		when       time.Time
		mails      int
	}{
		{"a return reminder, one business day before the due date", "reminders", due.Add(-26 * time.Hour), 1},
		{"the day after the due date the unit is not back: finance bills the replacement", "billing", due.Add(12 * time.Hour), 2},
		{"the void date passed without Dave's unit: the RMA number is voided", "void", void.Add(time.Hour), 1},
	} {
		d.say("-- Time travel: %s --", step.title)
		d.say("  $ rmad jobs run %s --at %s", step.job, at(step.when))
		if _, err := d.cli(ctx, "jobs", "run", step.job, "--at", at(step.when)); err != nil {
			return err
		}
		if _, err := d.expect(ctx, step.mails); err != nil {
			return err
		}
	}
	return nil
}

func (d *demo) summary(ctx context.Context) error {
	pool, err := openDB(ctx, d.pg.URL("rmad"))
	if err != nil {
		return err
	}
	defer pool.Close()
	rows, err := pool.Query(ctx, `SELECT ref, kind, state, customer_address, subject FROM tickets ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ref, kind, state, cust, subj string
		if err := rows.Scan(&ref, &kind, &state, &cust, &subj); err != nil {
			return err
		}
		d.say("  %s  %-7s  %-13s  %-24s  %s", ref, kind, state, cust, subj)
	}
	var outcome string
	if err := pool.QueryRow(ctx, `SELECT outcome FROM messages WHERE message_id = 'ooo-1@partner.example'`).Scan(&outcome); err != nil {
		return fmt.Errorf("the auto-reply was not recorded: %w", err)
	}
	d.say("  the out-of-office message is stored with outcome %q", outcome)
	d.say("\nDemo finished: every server is stopped and its files removed.")
	return rows.Err()
}
