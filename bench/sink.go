package main

import (
	"bytes"
	"net/mail"
	"strings"
	"sync"
	"time"

	"rmad/internal/smtptest"
)

// reply is one mail rmad handed to the SMTP sink.
type reply struct {
	at        time.Time
	to        string
	messageID string
	inReplyTo string
	agent     bool // a notice to the agents, not an answer to a customer
}

// sink is the SMTP server rmad relays through; it notes when each mail was
// accepted and which inbound message it answers (In-Reply-To).
type sink struct {
	srv *smtptest.Server

	mu      sync.Mutex
	replies []reply
}

func startSink() (*sink, error) {
	s := &sink{}
	srv, err := smtptest.Start(smtptest.Options{Deliver: s.deliver})
	if err != nil {
		return nil, err
	}
	s.srv = srv
	return s, nil
}

func (s *sink) deliver(r smtptest.Received) error {
	rp := reply{at: r.At}
	if len(r.To) > 0 {
		rp.to = strings.ToLower(r.To[0])
	}
	rp.agent = rp.to == deskAgent
	if m, err := mail.ReadMessage(bytes.NewReader(r.Data)); err == nil {
		rp.messageID = trimID(m.Header.Get("Message-ID"))
		rp.inReplyTo = trimID(m.Header.Get("In-Reply-To"))
	}
	s.mu.Lock()
	s.replies = append(s.replies, rp)
	s.mu.Unlock()
	return nil
}

func trimID(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")
}

func (s *sink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.replies)
}

func (s *sink) all() []reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]reply(nil), s.replies...)
}

func (s *sink) addr() string { return s.srv.Addr() }

func (s *sink) close() { _ = s.srv.Close() }
