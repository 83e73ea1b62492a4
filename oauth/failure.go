package oauth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/oauth2"

	"rmad/config"
	"rmad/store"
)

// failed records a failed refresh in the locked row and commits: a
// revocation (once per credential, with its notice) or a failure to retry
// after a backoff. It returns the error for the caller.
func (s *Source) failed(ctx context.Context, tx pgx.Tx, row store.OAuthToken, cred []byte, now time.Time, ferr error) error {
	if errors.Is(ferr, errNoGrant) {
		s.setNoGrant()
		return errorf(s.name, ErrNoGrant)
	}
	if reason, ok := permanent(ferr); ok {
		var ie *issuerError
		if errors.As(ferr, &ie) {
			reason = ie.scrubText(reason) // the issuer's description may echo the form too
		}
		return s.revoked(ctx, tx, row, cred, now, reason)
	}
	if ctx.Err() != nil && !errors.Is(ferr, context.DeadlineExceeded) {
		return errorf(s.name, ferr) // shutting down: not the issuer's failure
	}
	row.Failures++
	row.LastError = shorten(ferr.Error())
	if row.FailingSince == nil {
		row.FailingSince = &now
	}
	next := now.Add(s.m.backoff(row.Failures))
	row.NextTryAt = &next
	// The commit needs its own deadline: the issuer may have used up ctx's.
	cctx, cancel := s.m.dbCtx(context.WithoutCancel(ctx))
	defer cancel()
	if err := store.SaveOAuthToken(cctx, tx, row, now); err != nil {
		return errorf(s.name, errors.Join(ferr, err))
	}
	if err := tx.Commit(cctx); err != nil {
		return errorf(s.name, errors.Join(ferr, err))
	}
	s.observe(row)
	s.m.log.Warn("oauth: token refresh failed; retrying later", "oauth", s.name, "err", row.LastError,
		"attempts", row.Failures, "next", next, "mailboxes", s.users)
	return errorf(s.name, fmt.Errorf("refresh: %w", ferr))
}

