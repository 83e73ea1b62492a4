package imaptest

// Dovecot's oauth2 passdb (built into Debian's Dovecot 2.3), for tests of
// XOAUTH2 and OAUTHBEARER logins against a real server.

import (
	"fmt"
	"os"
	"path/filepath"
)

func (d *Dovecot) oauth2Path() string { return filepath.Join(d.dir, "oauth2.conf") }

func (d *Dovecot) oauth2Mechanisms() string {
	if d.oauth2 == "" {
		return ""
	}
	return " xoauth2 oauthbearer"
}

func (d *Dovecot) oauth2Passdb() string {
	if d.oauth2 == "" {
		return ""
	}
	return fmt.Sprintf("passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = %s\n}", d.oauth2Path())
}

// writeOAuth2 writes the passdb's settings: every login is checked against
// the introspection endpoint (force_introspection), POSTing the token, and
// accepted when the answer says active and names the user. (A %u in the URL,
// to tell the endpoint the user, makes Dovecot 2.3.19's auth process panic
// in its HTTP client, in post and get mode alike.)
func (d *Dovecot) writeOAuth2() error {
	if d.oauth2 == "" {
		return nil
	}
	conf := fmt.Sprintf(`introspection_mode = post
introspection_url = %s
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
`, d.oauth2)
	if err := os.WriteFile(d.oauth2Path(), []byte(conf), 0o644); err != nil {
		return fmt.Errorf("imaptest: %w", err)
	}
	return nil
}
