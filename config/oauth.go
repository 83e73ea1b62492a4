package config

// OAuth2 providers ([oauth.NAME]) and the key that encrypts their stored
// tokens (token_key). A mailbox or SMTP URL names a provider with
// ?auth=xoauth2&oauth=NAME.

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"reflect"
	"slices"
	"strings"
)

// OAuth is one [oauth.NAME] table: where and how rmad gets access tokens.
type OAuth struct {
	// Provider is microsoft, google or generic; it fills in token_url,
	// device_auth_url and scopes.
	Provider string `toml:"provider"`
	// Flow is client_credentials (app-only, Microsoft 365 shared
	// mailboxes), refresh_token (delegated; `rmad oauth login NAME` stores
	// the first one) or service_account (Google domain-wide delegation).
	Flow               string   `toml:"flow"`
	Tenant             string   `toml:"tenant"` // microsoft: the directory (tenant) id or domain
	ClientID           string   `toml:"client_id"`
	ClientSecret       string   `toml:"client_secret"`
	Scopes             []string `toml:"scopes"`
	TokenURL           string   `toml:"token_url"`
	DeviceAuthURL      string   `toml:"device_auth_url"`
	ServiceAccountFile string   `toml:"service_account_file"` // service_account: the key file Google made
	Subject            string   `toml:"subject"`              // service_account: the user to act as
}

// Auth mechanisms a mailbox or SMTP URL may ask for with auth=.
const (
	AuthXOAuth2     = "xoauth2"
	AuthOAuthBearer = "oauthbearer"
)

// TokenKeyLen is the size of token_key: an AES-256 key.
const TokenKeyLen = 32

// providerDefaults fills in what a known provider's endpoints are.
func (o *OAuth) providerDefaults() error {
	switch o.Provider {
	case "microsoft":
		if o.Tenant == "" {
			return fmt.Errorf("tenant: missing (the directory id or domain, e.g. contoso.onmicrosoft.com)")
		}
		base := "https://login.microsoftonline.com/" + url.PathEscape(o.Tenant) + "/oauth2/v2.0/"
		o.TokenURL = cmpOr(o.TokenURL, base+"token")
		o.DeviceAuthURL = cmpOr(o.DeviceAuthURL, base+"devicecode")
		if len(o.Scopes) == 0 {
			o.Scopes = []string{"https://outlook.office365.com/.default"}
			if o.Flow == "refresh_token" {
				o.Scopes = []string{"https://outlook.office365.com/IMAP.AccessAsUser.All",
					"https://outlook.office365.com/SMTP.Send", "offline_access"}
			}
		}
	case "google":
		o.TokenURL = cmpOr(o.TokenURL, "https://oauth2.googleapis.com/token")
		o.DeviceAuthURL = cmpOr(o.DeviceAuthURL, "https://oauth2.googleapis.com/device/code")
		if len(o.Scopes) == 0 {
			o.Scopes = []string{"https://mail.google.com/"}
		}
	case "generic":
		if o.TokenURL == "" {
			return fmt.Errorf("token_url: missing (provider generic)")
		}
	default:
		return fmt.Errorf("provider: must be microsoft, google or generic, not %q", o.Provider)
	}
	return nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// validate checks one provider; the error's text starts with the key below
// [oauth.NAME] it is about.
func (o *OAuth) validate() error {
	if err := o.providerDefaults(); err != nil {
		return err
	}
	for _, u := range []struct{ key, v string }{{"token_url", o.TokenURL}, {"device_auth_url", o.DeviceAuthURL}} {
		if u.v == "" {
			continue
		}
		p, err := url.Parse(u.v)
		if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			return fmt.Errorf("%s: not an http(s) URL: %q", u.key, u.v)
		}
		// The client secret and the refresh token travel in the request's
		// form: over http anyone on the path reads them. Only a local
		// issuer (a test harness, a sidecar) may be plain http.
		if p.Scheme == "http" && !loopback(p.Hostname()) {
			return fmt.Errorf("%s: http:// would send the client secret and tokens in clear; use https (http only to a loopback address): %q", u.key, u.v)
		}
	}
	switch o.Flow {
	case "client_credentials":
		if o.ClientSecret == "" {
			return fmt.Errorf("client_secret: missing (flow client_credentials)")
		}
	case "refresh_token":
	case "service_account":
		if o.ServiceAccountFile == "" {
			return fmt.Errorf("service_account_file: missing (flow service_account)")
		}
		if o.Subject == "" {
			return fmt.Errorf("subject: missing (flow service_account: the mailbox user to act as)")
		}
		return nil
	case "":
		return fmt.Errorf("flow: missing (client_credentials, refresh_token or service_account)")
	default:
		return fmt.Errorf("flow: must be client_credentials, refresh_token or service_account, not %q", o.Flow)
	}
	if o.ClientID == "" {
		return fmt.Errorf("client_id: missing")
	}
	return nil
}

