package com.computebilling.job;

import com.computebilling.catalog.PriceUnit;
import com.computebilling.orders.Order;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static com.computebilling.timeline.Fixtures.orders;
import static com.computebilling.timeline.Fixtures.payg;
import static com.computebilling.timeline.Fixtures.release;
import static com.computebilling.timeline.Fixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

class OrderPacksTest {

    @Test
    void a_chunk_is_packed_per_bucket_and_file_and_every_field_comes_back() {
        List<Order> chunk = orders(
                payg("pool-1", "2023-04-18T15:29:16+08:00").lingjun().nodes(3).from("orders.csv", 7),
                subscription("pool-1", "2023-04-19T00:00:00+08:00", 12, PriceUnit.MONTH).autoRenew().unpaid()
                        .from("orders.csv", 8),
                release("pool-1", "2023-04-20T00:00:00+08:00").from("orders_jp.csv", 3),
                payg("node-α", "2023-04-18T00:00:00Z").account("acct-ü").from("orders.csv", 9));

        List<StagedPack> packs = OrderPacks.pack(chunk);

        assertThat(packs).allSatisfy(p -> assertThat(OrderPacks.unpack(p.source(), p.bytes()))
                .hasSize(p.rows())
                .allSatisfy(o -> {
                    assertThat(RatingBuckets.of(o.resourceId())).isEqualTo(p.bucket());
                    assertThat(o.source().file()).isEqualTo(p.source());
                    assertThat(o.source().line()).isGreaterThanOrEqualTo(p.firstLine());
                }));
        List<Order> back = packs.stream().flatMap(p -> OrderPacks.unpack(p.source(), p.bytes()).stream()).toList();
        assertThat(back).containsExactlyInAnyOrderElementsOf(chunk);   // records: every field compared
        // pool-1's two rows of orders.csv share a pack, its orders_jp.csv row has its own
        assertThat(packs).filteredOn(p -> p.bucket() == RatingBuckets.of("pool-1") && p.source().equals("orders.csv"))
                .singleElement().satisfies(p -> {
                    assertThat(p.rows()).isEqualTo(2);
                    assertThat(p.firstLine()).isEqualTo(7);
                });
    }

    @Test
    void a_skim_gives_each_orders_id_line_status_and_bucket_in_exactly_one_share() {
        // an id with a character outside Latin-1, a NUL and one outside the BMP: writeUTF's modified UTF-8
        List<Order> chunk = orders(
                payg("pool-1", "2023-04-18T15:29:16+08:00").id("o-1").from("orders.csv", 7),
                subscription("pool-1", "2023-04-19T00:00:00+08:00", 1, PriceUnit.YEAR).id("o-2").unpaid()
                        .from("orders.csv", 8),
                release("pool-1", "2023-04-20T00:00:00+08:00").id("o-\u00df-\u0000-\uD83D\uDE00").cancelled()
                        .from("orders.csv", 9),
                payg("node-2", "2023-04-18T00:00:00Z").id("o-1").from("orders.csv", 10));
        List<String> expected = chunk.stream().map(o -> o.orderId() + " " + o.source() + " " + o.status() + " "
                + RatingBuckets.of(o.resourceId())).toList();

        for (int shares : new int[] {1, 3}) {
            List<String> skimmed = new java.util.ArrayList<>();
            for (int share = 0; share < shares; share++) {
                for (StagedPack p : OrderPacks.pack(chunk)) {
                    OrderPacks.skim(p.source(), p.bucket(), p.bytes(), shares, share, id ->
                            skimmed.add(id.orderId() + " " + id.source() + " " + id.status() + " " + id.bucket()));
                }
            }
            assertThat(skimmed).as("%d shares", shares).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void rating_reads_a_resources_orders_by_effective_instant_then_file_and_line() {
        List<Order> staged = orders(
                release("pool-1", "2023-04-20T00:00:00+08:00").from("orders.csv", 2),
                payg("pool-1", "2023-04-18T00:00:00+08:00").from("orders_jp.csv", 2),
                payg("pool-1", "2023-04-18T00:00:00+08:00").from("orders.csv", 5),
                payg("pool-0", "2023-04-30T00:00:00+08:00").from("orders.csv", 9));

        List<Order> sorted = staged.stream().sorted(OrderPacks.readOrder(Comparator.naturalOrder())).toList();

        assertThat(sorted).extracting(o -> o.resourceId() + " " + o.source().file() + ":" + o.source().line())
                .containsExactly("pool-0 orders.csv:9", "pool-1 orders.csv:5", "pool-1 orders_jp.csv:2",
                        "pool-1 orders.csv:2");
    }
}
