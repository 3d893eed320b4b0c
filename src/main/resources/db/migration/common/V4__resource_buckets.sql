-- Rating runs in partitions: each staged row carries its resource's bucket (one of 64, from the resource id), and a
-- partition reads its buckets one at a time in resource order straight off these indexes.
ALTER TABLE order_row ADD COLUMN bucket INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE usage_row ADD COLUMN bucket INTEGER DEFAULT 0 NOT NULL;
DROP INDEX order_row_by_resource;
DROP INDEX usage_row_by_resource;
CREATE INDEX order_row_by_bucket ON order_row (run_id, bucket, resource_id, effective_at);
CREATE INDEX usage_row_by_bucket ON usage_row (run_id, bucket, resource_id, start_at);
