package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Error is a configuration error naming the key it is about.
type Error struct {
	Key    string
	Reason string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return "config: " + e.Reason
	}
	return "config: " + e.Key + ": " + e.Reason
}

func keyErr(key, format string, a ...any) error {
	return &Error{Key: key, Reason: fmt.Sprintf(format, a...)}
}

// Duration is a TOML string such as "30s" or "5m".
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration (e.g. \"30s\"): %q", b)
	}
	d.Duration = v
	return nil
}

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Config is the whole file.
type Config struct {
	DatabaseURL  string   `toml:"database_url"`
	Policy       string   `toml:"policy"`
	Listen       string   `toml:"listen"`
	LogFormat    string   `toml:"log_format"`
	LogLevel     string   `toml:"log_level"`
	PollInterval Duration `toml:"poll_interval"`
	// Workers is how many messages of one mailbox are processed at once (one
	// sender's messages always in order); default 4.
	Workers int `toml:"workers"`
	// MailboxLease: with several rmad processes, one watches each mailbox;
	// another takes over this long after the holder stops renewing.
	MailboxLease Duration `toml:"mailbox_lease"`
	// MaxMessageSize in bytes: larger mail is ticketed without its attachments.
	MaxMessageSize int64 `toml:"max_message_size"`
	// AutoReplyLimit is the most automatic answers one sender gets per hour.
	AutoReplyLimit int `toml:"auto_reply_limit"`
	// AutoReplyDomainLimit is the most automatic answers one recipient
	// domain gets per hour (freemail domains excepted), against backscatter.
	AutoReplyDomainLimit int `toml:"auto_reply_domain_limit"`
	// AutoReplyDeskLimit is the most automatic answers the desk sends per hour.
	AutoReplyDeskLimit int `toml:"auto_reply_desk_limit"`
	// MaxUnits is the most units of one request the desk acts on by itself.
	MaxUnits int `toml:"max_units"`
	// Secret keys the HMAC in rmad's Message-IDs; when empty a random one is
	// kept in the database.
	Secret string `toml:"secret"`
	// Templates is a directory of *.tmpl files that replace the built-in mail texts.
	Templates string    `toml:"templates"`
	Desk      Desk      `toml:"desk"`
	SMTP      SMTP      `toml:"smtp"`
	Mailbox   []Mailbox `toml:"mailbox"`
	People    People    `toml:"people"`
	// Jobs overrides a scheduled job's cron schedule (in the policy's time
	// zone) by name; "off" disables it.
	Jobs map[string]string `toml:"jobs"`

	SMTPParsed SMTPURL `toml:"-"`
}

// Desk is how rmad presents itself in the mail it sends.
type Desk struct {
	Name string `toml:"name"` // display name on outgoing mail, e.g. "Acme Support"
}

// SMTP is the outgoing mail server.
type SMTP struct {
	URL string `toml:"url"`
	// Timeout bounds one SMTP session; a mail claimed by a sender that died
	// is claimed again after twice this.
	Timeout Duration `toml:"timeout"`
}

// Mailbox is one watched IMAP folder.
type Mailbox struct {
	Name    string `toml:"name"`
	Role    string `toml:"role"`
	Address string `toml:"address"`
	URL     string `toml:"url"`
	After   string `toml:"after"`

	IMAP IMAPURL `toml:"-"`
}

// People are the desk's staff addresses.
type People struct {
	Agents            []string `toml:"agents"`
	Notify            string   `toml:"notify"`
	Finance           string   `toml:"finance"`
	TrustedAuthservID string   `toml:"trusted_authserv_id"`
}

// IMAPURL is a parsed imap:// or imaps:// URL.
type IMAPURL struct {
	Addr, TLS, Username, Password, Folder string
}

// SMTPURL is a parsed smtp:// or smtps:// URL.
type SMTPURL struct {
	Host               string
	Port               int
	TLS                string
	Username, Password string
}

