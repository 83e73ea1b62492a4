package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Stamped at build time by the Makefile (`make build`, `make release`):
//
//	-ldflags "-X main.version=... -X main.commit=... -X main.date=..."
//
// A plain `go build` leaves them empty; buildInfo then falls back to what
// the Go toolchain records of the VCS checkout.
var (
	version string
	commit  string
	date    string
)

// buildVersion is what `rmad version` reports.
type buildVersion struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Date    string `json:"date"`
	Go      string `json:"go"`
	// Modified: the build's source had uncommitted changes.
	Modified bool `json:"modified"`
}

// buildInfo reads the stamped values, filling what is missing from the
// toolchain's record (vcs.revision, vcs.time, vcs.modified).
func buildInfo() buildVersion {
	v := buildVersion{Version: version, Commit: commit, Date: date, Go: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if v.Commit == "" {
					v.Commit = s.Value
				}
			case "vcs.time":
				if v.Date == "" {
					v.Date = s.Value
				}
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
		if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version // go install rmad/cmd/rmad@vX
		}
	}
	if version != "" {
		// The stamp's `git describe --dirty` says it better than the toolchain.
		v.Modified = len(version) > 6 && version[len(version)-6:] == "-dirty"
	}
	if v.Version == "" {
		v.Version = "devel"
		if v.Commit != "" {
			v.Version += "-" + short(v.Commit)
		}
		if v.Modified {
			v.Version += "-dirty"
		}
	}
	if v.Commit == "" {
		v.Commit = "unknown"
	}
	if v.Date == "" {
		v.Date = "unknown"
	}
	return v
}

func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

func cmdVersion(_ context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "version", "version [--json]   (the build's version, commit and date)")
	asJSON := fs.Bool("json", false, "print JSON: version, commit, date, go, modified")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments")
	}
	v := buildInfo()
	if *asJSON {
		return writeJSON(env.stdout, v)
	}
	_, err = fmt.Fprintf(env.stdout, "rmad %s\ncommit %s\ndate   %s\ngo     %s\n", v.Version, v.Commit, v.Date, v.Go)
	return err
}
