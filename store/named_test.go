package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestNamedIsPgxRewriteOnce: for each statement rewritten at load, the SQL and
// the ordered arguments are exactly what pgx.NamedArgs produces per call.
func TestNamedIsPgxRewriteOnce(t *testing.T) {
	for name, st := range map[string]namedSQL{
		"insertMessage": insertMessageSQL, "insertTicket": insertTicketSQL,
		"updateTicket": updateTicketSQL, "enqueue": enqueueSQL,
	} {
		raw := rawNamed[name]
		vals := pgx.NamedArgs{}
		for _, m := range nameRE.FindAllStringSubmatch(raw, -1) {
			vals[m[1]] = "v-" + m[1]
		}
		delete(vals, st.names[len(st.names)-1]) // a missing name is NULL either way
		wantSQL, wantArgs, err := vals.RewriteQuery(context.Background(), nil, raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.sql != wantSQL {
			t.Errorf("%s: sql\n%s\nwant\n%s", name, st.sql, wantSQL)
		}
		if got := st.args(vals); !reflect.DeepEqual(got, wantArgs) {
			t.Errorf("%s: args %v, want %v", name, got, wantArgs)
		}
	}
}

// TestNamedRefusesWhatPgxWouldNotBind: an @word inside a string literal is
// not a placeholder; mustNamed panics at load rather than bind it wrongly.
func TestNamedRefusesWhatPgxWouldNotBind(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("mustNamed accepted an @name inside a quoted string")
		}
	}()
	mustNamed(`SELECT @a, '@b'`)
}

func BenchmarkNamedArgs(b *testing.B) {
	raw := rawNamed["insertMessage"]
	vals := pgx.NamedArgs{}
	for _, m := range nameRE.FindAllStringSubmatch(raw, -1) {
		vals[m[1]] = 1
	}
	b.Run("pgx-per-call", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := vals.RewriteQuery(context.Background(), nil, raw, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("once", func(b *testing.B) {
		for b.Loop() {
			_ = insertMessageSQL.args(vals)
		}
	})
}

var rawNamed = map[string]string{
	"insertMessage": insertMessageRaw, "insertTicket": insertTicketRaw,
	"updateTicket": updateTicketRaw, "enqueue": enqueueRaw,
}
