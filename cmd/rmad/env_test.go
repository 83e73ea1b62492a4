package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJobsFromTheEnvironment: RMAD_JOBS_<JOB> changes or turns off a job's
// schedule, and a misspelt one stops rmad naming the variable.
func TestJobsFromTheEnvironment(t *testing.T) {
	file := filepath.Join(t.TempDir(), "rmad.toml")
	if err := os.WriteFile(file, []byte("database_url = \"postgres://x@127.0.0.1:1/x\"\n[smtp]\nurl = \"smtp://h\"\n[[mailbox]]\nname = \"a\"\nrole = \"support\"\naddress = \"a@b.example\"\nurl = \"imap://u:p@h/INBOX\"\n[jobs]\nquotes = \"0 9 * * *\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"RMAD_JOBS_DIGEST=0 7 * * *", "RMAD_JOBS_AGENTS_DIGEST=off", "RMAD_JOBS_QUOTES=off"}
	cfg, err := loadConfig(&cliEnv{environ: env}, file)
	if err != nil {
		t.Fatal(err)
	}
	scheds, text, err := schedules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if text["digest"] != "0 7 * * *" || text["agents_digest"] != "off" || text["quotes"] != "off" || text["reminders"] != "*/15 * * * *" {
		t.Fatalf("schedules: %v", text)
	}
	if _, on := scheds["agents_digest"]; on {
		t.Fatal("agents_digest still scheduled")
	}
	if _, on := scheds["quotes"]; on {
		t.Fatal("quotes still scheduled (the environment overrides the file)")
	}
	if code, out, errOut := runCLI(t, env, "config", "check", "--config", file); code != 0 || !strings.Contains(out, ": ok") {
		t.Fatalf("config check: code %d, %q %q", code, out, errOut)
	}
	for _, tc := range []struct{ env, want string }{
		{"RMAD_JOBS_DIGST=0 7 * * *", "rmad: config: RMAD_JOBS_DIGST: unknown variable (did you mean RMAD_JOBS_DIGEST?)\n"},
		{"RMAD_JOBS_DIGEST=at seven", "rmad: config: jobs.digest: not a cron schedule"},
		{"RMAD_SMPT_URL=smtp://h", "rmad: config: RMAD_SMPT_URL: unknown variable (did you mean RMAD_SMTP_URL?)\n"},
	} {
		code, _, errOut := runCLI(t, []string{tc.env}, "config", "check", "--config", file)
		if code != 2 || !strings.HasPrefix(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: code %d, stderr %q, want %q", tc.env, code, errOut, tc.want)
		}
	}
}
