package mailout

// SMTP AUTH XOAUTH2 with an OAuth2 access token (Microsoft 365, Google
// Workspace), instead of a password.

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"

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

// AuthXOAuth2 is the one token mechanism of SMTP.Auth (go-mail has no
// OAUTHBEARER; both providers take XOAUTH2).
const AuthXOAuth2 = "xoauth2"

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
		client, conn, err := s.dial(ctx, auth)
		var te *textproto.Error
		if err == nil || try > 1 || !errors.As(err, &te) || te.Code != 535 {
			return client, conn, err
		}
		s.log.Info("mailout: the server refused the access token; trying a fresh one", "err", err)
		s.smtp.Tokens.Invalidate(ctx, tok)
	}
}
