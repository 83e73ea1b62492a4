package mailout_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"rmad/internal/pgtest"
	"rmad/internal/smtptest"
	"rmad/mailout"
	"rmad/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// pgQueue is the outbox table as mailout.Queue, the way cmd/rmad wires it,
// so a test can follow a row from queued to its end state.
type pgQueue struct{ pool store.DBTX }

func (q pgQueue) Claim(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]mailout.Mail, error) {
	rows, err := store.ClaimOutbox(ctx, q.pool, now, limit, lease)
	if err != nil {
		return nil, err
	}
	out := make([]mailout.Mail, len(rows))
	for i, r := range rows {
		out[i] = mailout.Mail{ID: r.ID, MessageID: r.MessageID, From: r.From, To: r.To, ReplyTo: r.ReplyTo,
			Subject: r.Subject, Body: r.Body, InReplyTo: r.InReplyTo, References: r.References,
			AutoSubmitted: string(r.AutoSubmitted), QueuedAt: r.QueuedAt, Attempts: r.Attempts}
	}
	return out, nil
}

func (q pgQueue) Sent(ctx context.Context, mails []mailout.Accepted) error {
	ids, at := make([]int64, len(mails)), make([]time.Time, len(mails))
	for i, m := range mails {
		ids[i], at[i] = m.ID, m.At
	}
	return store.MarkOutboxSent(ctx, q.pool, ids, at)
}

func (q pgQueue) Retry(ctx context.Context, id int64, next time.Time, reason string) error {
	return store.MarkOutboxRetry(ctx, q.pool, id, next, reason)
}

func (q pgQueue) Fail(ctx context.Context, id int64, now time.Time, reason string) error {
	return store.MarkOutboxFailed(ctx, q.pool, id, now, reason)
}

func (q pgQueue) Hold(ctx context.Context, id int64, now time.Time, reason string, _ int) error {
	return store.MarkOutboxHeld(ctx, q.pool, id, now, reason)
}

// A customer's earlier mail carried a Message-ID with spaces; the desk
// stored it in the thread. The answer must still go out, threaded by the
// ids that are valid, and the row must end sent rather than failed.
func TestInvalidThreadIDsAreDroppedAndTheRowIsSent(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	sink, err := smtptest.Start(smtptest.Options{RejectData: strictMTA})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })

	const bad = "fan noise 1@customer.example"
	good := []string{"first@mail.customer.example", "CAF+abc.123@mail.customer.example"}
	id, err := store.Enqueue(ctx, pool, store.OutMail{
		Template: "test", MessageID: "rmad.7.k3@desk.example.com", From: "Acme Support <support@example.com>",
		To: []string{"jorg@customer.example"}, Subject: "[TKT-7] Re: fan noise", Body: "We are on it.\n",
		InReplyTo: bad, References: []string{good[0], bad, good[1]}, QueuedAt: t0,
	})
	if err != nil {
		t.Fatal(err)
	}

	logs := &logBuf{}
	s := mailout.NewSender(pgQueue{pool}, mailout.SMTP{Host: sink.Host(), Port: sink.Port(), TLS: "none", Timeout: 5 * time.Second},
		mailout.Options{Logger: logs.logger(), Now: func() time.Time { return t0.Add(time.Minute) }})
	if sent, err := s.SendDue(ctx); sent != 1 || err != nil {
		t.Fatalf("SendDue = %d, %v; want 1 sent\n%s", sent, err, logs)
	}

	row, err := store.OutboxByID(ctx, pool, id)
	if err != nil {
		t.Fatal(err)
	}
	if row.Status != "sent" || row.LastError != "" || row.Attempts != 1 {
		t.Fatalf("row status %q, attempts %d, last_error %q; want sent after 1 attempt", row.Status, row.Attempts, row.LastError)
	}
	got := sink.Messages()
	if len(got) != 1 {
		t.Fatalf("sink has %d messages, want 1", len(got))
	}
	h := parse(t, got[0].Data).h
	if h.Has("In-Reply-To") {
		t.Errorf("In-Reply-To %q sent, want it left out", h.Get("In-Reply-To"))
	}
	if refs, err := h.MsgIDList("References"); err != nil || !slices.Equal(refs, good) {
		t.Errorf("References = %q, %v; want %q", refs, err, good)
	}
	if mid, err := h.MessageID(); err != nil || mid != "rmad.7.k3@desk.example.com" {
		t.Errorf("Message-ID = %q, %v", mid, err)
	}
	if lines := logs.lines("level=WARN", "left out", "outbox_id="+strconv.FormatInt(id, 10)); len(lines) != 1 || !strings.Contains(lines[0], "fan noise 1@customer.example") {
		t.Errorf("want one warning naming the dropped id, log:\n%s", logs)
	}
}
