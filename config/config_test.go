package config

import (
	"strings"
	"testing"
	"time"
)

const minimal = `database_url = "postgres://rmad@127.0.0.1:5432/rmad"
[smtp]
url = "smtp://u:p@mail.example.com?tls=starttls"
[[mailbox]]
name = "support"
role = "support"
address = "Support@Example.com"
url = "imaps://support%40example.com:s3cret@imap.example.com/INBOX"
[people]
agents = ["@Example.com", "dana@example.com"]
`

func TestDefaultsAndParsedURLs(t *testing.T) {
	c, err := Parse([]byte(minimal), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.PollInterval.Duration != 10*time.Second || c.MaxMessageSize != 25<<20 || c.AutoReplyLimit != 5 || c.Policy != "qct" || c.Mailbox[0].After != "seen" {
		t.Fatalf("defaults: %+v", c)
	}
	im := c.Mailbox[0].IMAP
	if im.Addr != "imap.example.com:993" || im.TLS != "tls" || im.Username != "support@example.com" || im.Password != "s3cret" || im.Folder != "INBOX" {
		t.Fatalf("imap url: %+v", im)
	}
	if s := c.SMTPParsed; s.Host != "mail.example.com" || s.Port != 587 || s.TLS != "starttls" || s.Username != "u" {
		t.Fatalf("smtp url: %+v", s)
	}
	if c.Mailbox[0].Address != "support@example.com" {
		t.Fatalf("addresses: %+v", c.People)
	}
	if got := c.People.NotifyAddresses(); len(got) != 1 || got[0] != "dana@example.com" {
		t.Fatalf("notify = %v", got)
	}
}

func TestEnvironmentOverrides(t *testing.T) {
	c, err := Parse([]byte(minimal), []string{"RMAD_DATABASE_URL=postgres://other@db/rmad", "RMAD_MAILBOX_SUPPORT_URL=imap://a:b@h:1143/Desk?tls=none",
		"RMAD_POLL_INTERVAL=5s", "RMAD_PEOPLE_FINANCE=fin@example.com", "RMAD_AUTO_REPLY_LIMIT=2"})
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "postgres://other@db/rmad" || c.Mailbox[0].IMAP.Addr != "h:1143" || c.Mailbox[0].IMAP.Folder != "Desk" ||
		c.PollInterval.Duration != 5*time.Second || c.People.Finance != "fin@example.com" || c.AutoReplyLimit != 2 {
		t.Fatalf("overrides not applied: %+v", c)
	}
}

func TestErrorsNameTheKey(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{`url = "imaps://support%40example.com:s3cret@imap.example.com/INBOX"`, `url = "imap:///INBOX"`, "mailbox[0].url: missing host"},
		{`role = "support"`, `role = "sales"`, "mailbox[0].role: must be support or rma"},
		{`address = "Support@Example.com"`, `address = "nope"`, "mailbox[0].address"},
		{`url = "smtp://u:p@mail.example.com?tls=starttls"`, `url = "ftp://x"`, "smtp.url: scheme"},
		{`database_url = "postgres://rmad@127.0.0.1:5432/rmad"`, `database_url = "mysql://x"`, "database_url"},
		{`[people]`, "poll_interval = \"soon\"\n[people]", "poll_interval"},
		{`[people]`, "colour = 1\n[people]", "colour: unknown key"},
		{`agents = ["@Example.com", "dana@example.com"]`, `agents = ["not an address"]`, "people.agents[0]"},
	} {
		_, err := Parse([]byte(strings.Replace(minimal, tc.from, tc.to, 1)), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.to, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("error leaks a password: %v", err)
		}
	}
}
