package com.computebilling.job;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.output.ChargeRows;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.NodeSeconds;
import com.computebilling.rating.ResourceBill;
import com.computebilling.time.BillingZone;
import com.computebilling.usage.ResourceClass;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Where rating stores a resource's charges.csv texts (V20), and that charges.csv gets them back in key order. */
class ChargeTextsStoredTest {

    private static final BillingZone UTC = BillingZone.of("UTC");
    private static final Instant DAY = Instant.parse("2023-04-16T00:00:00Z");

    @TempDir
    Path scratch;

    private JdbcTemplate jdbc;
    private ResultStore results;

    @BeforeEach
    void aNewDatabase(TestInfo test) {
        Flyway flyway = SchemaMigrationTest.flyway("charge-texts-" + test.getTestMethod().orElseThrow().getName());
        flyway.migrate();
        jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
        results = new ResultStore(jdbc, new ConnectedDatabase(jdbc));
    }

    /** The texts rating renders for these resources, in rating order. */
    private static List<ChargeRows.Part> rendered(List<RatedResource> rated) {
        ChargeRows render = new ChargeRows(UTC);
        return rated.stream().flatMap(r -> render.parts(r.bill()).stream()).toList();
    }

    /** The texts stored in pieces (charge_row_groups), in their pieces' order. */
    private List<ChargeTextGroups.Entry> inPieces() {
        List<ChargeTextGroups.Entry> entries = new ArrayList<>();
        jdbc.query("SELECT texts FROM charge_row_groups", (org.springframework.jdbc.core.RowCallbackHandler) rs ->
                entries.addAll(ChargeTextGroups.entries(rs.getBytes(1))));
        return entries;
    }

    /** What writeOutputs gets back, in charges.csv's order. */
    private List<String> readBack() throws IOException {
        List<String> read = new ArrayList<>();
        results.eachChargeText(7, scratch.resolve("texts"), scratch.resolve("keys"),
                t -> read.add(new String(t.utf8(), StandardCharsets.UTF_8)));
        return read;
    }

    /** {@code hours} pay-as-you-go hours of one node, 3,600 s at 0.73/minute = 43.80 each. */
    private static RatedResource payg(String account, String resource, int hours) {
        return payg(account, resource, hours, RatingBuckets.of(resource));
    }

    private static RatedResource payg(String account, String resource, int hours, int bucket) {
        List<ChargeLine> lines = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            Instant hour = DAY.plusSeconds(3600L * h);
            lines.add(new ChargeLine(account, resource, ResourceClass.LINGJUN, "cn-shanghai", "ml.gu7xf.8xlarge-gu108",
                    ChargeType.USAGE, BillingMode.PAY_AS_YOU_GO, "o-" + resource, hour, hour.plusSeconds(3600), hour,
                    hour.plusSeconds(3600), 1, 3600, "SECOND", new BigDecimal("0.73"), PriceUnit.MINUTE,
                    new BigDecimal("43.80000000"), Currency.getInstance("CNY")));
        }
        ResourceBill bill = new ResourceBill(resource, lines, List.of(), new NodeSeconds(0, 0, 0, 0, 0, 0, 0));
        return new RatedResource(bill, bucket, hours, 1, Map.of());
    }

    @Test
    void a_text_of_many_lines_keeps_a_row_of_its_own_the_others_share_pieces_and_all_come_back_in_key_order()
            throws IOException {
        // a row is some 250 characters: 200 hours are past the 32,768 of a text of its own, 2 hours are not
        List<RatedResource> rated = List.of(payg("acct-c", "lj-3", 2), payg("acct-b", "lj-2", 200),
                payg("acct-a", "lj-1", 2));
        List<ChargeRows.Part> texts = rendered(rated);
        assertThat(texts.get(1).rows().length()).isGreaterThanOrEqualTo(ChargeTextGroups.OWN_ROW_CHARS);
        assertThat(texts.get(0).rows().length()).isLessThan(ChargeTextGroups.OWN_ROW_CHARS);

        results.insertBills(7, UTC, new ChargeRows(UTC), rated);

        assertThat(jdbc.queryForList("SELECT resource_id FROM charge_rows", String.class)).containsExactly("lj-2");
        assertThat(inPieces()).extracting(ChargeTextGroups.Entry::resourceId).containsExactlyInAnyOrder("lj-1", "lj-3");
        assertThat(readBack()).containsExactly(texts.get(2).rows(), texts.get(1).rows(), texts.get(0).rows());
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void a_piece_holds_a_buckets_short_texts_and_a_long_texts_last_part_joins_them_after_its_own_row()
            throws IOException {
        // All three in bucket 5. 2,100 hours of some 250 characters a row pass the 500,000 characters of a part:
        // part 0 is cut once it passes them (some 2,000 rows, a row of its own), part 1 holds the last hundred rows or
        // so (under 32,768 characters), which go to the bucket's piece beside the two short texts.
        int bucket = 5;
        List<RatedResource> rated = List.of(payg("acct-c", "lj-3", 2, bucket), payg("acct-b", "lj-2", 2100, bucket),
                payg("acct-a", "lj-1", 3, bucket));
        List<ChargeRows.Part> texts = rendered(rated);
        assertThat(texts).extracting(ChargeRows.Part::resourceId, ChargeRows.Part::part)
                .containsExactly(tuple("lj-3", 0), tuple("lj-2", 0), tuple("lj-2", 1), tuple("lj-1", 0));
        assertThat(texts.get(1).rows().length()).isGreaterThan(ChargeRows.PART_CHARS);
        assertThat(texts.get(2).rows().length()).isLessThan(ChargeTextGroups.OWN_ROW_CHARS);

        results.insertBills(7, UTC, new ChargeRows(UTC), rated);

        assertThat(jdbc.queryForList("SELECT resource_id || '/' || part FROM charge_rows", String.class))
                .containsExactly("lj-2/0");
        // one piece (the three short texts pack to far less than a megabyte), keyed by the group's last resource
        assertThat(jdbc.queryForList("SELECT resource_id || '/' || piece FROM charge_row_groups", String.class))
                .containsExactly("lj-1/0");
        assertThat(inPieces()).extracting(e -> e.resourceId() + "/" + e.part())
                .containsExactly("lj-3/0", "lj-2/1", "lj-1/0");
        // key order: acct-a's, then acct-b's two parts in order (the own row's first), then acct-c's
        assertThat(readBack()).containsExactly(texts.get(3).rows(), texts.get(1).rows(), texts.get(2).rows(),
                texts.get(0).rows());
        assertThat(scratch).isEmptyDirectory();
    }
}
