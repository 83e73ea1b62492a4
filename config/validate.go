package config

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// validate fills in defaults and reports the first problem it finds. The
// checks keep a fixed order so that a file with several mistakes always
// reports the same one first.
func (c *Config) validate() error {
	for _, check := range []func() error{
		c.validateDatabase,
		c.validateDesk,
		c.validateLogging,
		c.validateLimits,
		c.validateSecret,
		c.validateTrustLimits,
		c.validateSMTP,
		c.validateMailboxes,
		c.validateOAuth,
		c.validateAgents,
		c.validateStaffAddresses,
		c.validateRetention,
		c.validateHealth,
	} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) validateDatabase() error {
	if c.DatabaseURL == "" {
		return keyErr("database_url", "missing (or set RMAD_DATABASE_URL)")
	}
	u, err := url.Parse(c.DatabaseURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return keyErr("database_url", "must be a postgres:// URL")
	}
	if c.Policy == "" {
		c.Policy = "qct"
	}
	return nil
}

// validateDesk: the desk name is the display name of every mail rmad sends,
// and a control character or a very long name cannot be written as a header.
func (c *Config) validateDesk() error {
	if utf8.RuneCountInString(c.Desk.Name) > maxDeskName {
		return keyErr("desk.name", "longer than %d characters", maxDeskName)
	}
	for _, r := range c.Desk.Name {
		if !unicode.IsPrint(r) || r == utf8.RuneError {
			return keyErr("desk.name", "contains a control or invalid character (%U)", r)
		}
	}
	return nil
}

func (c *Config) validateLogging() error {
	switch c.LogFormat {
	case "":
		c.LogFormat = "text"
	case "text", "json":
	default:
		return keyErr("log_format", "must be text or json, not %q", c.LogFormat)
	}
	switch c.LogLevel {
	case "":
		c.LogLevel = "info"
	case "debug", "info", "warn", "error":
	default:
		return keyErr("log_level", "must be debug, info, warn or error, not %q", c.LogLevel)
	}
	if c.Listen != "" {
		if _, _, err := net.SplitHostPort(c.Listen); err != nil {
			return keyErr("listen", "must be host:port or \"\": %v", err)
		}
	}
	return nil
}

// validateLimits: for these settings zero means the default, so a file
// only names what it changes.
func (c *Config) validateLimits() error {
	if c.MailboxLease.Duration == 0 {
		c.MailboxLease.Duration = DefaultMailboxLease
	}
	if c.MailboxLease.Duration < time.Second {
		return keyErr("mailbox_lease", "must be at least 1s")
	}
	if c.PollInterval.Duration == 0 {
		// Unset: what really bounds a check (PollEvery), so the value shown
		// is the value used.
		c.PollInterval.Duration = min(DefaultPollInterval, c.MailboxLease.Duration/3)
	}
	if c.PollInterval.Duration < time.Second {
		return keyErr("poll_interval", "must be at least 1s")
	}
	if c.Workers == 0 {
		c.Workers = DefaultWorkers
	}
	if c.Workers < 1 || c.Workers > 64 {
		return keyErr("workers", "must be between 1 and 64")
	}
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = DefaultMaxMessageSize
	}
	if c.MaxMessageSize < 64<<10 {
		return keyErr("max_message_size", "must be at least 65536 bytes")
	}
	if c.NoticeAttachmentLimit == 0 {
		c.NoticeAttachmentLimit = DefaultNoticeAttachmentLimit
	}
	if c.NoticeAttachmentLimit < 0 {
		return keyErr("notice_attachment_limit", "must be positive (bytes)")
	}
	if c.AutoReplyLimit == 0 {
		c.AutoReplyLimit = DefaultAutoReplyLimit
	}
	if c.AutoReplyLimit < 0 {
		return keyErr("auto_reply_limit", "must be positive")
	}
	return nil
}

func (c *Config) validateSecret() error {
	if c.Secret != "" && len(c.Secret) < minSecretLen {
		// The secret keys the HMAC of every signed Message-ID, and every
		// customer holds samples of it: a guessable one is found offline and
		// agents' ids forged with it. Unset, rmad generates a strong one.
		return keyErr("secret", "must be at least %d characters of random data (e.g. `openssl rand -hex 32`), or unset to let rmad generate one", minSecretLen)
	}
	return nil
}

func (c *Config) validateTrustLimits() error {
	for _, l := range []struct {
		key string
		v   *int
		def int
	}{{"auto_reply_domain_limit", &c.AutoReplyDomainLimit, DefaultAutoReplyDomainLimit},
		{"auto_reply_desk_limit", &c.AutoReplyDeskLimit, DefaultAutoReplyDeskLimit},
		{"max_units", &c.MaxUnits, DefaultMaxUnits}} {
		if *l.v == 0 {
			*l.v = l.def
		}
		if *l.v < 0 {
			return keyErr(l.key, "must be positive")
		}
	}
	return nil
}