// validateOAuth checks every [oauth.NAME] in name order, token_key, and that
// every auth= of a URL names a configured provider.
func (c *Config) validateOAuth() error {
	names := make([]string, 0, len(c.OAuth))
	for name := range c.OAuth {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		o := c.OAuth[name]
		if err := o.validate(); err != nil {
			k, reason, _ := strings.Cut(err.Error(), ": ")
			return keyErr("oauth."+name+"."+k, "%s", reason)
		}
		c.OAuth[name] = o
	}
	if len(c.OAuth) > 0 {
		key, err := ParseTokenKey(c.TokenKey)
		if err != nil {
			return keyErr("token_key", "%v", err)
		}
		c.TokenKeyBytes = key
	}
	for i, mb := range c.Mailbox {
		if err := c.checkAuth(mb.IMAP.Auth, mb.IMAP.OAuth); err != nil {
			return keyErr(fmt.Sprintf("mailbox[%d].url", i), "%v", err)
		}
	}
	if err := c.checkAuth(c.SMTPParsed.Auth, c.SMTPParsed.OAuth); err != nil {
		return keyErr("smtp.url", "%v", err)
	}
	return nil
}

func (c *Config) checkAuth(auth, provider string) error {
	if auth == "" {
		return nil
	}
	if _, ok := c.OAuth[provider]; !ok {
		return fmt.Errorf("oauth %q is not configured (add an [oauth.%s] table)", provider, provider)
	}
	return nil
}

// ParseTokenKey reads token_key: 32 bytes as 64 hex digits or as base64.
func ParseTokenKey(s string) ([]byte, error) {
	const how = "32 random bytes as hex or base64 (`openssl rand -hex 32`), or set RMAD_TOKEN_KEY"
	if s == "" {
		return nil, fmt.Errorf("missing: the [oauth] tokens are stored encrypted with it; %s", how)
	}
	if b, err := hex.DecodeString(s); err == nil && len(b) == TokenKeyLen {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == TokenKeyLen {
			return b, nil
		}
	}
	return nil, fmt.Errorf("not %s", how)
}

// parseAuth reads the auth= and oauth= parameters a mailbox or SMTP URL shares.
func parseAuth(q url.Values) (auth, provider string, err error) {
	auth, provider = strings.ToLower(q.Get("auth")), q.Get("oauth")
	switch auth {
	case "", "password":
		if provider != "" {
			return "", "", fmt.Errorf("oauth=%s needs auth=xoauth2 or auth=oauthbearer", provider)
		}
		return "", "", nil
	case AuthXOAuth2, AuthOAuthBearer:
		if provider == "" {
			return "", "", fmt.Errorf("auth=%s needs oauth=NAME, the [oauth.NAME] provider", auth)
		}
		return auth, provider, nil
	default:
		return "", "", fmt.Errorf("auth must be xoauth2 or oauthbearer, not %q", auth)
	}
}

// applyOAuthEnv applies RMAD_OAUTH_<NAME>_<KEY> to each provider.
func (c *Config) applyOAuthEnv(vars map[string]string) error {
	for name, o := range c.OAuth {
		prefix := "RMAD_OAUTH_" + envName(name) + "_"
		if err := overrideStruct(reflect.ValueOf(&o).Elem(), prefix, "oauth."+name+".", vars); err != nil {
			return err
		}
		c.OAuth[name] = o
	}
	return nil
}