// minSecretLen is the shortest desk secret accepted: 32 characters of hex
// are 128 bits.
const minSecretLen = 32

// maxDeskName bounds desk.name: a display name, not a description.
const maxDeskName = 100

// Defaults.
const (
	DefaultPollInterval   = 30 * time.Second
	DefaultMaxMessageSize = 25 << 20
	DefaultAutoReplyLimit = 5
	DefaultMailboxLease   = 30 * time.Second
	DefaultWorkers        = 4
	// The trust limits' defaults: a busy desk answers a few hundred new
	// requests an hour; one company rarely sends more than a handful.
	DefaultAutoReplyDomainLimit = 30
	DefaultAutoReplyDeskLimit   = 600
	DefaultMaxUnits             = 25
)

// Load reads file, applies RMAD_* overrides from env and validates.
func Load(file string, env []string) (*Config, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, &Error{Reason: err.Error()}
	}
	return Parse(b, env)
}

// Parse decodes TOML text, applies overrides from env (a list of KEY=VALUE)
// and validates.
func Parse(text []byte, env []string) (*Config, error) {
	var c Config
	md, err := toml.Decode(string(text), &c)
	if err != nil {
		// The TOML decoder may quote the offending value, which can be a
		// connection string.
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Reason: fmt.Sprintf("line %d: %s", pe.Position.Line, Redact(pe.Message))}
		}
		return nil, &Error{Reason: Redact(err.Error())}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, keyErr(und[0].String(), "unknown key")
	}
	if err := c.applyEnv(env); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// applyEnv sets every RMAD_<KEY> present in env. Mailbox keys are addressed by
// name: RMAD_MAILBOX_SUPPORT_URL.
func (c *Config) applyEnv(env []string) error {
	vars := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "RMAD_") {
			vars[k] = v
		}
	}
	if len(vars) == 0 {
		return nil
	}
	if err := overrideStruct(reflect.ValueOf(c).Elem(), "RMAD_", "", vars); err != nil {
		return err
	}
	for i := range c.Mailbox {
		prefix := "RMAD_MAILBOX_" + envName(c.Mailbox[i].Name) + "_"
		if err := overrideStruct(reflect.ValueOf(&c.Mailbox[i]).Elem(), prefix, fmt.Sprintf("mailbox[%d].", i), vars); err != nil {
			return err
		}
	}
	return nil
}

func envName(s string) string {
	return strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(s))
}

func overrideStruct(v reflect.Value, prefix, keyPrefix string, vars map[string]string) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		fv := v.Field(i)
		name := prefix + envName(tag)
		key := keyPrefix + tag
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Duration{}) {
			if err := overrideStruct(fv, name+"_", key+".", vars); err != nil {
				return err
			}
			continue
		}
		val, ok := vars[name]
		if !ok {
			continue
		}
		switch {
		case f.Type == reflect.TypeOf(Duration{}):
			var d Duration
			if err := d.UnmarshalText([]byte(val)); err != nil {
				return keyErr(key, "%s: %v", name, err)
			}
			fv.Set(reflect.ValueOf(d))
		case f.Type.Kind() == reflect.String:
			fv.SetString(val)
		case f.Type.Kind() == reflect.Int || f.Type.Kind() == reflect.Int64:
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return keyErr(key, "%s: not an integer: %q", name, val)
			}
			fv.SetInt(n)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			var parts []string
			for _, p := range strings.Split(val, ",") {
				if p = strings.TrimSpace(p); p != "" {
					parts = append(parts, p)
				}
			}
			fv.Set(reflect.ValueOf(parts))
		}
	}
	return nil
}

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
		c.validateAgents,
		c.validateStaffAddresses,
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
	if c.PollInterval.Duration == 0 {
		c.PollInterval.Duration = DefaultPollInterval
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
	if c.MailboxLease.Duration == 0 {
		c.MailboxLease.Duration = DefaultMailboxLease
	}
	if c.MailboxLease.Duration < time.Second {
		return keyErr("mailbox_lease", "must be at least 1s")
	}
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = DefaultMaxMessageSize
	}
	if c.MaxMessageSize < 64<<10 {
		return keyErr("max_message_size", "must be at least 65536 bytes")
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
	if names[mb.Name] {
		return keyErr(k+".name", "duplicate mailbox name %q", mb.Name)
	}
	names[mb.Name] = true
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

// parseMailURL reads the part imap:// and smtp:// URLs share: scheme (plain
// means STARTTLS, secure means implicit TLS), an optional tls= override, a host.
func parseMailURL(raw, plain, secure string) (*url.URL, string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, "", fmt.Errorf("not a URL: %s (percent-encode / ? # @ : in a user name or password)", urlReason(err))
	}
	var mode string
	switch u.Scheme {
	case plain:
		mode = "starttls"
	case secure:
		mode = "tls"
	default:
		return nil, "", fmt.Errorf("scheme must be %s or %s, not %q", plain, secure, u.Scheme)
	}
	if t := u.Query().Get("tls"); t != "" {
		if t != "none" && t != "starttls" && t != "tls" {
			return nil, "", fmt.Errorf("tls must be none, starttls or tls, not %q", t)
		}
		mode = t
	}
	if u.Hostname() == "" {
		return nil, "", errors.New("missing host")
	}
	return u, mode, nil
}

