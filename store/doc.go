// Package store holds every SQL statement rmad runs, one file per table.
// Functions take a context and a DBTX (a pool, a connection or a
// transaction), so callers compose them inside one transaction. Plain SQL
// with pgx named arguments; no values are ever formatted into SQL.
package store
