-- Rating writes its results a bucket at a time, resources in order within it, while the stored keys began with the
-- account or the resource id: every insert went to a random place of a large index (H2 profile: about a tenth of a
-- rating thread in index upkeep, much of it reading index pages back). charge_total and resource_tally are now keyed
-- with the bucket after the run (the bucket is a function of the resource id, so the keys are as unique as before;
-- their readers scan a run or a bucket). charge_line_ids needs no unique key at all: it is read by scanning
-- (explain) and by run and bucket (a partition's restart discards what it had not committed), and its texts are
-- unique by charge_rows' key, written in the same transaction. charge_rows keeps its key: charges.csv is its order.
ALTER TABLE charge_line_ids DROP PRIMARY KEY;
CREATE INDEX charge_line_ids_by_bucket ON charge_line_ids (run_id, bucket);
ALTER TABLE charge_total DROP PRIMARY KEY;
ALTER TABLE charge_total ADD PRIMARY KEY (run_id, bucket, resource_id, billing_day, account_id, currency);
ALTER TABLE resource_tally DROP PRIMARY KEY;
ALTER TABLE resource_tally ADD PRIMARY KEY (run_id, bucket, resource_id);
