package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rmad/internal/freeport"
	"rmad/internal/imaptest"
	"rmad/internal/oauthtest"
	"rmad/internal/pgtest"
	"rmad/internal/smtptest"
)

const testTokenKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

// The proof issue 14 asks for: `rmad serve` with the rma mailbox on IMAP
// XOAUTH2 (Dovecot's oauth2 passdb) and the relay on SMTP XOAUTH2, both
// checked against the test issuer: a customer's mail becomes a ticket and
// the answers go out. Then the issuer revokes the app: one notice is
// queued for the agents, the grant is recorded as revoked, and the support
// mailbox (password) keeps flowing.
func TestServeWithOAuth2(t *testing.T) {
	iss, err := oauthtest.Start(oauthtest.Options{AppUser: deskRMA})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { iss.Close() })
	dove := imaptest.NewDovecotWith(t, imaptest.DovecotOptions{OAuth2IntrospectURL: iss.IntrospectURL()})
	w := newWorld(t, dove, smtptest.Options{IntrospectURL: iss.IntrospectURL()})
	rmaPasswordURL := "imap://rma%40desk.example:" + imapPass + "@" + dove.Addr() + "/INBOX?tls=none"
	smtpPlain := "smtp://" + w.smtp.Addr() + "?tls=none"
	if !strings.Contains(w.cfgText, rmaPasswordURL) || !strings.Contains(w.cfgText, smtpPlain) {
		t.Fatalf("the world's configuration changed shape:\n%s", w.cfgText)
	}
	w.cfgText = "token_key = \"" + testTokenKey + "\"\n" + w.cfgText
	w.cfgText = strings.Replace(w.cfgText, rmaPasswordURL, "imap://rma%40desk.example@"+dove.Addr()+"/INBOX?tls=none&auth=xoauth2&oauth=m365", 1)
	w.cfgText = strings.Replace(w.cfgText, smtpPlain, "smtp://rma%40desk.example@"+w.smtp.Addr()+"?tls=none&auth=xoauth2&oauth=m365", 1)
	w.cfgText += `[oauth.m365]
provider = "generic"
flow = "client_credentials"
token_url = "` + iss.TokenURL() + `"
client_id = "` + iss.ClientID() + `"
client_secret = "` + iss.ClientSecret() + `"
scopes = ["https://outlook.office365.com/.default"]
`
	port, err := freeport.Port()
	if err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	w.cfgText = strings.Replace(w.cfgText, `listen = ""`, fmt.Sprintf("listen = %q", addr), 1)
	base := "http://" + addr
	w.serveInProcess()

	w.deliver(deskRMA, request("oauth-1@customer.example", "", requestBody))
	got := w.waitMails(2, 30*time.Second)
	for _, r := range got {
		if r.User != deskRMA {
			t.Fatalf("mail to %v went out authenticated as %q, want %s by XOAUTH2", r.To, r.User, deskRMA)
		}
	}
	db := connect(t, w.dbURL)
	ctx := context.Background()
	var tickets int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM tickets`).Scan(&tickets); err != nil || tickets != 1 {
		t.Fatalf("tickets: %d, %v", tickets, err)
	}
	var sealed []byte
	var expires time.Time
	if err := db.QueryRow(ctx, `SELECT access_token, expires_at FROM oauth_tokens WHERE provider = 'm365'`).Scan(&sealed, &expires); err != nil {
		t.Fatal(err)
	}
	if len(sealed) == 0 || bytes.Contains(sealed, []byte("at-")) || time.Until(expires) < 50*time.Minute {
		t.Fatalf("stored token: %d bytes, expires %v", len(sealed), expires)
	}
	waitHealth(t, base, 10*time.Second, "healthy with a good grant", healthy)
	if exp := scrape(t, base)[`rmad_oauth_token_expiry_timestamp_seconds{provider="m365"}`]; exp < float64(time.Now().Add(50*time.Minute).Unix()) {
		t.Fatalf("token expiry gauge %v, want the token's expiry about an hour ahead", exp)
	}

	// Expiry mid-session: the issuer ends the token early and Dovecot drops
	// the session; the watcher's next login is refused, the stored token is
	// invalidated, a fresh one logs in, and the next mail is delivered.
	iss.ExpireAccess()
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := dove.Restart(rctx); err != nil {
		t.Fatal(err)
	}
	w.deliver(deskRMA, strings.Replace(request("oauth-3@customer.example", "", requestBody), "Server will not power on", "Second unit dead", 1))
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		db.QueryRow(ctx, `SELECT count(*) FROM tickets`).Scan(&tickets)
		if tickets == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no delivery after the token expired mid-session: %d tickets", tickets)
		}
	}
	var sealed2 []byte
	if err := db.QueryRow(ctx, `SELECT access_token FROM oauth_tokens WHERE provider = 'm365'`).Scan(&sealed2); err != nil || bytes.Equal(sealed2, sealed) {
		t.Fatalf("the expired token was not replaced: %v", err)
	}

	// Revoked: Dovecot's restart makes the watcher log in again; the token
	// is refused, the refresh answers invalid_client.
	iss.RevokeClient()
	iss.ExpireAccess()
	if err := dove.Restart(rctx); err != nil {
		t.Fatal(err)
	}
	var notices int
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if err := db.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE template = 'agent_oauth_revoked'`).Scan(&notices); err != nil {
			t.Fatal(err)
		}
		if notices > 0 || time.Now().After(deadline) {
			break
		}
	}
	var to []string
	var subject string
	if err := db.QueryRow(ctx, `SELECT to_addresses, subject FROM outbox WHERE template = 'agent_oauth_revoked'`).Scan(&to, &subject); err != nil {
		t.Fatalf("no revocation notice queued (%d): %v", notices, err)
	}
	if len(to) != 1 || to[0] != deskAgent || !strings.Contains(subject, "rma") {
		t.Fatalf("notice to %v, subject %q", to, subject)
	}
	var reason string
	if err := db.QueryRow(ctx, `SELECT revoked_reason FROM oauth_tokens WHERE provider = 'm365' AND revoked_at IS NOT NULL`).Scan(&reason); err != nil || !strings.Contains(reason, "invalid_client") {
		t.Fatalf("revocation not recorded: %q %v", reason, err)
	}
	// /healthz names the provider and the mailboxes that depend on it.
	waitHealth(t, base, 10*time.Second, "the revoked grant", failing("oauth", "m365", "rma", "smtp"))
	// The support mailbox logs in with its password and keeps flowing.
	w.deliver(deskSupport, strings.Replace(request("oauth-2@customer.example", "", requestBody), "To: "+deskRMA, "To: "+deskSupport, 1))
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		db.QueryRow(ctx, `SELECT count(*) FROM tickets`).Scan(&tickets)
		if tickets == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the support mailbox stopped with the rma grant: %d tickets", tickets)
		}
	}
	// Still one notice, however often the watcher and the sender retried.
	if err := db.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE template = 'agent_oauth_revoked'`).Scan(&notices); err != nil || notices != 1 {
		t.Fatalf("%d revocation notices, want 1", notices)
	}
}

// syncWriter is a buffer one goroutine writes while another reads.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// `rmad oauth login` runs the device-code flow against the issuer and
// stores the refresh token; `rmad oauth status` shows it, without secrets.
func TestOAuthLoginAndStatus(t *testing.T) {
	iss, err := oauthtest.Start(oauthtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { iss.Close() })
	cfgFile := filepath.Join(t.TempDir(), "rmad.toml")
	cfg := `database_url = "` + pgtest.NewDB(t) + `"
