package config

import (
	"bytes"
	"strings"
	"testing"
)

const withOAuth = `database_url = "postgres://rmad@127.0.0.1:5432/rmad"
token_key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
[smtp]
url = "smtp://support%40example.com@smtp.office365.com:587?auth=xoauth2&oauth=m365"
[[mailbox]]
name = "support"
role = "support"
address = "support@example.com"
url = "imaps://support%40example.com@outlook.office365.com/INBOX?auth=xoauth2&oauth=m365"
[[mailbox]]
name = "rma"
role = "rma"
address = "rma@example.com"
url = "imaps://rma%40example.com@imap.gmail.com/INBOX?auth=oauthbearer&oauth=gmail"
[oauth.m365]
provider = "microsoft"
flow = "client_credentials"
tenant = "contoso.onmicrosoft.com"
client_id = "11111111-2222-3333-4444-555555555555"
client_secret = "from-file"
[oauth.gmail]
provider = "google"
flow = "refresh_token"
client_id = "abc.apps.googleusercontent.com"
client_secret = "g-secret"
`

func TestOAuthProvidersAndURLs(t *testing.T) {
	c, err := Parse([]byte(withOAuth), []string{"RMAD_OAUTH_M365_CLIENT_SECRET=from-env", "RMAD_OAUTH_GMAIL_SCOPES=a, b"})
	if err != nil {
		t.Fatal(err)
	}
	m := c.OAuth["m365"]
	if m.ClientSecret != "from-env" || m.TokenURL != "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token" ||
		m.DeviceAuthURL != "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode" ||
		len(m.Scopes) != 1 || m.Scopes[0] != "https://outlook.office365.com/.default" {
		t.Fatalf("m365: %+v", m)
	}
	g := c.OAuth["gmail"]
	if g.TokenURL != "https://oauth2.googleapis.com/token" || strings.Join(g.Scopes, "|") != "a|b" {
		t.Fatalf("gmail: %+v", g)
	}
	if im := c.Mailbox[0].IMAP; im.Auth != "xoauth2" || im.OAuth != "m365" || im.Username != "support@example.com" || im.Password != "" {
		t.Fatalf("imap: %+v", im)
	}
	if im := c.Mailbox[1].IMAP; im.Auth != "oauthbearer" || im.OAuth != "gmail" {
		t.Fatalf("imap: %+v", im)
	}
	if s := c.SMTPParsed; s.Auth != "xoauth2" || s.OAuth != "m365" || s.Username != "support@example.com" {
		t.Fatalf("smtp: %+v", s)
	}
	want := []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}
	if !bytes.Equal(c.TokenKeyBytes, want) {
		t.Fatalf("token key %x", c.TokenKeyBytes)
	}
	// The same key in base64, from the environment.
	c, err = Parse([]byte(withOAuth), []string{"RMAD_TOKEN_KEY=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
	if err != nil || !bytes.Equal(c.TokenKeyBytes, want) {
		t.Fatalf("base64 key: %v %x", err, c.TokenKeyBytes)
	}
}

func TestOAuthErrorsNameTheKey(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{`INBOX?auth=xoauth2&oauth=m365"`, `INBOX?auth=xoauth2&oauth=o365"`, `mailbox[0].url: oauth "o365" is not configured`},
		{`INBOX?auth=xoauth2&oauth=m365"`, `INBOX?auth=xoauth2"`, "mailbox[0].url: auth=xoauth2 needs oauth=NAME"},
		{`?auth=oauthbearer&`, `?auth=cram&`, `mailbox[1].url: auth must be xoauth2 or oauthbearer, not "cram"`},
		{`587?auth=xoauth2&oauth=m365`, `587?auth=xoauth2&oauth=nope`, `smtp.url: oauth "nope" is not configured`},
		{`smtp://support%40example.com@`, `smtp://`, "smtp.url: auth=xoauth2 needs the mailbox user name"},
		{`provider = "microsoft"`, `provider = "yahoo"`, `oauth.m365.provider: must be microsoft, google or generic, not "yahoo"`},
		{`tenant = "contoso.onmicrosoft.com"`, ``, "oauth.m365.tenant: missing"},
		{`client_secret = "from-file"`, ``, "oauth.m365.client_secret: missing (flow client_credentials)"},
		{`flow = "refresh_token"`, `flow = "implicit"`, "oauth.gmail.flow: must be"},
		{`client_id = "abc.apps.googleusercontent.com"`, ``, "oauth.gmail.client_id: missing"},
		{`provider = "google"`, "provider = \"generic\"", "oauth.gmail.token_url: missing (provider generic)"},
		{`provider = "google"`, "provider = \"google\"\ntoken_url = \"ftp://x\"", "oauth.gmail.token_url: not an http(s) URL"},
		{`flow = "refresh_token"`, "flow = \"service_account\"\nsubject = \"rma@example.com\"", "oauth.gmail.service_account_file: missing"},
		{`token_key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"`, `token_key = "short"`, "token_key: not 32 random bytes"},
		{`token_key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"`, ``, "token_key: missing"},
		{`[oauth.m365]`, "[oauth.m365]\ncolour = 1", "oauth.m365.colour: unknown key"},
	} {
		text := strings.Replace(withOAuth, tc.from, tc.to, 1)
		if text == withOAuth {
			t.Fatalf("case %q does not change the file", tc.from)
		}
		_, err := Parse([]byte(text), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.to, err, tc.want)
		}
	}
}

func TestExampleParses(t *testing.T) {
	c, err := Parse([]byte(Example), []string{"RMAD_TOKEN_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.OAuth) != 0 {
		t.Fatalf("the example's oauth table should be commented out: %+v", c.OAuth)
	}
	// The commented example, uncommented, is a valid configuration.
	var b strings.Builder
	in := false
	for _, l := range strings.Split(Example, "\n") {
		in = in || strings.HasPrefix(l, "# [oauth.")
		if in && strings.HasPrefix(l, "# ") {
			l = strings.TrimPrefix(l, "# ")
		}
		b.WriteString(l + "\n")
	}
	c, err = Parse([]byte(b.String()), []string{"RMAD_TOKEN_KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		"RMAD_OAUTH_M365_CLIENT_SECRET=s"})
	if err != nil {
		t.Fatalf("uncommented oauth example: %v", err)
	}
	if c.OAuth["m365"].Flow != "client_credentials" || c.OAuth["gmail"].Flow != "refresh_token" {
		t.Fatalf("oauth example: %+v", c.OAuth)
	}
}
