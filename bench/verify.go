package main

import (
	"context"
	"fmt"
	"strings"
)

// verdict is what a run did wrong, if anything.
type verdict struct {
	Appended  int `json:"appended"`
	Committed int `json:"committed"`
	// Lost: appended copies neither committed nor quarantined, and
	// messages missing from the messages table.
	Lost        int `json:"lost"`
	Quarantined int `json:"quarantined"`
	// Duplicated: Ingest transactions that committed beyond one per appended
	// copy (the same mailbox UID processed twice), plus mails the sink got
	// twice (same Message-ID).
	Duplicated     int `json:"duplicated"`
	ProcessedTwice int `json:"processed_twice"`
	SentTwice      int `json:"sent_twice"`
	// AnsweredTwice: inbound messages with more than one customer answer.
	AnsweredTwice int `json:"answered_twice"`
	// AnsweredUnanswerable: answers to bounces or auto-replies.
	AnsweredUnanswerable int `json:"answered_unanswerable"`
	// MissingAcks: new requests that got no customer answer.
	MissingAcks int `json:"missing_acks"`
	// CopyEvents are "another copy arrived" events on tickets; only
	// cross-posted messages (ExpectedCopies) should cause them. More means
	// a mailbox UID was ingested twice and recorded as a second copy.
	CopyEvents     int `json:"copy_events"`
	ExpectedCopies int `json:"expected_copy_events"`
	// FailedSends: outbox rows rmad marked failed.
	FailedSends int                `json:"failed_sends"`
	Outcomes    map[string]float64 `json:"outcomes"`
	Examples    []string           `json:"examples,omitempty"`
}

func (v *verdict) problems() string {
	var p []string
	for _, x := range []struct {
		n    int
		what string
	}{{v.Lost, "lost"}, {v.Quarantined, "quarantined"}, {v.ProcessedTwice, "processed twice"}, {v.SentTwice, "sent twice"},
		{v.AnsweredTwice, "answered twice"}, {v.AnsweredUnanswerable, "bounces/auto-replies answered"},
		{v.MissingAcks, "new requests unanswered"}, {v.FailedSends, "sends failed"}} {
		if x.n > 0 {
			p = append(p, fmt.Sprintf("%d %s", x.n, x.what))
		}
	}
	if len(p) > 0 && len(v.Examples) > 0 {
		p = append(p, "e.g. "+strings.Join(v.Examples, ", "))
	}
	return strings.Join(p, ", ")
}

func (v *verdict) String() string {
	if s := v.problems(); s != "" {
		return "PROBLEMS: " + s
	}
	return "nothing lost, duplicated or answered twice"
}

// verify checks the end state of a run against what was appended.
func verify(ctx context.Context, w *world, items []*item, replies []reply, outcomes map[string]float64, appends int) (verdict, error) {
	v := verdict{Appended: appends, Outcomes: outcomes}
	var distinct int
	err := w.db.QueryRow(ctx, `SELECT (SELECT count(*) FROM message_copies), (SELECT count(*) FROM quarantine),
		(SELECT count(*) FROM messages), (SELECT count(*) FROM outbox WHERE status = 'failed'),
		(SELECT count(*) FROM ticket_events WHERE kind = 'copy')`).Scan(
		&v.Committed, &v.Quarantined, &distinct, &v.FailedSends, &v.CopyEvents)
	if err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	// Only the run's rows: none of the prefill's.
	v.Committed -= w.base.copies
	v.FailedSends -= w.base.failed
	rows, err := w.db.Query(ctx, `SELECT message_id FROM messages WHERE message_id IS NOT NULL AND id > $1`, w.base.lastMessage)
	if err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	stored := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return v, fmt.Errorf("verify: %w", err)
		}
		stored[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return v, fmt.Errorf("verify: %w", err)
	}
	missing := 0
	for _, it := range items {
		if it.mailbox == "both" {
			v.ExpectedCopies++
		}
		if !stored[it.msgID] {
			missing++
			v.example("not stored: " + it.msgID)
		}
	}
	v.Lost = max(appends-v.Committed-v.Quarantined, missing)

	if committed := committedIngests(outcomes); committed > appends {
		v.ProcessedTwice = committed - appends
		v.example(fmt.Sprintf("%d ingest commits for %d appended copies (outcomes %v)", committed, appends, outcomes))
	}
	byID := map[string]int{}
	answers := map[string]int{}
	for _, r := range replies {
		byID[r.messageID]++
		if !r.agent && r.inReplyTo != "" {
			answers[r.inReplyTo]++
		}
	}
	for id, c := range byID {
		if c > 1 {
			v.SentTwice += c - 1
			v.example("sent twice: " + id)
		}
	}
	for _, it := range items {
		c := answers[it.msgID]
		switch {
		case it.noAnswer && c > 0:
			v.AnsweredUnanswerable++
			v.example(it.kind + " answered: " + it.msgID)
		case c > 1:
			v.AnsweredTwice++
			v.example("answered twice: " + it.msgID)
		case it.expectAck && c == 0:
			v.MissingAcks++
			v.example("no answer: " + it.msgID)
		}
	}
	v.Duplicated = v.ProcessedTwice + v.SentTwice
	return v, nil
}

func (v *verdict) example(s string) {
	if len(v.Examples) < 5 {
		v.Examples = append(v.Examples, s)
	}
}
