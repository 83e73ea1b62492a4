// Package parser turns one raw RFC 5322 message into a Message: who sent it
// and what kind of sender that is (human, auto-reply, bounce), how it threads,
// the ticket references and agent commands it carries, the new text without
// quoted history, and the request fields and units a support desk needs.
//
// It is pure: no database, network or clock. It never gives up on a message
// it can read at all: broken MIME yields whatever usable parts it has.
package parser
