// Package oauthtest runs a real OAuth2 issuer on a loopback port for tests:
// a token endpoint (client credentials, refresh tokens with optional
// rotation and reuse detection, the device-code grant), an RFC 7662
// introspection endpoint that Dovecot's oauth2 passdb and the test SMTP
// server validate tokens against, and controls a test uses to make the
// issuer misbehave: revoke a grant, expire every access token early, answer
// slowly, fail with 503. It needs no *testing.T.
//
// Introspection answers {"active": bool, "username": USER}. A token from a
// refresh-token grant belongs to the grant's user; an app-only token
// (client credentials) to Options.AppUser: Dovecot POSTs only the token, so
// the endpoint cannot learn which mailbox an app-only token is used on (a
// %u in Dovecot 2.3's introspection_url crashes its auth process).
package oauthtest
