package parser

import (
	"encoding/json"
	"time"
)

// Class is what kind of sender wrote a message.
type Class string

const (
	Human     Class = "human"
	AutoReply Class = "auto-reply"
	Bounce    Class = "bounce"
)

// Address is one mailbox of a header. Address is lower-cased.
type Address struct {
	Name    string `json:"name"`
	Address string `json:"address"`
}

// Command is one `#name args` line at the top of an agent's reply.
type Command struct {
	Name string `json:"name"`
	Args string `json:"args"`
}

// Fields are the request fields of contracts/parse.md.
type Fields struct {
	ContactName   string `json:"contact_name"`
	Company       string `json:"company"`
	Email         string `json:"email"`
	Phone         string `json:"phone"`
	ShipTo        string `json:"ship_to"`
	BillTo        string `json:"bill_to"`
	PONumber      string `json:"po_number"`
	InvoiceNumber string `json:"invoice_number"`
	InvoiceDate   string `json:"invoice_date"`
	// DeliveryDate (YYYY-MM-DD) is beyond the contract: present only when
	// the mail labels a delivery date.
	DeliveryDate string `json:"delivery_date,omitempty"`
	Problem      string `json:"problem"`
	Severity     string `json:"severity"`
}

// Unit is one piece of hardware a message is about.
type Unit struct {
	SerialNumber string `json:"serial_number"`
	PartNumber   string `json:"part_number"`
	Model        string `json:"model"`
	Firmware     string `json:"firmware"`
}

// Attachment describes an attachment without its content.
type Attachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// Bounce is what a delivery status notification says, when it says it.
type BounceInfo struct {
	Recipient string `json:"recipient"` // the original recipient that failed
	Status    string `json:"status"`    // RFC 3463 status, e.g. "5.1.1"
	Action    string `json:"action"`    // failed | delayed | ...
	// MessageID is the returned message's own Message-ID, from the headers
	// the report encloses: what ties the bounce to what bounced.
	MessageID string `json:"message_id,omitempty"`
}

// Message is the parse of one RFC 5322 message. The JSON keys up to
// Attachments are the contract of `rmad parse` (contracts/parse.md); the rest
// are extra keys the desk uses. Every string is valid UTF-8 without control
// characters (Text and Fields.Problem keep \n and \t; see sanitize).
type Message struct {
	// MessageID, InReplyTo and References hold valid msg-ids only
	// (validMsgID); invalid ones are dropped with a defect. References keeps
	// the last maxReferences (50), the nearest ancestors.
	MessageID   string       `json:"message_id"`
	InReplyTo   string       `json:"in_reply_to"`
	References  []string     `json:"references"`
	From        Address      `json:"from"`
	Subject     string       `json:"subject"`
	Date        time.Time    `json:"-"`
	Class       Class        `json:"class"`
	TicketRefs  []string     `json:"ticket_refs"`
	Commands    []Command    `json:"commands"`
	Text        string       `json:"text"`
	Fields      Fields       `json:"fields"`
	Units       []Unit       `json:"units"`
	Attachments []Attachment `json:"attachments"`

	// Extra keys.

	// FromCount is the number of From fields in the top-level header, all
	// of it (also those after maxHeaderBytes, which are otherwise ignored).
	// From above is the first one, while DKIM signs the bottom-most (RFC
	// 6376 section 5.4): when FromCount is not 1 the two may name different
	// people, and the sender's authentication says nothing about From.
	FromCount int `json:"from_count"`
	// FromMailboxes is the number of mailboxes the (first) From field
	// names: RFC 5322 allows several, From above is the first, and the
	// receiving server may have judged DMARC for another one.
	FromMailboxes int `json:"from_mailboxes"`
	// FromAmbiguous is true when the From field is not valid RFC 5322 and
	// holds more than one address: read loosely, which mailbox a receiving
	// server judged is anyone's guess.
	FromAmbiguous bool `json:"from_ambiguous"`
	// AutoReplyHint is set, on a Human message only, when its subject or
	// text looks automatic (an out-of-office or delivery-failure subject, an
	// MTA's report sentence) but no header or MIME structure says a machine
	// wrote it: a short reason (under 120 bytes) so the desk makes the ticket
	// and holds its automatic answer. "" otherwise.
	AutoReplyHint string `json:"auto_reply_hint"`

	// To, Cc and Reply-To keep at most maxAddresses (100) addresses each, in
	// header order; the rest are dropped with a defect.
	To         []Address `json:"to"`
	Cc         []Address `json:"cc"`
	ReplyTo    []Address `json:"reply_to"`
	Sender     Address   `json:"sender"`      // Sender header, if any
	ReturnPath string    `json:"return_path"` // "" when absent; "<>" is reported as "<>"
	// AuthResults are the Authentication-Results header values, topmost
	// (most recently added) first, unfolded; at most maxAuthResults (20),
	// the topmost, which are the ones the receiving servers added.
	AuthResults []string `json:"auth_results"`
	// AutoSubmitted is the RFC 3834 Auto-Submitted value, lower-cased.
	AutoSubmitted string `json:"auto_submitted"`
	// List is true for mailing-list traffic (List-Id, List-Unsubscribe,
	// Precedence: list) that a responder must not answer.
	List bool `json:"list"`
	// Bounce details when Class is Bounce.
	BounceInfo *BounceInfo `json:"bounce,omitempty"`
	// Defects lists what was wrong with the message and what the limits cut
	// (kept, not fatal; at most maxDefects, each once).
	Defects []string `json:"defects"`
}

// MarshalJSON writes Date as RFC 3339 UTC, or "" when unknown.
func (m Message) MarshalJSON() ([]byte, error) {
	type plain Message
	date := ""
	if !m.Date.IsZero() {
		date = m.Date.UTC().Format(time.RFC3339)
	}
	return json.Marshal(struct {
		plain
		Date string `json:"date"`
	}{plain(m), date})
}
