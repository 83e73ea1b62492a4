package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rmad/internal/freeport"
	"rmad/internal/imaptest"
	"rmad/internal/pgserver"
)

const imapPass = "benchpw"

// env is the servers shared by every phase: one PostgreSQL cluster (a new
// database per phase), one Dovecot (new users, so new mailboxes, per phase).
type env struct {
	o    options
	bin  string
	tmp  string
	pg   *pgserver.Server
	dove *imaptest.Dovecot
	clk  int64
	host map[string]string
}

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "bench %s: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

func setup(ctx context.Context, o options) (e *env, err error) {
	e = &env{o: o, clk: clockTicks(), host: hostInfo()}
	defer func() {
		if err != nil {
			e.close()
			e = nil
		}
	}()
	if e.tmp, err = os.MkdirTemp("", "rmad-bench-"); err != nil {
		return e, err
	}
	if o.profileDir != "" {
		if err := os.MkdirAll(o.profileDir, 0o755); err != nil {
			return e, err
		}
	}
	e.bin = o.rmadBin
	if e.bin == "" {
		root, err := moduleRoot()
		if err != nil {
			return e, err
		}
		e.bin = filepath.Join(e.tmp, "rmad")
		logf("building rmad")
		cmd := exec.CommandContext(ctx, "go", "build", "-o", e.bin, "./cmd/rmad")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return e, fmt.Errorf("go build ./cmd/rmad: %w: %s", err, out)
		}
	}
	settings := map[string]string{}
	if o.profileDir != "" {
		settings["log_min_duration_statement"] = strconv.Itoa(o.pgSlowMS)
		settings["log_checkpoints"] = "on"
		settings["track_wal_io_timing"] = "on"
		// Statements with megabytes of bytea parameters would flood the log.
		settings["log_parameter_max_length"] = "0"
		settings["shared_preload_libraries"] = statementsLib
	}
	for k, v := range o.pgSettings {
		settings[k] = v
	}
	logf("starting PostgreSQL (durable: fsync and synchronous_commit on) %v", settings)
	if e.pg, err = pgserver.Start(ctx, pgserver.Options{Durable: true, Settings: settings}); err != nil {
		return e, err
	}
	logf("starting Dovecot %v", o.doveSettings)
	if e.dove, err = imaptest.StartDovecot(ctx, imaptest.DovecotOptions{ExtraConfig: doveConfig(o.doveSettings)}); err != nil {
		return e, err
	}
	return e, nil
}

// doveConfig turns -dovecot-set into dovecot.conf lines, sorted so a run's
// configuration reads the same each time. They come after the test server's
// own settings, and Dovecot takes the last value of a setting.
func doveConfig(settings map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		fmt.Fprintf(&b, "%s = %s\n", k, settings[k])
	}
	return b.String()
}

func (e *env) close() {
	if e.pg != nil {
		if e.o.profileDir != "" {
			copyFile(filepath.Join(e.pg.Dir, "log"), filepath.Join(e.o.profileDir, "postgres.log"))
		}
		if err := e.pg.Stop(); err != nil {
			logf("stopping PostgreSQL: %v", err)
		}
	}
	if e.dove != nil {
		if err := e.dove.Stop(); err != nil {
			logf("stopping Dovecot: %v", err)
		}
	}
	if e.tmp != "" {
		if e.o.keep {
			logf("kept %s", e.tmp)
		} else {
			os.RemoveAll(e.tmp)
		}
	}
}

func (e *env) describe() map[string]string {
	m := map[string]string{}
	for k, v := range e.host {
		m[k] = v
	}
	if out, err := exec.Command("dovecot", "--version").Output(); err == nil {
		m["dovecot"] = strings.TrimSpace(string(out))
	}
	if len(e.o.doveSettings) > 0 {
		m["dovecot_settings"] = strings.TrimSpace(strings.ReplaceAll(doveConfig(e.o.doveSettings), "\n", "; "))
	}
	if e.pg != nil {
		if conn, err := pgx.Connect(context.Background(), e.pg.URL("postgres")); err == nil {
			var v string
			if conn.QueryRow(context.Background(), "SHOW server_version").Scan(&v) == nil {
				m["postgres"] = v
			}
			var fsync, sc string
			_ = conn.QueryRow(context.Background(), "SELECT current_setting('fsync'), current_setting('synchronous_commit')").Scan(&fsync, &sc)
			m["postgres_fsync"], m["postgres_synchronous_commit"] = fsync, sc
			conn.Close(context.Background())
		}
	}
	return m
}

