-- What a returned unit lacked: missing components the customer must still
-- send, by a deadline after which they are charged.
ALTER TABLE rmas ADD COLUMN missing_components text NOT NULL DEFAULT '';
ALTER TABLE rmas ADD COLUMN components_due timestamptz;
ALTER TABLE rmas ADD COLUMN damaged boolean NOT NULL DEFAULT false;
CREATE INDEX rmas_components_due ON rmas (components_due) WHERE components_due IS NOT NULL;
-- Repaired-part coverage looks up earlier RMAs of a serial, case-insensitively.
CREATE INDEX rmas_serial_upper ON rmas (upper(serial_number));

-- One watcher per mailbox at a time across rmad processes: a lease that the
-- holder renews at every check and another process takes over when it lapses.
CREATE TABLE mailbox_leases (
    mailbox text PRIMARY KEY,
    holder  text NOT NULL,
    until   timestamptz NOT NULL
);

-- Mail is mostly base64 and HTML that pglz barely shrinks: storing it
-- uncompressed (still out of line) saves the database CPU on every message.
ALTER TABLE messages ALTER COLUMN raw SET STORAGE EXTERNAL;
ALTER TABLE quarantine ALTER COLUMN raw SET STORAGE EXTERNAL;
