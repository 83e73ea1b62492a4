// Package pgtest starts throwaway PostgreSQL clusters from the local initdb and
// pg_ctl binaries: one per test process (each test gets its own database,
// cloned from a migrated template) and one for `rmad demo`. Under root the
// cluster runs as an unprivileged user, because initdb refuses root.
package pgtest
