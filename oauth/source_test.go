package oauth_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"rmad/config"
	"rmad/internal/oauthtest"
	"rmad/oauth"
	"rmad/store"
)

func TestClientCredentialsSharedAndEncrypted(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newIssuer(t, oauthtest.Options{AppUser: "support@example.com"})
	clk := newClock()
	prov := map[string]config.OAuth{"m365": provider(iss, "client_credentials")}
	a := newManager(t, pool, prov, clk, nil)
	tok, err := a.Source("m365").Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !iss.Active(tok, "support@example.com") || iss.Requests() != 1 {
		t.Fatalf("token %q active %v, requests %d", tok, iss.Active(tok, ""), iss.Requests())
	}
	row, err := store.GetOAuthToken(ctx, pool, "m365")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(row.AccessToken, []byte(tok)) || len(row.AccessToken) < len(tok)+16 {
		t.Fatalf("access token stored in clear or not at all: %q", row.AccessToken)
	}
	if row.ExpiresAt == nil || row.ExpiresAt.Sub(clk.Now()) != time.Hour {
		t.Fatalf("expires_at %v, want now + expires_in (1h)", row.ExpiresAt)
	}
	// Another process reads it from the database; nobody asks the issuer.
	b := newManager(t, pool, prov, clk, nil)
	tok2, err := b.Source("m365").Token(ctx)
	if err != nil || tok2 != tok || iss.Requests() != 1 {
		t.Fatalf("second process: %q %v, requests %d", tok2, err, iss.Requests())
	}
	if exp := b.Expiry()["m365"]; !exp.Equal(*row.ExpiresAt) {
		t.Fatalf("Expiry() = %v, want %v", exp, row.ExpiresAt)
	}
	// Another key cannot read it.
	other := oauth.Options{Now: clk.Now}
	c, err := oauth.New(pool, prov, bytes.Repeat([]byte{8}, 32), other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Source("m365").Token(ctx); err == nil || !strings.Contains(err.Error(), "does not decrypt") {
		t.Fatalf("wrong key: err = %v", err)
	}
}

func TestRefreshAheadOfExpiryAndInvalidate(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newIssuer(t, oauthtest.Options{AppUser: "support@example.com"})
	clk := newClock()
	m := newManager(t, pool, map[string]config.OAuth{"m365": provider(iss, "client_credentials")}, clk, nil)
	src := m.Source("m365")
	t1, err := src.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(54 * time.Minute) // 6 minutes left: not due (5m ahead)
	if t2, _ := src.Token(ctx); t2 != t1 || iss.Requests() != 1 {
		t.Fatalf("refreshed too early: requests %d", iss.Requests())
	}
	clk.Add(2 * time.Minute) // 4 minutes left: due
	t3, err := src.Token(ctx)
	if err != nil || t3 == t1 || iss.Requests() != 2 {
		t.Fatalf("not refreshed ahead of expiry: %v, requests %d", err, iss.Requests())
	}
	// A server refuses t3 before its time: Invalidate, and the next Token
	// is a new one that works.
	iss.ExpireAccess()
	src.Invalidate(ctx, t3)
	t4, err := src.Token(ctx)
	if err != nil || t4 == t3 || !iss.Active(t4, "support@example.com") {
		t.Fatalf("after Invalidate: %q %v", t4, err)
	}
	// Invalidating an older token does not drop the current one.
	src.Invalidate(ctx, t3)
	if t5, _ := src.Token(ctx); t5 != t4 || iss.Requests() != 3 {
		t.Fatalf("a stale Invalidate dropped the current token: requests %d", iss.Requests())
	}
}

// Two processes share one rotating grant: every round both need a new
// token at once; exactly one refresh happens, both get its token, and no
// refresh token is ever used twice (the issuer would revoke the grant).
func TestRotationSharedByTwoProcesses(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newIssuer(t, oauthtest.Options{Rotate: true})
	clk := newClock()
	prov := map[string]config.OAuth{"gmail": provider(iss, "refresh_token")}
	a := newManager(t, pool, prov, clk, nil)
	b := newManager(t, poolFor(t, pool.Config().ConnString()), prov, clk, nil)
	if err := a.StoreGrant(ctx, "gmail", &oauth2.Token{RefreshToken: iss.Grant("rma@example.com")}); err != nil {
		t.Fatal(err)
	}
	// A slow answer widens the window in which two refreshes could overlap.
	iss.SetDelay(30 * time.Millisecond)
	const rounds = 8
	for round := 1; round <= rounds; round++ {
		clk.Add(2 * time.Hour)
		var wg sync.WaitGroup
		toks := make([]string, 4)
		errs := make([]error, 4)
		for i := range toks {
			m := a
			if i%2 == 1 {
				m = b
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				toks[i], errs[i] = m.Source("gmail").Token(ctx)
			}()
		}
		wg.Wait()
		for i := range toks {
			if errs[i] != nil || toks[i] != toks[0] {
				t.Fatalf("round %d: caller %d got %q, %v; caller 0 got %q", round, i, toks[i], errs[i], toks[0])
			}
		}
		if !iss.Active(toks[0], "rma@example.com") || iss.Refreshes() != round {
			t.Fatalf("round %d: token active %v, refreshes %d", round, iss.Active(toks[0], ""), iss.Refreshes())
		}
	}
	if p := a.Problems(clk.Now()); len(p) != 0 {
		t.Fatalf("problems: %+v", p)
	}
}

func TestRevokedGrantNotifiesOnceAndOthersGoOn(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newIssuer(t, oauthtest.Options{AppUser: "support@example.com"})
	clk := newClock()
	prov := map[string]config.OAuth{"gmail": provider(iss, "refresh_token"), "m365": provider(iss, "client_credentials")}
	logsA, logsB := &syncBuffer{}, &syncBuffer{}
	a := newManager(t, pool, prov, clk, logsA)
	b := newManager(t, pool, prov, clk, logsB)
	if err := a.StoreGrant(ctx, "gmail", &oauth2.Token{RefreshToken: iss.Grant("rma@example.com")}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Source("gmail").Token(ctx); err != nil {
		t.Fatal(err)
	}
	iss.Revoke("rma@example.com")
	clk.Add(2 * time.Hour)
	before := iss.Requests()
	for i := 0; i < 3; i++ {
		for _, m := range []*oauth.Manager{a, b} {
			_, err := m.Source("gmail").Token(ctx)
			if !errors.Is(err, oauth.ErrRevoked) || !strings.Contains(err.Error(), "invalid_grant") {
				t.Fatalf("err = %v, want ErrRevoked with invalid_grant", err)
			}
		}
	}
	if n := iss.Requests() - before; n != 1 {
		t.Fatalf("%d requests to the issuer after the revocation, want 1 (the one that found it)", n)
	}
	if n := outboxCount(t, pool); n != 1 {
		t.Fatalf("%d revocation notices in the outbox, want 1", n)
	}
	logs := logsA.String() + logsB.String()
	if strings.Count(logs, `"mailbox":"gmail-box"`) != 1 || !strings.Contains(logs, `"level":"ERROR"`) {
		t.Fatalf("want one error line naming the mailbox, logs:\n%s", logs)
	}
	for _, m := range []*oauth.Manager{a, b} {
		// b learnt it from the database.
		p := m.Problems(clk.Now())
		if len(p) != 1 || p[0].Provider != "gmail" || p[0].Mailboxes[0] != "gmail-box" || !strings.Contains(p[0].Reason, "revoked") || !p[0].Since.Equal(clk.Now()) {
			t.Fatalf("problems: %+v", p)
		}
	}
	// The other provider is not affected.
	if tok, err := b.Source("m365").Token(ctx); err != nil || !iss.Active(tok, "support@example.com") {
		t.Fatalf("m365: %q %v", tok, err)
	}
	// A new sign-in mends it; the revocation is over, and a later one
	// notifies again.
	if err := b.StoreGrant(ctx, "gmail", &oauth2.Token{RefreshToken: iss.Grant("rma@example.com")}); err != nil {
		t.Fatal(err)
	}
	if tok, err := a.Source("gmail").Token(ctx); err != nil || !iss.Active(tok, "rma@example.com") {
		t.Fatalf("after a new sign-in: %v", err)
	}
	if p := a.Problems(clk.Now()); len(p) != 0 {
		t.Fatalf("problems after the new sign-in: %+v", p)
	}
	iss.Revoke("rma@example.com")
	clk.Add(2 * time.Hour)
	if _, err := b.Source("gmail").Token(ctx); !errors.Is(err, oauth.ErrRevoked) {
		t.Fatal(err)
	}
	if n := outboxCount(t, pool); n != 2 {
		t.Fatalf("%d notices after the second revocation, want 2", n)
	}
}

// A slow issuer: the request is cut at RequestTimeout, recorded, and not
// tried again before the backoff ends; the backoff doubles; then it works.
func TestSlowIssuerBackoff(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newIssuer(t, oauthtest.Options{AppUser: "support@example.com"})
	clk := newClock()
	m := newManager(t, pool, map[string]config.OAuth{"m365": provider(iss, "client_credentials")}, clk, nil,
		func(o *oauth.Options) { o.RequestTimeout = 100 * time.Millisecond })
	src := m.Source("m365")
	iss.SetDelay(time.Minute)
	_, err := src.Token(ctx)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("slow issuer: err = %v, want a deadline", err)
	}
	row, _ := store.GetOAuthToken(ctx, pool, "m365")
	if row.Failures != 1 || row.NextTryAt == nil || !row.NextTryAt.Equal(clk.Now().Add(time.Minute)) || row.FailingSince == nil {
		t.Fatalf("row after a failure: failures %d next %v", row.Failures, row.NextTryAt)
	}
	// Before the backoff ends nobody asks the issuer.
	clk.Add(30 * time.Second)
	if _, err := src.Token(ctx); err == nil || !strings.Contains(err.Error(), "next try at") || iss.Requests() != 1 {
		t.Fatalf("during backoff: %v, requests %d", err, iss.Requests())
	}
	if p := m.Problems(clk.Now()); len(p) != 1 || !strings.Contains(p[0].Reason, "refresh failing") {
		t.Fatalf("problems: %+v", p)
	}
	iss.SetDelay(0)
	iss.FailNext(1)
	clk.Add(31 * time.Second)
	if _, err := src.Token(ctx); err == nil || !strings.Contains(err.Error(), "temporarily_unavailable") {
		t.Fatalf("503: %v", err)
	}
	row, _ = store.GetOAuthToken(ctx, pool, "m365")
	if row.Failures != 2 || !row.NextTryAt.Equal(clk.Now().Add(2*time.Minute)) {
		t.Fatalf("second failure: failures %d next %v, want doubled backoff", row.Failures, row.NextTryAt)
	}
	clk.Add(2 * time.Minute)
	tok, err := src.Token(ctx)
	if err != nil || !iss.Active(tok, "support@example.com") {
		t.Fatalf("after the backoff: %v", err)
	}
	row, _ = store.GetOAuthToken(ctx, pool, "m365")
	if row.Failures != 0 || row.NextTryAt != nil || row.LastError != "" || len(m.Problems(clk.Now())) != 0 {
		t.Fatalf("not reset after success: %+v", row)
	}
}

// Google's domain-wide delegation: a JWT signed with the service account's
// key buys a token acting as the subject; a disabled key is a revocation.
func TestServiceAccount(t *testing.T) {
	ctx := context.Background()
	pool := newPool(t)
	iss := newIssuer(t, oauthtest.Options{})
	file, err := iss.ServiceAccountFile(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	clk := newClock()
	prov := map[string]config.OAuth{"gws": {Provider: "google", Flow: "service_account", ServiceAccountFile: file,
		Subject: "rma@example.com", Scopes: []string{"https://mail.google.com/"}, TokenURL: iss.TokenURL()}}
	m := newManager(t, pool, prov, clk, nil)
	tok, err := m.Source("gws").Token(ctx)
	if err != nil || !iss.Active(tok, "rma@example.com") || iss.Active(tok, "other@example.com") {
		t.Fatalf("service account token %q: %v", tok, err)
	}
	iss.RevokeServiceAccount()
	clk.Add(2 * time.Hour)
	if _, err := m.Source("gws").Token(ctx); !errors.Is(err, oauth.ErrRevoked) {
		t.Fatalf("disabled key: %v", err)
	}
	if n := outboxCount(t, pool); n != 1 {
		t.Fatalf("%d notices", n)
	}
	// A bad key file is a configuration error naming the provider.
	prov["gws"] = config.OAuth{Provider: "google", Flow: "service_account", ServiceAccountFile: file + ".missing", Subject: "x@example.com"}
	if _, err := oauth.New(pool, prov, key, oauth.Options{}); err == nil || !strings.Contains(err.Error(), "oauth.gws") {
		t.Fatalf("missing key file: %v", err)
	}
}

// Run refreshes tokens in the background ahead of their expiry, with no
// caller asking: here tokens live 4 s and are refreshed after 3.
func TestRunRefreshesInTheBackground(t *testing.T) {
	pool := newPool(t)
	iss := newIssuer(t, oauthtest.Options{AppUser: "support@example.com", TTL: 4 * time.Second})
	logs := &syncBuffer{}
	m, err := oauth.New(pool, map[string]config.OAuth{"m365": provider(iss, "client_credentials"), "gmail": provider(iss, "refresh_token")},
		key, oauth.Options{Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	for deadline := time.Now().Add(30 * time.Second); iss.Requests() < 3; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d token requests in 30 s, want 3 (a first and two refreshes)", iss.Requests())
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	tok, err := m.Source("m365").Token(context.Background())
	if err != nil || !iss.Active(tok, "support@example.com") || !m.Expiry()["m365"].After(time.Now()) {
		t.Fatalf("after Run: %q %v, expiry %v", tok, err, m.Expiry())
	}
	// The provider nobody signed in to is logged once, not at every pass.
	if n := strings.Count(logs.String(), "not signed in"); n != 1 {
		t.Fatalf("%d log lines about the missing sign-in, want 1:\n%s", n, logs.String())
	}
	if p := m.Problems(time.Now()); len(p) != 1 || p[0].Provider != "gmail" || !strings.Contains(p[0].Reason, "rmad oauth login gmail") {
		t.Fatalf("problems: %+v", p)
	}
}
