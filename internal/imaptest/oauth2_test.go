package imaptest_test

import (
	"errors"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"rmad/internal/imaptest"
	"rmad/internal/oauthtest"
)

// xoauth2 is the client side of Google's XOAUTH2, enough for this test.
type xoauth2 struct{ user, token string }

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}
func (x xoauth2) Next([]byte) ([]byte, error) { return []byte{1}, nil }

// oauthBearer is go-sasl's OAUTHBEARER client answering the server's error
// challenge with the %x01 RFC 7628 asks for (go-sasl returns an error
// instead, which would leave the IMAP command open).
func oauthBearer(user, token string) sasl.Client {
	return bearer{sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: user, Token: token})}
}

type bearer struct{ sasl.Client }

func (b bearer) Next([]byte) ([]byte, error) { return []byte{1}, nil }

func TestDovecotOAuth2(t *testing.T) {
	iss, err := oauthtest.Start(oauthtest.Options{AppUser: "ann@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { iss.Close() })
	d := imaptest.NewDovecotWith(t, imaptest.DovecotOptions{OAuth2IntrospectURL: iss.IntrospectURL()})
	for _, u := range []string{"ann@example.com", "bob@example.com"} {
		if err := d.AddUser(u, "pw"); err != nil {
			t.Fatal(err)
		}
	}
	tok := issuerToken(t, iss, url.Values{"grant_type": {"client_credentials"}})
	bobs := issuerToken(t, iss, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {iss.Grant("bob@example.com")}})
	login := func(c sasl.Client) error {
		conn, err := net.DialTimeout("tcp", d.Addr(), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		cl := imapclient.New(conn, nil)
		defer cl.Close()
		if err := cl.WaitGreeting(); err != nil {
			t.Fatal(err)
		}
		return cl.Authenticate(c)
	}
	// Each token logs in as its user, with either mechanism.
	if err := login(xoauth2{"ann@example.com", tok}); err != nil {
		t.Fatalf("xoauth2: %v\n%s", err, d.Log())
	}
	if err := login(oauthBearer("bob@example.com", bobs)); err != nil {
		t.Fatalf("oauthbearer: %v", err)
	}
	// Another user's token, a made-up one and an expired one are refused
	// with AUTHENTICATIONFAILED.
	for _, bad := range []struct{ user, tok string }{{"bob@example.com", tok}, {"ann@example.com", "at-forged"}, {"ann@example.com", tok}} {
		if bad.tok == tok && bad.user == "ann@example.com" {
			iss.ExpireAccess()
		}
		err := login(xoauth2{bad.user, bad.tok})
		var ie *imap.Error
		if !errors.As(err, &ie) || ie.Code != imap.ResponseCodeAuthenticationFailed {
			t.Fatalf("%s with token %s: err = %v, want AUTHENTICATIONFAILED", bad.user, bad.tok, err)
		}
	}
	// Passwords still work beside the tokens.
	if _, err := d.Messages(t.Context(), "ann@example.com", "pw", "INBOX"); err != nil {
		t.Fatalf("password login: %v", err)
	}
}
