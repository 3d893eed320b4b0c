-- The months the staged usage touches, as (first, last) month pairs written with each chunk of usage rows: planning
-- reads these few rows instead of scanning every staged row, and the staged rows lose two columns.
CREATE TABLE usage_months (
    run_id          BIGINT        NOT NULL,
    first_month     INTEGER       NOT NULL,
    last_month      INTEGER       NOT NULL
);
CREATE INDEX usage_months_by_run ON usage_months (run_id);

INSERT INTO usage_months (run_id, first_month, last_month)
SELECT DISTINCT run_id, first_month, last_month FROM usage_row;

ALTER TABLE usage_row DROP COLUMN first_month;
ALTER TABLE usage_row DROP COLUMN last_month;
