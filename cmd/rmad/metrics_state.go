package main

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"rmad/health"
	"rmad/store"
)

// scrapeCollector reads state at scrape time, each database read under the
// database deadline: a stalled database makes the scrape report
// rmad_database_up 0, never hang.
type scrapeCollector struct {
	db        store.DBTX
	ping      health.Pinger
	timeout   time.Duration
	now       func() time.Time
	mailboxes *health.Mailboxes
	stalls    *health.Stalls
	// tokenExpiry, when set, gives each OAuth provider's token expiry.
	tokenExpiry func() map[string]time.Time
}

var (
	descDatabaseUp = prometheus.NewDesc("rmad_database_up",
		"1 when the database answered a ping within the database deadline at this scrape.", nil, nil)
	descDatabaseTimeouts = prometheus.NewDesc("rmad_database_timeouts_total",
		"Database calls that ran into the database deadline, by operation.", []string{"op"}, nil)
	descOutboxDepth = prometheus.NewDesc("rmad_outbox_depth",
		"Mail queued or being sent.", nil, nil)
	descOutboxHeld = prometheus.NewDesc("rmad_outbox_held",
		"Mail held for an operator after running out of attempts in a relay outage.", nil, nil)
	descOutboxOldest = prometheus.NewDesc("rmad_outbox_oldest_age_seconds",
		"Age of the oldest mail not yet sent; 0 when none waits.", nil, nil)
	descQuarantine = prometheus.NewDesc("rmad_quarantine_size",
		"Quarantined messages not yet replayed.", nil, nil)
	descJobSuccess = prometheus.NewDesc("rmad_job_last_success_timestamp_seconds",
		"When each job last ran without error (any process).", []string{"job"}, nil)
	descJobFailures = prometheus.NewDesc("rmad_job_consecutive_failures",
		"Runs in a row that failed, per job (any process).", []string{"job"}, nil)
	descJobLastDuration = prometheus.NewDesc("rmad_job_last_duration_seconds",
		"Duration of each job's last run (any process).", []string{"job"}, nil)
	descMailboxUp = prometheus.NewDesc("rmad_mailbox_connected",
		"1 while this process has the mailbox's IMAP connection open.", []string{"mailbox"}, nil)
	descMailboxSuccess = prometheus.NewDesc("rmad_mailbox_last_success_timestamp_seconds",
		"When this process last checked the mailbox successfully.", []string{"mailbox"}, nil)
	descTokenExpiry = prometheus.NewDesc("rmad_oauth_token_expiry_timestamp_seconds",
		"When each OAuth2 provider's current access token expires.", []string{"provider"}, nil)
)

func (c *scrapeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descDatabaseUp, descDatabaseTimeouts, descOutboxDepth, descOutboxHeld, descOutboxOldest,
		descQuarantine, descJobSuccess, descJobFailures, descJobLastDuration, descMailboxUp, descMailboxSuccess, descTokenExpiry} {
		ch <- d
	}
}

func (c *scrapeCollector) Collect(ch chan<- prometheus.Metric) {
	now := c.now()
	c.collectProcess(ch)
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	if err := c.ping.Ping(ctx); err != nil {
		ch <- prometheus.MustNewConstMetric(descDatabaseUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descDatabaseUp, prometheus.GaugeValue, 1)
	if b, err := store.OutboxBacklog(ctx, c.db); err == nil {
		age := 0.0
		if b.OldestQueued != nil {
			age = max(0, now.Sub(*b.OldestQueued).Seconds())
		}
		ch <- prometheus.MustNewConstMetric(descOutboxDepth, prometheus.GaugeValue, float64(b.Depth))
		ch <- prometheus.MustNewConstMetric(descOutboxHeld, prometheus.GaugeValue, float64(b.Held))
		ch <- prometheus.MustNewConstMetric(descOutboxOldest, prometheus.GaugeValue, age)
	}
	if n, err := store.QuarantineSize(ctx, c.db); err == nil {
		ch <- prometheus.MustNewConstMetric(descQuarantine, prometheus.GaugeValue, float64(n))
	}
	if js, err := store.JobsHealth(ctx, c.db); err == nil {
		for _, j := range js {
			if j.LastSuccessAt != nil {
				ch <- prometheus.MustNewConstMetric(descJobSuccess, prometheus.GaugeValue, unixSeconds(*j.LastSuccessAt), j.Job)
			}
			ch <- prometheus.MustNewConstMetric(descJobFailures, prometheus.GaugeValue, float64(j.ConsecutiveFailures), j.Job)
			ch <- prometheus.MustNewConstMetric(descJobLastDuration, prometheus.GaugeValue, j.LastDuration.Seconds(), j.Job)
		}
	}
}

// collectProcess reports what this process knows without the database.
func (c *scrapeCollector) collectProcess(ch chan<- prometheus.Metric) {
	for _, s := range c.mailboxes.States() {
		up := 0.0
		if s.Connected {
			up = 1
		}
		ch <- prometheus.MustNewConstMetric(descMailboxUp, prometheus.GaugeValue, up, s.Name)
		if !s.LastSuccess.IsZero() {
			ch <- prometheus.MustNewConstMetric(descMailboxSuccess, prometheus.GaugeValue, unixSeconds(s.LastSuccess), s.Name)
		}
	}
	for op, n := range c.stalls.Timeouts() {
		ch <- prometheus.MustNewConstMetric(descDatabaseTimeouts, prometheus.CounterValue, float64(n), op)
	}
	if c.tokenExpiry != nil {
		for provider, at := range c.tokenExpiry() {
			ch <- prometheus.MustNewConstMetric(descTokenExpiry, prometheus.GaugeValue, unixSeconds(at), provider)
		}
	}
}

func unixSeconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }
