package com.computebilling.input;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.catalog.TermLength;
import com.computebilling.orders.Order;
import com.computebilling.orders.OrderStatus;
import com.computebilling.orders.OrderType;
import com.computebilling.time.Interval;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SPEC §2 "Inputs" and §4 "Bad rows": CSV as the exports write it, and every kind of row that cannot be read,
 * which is a {@link MalformedRowException} naming its line (the header being line 1) and a useful reason.
 */
class InputRowsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String USAGE_HEADER =
            "record_id,account_id,resource_id,resource_class,region,sku,quantity,start_time,end_time";
    private static final String GOOD_USAGE =
            "u-1,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,ml.gu7xf.8xlarge-gu108,2,2023-04-18T15:29:16+08:00,2023-04-18T16:00:00+08:00";
    private static final String ORDER_HEADER = "order_id,account_id,resource_id,resource_class,region,sku,quantity,"
            + "order_type,billing_mode,effective_at,duration,duration_unit,auto_renew,status";
    private static final String CATALOG_HEADER =
            "sku,region,billing_mode,price_unit,unit_price,currency,effective_from,effective_to,in_stock";

    @TempDir
    Path tmp;

    /** What reading every data row of a file gave: parsed values, or the rejection of a malformed row. */
    private record Outcome<T>(List<T> parsed, List<MalformedRowException> rejected) {
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> Outcome<T> read(InputKind kind, Path file, ZoneId zone, BiFunction<CsvRecord, ZoneId, T> parser)
            throws IOException {
        List<T> parsed = new ArrayList<>();
        List<MalformedRowException> rejected = new ArrayList<>();
        try (CsvFileReader reader = new CsvFileReader(kind, file)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                try {
                    parsed.add(parser.apply(r, zone));
                } catch (MalformedRowException e) {
                    rejected.add(e);
                }
            }
        }
        return new Outcome<>(parsed, rejected);
    }

    private Outcome<UsageRecord> usage(String text) throws IOException {
        return read(InputKind.USAGE, write("usage.csv", text), SHANGHAI, UsageRows::parse);
    }

    private Outcome<Order> orders(String text) throws IOException {
        return read(InputKind.ORDERS, write("orders.csv", text), SHANGHAI, OrderRows::parse);
    }

    private Outcome<CatalogPrice> catalog(String text) throws IOException {
        return read(InputKind.CATALOG, write("catalog.csv", text), SHANGHAI, CatalogRows::parse);
    }

    // ------------------------------------------------------------------ well-formed files

    @Test
    void an_identifier_longer_than_100_characters_is_a_malformed_row_not_a_failed_run() throws IOException {
        String longId = "r".repeat(101);
        Outcome<UsageRecord> out = usage(USAGE_HEADER + "\n" + GOOD_USAGE.replace("pool-1", longId) + "\n"
                + GOOD_USAGE.replace("pool-1", "r".repeat(100)) + "\n");
        assertThat(out.rejected()).extracting(MalformedRowException::reason)
                .containsExactly("resource_id is longer than 100 characters");
        assertThat(out.parsed()).hasSize(1);
    }

    @Test
    void a_unit_price_of_more_than_30_characters_is_a_malformed_row() throws IOException {
        Outcome<CatalogPrice> out = catalog(CATALOG_HEADER + "\n"
                + "sku-1,cn-1,PAY_AS_YOU_GO,MINUTE,0." + "1".repeat(29) + ",USD,2023-01-01T00:00:00Z,,true\n");
        assertThat(out.rejected()).extracting(MalformedRowException::reason)
                .containsExactly("unit_price has more than 30 characters");
    }

    @Test
    void header_names_are_case_insensitive_in_any_order_and_extra_columns_are_ignored() throws IOException {
        Outcome<UsageRecord> out = usage(
                "End_Time,SKU,Quantity,Comment,RECORD_ID,region,resource_class,Resource_Id,account_id,start_time\n"
                        + "2023-04-18T16:00:00+08:00,ml.gu7xf.8xlarge-gu108,2,ignored,u-1,cn-wulanchabu,dedicated_pool,pool-1,acc-1,2023-04-18T15:29:16+08:00\n");
        assertThat(out.rejected()).isEmpty();
        UsageRecord u = out.parsed().get(0);
        assertThat(u.recordId()).isEqualTo("u-1");
        assertThat(u.resourceId()).isEqualTo("pool-1");
        assertThat(u.resourceClass()).isEqualTo(ResourceClass.DEDICATED_POOL);   // enumerations match case-insensitively
        assertThat(u.quantity()).isEqualTo(2);
        assertThat(u.interval()).isEqualTo(Interval.of("2023-04-18T07:29:16Z", "2023-04-18T08:00:00Z"));
        // 2 nodes × 1844 s
        assertThat(u.nodeSeconds()).isEqualTo(3688);
    }

    @Test
    void a_leading_bom_and_crlf_line_ends_are_accepted() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write((USAGE_HEADER + "\r\n" + GOOD_USAGE + "\r\n" + GOOD_USAGE.replace("u-1", "u-2") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Outcome<UsageRecord> out = read(InputKind.USAGE, write("usage.csv", bytes.toByteArray()), SHANGHAI, UsageRows::parse);
        assertThat(out.rejected()).isEmpty();
        assertThat(out.parsed()).extracting(UsageRecord::recordId).containsExactly("u-1", "u-2");
        // no stray carriage return in the last column
        assertThat(out.parsed().get(1).interval().end()).isEqualTo(Instant.parse("2023-04-18T08:00:00Z"));
        assertThat(out.parsed()).extracting(u -> u.source().line()).containsExactly(2L, 3L);
    }

    @Test
    void quoted_fields_may_hold_commas_doubled_quotes_and_line_breaks() throws IOException {
        Outcome<UsageRecord> out = usage(USAGE_HEADER + "\n"
                + "\"u-1\",acc-1,\"pool, \"\"blue\"\"\",DEDICATED_POOL,cn-wulanchabu,ml.gu7xf.8xlarge-gu108,2,2023-04-18T15:29:16+08:00,2023-04-18T16:00:00+08:00\n"
                + "u-2,\"acc\n1\",pool-2,DEDICATED_POOL,cn-wulanchabu,ml.gu7xf.8xlarge-gu108,1,2023-04-18T15:00:00+08:00,2023-04-18T16:00:00+08:00\n"
                + "u-3,acc-1,pool-3,DEDICATED_POOL,cn-wulanchabu,ml.gu7xf.8xlarge-gu108,1,2023-04-18T15:00:00+08:00,bad\n");
        assertThat(out.parsed()).extracting(UsageRecord::resourceId).containsExactly("pool, \"blue\"", "pool-2");
        assertThat(out.parsed().get(1).accountId()).isEqualTo("acc\n1");
        // the record with a line break spans lines 3–4, so the next record starts on line 5
        assertThat(out.parsed()).extracting(u -> u.source().line()).containsExactly(2L, 3L);
        assertThat(out.rejected()).singleElement().extracting(e -> e.source().line()).isEqualTo(5L);
    }

    @Test
    void blank_lines_are_not_rows_but_still_count_for_line_numbers() throws IOException {
        Outcome<UsageRecord> out = usage(USAGE_HEADER + "\n\n" + GOOD_USAGE + "\n\n"
                + GOOD_USAGE.replace("u-1", "u-2").replace(",2,", ",0,") + "\n");
        assertThat(out.parsed()).extracting(u -> u.source().line()).containsExactly(3L);
        assertThat(out.rejected()).singleElement().satisfies(e -> {
            assertThat(e.source().line()).isEqualTo(5L);
            assertThat(e.source().file()).isEqualTo("usage.csv");
        });
    }

    @Test
    void a_timestamp_without_offset_is_read_in_the_billing_zone() throws IOException {
        String row = GOOD_USAGE.replace("2023-04-18T15:29:16+08:00", "2023-04-18T15:29:16")
                .replace("2023-04-18T16:00:00+08:00", "2023-04-18T16:00:00");
        Path file = write("usage.csv", USAGE_HEADER + "\n" + row + "\n");
        // Asia/Shanghai: 15:29:16 local = 07:29:16Z
        assertThat(read(InputKind.USAGE, file, SHANGHAI, UsageRows::parse).parsed().get(0).interval().start())
                .isEqualTo(Instant.parse("2023-04-18T07:29:16Z"));
        // America/New_York (EDT, UTC−4): 15:29:16 local = 19:29:16Z
        assertThat(read(InputKind.USAGE, file, ZoneId.of("America/New_York"), UsageRows::parse).parsed().get(0).interval().start())
                .isEqualTo(Instant.parse("2023-04-18T19:29:16Z"));
    }

    @Test
    void timestamps_with_an_offset_or_z_do_not_depend_on_the_billing_zone() throws IOException {
        String row = GOOD_USAGE.replace("2023-04-18T15:29:16+08:00", "2023-04-18T07:29:16Z")
                .replace("2023-04-18T16:00:00+08:00", "2023-04-18T03:00:00-05:00");
        Path file = write("usage.csv", USAGE_HEADER + "\n" + row + "\n");
        for (String zone : List.of("UTC", "Asia/Kolkata", "America/New_York")) {
            Interval i = read(InputKind.USAGE, file, ZoneId.of(zone), UsageRows::parse).parsed().get(0).interval();
            assertThat(i).isEqualTo(Interval.of("2023-04-18T07:29:16Z", "2023-04-18T08:00:00Z"));
        }
    }

    @Test
    void an_interval_of_exactly_31_days_is_accepted() throws IOException {
        Outcome<UsageRecord> out = usage(USAGE_HEADER + "\n"
                + GOOD_USAGE.replace("2023-04-18T15:29:16+08:00", "2023-03-01T00:00:00Z").replace("2023-04-18T16:00:00+08:00", "2023-04-01T00:00:00Z") + "\n");
        assertThat(out.rejected()).isEmpty();
        assertThat(out.parsed().get(0).interval().seconds()).isEqualTo(31L * 86400);
    }

    @Test
    void catalog_rows_normalise_prices_and_default_open_end_and_in_stock() throws IOException {
        Outcome<CatalogPrice> out = catalog(CATALOG_HEADER + "\n"
                + "ml.gu7xf.8xlarge-gu108,cn-wulanchabu,pay_as_you_go,minute,0.730,usd,2023-01-01T00:00:00Z,,\n"
                + "ecs.g7.xlarge-4c16g,cn-shanghai,SUBSCRIPTION,MONTH,78.94,USD,2023-01-01T00:00:00Z,2024-01-01T00:00:00Z,false\n"
                + "ecs.g7.xlarge-4c16g,cn-tokyo,SUBSCRIPTION,YEAR,100,JPY,2023-01-01T00:00:00Z,,TRUE\n");
        assertThat(out.rejected()).isEmpty();
        CatalogPrice payg = out.parsed().get(0);
        assertThat(payg.mode()).isEqualTo(BillingMode.PAY_AS_YOU_GO);
        assertThat(payg.unit()).isEqualTo(PriceUnit.MINUTE);
        assertThat(payg.unitPrice()).hasToString("0.73");    // 0.730 and 0.73 are one price
        assertThat(payg.currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(payg.effectiveTo()).isNull();
        assertThat(payg.inStock()).isTrue();
        CatalogPrice monthly = out.parsed().get(1);
        assertThat(monthly.inStock()).isFalse();
        assertThat(monthly.effectiveTo()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(out.parsed().get(2).unitPrice()).hasToString("100");
    }

    @Test
    void order_rows_imply_the_mode_of_renewals_changes_and_releases() throws IOException {
        Outcome<Order> out = orders(ORDER_HEADER + "\n"
                + "o-1,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,NEW,PAY_AS_YOU_GO,2023-04-18T15:29:16+08:00,,,,PAID\n"
                + "o-2,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,CHANGE_TO_SUBSCRIPTION,,2023-04-18T16:30:30+08:00,1,MONTH,true,PAID\n"
                + "o-3,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,renew,subscription,2023-05-01T00:00:00+08:00,1,year,,unpaid\n"
                + "o-4,acc-1,pool-2,DEDICATED_POOL,cn-wulanchabu,sku-a,3,RELEASE,,2023-05-01T00:00:00+08:00,,,,CANCELLED\n");
        assertThat(out.rejected()).isEmpty();
        Order buy = out.parsed().get(0);
        assertThat(buy.type()).isEqualTo(OrderType.NEW);
        assertThat(buy.billingMode()).isEqualTo(BillingMode.PAY_AS_YOU_GO);
        assertThat(buy.term()).isNull();
        assertThat(buy.autoRenew()).isFalse();   // empty = false
        Order change = out.parsed().get(1);
        assertThat(change.billingMode()).isEqualTo(BillingMode.SUBSCRIPTION);
        assertThat(change.term()).isEqualTo(new TermLength(1, PriceUnit.MONTH));
        assertThat(change.autoRenew()).isTrue();
        assertThat(change.effectiveAt()).isEqualTo(Instant.parse("2023-04-18T08:30:30Z"));
        Order renewal = out.parsed().get(2);
        assertThat(renewal.term().months()).isEqualTo(12);
        assertThat(renewal.status()).isEqualTo(OrderStatus.UNPAID);
        Order release = out.parsed().get(3);
        assertThat(release.billingMode()).isEqualTo(BillingMode.PAY_AS_YOU_GO);
        assertThat(release.quantity()).isEqualTo(3);
        assertThat(release.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    // ------------------------------------------------------------------ malformed rows

    /** The bad row is line 3, between two good rows that must still be read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad number        | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,2.5,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | bad integer for quantity",
            "bad timestamp     | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-04-31T15:00:00Z,2023-05-01T16:00:00Z | bad timestamp for start_time",
            "unknown enum      | u-9,acc-1,pool-1,GPU_POOL,cn-wulanchabu,sku-a,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | unknown resource_class: 'GPU_POOL'",
            "missing value     | u-9,acc-1,,DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | missing value for resource_id",
            "too many fields   | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z,x | 10 fields where the header has 9",
            "too few fields    | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-04-18T15:00:00Z | 8 fields where the header has 9",
            "end equals start  | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-04-18T15:00:00Z,2023-04-18T15:00:00Z | end_time is not after start_time",
            "end before start  | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-04-18T15:00:00Z,2023-04-18T14:00:00Z | end_time is not after start_time",
            "over 31 days      | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-03-01T00:00:00Z,2023-04-01T00:00:01Z | longer than 31 days",
            "quantity zero     | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,0,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | quantity must be at least 1",
            "negative quantity | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,-1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | bad integer for quantity",
            "ten digits        | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,1000000000,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | bad integer for quantity",
            "plus sign         | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,+2,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | bad integer for quantity",
            "non-ASCII digit   | u-9,acc-1,pool-1,DEDICATED_POOL,cn-wulanchabu,sku-a,\u0662,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z | bad integer for quantity",
    })
    void a_malformed_usage_row_is_rejected_with_its_line_and_reason(String kind, String badRow, String reason) throws IOException {
        Outcome<UsageRecord> out = usage(USAGE_HEADER + "\n" + GOOD_USAGE + "\n" + badRow + "\n"
                + GOOD_USAGE.replace("u-1", "u-2") + "\n");
        assertThat(out.parsed()).extracting(UsageRecord::recordId).containsExactly("u-1", "u-2");
        assertThat(out.rejected()).singleElement().satisfies(e -> {
            assertThat(e.source().line()).isEqualTo(3L);
            assertThat(e.source().file()).isEqualTo("usage.csv");
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void bytes_that_are_not_utf8_reject_only_their_row() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((USAGE_HEADER + "\n" + GOOD_USAGE + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.write("u-9,acc-1,pool-".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF});   // an invalid 2-byte sequence and a stray 0xFF
        bytes.write((",DEDICATED_POOL,cn-wulanchabu,sku-a,1,2023-04-18T15:00:00Z,2023-04-18T16:00:00Z\n"
                + GOOD_USAGE.replace("u-1", "u-2") + "\n").getBytes(StandardCharsets.UTF_8));
        Outcome<UsageRecord> out = read(InputKind.USAGE, write("usage.csv", bytes.toByteArray()), SHANGHAI, UsageRows::parse);
        assertThat(out.parsed()).extracting(UsageRecord::recordId).containsExactly("u-1", "u-2");
        assertThat(out.rejected()).singleElement().satisfies(e -> {
            assertThat(e.source().line()).isEqualTo(3L);
            assertThat(e.reason()).contains("not UTF-8");
        });
    }

    @Test
    void a_timestamp_with_a_fraction_of_a_second_is_rejected() throws IOException {
        Outcome<UsageRecord> out = usage(USAGE_HEADER + "\n"
                + GOOD_USAGE.replace("2023-04-18T15:29:16+08:00", "2023-04-18T15:29:16.5+08:00") + "\n");
        assertThat(out.rejected()).singleElement().extracting(MalformedRowException::reason).asString()
                .contains("start_time");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "decimal comma          | sku-a,cn-1,PAY_AS_YOU_GO,MINUTE,\"0,73\",USD,2023-01-01T00:00:00Z,,    | bad decimal for unit_price",
            "grouped decimal        | sku-a,cn-1,SUBSCRIPTION,MONTH,\"23,932.70\",USD,2023-01-01T00:00:00Z,,| bad decimal for unit_price",
            "negative price         | sku-a,cn-1,PAY_AS_YOU_GO,MINUTE,-0.73,USD,2023-01-01T00:00:00Z,,      | bad decimal for unit_price",
            "unknown price unit     | sku-a,cn-1,PAY_AS_YOU_GO,DAY,0.73,USD,2023-01-01T00:00:00Z,,          | unknown price_unit: 'DAY'",
            "unit against mode      | sku-a,cn-1,PAY_AS_YOU_GO,MONTH,0.73,USD,2023-01-01T00:00:00Z,,        | does not go with billing_mode",
            "unknown currency       | sku-a,cn-1,PAY_AS_YOU_GO,MINUTE,0.73,XYZ1,2023-01-01T00:00:00Z,,      | unknown currency",
            "bad boolean            | sku-a,cn-1,PAY_AS_YOU_GO,MINUTE,0.73,USD,2023-01-01T00:00:00Z,,maybe  | bad boolean for in_stock",
            "window ends before     | sku-a,cn-1,PAY_AS_YOU_GO,MINUTE,0.73,USD,2023-02-01T00:00:00Z,2023-01-01T00:00:00Z, | effective_to is not after effective_from",
            "missing effective_from | sku-a,cn-1,PAY_AS_YOU_GO,MINUTE,0.73,USD,,,                          | missing value for effective_from",
    })
    void a_malformed_catalog_row_is_rejected_with_its_line_and_reason(String kind, String badRow, String reason) throws IOException {
        Outcome<CatalogPrice> out = catalog(CATALOG_HEADER + "\n"
                + "sku-a,cn-1,PAY_AS_YOU_GO,MINUTE,0.73,USD,2023-01-01T00:00:00Z,,\n" + badRow.trim() + "\n");
        assertThat(out.parsed()).hasSize(1);
        assertThat(out.rejected()).singleElement().satisfies(e -> {
            assertThat(e.source().line()).isEqualTo(3L);
            assertThat(e.reason()).contains(reason);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown order type        | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,UPGRADE,,2023-04-18T10:00:00Z,,,,PAID                   | unknown order_type: 'UPGRADE'",
            "NEW without billing mode  | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,NEW,,2023-04-18T10:00:00Z,,,,PAID                       | missing value for billing_mode",
            "subscription without term | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,NEW,SUBSCRIPTION,2023-04-18T10:00:00Z,,,,PAID           | missing value for duration",
            "term unit not a term      | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,RENEW,,2023-04-18T10:00:00Z,1,HOUR,,PAID                | duration_unit must be MONTH or YEAR",
            "zero duration             | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,RENEW,,2023-04-18T10:00:00Z,0,MONTH,,PAID               | duration must be at least 1",
            "zero quantity             | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,0,NEW,PAY_AS_YOU_GO,2023-04-18T10:00:00Z,,,,PAID          | quantity must be at least 1",
            "unknown status            | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,NEW,PAY_AS_YOU_GO,2023-04-18T10:00:00Z,,,,REFUNDED      | unknown status: 'REFUNDED'",
            "bad auto_renew            | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,RENEW,,2023-04-18T10:00:00Z,1,MONTH,yes,PAID            | bad boolean for auto_renew",
            "bad effective_at          | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,NEW,PAY_AS_YOU_GO,18/04/2023 10:00,,,,PAID              | bad timestamp for effective_at",
            "mode contradicts type     | o-9,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,RELEASE,SUBSCRIPTION,2023-04-18T10:00:00Z,,,,PAID       | contradicts order_type RELEASE",
    })
    void a_malformed_order_row_is_rejected_with_its_line_and_reason(String kind, String badRow, String reason) throws IOException {
        Outcome<Order> out = orders(ORDER_HEADER + "\n"
                + "o-1,acc-1,pool-1,DEDICATED_POOL,cn-1,sku-a,1,NEW,PAY_AS_YOU_GO,2023-04-18T10:00:00Z,,,,PAID\n"
                + badRow.trim() + "\n");
        assertThat(out.parsed()).extracting(Order::orderId).containsExactly("o-1");
        assertThat(out.rejected()).singleElement().satisfies(e -> {
            assertThat(e.source().line()).isEqualTo(3L);
            assertThat(e.source().file()).isEqualTo("orders.csv");
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void check_shape_rejects_a_row_whose_field_count_differs_from_the_header() throws IOException {
        Path file = write("usage.csv", "record_id,quantity\nu-1,2,extra\n");
        try (CsvFileReader reader = new CsvFileReader(InputKind.USAGE, file)) {
            CsvRecord row = reader.next();
            assertThatThrownBy(() -> CsvFileReader.checkShape(row)).isInstanceOf(MalformedRowException.class)
                    .hasMessage("3 fields where the header has 2");
        }
    }
}
