// Package imaptest starts throwaway IMAP servers for tests and for `rmad demo`:
// the real Dovecot (Debian's dovecot-imapd) with its own configuration in a
// temporary directory, and go-imap's in-memory server. The core API takes a
// context and returns errors, never a *testing.T, so the demo can use it; the
// NewDovecot and Mem helpers wrap it for tests.
//
// Use: StartDovecot / StartMem (context and errors; Stop / Close when done),
// or in tests NewDovecot(t) / Mem(t) / MemWith(t, opts), which register the
// cleanup and skip without the binaries (fail under RMAD_REQUIRE_SERVERS=1).
// (The helper is NewDovecot, not Dovecot, because Dovecot is the type.) Both
// servers implement Server: Addr, AddUser, Append (its own connection per
// call, so safe for concurrent use) and Messages (flags and bytes, read-only).
// Dovecot adds Restart (same port, same data), ChangeUIDValidity and CPU (the
// server's CPU time so far, for benchmarks: BenchmarkDovecotStorage tells
// what appending and checking one message cost Dovecot per mailbox format).
//
// Why Dovecot and not only imapmemserver: the watcher's hard parts (IDLE
// notifications, a server restart, a UIDVALIDITY change, MOVE and UIDPLUS
// semantics) only show up against a real server. Why imapmemserver too: it
// needs no binary and speaks IMAP4rev2, so the watcher is exercised against two
// different implementations.
//
// Dovecot 2.3 quirks learnt here (Debian bookworm ships 2.3.19):
//   - It advertises IMAP4rev1 plus IDLE, MOVE and UIDPLUS, not IMAP4rev2.
//   - Under root it drops privileges for login, auth and mail processes; all of
//     them run as one unprivileged account (rmadtest from `make deps`, else
//     nobody), which owns the temporary directory.
//   - The first greeting after start may be "* OK Waiting for authentication
//     process to respond.." before the real one; clients must not mind.
//   - mail_max_userip_connections defaults to 10 per user and IP, which tests
//     that open several connections from 127.0.0.1 would hit; it is raised.
//   - `doveadm mailbox update --uid-validity N` changes a folder's UIDVALIDITY
//     in place (INBOX included) while the server runs; that is how
//     ChangeUIDValidity forces a rescan.
//   - Failed logins from one IP are slowed down (auth_failure_delay and the
//     anvil auth penalty, up to 15 s for every later login from 127.0.0.1):
//     both are switched off, or one wrong-password test stalls the rest.
//   - passwd-file is reread at most once a second, so a user added right after
//     a login stayed unknown; each user has its own passwd-file instead
//     (users/%u), which Dovecot opens on first use.
//   - It does not interrupt an IDLE when UIDVALIDITY changes; the session is
//     dropped at its next command. New mail reaches an IDLE within about 0.5 s.
//   - OAuth2 (DovecotOptions.OAuth2IntrospectURL): the oauth2 passdb with
//     introspection_mode = post and force_introspection checks every
//     XOAUTH2/OAUTHBEARER login against the endpoint. A %u in
//     introspection_url (to tell the endpoint the user) makes the auth
//     process panic in its HTTP client (post and get mode alike), so the
//     endpoint must know each token's user. After a refused token Dovecot
//     sends an error challenge; an empty answer goes out from go-imap as "=",
//     which Dovecot refuses as bad base64, so clients answer %x01.
//   - The whole process group is killed on Stop (SIGTERM, then SIGKILL) so no
//     imap child outlives a test; Pdeathsig covers a crashed test binary.
package imaptest
