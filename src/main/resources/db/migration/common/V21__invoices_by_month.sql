-- A run replaces the invoices of its months (publish: DELETE ... WHERE zone = ? AND billing_month = ?) and writes
-- those of its months to invoices.csv (WHERE zone = ? AND billing_month IN (...)). With the primary key
-- (zone, invoice_id) alone, both walked every invoice of the zone, every month of its history: the nightly run of a
-- month grew slower with each month stored. The index finds a month's invoices among them.
CREATE INDEX invoice_by_month ON invoice (zone, billing_month);
