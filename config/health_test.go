package config

import (
	"testing"
	"time"
)

func TestHealthDefaultsFileAndEnv(t *testing.T) {
	c, err := Parse([]byte(minimal), nil)
	if err != nil {
		t.Fatal(err)
	}
	if h := c.Health; h.MailboxDown.Duration != 5*time.Minute || h.OutboxOldest.Duration != 30*time.Minute ||
		h.JobFailures != 3 || h.DatabaseTimeout.Duration != 10*time.Second {
		t.Fatalf("defaults: %+v", h)
	}
	c, err = Parse([]byte(minimal+"[health]\nmailbox_down = \"2m\"\njob_failures = 5\n"), []string{
		"RMAD_HEALTH_MAILBOX_DOWN=90s", "RMAD_HEALTH_OUTBOX_OLDEST=1h", "RMAD_HEALTH_DATABASE_TIMEOUT=3s", "RMAD_HEALTH_JOB_FAILURES=2"})
	if err != nil {
		t.Fatal(err)
	}
	if h := c.Health; h.MailboxDown.Duration != 90*time.Second || h.OutboxOldest.Duration != time.Hour ||
		h.JobFailures != 2 || h.DatabaseTimeout.Duration != 3*time.Second {
		t.Fatalf("env over file: %+v", h)
	}
}

func TestHealthErrorsNameTheKey(t *testing.T) {
	for text, want := range map[string]string{
		"[health]\nmailbox_down = \"-1m\"\n":      "config: health.mailbox_down: must be positive, not -1m0s",
		"[health]\ndatabase_timeout = \"10ms\"\n": "config: health.database_timeout: at least 100ms, not 10ms",
		"[health]\njob_failures = -1\n":           "config: health.job_failures: must be positive, not -1",
		"[health]\noutbox_oldest = \"soon\"\n":    "",
		"[health]\nfoo = 1\n":                     "config: health.foo: unknown key",
	} {
		_, err := Parse([]byte(minimal+text), nil)
		if err == nil || want != "" && err.Error() != want {
			t.Errorf("%q: %v, want %q", text, err, want)
		}
	}
	_, err := Parse([]byte(minimal), []string{"RMAD_HEALTH_OUTBOX_OLDEST=soon"})
	if err == nil || err.Error() != `config: health.outbox_oldest: RMAD_HEALTH_OUTBOX_OLDEST: not a duration (e.g. "30s"): "soon"` {
		t.Errorf("env: %v", err)
	}
}
