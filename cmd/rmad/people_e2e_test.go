package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/internal/imaptest"
	"rmad/internal/smtptest"
)

const kimAddr = "kim@customer.example"

// TestPeopleStatusAndClocksThroughTheRealServers plays a week of one ticket
// through Dovecot, the desk, SMTP and PostgreSQL: a colleague on Cc is
// copied and may ask for news, a reseller on Cc is only proposed, the
// promised reply time is watched (warning, then breach), the morning digest
// lists the ticket, an agent takes it and stops copying the colleague, and a
// bounce of the agent's reply reaches the agents.
func TestPeopleStatusAndClocksThroughTheRealServers(t *testing.T) {
	w := newWorld(t, imaptest.NewDovecot(t))
	preset, err := os.ReadFile(filepath.Join("..", "..", "policy", "presets", "qct.toml"))
	if err != nil {
		t.Fatal(err)
	}
	polFile := filepath.Join(t.TempDir(), "qct-reply.toml")
	if err := os.WriteFile(polFile, append(preset, "\n[support]\nreply_within = \"1bd\"\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	w.cfgText = strings.Replace(w.cfgText, `policy = "qct"`, fmt.Sprintf("policy = %q", polFile), 1)
	if err := os.WriteFile(w.cfgFile, []byte(w.cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	w.serveInProcess()
	ctx := context.Background()
	db, err := pgx.Connect(ctx, w.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	environ := []string{"RMAD_DATABASE_URL=" + w.dbURL}
	jobs := func(name string, at time.Time) {
		t.Helper()
		if code, out, errOut := runCLI(t, environ, "jobs", "run", name, "--config", w.cfgFile, "--at", at.UTC().Format(time.RFC3339)); code != 0 {
			t.Fatalf("jobs run %s: %s %s", name, out, errOut)
		}
	}

	// 1. Alice writes with Kim (her colleague) and a reseller on Cc.
	w.deliver(deskSupport, "From: Alice Martin <"+custAddr+">\nTo: "+deskSupport+"\nCc: Kim Lee <"+kimAddr+">, sales@reseller.example\n"+
		"Subject: NAS clicking\nMessage-ID: <p-1@customer.example>\nContent-Type: text/plain\n\nOur D52BQ-2U clicks. Serial QTFCQ0123456789.\n")
	got := w.waitMails(2, 30*time.Second)
	ack, notice := mailTo(t, got, custAddr), mailTo(t, got, deskAgent)
	ah := header(t, ack)
	if !slices.Contains(ack.To, kimAddr) || !strings.Contains(ah.Get("Cc"), kimAddr) || strings.Contains(string(ack.Data), "reseller") {
		t.Fatalf("ack: envelope %v, Cc %q", ack.To, ah.Get("Cc"))
	}
	body := unfoldQP(notice.Data)
	if !strings.Contains(body, "Copied on customer mail: "+kimAddr) || !strings.Contains(body, "not copied on the ticket's mail: sales@reseller.example") {
		t.Fatalf("notice:\n%s", body)
	}
	if !strings.Contains(unfoldQP(ack.Data), "will answer") {
		t.Errorf("the ack does not state the promised reply time:\n%s", unfoldQP(ack.Data))
	}
	ackID, _ := ah.MessageID()

	// 2. Kim asks for news in the thread: a status mail to Alice, Kim copied,
	// threaded on Kim's mail; the agents see who wrote.
	w.deliver(deskSupport, "From: "+kimAddr+"\nTo: "+deskSupport+"\nSubject: Re: NAS clicking [TKT-100001]\nMessage-ID: <p-2@customer.example>\n"+
		"In-Reply-To: <"+ackID+">\nContent-Type: text/plain\n\nAny update?\n")
	got = w.waitMails(4, 30*time.Second)
	status, fu := mailTo(t, got[2:], custAddr), mailTo(t, got[2:], deskAgent)
	sh := header(t, status)
	if !slices.Contains(status.To, kimAddr) || sh.Get("In-Reply-To") != "<p-2@customer.example>" || !strings.Contains(unfoldQP(status.Data), "TKT-100001") {
		t.Fatalf("status: envelope %v In-Reply-To %q\n%s", status.To, sh.Get("In-Reply-To"), unfoldQP(status.Data))
	}
	if !strings.Contains(unfoldQP(fu.Data), kimAddr+", copied on the ticket of") {
		t.Errorf("follow-up notice:\n%s", unfoldQP(fu.Data))
	}

	// 3. Nobody answers: the reply promise warns, then breaks, each once; the
	// morning digest lists the ticket as waiting on us.
	var warnAt, dueAt time.Time
	if err := db.QueryRow(ctx, `SELECT warn_at, due_at FROM promises WHERE kind = 'reply'`).Scan(&warnAt, &dueAt); err != nil {
		t.Fatal(err)
	}
	jobs("promises", warnAt.Add(time.Minute))
	jobs("promises", warnAt.Add(2*time.Minute))
	warning := mailTo(t, w.waitMails(5, 30*time.Second), deskAgent)
	jobs("promises", dueAt.Add(time.Minute))
	breach := mailTo(t, w.waitMails(6, 30*time.Second), deskAgent)
	if ws, bs := subjectOf(t, warning), subjectOf(t, breach); !strings.Contains(ws, "TKT-100001") || !strings.Contains(bs, "TKT-100001") || ws == bs {
		t.Fatalf("promise notices: %q then %q", ws, bs)
	}
	digestDay := time.Date(dueAt.Year(), dueAt.Month(), dueAt.Day()+1, 17, 0, 0, 0, time.UTC) // 08:00 or later in Los Angeles
	for digestDay.Weekday() == time.Saturday || digestDay.Weekday() == time.Sunday {
		digestDay = digestDay.AddDate(0, 0, 1)
	}
	jobs("agents_digest", digestDay)
	jobs("agents_digest", digestDay.Add(time.Hour))
	digest := mailTo(t, w.waitMails(7, 30*time.Second), deskAgent)
	if d := unfoldQP(digest.Data); !strings.Contains(d, "TKT-100001") {
		t.Fatalf("digest:\n%s", d)
	}

	// 4. Dana takes the ticket, stops copying Kim and answers.
	nh := header(t, notice)
	noticeID, _ := nh.MessageID()
	w.deliver(deskSupport, "From: "+deskAgent+"\nTo: "+deskSupport+"\nSubject: Re: [TKT-100001] New support ticket\nMessage-ID: <d-1@desk.example>\n"+
		"In-Reply-To: <"+noticeID+">\nContent-Type: text/plain\n\n#take\n#cc remove "+kimAddr+"\n\nPlease send a photo of the label.\n")
	got = w.waitMails(9, 30*time.Second)
	relay := mailTo(t, got[7:], custAddr)
	rh := header(t, relay)
	if slices.Contains(relay.To, kimAddr) || strings.Contains(rh.Get("Cc"), kimAddr) {
		t.Fatalf("Kim is still copied: %v", relay.To)
	}
	var owner string
	var cc []string
	if err := db.QueryRow(ctx, `SELECT owner, participants FROM tickets WHERE ref = 'TKT-100001'`).Scan(&owner, &cc); err != nil || owner != deskAgent || len(cc) != 0 {
		t.Fatalf("ticket owner %q participants %q (%v)", owner, cc, err)
	}

	// 5. The relay bounces: the agents are told, with the server's reply.
	relayID, _ := rh.MessageID()
	w.deliver(deskSupport, "From: MAILER-DAEMON@mx.customer.example\nTo: "+deskSupport+"\nSubject: Undelivered Mail Returned to Sender\n"+
		"Message-ID: <b-1@mx.customer.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"+
		"--B\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.customer.example\n\n"+
		"Final-Recipient: rfc822; "+custAddr+"\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 mailbox full\n\n"+
		"--B\nContent-Type: text/rfc822-headers\n\nFrom: "+deskSupport+"\nTo: "+custAddr+"\nSubject: Re: NAS clicking [TKT-100001]\nMessage-ID: <"+relayID+">\n\n--B--\n")
	bounce := mailTo(t, w.waitMails(10, 30*time.Second), deskAgent)
	if b := unfoldQP(bounce.Data); !strings.Contains(b, "TKT-100001") || !strings.Contains(b, "5.2.2") {
		t.Fatalf("bounce notice:\n%s", b)
	}
	time.Sleep(time.Second)
	if n := len(w.smtp.Messages()); n != 10 {
		t.Fatalf("%d mails sent, want 10", n)
	}
}

// unfoldQP is a mail's text with quoted-printable soft breaks and =3D undone,
// enough to search it.
func unfoldQP(b []byte) string {
	return strings.NewReplacer("=\r\n", "", "=3D", "=", "\r\n", "\n").Replace(string(b))
}

func subjectOf(t *testing.T, r smtptest.Received) string {
	t.Helper()
	h := header(t, r)
	s, _ := h.Subject()
	return s
}
