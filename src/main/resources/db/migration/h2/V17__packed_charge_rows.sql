-- Stored charges.csv rows compressed by the rating workers (see job/PackedRows): a quarter of the bytes, which the
-- database copies instead of encoding characters. Rows stored before this version keep their text; a row holds one
-- form or the other.
ALTER TABLE charge_rows ADD COLUMN csv_packed VARBINARY(1000000);
ALTER TABLE charge_rows ALTER COLUMN csv_rows SET NULL;
-- NOCHECK: the rows already stored all hold text, and a large history is not read again to learn it.
ALTER TABLE charge_rows ADD CONSTRAINT charge_rows_one_form CHECK ((csv_rows IS NULL) <> (csv_packed IS NULL)) NOCHECK;
