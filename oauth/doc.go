// Package oauth owns rmad's OAuth2 access tokens: for each [oauth.NAME]
// provider it gets tokens from the issuer (client credentials, a refresh
// token, or a Google service account, through golang.org/x/oauth2), keeps
// them in PostgreSQL (table oauth_tokens, AES-GCM with token_key) and hands
// them to the IMAP watchers and the SMTP sender.
//
// # Why it works this way
//
// One grant, many processes: every rmad serve on the database uses the same
// row. A refresh takes the row lock (SELECT ... FOR UPDATE), looks again
// (another process may have refreshed meanwhile), asks the issuer, and
// writes the answer, a rotated refresh token included, before the lock is
// released and before anyone uses the new access token. So two processes
// never spend the same refresh token (an issuer with reuse detection would
// revoke the whole grant), and a failed write means the new access token is
// not used either. What no client can prevent: the issuer rotated the refresh
// token and the write then failed (the database gone at that instant); the
// next refresh presents the old one. Microsoft and Google keep it valid, so
// that refresh works; an issuer that does not answers invalid_grant, which is
// reported like a revocation and mended with `rmad oauth login`.
//
// Ahead of expiry: a token is refreshed once less than a quarter of its life
// (at most Options.Ahead, 5 minutes) is left, by Manager.Run in the
// background and by whoever asks for it then; a server that refuses a token
// anyway (AUTHENTICATIONFAILED, 535) calls Invalidate and asks again.
//
// Failures: a refresh that fails (network, timeout, 5xx) is recorded in the
// row with the next try at now + backoff (MinBackoff doubling to MaxBackoff),
// so neither the mailboxes of one process nor other processes hammer the
// issuer; until then a still valid token is used and otherwise the error is
// returned at once. Each request to the issuer has a deadline
// (RequestTimeout).
//
// Revocation: invalid_grant (or invalid_client, unauthorized_client) is
// permanent. The row records it with the sha256 of the credential it was
// refused for (the refresh token, or the configured client secret or key
// file), in the same transaction the Notifier queues one mail to
// people.notify; only the process that records it first sends it, and only
// once per credential. The issuer is not asked again with that credential:
// `rmad oauth login NAME` (a new refresh token) or a new secret in the
// configuration is. Problems reports it for /healthz; each affected mailbox
// logs it with the key mailbox; the other providers' mailboxes go on.
//
// Time: Options.Now is the clock of every decision (expiry, backoff); only
// Run's timers are real.
package oauth
