package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// HOLE (medium). The desk secret keys the HMAC of every signed Message-ID,
// and each customer holds several (ticket, audience, nonce, 64-bit mac)
// samples: a guessable secret is recovered offline from one acknowledgment,
// and then agents' ids (full command authority) can be forged. A short or
// dictionary secret is accepted by `config check` (and by serve).
func TestAttackWeakSecretAccepted(t *testing.T) {
	dir := t.TempDir()
	base := "database_url = \"postgres://x@127.0.0.1:1/x\"\n%s[smtp]\nurl = \"smtp://h\"\n[[mailbox]]\nname = \"a\"\nrole = \"support\"\naddress = \"a@b.example\"\nurl = \"imap://u:p@127.0.0.1:1/INBOX\"\n"
	for _, secret := range []string{"x", "summer2026", "changeme"} {
		f := filepath.Join(dir, "c.toml")
		os.WriteFile(f, []byte(strings.Replace(base, "%s", "secret = \""+secret+"\"\n", 1)), 0o600)
		code, _, stderr := runCLI(t, nil, "config", "check", "--config", f)
		if code != 2 || !strings.Contains(stderr, "secret") {
			t.Errorf("secret %q accepted: config check exit %d %q", secret, code, stderr)
		}
		code, _, stderr = runCLI(t, []string{"RMAD_SECRET=" + secret}, "config", "check", "--config", filepath.Join(dir, "c.toml"))
		if code != 2 || !strings.Contains(stderr, "secret") {
			t.Errorf("RMAD_SECRET=%q accepted: config check exit %d %q", secret, code, stderr)
		}
	}
}
