package com.computebilling.job;

import com.computebilling.findings.SourceRef;
import com.computebilling.orders.OrderStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The staged orders that repeat an order id an earlier row already used (earlier: in file order, then line), and the
 * orders the run ignores for their status (UNPAID, CANCELLED: first rows of their id only). Found once, when the run
 * is planned, by reading the staged orders in passes, each over a share of the ids, so that memory holds at most
 * {@link #IDS_PER_PASS} ids whatever the export's size.
 */
final class DuplicateOrders {

    static final int IDS_PER_PASS = 200_000;

    /** The staged orders whose id falls in share {@code share} of {@code shares}: every id in one share only. */
    @FunctionalInterface
    interface StagedOrders {
        void forEach(int shares, int share, Consumer<OrderPacks.IdRef> order);
    }

    /** @param duplicates the rows whose order id an earlier row used; @param ignored first rows not PAID, by status */
    record Found(List<OrderPacks.IdRef> duplicates, Map<OrderStatus, Long> ignored) {
    }

    private DuplicateOrders() {
    }

    /** {@code files} orders file names as the rest of the run does (the database's text order). */
    static Found find(long stagedOrders, StagedOrders staged, Comparator<String> files) {
        return find(stagedOrders, staged, files, IDS_PER_PASS);
    }

    static Found find(long stagedOrders, StagedOrders staged, Comparator<String> files, int idsPerPass) {
        Comparator<SourceRef> earlier = Comparator.comparing(SourceRef::file, files).thenComparingLong(SourceRef::line);
        int passes = (int) Math.max(1, (stagedOrders + idsPerPass - 1) / idsPerPass);
        List<OrderPacks.IdRef> duplicates = new ArrayList<>();
        Map<OrderStatus, Long> ignored = new EnumMap<>(OrderStatus.class);
        for (int pass = 0; pass < passes; pass++) {
            Map<String, OrderPacks.IdRef> first = new HashMap<>();
            staged.forEach(passes, pass, o -> {
                OrderPacks.IdRef seen = first.putIfAbsent(o.orderId(), o);
                if (seen == null) {
                    return;
                }
                if (earlier.compare(o.source(), seen.source()) < 0) {
                    first.put(o.orderId(), o);
                    duplicates.add(seen);
                } else {
                    duplicates.add(o);
                }
            });
            for (OrderPacks.IdRef o : first.values()) {
                if (o.status() != OrderStatus.PAID) {
                    ignored.merge(o.status(), 1L, Long::sum);
                }
            }
        }
        return new Found(duplicates, ignored);
    }
}
