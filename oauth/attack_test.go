package oauth_test

// Attacks on the token glue by a hostile or broken issuer: each test is an
// answer a real token endpoint (or whoever sits on its address) could give.

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"rmad/config"
	"rmad/internal/pgtest"
	"rmad/oauth"
	"rmad/store"
)

// hostile is a token endpoint that answers with answer and records every
// request body it gets.
type hostile struct {
	srv    *httptest.Server
	mu     sync.Mutex
	bodies []string
}

func newHostile(t *testing.T, answer http.HandlerFunc) *hostile {
	t.Helper()
	h := &hostile{}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.bodies = append(h.bodies, string(b))
		h.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(b))
		answer(w, r)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hostile) requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.bodies...)
}

func hostileProvider(tokenURL, flow string) config.OAuth {
	return config.OAuth{Provider: "generic", Flow: flow, ClientID: "rmad-client", ClientSecret: "s3cret-client-xyz",
		TokenURL: tokenURL, Scopes: []string{"mail"}}
}

// A token endpoint that answers 307 (or 308) to another host must not make
// rmad post the client secret and the refresh token there: Go's client
// resends a POST body on those redirects, and the credentials travel in the
// form (authStyle).
func TestAttackIssuerRedirectDoesNotForwardSecrets(t *testing.T) {
	for _, code := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		for _, flow := range []string{"client_credentials", "refresh_token"} {
			t.Run(flow+"/"+http.StatusText(code), func(t *testing.T) {
				ctx := context.Background()
				pool := newPool(t)
				thief := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					io.WriteString(w, `{"access_token":"stolen","token_type":"Bearer","expires_in":3600}`)
				})
				iss := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, thief.srv.URL+"/token", code)
				})
				clk := newClock()
				m := newManager(t, pool, map[string]config.OAuth{"p": hostileProvider(iss.srv.URL+"/token", flow)}, clk, nil)
				if flow == "refresh_token" {
					if err := m.StoreGrant(ctx, "p", &oauth2.Token{RefreshToken: "rt-secret-123"}); err != nil {
						t.Fatal(err)
					}
				}
				tok, err := m.Source("p").Token(ctx)
				if err == nil {
					t.Fatalf("token %q from a redirected token endpoint", tok)
				}
				if got := thief.requests(); len(got) != 0 {
					t.Fatalf("the other host got %d requests: %q", len(got), got)
				}
				if n := len(iss.requests()); n != 1 {
					t.Fatalf("issuer asked %d times, want 1", n)
				}
				row, err := store.GetOAuthToken(ctx, pool, "p")
				if err != nil || row.Failures != 1 || row.NextTryAt == nil || row.RevokedAt != nil || len(row.AccessToken) != 0 {
					t.Fatalf("row after the redirect: %+v %v (want one failure to retry, not a revocation)", row, err)
				}
			})
		}
	}
}

// A token with control characters (CR LF, ^A) would end the IMAP or SMTP
// line, or add fields to the XOAUTH2 string, if it ever reached a server
// unencoded; it is refused as the issuer's fault and never stored.
func TestAttackIssuerTokenWithControlCharacters(t *testing.T) {
	for _, bad := range []string{"abc\r\nA1 LOGOUT", "abc\x01user=ceo@example.com\x01", "abc def", "abc\x00"} {
		ctx := context.Background()
		pool := newPool(t)
		iss := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":`+quoteJSON(bad)+`,"token_type":"Bearer","expires_in":3600}`)
		})
		clk := newClock()
		m := newManager(t, pool, map[string]config.OAuth{"p": hostileProvider(iss.srv.URL, "client_credentials")}, clk, nil)
		tok, err := m.Source("p").Token(ctx)
		if err == nil || tok != "" {
			t.Fatalf("%q: handed out %q, err %v", bad, tok, err)
		}
		row, err := store.GetOAuthToken(ctx, pool, "p")
		if err != nil || len(row.AccessToken) != 0 || row.Failures != 1 || row.NextTryAt == nil || row.RevokedAt != nil {
			t.Fatalf("%q: row %+v %v, want no token and one failure with a backoff", bad, row, err)
		}
		if outboxCount(t, pool) != 0 {
			t.Fatalf("%q: a revocation notice for a malformed answer", bad)
		}
	}
}

func quoteJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// expires_in missing, zero, negative, a string or absurdly large must not
// turn into a token that is due at once (every Token call asks the issuer
// again) nor into a time that overflows.
func TestAttackIssuerOddExpiresIn(t *testing.T) {
	for _, exp := range []string{``, `,"expires_in":0`, `,"expires_in":-30`, `,"expires_in":"120"`, `,"expires_in":"soon"`,
		`,"expires_in":99999999999999999999`, `,"expires_in":1e300`} {
		ctx := context.Background()
		pool := newPool(t)
		iss := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":"tok-1","token_type":"Bearer"`+exp+`}`)
		})
		clk := newClock()
		m := newManager(t, pool, map[string]config.OAuth{"p": hostileProvider(iss.srv.URL, "client_credentials")}, clk, nil)
		src := m.Source("p")
		first, err1 := src.Token(ctx)
		for range 5 {
			_, _ = src.Token(ctx)
		}
		asked := len(iss.requests())
		row, err := store.GetOAuthToken(ctx, pool, "p")
		if err != nil {
			t.Fatal(err)
		}
		if err1 == nil {
			// Taken: it must live a while, in the future.
			if first != "tok-1" || row.ExpiresAt == nil || !row.ExpiresAt.After(clk.Now().Add(time.Minute)) || asked != 1 {
				t.Fatalf("expires_in %q: token %q expires %v, issuer asked %d times for 6 calls", exp, first, row.ExpiresAt, asked)
			}
			continue
		}
		// Refused: as a failure with a backoff, not a storm.
		if asked != 1 || row.Failures != 1 || row.NextTryAt == nil {
			t.Fatalf("expires_in %q: err %v, issuer asked %d times, row %+v", exp, err1, asked, row)
		}
	}
}

// A broken issuer's error page (a megabyte of HTML) must not go whole into
// the row, the status, or one log line per failure.
func TestAttackIssuerHugeErrorBody(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	page := "<html>" + strings.Repeat("overloaded ", 200_000) + "</html>"
	iss := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, page)
	})
	clk := newClock()
	logs := &syncBuffer{}
	m := newManager(t, pool, map[string]config.OAuth{"p": hostileProvider(iss.srv.URL, "client_credentials")}, clk, logs)
	_, err := m.Source("p").Token(ctx)
	if err == nil {
		t.Fatal("a 502 gave a token")
	}
	row, gerr := store.GetOAuthToken(ctx, pool, "p")
	if gerr != nil || len(row.LastError) > 400 || row.Failures != 1 || row.RevokedAt != nil {
		t.Fatalf("row: failures %d, revoked %v, last_error %d bytes", row.Failures, row.RevokedAt, len(row.LastError))
	}
	if n := len(logs.String()); n > 4000 {
		t.Fatalf("one failed refresh logged %d bytes", n)
	}
	if n := len(err.Error()); n > 4000 {
		t.Fatalf("the error handed to the mailboxes is %d bytes", n)
	}
	if outboxCount(t, pool) != 0 {
		t.Fatal("a revocation notice for a 502")
	}
}

// An issuer that echoes the request in its error (some do, for debugging)
// must not put the client secret or the refresh token into the row, the
// logs or the error the mailboxes log.
func TestAttackIssuerEchoesSecretsInError(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "internal error while handling "+r.Form.Encode())
	})
	clk := newClock()
	logs := &syncBuffer{}
	m := newManager(t, pool, map[string]config.OAuth{"p": hostileProvider(iss.srv.URL, "refresh_token")}, clk, logs)
	if err := m.StoreGrant(ctx, "p", &oauth2.Token{RefreshToken: "rt-secret-123"}); err != nil {
		t.Fatal(err)
	}
	_, err := m.Source("p").Token(ctx)
	if err == nil {
		t.Fatal("a 500 gave a token")
	}
	row, gerr := store.GetOAuthToken(ctx, pool, "p")
	if gerr != nil {
		t.Fatal(gerr)
	}
	st, serr := m.Status(ctx)
	if serr != nil || len(st) != 1 {
		t.Fatal(serr)
	}
	for what, s := range map[string]string{"row": row.LastError, "status": st[0].LastError, "log": logs.String(), "error": err.Error()} {
		if strings.Contains(s, "s3cret-client-xyz") || strings.Contains(s, "rt-secret-123") {
			t.Errorf("%s holds a secret: %s", what, s)
		}
	}
}

