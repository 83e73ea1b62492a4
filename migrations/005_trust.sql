-- Domains an operator lists as a registry customer's own: mail from any
-- address at them is that customer's (never a freemail domain).
ALTER TABLE assets ADD COLUMN customer_domains text[] NOT NULL DEFAULT '{}';

-- Hourly caps on automatic answers per organisation (the registrable domain
-- of the recipient) and for the whole desk: a counter per clock hour, so a
-- check reads two rows whatever the traffic. The desk's own counter is split
-- into shards so concurrent transactions rarely wait on one row.
CREATE TABLE auto_reply_counts (
    scope text NOT NULL,          -- '' for the whole desk, else a domain
    hour  timestamptz NOT NULL,   -- the clock hour (UTC) the answers were queued in
    shard smallint NOT NULL,
    n     integer NOT NULL,
    PRIMARY KEY (scope, hour, shard)
);
CREATE INDEX auto_reply_counts_hour ON auto_reply_counts (hour);
