package config

import (
	"strings"
	"testing"
)

// Attacks on the configuration from the environment: variables that name
// nothing in the file, values with separators and line breaks, secrets
// echoed in errors.

// A variable for a mailbox or an OAuth provider the file does not have
// must not be dropped silently (an operator who thinks the secret or the
// URL is overridden is wrong), nor create one.
func TestAttackEnvForTablesNotInTheFile(t *testing.T) {
	for _, tc := range []struct{ text, env, want string }{
		{minimal, "RMAD_MAILBOX_GHOST_URL=imaps://a:b@evil.example/INBOX", "config: RMAD_MAILBOX_GHOST_URL: unknown variable"},
		{withOAuth, "RMAD_OAUTH_GHOST_CLIENT_SECRET=x", "config: RMAD_OAUTH_GHOST_CLIENT_SECRET: unknown variable"},
		{withOAuth, "RMAD_OAUTH_M365_SECRET=x", "config: RMAD_OAUTH_M365_SECRET: unknown variable"},
		// The right name in the wrong case is not a different key nobody reads.
		{minimal, "RMAD_smtp_url=smtp://evil.example", "config: RMAD_smtp_url: unknown variable"},
		{minimal, "rmad_smtp_url=smtp://evil.example", "config: rmad_smtp_url: "},
		{minimal, "Rmad_Secret=x", "config: Rmad_Secret: "},
	} {
		cfg, err := Parse([]byte(tc.text), []string{tc.env})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q...", tc.env, err, tc.want)
			continue
		}
		if cfg != nil && len(cfg.Mailbox) != 1 && tc.text == minimal {
			t.Errorf("%s: created a mailbox", tc.env)
		}
	}
}

// Errors about a variable name the variable, never echo its value: the
// value of RMAD_SECRET or RMAD_TOKEN_KEY is a secret, and `rmad serve`
// errors end up in the journal.
func TestAttackEnvErrorsDoNotEchoSecrets(t *testing.T) {
	const secret = "hunter2-do-not-print-0123456789abcdef"
	for _, env := range [][]string{
		{"RMAD_SECRT=" + secret},
		{"RMAD_TOKEN_KEY=" + secret},
		{"RMAD_OAUTH_M365_CLIENT_SECRT=" + secret},
	} {
		_, err := Parse([]byte(withOAuth), env)
		if err == nil {
			t.Errorf("%v: accepted", env)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%v: the error echoes the value: %v", env, err)
		}
	}
}

// A list or an address from the environment that carries a line break or
// a header must be refused, not put into a To: line; a display name with
// a comma is not two agents.
func TestAttackEnvValuesWithSeparators(t *testing.T) {
	for _, env := range []string{
		"RMAD_PEOPLE_NOTIFY=ops@example.com\r\nBcc: thief@evil.example",
		"RMAD_PEOPLE_NOTIFY=ops@example.com\nBcc: thief@evil.example",
		"RMAD_PEOPLE_FINANCE=finance@example.com\r\nBcc: thief@evil.example",
		"RMAD_PEOPLE_AGENTS=dana@example.com\r\nBcc: thief@evil.example",
		`RMAD_PEOPLE_AGENTS="Doe, Jane" <jane@example.com>`,
	} {
		cfg, err := Parse([]byte(minimal), []string{env})
		if err != nil {
			continue // refused: fine
		}
		for _, a := range append([]string{cfg.People.Notify, cfg.People.Finance}, cfg.People.Agents...) {
			if strings.ContainsAny(a, "\r\n\",<> ") || strings.Contains(a, "evil") {
				t.Errorf("%q: accepted as %q", env, a)
			}
		}
	}
}

// A token URL over plain http to another host sends the client secret and
// the refresh tokens in clear (a provider's default overridden by an
// environment variable, or a typo): refused, naming the key. A loopback
// issuer (tests, a local sidecar) stays allowed.
func TestAttackOAuthTokenURLInClear(t *testing.T) {
	for _, tc := range []struct{ env, want string }{
		{"RMAD_OAUTH_M365_TOKEN_URL=http://login.microsoftonline.com/x/oauth2/v2.0/token", "config: oauth.m365.token_url: http:// would send the client secret"},
		{"RMAD_OAUTH_GMAIL_DEVICE_AUTH_URL=http://oauth2.googleapis.com/device/code", "config: oauth.gmail.device_auth_url: http:// would send"},
		{"RMAD_OAUTH_M365_TOKEN_URL=http://127.0.0.1:8080/token", ""},
		{"RMAD_OAUTH_M365_TOKEN_URL=http://[::1]:8080/token", ""},
		{"RMAD_OAUTH_M365_TOKEN_URL=http://localhost/token", ""},
	} {
		_, err := Parse([]byte(withOAuth), []string{tc.env})
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)) {
			t.Errorf("%s: err = %v, want %q", tc.env, err, tc.want)
		}
	}
}
