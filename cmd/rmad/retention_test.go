package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

type purgeJSON struct {
	Kind    string   `json:"kind"`
	DryRun  bool     `json:"dry_run"`
	Tickets []string `json:"tickets"`
	Shells  []string `json:"kept_for_billing"`
	Tables  map[string]struct {
		Deleted  int64 `json:"deleted"`
		Scrubbed int64 `json:"scrubbed"`
	} `json:"tables"`
}

func (s *scenario) count(sql string, args ...any) int64 {
	s.t.Helper()
	var n int64
	if err := s.db.QueryRow(s.t.Context(), sql, args...).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// sent marks every queued mail sent, as the outbox worker would: a ticket
// whose mail waits to go is never purged.
func (s *scenario) sent() {
	s.t.Helper()
	if _, err := s.db.Exec(s.t.Context(), `UPDATE outbox SET status = 'sent', sent_at = queued_at WHERE status = 'queued'`); err != nil {
		s.t.Fatal(err)
	}
}

func TestPurgeCommands(t *testing.T) {
	s := newScenario(t, "qct")
	s.mail("support", "2026-11-20T09:00:00Z", "Sam Roe <sam@customer.example>", "Fan noise", "", "Phone: +1 555 0199\nThe fans are loud.\n")
	s.mail("support", "2026-11-20T10:00:00Z", "dana@desk.example", "Re: Fan noise", "In-Reply-To: <"+s.agentNotice()+">\n", "#close\n")
	s.mail("support", "2026-11-21T09:00:00Z", "Kim Poe <kim@other.example>", "BMC question", "", "How do I reset the BMC?\n")
	s.sent()
	for _, args := range [][]string{
		{"purge", "--raw-older-than", "2h"},
		{"purge", "--closed-before", "2 years"},
		{"purge"},
		{"purge", "--raw-older-than", "180d", "--closed-before", "2y"},
	} {
		s.refused(args...)
	}
	var dry, real purgeJSON
	out := s.rmad("purge", "--raw-older-than", "180d", "--dry-run", "--json", "--at", "2027-07-01T00:00:00Z")
	if err := json.Unmarshal([]byte(out), &dry); err != nil {
		t.Fatal(err)
	}
	if !dry.DryRun || strings.Join(dry.Tickets, ",") != "TKT-100001" || dry.Tables["messages"].Scrubbed != 2 {
		t.Fatalf("dry run: %s", out)
	}
	if n := s.count(`SELECT count(*) FROM messages WHERE purged_at IS NOT NULL`); n != 0 {
		t.Fatalf("the dry run purged %d messages", n)
	}
	out = s.rmad("purge", "--raw-older-than", "180d", "--at", "2027-07-01T00:00:00Z")
	if !strings.Contains(out, "purged raw mail of closed tickets idle since before 2027-01-02T00:00:00Z: 1 tickets") || !strings.Contains(out, "messages") {
		t.Fatalf("purge raw:\n%s", out)
	}
	if show := s.rmad("ticket", "show", "TKT-100001"); !strings.Contains(show, "raw_purged") || !strings.Contains(show, "sam@customer.example") ||
		strings.Count(show, "[raw mail purged 2027-07-01]") != 2 || !strings.Contains(show, "Fan noise") {
		t.Fatalf("ticket show after purge raw:\n%s", show)
	}
	if out := s.rmad("message", "attachments", "1"); !strings.Contains(out, "raw mail and attachments were deleted on 2027-07-01") {
		t.Fatalf("message attachments after purge raw:\n%s", out)
	}
	if n := s.count(`SELECT count(*) FROM messages WHERE raw <> ''::bytea AND ticket_id = (SELECT id FROM tickets WHERE ref = 'TKT-100001')`); n != 0 {
		t.Fatalf("%d messages keep their raw mail", n)
	}
	out = s.rmad("purge", "--closed-before", "1y", "--json", "--at", "2028-01-01T00:00:00Z")
	if err := json.Unmarshal([]byte(out), &real); err != nil {
		t.Fatal(err)
	}
	if real.DryRun || strings.Join(real.Tickets, ",") != "TKT-100001" || real.Tables["tickets"].Deleted != 1 {
		t.Fatalf("purge closed: %s", out)
	}
	if code, _ := s.try("ticket", "show", "TKT-100001"); code != 1 {
		t.Fatalf("the purged ticket is still shown (exit %d)", code)
	}
	if s.count(`SELECT count(*) FROM tickets WHERE ref = 'TKT-100002' AND customer_address = 'kim@other.example'`) != 1 {
		t.Fatalf("the open ticket was touched")
	}
	if s.count(`SELECT count(*) FROM erasures`) != 2 {
		t.Fatalf("audit rows: want one per purge that deleted something")
	}
}

func TestCustomerForgetCommand(t *testing.T) {
	s := newScenario(t, "qct")
	s.mail("support", "2026-11-21T09:00:00Z", "Kim Poe <kim@other.example>", "BMC question", "", "How do I reset the BMC?\nPhone: +44 20 7946 0123\n")
	for _, bad := range []string{"@other.example", "other.example", "Kim <kim@other.example>", "support@desk.example", "dana@desk.example"} {
		if out := s.refused("customer", "forget", bad); !strings.Contains(out, "not one customer address") {
			t.Fatalf("forget %q: %s", bad, out)
		}
	}
	out := s.rmad("customer", "forget", "--dry-run", "Kim@Other.example")
	if !strings.Contains(out, "dry run") || !strings.Contains(out, "TKT-100001") || s.count(`SELECT count(*) FROM tickets`) != 1 {
		t.Fatalf("dry run:\n%s", out)
	}
	var rep struct {
		Subject string   `json:"subject"`
		Tickets []string `json:"tickets"`
	}
	out = s.rmad("customer", "forget", "kim@other.example", "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil || strings.Join(rep.Tickets, ",") != "TKT-100001" || len(rep.Subject) != 24 {
		t.Fatalf("forget: %s %v", out, err)
	}
	if n := s.count(`SELECT count(*) FROM erasures WHERE kind = 'forget' AND subject = $1 AND position('kim' in counts::text) = 0`, rep.Subject); n != 1 {
		t.Fatalf("no audit row of the forget without the address")
	}
	if n := s.count(`SELECT count(*) FROM messages WHERE position('kim@other.example' in lower(encode(raw, 'escape') || from_address || subject)) > 0`); n != 0 {
		t.Fatalf("kim is still in %d messages", n)
	}
	if out := s.rmad("customer", "forgotten", "KIM@other.example"); !strings.Contains(out, "forgotten at ") {
		t.Fatalf("forgotten: %s", out)
	}
	if out := s.rmad("customer", "forgotten", "sam@other.example"); !strings.Contains(out, "no forget recorded") {
		t.Fatalf("forgotten, never forgotten: %s", out)
	}
	// Kim writes again: a fresh ticket, as for anyone.
	if out := s.mail("support", "2026-11-22T09:00:00Z", "Kim Poe <kim@other.example>", "Another question", "", "Hello again\n"); !strings.Contains(out, "TKT-100002") || !strings.Contains(out, "created") {
		t.Fatalf("Kim writing again:\n%s", out)
	}
}

// The retention job reads [retention] (and its RMAD_RETENTION_*
// overrides), runs under its name like every job, and its schedule is
// overridden in [jobs] like theirs.
func TestRetentionJobFromConfig(t *testing.T) {
	s := newScenario(t, "qct")
	s.mail("support", "2026-11-20T09:00:00Z", "Sam Roe <sam@customer.example>", "Fan noise", "", "The fans are loud.\n")
	s.mail("support", "2026-11-20T10:00:00Z", "dana@desk.example", "Re: Fan noise", "In-Reply-To: <"+s.agentNotice()+">\n", "#close\n")
	s.sent()
	if list := s.rmad("jobs", "list"); !strings.Contains(list, "retention      30 3 * * *") {
		t.Fatalf("jobs list:\n%s", list)
	}
	// Off by default: the job runs and deletes nothing.
	if out := s.rmad("jobs", "run", "retention", "--at", "2030-01-01T00:00:00Z"); !strings.Contains(out, "retention\t0 done") {
		t.Fatalf("retention off: %s", out)
	}
	cfg, err := os.ReadFile(s.cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, []byte("[retention]\nraw_after = \"180d\"\n[jobs]\nretention = \"15 2 * * 0\"\n")...)
	if err := os.WriteFile(s.cfgFile, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	if list := s.rmad("jobs", "list"); !strings.Contains(list, "retention      15 2 * * 0") {
		t.Fatalf("jobs list with an override:\n%s", list)
	}
	if out := s.rmad("jobs", "run", "retention", "--at", "2027-07-01T00:00:00Z"); !strings.Contains(out, "retention\t1 done") {
		t.Fatalf("retention raw_after: %s", out)
	}
	if s.count(`SELECT count(*) FROM messages WHERE purged_at IS NOT NULL`) != 2 || s.count(`SELECT count(*) FROM tickets`) != 1 {
		t.Fatalf("raw_after did not purge exactly the raw mail")
	}
	// The environment turns on closed_after as the file would.
	code, out, stderr := runCLI(t, []string{"RMAD_RETENTION_CLOSED_AFTER=2y"}, "jobs", "run", "retention", "--at", "2029-01-01T00:00:00Z", "--config", s.cfgFile)
	if code != 0 || !strings.Contains(out, "retention\t1 done") || s.count(`SELECT count(*) FROM tickets`) != 0 {
		t.Fatalf("RMAD_RETENTION_CLOSED_AFTER: exit %d %s%s", code, out, stderr)
	}
	code, _, stderr = runCLI(t, []string{"RMAD_RETENTION_CLOSED_AFTER=2h"}, "jobs", "list", "--config", s.cfgFile)
	if code != 2 || !strings.Contains(stderr, "retention.closed_after") {
		t.Fatalf("a typo in the environment: exit %d %s", code, stderr)
	}
}
