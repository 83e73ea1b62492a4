-- The clocks: which stage of which case has been done, so each reminder,
-- void and notice happens exactly once however many processes run the jobs.

ALTER TABLE rmas ADD COLUMN quoted_at timestamptz;
ALTER TABLE tickets ADD COLUMN waiting_since timestamptz;
ALTER TABLE tickets ADD COLUMN customer_replied_at timestamptz;

CREATE TABLE rma_stages (
    rma_id bigint NOT NULL REFERENCES rmas (id),
    stage  text NOT NULL,
    at     timestamptz NOT NULL,
    sent   boolean NOT NULL DEFAULT true,  -- false: superseded by a later stage, recorded not sent
    PRIMARY KEY (rma_id, stage)
);

CREATE TABLE ticket_stages (
    ticket_id bigint NOT NULL REFERENCES tickets (id),
    stage     text NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, stage)
);

-- One row per job and period for once-per-period jobs (the finance digest),
-- and the last run of every job for `rmad jobs list`.
CREATE TABLE job_periods (
    job    text NOT NULL,
    period text NOT NULL,
    at     timestamptz NOT NULL,
    PRIMARY KEY (job, period)
);
CREATE TABLE job_runs (
    job         text PRIMARY KEY,
    last_run_at timestamptz NOT NULL,
    last_as_of  timestamptz NOT NULL,
    last_done   integer NOT NULL,
    last_error  text NOT NULL DEFAULT ''
);

-- Clock notices are tied to their RMA so a case that closes cancels what is
-- queued and not yet sent.
ALTER TABLE outbox ADD COLUMN rma_id bigint REFERENCES rmas (id);
ALTER TABLE outbox ADD COLUMN clock boolean NOT NULL DEFAULT false;
ALTER TABLE outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
CREATE INDEX outbox_clock ON outbox (rma_id) WHERE clock AND status = 'queued';
CREATE INDEX outbox_ticket_clock ON outbox (ticket_id) WHERE clock AND status = 'queued';

-- Due work is found through these: a job's cost grows with what is due.
CREATE INDEX rmas_void_due ON rmas (void_at) WHERE status = 'issued' AND void_at IS NOT NULL;
CREATE INDEX rmas_return_due ON rmas (return_due) WHERE status IN ('issued', 'shipped', 'delivered') AND return_due IS NOT NULL;
CREATE INDEX rmas_billed ON rmas (id) WHERE status = 'billed' AND paid_at IS NULL;
CREATE INDEX rmas_quoted ON rmas (id) WHERE status = 'quoted';
CREATE INDEX tickets_waiting ON tickets (id) WHERE state IN ('awaiting_info', 'awaiting_customer');
