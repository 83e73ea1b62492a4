-- Domains an operator lists as a registry customer's own: mail from any
-- address at them is that customer's (never a freemail domain).
ALTER TABLE assets ADD COLUMN customer_domains text[] NOT NULL DEFAULT '{}';

-- Hourly caps on automatic answers per organisation (the registrable domain
-- of the recipient: h1.victim.example and h2.victim.example are one) and
-- for the whole desk; the counts stop at the cap, so each probe reads at
-- most cap index entries.
ALTER TABLE outbox ADD COLUMN rate_domain text;
CREATE INDEX outbox_rate_domain ON outbox (rate_domain, queued_at) WHERE rate_domain IS NOT NULL;
CREATE INDEX outbox_rate_all ON outbox (queued_at) WHERE rate_key IS NOT NULL;