func (c *Config) validateSMTP() error {
	if c.SMTP.URL == "" {
		return keyErr("smtp.url", "missing (or set RMAD_SMTP_URL)")
	}
	if c.SMTP.Timeout.Duration == 0 {
		c.SMTP.Timeout.Duration = time.Minute
	}
	if c.SMTP.Timeout.Duration < time.Second {
		return keyErr("smtp.timeout", "must be at least 1s")
	}
	s, err := ParseSMTPURL(c.SMTP.URL)
	if err != nil {
		return keyErr("smtp.url", "%v", err)
	}
	c.SMTPParsed = s
	return nil
}

func (c *Config) validateMailboxes() error {
	if len(c.Mailbox) == 0 {
		return keyErr("mailbox", "at least one [[mailbox]] is needed")
	}
	// Names and addresses must be unique across mailboxes: a name keys the
	// RMAD_MAILBOX_<NAME>_* overrides and the desk finds a mailbox by its
	// address.
	names := map[string]bool{}
	addrs := map[string]bool{}
	for i := range c.Mailbox {
		if err := c.Mailbox[i].validate(fmt.Sprintf("mailbox[%d]", i), names, addrs); err != nil {
			return err
		}
	}
	return nil
}

// validate checks one mailbox, k being its key ("mailbox[0]"), and records
// its name and address in the sets the next mailboxes are checked against.
func (mb *Mailbox) validate(k string, names, addrs map[string]bool) error {
	if mb.Name == "" {
		return keyErr(k+".name", "missing")
	}
	// Names that differ only in case or in '.' versus '-' versus '_' would
	// share their RMAD_MAILBOX_<NAME>_* variables.
	if names[envName(mb.Name)] {
		return keyErr(k+".name", "duplicate mailbox name %q (names are compared as in RMAD_MAILBOX_%s_URL)", mb.Name, envName(mb.Name))
	}
	names[envName(mb.Name)] = true
	if mb.Role != "support" && mb.Role != "rma" {
		return keyErr(k+".role", "must be support or rma, not %q", mb.Role)
	}
	a, err := mail.ParseAddress(mb.Address)
	if err != nil || a.Name != "" {
		return keyErr(k+".address", "not a bare e-mail address: %q", mb.Address)
	}
	mb.Address = strings.ToLower(a.Address)
	if addrs[mb.Address] {
		return keyErr(k+".address", "duplicate address %q", mb.Address)
	}
	addrs[mb.Address] = true
	if mb.URL == "" {
		return keyErr(k+".url", "missing (or set RMAD_MAILBOX_%s_URL)", envName(mb.Name))
	}
	im, err := ParseIMAPURL(mb.URL)
	if err != nil {
		return keyErr(k+".url", "%v", err)
	}
	mb.IMAP = im
	switch {
	case mb.After == "":
		mb.After = "seen"
	case mb.After == "seen", mb.After == "delete":
	case strings.HasPrefix(mb.After, "move:") && len(mb.After) > len("move:"):
	default:
		return keyErr(k+".after", "must be seen, move:FOLDER or delete, not %q", mb.After)
	}
	return nil
}

// validateAgents normalizes people.agents to lower case; an entry is an
// address or a whole @domain.
func (c *Config) validateAgents() error {
	for i, a := range c.People.Agents {
		k := fmt.Sprintf("people.agents[%d]", i)
		a = strings.ToLower(strings.TrimSpace(a))
		if strings.HasPrefix(a, "@") {
			if len(a) < 3 || strings.ContainsAny(a[1:], "@ ") {
				return keyErr(k, "not @domain: %q", a)
			}
		} else if p, err := mail.ParseAddress(a); err != nil || p.Name != "" {
			return keyErr(k, "not an address or @domain: %q", a)
		}
		c.People.Agents[i] = a
	}
	return nil
}

// validateStaffAddresses reduces people.notify and people.finance to a bare
// lower-case address (a display name is accepted and dropped).
func (c *Config) validateStaffAddresses() error {
	// In file order, so that the first bad key reported is the same every run.
	for _, kv := range []struct {
		key string
		v   *string
	}{{"people.notify", &c.People.Notify}, {"people.finance", &c.People.Finance}} {
		key, v := kv.key, kv.v
		if *v == "" {
			continue
		}
		p, err := mail.ParseAddress(*v)
		if err != nil {
			return keyErr(key, "not an e-mail address: %q", *v)
		}
		*v = strings.ToLower(p.Address)
	}
	return nil
}
