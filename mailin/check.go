package mailin

// A check: read the mark, reset it on a UIDVALIDITY change, find the UIDs
// above it and cut them into batches for handle.

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// check delivers every message above the mark, in UID order, and reports how
// many it found. A non-zero retry means the Sink had trouble: wait that long,
// then check again on the same connection. err is for connection trouble
// only. busy means a recent check found mail: the lease, held then, is
// renewed only when due (every LeaseTTL/3, as during a long batch), not on
// each of the quick checks that follow one another while mail keeps coming,
// since each renewal is a database commit. synced means a NOOP just
// reported new mail (linger): the SEARCH needs no NOOP before it.
func (w *Watcher) check(ctx context.Context, s *conn, busy, synced bool) (found int, retry time.Duration, err error) {
	if !busy || w.leaseDue(time.Now()) {
		if held, retry, err := w.holdLease(ctx); !held {
			return 0, retry, err
		}
	}
	mark, err := w.sink.Mark(ctx, w.mb.Name)
	if err != nil {
		retry, err := w.sinkTrouble(ctx, "mailin: cannot read mark", err)
		return 0, retry, err
	}
	if mark.UIDValidity != s.uidValidity {
		// UIDs of the old validity mean nothing now: rescan from UID 1. The
		// Sink recognises messages it already has (by Message-ID or hash).
		if mark.UIDValidity == 0 {
			w.log.Info("mailin: no mark yet, scanning from UID 1", "uidvalidity", s.uidValidity)
		} else {
			w.log.Warn("mailin: uidvalidity changed, rescanning from UID 1",
				"uidvalidity", s.uidValidity, "old_uidvalidity", mark.UIDValidity, "old_uid", mark.UID)
		}
		mark = Mark{UIDValidity: s.uidValidity}
		if err := w.sink.SetMark(ctx, w.mb.Name, mark); err != nil {
			retry, err := w.sinkTrouble(ctx, "mailin: cannot reset mark", err)
			return 0, retry, err
		}
	}

	uids, err := w.search(s, mark.UID, synced)
	if err != nil {
		return 0, 0, err
	}
	found = len(uids)
	for len(uids) > 0 {
		if ctx.Err() != nil {
			return found, 0, ctx.Err()
		}
		if time.Since(w.leasedAt) > w.opts.LeaseTTL/3 {
			if held, retry, err := w.holdLease(ctx); !held {
				return found, retry, err
			}
		}
		n, err := w.batchLen(s, uids)
		if err != nil {
			return found, 0, err
		}
		retry, err := w.handle(ctx, s, uids[:n])
		if err != nil || retry > 0 {
			return found, retry, err
		}
		uids = uids[n:]
	}
	w.sinkDelay = w.opts.MinBackoff
	return found, 0, nil
}

// search returns the UIDs above mark in ascending order. NOOP first: some
// servers (Dovecot) only notice new mail when a command ends, so a SEARCH
// after a quiet poll interval could miss what arrived during it. Not when
// synced: the NOOP that reported the news was the last command.
//
// It searches by UID only, not NOT SEEN: the mark alone decides what is new.
// A customer's mail that a person opened (and so \Seen) in a mail client
// before rmad got to it must still be processed, and after a UIDVALIDITY
// change every message is offered again and the Sink sorts out replays.
func (w *Watcher) search(s *conn, mark uint32, synced bool) ([]uint32, error) {
	if !synced {
		if err := s.cmd(func() error { return s.c.Noop().Wait() }); err != nil {
			return nil, fmt.Errorf("mailin: noop: %w", err)
		}
		// This SEARCH sees every message the server announced up to the
		// NOOP's answer, so that news is spent; an EXISTS from now on marks
		// mail it may miss and ends the next wait or linger.
		select {
		case <-s.newMail:
		default:
		}
	}
	var set imap.UIDSet
	set.AddRange(imap.UID(mark+1), 0) // mark+1:*
	var data *imap.SearchData
	err := s.cmd(func() (err error) {
		data, err = s.c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mailin: uid search %d:*: %w", mark+1, err)
	}
	all, ok := data.All.(imap.UIDSet)
	if !ok {
		return nil, nil
	}
	nums, ok := all.Nums()
	if !ok {
		return nil, fmt.Errorf("mailin: uid search %d:*: server returned a dynamic set", mark+1)
	}
	out := make([]uint32, 0, len(nums))
	for _, n := range nums {
		// "mark+1:*" matches the highest UID even when it is below mark+1
		// (RFC 3501 6.4.8: * is the largest UID in use), so filter.
		if uint32(n) > mark {
			out = append(out, uint32(n))
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// batchLen is how many of uids (ascending, non-empty) the next batch takes.
// With one worker it is one: each message is fetched alone, so memory stays
// bounded by one message, and flagged and marked before the next is fetched.
// With several it is up to Options.Batch, cut once the batch would pass
// Options.BatchBytes (a run of 25 MB messages is taken a few at a time; a
// single larger message still goes alone). After a batch whose FETCH broke
// the session, one at a time up to its last UID (fetchFailed).
func (w *Watcher) batchLen(s *conn, uids []uint32) (int, error) {
	n := min(len(uids), w.opts.Batch)
	narrowed := w.narrow[0] == s.uidValidity && uids[0] <= w.narrow[1]
	if w.opts.Workers <= 1 || n <= 1 || narrowed {
		return 1, nil
	}
	sizes, err := w.sizes(s, uids[:n])
	if err != nil {
		// One message's size may be what breaks it: the next check takes
		// them one at a time, so that message's own FETCH is counted.
		w.narrow = [2]uint32{s.uidValidity, uids[n-1]}
		return 0, err
	}
	var total int64
	for i, u := range uids[:n] {
		total += sizes[u]
		if i > 0 && total > w.opts.BatchBytes {
			return i, nil
		}
	}
	return n, nil
}

// sizes returns the RFC822.SIZE of each UID, in one FETCH.
func (w *Watcher) sizes(s *conn, uids []uint32) (map[uint32]int64, error) {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	var bufs []*imapclient.FetchMessageBuffer
	err := s.cmd(func() (err error) {
		bufs, err = s.c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mailin: fetch sizes: %w", err)
	}
	out := make(map[uint32]int64, len(bufs))
	for _, b := range bufs {
		out[uint32(b.UID)] = b.RFC822Size
	}
	return out, nil
}
