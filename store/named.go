package store

// Statements written with @names, rewritten to PostgreSQL's $n once, when the
// package loads. pgx rewrites a NamedArgs statement on every call by lexing
// its SQL; for the statements every message runs (its insert, its ticket,
// its outbox rows) that lexing was 2.5% of rmad's CPU in
// the load bench.

import (
	"context"
	"fmt"
	"regexp"

	"github.com/jackc/pgx/v5"
)

// namedSQL is a statement rewritten to $n, and the name each $n stands for.
type namedSQL struct {
	sql   string
	names []string
}

// slot stands in for a value while pgx's own rewriter orders the names.
type slot string

var nameRE = regexp.MustCompile(`@([A-Za-z_][A-Za-z0-9_]*)`)

// mustNamed rewrites q with pgx's rewriter, so quoting and casts are read
// exactly as pgx reads them, and records which name each $n is. It panics on
// a statement pgx refuses: statements are constants, so that is a bug caught
// when the package loads.
func mustNamed(q string) namedSQL {
	probe := pgx.StrictNamedArgs{}
	for _, m := range nameRE.FindAllStringSubmatch(q, -1) {
		probe[m[1]] = slot(m[1])
	}
	sql, args, err := probe.RewriteQuery(context.Background(), nil, q, nil)
	if err != nil {
		panic(fmt.Sprintf("store: named statement: %v", err))
	}
	n := namedSQL{sql: sql, names: make([]string, len(args))}
	for i, a := range args {
		s, ok := a.(slot)
		if !ok {
			panic(fmt.Sprintf("store: named statement: $%d is not a name", i+1))
		}
		n.names[i] = string(s)
	}
	return n
}

// args returns vals in $n order. A name vals lacks is NULL, as with
// pgx.NamedArgs.
func (n namedSQL) args(vals pgx.NamedArgs) []any {
	out := make([]any, len(n.names))
	for i, name := range n.names {
		out[i] = vals[name]
	}
	return out
}