// revoked records a grant the issuer refused for good. Only the process
// that records it for this credential first queues the notice and logs it
// per mailbox; the row lock makes that one process.
func (s *Source) revoked(ctx context.Context, tx pgx.Tx, row store.OAuthToken, cred []byte, now time.Time, reason string) error {
	reason = shorten(reason)
	row.RevokedAt, row.RevokedReason, row.RevokedFor = &now, reason, cred
	row.AccessToken, row.AccessSHA, row.ExpiresAt = nil, nil, nil
	row.Failures, row.LastError, row.NextTryAt = row.Failures+1, reason, nil
	if row.FailingSince == nil {
		row.FailingSince = &now
	}
	cctx, cancel := s.m.dbCtx(context.WithoutCancel(ctx))
	defer cancel()
	if err := store.SaveOAuthToken(cctx, tx, row, now); err != nil {
		return errorf(s.name, err)
	}
	if n := s.m.opts.Notifier; n != nil {
		if err := n.OAuthRevoked(cctx, tx, Revocation{Provider: s.name, Mailboxes: s.users, Reason: reason, At: now}); err != nil {
			return errorf(s.name, fmt.Errorf("queue the revocation notice: %w", err))
		}
	}
	if err := tx.Commit(cctx); err != nil {
		return errorf(s.name, err)
	}
	s.mu.Lock()
	s.cached = ""
	s.mu.Unlock()
	s.observe(row)
	for _, mb := range s.users {
		s.m.log.Error("oauth: grant revoked; this mailbox cannot log in until someone signs in again (rmad oauth login) or fixes the credentials",
			"mailbox", mb, "oauth", s.name, "reason", reason)
	}
	return errorf(s.name, fmt.Errorf("%w: %s", ErrRevoked, reason))
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// observe records what the row says, for Problems, Expiry and Run.
func (s *Source) observe(row store.OAuthToken) {
	var st status
	if row.ExpiresAt != nil && len(row.AccessToken) > 0 {
		st.expires, st.due = *row.ExpiresAt, s.dueAt(row)
	}
	if row.RefreshedAt != nil {
		st.refreshed = *row.RefreshedAt
	}
	if row.FailingSince != nil {
		st.failingSince = *row.FailingSince
	}
	if row.NextTryAt != nil {
		st.nextTry = *row.NextTryAt
	}
	st.lastError = row.LastError
	if row.RevokedAt != nil {
		st.revokedAt, st.revokedReason = *row.RevokedAt, row.RevokedReason
	}
	st.noGrant = s.flow.needsRefreshToken() && len(row.RefreshToken) == 0
	s.mu.Lock()
	s.st = st
	s.mu.Unlock()
}

func (s *Source) setNoGrant() {
	s.mu.Lock()
	s.st.noGrant = true
	s.mu.Unlock()
}

func (s *Source) snapshot() status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

func (s *Source) problem(now time.Time) (Problem, bool) {
	st := s.snapshot()
	p := Problem{Provider: s.name, Mailboxes: s.users}
	switch {
	case st.badKey:
		p.Reason = errBadKey.Error()
	case !st.revokedAt.IsZero():
		p.Reason, p.Since = "grant revoked: "+st.revokedReason, st.revokedAt
	case st.noGrant:
		p.Reason = "not signed in: run `rmad oauth login " + s.name + "`"
	case !st.failingSince.IsZero() && !now.Before(st.expires):
		p.Reason, p.Since = "token expired and refresh failing: "+st.lastError, st.failingSince
	default:
		return p, false
	}
	return p, true
}

// nextCheck is when Run should look at the provider again.
func (s *Source) nextCheck() time.Time {
	st := s.snapshot()
	switch {
	case !st.revokedAt.IsZero(), st.noGrant:
		return time.Time{}
	case !st.nextTry.IsZero():
		return st.nextTry
	default:
		return st.due
	}
}

// checkAnswer refuses an answer rmad cannot use: no access token, or one
// with characters no token has (RFC 6750 section 2.1: b64token). A CR LF
// would end the IMAP or SMTP line and a ^A add fields to the XOAUTH2 string
// if it ever reached a server unencoded; refused, it counts as the issuer's
// temporary failure (a backoff), not a revocation.
func checkAnswer(tok *oauth2.Token) error {
	if tok.AccessToken == "" {
		return errors.New("the issuer's answer has no access_token")
	}
	if strings.ContainsFunc(tok.AccessToken, func(r rune) bool { return r <= ' ' || r >= 0x7f }) {
		return errors.New("the issuer's access_token holds white space or control characters")
	}
	return nil
}

// issuerError is a failed request to the issuer as rmad shows it: shortened
// and scrubbed of the credentials it was sent, since x/oauth2 quotes the
// answer's body (a megabyte of HTML, or an issuer echoing the form it got,
// client_secret and refresh_token included) and the text goes into the
// row, `rmad oauth status`, /healthz and every mailbox's log. Unwrap keeps
// the original for errors.Is and errors.As.
type issuerError struct {
	msg       string
	err       error
	scrubText func(string) string
}

func (e *issuerError) Error() string { return e.msg }
func (e *issuerError) Unwrap() error { return e.err }

func (s *Source) scrub(err error, refresh string) error {
	scrub := func(text string) string { return s.scrubText(text, refresh) }
	return &issuerError{msg: scrub(err.Error()), err: err, scrubText: scrub}
}

// scrubText removes the credentials of this provider from text, and the
// secrets Redact recognises (key=value pairs named secret, token, ...).
func (s *Source) scrubText(text, refresh string) string {
	for _, secret := range []string{s.m.cfg[s.name].ClientSecret, refresh} {
		if len(secret) >= 4 {
			text = strings.ReplaceAll(text, secret, config.Redacted)
		}
	}
	return shorten(config.Redact(text))
}

// open decrypts a stored token. A token that does not decrypt (token_key
// changed, or differs between processes) is a problem for /healthz until
// the row is read again: no mailbox of the provider can log in, and the
// SMTP sender has no connection state to show it.
func (s *Source) open(field string, sealed []byte) (string, error) {
	plain, err := s.m.seal.open(s.name, field, sealed)
	if errors.Is(err, errBadKey) {
		s.mu.Lock()
		s.st.badKey = true
		s.mu.Unlock()
	}
	return plain, err
}
