-- The line ids of a stored text of charges.csv rows, space-separated, so that `billing explain LINE_ID` finds a line
-- by scanning ids (23 characters a line) rather than whole rows (about 300). Texts stored before have none.
ALTER TABLE charge_rows ADD COLUMN line_ids VARCHAR(1000000);
