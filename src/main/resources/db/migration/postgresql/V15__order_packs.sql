-- Staged orders in packs, as usage is since V12 (see job/OrderPacks): one chunk's orders of one bucket from one file
-- in one binary value, keyed by the pack's smallest line. The duplicate rows and the orders ignored for their status
-- are found once, when the run is planned, and kept here for rating and the summary. V16 moves any rows still in
-- order_row into packs.
CREATE TABLE order_pack (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    source          VARCHAR(255) COLLATE "C" NOT NULL,
    first_line      BIGINT        NOT NULL,
    row_count       INTEGER       NOT NULL,
    records         BYTEA         NOT NULL,
    PRIMARY KEY (run_id, bucket, source, first_line)
);

CREATE TABLE order_duplicate (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    source          VARCHAR(255) COLLATE "C" NOT NULL,
    line            BIGINT        NOT NULL,
    PRIMARY KEY (run_id, bucket, source, line)
);

CREATE TABLE order_ignored (
    run_id          BIGINT        NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    orders          BIGINT        NOT NULL,
    PRIMARY KEY (run_id, status)
);

-- Compressed with LZ4 like the usage packs (V14), where the server has it.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE order_pack ALTER COLUMN records SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'LZ4 is not available: long values stay compressed with pglz';
END
$$;
