package imaptest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"rmad/internal/freeport"
	"rmad/internal/imapmem"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ErrNoDovecot means the Dovecot binaries are not installed; `make deps`
// installs Debian's dovecot-imapd.
var ErrNoDovecot = errors.New("imaptest: dovecot (dovecot-imapd) not found; run `make deps`")

// DovecotOptions tune a throwaway Dovecot. The zero value is fine.
type DovecotOptions struct {
	// Binary is the dovecot master binary; default /usr/sbin/dovecot, else PATH.
	Binary string
	// Users are created before the server starts (name -> password).
	Users map[string]string
	// ExtraConfig is appended to the generated dovecot.conf verbatim.
	ExtraConfig string
	// OAuth2IntrospectURL, when set, adds the XOAUTH2 and OAUTHBEARER
	// mechanisms with Dovecot's oauth2 passdb, which accepts a token when
	// this RFC 7662 endpoint reports it active for the user (see oauth2.go).
	OAuth2IntrospectURL string
}

// Dovecot is a running throwaway Dovecot, listening on 127.0.0.1 with its own
// configuration, users and Maildirs in a temporary directory.
type Dovecot struct {
	dir     string
	bin     string
	doveadm string
	port    int
	uid     int // -1: run as the current user, no privilege drop
	gid     int
	runAs   string
	group   string
	extra   string
	oauth2  string

	mu      sync.Mutex
	users   map[string]string
	proc    *exec.Cmd
	exited  chan struct{} // closed when proc has been reaped
	removed bool
}

// StartDovecot writes a configuration to a new temporary directory and starts
// `dovecot -F -c <dir>/dovecot.conf` as a child process on a free loopback
// port. ctx bounds the start only; Stop ends the server.
func StartDovecot(ctx context.Context, opts DovecotOptions) (*Dovecot, error) {
	bin, doveadm, err := findDovecot(opts.Binary)
	if err != nil {
		return nil, err
	}
	d := &Dovecot{bin: bin, doveadm: doveadm, uid: -1, gid: -1, extra: opts.ExtraConfig, oauth2: opts.OAuth2IntrospectURL, users: map[string]string{}}
	for name, pass := range opts.Users {
		if err := checkCred(name, pass); err != nil {
			return nil, err
		}
		d.users[name] = pass
	}
	if err := d.pickAccount(); err != nil {
		return nil, err
	}
	d.dir, err = os.MkdirTemp("", "rmad-dovecot-")
	if err != nil {
		return nil, fmt.Errorf("imaptest: %w", err)
	}
	if d.port, err = freeport.Port(); err != nil {
		os.RemoveAll(d.dir)
		return nil, err
	}
	if err := d.prepare(); err != nil {
		os.RemoveAll(d.dir)
		return nil, err
	}
	if err := d.start(ctx); err != nil {
		d.Stop()
		return nil, err
	}
	return d, nil
}

func findDovecot(bin string) (master, doveadm string, err error) {
	if bin == "" {
		bin = "/usr/sbin/dovecot"
		if _, err := os.Stat(bin); err != nil {
			if bin, err = exec.LookPath("dovecot"); err != nil {
				return "", "", ErrNoDovecot
			}
		}
	}
	if _, err := os.Stat(bin); err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrNoDovecot, err)
	}
	// dovecot-core alone has no IMAP server; dovecot-imapd brings it.
	if _, err := os.Stat("/usr/lib/dovecot/imap"); err != nil {
		return "", "", fmt.Errorf("%w: /usr/lib/dovecot/imap missing", ErrNoDovecot)
	}
	doveadm = filepath.Join(filepath.Dir(filepath.Dir(bin)), "bin", "doveadm")
	if _, err := os.Stat(doveadm); err != nil {
		if doveadm, err = exec.LookPath("doveadm"); err != nil {
			doveadm = ""
		}
	}
	return bin, doveadm, nil
}

// pickAccount chooses the account the server's processes run as. Under root
// Dovecot drops privileges and refuses to run mail processes as root, so it
// uses rmadtest (created by `make deps`) or nobody.
func (d *Dovecot) pickAccount() error {
	if os.Geteuid() != 0 {
		u, err := user.Current()
		if err != nil {
			return fmt.Errorf("imaptest: current user: %w", err)
		}
		g, err := user.LookupGroupId(u.Gid)
		if err != nil {
			return fmt.Errorf("imaptest: current group: %w", err)
		}
		d.runAs, d.group = u.Username, g.Name
		return nil
	}
	for _, name := range []string{"rmadtest", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		g, err := user.LookupGroupId(u.Gid)
		if err != nil {
			continue
		}
		d.uid, _ = strconv.Atoi(u.Uid)
		d.gid, _ = strconv.Atoi(u.Gid)
		d.runAs, d.group = u.Username, g.Name
		return nil
	}
	return errors.New("imaptest: running as root and no unprivileged account (rmadtest, nobody) for Dovecot; run `make deps`")
}

