// Package mailout sends the outbox: it claims queued mail from a Queue, renders
// it as MIME with wneessen/go-mail exactly as stored, sends it over SMTP,
// and marks it sent, retried with exponential backoff (temporary failures) or
// failed (permanent ones, logged with the server's reply).
package mailout
