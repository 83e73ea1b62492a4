package smtptest

// AUTH XOAUTH2 and OAUTHBEARER, each token checked against an RFC 7662
// introspection endpoint (rmad/internal/oauthtest's), as Dovecot's oauth2
// passdb checks IMAP logins.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// XOAuth2 is the mechanism's name.
const XOAuth2 = "XOAUTH2"

var introspectClient = &http.Client{Timeout: 10 * time.Second}

// introspect asks the endpoint whether token is active for user.
func (s *Server) introspect(user, token string) error {
	resp, err := introspectClient.PostForm(s.opts.IntrospectURL, url.Values{"token": {token}})
	if err != nil {
		return &smtp.SMTPError{Code: 454, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "Temporary authentication failure"}
	}
	defer resp.Body.Close()
	var v struct {
		Active   bool   `json:"active"`
		Username string `json:"username"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || !v.Active || !strings.EqualFold(v.Username, user) {
		return smtp.ErrAuthFailed
	}
	return nil
}

// xoauth2Server is the server side of XOAUTH2: an initial response
// "user=U^Aauth=Bearer T^A^A"; a refusal is a JSON challenge, the client's
// empty answer, then 535.
type xoauth2Server struct {
	check   func(user, token string) error
	failErr error
	onUser  func(string)
}

func (x *xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	if x.failErr != nil {
		return nil, true, x.failErr
	}
	if resp == nil {
		return []byte{}, false, nil
	}
	var user, token string
	for _, f := range bytes.Split(resp, []byte{1}) {
		k, v, _ := strings.Cut(string(f), "=")
		switch {
		case k == "user":
			user = v
		case k == "auth" && strings.HasPrefix(v, "Bearer "):
			token = strings.TrimPrefix(v, "Bearer ")
		}
	}
	if user == "" || token == "" {
		return nil, true, errors.New("malformed XOAUTH2 response")
	}
	if err := x.check(user, token); err != nil {
		x.failErr = err
		return []byte(`{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}`), false, nil
	}
	x.onUser(user)
	return nil, true, nil
}

func (se *session) oauth2Server(mech string) (sasl.Server, error) {
	switch mech {
	case XOAuth2:
		return &xoauth2Server{check: se.s.introspect, onUser: func(u string) { se.user = u }}, nil
	case sasl.OAuthBearer:
		return bearerRefusal{sasl.NewOAuthBearerServer(func(o sasl.OAuthBearerOptions) *sasl.OAuthBearerError {
			if err := se.s.introspect(o.Username, o.Token); err != nil {
				return &sasl.OAuthBearerError{Status: "invalid_token", Schemes: "bearer"}
			}
			se.user = o.Username
			return nil
		})}, nil
	default:
		return nil, fmt.Errorf("smtptest: %w", smtp.ErrAuthUnknownMechanism)
	}
}

// bearerRefusal ends a refused OAUTHBEARER exchange with 535 5.7.8, as
// Gmail and Dovecot's submission do, where go-smtp would answer go-sasl's
// error with a temporary 454.
type bearerRefusal struct{ sasl.Server }

func (b bearerRefusal) Next(resp []byte) ([]byte, bool, error) {
	challenge, done, err := b.Server.Next(resp)
	var be *sasl.OAuthBearerError
	if errors.As(err, &be) {
		err = smtp.ErrAuthFailed
	}
	return challenge, done, err
}
