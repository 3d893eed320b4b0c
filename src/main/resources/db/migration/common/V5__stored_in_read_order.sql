-- Charge lines are keyed in the order charges.csv lists them: account, resource, then the line's place among its
-- resource's lines (line_seq, from ChargeLine.OUTPUT_ORDER). Writing the file is then a scan of the key, not a sort
-- of millions of rows, and inserts land next to each other instead of at random places of a digest-keyed index.
-- Line ids stay unique: they are checked per resource when it is rated (an id digests its resource id).
-- Existing rows get their line_seq from the same order; the table is copied because a primary key cannot be
-- changed in place the same way on H2 and PostgreSQL.
CREATE TABLE charge_line_v5 (
    run_id          BIGINT        NOT NULL,
    account_id      VARCHAR(200) ${text_order} NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    line_seq        INTEGER       NOT NULL,
    line_id         VARCHAR(40)   NOT NULL,
    billing_day     INTEGER       NOT NULL,
    billing_month   INTEGER       NOT NULL,
    invoice_id      VARCHAR(300)  NOT NULL,
    resource_class  VARCHAR(20)   NOT NULL,
    region          VARCHAR(100)  NOT NULL,
    sku             VARCHAR(200) ${text_order} NOT NULL,
    charge_type     VARCHAR(20) ${text_order} NOT NULL,
    billing_mode    VARCHAR(20)   NOT NULL,
    order_id        VARCHAR(200)  NOT NULL,
    period_start    BIGINT        NOT NULL,
    period_end      BIGINT        NOT NULL,
    charge_start    BIGINT        NOT NULL,
    charge_end      BIGINT        NOT NULL,
    nodes           INTEGER       NOT NULL,
    duration        BIGINT        NOT NULL,
    duration_unit   VARCHAR(10)   NOT NULL,
    unit_price      VARCHAR(60)   NOT NULL,
    price_unit      VARCHAR(10)   NOT NULL,
    amount          DECIMAL(38,8) NOT NULL,
    currency        VARCHAR(3)    NOT NULL,
    PRIMARY KEY (run_id, account_id, resource_id, line_seq)
);

INSERT INTO charge_line_v5 (run_id, account_id, resource_id, line_seq, line_id, billing_day, billing_month, invoice_id,
        resource_class, region, sku, charge_type, billing_mode, order_id, period_start, period_end, charge_start,
        charge_end, nodes, duration, duration_unit, unit_price, price_unit, amount, currency)
SELECT run_id, account_id, resource_id,
       ROW_NUMBER() OVER (PARTITION BY run_id, account_id, resource_id
                          ORDER BY period_start, charge_type, charge_start, sku, nodes, line_id) - 1,
       line_id, billing_day, billing_month, invoice_id, resource_class, region, sku, charge_type, billing_mode,
       order_id, period_start, period_end, charge_start, charge_end, nodes, duration, duration_unit, unit_price,
       price_unit, amount, currency
FROM charge_line;

DROP TABLE charge_line;
ALTER TABLE charge_line_v5 RENAME TO charge_line;

-- Staged usage is keyed in the order the rating step reads it (bucket, resource, start): a partition's read is a
-- scan of the key instead of a lookup of every row through a secondary index, and loading maintains one tree, not two.
CREATE TABLE usage_row_v5 (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    start_at        BIGINT        NOT NULL,
    source          VARCHAR(255) ${text_order} NOT NULL,
    line            BIGINT        NOT NULL,
    record_id       VARCHAR(200) ${text_order} NOT NULL,
    account_id      VARCHAR(200)  NOT NULL,
    resource_class  VARCHAR(20)   NOT NULL,
    region          VARCHAR(100)  NOT NULL,
    sku             VARCHAR(200)  NOT NULL,
    quantity        INTEGER       NOT NULL,
    end_at          BIGINT        NOT NULL,
    first_month     INTEGER       NOT NULL,
    last_month      INTEGER       NOT NULL,
    PRIMARY KEY (run_id, bucket, resource_id, start_at, source, line)
);

INSERT INTO usage_row_v5 (run_id, bucket, resource_id, start_at, source, line, record_id, account_id, resource_class,
        region, sku, quantity, end_at, first_month, last_month)
SELECT run_id, bucket, resource_id, start_at, source, line, record_id, account_id, resource_class, region, sku,
       quantity, end_at, first_month, last_month
FROM usage_row;

DROP TABLE usage_row;
ALTER TABLE usage_row_v5 RENAME TO usage_row;
