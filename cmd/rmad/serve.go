package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"rmad/config"
	"rmad/mailin"
	"rmad/mailout"
	"rmad/oauth"
	"rmad/store"
)

func cmdServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "serve", "serve [--config FILE] [--pprof]")
	cfgFile := configFlag(fs)
	withPprof := fs.Bool("pprof", false, "serve /debug/pprof/ on the listen address (profiling)")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(env, *cfgFile)
	if err != nil {
		return err
	}
	log := newLogger(env.stderr, cfg)
	if !slices.ContainsFunc(env.environ, func(kv string) bool { return strings.HasPrefix(kv, "GOMEMLIMIT=") }) {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	return serve(ctx, cfg, log, serveOptions{pprof: *withPprof})
}

// serveMemoryLimit is the Go runtime's soft memory limit for rmad serve
// unless GOMEMLIMIT sets another. Without one the heap may grow to twice
// what is live before a collection, and a batch of multi-megabyte messages
// (their bytes, the copies pgx encodes, the parse) briefly makes a lot
// live: the collector then works harder near the limit instead, so the
// daemon stays small on a small machine. It is soft: a heap that truly
// needs more still gets it.
const serveMemoryLimit = 100 << 20

// faultHook, when set, is called at serve's crash points: "after_deliver"
// (between a message's commit and its IMAP flag) and "after_send" (between
// the SMTP server's acceptance of a mail and marking it sent). Only the crash
// tests set it, from TestMain when the test binary runs as rmad; the
// production binary never does, so it carries no fault injection.
var faultHook func(point string)

type serveOptions struct {
	pprof bool
	// ready, when set, is closed once everything is started (demo, tests).
	ready chan<- struct{}
}

func serve(ctx context.Context, cfg *config.Config, log *slog.Logger, o serveOptions) error {
	if _, _, err := schedules(cfg); err != nil {
		return err
	}
	for _, w := range cfg.Warnings() {
		log.Warn("config: " + w)
	}
	if len(cfg.People.Agents) > 0 && cfg.People.TrustedAuthservID == "" {
		log.Warn("people.trusted_authserv_id is not set: agent mail is trusted on its From address plus a signed Message-ID of the thread; set it to your receiving server's authserv-id to require DKIM/SPF/DMARC as well")
	}
	pool, err := openDBWithin(ctx, cfg.DatabaseURL, cfg.Health.DatabaseTimeout.Duration)
	if err != nil {
		return err
	}
	defer pool.Close()
	from, to, err := migrate(ctx, pool)
	if err != nil {
		return err
	}
	if from != to {
		log.Info("database migrated", "from", from, "to", to)
	}
	// Every database call of the running service goes through db and so
	// has the database deadline.
	db := store.Bounded(pool, cfg.Health.DatabaseTimeout.Duration)
	sh, err := newServeHealth(cfg, pool, db, time.Now())
	if err != nil {
		return err
	}
	m := newMetrics()
	// A scrape ends well within Prometheus' default 10s scrape timeout.
	m.reg.MustRegister(&scrapeCollector{db: db, ping: pool, timeout: min(cfg.Health.DatabaseTimeout.Duration, 5*time.Second), now: time.Now,
		mailboxes: sh.mailboxes, stalls: sh.stalls, tokenExpiry: sh.tokenExpiries})
	var afterDeliver func(mailin.Message)
	var afterSend func(mailout.Mail)
	if hook := faultHook; hook != nil {
		afterDeliver = func(mailin.Message) { hook("after_deliver") }
		afterSend = func(mailout.Mail) { hook("after_send") }
	}
	notify := &deskNotifier{}
	tokens, err := newOAuth(cfg, db, log.With("component", "oauth"), notify)
	if err != nil {
		return err
	}
	sh.watchTokens(tokens)
	q := &queue{db: db, metrics: m, health: sh}
	sender := newSender(cfg, q, tokens, log, afterSend)
	desk, err := buildDesk(ctx, cfg, pool, log.With("component", "workflow"), sender.Poke)
	if err != nil {
		return err
	}
	q.desk = desk // before the sender runs
	notify.desk = desk
	host, _ := os.Hostname()
	sk := &sink{desk: desk, db: db, now: time.Now, metrics: m, health: sh, holder: fmt.Sprintf("%s/%d/%d", host, os.Getpid(), time.Now().UnixNano())}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	svc := &services{errs: make(chan error, 1)}
	if cfg.Listen != "" {
		if err := svc.http(ctx, cfg.Listen, m, sh.checker.Handler(time.Now), o.pprof); err != nil {
			return err
		}
	}
	svc.run(func() error { _ = tokens.Run(ctx); return nil }) // keeps tokens fresh until ctx ends
	svc.run(func() error { return sender.Run(ctx) })
	svc.run(func() error {
		return runScheduler(ctx, cfg, desk, desk.Location(), log.With("component", "jobs"), jobHooks{db: db, metrics: m, health: sh})
	})
	for _, mb := range cfg.Mailbox {
		w := newWatcher(cfg, mb, sk, tokens, sh, log, afterDeliver)
		svc.run(func() error {
			if err := w.Run(ctx); err != nil {
				return fmt.Errorf("mailbox %s: %w", mb.Name, err)
			}
			return nil
		})
	}
	log.Info("rmad serving", "mailboxes", len(cfg.Mailbox), "policy", cfg.Policy, "listen", cfg.Listen,
		"database", config.Redact(cfg.DatabaseURL), "smtp", config.Redact(cfg.SMTP.URL))
	if o.ready != nil {
		close(o.ready)
	}
	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-svc.errs:
		cancel()
	}
	svc.wg.Wait()
	log.Info("rmad stopped")
	return runErr
}