// A process started with another token_key (a rotated key, or two
// processes configured differently) cannot read the stored grant: its
// mailboxes cannot log in, so /healthz must say why, naming the provider,
// rather than stay green while the SMTP sender (which has no connection
// state) quietly fails every mail.
func TestAttackWrongTokenKeyIsAProblem(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"tok-1","refresh_token":"rt-2","token_type":"Bearer","expires_in":3600}`)
	})
	clk := newClock()
	prov := map[string]config.OAuth{"p": hostileProvider(iss.srv.URL, "refresh_token")}
	a := newManager(t, pool, prov, clk, nil)
	if err := a.StoreGrant(ctx, "p", &oauth2.Token{RefreshToken: "rt-1", AccessToken: "tok-0", ExpiresIn: 3600}); err != nil {
		t.Fatal(err)
	}
	b, err := oauth.New(pool, prov, bytes.Repeat([]byte{9}, 32), oauth.Options{Now: clk.Now, Users: map[string][]string{"p": {"smtp"}}})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // not due, then due: neither the access nor the refresh token decrypts
		if tok, err := b.Source("p").Token(ctx); err == nil || !strings.Contains(err.Error(), "does not decrypt") {
			t.Fatalf("wrong key: %q %v", tok, err)
		}
		ps := b.Problems(clk.Now())
		if len(ps) != 1 || ps[0].Provider != "p" || !strings.Contains(ps[0].Reason, "token_key") {
			t.Fatalf("problems with the wrong key: %+v", ps)
		}
		clk.Add(58 * time.Minute)
	}
	if len(iss.requests()) != 0 {
		t.Fatalf("the issuer was asked %d times with an unreadable grant", len(iss.requests()))
	}
	// The right key still works, and reports no problem.
	if _, err := a.Source("p").Token(ctx); err != nil || len(a.Problems(clk.Now())) != 0 {
		t.Fatalf("right key: %v %+v", err, a.Problems(clk.Now()))
	}
}

// A grant the issuer refuses, found by many processes at once and asked
// for again and again (every mailbox's reconnect, Run's loop), is one
// revocation: one request to the issuer, one notice to notify. An issuer
// that flaps (refuses, then would accept the same credential) is not asked
// again: the notice already told a person to act.
func TestAttackRevocationFoundByManyProcessesNoticedOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t)
	var mu sync.Mutex
	refuse := true
	iss := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		r := refuse
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"invalid_client","error_description":"AADSTS7000222: the client secret keys are expired"}`)
			return
		}
		io.WriteString(w, `{"access_token":"tok","token_type":"Bearer","expires_in":3600}`)
	})
	clk := newClock()
	prov := map[string]config.OAuth{"p": hostileProvider(iss.srv.URL, "client_credentials")}
	var ms []*oauth.Manager
	for range 5 {
		ms = append(ms, newManager(t, poolFor(t, url), prov, clk, nil))
	}
	var wg sync.WaitGroup
	for _, m := range ms {
		for range 3 {
			wg.Go(func() {
				if _, err := m.Source("p").Token(ctx); err == nil {
					t.Error("a token from a refusing issuer")
				}
			})
		}
	}
	wg.Wait()
	mu.Lock()
	refuse = false
	mu.Unlock()
	clk.Add(time.Hour)
	for _, m := range ms {
		if _, err := m.Source("p").Token(ctx); err == nil {
			t.Fatal("the revoked credential was tried again")
		}
	}
	pool := poolFor(t, url)
	if n := len(iss.requests()); n != 1 {
		t.Fatalf("the issuer was asked %d times, want 1", n)
	}
	if n := outboxCount(t, pool); n != 1 {
		t.Fatalf("%d revocation notices, want 1", n)
	}
	for _, m := range ms {
		if ps := m.Problems(clk.Now()); len(ps) != 1 || !strings.Contains(ps[0].Reason, "AADSTS7000222") {
			t.Fatalf("problems: %+v", ps)
		}
	}
}

