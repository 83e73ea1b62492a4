-- The RMA lifecycle: the asset registry, one RMA per unit, and every change
-- of an RMA's status with its cause.

CREATE TABLE assets (
    serial_number  text PRIMARY KEY CHECK (serial_number <> '' AND serial_number = upper(serial_number)),
    model          text NOT NULL,
    part_number    text NOT NULL DEFAULT '',
    customer       text NOT NULL DEFAULT '',
    customer_email text NOT NULL DEFAULT '',
    invoice_number text NOT NULL DEFAULT '',
    invoice_date   date,
    delivery_date  date,
    invoice_price  numeric(14, 2),
    msrp           numeric(14, 2),
    currency       text NOT NULL DEFAULT '',
    plans          text[] NOT NULL DEFAULT '{}',
    imported_at    timestamptz NOT NULL
);

CREATE TABLE rmas (
    id              bigserial PRIMARY KEY,
    ticket_id       bigint NOT NULL REFERENCES tickets (id),
    number          text NOT NULL UNIQUE,
    unit_index      integer NOT NULL,
    serial_number   text NOT NULL DEFAULT '',
    model           text NOT NULL DEFAULT '',
    part_number     text NOT NULL DEFAULT '',
    type            text NOT NULL CHECK (type IN ('standard', 'advance', 'doa', 'out_of_warranty')),
    status          text NOT NULL CHECK (status IN ('requested', 'issued', 'shipped', 'delivered', 'received',
                                                    'voided', 'billed', 'closed', 'rejected', 'quoted')),
    covered         boolean NOT NULL DEFAULT false,
    plan            text NOT NULL DEFAULT '',
    coverage_ends   date,
    coverage_reason text NOT NULL DEFAULT '',
    -- what still stops the RMA from being issued (e.g. card_authorization, street_address)
    blocked_on      text[] NOT NULL DEFAULT '{}',
    requested_at    timestamptz NOT NULL,
    issued_at       timestamptz,
    ship_date       timestamptz,
    shipped_at      timestamptz,
    carrier         text NOT NULL DEFAULT '',
    tracking        text NOT NULL DEFAULT '',
    delivered_at    timestamptz,
    received_at     timestamptz,
    return_due      timestamptz,
    void_at         timestamptz,
    voided_at       timestamptz,
    billed_at       timestamptz,
    paid_at         timestamptz,
    closed_at       timestamptz,
    amount          numeric(14, 2),
    currency        text NOT NULL DEFAULT '',
    quote_amount    numeric(14, 2),
    quote_currency  text NOT NULL DEFAULT '',
    note            text NOT NULL DEFAULT '',
    UNIQUE (ticket_id, unit_index)
);
CREATE INDEX rmas_ticket ON rmas (ticket_id, unit_index);
CREATE INDEX rmas_serial ON rmas (serial_number);

CREATE TABLE rma_events (
    id         bigserial PRIMARY KEY,
    rma_id     bigint NOT NULL REFERENCES rmas (id),
    at         timestamptz NOT NULL,
    from_status text NOT NULL,
    to_status  text NOT NULL,
    cause      text NOT NULL CHECK (cause IN ('message', 'command', 'cli', 'job', 'auto')),
    actor      text NOT NULL DEFAULT '',
    detail     text NOT NULL DEFAULT ''
);
CREATE INDEX rma_events_rma ON rma_events (rma_id, id);
