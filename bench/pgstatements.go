package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// With -profile, PostgreSQL loads pg_stat_statements and each run writes
// the statements of its database that took the most server time, so the
// database's share of a message's cost can be read statement by statement
// (PostgreSQL's CPU is otherwise one figure).

const statementsLib = "pg_stat_statements"

// resetStatements starts w's statement counts from zero: call it when the
// measured part of a run begins.
func (e *env) resetStatements(ctx context.Context, w *world) error {
	if e.o.profileDir == "" {
		return nil
	}
	if _, err := w.db.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS "+statementsLib); err != nil {
		return fmt.Errorf("pg_stat_statements: %w", err)
	}
	if _, err := w.db.Exec(ctx, "SELECT pg_stat_statements_reset()"); err != nil {
		return fmt.Errorf("pg_stat_statements reset: %w", err)
	}
	return nil
}

// saveStatements writes the top statements of w's database by total
// execution time to PROFILE/NAME-pg-statements.txt, with their calls per
// message of the run (n messages).
func (e *env) saveStatements(ctx context.Context, w *world, n int) {
	e.saveStatementsAs(ctx, w, w.name, "messages", n)
}

// saveStatementsAs is saveStatements to PROFILE/NAME-pg-statements.txt,
// per one of n units (messages, or a job's cases).
func (e *env) saveStatementsAs(ctx context.Context, w *world, name, unit string, n int) {
	if e.o.profileDir == "" {
		return
	}
	rows, err := w.db.Query(ctx, `SELECT calls, total_exec_time, rows, query FROM pg_stat_statements
		WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
		ORDER BY total_exec_time DESC`)
	if err != nil {
		logf("pg_stat_statements: %v", err)
		return
	}
	defer rows.Close()
	var b strings.Builder
	var calls int64
	var total float64
	var lines []string
	for rows.Next() {
		var c, r int64
		var ms float64
		var q string
		if err := rows.Scan(&c, &ms, &r, &q); err != nil {
			logf("pg_stat_statements: %v", err)
			return
		}
		calls += c
		total += ms
		if len(lines) < 40 {
			q = strings.Join(strings.Fields(q), " ")
			if len(q) > 160 {
				q = q[:160] + "..."
			}
			lines = append(lines, fmt.Sprintf("%9d %7.3f each %10.1f ms %7.3f ms each %9d rows  %s", c, float64(c)/float64(n), ms, ms/float64(n), r, q))
		}
	}
	if err := rows.Err(); err != nil {
		logf("pg_stat_statements: %v", err)
		return
	}
	fmt.Fprintf(&b, "%s: %d %s, %d statements (%.2f each), %.0f ms executing (%.3f ms each)\n",
		name, n, unit, calls, float64(calls)/float64(n), total, total/float64(n))
	fmt.Fprintf(&b, "%9s %11s %13s %14s %14s  %s\n", "calls", "per unit", "total", "per unit", "rows", "statement")
	b.WriteString(strings.Join(lines, "\n") + "\n")
	path := filepath.Join(e.o.profileDir, name+"-pg-statements.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		logf("pg_stat_statements: %v", err)
	}
}