func (d *Dovecot) prepare() error {
	for _, sub := range []string{"mail", "state", "users"} {
		if err := os.Mkdir(filepath.Join(d.dir, sub), 0o700); err != nil {
			return fmt.Errorf("imaptest: %w", err)
		}
	}
	if d.uid >= 0 {
		for _, p := range []string{d.dir, filepath.Join(d.dir, "mail"), filepath.Join(d.dir, "state"), filepath.Join(d.dir, "users")} {
			if err := os.Chown(p, d.uid, d.gid); err != nil {
				return fmt.Errorf("imaptest: %w", err)
			}
		}
	}
	if err := os.WriteFile(d.confPath(), []byte(d.config()), 0o644); err != nil {
		return fmt.Errorf("imaptest: %w", err)
	}
	if err := d.writeOAuth2(); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for name := range d.users {
		if err := d.writeUserLocked(name); err != nil {
			return err
		}
	}
	return nil
}

func (d *Dovecot) confPath() string { return filepath.Join(d.dir, "dovecot.conf") }
func (d *Dovecot) logPath() string  { return filepath.Join(d.dir, "dovecot.log") }

// config is a complete dovecot.conf: nothing from /etc/dovecot is included, so
// the system's configuration and service are never touched.
func (d *Dovecot) config() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("# generated by rmad/internal/imaptest for one test run")
	w("base_dir = %s", filepath.Join(d.dir, "run"))
	w("state_dir = %s", filepath.Join(d.dir, "state"))
	w("log_path = %s", d.logPath())
	w("protocols = imap")
	w("listen = 127.0.0.1")
	w("ssl = no")
	w("disable_plaintext_auth = no")
	w("auth_mechanisms = plain login%s", d.oauth2Mechanisms())
	// A wrong password in a test should fail at once, not after 2 s.
	w("auth_failure_delay = 0")
	// Nor slow down every later login from 127.0.0.1 (auth penalty, up to 15 s).
	w("service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}")
	w("default_login_user = %s", d.runAs)
	w("default_internal_user = %s", d.runAs)
	w("default_internal_group = %s", d.group)
	w("mail_uid = %s", d.runAs)
	w("mail_gid = %s", d.group)
	w("first_valid_uid = 1")
	w("first_valid_gid = 1")
	w("mail_location = maildir:~/Maildir")
	// Tests open several sessions per user from 127.0.0.1 (default limit 10).
	w("mail_max_userip_connections = 200")
	w("namespace inbox {\n  inbox = yes\n  separator = /\n}")
	w("passdb {\n  driver = passwd-file\n  mechanisms = plain login\n  args = scheme=PLAIN username_format=%%u %s\n}", d.passwdPath())
	w("%s", d.oauth2Passdb())
	w("userdb {\n  driver = passwd-file\n  args = username_format=%%u %s\n}", d.passwdPath())
	// No chroot: it needs root, and a test server gains nothing from it.
	w("service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = %d\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}", d.port)
	if d.extra != "" {
		w("%s", d.extra)
	}
	return b.String()
}

// passwdPath is a passwd-file per user: Dovecot rereads a changed file at most
// once a second, so a user added right after a login would stay unknown for up
// to a second with one shared file; a new file per user is read on first use.
func (d *Dovecot) passwdPath() string { return filepath.Join(d.dir, "users", "%u") }

func checkCred(name, pass string) error {
	if name == "" || strings.ContainsAny(name, ":\r\n/ \t") || strings.ContainsAny(pass, ":\r\n") {
		return fmt.Errorf("imaptest: user %q: name and password must not contain ':', '/', spaces or newlines", name)
	}
	return nil
}

// writeUserLocked writes name's passwd-file atomically (temp file + rename).
func (d *Dovecot) writeUserLocked(name string) error {
	uid, gid := d.uid, d.gid
	if uid < 0 {
		uid, gid = os.Getuid(), os.Getgid()
	}
	home := filepath.Join(d.dir, "mail", name)
	line := fmt.Sprintf("%s:{PLAIN}%s:%d:%d::%s::\n", name, d.users[name], uid, gid, home)
	path := filepath.Join(d.dir, "users", name)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(line), 0o600); err != nil {
		return fmt.Errorf("imaptest: %w", err)
	}
	if d.uid >= 0 {
		if err := os.Chown(tmp, d.uid, d.gid); err != nil {
			return fmt.Errorf("imaptest: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("imaptest: %w", err)
	}
	return nil
}

func (d *Dovecot) start(ctx context.Context) error {
	out, err := os.OpenFile(filepath.Join(d.dir, "stderr.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("imaptest: %w", err)
	}
	defer out.Close()
	cmd := exec.Command(d.bin, "-F", "-c", d.confPath())
	cmd.Dir = d.dir
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	// Own process group, so Stop can kill the master and every imap child;
	// Pdeathsig so a crashed test binary does not leave a server behind.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("imaptest: start dovecot: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	d.mu.Lock()
	d.proc, d.exited = cmd, exited
	d.mu.Unlock()
	if err := waitGreeting(ctx, d.Addr(), exited); err != nil {
		return fmt.Errorf("imaptest: dovecot did not come up: %w\n%s", err, d.Log())
	}
	return nil
}

// waitGreeting dials addr until a "* OK" greeting arrives, the process exits
// or ctx (at most 20 s) ends.
func waitGreeting(ctx context.Context, addr string, exited <-chan struct{}) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var last error
	for {
		select {
		case <-exited:
			return errors.New("process exited")
		case <-ctx.Done():
			return fmt.Errorf("%w (last: %v)", ctx.Err(), last)
		default:
		}
		last = tryGreeting(ctx, addr)
		if last == nil {
			return nil
		}
		select {
		case <-time.After(20 * time.Millisecond):
		case <-exited:
		case <-ctx.Done():
		}
	}
}

func tryGreeting(ctx context.Context, addr string) error {
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "* OK") {
		return fmt.Errorf("unexpected greeting %q", line)
	}
	return nil
}

