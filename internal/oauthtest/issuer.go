package oauthtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options configure an Issuer; zero values mean the defaults.
type Options struct {
	ClientID, ClientSecret string // default "rmad-test", "test-secret"
	// TTL is an access token's life (default 1h), given as expires_in.
	TTL time.Duration
	// Rotate: each refresh issues a new refresh token and the old one dies;
	// reusing a dead one revokes the whole grant (reuse detection).
	Rotate bool
	// AppUser is the mailbox app-only tokens (client credentials) act on.
	AppUser string
}

// Issuer is a running OAuth2 issuer.
type Issuer struct {
	opts Options
	srv  *http.Server
	ln   net.Listener

	mu      sync.Mutex
	grants  map[string]*grant  // by refresh token, live and dead
	access  map[string]*access // by access token
	devices map[string]*device // by device code
	codes   chan string        // user codes issued, for WaitDeviceCode
	delay   time.Duration
	// appRevoked: the client's credentials were revoked (RevokeClient).
	appRevoked *bool
	sa         *serviceAccount
	fail       int
	requests   int
	refreshs   int
}

type grant struct {
	user    string
	revoked bool
	dead    bool // rotated away
	family  *bool
}

type access struct {
	user    string // "" for app-only
	expires time.Time
	dead    bool
	family  *bool // the grant family's revocation flag; nil for app-only
}

type device struct {
	user     string // set when approved
	userCode string
}

// Start listens on 127.0.0.1 at a free port.
func Start(opts Options) (*Issuer, error) {
	if opts.ClientID == "" {
		opts.ClientID = "rmad-test"
	}
	if opts.ClientSecret == "" {
		opts.ClientSecret = "test-secret"
	}
	if opts.TTL <= 0 {
		opts.TTL = time.Hour
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("oauthtest: %w", err)
	}
	i := &Issuer{opts: opts, ln: ln, grants: map[string]*grant{}, access: map[string]*access{},
		devices: map[string]*device{}, codes: make(chan string, 16), appRevoked: new(bool)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /token", i.token)
	mux.HandleFunc("POST /device", i.deviceAuth)
	mux.HandleFunc("POST /introspect", i.introspect)
	i.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = i.srv.Serve(ln) }()
	return i, nil
}

// Close stops the server.
func (i *Issuer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := i.srv.Shutdown(ctx); err != nil {
		return i.srv.Close()
	}
	return nil
}

func (i *Issuer) base() string { return "http://" + i.ln.Addr().String() }

// TokenURL, DeviceAuthURL and IntrospectURL are the endpoints.
func (i *Issuer) TokenURL() string      { return i.base() + "/token" }
func (i *Issuer) DeviceAuthURL() string { return i.base() + "/device" }
func (i *Issuer) IntrospectURL() string { return i.base() + "/introspect" }

// ClientID and ClientSecret are the one client's credentials.
func (i *Issuer) ClientID() string     { return i.opts.ClientID }
func (i *Issuer) ClientSecret() string { return i.opts.ClientSecret }

func newToken(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// Grant makes a refresh token for user, as a past sign-in would have.
func (i *Issuer) Grant(user string) string {
	i.mu.Lock()
	defer i.mu.Unlock()
	rt := newToken("rt-")
	i.grants[rt] = &grant{user: user, family: new(bool)}
	return rt
}

// Revoke revokes every grant of user ("" for all, app-only tokens too): its
// refresh tokens answer invalid_grant and its access tokens stop working.
func (i *Issuer) Revoke(user string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	for _, g := range i.grants {
		if user == "" || g.user == user {
			g.revoked, *g.family = true, true
		}
	}
	for _, a := range i.access {
		if user == "" || a.user == user {
			a.dead = true
		}
	}
}

// RevokeClient revokes the client's secret: client-credentials requests
// answer invalid_client and app-only access tokens stop working.
func (i *Issuer) RevokeClient() {
	i.mu.Lock()
	*i.appRevoked = true
	i.mu.Unlock()
}

// ExpireAccess ends every access token issued so far, earlier than its
// expires_in said (a server restart, a policy change): clients only learn
// it when a server refuses the token.
func (i *Issuer) ExpireAccess() {
	i.mu.Lock()
	defer i.mu.Unlock()
	for _, a := range i.access {
		a.dead = true
	}
}

// SetDelay makes the token endpoint answer after d (0: at once).
func (i *Issuer) SetDelay(d time.Duration) {
	i.mu.Lock()
	i.delay = d
	i.mu.Unlock()
}

// FailNext makes the next n token requests answer 503.
func (i *Issuer) FailNext(n int) {
	i.mu.Lock()
	i.fail = n
	i.mu.Unlock()
}

// Requests is how many token requests arrived; Refreshes how many of them
// were refresh-token grants that succeeded.
func (i *Issuer) Requests() int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.requests
}

// Refreshes counts successful refresh-token grants.
func (i *Issuer) Refreshes() int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.refreshs
}

// Active reports whether an access token is accepted now, and for whom.
func (i *Issuer) Active(tok, user string) bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	a := i.access[tok]
	if a == nil || a.dead || !time.Now().Before(a.expires) || (a.family != nil && *a.family) {
		return false
	}
	return a.user == "" || user == "" || a.user == user
}

// WaitDeviceCode returns the next user code the device endpoint issues.
func (i *Issuer) WaitDeviceCode(ctx context.Context) (string, error) {
	select {
	case c := <-i.codes:
		return c, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// ApproveDevice signs in user for the device code with userCode.
func (i *Issuer) ApproveDevice(userCode, user string) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	for _, d := range i.devices {
		if d.userCode == userCode {
			d.user = user
			return nil
		}
	}
	return errors.New("oauthtest: no such user code")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// introspect is RFC 7662: POST token=...
func (i *Issuer) introspect(w http.ResponseWriter, r *http.Request) {
	tok := r.PostFormValue("token")
	i.mu.Lock()
	a := i.access[tok]
	i.mu.Unlock()
	if a == nil || !i.Active(tok, "") {
		writeJSON(w, http.StatusOK, map[string]any{"active": false})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"active": true, "username": a.user, "client_id": i.opts.ClientID})
}

func (i *Issuer) issue(user string, family *bool) map[string]any {
	tok := newToken("at-")
	i.access[tok] = &access{user: user, expires: time.Now().Add(i.opts.TTL), family: family}
	return map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": int(i.opts.TTL / time.Second)}
}

// clientOK checks the client's credentials, in the Authorization header or
// in the form (RFC 6749 section 2.3.1).
func (i *Issuer) clientOK(r *http.Request) bool {
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostFormValue("client_id"), r.PostFormValue("client_secret")
	}
	i.mu.Lock()
	revoked := *i.appRevoked
	i.mu.Unlock()
	if revoked && r.PostFormValue("grant_type") == "client_credentials" {
		return false
	}
	return id == i.opts.ClientID && (secret == i.opts.ClientSecret || strings.HasPrefix(r.PostFormValue("grant_type"), "urn:ietf:params:oauth:grant-type:device_code"))
}
