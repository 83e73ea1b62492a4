// Package health owns rmad's health verdict: what /healthz answers. A
// Checker runs every check it was given and reports each problem with a
// machine-readable check name, what it is about and a reason a person can
// act on; no problem means 200, any problem 503.
//
// The built-in checks: mailboxes disconnected (or never connected) longer
// than a threshold (Mailboxes, fed by the IMAP watchers), the oldest unsent
// mail older than a threshold, the database unreachable or stalled (a ping
// with its own deadline, and database calls that ran into theirs: Stalls),
// and scheduled jobs whose last runs failed. Other parts add theirs with
// AddCheck. Time is passed in; the handler takes a clock.
package health
