-- 014_outbox_hold: mail that ran out of attempts on temporary failures (a
-- relay outage) is held, not failed: kept until an operator retries or drops
-- it (rmad outbox retry|drop). held_at is when it was held.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled', 'held'));
ALTER TABLE outbox ADD COLUMN held_at timestamptz;
CREATE INDEX outbox_held ON outbox (id) WHERE status = 'held';
-- The one notice about held mail that may be waiting to be sent.
CREATE INDEX outbox_held_notice ON outbox (id) WHERE template = 'outbox_held' AND status IN ('queued', 'sending');
-- A held clock notice is cancelled like a queued one when its case moves on.
DROP INDEX outbox_clock;
DROP INDEX outbox_ticket_clock;
CREATE INDEX outbox_clock ON outbox (rma_id) WHERE clock AND status IN ('queued', 'held');
CREATE INDEX outbox_ticket_clock ON outbox (ticket_id) WHERE clock AND status IN ('queued', 'held');
