package imaptest

import (
	"context"
	"errors"
)

// Down stops the server as an outage would, keeping its port and mail:
// clients are cut off and new connections refused until Up.
func (d *Dovecot) Down() error {
	d.mu.Lock()
	removed := d.removed
	d.mu.Unlock()
	if removed {
		return errors.New("imaptest: dovecot stopped")
	}
	return d.kill()
}

// Up starts a server that Down stopped, on the same port with the same mail.
func (d *Dovecot) Up(ctx context.Context) error {
	d.mu.Lock()
	removed, running := d.removed, d.proc != nil
	d.mu.Unlock()
	if removed {
		return errors.New("imaptest: dovecot stopped")
	}
	if running {
		return errors.New("imaptest: dovecot is running")
	}
	return d.start(ctx)
}
