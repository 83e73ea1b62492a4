// Package migrations owns the database schema: numbered SQL files embedded in
// the binary and applied with jackc/tern v2's migrate package. tern takes a
// PostgreSQL advisory lock while it migrates, so several rmad processes
// starting at once apply each migration exactly once.
package migrations
