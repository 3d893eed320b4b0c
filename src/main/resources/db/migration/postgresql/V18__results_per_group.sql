-- Rating stored a node-second tally and a text of line ids per resource, beside its charges.csv texts and day
-- totals: on H2 each such row is two tree inserts (the row, then its key or index) and, at commit, two more walks of
-- those trees, for a few numbers or some 20 ids. They are now stored once per rated group and bucket (up to 100
-- resources, see ResourceGroups), keyed like the rest by the group's last resource, so that a partition's restart
-- discards what it had not committed as before. Rows stored before this version stand for one resource each.
ALTER TABLE resource_tally ADD COLUMN resources INTEGER DEFAULT 1 NOT NULL;
-- One line per charge_rows text: its key, then its line ids (see job/LineIdGroups); a group's lines in texts of at
-- most 500,000 characters, numbered by piece. charge_line_ids keeps the ids of the runs stored before.
CREATE TABLE charge_line_id_groups (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    piece           INTEGER       NOT NULL,
    keyed_ids       VARCHAR(1000000) NOT NULL
);
CREATE INDEX charge_line_id_groups_by_bucket ON charge_line_id_groups (run_id, bucket);
-- Compressed with LZ4 as the other long values are (see V14__keys_in_rating_order.sql), where the server has it.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE charge_line_id_groups ALTER COLUMN keyed_ids SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'LZ4 is not available: long values stay compressed with pglz';
END
$$;
