package mailout_test

import (
	"strings"
	"testing"

	"rmad/internal/oauthtest"
	"rmad/internal/smtptest"
	"rmad/mailout"
)

// SMTP AUTH XOAUTH2 and OAUTHBEARER against a sink that checks each token
// with the issuer: mail goes out as the token's user, by the mechanism the
// URL named; a token the issuer ended early is refused with 535, refreshed
// once, and the mail still goes out.
func TestXOAuth2(t *testing.T) {
	for _, mech := range []struct{ auth, sasl string }{{mailout.AuthXOAuth2, "XOAUTH2"}, {mailout.AuthOAuthBearer, "OAUTHBEARER"}} {
		t.Run(mech.sasl, func(t *testing.T) { testTokenAuth(t, mech.auth, mech.sasl) })
	}
}

func testTokenAuth(t *testing.T, auth, mech string) {
	const user = "support@example.com"
	iss, err := oauthtest.Start(oauthtest.Options{AppUser: user})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { iss.Close() })
	h := newHarness(t, smtptest.Options{IntrospectURL: iss.IntrospectURL()})
	src := iss.ClientTokens()
	h.cfg.Username, h.cfg.Auth, h.cfg.Tokens = user, auth, src

	h.q.add(mailTo(1, "a@customer.example"))
	if sent, err := h.sendDue(); err != nil || sent != 1 {
		t.Fatalf("SendDue = %d, %v", sent, err)
	}
	if got := h.sink.Messages(); len(got) != 1 || got[0].User != user || got[0].Mech != mech {
		t.Fatalf("sink: %+v", got)
	}
	wantCalls(t, h.q, 1, "sent")

	iss.ExpireAccess()
	h.q.add(mailTo(2, "b@customer.example"))
	if sent, err := h.sendDue(); err != nil || sent != 1 {
		t.Fatalf("after the early expiry: SendDue = %d, %v", sent, err)
	}
	if src.Invalidations() != 1 || len(h.sink.Messages()) != 2 || !strings.Contains(h.logs.String(), "refused the access token") {
		t.Fatalf("invalidated %d, sink %d, logs:\n%s", src.Invalidations(), len(h.sink.Messages()), h.logs)
	}
	wantCalls(t, h.q, 2, "sent")

	// Revoked: both tokens are refused; the batch waits for a retry.
	iss.RevokeClient()
	iss.ExpireAccess()
	h.q.add(mailTo(3, "c@customer.example"))
	if sent, err := h.sendDue(); err == nil || sent != 0 {
		t.Fatalf("revoked: SendDue = %d, %v; want an error", sent, err)
	}
	wantCalls(t, h.q, 3, "retry")
	if len(h.sink.Messages()) != 2 {
		t.Fatal("a mail went out without a valid token")
	}
}
