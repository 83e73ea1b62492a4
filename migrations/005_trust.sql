-- Domains an operator lists as a registry customer's own: mail from any
-- address at them is that customer's (never a freemail domain).
ALTER TABLE assets ADD COLUMN customer_domains text[] NOT NULL DEFAULT '{}';

-- Hourly caps on automatic answers per domain and for the whole desk; the
-- counts stop at the cap, so each probe reads at most cap index entries.
CREATE INDEX outbox_rate_domain ON outbox (split_part(rate_key, '@', 2), queued_at) WHERE rate_key IS NOT NULL;
CREATE INDEX outbox_rate_all ON outbox (queued_at) WHERE rate_key IS NOT NULL;
