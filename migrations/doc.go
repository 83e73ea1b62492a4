// Package migrations owns the database schema: numbered SQL files embedded in
// the binary and applied with jackc/tern v2's migrate package. tern takes a
// PostgreSQL advisory lock while it migrates, so several rmad processes
// starting at once apply each migration exactly once.
//
// A migration that builds an index on a big table (messages, tickets, outbox)
// from 019 on does it CONCURRENTLY, so the desk keeps writing while an upgrade
// builds it: such a file says "---- tern: disable-tx ----", runs statement by
// statement outside a transaction, and must be safe to run again from the
// start (a build cut short leaves an invalid index and the version not bumped).
package migrations