// ParseIMAPURL reads imap://user:pass@host:port/FOLDER?tls=none|starttls|tls.
// imaps:// means tls; imap:// defaults to starttls (port 143) unless tls= says otherwise.
func ParseIMAPURL(raw string) (IMAPURL, error) {
	u, mode, err := parseMailURL(raw, "imap", "imaps")
	if err != nil {
		return IMAPURL{}, err
	}
	r := IMAPURL{TLS: mode}
	port := u.Port()
	if port == "" {
		port = "143"
		if r.TLS == "tls" {
			port = "993"
		}
	}
	r.Addr = net.JoinHostPort(u.Hostname(), port)
	if u.User == nil || u.User.Username() == "" {
		return r, errors.New("missing user name")
	}
	r.Username = u.User.Username()
	r.Password, _ = u.User.Password()
	r.Folder = strings.TrimPrefix(u.Path, "/")
	if r.Folder == "" {
		r.Folder = "INBOX"
	}
	return r, nil
}

// ParseSMTPURL reads smtp://user:pass@host:port?tls=none|starttls|tls.
// smtps:// means tls (port 465); smtp:// defaults to starttls on port 587.
func ParseSMTPURL(raw string) (SMTPURL, error) {
	u, mode, err := parseMailURL(raw, "smtp", "smtps")
	if err != nil {
		return SMTPURL{}, err
	}
	r := SMTPURL{TLS: mode, Host: u.Hostname()}
	r.Port = 587
	if r.TLS == "tls" {
		r.Port = 465
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return r, fmt.Errorf("bad port %q", p)
		}
		r.Port = n
	}
	if u.User != nil {
		r.Username = u.User.Username()
		r.Password, _ = u.User.Password()
	}
	return r, nil
}

// quoted matches the %q-quoted parts of net/url's errors.
var quoted = regexp.MustCompile(`\s*"(?:[^"\\]|\\.)*"`)

// urlReason keeps passwords out of URL parse errors. url.Error quotes the
// whole URL, and its reason quotes a piece of it: a password with an
// unencoded '/' reads as a port (`invalid port ":S3cret/x" after host`).
// Both are left out; the reason is still clear without them.
func urlReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return quoted.ReplaceAllString(err.Error(), "")
}

// NotifyAddresses is where new-ticket notices go.
func (p People) NotifyAddresses() []string {
	if p.Notify != "" {
		return []string{p.Notify}
	}
	var out []string
	for _, a := range p.Agents {
		if !strings.HasPrefix(a, "@") {
			out = append(out, a)
		}
	}
	return out
}
