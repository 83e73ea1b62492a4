package mailin

// After actions on committed messages (Mailbox.After): seen, move:FOLDER,
// delete, with the fallbacks for servers without MOVE or UIDPLUS.

import (
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// after applies Mailbox.After to committed messages in one command.
func (w *Watcher) after(s *conn, set imap.UIDSet) error {
	uid := set.String()
	switch {
	case w.mb.After == "seen":
		return s.store(set, imap.FlagSeen)
	case w.mb.After == "delete":
		if err := s.store(set, imap.FlagDeleted); err != nil {
			return err
		}
		return s.expunge(set)
	default:
		dest := strings.TrimPrefix(w.mb.After, "move:")
		if err := s.ensureFolder(dest); err != nil {
			return err
		}
		if s.caps.Has(imap.CapMove) {
			return s.cmd(func() error {
				if _, err := s.c.Move(set, dest).Wait(); err != nil {
					return fmt.Errorf("mailin: move uid %s to %s: %w", uid, dest, err)
				}
				return nil
			})
		}
		// No MOVE (RFC 6851): copy, then delete. A crash between the two
		// leaves a copy in dest and the original here, which is replayed.
		err := s.cmd(func() error {
			if _, err := s.c.Copy(set, dest).Wait(); err != nil {
				return fmt.Errorf("mailin: copy uid %s to %s: %w", uid, dest, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.store(set, imap.FlagDeleted); err != nil {
			return err
		}
		return s.expunge(set)
	}
}

func (s *conn) store(set imap.UIDSet, flag imap.Flag) error {
	return s.cmd(func() error {
		err := s.c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{flag}}, nil).Close()
		if err != nil {
			return fmt.Errorf("mailin: store %s %s: %w", set, flag, err)
		}
		return nil
	})
}

// expunge removes set. Without UIDPLUS (RFC 4315) only a plain EXPUNGE
// exists, which also removes whatever else someone marked \Deleted.
func (s *conn) expunge(set imap.UIDSet) error {
	return s.cmd(func() error {
		var err error
		if s.caps.Has(imap.CapUIDPlus) {
			err = s.c.UIDExpunge(set).Close()
		} else {
			err = s.c.Expunge().Close()
		}
		if err != nil {
			return fmt.Errorf("mailin: expunge %s: %w", set, err)
		}
		return nil
	})
}

// ensureFolder creates the move: destination once per connection if LIST
// does not show it.
func (s *conn) ensureFolder(name string) error {
	if s.destReady {
		return nil
	}
	return s.cmd(func() error {
		found, err := s.c.List("", name, nil).Collect()
		if err != nil {
			return fmt.Errorf("mailin: list %s: %w", name, err)
		}
		if len(found) == 0 {
			err := s.c.Create(name, nil).Wait()
			var imapErr *imap.Error
			if err != nil && !(errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeAlreadyExists) {
				return fmt.Errorf("mailin: create %s: %w", name, err)
			}
		}
		s.destReady = true
		return nil
	})
}
