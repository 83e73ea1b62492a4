-- Finding tickets (rmad ticket search): every criterion reads an index.

-- The serial numbers a ticket's units name, upper-cased, for a GIN index.
CREATE FUNCTION rmad_unit_serials(units jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT upper(u->>'serial_number') FROM jsonb_array_elements(units) u
                 WHERE jsonb_typeof(u) = 'object' AND u ? 'serial_number');
CREATE INDEX tickets_serials ON tickets USING gin (rmad_unit_serials(units));

-- The customer's address, and its domain reversed (labs.example and
-- eu.labs.example share the prefix elpmaxe.sbal) for a prefix search.
CREATE INDEX tickets_customer ON tickets (lower(customer_address));
CREATE INDEX tickets_customer_domain ON tickets (reverse(lower(split_part(customer_address, '@', 2))) text_pattern_ops);

CREATE INDEX tickets_po ON tickets (lower(fields->>'po_number')) WHERE fields ? 'po_number';
CREATE INDEX tickets_invoice ON tickets (lower(fields->>'invoice_number')) WHERE fields ? 'invoice_number';

-- Words of the subject, the problem, the customer and the company.
ALTER TABLE tickets ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', subject || ' ' || customer_name || ' ' || customer_address || ' ' ||
        coalesce(fields->>'problem', '') || ' ' || coalesce(fields->>'company', '') || ' ' ||
        coalesce(fields->>'contact_name', ''))) STORED;
CREATE INDEX tickets_search ON tickets USING gin (search);
