package com.computebilling.job;

import com.computebilling.catalog.PriceUnit;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.computebilling.timeline.Fixtures.orders;
import static com.computebilling.timeline.Fixtures.payg;
import static com.computebilling.timeline.Fixtures.release;
import static com.computebilling.timeline.Fixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row whose order id an earlier row used (earlier: in file order, then line) is a duplicate, wherever it is read
 * from; the orders ignored for their status are first rows only. The same however many passes the ids take.
 */
class DuplicateOrdersTest {

    // idsPerPass 1: every id in a pass of its own (the rows are read once per id); 1000: one pass for all
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 1000})
    void the_row_earliest_in_file_order_then_line_keeps_the_id_and_the_others_are_duplicates(int idsPerPass) {
        List<Order> staged = orders(
                payg("pool-2", "2023-04-18T10:00:00+08:00").id("o-7").from("orders_jp.csv", 2),
                payg("pool-1", "2023-04-18T15:29:16+08:00").id("o-7").from("orders.csv", 9),
                release("pool-1", "2023-04-19T00:00:00+08:00").id("o-7").from("orders.csv", 30),
                payg("pool-3", "2023-04-18T10:00:00+08:00").id("o-8").from("orders.csv", 4),
                subscription("pool-4", "2023-04-18T10:00:00+08:00", 1, PriceUnit.MONTH).id("o-9")
                        .from("orders.csv", 5));

        DuplicateOrders.Found found = find(staged, idsPerPass);

        // orders.csv comes before orders_jp.csv ('.' < '_'), so orders.csv line 9 is o-7's first row
        assertThat(found.duplicates()).extracting(o -> o.source().file() + ":" + o.source().line())
                .containsExactlyInAnyOrder("orders_jp.csv:2", "orders.csv:30");
        assertThat(found.ignored()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1000})
    void orders_ignored_for_their_status_are_counted_once_per_id_by_their_first_row(int idsPerPass) {
        List<Order> staged = orders(
                payg("pool-1", "2023-04-18T10:00:00+08:00").id("o-1").unpaid().from("orders.csv", 2),
                payg("pool-1", "2023-04-18T11:00:00+08:00").id("o-1").unpaid().from("orders.csv", 3),
                payg("pool-2", "2023-04-18T10:00:00+08:00").id("o-2").cancelled().from("orders.csv", 4),
                // a PAID first row: its CANCELLED repeat is a duplicate, not an ignored order
                payg("pool-3", "2023-04-18T10:00:00+08:00").id("o-3").from("orders.csv", 5),
                payg("pool-3", "2023-04-18T11:00:00+08:00").id("o-3").cancelled().from("orders.csv", 6));

        DuplicateOrders.Found found = find(staged, idsPerPass);

        assertThat(found.ignored()).isEqualTo(Map.of(OrderStatus.UNPAID, 1L, OrderStatus.CANCELLED, 1L));
        assertThat(found.duplicates()).extracting(o -> o.source().line()).containsExactlyInAnyOrder(3L, 6L);
    }

    private static DuplicateOrders.Found find(List<Order> staged, int idsPerPass) {
        List<Integer> reads = new ArrayList<>();
        DuplicateOrders.Found found = DuplicateOrders.find(staged.size(), (shares, share, consumer) -> {
            reads.add(share);
            // the staged orders come back in no particular order: last first here
            for (int i = staged.size() - 1; i >= 0; i--) {
                Order o = staged.get(i);
                if (Math.floorMod(o.orderId().hashCode(), shares) == share) {
                    consumer.accept(new OrderPacks.IdRef(o.orderId(), o.source(), o.status(),
                            RatingBuckets.of(o.resourceId())));
                }
            }
        }, Comparator.naturalOrder(), idsPerPass);
        assertThat(reads).as("passes").hasSize((staged.size() + idsPerPass - 1) / idsPerPass);
        return found;
    }
}
