-- The repaired or replacement unit going back to the customer: repaired-
-- unit coverage runs from then, and a replacement's serial inherits the
-- original's coverage (QNAP: "covered ... until the original unit coverage
-- period expires").
ALTER TABLE rmas ADD COLUMN sent_back_at timestamptz;
ALTER TABLE rmas ADD COLUMN replacement_serial text NOT NULL DEFAULT '';
CREATE INDEX rmas_replacement_serial ON rmas (upper(replacement_serial)) WHERE replacement_serial <> '';
