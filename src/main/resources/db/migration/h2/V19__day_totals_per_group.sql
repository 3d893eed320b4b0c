-- Rating stored a charge_total row per resource, local day, account and currency: on the one-day benchmark set some
-- 190,000 rows, each a tree insert and, at commit, a walk of the tree (a tenth of the rating threads), which publish
-- then grouped again by account and currency. Invoices only ever sum them by run, month, day, account and currency,
-- so a rated group's resources of one bucket now store their day totals in one value (see job/DayTotalPacks), keyed
-- like resource_tally by the group's last resource so that a partition's restart discards what it had not committed
-- as before. first_month and last_month say which months a pack holds; line_count is the lines it was summed from.
-- Runs stored before this version keep their charge_total rows, which are still read.
CREATE TABLE charge_total_groups (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    first_month     INTEGER       NOT NULL,
    last_month      INTEGER       NOT NULL,
    line_count      BIGINT        NOT NULL,
    totals          VARBINARY     NOT NULL,
    PRIMARY KEY (run_id, bucket, resource_id)
);
