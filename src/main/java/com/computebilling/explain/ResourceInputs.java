package com.computebilling.explain;

import com.computebilling.catalog.CatalogPrice;
import com.computebilling.input.CatalogRows;
import com.computebilling.input.CsvFileReader;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputDirectory;
import com.computebilling.input.InputKind;
import com.computebilling.input.MalformedRowException;
import com.computebilling.input.OrderRows;
import com.computebilling.input.RowsMentioning;
import com.computebilling.input.UsageRows;
import com.computebilling.orders.Order;
import com.computebilling.rating.ResourceWork;
import com.computebilling.usage.UsageRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the job knew of one resource, read again from the input files: the whole catalog, the resource's orders (with
 * the rows that repeat an order id an earlier row of the export used, as the job drops them) and its usage records.
 * Rows that do not parse are left out, as the job leaves them out of the bill.
 */
public record ResourceInputs(List<CatalogPrice> catalog, ResourceWork work) {

    public static ResourceInputs read(InputDirectory dir, String resourceId, ZoneId zone) throws IOException {
        List<CatalogPrice> catalog = new ArrayList<>();
        for (CsvRecord r : rows(dir, InputKind.CATALOG, null)) {
            try {
                catalog.add(CatalogRows.parse(r, zone));
            } catch (MalformedRowException ignored) {
                // reported by the run as MALFORMED_ROW; it prices nothing
            }
        }
        // A duplicate is a row whose order_id an earlier row of any resource used: every order row is read.
        Set<String> seen = new HashSet<>();
        List<Order> kept = new ArrayList<>();
        List<Order> duplicates = new ArrayList<>();
        for (CsvRecord r : rows(dir, InputKind.ORDERS, null)) {
            Order o;
            try {
                o = OrderRows.parse(r, zone);
            } catch (MalformedRowException ignored) {
                continue;
            }
            boolean repeated = !seen.add(o.orderId());
            if (o.resourceId().equals(resourceId)) {
                (repeated ? duplicates : kept).add(o);
            }
        }
        List<UsageRecord> usage = new ArrayList<>();
        for (CsvRecord r : rows(dir, InputKind.USAGE, resourceId)) {
            try {
                UsageRecord u = UsageRows.parse(r, zone);
                if (u.resourceId().equals(resourceId)) {
                    usage.add(u);
                }
            } catch (MalformedRowException ignored) {
                // not billed
            }
        }
        return new ResourceInputs(catalog, new ResourceWork(resourceId, kept, duplicates, usage));
    }

    /** The rows of a kind in reading order; with a resource id, only rows that name it in their resource_id field. */
    private static List<CsvRecord> rows(InputDirectory dir, InputKind kind, String resourceId) throws IOException {
        List<CsvRecord> rows = new ArrayList<>();
        for (Path file : dir.files(kind)) {
            if (resourceId != null) {
                rows.addAll(RowsMentioning.read(kind, file, "resource_id", resourceId));
                continue;
            }
            try (CsvFileReader reader = new CsvFileReader(kind, file)) {
                for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                    rows.add(r);
                }
            }
        }
        return rows;
    }
}
