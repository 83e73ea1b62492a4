package mailin

// Delivering a batch: one FETCH, Sink.Deliver on Options.Workers lanes (one
// sender's messages on one lane, in UID order), then, in UID order, failures
// recorded, committed messages flagged in one command and the mark advanced.
// A batch of one message (the only kind with one worker) takes the same path.

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
)

// handle delivers the messages uids (ascending) and, once they are committed
// (or quarantined), flags them and advances the mark, in that order: a crash
// in between replays them and the Sink makes the replay a no-op.
//
// The first message that needs a retry stops the batch: it and everything
// after it stay unflagged and above the mark, and handle returns how long to
// wait. Messages after it that were committed anyway (a lane goes on past a
// failure, and other lanes run beside it) are replayed then.
func (w *Watcher) handle(ctx context.Context, s *conn, uids []uint32) (retry time.Duration, err error) {
	msgs, missing, err := w.fetch(s, uids)
	if err != nil {
		if ctx.Err() != nil {
			// Shutting down cut the FETCH short: no try of the message.
			return 0, ctx.Err()
		}
		return 0, w.fetchFailed(ctx, s, uids, err)
	}
	// The lowest UID that did not come whole stops the batch, as a
	// failure would: only what comes before it is delivered. One expunged
	// since the check's SEARCH costs a try and a reconnect, and the next
	// SEARCH no longer lists it; one the server keeps is never passed
	// unless quarantined.
	var stuck uint32
	if len(missing) > 0 {
		stuck = missing[0]
		msgs = slices.DeleteFunc(msgs, func(m Message) bool { return m.UID > stuck })
	}
	causes := w.deliverAll(ctx, msgs)
	if ctx.Err() != nil {
		// Shutting down: a Deliver cut short is no failure of the message.
		return 0, ctx.Err()
	}
	if stuck != 0 {
		msgs = append(msgs, Message{Mailbox: w.mb.Name, UIDValidity: s.uidValidity, UID: stuck, Raw: []byte{}})
		causes = append(causes, fmt.Errorf("%w; it is still there as uid %d", errNotWhole, stuck))
	}
	var done imap.UIDSet
	var last uint32
	var endSession error
	for i, m := range msgs {
		if cause := causes[i]; errors.Is(cause, errNotWhole) {
			var kept bool
			if kept, retry, endSession = w.notWholeTry(ctx, m, cause); !kept {
				break
			}
			// Quarantined, and left as it is on the server (After could
			// delete the only copy): the mark alone passes it.
			last = m.UID
			continue
		} else if cause != nil {
			if retry = w.failed(ctx, m, cause); retry > 0 {
				break
			}
		} else {
			w.log.Debug("mailin: delivered", "uid", m.UID, "uidvalidity", m.UIDValidity)
			if len(w.notWhole) > 0 {
				delete(w.notWhole, [2]uint32{m.UIDValidity, m.UID})
			}
			if w.opts.AfterDeliver != nil {
				w.opts.AfterDeliver(m)
			}
		}
		done.AddNum(imap.UID(m.UID))
		last = m.UID
	}
	if ctx.Err() != nil {
		// Committed but cut short (the AfterDeliver hook may end ctx to
		// simulate a crash): nothing is flagged, the next run replays.
		return 0, ctx.Err()
	}
	if len(done) > 0 {
		if err := w.after(s, done); err != nil {
			return 0, err
		}
	}
	if last > 0 {
		if err := w.sink.SetMark(ctx, w.mb.Name, Mark{UIDValidity: s.uidValidity, UID: last}); err != nil {
			// Flagged but not marked: the next check offers them again
			// (for after=seen) and the Sink sees replays.
			return w.sinkTrouble(ctx, "mailin: cannot advance mark", err)
		}
	}
	if endSession != nil {
		return 0, endSession
	}
	if stuck != 0 && retry == 0 {
		// The messages of the batch after it were not delivered: the
		// check must search again rather than go on to the next batch.
		retry = w.opts.MinBackoff
	}
	return retry, nil
}

