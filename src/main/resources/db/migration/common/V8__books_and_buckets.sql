-- The run's own books (see job/RunBooks): how many data rows each input file holds, as the load step's reader counted
-- them on its full pass through the file, written in the transaction of the chunk that reached the file's end.
CREATE TABLE input_file (
    run_id          BIGINT        NOT NULL,
    source          VARCHAR(255)  NOT NULL,
    data_rows       BIGINT        NOT NULL,
    PRIMARY KEY (run_id, source)
);

-- Rating results carry their resource's bucket, so that a resumed rating partition can discard what a crashed
-- execution left beyond its committed position, and so that the books can be checked bucket by bucket. A tally also
-- counts the staged rows it was rated from.
ALTER TABLE resource_tally ADD COLUMN bucket INTEGER DEFAULT -1 NOT NULL;
ALTER TABLE resource_tally ADD COLUMN usage_rows BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE resource_tally ADD COLUMN order_rows BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE charge_rows ADD COLUMN bucket INTEGER DEFAULT -1 NOT NULL;
ALTER TABLE charge_total ADD COLUMN bucket INTEGER DEFAULT -1 NOT NULL;
ALTER TABLE finding ADD COLUMN bucket INTEGER DEFAULT -1 NOT NULL;

-- The outcome of the self-check, for summary.json and history.
CREATE TABLE run_check (
    run_id          BIGINT        NOT NULL PRIMARY KEY,
    status          VARCHAR(10)   NOT NULL,
    files           INTEGER       NOT NULL,
    data_rows       BIGINT        NOT NULL,
    buckets         INTEGER       NOT NULL
);
