-- The amortization rows (A) of focus.csv (SPEC §6), rendered when a resource is rated by a run with --focus: one text
-- per account and resource (in parts, as charge_rows), keyed and collated exactly as charge_rows, so that writing
-- focus.csv walks both in one order. U, P and R rows are made from charges.csv's rows and invoices when it is written.
CREATE TABLE focus_rows (
    run_id          BIGINT        NOT NULL,
    account_id      VARCHAR(200) ${text_order} NOT NULL,
    resource_id     VARCHAR(200) ${text_order} NOT NULL,
    part            INTEGER       NOT NULL,
    bucket          INTEGER       NOT NULL,
    timed_rows      VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (run_id, account_id, resource_id, part)
);
