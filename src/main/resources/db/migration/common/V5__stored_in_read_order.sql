-- Staged usage is keyed in the order the rating step reads it (bucket, resource, start, then file and line): a
-- partition reads its rows in key order instead of sorting each bucket, and there is one index to maintain, not two.
-- The table is copied because a primary key cannot be changed in place the same way on H2 and PostgreSQL.
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
