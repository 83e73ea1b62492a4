package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rmad/config"
	"rmad/internal/freeport"
	"rmad/internal/imaptest"
	"rmad/internal/pgtest"
	"rmad/internal/smtptest"
)

const secret = "S3cret"

// secretConfig is a valid configuration whose database, SMTP and IMAP
// URLs are given by the caller.
func secretConfig(t *testing.T, db, smtpURL, imapURL string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "rmad.toml")
	text := fmt.Sprintf(`database_url = %q
listen = ""
poll_interval = "1h"
[smtp]
url = %q
timeout = "2s"
[[mailbox]]
name = "support"
role = "support"
address = "support@desk.example"
url = %q
`, db, smtpURL, imapURL)
	if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	p, err := freeport.Port()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Passwords in connection strings never reach stderr, whichever way the
// command fails, while the message still says which key and which host.
func TestErrorsNeverShowPasswords(t *testing.T) {
	port := strconv.Itoa(closedPort(t))
	host := "127.0.0.1:" + port
	okSMTP := "smtp://desk:" + secret + "@127.0.0.1:1?tls=none"
	okIMAP := "imap://desk:" + secret + "@127.0.0.1:1/INBOX?tls=none"
	for _, tc := range []struct {
		name string
		args []string // after the command; --config is added
		db   string
		env  []string
		code int
		want []string // all of these in stderr
	}{
		{name: "password in user info", args: []string{"ticket", "list"},
			db: "postgres://rmad:" + secret + "@" + host + "/rmad", code: 1,
			want: []string{"database postgres://rmad:xxxxx@" + host + "/rmad", "failed to connect"}},
		{name: "password as query parameter", args: []string{"migrate"},
			db: "postgres://rmad@" + host + "/rmad?sslmode=disable&password=" + secret, code: 1,
			want: []string{"database postgres://rmad@" + host + "/rmad?sslmode=disable&password=xxxxx"}},
		{name: "sslpassword and password", args: []string{"outbox", "list"},
			db: "postgres://rmad:" + secret + "@" + host + "/rmad?sslpassword=" + secret + "&password=" + secret, code: 1,
			want: []string{"rmad:xxxxx@" + host, "sslpassword=xxxxx&password=xxxxx"}},
		{name: "serve", args: []string{"serve"},
			db: "postgres://rmad:" + secret + "@" + host + "/rmad?password=" + secret, code: 1,
			want: []string{"database postgres://rmad:xxxxx@" + host + "/rmad?password=xxxxx"}},
		{name: "from the environment", args: []string{"ticket", "list"}, db: "postgres://x@127.0.0.1:1/x",
			env:  []string{"RMAD_DATABASE_URL=postgres://rmad:" + secret + "@" + host + "/rmad?password=" + secret},
			code: 1, want: []string{"rmad:xxxxx@" + host + "/rmad?password=xxxxx"}},
		{name: "unparseable database url", args: []string{"ticket", "list"},
			db: "postgres://rmad:" + secret + "@" + host + "/rmad?pool_max_conns=many&password=" + secret, code: 2,
			want: []string{"database_url", "pool_max_conns"}},
		{name: "config check, bad smtp url", args: []string{"config", "check"}, db: "postgres://x@127.0.0.1:1/x",
			env:  []string{"RMAD_SMTP_URL=smtp://desk:" + secret + "/x@mail.example.com"},
			code: 2, want: []string{"smtp.url", "not a URL"}},
		{name: "config check, bad imap url", args: []string{"config", "check"}, db: "postgres://x@127.0.0.1:1/x",
			env:  []string{"RMAD_MAILBOX_SUPPORT_URL=imap://desk:" + secret + "@imap.example.com:14x3/INBOX"},
			code: 2, want: []string{"mailbox[0].url", "invalid port"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := secretConfig(t, tc.db, okSMTP, okIMAP)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var out, errb bytes.Buffer
			code := run(ctx, &cliEnv{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), environ: tc.env},
				append(tc.args, "--config", f))
			stderr := errb.String() + out.String()
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tc.code, stderr)
			}
			if strings.Contains(stderr, secret) {
				t.Fatalf("password in the output: %q", stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
		})
	}
}

// syncBuffer is a bytes.Buffer for a writer and a reader on two goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// `rmad serve` with passwords in every URL: its log names where it
// connects and never the passwords, from start to stop.
func TestServeLogNeverShowsPasswords(t *testing.T) {
	dbURL, err := url.Parse(pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	// The test cluster trusts loopback connections, so the password is
	// sent nowhere, yet it is part of the configuration.
	q := dbURL.Query()
	q.Set("password", secret)
	dbURL.RawQuery = q.Encode()
	imapSrv := imaptest.Mem(t)
	if err := imapSrv.AddUser("support@desk.example", secret); err != nil {
		t.Fatal(err)
	}
	sink, err := smtptest.Start(smtptest.Options{Username: "desk", Password: secret})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	f := secretConfig(t, dbURL.String(),
		"smtp://desk:"+secret+"@"+sink.Addr()+"?tls=none",
		"imap://support%40desk.example:"+secret+"@"+imapSrv.Addr()+"/INBOX?tls=none")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, &cliEnv{stdout: &stdout, stderr: &stderr, stdin: strings.NewReader(""),
			environ: []string{"RMAD_LOG_LEVEL=debug"}}, []string{"serve", "--config", f})
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "mailin: connected") || !strings.Contains(stderr.String(), "rmad serving") {
		select {
		case code := <-done:
			t.Fatalf("serve exited %d early:\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start and connect within 20s:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exit %d", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	log := stderr.String()
	if strings.Contains(log, secret) {
		t.Fatalf("password in the serve log:\n%s", log)
	}
	for _, w := range []string{"postgres://postgres@" + dbURL.Host, "password=xxxxx", "smtp://desk:xxxxx@" + sink.Addr()} {
		if !strings.Contains(log, w) {
			t.Errorf("serve log lacks %q:\n%s", w, log)
		}
	}
}

// Every log line goes through config.Redact: messages, strings, errors,
// Stringers, groups and attributes bound with With, in both formats.
func TestLoggerRedactsEveryValue(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			log := newLogger(&buf, &config.Config{LogFormat: format, LogLevel: "debug"})
			dsn := "postgres://rmad:" + secret + "@db.example:5432/rmad?password=" + secret
			log.With("bound", dsn).WithGroup("g").Info("connecting to "+dsn,
				"url", dsn,
				"err", fmt.Errorf("dial: %w", errors.New("cannot parse `host=db password="+secret+"`")),
				"stringer", stringer(dsn),
				slog.Group("nested", "dsn", dsn),
				"n", 42)
			got := buf.String()
			if strings.Contains(got, secret) {
				t.Fatalf("password in the log:\n%s", got)
			}
			if strings.Count(got, "rmad:xxxxx@db.example:5432") != 5 || !strings.Contains(got, "password=xxxxx") || !strings.Contains(got, "42") {
				t.Fatalf("log lost more than the passwords:\n%s", got)
			}
		})
	}
}

type stringer string

func (s stringer) String() string { return string(s) }
