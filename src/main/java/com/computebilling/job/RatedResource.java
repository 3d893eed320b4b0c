package com.computebilling.job;

import com.computebilling.focus.AmortizationRows;
import com.computebilling.rating.ResourceBill;
import com.computebilling.rating.ResourceWork;

import java.util.List;
import java.util.Map;

/**
 * A resource's bill, with the bucket it is stored under and the staged rows it was rated from, for the books; and,
 * for a run with {@code --focus}, its FOCUS amortization rows per account. Public only because the bean
 * definitions generated at build time (pom.xml, process-aot) name the rating step's reader and writer types.
 */
public record RatedResource(ResourceBill bill, int bucket, long usageRows, long orderRows,
                     Map<String, List<AmortizationRows.Timed>> amortization) {

    static RatedResource of(ResourceWork work, ResourceBill bill, Map<String, List<AmortizationRows.Timed>> amortization) {
        return new RatedResource(bill, RatingBuckets.of(work.resourceId()), work.usage().size(),
                work.orders().size() + work.duplicates().size(), amortization);
    }
}
