package oauth

// The three ways to get an access token from an issuer, each a thin layer
// over golang.org/x/oauth2.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/oauth2/jwt"

	"rmad/config"
)

// flow fetches a new token; refresh is the stored refresh token (flows
// without one ignore it).
type flow interface {
	fetch(ctx context.Context, refresh string) (*oauth2.Token, error)
	// credential is what a revocation is bound to, given the stored refresh
	// token: a revoked grant is not tried again until it changes.
	credential(refresh string) string
	// needsRefreshToken: the flow cannot start without `rmad oauth login`.
	needsRefreshToken() bool
}

func newFlow(p config.OAuth) (flow, error) {
	switch p.Flow {
	case "client_credentials":
		return clientCredentials{cfg: clientcredentials.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret,
			TokenURL: p.TokenURL, Scopes: p.Scopes, AuthStyle: authStyle}}, nil
	case "refresh_token":
		return refreshFlow{cfg: deviceConfig(p)}, nil
	case "service_account":
		return newServiceAccount(p)
	default:
		return nil, fmt.Errorf("oauth: unknown flow %q", p.Flow)
	}
}

// deviceConfig is the delegated client: refresh tokens and the device code.
func deviceConfig(p config.OAuth) *oauth2.Config {
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Scopes: p.Scopes,
		Endpoint: oauth2.Endpoint{TokenURL: p.TokenURL, DeviceAuthURL: p.DeviceAuthURL, AuthStyle: authStyle}}
}

// authStyle sends the client's credentials in the form, as Microsoft's and
// Google's documentation do. x/oauth2's auto-detection would try the
// Authorization header first and resend in the form after any failure, a
// 503 or a timeout included: two requests for one refresh.
const authStyle = oauth2.AuthStyleInParams

type clientCredentials struct{ cfg clientcredentials.Config }

func (c clientCredentials) fetch(ctx context.Context, _ string) (*oauth2.Token, error) {
	return c.cfg.Token(ctx)
}

func (c clientCredentials) credential(string) string {
	return strings.Join([]string{c.cfg.TokenURL, c.cfg.ClientID, c.cfg.ClientSecret}, "\x00")
}

func (clientCredentials) needsRefreshToken() bool { return false }

type refreshFlow struct{ cfg *oauth2.Config }

// errNoGrant: a refresh_token provider nobody has signed in to yet.
var errNoGrant = errors.New("no refresh token stored")

func (r refreshFlow) fetch(ctx context.Context, refresh string) (*oauth2.Token, error) {
	if refresh == "" {
		return nil, errNoGrant
	}
	return r.cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: refresh}).Token()
}

func (r refreshFlow) credential(refresh string) string { return refresh }

func (refreshFlow) needsRefreshToken() bool { return true }

// serviceAccount is Google's domain-wide delegation: a JWT signed with the
// service account's key, asking for a token that acts as Subject.
type serviceAccount struct {
	cfg *jwt.Config
	key string
}

// saFile is the part of Google's service account key file rmad reads.
type saFile struct {
	Type         string `json:"type"`
	ClientEmail  string `json:"client_email"`
	PrivateKey   string `json:"private_key"`
	PrivateKeyID string `json:"private_key_id"`
	TokenURI     string `json:"token_uri"`
}

func newServiceAccount(p config.OAuth) (flow, error) {
	b, err := os.ReadFile(p.ServiceAccountFile)
	if err != nil {
		return nil, fmt.Errorf("oauth: service_account_file: %w", err)
	}
	f, err := parseSAFile(b)
	if err != nil {
		return nil, fmt.Errorf("oauth: service_account_file %s: %w", p.ServiceAccountFile, err)
	}
	tokenURL := p.TokenURL
	if tokenURL == "" {
		tokenURL = f.TokenURI
	}
	return serviceAccount{key: f.PrivateKey, cfg: &jwt.Config{Email: f.ClientEmail, PrivateKey: []byte(f.PrivateKey),
		PrivateKeyID: f.PrivateKeyID, Subject: p.Subject, Scopes: p.Scopes, TokenURL: tokenURL}}, nil
}

func (s serviceAccount) fetch(ctx context.Context, _ string) (*oauth2.Token, error) {
	return s.cfg.TokenSource(ctx).Token()
}

func (s serviceAccount) credential(string) string {
	return strings.Join([]string{s.cfg.TokenURL, s.cfg.Email, s.cfg.Subject, s.key}, "\x00")
}

func (serviceAccount) needsRefreshToken() bool { return false }

// permanent reports whether the issuer refused the credential itself
// (RFC 6749 section 5.2), which no retry mends.
func permanent(err error) (string, bool) {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return "", false
	}
	code, desc := re.ErrorCode, re.ErrorDescription
	if code == "" {
		// x/oauth2/jwt leaves the answer unparsed.
		var body struct {
			Error       string `json:"error"`
			Description string `json:"error_description"`
		}
		if json.Unmarshal(re.Body, &body) == nil {
			code, desc = body.Error, body.Description
		}
	}
	switch code {
	case "invalid_grant", "invalid_client", "unauthorized_client":
		if desc != "" {
			code += ": " + desc
		}
		return code, true
	}
	return "", false
}
