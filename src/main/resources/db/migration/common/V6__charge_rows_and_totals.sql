-- What each resource's lines of a local day add to an invoice, written with the lines in the same chunk. Invoices
-- are summed from these (tens of thousands of rows) instead of from every charge line (millions).
CREATE TABLE charge_total (
    run_id              BIGINT        NOT NULL,
    resource_id         VARCHAR(200)  NOT NULL,
    billing_day         INTEGER       NOT NULL,
    account_id          VARCHAR(200)  NOT NULL,
    currency            VARCHAR(3)    NOT NULL,
    billing_month       INTEGER       NOT NULL,
    subscription_amount DECIMAL(38,8) NOT NULL,
    usage_amount        DECIMAL(38,8) NOT NULL,
    line_count          BIGINT        NOT NULL,
    PRIMARY KEY (run_id, resource_id, billing_day, account_id, currency)
);

INSERT INTO charge_total (run_id, resource_id, billing_day, account_id, currency, billing_month, subscription_amount,
        usage_amount, line_count)
SELECT run_id, resource_id, billing_day, account_id, currency, MIN(billing_month),
       SUM(CASE WHEN charge_type = 'USAGE' THEN 0 ELSE amount END),
       SUM(CASE WHEN charge_type = 'USAGE' THEN amount ELSE 0 END), COUNT(*)
FROM charge_line
GROUP BY run_id, resource_id, billing_day, account_id, currency;

-- Charge lines are stored as the rows of charges.csv they are, rendered when their resource is rated (on the
-- parallel rating workers): one row here holds one resource's lines for one account, in file order, split into
-- parts of at most 500,000 characters. A run's charges.csv is then a copy of a few thousand rows in key order,
-- instead of millions of row reads, and rating writes one row per resource instead of one per line. Line ids are
-- checked unique when a resource is rated. Lines stored before this version keep their columns in
-- charge_line_archive; the product reads them no more (their invoice sums are in charge_total above).
ALTER TABLE charge_line RENAME TO charge_line_archive;

CREATE TABLE charge_rows (
    run_id          BIGINT        NOT NULL,
    account_id      VARCHAR(200) ${text_order} NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    part            INTEGER       NOT NULL,
    line_count      INTEGER       NOT NULL,
    csv_rows        VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (run_id, account_id, resource_id, part)
);
