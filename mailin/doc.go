// Package mailin watches IMAP mailboxes: it waits with IDLE (or polls when the
// server has no IDLE), fetches new messages by UID, hands the raw bytes to a
// Sink, and only after the Sink has committed flags the message and advances
// the mailbox's UID mark. Every network call has a deadline; a connection
// that misses one is closed and reopened with backoff.
package mailin
