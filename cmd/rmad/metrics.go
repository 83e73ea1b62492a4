package main

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are what /metrics exposes; a registry per process, no globals.
// Counters and histograms are observed as things happen; the gauges that
// describe state (outbox, jobs, quarantine, mailboxes, tokens) are read at
// scrape time by scrapeCollector.
type metrics struct {
	reg         *prometheus.Registry
	messages    *prometheus.CounterVec
	outbox      *prometheus.CounterVec
	ingest      *prometheus.HistogramVec
	arrival     *prometheus.HistogramVec
	jobDuration *prometheus.HistogramVec
}

// latencyBuckets span a fast commit (milliseconds) to a mail stuck for an hour.
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rmad_messages_total", Help: "Inbound messages by mailbox and outcome (stalled: the database ran into its deadline; retried).",
		}, []string{"mailbox", "outcome"}),
		outbox: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rmad_outbox_results_total", Help: "Outbound send attempts by result (sent, retry, failed).",
		}, []string{"result"}),
		ingest: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rmad_ingest_duration_seconds",
			Help:    "From a message fetched to its ticket, and the answers it queued, committed.",
			Buckets: latencyBuckets,
		}, []string{"mailbox"}),
		arrival: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rmad_ingest_arrival_seconds",
			Help:    "From the IMAP server's arrival time (INTERNALDATE) of a message to its commit.",
			Buckets: latencyBuckets,
		}, []string{"mailbox"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rmad_job_duration_seconds",
			Help:    "Duration of scheduled job runs in this process.",
			Buckets: latencyBuckets,
		}, []string{"job"}),
	}
	m.reg.MustRegister(m.messages, m.outbox, m.ingest, m.arrival, m.jobDuration)
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

// ingested observes a committed message: fetched at start, committed at
// done; arrived is the server's INTERNALDATE (zero when unknown).
func (m *metrics) ingested(mailbox string, start, arrived, done time.Time) {
	if m == nil {
		return
	}
	m.ingest.WithLabelValues(mailbox).Observe(done.Sub(start).Seconds())
	if !arrived.IsZero() && !done.Before(arrived) {
		m.arrival.WithLabelValues(mailbox).Observe(done.Sub(arrived).Seconds())
	}
}

func (m *metrics) jobRan(job string, d time.Duration) {
	if m != nil {
		m.jobDuration.WithLabelValues(job).Observe(d.Seconds())
	}
}