func copyFile(from, to string) {
	src, err := os.Open(from)
	if err != nil {
		return
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return
	}
	defer dst.Close()
	_, _ = io.Copy(dst, src)
}

// world is one phase's database, mailboxes and configuration.
type world struct {
	name  string
	dbURL string
	users map[string]string // mailbox name -> Dovecot user
	db    *pgx.Conn
	// queries counts the runner's own queries on db while measuring.
	queries int64
	// base is what the prefill put in the tables the checks count.
	base baseline
}

// baseline is the prefill's share of what waitDrained and verify count:
// the run is judged on the rows beyond it.
type baseline struct {
	copies, failed int
	lastMessage    int64 // the highest prefilled messages.id
	lastOutbox     int64 // the highest prefilled outbox.id
}

func (w *world) readBaseline(ctx context.Context) error {
	err := w.db.QueryRow(ctx, `SELECT (SELECT count(*) FROM message_copies),
		(SELECT count(*) FROM outbox WHERE status = 'failed'), (SELECT coalesce(max(id), 0) FROM messages),
		(SELECT coalesce(max(id), 0) FROM outbox)`).Scan(
		&w.base.copies, &w.base.failed, &w.base.lastMessage, &w.base.lastOutbox)
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}

// mailboxes are the names of the world's watched mailboxes.
func (w *world) mailboxes() []string {
	names := make([]string, 0, len(w.users))
	for name := range w.users {
		names = append(names, name)
	}
	return names
}

func (e *env) newWorld(ctx context.Context, name string) (*world, error) {
	w := &world{name: name, users: map[string]string{"support": "support-" + name, "rma": "rma-" + name}}
	db := "bench_" + name
	if err := e.pg.CreateDatabase(ctx, db, ""); err != nil {
		return nil, err
	}
	w.dbURL = e.pg.URL(db)
	if e.o.pgSocket {
		w.dbURL = e.pg.SocketURL(db)
	}
	for _, u := range w.users {
		if err := e.dove.AddUser(u, imapPass); err != nil {
			return nil, err
		}
	}
	// The schema is applied before the clock starts.
	cfg, err := e.writeConfig(w, "migrate", "127.0.0.1:1", "127.0.0.1:1")
	if err != nil {
		return nil, err
	}
	if err := runRmad(ctx, e.bin, "migrate", "--config", cfg); err != nil {
		return nil, err
	}
	if w.db, err = pgx.Connect(ctx, w.dbURL); err != nil {
		return nil, err
	}
	return w, nil
}

// reconnect closes the runner's connection (its backend flushes its
// statistics as it exits) and opens a new one.
func (w *world) reconnect(ctx context.Context) error {
	w.db.Close(ctx)
	time.Sleep(300 * time.Millisecond)
	var err error
	w.db, err = pgx.Connect(ctx, w.dbURL)
	return err
}

func (w *world) close() {
	if w.db != nil {
		w.db.Close(context.Background())
	}
}

