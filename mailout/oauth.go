package mailout

// SMTP AUTH XOAUTH2 or OAUTHBEARER (RFC 7628) with an OAuth2 access token
// (Microsoft 365, Google Workspace), instead of a password.

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"

	"github.com/emersion/go-sasl"
	gomail "github.com/wneessen/go-mail"
	gosmtp "github.com/wneessen/go-mail/smtp"
)

// TokenSource gives access tokens; cmd/rmad wires rmad/oauth in.
type TokenSource interface {
	// Token returns a token valid now.
	Token(ctx context.Context) (string, error)
	// Invalidate reports a token the server refused.
	Invalidate(ctx context.Context, token string)
}

// The token mechanisms of SMTP.Auth: both providers take XOAUTH2; OAUTHBEARER
// is the standard one (Google, and servers such as Dovecot's submission).
const (
	AuthXOAuth2     = "xoauth2"
	AuthOAuthBearer = "oauthbearer"
)

// connect dials like dial, with a fresh token when SMTP.Auth asks for one. A
// token refused with 535 (expired or revoked early) is invalidated and the
// dial tried once more with a new one.
func (s *Sender) connect(ctx context.Context) (*gomail.Client, *gosmtp.Client, error) {
	if s.smtp.Auth == "" {
		return s.dial(ctx, nil)
	}
	if s.smtp.Tokens == nil {
		return nil, nil, errors.New("smtp auth xoauth2 without a token source")
	}
	for try := 1; ; try++ {
		tok, err := s.smtp.Tokens.Token(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("access token: %w", err)
		}
		auth := gomail.WithSMTPAuthCustom(gosmtp.XOAuth2Auth(s.smtp.Username, tok))
		if s.smtp.Auth == AuthOAuthBearer {
			auth = gomail.WithSMTPAuthCustom(oauthBearer{sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{
				Username: s.smtp.Username, Token: tok, Host: s.smtp.Host, Port: s.smtp.Port})})
		}
		client, conn, err := s.dial(ctx, auth)
		var te *textproto.Error
		if err == nil || try > 1 || !errors.As(err, &te) || te.Code != 535 {
			return client, conn, err
		}
		s.log.Info("mailout: the server refused the access token; trying a fresh one", "err", err)
		s.smtp.Tokens.Invalidate(ctx, tok)
	}
}

// oauthBearer speaks go-sasl's OAUTHBEARER client through go-mail's Auth.
// go-sasl formats the initial response (RFC 7628 section 3.1); a refusal is
// a JSON challenge the client must answer with a lone ^A (section 3.2.3) so
// that the server ends the exchange with its 535, which connect's retry with
// a fresh token looks for.
type oauthBearer struct{ c sasl.Client }

func (a oauthBearer) Start(*gosmtp.ServerInfo) (string, []byte, error) { return a.c.Start() }

func (a oauthBearer) Next(_ []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	return []byte{1}, nil
}
