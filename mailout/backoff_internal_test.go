package mailout

import (
	"io"
	"log/slog"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	s := NewSender(nil, SMTP{}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for attempt, want := range map[int]time.Duration{
		0:    time.Minute, // never below MinBackoff
		1:    time.Minute,
		2:    2 * time.Minute,
		3:    4 * time.Minute,
		7:    64 * time.Minute,
		8:    2 * time.Hour, // 128m capped
		30:   2 * time.Hour,
		1000: 2 * time.Hour, // no overflow
	} {
		if got := s.backoff(attempt); got != want {
			t.Errorf("backoff(%d) = %v, want %v", attempt, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := SMTP{Host: "mail.example.com", Port: 587, TLS: "starttls"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []SMTP{
		{Host: "", TLS: "none"},
		{Host: "h", TLS: "ssl"},
		{Host: "h", TLS: "tls", Port: 70000},
		{Host: "h", TLS: "tls", Password: "pw"},
	} {
		if bad.Validate() == nil {
			t.Errorf("Validate(%+v) = nil", bad)
		}
	}
}
