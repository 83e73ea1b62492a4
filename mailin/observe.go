package mailin

import "time"

// Observer hears how a watcher's connection is doing, for /healthz and
// /metrics: cmd/rmad wires one in through Options.Observer. Calls come from
// the watcher's goroutine and must not block.
type Observer interface {
	// Connected: logged in and the folder selected.
	Connected(mailbox string, at time.Time)
	// Disconnected: a connection ended, or a connect failed, with why.
	Disconnected(mailbox string, at time.Time, err error)
	// Checked: a check of the mailbox (or a wait for news on an open
	// connection) went through.
	Checked(mailbox string, at time.Time)
}

type noObserver struct{}

func (noObserver) Connected(string, time.Time)           {}
func (noObserver) Disconnected(string, time.Time, error) {}
func (noObserver) Checked(string, time.Time)             {}
