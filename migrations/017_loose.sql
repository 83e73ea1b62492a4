-- 017_loose: the raw-mail purge's second part, mail no ticket holds
-- (bounces, strangers' mail, unreadable mail), walked every message in id
-- order for the few hundred that qualify: half a second to a second per
-- batch of 200 at three million messages, five seconds a night (issue 15).
-- This indexes only the unticketed messages not purged yet, which is what
-- that purge looks for; purged ones leave it.
CREATE INDEX messages_loose ON messages (id) WHERE ticket_id IS NULL AND purged_at IS NULL;
