package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/config"
	"rmad/oauth"
	"rmad/store"
	"rmad/workflow"
)

func cmdOAuth(ctx context.Context, env *cliEnv, args []string) error {
	usage := "rmad oauth login NAME | rmad oauth status [--json]"
	if len(args) == 0 || (args[0] != "login" && args[0] != "status") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.stdout, "Usage: "+usage+`

  login NAME   signs in to the [oauth.NAME] provider with the device code: open the
               address it prints, enter the code, sign in as the mailbox's user; the
               refresh token is stored in the database, encrypted with token_key
  status       each provider: token expiry, last refresh, failures, revocation (no secrets)`)
			return nil
		}
		return usagef("usage: %s", usage)
	}
	sub := args[0]
	fs := newFlags(env, "oauth "+sub, map[string]string{"login": "oauth login NAME", "status": "oauth status [--json]"}[sub])
	cfgFile := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if sub == "login" && len(pos) != 1 {
		return usagef("oauth login needs one NAME, an [oauth.NAME] of the configuration")
	}
	if sub == "status" && len(pos) != 0 {
		return usagef("oauth status takes no arguments")
	}
	return withStore(ctx, env, *cfgFile, func(cfg *config.Config, pool store.Beginner) error {
		if len(cfg.OAuth) == 0 {
			return &config.Error{Key: "oauth", Reason: "no [oauth.NAME] provider is configured"}
		}
		if sub == "login" {
			p, ok := cfg.OAuth[pos[0]]
			if !ok {
				return usagef("no [oauth.%s] in the configuration", pos[0])
			}
			if p.Flow != "refresh_token" {
				return &config.Error{Key: "oauth." + pos[0] + ".flow", Reason: p.Flow + " needs no sign-in; only refresh_token does"}
			}
		}
		m, err := newOAuth(cfg, pool, slog.New(slog.DiscardHandler), nil)
		if err != nil {
			return err
		}
		if sub == "login" {
			return oauthLogin(ctx, env.stdout, m, pos[0])
		}
		return oauthStatus(ctx, env.stdout, m, *asJSON)
	})
}

func oauthLogin(ctx context.Context, w io.Writer, m *oauth.Manager, name string) error {
	err := m.Login(ctx, name, func(uri, code string) {
		fmt.Fprintf(w, "To sign in, open %s and enter the code %s\n(sign in as the mailbox's user; waiting...)\n", uri, code)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "signed in: the refresh token of [oauth.%s] is stored\n", name)
	return nil
}

func oauthStatus(ctx context.Context, w io.Writer, m *oauth.Manager, asJSON bool) error {
	st, err := m.Status(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PROVIDER\tFLOW\tMAILBOXES\tEXPIRES\tLAST REFRESH\tFAILURES\tSTATE")
	for _, s := range st {
		state := "ok"
		switch {
		case s.Revoked != nil:
			state = "revoked " + s.Revoked.Format(time.RFC3339) + ": " + s.LastError
		case s.Flow == "refresh_token" && !s.SignedIn:
			state = "not signed in: rmad oauth login " + s.Provider
		case s.LastError != "":
			state = "failing: " + s.LastError
		}
		fmt.Fprintf(tw, "%s\t%s\t%v\t%s\t%s\t%d\t%s\n", s.Provider, s.Flow, s.Mailboxes, stamp(s.Expires), stamp(s.LastRefresh), s.Failures, state)
	}
	return tw.Flush()
}

func stamp(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.RFC3339)
}

// newOAuth builds the token manager for the configured providers; desk,
// when set, is told of a revoked grant (nil for one-off commands).
func newOAuth(cfg *config.Config, pool oauth.DB, log *slog.Logger, notify *deskNotifier) (*oauth.Manager, error) {
	users := map[string][]string{}
	for _, mb := range cfg.Mailbox {
		if mb.IMAP.Auth != "" {
			users[mb.IMAP.OAuth] = append(users[mb.IMAP.OAuth], mb.Name)
		}
	}
	if cfg.SMTPParsed.Auth != "" {
		users[cfg.SMTPParsed.OAuth] = append(users[cfg.SMTPParsed.OAuth], "smtp")
	}
	opts := oauth.Options{Logger: log, Users: users}
	if notify != nil {
		opts.Notifier = notify
	}
	return oauth.New(pool, cfg.OAuth, cfg.TokenKeyBytes, opts)
}

// deskNotifier hands a revocation to the desk, which is built after the
// token manager (the SMTP sender needs the tokens, the desk the sender).
type deskNotifier struct{ desk *workflow.Desk }

func (n *deskNotifier) OAuthRevoked(ctx context.Context, tx pgx.Tx, r oauth.Revocation) error {
	if n.desk == nil {
		return nil
	}
	return n.desk.OAuthRevoked(ctx, tx, r.Provider, r.Mailboxes, r.Reason, r.At)
}
