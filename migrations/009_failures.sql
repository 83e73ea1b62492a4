-- A mail that failed permanently is shown to the agents once: reported_at
-- marks it, and the partial index keeps the job's look at what is left cheap.
ALTER TABLE outbox ADD COLUMN reported_at timestamptz;
CREATE INDEX outbox_failed_unreported ON outbox (id) WHERE status = 'failed' AND ticket_id IS NOT NULL AND reported_at IS NULL;
