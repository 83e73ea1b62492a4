// Package mailin watches IMAP mailboxes: it waits with IDLE (or polls when the
// server has no IDLE), fetches new messages by UID, hands the raw bytes to a
// Sink, and only after the Sink has committed flags the message and advances
// the mailbox's UID mark. Every network call has a deadline; a connection
// that misses one is closed and reopened with backoff.
//
// # Why it works this way
//
// The mark, not \Seen, decides what is new. A check runs UID SEARCH UID
// mark+1:* (and drops UIDs <= mark, since "*" always matches the highest UID
// even below the range). It does not add NOT SEEN: a customer's mail that a
// person already opened in a mail client must still become a ticket, and after
// a UIDVALIDITY change every message is offered again anyway. The price is
// that a UIDVALIDITY change with after=seen refetches the whole folder; the
// Sink recognises what it already stored (by Message-ID or content hash).
//
// Order of effects per message: Deliver, then (the AfterDeliver test hook,
// then) the After action, then SetMark. A crash anywhere replays the message
// and the Sink makes the replay a no-op; flagging or marking before the commit
// could lose mail.
//
// Batches and workers: messages are fetched with BODY.PEEK[] (which never
// sets \Seen) in batches. With one worker (Options.Workers, the default) a
// batch is one message, so memory stays bounded by one message and each is
// flagged and marked before the next is fetched. With several, a batch is up
// to Options.Batch messages in one FETCH, cut at Options.BatchBytes; they are
// delivered on Workers lanes chosen by the From address, so one sender's
// messages are delivered in UID order and others in parallel (no other order
// is kept). A Sink that is a BatchSink gets each lane's messages in one call, so it
// can commit them together (cmd/rmad's does: one transaction, a savepoint
// per message). Either way the batch then goes through one path, in UID order:
// failures recorded, committed messages flagged in one command, the mark
// advanced past the last of them. The first message that needs a retry stops
// there, so the mark never skips a message; messages after it that were
// committed anyway (a lane goes on past a failure) are replayed later.
//
// Several processes: when the Sink is a Leaser, only the holder of the
// mailbox lease fetches; it renews the lease every LeaseTTL/3, and the others
// stand by and look that often, taking over once it lapses.
//
// Failures of a message: Deliver's error (or panic, recovered, since one
// poison message must not kill the watcher) is recorded with Sink.Failed; the
// message is retried after a backoff and quarantined once Failed reports
// MaxTries, then flagged like a delivered one so the mailbox moves on. When
// Failed itself fails (the database is down) nothing is quarantined and nothing
// advances: the try was not recorded, so it does not count.
//
// A message the server lists but does not send whole (BODY[] NIL or absent,
// only a part, left out of the answer: fetchraw.go) is never delivered
// empty: the batch stops before it and each try is recorded with Failed
// (errNotWhole) and ends the session, so the next is on a new connection
// after a growing pause. It is quarantined only after MaxTries and
// Options.NotWholeWait (10 minutes) since this process first found it so,
// and then left on the server as it is (After could delete the only copy):
// the mark alone passes it. One expunged meanwhile costs one try: the next
// check's SEARCH no longer lists it. A FETCH that breaks the session (an
// answer go-imap cannot parse) is treated the same way once narrowed down:
// the failed batch is fetched one message at a time, and a failed FETCH of
// one message counts as a try of it (fetchFailed).

// Sink trouble (Mark, Failed, Quarantine or SetMark failing) keeps the IMAP
// connection and waits MinBackoff doubling to MaxBackoff before the next
// check; connection trouble drops the connection and reconnects with the same
// kind of backoff, reset once a check has gone through. Run returns only when
// its context ends (nil) or the settings are invalid.
//
// Deadlines: go-imap v2 has no context, and its client resets read deadlines
// itself, so the connection is wrapped (deadlineConn) to clamp every deadline
// the client sets to Mailbox.Timeout around each command; a command that
// overruns fails, and the client closes. The context's end closes the socket.
// During IDLE the limit is the wait plus Timeout, so a silently dead server is
// noticed too.
//
// Waiting: with IDLE the server pushes EXISTS (seen through
// UnilateralDataHandler) and the watcher re-issues IDLE every IdleRefresh
// (default 25 min, under the 29/30 min servers allow). Without IDLE it polls
// every PollInterval. With a Leaser, every wait also ends after LeaseTTL/3 to
// renew the lease, and each renewal checks the mailbox: that bounds both. Each check begins with NOOP because some servers, Dovecot
// among them, only report new mail at the end of a command, so a SEARCH after
// a quiet interval could miss what arrived in it; unless a NOOP just
// reported the mail it looks for.
//
// Busy mailboxes: Dovecot reports new mail to an IDLE client only 500 ms
// after it came (NOTIFY_DELAY_MSECS, a constant), while NOOP reports it at
// once. So a check that found mail is followed by a NOOP at once, not by a
// wait (and by another check when the NOOP reports more mail: a SEARCH that
// finds nothing costs the server a sync), and within Options.Linger (2 s)
// of the last mail the watcher sends NOOPs, Options.LingerPoll (10 ms)
// apart at first and twice as far apart after each that finds nothing (up
// to 80 ms), until the server reports EXISTS (then a check), Poke, the
// lease falls due (a check renews it) or the linger ends (then IDLE). A steady stream never waits for
// IDLE's news; only the first mail after a quiet spell does, and a quiet
// mailbox sends nothing it did not send before. The quick checks renew the
// lease only when LeaseTTL/3 has passed, as a long batch does, since each
// renewal is a database commit. Dovecot also does not
// interrupt an IDLE when a folder's UIDVALIDITY changes; the next mail or the
// next IdleRefresh finds it (Dovecot then drops the session, the watcher
// reconnects, sees the new UIDVALIDITY and rescans from UID 1).
//
// After actions: seen is UID STORE +FLAGS.SILENT (\Seen). move:F is UID MOVE
// when the server has MOVE (RFC 6851), else COPY, \Deleted and UID EXPUNGE; F
// is created when LIST does not show it. delete is \Deleted and UID EXPUNGE.
// Without UIDPLUS only a plain EXPUNGE exists, which also removes other
// messages someone marked \Deleted: servers without UIDPLUS are rare and that
// is the documented IMAP behaviour.
//
// Logs use the keys mailbox, uid, uidvalidity and err; the password is never
// logged (only server replies and the user name are).
package mailin
