-- The defective unit's trip back to the vendor: when the courier picked it
-- up (QNAP judges lateness by that date, not by arrival), carrier, tracking.
ALTER TABLE rmas ADD COLUMN returned_at timestamptz;
ALTER TABLE rmas ADD COLUMN return_carrier text NOT NULL DEFAULT '';
ALTER TABLE rmas ADD COLUMN return_tracking text NOT NULL DEFAULT '';
-- What went out as the replacement and what it costs: QCT and iXsystems bill
-- the replacement part, not the system it came out of.
ALTER TABLE rmas ADD COLUMN replacement_part text NOT NULL DEFAULT '';
ALTER TABLE rmas ADD COLUMN replacement_price numeric(14,2);
-- The unit's MSRP when an agent supplies it (#set msrp=...): the cap of
-- QNAP's delayed-return fee when the registry does not know it.
ALTER TABLE rmas ADD COLUMN msrp numeric(14,2);
-- What finance recorded as paid: a payment does not end a fee that still runs.
ALTER TABLE rmas ADD COLUMN paid_amount numeric(14,2);
-- Billed RMAs are followed up paid or not (a payment does not stop a fee
-- that still runs): the partial index no longer filters on paid_at.
DROP INDEX rmas_billed;
CREATE INDEX rmas_billed ON rmas (id) WHERE status = 'billed';
