// Package mailout sends the outbox: it claims queued mail from a Queue, renders
// it as MIME with wneessen/go-mail exactly as stored, sends it over SMTP,
// and marks it sent, retried with exponential backoff (temporary failures,
// held after MaxAttempts) or failed (permanent ones, logged with the
// server's reply).
//
// # One round
//
// Sender.SendDue (and Sender.Run, in a loop) claims up to Batch due mails,
// each leased for Lease, renders them all, opens ONE SMTP connection and
// sends the mails one by one. A refusal or a temporary failure is recorded
// in the Queue as soon as the server answered, before the next mail; the
// acceptances are gathered and marked sent together, in one Queue.Sent (one
// statement) at the end of the round, or earlier in a long round (see
// below). A round of up to MarkEvery mails thus costs the database two
// statements and two commits (the claim and the marks) instead of n+1. Run follows a full
// batch at once with the next round; otherwise it waits Poll or a Poke, so
// it never spins, also not while the relay is down. A Poke wakes one idle
// loop of Concurrency, not all: its claim finds the new mail, the others'
// would find nothing.
//
// # At-least-once, with a stable Message-ID
//
// SMTP acceptance and the Queue are two systems with no shared transaction,
// so a crash (or a lost database connection) between the server's 250 and
// Queue.Sent cannot be made exactly-once. The two ways to be wrong are:
//   - mark first, send second: a crash loses the mail silently. The customer
//     never gets the RMA number or the agent's answer, and nobody knows.
//   - send first, mark second (what rmad does): a crash sends the mail twice.
//     The lease runs out, the row is claimed again and the SAME rendered bytes,
//     with the SAME Message-ID, go out again. Mail clients and archives
//     collapse duplicates by Message-ID, threading is unaffected, and rmad's
//     own intake records messages uniquely by Message-ID.
//
// A rare visible duplicate is the cheaper failure for a support desk, so
// mailout is at-least-once. The window, exactly: a crash (kill -9, power
// loss, the database unreachable for the mark) sends again the mails whose
// 250 came after the last Queue.Sent of their round. That Queue.Sent runs at
// the end of the round and, in a longer round, before the next mail once
// MarkEvery of them wait (default 20) or the oldest has waited MarkDelay
// (default 100ms). So per SMTP session at most MarkEvery mails, all
// accepted within MarkDelay plus one mail's transaction (at most
// SMTP.Timeout, and the reading of its files) before the crash, plus the
// mark's own round trip; with Concurrency sessions, that many times over.
// With MarkEvery 1 it is the old window of one mark's round trip. They go
// out again once their lease runs out (Lease after the claim), with the
// same bytes.
//
// The rest keeps the window from growing: marks run on a context detached
// from the caller's cancellation (a SIGTERM after the 250 must not be the
// reason a mail is sent twice), and a shutdown marks the waiting
// acceptances before it hands the mails not yet attempted back; so does the
// end of a round for any reason (lease guard, dead connection). A mail
// whose lease could expire during its transaction is not started (another
// replica could claim it meanwhile; see Options.Lease), and the waiting
// acceptances are marked at the latest right after a mail that this rule let
// start, so they are marked inside their lease too: another replica never
// claims a mail whose mark is only waiting.
//
// # What a reply means
//
//   - 2xx after the data: Queue.Sent (with the round's other acceptances).
//     Also when go-mail reports an error that came after the acceptance:
//     the mail was delivered, Msg.IsDelivered says so.
//   - 5xx to MAIL, RCPT or the data: Queue.Fail with the server's reply,
//     logged at error with smtp_reply. The mail will not get better.
//   - 4xx: Queue.Retry at now + MinBackoff * 2^(attempt-1), capped at
//     MaxBackoff; after the MaxAttempts-th temporary failure the mail is
//     held (Queue.Hold): kept, not retried, until an operator decides.
//   - no reply at all (dial, TLS, timeout, dropped connection): the
//     connection is unusable, so this mail and the rest of the batch are
//     retried with backoff, and the round returns the error (Run logs it).
//
// Failures before the first MAIL FROM (connect, greeting, STARTTLS, AUTH)
// say nothing about the mails, so they are never permanent for a mail by
// themselves: a wrong password (535) or a relay that is down defers the
// whole batch with backoff and logs an error every round, rather than
// failing the queue at once. 530 "authentication required" at MAIL FROM is
// treated the same way (a missing password, not a bad mail). These failures
// still count towards MaxAttempts: with the defaults (1m doubling to 2h, 30
// tries) a mail is held after about 46 hours of an unbroken outage. A held
// mail is never dropped by mailout: customer mail must not vanish because a
// relay was down for a weekend. A mail marked NeverHold (the notice that
// mail is held) is retried at MaxBackoff for as long as it takes.
//
// # Rendering
//
// Render is deterministic: the same Mail gives the same bytes on any
// replica, so `rmad outbox show` prints exactly what was (or will be) sent.
// go-mail would otherwise invent a Date (time.Now), a Message-ID (random @
// os.Hostname) and a "User-Agent/X-Mailer: go-mail vX.Y.Z"; all three are set
// explicitly. Date is QueuedAt in UTC. Generic headers are written sorted by
// name, then From, To, Reply-To, then the single text/plain part
// (quoted-printable, UTF-8; no multipart boundary).
//
// Whatever text the desk stored, the output is valid on the wire: 7-bit,
// CRLF only, header lines of at most 78 characters (an ASCII subject that
// go-mail could not fold at its spaces is RFC 2047-encoded instead, an
// over-long word of a display name gets a space), control characters
// dropped from header text, and the body quoted-printable. A relay that
// refuses lines over 998 octets would otherwise fail the mail for good.
// Our own Message-ID must be valid, but an invalid id of another system in
// In-Reply-To or References is left out (and logged): threading is worth
// less than the mail.
//
// # go-mail behaviour relied upon (v0.8.1)
//
//   - SendError.IsTemp is true only if the error text starts with '4', so a
//     timeout or a dropped connection is "not temporary"; ErrorCode (0 when
//     there was no SMTP reply) is what mailout classifies by.
//   - SendError does not unwrap to the textproto.Error; the reply text is
//     read back from its message, where textproto quotes it with %q.
//   - For a mail with several recipients, go-mail aborts the whole mail when
//     any RCPT fails, and reports the code of the last failing one.
//   - SMTP.Timeout bounds the dial and then each mail's whole transaction:
//     go-mail sets one deadline per send, not per command. Run honours
//     cancellation between mails and during the TCP connect; an exchange in
//     progress (greeting, TLS, AUTH, a mail) finishes or times out.
//   - Auto-discovery of the AUTH mechanism refuses PLAIN and LOGIN without
//     TLS, so with tls=none mailout asks for PLAIN explicitly, which go-mail
//     still sends in clear only to localhost.
//   - Several values given to one generic header are joined with ", ", so
//     References is passed as one space-separated value (RFC 5322 3.6.4).
//   - By default go-mail sends NOOP before each mail and NOOP, RSET after
//     it: three of seven round trips. WithoutNoop and WithoutRset drop them
//     (the reply to the final dot ends the transaction, RFC 5321 4.1.1.4);
//     the deadline is still extended before each mail, and a dead session
//     shows at the next MAIL FROM, with no reply, as it did at the NOOP.
package mailout
