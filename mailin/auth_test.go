package mailin

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"rmad/internal/imaptest"
	"rmad/internal/oauthtest"
)

func oauthDovecot(t *testing.T) (server, *oauthtest.Issuer, *oauthtest.Tokens) {
	t.Helper()
	iss, err := oauthtest.Start(oauthtest.Options{AppUser: testUser})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { iss.Close() })
	d := imaptest.NewDovecotWith(t, imaptest.DovecotOptions{OAuth2IntrospectURL: iss.IntrospectURL()})
	if err := d.AddUser(testUser, testPass); err != nil {
		t.Fatal(err)
	}
	src := iss.ClientTokens()
	return server{d, d}, iss, src
}

// The token expires while the watcher is connected (the issuer ends it
// early, so the cached token looks valid): after the server drops the
// session, the reconnect's AUTHENTICATE is refused, the token invalidated,
// a fresh one logs in and the mail after the expiry is delivered.
func TestOAuth2ExpiryMidSession(t *testing.T) {
	for _, mech := range []string{AuthXOAuth2, AuthOAuthBearer} {
		t.Run(mech, func(t *testing.T) {
			t.Parallel()
			srv, iss, src := oauthDovecot(t)
			sink := newMemSink()
			log := newLogRecorder(t)
			mb := testMailbox(srv)
			mb.Password, mb.Auth, mb.Tokens = "", mech, src
			r := start(t, NewWatcher(mb, sink, testOptions(t, log)))
			uids := appendMsgs(t, srv, "INBOX", rawMsg(1, "before expiry"))
			eventually(t, 10*time.Second, "delivery with the first token", func() bool { return sink.mark("support").UID == uids[0] })

			iss.ExpireAccess()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if err := srv.dovecot.Restart(ctx); err != nil {
				t.Fatal(err)
			}
			uids = append(uids, appendMsgs(t, srv, "INBOX", rawMsg(2, "after expiry"))...)
			eventually(t, 10*time.Second, "delivery after the expiry", func() bool { return sink.mark("support").UID == uids[1] })
			if n := src.Invalidations(); n != 1 {
				t.Errorf("%d invalidations, want 1 (the expired token)", n)
			}
			if log.count("refused the access token") != 1 {
				t.Errorf("the refused token was not logged once:\n%s", log.all())
			}
			settle(t, srv, r, sink)
		})
	}
}

// A token the server refuses twice (revoked) ends the session like a
// wrong password: retried with backoff, logged as an error, nothing else.
func TestOAuth2RevokedTokenRetried(t *testing.T) {
	t.Parallel()
	srv, iss, src := oauthDovecot(t)
	iss.RevokeClient()
	iss.ExpireAccess()
	sink := newMemSink()
	log := newLogRecorder(t)
	mb := testMailbox(srv)
	mb.Password, mb.Auth, mb.Tokens = "", AuthXOAuth2, src
	start(t, NewWatcher(mb, sink, testOptions(t, log)))
	eventually(t, 10*time.Second, "a failed login logged", func() bool { return log.count("access token") > 0 })
	if d, _, _ := sink.snapshot(); len(d) != 0 {
		t.Fatalf("delivered %d without a login", len(d))
	}
}

func TestAuthenticateRefusedIsAuthFailure(t *testing.T) {
	t.Parallel()
	srv, _, _ := oauthDovecot(t)
	mb := testMailbox(srv)
	mb.Auth, mb.Tokens = AuthXOAuth2, staticToken("at-forged")
	w := NewWatcher(mb, newMemSink(), testOptions(t, nil))
	_, err := w.connect(context.Background())
	var ie *imap.Error
	if !errors.As(err, &ie) || ie.Code != imap.ResponseCodeAuthenticationFailed {
		t.Fatalf("err = %v, want AUTHENTICATIONFAILED (logged as an error by Run)", err)
	}
}

type staticToken string

func (s staticToken) Token(context.Context) (string, error) { return string(s), nil }
func (staticToken) Invalidate(context.Context, string)      {}