// Someone with write access to the table (a restored dump, a careless
// UPDATE) copies one provider's sealed token into another's row, or the
// refresh token into the access token column: it must not decrypt there,
// so no mailbox logs in with another provider's grant.
func TestAttackSealedTokenSwappedBetweenRows(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	answer := func(tok string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":"`+tok+`","token_type":"Bearer","expires_in":3600}`)
		}
	}
	a, b := newHostile(t, answer("tok-a")), newHostile(t, answer("tok-b"))
	clk := newClock()
	prov := map[string]config.OAuth{"a": hostileProvider(a.srv.URL, "client_credentials"), "b": hostileProvider(b.srv.URL, "refresh_token")}
	m := newManager(t, pool, prov, clk, nil)
	if _, err := m.Source("a").Token(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.StoreGrant(ctx, "b", &oauth2.Token{RefreshToken: "rt-b", AccessToken: "tok-b0", ExpiresIn: 3600}); err != nil {
		t.Fatal(err)
	}
	// b's row gets a's access token; a's row gets b's refresh token as its access token.
	if _, err := pool.Exec(ctx, `UPDATE oauth_tokens SET access_token = (SELECT access_token FROM oauth_tokens WHERE provider = 'a'),
		access_sha = (SELECT access_sha FROM oauth_tokens WHERE provider = 'a') WHERE provider = 'b'`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE oauth_tokens SET access_token = (SELECT refresh_token FROM oauth_tokens WHERE provider = 'b') WHERE provider = 'a'`); err != nil {
		t.Fatal(err)
	}
	fresh := newManager(t, pool, prov, clk, nil)
	for name, foreign := range map[string]string{"b": "tok-a", "a": "rt-b"} {
		tok, err := fresh.Source(name).Token(ctx)
		if tok == foreign || err == nil || !strings.Contains(err.Error(), "does not decrypt") {
			t.Fatalf("%s: handed out %q (err %v) from a swapped ciphertext", name, tok, err)
		}
	}
}

// `rmad oauth login` prints what the device endpoint sent: an address or
// code with terminal escapes (clear the screen, retitle the window, write
// a fake prompt) must reach the operator's terminal as plain text. The
// sign-in the server then declares expired ends the login with an error
// and stores nothing.
func TestAttackDeviceLoginHostileAnswers(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	var polls int
	var mu sync.Mutex
	dev := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/device") {
			io.WriteString(w, `{"device_code":"dc","user_code":"AB\u001b[2JCD","verification_uri":"https://login.example/\u001b]0;pwned\u0007\r\nPassword:","interval":1,"expires_in":60}`)
			return
		}
		mu.Lock()
		polls++
		mu.Unlock()
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":"expired_token"}`)
	})
	p := hostileProvider(dev.srv.URL+"/token", "refresh_token")
	p.DeviceAuthURL = dev.srv.URL + "/device"
	m := newManager(t, pool, map[string]config.OAuth{"p": p}, newClock(), nil)
	var shown string
	err := m.Login(ctx, "p", func(uri, code string) { shown = uri + " " + code })
	if err == nil || !strings.Contains(err.Error(), "expired_token") {
		t.Fatalf("login: %v", err)
	}
	if strings.ContainsFunc(shown, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		t.Fatalf("shown to the terminal: %q", shown)
	}
	if !strings.Contains(shown, "https://login.example/") || !strings.Contains(shown, "AB") {
		t.Fatalf("shown: %q", shown)
	}
	if polls != 1 {
		t.Fatalf("polled %d times after expired_token", polls)
	}
	if st, err := m.Status(ctx); err != nil || st[0].SignedIn {
		t.Fatalf("status after a failed login: %+v %v", st, err)
	}
}
