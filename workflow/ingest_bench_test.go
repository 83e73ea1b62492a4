package workflow

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/policy"
	"rmad/templates"
)

// statementCounter counts the statements sent to PostgreSQL: each is at
// least one round trip, which is most of a message's cost on both sides.
type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// BenchmarkIngest processes new RMA requests and their customers' replies,
// alone (a transaction each) and in batches of 12 (IngestBatch: one
// transaction, a savepoint each), and reports SQL statements per message.
//
// Over TCP on loopback and over PostgreSQL's Unix socket: every round trip
// costs system calls on both sides, and a socket's are cheaper.
func BenchmarkIngest(b *testing.B) {
	for _, via := range []string{"tcp", "socket"} {
		for _, batch := range []int{1, 12} {
			b.Run(fmt.Sprintf("%s/batch=%d", via, batch), func(b *testing.B) { benchIngest(b, via, batch) })
		}
	}
}

// socketURL is url (a test database over TCP) over the server's Unix socket.
func socketURL(b *testing.B, url string) string {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	var dir, port, db string
	if err := conn.QueryRow(ctx, `SELECT current_setting('unix_socket_directories'), current_setting('port'), current_database()`).Scan(&dir, &port, &db); err != nil {
		b.Fatal(err)
	}
	return fmt.Sprintf("postgres://postgres@/%s?host=%s&port=%s&sslmode=disable", db, dir, port)
}

func benchIngest(b *testing.B, via string, batch int) {
	ctx := context.Background()
	url := pgtest.NewDB(b)
	if via == "socket" {
		url = socketURL(b, url)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		b.Fatal(err)
	}
	var sc statementCounter
	cfg.ConnConfig.Tracer = &sc
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	pol, err := policy.Load("qct")
	if err != nil {
		b.Fatal(err)
	}
	tpl, err := templates.Load("")
	if err != nil {
		b.Fatal(err)
	}
	desk := New(pool, Config{
		Mailboxes: []Mailbox{{Name: "rma", Role: "rma", Address: rmaAddr}},
		People:    People{Agents: []string{agentAddr}, Notify: []string{agentAddr}},
		DeskName:  "QCT Support", Secret: []byte("test-secret"), AutoReplyDeskLimit: 1 << 30,
	}, pol, tpl, slog.New(slog.DiscardHandler), nil)
	var uid uint32
	msg := func(i int) Inbound {
		uid++
		from := fmt.Sprintf("Customer %d <c%d@customer%d.example>", i, i, i%50)
		subject, extra := "Server will not power on", ""
		if i%2 == 1 {
			// The customer's reply to the thread of the request before it.
			subject = "Re: Server will not power on"
			from = fmt.Sprintf("Customer %d <c%d@customer%d.example>", i-1, i-1, (i-1)%50)
			extra = fmt.Sprintf("In-Reply-To: <req-%d@customer.example>\n", i-1)
		}
		raw := mailText(from, rmaAddr, subject, fmt.Sprintf("req-%d@customer.example", i), extra, incompleteRMA+"\nInvoice INV-7741 dated 2026-01-15.\n")
		return Inbound{Mailbox: "rma", UIDValidity: 7, UID: uid, Raw: []byte(strings.ReplaceAll(raw, "\n", "\r\n")), At: t0}
	}
	b.ResetTimer()
	sc.n.Store(0)
	for i := 0; i < b.N; i += batch {
		ins := make([]Inbound, 0, batch)
		for k := i; k < min(i+batch, b.N); k++ {
			ins = append(ins, msg(k))
		}
		if batch == 1 {
			if _, err := desk.Ingest(ctx, ins[0]); err != nil {
				b.Fatal(err)
			}
			continue
		}
		for _, r := range desk.IngestBatch(ctx, ins) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(sc.n.Load())/float64(b.N), "stmts/msg")
}
