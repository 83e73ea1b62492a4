-- 019_purge_look: the two looks of the nightly raw-mail purge (issue 15),
-- measured at a million tickets and three million messages.
--
-- Its indexes are built CONCURRENTLY, outside a transaction, so a desk
-- upgraded with a million tickets keeps taking mail while they build
-- (seconds): a plain CREATE INDEX blocks every write to the table. Each
-- is first dropped if there, since a build cut short leaves an invalid
-- index under its name, and the rerun must replace it.
---- tern: disable-tx ----
--
-- The purge of mail no ticket holds looks for the unticketed messages
-- older than the cutoff. messages_loose (017) holds them in id order, so
-- each look also read every newer one, the bounces of the last year, from
-- the heap to test its age: 300 ms a look. In age order it reads only
-- what it purges.
DROP INDEX CONCURRENTLY IF EXISTS messages_loose_age;
CREATE INDEX CONCURRENTLY messages_loose_age ON messages (received_at, id) WHERE ticket_id IS NULL AND purged_at IS NULL;
DROP INDEX CONCURRENTLY IF EXISTS messages_loose;

-- The purge of closed tickets' mail starts from the tickets with content
-- older than the cutoff: eighteen thousand, of which one in twenty is due.
-- The rest are open or waiting, or were closed within the cutoff, and each
-- was read from the heap to learn so, 700 ms a night. The closed tickets
-- by id, with the two times the purge tests, answer it from the index.
DROP INDEX CONCURRENTLY IF EXISTS tickets_closed_id;
CREATE INDEX CONCURRENTLY tickets_closed_id ON tickets (id) INCLUDE (closed_at, updated_at) WHERE state = 'closed';
