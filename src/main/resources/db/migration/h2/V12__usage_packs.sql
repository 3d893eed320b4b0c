-- Staged usage in packs (see job/UsagePacks): one chunk's rows of one bucket from one file, sorted as rating reads
-- them, in one binary value keyed by the pack's smallest line. V13 moves any rows still in usage_row into packs.
CREATE TABLE usage_pack (
    run_id          BIGINT        NOT NULL,
    bucket          INTEGER       NOT NULL,
    source          VARCHAR(255)  NOT NULL,
    first_line      BIGINT        NOT NULL,
    row_count       INTEGER       NOT NULL,
    records         VARBINARY     NOT NULL,
    PRIMARY KEY (run_id, bucket, source, first_line)
);
