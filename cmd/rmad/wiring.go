package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/config"
	"rmad/migrations"
	"rmad/policy"
	"rmad/store"
	"rmad/templates"
	"rmad/workflow"
)

func loadConfig(env *cliEnv, file string) (*config.Config, error) {
	return config.Load(file, env.environ)
}

func newLogger(w io.Writer, cfg *config.Config) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: lvl}
	if cfg.LogFormat == "json" {
		return slog.New(redactHandler{slog.NewJSONHandler(w, opts)})
	}
	return slog.New(redactHandler{slog.NewTextHandler(w, opts)})
}

// redactHandler passes every log message and value through config.Redact.
// Errors of drivers and libraries may carry a connection string, and
// every log line passes here, so no call site has to remember it.
type redactHandler struct{ slog.Handler }

func (h redactHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, config.Redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = redactAttr(a)
	}
	return redactHandler{h.Handler.WithAttrs(red)}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h.Handler.WithGroup(name)}
}

// redactAttr redacts strings, errors and Stringers; other kinds (numbers,
// times) cannot hold a connection string.
func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(config.Redact(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]slog.Attr, len(g))
		for i, ga := range g {
			red[i] = redactAttr(ga)
		}
		a.Value = slog.GroupValue(red...)
	case slog.KindAny:
		var text string
		switch x := v.Any().(type) {
		case error:
			text = x.Error()
		case fmt.Stringer:
			text = x.String()
		default:
			return a
		}
		if red := config.Redact(text); red != text {
			a.Value = slog.StringValue(red)
		}
	}
	return a
}

// openDB is openDBWithin with the default database deadline.
func openDB(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	return openDBWithin(ctx, dsn, config.DefaultDatabaseTimeout)
}

// openDBWithin connects and checks the database is reachable. No error names
// the connection string unredacted: it may hold the password.
//
// timeout ([health] database_timeout) bounds each connect, and TCP
// keepalives find a peer that vanished. The server's statement_timeout and
// idle_in_transaction_session_timeout are a second line, set looser than
// the client's deadline: a backend that is paused or cut off enforces
// nothing, so the client deadline (store.Bounded) is what ends the wait.
func openDBWithin(ctx context.Context, dsn string, timeout time.Duration) (*pgxpool.Pool, error) {
	pcfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx masks only password and sslpassword, and only where it can
		// tell the string apart.
		return nil, &config.Error{Key: "database_url", Reason: config.Redact(err.Error())}
	}
	cc := pcfg.ConnConfig
	if cc.ConnectTimeout <= 0 || cc.ConnectTimeout > timeout {
		cc.ConnectTimeout = timeout
	}
	dialer := &net.Dialer{KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 15 * time.Second, Interval: 5 * time.Second, Count: 3}}
	cc.DialFunc = dialer.DialContext
	server := strconv.FormatInt(max(2*timeout, time.Minute).Milliseconds(), 10)
	for _, p := range []string{"statement_timeout", "idle_in_transaction_session_timeout"} {
		if _, set := cc.RuntimeParams[p]; !set {
			cc.RuntimeParams[p] = server
		}
	}
	// Workers of every mailbox, the sender and the jobs each hold one at times.
	if pcfg.MaxConns < 16 {
		pcfg.MaxConns = 16
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", config.Redact(dsn), err)
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database %s: %w", config.Redact(dsn), err)
	}
	return pool, nil
}

// migrate applies the schema; tern holds an advisory lock meanwhile, so
// concurrent starts are safe.
func migrate(ctx context.Context, pool *pgxpool.Pool) (int32, int32, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("database: %w", err)
	}
	defer conn.Release()
	// A schema change on a big table may run longer than any statement of
	// the service; the session default comes back before the connection
	// returns to the pool.
	if _, err := conn.Exec(ctx, "SET statement_timeout = 0"); err != nil {
		return 0, 0, fmt.Errorf("database: %w", err)
	}
	defer func() { _, _ = conn.Exec(ctx, "RESET statement_timeout") }()
	return migrations.Apply(ctx, conn.Conn())
}

// buildDesk wires the desk from configuration.
func buildDesk(ctx context.Context, cfg *config.Config, pool *pgxpool.Pool, log *slog.Logger, onQueued func()) (*workflow.Desk, error) {
	pol, err := policy.Load(cfg.Policy)
	if err != nil {
		return nil, &config.Error{Key: "policy", Reason: err.Error()}
	}
	tpl, err := templates.Load(cfg.Templates)
	if err != nil {
		return nil, &config.Error{Key: "templates", Reason: err.Error()}
	}
	secret := cfg.Secret
	if secret == "" {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("secret: %w", err)
		}
		// Kept in the database so every replica and restart signs alike.
		secret, err = store.Setting(ctx, pool, "message_id_secret", hex.EncodeToString(b))
		if err != nil {
			return nil, err
		}
	}
	wc := workflow.Config{
		DeskName:              cfg.Desk.Name,
		AutoReplyLimit:        cfg.AutoReplyLimit,
		AutoReplyDomainLimit:  cfg.AutoReplyDomainLimit,
		AutoReplyDeskLimit:    cfg.AutoReplyDeskLimit,
		MaxUnits:              cfg.MaxUnits,
		MaxMessageSize:        cfg.MaxMessageSize,
		NoticeAttachmentLimit: cfg.NoticeAttachmentLimit,
		Secret:                []byte(secret),
		Retention:             workflow.Retention{RawAfter: cfg.Retention.Raw, ClosedAfter: cfg.Retention.Closed, Timeout: cfg.Retention.Timeout.Duration},
		People: workflow.People{
			Agents:            cfg.People.Agents,
			Notify:            cfg.People.NotifyAddresses(),
			Finance:           cfg.People.Finance,
			TrustedAuthservID: cfg.People.TrustedAuthservID,
			NotifyOwned:       cfg.People.NotifyOwned,
		},
	}
	for _, mb := range cfg.Mailbox {
		wc.Mailboxes = append(wc.Mailboxes, workflow.Mailbox{Name: mb.Name, Role: mb.Role, Address: mb.Address})
	}
	// Every statement of the desk, in serve and in the CLI, has the deadline.
	return workflow.New(store.Bounded(pool, cfg.Health.DatabaseTimeout.Duration), wc, pol, tpl, log, onQueued), nil
}
