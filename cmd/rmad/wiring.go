package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
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
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// redactURL hides a password in a connection string for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// openDB connects and checks the database is reachable.
func openDB(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	pcfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, &config.Error{Key: "database_url", Reason: err.Error()}
	}
	// Workers of every mailbox, the sender and the jobs each hold one at times.
	if pcfg.MaxConns < 16 {
		pcfg.MaxConns = 16
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", redactURL(dsn), err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database %s: %w", redactURL(dsn), err)
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
		DeskName:       cfg.Desk.Name,
		AutoReplyLimit: cfg.AutoReplyLimit,
		MaxMessageSize: cfg.MaxMessageSize,
		Secret:         []byte(secret),
		People: workflow.People{
			Agents:            cfg.People.Agents,
			Notify:            cfg.People.NotifyAddresses(),
			Finance:           cfg.People.Finance,
			TrustedAuthservID: cfg.People.TrustedAuthservID,
		},
	}
	for _, mb := range cfg.Mailbox {
		wc.Mailboxes = append(wc.Mailboxes, workflow.Mailbox{Name: mb.Name, Role: mb.Role, Address: mb.Address})
	}
	return workflow.New(pool, wc, pol, tpl, log, onQueued), nil
}
