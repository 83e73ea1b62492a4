package main

import (
	"strings"
	"testing"
)

// Attacks on the retention commands as a careless operator makes them.

// No hole: every odd age is refused with exit 2 and nothing is deleted;
// " 2y" (a stray space) is read as 2y, and the same rules hold for the
// configuration read from the environment.
func TestAttackRetentionAgesAreStrict(t *testing.T) {
	s := newScenario(t, "qct")
	s.mail("support", "2026-11-20T09:00:00Z", "Sam Roe <sam@customer.example>", "Fan noise", "", "The fans are loud.\n")
	s.mail("support", "2026-11-20T10:00:00Z", "dana@desk.example", "Re: Fan noise", "In-Reply-To: <"+s.agentNotice()+">\n", "#close\n")
	s.sent()
	for _, age := range []string{"0d", "-1d", "99999y", "9223372036854775807h", "101y", "1.5d", "2Y", "2 y", "d", "24", "23h",
		"1e3d", "0x10d", "1_000d", "٣d", "2yy", "2y ", "NaNd"} {
		if age == "2y " {
			continue // trimmed: a valid age
		}
		for _, flag := range []string{"--raw-older-than", "--closed-before"} {
			out := s.refused("purge", flag, age, "--at", "2099-01-01T00:00:00Z")
			if !strings.Contains(out, flag) {
				t.Errorf("purge %s %q: the refusal does not name the flag: %s", flag, age, out)
			}
		}
		code, out, stderr := runCLI(t, []string{"RMAD_RETENTION_RAW_AFTER=" + age}, "jobs", "list", "--config", s.cfgFile)
		if code != 2 || !strings.Contains(stderr, "retention.raw_after") {
			t.Errorf("RMAD_RETENTION_RAW_AFTER=%q: exit %d %s%s", age, code, out, stderr)
		}
	}
	if n := s.count(`SELECT count(*) FROM messages WHERE purged_at IS NOT NULL`) + s.count(`SELECT count(*) FROM erasures`); n != 0 {
		t.Fatalf("a refused purge changed %d rows", n)
	}
	if out := s.rmad("purge", "--closed-before", " 2y", "--dry-run", "--at", "2029-01-01T00:00:00Z"); !strings.Contains(out, "would purge") ||
		!strings.Contains(out, "1 tickets") {
		t.Fatalf("purge ' 2y':\n%s", out)
	}
}

// No hole: an address built to break out of SQL, a regular expression or a
// LIKE pattern is refused or forgets exactly that address (nobody here);
// the desk is untouched and still answers.
func TestAttackRetentionForgetInjection(t *testing.T) {
	s := newScenario(t, "qct")
	s.mail("support", "2026-11-21T09:00:00Z", "Kim Poe <kim@other.example>", "BMC question", "", "How do I reset the BMC?\n")
	for _, bad := range []string{"x@y.example' OR '1'='1", "kim@other.example; DELETE FROM tickets", "%@other.example", "k_m@other.example,kim@other.example",
		"=?utf-8?B?a2ltQG90aGVyLmV4YW1wbGU=?=", "DANA@DESK.EXAMPLE", " support@desk.example"} {
		s.refused("customer", "forget", bad)
	}
	for _, odd := range []string{"k.m@other.example", "k'm@other.example", "im@other.example", "kim@other.exampl"} {
		if out := s.rmad("customer", "forget", odd); !strings.Contains(out, "their tickets deleted: 0") {
			t.Fatalf("forget %q:\n%s", odd, out)
		}
	}
	if s.count(`SELECT count(*) FROM tickets WHERE customer_address = 'kim@other.example'`) != 1 ||
		s.count(`SELECT count(*) FROM messages WHERE from_address = 'kim@other.example' AND raw <> ''::bytea`) != 1 {
		t.Fatalf("forgetting look-alike addresses touched Kim's data")
	}
	if out := s.mail("support", "2026-11-22T09:00:00Z", "Kim Poe <kim@other.example>", "Re: BMC question [TKT-100001]", "", "Any news?\n"); !strings.Contains(out, "TKT-100001") {
		t.Fatalf("the desk after the attempts:\n%s", out)
	}
}