// services are serve's long-running parts; the first to fail stops serve.
type services struct {
	wg   sync.WaitGroup
	errs chan error // the first error; later ones are dropped
}

func (s *services) run(f func() error) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if err := f(); err != nil {
			select {
			case s.errs <- err:
			default:
			}
		}
	}()
}

// http serves /healthz, /metrics (and pprof) on addr until ctx ends.
func (s *services) http(ctx context.Context, addr string, m *metrics, healthz http.Handler, withPprof bool) error {
	srv, ln, err := httpServer(addr, m, healthz, withPprof)
	if err != nil {
		return err
	}
	s.run(func() error {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("listen %s: %w", addr, err)
		}
		return nil
	})
	go func() {
		<-ctx.Done()
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		_ = srv.Shutdown(sctx)
	}()
	return nil
}

// newSender is the outbox sender on the configured relay, with a token
// when its URL says auth=xoauth2|oauthbearer.
func newSender(cfg *config.Config, q *queue, tokens *oauth.Manager, log *slog.Logger, afterSend func(mailout.Mail)) *mailout.Sender {
	smtpCfg := mailout.SMTP{Host: cfg.SMTPParsed.Host, Port: cfg.SMTPParsed.Port, TLS: cfg.SMTPParsed.TLS,
		Username: cfg.SMTPParsed.Username, Password: cfg.SMTPParsed.Password, Timeout: cfg.SMTP.Timeout.Duration}
	if cfg.SMTPParsed.Auth != "" {
		smtpCfg.Auth, smtpCfg.Tokens = cfg.SMTPParsed.Auth, tokens.Source(cfg.SMTPParsed.OAuth)
	}
	q.relay = net.JoinHostPort(smtpCfg.Host, fmt.Sprint(smtpCfg.Port))
	return mailout.NewSender(q, smtpCfg, mailout.Options{
		Logger: log.With("component", "mailout"),
		Lease:  2 * cfg.SMTP.Timeout.Duration,
		// Several SMTP sessions at once: their relay round trips overlap
		// (a round's "sent" marks are one statement).
		Concurrency: 4,
		Batch:       50,
		AfterSend:   afterSend,
	})
}

// newWatcher is mailbox mb's watcher, logging in with a token when its URL
// says so.
func newWatcher(cfg *config.Config, mb config.Mailbox, sk *sink, tokens *oauth.Manager, sh *serveHealth, log *slog.Logger, afterDeliver func(mailin.Message)) *mailin.Watcher {
	mbox := mailin.Mailbox{
		Name: mb.Name, Addr: mb.IMAP.Addr, TLS: mb.IMAP.TLS, Username: mb.IMAP.Username,
		Password: mb.IMAP.Password, Folder: mb.IMAP.Folder, After: mb.After,
		PollInterval: cfg.PollEvery(),
	}
	if mb.IMAP.Auth != "" {
		mbox.Auth, mbox.Tokens = mb.IMAP.Auth, tokens.Source(mb.IMAP.OAuth)
	}
	return mailin.NewWatcher(mbox, sk, mailin.Options{
		Logger:       log.With("component", "mailin", "mailbox", mb.Name),
		LeaseTTL:     cfg.MailboxLease.Duration,
		Workers:      cfg.Workers,
		AfterDeliver: afterDeliver,
		Observer:     sh.mailboxes,
	})
}

func httpServer(addr string, m *metrics, healthz http.Handler, withPprof bool) (*http.Server, net.Listener, error) {
	mux := http.NewServeMux()
	mux.Handle("/healthz", healthz)
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	if withPprof {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen %s: %w", addr, err)
	}
	return &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}, ln, nil
}

func cmdMigrate(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "migrate", "migrate [--config FILE]")
	cfgFile := configFlag(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(env, *cfgFile)
	if err != nil {
		return err
	}
	pool, err := openDB(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()
	from, to, err := migrate(ctx, pool)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "schema version %d -> %d\n", from, to)
	return nil
}