// Addr is host:port of the IMAP listener (plain text, no TLS).
func (d *Dovecot) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(d.port)) }

// Dir is the server's temporary directory (config, log, Maildirs).
func (d *Dovecot) Dir() string { return d.dir }

// Log returns Dovecot's log so far, for failure messages.
func (d *Dovecot) Log() string {
	a, _ := os.ReadFile(d.logPath())
	b, _ := os.ReadFile(filepath.Join(d.dir, "stderr.log"))
	return string(a) + string(b)
}

// AddUser creates (or changes the password of) a user; it works before and
// after start.
func (d *Dovecot) AddUser(name, pass string) error {
	if err := checkCred(name, pass); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.removed {
		return errors.New("imaptest: dovecot stopped")
	}
	d.users[name] = pass
	return d.writeUserLocked(name)
}

// Append stores raw in user's folder over a separate IMAP connection (creating
// the folder if needed) and returns its UID.
func (d *Dovecot) Append(ctx context.Context, user, pass, folder string, raw []byte) (uint32, error) {
	return imapmem.AppendMessage(ctx, d.Addr(), false, user, pass, folder, raw)
}

// Messages lists what is in user's folder, in UID order, without changing flags.
func (d *Dovecot) Messages(ctx context.Context, user, pass, folder string) ([]MessageInfo, error) {
	return imapmem.ListMessages(ctx, d.Addr(), false, user, pass, folder)
}

var uidValidityRe = regexp.MustCompile(`uidvalidity=(\d+)`)

// ChangeUIDValidity gives user's folder (INBOX too) a new UIDVALIDITY, keeping
// its messages, with `doveadm mailbox update --uid-validity`. Dovecot drops a
// session that has the folder selected at that session's next command (not
// during IDLE). It returns the new value.
func (d *Dovecot) ChangeUIDValidity(ctx context.Context, user, folder string) (uint32, error) {
	if d.doveadm == "" {
		return 0, errors.New("imaptest: doveadm not found")
	}
	out, err := d.doveadmRun(ctx, "mailbox", "status", "-u", user, "uidvalidity", folder)
	if err != nil {
		return 0, err
	}
	m := uidValidityRe.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("imaptest: doveadm mailbox status: no uidvalidity in %q", out)
	}
	old, err := strconv.ParseUint(m[1], 10, 32)
	if err != nil {
		return 0, fmt.Errorf("imaptest: doveadm mailbox status: %w", err)
	}
	next := uint32(old) + 1
	if next == 0 {
		next = 1
	}
	if _, err := d.doveadmRun(ctx, "mailbox", "update", "-u", user, "--uid-validity", strconv.FormatUint(uint64(next), 10), folder); err != nil {
		return 0, err
	}
	return next, nil
}

func (d *Dovecot) doveadmRun(ctx context.Context, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, imapmem.DefaultTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, d.doveadm, append([]string{"-c", d.confPath()}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("imaptest: doveadm %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// Restart stops the server and starts it again on the same port with the same
// data, as an operator's restart would.
func (d *Dovecot) Restart(ctx context.Context) error {
	d.mu.Lock()
	removed := d.removed
	d.mu.Unlock()
	if removed {
		return errors.New("imaptest: dovecot stopped")
	}
	if err := d.kill(); err != nil {
		return err
	}
	return d.start(ctx)
}

// kill stops the process group: SIGTERM for a clean shutdown (clients get a
// BYE), SIGKILL after 5 s, and SIGKILL to the group again so no child
// survives the master.
func (d *Dovecot) kill() error {
	d.mu.Lock()
	proc, exited := d.proc, d.exited
	d.proc = nil
	d.mu.Unlock()
	if proc == nil {
		return nil
	}
	pgid := proc.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-exited
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
	return nil
}

// Stop kills the server and removes its directory. Safe to call twice.
func (d *Dovecot) Stop() error {
	if d == nil {
		return nil
	}
	err := d.kill()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.removed {
		return err
	}
	d.removed = true
	if rmErr := os.RemoveAll(d.dir); rmErr != nil && err == nil {
		err = fmt.Errorf("imaptest: %w", rmErr)
	}
	return err
}
