-- OAuth2 tokens, one row per [oauth.NAME] provider, shared by every rmad
-- process on the database. Tokens are AES-GCM ciphertexts (token_key); the
-- row lock (SELECT ... FOR UPDATE) is held while a token is refreshed, so a
-- rotated refresh token is written before anyone uses the new access token
-- and two processes never spend the same refresh token.
CREATE TABLE oauth_tokens (
    provider       text PRIMARY KEY,
    refresh_token  bytea,
    access_token   bytea,
    -- sha256 of the access token: Invalidate names the token a server
    -- refused without decrypting, and never drops a newer one.
    access_sha     bytea,
    expires_at     timestamptz,
    refreshed_at   timestamptz,
    -- Failed refreshes in a row, and when the next may be tried.
    failures       int NOT NULL DEFAULT 0,
    last_error     text NOT NULL DEFAULT '',
    failing_since  timestamptz,
    next_try_at    timestamptz,
    -- A grant the issuer refused for good (invalid_grant): set once, with
    -- the sha256 of the credential it was refused for, so that only a new
    -- credential (`rmad oauth login`, a new client secret) is tried again
    -- and the notice goes out once per revocation.
    revoked_at     timestamptz,
    revoked_reason text NOT NULL DEFAULT '',
    revoked_for    bytea,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
