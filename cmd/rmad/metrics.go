package main

import (
	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the counters /metrics exposes; a registry per process, no globals.
type metrics struct {
	reg      *prometheus.Registry
	messages *prometheus.CounterVec
	outbox   *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rmad_messages_total", Help: "Inbound messages by mailbox and outcome.",
		}, []string{"mailbox", "outcome"}),
		outbox: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rmad_outbox_results_total", Help: "Outbound send attempts by result (sent, retry, failed).",
		}, []string{"result"}),
	}
	m.reg.MustRegister(m.messages, m.outbox)
	return m
}

func (m *metrics) message(mailbox, outcome string) {
	if m != nil {
		m.messages.WithLabelValues(mailbox, outcome).Inc()
	}
}

func (m *metrics) sent(result string) {
	if m != nil {
		m.outbox.WithLabelValues(result).Inc()
	}
}
