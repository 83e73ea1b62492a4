// Package workflow is the desk: it decides what each inbound message means
// (a new ticket, a follow-up, an agent's answer, a stranger, a bounce, an
// auto-reply, rmad's own mail) and, in one transaction, records it, updates
// the ticket and queues every reply in the outbox. Time is always passed in;
// nothing here reads the clock.
//
// Under load the messages of a fetched batch share a transaction
// (IngestBatch, group commit): a savepoint each, so one that fails rolls
// back alone, and one durable commit for all. Everything a message does is
// still all or nothing, and a replay is still recognised by its fetch's
// (mailbox, UIDVALIDITY, UID) row, so a crash anywhere in a batch replays
// the whole batch and changes nothing twice. The automatic-answer counters,
// the hottest rows, are written once per transaction just before the commit
// (autoCounts); until then the caps of concurrent transactions see them in
// the desk's memory (inflight), and a cap is checked and its answer counted
// in one step (work.admit), so a flood spread over lanes gets exactly the
// answers one lane would. A deadlock between two lanes fails no
// message: the group rolls back and each message goes again alone.
//
// Judgement calls:
//   - A message is the same message when its Message-ID is (RFC 5322 makes it
//     unique); without one, when its content hash is, computed over the
//     headers that an author writes and the body, so trace headers added by
//     each delivery do not make two copies differ.
//   - Mail from a desk address, or carrying one of our own HMAC-signed
//     Message-IDs, is rmad's own and never answered.
//   - Bounces, auto-replies and list mail are recorded (on their ticket when
//     they thread to one) and never answered.
//   - Someone other than the ticket's customer or an agent writing into a
//     ticket's thread is a stranger: recorded, agents told, nothing sent to them.
//   - A follow-up that adds nothing the request was missing gets no automatic
//     answer (agents still see it): customers are not chased with repeats.
package workflow
