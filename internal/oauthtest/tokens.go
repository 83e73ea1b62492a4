package oauthtest

import (
	"context"
	"sync"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// Tokens is a token source over the issuer's client credentials for the
// tests of what uses tokens (the IMAP watcher, the SMTP sender): it caches
// a token until it is invalidated and counts the invalidations. rmad/oauth's
// own tests cover the real source's storage and refresh.
type Tokens struct {
	cfg clientcredentials.Config

	mu          sync.Mutex
	cached      string
	invalidated int
}

// ClientTokens returns a Tokens for the issuer's client.
func (i *Issuer) ClientTokens() *Tokens {
	return &Tokens{cfg: clientcredentials.Config{ClientID: i.ClientID(), ClientSecret: i.ClientSecret(),
		TokenURL: i.TokenURL(), AuthStyle: oauth2.AuthStyleInParams}}
}

// Token returns the cached token, or a new one from the issuer.
func (s *Tokens) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached == "" {
		tok, err := s.cfg.Token(ctx)
		if err != nil {
			return "", err
		}
		s.cached = tok.AccessToken
	}
	return s.cached, nil
}

// Invalidate drops tok if it is the cached one, and counts the call.
func (s *Tokens) Invalidate(_ context.Context, tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invalidated++
	if s.cached == tok {
		s.cached = ""
	}
}

// Invalidations counts the Invalidate calls so far.
func (s *Tokens) Invalidations() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.invalidated
}
