-- The desk: tickets, the messages that feed them, the mail rmad sends, and
-- the watchers' bookkeeping. Every timestamp is an absolute instant.

CREATE SEQUENCE ticket_ref_seq START 100001;

CREATE TABLE tickets (
    id               bigserial PRIMARY KEY,
    ref              text NOT NULL UNIQUE,
    kind             text NOT NULL CHECK (kind IN ('support', 'rma')),
    state            text NOT NULL,
    mailbox          text NOT NULL,
    desk_address     text NOT NULL,
    subject          text NOT NULL,
    customer_name    text NOT NULL DEFAULT '',
    customer_address text NOT NULL,
    fields           jsonb NOT NULL DEFAULT '{}',
    units            jsonb NOT NULL DEFAULT '[]',
    missing          text[] NOT NULL DEFAULT '{}',
    parent_id        bigint REFERENCES tickets (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    closed_at        timestamptz
);
CREATE INDEX tickets_updated ON tickets (created_at DESC, id DESC);
CREATE INDEX tickets_state ON tickets (state);

-- One row per distinct inbound message. A copy of the same message fetched
-- from another mailbox (sent to support@ and rma@) is a row in
-- message_copies pointing here, never a second message.
CREATE TABLE messages (
    id            bigserial PRIMARY KEY,
    ticket_id     bigint REFERENCES tickets (id),
    -- NULL when the message has none (or an unusable one); an empty string
    -- would make every id-less message collide.
    message_id    text CHECK (message_id <> ''),
    content_hash  bytea NOT NULL,
    mailbox       text NOT NULL,
    from_address  text NOT NULL DEFAULT '',
    from_name     text NOT NULL DEFAULT '',
    to_addresses  text[] NOT NULL DEFAULT '{}',
    subject       text NOT NULL DEFAULT '',
    class         text NOT NULL,
    outcome       text NOT NULL,
    sent_at       timestamptz,
    received_at   timestamptz NOT NULL,
    raw           bytea NOT NULL,
    raw_size      bigint NOT NULL,
    truncated     boolean NOT NULL DEFAULT false,
    parse         json NOT NULL  -- kept as written: json, not jsonb, costs the database no parsing
);
CREATE UNIQUE INDEX messages_message_id ON messages (message_id) WHERE message_id IS NOT NULL;
CREATE UNIQUE INDEX messages_hash ON messages (content_hash) WHERE message_id IS NULL;
CREATE INDEX messages_ticket ON messages (ticket_id, received_at);

-- Every (mailbox, UIDVALIDITY, UID) rmad has committed: a replay of a fetch is a no-op.
CREATE TABLE message_copies (
    mailbox     text NOT NULL,
    uidvalidity bigint NOT NULL,
    uid         bigint NOT NULL,
    message     bigint NOT NULL REFERENCES messages (id),
    seen_at     timestamptz NOT NULL,
    PRIMARY KEY (mailbox, uidvalidity, uid)
);

-- Every Message-ID that belongs to a ticket, inbound and outbound, so a
-- reply's In-Reply-To/References find the thread.
CREATE TABLE thread_ids (
    message_id text PRIMARY KEY CHECK (message_id <> ''),
    ticket_id  bigint NOT NULL REFERENCES tickets (id)
);

CREATE TABLE ticket_events (
    id        bigserial PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets (id),
    at        timestamptz NOT NULL,
    kind      text NOT NULL,
    detail    text NOT NULL DEFAULT '',
    message   bigint REFERENCES messages (id)
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    ticket_id       bigint REFERENCES tickets (id),
    template        text NOT NULL,
    message_id      text NOT NULL UNIQUE CHECK (message_id <> ''),
    from_address    text NOT NULL,
    to_addresses    text[] NOT NULL CHECK (cardinality(to_addresses) > 0),
    reply_to        text NOT NULL DEFAULT '',
    subject         text NOT NULL,
    body            text NOT NULL,
    in_reply_to     text NOT NULL DEFAULT '',
    references_ids  text[] NOT NULL DEFAULT '{}',
    auto_submitted  text NOT NULL DEFAULT '',
    -- who the mail is for: customer | agents | finance | other
    audience        text NOT NULL DEFAULT 'customer',
    -- lower-cased recipient of an automatic answer: the rate limit counts these.
    rate_key        text,
    status          text NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    queued_at       timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    sent_at         timestamptz,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbox_leased ON outbox (lease_until, id) WHERE status = 'sending';
CREATE INDEX outbox_rate ON outbox (rate_key, queued_at) WHERE rate_key IS NOT NULL;
CREATE INDEX outbox_ticket ON outbox (ticket_id, id);

-- The highest UID committed per mailbox, with the UIDVALIDITY it belongs to.
CREATE TABLE mailbox_marks (
    mailbox     text PRIMARY KEY,
    uidvalidity bigint NOT NULL,
    last_uid    bigint NOT NULL
);

-- Tries of a message that failed processing; after a few it is quarantined.
CREATE TABLE message_failures (
    mailbox     text NOT NULL,
    uidvalidity bigint NOT NULL,
    uid         bigint NOT NULL,
    attempts    integer NOT NULL,
    last_error  text NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (mailbox, uidvalidity, uid)
);

CREATE TABLE quarantine (
    id          bigserial PRIMARY KEY,
    mailbox     text NOT NULL,
    uidvalidity bigint NOT NULL,
    uid         bigint NOT NULL,
    raw         bytea NOT NULL,
    error       text NOT NULL,
    attempts    integer NOT NULL,
    created_at  timestamptz NOT NULL,
    replayed_at timestamptz,
    UNIQUE (mailbox, uidvalidity, uid)
);

-- Small facts the desk keeps for itself, e.g. the Message-ID HMAC key when
-- the configuration does not set one.
CREATE TABLE settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);
