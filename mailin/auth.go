package mailin

// Logging in with an OAuth2 access token (SASL XOAUTH2 or OAUTHBEARER)
// instead of a password: Microsoft 365 and Google Workspace accept nothing
// else.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-sasl"
)

// TokenSource gives access tokens; cmd/rmad wires rmad/oauth in.
type TokenSource interface {
	// Token returns a token valid now.
	Token(ctx context.Context) (string, error)
	// Invalidate reports a token the server refused, so it is not handed
	// out again.
	Invalidate(ctx context.Context, token string)
}

// Auth mechanisms of Mailbox.Auth.
const (
	AuthXOAuth2     = "xoauth2"
	AuthOAuthBearer = "oauthbearer"
)

// login authenticates the new connection: LOGIN with the password, or
// AUTHENTICATE with a token. A token the server refuses (it expired or was
// revoked early) is invalidated and a fresh one tried once on the same
// connection; a second refusal ends the session like a wrong password.
func (w *Watcher) login(ctx context.Context, s *conn) error {
	if w.mb.Auth == "" {
		return s.cmd(func() error { return s.c.Login(w.mb.Username, w.mb.Password).Wait() })
	}
	for try := 1; ; try++ {
		tok, err := w.mb.Tokens.Token(ctx)
		if err != nil {
			return fmt.Errorf("access token: %w", err)
		}
		err = s.cmd(func() error { return s.c.Authenticate(w.saslClient(tok)) })
		var ie *imap.Error
		if err == nil || try > 1 || !errors.As(err, &ie) || ie.Type != imap.StatusResponseTypeNo {
			return err
		}
		w.log.Info("mailin: the server refused the access token; trying a fresh one", "err", err)
		w.mb.Tokens.Invalidate(ctx, tok)
	}
}

func (w *Watcher) saslClient(token string) sasl.Client {
	if w.mb.Auth == AuthOAuthBearer {
		host, port, _ := net.SplitHostPort(w.mb.Addr)
		p, _ := strconv.Atoi(port)
		return finalResponse{sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: w.mb.Username, Token: token, Host: host, Port: p})}
	}
	return xoauth2{user: w.mb.Username, token: token}
}

// xoauth2 is the client side of XOAUTH2 (Google's and Microsoft's
// "user=...^Aauth=Bearer ...^A^A"); go-sasl has no client for it.
type xoauth2 struct{ user, token string }

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next answers the error challenge (a JSON status) a server sends before
// its NO; the server then fails the command with the real reason.
func (x xoauth2) Next([]byte) ([]byte, error) { return []byte{1}, nil }

// finalResponse answers an OAUTHBEARER error challenge with the %x01 of
// RFC 7628 section 3.2.3, so the server ends the command with NO: go-sasl's
// client returns an error there, which would leave the command open. (An
// empty answer goes out as "=", which Dovecot refuses as bad base64.)
type finalResponse struct{ sasl.Client }

func (finalResponse) Next([]byte) ([]byte, error) { return []byte{1}, nil }

func (w *Watcher) validateAuth() error {
	switch w.mb.Auth {
	case "":
	case AuthXOAuth2, AuthOAuthBearer:
		if w.mb.Tokens == nil {
			return fmt.Errorf("mailin: mailbox %s: auth %s without a token source", w.mb.Name, w.mb.Auth)
		}
	default:
		return fmt.Errorf("mailin: mailbox %s: auth %q: want xoauth2 or oauthbearer", w.mb.Name, w.mb.Auth)
	}
	return nil
}
