package workflow

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"rmad/parser"
	"rmad/store"
)

// newsRe matches a mail that asks where things stand, in the words people
// use ("any update?", "status?", "where is my replacement", "ETA?").
var newsRe = regexp.MustCompile(`(?i)\b(any (update|news|progress)|an update|status|update on|where is (my|our|the)|where are (we|things)|` +
	`eta|when (will|can|do) (i|we)|how long|still waiting|heard (back|anything)|what'?s happening|following up|follow(ing)?[- ]up|` +
	`neuigkeiten|sachstand|des nouvelles|où en est|novedades|alguna actualizaci[oó]n)\b`)

// asksForNews reports whether the message only asks for news: short, a
// status question, nothing new in it (no field, unit or attachment).
func (r *run) asksForNews(added map[string]string, unitsChanged bool) bool {
	p := r.m.parse
	text := strings.TrimSpace(p.Text)
	// What the customer stated, not what the parser fills by default: the
	// From header's name, or the whole short text taken as the problem.
	said := 0
	for k, v := range added {
		switch {
		case k == "contact_name" && strings.EqualFold(v, p.From.Name):
		case k == "problem" && strings.Contains(text, strings.TrimSpace(v)):
		default:
			said++
		}
	}
	if said > 0 || unitsChanged || len(p.Attachments) > 0 || len(r.m.dropped) > 0 || len(text) > 400 {
		return false
	}
	return newsRe.MatchString(text) || newsRe.MatchString(p.Subject) && len(text) < 80
}

// statusWords says an RMA's state the way a customer reads it.
var statusWords = map[store.RMAStatus]string{
	store.RMARequested: "under review", store.RMAIssued: "approved", store.RMAShipped: "replacement shipped",
	store.RMADelivered: "replacement delivered", store.RMAReceived: "your unit has arrived and is being handled",
	store.RMAQuoted: "quote sent, waiting for your answer", store.RMABilled: "billed", store.RMAClosed: "closed",
	store.RMAVoided: "void", store.RMARejected: "rejected",
}

// statusData is what the status answer shows: each unit's state, dates and
// tracking, what is still missing, and the next deadline.
func (w *work) statusData(ctx context.Context, t *store.Ticket) (mailData, error) {
	rmas, err := store.TicketRMAs(ctx, w.tx, t.ID, false)
	if err != nil {
		return mailData{}, fmt.Errorf("workflow: %w", err)
	}
	d := w.rmaData(w.data(t), rmas)
	for i := range d.RMAs {
		d.RMAs[i].Status = statusWords[rmas[i].Status]
	}
	var next []string
	for _, m := range rmas {
		if at, kind := deadlineOf(m); kind != "" && at.After(w.now) {
			next = append(next, fmt.Sprintf("%s: %s by the end of %s", m.Number, map[string]string{"return": "the defective unit is due back", "ship": "please ship the unit", "void": "the RMA number is void if the unit has not arrived"}[kind], w.d.pol.CustomerDate(at)))
		}
	}
	d.Note = strings.Join(next, "\n")
	return d, nil
}

// answerNews sends t's customer where things stand, as an automatic
// answer: the same caps and holds as every other.
func (r *run) answerNews(ctx context.Context, t *store.Ticket) error {
	d, err := r.statusData(ctx, t)
	if err != nil {
		return err
	}
	if err := r.event(ctx, t.ID, "status_sent", "the customer asked for news"); err != nil {
		return err
	}
	return r.autoAnswer(ctx, t, "status", &d)
}

// customerAdds is what a customer's mail states as fields: the parser's
// default e-mail (the From address) is not something they said.
func customerAdds(p *parser.Message) map[string]string {
	add := fieldMap(p.Fields)
	if strings.EqualFold(add["email"], p.From.Address) {
		delete(add, "email")
	}
	return add
}
