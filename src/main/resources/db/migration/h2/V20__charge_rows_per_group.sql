-- Rating stored its charges.csv texts as a row per account and resource (charge_rows): on H2 each row is two tree
-- inserts and, at commit, two more walks of those trees, about a quarter of the rating step on the one-day benchmark
-- set (100,000 rows) whatever the texts' size. They are now stored once per rated group and bucket, in pieces of about
-- a megabyte (see job/ChargeTextGroups), keyed like charge_line_id_groups by the group's last resource, so that a
-- partition's restart discards what it had not committed as before. charges.csv is written in its key order by the
-- product (job/ChargeTextsInKeyOrder). Runs stored before this version keep their charge_rows, which are still read.
CREATE TABLE charge_row_groups (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    piece           INTEGER       NOT NULL,
    texts           VARBINARY     NOT NULL,
    PRIMARY KEY (run_id, bucket, resource_id, piece)
);
