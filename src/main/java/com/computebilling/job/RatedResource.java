package com.computebilling.job;

import com.computebilling.rating.ResourceBill;
import com.computebilling.rating.ResourceWork;

/** A resource's bill, with the bucket it is stored under and the staged rows it was rated from, for the books. */
record RatedResource(ResourceBill bill, int bucket, long usageRows, long orderRows) {

    static RatedResource of(ResourceWork work, ResourceBill bill) {
        return new RatedResource(bill, Buckets.of(work.resourceId()), work.usage().size(),
                work.orders().size() + work.duplicates().size());
    }
}
