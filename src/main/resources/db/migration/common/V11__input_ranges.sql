-- Input files are loaded in ranges side by side (a load partition each): every range records the data rows it read,
-- keyed by the file and the range's first line; a file's rows are the sum of its ranges.
CREATE TABLE input_file_v11 (
    run_id          BIGINT        NOT NULL,
    source          VARCHAR(255)  NOT NULL,
    first_line      BIGINT        NOT NULL,
    data_rows       BIGINT        NOT NULL,
    PRIMARY KEY (run_id, source, first_line)
);

INSERT INTO input_file_v11 (run_id, source, first_line, data_rows)
SELECT run_id, source, 1, data_rows FROM input_file;

DROP TABLE input_file;
ALTER TABLE input_file_v11 RENAME TO input_file;
