package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"rmad/config"
)

// usageError is bad usage: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

type command struct {
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what every subcommand gets instead of globals.
type cliEnv struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	environ        []string
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"version":  {"print the build's version, commit and date", cmdVersion},
		"serve":    {"the daemon: mailbox watchers, outbox sender, health/metrics endpoint", cmdServe},
		"migrate":  {"apply pending database migrations and exit", cmdMigrate},
		"demo":     {"run the whole desk on embedded servers and print a transcript", cmdDemo},
		"parse":    {"print the parse of one message as JSON (no database)", cmdParse},
		"ingest":   {"process message files as if just fetched from a mailbox", cmdIngest},
		"ticket":   {"list and show tickets", cmdTicket},
		"outbox":   {"list and show mail rmad has queued or sent; retry or drop held mail", cmdOutbox},
		"policy":   {"list, show and check warranty policies", cmdPolicy},
		"config":   {"print an example configuration or check one", cmdConfig},
		"rma":      {"approve, ship, deliver, receive, void, reject, quote, paid: what agents' #commands do", cmdRMA},
		"registry": {"import the asset registry from CSV (all or nothing)", cmdRegistry},
		"jobs":     {"list the scheduled jobs, or run them as of a time", cmdJobs},
		"message":  {"list or write the attachments of a stored message", cmdMessage},
		"purge":    {"delete raw mail or closed tickets past retention (what the retention job does)", cmdPurge},
		"customer": {"forget: erase one person's data, keeping anonymised billing rows", cmdCustomer},
		"oauth":    {"sign in to an OAuth2 provider (device code) and show token status", cmdOAuth},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &cliEnv{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, environ: os.Environ()}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		topUsage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "rmad: unknown command %q (see rmad --help)\n", args[0])
		return 2
	}
	err := c.run(ctx, env, args[1:])
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	// The last stop of every error: whatever a library put into it, no
	// password leaves through stderr.
	msg := config.Redact(err.Error())
	var ue usageError
	var ce *config.Error
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(env.stderr, "rmad %s: %s\n", args[0], msg)
		return 2
	case errors.As(err, &ce):
		fmt.Fprintf(env.stderr, "rmad: %s\n", oneLine(msg))
		return 2
	default:
		fmt.Fprintf(env.stderr, "rmad: %s\n", oneLine(msg))
		return 1
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func topUsage(w io.Writer) {
	fmt.Fprintln(w, "rmad: an e-mail-driven support and RMA desk\n\nUsage: rmad COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --help. Exit codes: 0 ok, 1 runtime failure, 2 bad usage or configuration.")
}

// newFlags makes a FlagSet whose --help prints usage and whose errors are
// usage errors.
func newFlags(env *cliEnv, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stdout, "Usage: rmad %s\n\n", usage)
		fs.SetOutput(env.stdout)
		fs.PrintDefaults()
		fs.SetOutput(env.stderr)
	}
	return fs
}

// parseInterleaved parses flags that may stand before or after positional
// arguments, and returns the positionals.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func configFlag(fs *flag.FlagSet) *string {
	return fs.String("config", "rmad.toml", "configuration file (contracts/config.md)")
}
