package config

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// URLs: user info and secret query parameters.
		{"postgres://rmad:S3cret@db.example:5432/rmad", "postgres://rmad:xxxxx@db.example:5432/rmad"},
		{"postgres://rmad@db.example/rmad?password=S3cret", "postgres://rmad@db.example/rmad?password=xxxxx"},
		{"postgresql://rmad@db/rmad?sslmode=verify-full&sslpassword=S3cret&application_name=rmad",
			"postgresql://rmad@db/rmad?sslmode=verify-full&sslpassword=xxxxx&application_name=rmad"},
		{"postgres://db/rmad?PassWord=S3cret&user=rmad", "postgres://db/rmad?PassWord=xxxxx&user=rmad"},
		{"postgres://db/rmad?pass%77ord=S3cret", "postgres://db/rmad?pass%77ord=xxxxx"},
		{"postgres://u:S3cret@h1:5432,h2:5433/rmad?target_session_attrs=read-write", "postgres://u:xxxxx@h1:5432,h2:5433/rmad?target_session_attrs=read-write"},
		{"imaps://support%40example.com:S3cret@imap.example.com/INBOX", "imaps://support%40example.com:xxxxx@imap.example.com/INBOX"},
		{"imap://u:S3@cr:et@imap.example.com:143/INBOX?tls=none", "imap://u:xxxxx@imap.example.com:143/INBOX?tls=none"},
		{"smtp://u:S3cret@mail.example.com:587?tls=starttls", "smtp://u:xxxxx@mail.example.com:587?tls=starttls"},
		{"smtp://mail.example.com?token=S3cret#frag", "smtp://mail.example.com?token=xxxxx#frag"},
		// An unencoded '/' in the password: net/url would read a port; mask
		// up to the '@' rather than leak the rest.
		{"smtp://u:S3/cret@mail.example.com", "smtp://u:xxxxx@mail.example.com"},
		// Nothing secret: unchanged.
		{"postgres://rmad@127.0.0.1:5432/rmad", "postgres://rmad@127.0.0.1:5432/rmad"},
		{"imap://[::1]:143/INBOX", "imap://[::1]:143/INBOX"},
		{"127.0.0.1:5432", "127.0.0.1:5432"},
		{"", ""},
		// libpq key=value DSNs, quoted and escaped values included.
		{"host=db user=rmad password=S3cret dbname=rmad", "host=db user=rmad password=xxxxx dbname=rmad"},
		{"host=db password = 'S3 cr\\'et' dbname=rmad", "host=db password = xxxxx dbname=rmad"},
		{"host=db sslpassword=S3cret\\ x sslmode=require", "host=db sslpassword=xxxxx sslmode=require"},
		{"host=db password='S3cret", "host=db password=xxxxx"},
		// Environment listings.
		{"RMAD_SECRET=S3cret RMAD_LISTEN=:8025", "RMAD_SECRET=xxxxx RMAD_LISTEN=:8025"},
		{"RMAD_SMTP_URL=smtp://u:S3cret@h", "RMAD_SMTP_URL=smtp://u:xxxxx@h"},
		// Free text around them, as drivers and net/url print it.
		{`parse "postgres://u:S3cret@[::1/x": missing ']' in host`, `parse "postgres://u:xxxxx@[::1/x": missing ']' in host`},
		{"cannot parse `host=db password=S3cret`: invalid port", "cannot parse `host=db password=xxxxx`: invalid port"},
		{"database postgres://a:S3cret@h/x and imap://b:S3cret@i/INBOX failed",
			"database postgres://a:xxxxx@h/x and imap://b:xxxxx@i/INBOX failed"},
		{"failed to connect to `user=rmad database=rmad`: dial error", "failed to connect to `user=rmad database=rmad`: dial error"},
	} {
		if got := Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestConfigErrorsNeverShowPasswords(t *testing.T) {
	base := strings.Replace(minimal, "s3cret", "S3cret", 1)
	for name, tc := range map[string]struct {
		text string
		env  []string
		key  string
	}{
		"smtp url with a '/' in the password": {text: base, env: []string{"RMAD_SMTP_URL=smtp://u:S3cret/x@mail.example.com"}, key: "smtp.url"},
		"imap url with a bad port":            {text: base, env: []string{"RMAD_MAILBOX_SUPPORT_URL=imap://u:S3cret@h:99x/INBOX"}, key: "mailbox[0].url"},
		"imap url with a bad escape":          {text: base, env: []string{"RMAD_MAILBOX_SUPPORT_URL=imap://u:S3cret%zz@h/INBOX"}, key: "mailbox[0].url"},
		"database url of another scheme":      {text: base, env: []string{"RMAD_DATABASE_URL=mysql://u:S3cret@h/x"}, key: "database_url"},
		"database url as a libpq DSN":         {text: base, env: []string{"RMAD_DATABASE_URL=host=h password=S3cret"}, key: "database_url"},
		"unterminated TOML string": {text: strings.Replace(base, `"postgres://rmad@127.0.0.1:5432/rmad"`,
			`"postgres://rmad:S3cret@127.0.0.1:5432/rmad`, 1), key: "line 1"},
		"TOML value of the wrong type": {text: "workers = \"postgres://u:S3cret@h/x\"\n" + base, key: "workers"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.text), tc.env)
			if err == nil {
				t.Fatal("config accepted")
			}
			if strings.Contains(err.Error(), "S3cret") || !strings.Contains(err.Error(), tc.key) {
				t.Fatalf("error %q: want the key %q and no password", err, tc.key)
			}
		})
	}
}

func TestDeskName(t *testing.T) {
	for name, ok := range map[string]bool{
		"Acme Support":                     true,
		"Ätherwerk Kundendienst":           true,
		"Acme\x01Support":                  false,
		"Acme\nBcc: victim@example.org":    false,
		"Acme\u0085Support":                false,
		"bad \xff UTF-8":                   false,
		strings.Repeat("ü", maxDeskName):   true,
		strings.Repeat("x", maxDeskName+1): false,
	} {
		// The environment, as TOML itself must be valid UTF-8.
		_, err := Parse([]byte(minimal), []string{"RMAD_DESK_NAME=" + name})
		if (err == nil) != ok || err != nil && !strings.Contains(err.Error(), "desk.name") {
			t.Errorf("desk.name %.20q: err %v, want ok=%v", name, err, ok)
		}
	}
}
