-- 016_scale: the jobs over a large database (issue 15). Each index below
-- keeps a job's look-up proportional to what it has to do, not to the
-- desk's whole history.
--
-- The raw-mail purge looks for closed tickets that still hold stored
-- content. Once retention has run for a while nearly every old ticket is
-- purged already; walking them all (every closed ticket before the cutoff,
-- a look at its messages and mail each) took seconds at a million
-- tickets. These index only what is not purged yet, by age: the purge
-- starts from the content older than its cutoff, which is what is due plus
-- the mail of the few old tickets still open.
CREATE INDEX messages_unpurged ON messages (received_at, ticket_id) WHERE purged_at IS NULL;
CREATE INDEX outbox_unpurged ON outbox (queued_at, ticket_id) WHERE purged_at IS NULL;

-- Finance's digest lists the billed RMAs not paid: without this it read
-- every RMA.
CREATE INDEX rmas_unpaid ON rmas (billed_at, id) WHERE billed_at IS NOT NULL AND paid_at IS NULL;

-- The agents' digest asks of every open ticket whether an agent answered
-- or acted since the customer's last word: this answers from the agents'
-- own events, not from each ticket's whole history.
CREATE INDEX ticket_events_answered ON ticket_events (ticket_id, at) WHERE kind IN ('relayed', 'command');