// fetch gets the raw bytes of uids in one FETCH, in UID order, with
// BODY.PEEK[], which, unlike BODY[], does not set \Seen: a message is flagged
// only after the Sink committed it. It also returns the asked UIDs that did
// not come whole, ascending.
func (w *Watcher) fetch(s *conn, uids []uint32) ([]Message, []uint32, error) {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	var got []fetched
	err := s.cmd(func() (err error) {
		got, err = collectRaw(s.c.Fetch(set, &imap.FetchOptions{
			UID:          true,
			InternalDate: true,
			BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
		}), func() { s.c.Close() })
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("mailin: fetch uid %s: %w", set, err)
	}
	whole := make(map[uint32]fetched, len(got))
	for _, f := range got {
		// A server may add FETCH responses for other messages (flag
		// changes made by someone else): keep only what was asked for.
		if set.Contains(f.uid) && f.raw != nil {
			whole[uint32(f.uid)] = f
		}
	}
	out := make([]Message, 0, len(whole))
	var missing []uint32
	for _, u := range uids {
		f, ok := whole[u]
		if !ok {
			missing = append(missing, u)
			continue
		}
		out = append(out, Message{Mailbox: w.mb.Name, UIDValidity: s.uidValidity, UID: u, InternalDate: f.internal, Raw: f.raw})
	}
	slices.SortFunc(out, func(a, b Message) int { return cmp.Compare(a.UID, b.UID) })
	slices.Sort(missing)
	return out, missing, nil
}

// deliverAll calls Sink.Deliver for each of msgs and returns each one's error.
// With one worker (or one message) that happens here, in UID order. With
// more, messages from one sender stay in order on one lane (a customer's
// correction must not overtake their request); lanes run in parallel. A
// BatchSink gets each lane's messages in one call, so it can commit them
// together.
func (w *Watcher) deliverAll(ctx context.Context, msgs []Message) []error {
	causes := make([]error, len(msgs))
	run := func(lane []int) {
		if bs, ok := w.sink.(BatchSink); ok && len(lane) > 1 {
			w.deliverBatch(ctx, bs, msgs, lane, causes)
			return
		}
		for _, i := range lane {
			if ctx.Err() != nil {
				causes[i] = ctx.Err()
				continue
			}
			causes[i] = w.deliver(ctx, msgs[i])
		}
	}
	if w.opts.Workers <= 1 || len(msgs) <= 1 {
		all := make([]int, len(msgs))
		for i := range all {
			all[i] = i
		}
		run(all)
		return causes
	}
	lanes := make([][]int, w.opts.Workers)
	for i, m := range msgs {
		k := int(senderKey(m.Raw) % uint32(w.opts.Workers))
		lanes[k] = append(lanes[k], i)
	}
	var wg sync.WaitGroup
	for _, lane := range lanes {
		if len(lane) > 0 {
			wg.Go(func() { run(lane) })
		}
	}
	wg.Wait()
	return causes
}

// deliver calls Sink.Deliver and turns a panic into an error, so one poison
// message is retried and quarantined like any failure instead of killing the
// watcher.
func (w *Watcher) deliver(ctx context.Context, m Message) (err error) {
	defer func() {
		if v := recover(); v != nil {
			w.log.Error("mailin: deliver panicked", "uid", m.UID, "uidvalidity", m.UIDValidity, "panic", v, "stack", string(debug.Stack()))
			if perr, ok := v.(error); ok {
				err = fmt.Errorf("mailin: deliver panicked: %w", perr)
			} else {
				err = fmt.Errorf("mailin: deliver panicked: %v", v)
			}
		}
	}()
	return w.sink.Deliver(ctx, m)
}

// deliverBatch hands a lane's messages to a BatchSink in one call and sets
// each one's cause; a panic is every message's failure (the Sink could not
// say which one caused it).
func (w *Watcher) deliverBatch(ctx context.Context, bs BatchSink, msgs []Message, lane []int, causes []error) {
	ms := make([]Message, len(lane))
	for k, i := range lane {
		ms[k] = msgs[i]
	}
	defer func() {
		if v := recover(); v != nil {
			w.log.Error("mailin: deliver panicked", "uid", ms[0].UID, "uidvalidity", ms[0].UIDValidity, "messages", len(ms), "panic", v, "stack", string(debug.Stack()))
			for _, i := range lane {
				causes[i] = fmt.Errorf("mailin: deliver panicked: %v", v)
			}
		}
	}()
	errs := bs.DeliverBatch(ctx, ms)
	for k, i := range lane {
		if k < len(errs) {
			causes[i] = errs[k]
		} else {
			causes[i] = fmt.Errorf("mailin: the sink returned %d results for %d messages", len(errs), len(ms))
		}
	}
}

// senderKey hashes the From header's address (a cheap scan, no MIME
// parsing), so one sender's messages go to one worker.
func senderKey(raw []byte) uint32 {
	h := fnv.New32a()
	head := raw[:min(len(raw), 64<<10)]
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			break // end of the header
		}
		if len(line) > 5 && bytes.EqualFold(line[:5], []byte("from:")) {
			v := line[5:]
			if i := bytes.LastIndexByte(v, '<'); i >= 0 {
				v = v[i+1:]
				if j := bytes.IndexByte(v, '>'); j >= 0 {
					v = v[:j]
				}
			}
			h.Write(bytes.ToLower(bytes.TrimSpace(v)))
			return h.Sum32()
		}
	}
	return 0
}
