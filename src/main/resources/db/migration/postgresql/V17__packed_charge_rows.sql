-- Stored charges.csv rows compressed by the rating workers (see job/PackedRows): a quarter of the bytes, and the
-- compression is done on the workers, not on the database server's cores. Rows stored before this version keep
-- their text; a row holds one form or the other. EXTERNAL: the bytes are compressed already, so the server does not
-- try again.
ALTER TABLE charge_rows ADD COLUMN csv_packed BYTEA;
ALTER TABLE charge_rows ALTER COLUMN csv_packed SET STORAGE EXTERNAL;
ALTER TABLE charge_rows ALTER COLUMN csv_rows DROP NOT NULL;
-- NOT VALID: the rows already stored all hold text, and a large history is not read again to learn it.
ALTER TABLE charge_rows ADD CONSTRAINT charge_rows_one_form CHECK ((csv_rows IS NULL) <> (csv_packed IS NULL)) NOT VALID;