// writeConfig writes an rmad configuration for w, listening on listen.
func (e *env) writeConfig(w *world, tag, listen, smtpAddr string) (string, error) {
	url := func(user string) string {
		return fmt.Sprintf("imap://%s:%s@%s/INBOX?tls=none", user, imapPass, e.dove.Addr())
	}
	text := fmt.Sprintf(`# generated by rmad's bench (%s)
database_url = %q
policy = "qct"
listen = %q
log_format = "json"
log_level = "warn"
poll_interval = "30s"
# The generated customers come from a few companies at a high rate: the
# backscatter caps would hold most answers back and hide the desk's cost.
auto_reply_domain_limit = 100000000
auto_reply_desk_limit = 100000000

[desk]
name = "Bench Desk"

[smtp]
url = "smtp://%s?tls=none"
timeout = "30s"

[[mailbox]]
name = "support"
role = "support"
address = %q
url = %q
after = "seen"

[[mailbox]]
name = "rma"
role = "rma"
address = %q
url = %q
after = "seen"

[people]
agents = [%q]
`, tag, w.dbURL, listen, smtpAddr, deskSupport, url(w.users["support"]), deskRMA, url(w.users["rma"]), deskAgent)
	path := filepath.Join(e.tmp, fmt.Sprintf("rmad-%s-%s.toml", w.name, tag))
	return path, os.WriteFile(path, []byte(text), 0o600)
}

func freeAddr() (string, error) {
	p, err := freeport.Port()
	return fmt.Sprintf("127.0.0.1:%d", p), err
}

// startProcs starts n rmad processes on w's database.
func (e *env) startProcs(ctx context.Context, w *world, n int, smtpAddr string) ([]*rmadProc, error) {
	var procs []*rmadProc
	for i := 0; i < n; i++ {
		listen, err := freeAddr()
		if err != nil {
			stopAll(procs)
			return nil, err
		}
		tag := fmt.Sprintf("p%d", i+1)
		cfg, err := e.writeConfig(w, tag, listen, smtpAddr)
		if err != nil {
			stopAll(procs)
			return nil, err
		}
		p, err := startRmad(ctx, e.bin, cfg, listen, filepath.Join(e.tmp, fmt.Sprintf("rmad-%s-%s.log", w.name, tag)))
		if err != nil {
			stopAll(procs)
			return nil, err
		}
		procs = append(procs, p)
	}
	return procs, nil
}

func stopAll(procs []*rmadProc) {
	for _, p := range procs {
		if err := p.stop(); err != nil {
			logf("%v", err)
		}
	}
}

// pgCounters are cluster-wide PostgreSQL statistics read before and after a run.
type pgCounters struct {
	commits, rollbacks int64
	walRecords         int64
	walBytes           float64
	walWrite, walSync  int64
	walSyncTimeMS      float64
}

func readPG(ctx context.Context, db *pgx.Conn) (pgCounters, error) {
	var c pgCounters
	err := db.QueryRow(ctx, `SELECT (SELECT sum(xact_commit) FROM pg_stat_database),
		(SELECT sum(xact_rollback) FROM pg_stat_database),
		wal_records, wal_bytes::float8, wal_write, wal_sync, wal_sync_time FROM pg_stat_wal`).Scan(
		&c.commits, &c.rollbacks, &c.walRecords, &c.walBytes, &c.walWrite, &c.walSync, &c.walSyncTimeMS)
	return c, err
}

// doveCPU is the CPU time so far of Dovecot's process tree.
func (e *env) doveCPU() (int64, error) {
	dm, err := findProcess("dovecot", filepath.Join(e.dove.Dir(), "dovecot.conf"))
	if err != nil {
		return 0, fmt.Errorf("dovecot master: %w", err)
	}
	return treeTicks(dm)
}

// cpuTrees is the CPU time so far of PostgreSQL's and Dovecot's process trees.
func (e *env) cpuTrees() (pg, dove int64, err error) {
	pm, err := postmasterPID(filepath.Join(e.pg.Dir, "data"))
	if err != nil {
		return 0, 0, fmt.Errorf("postmaster pid: %w", err)
	}
	dm, err := findProcess("dovecot", filepath.Join(e.dove.Dir(), "dovecot.conf"))
	if err != nil {
		return 0, 0, fmt.Errorf("dovecot master: %w", err)
	}
	stats, err := allStats()
	if err != nil {
		return 0, 0, err
	}
	if pg, err = sumTree(stats, pm); err != nil {
		return 0, 0, fmt.Errorf("postgres: %w", err)
	}
	if dove, err = sumTree(stats, dm); err != nil {
		return 0, 0, fmt.Errorf("dovecot: %w", err)
	}
	return pg, dove, nil
}
