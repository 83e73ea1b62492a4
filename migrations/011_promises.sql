-- Promise clocks: every promise the desk makes to a customer ("you will
-- hear from us by ...", the repair turnaround, a reply time) is a row. The
-- promises job warns the agents one business day before due_at and tells
-- them when it breaks; warned_at and breached_at record each notice, so it
-- goes once however many processes run the job. kept_at ends the clock.
CREATE TABLE promises (
    id          bigserial PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES tickets (id),
    rma_id      bigint REFERENCES rmas (id),
    kind        text NOT NULL CHECK (kind IN ('approval', 'turnaround', 'reply')),
    made_at     timestamptz NOT NULL,
    due_at      timestamptz NOT NULL,
    warn_at     timestamptz NOT NULL,
    kept_at     timestamptz,
    warned_at   timestamptz,
    breached_at timestamptz,
    CHECK (warn_at <= due_at),
    -- An RMA's promises are RMA promises; a ticket's reply promise is the ticket's.
    CHECK ((rma_id IS NULL) = (kind = 'reply'))
);
-- A promise is made once: told again in a later mail, the first date stands.
CREATE UNIQUE INDEX promises_rma_kind ON promises (rma_id, kind) WHERE rma_id IS NOT NULL;
CREATE UNIQUE INDEX promises_ticket_kind ON promises (ticket_id, kind) WHERE rma_id IS NULL;
-- The job's due look-ups: a warning not yet sent (promises_warn_due), a
-- breach not yet told (promises_open); promises_open also lists the open
-- promises, broken ones too, for the digest and `rmad jobs list`.
CREATE INDEX promises_warn_due ON promises (warn_at) WHERE kept_at IS NULL AND warned_at IS NULL AND breached_at IS NULL;
CREATE INDEX promises_open ON promises (due_at) WHERE kept_at IS NULL;

-- The agents' digest lists open tickets whose last word is the customer's,
-- oldest first.
CREATE INDEX tickets_open_replied ON tickets (customer_replied_at) WHERE state = 'open';
