-- What a returned unit lacked: missing components the customer must still
-- send, by a deadline after which they are charged.
ALTER TABLE rmas ADD COLUMN missing_components text NOT NULL DEFAULT '';
ALTER TABLE rmas ADD COLUMN components_due timestamptz;
ALTER TABLE rmas ADD COLUMN damaged boolean NOT NULL DEFAULT false;
CREATE INDEX rmas_components_due ON rmas (components_due) WHERE components_due IS NOT NULL;
