-- 018_agent_acted: the agents' digest lists the open tickets whose last
-- word is the customer's. It asked of every open ticket whether an agent
-- had answered or acted since, an index probe each: a second a morning
-- with tens of thousands of open tickets (issue 15). agent_acted_at is
-- the time of the ticket's latest agent reply or command (the desk sets it
-- with the event), so the tickets waiting on an agent are a partial index
-- of their own and the digest reads only those.
ALTER TABLE tickets ADD COLUMN agent_acted_at timestamptz;

UPDATE tickets t SET agent_acted_at = e.at
	FROM (SELECT ticket_id, max(at) AS at FROM ticket_events WHERE kind IN ('relayed', 'command') GROUP BY ticket_id) e
	WHERE e.ticket_id = t.id;

CREATE INDEX tickets_waiting_on_us ON tickets (customer_replied_at, id)
	WHERE state = 'open' AND customer_replied_at IS NOT NULL
		AND (agent_acted_at IS NULL OR agent_acted_at < customer_replied_at);

-- It replaces the index of every open ticket the customer wrote to, which
-- only the digest read; left in place, the planner took it (it cannot
-- tell how few tickets the comparison of two columns keeps) and probed
-- every open ticket again.
DROP INDEX tickets_open_replied;
