-- Rating stored its charges.csv texts as a row per account and resource (charge_rows): on H2 each row is two tree
-- inserts and, at commit, two more walks of those trees, about a quarter of the rating step on the one-day benchmark
-- set (100,000 rows of 17 lines each) whatever the texts' size. A rated group's short texts of one bucket are now stored
-- together, in pieces of about a megabyte (see job/ChargeTextGroups), keyed like charge_line_id_groups by the group's
-- last resource, so that a partition's restart discards what it had not committed as before; a text of more than
-- 32,768 characters keeps a row of its own in charge_rows, where that row's cost is small beside its lines'.
-- charges.csv is written in key order from both (job/ChargeTextsInKeyOrder). Runs stored before this version have only
-- charge_rows.
CREATE TABLE charge_row_groups (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    piece           INTEGER       NOT NULL,
    texts           BYTEA         NOT NULL,
    PRIMARY KEY (run_id, bucket, resource_id, piece)
);
-- the pieces are compressed already (LZ4): the server is not to compress them again
ALTER TABLE charge_row_groups ALTER COLUMN texts SET STORAGE EXTERNAL;
