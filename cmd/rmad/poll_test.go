package main

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"rmad/internal/imaptest"
)

// TestPollIntervalIsBoundedByTheLease: on a server without IDLE, with
// poll_interval an hour and mailbox_lease 3s, a new message is answered
// anyway, because every lease renewal (mailbox_lease/3) checks the mailbox;
// `rmad config check` says so rather than letting the hour look effective.
func TestPollIntervalIsBoundedByTheLease(t *testing.T) {
	w := newWorld(t, imaptest.MemWith(t, imaptest.MemOptions{Caps: imap.CapSet{imap.CapIMAP4rev1: {}}}))
	if !strings.Contains(w.cfgText, "poll_interval = \"1h\"\nmailbox_lease = \"3s\"\n") {
		t.Fatalf("the world's config changed:\n%s", w.cfgText)
	}
	code, out, errOut := runCLI(t, nil, "config", "check", "--config", w.cfgFile)
	if code != 0 || !strings.Contains(out, ": ok") ||
		!strings.Contains(errOut, "rmad: config: warning: poll_interval: 1h0m0s is above mailbox_lease/3 (1s), the interval at which every mailbox is checked anyway while its lease is renewed: mailboxes are checked every 1s") {
		t.Fatalf("config check: %d %q %q", code, out, errOut)
	}
	w.serveInProcess()
	w.deliver(deskRMA, request("poll-1@customer.example", "", requestBody))
	got := w.waitMails(2, 30*time.Second) // an hour's poll would time this out
	if len(got) != 2 {
		t.Fatalf("%d mails", len(got))
	}
}
