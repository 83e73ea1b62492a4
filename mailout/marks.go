package mailout

import (
	"context"
	"fmt"
	"time"
)

// accepted holds the mails of a round that the server accepted and that
// are not marked sent yet: they are marked together, in one Queue.Sent,
// instead of one commit per mail.
type accepted struct {
	mails []Mail
	marks []Accepted
}

func (a *accepted) add(m Mail, at time.Time) {
	a.mails = append(a.mails, m)
	a.marks = append(a.marks, Accepted{ID: m.ID, At: at})
}

// markDue says the waiting acceptances are to be marked now, before the
// next mail, rather than at the end of the round: MarkEvery of them wait,
// or the oldest has waited MarkDelay. This bounds what a crash sends twice
// when rounds are long.
func (s *Sender) markDue(a *accepted) bool {
	n := len(a.marks)
	return n >= s.opts.MarkEvery || (n > 0 && s.opts.Now().Sub(a.marks[0].At) >= s.opts.MarkDelay)
}

// markSent marks the waiting acceptances sent, in one Queue.Sent on a
// context detached from the caller's cancellation: once the server has
// accepted a mail, a shutdown must not be the reason it is sent again.
// Either way acc is empty afterwards: a mark that failed is not retried
// here, the lease brings the mails back (sent again, same Message-ID).
func (s *Sender) markSent(ctx context.Context, a *accepted) error {
	if len(a.marks) == 0 {
		return nil
	}
	mails, marks := a.mails, a.marks
	a.mails, a.marks = nil, nil
	mctx, cancel := s.markCtx(ctx)
	defer cancel()
	if err := s.q.Sent(mctx, marks); err != nil {
		ids := make([]int64, len(marks))
		for i, m := range marks {
			ids[i] = m.ID
		}
		return fmt.Errorf("mailout: outbox %v accepted by the server but not marked sent (sent again, with the same Message-ID, when the lease expires): %w", ids, err)
	}
	for _, m := range mails {
		s.log.Info("mailout: mail sent", s.attrs(m)...)
	}
	return nil
}