token_key = "` + testTokenKey + `"
[smtp]
url = "smtp://127.0.0.1:2525?tls=none"
[[mailbox]]
name = "rma"
role = "rma"
address = "rma@desk.example"
url = "imap://rma%40desk.example@127.0.0.1:1143/INBOX?tls=none&auth=xoauth2&oauth=gmail"
[oauth.gmail]
provider = "generic"
flow = "refresh_token"
token_url = "` + iss.TokenURL() + `"
device_auth_url = "` + iss.DeviceAuthURL() + `"
client_id = "` + iss.ClientID() + `"
`
	if err := os.WriteFile(cfgFile, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cli := func(stdout io.Writer, args ...string) (int, string) {
		var stderr bytes.Buffer
		code := run(context.Background(), &cliEnv{stdout: stdout, stderr: &stderr, stdin: strings.NewReader(""), environ: nil}, args)
		return code, stderr.String()
	}
	var out bytes.Buffer
	if code, _ := cli(&out, "oauth", "--help"); code != 0 || !strings.Contains(out.String(), "oauth login NAME") {
		t.Fatalf("--help: %d %s", code, out.String())
	}
	if code, stderr := cli(&out, "oauth", "login", "nope", "--config", cfgFile); code != 2 || !strings.Contains(stderr, "no [oauth.nope]") {
		t.Fatalf("unknown provider: %d %s", code, stderr)
	}
	out.Reset()
	cli(&out, "oauth", "status", "--config", cfgFile)
	if !strings.Contains(out.String(), "not signed in: rmad oauth login gmail") {
		t.Fatalf("status before login:\n%s", out.String())
	}

	login := &syncWriter{}
	done := make(chan int, 1)
	go func() {
		code, stderr := cli(login, "oauth", "login", "--config", cfgFile, "gmail")
		if code != 0 {
			t.Errorf("login: exit %d: %s", code, stderr)
		}
		done <- code
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code, err := iss.WaitDeviceCode(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := iss.ApproveDevice(code, "rma@desk.example"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatalf("login did not finish; output:\n%s", login.String())
	}
	if !strings.Contains(login.String(), "enter the code "+code) || !strings.Contains(login.String(), "/verify") {
		t.Fatalf("login output:\n%s", login.String())
	}
	out.Reset()
	if code, stderr := cli(&out, "oauth", "status", "--json", "--config", cfgFile); code != 0 {
		t.Fatalf("status: %d %s", code, stderr)
	}
	var st []struct {
		Provider  string     `json:"provider"`
		SignedIn  bool       `json:"signed_in"`
		Expires   *time.Time `json:"expires"`
		Mailboxes []string   `json:"mailboxes"`
	}
	if err := json.Unmarshal(out.Bytes(), &st); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if len(st) != 1 || !st[0].SignedIn || st[0].Expires == nil || st[0].Mailboxes[0] != "rma" || strings.Contains(out.String(), "rt-") || strings.Contains(out.String(), "at-") {
		t.Fatalf("status after login: %s", out.String())
	}
	// The refresh token is stored sealed.
	db := connect(t, strings.Split(strings.Split(cfg, "\n")[0], `"`)[1])
	var rt []byte
	if err := db.QueryRow(context.Background(), `SELECT refresh_token FROM oauth_tokens WHERE provider = 'gmail'`).Scan(&rt); err != nil || len(rt) == 0 || bytes.Contains(rt, []byte("rt-")) {
		t.Fatalf("refresh token: %v", err)
	}
}
