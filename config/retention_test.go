package config

import (
	"strings"
	"testing"
	"time"
)

func TestParseAge(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"180d": 180 * 24 * time.Hour, "2y": 2 * 365 * 24 * time.Hour, "36h": 36 * time.Hour, "12w": 12 * 7 * 24 * time.Hour, " 1d ": 24 * time.Hour,
	} {
		if got, err := ParseAge(in); err != nil || got != want {
			t.Errorf("ParseAge(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "d", "180", "-3d", "0d", "1.5d", "3m", "2 y", "180D", "101y", "99999999999999y"} {
		if d, err := ParseAge(bad); err == nil {
			t.Errorf("ParseAge(%q) = %v, want an error", bad, d)
		}
	}
}

func TestRetentionFromFileAndEnvironment(t *testing.T) {
	c, err := Parse([]byte(minimal+"[retention]\nraw_after = \"180d\"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Retention.Raw != 180*24*time.Hour || c.Retention.Closed != 0 {
		t.Fatalf("retention = %+v", c.Retention)
	}
	c, err = Parse([]byte(minimal+"[retention]\nraw_after = \"180d\"\n"), []string{"RMAD_RETENTION_RAW_AFTER=12w", "RMAD_RETENTION_CLOSED_AFTER=2y"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Retention.Raw != 84*24*time.Hour || c.Retention.Closed != 730*24*time.Hour || c.Retention.RawAfter != "12w" {
		t.Fatalf("retention from the environment = %+v", c.Retention)
	}
	off, err := Parse([]byte(minimal), nil)
	if err != nil || off.Retention.Raw != 0 || off.Retention.Closed != 0 {
		t.Fatalf("retention is not off by default: %+v %v", off.Retention, err)
	}
	for text, want := range map[string]string{
		"[retention]\nraw_after = \"180\"\n":   "config: retention.raw_after: not an age",
		"[retention]\nclosed_after = \"2h\"\n": "config: retention.closed_after: shorter than a day",
		"[retention]\nkeep = \"2y\"\n":         "config: retention.keep: unknown key",
	} {
		_, err := Parse([]byte(minimal+text), nil)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", text, err, want)
		}
	}
	if _, err := Parse([]byte(minimal), []string{"RMAD_RETENTION_CLOSED_AFTER=soon"}); err == nil || !strings.HasPrefix(err.Error(), "config: retention.closed_after: not an age") {
		t.Errorf("a bad environment value: %v", err)
	}
}

func TestRetentionTimeout(t *testing.T) {
	c, err := Parse([]byte(minimal), nil)
	if err != nil || c.Retention.Timeout.Duration != DefaultRetentionTimeout {
		t.Fatalf("default: %v, %v", c.Retention.Timeout, err)
	}
	c, err = Parse([]byte(minimal), []string{"RMAD_RETENTION_TIMEOUT=2h"})
	if err != nil || c.Retention.Timeout.Duration != 2*time.Hour {
		t.Fatalf("from the environment: %v, %v", c.Retention.Timeout, err)
	}
	if _, err := Parse([]byte(minimal+"[retention]\ntimeout = \"10ms\"\n"), nil); err == nil || !strings.HasPrefix(err.Error(), "config: retention.timeout: must be at least 1s") {
		t.Fatalf("a 10ms deadline: %v", err)
	}
}
