package oauth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/oauth2"

	"rmad/store"
)

// ErrRevoked means the issuer refused the grant for good: a person must
// sign in again (`rmad oauth login`) or fix the configured credentials.
var ErrRevoked = errors.New("grant revoked")

// ErrNoGrant means a refresh_token provider has no refresh token yet.
var ErrNoGrant = errors.New("not signed in: run `rmad oauth login`")

// Source hands out one provider's access tokens. It is safe for concurrent
// use; the mailboxes and the SMTP sender share it.
type Source struct {
	m     *Manager
	name  string
	flow  flow
	users []string

	// refresh serialises this process's refreshes; the row lock does the
	// same across processes.
	refresh sync.Mutex

	mu     sync.Mutex
	cached string
	st     status
}

// status is what this process last knew of the row, for Problems and Expiry.
type status struct {
	expires, refreshed, failingSince, nextTry time.Time
	lastError                                 string
	revokedAt                                 time.Time
	revokedReason                             string
	noGrant                                   bool
	badKey                                    bool      // a stored token did not decrypt with token_key
	due                                       time.Time // when the token should be refreshed
}

// Token returns an access token valid now, refreshing it when it is due.
func (s *Source) Token(ctx context.Context) (string, error) {
	now := s.m.opts.Now()
	s.mu.Lock()
	tok, st := s.cached, s.st
	s.mu.Unlock()
	if tok != "" && now.Before(st.due) {
		return tok, nil
	}
	dctx, cancel := s.m.dbCtx(ctx)
	row, err := store.GetOAuthToken(dctx, s.m.db, s.name)
	cancel()
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", errorf(s.name, err)
	}
	if tok, ok, err := s.fromRow(row, now); err != nil || ok {
		return tok, err
	}
	return s.refreshToken(ctx)
}

// fromRow takes the stored token when it is not due; ok false means a
// refresh is needed.
func (s *Source) fromRow(row store.OAuthToken, now time.Time) (string, bool, error) {
	s.observe(row)
	if row.ExpiresAt == nil || len(row.AccessToken) == 0 || !now.Before(s.dueAt(row)) {
		return "", false, nil
	}
	tok, err := s.open("access_token", row.AccessToken)
	if err != nil {
		return "", false, errorf(s.name, err)
	}
	s.mu.Lock()
	s.cached = tok
	s.mu.Unlock()
	return tok, true, nil
}

// dueAt is when the row's access token should be refreshed: a quarter of
// its life before it expires, at most Ahead.
func (s *Source) dueAt(row store.OAuthToken) time.Time {
	if row.ExpiresAt == nil {
		return time.Time{}
	}
	ahead := s.m.opts.Ahead
	if row.RefreshedAt != nil {
		ahead = min(ahead, row.ExpiresAt.Sub(*row.RefreshedAt)/4)
	}
	return row.ExpiresAt.Add(-ahead)
}

// Invalidate tells the source that a server refused token: it is not handed
// out again, in this process or another.
func (s *Source) Invalidate(ctx context.Context, token string) {
	s.mu.Lock()
	if s.cached == token {
		s.cached = ""
	}
	s.mu.Unlock()
	dctx, cancel := s.m.dbCtx(ctx)
	defer cancel()
	if err := store.ExpireOAuthAccess(dctx, s.m.db, s.name, digest(token), s.m.opts.Now()); err != nil {
		s.m.log.Warn("oauth: cannot mark a refused token expired", "oauth", s.name, "err", err)
	}
}

