-- The line ids of each stored text of charges.csv rows (charge_rows), space-separated, in a table of their own, so
-- that `billing explain LINE_ID` finds a line by scanning ids (23 characters a line) rather than whole rows (about
-- 300, which a database reads with the ids when they share a table). Texts stored before have none.
CREATE TABLE charge_line_ids (
    run_id          BIGINT        NOT NULL,
    account_id      VARCHAR(200)  NOT NULL,
    resource_id     VARCHAR(200)  NOT NULL,
    part            INTEGER       NOT NULL,
    bucket          INTEGER       NOT NULL,
    line_ids        VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (run_id, account_id, resource_id, part)
);
