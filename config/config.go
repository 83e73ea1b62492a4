package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

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
	// NoticeAttachmentLimit bounds, in bytes, the customer's files one
	// agent notice carries; larger ones are listed with how to fetch them.
	NoticeAttachmentLimit int64 `toml:"notice_attachment_limit"`
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
	// Retention: how long raw mail and closed tickets are kept (off by default).
	Retention Retention `toml:"retention"`
	// Health: the thresholds of /healthz and the database deadline.
	Health Health `toml:"health"`
	// OAuth are the OAuth2 providers mailbox and SMTP URLs name with
	// ?auth=xoauth2&oauth=NAME; TokenKey encrypts their stored tokens.
	OAuth    map[string]OAuth `toml:"oauth"`
	TokenKey string           `toml:"token_key"`

	SMTPParsed    SMTPURL `toml:"-"`
	TokenKeyBytes []byte  `toml:"-"`
	// fromEnv are the RMAD_* variables applied, so an error about a key
	// they set can name the variable.
	fromEnv []string
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
	// NotifyOwned: the customer's replies on a ticket an agent has taken
	// go to notify as well as to its owner (default: the owner only).
	NotifyOwned bool `toml:"notify_owned"`
}

// IMAPURL is a parsed imap:// or imaps:// URL.
type IMAPURL struct {
	Addr, TLS, Username, Password, Folder string
	// Auth is "" (LOGIN with the password), xoauth2 or oauthbearer; OAuth
	// names the [oauth.NAME] provider of the tokens.
	Auth, OAuth string
}

// SMTPURL is a parsed smtp:// or smtps:// URL.
type SMTPURL struct {
	Host               string
	Port               int
	TLS                string
	Username, Password string
	Auth, OAuth        string // as in IMAPURL
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
	// DefaultNoticeAttachmentLimit is what most company mail servers take
	// whole, even after base64 grows it by a third.
	DefaultNoticeAttachmentLimit = 10 << 20
	DefaultAutoReplyLimit        = 5
	DefaultMailboxLease          = 30 * time.Second
	DefaultWorkers               = 4
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

// ParseIMAPURL reads imap://user:pass@host:port/FOLDER?tls=none|starttls|tls,
// or with OAuth2 imap://user@host/FOLDER?auth=xoauth2|oauthbearer&oauth=NAME.
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
	r.Auth, r.OAuth, err = parseAuth(u.Query())
	return r, err
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
	if r.Auth, r.OAuth, err = parseAuth(u.Query()); err != nil {
		return r, err
	}
	if r.Auth != "" && r.Username == "" {
		return r, fmt.Errorf("auth=%s needs the mailbox user name: smtp://USER@host", r.Auth)
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