// refreshToken refreshes under the row lock. See the package doc.
func (s *Source) refreshToken(ctx context.Context) (string, error) {
	s.refresh.Lock()
	defer s.refresh.Unlock()
	// The lock is held across the issuer's answer: bound the whole step.
	tctx, cancel := context.WithTimeout(ctx, s.m.opts.RequestTimeout+2*s.m.opts.DBTimeout)
	defer cancel()
	tx, err := s.m.db.Begin(tctx)
	if err != nil {
		return "", errorf(s.name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	row, err := store.LockOAuthToken(tctx, tx, s.name)
	if err != nil {
		return "", errorf(s.name, err)
	}
	now := s.m.opts.Now()
	// Another process may have refreshed while this one waited for the lock.
	if tok, ok, err := s.fromRow(row, now); err != nil || ok {
		return tok, err
	}
	refresh, err := s.open("refresh_token", row.RefreshToken)
	if err != nil {
		return "", errorf(s.name, err)
	}
	if s.flow.needsRefreshToken() && refresh == "" {
		s.setNoGrant()
		return "", errorf(s.name, ErrNoGrant)
	}
	cred := digest(s.flow.credential(refresh))
	if row.RevokedAt != nil && bytes.Equal(row.RevokedFor, cred) {
		return "", errorf(s.name, fmt.Errorf("%w: %s", ErrRevoked, row.RevokedReason))
	}
	if row.NextTryAt != nil && now.Before(*row.NextTryAt) {
		return s.untilRetry(row, now)
	}
	fctx, fcancel := context.WithTimeout(context.WithValue(tctx, oauth2.HTTPClient, s.m.opts.HTTPClient), s.m.opts.RequestTimeout)
	tok, ferr := s.flow.fetch(fctx, refresh)
	fcancel()
	if ferr == nil {
		ferr = checkAnswer(tok)
	}
	if ferr != nil {
		ferr = s.scrub(ferr, refresh)
		return "", s.failed(tctx, tx, row, cred, now, ferr)
	}
	return s.store(tctx, tx, row, refresh, tok, now)
}

// untilRetry: a refresh failed lately and its backoff has not ended; a
// token that has not expired yet is still good.
func (s *Source) untilRetry(row store.OAuthToken, now time.Time) (string, error) {
	if row.ExpiresAt != nil && now.Before(*row.ExpiresAt) && len(row.AccessToken) > 0 {
		tok, err := s.open("access_token", row.AccessToken)
		if err != nil {
			return "", errorf(s.name, err)
		}
		return tok, nil
	}
	return "", errorf(s.name, fmt.Errorf("refresh failed (%s); next try at %s", row.LastError, row.NextTryAt.Format(time.RFC3339)))
}

// store writes a new token, and a rotated refresh token, then commits; only
// then is the token handed out.
func (s *Source) store(ctx context.Context, tx pgx.Tx, row store.OAuthToken, refresh string, tok *oauth2.Token, now time.Time) (string, error) {
	if tok.RefreshToken != "" && tok.RefreshToken != refresh {
		row.RefreshToken = s.m.seal.seal(s.name, "refresh_token", tok.RefreshToken)
	}
	exp := expiry(tok, now)
	row.AccessToken = s.m.seal.seal(s.name, "access_token", tok.AccessToken)
	row.AccessSHA = digest(tok.AccessToken)
	row.ExpiresAt, row.RefreshedAt = &exp, &now
	row.Failures, row.LastError, row.FailingSince, row.NextTryAt = 0, "", nil, nil
	wasRevoked := row.RevokedAt != nil
	row.RevokedAt, row.RevokedReason, row.RevokedFor = nil, "", nil
	if err := store.SaveOAuthToken(ctx, tx, row, now); err != nil {
		return "", errorf(s.name, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return "", errorf(s.name, fmt.Errorf("commit the new token (not used): %w", err))
	}
	s.observe(row)
	s.mu.Lock()
	s.cached = tok.AccessToken
	s.mu.Unlock()
	if wasRevoked {
		s.m.log.Info("oauth: grant works again", "oauth", s.name, "mailboxes", s.users)
	}
	return tok.AccessToken, nil
}

// expiry is when tok expires by the clock of now: expires_in counts from
// the answer. x/oauth2 converts it to an Expiry by the real clock, and
// keeps the number itself only on some paths (Extra has it on all).
func expiry(tok *oauth2.Token, now time.Time) time.Time {
	secs := tok.ExpiresIn
	if secs <= 0 {
		switch v := tok.Extra("expires_in").(type) {
		case float64:
			secs = int64(v)
		case string:
			secs, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	switch {
	case secs > 0:
		return now.Add(time.Duration(secs) * time.Second)
	case tok.Expiry.After(now):
		return tok.Expiry
	default:
		// Also a zero or negative expires_in (x/oauth2 then sets an Expiry
		// in the past): taken as is, the token would be due at once and
		// every Token call would ask the issuer again. A server that
		// refuses it sends rmad back to the issuer anyway.
		return now.Add(time.Hour) // no expiry given: look again in an hour
	}
}
