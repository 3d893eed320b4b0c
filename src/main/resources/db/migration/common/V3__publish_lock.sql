-- Publishing a period (taking its days, recomputing its months' invoices) is serialised across processes: two day
-- runs of one month must not each recompute the month without the other's charges. The publish step takes this
-- row's lock first; the count is only a record of how often it was taken.
CREATE TABLE publish_lock (
    id          INTEGER NOT NULL PRIMARY KEY,
    publishes   BIGINT  NOT NULL
);
INSERT INTO publish_lock (id, publishes) VALUES (1, 0);
