package oauth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"rmad/store"
)

// Login runs the device-code flow (RFC 8628) for provider name: show gets
// the address and code a person enters in a browser; Login waits until they
// have signed in (or ctx ends) and stores the grant.
func (m *Manager) Login(ctx context.Context, name string, show func(uri, code string)) error {
	p, ok := m.cfg[name]
	if !ok {
		return fmt.Errorf("oauth: no [oauth.%s] in the configuration", name)
	}
	if p.Flow != "refresh_token" {
		return fmt.Errorf("oauth %s: flow %s needs no sign-in (only refresh_token does)", name, p.Flow)
	}
	if p.DeviceAuthURL == "" {
		return fmt.Errorf("oauth %s: device_auth_url is not set", name)
	}
	cfg := deviceConfig(p)
	hctx := context.WithValue(ctx, oauth2.HTTPClient, m.opts.HTTPClient)
	da, err := cfg.DeviceAuth(hctx)
	if err != nil {
		return errorf(name, fmt.Errorf("device authorization: %w", err))
	}
	uri := da.VerificationURIComplete
	if uri == "" {
		uri = da.VerificationURI
	}
	show(printable(uri), printable(da.UserCode))
	tok, err := cfg.DeviceAccessToken(hctx, da)
	if err != nil {
		return errorf(name, fmt.Errorf("waiting for the sign-in: %w", err))
	}
	return m.StoreGrant(ctx, name, tok)
}

// printable drops control characters from what the device endpoint sent
// before it reaches the operator's terminal: an escape sequence could
// clear the screen or fake a prompt.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// StoreGrant stores tok's refresh token (and its access token) for provider
// name, replacing whatever grant was there, a revoked one included.
func (m *Manager) StoreGrant(ctx context.Context, name string, tok *oauth2.Token) error {
	s := m.sources[name]
	if s == nil {
		return fmt.Errorf("oauth: no [oauth.%s] in the configuration", name)
	}
	if tok.RefreshToken == "" {
		return errorf(name, errors.New("the issuer gave no refresh token (for Microsoft, add the offline_access scope)"))
	}
	s.refresh.Lock()
	defer s.refresh.Unlock()
	dctx, cancel := m.dbCtx(ctx)
	defer cancel()
	tx, err := m.db.Begin(dctx)
	if err != nil {
		return errorf(name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	row, err := store.LockOAuthToken(dctx, tx, name)
	if err != nil {
		return errorf(name, err)
	}
	now := m.opts.Now()
	row.RefreshToken = m.seal.seal(name, "refresh_token", tok.RefreshToken)
	row.AccessToken, row.AccessSHA, row.ExpiresAt = nil, nil, nil
	if tok.AccessToken != "" {
		exp := expiry(tok, now)
		row.AccessToken, row.AccessSHA, row.ExpiresAt = m.seal.seal(name, "access_token", tok.AccessToken), digest(tok.AccessToken), &exp
	}
	row.RefreshedAt = &now
	row.Failures, row.LastError, row.FailingSince, row.NextTryAt = 0, "", nil, nil
	row.RevokedAt, row.RevokedReason, row.RevokedFor = nil, "", nil
	if err := store.SaveOAuthToken(dctx, tx, row, now); err != nil {
		return errorf(name, err)
	}
	if err := tx.Commit(dctx); err != nil {
		return errorf(name, err)
	}
	s.mu.Lock()
	s.cached = ""
	s.mu.Unlock()
	s.observe(row)
	return nil
}

// Status is what `rmad oauth status` shows of a provider: never a token.
type Status struct {
	Provider    string     `json:"provider"`
	Flow        string     `json:"flow"`
	Mailboxes   []string   `json:"mailboxes"`
	SignedIn    bool       `json:"signed_in"` // a refresh token is stored (refresh_token flow)
	Expires     *time.Time `json:"expires"`
	LastRefresh *time.Time `json:"last_refresh"`
	Failures    int        `json:"failures"`
	LastError   string     `json:"last_error"`
	NextTry     *time.Time `json:"next_try"`
	Revoked     *time.Time `json:"revoked"`
}

// Status reads every configured provider's row.
func (m *Manager) Status(ctx context.Context) ([]Status, error) {
	dctx, cancel := m.dbCtx(ctx)
	defer cancel()
	rows, err := store.ListOAuthTokens(dctx, m.db)
	if err != nil {
		return nil, err
	}
	byName := map[string]store.OAuthToken{}
	for _, r := range rows {
		byName[r.Provider] = r
	}
	var out []Status
	for _, n := range m.names() {
		r := byName[n]
		st := Status{Provider: n, Flow: m.cfg[n].Flow, Mailboxes: m.sources[n].users, SignedIn: len(r.RefreshToken) > 0,
			Expires: r.ExpiresAt, LastRefresh: r.RefreshedAt, Failures: r.Failures, LastError: r.LastError,
			NextTry: r.NextTryAt, Revoked: r.RevokedAt}
		if len(r.AccessToken) == 0 {
			st.Expires = nil
		}
		out = append(out, st)
	}
	return out, nil
}
