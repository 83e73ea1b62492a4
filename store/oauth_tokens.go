package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// OAuthToken is the row of one OAuth2 provider. The token columns hold
// ciphertexts: store never sees a token in clear.
type OAuthToken struct {
	Provider      string
	RefreshToken  []byte
	AccessToken   []byte
	AccessSHA     []byte
	ExpiresAt     *time.Time
	RefreshedAt   *time.Time
	Failures      int
	LastError     string
	FailingSince  *time.Time
	NextTryAt     *time.Time
	RevokedAt     *time.Time
	RevokedReason string
	RevokedFor    []byte
	UpdatedAt     time.Time
}

const oauthCols = `provider, refresh_token, access_token, access_sha, expires_at, refreshed_at, failures, last_error,
	failing_since, next_try_at, revoked_at, revoked_reason, revoked_for, updated_at`

func scanOAuthToken(row pgx.Row) (OAuthToken, error) {
	var t OAuthToken
	err := row.Scan(&t.Provider, &t.RefreshToken, &t.AccessToken, &t.AccessSHA, &t.ExpiresAt, &t.RefreshedAt, &t.Failures,
		&t.LastError, &t.FailingSince, &t.NextTryAt, &t.RevokedAt, &t.RevokedReason, &t.RevokedFor, &t.UpdatedAt)
	return t, err
}

// GetOAuthToken reads a provider's row; ErrNotFound when it has none yet.
func GetOAuthToken(ctx context.Context, db DBTX, provider string) (OAuthToken, error) {
	t, err := scanOAuthToken(db.QueryRow(ctx, `SELECT `+oauthCols+` FROM oauth_tokens WHERE provider = $1`, provider))
	if err != nil {
		return t, fmt.Errorf("store: oauth token %s: %w", provider, notFound(err))
	}
	return t, nil
}

// ListOAuthTokens reads every provider's row, by name.
func ListOAuthTokens(ctx context.Context, db DBTX) ([]OAuthToken, error) {
	rows, err := db.Query(ctx, `SELECT `+oauthCols+` FROM oauth_tokens ORDER BY provider`)
	if err != nil {
		return nil, fmt.Errorf("store: oauth tokens: %w", err)
	}
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (OAuthToken, error) { return scanOAuthToken(r) })
	if err != nil {
		return nil, fmt.Errorf("store: oauth tokens: %w", err)
	}
	return ts, nil
}

// LockOAuthToken creates the provider's row if needed and locks it until
// tx ends: whoever holds it is the one process refreshing that grant.
func LockOAuthToken(ctx context.Context, tx pgx.Tx, provider string) (OAuthToken, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO oauth_tokens (provider) VALUES ($1) ON CONFLICT DO NOTHING`, provider); err != nil {
		return OAuthToken{}, fmt.Errorf("store: create oauth token %s: %w", provider, err)
	}
	t, err := scanOAuthToken(tx.QueryRow(ctx, `SELECT `+oauthCols+` FROM oauth_tokens WHERE provider = $1 FOR UPDATE`, provider))
	if err != nil {
		return t, fmt.Errorf("store: lock oauth token %s: %w", provider, err)
	}
	return t, nil
}

// SaveOAuthToken writes every column of t's row (which must exist).
func SaveOAuthToken(ctx context.Context, db DBTX, t OAuthToken, now time.Time) error {
	_, err := db.Exec(ctx, `UPDATE oauth_tokens SET refresh_token = @rt, access_token = @at, access_sha = @sha,
		expires_at = @exp, refreshed_at = @ref, failures = @fails, last_error = @lerr, failing_since = @fsince,
		next_try_at = @next, revoked_at = @rev, revoked_reason = @rreason, revoked_for = @rfor, updated_at = @now
		WHERE provider = @p`, pgx.NamedArgs{
		"p": t.Provider, "rt": t.RefreshToken, "at": t.AccessToken, "sha": t.AccessSHA, "exp": t.ExpiresAt,
		"ref": t.RefreshedAt, "fails": t.Failures, "lerr": t.LastError, "fsince": t.FailingSince, "next": t.NextTryAt,
		"rev": t.RevokedAt, "rreason": t.RevokedReason, "rfor": t.RevokedFor, "now": now,
	})
	if err != nil {
		return fmt.Errorf("store: save oauth token %s: %w", t.Provider, err)
	}
	return nil
}

// ExpireOAuthAccess marks the access token whose sha256 is sha as expired
// at now, when it is still the stored one: a server refused it.
func ExpireOAuthAccess(ctx context.Context, db DBTX, provider string, sha []byte, now time.Time) error {
	_, err := db.Exec(ctx, `UPDATE oauth_tokens SET expires_at = $3, updated_at = $3
		WHERE provider = $1 AND access_sha = $2 AND expires_at > $3`, provider, sha, now)
	if err != nil {
		return fmt.Errorf("store: expire oauth access token %s: %w", provider, err)
	}
	return nil
}
