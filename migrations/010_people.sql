-- People on a ticket: the customer's colleagues copied on its mail, and the
-- agent who owns it. Outgoing mail names its Cc, and the files it carries
-- by reference to the stored inbound message they came from (a file is
-- stored once, in messages.raw, however many mails carry it).
ALTER TABLE tickets ADD COLUMN participants text[] NOT NULL DEFAULT '{}';
ALTER TABLE tickets ADD COLUMN owner text;
ALTER TABLE outbox ADD COLUMN cc_addresses text[] NOT NULL DEFAULT '{}';
ALTER TABLE outbox ADD COLUMN files jsonb NOT NULL DEFAULT '[]';
