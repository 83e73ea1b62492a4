-- 013_retention: what retention and erasure leave behind.
--
-- purged_at marks a stored message, or a sent mail, whose content was
-- deleted (raw bytes, parse, body, attachments) while its metadata stays,
-- so `rmad ticket show` still lists it and says so.
ALTER TABLE messages ADD COLUMN purged_at timestamptz;
ALTER TABLE outbox ADD COLUMN purged_at timestamptz;

-- One row per purge or erasure that deleted something: what an operator
-- shows an auditor. A forget names no one: subject is a keyed hash
-- (HMAC with the desk's secret) of the lower-cased address, which proves
-- a given address was forgotten to whoever holds the key and to no one else.
CREATE TABLE erasures (
    id      bigserial PRIMARY KEY,
    kind    text NOT NULL CHECK (kind IN ('forget', 'purge_raw', 'purge_closed')),
    subject text NOT NULL DEFAULT '',
    at      timestamptz NOT NULL,
    cutoff  timestamptz,
    counts  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX erasures_subject ON erasures (subject) WHERE subject <> '';

-- The purges find closed tickets by when they closed.
CREATE INDEX tickets_closed ON tickets (closed_at, id) WHERE state = 'closed';

-- rmad_scrub replaces, case-insensitively, every match of the regular
-- expressions in patterns (written by rmad, each a quoted literal) by tag:
-- how an erasure takes a person's address, name or phone out of free text
-- (history, notices) that must otherwise stay.
CREATE FUNCTION rmad_scrub(s text, patterns text[], tag text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    p text;
BEGIN
    IF s IS NULL OR patterns IS NULL THEN
        RETURN s;
    END IF;
    FOREACH p IN ARRAY patterns LOOP
        IF p <> '' THEN
            s := regexp_replace(s, p, tag, 'gi');
        END IF;
    END LOOP;
    RETURN s;
END
$$;
